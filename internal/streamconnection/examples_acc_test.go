package streamconnection_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
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

// exampleVariables are the secrets the resource example asks for.
var exampleVariables = config.Variables{
	"kafka_password": config.StringVariable("example-kafka-secret"),
	"webhook_token":  config.StringVariable("example-token"),
}

// TestAccExamples_connectionsApply applies the documented examples as they
// are (Terraform 1.11+, for the write-only password): the resources, then
// the data sources beside them, then the import block.
func TestAccExamples_connectionsApply(t *testing.T) {
	srv := newServer(t)
	resources := example(t, "resources/atlasmini_stream_connection/resource.tf")
	data := example(t, "data-sources/atlasmini_stream_connection/data-source.tf") + example(t, "data-sources/atlasmini_stream_connections/data-source.tf")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: providerBlock(t, srv) + resources, ConfigVariables: exampleVariables,
				ConfigStateChecks: []statecheck.StateCheck{
					stateLacks{"example-kafka-secret"},
					statecheck.ExpectKnownValue("atlasmini_stream_connection.events", tfjsonpath.New("state"), knownvalue.StringExact("READY")),
					statecheck.ExpectKnownValue("atlasmini_stream_connection.webhook", tfjsonpath.New("https").AtMapKey("headers"),
						knownvalue.MapExact(map[string]knownvalue.Check{"Authorization": knownvalue.StringExact("Bearer example-token")})),
				},
			},
			{
				Config: providerBlock(t, srv) + resources + data, ConfigVariables: exampleVariables,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("shared_cluster", knownvalue.StringExact("Cluster0")),
					statecheck.ExpectKnownOutputValue("kafka_connections", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("events")})),
				},
			},
			{
				Config:          providerBlock(t, srv) + resources + example(t, "resources/atlasmini_stream_connection/import-by-string-id.tf"),
				ConfigVariables: exampleVariables,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("atlasmini_stream_connection.events", plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// TestAccExamples_connectionImportByIdentity applies the identity import
// example (Terraform 1.12+) to a connection made outside Terraform: the
// import plans one update in place, since the configuration's
// password_wo_version is new to the imported state, so the write-only
// password is sent once.
func TestAccExamples_connectionImportByIdentity(t *testing.T) {
	srv := newServer(t)
	body := `{"name":"events","type":"Kafka","bootstrapServers":"b-1.example.net:9092,b-2.example.net:9092",` +
		`"authentication":{"mechanism":"SCRAM-256","username":"ingest","password":"x"},"security":{"protocol":"SASL_SSL"},"config":{"auto.offset.reset":"earliest"}}`
	if err := srv.SeedConnection(projectID, instance, []byte(body)); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsIdentity,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: providerBlock(t, srv) + example(t, "resources/atlasmini_stream_connection/resource.tf") +
				example(t, "resources/atlasmini_stream_connection/import-with-identity.tf"),
			ConfigVariables: exampleVariables,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("atlasmini_stream_connection.events", plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity("atlasmini_stream_connection.events", identityOf("events"))},
		}},
	})
}

// TestAccExamples_connectionListQuery runs the list resource example
// (Terraform 1.14+).
func TestAccExamples_connectionListQuery(t *testing.T) {
	srv := newServer(t)
	seedConnections(t, srv)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Query:  true,
			Config: providerBlock(t, srv) + example(t, "list-resources/atlasmini_stream_connection/list-resource.tfquery.hcl"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("atlasmini_stream_connection.all", 4),
				querycheck.ExpectLength("atlasmini_stream_connection.kafka", 1),
				querycheck.ExpectIdentity("atlasmini_stream_connection.kafka", identityOf("events")),
			},
		}},
	})
}
