package streaminstance

import (
	"context"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// instanceDataAttributes derives data source attributes from the
// resource's (see tfresource.DataAttributes), with the read-only
// descriptions of dataDescriptions; inputs become Required, and timeouts,
// a resource-only setting, is left out.
func instanceDataAttributes(ctx context.Context, inputs ...string) map[string]dsschema.Attribute {
	return tfresource.DataAttributes(resourceSchema(ctx).Attributes, inputs, dataDescriptions, func(p string) bool { return p == "timeouts" })
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

// instanceObjectType is the object type of one instance in a list result.
func instanceObjectType(ctx context.Context) types.ObjectType {
	return tfresource.ObjectTypeOf(instanceDataAttributes(ctx))
}
