package streaminstance_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// manyConfig declares n instances named inst-0 .. inst-(n-1).
func manyConfig(srv *atlasmock.Server, n int) string {
	return ownerProvider(srv) + fmt.Sprintf(`
resource "atlasmini_stream_instance" "many" {
  count      = %d
  project_id = %q
  name       = "inst-${count.index}"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "OREGON_USA"
  }
}
`, n, projectID)
}

// mockMatchesState checks that the mock holds exactly the instances in
// Terraform's state, by name and _id: no duplicate, no orphan.
func mockMatchesState(srv *atlasmock.Server) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		want := map[string]string{}
		for _, rs := range s.RootModule().Resources {
			if rs.Type == "atlasmini_stream_instance" {
				want[rs.Primary.Attributes["name"]] = rs.Primary.ID
			}
		}
		got := map[string]string{}
		for _, in := range srv.Instances(projectID) {
			got[in.Name] = in.ID
		}
		if len(got) != len(want) {
			return fmt.Errorf("the mock holds %d instances, the state %d", len(got), len(want))
		}
		for name, id := range want {
			if got[name] != id {
				return fmt.Errorf("instance %s: state id %s, mock _id %q", name, id, got[name])
			}
		}
		return nil
	}
}

func TestAccStreamInstance_faultsConverge(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{FailRate: 0.3, RetryAfter: 0})
	const n = 20
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			// The framework plans again after the apply and fails on any
			// change, so convergence includes an empty re-plan.
			{Config: manyConfig(srv, n), Check: mockMatchesState(srv)},
		},
	})
	codes := srv.Counts()
	if codes["POST /api/atlas/v2/groups/{groupId}/streams"] <= n {
		t.Errorf("faults were not injected: %v", codes)
	}
}

func TestAccStreamInstance_lostResponsesConverge(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts atlasmock.Options
	}{
		{"every first attempt lost", atlasmock.Options{LoseResponses: 1, LoseOnlyFirst: true}},
		{"30 percent lost", atlasmock.Options{LoseResponses: 0.3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := atlasmock.NewServer(t, tc.opts)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: manyConfig(srv, 5), Check: mockMatchesState(srv)},
					{
						Config: ownerProvider(srv) + fmt.Sprintf(`
resource "atlasmini_stream_instance" "many" {
  count      = 5
  project_id = %q
  name       = "inst-${count.index}"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "OHIO_USA"
  }
  stream_config = {
    tier = "SP5"
  }
}`, projectID),
						Check: resource.ComposeTestCheckFunc(mockMatchesState(srv), func(*terraform.State) error {
							for _, in := range srv.Instances(projectID) {
								if in.Region != "OHIO_USA" || in.Tier != "SP5" {
									return fmt.Errorf("update not applied to %s: %s %s", in.Name, in.Region, in.Tier)
								}
							}
							return nil
						}),
					},
				},
			})
		})
	}
}

func TestAccStreamInstance_createAdoptsOnlyAMatchingInstance(t *testing.T) {
	// Every first POST is applied and its answer lost; the instance seeded
	// under the name of the second resource does not match its plan.
	srv := atlasmock.NewServer(t, atlasmock.Options{LoseResponses: 1, LoseOnlyFirst: true})
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: "clash", CloudProvider: "AZURE", Region: "eastus"}); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config:      instanceConfig(srv, "clash", ""),
			ExpectError: errLike("a stream instance of that name now exists with other settings"),
		}},
	})
	names := []string{}
	for _, in := range srv.Instances(projectID) {
		names = append(names, in.Name)
	}
	if !slices.Equal(names, []string{"clash"}) {
		t.Errorf("mock holds %v", names)
	}
}

func TestAccStreamInstance_timeoutIsHonoured(t *testing.T) {
	// Every request takes 3 s, so a 1 s create timeout must fire.
	srv := atlasmock.NewServer(t, atlasmock.Options{Latency: 3 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: instanceConfig(srv, "slowpoke", `
  timeouts = {
    create = "1s"
  }`),
			ExpectError: errLike("did not finish within its timeout of 1s; raise it with the timeouts attribute"),
		}},
	})
}
