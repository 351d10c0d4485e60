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
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ resource.Resource                = &Resource{}
	_ resource.ResourceWithConfigure   = &Resource{}
	_ resource.ResourceWithImportState = &Resource{}
	_ resource.ResourceWithModifyPlan  = &Resource{}
	_ resource.ResourceWithIdentity    = &Resource{}
)

// Resource is atlasmini_stream_processor.
type Resource struct {
	client *atlas.Client
}

// NewResource returns the resource, for the provider's list.
func NewResource() resource.Resource { return &Resource{} }

// address is how errors name a processor resource the user wrote.
const address = "atlasmini_stream_processor.<label>"

// codec converts the resource's plan and state without the framework's
// reflection (see tfresource.Codec); built once, from the schema.
var codec = sync.OnceValue(func() *tfresource.Codec[resourceModel] {
	return tfresource.NewCodec[resourceModel](typesSchema.Type())
})

// Metadata names the resource. Its identity holds the name, which a rename
// changes in place.
func (r *Resource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_processor"
	resp.ResourceBehavior.MutableIdentity = true
}

// Schema describes the resource.
func (r *Resource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

// Configure takes the provider's client.
func (r *Resource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = tfresource.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan applies the state machine at plan time: a new processor is
// not STOPPED, and one that ran never returns to CREATED. It warns when
// an apply will restart a started processor, and when a new $source makes
// it start from the beginning of that source, and says when a processor
// found FAILED will be started again.
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
	if unchanged := plan; unchanged.Stats.IsUnknown() {
		unchanged.Stats = state.Stats
		if codec().Equal(unchanged, state) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("stats"), state.Stats)...)
			return
		}
	}
	if !known(plan.State) {
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
	if known(plan.Pipeline) && !samePipeline(plan.Pipeline, state.Pipeline) && onlyKeyOrderDiffers(plan.Pipeline.ValueString(), state.Pipeline.ValueString()) {
		resp.Diagnostics.AddAttributeWarning(path.Root("pipeline"), "Pipeline Keys In Another Order",
			fmt.Sprintf("The pipeline of processor %q has the same stages and values as in Atlas, with keys in another order, which changes what $sort, $project and "+
				"similar stages do, so the apply modifies it. jsonencode, and the configuration terraform query writes, put keys in alphabetical order: "+
				"to keep Atlas's order, write the pipeline as a heredoc with the keys in that order.", name))
	}
	if known(plan.Pipeline) && sourceStage(plan.Pipeline.ValueString()) != sourceStage(state.Pipeline.ValueString()) && target == "STARTED" {
		resp.Diagnostics.AddAttributeWarning(path.Root("pipeline"), "Processor Restarts From Its New Source",
			fmt.Sprintf("The $source stage of processor %q changes, so its checkpoint does not apply to the new source (resumeFromCheckpoint: false): "+
				"it starts from the beginning of the new source.", name))
	}
}

// Create sends one POST and, for state = "STARTED", starts the processor;
// each step is waited for. Once the POST succeeded the processor is
// always written to state, even when a later step fails.
func (r *Resource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	p := processorAPI{c: r.client, projectID: plan.ProjectID.ValueString(), instance: plan.InstanceName.ValueString(), name: plan.Name.ValueString()}
	what := fmt.Sprintf("Could not create processor %q of stream instance %q in project %s.", p.name, p.instance, p.projectID)
	created, err := createOrAdopt(ctx, p, createRequest(plan.processorModel))
	if err != nil {
		if nameTaken(ctx, p, err) {
			what = fmt.Sprintf("A processor named %q already exists in stream instance %q of project %s. To manage it with Terraform, %s",
				p.name, p.instance, p.projectID, tfresource.ImportAdvice(address, p.projectID+"/"+p.instance+"/"+p.name))
		}
		r.addAPIError(&resp.Diagnostics, plan.processorModel, "Error Creating Stream Processor", tfresource.TimeoutHint(what, err, timeout), err)
		return
	}
	tflog.Debug(ctx, "created stream processor", map[string]any{"instance": p.instance, "name": p.name, "id": created.ID})
	var got *atlas.StreamProcessor
	if plan.State.ValueString() == "STARTED" {
		got, err = p.start(ctx, plan.Tier.ValueString())
	} else {
		got, err = p.waitState(ctx, "CREATED")
	}
	if got == nil {
		got = created
		got.State = "CREATED"
	}
	next := resourceModel{processorModel: fromAPI(got, plan.processorModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	setIdentity(resp.Identity, p.projectID, p.instance, p.name)
	if err != nil {
		r.addAPIError(&resp.Diagnostics, plan.processorModel, "Error Creating Stream Processor",
			tfresource.TimeoutHint(fmt.Sprintf("Processor %q of stream instance %q in project %s was created but did not reach %s. It is saved in state.",
				p.name, p.instance, p.projectID, plan.State.ValueString()), err, timeout), err)
	}
}

// Read refreshes the state; a processor gone from Atlas leaves the state
// so the next plan creates it again. "Gone" is what the API confirms: any
// other 404 is an error and the state stays as it is.
func (r *Resource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, instance, name := state.ProjectID.ValueString(), state.InstanceName.ValueString(), state.Name.ValueString()
	setIdentity(resp.Identity, projectID, instance, name)
	got, err := r.client.RefreshStreamProcessor(ctx, projectID, instance, name)
	if atlas.IsNotFound(err) {
		tflog.Warn(ctx, "stream processor not found; removing it from state", map[string]any{"instance": instance, "name": name})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.addAPIError(&resp.Diagnostics, state.processorModel, "Error Reading Stream Processor",
			withAdvice(fmt.Sprintf("Could not read processor %q of stream instance %q in project %s. The state is left as it was.", name, instance, projectID), err), err)
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
// the plan says.
func (r *Resource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	p := processorAPI{c: r.client, projectID: state.ProjectID.ValueString(), instance: state.InstanceName.ValueString(), name: state.Name.ValueString()}
	target, tier := plan.State.ValueString(), plan.Tier.ValueString()
	body, modify := modifyRequest(plan.processorModel, state.processorModel)
	cur := &atlas.StreamProcessor{State: state.State.ValueString()}
	fail := func(step string, err error) {
		// Save what is known: the state as read last, so the next plan
		// sees where the processor stands.
		if got, gerr := r.client.ReadStreamProcessor(ctx, p.projectID, p.instance, p.name); gerr == nil {
			next := resourceModel{processorModel: fromAPI(got, state.processorModel), Timeouts: plan.Timeouts}
			resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
		}
		r.addAPIError(&resp.Diagnostics, plan.processorModel, "Error Updating Stream Processor",
			tfresource.TimeoutHint(fmt.Sprintf("Could not update processor %q of stream instance %q in project %s: %s failed.", p.name, p.instance, p.projectID, step), err, timeout), err)
	}
	var err error
	if modify {
		if cur.State == "STARTED" {
			if _, err = p.stop(ctx); err != nil {
				fail("stopping it before the modify", err)
				return
			}
		}
		got, err := r.client.UpdateStreamProcessor(ctx, p.projectID, p.instance, p.name, body)
		if err != nil {
			fail("the modify", err)
			return
		}
		p.name, cur = got.Name, got
	}
	got, err := p.reach(ctx, cur, target, tier)
	if err != nil {
		fail("bringing it to "+target, err)
		return
	}
	if got.ID == "" || got.Stats == nil && got.State != "CREATED" && got.State != "FAILED" {
		// The last answer in hand was a modify or an unchanged state: read
		// the processor once, for its stats.
		if full, gerr := r.client.ReadStreamProcessor(ctx, p.projectID, p.instance, p.name); gerr == nil {
			got = full
		}
	}
	next := resourceModel{processorModel: fromAPI(got, plan.processorModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	setIdentity(resp.Identity, p.projectID, p.instance, p.name)
}

// Delete sends one DELETE, in any state; a processor already gone is
// deleted.
func (r *Resource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	projectID, instance, name := state.ProjectID.ValueString(), state.InstanceName.ValueString(), state.Name.ValueString()
	err := r.client.DeleteStreamProcessor(ctx, projectID, instance, name)
	switch {
	case atlas.IsNotFound(err):
		return
	case err != nil:
		r.addAPIError(&resp.Diagnostics, state.processorModel, "Error Deleting Stream Processor",
			withAdvice(tfresource.TimeoutHint(fmt.Sprintf("Could not delete processor %q of stream instance %q in project %s.", name, instance, projectID), err, timeout), err), err)
		return
	}
	// Atlas answers 204 once the processor is gone: there is nothing to
	// wait for.
}

// ImportState adopts a processor by "<project_id>/<instance_name>/<name>"
// or MongoDB's "<instance_name>-<project_id>-<name>", or (Terraform 1.12+)
// by an identity with project_id, instance_name and name.
func (r *Resource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	tfresource.ImportInstanceScoped(ctx, req, resp, identity, "processor", namePattern.MatchString, nameRule)
}

// nameTaken reports whether a refused create met an existing processor of
// the same name.
func nameTaken(ctx context.Context, p processorAPI, err error) bool {
	if !tfresource.MayMeanNameTaken(err) {
		return false
	}
	_, gerr := p.c.ReadStreamProcessor(ctx, p.projectID, p.instance, p.name)
	return gerr == nil
}

// addAPIError reports an API error on the attribute it concerns: field
// violations by their field, and a refusal of the pipeline's semantics
// (Atlas's STREAM_PROCESSOR_GENERIC_ERROR has no field) on the DLQ when
// it names the DLQ's connection, on the pipeline otherwise.
func (r *Resource) addAPIError(diags *diag.Diagnostics, m processorModel, summary, what string, err error) {
	tfresource.AddAPIError(diags, summary, what, err, apiAttributePath)
	var apiErr *atlas.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || len(apiErr.Fields) > 0 || apiErr.Detail == "" {
		return
	}
	at := path.Root("pipeline")
	if d := dlqOf(m.Options); d != nil {
		onlyInDLQ := strings.Contains(apiErr.Detail, "connection named "+d.ConnectionName+" ") && !strings.Contains(m.Pipeline.ValueString(), `"`+d.ConnectionName+`"`)
		if strings.Contains(apiErr.Detail, "DLQ") || onlyInDLQ {
			at = path.Root("options").AtName("dlq").AtName("connection_name")
		}
	}
	diags.AddAttributeError(at, summary, what+"\n\nThe Atlas API refused it: "+apiErr.Detail)
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

// withAdvice adds to a sentence what to do about an unconfirmed 404.
func withAdvice(what string, err error) string {
	return tfresource.WithAdvice(what, err, "stream processor", address)
}

// identity is the resource identity (Terraform 1.12+): project, instance
// and name. A rename changes it in place (the resource declares a mutable
// identity).
var identity = tfresource.NewIdentity(map[string]string{
	"project_id":    "ID of the Atlas project that holds the instance.",
	"instance_name": "Name of the stream instance the processor runs on.",
	"name":          "Name of the processor.",
})

// IdentitySchema declares the identity.
func (r *Resource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identity.Schema()
}

// setIdentity records the identity of a processor.
func setIdentity(id *tfsdk.ResourceIdentity, projectID, instance, name string) {
	identity.Set(id, map[string]string{"project_id": projectID, "instance_name": instance, "name": name})
}
