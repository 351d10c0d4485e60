package streamconnection

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// movedFailover runs the failover mover on a source state of MongoDB's
// provider.
func movedFailover(t *testing.T, typ, state string) (*failoverModel, []string) {
	t.Helper()
	ctx := context.Background()
	s := failoverSchema(ctx)
	resp := resource.MoveStateResponse{TargetState: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	moveFailoverFromMongoDBAtlas(ctx, resource.MoveStateRequest{SourceProviderAddress: mongodbatlas, SourceTypeName: typ, SourceRawState: &tfprotov6.RawState{JSON: []byte(state)}}, &resp)
	var errs []string
	for _, d := range resp.Diagnostics.Errors() {
		errs = append(errs, d.Summary()+": "+d.Detail())
	}
	if resp.TargetState.Raw.IsNull() {
		return nil, errs
	}
	m, d := failoverCodec().FromRaw(ctx, resp.TargetState.Raw)
	if d.HasError() {
		t.Fatal(d)
	}
	return &m.failoverModel, errs
}

// TestMoveFailoverFromMongoDBAtlas maps MongoDB's flat failover connection
// (workspace_name, failover_connection_id) into this resource: the id and
// region kept, Kafka's members in kafka, secrets (mutual TLS's too) in
// their sensitive forms; a state without its id or region names what is
// missing.
func TestMoveFailoverFromMongoDBAtlas(t *testing.T) {
	kafka, errs := movedFailover(t, mongodbatlasFailover, `{
  "project_id": "65f0a1b2c3d4e5f60718293a", "workspace_name": "ingest", "connection_name": "events", "failover_connection_id": "6a0c5a375baf423a58f5ae4f",
  "region": "DUBLIN_IRL", "state": "READY", "type": "Kafka", "bootstrap_servers": "f:9092", "config": {"auto.offset.reset": "earliest"},
  "authentication": {"mechanism": "PLAIN", "username": "u", "password": "moved-secret", "ssl_certificate": null, "ssl_key": "key-secret"},
  "security": {"protocol": "SASL_SSL"}, "networking": {"access": {"type": "PUBLIC"}}, "delete_on_create_timeout": true, "timeouts": null}`)
	if len(errs) > 0 || kafka == nil {
		t.Fatalf("kafka: %v", errs)
	}
	if kafka.ID.ValueString() != "6a0c5a375baf423a58f5ae4f" || kafka.Region.ValueString() != "DUBLIN_IRL" || kafka.Type.ValueString() != "Kafka" ||
		kafka.InstanceName.ValueString() != "ingest" || kafka.ConnectionName.ValueString() != "events" || !kafka.Cluster.IsNull() {
		t.Errorf("kafka: %+v", kafka)
	}
	auth := objectAttr(kafka.Kafka, "authentication")
	if str(auth, "password") != "moved-secret" || str(auth, "ssl_key") != "key-secret" || str(kafka.Kafka, "bootstrap_servers") != "f:9092" {
		t.Errorf("kafka settings: %s", kafka.Kafka)
	}
	cluster, errs := movedFailover(t, mongodbatlasFailover, `{"project_id": "65f0a1b2c3d4e5f60718293a", "workspace_name": "ingest", "connection_name": "warehouse",
  "failover_connection_id": "6a0c5a375baf423a58f5ae50", "region": "OREGON_USA", "type": "Cluster", "cluster_name": "Replica", "db_role_to_execute": {"role": "atlasAdmin", "type": "BUILT_IN"}}`)
	if len(errs) > 0 || cluster == nil || str(cluster.Cluster, "cluster_name") != "Replica" || !cluster.Kafka.IsNull() || cluster.Type.ValueString() != "Cluster" {
		t.Errorf("cluster: %+v %v", cluster, errs)
	}
	if m, errs := movedFailover(t, mongodbatlasFailover, `{"project_id": "65f0a1b2c3d4e5f60718293a", "workspace_name": "ingest", "connection_name": "events", "type": "Kafka"}`); m != nil || len(errs) != 1 ||
		!strings.Contains(errs[0], "failover_connection_id") || !strings.Contains(errs[0], "region") || !strings.Contains(errs[0], "<project_id>/<instance_name>/<connection_name>/<id>") {
		t.Errorf("missing id: %v %v", m, errs)
	}
	if m, errs := movedFailover(t, "mongodbatlas_stream_connection", `{}`); m != nil || len(errs) != 0 {
		t.Errorf("another type: %v %v", m, errs)
	}
}

// TestParseFailoverImportID reads the four parts and names the wrong one.
func TestParseFailoverImportID(t *testing.T) {
	got, err := parseFailoverImportID("65f0a1b2c3d4e5f60718293a/ingest/events/6a0c5a375baf423a58f5ae4f")
	if err != nil || got["project_id"] != "65f0a1b2c3d4e5f60718293a" || got["instance_name"] != "ingest" || got["connection_name"] != "events" || got["id"] != "6a0c5a375baf423a58f5ae4f" {
		t.Errorf("%v %v", got, err)
	}
	for id, want := range map[string]string{
		"65f0a1b2c3d4e5f60718293a/ingest/events":                            "<project_id>/<instance_name>/<connection_name>/<id>",
		"65f0a1b2c3d4e5f60718293a/ingest/bad name/6a0c5a375baf423a58f5ae4f": `connection_name "bad name" must be`,
		"65f0a1b2c3d4e5f60718293a/ingest/events/xyz":                        `the id of a failover connection is 24 lower-case hexadecimal characters; got "xyz"`,
		"nope/ingest/events/6a0c5a375baf423a58f5ae4f":                       `project_id "nope" must be`,
	} {
		if _, err := parseFailoverImportID(id); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want it to say %q", id, err, want)
		}
	}
}
