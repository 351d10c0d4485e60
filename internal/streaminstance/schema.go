package streaminstance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Attribute descriptions, shared by the resource and the data sources.
var (
	descProjectID     = "ID of the Atlas project (group) that holds the instance: " + projectIDRule + ". Changing it replaces the instance."
	descName          = "Name of the stream instance, unique in its project: " + nameRule + ". Changing it replaces the instance."
	descID            = "Atlas identifier (`_id`) of the stream instance."
	descRegion        = "Where the instance processes data. Changed in place."
	descCloudProvider = "Cloud provider: one of " + codeList(cloudProviders) + "."
	descRegionName    = "Region of the cloud provider. Allowed per provider:" + regionsDescription()
	descFailover      = "Regions the instance can fail over to when its primary region (`data_process_region`) fails, in order of preference. " +
		"Each must have the primary's cloud provider, be one of its regions, and repeat neither the primary nor another entry. " +
		"Adding them to an instance that has none is an update in place; setting a different list once they are set (`[]` included) replaces the instance, " +
		"since Atlas sets them once. Left out of the configuration, the instance keeps the failover regions it has, also those added outside Terraform, and no change is planned. " +
		"They cannot be added in the same apply that changes `data_process_region`."
	descFailoverProvider = "Cloud provider of the failover region: the same as `data_process_region.cloud_provider`."
	descFailoverRegion   = "A region of that cloud provider, other than the primary region."
	descStreamConfig     = "Stream processing configuration. When omitted, the server's values are kept in state."
	descTier             = "Tier of the instance: one of " + codeList(tiers) + ". When omitted, the server picks one (`SP30`, or `max_tier_size` when that is smaller). " +
		"At most `max_tier_size`. Changed in place."
	descMaxTier = "Largest tier the stream processors of the instance may use: one of " + codeList(tiers) + ", at least `tier`. Changed in place. " +
		"Atlas cannot clear it: removing it from the configuration keeps the current value."
	descSample = "Sample connections to create with the instance. Left out of the configuration, the instance keeps what it has and no change is planned " +
		"(an instance imported, or moved from MongoDB's provider, with the sample connection is not replaced)."
	descSolar = "Whether the instance has the `sample_stream_solar` sample connection. Defaults to `false` when `sample_connections` is set. " +
		"Setting it to another value than the instance has replaces the instance."
	descHostnames   = "Hostnames to connect to the instance."
	descConnections = "Connections of the instance, of every type (including types this provider does not know)."
	descConnName    = "Connection name."
	descConnType    = "Connection type, for example `Sample`, `Cluster` or `Kafka`."
	descConnState   = "Connection state, for example `READY`; empty when the API does not say."
)

// Attribute types of the nested objects, for converting to and from
// models, read from the schema so that each attribute is declared once.
var (
	regionAttrTypes       = nestedAttrTypes("data_process_region").AttrTypes
	streamConfigAttrTypes = nestedAttrTypes("stream_config").AttrTypes
	sampleAttrTypes       = nestedAttrTypes("sample_connections").AttrTypes
	connectionType        = nestedAttrTypes("connections")
	connectionAttrTypes   = connectionType.AttrTypes
	failoverRegionType    = nestedAttrTypes("failover_regions")
)

// typesSchema is the resource schema the attribute types above are read
// from, built once at start-up rather than once per type.
var typesSchema = resourceSchema(context.Background())

// nestedAttrTypes returns the object type of a nested attribute of the
// resource: the attribute's own for a single nested attribute, its
// elements' for a list.
func nestedAttrTypes(name string) types.ObjectType {
	switch t := typesSchema.Attributes[name].GetType().(type) {
	case types.ObjectType:
		return t
	case types.ListType:
		return t.ElemType.(types.ObjectType)
	default:
		panic(fmt.Sprintf("streaminstance: %s is not a nested attribute", name))
	}
}

// projectIDValidators and nameValidators are shared with the data sources.
func projectIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(projectIDPattern, "must be "+projectIDRule)}
}

func nameValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(namePattern, "must be "+nameRule)}
}

func resourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Manages an Atlas Stream Processing instance (a stream workspace) through the Atlas Administration API v2. " +
			"Region, tier and max tier size change in place, and failover regions can be added; project, name, sample connections and set failover regions replace the instance.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: descID,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: descProjectID,
				Required:            true,
				Validators:          projectIDValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: descName,
				Required:            true,
				Validators:          nameValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"data_process_region": schema.SingleNestedAttribute{
				MarkdownDescription: descRegion,
				Required:            true,
				Attributes:          regionAttributes(descCloudProvider, descRegionName),
			},
			"failover_regions": schema.ListNestedAttribute{
				MarkdownDescription: descFailover,
				Optional:            true,
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: regionAttributes(descFailoverProvider, descFailoverRegion)},
				PlanModifiers: []planmodifier.List{
					unsetKeepsState{},
					listplanmodifier.RequiresReplaceIf(failoverChanged,
						"Failover regions are set once: setting a different list replaces the instance.",
						"Failover regions are set once: setting a different list replaces the instance."),
				},
			},
			"stream_config": schema.SingleNestedAttribute{
				MarkdownDescription: descStreamConfig,
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"tier": schema.StringAttribute{
						MarkdownDescription: descTier,
						Optional:            true,
						Computed:            true,
						Validators:          []validator.String{stringvalidator.OneOf(tiers...)},
						PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
					},
					"max_tier_size": schema.StringAttribute{
						MarkdownDescription: descMaxTier,
						Optional:            true,
						Computed:            true,
						Validators:          []validator.String{stringvalidator.OneOf(tiers...)},
						PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
					},
				},
			},
			"sample_connections": schema.SingleNestedAttribute{
				MarkdownDescription: descSample,
				Optional:            true,
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"solar": schema.BoolAttribute{
						MarkdownDescription: descSolar,
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
				},
				PlanModifiers: []planmodifier.Object{
					unsetKeepsState{},
					objectplanmodifier.RequiresReplaceIf(solarChanged,
						"Setting sample_connections.solar to another value than the instance has replaces the instance.",
						"Setting `sample_connections.solar` to another value than the instance has replaces the instance."),
				},
			},
			"hostnames": schema.ListAttribute{
				MarkdownDescription: descHostnames,
				Computed:            true,
				ElementType:         types.StringType,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			},
			"connections": schema.ListNestedAttribute{
				MarkdownDescription: descConnections,
				Computed:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name":  schema.StringAttribute{MarkdownDescription: descConnName, Computed: true},
						"type":  schema.StringAttribute{MarkdownDescription: descConnType, Computed: true},
						"state": schema.StringAttribute{MarkdownDescription: descConnState, Computed: true},
					},
				},
			},
			"timeouts": defaultTimeouts.Attribute(ctx),
		},
	}
}

// regionAttributes are the attributes of a region object: a cloud
// provider and one of its regions, checked by regionValidator (one error
// per wrong region, with a suggestion).
func regionAttributes(providerDesc, regionDesc string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"cloud_provider": schema.StringAttribute{
			MarkdownDescription: providerDesc,
			Required:            true,
			Validators:          []validator.String{stringvalidator.OneOf(cloudProviders...)},
		},
		"region": schema.StringAttribute{
			MarkdownDescription: regionDesc,
			Required:            true,
			Validators:          []validator.String{regionValidator},
		},
	}
}

// failoverChanged replaces the instance when the configuration sets
// failover regions other than those it already has: Atlas sets them once.
// Adding them to an instance without any is an update, and a
// configuration that leaves them out keeps what the instance has (see
// unsetKeepsState). A value not known until apply, on an instance that has
// some, plans the replacement, as for solar.
func failoverChanged(ctx context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.ConfigValue.IsNull() && failoverReplaces(ctx, req.StateValue, req.PlanValue)
}

// failoverReplaces is the rule of failoverChanged for a state and a plan
// value, shared with ModifyPlan.
func failoverReplaces(ctx context.Context, state, plan types.List) bool {
	if state.IsNull() || state.IsUnknown() || len(state.Elements()) == 0 {
		return false
	}
	return !fullyKnown(ctx, plan) || !plan.Equal(state)
}

// fullyKnown reports whether a value and everything in it is known.
func fullyKnown(ctx context.Context, v attr.Value) bool {
	tv, err := v.ToTerraformValue(ctx)
	return err == nil && tv.IsFullyKnown()
}

// solarChanged replaces the instance when the configuration sets
// sample_connections to a solar setting other than the instance's,
// including an object without solar (false). A configuration that leaves
// sample_connections out keeps what the instance has, so an instance with
// the sample connection that came from an import or from MongoDB's
// provider is never replaced for it. A value not known until apply
// (another resource's output) plans the replacement: Terraform does not
// let an apply turn a planned update into a replacement, and a replacement
// that turns out unneeded is still applied as planned.
func solarChanged(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.State.Raw.IsNull() && !req.ConfigValue.IsNull() && solarReplaces(ctx, req.StateValue, req.PlanValue)
}

// solarReplaces is the rule of solarChanged for a state and a plan value,
// shared with ModifyPlan.
func solarReplaces(ctx context.Context, state, plan types.Object) bool {
	return solarUnknown(plan) || solarOf(ctx, state) != solarOf(ctx, plan)
}

// solarUnknown reports whether the planned solar setting is not known yet.
func solarUnknown(o types.Object) bool {
	if o.IsUnknown() {
		return true
	}
	if o.IsNull() {
		return false
	}
	v, ok := o.Attributes()["solar"]
	return ok && v.IsUnknown()
}

func solarOf(ctx context.Context, o types.Object) bool {
	if o.IsNull() || o.IsUnknown() {
		return false
	}
	v, ok := o.Attributes()["solar"].(types.Bool)
	return ok && v.ValueBool()
}
