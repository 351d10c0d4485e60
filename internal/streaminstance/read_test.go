package streaminstance

import (
	"context"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestReadAdoptsAPendingRecordOnlyWhenItMatches refreshes the record a
// create leaves in state when it was interrupted before its outcome was
// known (no id): an instance of that name is adopted only when it has the
// settings that create asked for; otherwise the record is dropped with a
// warning that names the instance.
func TestReadAdoptsAPendingRecordOnlyWhenItMatches(t *testing.T) {
	ctx := context.Background()
	srv := atlasmock.NewServer(t)
	oregon := []atlasmock.Region{{CloudProvider: "AWS", Region: "OREGON_USA"}}
	if err := srv.Seed(
		atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "ours", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP10", MaxTierSize: "SP30", FailoverRegions: oregon},
		atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "theirs", CloudProvider: "GCP", Region: "US_EAST4", Tier: "SP10"},
		// Each differs from what the record asks for in one setting only.
		atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "other-max", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP10", MaxTierSize: "SP50", FailoverRegions: oregon},
		atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "no-max", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP10", FailoverRegions: oregon},
		atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "other-failover", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP10", MaxTierSize: "SP30",
			FailoverRegions: []atlasmock.Region{{CloudProvider: "AWS", Region: "DUBLIN_IRL"}}},
		atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "no-failover", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP10", MaxTierSize: "SP30"},
	); err != nil {
		t.Fatal(err)
	}
	client, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	if err != nil {
		t.Fatal(err)
	}
	r := NewResource().(*Resource)
	r.Client = client
	for _, tc := range []struct {
		name    string
		adopted bool
	}{{"ours", true}, {"theirs", false}, {"other-max", false}, {"no-max", false}, {"other-failover", false}, {"no-failover", false}} {
		t.Run(tc.name, func(t *testing.T) {
			state := pendingState(ctx, t, tc.name)
			resp := resource.ReadResponse{State: state}
			r.Read(ctx, resource.ReadRequest{State: state}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !tc.adopted {
				if !resp.State.Raw.IsNull() {
					t.Error("the record of another instance was kept in state")
				}
				if resp.Diagnostics.WarningsCount() != 1 || !strings.Contains(resp.Diagnostics.Warnings()[0].Detail(), `stream instance "`+tc.name+`"`) {
					t.Errorf("want one warning naming the instance, got %v", resp.Diagnostics)
				}
				return
			}
			var got resourceModel
			if d := resp.State.Get(ctx, &got); d.HasError() {
				t.Fatal(d)
			}
			want := srv.Instances(atlasmock.DemoProjectID)[0]
			if got.ID.ValueString() != want.ID || len(resp.Diagnostics) != 0 {
				t.Errorf("id %s, want the mock's %s (diagnostics %v)", got.ID, want.ID, resp.Diagnostics)
			}
			if maxTier, _ := maxTierOf(ctx, got.StreamConfig); maxTier != "SP30" || len(got.FailoverRegions.Elements()) != 1 {
				t.Errorf("adopted with max tier %q and failover regions %s, want SP30 and OREGON_USA", maxTier, got.FailoverRegions)
			}
		})
	}
}

// pendingState is the record an interrupted create of AWS VIRGINIA_USA
// at SP10, max tier SP30, failing over to OREGON_USA, leaves in state.
func pendingState(ctx context.Context, t *testing.T, name string) tfsdk.State {
	t.Helper()
	s := resourceSchema(ctx)
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	region := types.ObjectValueMust(regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringValue("AWS"), "region": types.StringValue("VIRGINIA_USA")})
	m := resourceModel{
		instanceModel: savedAfterFailure(ctx, instanceModel{
			ProjectID:         types.StringValue(atlasmock.DemoProjectID),
			Name:              types.StringValue(name),
			DataProcessRegion: region,
			FailoverRegions: types.ListValueMust(failoverRegionType, []attr.Value{
				types.ObjectValueMust(regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringValue("AWS"), "region": types.StringValue("OREGON_USA")}),
			}),
			StreamConfig:      types.ObjectValueMust(streamConfigAttrTypes, map[string]attr.Value{"tier": types.StringValue("SP10"), "max_tier_size": types.StringValue("SP30")}),
			SampleConnections: types.ObjectNull(sampleAttrTypes),
			Hostnames:         types.ListUnknown(types.StringType),
			Connections:       types.ListUnknown(connectionType),
		}, ""),
		Timeouts: tfresource.NullTimeouts(),
	}
	if d := state.Set(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	return state
}
