package streaminstance

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func obj(t *testing.T, types_ map[string]attr.Type, values map[string]attr.Value) types.Object {
	t.Helper()
	o, d := types.ObjectValue(types_, values)
	if d.HasError() {
		t.Fatal(d)
	}
	return o
}

func planModel(t *testing.T, provider, region string, tier types.String, sample types.Object) instanceModel {
	return instanceModel{
		ProjectID:         types.StringValue("65f0a1b2c3d4e5f60718293a"),
		Name:              types.StringValue("demo"),
		DataProcessRegion: obj(t, regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringValue(provider), "region": types.StringValue(region)}),
		StreamConfig:      obj(t, streamConfigAttrTypes, map[string]attr.Value{"tier": tier}),
		SampleConnections: sample,
		Hostnames:         types.ListUnknown(types.StringType),
		Connections:       types.ListUnknown(connectionType),
	}
}

func TestCreateRequest(t *testing.T) {
	ctx := context.Background()
	solar := obj(t, sampleAttrTypes, map[string]attr.Value{"solar": types.BoolValue(true)})
	for _, tc := range []struct {
		name  string
		model instanceModel
		want  string
	}{
		{"unknown tier is left to the server", planModel(t, "AWS", "OHIO_USA", types.StringUnknown(), types.ObjectNull(sampleAttrTypes)), "{demo {AWS OHIO_USA} <nil> <nil>}"},
		{"tier and solar", planModel(t, "GCP", "US_EAST4", types.StringValue("SP5"), solar), "{demo {GCP US_EAST4} &{SP5} &{true}}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, d := createRequest(ctx, tc.model)
			if d.HasError() {
				t.Fatal(d)
			}
			if got := fmtReq(req); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func fmtReq(r atlas.CreateRequest) string {
	var b strings.Builder
	b.WriteString("{" + r.Name + " {" + r.DataProcessRegion.CloudProvider + " " + r.DataProcessRegion.Region + "} ")
	if r.StreamConfig == nil {
		b.WriteString("<nil> ")
	} else {
		b.WriteString("&{" + r.StreamConfig.Tier + "} ")
	}
	if r.SampleConnections == nil {
		b.WriteString("<nil>}")
	} else if r.SampleConnections.Solar {
		b.WriteString("&{true}}")
	} else {
		b.WriteString("&{false}}")
	}
	return b.String()
}

func TestUpdateRequestHoldsOnlyChanges(t *testing.T) {
	ctx := context.Background()
	null := types.ObjectNull(sampleAttrTypes)
	state := planModel(t, "AWS", "OHIO_USA", types.StringValue("SP10"), null)
	for _, tc := range []struct {
		name    string
		plan    instanceModel
		changed bool
		want    atlas.UpdateRequest
	}{
		{"nothing", planModel(t, "AWS", "OHIO_USA", types.StringValue("SP10"), null), false, atlas.UpdateRequest{}},
		{"tier", planModel(t, "AWS", "OHIO_USA", types.StringValue("SP30"), null), true, atlas.UpdateRequest{StreamConfig: &atlas.StreamConfig{Tier: "SP30"}}},
		{"region sends both at the root", planModel(t, "AWS", "OREGON_USA", types.StringValue("SP10"), null), true, atlas.UpdateRequest{CloudProvider: "AWS", Region: "OREGON_USA"}},
		{"unknown tier is not sent", planModel(t, "AWS", "OHIO_USA", types.StringUnknown(), null), false, atlas.UpdateRequest{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, changed := updateRequest(ctx, tc.plan, state)
			if changed != tc.changed || got.CloudProvider != tc.want.CloudProvider || got.Region != tc.want.Region ||
				(got.StreamConfig == nil) != (tc.want.StreamConfig == nil) || (got.StreamConfig != nil && *got.StreamConfig != *tc.want.StreamConfig) {
				t.Errorf("got %+v changed=%v, want %+v changed=%v", got, changed, tc.want, tc.changed)
			}
		})
	}
}

func TestFromAPI(t *testing.T) {
	ctx := context.Background()
	in := &atlas.StreamInstance{
		ID: "65f0a1b2c3d4e5f607182999", GroupID: "65f0a1b2c3d4e5f60718293a", Name: "demo",
		DataProcessRegion: &atlas.DataProcessRegion{CloudProvider: "AWS", Region: "OHIO_USA"},
		StreamConfig:      &atlas.StreamConfig{Tier: "SP30"},
		SampleConnections: &atlas.SampleConnections{Solar: false},
		Hostnames:         []string{"h1"},
		Connections:       []atlas.Connection{{Name: "k", Type: "SomeFutureType"}, {Name: "s", Type: "Sample", State: "READY"}},
	}
	prior := instanceModel{ProjectID: types.StringValue("65f0a1b2c3d4e5f60718293a"), SampleConnections: types.ObjectNull(sampleAttrTypes), Connections: types.ListNull(connectionType)}
	m, d := fromAPI(ctx, in, prior)
	if d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != in.ID || !m.SampleConnections.IsNull() || len(m.Connections.Elements()) != 2 || len(m.Hostnames.Elements()) != 1 {
		t.Errorf("model %+v", m)
	}
	if tier, ok := tierOf(ctx, m.StreamConfig); !ok || tier != "SP30" {
		t.Errorf("tier %q", tier)
	}
	// A user who wrote sample_connections keeps it, even at false.
	prior.SampleConnections = obj(t, sampleAttrTypes, map[string]attr.Value{"solar": types.BoolValue(false)})
	m, _ = fromAPI(ctx, in, prior)
	if m.SampleConnections.IsNull() {
		t.Error("sample_connections written by the user was dropped")
	}
	// An answer without connections keeps the known ones.
	in.Connections = nil
	prior.Connections = m.Connections
	m2, _ := fromAPI(ctx, in, prior)
	if !m2.Connections.Equal(m.Connections) {
		t.Error("connections were lost when the answer did not list them")
	}
	// An answer missing optional objects gives nulls, not a panic.
	m3, d := fromAPI(ctx, &atlas.StreamInstance{Name: "bare"}, prior)
	if d.HasError() || m3.Hostnames.IsNull() || m3.ProjectID.ValueString() != prior.ProjectID.ValueString() {
		t.Errorf("bare answer: %+v %v", m3, d)
	}
}

func TestParseImportID(t *testing.T) {
	const p = "65f0a1b2c3d4e5f60718293a"
	for _, tc := range []struct {
		id, project, name string
		ok                bool
	}{
		{p + "/demo", p, "demo", true},
		{p + "-demo", p, "demo", true},
		{p + "-my-instance-1", p, "my-instance-1", true},
		{p + "/my-instance", p, "my-instance", true},
		{p, "", "", false},
		{p + "/", "", "", false},
		{p + "-", "", "", false},
		{"demo", "", "", false},
		{"65F0A1B2C3D4E5F60718293A/demo", "", "", false},
		{p + "/bad name", "", "", false},
		{p + "/a/b", "", "", false},
		{"", "", "", false},
	} {
		project, name, err := parseImportID(tc.id)
		if (err == nil) != tc.ok || project != tc.project || name != tc.name {
			t.Errorf("%q: got %q %q %v", tc.id, project, name, err)
		}
		if err != nil && (!strings.Contains(err.Error(), "<project_id>/<name>") || !strings.Contains(err.Error(), "<project_id>-<name>")) {
			t.Errorf("%q: error does not show both forms: %v", tc.id, err)
		}
	}
}

func TestDescriptionsNameEveryAllowedValue(t *testing.T) {
	for _, v := range append(append([]string{}, Tiers...), AllRegions()...) {
		if !strings.Contains(descTier+descRegionName, "`"+v+"`") {
			t.Errorf("descriptions do not name %s", v)
		}
	}
}

func TestMatchesRequest(t *testing.T) {
	req := atlas.CreateRequest{Name: "x", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "OHIO_USA"}}
	withTier := req
	withTier.StreamConfig = &atlas.StreamConfig{Tier: "SP10"}
	withSolar := req
	withSolar.SampleConnections = &atlas.SampleConnections{Solar: true}
	got := &atlas.StreamInstance{DataProcessRegion: &atlas.DataProcessRegion{CloudProvider: "AWS", Region: "OHIO_USA"}, StreamConfig: &atlas.StreamConfig{Tier: "SP30"}}
	for _, tc := range []struct {
		name string
		req  atlas.CreateRequest
		want bool
	}{
		{"same region, server default tier", req, true},
		{"other tier asked", withTier, false},
		{"solar asked, none there", withSolar, false},
	} {
		if matchesRequest(got, tc.req) != tc.want {
			t.Errorf("%s: want %v", tc.name, tc.want)
		}
	}
	if matchesRequest(&atlas.StreamInstance{}, req) {
		t.Error("an answer without a region matched")
	}
}

func TestOutcomeUnknown(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{errors.New("connection reset by peer"), true},
		{&atlas.APIError{StatusCode: 500}, true},
		{&atlas.APIError{StatusCode: 502}, true},
		{&atlas.APIError{StatusCode: 503}, false},
		{&atlas.APIError{StatusCode: 400}, false},
		{&atlas.APIError{StatusCode: 409}, false},
	} {
		if got := outcomeUnknown(tc.err); got != tc.want {
			t.Errorf("%v: %v, want %v", tc.err, got, tc.want)
		}
	}
}
