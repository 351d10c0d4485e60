package streaminstance_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A configuration that leaves failover_regions or sample_connections out
// keeps what the instance has: Atlas sets both once, so a replacement
// would delete the instance with its connections and processors for a
// setting nobody wrote.

// TestAccStreamInstance_failoverAddedOutsideTerraformIsKept adds failover
// regions with the API behind Terraform's back: the next plan is empty,
// the state shows them, and only a configuration that sets a different
// list replaces the instance.
func TestAccStreamInstance_failoverAddedOutsideTerraformIsKept(t *testing.T) {
	srv := atlasmock.NewServer(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	cfg := workspaceConfig(t, srv, "outside", "VIRGINIA_USA", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))}},
			{
				PreConfig: func() {
					_, err := apiClient(t, srv).UpdateStreamInstance(context.Background(), projectID, "outside",
						atlas.UpdateRequest{FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "OREGON_USA"}}})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("failover_regions"), failoverChecks("OREGON_USA")),
				},
			},
			{
				// The same list written out changes nothing either.
				Config:           workspaceConfig(t, srv, "outside", "VIRGINIA_USA", "", "OREGON_USA"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: workspaceConfig(t, srv, "outside", "VIRGINIA_USA", "", "OHIO_USA"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacedBy("failover_regions"),
				}},
				ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "outside", "VIRGINIA_USA", "SP30", "", "OHIO_USA")},
			},
		},
	})
}

// TestAccStreamInstance_unsetSampleConnectionsNeverReplaces imports an
// instance that has the sample connection into a configuration without
// sample_connections, as a move from MongoDB's provider leaves it: the
// import plans no change and later plans stay empty. Writing solar =
// false, a value the instance does not have, replaces it.
func TestAccStreamInstance_unsetSampleConnectionsNeverReplaces(t *testing.T) {
	srv := atlasmock.NewServer(t)
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: "sunny", CloudProvider: "AWS", Region: "VIRGINIA_USA", Solar: true}); err != nil {
		t.Fatal(err)
	}
	cfg := instanceConfig(srv, "sunny", "")
	importBlock := fmt.Sprintf("\nimport {\n  to = %s\n  id = \"%s/sunny\"\n}\n", addr, projectID)
	solar := func(v bool) string { return fmt.Sprintf("  sample_connections = { solar = %v }", v) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg + importBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sample_connections"), knownvalue.ObjectExact(map[string]knownvalue.Check{"solar": knownvalue.Bool(true)})),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{Config: instanceConfig(srv, "sunny", solar(true)), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config: instanceConfig(srv, "sunny", solar(false)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacedBy("sample_connections"),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
			// Leaving it out again keeps the instance without it.
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamInstance_replacementIsNotRefusedAsAnUpdate renames an
// instance in the same plan as changes an update could not make: a
// region change with new failover regions, and a max tier below the tier
// the old instance had. The replacement sends one create, which Atlas
// takes, so neither is refused at plan. The same max tier without the
// rename is an update, and is refused at plan with an error that says the
// tier came from state.
func TestAccStreamInstance_replacementIsNotRefusedAsAnUpdate(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: workspaceConfig(t, srv, "old-name", "VIRGINIA_USA", "")},
			{
				Config: workspaceConfig(t, srv, "new-name", "OHIO_USA", "", "OREGON_USA"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacedBy("name"),
				}},
				ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "new-name", "OHIO_USA", "SP30", "", "OREGON_USA")},
			},
			{
				// Lowering the max tier below the tier in state, in place.
				Config: workspaceConfig(t, srv, "new-name", "OHIO_USA", `    max_tier_size = "SP10"`, "OREGON_USA"),
				ExpectError: says("Tier Above Max Tier Size", `stream_config.tier "SP30" (not set in the configuration: the instance's current value, kept from state) is above stream_config.max_tier_size "SP10".`,
					"Set stream_config.tier to SP10 or lower in the same change, or keep max_tier_size at SP30 or above."),
			},
			{
				// With a rename the new instance starts at the max tier.
				Config: workspaceConfig(t, srv, "newer-name", "OHIO_USA", `    max_tier_size = "SP10"`, "OREGON_USA"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "newer-name", "OHIO_USA", "SP10", "SP10", "OREGON_USA")},
			},
		},
	})
}
