package streamconnection

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

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
	_ resource.ResourceWithMoveState        = &Resource{}
	_ resource.ResourceWithIdentity         = &Resource{}
)

// Resource is atlasmini_stream_connection.
type Resource struct {
	tfresource.ResourceBase
}

// NewResource returns the resource, for the provider's list.
func NewResource() resource.Resource {
	return &Resource{tfresource.ResourceBase{TypeSuffix: "_stream_connection", SchemaOf: resourceSchema, Identity: identity, Mover: moveFromMongoDBAtlas}}
}

// ConfigValidators checks, at validate and plan time, what spans
// attributes (see connectionRules).
func (r *Resource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{connectionRules}
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
		r.checkEndpointVendor(ctx, req, &resp.Diagnostics)
	case !req.Plan.Raw.Equal(req.State.Raw):
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("state"), types.StringValue("READY"))...)
		r.checkEndpointVendor(ctx, req, &resp.Diagnostics)
	}
}

// checkEndpointVendor reads, when the plan names a Private Link endpoint
// by a known id, that endpoint: one that does not exist, or whose vendor
// does not fit the connection's type, is an error at plan time. An
// endpoint made in the same apply (its id unknown) is checked by Atlas.
func (r *Resource) checkEndpointVendor(ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	if d.HasError() || r.Client == nil || !tfresource.Known(plan.ProjectID) || !tfresource.Known(plan.Type) {
		return
	}
	typ := plan.Type.ValueString()
	own := typeAttributes[typ]
	settings, ok := plan.typed()[own]
	if !ok {
		return
	}
	access := objectAttr(objectAttr(*settings, "networking"), "access")
	id := stringAttr(access, "connection_id")
	if !tfresource.Known(id) || stringAttr(access, "type").ValueString() != "PRIVATE_LINK" {
		return
	}
	at := path.Root(own).AtName("networking").AtName("access").AtName("connection_id")
	e, err := r.Client.GetPrivateLink(ctx, plan.ProjectID.ValueString(), id.ValueString())
	switch {
	case atlas.IsNotFound(err):
		diags.AddAttributeError(at, "Private Link Endpoint Not Found",
			fmt.Sprintf("Project %s has no Private Link endpoint %s. Check the id; data \"atlasmini_stream_privatelink_endpoints\" lists the project's endpoints.", plan.ProjectID.ValueString(), id.ValueString()))
	case err != nil:
		// Atlas checks the reference when the connection is sent.
	case !slices.Contains(vendorsForType[typ], e.Vendor):
		diags.AddAttributeError(at, "Private Link Endpoint Of Another Vendor",
			fmt.Sprintf("Private Link endpoint %s reaches %s %s, which a %s connection cannot use: it needs an endpoint of vendor %s.",
				id.ValueString(), e.Provider, e.Vendor, typ, strings.Join(vendorsForType[typ], ", ")))
	}
}

// object is the connection a model names.
func object(m connectionModel) tfresource.Object {
	return tfresource.Object{Kind: tfresource.ConnectionKind, ProjectID: m.ProjectID.ValueString(), Instance: m.InstanceName.ValueString(), Name: m.Name.ValueString()}
}

// Create sends one POST (see tfresource.CreateOrAdopt) and waits until
// the connection is READY. A connection the API made is always written to
// state, even when the wait fails; one whose create had no clear outcome
// is recorded without an id, for the next refresh to find.
func (r *Resource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	wo := readWriteOnly(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultTimeouts.Create)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	o, report := object(plan.connectionModel), reporting(plan.connectionModel)
	body := toAPI(plan.connectionModel, wo, false)
	creation := tfresource.Creation[*atlas.StreamConnection]{
		Object: o,
		Send: func(ctx context.Context) (*atlas.StreamConnection, error) {
			return r.Client.CreateStreamConnection(ctx, o.ProjectID, o.Instance, body)
		},
		Read: func(ctx context.Context) (*atlas.StreamConnection, error) {
			return r.Client.ReadStreamConnection(ctx, o.ProjectID, o.Instance, o.Name)
		},
		Matches: func(got *atlas.StreamConnection) bool { return matchesRequest(got, body) },
	}
	created, err := tfresource.CreateOrAdopt(ctx, creation)
	if err != nil {
		tfresource.CreateFailed(ctx, creation, err, &resp.Diagnostics, timeout, report, func() diag.Diagnostics {
			identity.SetChild(resp.Identity, o)
			record, d := codec().Settled(ctx, resourceModel{connectionModel: plan.connectionModel, Timeouts: plan.Timeouts})
			return append(d, codec().SetState(ctx, &resp.State, record)...)
		})
		return
	}
	tflog.Debug(ctx, "created stream connection", map[string]any{"connection": o.String(), "id": created.ID})
	ready, werr := waitReady(ctx, r.Client, o.ProjectID, o.Instance, created)
	state := resourceModel{connectionModel: fromAPI(ready, plan.connectionModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, state)...)
	identity.SetChild(resp.Identity, o)
	if werr != nil {
		// An error after the POST: Terraform keeps the connection in state
		// and marks it tainted.
		report(&resp.Diagnostics, "Error Creating Stream Connection",
			tfresource.TimeoutHint(fmt.Sprintf("The %s was created but did not become READY. It is saved in state.", o), werr, timeout), werr)
	}
}

// Read refreshes the state; a connection gone from Atlas leaves the state
// so the next plan creates it again. "Gone" is what the API confirms: any
// other 404 is an error and the state stays as it is. A record of a
// create whose outcome was unknown adopts the connection of its name when
// it is the one that create asked for.
func (r *Resource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	o := object(state.connectionModel)
	identity.SetChild(resp.Identity, o)
	got, err := r.Client.GetStreamConnection(ctx, o.ProjectID, o.Instance, o.Name)
	// A record of a create with an unknown outcome has settings and no id
	// (an import has neither).
	recorded := state.ID.IsNull() && !state.Type.IsNull()
	if got = tfresource.Refreshed(ctx, o, got, err, recorded, func(got *atlas.StreamConnection) bool {
		return matchesRequest(got, toAPI(state.connectionModel, writeOnly{}, false))
	}, resp, reporting(state.connectionModel)); got == nil {
		return
	}
	next := resourceModel{connectionModel: fromAPI(got, state.connectionModel), Timeouts: state.Timeouts}
	if !codec().Equal(next, state) {
		resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	}
}

// Update sends one PATCH with the whole connection, write-only secrets
// included (Atlas may take the PATCH as the whole object, and the
// configuration holds them during the apply), then waits until READY.
func (r *Resource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, d := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(d...)
	state, d := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(d...)
	wo := readWriteOnly(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultTimeouts.Update)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	o, report := object(state.connectionModel), reporting(plan.connectionModel)
	got, err := r.Client.UpdateStreamConnection(ctx, o.ProjectID, o.Instance, o.Name, toAPI(plan.connectionModel, wo, true))
	if err != nil {
		report(&resp.Diagnostics, "Error Updating Stream Connection", o.WithAdvice(tfresource.TimeoutHint(o.Could("update"), err, timeout), err), err)
		return
	}
	ready, werr := waitReady(ctx, r.Client, o.ProjectID, o.Instance, got)
	next := resourceModel{connectionModel: fromAPI(ready, plan.connectionModel), Timeouts: plan.Timeouts}
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
	identity.SetChild(resp.Identity, o)
	if werr != nil {
		report(&resp.Diagnostics, "Error Updating Stream Connection",
			tfresource.TimeoutHint(fmt.Sprintf("The %s was updated but did not become READY.", o), werr, timeout), werr)
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
	timeout, d := state.Timeouts.Delete(ctx, defaultTimeouts.Delete)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	o, report := object(state.connectionModel), reporting(state.connectionModel)
	projectID, instance, name := o.ProjectID, o.Instance, o.Name
	what := o.Could("delete")
	err := deleteWhileDeploying(ctx, r.Client, projectID, instance, name)
	switch {
	case atlas.IsNotFound(err):
		return // Already gone, as the API confirmed.
	case err != nil:
		if atlas.StatusCode(err) == http.StatusConflict {
			what += " " + processorsUsing(ctx, r.Client, projectID, instance, name)
		}
		report(&resp.Diagnostics, "Error Deleting Stream Connection", o.WithAdvice(tfresource.TimeoutHint(what, err, timeout), err), err)
		return
	}
	err = tfresource.WaitUntilGone(ctx, func(ctx context.Context) error {
		_, err := r.Client.GetStreamConnectionAfterDelete(ctx, projectID, instance, name)
		return err
	})
	if err != nil {
		report(&resp.Diagnostics, "Error Deleting Stream Connection",
			tfresource.TimeoutHint(fmt.Sprintf("The delete of %s was accepted, but the connection did not disappear.", o), err, timeout), err)
	}
}

// ImportState adopts a connection by "<project_id>/<instance_name>/<name>"
// or MongoDB's "<instance_name>-<project_id>-<name>", or (Terraform 1.12+)
// by an identity with project_id, instance_name and name.
func (r *Resource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	tfresource.ImportInstanceScoped(ctx, req, resp, identity, tfresource.ConnectionKind.Short, namePattern.MatchString, nameRule)
}

// readWriteOnly reads the write-only secrets from the configuration.
func readWriteOnly(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) writeOnly {
	m, d := configModel(ctx, config)
	diags.Append(d...)
	return writeOnlyOf(m)
}

// writeOnlyOf picks the write-only secrets out of a configuration read
// into the model.
func writeOnlyOf(m connectionModel) writeOnly {
	kafkaAuth, registryAuth := objectAttr(m.Kafka, "authentication"), objectAttr(m.SchemaRegistry, "authentication")
	return writeOnly{
		KafkaPassword:     stringAttr(kafkaAuth, "password_wo"),
		KafkaClientSecret: stringAttr(kafkaAuth, "client_secret_wo"),
		RegistryPassword:  stringAttr(registryAuth, "password_wo"),
		SSLKey:            stringAttr(kafkaAuth, "ssl_key_wo"),
		SSLKeyPassword:    stringAttr(kafkaAuth, "ssl_key_password_wo"),
	}
}

// reporting reports API errors with field violations on the attributes
// of a connection of the model's type.
func reporting(m connectionModel) tfresource.Reporter {
	typ := m.Type.ValueString()
	return tfresource.Reporting(func(field string) (path.Path, bool) {
		return apiAttributePath(context.Background(), typ, field)
	})
}

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
