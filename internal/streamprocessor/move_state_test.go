package streamprocessor

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// moved runs the mover on a source state of MongoDB's provider.
func moved(t *testing.T, provider, typ, state string) (*processorModel, []string) {
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
	return &m.processorModel, errs
}

const mongodbatlas = "registry.terraform.io/mongodb/mongodbatlas"

// TestMoveFromMongoDBAtlas keeps the pipeline as written, the state, tier,
// DLQ, stats and Atlas's id, and ignores what has no counterpart here.
func TestMoveFromMongoDBAtlas(t *testing.T) {
	pipeline := "[\n  {\"$source\": {\"connectionName\": \"sample_stream_solar\"}},\n  {\"$emit\": {\"connectionName\": \"__testLog\"}}\n]"
	quoted, _ := json.Marshal(pipeline)
	m, errs := moved(t, mongodbatlas, "mongodbatlas_stream_processor", `{
  "id": "66aa00000000000000000001", "project_id": "65f0a1b2c3d4e5f60718293a", "workspace_name": "ingest", "instance_name": null,
  "processor_name": "solar", "pipeline": `+string(quoted)+`,
  "state": "STARTED", "tier": "SP10", "effective_tier": "SP10", "stats": "{\"inputMessageCount\":3}", "failover_enabled": null,
  "options": {"dlq": {"connection_name": "warehouse", "db": "solar", "coll": "dlq"}, "autoscaling": null},
  "delete_on_create_timeout": true, "timeouts": null, "some_future_attribute": 7}`)
	if len(errs) > 0 || m == nil {
		t.Fatalf("move: %v", errs)
	}
	if m.ID.ValueString() != "66aa00000000000000000001" || m.InstanceName.ValueString() != "ingest" || m.Name.ValueString() != "solar" ||
		m.State.ValueString() != "STARTED" || m.Tier.ValueString() != "SP10" || m.FailoverEnabled.ValueBool() || m.Stats.ValueString() != `{"inputMessageCount":3}` {
		t.Errorf("moved: %+v", m)
	}
	if m.Pipeline.ValueString() != pipeline {
		t.Errorf("pipeline %q, want it as written %q", m.Pipeline.ValueString(), pipeline)
	}
	if d := dlqOf(m.Options); d == nil || d.ConnectionName != "warehouse" || d.DB != "solar" || d.Coll != "dlq" {
		t.Errorf("dlq: %+v", d)
	}

	bare, errs := moved(t, mongodbatlas, "mongodbatlas_stream_processor", `{"project_id": "65f0a1b2c3d4e5f60718293a", "instance_name": "ingest",
  "processor_name": "p", "pipeline": "[{\"$source\":{}},{\"$emit\":{}}]"}`)
	if len(errs) > 0 || bare == nil || !bare.ID.IsNull() || bare.State.ValueString() != "CREATED" || !bare.Tier.IsNull() || !bare.Options.IsNull() || !bare.Stats.IsNull() {
		t.Errorf("bare: %+v %v", bare, errs)
	}
	if m, errs := moved(t, mongodbatlas, "mongodbatlas_stream_processor", `{"project_id": "65f0a1b2c3d4e5f60718293a", "pipeline": "[]"}`); m != nil || len(errs) != 1 ||
		!strings.Contains(errs[0], "has no instance_name or workspace_name and processor_name, which atlasmini_stream_processor needs") {
		t.Errorf("missing names: %v %v", m, errs)
	}
	if m, errs := moved(t, "registry.terraform.io/hashicorp/other", "mongodbatlas_stream_processor", `{}`); m != nil || len(errs) != 0 {
		t.Errorf("another provider: %v %v", m, errs)
	}
	if m, errs := moved(t, mongodbatlas, "mongodbatlas_stream_connection", `{}`); m != nil || len(errs) != 0 {
		t.Errorf("another type: %v %v", m, errs)
	}
}
