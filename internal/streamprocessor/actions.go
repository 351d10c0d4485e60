package streamprocessor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streaminstance"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The actions of stream processors (Terraform 1.14+): day-2 operations
// that declarative state cannot say, run with terraform apply
// -invoke=action.<type>.<name> or from a resource's action_trigger.

var (
	_ action.ActionWithConfigure      = &RestartAction{}
	_ action.ActionWithValidateConfig = &RestartAction{}
	_ action.ActionWithConfigure      = &FailoverAction{}
	_ action.ActionWithValidateConfig = &FailoverAction{}
	_ action.ActionWithModifyPlan     = &FailoverAction{}
)

// actionTimeout bounds one invocation: the stop, the start and the waits.
const actionTimeout = 20 * time.Minute

// The values of the restart action's from, besides a time.
const (
	fromCheckpoint = "checkpoint"
	fromBeginning  = "beginning"
)

// Failover modes.
var failoverModes = []string{"GRACEFUL", "FORCED"}

// placeAttributes are the attributes that name a processor.
func placeAttributes() map[string]schema.Attribute {
	attrs := tfresource.ActionInstanceAttributes()
	attrs["name"] = schema.StringAttribute{MarkdownDescription: "Name of the processor: " + nameRule + ".", Required: true,
		Validators: []validator.String{stringvalidator.RegexMatches(namePattern, "must be "+nameRule)}}
	return attrs
}

// RestartAction is action "atlasmini_stream_processor_restart".
type RestartAction struct {
	tfresource.ActionBase
}

// NewRestartAction returns the restart action.
func NewRestartAction() action.Action {
	return &RestartAction{tfresource.ActionBase{TypeSuffix: "_stream_processor_restart"}}
}

type restartModel struct {
	ProjectID    types.String `tfsdk:"project_id"`
	InstanceName types.String `tfsdk:"instance_name"`
	Name         types.String `tfsdk:"name"`
	From         types.String `tfsdk:"from"`
	Tier         types.String `tfsdk:"tier"`
}

// Schema of the restart action.
func (a *RestartAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := placeAttributes()
	attrs["from"] = schema.StringAttribute{Optional: true, MarkdownDescription: "Where the processor starts reading its source: `\"checkpoint\"` (the default) resumes where it stopped; " +
		"`\"beginning\"` starts fresh, from the beginning of the source, with its statistics cleared (`resumeFromCheckpoint: false`); " +
		"an RFC 3339 time (`2026-12-01T08:00:00Z`, not in the future) replays a change stream source from that time, statistics cleared (`startAtOperationTime`)."}
	attrs["tier"] = schema.StringAttribute{Optional: true, MarkdownDescription: "Tier to run on from now on: one of " + tfresource.CodeList(tiers) + ". When omitted, the processor keeps its tier.",
		Validators: []validator.String{stringvalidator.OneOf(tiers...)}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Restarts a stream processor: stops it if it runs, then starts it from its checkpoint, from the beginning of its source, or from a point in time, " +
			"optionally on another tier, and waits until Atlas shows it `STARTED`, reporting each step. " +
			"Use it to replay a source after a bad deploy, or from an `action_trigger` after a pipeline's `$source` changes. " +
			"The processor's resource keeps its own `state`: an apply that follows starts or stops the processor again to match it.",
		Attributes: attrs,
	}
}

// ValidateConfig checks from at validate and plan time.
func (a *RestartAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var from types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("from"), &from)...)
	if tfresource.Known(from) {
		if _, err := startOptions(from.ValueString(), "", time.Now()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("from"), "Invalid Restart Point", err.Error())
		}
	}
}

// startOptions are the :startWith options of a restart from a point.
func startOptions(from, tier string, now time.Time) (atlas.StartOptions, error) {
	opts := atlas.StartOptions{Tier: tier}
	switch from {
	case "", fromCheckpoint:
	case fromBeginning:
		f := false
		opts.ResumeFromCheckpoint = &f
	default:
		at, err := time.Parse(time.RFC3339, from)
		switch {
		case err != nil:
			return opts, fmt.Errorf("from must be %q, %q or an RFC 3339 time such as 2026-12-01T08:00:00Z; %q is none of them", fromCheckpoint, fromBeginning, from)
		case at.After(now):
			return opts, fmt.Errorf("from %s is in the future: a processor replays its source from a past time", from)
		}
		opts.StartAtOperationTime = at.UTC().Format(time.RFC3339)
	}
	return opts, nil
}

// describeStart says where a restart starts from.
func describeStart(from string) string {
	switch from {
	case "", fromCheckpoint:
		return "from its checkpoint"
	case fromBeginning:
		return "from the beginning of its source"
	}
	return "from " + from
}

// Invoke stops the processor if it runs, starts it with the options, and
// waits until it is STARTED.
func (a *RestartAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg restartModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	p := processorAPI{c: a.Client, projectID: cfg.ProjectID.ValueString(), instance: cfg.InstanceName.ValueString(), name: cfg.Name.ValueString()}
	summary := "Error Restarting Stream Processor"
	opts, err := startOptions(cfg.From.ValueString(), cfg.Tier.ValueString(), time.Now())
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("from"), "Invalid Restart Point", err.Error())
		return
	}
	cur, err := p.read(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, summary, p.object().Could("read"), err)
		return
	}
	if cur.State == "STARTED" {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Stopping processor %q.", p.name)})
		if _, err := p.stop(ctx); err != nil {
			addActionError(&resp.Diagnostics, summary, p.object().Could("stop")+" It was not restarted.", err)
			return
		}
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Starting processor %q %s.", p.name, describeStart(cfg.From.ValueString()))})
	got, err := p.act(ctx, "starting", "STARTED", func(ctx context.Context) error {
		return a.Client.StartStreamProcessorWith(ctx, p.projectID, p.instance, p.name, opts)
	})
	if err != nil {
		addActionError(&resp.Diagnostics, summary, p.object().Could("start")+" It was stopped; apply again, or run the action again.", err)
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Processor %q is STARTED %s (tier %s).", p.name, describeStart(cfg.From.ValueString()), orDefault(got.Tier))})
}

// orDefault names an empty tier.
func orDefault(tier string) string {
	if tier == "" {
		return "the instance's"
	}
	return tier
}

// addActionError reports an API error of an action.
func addActionError(diags *diag.Diagnostics, summary, what string, err error) {
	tfresource.AddAPIError(diags, summary, what, err, nil)
}

// FailoverAction is action "atlasmini_stream_processor_failover".
type FailoverAction struct {
	tfresource.ActionBase
}

// NewFailoverAction returns the failover action.
func NewFailoverAction() action.Action {
	return &FailoverAction{tfresource.ActionBase{TypeSuffix: "_stream_processor_failover"}}
}

type failoverModel struct {
	ProjectID       types.String `tfsdk:"project_id"`
	InstanceName    types.String `tfsdk:"instance_name"`
	Name            types.String `tfsdk:"name"`
	Region          types.String `tfsdk:"region"`
	Mode            types.String `tfsdk:"mode"`
	ClearCheckpoint types.Bool   `tfsdk:"clear_checkpoint"`
	DryRun          types.Bool   `tfsdk:"dry_run"`
}

// Schema of the failover action.
func (a *FailoverAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := placeAttributes()
	attrs["region"] = schema.StringAttribute{Required: true, MarkdownDescription: "Region to run the processor in: one of the instance's `failover_regions`, or its primary region to fail back. " +
		"The plan checks it against the instance's regions when the instance can be read."}
	attrs["mode"] = schema.StringAttribute{Optional: true, MarkdownDescription: "How: `GRACEFUL` (the default) stops the processor where it is and resumes it in the region from its checkpoint; " +
		"`FORCED` moves it at once, for when its region is down.", Validators: []validator.String{stringvalidator.OneOf(failoverModes...)}}
	attrs["clear_checkpoint"] = schema.BoolAttribute{Optional: true, MarkdownDescription: "With `mode = \"FORCED\"` only: start in the region from the beginning, without the checkpoint, statistics cleared."}
	attrs["dry_run"] = schema.BoolAttribute{Optional: true, MarkdownDescription: "Test the failover without moving the processor or consuming data: Atlas checks it and changes nothing."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Fails one stream processor over to another region of its instance (or back to its primary region), gracefully or forced, optionally as a dry run. " +
			"The processor must have `failover_enabled = true` and be eligible: " + eligibilityRule + ". " +
			"One that is not is refused before any change is sent, with the reason.",
		Attributes: attrs,
	}
}

// ValidateConfig: clear_checkpoint goes with FORCED only.
func (a *FailoverAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var cfg failoverModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.ClearCheckpoint.ValueBool() && !cfg.Mode.IsUnknown() && cfg.Mode.ValueString() != "FORCED" {
		resp.Diagnostics.AddAttributeError(path.Root("clear_checkpoint"), "Checkpoint Cleared Only In A Forced Failover",
			"clear_checkpoint = true applies to mode = \"FORCED\" only: a GRACEFUL failover (the default mode) always resumes from the checkpoint. Set mode = \"FORCED\", or remove clear_checkpoint.")
	}
}

// ModifyPlan checks, at plan time, the region against the instance's
// regions when the instance can be read.
func (a *FailoverAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	var cfg failoverModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || a.Client == nil || !tfresource.Known(cfg.ProjectID) || !tfresource.Known(cfg.InstanceName) || !tfresource.Known(cfg.Region) {
		return
	}
	in, err := a.Client.GetStreamInstance(ctx, cfg.ProjectID.ValueString(), cfg.InstanceName.ValueString())
	if err != nil {
		return // Made in the same apply, or not readable now: the invocation says.
	}
	streaminstance.CheckRegion(in, cfg.Region.ValueString(), path.Root("region"), &resp.Diagnostics)
}

// Invoke refuses a processor that Atlas would not fail over, with the
// reason, then sends the failover and waits until the processor is
// STARTED (a dry run changes nothing, and is not waited for).
func (a *FailoverAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg failoverModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	p := processorAPI{c: a.Client, projectID: cfg.ProjectID.ValueString(), instance: cfg.InstanceName.ValueString(), name: cfg.Name.ValueString()}
	summary := "Error Failing Over Stream Processor"
	cur, err := p.read(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, summary, p.object().Could("read"), err)
		return
	}
	region := cfg.Region.ValueString()
	if why := notFailingOver(ctx, a.Client, p, cur); why != "" {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("Processor %q of stream instance %q is not failed over to %s, and nothing was sent: %s.", p.name, p.instance, region, why))
		return
	}
	mode := cfg.Mode.ValueString()
	if mode == "" {
		mode = "GRACEFUL"
	}
	f := &atlas.ProcessorFailover{Region: region, Mode: mode, DryRun: cfg.DryRun.ValueBool(), ClearCheckpoint: cfg.ClearCheckpoint.ValueBool()}
	what := fmt.Sprintf("%s failover of processor %q to %s", strings.ToLower(mode), p.name, region)
	if f.DryRun {
		what = "dry run of the " + what
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: "Sending the " + what + "."})
	if err := sendAgainWhileUnknown(ctx, func(ctx context.Context) error {
		return a.Client.StartStreamProcessorWith(ctx, p.projectID, p.instance, p.name, atlas.StartOptions{Failover: f})
	}); err != nil {
		why := fmt.Sprintf("Atlas refused the %s.", what)
		if tfresource.OutcomeUnknown(err) {
			why = fmt.Sprintf("The %s had no clear answer, %d times in a row; Atlas may have applied it: read the processor in Atlas before invoking it again.", what, maxActionsLost)
		}
		addActionError(&resp.Diagnostics, summary, why, err)
		return
	}
	if f.DryRun {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Atlas accepted the %s; the processor was not moved.", what)})
		return
	}
	if _, err := p.waitState(ctx, "STARTED"); err != nil {
		addActionError(&resp.Diagnostics, summary, fmt.Sprintf("Atlas accepted the %s, but the processor did not show STARTED.", what), err)
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Processor %q runs in %s.", p.name, region)})
}

// sendAgainWhileUnknown sends a request that may be sent twice with the
// same effect (a failover to a region leaves the processor running there
// however often it is sent), and sends it again while its outcome is
// unknown (no answer, a 5xx), up to maxActionsLost times in all.
func sendAgainWhileUnknown(ctx context.Context, send func(context.Context) error) error {
	wait := tfresource.FirstPoll
	for n := 1; ; n++ {
		err := send(ctx)
		if err == nil || !tfresource.OutcomeUnknown(err) || n >= maxActionsLost || ctx.Err() != nil {
			return err
		}
		if tfresource.Sleep(ctx, wait) != nil {
			return err
		}
		wait = min(2*wait, 4*time.Second)
	}
}

// notFailingOver says why Atlas would not fail a processor over: "" when
// it would.
func notFailingOver(ctx context.Context, c *atlas.Client, p processorAPI, cur *atlas.StreamProcessor) string {
	if cur.FailoverEnabled == nil || !*cur.FailoverEnabled {
		return "its failover_enabled is false (set failover_enabled = true on its resource first)"
	}
	if cur.EligibleForFailover == nil || *cur.EligibleForFailover {
		return ""
	}
	why := []string{"Atlas reports it not eligible for failover"}
	if place, ok := readPlace(ctx, c, p.projectID, p.instance); ok {
		why = append(why, ineligibility(string(cur.Pipeline), cur.Tier, place)...)
	}
	if len(why) > 1 {
		return why[0] + ": " + strings.Join(why[1:], "; ") + " (" + eligibilityRule + ")"
	}
	return why[0] + " (" + eligibilityRule + ")"
}
