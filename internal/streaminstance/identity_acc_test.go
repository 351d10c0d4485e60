package streaminstance_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// needsIdentity skips a test on Terraform or OpenTofu before 1.12, which
// have no resource identity.
var needsIdentity = acctest.NeedsIdentity

// identityOf is the identity an instance named name must have.
func identityOf(name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"project_id": knownvalue.StringExact(projectID), "name": knownvalue.StringExact(name)}
}

func TestAccStreamInstance_identityFromCreateOnward(t *testing.T) {
	srv := atlasmock.NewServer(t)
	sameIdentity := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsIdentity,
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: tierConfig(srv, "known", "AWS", "OHIO_USA", "SP10"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, identityOf("known")),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("project_id")),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("name")),
					sameIdentity.AddStateValue(addr, tfjsonpath.New("id")),
				},
			},
			{
				// An update in place keeps the identity.
				Config: tierConfig(srv, "known", "GCP", "US_EAST4", "SP30"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(addr, identityOf("known")),
					sameIdentity.AddStateValue(addr, tfjsonpath.New("id")),
				},
			},
			{
				// Import by identity, then an empty plan.
				Config: tierConfig(srv, "known", "GCP", "US_EAST4", "SP30"), ResourceName: addr,
				ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
			{
				// The string IDs keep working beside it.
				Config: tierConfig(srv, "known", "GCP", "US_EAST4", "SP30"), ResourceName: addr,
				ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: projectID + "-known",
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
		},
	})
}

// TestAccStreamInstance_stateWithoutIdentityUpgradesOnRefresh applies with
// a provider that has no identity, as this one before identities, then
// plans with this one: the refresh adds the identity and nothing changes.
func TestAccStreamInstance_stateWithoutIdentityUpgradesOnRefresh(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := instanceConfig(srv, "older", "")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: needsIdentity,
		CheckDestroy:           checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
					"atlasmini": func() (tfprotov6.ProviderServer, error) {
						s, err := factories["atlasmini"]()
						return withoutIdentity{s}, err
					},
				},
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), storedID(srv, "older")),
					noIdentity{},
				},
			},
			{
				ProtoV6ProviderFactories: factories,
				Config:                   cfg,
				ConfigPlanChecks:         resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks:        []statecheck.StateCheck{statecheck.ExpectIdentity(addr, identityOf("older"))},
			},
		},
	})
}

// withoutIdentity serves the provider as it was before resource identity:
// no identity schema and no identity in any answer.
type withoutIdentity struct{ tfprotov6.ProviderServer }

func (w withoutIdentity) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov6.ResourceIdentitySchema{}}, nil
}

func (w withoutIdentity) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := w.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		resp.PlannedIdentity = nil
	}
	return resp, err
}

func (w withoutIdentity) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := w.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (w withoutIdentity) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := w.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

// noIdentity checks that the instance in state has no identity.
type noIdentity struct{}

func (noIdentity) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == addr && len(r.IdentityValues) > 0 {
			resp.Error = fmt.Errorf("%s has identity %v, want none", addr, r.IdentityValues)
		}
	}
}
