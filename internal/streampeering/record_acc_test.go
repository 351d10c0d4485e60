package streampeering_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccVPCPeeringAccepter_unknownAcceptIsRecorded: Atlas applies the
// accept but its answer is a 500, and the reads that would tell fail too.
// The peering is recorded in state (with a warning, not an error: a
// tainted record would make the next apply delete the accepted peering to
// accept it again, which Atlas cannot), the refresh after the apply reads
// it accepted, and the next plan keeps it, ACTIVE.
func TestAccVPCPeeringAccepter_unknownAcceptIsRecorded(t *testing.T) {
	srv := atlasmock.NewServer(t)
	seed(t, srv, pcx)
	front := acctest.NewFront(t, srv)
	var mu sync.Mutex
	accepted, failedReads := false, 0
	fail := acctest.Answering(http.StatusInternalServerError, "UNEXPECTED_ERROR")
	// The accept is applied and answered 500; the read that would tell,
	// sent twice (max_retries = 1), fails too; the refresh after the
	// apply gets through.
	front.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, ":accept"):
			accepted = true
			return front.AppliedThen(fail)(w, r)
		case accepted && r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/vpcPeering") && failedReads < 2:
			failedReads++
			return fail(w, r)
		}
		return false
	})
	config := front.Provider(t) + fmt.Sprintf(`
resource "atlasmini_stream_vpc_peering_accepter" "test" {
  project_id                = %q
  vpc_peering_connection_id = %q
  requester_account_id      = %q
  requester_vpc_id          = %q
}
`, projectID, pcx, account, vpc)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("vpc_peering_connection_id"), knownvalue.StringExact(pcx)),
				},
			},
			{
				PreConfig: func() { front.Set(acctest.FromStart, nil) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("local_status"), knownvalue.StringExact("ACTIVE")),
				},
			},
		},
	})
	mu.Lock()
	defer mu.Unlock()
	if !accepted || failedReads == 0 {
		t.Errorf("the test's faults did not happen: accept seen %v, %d reads failed", accepted, failedReads)
	}
}
