package streaminstance

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ resource.Resource                     = &Resource{}
	_ resource.ResourceWithConfigure        = &Resource{}
	_ resource.ResourceWithImportState      = &Resource{}
	_ resource.ResourceWithConfigValidators = &Resource{}
	_ resource.ResourceWithModifyPlan       = &Resource{}
	_ resource.ResourceWithMoveState        = &Resource{}
	_ resource.ResourceWithIdentity         = &Resource{}
)

// defaultTimeouts are the default operation timeouts, overridable with
// the timeouts attribute.
var defaultTimeouts = tfresource.Timeouts{Create: 20 * time.Minute, Update: 20 * time.Minute, Delete: 20 * time.Minute, DeleteWaits: "until the instance is gone"}

// Resource is atlasmini_stream_instance.
type Resource struct {
	tfresource.ResourceBase
}

// NewResource returns the resource, for the provider's list.
func NewResource() resource.Resource {
	return &Resource{tfresource.ResourceBase{TypeSuffix: "_stream_instance", SchemaOf: resourceSchema, Identity: identity, Mover: moveFromMongoDBAtlas}}
}

// ConfigValidators checks, at validate and plan time, what spans several
// attributes: the failover regions against the primary region, and the
// tier against max_tier_size.
func (r *Resource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{failoverRegionRules, tierWithinMax}
}

// ModifyPlan marks the hostnames unknown when the region changes, since
// the API then gives new ones, and stops at plan time what the API would
// refuse in an update: failover regions added in the same apply as a
// region change, and a tier above the max tier when one of the two is kept
// from state. A plan that replaces the instance sends one create, which
// Atlas takes with any region, failover regions and tiers, so none of this
// applies to it (Terraform then plans the new instance with no prior
// state, and the configuration's own values have been validated); a
// replacement warns instead about the connections and processors the
// instance has (see warnReplacement).
func (r *Resource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	// Creates, destroys and no-op plans (most plans of a large workspace)
	// need nothing here.
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	plan, d := resourceFromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	state, d := resourceFromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if replaces(ctx, plan.instanceModel, state.instanceModel) {
		warnReplacement(ctx, r.Client, state.ProjectID.ValueString(), state.Name.ValueString(), &resp.Diagnostics)
		return
	}
	if !plan.DataProcessRegion.Equal(state.DataProcessRegion) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("hostnames"), types.ListUnknown(types.StringType))...)
		had, _ := failoverOf(ctx, state.FailoverRegions)
		added, known := failoverOf(ctx, plan.FailoverRegions)
		if fullyKnown(ctx, plan.DataProcessRegion) && len(had) == 0 && known && len(added) > 0 {
			resp.Diagnostics.AddAttributeError(path.Root("failover_regions"), "Region And Failover Regions Changed Together",
				"This plan changes data_process_region and adds failover_regions to the same instance. Atlas refuses both in one update, "+
					"so nothing was sent. Apply them one after the other: first the new data_process_region with failover_regions as they are in state, "+
					"then the failover_regions.")
		}
	}
	config := configStreamConfig(ctx, req)
	if planned, ok := streamConfigOf(ctx, plan.StreamConfig); ok && (config.Tier.IsNull() || config.MaxTierSize.IsNull()) {
		// A configuration that sets both was checked by tierWithinMax.
		checkTierWithinMax(tierSetting{planned.Tier, config.Tier.IsNull()}, tierSetting{planned.MaxTierSize, config.MaxTierSize.IsNull()}, &resp.Diagnostics)
	}
}

// replaces reports whether a plan replaces the instance, by the rules of
// the attributes that force a replacement (the RequiresReplace plan
// modifiers have already planned unset values as the state's).
func replaces(ctx context.Context, plan, state instanceModel) bool {
	return !plan.ProjectID.Equal(state.ProjectID) || !plan.Name.Equal(state.Name) ||
		solarReplaces(ctx, state.SampleConnections, plan.SampleConnections) ||
		failoverReplaces(ctx, state.FailoverRegions, plan.FailoverRegions)
}

// configStreamConfig reads stream_config from the configuration; both
// members are null when it is null or unknown.
func configStreamConfig(ctx context.Context, req resource.ModifyPlanRequest) streamConfigModel {
	var o types.Object
	if !req.Config.GetAttribute(ctx, path.Root("stream_config"), &o).HasError() {
		if sc, ok := streamConfigOf(ctx, o); ok {
			return sc
		}
	}
	return streamConfigModel{Tier: types.StringNull(), MaxTierSize: types.StringNull()}
}

// Create sends one POST and stores its answer. Once the POST succeeded the
// instance is always written to state, even if a later step fails.
func (r *Resource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, d := resourceFromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultTimeouts.Create)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	body, d := createRequest(ctx, plan.instanceModel)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	o := object(plan.ProjectID.ValueString(), plan.Name.ValueString())
	projectID, name := o.ProjectID, o.Name
	creation := tfresource.Creation[*atlas.StreamInstance]{
		Object: o,
		Send: func(ctx context.Context) (*atlas.StreamInstance, error) {
			return r.Client.CreateStreamInstance(ctx, projectID, body)
		},
		Read: func(ctx context.Context) (*atlas.StreamInstance, error) {
			return r.Client.GetStreamInstance(ctx, projectID, name)
		},
		Matches: func(got *atlas.StreamInstance) bool { return matchesRequest(got, body) },
	}
	created, err := tfresource.CreateOrAdopt(ctx, creation)
	if err != nil {
		tfresource.CreateFailed(ctx, creation, err, &resp.Diagnostics, timeout, addAPIError, func() diag.Diagnostics {
			// The create stopped with no way to find out whether Atlas made
			// the instance: record it, so the next refresh finds it (or
			// drops it from state when it does not exist) instead of
			// orphaning it.
			setIdentity(resp.Identity, plan.ProjectID, plan.Name)
			pending := savedAfterFailure(ctx, plan.instanceModel, "")
			return setState(ctx, &resp.State, resourceModel{instanceModel: pending, Timeouts: plan.Timeouts})
		})
		return
	}
	tflog.Debug(ctx, "created stream instance", map[string]any{"project_id": projectID, "name": name, "id": created.ID})
	if created.Connections == nil {
		// The answer did not list connections; ask for them once.
		if full, err := r.Client.GetStreamInstance(ctx, projectID, name); err == nil {
			created = full
		}
	}
	state, d := fromAPI(ctx, created, plan.instanceModel)
	if d.HasError() {
		// Keep what is known so the instance is not orphaned; Terraform
		// marks it tainted because of the error.
		resp.Diagnostics.Append(d...)
		state = savedAfterFailure(ctx, plan.instanceModel, created.ID)
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, resourceModel{instanceModel: state, Timeouts: plan.Timeouts})...)
	setIdentity(resp.Identity, plan.ProjectID, plan.Name)
}

// savedAfterFailure is the state written when an instance was (or may
// have been) created but its answer is missing or could not be converted:
// the plan with the ID, when known, and with every unknown made null.
func savedAfterFailure(ctx context.Context, plan instanceModel, id string) instanceModel {
	m := plan
	m.ID = types.StringValue(id)
	if id == "" {
		m.ID = types.StringNull()
	}
	settled, _ := codec().Settled(ctx, resourceModel{instanceModel: m, Timeouts: tfresource.NullTimeouts()})
	return settled.instanceModel
}

// Read refreshes the state; an instance gone from Atlas leaves the state so
// the next plan creates it again. "Gone" is what the API confirms (see
// atlas.IsNotFound): any other 404 is an error and the state stays as it is.
func (r *Resource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, d := resourceFromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The identity follows from the state, whatever Atlas answers; state
	// written before identities existed gets one here.
	setIdentity(resp.Identity, state.ProjectID, state.Name)
	projectID, name := state.ProjectID.ValueString(), state.Name.ValueString()
	got, err := r.Client.GetStreamInstance(ctx, projectID, name)
	if got = tfresource.Refreshed(ctx, object(projectID, name), got, err, isPendingRecord(state.instanceModel), func(got *atlas.StreamInstance) bool {
		return pendingMatches(ctx, state.instanceModel, got)
	}, resp, addAPIError); got == nil {
		return
	}
	next, d := fromAPI(ctx, got, state.instanceModel)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Most refreshes find what the state holds, which the response already
	// carries.
	if refreshed := (resourceModel{instanceModel: next, Timeouts: state.Timeouts}); !refreshed.equal(state) {
		resp.Diagnostics.Append(setState(ctx, &resp.State, refreshed)...)
	}
}

// isPendingRecord reports whether a state is the record of a create that
// stopped before its outcome was known: no id, but the settings it asked
// for. An import has neither (only project_id and name).
func isPendingRecord(m instanceModel) bool {
	return m.ID.IsNull() && !m.DataProcessRegion.IsNull()
}

// pendingMatches reports whether an instance is the one an interrupted
// create, recorded in state without an id, asked for.
func pendingMatches(ctx context.Context, recorded instanceModel, got *atlas.StreamInstance) bool {
	body, d := createRequest(ctx, recorded)
	return !d.HasError() && matchesRequest(got, body)
}

// Update sends one PATCH with what changed and stores its answer.
func (r *Resource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, d := resourceFromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	state, d := resourceFromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultTimeouts.Update)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	projectID, name := state.ProjectID.ValueString(), state.Name.ValueString()
	body, changed := updateRequest(ctx, plan.instanceModel, state.instanceModel)
	next := plan.instanceModel
	if changed {
		got, err := r.Client.UpdateStreamInstance(ctx, projectID, name, body)
		if err != nil {
			addAPIError(&resp.Diagnostics, "Error Updating Stream Instance",
				tfresource.TimeoutHint(fmt.Sprintf("Could not update stream instance %q in project %s.", name, projectID), err, timeout), err)
			return
		}
		var readErr error
		if len(got.Hostnames) == 0 && plan.Hostnames.IsUnknown() {
			// A region change gives new hostnames; an answer that does not
			// list them is completed by a read (retried like any read), so
			// dependents get the new ones in this apply.
			var full *atlas.StreamInstance
			if full, readErr = r.Client.GetStreamInstance(ctx, projectID, name); readErr == nil {
				got = full
			}
		}
		next, d = fromAPI(ctx, got, plan.instanceModel)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
		next = keepPlanned(plan.instanceModel, next)
		if readErr != nil {
			// The update was applied: save it, with the hostnames null (not
			// known) rather than an empty list, and fail, so that nothing
			// downstream runs with hostnames this apply does not have.
			next.Hostnames = types.ListNull(types.StringType)
			resp.Diagnostics.Append(setState(ctx, &resp.State, resourceModel{instanceModel: next, Timeouts: plan.Timeouts})...)
			addAPIError(&resp.Diagnostics, "Error Updating Stream Instance",
				tfresource.TimeoutHint(fmt.Sprintf("The update of stream instance %q in project %s was applied, but reading its new hostnames failed. "+
					"The instance is saved in state without hostnames; the next refresh reads them.", name, projectID), readErr, timeout), readErr)
			return
		}
	} else {
		// Only Terraform-side settings changed (timeouts, or
		// sample_connections written out with its default); the computed
		// values stay as they are.
		next.ID, next.Hostnames, next.Connections = state.ID, state.Hostnames, state.Connections
		if next.StreamConfig.IsUnknown() {
			next.StreamConfig = state.StreamConfig
		}
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, resourceModel{instanceModel: next, Timeouts: plan.Timeouts})...)
	setIdentity(resp.Identity, state.ProjectID, state.Name)
}

// keepPlanned keeps planned values that the answer may not mirror exactly,
// so an apply never ends with "Provider produced inconsistent result": a
// computed value the plan already knew (connections listed by a later
// refresh) and the user's own sample_connections form.
func keepPlanned(plan, got instanceModel) instanceModel {
	if !plan.Connections.IsUnknown() {
		got.Connections = plan.Connections
	}
	if !plan.Hostnames.IsUnknown() {
		got.Hostnames = plan.Hostnames
	}
	got.SampleConnections = plan.SampleConnections
	return got
}

// Delete asks for the delete, then waits until the instance is gone, so a
// replacement that reuses the name does not collide with it.
func (r *Resource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, d := resourceFromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, defaultTimeouts.Delete)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	o := object(state.ProjectID.ValueString(), state.Name.ValueString())
	projectID, name, what := o.ProjectID, o.Name, o.Could("delete")
	err := r.Client.DeleteStreamInstance(ctx, projectID, name)
	switch {
	case atlas.IsNotFound(err):
		return // Already gone, as the API confirmed.
	case err != nil:
		if atlas.StatusCode(err) == http.StatusForbidden {
			if left := processorsLeft(ctx, r.Client, projectID, name); left != "" {
				what += left
				err = tfresource.NotAboutRoles(err) // The 403 is about the processors.
			}
		}
		addAPIError(&resp.Diagnostics, "Error Deleting Stream Instance", o.WithAdvice(tfresource.TimeoutHint(what, err, timeout), err), err)
		return
	}
	if err := waitUntilGone(ctx, r.Client, projectID, name); err != nil {
		addAPIError(&resp.Diagnostics, "Error Deleting Stream Instance",
			tfresource.TimeoutHint(fmt.Sprintf("The delete of stream instance %q in project %s was accepted, but the instance did not disappear.", name, projectID), err, timeout), err)
	}
}

// waitUntilGone waits until the instance is gone. The DELETE has just
// been accepted at the same URL, so a 404 with an Atlas error body is final
// and needs no list to confirm it (see tfresource.WaitFor for when the
// wait gives up).
func waitUntilGone(ctx context.Context, c *atlas.Client, projectID, name string) error {
	return tfresource.WaitUntilGone(ctx, func(ctx context.Context) error {
		_, err := c.GetStreamInstanceAfterDelete(ctx, projectID, name)
		return err
	})
}

// object is the instance of a project and name.
func object(projectID, name string) tfresource.Object {
	return tfresource.Object{Kind: tfresource.InstanceKind, ProjectID: projectID, Name: name}
}

// ImportState adopts an instance by "<project_id>/<name>" or
// "<project_id>-<name>", or (Terraform 1.12+) by an identity with
// project_id and name.
func (r *Resource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var projectID, name string
	if req.ID == "" && req.Identity != nil {
		id, err := identity.Get(req.Identity)
		if err != nil {
			resp.Diagnostics.AddError("Invalid Import Identity", err.Error())
			return
		}
		projectID, name = id["project_id"], id["name"]
		if err := checkImportParts(projectID, name); err != nil {
			resp.Diagnostics.AddError("Invalid Import Identity", err.Error())
			return
		}
	} else {
		var err error
		if projectID, name, err = parseImportID(req.ID); err != nil {
			resp.Diagnostics.AddError("Invalid Import ID", err.Error())
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	setIdentity(resp.Identity, types.StringValue(projectID), types.StringValue(name))
}
