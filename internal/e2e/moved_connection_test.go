package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_movedConnectionsFromMongoDBAtlas brings a Kafka connection (with
// its password) and a Cluster connection over from
// mongodbatlas_stream_connection with moved blocks, under the real
// terraform CLI: the plan moves both with no change, the apply keeps their
// ids, the password stays in state as the sensitive form, MongoDB's
// provider can then leave, and the API sees no write.
func TestE2E_movedConnectionsFromMongoDBAtlas(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	_, err = c.CreateStreamInstance(ctx, p, atlas.CreateRequest{Name: "ingest", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}})
	must(t, err)
	config := map[string]string{"auto.offset.reset": "earliest"}
	kafka, err := c.CreateStreamConnection(ctx, p, "ingest", atlas.StreamConnection{Name: "events", Type: "Kafka", BootstrapServers: "b-1.example.net:9092",
		Authentication: &atlas.KafkaAuthentication{Mechanism: "SCRAM-256", Username: "ingest", Password: "moved-password"},
		Security:       &atlas.KafkaSecurity{Protocol: "SASL_SSL"}, Config: &config})
	must(t, err)
	cluster, err := c.CreateStreamConnection(ctx, p, "ingest", atlas.StreamConnection{Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0",
		DBRoleToExecute: &atlas.DBRoleToExecute{Role: "atlasAdmin", Type: "BUILT_IN"}})
	must(t, err)
	srv.ResetCounts()

	w := newWorkspace(t, srv.URL, "")
	resources := fmt.Sprintf(`
variable "kafka_password" {
  type      = string
  sensitive = true
  default   = "moved-password"
}

resource "atlasmini_stream_connection" "events" {
  project_id    = %[1]q
  instance_name = "ingest"
  name          = "events"
  type          = "Kafka"
  kafka = {
    bootstrap_servers = "b-1.example.net:9092"
    authentication = {
      mechanism = "SCRAM-256"
      username  = "ingest"
      password  = var.kafka_password
    }
    security = { protocol = "SASL_SSL" }
    config   = { "auto.offset.reset" = "earliest" }
  }
}

resource "atlasmini_stream_connection" "warehouse" {
  project_id    = %[1]q
  instance_name = "ingest"
  name          = "warehouse"
  type          = "Cluster"
  cluster = {
    cluster_name       = "Cluster0"
    db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" }
  }
}
`, p)
	moved := `
moved {
  from = mongodbatlas_stream_connection.events
  to   = atlasmini_stream_connection.events
}

moved {
  from = mongodbatlas_stream_connection.warehouse
  to   = atlasmini_stream_connection.warehouse
}
`
	w.writeConfig(withMongoDBAtlas + resources + moved)
	writeState(t, w.dir,
		mongodbatlasResource("mongodbatlas_stream_connection", "events", map[string]any{
			"id": "ZW5jb2RlZA==", "project_id": p, "instance_name": "ingest", "connection_name": "events", "type": "Kafka",
			"bootstrap_servers": "b-1.example.net:9092", "config": config,
			"authentication": map[string]any{"mechanism": "SCRAM-256", "username": "ingest", "password": "moved-password"},
			"security":       map[string]any{"protocol": "SASL_SSL", "broker_public_certificate": nil},
			"networking":     map[string]any{"access": map[string]any{"type": "PUBLIC", "connection_id": nil}},
		}),
		mongodbatlasResource("mongodbatlas_stream_connection", "warehouse", map[string]any{
			"id": "ZW5jb2RlZDI=", "project_id": p, "workspace_name": "ingest", "connection_name": "warehouse", "type": "Cluster",
			"cluster_name": "Cluster0", "db_role_to_execute": map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"},
		}),
	)

	planned := strings.Join(strings.Fields(w.mustRun("plan", "-input=false", "-no-color", "-out=move.tfplan")), " ")
	for _, want := range []string{
		"# mongodbatlas_stream_connection.events has moved to atlasmini_stream_connection.events",
		"# mongodbatlas_stream_connection.warehouse has moved to atlasmini_stream_connection.warehouse",
		"Plan: 0 to add, 0 to change, 0 to destroy.",
	} {
		if !strings.Contains(planned, want) {
			t.Errorf("the plan does not say %q:\n%s", want, tail(planned, 3000))
		}
	}
	w.mustRun("apply", "-input=false", "move.tfplan")
	ids := map[string]string{}
	for _, r := range w.stateResources("atlasmini_stream_connection") {
		ids[fmt.Sprint(r["name"])] = fmt.Sprint(r["id"])
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

// withMongoDBAtlas is the terraform block of a workspace that uses both
// providers, with atlasmini's provider block.
const withMongoDBAtlas = `terraform {
  required_providers {
    atlasmini = {
      source = "atlasmini/atlasmini"
    }
    mongodbatlas = {
      source = "mongodb/mongodbatlas"
    }
  }
}
provider "atlasmini" {}
`

// mongodbatlasResource is one resource of a state written by MongoDB's
// provider (schema version 0).
func mongodbatlasResource(typ, name string, attrs map[string]any) map[string]any {
	return map[string]any{
		"mode": "managed", "type": typ, "name": name, "provider": `provider["registry.terraform.io/mongodb/mongodbatlas"]`,
		"instances": []any{map[string]any{"schema_version": 0, "attributes": attrs, "sensitive_attributes": []any{}}},
	}
}

// writeState writes terraform.tfstate into dir, as Terraform 1.11 writes
// it, holding the resources.
func writeState(t *testing.T, dir string, resources ...any) {
	t.Helper()
	state := map[string]any{
		"version": 4, "terraform_version": "1.11.4", "serial": 1, "lineage": "3b1c2b4e-5d6f-4a8b-9c0d-1e2f3a4b5c6e",
		"outputs": map[string]any{}, "resources": resources, "check_results": nil,
	}
	data, err := json.MarshalIndent(state, "", "  ")
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "terraform.tfstate"), data, 0o600))
}
