package streaminstance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// instanceDataAttributes derives data source attributes from the
// resource's: every attribute becomes Computed with the same type, except
// those named in inputs, which become Required with the resource's
// validators. Descriptions come from dataDescriptions where the resource's
// speak of changes, defaults and replacements, which a data source has
// none of, and from the resource otherwise. timeouts, a resource-only
// setting, is left out.
func instanceDataAttributes(ctx context.Context, inputs ...string) map[string]dsschema.Attribute {
	required := map[string]bool{}
	for _, in := range inputs {
		required[in] = true
	}
	out := map[string]dsschema.Attribute{}
	for name, a := range resourceSchema(ctx).Attributes {
		if name == "timeouts" {
			continue
		}
		out[name] = toDataAttribute(name, a, required[name])
	}
	return out
}

// dataDescriptions are the read-only descriptions of the data sources'
// attributes, by path, where the resource's describe what a change does.
var dataDescriptions = map[string]string{
	"project_id":                      "ID of the Atlas project (group) that holds the instance: " + projectIDRule + ".",
	"name":                            "Name of the stream instance, unique in its project.",
	"data_process_region":             "Where the instance processes data.",
	"data_process_region.region":      "Region of the cloud provider, as Atlas names it (for example `VIRGINIA_USA` or `eastus`).",
	"failover_regions":                "Regions the instance can fail over to when its primary region fails, in order of preference; empty when it has none.",
	"failover_regions.cloud_provider": "Cloud provider of the failover region: the primary region's.",
	"failover_regions.region":         "A region of that cloud provider.",
	"stream_config":                   "Stream processing configuration.",
	"stream_config.tier":              "Tier of the instance: one of " + codeList(tiers) + ".",
	"stream_config.max_tier_size":     "Largest tier the stream processors of the instance may use; null when it was never set.",
	"sample_connections":              "Sample connections of the instance.",
	"sample_connections.solar":        "Whether the instance was created with the `sample_stream_solar` sample connection.",
}

// dataDescription is the description of the data source attribute at
// path, which the resource attribute a becomes.
func dataDescription(path string, a schema.Attribute) string {
	if d, ok := dataDescriptions[path]; ok {
		return d
	}
	return a.GetMarkdownDescription()
}

func toDataAttribute(at string, a schema.Attribute, required bool) dsschema.Attribute {
	desc := dataDescription(at, a)
	switch a := a.(type) {
	case schema.StringAttribute:
		if required {
			return dsschema.StringAttribute{MarkdownDescription: desc, Required: true, Validators: a.Validators}
		}
		return dsschema.StringAttribute{MarkdownDescription: desc, Computed: true}
	case schema.BoolAttribute:
		return dsschema.BoolAttribute{MarkdownDescription: desc, Computed: true}
	case schema.ListAttribute:
		return dsschema.ListAttribute{MarkdownDescription: desc, Computed: true, ElementType: a.ElementType}
	case schema.SingleNestedAttribute:
		return dsschema.SingleNestedAttribute{MarkdownDescription: desc, Computed: true, Attributes: toDataAttributes(at, a.Attributes)}
	case schema.ListNestedAttribute:
		return dsschema.ListNestedAttribute{MarkdownDescription: desc, Computed: true,
			NestedObject: dsschema.NestedAttributeObject{Attributes: toDataAttributes(at, a.NestedObject.Attributes)}}
	default:
		// A new attribute kind in the resource schema must be taught here;
		// TestGetProviderSchema (internal/provider) builds every schema and
		// catches it before a release.
		panic(fmt.Sprintf("streaminstance: no data source form for %T", a))
	}
}

func toDataAttributes(parent string, in map[string]schema.Attribute) map[string]dsschema.Attribute {
	out := make(map[string]dsschema.Attribute, len(in))
	for name, a := range in {
		out[name] = toDataAttribute(parent+"."+name, a, false)
	}
	return out
}

// instanceObjectType is the object type of one instance in a list result.
func instanceObjectType(ctx context.Context) types.ObjectType {
	attrTypes := map[string]attr.Type{}
	for name, a := range instanceDataAttributes(ctx) {
		attrTypes[name] = a.GetType()
	}
	return types.ObjectType{AttrTypes: attrTypes}
}
