package streamprocessor

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// dataDescriptions are the read-only descriptions of the data sources'
// attributes, where the resource's say what a change does.
var dataDescriptions = map[string]string{
	"project_id":       "ID of the Atlas project (group) that holds the instance: " + tfresource.ProjectIDRule + ".",
	"instance_name":    "Name of the stream instance the processor runs on.",
	"name":             "Name of the processor, unique in its instance.",
	"pipeline":         "The aggregation pipeline, as a JSON array of stages in canonical form (no white space, keys in the order Atlas keeps them); `jsondecode` it.",
	"state":            "Lifecycle state Atlas reports: " + tfresource.CodeList(apiStates) + ".",
	"tier":             "Tier the processor runs on: one of " + tfresource.CodeList(tiers) + "; null when Atlas reports none.",
	"options":          "Processing options; null when the processor has none.",
	"failover_enabled": "Whether the processor fails over with its instance.",
	"options.dlq":      "Dead letter queue: where documents that fail processing go, a collection reached through a `Cluster` connection; null when there is none.",
	"stats":            "Statistics of the processor as Atlas reports them, a JSON object (`jsondecode` it); null while the processor is `CREATED`.",
}

// dataAttributes are the data sources' attributes: the resource's
// without timeouts, with inputs Required.
func dataAttributes(ctx context.Context, inputs ...string) map[string]dsschema.Attribute {
	return tfresource.DataAttributes(resourceSchema(ctx).Attributes, inputs, dataDescriptions, func(p string) bool { return p == "timeouts" })
}

// dataObjectType is the object type of one processor in a data source.
var dataObjectType = tfresource.ObjectTypeOf(dataAttributes(context.Background()))

// dataModel is a processor in a data source, where the pipeline is a
// plain string.
type dataModel struct {
	ID                  types.String `tfsdk:"id"`
	ProjectID           types.String `tfsdk:"project_id"`
	InstanceName        types.String `tfsdk:"instance_name"`
	Name                types.String `tfsdk:"name"`
	Pipeline            types.String `tfsdk:"pipeline"`
	State               types.String `tfsdk:"state"`
	Tier                types.String `tfsdk:"tier"`
	Options             types.Object `tfsdk:"options"`
	FailoverEnabled     types.Bool   `tfsdk:"failover_enabled"`
	EligibleForFailover types.Bool   `tfsdk:"eligible_for_failover"`
	Stats               types.String `tfsdk:"stats"`
}

// toData converts a processor from the API for a data source.
func toData(in *atlas.StreamProcessor, projectID, instance string) dataModel {
	m := fromAPI(in, processorModel{ProjectID: types.StringValue(projectID), InstanceName: types.StringValue(instance), Options: types.ObjectNull(optionsType.AttrTypes)})
	return dataModel{
		ID: m.ID, ProjectID: m.ProjectID, InstanceName: m.InstanceName, Name: m.Name, Pipeline: m.Pipeline.StringValue,
		State: m.State, Tier: m.Tier, Options: tfresource.Project(m.Options, dataObjectType.AttrTypes["options"]).(types.Object),
		FailoverEnabled: m.FailoverEnabled, EligibleForFailover: m.EligibleForFailover, Stats: m.Stats,
	}
}

// object is the model as one element of a list.
func (m dataModel) object() (attr.Value, diag.Diagnostics) {
	return types.ObjectValue(dataObjectType.AttrTypes, map[string]attr.Value{
		"id": m.ID, "project_id": m.ProjectID, "instance_name": m.InstanceName, "name": m.Name, "pipeline": m.Pipeline,
		"state": m.State, "tier": m.Tier, "options": m.Options, "failover_enabled": m.FailoverEnabled, "eligible_for_failover": m.EligibleForFailover, "stats": m.Stats,
	})
}

// NewDataSource returns data "atlasmini_stream_processor": one processor
// by project, instance and name.
func NewDataSource() datasource.DataSource {
	return &tfresource.ChildDataSource[atlas.StreamProcessor]{
		DataSourceBase: tfresource.DataSourceBase{TypeSuffix: "_stream_processor"},
		Kind:           tfresource.ProcessorKind,
		Plural:         "processors",
		Description: "Reads one processor of an Atlas Stream Processing instance by name: its pipeline, its state and its statistics, " +
			"for example to watch a processor another team manages.",
		Attributes: dataAttributes,
		Get: func(ctx context.Context, c *atlas.Client, projectID, instance, name string) (*atlas.StreamProcessor, error) {
			return c.GetStreamProcessor(ctx, projectID, instance, name)
		},
		Model: func(p *atlas.StreamProcessor, projectID, instance string) any {
			m := toData(p, projectID, instance)
			return &m
		},
	}
}

// NewListDataSource returns data "atlasmini_stream_processors": every
// processor of an instance, each as data "atlasmini_stream_processor"
// shows it.
func NewListDataSource() datasource.DataSource {
	return &tfresource.ChildListDataSource[atlas.StreamProcessor]{
		DataSourceBase: tfresource.DataSourceBase{TypeSuffix: "_stream_processors"},
		Plural:         "processors",
		Description: "Lists every processor of an Atlas Stream Processing instance, in the order Atlas keeps them (creation order), with state and statistics, " +
			"for example to find what to import or which processors are not running. Pages are followed to the end, " +
			fmt.Sprint(atlas.MaxItemsPerPage) + " processors per request.",
		Attributes: dataAttributes,
		Each: func(ctx context.Context, c *atlas.Client, projectID, instance string, yield func(*atlas.StreamProcessor) bool) (int, error) {
			return c.EachStreamProcessor(ctx, projectID, instance, yield)
		},
		Object: func(p *atlas.StreamProcessor, projectID, instance string) (attr.Value, diag.Diagnostics) {
			return toData(p, projectID, instance).object()
		},
	}
}
