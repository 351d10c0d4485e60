package streaminstance_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const mongodbatlasAddress = "registry.terraform.io/mongodb/mongodbatlas"

// The two source states, as MongoDB's provider v2.x writes them.
const (
	instanceState = `{
  "data_process_region": {"cloud_provider": "AWS", "region": "VIRGINIA_USA"},
  "hostnames": ["atlas-stream-6b096824b331fd6acd9d16ba-kusre.virginia-usa.a.query.mongodb.net"],
  "id": "6b096824b331fd6acd9d16ba", "instance_name": "moveme",
  "project_id": "65f0a1b2c3d4e5f60718293a",
  "stream_config": {"max_tier_size": null, "tier": "SP10"}}`
	workspaceState = `{
  "data_process_region": {"cloud_provider": "AWS", "region": "VIRGINIA_USA"},
  "failover_regions": [{"cloud_provider": "AWS", "region": "OREGON_USA"}],
  "hostnames": ["atlas-stream-6b096aca4675f013d3472021-cvydd.virginia-usa.a.query.mongodb.net"],
  "id": "6b096aca4675f013d3472021", "project_id": "65f0a1b2c3d4e5f60718293a",
  "stream_config": {"max_tier_size": "SP30", "tier": "SP10"},
  "workspace_name": "ws3"}`
)

// move asks the provider, through the protocol, to move a source state
// onto atlasmini_stream_instance; it returns the target state (nil when
// the provider left it empty) and the diagnostics.
func move(t *testing.T, provider, sourceType, state string) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	t.Helper()
	s := protocolServer(t)
	typ := resourceType(t, s)
	resp, err := s.MoveResourceState(context.Background(), &tfprotov6.MoveResourceStateRequest{
		SourceProviderAddress: provider, SourceTypeName: sourceType, SourceSchemaVersion: 0,
		SourceState: &tfprotov6.RawState{JSON: []byte(state)}, TargetTypeName: "atlasmini_stream_instance",
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.TargetState == nil {
		return nil, resp.Diagnostics
	}
	v, err := resp.TargetState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	if v.IsNull() {
		return nil, resp.Diagnostics
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs, resp.Diagnostics
}

// render prints a state value in a compact, readable form.
func render(v tftypes.Value) string {
	if v.IsNull() {
		return "null"
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.List{}):
		var items []tftypes.Value
		_ = v.As(&items)
		out := make([]string, len(items))
		for i, e := range items {
			out[i] = render(e)
		}
		return "[" + strings.Join(out, " ") + "]"
	case v.Type().Is(tftypes.Object{}):
		var attrs map[string]tftypes.Value
		_ = v.As(&attrs)
		names := make([]string, 0, len(attrs))
		for n := range attrs {
			names = append(names, n)
		}
		slices.Sort(names)
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = n + "=" + render(attrs[n])
		}
		return "{" + strings.Join(out, " ") + "}"
	}
	return v.String()
}

func TestMoveState_fromMongoDBAtlas(t *testing.T) {
	for _, tc := range []struct {
		name, sourceType, state string
		want                    map[string]string
	}{
		{"stream instance", "mongodbatlas_stream_instance", instanceState, map[string]string{
			"id": "6b096824b331fd6acd9d16ba", "project_id": "65f0a1b2c3d4e5f60718293a", "name": "moveme",
			"data_process_region": "{cloud_provider=AWS region=VIRGINIA_USA}",
			"failover_regions":    "null",
			"stream_config":       "{max_tier_size=null tier=SP10}",
			"hostnames":           "[atlas-stream-6b096824b331fd6acd9d16ba-kusre.virginia-usa.a.query.mongodb.net]",
			"sample_connections":  "null", "connections": "null", "timeouts": "null",
		}},
		{"stream workspace", "mongodbatlas_stream_workspace", workspaceState, map[string]string{
			"id": "6b096aca4675f013d3472021", "project_id": "65f0a1b2c3d4e5f60718293a", "name": "ws3",
			"data_process_region": "{cloud_provider=AWS region=VIRGINIA_USA}",
			"failover_regions":    "[{cloud_provider=AWS region=OREGON_USA}]",
			"stream_config":       "{max_tier_size=SP30 tier=SP10}",
			"hostnames":           "[atlas-stream-6b096aca4675f013d3472021-cvydd.virginia-usa.a.query.mongodb.net]",
			"sample_connections":  "null", "connections": "null", "timeouts": "null",
		}},
		{"unknown extra attributes of a newer version", "mongodbatlas_stream_workspace",
			strings.Replace(workspaceState, `"workspace_name": "ws3"`, `"workspace_name": "ws3", "networking": {"access": {"type": "PUBLIC"}}, "delete_on_create_timeout": true, "timeouts": null`, 1),
			map[string]string{"name": "ws3", "id": "6b096aca4675f013d3472021", "stream_config": "{max_tier_size=SP30 tier=SP10}"}},
		{"a mirror of the registry", "mongodbatlas_stream_instance", instanceState, map[string]string{"name": "moveme"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			provider := mongodbatlasAddress
			if tc.name == "a mirror of the registry" {
				provider = "terraform.example.com/mongodb/mongodbatlas"
			}
			got, diags := move(t, provider, tc.sourceType, tc.state)
			for _, d := range diags {
				t.Errorf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
			}
			if got == nil {
				t.Fatal("no target state")
			}
			for name, want := range tc.want {
				if r := render(got[name]); r != want {
					t.Errorf("%s = %s, want %s", name, r, want)
				}
			}
		})
	}
}

func TestMoveState_missingProjectOrName(t *testing.T) {
	for _, tc := range []struct {
		name, sourceType, state, want string
	}{
		{"instance without a name", "mongodbatlas_stream_instance", strings.Replace(instanceState, `"instance_name": "moveme",`, "", 1), "has no instance_name"},
		{"workspace with a null name", "mongodbatlas_stream_workspace", strings.Replace(workspaceState, `"workspace_name": "ws3"`, `"workspace_name": null`, 1), "has no workspace_name"},
		{"workspace with an instance's name only", "mongodbatlas_stream_workspace", instanceState, "has no workspace_name"},
		{"no project", "mongodbatlas_stream_instance", strings.Replace(instanceState, `"project_id": "65f0a1b2c3d4e5f60718293a",`, "", 1), "has no project_id"},
		{"neither", "mongodbatlas_stream_instance", `{"id": "x"}`, "has no project_id and instance_name"},
		{"not JSON", "mongodbatlas_stream_instance", `{"project_id": `, "could not be read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := move(t, mongodbatlasAddress, tc.sourceType, tc.state)
			if got != nil {
				t.Errorf("a target state was set: %v", got)
			}
			if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError ||
				!strings.Contains(diags[0].Summary, "Cannot Move "+tc.sourceType) || !strings.Contains(diags[0].Detail, tc.want) {
				for _, d := range diags {
					t.Logf("%s: %s", d.Summary, d.Detail)
				}
				t.Errorf("want one error saying %q", tc.want)
			}
		})
	}
}

// TestMoveState_otherSourcesAreNotOurs leaves the response empty, so that
// Terraform reports the move as unsupported.
func TestMoveState_otherSourcesAreNotOurs(t *testing.T) {
	for _, tc := range []struct{ provider, sourceType string }{
		{mongodbatlasAddress, "mongodbatlas_cluster"},
		{mongodbatlasAddress, "mongodbatlas_stream_connection"},
		{"registry.terraform.io/hashicorp/aws", "mongodbatlas_stream_instance"},
		{"registry.terraform.io/example/notmongodbatlas", "mongodbatlas_stream_instance"},
	} {
		got, diags := move(t, tc.provider, tc.sourceType, instanceState)
		if got != nil {
			t.Errorf("%s %s: moved %v", tc.provider, tc.sourceType, got)
		}
		unsupported := false
		for _, d := range diags {
			unsupported = unsupported || strings.Contains(d.Summary, "Unable to Move Resource State")
		}
		if !unsupported {
			t.Errorf("%s %s: diagnostics %v, want the framework's unsupported move", tc.provider, tc.sourceType, diags)
		}
	}
}
