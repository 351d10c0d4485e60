package streamprocessor_test

import (
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The version checks of identity and query tests (acctest says why).
var (
	needsIdentity = acctest.NeedsIdentity
	needsQuery    = acctest.NeedsQuery
)

const procList = "GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}/processors"

// identityOf is the identity a processor of "ingest" named name has.
func identityOf(name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"project_id": knownvalue.StringExact(projectID), "instance_name": knownvalue.StringExact(instance), "name": knownvalue.StringExact(name)}
}

// seedProcessors gives "ingest" a processor in each state: idle
// (CREATED), busy (STARTED), paused (STOPPED) and broken (FAILED, with a
// DLQ).
func seedProcessors(t *testing.T, srv *atlasmock.Server) {
	t.Helper()
	c := ownerClient(t, srv)
	for _, p := range []struct{ name, state string }{{"idle", ""}, {"busy", "STARTED"}, {"paused", "STOPPED"}, {"broken", "FAILED"}} {
		outsideTerraform(t, c, instance, p.name, "warehouse")
		if p.state != "" {
			if err := srv.SetProcessorState(projectID, instance, p.name, p.state); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func queryStep(t *testing.T, srv *atlasmock.Server, config, args string, checks ...querycheck.QueryResultCheck) resource.TestStep {
	return resource.TestStep{Query: true, QueryResultChecks: checks, Config: providerBlock(t, srv) + fmt.Sprintf(`
list "atlasmini_stream_processor" "found" {
  provider = atlasmini
%s
  config {
    project_id    = %q
    instance_name = %q
%s
  }
}
`, args, projectID, instance, config)}
}

const listAddr = "atlasmini_stream_processor.found"

// TestAccStreamProcessorList_identityStateAndResource finds the processors
// by terraform query, with and without a state filter and the resource.
func TestAccStreamProcessorList_identityStateAndResource(t *testing.T) {
	srv, _ := newServer(t)
	seedProcessors(t, srv)
	byName := func(n string) queryfilter.QueryFilter { return queryfilter.ByResourceIdentity(identityOf(n)) }
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			queryStep(t, srv, "", "",
				querycheck.ExpectLength(listAddr, 4),
				querycheck.ExpectIdentity(listAddr, identityOf("idle")),
				querycheck.ExpectResourceDisplayName(listAddr, byName("busy"), knownvalue.StringExact("busy (STARTED)")),
				querycheck.ExpectResourceDisplayName(listAddr, byName("broken"), knownvalue.StringExact("broken (FAILED)")),
			),
			queryStep(t, srv, `    state = "FAILED"`, "  include_resource = true",
				querycheck.ExpectLength(listAddr, 1),
				querycheck.ExpectResourceKnownValues(listAddr, byName("broken"), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("state"), KnownValue: knownvalue.StringExact("STARTED")},
					{Path: tfjsonpath.New("pipeline"), KnownValue: knownvalue.StringExact(`[{"$source":{"connectionName":"sample_stream_solar"}},{"$merge":{"into":{"connectionName":"warehouse","db":"d","coll":"c"}}}]`)},
					{Path: tfjsonpath.New("instance_name"), KnownValue: knownvalue.StringExact(instance)},
				}),
			),
		},
	})
}

// TestAccStreamProcessor_identityAndImport records the identity from the
// create onward, follows a rename, and imports a started processor by
// identity, by "<project_id>/<instance>/<name>" and by MongoDB's
// "<instance>-<project_id>-<name>", each with an empty plan.
func TestAccStreamProcessor_identityAndImport(t *testing.T) {
	srv, _ := newServer(t)
	cfg := processorConfig(t, srv, "flow", jsonPipeline(3), dlq+"\n  state = \"STARTED\"")
	renamed := processorConfig(t, srv, "flow2", jsonPipeline(3), dlq+"\n  state = \"STARTED\"")
	noop := resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsIdentity,
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(addr, identityOf("flow")),
				statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("name")),
			}},
			{Config: renamed, ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(addr, identityOf("flow2"))}},
			{Config: renamed, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity, ImportPlanChecks: noop},
			{Config: renamed, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: projectID + "/" + instance + "/flow2", ImportPlanChecks: noop},
			{Config: renamed, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: instance + "-" + projectID + "-flow2", ImportPlanChecks: noop},
		},
	})
}

// TestAccStreamProcessor_importByID imports with an import block on every
// Terraform version, and refuses a malformed ID with the forms it takes.
func TestAccStreamProcessor_importByID(t *testing.T) {
	srv, _ := newServer(t)
	cfg := processorConfig(t, srv, "flow", jsonPipeline(3), dlq+"\n  state = \"STARTED\"\n  tier = \"SP5\"")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: projectID + "/" + instance + "/flow",
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateId: "flow",
				ExpectError: says("Invalid Import ID", `the import ID "flow" is not valid`, "<project_id>/<instance_name>/<name>", "<instance_name>-<project_id>-<name>"),
			},
		},
	})
}

// TestProtocol_processorListStream covers the list resource without
// Terraform, so that every Terraform version the suite runs with tests its
// filter, limit and pages.
func TestProtocol_processorListStream(t *testing.T) {
	srv, _ := newServer(t)
	seedProcessors(t, srv)
	c := ownerClient(t, srv)
	for i := range 600 {
		outsideTerraform(t, c, instance, fmt.Sprintf("p%03d", i), "")
	}
	s, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	acctest.Configure(t, s, map[string]any{"base_url": srv.URL, "access_token": srv.AccessToken(t)})
	run := func(state *string, limit int64, include bool) []tfprotov6.ListResourceResult {
		config := map[string]any{"project_id": projectID, "instance_name": instance}
		if state != nil {
			config["state"] = *state
		}
		return acctest.ListResults(t, s, "atlasmini_stream_processor", config, include, limit)
	}
	if all := run(nil, 10000, false); len(all) != 604 || all[1].DisplayName != "busy (STARTED)" || all[603].DisplayName != "p599 (CREATED)" {
		t.Errorf("%d results, second %q, last %q", len(all), all[1].DisplayName, all[len(all)-1].DisplayName)
	}
	stopped := "STOPPED"
	if got := run(&stopped, 100, true); len(got) != 1 || got[0].DisplayName != "paused (STOPPED)" || got[0].Resource == nil || len(got[0].Diagnostics) > 0 {
		t.Errorf("state filter: %+v", got)
	}
	acctest.CheckLimitStopsPages(t, srv, procList, func(limit int64) int { return len(run(nil, limit, false)) })
}
