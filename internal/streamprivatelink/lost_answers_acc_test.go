package streamprivatelink_test

import (
	"fmt"
	"log"
	"net/http"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccPrivateLink_lostAnswersConverge creates three endpoints, sets the
// domain of one (the PATCH) and destroys them, against a mock that loses
// the answer of every first request after applying it, and one that fails
// a third of the requests with 500 without applying them: no endpoint is
// created twice, left behind or forgotten, and a PATCH whose answer was
// lost (and whose resend Atlas refuses, the domain being set) still ends
// the update.
func TestAccPrivateLink_lostAnswersConverge(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    atlasmock.Options
		faulted func(l *acctest.StatusLog) error
	}{
		{"every first answer lost", atlasmock.Options{LoseResponses: 1, LoseOnlyFirst: true}, func(l *acctest.StatusLog) error {
			if posts, patches, deletes := l.Count("/privateLinkConnections", "499", "POST"), l.Count("/privateLinkConnections", "499", "PATCH"),
				l.Count("/privateLinkConnections", "499", "DELETE"); posts < 3 || patches < 1 || deletes < 3 {
				return fmt.Errorf("answers lost: %d POST, %d PATCH, %d DELETE; want 3, 1 and 3 at least", posts, patches, deletes)
			}
			return nil
		}},
		{"a third of the requests fail with 500", atlasmock.Options{FailRate: 0.3, FailCodes: []int{http.StatusInternalServerError}, Seed: 25}, func(l *acctest.StatusLog) error {
			if n := l.Count("/privateLinkConnections", "500"); n == 0 {
				return fmt.Errorf("no request under /privateLinkConnections was answered 500")
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &acctest.StatusLog{}
			tc.opts.Logger = log.New(l, "", 0)
			srv := atlasmock.NewServer(t, tc.opts)
			cfg := func(domain string) string {
				return providerBlock(srv) + fmt.Sprintf(`
resource "atlasmini_stream_privatelink_endpoint" "kinesis" {
  project_id    = %[1]q
  provider_name = "AWS"
  vendor        = "KINESIS"
  region        = "us-east-1"
}

resource "atlasmini_stream_privatelink_endpoint" "generic" {
  project_id          = %[1]q
  provider_name       = "AWS"
  region              = "us-east-1"
  service_endpoint_id = "com.amazonaws.vpce.us-east-1.vpce-svc-lost"
  dns_domain          = "lost.kafka.example.net"
}

resource "atlasmini_stream_privatelink_endpoint" "confluent" {
  project_id          = %[1]q
  provider_name       = "AWS"
  vendor              = "CONFLUENT"
  region              = "us-east-1"
  service_endpoint_id = "com.amazonaws.vpce.us-east-1.vpce-svc-confluent"
%[2]s
}
`, projectID, domain)
			}
			holds := func(domain string) resource.TestCheckFunc {
				return func(s *terraform.State) error {
					links := srv.PrivateLinks(projectID)
					if len(links) != 3 {
						return fmt.Errorf("the mock holds %d endpoints, want 3", len(links))
					}
					byID := map[string]atlasmock.PrivateLink{}
					for _, l := range links {
						byID[l.ID] = l
					}
					for _, name := range []string{"kinesis", "generic", "confluent"} {
						rs := s.RootModule().Resources["atlasmini_stream_privatelink_endpoint."+name]
						if rs == nil {
							return fmt.Errorf("%s is not in state", name)
						}
						l, ok := byID[rs.Primary.Attributes["id"]]
						if !ok {
							return fmt.Errorf("%s: state id %q is no endpoint of the mock", name, rs.Primary.Attributes["id"])
						}
						if name == "confluent" && l.DNSDomain != domain {
							return fmt.Errorf("confluent: the mock holds dns_domain %q, want %q", l.DNSDomain, domain)
						}
					}
					return nil
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkGone(srv),
				Steps: []resource.TestStep{
					{Config: cfg(""), Check: holds("")},
					{Config: cfg(`  dns_domain = "lkc-lost.us-east-1.aws.confluent.cloud"`), Check: holds("lkc-lost.us-east-1.aws.confluent.cloud")},
				},
			})
			if err := tc.faulted(l); err != nil {
				t.Error(err)
			}
		})
	}
}
