package streamconnection_test

import (
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
)

// The version checks of identity and query tests (acctest says why).
var (
	needsIdentity = acctest.NeedsIdentity
	needsQuery    = acctest.NeedsQuery
)

// identityOf is the identity a connection of "ingest" named name has.
func identityOf(name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"project_id": knownvalue.StringExact(projectID), "instance_name": knownvalue.StringExact(instance), "name": knownvalue.StringExact(name)}
}

// seedConnections gives "ingest" a connection of four types.
func seedConnections(t *testing.T, srv *atlasmock.Server) {
	t.Helper()
	for _, body := range []string{
		`{"name":"sample_stream_solar","type":"Sample"}`,
		`{"name":"warehouse","type":"Cluster","clusterName":"Cluster0","dbRoleToExecute":{"role":"atlasAdmin","type":"BUILT_IN"}}`,
		`{"name":"events","type":"Kafka","bootstrapServers":"b:9092","authentication":{"mechanism":"PLAIN","username":"u","password":"p"}}`,
		`{"name":"hook","type":"Https","url":"https://x.net","headers":{"Authorization":"Bearer t"}}`,
	} {
		if err := srv.SeedConnection(projectID, instance, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
}

const listAddr = "atlasmini_stream_connection.found"

func queryStep(t *testing.T, srv *atlasmock.Server, config, args string, checks ...querycheck.QueryResultCheck) resource.TestStep {
	return resource.TestStep{Query: true, QueryResultChecks: checks, Config: providerBlock(t, srv) + fmt.Sprintf(`
list "atlasmini_stream_connection" "found" {
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

func TestAccStreamConnectionList_identityNameTypeAndResource(t *testing.T) {
	srv := newServer(t)
	seedConnections(t, srv)
	byName := func(n string) queryfilter.QueryFilter { return queryfilter.ByResourceIdentity(identityOf(n)) }
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			queryStep(t, srv, "", "",
				querycheck.ExpectLength(listAddr, 4),
				querycheck.ExpectIdentity(listAddr, identityOf("sample_stream_solar")),
				querycheck.ExpectResourceDisplayName(listAddr, byName("events"), knownvalue.StringExact("events (Kafka)")),
				querycheck.ExpectResourceDisplayName(listAddr, byName("warehouse"), knownvalue.StringExact("warehouse (Cluster)")),
			),
			queryStep(t, srv, `    type = "Https"`, "  include_resource = true",
				querycheck.ExpectLength(listAddr, 1),
				querycheck.ExpectResourceKnownValues(listAddr, byName("hook"), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("Https")},
					{Path: tfjsonpath.New("https"), KnownValue: knownvalue.ObjectExact(map[string]knownvalue.Check{
						"url": knownvalue.StringExact("https://x.net"), "headers": knownvalue.MapExact(map[string]knownvalue.Check{"Authorization": knownvalue.StringExact("Bearer t")}),
					})},
					{Path: tfjsonpath.New("kafka"), KnownValue: knownvalue.Null()},
				}),
			),
		},
	})
}

// TestAccStreamConnection_identityAndImportByIt records the identity from
// the create onward and imports by it with an empty plan.
func TestAccStreamConnection_identityAndImportByIt(t *testing.T) {
	srv := newServer(t)
	cfg := connectionConfig(t, srv, "warehouse", "Cluster", `  cluster = { cluster_name = "Cluster0" }`)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsIdentity,
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(addr, identityOf("warehouse")),
				statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("instance_name")),
			}},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: instance + "-" + projectID + "-warehouse",
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
		},
	})
}

// TestProtocol_connectionListStream covers the list resource without
// Terraform, so that every Terraform version the suite runs with tests its
// filter, limit and pages.
func TestProtocol_connectionListStream(t *testing.T) {
	srv := newServer(t)
	seedConnections(t, srv)
	for i := range 600 {
		if err := srv.SeedConnection(projectID, instance, []byte(fmt.Sprintf(`{"name":"h%03d","type":"Https","url":"https://x.net"}`, i))); err != nil {
			t.Fatal(err)
		}
	}
	s, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	acctest.Configure(t, s, map[string]any{"base_url": srv.URL, "access_token": srv.AccessToken(t)})
	run := func(typ *string, limit int64, include bool) []tfprotov6.ListResourceResult {
		config := map[string]any{"project_id": projectID, "instance_name": instance}
		if typ != nil {
			config["type"] = *typ
		}
		return acctest.ListResults(t, s, "atlasmini_stream_connection", config, include, limit)
	}
	if all := run(nil, 10000, false); len(all) != 604 || all[1].DisplayName != "warehouse (Cluster)" || all[603].DisplayName != "h599 (Https)" {
		t.Errorf("%d results, second %q, last %q", len(all), all[1].DisplayName, all[len(all)-1].DisplayName)
	}
	kafka := "Kafka"
	if got := run(&kafka, 100, true); len(got) != 1 || got[0].DisplayName != "events (Kafka)" || got[0].Resource == nil || len(got[0].Diagnostics) > 0 {
		t.Errorf("type filter: %+v", got)
	}
	acctest.CheckLimitStopsPages(t, srv, connList, func(limit int64) int { return len(run(nil, limit, false)) })
}
