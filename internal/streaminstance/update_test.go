package streaminstance

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestUpdateNeverStoresEmptyHostnames changes the region of an instance
// behind a server whose PATCH answer leaves the hostnames out and whose
// reads then fail: the update fails with the read's error, and the state
// it saves has the new region and null hostnames (not known), never an
// empty list for a live instance.
func TestUpdateNeverStoresEmptyHostnames(t *testing.T) {
	ctx := context.Background()
	srv := atlasmock.NewServer(t)
	if err := srv.Seed(atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "moving", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP30"}); err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPatch:
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, r)
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Errorf("PATCH answer: %v", err)
			}
			delete(body, "hostnames")
			w.Header().Set("Content-Type", atlasmock.MediaType)
			_ = json.NewEncoder(w).Encode(body)
		case http.MethodGet:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"error":500,"errorCode":"UNEXPECTED_ERROR","detail":"injected"}`))
		default:
			srv.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(front.Close)
	client, err := atlas.New(atlas.Config{BaseURL: front.URL, AccessToken: srv.AccessToken(t), RetryMax: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	r := NewResource().(*Resource)
	r.Client = client
	region := func(name string) types.Object {
		return types.ObjectValueMust(regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringValue("AWS"), "region": types.StringValue(name)})
	}
	seeded := srv.Instances(atlasmock.DemoProjectID)[0]
	before := instanceModel{
		ID: types.StringValue(seeded.ID), ProjectID: types.StringValue(atlasmock.DemoProjectID), Name: types.StringValue("moving"),
		DataProcessRegion: region("VIRGINIA_USA"), FailoverRegions: types.ListNull(failoverRegionType),
		StreamConfig:      types.ObjectValueMust(streamConfigAttrTypes, map[string]attr.Value{"tier": types.StringValue("SP30"), "max_tier_size": types.StringNull()}),
		SampleConnections: types.ObjectNull(sampleAttrTypes),
		Hostnames:         types.ListValueMust(types.StringType, []attr.Value{types.StringValue(seeded.Hostnames[0])}),
		Connections:       types.ListValueMust(connectionType, []attr.Value{}),
	}
	after := before
	after.DataProcessRegion, after.Hostnames = region("OREGON_USA"), types.ListUnknown(types.StringType)
	s := resourceSchema(ctx)
	raw := func(m instanceModel) tfsdk.State {
		v, d := resourceModel{instanceModel: m, Timeouts: tfresource.NullTimeouts()}.rawValue(ctx)
		if d.HasError() {
			t.Fatal(d)
		}
		return tfsdk.State{Schema: s, Raw: v}
	}
	state, plan := raw(before), raw(after)
	resp := resource.UpdateResponse{State: state}
	r.Update(ctx, resource.UpdateRequest{Plan: tfsdk.Plan(plan), State: state}, &resp)
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "was applied, but reading its new hostnames failed") {
		t.Fatalf("want the failed read as the update's error, got %v", resp.Diagnostics)
	}
	saved, d := resourceFromRaw(ctx, resp.State.Raw)
	if d.HasError() {
		t.Fatal(d)
	}
	if !saved.Hostnames.IsNull() {
		t.Errorf("hostnames saved as %s, want null", saved.Hostnames)
	}
	if got, _, _ := regionOf(ctx, saved.DataProcessRegion); got.Region.ValueString() != "OREGON_USA" {
		t.Errorf("region saved as %s, want the applied OREGON_USA", saved.DataProcessRegion)
	}
	if in := srv.Instances(atlasmock.DemoProjectID)[0]; in.Region != "OREGON_USA" {
		t.Errorf("the mock holds %s", in.Region)
	}
}
