package streamconnection

import (
	"context"
	"sync"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// A failover connection (atlasmini_stream_connection_failover) is the
// copy of a Kafka or Cluster connection that an instance's processors use
// in one of its failover regions. It lives in this package because its
// settings are the connection's own: the kafka and cluster attributes,
// their rules, secrets and converters are declared once, here, for both.

// failoverTypes are the connection types that have failover copies.
var failoverTypes = []string{"Kafka", "Cluster"}

// failoverTimeouts are the failover connection's default timeouts.
var failoverTimeouts = tfresource.Timeouts{
	Create: 20 * time.Minute, Update: 20 * time.Minute, Delete: 20 * time.Minute,
	CreateWaits: "until the failover connection is `READY`", UpdateWaits: "until the failover connection is `READY`", DeleteWaits: "until it is gone",
}

// Descriptions of the failover connection's own attributes.
var (
	descFailoverID     = "Atlas identifier of the failover connection: " + tfresource.ProjectIDRule + "."
	descFailoverConn   = "Name of the connection this one is the failover copy of (`atlasmini_stream_connection.<label>.name`): a `Kafka` or `Cluster` connection of the same instance. Changing it replaces the failover connection."
	descFailoverRegion = "Failover region the copy serves, as the instance's `failover_regions` name it (for example `DUBLIN_IRL`): one of the instance's failover regions, never its primary region. " +
		"At plan time, when the instance can be read, a region of another provider or the primary region is an error, and one the instance does not list yet is a warning (the same apply may add it). Changing it replaces the failover connection."
	descFailoverType  = "Type of the connection, as Atlas reports it: `Kafka` or `Cluster`, from the settings attribute that is set. It must be the type of the connection it copies; the plan checks it when that connection exists."
	descFailoverState = "State of the failover connection as Atlas reports it: `READY` once usable, `PENDING` while it deploys, `FAILED`."
)

func failoverSchema(ctx context.Context) schema.Schema {
	conn := resourceSchema(ctx).Attributes
	kafka := conn["kafka"].(schema.SingleNestedAttribute)
	kafka.MarkdownDescription = "Settings of the regional copy of a `Kafka` connection: the brokers, credentials and network access to use in this region. " +
		"The same attributes and rules as `atlasmini_stream_connection`'s `kafka`, write-only secrets included. Exactly one of `kafka` and `cluster` is set."
	cluster := conn["cluster"].(schema.SingleNestedAttribute)
	cluster.MarkdownDescription = "Settings of the regional copy of a `Cluster` connection: the Atlas cluster to use in this region. " +
		"The same attributes as `atlasmini_stream_connection`'s `cluster`. Exactly one of `kafka` and `cluster` is set."
	replaces := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "Manages the failover copy of a `Kafka` or `Cluster` connection for one failover region of its stream instance: " +
			"the brokers or cluster that the instance's processors use after they fail over to that region. " +
			"A connection has at most one copy per failover region. Settings change in place with one update; `project_id`, `instance_name`, " +
			"`connection_name` and `region` replace it. Deleting the connection, or its instance, deletes its failover copies. " +
			"Secrets come in the two forms of `atlasmini_stream_connection`: sensitive, kept in state, or write-only `_wo` attributes with their `_wo_version`.",
		Attributes: tfresource.WithChildAttributes(tfresource.FailoverKind, descFailoverID, map[string]schema.Attribute{
			"connection_name": schema.StringAttribute{MarkdownDescription: descFailoverConn, Required: true, PlanModifiers: replaces,
				Validators: []validator.String{stringvalidator.RegexMatches(namePattern, "must be "+nameRule)}},
			"region": schema.StringAttribute{MarkdownDescription: descFailoverRegion, Required: true, PlanModifiers: replaces,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			// The plan sets type from the settings (see ModifyPlan); kept
			// from state otherwise, so that a plan that changes nothing is
			// the state itself.
			"type":     schema.StringAttribute{MarkdownDescription: descFailoverType, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"state":    schema.StringAttribute{MarkdownDescription: descFailoverState, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"kafka":    kafka,
			"cluster":  cluster,
			"timeouts": failoverTimeouts.Attribute(ctx),
		}),
	}
}

// failoverCodec converts the failover resource's plan and state (see
// tfresource.Codec); built once, from the schema.
var failoverCodec = sync.OnceValue(func() *tfresource.Codec[failoverResourceModel] {
	return tfresource.NewCodec[failoverResourceModel](failoverSchema(context.Background()).Type())
})

// failoverIdentity is the failover resource's identity (Terraform 1.12+):
// the connection it copies and its own id.
var failoverIdentity = tfresource.NewIdentity(map[string]string{
	"project_id":      "ID of the Atlas project that holds the instance.",
	"instance_name":   "Name of the stream instance.",
	"connection_name": "Name of the connection the failover connection copies.",
	"id":              "Atlas identifier of the failover connection.",
})
