package streaminstance

import (
	"context"
	"strconv"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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
	FailoverRegions   types.List   `tfsdk:"failover_regions"`
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
	Tier        types.String `tfsdk:"tier"`
	MaxTierSize types.String `tfsdk:"max_tier_size"`
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

// streamConfigOf reads stream_config; ok is false when it is null or
// unknown. Its attributes may still be unknown.
func streamConfigOf(ctx context.Context, o types.Object) (streamConfigModel, bool) {
	var sc streamConfigModel
	if o.IsNull() || o.IsUnknown() || o.As(ctx, &sc, objectAsOptions).HasError() {
		return sc, false
	}
	return sc, true
}

// tierOf returns the tier of stream_config when it is known.
func tierOf(ctx context.Context, o types.Object) (string, bool) {
	sc, ok := streamConfigOf(ctx, o)
	if !ok || sc.Tier.IsNull() || sc.Tier.IsUnknown() {
		return "", false
	}
	return sc.Tier.ValueString(), true
}

// maxTierOf returns the max_tier_size of stream_config when it is known.
func maxTierOf(ctx context.Context, o types.Object) (string, bool) {
	sc, ok := streamConfigOf(ctx, o)
	if !ok || sc.MaxTierSize.IsNull() || sc.MaxTierSize.IsUnknown() {
		return "", false
	}
	return sc.MaxTierSize.ValueString(), true
}

// failoverOf returns the failover regions when the list and every region
// in it are known; an empty or null list gives none, and ok.
func failoverOf(ctx context.Context, l types.List) ([]atlas.DataProcessRegion, bool) {
	if l.IsUnknown() {
		return nil, false
	}
	var out []atlas.DataProcessRegion
	for _, e := range l.Elements() {
		o, ok := e.(types.Object)
		if !ok {
			return nil, false
		}
		r, known, _ := regionOf(ctx, o)
		if !known || !bothKnown(r.CloudProvider, r.Region) {
			return nil, false
		}
		out = append(out, atlas.DataProcessRegion{CloudProvider: r.CloudProvider.ValueString(), Region: r.Region.ValueString()})
	}
	return out, true
}

// createRequest builds the create body from a plan. An unknown or omitted
// tier or max tier is left to the server.
func createRequest(ctx context.Context, m instanceModel) (atlas.CreateRequest, diag.Diagnostics) {
	region, _, diags := regionOf(ctx, m.DataProcessRegion)
	req := atlas.CreateRequest{
		Name:              m.Name.ValueString(),
		DataProcessRegion: atlas.DataProcessRegion{CloudProvider: region.CloudProvider.ValueString(), Region: region.Region.ValueString()},
	}
	tier, hasTier := tierOf(ctx, m.StreamConfig)
	maxTier, hasMax := maxTierOf(ctx, m.StreamConfig)
	if hasTier || hasMax {
		req.StreamConfig = &atlas.StreamConfig{Tier: tier, MaxTierSize: maxTier}
	}
	req.FailoverRegions, _ = failoverOf(ctx, m.FailoverRegions)
	if solarOf(ctx, m.SampleConnections) {
		req.SampleConnections = &atlas.SampleConnections{Solar: true}
	}
	return req, diags
}

// updateRequest builds a PATCH body holding what changed between state and
// plan; ok is false when nothing the API holds changed. Failover
// regions are sent only when the instance has none (once set, a change
// replaces the instance instead).
func updateRequest(ctx context.Context, plan, state instanceModel) (req atlas.UpdateRequest, ok bool) {
	pr, _, _ := regionOf(ctx, plan.DataProcessRegion)
	sr, _, _ := regionOf(ctx, state.DataProcessRegion)
	if !pr.CloudProvider.Equal(sr.CloudProvider) || !pr.Region.Equal(sr.Region) {
		req.CloudProvider, req.Region = pr.CloudProvider.ValueString(), pr.Region.ValueString()
		ok = true
	}
	// streamConfig goes whole whenever one of its members changes: Atlas
	// may replace the nested object, which would reset the other member.
	// A member the plan does not know yet keeps its value from state.
	stateTier, _ := tierOf(ctx, state.StreamConfig)
	stateMax, _ := maxTierOf(ctx, state.StreamConfig)
	sc := atlas.StreamConfig{Tier: stateTier, MaxTierSize: stateMax}
	if planTier, known := tierOf(ctx, plan.StreamConfig); known {
		sc.Tier = planTier
	}
	if planMax, known := maxTierOf(ctx, plan.StreamConfig); known {
		sc.MaxTierSize = planMax
	}
	if sc.Tier != stateTier || sc.MaxTierSize != stateMax {
		req.StreamConfig = &sc
		ok = true
	}
	if had, _ := failoverOf(ctx, state.FailoverRegions); len(had) == 0 {
		if add, known := failoverOf(ctx, plan.FailoverRegions); known && len(add) > 0 {
			req.FailoverRegions = add
			ok = true
		}
	}
	return req, ok
}

// fromAPI converts an API instance into the model. prior is the state or
// plan it replaces: it decides whether an absent sample_connections stays
// null (no drift for users who never set it), and supplies the connections
// when the answer did not list them. Values are built directly, without
// the framework's reflection: a refresh converts every instance.
func fromAPI(_ context.Context, in *atlas.StreamInstance, prior instanceModel) (instanceModel, diag.Diagnostics) {
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
	m.DataProcessRegion = regionValue(in.DataProcessRegion)

	tier, maxTier := types.StringNull(), types.StringNull()
	if in.StreamConfig != nil && in.StreamConfig.Tier != "" {
		tier = types.StringValue(in.StreamConfig.Tier)
	}
	if in.StreamConfig != nil && in.StreamConfig.MaxTierSize != "" {
		maxTier = types.StringValue(in.StreamConfig.MaxTierSize)
	}
	m.StreamConfig = types.ObjectValueMust(streamConfigAttrTypes, map[string]attr.Value{"tier": tier, "max_tier_size": maxTier})

	// No failover regions read as null, whether the API sent [] or left
	// the member out, unless the prior value is an empty list (written so
	// in the configuration, or a data source).
	switch {
	case len(in.FailoverRegions) > 0:
		regions := make([]attr.Value, len(in.FailoverRegions))
		for i := range in.FailoverRegions {
			regions[i] = regionValue(&in.FailoverRegions[i])
		}
		m.FailoverRegions = types.ListValueMust(failoverRegionType, regions)
	case !prior.FailoverRegions.IsNull() && !prior.FailoverRegions.IsUnknown():
		m.FailoverRegions = types.ListValueMust(failoverRegionType, []attr.Value{})
	default:
		m.FailoverRegions = types.ListNull(failoverRegionType)
	}

	solar := in.SampleConnections != nil && in.SampleConnections.Solar
	switch {
	case solar || (!prior.SampleConnections.IsNull() && !prior.SampleConnections.IsUnknown()):
		m.SampleConnections = types.ObjectValueMust(sampleAttrTypes, map[string]attr.Value{"solar": types.BoolValue(solar)})
	default:
		m.SampleConnections = types.ObjectNull(sampleAttrTypes)
	}

	hosts := make([]attr.Value, len(in.Hostnames))
	for i, h := range in.Hostnames {
		hosts[i] = types.StringValue(h)
	}
	m.Hostnames = types.ListValueMust(types.StringType, hosts)

	switch {
	case in.Connections != nil:
		conns := make([]attr.Value, len(in.Connections))
		for i, c := range in.Connections {
			conns[i] = types.ObjectValueMust(connectionAttrTypes, map[string]attr.Value{
				"name": types.StringValue(c.Name), "type": types.StringValue(c.Type), "state": types.StringValue(c.State),
			})
		}
		m.Connections = types.ListValueMust(connectionType, conns)
	case !prior.Connections.IsNull() && !prior.Connections.IsUnknown():
		m.Connections = prior.Connections
	default:
		m.Connections = types.ListValueMust(connectionType, []attr.Value{})
	}
	return m, nil
}

// regionValue is a region object; an absent region has null attributes.
func regionValue(r *atlas.DataProcessRegion) types.Object {
	provider, region := types.StringNull(), types.StringNull()
	if r != nil {
		provider, region = types.StringValue(r.CloudProvider), types.StringValue(r.Region)
	}
	return types.ObjectValueMust(regionAttrTypes, map[string]attr.Value{"cloud_provider": provider, "region": region})
}

// apiAttributePath maps a field path of the API, as a field violation
// names it (dataProcessRegion.region, failoverRegions[1].region, or a
// PATCH's root-level cloudProvider and region), to the path of the
// resource attribute the user wrote; ok is false when the resource has no
// such attribute.
func apiAttributePath(ctx context.Context, field string) (p path.Path, ok bool) {
	if field == "cloudProvider" || field == "region" {
		field = "dataProcessRegion." + field
	}
	p = path.Empty()
	for seg := range strings.SplitSeq(field, ".") {
		name, index, hasIndex := strings.Cut(seg, "[")
		p = p.AtName(tfresource.SnakeCase(name))
		if hasIndex {
			i, err := strconv.Atoi(strings.TrimSuffix(index, "]"))
			if err != nil || !strings.HasSuffix(index, "]") || i < 0 {
				return path.Empty(), false
			}
			p = p.AtListIndex(i)
		}
	}
	if _, d := resourceSchema(ctx).AttributeAtPath(ctx, p); d.HasError() {
		return path.Empty(), false
	}
	return p, true
}

// objectAsOptions reads nested objects strictly: they are never unknown
// where As is called.
var objectAsOptions = basetypes.ObjectAsOptions{}
