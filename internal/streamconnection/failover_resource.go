package streamconnection

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streaminstance"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ resource.Resource                     = &FailoverResource{}
	_ resource.ResourceWithConfigure        = &FailoverResource{}
	_ resource.ResourceWithImportState      = &FailoverResource{}
	_ resource.ResourceWithConfigValidators = &FailoverResource{}
	_ resource.ResourceWithModifyPlan       = &FailoverResource{}
	_ resource.ResourceWithMoveState        = &FailoverResource{}
	_ resource.ResourceWithIdentity         = &FailoverResource{}
)

// FailoverResource is atlasmini_stream_connection_failover.
type FailoverResource struct {
	tfresource.ResourceBase
}

// NewFailoverResource returns the resource, for the provider's list.
func NewFailoverResource() resource.Resource {
	return &FailoverResource{tfresource.ResourceBase{TypeSuffix: "_stream_connection_failover", SchemaOf: failoverSchema, Identity: failoverIdentity, Mover: moveFailoverFromMongoDBAtlas}}
}

// failoverRules checks, at validate and plan time, that exactly one of
// kafka and cluster is set, and kafka's rules: a connection's (see
// connectionRules).
var failoverRules = tfresource.ConfigRule{
	Desc: "exactly one of kafka and cluster is set; kafka's mechanism has its members; a secret is given in one form",
	Check: func(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
		m, d := failoverCodec().FromRaw(ctx, req.Config.Raw)
		resp.Diagnostics.Append(d...)
		if d.HasError() {
			return
		}
		switch {
		case m.Kafka.IsNull() && m.Cluster.IsNull():
			resp.Diagnostics.AddAttributeError(path.Root("kafka"), "Missing Failover Connection Settings",
				"A failover connection copies a Kafka or a Cluster connection: set kafka (for a Kafka connection) or cluster (for a Cluster connection).")
		case !m.Kafka.IsNull() && !m.Cluster.IsNull():
			resp.Diagnostics.AddAttributeError(path.Root("cluster"), "Settings Of Two Connection Types",
				"A failover connection has the type of the connection it copies: set kafka for a Kafka connection, or cluster for a Cluster connection, not both.")
		}
		checkKafka(m.Kafka, &resp.Diagnostics)
		checkNetworking(m.Kafka, path.Root("kafka").AtName("networking"), &resp.Diagnostics)
	},
}

// ConfigValidators returns failoverRules.
func (r *FailoverResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{failoverRules}
}

// ModifyPlan plans the type from the settings attribute that is set (a
// change of it replaces the failover connection), checks a new one's
// secrets and place (see checkPlace), and plans an updated one READY,
// which the update waits for.
func (r *FailoverResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	plan, d := failoverCodec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	if d.HasError() {
		return
	}
	typ := failoverType(plan.failoverModel)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("type"), typ)...)
	if req.State.Raw.IsNull() {
		cfg, d := failoverCodec().FromRaw(ctx, req.Config.Raw)
		resp.Diagnostics.Append(d...)
		if !d.HasError() {
			secretsGiven(cfg.connection(), &resp.Diagnostics)
		}
		r.checkPlace(ctx, plan.failoverModel, typ, &resp.Diagnostics)
		return
	}
	state, d := failoverCodec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if d.HasError() {
		return
	}
	if tfresource.Known(typ) && !typ.Equal(state.Type) && !state.Type.IsNull() {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("type"))
		return
	}
	plan.Type = typ
	if !failoverCodec().Equal(plan, state) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("state"), types.StringValue("READY"))...)
	}
}

// checkPlace reads, when the plan names them by known values, the
// instance and the connection a new failover connection belongs to. The
// instance's primary region, or a region its provider does not have, is an
// error; a region of its provider that is not (yet) one of its failover
// regions is a warning, since the same apply may add it. A connection of
// another type than the settings say is an error. Either may not exist yet
// (made in the same apply): then Atlas checks at apply time.
func (r *FailoverResource) checkPlace(ctx context.Context, plan failoverModel, typ types.String, diags *diag.Diagnostics) {
	if r.Client == nil || !tfresource.Known(plan.ProjectID) || !tfresource.Known(plan.InstanceName) {
		return
	}
	projectID, instance := plan.ProjectID.ValueString(), plan.InstanceName.ValueString()
	if tfresource.Known(plan.Region) {
		if in, err := r.Client.StreamInstanceForPlan(ctx, projectID, instance); err == nil {
			checkFailoverRegion(in, plan.Region.ValueString(), diags)
		}
	}
	if !tfresource.Known(plan.ConnectionName) {
		return
	}
	name := plan.ConnectionName.ValueString()
	types, err := r.Client.ConnectionTypes(ctx, projectID, instance)
	primary, ok := types[name]
	switch {
	case err != nil, !ok:
		return // Made in the same apply, or not readable now: Atlas checks.
	case !slices.Contains(failoverTypes, primary):
		diags.AddAttributeError(path.Root("connection_name"), "Connection Has No Failover Copies",
			fmt.Sprintf("Connection %q of stream instance %q is of type %s; only %s connections have failover copies.", name, instance, primary, strings.Join(failoverTypes, " and ")))
	case tfresource.Known(typ) && typ.ValueString() != primary:
		diags.AddAttributeError(path.Root(typeAttributes[typ.ValueString()]), "Settings Of Another Connection Type",
			fmt.Sprintf("Connection %q of stream instance %q is a %s connection, so its failover copy takes %s settings: replace %s with %s.",
				name, instance, primary, typeAttributes[primary], typeAttributes[typ.ValueString()], typeAttributes[primary]))
	}
}

// checkFailoverRegion applies checkPlace's region rules to an instance.
func checkFailoverRegion(in *atlas.StreamInstance, region string, diags *diag.Diagnostics) {
	at := path.Root("region")
	var provider, primary string
	if in.DataProcessRegion != nil {
		provider, primary = in.DataProcessRegion.CloudProvider, in.DataProcessRegion.Region
	}
	var failover []string
	for _, f := range in.FailoverRegions {
		failover = append(failover, f.Region)
	}
	listed := "It has none: add failover_regions to the instance first."
	if len(failover) > 0 {
		listed = "Its failover regions: " + strings.Join(failover, ", ") + "."
	}
	switch {
	case slices.Contains(failover, region):
		return
	case region == primary:
		diags.AddAttributeError(at, "Primary Region Has No Failover Copy",
			fmt.Sprintf("%s is the primary region of stream instance %q, where the connection itself serves; a failover connection serves one of the instance's failover regions. %s", region, in.Name, listed))
	case provider != "" && !slices.Contains(streaminstance.RegionsOf(provider), region):
		diags.AddAttributeError(at, "Invalid Failover Region",
			fmt.Sprintf("%q is not a stream region of %s, the provider of stream instance %q. %s %s", region, provider, in.Name, streaminstance.RegionHint(provider, region), listed))
	default:
		diags.AddAttributeWarning(at, "Region Not A Failover Region Of The Instance",
			fmt.Sprintf("%s is not one of the failover regions of stream instance %q now. %s Atlas refuses the failover connection unless this apply adds %s to the instance's failover_regions first "+
				"(the failover connection refers to the instance, so it is created after).", region, in.Name, listed, region))
	}
}

// Create sends the POST (see tfresource.CreateOrAdopt), saves the failover
// connection in state once Atlas answered, then waits until it is READY.
func (r *FailoverResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, d := failoverCodec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	wo := failoverWriteOnly(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, failoverTimeouts.Create)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	plan.Type = failoverType(plan.failoverModel)
	o, report := failoverObject(plan.failoverModel), failoverReporting(plan.failoverModel)
	region := plan.Region.ValueString()
	body := failoverToAPI(plan.failoverModel, wo, false)
	creation := tfresource.Creation[*atlas.StreamConnection]{
		Object: o,
		Send: func(ctx context.Context) (*atlas.StreamConnection, error) {
			return r.Client.CreateFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, body)
		},
		Read: func(ctx context.Context) (*atlas.StreamConnection, error) {
			return findFailover(ctx, r.Client, o, region)
		},
		Matches: func(got *atlas.StreamConnection) bool { return matchesRequest(got, body) },
	}
	created, err := tfresource.CreateOrAdopt(ctx, creation)
	if err != nil {
		if atlas.IsConflict(err) {
			if got, ferr := findFailover(ctx, r.Client, o, region); ferr == nil {
				report(&resp.Diagnostics, "Error Creating Stream Failover Connection",
					fmt.Sprintf("Connection %q of stream instance %q already has a failover connection for region %s: %s. To manage it with Terraform or OpenTofu, %s\n\nwhere <label> is the label of this resource in your configuration.",
						o.Name, o.Instance, region, got.ID, tfresource.ImportAdvice(tfresource.FailoverKind.Address, failoverImportID(o, got.ID))), err)
				return
			}
		}
		tfresource.CreateFailed(ctx, creation, err, &resp.Diagnostics, timeout, report, func() diag.Diagnostics {
			// Atlas may have made it: record it without an id, for the next
			// refresh to find by its region.
			record, d := failoverCodec().Settled(ctx, failoverResourceModel{failoverModel: plan.failoverModel, Timeouts: plan.Timeouts})
			setFailoverIdentity(resp.Identity, record.failoverModel)
			return append(d, failoverCodec().SetState(ctx, &resp.State, record)...)
		})
		return
	}
	tflog.Debug(ctx, "created stream failover connection", map[string]any{"connection": o.String(), "region": region, "id": created.ID})
	// It exists from here on: save it before waiting, so that a wait that
	// fails or times out never loses it.
	state := failoverResourceModel{failoverModel: failoverFromAPI(created, plan.failoverModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(failoverCodec().SetState(ctx, &resp.State, state)...)
	setFailoverIdentity(resp.Identity, state.failoverModel)
	ready, werr := waitFailoverReady(ctx, r.Client, o, created)
	state.failoverModel = failoverFromAPI(ready, plan.failoverModel)
	resp.Diagnostics.Append(failoverCodec().SetState(ctx, &resp.State, state)...)
	if werr != nil {
		report(&resp.Diagnostics, "Error Creating Stream Failover Connection",
			tfresource.TimeoutHint(fmt.Sprintf("The failover connection of %s for region %s was created (%s) but did not become READY. It is saved in state.", o, region, created.ID), werr, timeout), werr)
	}
}

// Read refreshes the state; a failover connection gone from Atlas (or
// whose connection is gone) leaves the state. A record of a create with an
// unknown outcome (no id) adopts the failover connection of its region
// when it is the one that create asked for.
func (r *FailoverResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, d := failoverCodec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	o := failoverObject(state.failoverModel)
	setFailoverIdentity(resp.Identity, state.failoverModel)
	var got *atlas.StreamConnection
	var err error
	recorded := state.ID.IsNull() || state.ID.ValueString() == ""
	if recorded {
		got, err = findFailover(ctx, r.Client, o, state.Region.ValueString())
	} else {
		got, err = r.Client.GetFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, state.ID.ValueString())
	}
	if got = tfresource.Refreshed(ctx, o, got, err, recorded, func(got *atlas.StreamConnection) bool {
		return matchesRequest(got, failoverToAPI(state.failoverModel, writeOnly{}, false))
	}, resp, failoverReporting(state.failoverModel)); got == nil {
		return
	}
	next := failoverResourceModel{failoverModel: failoverFromAPI(got, state.failoverModel), Timeouts: state.Timeouts}
	if !failoverCodec().Equal(next, state) {
		resp.Diagnostics.Append(failoverCodec().SetState(ctx, &resp.State, next)...)
	}
	setFailoverIdentity(resp.Identity, next.failoverModel)
}

// Update sends one PATCH with the whole failover connection, write-only
// secrets included, then waits until it is READY.
func (r *FailoverResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, d := failoverCodec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	state, d := failoverCodec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	wo := failoverWriteOnly(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, failoverTimeouts.Update)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	plan.ID, plan.Type = state.ID, failoverType(plan.failoverModel)
	o, report, id := failoverObject(state.failoverModel), failoverReporting(plan.failoverModel), state.ID.ValueString()
	got, err := r.Client.UpdateFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, id, failoverToAPI(plan.failoverModel, wo, true))
	if err != nil {
		what := fmt.Sprintf("Could not update the failover connection %s of %s.", id, o)
		if inUse(err) {
			what += " " + processorsUsing(ctx, r.Client, o.ProjectID, o.Instance, o.Name) + " Atlas changes a failover connection only while no running processor uses its connection: stop them first."
		}
		report(&resp.Diagnostics, "Error Updating Stream Failover Connection", tfresource.TimeoutHint(what, err, timeout), err)
		return
	}
	ready, werr := waitFailoverReady(ctx, r.Client, o, got)
	next := failoverResourceModel{failoverModel: failoverFromAPI(ready, plan.failoverModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(failoverCodec().SetState(ctx, &resp.State, next)...)
	setFailoverIdentity(resp.Identity, next.failoverModel)
	if werr != nil {
		report(&resp.Diagnostics, "Error Updating Stream Failover Connection",
			tfresource.TimeoutHint(fmt.Sprintf("The failover connection %s of %s was updated but did not become READY.", id, o), werr, timeout), werr)
	}
}

// inUseWait bounds how long a delete is sent again while running
// processors use the connection: a processor stopped or deleted in the
// same apply lets go of it within it.
const inUseWait = 90 * time.Second

// Delete sends the DELETE, again for a while when Atlas refuses it because
// a running processor uses the connection, then waits until it is gone.
func (r *FailoverResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, d := failoverCodec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, failoverTimeouts.Delete)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	o, report, id := failoverObject(state.failoverModel), failoverReporting(state.failoverModel), state.ID.ValueString()
	if id == "" {
		return // A record whose create never reached Atlas.
	}
	err := deleteWhileInUse(ctx, r.Client, o, id)
	switch {
	case atlas.IsNotFound(err):
		return
	case err != nil:
		what := fmt.Sprintf("Could not delete the failover connection %s of %s.", id, o)
		if inUse(err) {
			what += " " + processorsUsing(ctx, r.Client, o.ProjectID, o.Instance, o.Name) +
				" Atlas deletes a failover connection only while no running processor uses its connection. Stop them, or make them depend on this resource " +
				"(depends_on) so that Terraform deletes them first."
		}
		report(&resp.Diagnostics, "Error Deleting Stream Failover Connection", o.WithAdvice(tfresource.TimeoutHint(what, err, timeout), err), err)
		return
	}
	err = tfresource.WaitUntilGone(ctx, func(ctx context.Context) error { return listedFailover(ctx, r.Client, o, id) })
	if err != nil {
		report(&resp.Diagnostics, "Error Deleting Stream Failover Connection",
			tfresource.TimeoutHint(fmt.Sprintf("The delete of failover connection %s of %s was accepted, but it did not disappear.", id, o), err, timeout), err)
	}
}

// deleteWhileInUse sends the DELETE, and again with backoff for up to
// inUseWait while Atlas answers that running processors use the
// connection.
func deleteWhileInUse(ctx context.Context, c *atlas.Client, o tfresource.Object, id string) error {
	wait, deadline := tfresource.FirstPoll, time.Now().Add(inUseWait)
	for {
		err := c.DeleteFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, id)
		if !inUse(err) || time.Now().After(deadline) {
			return err
		}
		tflog.Debug(ctx, "running processors use the connection; sending the delete of its failover connection again", map[string]any{"connection": o.String(), "id": id})
		if serr := tfresource.Sleep(ctx, wait); serr != nil {
			return err
		}
		wait = min(wait*2, 10*time.Second)
	}
}

// inUse reports whether Atlas refused a change because running processors
// use the connection.
func inUse(err error) bool {
	var apiErr *atlas.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusConflict && apiErr.ErrorCode == "STREAM_CONNECTION_IN_USE"
}

// ImportState adopts a failover connection by
// "<project_id>/<instance_name>/<connection_name>/<id>" (MongoDB's form
// too), or (Terraform 1.12+) by an identity with those four.
func (r *FailoverResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var values map[string]string
	var err error
	if req.ID == "" && req.Identity != nil {
		values, err = failoverIdentity.Get(req.Identity)
		if err == nil {
			err = checkFailoverIDs(values["project_id"], values["instance_name"], values["connection_name"], values["id"])
		}
		if err != nil {
			resp.Diagnostics.AddError("Invalid Import Identity", err.Error())
			return
		}
	} else if values, err = parseFailoverImportID(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}
	for _, name := range []string{"project_id", "instance_name", "connection_name", "id"} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), values[name])...)
	}
	failoverIdentity.Set(resp.Identity, values)
}

// failoverImportExample is an import ID, for messages.
const failoverImportExample = "65f0c0ffee0000000000abcd/ingest/events/6a0c5a375baf423a58f5ae4f"

// parseFailoverImportID reads "<project_id>/<instance_name>/<connection_name>/<id>".
func parseFailoverImportID(id string) (map[string]string, error) {
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return nil, fmt.Errorf("the import ID of a failover connection is <project_id>/<instance_name>/<connection_name>/<id>, for example %s; got %q. "+
			"data \"atlasmini_stream_connection_failovers\" lists a connection's failover connections with their ids", failoverImportExample, id)
	}
	if err := checkFailoverIDs(parts[0], parts[1], parts[2], parts[3]); err != nil {
		return nil, err
	}
	return map[string]string{"project_id": parts[0], "instance_name": parts[1], "connection_name": parts[2], "id": parts[3]}, nil
}

// checkFailoverIDs checks the four parts of a failover connection's place.
func checkFailoverIDs(projectID, instance, connection, id string) error {
	if err := tfresource.CheckInstanceScoped(projectID, instance, connection, namePattern.MatchString, nameRule); err != nil {
		// The third part is the connection's name.
		msg := err.Error()
		if strings.HasPrefix(msg, "name ") {
			msg = "connection_" + msg
		}
		return errors.New(strings.Replace(msg, "; name ", "; connection_name ", 1))
	}
	if !tfresource.ProjectIDPattern.MatchString(id) {
		return fmt.Errorf("the id of a failover connection is %s; got %q (for example %s)", tfresource.ProjectIDRule, id, failoverImportExample)
	}
	return nil
}

// failoverImportID is the import ID of a failover connection.
func failoverImportID(o tfresource.Object, id string) string {
	return o.ImportID() + "/" + id
}

// setFailoverIdentity records a failover connection's identity; the id is
// empty in the record of a create whose outcome was unknown.
func setFailoverIdentity(identity *tfsdk.ResourceIdentity, m failoverModel) {
	failoverIdentity.Set(identity, map[string]string{"project_id": m.ProjectID.ValueString(), "instance_name": m.InstanceName.ValueString(),
		"connection_name": m.ConnectionName.ValueString(), "id": m.ID.ValueString()})
}

// findFailover finds a connection's failover connection for a region in
// its list. None is a *atlas.NotFoundError (the list answered without it).
func findFailover(ctx context.Context, c *atlas.Client, o tfresource.Object, region string) (*atlas.StreamConnection, error) {
	var found *atlas.StreamConnection
	_, err := c.EachFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, func(f *atlas.StreamConnection) bool {
		if f.Region == region {
			v := *f
			found = &v
			return false
		}
		return true
	})
	switch {
	case err != nil:
		return nil, err
	case found == nil:
		return nil, &atlas.NotFoundError{APIError: &atlas.APIError{Method: http.MethodGet, StatusCode: http.StatusNotFound,
			ErrorCode: "STREAM_FAILOVER_CONNECTION_NOT_FOUND", Detail: fmt.Sprintf("No failover connection for region %s in the list of connection %q.", region, o.Name)}}
	}
	return found, nil
}

// listedFailover reads a connection's failover list: nil while it holds
// the failover connection id, a *atlas.NotFoundError once it answers
// without it, or once the connection itself is confirmed gone (with it go
// its failover connections). One read where a get would need two (the 404
// and the list that confirms it).
func listedFailover(ctx context.Context, c *atlas.Client, o tfresource.Object, id string) error {
	held := false
	_, err := c.EachFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, func(f *atlas.StreamConnection) bool {
		held = f.ID == id
		return !held
	})
	if atlas.StatusCode(err) == http.StatusNotFound {
		if _, cerr := c.GetStreamConnection(ctx, o.ProjectID, o.Instance, o.Name); atlas.IsNotFound(cerr) {
			return cerr
		}
	}
	switch {
	case err != nil:
		return err
	case !held:
		return &atlas.NotFoundError{APIError: &atlas.APIError{Method: http.MethodGet, StatusCode: http.StatusNotFound,
			ErrorCode: "STREAM_FAILOVER_CONNECTION_NOT_FOUND", Detail: fmt.Sprintf("The list of connection %q no longer holds failover connection %s.", o.Name, id)}}
	}
	return nil
}

// errFailoverFailed is a failover connection Atlas reports FAILED.
var errFailoverFailed = errors.New("the failover connection is FAILED, as Atlas reports it; check its settings (servers, credentials, network access) and apply again")

// waitFailoverReady waits until a failover connection just created or
// updated is READY (FAILED is an error), reading it only when the answer
// in hand is not READY yet. It returns the last one read, or got.
func waitFailoverReady(ctx context.Context, c *atlas.Client, o tfresource.Object, got *atlas.StreamConnection) (*atlas.StreamConnection, error) {
	if got.State == "READY" {
		return got, nil
	}
	last, err := tfresource.WaitForState(ctx, "waiting for the failover connection to be READY",
		func(ctx context.Context) (*atlas.StreamConnection, error) {
			return c.GetFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, got.ID)
		},
		func(f *atlas.StreamConnection) string { return f.State }, errFailoverFailed, "READY")
	if last == nil {
		last = got
	}
	return last, err
}

// failoverWriteOnly reads the write-only secrets from the configuration.
func failoverWriteOnly(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) writeOnly {
	m, d := failoverCodec().FromRaw(ctx, config.Raw)
	diags.Append(d...)
	return writeOnlyOf(m.connection())
}

// failoverReporting reports API errors with field violations on the
// failover connection's attributes.
func failoverReporting(m failoverModel) tfresource.Reporter {
	typ := failoverType(m).ValueString()
	return tfresource.Reporting(func(field string) (path.Path, bool) {
		if field == "name" {
			return path.Root("connection_name"), true
		}
		return apiAttributePath(context.Background(), typ, field)
	})
}
