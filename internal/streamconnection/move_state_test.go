package streamconnection

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// moved runs the mover on a source state of MongoDB's provider.
func moved(t *testing.T, provider, typ, state string) (*connectionModel, []string) {
	t.Helper()
	ctx := context.Background()
	s := resourceSchema(ctx)
	resp := resource.MoveStateResponse{TargetState: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}}
	moveFromMongoDBAtlas(ctx, resource.MoveStateRequest{SourceProviderAddress: provider, SourceTypeName: typ, SourceRawState: &tfprotov6.RawState{JSON: []byte(state)}}, &resp)
	var errs []string
	for _, d := range resp.Diagnostics.Errors() {
		errs = append(errs, d.Summary()+": "+d.Detail())
	}
	if resp.TargetState.Raw.IsNull() {
		return nil, errs
	}
	m, d := codec().FromRaw(ctx, resp.TargetState.Raw)
	if d.HasError() {
		t.Fatal(d)
	}
	return &m.connectionModel, errs
}

const mongodbatlas = "registry.terraform.io/mongodb/mongodbatlas"

// TestMoveFromMongoDBAtlas maps the flat attributes of MongoDB's resource
// into each type's nested attribute, secrets into their sensitive forms,
// and leaves id and state for the refresh.
func TestMoveFromMongoDBAtlas(t *testing.T) {
	kafka, errs := moved(t, mongodbatlas, "mongodbatlas_stream_connection", `{
  "id": "encoded-by-mongodb", "project_id": "65f0a1b2c3d4e5f60718293a", "workspace_name": "ingest", "instance_name": null,
  "connection_name": "events", "type": "Kafka", "bootstrap_servers": "b:9092", "config": {"auto.offset.reset": "earliest"},
  "authentication": {"mechanism": "PLAIN", "username": "u", "password": "moved-secret", "method": null},
  "security": {"protocol": "SASL_SSL", "broker_public_certificate": null},
  "networking": {"access": {"type": "PUBLIC", "connection_id": null}},
  "headers": null, "url": null, "cluster_name": null, "some_future_attribute": 7}`)
	if len(errs) > 0 || kafka == nil {
		t.Fatalf("kafka: %v", errs)
	}
	if !kafka.ID.IsNull() || !kafka.State.IsNull() || kafka.InstanceName.ValueString() != "ingest" || kafka.Name.ValueString() != "events" {
		t.Errorf("kafka: %+v", kafka)
	}
	auth := objectAttr(kafka.Kafka, "authentication")
	if str(auth, "password") != "moved-secret" || str(auth, "username") != "u" || str(kafka.Kafka, "bootstrap_servers") != "b:9092" ||
		(*stringMap(kafka.Kafka, "config"))["auto.offset.reset"] != "earliest" || str(objectAttr(objectAttr(kafka.Kafka, "networking"), "access"), "type") != "PUBLIC" {
		t.Errorf("kafka settings: %s", kafka.Kafka)
	}
	cluster, _ := moved(t, mongodbatlas, "mongodbatlas_stream_connection", `{"project_id": "65f0a1b2c3d4e5f60718293a", "instance_name": "ingest",
  "connection_name": "warehouse", "type": "Cluster", "cluster_name": "Cluster0", "cluster_project_id": "0123456789abcdef01234567",
  "db_role_to_execute": {"role": "atlasAdmin", "type": "BUILT_IN"}}`)
	if cluster == nil || str(cluster.Cluster, "cluster_project_id") != "0123456789abcdef01234567" || str(objectAttr(cluster.Cluster, "db_role_to_execute"), "role") != "atlasAdmin" || !cluster.Kafka.IsNull() {
		t.Errorf("cluster: %+v", cluster)
	}
	registry, _ := moved(t, mongodbatlas, "mongodbatlas_stream_connection", `{"project_id": "65f0a1b2c3d4e5f60718293a", "instance_name": "ingest",
  "connection_name": "reg", "type": "SchemaRegistry", "schema_registry_provider": "CONFLUENT", "schema_registry_urls": ["https://r.net"],
  "schema_registry_authentication": {"type": "USER_INFO", "username": "u", "password": "reg-secret"}}`)
	if registry == nil || str(objectAttr(registry.SchemaRegistry, "authentication"), "password") != "reg-secret" || len(registry.SchemaRegistry.Attributes()["urls"].(types.List).Elements()) != 1 {
		t.Errorf("registry: %+v", registry)
	}
	lambda, _ := moved(t, mongodbatlas, "mongodbatlas_stream_connection", `{"project_id": "65f0a1b2c3d4e5f60718293a", "instance_name": "ingest",
  "connection_name": "fn", "type": "AWSLambda", "aws": {"role_arn": "arn:aws:iam::1:role/r"}, "url": "ignored"}`)
	if lambda == nil || str(lambda.AWSLambda, "role_arn") != "arn:aws:iam::1:role/r" || !lambda.HTTPS.IsNull() {
		t.Errorf("lambda: %+v", lambda)
	}
	if m, errs := moved(t, mongodbatlas, "mongodbatlas_stream_connection", `{"project_id": "65f0a1b2c3d4e5f60718293a", "type": "Https"}`); m != nil || len(errs) != 1 ||
		!strings.Contains(errs[0], "has no instance_name or workspace_name and connection_name, which atlasmini_stream_connection needs") {
		t.Errorf("missing names: %v %v", m, errs)
	}
	if m, errs := moved(t, "registry.terraform.io/hashicorp/other", "mongodbatlas_stream_connection", `{}`); m != nil || len(errs) != 0 {
		t.Errorf("another provider: %v %v", m, errs)
	}
}
