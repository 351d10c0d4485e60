package streamprocessor

import (
	"context"
	"encoding/json"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithMoveState = &Resource{}

// mongodbatlasProcessor is the resource type of MongoDB's provider
// (registry address mongodb/mongodbatlas, or a mirror of it) that a moved
// block can bring over.
const mongodbatlasProcessor = "mongodbatlas_stream_processor"

// MoveState lets a moved block adopt a processor that MongoDB's provider
// manages, with no change planned: the source state is read as JSON, so
// attributes that newer versions of that provider add are ignored.
func (r *Resource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromMongoDBAtlas}}
}

// mongodbatlasState is what this provider takes from a state written by
// MongoDB's provider. Its id is Atlas's _id of the processor, as here;
// options.autoscaling, effective_tier and delete_on_create_timeout have no
// counterpart and are left behind.
type mongodbatlasState struct {
	ID              string `json:"id"`
	ProjectID       string `json:"project_id"`
	InstanceName    string `json:"instance_name"`
	WorkspaceName   string `json:"workspace_name"`
	ProcessorName   string `json:"processor_name"`
	Pipeline        string `json:"pipeline"`
	State           string `json:"state"`
	Tier            string `json:"tier"`
	Stats           string `json:"stats"`
	FailoverEnabled *bool  `json:"failover_enabled"`
	Options         *struct {
		DLQ *struct {
			ConnectionName string `json:"connection_name"`
			DB             string `json:"db"`
			Coll           string `json:"coll"`
		} `json:"dlq"`
	} `json:"options"`
}

// moveFromMongoDBAtlas converts the state of a mongodbatlas_stream_processor.
// Any other source is not this mover's: it leaves the response empty, and
// Terraform says the move is not supported.
func moveFromMongoDBAtlas(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src mongodbatlasState
	if !tfresource.ReadMoveSource(req, resp, &src, mongodbatlasProcessor) {
		return
	}
	instance := src.WorkspaceName
	if instance == "" {
		instance = src.InstanceName
	}
	if !tfresource.MoveNeeds(req, resp, "atlasmini_stream_processor", "processor", "<project_id>/<instance_name>/<name>",
		[2]string{"project_id", src.ProjectID}, [2]string{"instance_name or workspace_name", instance}, [2]string{"processor_name", src.ProcessorName}, [2]string{"pipeline", src.Pipeline}) {
		return
	}
	in := &atlas.StreamProcessor{ID: src.ID, Name: src.ProcessorName, Pipeline: json.RawMessage(src.Pipeline), State: src.State, Tier: src.Tier, FailoverEnabled: src.FailoverEnabled}
	if src.Stats != "" {
		in.Stats = json.RawMessage(src.Stats)
	}
	if src.Options != nil && src.Options.DLQ != nil {
		d := src.Options.DLQ
		in.Options = &atlas.ProcessorOptions{DLQ: &atlas.DLQ{ConnectionName: d.ConnectionName, DB: d.DB, Coll: d.Coll}}
	}
	prior := processorModel{
		ProjectID: types.StringValue(src.ProjectID), InstanceName: types.StringValue(instance), Name: types.StringValue(src.ProcessorName),
		Pipeline: newPipeline(src.Pipeline), State: types.StringValue("CREATED"), Options: types.ObjectNull(optionsType.AttrTypes),
	}
	if src.Options != nil {
		// An options object written without a DLQ stays an object.
		prior.Options = types.ObjectValueMust(optionsType.AttrTypes, map[string]attr.Value{"dlq": types.ObjectNull(dlqType.AttrTypes)})
	}
	m := fromAPI(in, prior)
	if src.ID == "" {
		m.ID = types.StringNull()
	}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.TargetState, resourceModel{processorModel: m, Timeouts: tfresource.NullTimeouts()})...)
	identity.SetChild(resp.TargetIdentity, tfresource.Object{Kind: tfresource.ProcessorKind, ProjectID: src.ProjectID, Instance: instance, Name: src.ProcessorName})
}
