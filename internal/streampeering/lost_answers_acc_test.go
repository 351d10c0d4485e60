package streampeering_test

import (
	"fmt"
	"log"
	"net/http"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccVPCPeeringAccepter_lostAnswersConverge accepts and deletes two
// peerings against a mock that loses the answer of every first request
// after applying it, and one that fails a third of the requests with 500
// without applying them: each ends ACTIVE in state, and gone after the
// destroy, with no accept refused as a second one.
func TestAccVPCPeeringAccepter_lostAnswersConverge(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    atlasmock.Options
		faulted func(l *acctest.StatusLog) error
	}{
		{"every first answer lost", atlasmock.Options{LoseResponses: 1, LoseOnlyFirst: true}, func(l *acctest.StatusLog) error {
			if accepts, deletes := l.Count(":accept", "499", "POST"), l.Count("/vpcPeeringConnections/", "499", "DELETE"); accepts < 2 || deletes < 2 {
				return fmt.Errorf("answers lost: %d accepts, %d deletes; want 2 of each at least", accepts, deletes)
			}
			return nil
		}},
		{"a third of the requests fail with 500", atlasmock.Options{FailRate: 0.3, FailCodes: []int{http.StatusInternalServerError}, Seed: 26}, func(l *acctest.StatusLog) error {
			if n := l.Count("/vpcPeeringConnections", "500"); n == 0 {
				return fmt.Errorf("no request under /vpcPeeringConnections was answered 500")
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &acctest.StatusLog{}
			tc.opts.Logger = log.New(l, "", 0)
			srv := atlasmock.NewServer(t, tc.opts)
			names := []string{"pcx-0aaaaaaaaaaaaaaaa", "pcx-0bbbbbbbbbbbbbbbb"}
			cfg := providerBlock(srv)
			var checks []statecheck.StateCheck
			for i, name := range names {
				seed(t, srv, name)
				cfg += fmt.Sprintf(`
resource "atlasmini_stream_vpc_peering_accepter" "p%d" {
  project_id                = %q
  vpc_peering_connection_id = %q
  requester_account_id      = %q
  requester_vpc_id          = %q
}
`, i, projectID, name, account, vpc)
				checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("atlasmini_stream_vpc_peering_accepter.p%d", i), tfjsonpath.New("local_status"), knownvalue.StringExact("ACTIVE")))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkGone(srv),
				Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
			})
			if err := tc.faulted(l); err != nil {
				t.Error(err)
			}
		})
	}
}
