package tfresource

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var connectionName = func(s string) bool { return s != "" && !strings.ContainsAny(s, "/ ") }

func TestInstanceScopedID(t *testing.T) {
	const p = "65f0a1b2c3d4e5f60718293a"
	for _, tc := range []struct {
		id, project, instance, name string
		ok                          bool
	}{
		{p + "/ingest/events", p, "ingest", "events", true},
		{"ingest-" + p + "-events", p, "ingest", "events", true},
		// Hyphens on both sides of the project ID.
		{"my-ingest-1-" + p + "-kafka-prod-2", p, "my-ingest-1", "kafka-prod-2", true},
		// An instance name that is itself 24 hex.
		{"0123456789abcdef01234567-" + p + "-c", p, "0123456789abcdef01234567", "c", true},
		// A name holding a 24-hex run: the first split with valid parts.
		{"ingest-" + p + "-x-0123456789abcdef01234567-y", p, "ingest", "x-0123456789abcdef01234567-y", true},
		{p + "/ingest", "", "", "", false},
		{p + "-events", "", "", "", false},
		{"ingest-" + p, "", "", "", false},
		{"ingest-" + strings.ToUpper(p) + "-events", "", "", "", false},
		{"/ingest/events", "", "", "", false},
		{p + "/bad name/events", "", "", "", false},
		{"", "", "", "", false},
	} {
		project, instance, name, err := InstanceScopedID(tc.id, "connection", connectionName, "a name")
		if (err == nil) != tc.ok || (tc.ok && (project != tc.project || instance != tc.instance || name != tc.name)) {
			t.Errorf("%q: got %q %q %q %v", tc.id, project, instance, name, err)
		}
		if err != nil && (!strings.Contains(err.Error(), "<project_id>/<instance_name>/<name>") || !strings.Contains(err.Error(), "<instance_name>-<project_id>-<name>")) {
			t.Errorf("%q: the error does not show both forms: %v", tc.id, err)
		}
	}
}

// TestImportInstanceScoped imports by either form of ID and by identity:
// the three attributes and the identity are set from what was given, and
// a bad ID or identity is one error that says which.
func TestImportInstanceScoped(t *testing.T) {
	const p = "65f0a1b2c3d4e5f60718293a"
	ctx := context.Background()
	ident := NewIdentity(map[string]string{"project_id": "p", "instance_name": "i", "name": "n"})
	stateSchema := rschema.Schema{Attributes: map[string]rschema.Attribute{
		"project_id": rschema.StringAttribute{Required: true}, "instance_name": rschema.StringAttribute{Required: true},
		"name": rschema.StringAttribute{Required: true}, "other": rschema.StringAttribute{Optional: true},
	}}
	identityOf := func(project, instance, name string) *tfsdk.ResourceIdentity {
		id := &tfsdk.ResourceIdentity{Schema: ident.Schema(), Raw: tftypes.NewValue(ident.typ, nil)}
		ident.Set(id, map[string]string{"project_id": project, "instance_name": instance, "name": name})
		return id
	}
	for _, tc := range []struct {
		what     string
		id       string
		identity *tfsdk.ResourceIdentity
		want     [3]string
		err      string
	}{
		{what: "slash ID", id: p + "/ingest/events", want: [3]string{p, "ingest", "events"}},
		{what: "MongoDB's hyphen ID", id: "ingest-" + p + "-events", want: [3]string{p, "ingest", "events"}},
		{what: "identity", identity: identityOf(p, "ingest", "events"), want: [3]string{p, "ingest", "events"}},
		{what: "bad ID", id: "events", err: `Invalid Import ID: the import ID "events" is not valid`},
		{what: "bad identity", identity: identityOf("nope", "ingest", "events"), err: `Invalid Import Identity: project_id "nope" must be`},
	} {
		t.Run(tc.what, func(t *testing.T) {
			resp := resource.ImportStateResponse{
				State:    tfsdk.State{Schema: stateSchema, Raw: tftypes.NewValue(stateSchema.Type().TerraformType(ctx), nil)},
				Identity: &tfsdk.ResourceIdentity{Schema: ident.Schema(), Raw: tftypes.NewValue(ident.typ, nil)},
			}
			ImportInstanceScoped(ctx, resource.ImportStateRequest{ID: tc.id, Identity: tc.identity}, &resp, ident, "connection", connectionName, "a name")
			if tc.err != "" {
				if resp.Diagnostics.ErrorsCount() != 1 {
					t.Fatalf("want one error, got %v", resp.Diagnostics)
				}
				e := resp.Diagnostics.Errors()[0]
				if got := e.Summary() + ": " + e.Detail(); !strings.HasPrefix(got, tc.err) {
					t.Errorf("error %q; want it to start %q", got, tc.err)
				}
				return
			}
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			var got [3]string
			for i, a := range []string{"project_id", "instance_name", "name"} {
				var v types.String
				resp.Diagnostics.Append(resp.State.GetAttribute(ctx, path.Root(a), &v)...)
				got[i] = v.ValueString()
			}
			gotIdentity, err := ident.Get(resp.Identity)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want || gotIdentity["project_id"] != tc.want[0] || gotIdentity["instance_name"] != tc.want[1] || gotIdentity["name"] != tc.want[2] {
				t.Errorf("state %v, identity %v; want %v in both", got, gotIdentity, tc.want)
			}
		})
	}
}
