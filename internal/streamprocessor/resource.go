package streamprocessor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ resource.Resource                = &Resource{}
	_ resource.ResourceWithConfigure   = &Resource{}
	_ resource.ResourceWithImportState = &Resource{}
	_ resource.ResourceWithModifyPlan  = &Resource{}
	_ resource.ResourceWithMoveState   = &Resource{}
	_ resource.ResourceWithIdentity    = &Resource{}
)

// Resource is atlasmini_stream_processor. Its identity holds the name,
// which a rename changes in place.
type Resource struct {
	tfresource.ResourceBase
}

// NewResource returns the resource, for the provider's list.
func NewResource() resource.Resource {
	return &Resource{tfresource.ResourceBase{TypeSuffix: "_stream_processor", SchemaOf: resourceSchema, Identity: identity, MutableIdentity: true, Mover: moveFromMongoDBAtlas}}
}

// codec converts the resource's plan and state without the framework's
// reflection (see tfresource.Codec); built once, from the schema.
var codec = sync.OnceValue(func() *tfresource.Codec[resourceModel] {
	return tfresource.NewCodec[resourceModel](typesSchema.Type())
})

// ModifyPlan applies the state machine at plan time: a new processor is
// not STOPPED, and one that ran never returns to CREATED. It warns when
// an apply will restart a started processor, when a new $source makes it
// start from the beginning of that source, and when a changed pipeline or
// DLQ names a connection the instance does not have (see
// checkConnections), and says when a processor found FAILED will be
// started again.
func (r *Resource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	if d.HasError() {
		return
	}
	target := plan.State.ValueString()
	if req.State.Raw.IsNull() {
		r.warnIneligible(ctx, plan.processorModel, &resp.Diagnostics)
		if target == "STOPPED" {
			resp.Diagnostics.AddAttributeError(path.Root("state"), "Processor Cannot Be Created Stopped",
				"A new processor is CREATED, and only a started processor can be STOPPED. Create it with state = \"CREATED\" or \"STARTED\", and set \"STOPPED\" afterwards.")
		}
		return
	}
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if d.HasError() {
		return
	}
	// A plan that changes nothing but what the framework marks unknown for
	// any difference in the proposal (stats, when the pipeline was only
	// written another way) keeps the state's stats: no change is planned.
	if unchanged := plan; unchanged.Stats.IsUnknown() || unchanged.EligibleForFailover.IsUnknown() {
		unchanged.Stats, unchanged.EligibleForFailover = state.Stats, state.EligibleForFailover
		if codec().Equal(unchanged, state) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("stats"), state.Stats)...)
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("eligible_for_failover"), state.EligibleForFailover)...)
			return
		}
	}
	if tfresource.Known(plan.FailoverEnabled) && plan.FailoverEnabled.ValueBool() &&
		(!plan.FailoverEnabled.Equal(state.FailoverEnabled) || !plan.Tier.Equal(state.Tier) || !samePipeline(plan.Pipeline, state.Pipeline) || !state.EligibleForFailover.ValueBool()) {
		r.warnIneligible(ctx, plan.processorModel, &resp.Diagnostics)
	}
	if !tfresource.Known(plan.State) {
		return
	}
	cur, name := state.State.ValueString(), state.Name.ValueString()
	if target == "CREATED" && cur != "CREATED" {
		resp.Diagnostics.AddAttributeError(path.Root("state"), "Processor Cannot Return To CREATED",
			fmt.Sprintf("Processor %q is %s in Atlas: once a processor has run it never returns to CREATED. Set state = \"STOPPED\" to keep it from running, or \"STARTED\".", name, cur))
		return
	}
	if cur == "FAILED" && target != "FAILED" {
		resp.Diagnostics.AddAttributeWarning(path.Root("state"), "Processor Had Failed",
			fmt.Sprintf("Atlas reports processor %q FAILED. The apply starts it again (and stops it after, for state = \"STOPPED\"); check its pipeline, connections and DLQ if it fails again.", name))
	}
	_, modify := modifyRequest(plan.processorModel, state.processorModel)
	if modify && cur == "STARTED" && target == "STARTED" {
		resp.Diagnostics.AddWarning("Processor Will Restart",
			fmt.Sprintf("Atlas modifies only processors that are not running: the apply stops processor %q, modifies it, and starts it again.", name))
	}
	if tfresource.Known(plan.Pipeline) && !samePipeline(plan.Pipeline, state.Pipeline) && onlyKeyOrderDiffers(plan.Pipeline.ValueString(), state.Pipeline.ValueString()) {
		resp.Diagnostics.AddAttributeWarning(path.Root("pipeline"), "Pipeline Keys In Another Order",
			fmt.Sprintf("The pipeline of processor %q has the same stages and values as in Atlas, with keys in another order, which changes what $sort, $project and "+
				"similar stages do, so the apply modifies it. jsonencode, and the configuration terraform query writes, put keys in alphabetical order: "+
				"to keep Atlas's order, write the pipeline as a heredoc with the keys in that order.", name))
	}
	if tfresource.Known(plan.Pipeline) && sourceStage(plan.Pipeline.ValueString()) != sourceStage(state.Pipeline.ValueString()) && (target == "STARTED" || cur != "CREATED") {
		when := "it starts from the beginning of the new source."
		if target != "STARTED" {
			when = "when it is next started, it starts from the beginning of the new source."
		}
		resp.Diagnostics.AddAttributeWarning(path.Root("pipeline"), "Processor Restarts From Its New Source",
			fmt.Sprintf("The $source stage of processor %q changes, so its checkpoint does not apply to the new source (resumeFromCheckpoint: false): %s", name, when))
	}
	if usesChanged(plan.processorModel, state.processorModel) {
		r.checkConnections(ctx, plan.processorModel, &resp.Diagnostics)
	}
}

// object is the processor a model names.
func object(m processorModel) tfresource.Object {
	return tfresource.Object{Kind: tfresource.ProcessorKind, ProjectID: m.ProjectID.ValueString(), Instance: m.InstanceName.ValueString(), Name: m.Name.ValueString()}
}

// api is the client for the processor a model names.
func (r *Resource) api(m processorModel) processorAPI {
	return processorAPI{c: r.Client, projectID: m.ProjectID.ValueString(), instance: m.InstanceName.ValueString(), name: m.Name.ValueString()}
}

// Create sends one POST (see tfresource.CreateOrAdopt) and, for state =
// "STARTED", starts the processor; each step is waited for. A processor
// the API made is always written to state, with the state Atlas reports,
// even when a later step fails; one whose create had no clear outcome is
// recorded without an id, for the next refresh to find.
func (r *Resource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultTimeouts.Create)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	o, p, target := object(plan.processorModel), r.api(plan.processorModel), plan.State.ValueString()
	report := reporting(plan.processorModel)
	body := createRequest(plan.processorModel)
	creation := tfresource.Creation[*atlas.StreamProcessor]{
		Object: o,
		Send: func(ctx context.Context) (*atlas.StreamProcessor, error) {
			return r.Client.CreateStreamProcessor(ctx, p.projectID, p.instance, body)
		},
		Read:    p.read,
		Matches: func(got *atlas.StreamProcessor) bool { return matchesCreate(got, body) },
	}
	created, err := tfresource.CreateOrAdopt(ctx, creation)
	if err != nil {
		tfresource.CreateFailed(ctx, creation, err, &resp.Diagnostics, timeout, report, func() diag.Diagnostics {
			identity.SetChild(resp.Identity, o)
			record, d := codec().Settled(ctx, resourceModel{processorModel: plan.processorModel, Timeouts: plan.Timeouts})
			record.State = types.StringNull() // Not known until Atlas is read.
			return append(d, codec().SetState(ctx, &resp.State, record)...)
		})
		return
	}
	tflog.Debug(ctx, "created stream processor", map[string]any{"processor": o.String(), "id": created.ID})
	var got *atlas.StreamProcessor
	if target == "STARTED" {
		got, err = p.start(ctx, plan.Tier.ValueString())
	} else {
		got, err = p.waitState(ctx, "CREATED")
	}
	if err != nil {
		got = saveRead(ctx, p)
	}
	next := resourceModel{processorModel: fromAPI(created, plan.processorModel), Timeouts: plan.Timeouts}
	if got != nil {
		next.processorModel = fromAPI(got, plan.processorModel)
	} else {
		// The POST's answer has no state, and no read said it: the next
		// refresh does.
		next.State = types.StringNull()
	}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	identity.SetChild(resp.Identity, p.object())
	if err != nil {
		reportOn(&resp.Diagnostics, plan.processorModel, "Error Creating Stream Processor",
			tfresource.TimeoutHint(fmt.Sprintf("The %s was created but did not reach %s. It is saved in state as Atlas reports it.", o, target), err, timeout), err)
	}
}

// saveRead reads the processor after a step failed, on a context of its
// own (the operation's may be spent), so that the state says where it
// stands; nil when the read fails.
func saveRead(ctx context.Context, p processorAPI) *atlas.StreamProcessor {
	rctx, cancel := tfresource.SaveContext(ctx)
	defer cancel()
	got, err := p.read(rctx)
	if err != nil {
		tflog.Warn(ctx, "reading the processor after a failed step failed too", map[string]any{"name": p.name, "error": err.Error()})
		return nil
	}
	return got
}

// Read refreshes the state; a processor gone from Atlas leaves the state
// so the next plan creates it again. "Gone" is what the API confirms: any
// other 404 is an error and the state stays as it is. A record of a
// create whose outcome was unknown adopts the processor of its name when
// it is the one that create asked for.
func (r *Resource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	o := object(state.processorModel)
	identity.SetChild(resp.Identity, o)
	got, err := r.Client.RefreshStreamProcessor(ctx, o.ProjectID, o.Instance, o.Name)
	// A record of a create with an unknown outcome has a pipeline and no
	// id (an import has neither).
	recorded := state.ID.IsNull() && tfresource.Known(state.Pipeline)
	if got = tfresource.Refreshed(ctx, o, got, err, recorded, func(got *atlas.StreamProcessor) bool {
		return matchesCreate(got, createRequest(state.processorModel))
	}, resp, reporting(state.processorModel)); got == nil {
		return
	}
	next := resourceModel{processorModel: fromAPI(got, state.processorModel), Timeouts: state.Timeouts}
	if !codec().Equal(next, state) {
		resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	}
}

// Update brings the processor from its state to the plan: a started
// processor that must change is stopped, modified with one PATCH and
// started again, each step waited for; then it is started or stopped as
// the plan says. When Atlas refuses the modify of a processor this update
// stopped, it is started again with its previous definition, and the
// error says so. After any failure the state is what Atlas reports.
func (r *Resource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultTimeouts.Update)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	p, target, tier := r.api(state.processorModel), plan.State.ValueString(), plan.Tier.ValueString()
	body, modify := modifyRequest(plan.processorModel, state.processorModel)
	cur := &atlas.StreamProcessor{State: state.State.ValueString()}
	fail := func(step string, err error, note string) {
		// Save what is known: the processor as Atlas reports it now, at
		// the name it has (a rename may have gone through).
		got := saveRead(ctx, p)
		if got == nil && body.Name != "" && p.name != body.Name {
			// Only this processor, by its id: when the new name was taken,
			// another one answers there.
			renamed := saveRead(ctx, processorAPI{c: p.c, projectID: p.projectID, instance: p.instance, name: body.Name})
			if renamed != nil && (state.ID.IsNull() || renamed.ID == state.ID.ValueString()) {
				got = renamed
			}
		}
		if got != nil {
			next := resourceModel{processorModel: fromAPI(got, state.processorModel), Timeouts: state.Timeouts}
			resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
			o := p.object()
			o.Name = got.Name
			identity.SetChild(resp.Identity, o)
		}
		what := fmt.Sprintf("Could not update %s: %s failed.", object(state.processorModel), step)
		reportOn(&resp.Diagnostics, plan.processorModel, "Error Updating Stream Processor", tfresource.TimeoutHint(what, err, timeout)+note, err)
	}
	if modify {
		stopped := false
		if cur.State == "STARTED" {
			if _, err := p.stop(ctx); err != nil {
				fail("stopping it before the modify", err, "")
				return
			}
			stopped = true
		}
		got, err := p.modify(ctx, state.ID.ValueString(), body)
		if err != nil {
			note := ""
			if stopped {
				note = restartAfterRefusal(ctx, p, state.Tier.ValueString())
			}
			fail("the modify", err, note)
			return
		}
		p.name, cur = got.Name, got
	}
	got, err := p.reach(ctx, cur, target, tier)
	if err != nil {
		fail("bringing it to "+target, err, "")
		return
	}
	if got.ID == "" || got.Stats == nil && got.State != "CREATED" && got.State != "FAILED" {
		// The last answer in hand was a modify or an unchanged state: read
		// the processor once, for its stats.
		if full, gerr := p.read(ctx); gerr == nil {
			got = full
		}
	}
	next := resourceModel{processorModel: fromAPI(got, plan.processorModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	identity.SetChild(resp.Identity, p.object())
}

// restartAfterRefusal starts again a processor that an update stopped
// for a modify that Atlas then refused, with its previous definition
// (nothing of it changed), and says how that went, for the error.
func restartAfterRefusal(ctx context.Context, p processorAPI, tier string) string {
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		ctx, cancel = tfresource.SaveContext(ctx)
		defer cancel()
	}
	if _, err := p.start(ctx, tier); err != nil {
		return fmt.Sprintf("\n\nThe processor was stopped for the modify, and starting it again with its previous definition failed too, "+
			"so it is not running: %s. Fix the configuration and apply again, or start it in Atlas.", err)
	}
	return "\n\nThe processor was stopped for the modify; it has been started again with its previous definition and is running as before this apply."
}

// Delete sends one DELETE, in any state; a processor already gone is
// deleted.
func (r *Resource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, defaultTimeouts.Delete)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	o := object(state.processorModel)
	err := r.Client.DeleteStreamProcessor(ctx, o.ProjectID, o.Instance, o.Name)
	switch {
	case atlas.IsNotFound(err):
		return
	case err != nil:
		reportOn(&resp.Diagnostics, state.processorModel, "Error Deleting Stream Processor", o.WithAdvice(tfresource.TimeoutHint(o.Could("delete"), err, timeout), err), err)
		return
	}
	// Atlas answers 204 once the processor is gone: there is nothing to
	// wait for.
}

// ImportState adopts a processor by "<project_id>/<instance_name>/<name>"
// or MongoDB's "<instance_name>-<project_id>-<name>", or (Terraform 1.12+)
// by an identity with project_id, instance_name and name.
func (r *Resource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	tfresource.ImportInstanceScoped(ctx, req, resp, identity, tfresource.ProcessorKind.Short, namePattern.MatchString, nameRule)
}

// reporting reports API errors on the attribute they concern: field
// violations by their field (see tfresource.AddAPIError), and a refusal
// of the pipeline's semantics (Atlas's STREAM_PROCESSOR_GENERIC_ERROR has
// no field) as one error, on the DLQ when it names the DLQ's connection,
// on the pipeline otherwise.
func reporting(m processorModel) tfresource.Reporter {
	return func(diags *diag.Diagnostics, summary, what string, err error) { reportOn(diags, m, summary, what, err) }
}

func reportOn(diags *diag.Diagnostics, m processorModel, summary, what string, err error) {
	var apiErr *atlas.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || len(apiErr.Fields) > 0 || apiErr.Detail == "" {
		tfresource.AddAPIError(diags, summary, what, err, apiAttributePath)
		return
	}
	at := path.Root("pipeline")
	if d := dlqOf(m.Options); d != nil {
		onlyInDLQ := strings.Contains(apiErr.Detail, "connection named "+d.ConnectionName+" ") && !strings.Contains(m.Pipeline.ValueString(), `"`+d.ConnectionName+`"`)
		if strings.Contains(apiErr.Detail, "DLQ") || onlyInDLQ {
			at = path.Root("options").AtName("dlq").AtName("connection_name")
		}
	}
	diags.AddAttributeError(at, summary, fmt.Sprintf("%s\n\nThe Atlas API refused it: %s\n\nAtlas API status: %d\nerrorCode: %s", what, apiErr.Detail, apiErr.StatusCode, apiErr.ErrorCode))
}

// apiAttributePath maps a field of the API's violations to the attribute.
func apiAttributePath(field string) (path.Path, bool) {
	switch field {
	case "name", "pipeline", "tier":
		return path.Root(field), true
	case "failoverEnabled":
		return path.Root("failover_enabled"), true
	case "options.dlq.connectionName":
		return path.Root("options").AtName("dlq").AtName("connection_name"), true
	case "options.dlq.db", "options.dlq.coll":
		return path.Root("options").AtName("dlq").AtName(strings.TrimPrefix(field, "options.dlq.")), true
	}
	return path.Empty(), false
}

// identity is the resource identity (Terraform 1.12+): project, instance
// and name. A rename changes it in place (the resource declares a mutable
// identity).
var identity = tfresource.ChildIdentity(tfresource.ProcessorKind)
