package streaminstance

import (
	"context"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// instanceModel is the Terraform state of a stream instance, shared by the
// resource and the single-instance data source.
type instanceModel struct {
	ID                types.String `tfsdk:"id"`
	ProjectID         types.String `tfsdk:"project_id"`
	Name              types.String `tfsdk:"name"`
	DataProcessRegion types.Object `tfsdk:"data_process_region"`
	StreamConfig      types.Object `tfsdk:"stream_config"`
	SampleConnections types.Object `tfsdk:"sample_connections"`
	Hostnames         types.List   `tfsdk:"hostnames"`
	Connections       types.List   `tfsdk:"connections"`
}

// resourceModel adds the timeouts the resource has and data sources lack.
type resourceModel struct {
	instanceModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

type regionModel struct {
	CloudProvider types.String `tfsdk:"cloud_provider"`
	Region        types.String `tfsdk:"region"`
}

type streamConfigModel struct {
	Tier types.String `tfsdk:"tier"`
}

type sampleModel struct {
	Solar types.Bool `tfsdk:"solar"`
}

type connectionModel struct {
	Name  types.String `tfsdk:"name"`
	Type  types.String `tfsdk:"type"`
	State types.String `tfsdk:"state"`
}

// regionOf reads data_process_region; ok is false when it is null or unknown.
func regionOf(ctx context.Context, o types.Object) (regionModel, bool, diag.Diagnostics) {
	var r regionModel
	if o.IsNull() || o.IsUnknown() {
		return r, false, nil
	}
	d := o.As(ctx, &r, objectAsOptions)
	return r, !d.HasError(), d
}

// tierOf returns the tier of stream_config when it is known.
func tierOf(ctx context.Context, o types.Object) (string, bool) {
	if o.IsNull() || o.IsUnknown() {
		return "", false
	}
	var sc streamConfigModel
	if o.As(ctx, &sc, objectAsOptions).HasError() || sc.Tier.IsNull() || sc.Tier.IsUnknown() {
		return "", false
	}
	return sc.Tier.ValueString(), true
}

// createRequest builds the create body from a plan. An unknown or omitted
// tier is left to the server.
func createRequest(ctx context.Context, m instanceModel) (atlas.CreateRequest, diag.Diagnostics) {
	region, _, diags := regionOf(ctx, m.DataProcessRegion)
	req := atlas.CreateRequest{
		Name:              m.Name.ValueString(),
		DataProcessRegion: atlas.DataProcessRegion{CloudProvider: region.CloudProvider.ValueString(), Region: region.Region.ValueString()},
	}
	if tier, ok := tierOf(ctx, m.StreamConfig); ok {
		req.StreamConfig = &atlas.StreamConfig{Tier: tier}
	}
	if solarOf(ctx, m.SampleConnections) {
		req.SampleConnections = &atlas.SampleConnections{Solar: true}
	}
	return req, diags
}

// updateRequest builds a PATCH body holding only what changed between
// state and plan; ok is false when nothing the API holds changed.
func updateRequest(ctx context.Context, plan, state instanceModel) (req atlas.UpdateRequest, ok bool) {
	pr, _, _ := regionOf(ctx, plan.DataProcessRegion)
	sr, _, _ := regionOf(ctx, state.DataProcessRegion)
	if !pr.CloudProvider.Equal(sr.CloudProvider) || !pr.Region.Equal(sr.Region) {
		req.CloudProvider, req.Region = pr.CloudProvider.ValueString(), pr.Region.ValueString()
		ok = true
	}
	planTier, known := tierOf(ctx, plan.StreamConfig)
	stateTier, _ := tierOf(ctx, state.StreamConfig)
	if known && planTier != stateTier {
		req.StreamConfig = &atlas.StreamConfig{Tier: planTier}
		ok = true
	}
	return req, ok
}

// fromAPI converts an API instance into the model. prior is the state or
// plan it replaces: it decides whether an absent sample_connections stays
// null (no drift for users who never set it), and supplies the connections
// when the answer did not list them.
func fromAPI(ctx context.Context, in *atlas.StreamInstance, prior instanceModel) (instanceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := instanceModel{
		ID:        types.StringValue(in.ID),
		ProjectID: prior.ProjectID,
		Name:      types.StringValue(in.Name),
	}
	if in.GroupID != "" {
		m.ProjectID = types.StringValue(in.GroupID)
	}
	if in.Name == "" {
		m.Name = prior.Name
	}
	var d diag.Diagnostics
	region := regionModel{CloudProvider: types.StringNull(), Region: types.StringNull()}
	if in.DataProcessRegion != nil {
		region = regionModel{CloudProvider: types.StringValue(in.DataProcessRegion.CloudProvider), Region: types.StringValue(in.DataProcessRegion.Region)}
	}
	m.DataProcessRegion, d = types.ObjectValueFrom(ctx, regionAttrTypes, region)
	diags.Append(d...)

	tier := types.StringNull()
	if in.StreamConfig != nil && in.StreamConfig.Tier != "" {
		tier = types.StringValue(in.StreamConfig.Tier)
	}
	m.StreamConfig, d = types.ObjectValueFrom(ctx, streamConfigAttrTypes, streamConfigModel{Tier: tier})
	diags.Append(d...)

	solar := in.SampleConnections != nil && in.SampleConnections.Solar
	switch {
	case solar || (!prior.SampleConnections.IsNull() && !prior.SampleConnections.IsUnknown()):
		m.SampleConnections, d = types.ObjectValueFrom(ctx, sampleAttrTypes, sampleModel{Solar: types.BoolValue(solar)})
		diags.Append(d...)
	default:
		m.SampleConnections = types.ObjectNull(sampleAttrTypes)
	}

	hosts := in.Hostnames
	if hosts == nil {
		hosts = []string{}
	}
	m.Hostnames, d = types.ListValueFrom(ctx, types.StringType, hosts)
	diags.Append(d...)

	switch {
	case in.Connections != nil:
		conns := make([]connectionModel, len(in.Connections))
		for i, c := range in.Connections {
			conns[i] = connectionModel{Name: types.StringValue(c.Name), Type: types.StringValue(c.Type), State: types.StringValue(c.State)}
		}
		m.Connections, d = types.ListValueFrom(ctx, connectionType, conns)
		diags.Append(d...)
	case !prior.Connections.IsNull() && !prior.Connections.IsUnknown():
		m.Connections = prior.Connections
	default:
		m.Connections = types.ListValueMust(connectionType, nil)
	}
	return m, diags
}

// apiFieldPaths maps the API's field paths to attribute paths, so a field
// violation is shown on the attribute the user wrote.
var apiFieldPaths = map[string]path.Path{
	"name":                            path.Root("name"),
	"dataProcessRegion":               path.Root("data_process_region"),
	"dataProcessRegion.cloudProvider": path.Root("data_process_region").AtName("cloud_provider"),
	"dataProcessRegion.region":        path.Root("data_process_region").AtName("region"),
	"cloudProvider":                   path.Root("data_process_region").AtName("cloud_provider"),
	"region":                          path.Root("data_process_region").AtName("region"),
	"streamConfig":                    path.Root("stream_config"),
	"streamConfig.tier":               path.Root("stream_config").AtName("tier"),
	"sampleConnections":               path.Root("sample_connections"),
	"sampleConnections.solar":         path.Root("sample_connections").AtName("solar"),
}

// objectAsOptions reads nested objects strictly: they are never unknown
// where As is called.
var objectAsOptions = basetypes.ObjectAsOptions{}
