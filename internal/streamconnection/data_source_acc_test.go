package streamconnection_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccStreamConnectionDataSources_agreeWithTheResource reads a Kafka
// connection with both data sources: every attribute but the secrets
// says what the resource says, the password is absent, and the instance's
// own data source lists the connection.
func TestAccStreamConnectionDataSources_agreeWithTheResource(t *testing.T) {
	srv := newServer(t)
	cfg := kafkaConfig(t, srv, `      password = "ds-secret"`) + `
data "atlasmini_stream_connection" "one" {
  project_id    = atlasmini_stream_connection.test.project_id
  instance_name = atlasmini_stream_connection.test.instance_name
  name          = atlasmini_stream_connection.test.name
}

data "atlasmini_stream_connections" "all" {
  project_id    = atlasmini_stream_connection.test.project_id
  instance_name = atlasmini_stream_connection.test.instance_name
}

data "atlasmini_stream_instance" "ingest" {
  project_id = atlasmini_stream_connection.test.project_id
  name       = atlasmini_stream_connection.test.instance_name
}
`
	var checks []statecheck.StateCheck
	pairs := [][]string{{"id"}, {"project_id"}, {"instance_name"}, {"name"}, {"type"}, {"state"}, {"cluster"}, {"https"},
		{"kafka", "bootstrap_servers"}, {"kafka", "security"}, {"kafka", "config"}, {"kafka", "networking"},
		{"kafka", "authentication", "mechanism"}, {"kafka", "authentication", "username"}}
	for _, p := range pairs {
		path := tfjsonpath.New(p[0])
		for _, step := range p[1:] {
			path = path.AtMapKey(step)
		}
		inList := tfjsonpath.New("results").AtSliceIndex(0).AtMapKey(p[0])
		for _, step := range p[1:] {
			inList = inList.AtMapKey(step)
		}
		checks = append(checks,
			statecheck.CompareValuePairs(addr, path, "data.atlasmini_stream_connection.one", path, compare.ValuesSame()),
			statecheck.CompareValuePairs(addr, path, "data.atlasmini_stream_connections.all", inList, compare.ValuesSame()),
		)
	}
	checks = append(checks,
		statecheck.ExpectKnownValue("data.atlasmini_stream_connections.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(1)),
		statecheck.ExpectKnownValue("data.atlasmini_stream_connection.one", tfjsonpath.New("kafka").AtMapKey("authentication"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"mechanism": knownvalue.StringExact("SCRAM-256"), "username": knownvalue.StringExact("ingest"), "method": knownvalue.Null(),
			"token_endpoint_url": knownvalue.Null(), "client_id": knownvalue.Null(), "scope": knownvalue.Null(), "sasl_oauthbearer_extensions": knownvalue.Null(), "aws": knownvalue.Null(), "ssl_certificate": knownvalue.Null(),
		})),
		statecheck.ExpectKnownValue("data.atlasmini_stream_instance.ingest", tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("events"), "type": knownvalue.StringExact("Kafka"), "state": knownvalue.StringExact("READY")}),
		})),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}

// TestAccStreamConnectionsDataSource_followsPagesInOrder lists 1,001
// connections: three pages (500, 500, 1), in creation order.
func TestAccStreamConnectionsDataSource_followsPagesInOrder(t *testing.T) {
	srv := newServer(t)
	const n = 1001
	for i := range n {
		if err := srv.SeedConnection(projectID, instance, []byte(fmt.Sprintf(`{"name":"c%04d","type":"Https","url":"https://x.net"}`, i))); err != nil {
			t.Fatal(err)
		}
	}
	ds := "data.atlasmini_stream_connections.all"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetCounts,
			Config:    providerBlock(t, srv) + fmt.Sprintf("data \"atlasmini_stream_connections\" \"all\" {\n  project_id = %q\n  instance_name = %q\n}\n", projectID, instance),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("total_count"), knownvalue.Int64Exact(n)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("results"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("c0000")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("results").AtSliceIndex(n-1).AtMapKey("https").AtMapKey("url"), knownvalue.StringExact("https://x.net")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("total_count"), knownvalue.Int64Func(func(int64) error {
					if got := srv.Counts()[connList]; got != 3 {
						return fmt.Errorf("%d list requests, want 3", got)
					}
					return nil
				})),
			},
		}},
	})
}

// TestAccStreamConnectionDataSource_missing names what was not found.
func TestAccStreamConnectionDataSource_missing(t *testing.T) {
	srv := newServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{
				Config:      providerBlock(t, srv) + fmt.Sprintf("data \"atlasmini_stream_connection\" \"one\" {\n  project_id = %q\n  instance_name = %q\n  name = \"nowhere\"\n}\n", projectID, instance),
				ExpectError: says(`Connection "nowhere" was not found in stream instance "ingest" of project ` + projectID),
			},
			{
				Config:      providerBlock(t, srv) + fmt.Sprintf("data \"atlasmini_stream_connections\" \"all\" {\n  project_id = %q\n  instance_name = \"elsewhere\"\n}\n", projectID),
				ExpectError: says(`Could not list the connections of stream instance "elsewhere"`, "STREAM_TENANT_NOT_FOUND_FOR_NAME"),
			},
		},
	})
}
