package streamconnection

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ resource.Resource                     = &Resource{}
	_ resource.ResourceWithConfigure        = &Resource{}
	_ resource.ResourceWithImportState      = &Resource{}
	_ resource.ResourceWithConfigValidators = &Resource{}
	_ resource.ResourceWithModifyPlan       = &Resource{}
	_ resource.ResourceWithIdentity         = &Resource{}
)

// Resource is atlasmini_stream_connection.
type Resource struct {
	client *atlas.Client
}

// NewResource returns the resource, for the provider's list.
func NewResource() resource.Resource { return &Resource{} }

// address is how errors name a connection resource the user wrote.
const address = "atlasmini_stream_connection.<label>"

// Metadata names the resource.
func (r *Resource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection"
}

// Schema describes the resource.
func (r *Resource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

// ConfigValidators checks, at validate and plan time, what spans
// attributes (see connectionRules).
func (r *Resource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{connectionRules{}}
}

// Configure takes the provider's client.
func (r *Resource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = tfresource.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks, for a new connection, that each secret its
// mechanism needs is given (an existing one keeps the secret Atlas holds,
// so an imported connection's configuration may leave it out), and plans
// an updated connection READY, which the update waits for.
func (r *Resource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	switch {
	case req.Plan.Raw.IsNull():
		return
	case req.State.Raw.IsNull():
		checkSecretsGiven(ctx, req.Config, &resp.Diagnostics)
	case !req.Plan.Raw.Equal(req.State.Raw):
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("state"), types.StringValue("READY"))...)
	}
}

// Create sends one POST and waits until the connection is READY. Once the
// POST succeeded the connection is always written to state, even when the
// wait fails.
func (r *Resource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	wo := readWriteOnly(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	projectID, instance, name := plan.ProjectID.ValueString(), plan.InstanceName.ValueString(), plan.Name.ValueString()
	body := toAPI(plan.connectionModel, wo, sendWO{true, true, true}, false)
	what := fmt.Sprintf("Could not create connection %q of stream instance %q in project %s.", name, instance, projectID)
	created, err := createOrAdopt(ctx, r.client, projectID, instance, body)
	if err != nil {
		if nameTaken(ctx, r.client, projectID, instance, name, err) {
			what = fmt.Sprintf("A connection named %q already exists in stream instance %q of project %s. To manage it with Terraform, %s",
				name, instance, projectID, tfresource.ImportAdvice(address, projectID+"/"+instance+"/"+name))
		}
		r.addAPIError(&resp.Diagnostics, plan.Type.ValueString(), "Error Creating Stream Connection", tfresource.TimeoutHint(what, err, timeout), err)
		return
	}
	tflog.Debug(ctx, "created stream connection", map[string]any{"project_id": projectID, "instance": instance, "name": name, "id": created.ID})
	ready, werr := waitReady(ctx, r.client, projectID, instance, created)
	state := resourceModel{connectionModel: fromAPI(ready, plan.connectionModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, state)...)
	setIdentity(resp.Identity, projectID, instance, name)
	if werr != nil {
		// An error after the POST: Terraform keeps the connection in state
		// and marks it tainted.
		r.addAPIError(&resp.Diagnostics, plan.Type.ValueString(), "Error Creating Stream Connection",
			tfresource.TimeoutHint(fmt.Sprintf("Connection %q of stream instance %q in project %s was created but did not become READY. It is saved in state.", name, instance, projectID), werr, timeout), werr)
	}
}

// Read refreshes the state; a connection gone from Atlas leaves the state
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
	got, err := r.client.GetStreamConnection(ctx, projectID, instance, name)
	if atlas.IsNotFound(err) {
		tflog.Warn(ctx, "stream connection not found; removing it from state", map[string]any{"project_id": projectID, "instance": instance, "name": name})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		r.addAPIError(&resp.Diagnostics, state.Type.ValueString(), "Error Reading Stream Connection",
			withAdvice(fmt.Sprintf("Could not read connection %q of stream instance %q in project %s. The state is left as it was.", name, instance, projectID), err), err)
		return
	}
	next := resourceModel{connectionModel: fromAPI(got, state.connectionModel), Timeouts: state.Timeouts}
	if !codec().Equal(next, state) {
		resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	}
}

// Update sends one PATCH with every member of the type, and the
// write-only secrets whose version changed, then waits until READY.
func (r *Resource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	wo := readWriteOnly(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	projectID, instance, name := state.ProjectID.ValueString(), state.InstanceName.ValueString(), state.Name.ValueString()
	body := toAPI(plan.connectionModel, wo, versionsChanged(plan.connectionModel, state.connectionModel), true)
	got, err := r.client.UpdateStreamConnection(ctx, projectID, instance, name, body)
	if err != nil {
		r.addAPIError(&resp.Diagnostics, plan.Type.ValueString(), "Error Updating Stream Connection",
			withAdvice(tfresource.TimeoutHint(fmt.Sprintf("Could not update connection %q of stream instance %q in project %s.", name, instance, projectID), err, timeout), err), err)
		return
	}
	ready, werr := waitReady(ctx, r.client, projectID, instance, got)
	next := resourceModel{connectionModel: fromAPI(ready, plan.connectionModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	setIdentity(resp.Identity, projectID, instance, name)
	if werr != nil {
		r.addAPIError(&resp.Diagnostics, plan.Type.ValueString(), "Error Updating Stream Connection",
			tfresource.TimeoutHint(fmt.Sprintf("Connection %q of stream instance %q in project %s was updated but did not become READY.", name, instance, projectID), werr, timeout), werr)
	}
}

// Delete sends the DELETE, again while Atlas says the connection is still
// deploying, then waits until it is gone.
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
	what := fmt.Sprintf("Could not delete connection %q of stream instance %q in project %s.", name, instance, projectID)
	err := deleteWhileDeploying(ctx, r.client, projectID, instance, name)
	switch {
	case atlas.IsNotFound(err):
		return // Already gone, as the API confirmed.
	case err != nil:
		if atlas.StatusCode(err) == http.StatusConflict {
			what += " " + processorsUsing(ctx, r.client, projectID, instance, name)
		}
		r.addAPIError(&resp.Diagnostics, state.Type.ValueString(), "Error Deleting Stream Connection", withAdvice(tfresource.TimeoutHint(what, err, timeout), err), err)
		return
	}
	err = tfresource.WaitUntilGone(ctx, func(ctx context.Context) error {
		_, err := r.client.GetStreamConnectionAfterDelete(ctx, projectID, instance, name)
		return err
	})
	if err != nil {
		r.addAPIError(&resp.Diagnostics, state.Type.ValueString(), "Error Deleting Stream Connection",
			tfresource.TimeoutHint(fmt.Sprintf("The delete of connection %q of stream instance %q in project %s was accepted, but the connection did not disappear.", name, instance, projectID), err, timeout), err)
	}
}

// ImportState adopts a connection by "<project_id>/<instance_name>/<name>"
// or MongoDB's "<instance_name>-<project_id>-<name>", or (Terraform 1.12+)
// by an identity with project_id, instance_name and name.
func (r *Resource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	tfresource.ImportInstanceScoped(ctx, req, resp, identity, "connection", namePattern.MatchString, nameRule)
}

// readWriteOnly reads the write-only secrets from the configuration.
func readWriteOnly(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) writeOnly {
	m, d := configModel(ctx, config)
	diags.Append(d...)
	kafkaAuth, registryAuth := objectAttr(m.Kafka, "authentication"), objectAttr(m.SchemaRegistry, "authentication")
	return writeOnly{
		KafkaPassword:     stringAttr(kafkaAuth, "password_wo"),
		KafkaClientSecret: stringAttr(kafkaAuth, "client_secret_wo"),
		RegistryPassword:  stringAttr(registryAuth, "password_wo"),
	}
}

// versionsChanged says which write-only secrets an update sends: those
// whose _wo_version differs from the state's.
func versionsChanged(plan, state connectionModel) sendWO {
	changed := func(obj func(connectionModel) types.Object, name string) bool {
		p, s := obj(plan), obj(state)
		pv, sv := types.Int64Null(), types.Int64Null()
		if known(p) {
			pv, _ = p.Attributes()[name].(types.Int64)
		}
		if known(s) {
			sv, _ = s.Attributes()[name].(types.Int64)
		}
		return !pv.IsNull() && !pv.Equal(sv)
	}
	kafkaAuth := func(m connectionModel) types.Object { return objectAttr(m.Kafka, "authentication") }
	registryAuth := func(m connectionModel) types.Object { return objectAttr(m.SchemaRegistry, "authentication") }
	return sendWO{
		KafkaPassword:     changed(kafkaAuth, "password_wo_version"),
		KafkaClientSecret: changed(kafkaAuth, "client_secret_wo_version"),
		RegistryPassword:  changed(registryAuth, "password_wo_version"),
	}
}

// addAPIError reports an API error, with field violations on the
// attributes of a connection of type typ.
func (r *Resource) addAPIError(diags *diag.Diagnostics, typ, summary, what string, err error) {
	tfresource.AddAPIError(diags, summary, what, err, func(field string) (path.Path, bool) {
		return apiAttributePath(context.Background(), typ, field)
	})
}

// withAdvice adds to a sentence what to do about an unconfirmed 404.
func withAdvice(what string, err error) string {
	return tfresource.WithAdvice(what, err, "stream connection", address)
}

// Waits of a connection: how often a 404 right after a create or update is
// waited out, and the first poll interval.
const (
	maxEarly404s = 10
	firstPoll    = 500 * time.Millisecond
)

// processorsUsing explains a refused delete of a connection by the stream
// processors that use it, which it reads; when they cannot be read, it
// says what Atlas refuses.
func processorsUsing(ctx context.Context, c *atlas.Client, projectID, instance, name string) string {
	var users []string
	_, err := c.EachStreamProcessor(ctx, projectID, instance, func(p *atlas.StreamProcessor) bool {
		if p.Uses(name) {
			users = append(users, fmt.Sprintf("%q", p.Name))
		}
		return true
	})
	if err != nil || len(users) == 0 {
		return "Atlas refuses to delete a connection that stream processors use: delete or change those processors first."
	}
	return fmt.Sprintf("The stream processors %s use it (in their pipeline or DLQ): delete them, or change them to use another connection, "+
		"in the same apply (a processor that references the connection's resource is deleted first) or before.", strings.Join(users, ", "))
}
