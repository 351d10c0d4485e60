package streamprocessor

import (
	"context"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// defaultTimeouts are the default operation timeouts, overridable with
// the timeouts attribute.
var defaultTimeouts = tfresource.Timeouts{
	Create: 20 * time.Minute, Update: 20 * time.Minute, Delete: 20 * time.Minute,
	CreateWaits: "for each state change", UpdateWaits: "for each state change",
}

var (
	descName     = "Name of the processor, unique in its instance: " + nameRule + ". Changed in place (a rename)."
	descPipeline = "The aggregation pipeline, as a JSON array of stages: a `$source` stage first, then any stages, and a sink stage, `$emit` or `$merge`, last; " +
		"each stage names the connections it reads or writes. White space and formatting never cause a diff, but the order of keys does, " +
		"since it changes what `$sort` and `$project` do: `jsonencode` writes keys in alphabetical order, so write the pipeline as a heredoc " +
		"where another order matters. Changing it on a started processor stops it, modifies it and starts it again; " +
		"a new `$source` makes it start from the beginning of that source (`resumeFromCheckpoint: false`)."
	descState = "Lifecycle state to keep the processor in: " + tfresource.CodeList(configStates) + ". Defaults to `CREATED`. " +
		"A new processor is created, then started when `STARTED`; it cannot be created `STOPPED`, and once started it never returns to `CREATED`. " +
		"`STARTED` and `STOPPED` switch in place. A processor Atlas reports `FAILED` shows as a difference, and the next apply starts it again."
	descTier = "Tier the processor runs on: one of " + tfresource.CodeList(tiers) + ", at most the instance's `stream_config.max_tier_size`. " +
		"When omitted, Atlas chooses, and its choice is kept in state. Changing it on a started processor restarts it on the new tier."
	descOptions   = "Processing options."
	descDLQ       = "Dead letter queue: where documents that fail processing go, a collection reached through a `Cluster` connection. All three members are required."
	descFailover  = "Whether the processor fails over with its instance (which needs `failover_regions`). Defaults to `false`."
	descEligible  = "Whether Atlas would fail the processor over, as it reports it. " + eligibilityRule + ". The plan warns when `failover_enabled = true` and the processor is not eligible, and says why."
	descStats     = "Statistics of the processor as Atlas reports them, a JSON object (`jsondecode` it); null while the processor is `CREATED`. Never a difference in a plan."
	descID        = "Atlas identifier (`_id`) of the processor."
	descDLQMember = map[string]string{
		"connection_name": "Name of the `Cluster` connection of the instance that holds the queue.",
		"db":              "Database of the queue.",
		"coll":            "Collection of the queue.",
	}
)

// Attribute types of the nested objects, read from the schema.
var (
	typesSchema = resourceSchema(context.Background())
	optionsType = typesSchema.Attributes["options"].GetType().(types.ObjectType)
	dlqType     = optionsType.AttrTypes["dlq"].(types.ObjectType)
)

func resourceSchema(ctx context.Context) schema.Schema {
	dlq := map[string]schema.Attribute{}
	for name, desc := range descDLQMember {
		dlq[name] = schema.StringAttribute{MarkdownDescription: desc, Required: true}
	}
	return schema.Schema{
		MarkdownDescription: "Manages a stream processor of an Atlas Stream Processing instance: an aggregation pipeline that reads a source connection and writes a sink, " +
			"started and stopped as a unit. A new processor is `CREATED`, then started when `state = \"STARTED\"`. " +
			"Atlas modifies only processors that are not running, so changing the `pipeline`, `options`, `tier`, `failover_enabled` or `name` of a started processor " +
			"stops it, modifies it and starts it again, each step waited for, and the plan warns that it will restart; " +
			"a changed `$source` stage makes it start from the beginning of the new source, and the plan says so. " +
			"Atlas changes states asynchronously: every start and stop is followed until Atlas shows the new state, within the timeouts.",
		Attributes: tfresource.WithChildAttributes(tfresource.ProcessorKind, descID, map[string]schema.Attribute{
			"name": schema.StringAttribute{MarkdownDescription: descName, Required: true,
				Validators: []validator.String{stringvalidator.RegexMatches(namePattern, "must be "+nameRule)}},
			"pipeline": schema.StringAttribute{MarkdownDescription: descPipeline, Required: true, CustomType: pipelineType{}, Validators: []validator.String{pipelineShape},
				PlanModifiers: []planmodifier.String{keepEquivalentPipeline{}}},
			"state": schema.StringAttribute{MarkdownDescription: descState, Optional: true, Computed: true, Default: stringdefault.StaticString("CREATED"),
				Validators: []validator.String{stringvalidator.OneOf(configStates...)}},
			"tier": schema.StringAttribute{MarkdownDescription: descTier, Optional: true, Computed: true,
				Validators: []validator.String{stringvalidator.OneOf(tiers...)}, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"options": schema.SingleNestedAttribute{
				MarkdownDescription: descOptions,
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"dlq": schema.SingleNestedAttribute{MarkdownDescription: descDLQ, Optional: true, Attributes: dlq},
				},
			},
			"failover_enabled":      schema.BoolAttribute{MarkdownDescription: descFailover, Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
			"eligible_for_failover": schema.BoolAttribute{MarkdownDescription: descEligible, Computed: true},
			"stats":                 schema.StringAttribute{MarkdownDescription: descStats, Computed: true},
			"timeouts":              defaultTimeouts.Attribute(ctx),
		}),
	}
}
