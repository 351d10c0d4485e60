package streamprocessor

import (
	"encoding/json"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// processorModel is the Terraform state of a processor.
type processorModel struct {
	ID              types.String  `tfsdk:"id"`
	ProjectID       types.String  `tfsdk:"project_id"`
	InstanceName    types.String  `tfsdk:"instance_name"`
	Name            types.String  `tfsdk:"name"`
	Pipeline        pipelineValue `tfsdk:"pipeline"`
	State           types.String  `tfsdk:"state"`
	Tier            types.String  `tfsdk:"tier"`
	Options         types.Object  `tfsdk:"options"`
	FailoverEnabled types.Bool    `tfsdk:"failover_enabled"`
	// EligibleForFailover is read-only: whether Atlas would fail it over.
	EligibleForFailover types.Bool   `tfsdk:"eligible_for_failover"`
	Stats               types.String `tfsdk:"stats"`
}

// resourceModel adds the timeouts the resource has and data sources lack.
type resourceModel struct {
	processorModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// dlqOf returns the DLQ of an options object; nil when there is none.
func dlqOf(options types.Object) *atlas.DLQ {
	if !tfresource.Known(options) {
		return nil
	}
	d, ok := options.Attributes()["dlq"].(types.Object)
	if !ok || !tfresource.Known(d) {
		return nil
	}
	s := func(n string) string { v, _ := d.Attributes()[n].(types.String); return v.ValueString() }
	return &atlas.DLQ{ConnectionName: s("connection_name"), DB: s("db"), Coll: s("coll")}
}

// canonicalPipeline is the pipeline as it is sent: canonical JSON, key
// order kept (a pipeline that is not JSON never gets here: its validator
// refused it).
func canonicalPipeline(p pipelineValue) json.RawMessage {
	c, err := canonical(p.ValueString())
	if err != nil {
		return json.RawMessage(p.ValueString())
	}
	return json.RawMessage(c)
}

// createRequest is the body of a create.
func createRequest(m processorModel) atlas.StreamProcessor {
	req := atlas.StreamProcessor{Name: m.Name.ValueString(), Pipeline: canonicalPipeline(m.Pipeline)}
	if d := dlqOf(m.Options); d != nil {
		req.Options = &atlas.ProcessorOptions{DLQ: d}
	}
	if tfresource.Known(m.Tier) {
		req.Tier = m.Tier.ValueString()
	}
	if tfresource.Known(m.FailoverEnabled) {
		f := m.FailoverEnabled.ValueBool()
		req.FailoverEnabled = &f
	}
	return req
}

// samePipeline reports whether two pipelines are the same JSON.
func samePipeline(a, b pipelineValue) bool {
	if !tfresource.Known(a) || !tfresource.Known(b) {
		return a.Equal(b)
	}
	ca, errA := canonical(a.ValueString())
	cb, errB := canonical(b.ValueString())
	return errA == nil && errB == nil && ca == cb
}

// modifyRequest is the body of a modify from state to plan, holding what
// changed, and whether anything did. A changed $source stage sends
// resumeFromCheckpoint false: the processor starts from the beginning of
// its new source.
func modifyRequest(plan, state processorModel) (atlas.StreamProcessor, bool) {
	var req atlas.StreamProcessor
	changed := false
	if !plan.Name.Equal(state.Name) {
		req.Name, changed = plan.Name.ValueString(), true
	}
	if !samePipeline(plan.Pipeline, state.Pipeline) {
		req.Pipeline, changed = canonicalPipeline(plan.Pipeline), true
		if sourceStage(plan.Pipeline.ValueString()) != sourceStage(state.Pipeline.ValueString()) {
			f := false
			req.Options = &atlas.ProcessorOptions{ResumeFromCheckpoint: &f}
		}
	}
	if pd, sd := dlqOf(plan.Options), dlqOf(state.Options); !sameDLQ(pd, sd) {
		if req.Options == nil {
			req.Options = &atlas.ProcessorOptions{}
		}
		req.Options.DLQ = pd
		if pd == nil {
			req.Options.DLQ = &atlas.DLQ{} // {} removes it.
		}
		changed = true
	}
	if tfresource.Known(plan.Tier) && !plan.Tier.Equal(state.Tier) {
		req.Tier, changed = plan.Tier.ValueString(), true
	}
	if tfresource.Known(plan.FailoverEnabled) && !plan.FailoverEnabled.Equal(state.FailoverEnabled) {
		f := plan.FailoverEnabled.ValueBool()
		req.FailoverEnabled, changed = &f, true
	}
	return req, changed
}

func sameDLQ(a, b *atlas.DLQ) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// stateOf maps the API's state to the one kept: INIT and CREATING are
// steps of a create, shown as CREATED.
func stateOf(s string) string {
	switch s {
	case "INIT", "CREATING":
		return "CREATED"
	}
	return s
}

// fromAPI converts a processor from the API into the model. prior is the
// state or plan it replaces: it supplies the project and instance, the
// pipeline's own formatting when the API's pipeline is the same JSON, and
// an options object written without a DLQ.
func fromAPI(in *atlas.StreamProcessor, prior processorModel) processorModel {
	m := processorModel{
		ID: types.StringValue(in.ID), ProjectID: prior.ProjectID, InstanceName: prior.InstanceName,
		Name: types.StringValue(in.Name), State: types.StringValue(stateOf(in.State)),
		Tier: types.StringNull(), Stats: types.StringNull(), FailoverEnabled: types.BoolValue(in.FailoverEnabled != nil && *in.FailoverEnabled),
		EligibleForFailover: types.BoolValue(in.EligibleForFailover != nil && *in.EligibleForFailover),
	}
	if in.Name == "" {
		m.Name = prior.Name
	}
	if in.State == "" {
		m.State = prior.State
	}
	m.Pipeline = newPipeline(string(in.Pipeline))
	if c, err := canonical(string(in.Pipeline)); err == nil {
		m.Pipeline = newPipeline(c)
		if tfresource.Known(prior.Pipeline) && samePipeline(prior.Pipeline, m.Pipeline) {
			m.Pipeline = prior.Pipeline
		}
	}
	if in.Tier != "" {
		m.Tier = types.StringValue(in.Tier)
	}
	switch {
	case in.Options != nil && in.Options.DLQ != nil && in.Options.DLQ.ConnectionName != "":
		d := in.Options.DLQ
		m.Options = types.ObjectValueMust(optionsType.AttrTypes, map[string]attr.Value{"dlq": types.ObjectValueMust(dlqType.AttrTypes, map[string]attr.Value{
			"connection_name": types.StringValue(d.ConnectionName), "db": types.StringValue(d.DB), "coll": types.StringValue(d.Coll),
		})})
	case tfresource.Known(prior.Options):
		m.Options = types.ObjectValueMust(optionsType.AttrTypes, map[string]attr.Value{"dlq": types.ObjectNull(dlqType.AttrTypes)})
	default:
		m.Options = types.ObjectNull(optionsType.AttrTypes)
	}
	if len(in.Stats) > 0 && string(in.Stats) != "null" {
		if c, err := render(string(in.Stats)); err == nil {
			m.Stats = types.StringValue(c)
		}
	}
	return m
}
