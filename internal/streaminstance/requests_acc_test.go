package streaminstance_test

import (
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// TestAccStreamInstance_oneRequestPerCall counts what reaches the API with
// a bearer token (no challenge round trips): a create is one POST, an
// update one PATCH, a refresh one GET.
func TestAccStreamInstance_oneRequestPerCall(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := func(tier string) string {
		return tokenProvider(t, srv) + fmt.Sprintf(`
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = "counted"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "OHIO_USA"
  }
  stream_config = {
    tier = %q
  }
}`, projectID, tier)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{PreConfig: srv.ResetCounts, Config: cfg("SP10"), ConfigStateChecks: []statecheck.StateCheck{requestsSince(srv, map[string]int64{post: 1, get: 0, patch: 0})}},
			// Terraform refreshes before planning the update.
			{Config: cfg("SP30"), ConfigStateChecks: []statecheck.StateCheck{requestsSince(srv, map[string]int64{post: 0, get: 2, patch: 1})}},
			{
				Config:           cfg("SP30"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				// The post-apply re-plan of step 2 and this step's plan:
				// one refresh each.
				ConfigStateChecks: []statecheck.StateCheck{requestsSince(srv, map[string]int64{post: 0, get: 2, patch: 0})},
			},
			// A destroy is three requests: the refresh, the DELETE, and one
			// read that sees the 404. The DELETE's 202 proved the URL, so the
			// 404 needs no list to confirm it.
			{PreConfig: srv.ResetCounts, Config: cfg("SP30"), Destroy: true},
			{
				PreConfig: func() {
					got := srv.Counts()
					want := map[string]int64{get: 2, del: 1}
					var total int64
					for _, n := range got {
						total += n
					}
					if total != 3 || got[get] != want[get] || got[del] != want[del] {
						t.Errorf("the destroy made %d requests %v, want 3: %v", total, got, want)
					}
				},
				Config: tokenProvider(t, srv),
			},
		},
	})
}
