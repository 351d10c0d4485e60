package streaminstance

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ action.ActionWithConfigure      = &ProcessorsAction{}
	_ action.ActionWithValidateConfig = &ProcessorsAction{}
	_ action.ActionWithModifyPlan     = &ProcessorsAction{}
)

// The statuses and modes of an instance's processorStatus.
var (
	processorStatuses = []string{"STARTED", "STOPPED", "FAILED_OVER"}
	failoverModes     = []string{"GRACEFUL", "FORCED"}
)

// Bounds of the processors action: the whole invocation, and how many
// reads in a row without a change end the wait for processors that Atlas
// leaves as they are (those active in another region).
const (
	processorsTimeout = 20 * time.Minute
	stableReads       = 3
)

// CheckRegion reports a region that is neither the primary region nor a
// failover region of an instance, for the actions that move processors.
func CheckRegion(in *atlas.StreamInstance, region string, at path.Path, diags *diag.Diagnostics) {
	regions := InstanceRegions(in)
	if !slices.Contains(regions, region) {
		diags.AddAttributeError(at, "Region Not Of The Instance",
			fmt.Sprintf("%q is not a region of stream instance %q: its processors run in its primary region or one of its failover regions, %s.", region, in.Name, strings.Join(regions, ", ")))
	}
}

// InstanceRegions lists an instance's primary region, then its failover
// regions.
func InstanceRegions(in *atlas.StreamInstance) []string {
	var out []string
	if in.DataProcessRegion != nil {
		out = append(out, in.DataProcessRegion.Region)
	}
	for _, f := range in.FailoverRegions {
		out = append(out, f.Region)
	}
	return out
}

// ProcessorsAction is action "atlasmini_stream_instance_processors".
type ProcessorsAction struct {
	tfresource.ActionBase
}

// NewProcessorsAction returns the instance's processors action.
func NewProcessorsAction() action.Action {
	return &ProcessorsAction{tfresource.ActionBase{TypeSuffix: "_stream_instance_processors"}}
}

type processorsModel struct {
	ProjectID    types.String `tfsdk:"project_id"`
	InstanceName types.String `tfsdk:"instance_name"`
	Status       types.String `tfsdk:"status"`
	Region       types.String `tfsdk:"region"`
	Mode         types.String `tfsdk:"mode"`
}

// Schema of the processors action.
func (a *ProcessorsAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Starts, stops or fails over every stream processor of an instance at once (the instance's `processorStatus`): " +
			"maintenance, or a regional failover of the whole instance and back. It waits until the processors show the result, and its last message " +
			"names the ones Atlas left as they were (for a failover, those without `failover_enabled` or not eligible). " +
			"The processors' resources keep their own `state`: an apply that follows starts or stops each one again to match it.",
		Attributes: withInstance(map[string]schema.Attribute{
			"status": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.OneOf(processorStatuses...)},
				MarkdownDescription: "What to do: `STARTED` starts every processor that is `CREATED`, `STOPPED` or `FAILED`; `STOPPED` stops every `STARTED` one; " +
					"`FAILED_OVER` fails every processor with `failover_enabled` that is eligible over to `region`."},
			"region": schema.StringAttribute{Optional: true,
				MarkdownDescription: "With `FAILED_OVER` (required): the region to move to, a failover region or the primary region to fail back. " +
					"With `STARTED` and `STOPPED`: only the processors active in that region (default: the primary region). Checked at plan time against the instance's regions."},
			"mode": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(failoverModes...)},
				MarkdownDescription: "With `FAILED_OVER` only: `GRACEFUL` (the default) or `FORCED`."},
		}),
	}
}

// withInstance adds project_id and instance_name to an action's own
// attributes.
func withInstance(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	for name, a := range tfresource.ActionInstanceAttributes() {
		attrs[name] = a
	}
	return attrs
}

// ValidateConfig: FAILED_OVER needs its region; mode goes with it only.
func (a *ProcessorsAction) ValidateConfig(ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse) {
	var cfg processorsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !tfresource.Known(cfg.Status) {
		return
	}
	failover := cfg.Status.ValueString() == "FAILED_OVER"
	if failover && cfg.Region.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("region"), "Missing Failover Region",
			"status = \"FAILED_OVER\" needs region: one of the instance's failover regions, or its primary region to fail back.")
	}
	if !failover && tfresource.Known(cfg.Mode) {
		resp.Diagnostics.AddAttributeError(path.Root("mode"), "Mode Without Failover",
			fmt.Sprintf("mode applies to status = \"FAILED_OVER\" only; status is %q. Remove mode.", cfg.Status.ValueString()))
	}
}

// ModifyPlan checks the region against the instance's, and that a
// failover has somewhere to go, when the instance can be read.
func (a *ProcessorsAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	var cfg processorsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || a.Client == nil || !tfresource.Known(cfg.ProjectID) || !tfresource.Known(cfg.InstanceName) {
		return
	}
	in, err := a.Client.GetStreamInstance(ctx, cfg.ProjectID.ValueString(), cfg.InstanceName.ValueString())
	if err != nil {
		return
	}
	if cfg.Status.ValueString() == "FAILED_OVER" && len(in.FailoverRegions) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("status"), "Instance Has No Failover Region",
			fmt.Sprintf("Stream instance %q has no failover regions, so its processors have nowhere to fail over to: add failover_regions to it first.", in.Name))
		return
	}
	if tfresource.Known(cfg.Region) {
		CheckRegion(in, cfg.Region.ValueString(), path.Root("region"), &resp.Diagnostics)
	}
}

// Invoke sends the processorStatus and waits until the processors it
// applies to show the result.
func (a *ProcessorsAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg processorsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, processorsTimeout)
	defer cancel()
	projectID, instance, status := cfg.ProjectID.ValueString(), cfg.InstanceName.ValueString(), cfg.Status.ValueString()
	summary := "Error Changing The Processors Of A Stream Instance"
	before, err := a.processors(ctx, projectID, instance)
	if err != nil {
		tfresource.AddAPIError(&resp.Diagnostics, summary, fmt.Sprintf("Could not list the processors of stream instance %q in project %s; nothing was sent.", instance, projectID), err, nil)
		return
	}
	plan := planStatus(status, before)
	body := atlas.ProcessorStatus{Status: status, Region: cfg.Region.ValueString(), Mode: cfg.Mode.ValueString()}
	if _, err := a.Client.SetProcessorStatus(ctx, projectID, instance, body); err != nil {
		tfresource.AddAPIError(&resp.Diagnostics, summary, fmt.Sprintf("Atlas refused processorStatus %s for stream instance %q in project %s.", status, instance, projectID), err, nil)
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Atlas accepted processorStatus %s for stream instance %q; waiting for %d processors.", status, instance, len(plan.targeted))})
	after, err := a.waitSettled(ctx, projectID, instance, plan, resp)
	if err != nil {
		tfresource.AddAPIError(&resp.Diagnostics, summary, fmt.Sprintf("Atlas accepted processorStatus %s for stream instance %q, but waiting for its processors failed.", status, instance), err, nil)
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: plan.report(status, after)})
	if failed := plan.failed(after); len(failed) > 0 {
		resp.Diagnostics.AddWarning("Stream Processors Failed",
			fmt.Sprintf("Atlas reports these processors of stream instance %q FAILED after processorStatus %s: %s. Check their pipelines and connections.", instance, status, strings.Join(failed, ", ")))
	}
}

// processors reads every processor of an instance by name.
func (a *ProcessorsAction) processors(ctx context.Context, projectID, instance string) (map[string]atlas.StreamProcessor, error) {
	out := map[string]atlas.StreamProcessor{}
	_, err := a.Client.EachStreamProcessor(ctx, projectID, instance, func(p *atlas.StreamProcessor) bool {
		out[p.Name] = *p
		return true
	})
	return out, err
}

// statusPlan is what a processorStatus is expected to do: the processors
// it moves to target, and those it leaves, with why.
type statusPlan struct {
	target    string
	targeted  []string
	untouched map[string]string
}

// planStatus reads from the processors before the change which ones it
// applies to.
func planStatus(status string, before map[string]atlas.StreamProcessor) statusPlan {
	p := statusPlan{target: status, untouched: map[string]string{}}
	if status == "FAILED_OVER" {
		p.target = "STARTED"
	}
	for name, proc := range before {
		switch {
		case status == "FAILED_OVER" && (proc.FailoverEnabled == nil || !*proc.FailoverEnabled):
			p.untouched[name] = "failover_enabled is false"
		case status == "FAILED_OVER" && proc.EligibleForFailover != nil && !*proc.EligibleForFailover:
			p.untouched[name] = "not eligible for failover"
		case status == "STARTED" && proc.State == "STARTED", status == "STOPPED" && proc.State != "STARTED":
			p.untouched[name] = "already " + proc.State
		default:
			p.targeted = append(p.targeted, name)
		}
	}
	sort.Strings(p.targeted)
	return p
}

// waitSettled reads the processors until every targeted one shows the
// target, or until stableReads reads in a row show no change (Atlas
// leaves the processors active in another region as they are).
func (a *ProcessorsAction) waitSettled(ctx context.Context, projectID, instance string, plan statusPlan, resp *action.InvokeResponse) (map[string]atlas.StreamProcessor, error) {
	var last map[string]atlas.StreamProcessor
	same := 0
	wait := tfresource.FirstPoll
	for {
		now, err := a.processors(ctx, projectID, instance)
		if err != nil {
			return nil, err
		}
		if plan.done(now) {
			return now, nil
		}
		if last != nil && sameStates(last, now) {
			same++
		} else {
			same = 0
			resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("%d of %d processors are %s.", plan.reached(now), len(plan.targeted), plan.target)})
		}
		if same >= stableReads {
			return now, nil
		}
		last = now
		if err := tfresource.Sleep(ctx, wait); err != nil {
			return nil, err
		}
		wait = min(2*wait, 5*time.Second)
	}
}

func sameStates(a, b map[string]atlas.StreamProcessor) bool {
	if len(a) != len(b) {
		return false
	}
	for name, p := range a {
		if b[name].State != p.State {
			return false
		}
	}
	return true
}

// reached counts the targeted processors that show the target.
func (p statusPlan) reached(now map[string]atlas.StreamProcessor) int {
	n := 0
	for _, name := range p.targeted {
		if now[name].State == p.target {
			n++
		}
	}
	return n
}

func (p statusPlan) done(now map[string]atlas.StreamProcessor) bool {
	return p.reached(now) == len(p.targeted)
}

// failed lists the targeted processors that Atlas reports FAILED.
func (p statusPlan) failed(now map[string]atlas.StreamProcessor) []string {
	var out []string
	for _, name := range p.targeted {
		if now[name].State == "FAILED" {
			out = append(out, fmt.Sprintf("%q", name))
		}
	}
	return out
}

// report is the action's last message: the processors moved, and those
// left as they were, with why.
func (p statusPlan) report(status string, now map[string]atlas.StreamProcessor) string {
	var moved, left []string
	for _, name := range p.targeted {
		if now[name].State == p.target {
			moved = append(moved, fmt.Sprintf("%q", name))
		} else {
			left = append(left, fmt.Sprintf("%q (%s: active in another region)", name, now[name].State))
		}
	}
	for name, why := range p.untouched {
		left = append(left, fmt.Sprintf("%q (%s)", name, why))
	}
	sort.Strings(left)
	msg := fmt.Sprintf("processorStatus %s: %d processors %s", status, len(moved), map[bool]string{true: "failed over and STARTED", false: p.target}[status == "FAILED_OVER"])
	if len(moved) > 0 {
		msg += " (" + strings.Join(moved, ", ") + ")"
	}
	msg += "."
	if len(left) > 0 {
		msg += " Left untouched: " + strings.Join(left, ", ") + "."
	}
	return msg
}
