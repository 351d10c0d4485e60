package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_movedFailoverConnectionFromMongoDBAtlas brings a Kafka failover
// connection (with its password) and a Cluster one over from
// mongodbatlas_stream_connection_failover with moved blocks, under the
// real terraform CLI: the plan moves both with no change, the apply keeps
// their ids, MongoDB's provider can then leave, and the API sees no write.
func TestE2E_movedFailoverConnectionFromMongoDBAtlas(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	_, err = c.CreateStreamInstance(ctx, p, atlas.CreateRequest{Name: "multi", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
		FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "DUBLIN_IRL"}}})
	must(t, err)
	for _, conn := range []atlas.StreamConnection{{Name: "events", Type: "Kafka", BootstrapServers: "primary:9092"}, {Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0"}} {
		_, err = c.CreateStreamConnection(ctx, p, "multi", conn)
		must(t, err)
	}
	kafka, err := c.CreateFailoverConnection(ctx, p, "multi", "events", atlas.StreamConnection{Name: "events", Type: "Kafka", Region: "DUBLIN_IRL",
		BootstrapServers: "failover1:9092", Authentication: &atlas.KafkaAuthentication{Mechanism: "PLAIN", Username: "fcuser", Password: "moved-failover-secret"},
		Security: &atlas.KafkaSecurity{Protocol: "SASL_PLAINTEXT"}, Config: &map[string]string{"auto.offset.reset": "earliest"}})
	must(t, err)
	cluster, err := c.CreateFailoverConnection(ctx, p, "multi", "warehouse", atlas.StreamConnection{Name: "warehouse", Type: "Cluster", Region: "DUBLIN_IRL", ClusterName: "Replica0",
		DBRoleToExecute: &atlas.DBRoleToExecute{Role: "atlasAdmin", Type: "BUILT_IN"}})
	must(t, err)
	srv.ResetCounts()

	w := newWorkspace(t, srv.URL, "")
	resources := fmt.Sprintf(`
resource "atlasmini_stream_connection_failover" "events_dublin" {
  project_id      = %[1]q
  instance_name   = "multi"
  connection_name = "events"
  region          = "DUBLIN_IRL"
  kafka = {
    bootstrap_servers = "failover1:9092"
    authentication = {
      mechanism = "PLAIN"
      username  = "fcuser"
      password  = "moved-failover-secret"
    }
    security = { protocol = "SASL_PLAINTEXT" }
    config   = { "auto.offset.reset" = "earliest" }
  }
}

resource "atlasmini_stream_connection_failover" "warehouse_dublin" {
  project_id      = %[1]q
  instance_name   = "multi"
  connection_name = "warehouse"
  region          = "DUBLIN_IRL"
  cluster = {
    cluster_name       = "Replica0"
    db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
  }
}
`, p)
	moved := `
moved {
  from = mongodbatlas_stream_connection_failover.events_dublin
  to   = atlasmini_stream_connection_failover.events_dublin
}

moved {
  from = mongodbatlas_stream_connection_failover.warehouse_dublin
  to   = atlasmini_stream_connection_failover.warehouse_dublin
}
`
	w.writeConfig(withMongoDBAtlas + resources + moved)
	// As MongoDB's generated resource writes them: flat, with
	// workspace_name and failover_connection_id.
	null := map[string]any{"cluster_name": nil, "cluster_project_id": nil, "db_role_to_execute": nil, "bootstrap_servers": nil, "authentication": nil,
		"config": nil, "security": nil, "networking": nil}
	attrs := func(extra map[string]any) map[string]any {
		out := map[string]any{"project_id": p, "workspace_name": "multi", "state": "READY", "delete_on_create_timeout": true}
		for k, v := range null {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	writeState(t, w.dir,
		mongodbatlasResource("mongodbatlas_stream_connection_failover", "events_dublin", attrs(map[string]any{
			"connection_name": "events", "failover_connection_id": kafka.ID, "region": "DUBLIN_IRL", "type": "Kafka", "bootstrap_servers": "failover1:9092",
			"authentication": map[string]any{"mechanism": "PLAIN", "username": "fcuser", "password": "moved-failover-secret", "method": nil, "token_endpoint_url": nil,
				"client_id": nil, "client_secret": nil, "scope": nil, "sasl_oauthbearer_extensions": nil, "ssl_certificate": nil, "ssl_key": nil, "ssl_key_password": nil},
			"security":   map[string]any{"protocol": "SASL_PLAINTEXT", "broker_public_certificate": nil},
			"config":     map[string]any{"auto.offset.reset": "earliest"},
			"networking": map[string]any{"access": map[string]any{"type": "PUBLIC", "connection_id": nil, "name": nil, "tgw_route_id": nil}},
		})),
		mongodbatlasResource("mongodbatlas_stream_connection_failover", "warehouse_dublin", attrs(map[string]any{
			"connection_name": "warehouse", "failover_connection_id": cluster.ID, "region": "DUBLIN_IRL", "type": "Cluster", "cluster_name": "Replica0",
			"db_role_to_execute": map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"},
		})),
	)
	expectSays(t, "the plan", w.mustRun("plan", "-input=false", "-no-color", "-out=move.tfplan"),
		"# mongodbatlas_stream_connection_failover.events_dublin has moved to atlasmini_stream_connection_failover.events_dublin",
		"# mongodbatlas_stream_connection_failover.warehouse_dublin has moved to atlasmini_stream_connection_failover.warehouse_dublin",
		"Plan: 0 to add, 0 to change, 0 to destroy.")
	w.mustRun("apply", "-input=false", "move.tfplan")
	ids := map[string]string{}
	for _, r := range w.stateResources("atlasmini_stream_connection_failover") {
		ids[fmt.Sprint(r["connection_name"])] = fmt.Sprint(r["id"])
	}
	if ids["events"] != kafka.ID || ids["warehouse"] != cluster.ID {
		t.Errorf("after the move the state holds ids %v, want events %s and warehouse %s", ids, kafka.ID, cluster.ID)
	}
	w.writeConfig(atlasminiOnly + resources)
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan without MongoDB's provider exited %d, want 0 (no changes):\n%s", code, tail(out, 3000))
	}
	expectOnlyReads(t, srv, "the move")
}
