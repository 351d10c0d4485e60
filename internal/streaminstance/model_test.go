package streaminstance

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
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
	const pid, id = "65f0a1b2c3d4e5f60718293a", "65f0a1b2c3d4e5f607182999"
	region := func(p, r string) types.Object {
		return obj(t, regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringValue(p), "region": types.StringValue(r)})
	}
	tier := func(v types.String) types.Object {
		return obj(t, streamConfigAttrTypes, map[string]attr.Value{"tier": v})
	}
	solar := func(b bool) types.Object {
		return obj(t, sampleAttrTypes, map[string]attr.Value{"solar": types.BoolValue(b)})
	}
	conn := func(name, typ, state string) attr.Value {
		return obj(t, connectionAttrTypes, map[string]attr.Value{"name": types.StringValue(name), "type": types.StringValue(typ), "state": types.StringValue(state)})
	}
	strings_ := func(v ...string) types.List {
		l, d := types.ListValueFrom(ctx, types.StringType, v)
		if d.HasError() {
			t.Fatal(d)
		}
		return l
	}
	full := &atlas.StreamInstance{
		ID: id, GroupID: pid, Name: "demo",
		DataProcessRegion: &atlas.DataProcessRegion{CloudProvider: "AWS", Region: "OHIO_USA"},
		StreamConfig:      &atlas.StreamConfig{Tier: "SP30"},
		SampleConnections: &atlas.SampleConnections{Solar: false},
		Hostnames:         []string{"h1"},
		Connections:       []atlas.Connection{{Name: "k", Type: "SomeFutureType"}, {Name: "s", Type: "Sample", State: "READY"}},
	}
	noConns := *full
	noConns.Connections = nil
	priorConns := types.ListValueMust(connectionType, []attr.Value{conn("old", "Kafka", "READY")})
	unset := instanceModel{ProjectID: types.StringValue(pid), SampleConnections: types.ObjectNull(sampleAttrTypes), Connections: types.ListNull(connectionType)}
	written := unset
	written.SampleConnections = solar(false)
	known := unset
	known.Connections = priorConns

	for _, tc := range []struct {
		name  string
		in    *atlas.StreamInstance
		prior instanceModel
		want  instanceModel
	}{
		{"every field; sample_connections never written stays null", full, unset, instanceModel{
			ID: types.StringValue(id), ProjectID: types.StringValue(pid), Name: types.StringValue("demo"),
			DataProcessRegion: region("AWS", "OHIO_USA"), StreamConfig: tier(types.StringValue("SP30")),
			SampleConnections: types.ObjectNull(sampleAttrTypes), Hostnames: strings_("h1"),
			Connections: types.ListValueMust(connectionType, []attr.Value{conn("k", "SomeFutureType", ""), conn("s", "Sample", "READY")}),
		}},
		{"sample_connections written at false is kept", full, written, instanceModel{
			ID: types.StringValue(id), ProjectID: types.StringValue(pid), Name: types.StringValue("demo"),
			DataProcessRegion: region("AWS", "OHIO_USA"), StreamConfig: tier(types.StringValue("SP30")),
			SampleConnections: solar(false), Hostnames: strings_("h1"),
			Connections: types.ListValueMust(connectionType, []attr.Value{conn("k", "SomeFutureType", ""), conn("s", "Sample", "READY")}),
		}},
		{"an answer without connections keeps the known ones", &noConns, known, instanceModel{
			ID: types.StringValue(id), ProjectID: types.StringValue(pid), Name: types.StringValue("demo"),
			DataProcessRegion: region("AWS", "OHIO_USA"), StreamConfig: tier(types.StringValue("SP30")),
			SampleConnections: types.ObjectNull(sampleAttrTypes), Hostnames: strings_("h1"), Connections: priorConns,
		}},
		{"a bare answer gives nulls and empty lists, and the prior project", &atlas.StreamInstance{Name: "bare", SampleConnections: &atlas.SampleConnections{Solar: true}}, unset, instanceModel{
			ID: types.StringValue(""), ProjectID: types.StringValue(pid), Name: types.StringValue("bare"),
			DataProcessRegion: obj(t, regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringNull(), "region": types.StringNull()}),
			StreamConfig:      tier(types.StringNull()), SampleConnections: solar(true), Hostnames: types.ListValueMust(types.StringType, []attr.Value{}),
			Connections: types.ListValueMust(connectionType, []attr.Value{}),
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, d := fromAPI(ctx, tc.in, tc.prior)
			if d.HasError() {
				t.Fatal(d)
			}
			for _, diff := range modelDiff(got, tc.want) {
				t.Error(diff)
			}
		})
	}
}

// modelDiff lists the attributes in which two models differ.
func modelDiff(got, want instanceModel) []string {
	var out []string
	for _, f := range []struct {
		name      string
		got, want attr.Value
	}{
		{"id", got.ID, want.ID}, {"project_id", got.ProjectID, want.ProjectID}, {"name", got.Name, want.Name},
		{"data_process_region", got.DataProcessRegion, want.DataProcessRegion}, {"stream_config", got.StreamConfig, want.StreamConfig},
		{"sample_connections", got.SampleConnections, want.SampleConnections}, {"hostnames", got.Hostnames, want.Hostnames},
		{"connections", got.Connections, want.Connections},
	} {
		if !f.got.Equal(f.want) {
			out = append(out, fmt.Sprintf("%s: got %s, want %s", f.name, f.got, f.want))
		}
	}
	return out
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

// TestSchemaDescriptionsAsRendered pins the descriptions that list allowed
// values to the exact text the docs show.
func TestSchemaDescriptionsAsRendered(t *testing.T) {
	attrs := resourceSchema(context.Background()).Attributes
	region := attrs["data_process_region"].(schema.SingleNestedAttribute).Attributes
	config := attrs["stream_config"].(schema.SingleNestedAttribute).Attributes
	for name, tc := range map[string]struct{ got, want string }{
		"cloud_provider": {region["cloud_provider"].GetMarkdownDescription(), "Cloud provider: one of `AWS`, `GCP`, `AZURE`."},
		"region": {region["region"].GetMarkdownDescription(), "Region of the cloud provider. Allowed per provider:" +
			" AWS: `SYDNEY_AUS`, `MUMBAI_IND`, `FRANKFURT_DEU`, `DUBLIN_IRL`, `LONDON_GBR`, `VIRGINIA_USA`, `OHIO_USA`, `OREGON_USA`, `SAOPAULO_BRA`, `MONTREAL_CAN`, `TOKYO_JPN`, `SINGAPORE_SGP`, `PARIS_FRA`, `SEOUL_KOR`." +
			" GCP: `US_CENTRAL1`, `EUROPE_WEST1`, `US_EAST4`." +
			" AZURE: `eastus`, `westus`, `eastus2`, `westeurope`, `brazilsouth`, `australiaeast`."},
		"tier":       {config["tier"].GetMarkdownDescription(), "Tier of the instance: one of `SP2`, `SP5`, `SP10`, `SP30`, `SP50`. When omitted, the server picks one (`SP30`). Changed in place."},
		"project_id": {attrs["project_id"].GetMarkdownDescription(), "ID of the Atlas project (group) that holds the instance: 24 lower-case hexadecimal characters. Changing it replaces the instance."},
		"name":       {attrs["name"].GetMarkdownDescription(), "Name of the stream instance, unique in its project: 1 to 64 letters, digits and hyphens, starting with a letter or digit. Changing it replaces the instance."},
		"timeouts": {attrs["timeouts"].GetMarkdownDescription(), "How long each operation may take, retries and waiting included, before it fails with a timeout error. " +
			"Defaults: `create` 20m, `update` 20m, `delete` 20m (the delete waits until the instance is gone)."},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", name, tc.got, tc.want)
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
