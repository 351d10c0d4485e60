package streaminstance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
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

// planModel is a plan of an instance in provider/region at tier, with
// no max tier and no failover regions unless opts add them.
func planModel(t *testing.T, provider, region string, tier types.String, sample types.Object, opts ...func(*instanceModel)) instanceModel {
	m := instanceModel{
		ProjectID:         types.StringValue("65f0a1b2c3d4e5f60718293a"),
		Name:              types.StringValue("demo"),
		DataProcessRegion: obj(t, regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringValue(provider), "region": types.StringValue(region)}),
		FailoverRegions:   types.ListNull(failoverRegionType),
		StreamConfig:      obj(t, streamConfigAttrTypes, map[string]attr.Value{"tier": tier, "max_tier_size": types.StringNull()}),
		SampleConnections: sample,
		Hostnames:         types.ListUnknown(types.StringType),
		Connections:       types.ListUnknown(connectionType),
	}
	for _, o := range opts {
		o(&m)
	}
	return m
}

// withMax sets max_tier_size.
func withMax(t *testing.T, v types.String) func(*instanceModel) {
	return func(m *instanceModel) {
		attrs := m.StreamConfig.Attributes()
		attrs["max_tier_size"] = v
		m.StreamConfig = obj(t, streamConfigAttrTypes, attrs)
	}
}

// withFailover sets failover_regions to regions of AWS; none gives [].
func withFailover(t *testing.T, regions ...string) func(*instanceModel) {
	return func(m *instanceModel) {
		elems := []attr.Value{}
		for _, r := range regions {
			elems = append(elems, obj(t, regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringValue("AWS"), "region": types.StringValue(r)}))
		}
		m.FailoverRegions = types.ListValueMust(failoverRegionType, elems)
	}
}

// asJSON renders a request body as the client sends it.
func asJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestCreateRequest(t *testing.T) {
	ctx := context.Background()
	solar := obj(t, sampleAttrTypes, map[string]attr.Value{"solar": types.BoolValue(true)})
	null := types.ObjectNull(sampleAttrTypes)
	for _, tc := range []struct {
		name  string
		model instanceModel
		want  string
	}{
		{"unknown tier is left to the server", planModel(t, "AWS", "OHIO_USA", types.StringUnknown(), null, withMax(t, types.StringUnknown())),
			`{"name":"demo","dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"}}`},
		{"tier and solar", planModel(t, "GCP", "US_EAST4", types.StringValue("SP5"), solar),
			`{"name":"demo","dataProcessRegion":{"cloudProvider":"GCP","region":"US_EAST4"},"streamConfig":{"tier":"SP5"},"sampleConnections":{"solar":true}}`},
		{"max tier without tier", planModel(t, "AWS", "OHIO_USA", types.StringUnknown(), null, withMax(t, types.StringValue("SP10"))),
			`{"name":"demo","dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"},"streamConfig":{"maxTierSize":"SP10"}}`},
		{"failover regions in order", planModel(t, "AWS", "OHIO_USA", types.StringValue("SP10"), null, withFailover(t, "OREGON_USA", "DUBLIN_IRL")),
			`{"name":"demo","dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"},"streamConfig":{"tier":"SP10"},` +
				`"failoverRegions":[{"cloudProvider":"AWS","region":"OREGON_USA"},{"cloudProvider":"AWS","region":"DUBLIN_IRL"}]}`},
		{"no failover regions sends none", planModel(t, "AWS", "OHIO_USA", types.StringValue("SP10"), null, withFailover(t)),
			`{"name":"demo","dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"},"streamConfig":{"tier":"SP10"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, d := createRequest(ctx, tc.model)
			if d.HasError() {
				t.Fatal(d)
			}
			if got := asJSON(t, req); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestUpdateRequestHoldsWhatChanged(t *testing.T) {
	ctx := context.Background()
	null := types.ObjectNull(sampleAttrTypes)
	sp10 := types.StringValue("SP10")
	state := planModel(t, "AWS", "OHIO_USA", sp10, null, withMax(t, types.StringValue("SP30")))
	withFailoverState := planModel(t, "AWS", "OHIO_USA", sp10, null, withMax(t, types.StringValue("SP30")), withFailover(t, "OREGON_USA"))
	for _, tc := range []struct {
		name    string
		plan    instanceModel
		state   instanceModel
		changed bool
		want    string
	}{
		{"nothing", planModel(t, "AWS", "OHIO_USA", sp10, null, withMax(t, types.StringValue("SP30"))), state, false, `{}`},
		// streamConfig goes whole, so that a server that replaces the
		// nested object keeps the member that did not change.
		{"tier sends the max tier too", planModel(t, "AWS", "OHIO_USA", types.StringValue("SP30"), null, withMax(t, types.StringValue("SP30"))), state, true,
			`{"streamConfig":{"tier":"SP30","maxTierSize":"SP30"}}`},
		{"max tier sends the tier too", planModel(t, "AWS", "OHIO_USA", sp10, null, withMax(t, types.StringValue("SP50"))), state, true,
			`{"streamConfig":{"tier":"SP10","maxTierSize":"SP50"}}`},
		{"an unknown tier keeps the state's beside a new max tier", planModel(t, "AWS", "OHIO_USA", types.StringUnknown(), null, withMax(t, types.StringValue("SP50"))), state, true,
			`{"streamConfig":{"tier":"SP10","maxTierSize":"SP50"}}`},
		{"tier of an instance without a max tier", planModel(t, "AWS", "OHIO_USA", types.StringValue("SP5"), null),
			planModel(t, "AWS", "OHIO_USA", sp10, null), true, `{"streamConfig":{"tier":"SP5"}}`},
		{"tier and max tier", planModel(t, "AWS", "OHIO_USA", types.StringValue("SP50"), null, withMax(t, types.StringValue("SP50"))), state, true,
			`{"streamConfig":{"tier":"SP50","maxTierSize":"SP50"}}`},
		{"region sends both at the root", planModel(t, "AWS", "OREGON_USA", sp10, null, withMax(t, types.StringValue("SP30"))), state, true,
			`{"cloudProvider":"AWS","region":"OREGON_USA"}`},
		{"unknown tier is not sent", planModel(t, "AWS", "OHIO_USA", types.StringUnknown(), null, withMax(t, types.StringUnknown())), state, false, `{}`},
		{"failover regions added", planModel(t, "AWS", "OHIO_USA", sp10, null, withMax(t, types.StringValue("SP30")), withFailover(t, "OREGON_USA", "DUBLIN_IRL")), state, true,
			`{"failoverRegions":[{"cloudProvider":"AWS","region":"OREGON_USA"},{"cloudProvider":"AWS","region":"DUBLIN_IRL"}]}`},
		{"failover regions as they are", withFailoverState, withFailoverState, false, `{}`},
		{"an empty list adds nothing", planModel(t, "AWS", "OHIO_USA", sp10, null, withMax(t, types.StringValue("SP30")), withFailover(t)), state, false, `{}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, changed := updateRequest(ctx, tc.plan, tc.state)
			if changed != tc.changed || asJSON(t, got) != tc.want {
				t.Errorf("got %s changed=%v, want %s changed=%v", asJSON(t, got), changed, tc.want, tc.changed)
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
		return obj(t, streamConfigAttrTypes, map[string]attr.Value{"tier": v, "max_tier_size": types.StringNull()})
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
	unset := instanceModel{ProjectID: types.StringValue(pid), FailoverRegions: types.ListNull(failoverRegionType), SampleConnections: types.ObjectNull(sampleAttrTypes), Connections: types.ListNull(connectionType)}
	emptyFailover := unset
	emptyFailover.FailoverRegions = types.ListValueMust(failoverRegionType, []attr.Value{})
	workspace := *full
	workspace.StreamConfig = &atlas.StreamConfig{Tier: "SP10", MaxTierSize: "SP50"}
	workspace.FailoverRegions = []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "OREGON_USA"}, {CloudProvider: "AWS", Region: "DUBLIN_IRL"}}
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
			DataProcessRegion: region("AWS", "OHIO_USA"), StreamConfig: tier(types.StringValue("SP30")), FailoverRegions: types.ListNull(failoverRegionType),
			SampleConnections: types.ObjectNull(sampleAttrTypes), Hostnames: strings_("h1"),
			Connections: types.ListValueMust(connectionType, []attr.Value{conn("k", "SomeFutureType", ""), conn("s", "Sample", "READY")}),
		}},
		{"sample_connections written at false is kept", full, written, instanceModel{
			ID: types.StringValue(id), ProjectID: types.StringValue(pid), Name: types.StringValue("demo"),
			DataProcessRegion: region("AWS", "OHIO_USA"), StreamConfig: tier(types.StringValue("SP30")), FailoverRegions: types.ListNull(failoverRegionType),
			SampleConnections: solar(false), Hostnames: strings_("h1"),
			Connections: types.ListValueMust(connectionType, []attr.Value{conn("k", "SomeFutureType", ""), conn("s", "Sample", "READY")}),
		}},
		{"an answer without connections keeps the known ones", &noConns, known, instanceModel{
			ID: types.StringValue(id), ProjectID: types.StringValue(pid), Name: types.StringValue("demo"),
			DataProcessRegion: region("AWS", "OHIO_USA"), StreamConfig: tier(types.StringValue("SP30")), FailoverRegions: types.ListNull(failoverRegionType),
			SampleConnections: types.ObjectNull(sampleAttrTypes), Hostnames: strings_("h1"), Connections: priorConns,
		}},
		{"a bare answer gives nulls and empty lists, and the prior project", &atlas.StreamInstance{Name: "bare", SampleConnections: &atlas.SampleConnections{Solar: true}}, unset, instanceModel{
			ID: types.StringValue(""), ProjectID: types.StringValue(pid), Name: types.StringValue("bare"),
			DataProcessRegion: obj(t, regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringNull(), "region": types.StringNull()}),
			FailoverRegions:   types.ListNull(failoverRegionType),
			StreamConfig:      tier(types.StringNull()), SampleConnections: solar(true), Hostnames: types.ListValueMust(types.StringType, []attr.Value{}),
			Connections: types.ListValueMust(connectionType, []attr.Value{}),
		}},
		{"failover regions in order and the max tier", &workspace, unset, instanceModel{
			ID: types.StringValue(id), ProjectID: types.StringValue(pid), Name: types.StringValue("demo"),
			DataProcessRegion: region("AWS", "OHIO_USA"),
			FailoverRegions:   types.ListValueMust(failoverRegionType, []attr.Value{region("AWS", "OREGON_USA"), region("AWS", "DUBLIN_IRL")}),
			StreamConfig:      obj(t, streamConfigAttrTypes, map[string]attr.Value{"tier": types.StringValue("SP10"), "max_tier_size": types.StringValue("SP50")}),
			SampleConnections: types.ObjectNull(sampleAttrTypes), Hostnames: strings_("h1"),
			Connections: types.ListValueMust(connectionType, []attr.Value{conn("k", "SomeFutureType", ""), conn("s", "Sample", "READY")}),
		}},
		{"no failover regions stay [] where [] was written", full, emptyFailover, instanceModel{
			ID: types.StringValue(id), ProjectID: types.StringValue(pid), Name: types.StringValue("demo"),
			DataProcessRegion: region("AWS", "OHIO_USA"), StreamConfig: tier(types.StringValue("SP30")),
			FailoverRegions:   types.ListValueMust(failoverRegionType, []attr.Value{}),
			SampleConnections: types.ObjectNull(sampleAttrTypes), Hostnames: strings_("h1"),
			Connections: types.ListValueMust(connectionType, []attr.Value{conn("k", "SomeFutureType", ""), conn("s", "Sample", "READY")}),
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

// modelDiff lists the attributes in which two models differ, every field
// of instanceModel by its tfsdk tag, so that a new attribute is compared
// without being listed here.
func modelDiff(got, want instanceModel) []string {
	var out []string
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range g.NumField() {
		gv, wv := g.Field(i).Interface().(attr.Value), w.Field(i).Interface().(attr.Value)
		if !gv.Equal(wv) {
			out = append(out, fmt.Sprintf("%s: got %s, want %s", g.Type().Field(i).Tag.Get("tfsdk"), gv, wv))
		}
	}
	return out
}

// TestModelDiffComparesEveryField makes one attribute at a time unknown:
// each change must be the one difference modelDiff reports.
func TestModelDiffComparesEveryField(t *testing.T) {
	ctx := context.Background()
	base, d := fromAPI(ctx, &atlas.StreamInstance{ID: "i", Name: "n"}, instanceModel{ProjectID: types.StringValue("p")})
	if d.HasError() {
		t.Fatal(d)
	}
	v := reflect.ValueOf(base)
	for i := range v.NumField() {
		changed := base
		f := reflect.ValueOf(&changed).Elem().Field(i)
		switch a := f.Interface().(type) {
		case types.String:
			f.Set(reflect.ValueOf(types.StringUnknown()))
		case types.Object:
			f.Set(reflect.ValueOf(types.ObjectUnknown(a.AttributeTypes(ctx))))
		case types.List:
			f.Set(reflect.ValueOf(types.ListUnknown(a.ElementType(ctx))))
		default:
			t.Fatalf("no unknown value for %T", a)
		}
		tag := v.Type().Field(i).Tag.Get("tfsdk")
		if diffs := modelDiff(changed, base); len(diffs) != 1 || !strings.HasPrefix(diffs[0], tag+":") {
			t.Errorf("%s changed: modelDiff says %v", tag, diffs)
		}
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
		"tier": {config["tier"].GetMarkdownDescription(), "Tier of the instance: one of `SP2`, `SP5`, `SP10`, `SP30`, `SP50`. " +
			"When omitted, the server picks one (`SP30`, or `max_tier_size` when that is smaller). At most `max_tier_size`. Changed in place."},
		"max_tier_size": {config["max_tier_size"].GetMarkdownDescription(), "Largest tier the stream processors of the instance may use: one of `SP2`, `SP5`, `SP10`, `SP30`, `SP50`, at least `tier`. " +
			"Changed in place. Atlas cannot clear it: removing it from the configuration keeps the current value."},
		"failover_regions": {attrs["failover_regions"].GetMarkdownDescription(), "Regions the instance can fail over to when its primary region (`data_process_region`) fails, in order of preference. " +
			"Each must have the primary's cloud provider, be one of its regions, and repeat neither the primary nor another entry. " +
			"Adding them to an instance that has none is an update in place; setting a different list once they are set (`[]` included) replaces the instance, since Atlas sets them once. " +
			"Left out of the configuration, the instance keeps the failover regions it has, also those added outside Terraform, and no change is planned. " +
			"They cannot be added in the same apply that changes `data_process_region`."},
		"sample_connections": {attrs["sample_connections"].GetMarkdownDescription(), "Sample connections to create with the instance. " +
			"Left out of the configuration, the instance keeps what it has and no change is planned (an instance imported, or moved from MongoDB's provider, with the sample connection is not replaced)."},
		"project_id": {attrs["project_id"].GetMarkdownDescription(), "ID of the Atlas project (group) that holds the instance: 24 lower-case hexadecimal characters. Changing it replaces the instance."},
		"name":       {attrs["name"].GetMarkdownDescription(), "Name of the stream instance, unique in its project: 1 to 64 letters, digits and hyphens, starting with a letter or digit. Changing it replaces the instance."},
		"timeouts": {attrs["timeouts"].GetMarkdownDescription(), "How long each operation may take, retries and waiting included, before it fails with a timeout error. " +
			"Defaults: `create` 20m, `update` 20m, `delete` 20m (waits until the instance is gone)."},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", name, tc.got, tc.want)
		}
	}
}

// TestMatchesRequest checks each setting a create asks for: an instance
// that differs in any one of them is not the one the create made.
func TestMatchesRequest(t *testing.T) {
	ohio := atlas.DataProcessRegion{CloudProvider: "AWS", Region: "OHIO_USA"}
	oregon := atlas.DataProcessRegion{CloudProvider: "AWS", Region: "OREGON_USA"}
	dublin := atlas.DataProcessRegion{CloudProvider: "AWS", Region: "DUBLIN_IRL"}
	// full is a request with every setting, and got the instance it makes.
	full := atlas.CreateRequest{Name: "x", DataProcessRegion: ohio, StreamConfig: &atlas.StreamConfig{Tier: "SP10", MaxTierSize: "SP30"},
		FailoverRegions: []atlas.DataProcessRegion{oregon, dublin}, SampleConnections: &atlas.SampleConnections{Solar: true}}
	got := func(change func(*atlas.StreamInstance)) *atlas.StreamInstance {
		in := &atlas.StreamInstance{DataProcessRegion: &ohio, StreamConfig: &atlas.StreamConfig{Tier: "SP10", MaxTierSize: "SP30"},
			FailoverRegions: []atlas.DataProcessRegion{oregon, dublin}, SampleConnections: &atlas.SampleConnections{Solar: true}}
		if change != nil {
			change(in)
		}
		return in
	}
	bare := atlas.CreateRequest{Name: "x", DataProcessRegion: ohio}
	for _, tc := range []struct {
		name string
		in   *atlas.StreamInstance
		req  atlas.CreateRequest
		want bool
	}{
		{"every setting as asked", got(nil), full, true},
		{"settings not asked for are the server's", got(func(in *atlas.StreamInstance) {
			in.FailoverRegions, in.SampleConnections = nil, nil
		}), bare, true},
		{"no region", got(func(in *atlas.StreamInstance) { in.DataProcessRegion = nil }), full, false},
		{"other region", got(func(in *atlas.StreamInstance) { in.DataProcessRegion = &oregon }), full, false},
		{"other tier", got(func(in *atlas.StreamInstance) { in.StreamConfig.Tier = "SP30" }), full, false},
		{"other max tier", got(func(in *atlas.StreamInstance) { in.StreamConfig.MaxTierSize = "SP50" }), full, false},
		{"no max tier", got(func(in *atlas.StreamInstance) { in.StreamConfig.MaxTierSize = "" }), full, false},
		{"no stream config", got(func(in *atlas.StreamInstance) { in.StreamConfig = nil }), full, false},
		{"no failover regions", got(func(in *atlas.StreamInstance) { in.FailoverRegions = nil }), full, false},
		{"one failover region fewer", got(func(in *atlas.StreamInstance) { in.FailoverRegions = in.FailoverRegions[:1] }), full, false},
		{"failover regions in another order", got(func(in *atlas.StreamInstance) {
			in.FailoverRegions = []atlas.DataProcessRegion{dublin, oregon}
		}), full, false},
		{"failover regions not asked for", got(nil), atlas.CreateRequest{Name: "x", DataProcessRegion: ohio, StreamConfig: full.StreamConfig, SampleConnections: full.SampleConnections}, false},
		{"no sample connection", got(func(in *atlas.StreamInstance) { in.SampleConnections = nil }), full, false},
		{"a sample connection not asked for", got(nil), atlas.CreateRequest{Name: "x", DataProcessRegion: ohio, StreamConfig: full.StreamConfig, FailoverRegions: full.FailoverRegions}, false},
	} {
		if matchesRequest(tc.in, tc.req) != tc.want {
			t.Errorf("%s: matchesRequest = %v, want %v", tc.name, !tc.want, tc.want)
		}
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
		if got := tfresource.OutcomeUnknown(tc.err); got != tc.want {
			t.Errorf("%v: %v, want %v", tc.err, got, tc.want)
		}
	}
}
