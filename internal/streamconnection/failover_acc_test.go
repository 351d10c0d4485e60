package streamconnection_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

const failoverAddr = "atlasmini_stream_connection_failover.test"

// newFailoverServer starts the mock with the instance "ingest" (primary
// VIRGINIA_USA, failover DUBLIN_IRL and OREGON_USA).
func newFailoverServer(t *testing.T, opts ...atlasmock.Options) *atlasmock.Server {
	t.Helper()
	srv := atlasmock.NewServer(t, opts...)
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: instance, CloudProvider: "AWS", Region: "VIRGINIA_USA",
		FailoverRegions: []atlasmock.Region{{CloudProvider: "AWS", Region: "DUBLIN_IRL"}, {CloudProvider: "AWS", Region: "OREGON_USA"}}}); err != nil {
		t.Fatal(err)
	}
	return srv
}

// storedFailover returns the mock's failover connection of "events" for
// a region.
func storedFailover(srv *atlasmock.Server, connection, region string) (atlasmock.Connection, bool) {
	c, _ := stored(srv, connection)
	for _, f := range c.Failovers {
		if f.Region == region {
			return f, true
		}
	}
	return atlasmock.Connection{}, false
}

// failoverKafkaConfig is a Kafka connection "events" and its failover copy
// for region, with the copy's brokers and password (write-only).
func failoverKafkaConfig(t *testing.T, srv *atlasmock.Server, region, servers, password string, version int) string {
	return providerBlock(t, srv) + connectionBlock("events", "Kafka", `  kafka = {
    bootstrap_servers = "primary:9092"
  }`) + fmt.Sprintf(`
resource "atlasmini_stream_connection_failover" "test" {
  project_id      = atlasmini_stream_connection.test.project_id
  instance_name   = atlasmini_stream_connection.test.instance_name
  connection_name = atlasmini_stream_connection.test.name
  region          = %q
  kafka = {
    bootstrap_servers = %q
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "failover"
      password_wo         = %q
      password_wo_version = %d
    }
    security = { protocol = "SASL_SSL" }
    config   = { "auto.offset.reset" = "earliest" }
  }
}
`, region, servers, password, version)
}

// failoverMember checks one member of the mock's failover connection of
// "events" for DUBLIN_IRL, secrets included, and that the state's id is
// its id.
func failoverMember(srv *atlasmock.Server, member, want string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(failoverAddr, tfjsonpath.New("id"), knownvalue.StringFunc(func(id string) error {
		f, ok := storedFailover(srv, "events", "DUBLIN_IRL")
		switch {
		case !ok:
			return fmt.Errorf("the mock has no failover connection of \"events\" for DUBLIN_IRL")
		case f.ID != id:
			return fmt.Errorf("state id %s, the mock's %s", id, f.ID)
		case !sameJSON(f.Members[member], want):
			return fmt.Errorf("the mock holds %s = %s, want %s", member, f.Members[member], want)
		}
		return nil
	}))
}

// sameJSON reports whether two JSON texts hold the same value, whatever
// the order of their members.
func sameJSON(got json.RawMessage, want string) bool {
	var a, b any
	return json.Unmarshal(got, &a) == nil && json.Unmarshal([]byte(want), &b) == nil && reflect.DeepEqual(a, b)
}

// TestAccStreamConnectionFailover_kafkaLifecycle creates a Kafka
// connection's failover copy with a write-only password (which reaches
// the mock and never the state), changes its brokers in place (same id),
// sends a new password with a new version, imports it by its four-part
// ID, and destroys it with its connection.
func TestAccStreamConnectionFailover_kafkaLifecycle(t *testing.T) {
	srv := newFailoverServer(t)
	const first, second = "failover-secret-one", "failover-secret-two"
	auth := func(password string) string {
		return fmt.Sprintf(`{"mechanism":"SCRAM-256","username":"failover","password":%q}`, password)
	}
	var id string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy: func(*terraform.State) error {
			if _, ok := stored(srv, "events"); ok {
				return fmt.Errorf("the connection is left in the mock")
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: failoverKafkaConfig(t, srv, "DUBLIN_IRL", "dublin-1:9092", first, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(failoverAddr, tfjsonpath.New("type"), knownvalue.StringExact("Kafka")),
					statecheck.ExpectKnownValue(failoverAddr, tfjsonpath.New("state"), knownvalue.StringExact("READY")),
					statecheck.ExpectKnownValue(failoverAddr, tfjsonpath.New("region"), knownvalue.StringExact("DUBLIN_IRL")),
					statecheck.ExpectKnownValue(failoverAddr, tfjsonpath.New("kafka").AtMapKey("networking").AtMapKey("access").AtMapKey("type"), knownvalue.StringExact("PUBLIC")),
					statecheck.ExpectKnownValue(failoverAddr, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password_wo"), knownvalue.Null()),
					failoverMember(srv, "bootstrapServers", `"dublin-1:9092"`),
					failoverMember(srv, "authentication", auth(first)),
					stateLacks{first},
					statecheck.ExpectKnownValue(failoverAddr, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error { id = v; return nil })),
				},
			},
			{
				Config: failoverKafkaConfig(t, srv, "DUBLIN_IRL", "dublin-2:9092", first, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(failoverAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					failoverMember(srv, "bootstrapServers", `"dublin-2:9092"`),
					// The PATCH carries the write-only password again.
					failoverMember(srv, "authentication", auth(first)),
					statecheck.ExpectKnownValue(failoverAddr, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error {
						if v != id {
							return fmt.Errorf("the update replaced the failover connection: id %s, was %s", v, id)
						}
						return nil
					})),
				},
			},
			{
				Config: failoverKafkaConfig(t, srv, "DUBLIN_IRL", "dublin-2:9092", second, 2),
				ConfigStateChecks: []statecheck.StateCheck{
					failoverMember(srv, "authentication", auth(second)),
					stateLacks{first, second},
				},
			},
			{
				ResourceName: failoverAddr,
				ImportState:  true,
				ImportStateIdFunc: func(*terraform.State) (string, error) {
					return fmt.Sprintf("%s/%s/events/%s", projectID, instance, id), nil
				},
				ImportStateVerify: true,
				// The API never returns secrets; the write-only version is
				// configuration only.
				ImportStateVerifyIgnore: []string{"kafka.authentication.password_wo_version"},
			},
		},
	})
}

// TestAccStreamConnectionFailover_clusterAndDataSources copies a Cluster
// connection to both failover regions and reads them back through the
// data sources: one by region, one by id, and the list of all.
func TestAccStreamConnectionFailover_clusterAndDataSources(t *testing.T) {
	srv := newFailoverServer(t)
	config := providerBlock(t, srv) + connectionBlock("warehouse", "Cluster", `  cluster = { cluster_name = "Primary0" }`) + `
resource "atlasmini_stream_connection_failover" "test" {
  count           = 2

  project_id      = atlasmini_stream_connection.test.project_id
  instance_name   = atlasmini_stream_connection.test.instance_name
  connection_name = atlasmini_stream_connection.test.name
  region          = ["DUBLIN_IRL", "OREGON_USA"][count.index]
  cluster = {
    cluster_name       = ["ReplicaEU", "ReplicaUS"][count.index]
    db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
  }
}
`
	reads := `
data "atlasmini_stream_connection_failover" "by_region" {
  project_id      = atlasmini_stream_connection.test.project_id
  instance_name   = atlasmini_stream_connection.test.instance_name
  connection_name = atlasmini_stream_connection.test.name
  region          = "OREGON_USA"
}
data "atlasmini_stream_connection_failover" "by_id" {
  project_id      = atlasmini_stream_connection.test.project_id
  instance_name   = atlasmini_stream_connection.test.instance_name
  connection_name = atlasmini_stream_connection.test.name
  id              = atlasmini_stream_connection_failover.test[0].id
}
data "atlasmini_stream_connection_failovers" "all" {
  project_id      = atlasmini_stream_connection.test.project_id
  instance_name   = atlasmini_stream_connection.test.instance_name
  connection_name = atlasmini_stream_connection.test.name
}
`
	mockID := func(region string) knownvalue.Check {
		return knownvalue.StringFunc(func(v string) error {
			f, ok := storedFailover(srv, "warehouse", region)
			if !ok || f.ID != v {
				return fmt.Errorf("id %s, the mock's failover connection for %s: %q (found %v)", v, region, f.ID, ok)
			}
			return nil
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config: config + reads,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("atlasmini_stream_connection_failover.test[0]", plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("atlasmini_stream_connection_failover.test[1]", tfjsonpath.New("type"), knownvalue.StringExact("Cluster")),
					statecheck.ExpectKnownValue("data.atlasmini_stream_connection_failover.by_region", tfjsonpath.New("id"), mockID("OREGON_USA")),
					statecheck.ExpectKnownValue("data.atlasmini_stream_connection_failover.by_region", tfjsonpath.New("cluster").AtMapKey("cluster_name"), knownvalue.StringExact("ReplicaUS")),
					statecheck.ExpectKnownValue("data.atlasmini_stream_connection_failover.by_id", tfjsonpath.New("region"), knownvalue.StringExact("DUBLIN_IRL")),
					statecheck.ExpectKnownValue("data.atlasmini_stream_connection_failover.by_id", tfjsonpath.New("cluster").AtMapKey("db_role_to_execute").AtMapKey("role"), knownvalue.StringExact("atlasAdmin")),
					statecheck.ExpectKnownValue("data.atlasmini_stream_connection_failovers.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.atlasmini_stream_connection_failovers.all", tfjsonpath.New("results"), failoversOfMock{srv, "warehouse", []string{"DUBLIN_IRL", "OREGON_USA"}}),
				},
			},
		},
	})
}

// failoversOfMock checks a list of failover connections against the
// mock's: one per region, each with the mock's id for its region, in any
// order (Terraform creates them in parallel).
type failoversOfMock struct {
	srv        *atlasmock.Server
	connection string
	regions    []string
}

func (c failoversOfMock) CheckValue(v any) error {
	items, ok := v.([]any)
	if !ok || len(items) != len(c.regions) {
		return fmt.Errorf("want %d failover connections, got %v", len(c.regions), v)
	}
	seen := map[string]bool{}
	for _, item := range items {
		m, _ := item.(map[string]any)
		region, _ := m["region"].(string)
		f, ok := storedFailover(c.srv, c.connection, region)
		if !ok || m["id"] != f.ID {
			return fmt.Errorf("failover connection for %q has id %v, the mock's %q (found %v)", region, m["id"], f.ID, ok)
		}
		seen[region] = true
	}
	for _, r := range c.regions {
		if !seen[r] {
			return fmt.Errorf("no failover connection for %s in %v", r, v)
		}
	}
	return nil
}

func (c failoversOfMock) String() string { return "the mock's failover connections of " + c.connection }

// TestAccStreamConnectionFailover_planTimeChecks: what Atlas would refuse
// is refused by the plan, before any request: the primary region, a
// region of another provider (with a suggestion), settings of another type
// than the connection's, a connection with no failover copies, neither or
// both settings attributes. A region the instance does not list yet is a
// warning only: the same apply may add it.
func TestAccStreamConnectionFailover_planTimeChecks(t *testing.T) {
	srv := newFailoverServer(t)
	c := apiClient(t, srv)
	for _, conn := range []atlas.StreamConnection{{Name: "events", Type: "Kafka", BootstrapServers: "primary:9092"}, {Name: "web", Type: "Https", URL: "https://example.net"}} {
		if _, err := c.CreateStreamConnection(context.Background(), projectID, instance, conn); err != nil {
			t.Fatal(err)
		}
	}
	block := func(connection, region, settings string) string {
		return providerBlock(t, srv) + fmt.Sprintf(`
resource "atlasmini_stream_connection_failover" "test" {
  project_id      = %q
  instance_name   = %q
  connection_name = %q
  region          = %q
%s
}
`, projectID, instance, connection, region, settings)
	}
	kafka := `  kafka = { bootstrap_servers = "f:9092" }`
	srv.ResetCounts()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: block("events", "VIRGINIA_USA", kafka), PlanOnly: true, ExpectError: acctest.Says("Primary Region Has No Failover Copy", "VIRGINIA_USA is the primary region", "DUBLIN_IRL, OREGON_USA")},
			{Config: block("events", "dublin", kafka), PlanOnly: true, ExpectError: acctest.Says("Invalid Failover Region", `"dublin" is not a stream region of AWS`)},
			{Config: block("events", "DUBLIN_IRL", `  cluster = { cluster_name = "C" }`), PlanOnly: true,
				ExpectError: acctest.Says("Settings Of Another Connection Type", `"events"`, "is a Kafka connection", "replace cluster with kafka")},
			{Config: block("web", "DUBLIN_IRL", kafka), PlanOnly: true, ExpectError: acctest.Says("Connection Has No Failover Copies", "type Https", "only Kafka and Cluster")},
			{Config: block("events", "DUBLIN_IRL", ""), PlanOnly: true, ExpectError: acctest.Says("Missing Failover Connection Settings")},
			{Config: block("events", "DUBLIN_IRL", kafka+"\n"+`  cluster = { cluster_name = "C" }`), PlanOnly: true, ExpectError: acctest.Says("Settings Of Two Connection Types")},
			{Config: block("events", "DUBLIN_IRL", `  kafka = {
    bootstrap_servers = "f:9092"
    authentication    = { mechanism = "PLAIN", username = "u" }
  }`), PlanOnly: true, ExpectError: acctest.Says("Missing Secret", "password")},
			{Config: block("events", "MUMBAI_IND", kafka), PlanOnly: true, ExpectNonEmptyPlan: true},
		},
	})
	for k, n := range srv.Counts() {
		if regexp.MustCompile(`^(POST|PATCH|DELETE) .*/streams/`).MatchString(k) && n > 0 {
			t.Errorf("a plan sent %d %s", n, k)
		}
	}
}

// TestAccStreamConnectionFailover_duplicateSaysHowToImport: a second
// failover connection for the same region is refused with the import ID
// of the one Atlas has.
func TestAccStreamConnectionFailover_duplicateSaysHowToImport(t *testing.T) {
	srv := newFailoverServer(t)
	c := apiClient(t, srv)
	ctx := context.Background()
	if _, err := c.CreateStreamConnection(ctx, projectID, instance, atlas.StreamConnection{Name: "events", Type: "Kafka", BootstrapServers: "primary:9092"}); err != nil {
		t.Fatal(err)
	}
	existing, err := c.CreateFailoverConnection(ctx, projectID, instance, "events", atlas.StreamConnection{Name: "events", Type: "Kafka", Region: "DUBLIN_IRL", BootstrapServers: "other:9092"})
	if err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: providerBlock(t, srv) + fmt.Sprintf(`
resource "atlasmini_stream_connection_failover" "test" {
  project_id      = %q
  instance_name   = %q
  connection_name = "events"
  region          = "DUBLIN_IRL"
  kafka           = { bootstrap_servers = "f:9092" }
}
`, projectID, instance),
			ExpectError: acctest.Says("already has a failover connection for region DUBLIN_IRL", existing.ID,
				fmt.Sprintf("%s/%s/events/%s", projectID, instance, existing.ID), "STREAM_FAILOVER_CONNECTION_ALREADY_EXISTS"),
		}},
	})
}

// TestAccStreamConnectionFailover_goneWithItsConnection: a failover
// connection whose connection was deleted outside Terraform leaves the
// state at the next refresh (a confirmed 404), and the plan creates both
// again.
func TestAccStreamConnectionFailover_goneWithItsConnection(t *testing.T) {
	srv := newFailoverServer(t)
	config := failoverKafkaConfig(t, srv, "DUBLIN_IRL", "dublin-1:9092", "s", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					if err := apiClient(t, srv).DeleteStreamConnection(context.Background(), projectID, instance, "events"); err != nil {
						t.Fatal(err)
					}
				},
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(failoverAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{failoverMember(srv, "bootstrapServers", `"dublin-1:9092"`)},
			},
		},
	})
}

// TestAccStreamConnectionFailover_importByIdentity imports a failover
// connection by its identity (Terraform 1.12+).
func TestAccStreamConnectionFailover_importByIdentity(t *testing.T) {
	srv := newFailoverServer(t)
	// No secret here: an import by identity plans nothing only when the
	// configuration has no write-only version to send.
	config := providerBlock(t, srv) + connectionBlock("events", "Kafka", `  kafka = { bootstrap_servers = "primary:9092" }`) + `
resource "atlasmini_stream_connection_failover" "test" {
  project_id      = atlasmini_stream_connection.test.project_id
  instance_name   = atlasmini_stream_connection.test.instance_name
  connection_name = atlasmini_stream_connection.test.name
  region          = "DUBLIN_IRL"
  kafka           = { bootstrap_servers = "dublin-1:9092" }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   acctest.NeedsIdentity,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(failoverAddr, map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(projectID), "instance_name": knownvalue.StringExact(instance),
						"connection_name": knownvalue.StringExact("events"),
						"id": knownvalue.StringFunc(func(v string) error {
							f, _ := storedFailover(srv, "events", "DUBLIN_IRL")
							if v != f.ID {
								return fmt.Errorf("identity id %s, the mock's %s", v, f.ID)
							}
							return nil
						}),
					}),
				},
			},
			{
				ResourceName:    failoverAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				Config:          config,
			},
		},
	})
}

// TestAccExamples_failoverPipelineApplies applies the failover example as
// it is (Terraform 1.11+, for the write-only password), then the data
// source examples beside it: the copies are READY with the mock's ids, the
// processor runs and Atlas reports it eligible for failover; destroy
// deletes the processor before the copies its depends_on names.
func TestAccExamples_failoverPipelineApplies(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resources := example(t, "resources/atlasmini_stream_connection_failover/resource.tf")
	data := example(t, "data-sources/atlasmini_stream_connection_failover/data-source.tf") + example(t, "data-sources/atlasmini_stream_connection_failovers/data-source.tf")
	variables := config.Variables{"kafka_password": config.StringVariable("example-failover-secret")}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy: func(*terraform.State) error {
			if left := srv.Instances(projectID); len(left) > 0 {
				return fmt.Errorf("instance %q left after destroy", left[0].Name)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: providerBlock(t, srv) + resources, ConfigVariables: variables,
				ConfigStateChecks: []statecheck.StateCheck{
					stateLacks{"example-failover-secret"},
					statecheck.ExpectKnownValue("atlasmini_stream_connection_failover.orders_oregon", tfjsonpath.New("state"), knownvalue.StringExact("READY")),
					statecheck.ExpectKnownValue("atlasmini_stream_connection_failover.warehouse_oregon", tfjsonpath.New("type"), knownvalue.StringExact("Cluster")),
					statecheck.ExpectKnownValue("atlasmini_stream_processor.orders_feed", tfjsonpath.New("state"), knownvalue.StringExact("STARTED")),
					statecheck.ExpectKnownOutputValue("orders_feed_eligible_for_failover", knownvalue.Bool(true)),
				},
			},
			{
				Config: providerBlock(t, srv) + resources + data, ConfigVariables: variables,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("oregon_brokers", knownvalue.StringExact("kafka-west-2.example.net:9092")),
					statecheck.ExpectKnownOutputValue("orders_failover_regions", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("OREGON_USA")})),
				},
			},
		},
	})
}

// exampleFailoverID is the failover connection id the import examples
// show; the tests put the id the mock gave in its place.
const exampleFailoverID = "6a0c5a375baf423a58f5ae4f"

// seedExampleFailover makes, outside Terraform, what the import examples
// adopt: the instance "resilient" (failover region OREGON_USA), its Kafka
// connection "orders" and that connection's copy for OREGON_USA, whose id
// it returns.
func seedExampleFailover(t *testing.T, srv *atlasmock.Server) string {
	t.Helper()
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: "resilient", CloudProvider: "AWS", Region: "VIRGINIA_USA",
		FailoverRegions: []atlasmock.Region{{CloudProvider: "AWS", Region: "OREGON_USA"}}}); err != nil {
		t.Fatal(err)
	}
	c := apiClient(t, srv)
	ctx := context.Background()
	if _, err := c.CreateStreamConnection(ctx, projectID, "resilient", atlas.StreamConnection{Name: "orders", Type: "Kafka", BootstrapServers: "kafka-east-1.example.net:9092"}); err != nil {
		t.Fatal(err)
	}
	f, err := c.CreateFailoverConnection(ctx, projectID, "resilient", "orders", atlas.StreamConnection{Name: "orders", Type: "Kafka", Region: "OREGON_USA",
		BootstrapServers: "kafka-west-2.example.net:9092", Security: &atlas.KafkaSecurity{Protocol: "SASL_SSL"}})
	if err != nil {
		t.Fatal(err)
	}
	return f.ID
}

// exampleFailoverBlock is the copy the import examples name, without
// secrets (the API never returns them).
const exampleFailoverBlock = `
resource "atlasmini_stream_connection_failover" "orders_oregon" {
  project_id      = "65f0a1b2c3d4e5f60718293a"
  instance_name   = "resilient"
  connection_name = "orders"
  region          = "OREGON_USA"
  kafka = {
    bootstrap_servers = "kafka-west-2.example.net:9092"
    security          = { protocol = "SASL_SSL" }
  }
}
`

// TestAccExamples_failoverImports applies the import examples (the block
// by ID; by identity with Terraform 1.12+) to a copy made outside
// Terraform, with the id the mock gave: each imports it and changes
// nothing.
func TestAccExamples_failoverImports(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		checks     []tfversion.TerraformVersionCheck
	}{
		{"by ID", "import-by-string-id.tf", nil},
		{"by identity", "import-with-identity.tf", acctest.NeedsIdentity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := atlasmock.NewServer(t)
			id := seedExampleFailover(t, srv)
			importBlock := strings.ReplaceAll(example(t, "resources/atlasmini_stream_connection_failover/"+tc.file), exampleFailoverID, id)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				TerraformVersionChecks:   tc.checks,
				Steps: []resource.TestStep{{
					Config: providerBlock(t, srv) + exampleFailoverBlock + importBlock,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("atlasmini_stream_connection_failover.orders_oregon", plancheck.ResourceActionNoop),
					}},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("atlasmini_stream_connection_failover.orders_oregon", tfjsonpath.New("id"), knownvalue.StringExact(id)),
					},
				}},
			})
		})
	}
}

// TestAccExamples_failoverListQuery runs the list resource example
// (Terraform 1.14+) against a copy made outside Terraform.
func TestAccExamples_failoverListQuery(t *testing.T) {
	srv := atlasmock.NewServer(t)
	id := seedExampleFailover(t, srv)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Query:  true,
			Config: providerBlock(t, srv) + example(t, "list-resources/atlasmini_stream_connection_failover/list-resource.tfquery.hcl"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("atlasmini_stream_connection_failover.orders", 1),
				querycheck.ExpectIdentity("atlasmini_stream_connection_failover.orders", map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(projectID), "instance_name": knownvalue.StringExact("resilient"),
					"connection_name": knownvalue.StringExact("orders"), "id": knownvalue.StringExact(id),
				}),
			},
		}},
	})
}
