package streaminstance_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// example reads a file under examples/.
func example(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAccExamples_applyAgainstTheMock applies the documented examples as
// they are, so the docs never show HCL that does not work.
func TestAccExamples_applyAgainstTheMock(t *testing.T) {
	srv := atlasmock.NewServer(t)
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: "ingest", CloudProvider: "AWS", Region: "DUBLIN_IRL"}); err != nil {
		t.Fatal(err)
	}
	resourceTF := example(t, "resources/atlasmini_stream_instance/resource.tf") + example(t, "resources/atlasmini_stream_instance/failover.tf")
	dataTF := example(t, "data-sources/atlasmini_stream_instance/data-source.tf") +
		example(t, "data-sources/atlasmini_stream_instances/data-source.tf")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{
				Config: ownerProvider(srv) + resourceTF,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("atlasmini_stream_instance.resilient", tfjsonpath.New("failover_regions"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"cloud_provider": knownvalue.StringExact("AWS"), "region": knownvalue.StringExact("OHIO_USA")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"cloud_provider": knownvalue.StringExact("AWS"), "region": knownvalue.StringExact("OREGON_USA")}),
					})),
					statecheck.ExpectKnownValue("atlasmini_stream_instance.resilient", tfjsonpath.New("stream_config").AtMapKey("max_tier_size"), knownvalue.StringExact("SP30")),
				},
			},
			{
				// Data sources read at plan time, so they join once the
				// instance exists, as they would in a user's next run.
				Config: ownerProvider(srv) + resourceTF + dataTF,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("atlasmini_stream_instance.example", tfjsonpath.New("stream_config").AtMapKey("tier"), knownvalue.StringExact("SP10")),
					statecheck.ExpectKnownOutputValue("ingest_hostname", knownvalue.StringRegexp(hostnameRegion("dublin-irl"))),
					statecheck.ExpectKnownOutputValue("instance_names", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("example"), knownvalue.StringExact("ingest"), knownvalue.StringExact("resilient")})),
				},
			},
			{
				// The import block example adopts the instance once it exists.
				Config: ownerProvider(srv) + resourceTF + example(t, "resources/atlasmini_stream_instance/import-by-string-id.tf"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("atlasmini_stream_instance.example", plancheck.ResourceActionNoop)},
				},
			},
		},
	})
}

// TestAccExamples_importByIdentity applies the identity import example
// (Terraform 1.12+) to an instance made outside Terraform.
func TestAccExamples_importByIdentity(t *testing.T) {
	srv := atlasmock.NewServer(t)
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: "example", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP10", Solar: true}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsIdentity,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: ownerProvider(srv) + example(t, "resources/atlasmini_stream_instance/resource.tf") +
				example(t, "resources/atlasmini_stream_instance/import-with-identity.tf"),
			// The import is an update of the timeouts alone, which are not
			// in Atlas: no request changes the instance.
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("atlasmini_stream_instance.example", plancheck.ResourceActionUpdate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity("atlasmini_stream_instance.example", identityOf("example")),
				statecheck.ExpectKnownValue("atlasmini_stream_instance.example", tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
					if n := srv.Counts()[patch] + srv.Counts()[post]; n != 0 {
						return fmt.Errorf("the import sent %d requests that change instances", n)
					}
					return nil
				})),
			},
		}},
	})
}

// TestAccExamples_listQuery runs the list resource example (Terraform
// 1.14+) against a project with instances that match each block or not.
func TestAccExamples_listQuery(t *testing.T) {
	srv := atlasmock.NewServer(t)
	if err := srv.Seed(
		atlasmock.Instance{GroupID: projectID, Name: "ingest-1", CloudProvider: "AWS", Region: "VIRGINIA_USA"},
		atlasmock.Instance{GroupID: projectID, Name: "ingest-2", CloudProvider: "AWS", Region: "OHIO_USA"},
		atlasmock.Instance{GroupID: projectID, Name: "reports", CloudProvider: "AWS", Region: "VIRGINIA_USA"},
	); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Query:  true,
			Config: ownerProvider(srv) + example(t, "list-resources/atlasmini_stream_instance/list-resource.tfquery.hcl"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("atlasmini_stream_instance.all", 3),
				querycheck.ExpectLength("atlasmini_stream_instance.ingest", 1),
				querycheck.ExpectIdentity("atlasmini_stream_instance.ingest", identityOf("ingest-1")),
			},
		}},
	})
}
