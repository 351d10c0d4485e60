package streamconnection_test

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

// TestAccStreamConnectionFailover_lostAnswersConverge creates a Kafka and a
// Cluster connection with their failover copies, changes the Kafka copy
// (the PATCH) and destroys everything, against a mock that loses the
// answer of every first request after applying it, and one that fails a
// third of the requests with 500 without applying them: no copy is
// created twice, left behind or forgotten.
func TestAccStreamConnectionFailover_lostAnswersConverge(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    atlasmock.Options
		faulted func(l *acctest.StatusLog) error
	}{
		{"every first answer lost", atlasmock.Options{LoseResponses: 1, LoseOnlyFirst: true}, func(l *acctest.StatusLog) error {
			if posts, patches, deletes := l.Count("/failoverConnections", "499", "POST"), l.Count("/failoverConnections", "499", "PATCH"),
				l.Count("/failoverConnections", "499", "DELETE"); posts < 2 || patches < 1 || deletes < 2 {
				return fmt.Errorf("answers lost: %d POST, %d PATCH, %d DELETE; want 2, 1 and 2 at least", posts, patches, deletes)
			}
			return nil
		}},
		{"a third of the requests fail with 500", atlasmock.Options{FailRate: 0.3, FailCodes: []int{http.StatusInternalServerError}, Seed: 26}, func(l *acctest.StatusLog) error {
			if n := l.Count("/failoverConnections", "500"); n == 0 {
				return fmt.Errorf("no request under /failoverConnections was answered 500")
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &acctest.StatusLog{}
			tc.opts.Logger = log.New(l, "", 0)
			srv := newFailoverServer(t, tc.opts)
			cfg := func(servers string) string {
				return acctest.OwnerProvider(srv) + fmt.Sprintf(`
resource "atlasmini_stream_connection" "events" {
  project_id    = %[1]q
  instance_name = %[2]q
  name          = "events"
  type          = "Kafka"
  kafka         = { bootstrap_servers = "primary:9092" }
}

resource "atlasmini_stream_connection_failover" "events" {
  project_id      = %[1]q
  instance_name   = %[2]q
  connection_name = atlasmini_stream_connection.events.name
  region          = "DUBLIN_IRL"
  kafka           = { bootstrap_servers = %[3]q }
}

resource "atlasmini_stream_connection" "warehouse" {
  project_id    = %[1]q
  instance_name = %[2]q
  name          = "warehouse"
  type          = "Cluster"
  cluster       = { cluster_name = "Primary0" }
}

resource "atlasmini_stream_connection_failover" "warehouse" {
  project_id      = %[1]q
  instance_name   = %[2]q
  connection_name = atlasmini_stream_connection.warehouse.name
  region          = "OREGON_USA"
  cluster         = { cluster_name = "Replica0" }
}
`, projectID, instance, servers)
			}
			holds := func(servers string) resource.TestCheckFunc {
				return func(s *terraform.State) error {
					for _, c := range []struct{ name, region string }{{"events", "DUBLIN_IRL"}, {"warehouse", "OREGON_USA"}} {
						conn, _ := stored(srv, c.name)
						if len(conn.Failovers) != 1 {
							return fmt.Errorf("the mock holds %d failover connections of %q, want 1", len(conn.Failovers), c.name)
						}
						rs := s.RootModule().Resources["atlasmini_stream_connection_failover."+c.name]
						if rs == nil || rs.Primary.Attributes["id"] != conn.Failovers[0].ID {
							return fmt.Errorf("%s: the state does not hold the mock's failover connection %s", c.name, conn.Failovers[0].ID)
						}
					}
					f, _ := storedFailover(srv, "events", "DUBLIN_IRL")
					if !sameJSON(f.Members["bootstrapServers"], fmt.Sprintf("%q", servers)) {
						return fmt.Errorf("the mock holds bootstrapServers %s, want %q", f.Members["bootstrapServers"], servers)
					}
					return nil
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkGone(srv),
				Steps: []resource.TestStep{
					{Config: cfg("dublin-1:9092"), Check: holds("dublin-1:9092")},
					{Config: cfg("dublin-2:9092"), Check: holds("dublin-2:9092")},
				},
			})
			if err := tc.faulted(l); err != nil {
				t.Error(err)
			}
		})
	}
}
