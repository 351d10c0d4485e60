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

// mongodbatlasProcessor is the resource type of MongoDB's provider
// (registry address mongodb/mongodbatlas, or a mirror of it) that a moved
// block can bring over.
const mongodbatlasProcessor = "mongodbatlas_stream_processor"

// mongodbatlasState is what this provider takes from a state written by
// MongoDB's provider. Its id is Atlas's _id of the processor, as here;
// options.autoscaling, effective_tier and delete_on_create_timeout have no
// counterpart and are left behind.
type mongodbatlasState struct {
	tfresource.MongoDBPlace
	ID              string `json:"id"`
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
	o, ok := src.Child(req, resp, tfresource.ProcessorKind, "processor_name", src.ProcessorName, [2]string{"pipeline", src.Pipeline})
	if !ok {
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
		ProjectID: types.StringValue(o.ProjectID), InstanceName: types.StringValue(o.Instance), Name: types.StringValue(o.Name),
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
	identity.SetChild(resp.TargetIdentity, o)
}
