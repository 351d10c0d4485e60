package streamprivatelink

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
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
	_ resource.ResourceWithMoveState        = &Resource{}
	_ resource.ResourceWithIdentity         = &Resource{}
)

// Resource is atlasmini_stream_privatelink_endpoint.
type Resource struct {
	tfresource.ResourceBase
}

// NewResource returns the resource, for the provider's list.
func NewResource() resource.Resource {
	return &Resource{tfresource.ResourceBase{TypeSuffix: "_stream_privatelink_endpoint", SchemaOf: resourceSchema, Identity: identity, Mover: moveFromMongoDBAtlas}}
}

// ConfigValidators checks the table of what each provider and vendor
// pair requires, at validate and plan time.
func (r *Resource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{vendorRules}
}

// ModifyPlan stops at plan time a dns_domain change that Atlas refuses:
// on any endpoint but an AWS CONFLUENT one, and on one that has a domain
// and is no longer IDLE. A change it takes is a PATCH after which the
// endpoint works again, so its state and error message are unknown.
func (r *Resource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() {
		refuseComputedDomain(ctx, req, resp)
		return
	}
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.Plan.Raw.Equal(req.State.Raw) {
		return
	}
	plan, dPlan := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(dPlan...)
	state, dState := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(dState...)
	if resp.Diagnostics.HasError() || plan.DNSDomain.IsUnknown() || plan.DNSDomain.Equal(state.DNSDomain) || replaces(plan.endpointModel, state.endpointModel) {
		return
	}
	at := path.Root("dns_domain")
	switch {
	case state.ProviderName.ValueString() != "AWS" || state.Vendor.ValueString() != "CONFLUENT":
		resp.Diagnostics.AddAttributeError(at, "DNS Domain Cannot Change",
			fmt.Sprintf("Atlas changes dns_domain only on AWS CONFLUENT endpoints; this one is %s %s. Nothing was sent. "+
				"To use the new domain, replace the endpoint: terraform apply -replace=<address of this resource>, after changing the connections that use it if the delete refuses.",
				state.ProviderName.ValueString(), state.Vendor.ValueString()))
	case !state.DNSDomain.IsNull() && state.State.ValueString() != "IDLE":
		resp.Diagnostics.AddAttributeError(at, "DNS Domain Cannot Change",
			fmt.Sprintf("Atlas takes a new dns_domain only while the endpoint has none or is IDLE; it has %q and is %s. Nothing was sent. "+
				"To use the new domain, replace the endpoint: terraform apply -replace=<address of this resource>.", state.DNSDomain.ValueString(), state.State.ValueString()))
	default:
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("state"), types.StringUnknown())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("error_message"), types.StringUnknown())...)
	}
}

// refuseComputedDomain stops the creation of a PUBSUB endpoint with a
// dns_domain: Atlas computes it. An endpoint that exists may keep the
// domain Atlas gave it in its configuration (an imported one's
// generated configuration holds it).
func refuseComputedDomain(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var vendor, domain types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("vendor"), &vendor)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("dns_domain"), &domain)...)
	if vendor.ValueString() == "PUBSUB" && tfresource.Known(domain) {
		resp.Diagnostics.AddAttributeError(path.Root("dns_domain"), "Attribute Not Allowed For Vendor",
			"vendor PUBSUB takes no dns_domain when it is created: Atlas computes it. Remove it; it is in state once the endpoint exists.")
	}
}

// replaces reports whether a plan replaces the endpoint: any attribute
// but dns_domain differs (an unknown one may).
func replaces(plan, state endpointModel) bool {
	return !plan.ProjectID.Equal(state.ProjectID) || !plan.ProviderName.Equal(state.ProviderName) || !plan.Vendor.Equal(state.Vendor) ||
		!plan.Region.Equal(state.Region) || !plan.ARN.Equal(state.ARN) || !plan.ServiceEndpointID.Equal(state.ServiceEndpointID) ||
		!plan.DNSSubDomain.Equal(state.DNSSubDomain) || !plan.ServiceAttachmentURIs.Equal(state.ServiceAttachmentURIs) ||
		!plan.AzureResourceIDs.Equal(state.AzureResourceIDs) || !plan.AuthenticationScheme.Equal(state.AuthenticationScheme)
}

// object names an endpoint in messages.
func object(projectID, what string) tfresource.Object {
	return tfresource.Object{Kind: tfresource.PrivateLinkKind, ProjectID: projectID, Name: what}
}

// waitsForDomain reports whether a planned endpoint is an AWS Confluent
// one that Atlas keeps waiting for its DNS domain (an Enterprise
// cluster's): at apply time, a dns_domain still unknown is one the
// configuration does not set.
func waitsForDomain(m endpointModel) bool {
	return m.ProviderName.ValueString() == "AWS" && m.Vendor.ValueString() == "CONFLUENT" && !tfresource.Known(m.DNSDomain)
}

// errFailed marks a wait that ended with the endpoint FAILED.
var errFailed = errors.New("the endpoint is FAILED")

// Create sends the POST, saves the endpoint in state as soon as Atlas
// answers it, then waits until it is DONE (or, for an AWS Confluent
// endpoint created without its domain, until Atlas waits for that).
func (r *Resource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, dPlan := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(dPlan...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultTimeouts.Create)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	projectID := plan.ProjectID.ValueString()
	body := createRequest(ctx, plan.endpointModel)
	o := object(projectID, describe(body))
	creation := tfresource.Creation[*atlas.PrivateLinkEndpoint]{
		Object: o,
		Send: func(ctx context.Context) (*atlas.PrivateLinkEndpoint, error) {
			return r.Client.CreatePrivateLink(ctx, projectID, body)
		},
		Read: func(ctx context.Context) (*atlas.PrivateLinkEndpoint, error) {
			return findByKey(ctx, r.Client, projectID, body)
		},
		Matches: func(got *atlas.PrivateLinkEndpoint) bool { return key(*got) == key(body) },
	}
	created, err := tfresource.CreateOrAdopt(ctx, creation)
	if err != nil {
		if id := existing(err); id != "" {
			addAPIError(&resp.Diagnostics, "Error Creating Private Link Endpoint", fmt.Sprintf("Atlas already has a Private Link endpoint for %s in project %s: %s. "+
				"To manage it with Terraform or OpenTofu, %s\n\nwhere <label> is the label of this resource in your configuration.",
				describe(body), projectID, id, tfresource.ImportAdvice(tfresource.PrivateLinkKind.Address, projectID+"/"+id)), err)
			return
		}
		tfresource.CreateFailed(ctx, creation, err, &resp.Diagnostics, timeout, addAPIError, func() diag.Diagnostics {
			// Atlas may have made the endpoint: record it without an id, so
			// the next refresh finds it by what it reaches.
			return codec().SetState(ctx, &resp.State, resourceModel{endpointModel: settled(ctx, plan.endpointModel), Timeouts: plan.Timeouts})
		})
		return
	}
	tflog.Debug(ctx, "created Private Link endpoint", map[string]any{"project_id": projectID, "id": created.ID})
	// The endpoint exists from here on: save it before waiting, so that a
	// wait that fails or times out never loses it.
	saved := settled(ctx, plan.endpointModel)
	saved.ID = types.StringValue(created.ID)
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, resourceModel{endpointModel: saved, Timeouts: plan.Timeouts})...)
	identity.Set(resp.Identity, map[string]string{"project_id": projectID, "id": created.ID})
	if resp.Diagnostics.HasError() {
		return
	}
	want := []string{"DONE"}
	if waitsForDomain(plan.endpointModel) {
		want = []string{"IDLE", "WORKING", "DONE"}
	}
	if slices.Contains(want, created.State) {
		// The answer says where the endpoint stands (Atlas's own answer
		// echoes the request and says nothing, so it is read below).
		m, d := fromAPI(projectID, created, plan.endpointModel)
		resp.Diagnostics.Append(d...)
		resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, resourceModel{endpointModel: m, Timeouts: plan.Timeouts})...)
		return
	}
	r.waitAndSave(ctx, projectID, created.ID, plan, want, "Error Creating Private Link Endpoint", timeout, &resp.State, &resp.Diagnostics)
}

// waitAndSave waits for one of want and saves the endpoint as it last
// read it; when the wait fails (FAILED, a timeout, an error), the state
// holds the endpoint as it stands and the error says why.
func (r *Resource) waitAndSave(ctx context.Context, projectID, id string, plan resourceModel, want []string, summary string, timeout time.Duration, state *tfsdk.State, diags *diag.Diagnostics) {
	got, err := tfresource.WaitForState(ctx, "waiting for the endpoint to be "+strings.Join(want, " or "),
		func(ctx context.Context) (*atlas.PrivateLinkEndpoint, error) {
			return r.Client.ReadPrivateLink(ctx, projectID, id)
		},
		func(e *atlas.PrivateLinkEndpoint) string { return e.State }, errFailed, want...)
	if err != nil && !errors.Is(err, errFailed) {
		// Read where it stands, on a context of its own: the wait's may be
		// spent.
		saveCtx, cancel := tfresource.SaveContext(ctx)
		if latest, rerr := r.Client.ReadPrivateLink(saveCtx, projectID, id); rerr == nil {
			got = latest
		}
		cancel()
	}
	if got != nil {
		m, d := fromAPI(projectID, got, plan.endpointModel)
		diags.Append(d...)
		diags.Append(codec().SetState(ctx, state, resourceModel{endpointModel: m, Timeouts: plan.Timeouts})...)
	}
	switch {
	case errors.Is(err, errFailed):
		diags.AddError(summary, fmt.Sprintf("Atlas reports the Private Link endpoint %s of project %s FAILED: %s\n\n"+
			"It is saved in state; the next apply replaces it. Check the service's side (the endpoint service's allowed principals, "+
			"the Azure connection approval, the Confluent network) before applying again.", id, projectID, failureOf(got)))
	case err != nil:
		what := fmt.Sprintf("The Private Link endpoint %s of project %s was accepted by Atlas and is saved in state, but it did not become %s.", id, projectID, strings.Join(want, " or "))
		addAPIError(diags, summary, tfresource.TimeoutHint(what, err, timeout), err)
	}
}

func failureOf(e *atlas.PrivateLinkEndpoint) string {
	if e == nil || e.ErrorMessage == "" {
		return "Atlas gave no error message."
	}
	return strings.TrimSuffix(e.ErrorMessage, ".") + "."
}

// existing returns the id of the endpoint a create met as a duplicate.
func existing(err error) string {
	var apiErr *atlas.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode == "STREAM_PRIVATE_LINK_ALREADY_EXISTS" && len(apiErr.Parameters) > 0 {
		return apiErr.Parameters[0]
	}
	return ""
}

// findByKey finds the endpoint a create asked for in the project's list:
// the one with the same key that is not being deleted. None is a
// *atlas.NotFoundError (the list answered without it).
func findByKey(ctx context.Context, c *atlas.Client, projectID string, req atlas.PrivateLinkEndpoint) (*atlas.PrivateLinkEndpoint, error) {
	var found *atlas.PrivateLinkEndpoint
	want := key(req)
	_, err := c.EachPrivateLink(ctx, projectID, func(e *atlas.PrivateLinkEndpoint) bool {
		if !deleting(e) && key(*e) == want {
			v := *e
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
			ErrorCode: "STREAM_PRIVATE_LINK_NOT_FOUND", Detail: "No Private Link endpoint for " + describe(req) + " in the project's list."}}
	}
	return found, nil
}

// Read refreshes the state; an endpoint gone from Atlas leaves the state.
// A record of a create whose outcome was unknown (no id) is looked for by
// what it reaches.
func (r *Resource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, dState := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(dState...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := state.ProjectID.ValueString()
	recorded := state.ID.IsNull() || state.ID.ValueString() == ""
	var got *atlas.PrivateLinkEndpoint
	var err error
	o := object(projectID, state.ID.ValueString())
	if recorded {
		body := createRequest(ctx, state.endpointModel)
		o = object(projectID, describe(body))
		got, err = findByKey(ctx, r.Client, projectID, body)
	} else {
		got, err = r.Client.RefreshPrivateLink(ctx, projectID, state.ID.ValueString())
	}
	if got = tfresource.Refreshed(ctx, o, got, err, false, nil, resp, addAPIError); got == nil {
		return
	}
	next, d := fromAPI(projectID, got, state.endpointModel)
	resp.Diagnostics.Append(d...)
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, resourceModel{endpointModel: next, Timeouts: state.Timeouts})...)
	identity.Set(resp.Identity, map[string]string{"project_id": projectID, "id": next.ID.ValueString()})
}

// Update sets a new dns_domain (the one change Atlas takes, on an AWS
// Confluent endpoint) and waits until the endpoint is DONE.
func (r *Resource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, dPlan := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(dPlan...)
	state, dState := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(dState...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultTimeouts.Update)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID, id := state.ProjectID.ValueString(), state.ID.ValueString()
	if plan.DNSDomain.Equal(state.DNSDomain) {
		// Only timeouts changed.
		next := state
		next.Timeouts = plan.Timeouts
		resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, next)...)
		identity.Set(resp.Identity, map[string]string{"project_id": projectID, "id": id})
		return
	}
	domain := plan.DNSDomain.ValueString()
	got, err := r.Client.UpdatePrivateLinkDNSDomain(ctx, projectID, id, domain)
	if err != nil {
		// A PATCH whose answer was lost is sent again, and Atlas refuses a
		// second domain (409): the endpoint says whether the first one was
		// applied.
		if now, rerr := r.Client.ReadPrivateLink(ctx, projectID, id); rerr == nil && now.DNSDomain == domain {
			got, err = now, nil
		}
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error Updating Private Link Endpoint",
			tfresource.TimeoutHint(fmt.Sprintf("Could not set the dns_domain of Private Link endpoint %s in project %s.", id, projectID), err, timeout), err)
		return
	}
	m, d := fromAPI(projectID, got, plan.endpointModel)
	resp.Diagnostics.Append(d...)
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, resourceModel{endpointModel: m, Timeouts: plan.Timeouts})...)
	identity.Set(resp.Identity, map[string]string{"project_id": projectID, "id": id})
	r.waitAndSave(ctx, projectID, id, plan, []string{"DONE"}, "Error Updating Private Link Endpoint", timeout, &resp.State, &resp.Diagnostics)
}

// Delete asks for the delete and waits until the endpoint is gone. Atlas
// refuses to delete an endpoint that connections use: the error names
// them.
func (r *Resource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, dState := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(dState...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, defaultTimeouts.Delete)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	projectID, id := state.ProjectID.ValueString(), state.ID.ValueString()
	o := object(projectID, id)
	err := r.Client.DeletePrivateLink(ctx, projectID, id)
	switch {
	case atlas.IsNotFound(err):
		return
	case err != nil:
		what := fmt.Sprintf("Could not delete Private Link endpoint %s in project %s.", id, projectID)
		if inUse(err) {
			what += " " + usersOf(ctx, r.Client, projectID, id)
		}
		addAPIError(&resp.Diagnostics, "Error Deleting Private Link Endpoint", o.WithAdvice(tfresource.TimeoutHint(what, err, timeout), err), err)
		return
	}
	var last *atlas.PrivateLinkEndpoint
	err = tfresource.WaitFor(ctx, "waiting for the delete to finish", tfresource.FirstPoll, func(ctx context.Context) (bool, error) {
		got, err := r.Client.GetPrivateLinkAfterDelete(ctx, projectID, id)
		switch {
		case atlas.IsNotFound(err):
			return true, nil
		case err != nil:
			return false, err
		}
		last = got
		return got.State == "FAILED", nil
	})
	switch {
	case err == nil && last != nil && last.State == "FAILED":
		resp.Diagnostics.AddError("Error Deleting Private Link Endpoint", fmt.Sprintf("Atlas accepted the delete of Private Link endpoint %s in project %s, "+
			"then reported it FAILED: %s It stays in state; apply again to retry the delete.", id, projectID, failureOf(last)))
	case err != nil:
		addAPIError(&resp.Diagnostics, "Error Deleting Private Link Endpoint",
			tfresource.TimeoutHint(fmt.Sprintf("The delete of Private Link endpoint %s in project %s was accepted, but the endpoint did not disappear.", id, projectID), err, timeout), err)
	}
}

// inUse reports whether a delete was refused because connections use the
// endpoint.
func inUse(err error) bool {
	var apiErr *atlas.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode == "STREAM_PRIVATE_LINK_IN_USE"
}

// usersOf names the connections of the project that use an endpoint, as
// a sentence with what to do.
func usersOf(ctx context.Context, c *atlas.Client, projectID, id string) string {
	var users []string
	_, err := c.EachStreamInstance(ctx, projectID, func(in *atlas.StreamInstance) bool {
		conns, _, err := c.ListStreamConnections(ctx, projectID, in.Name)
		if err != nil {
			return true
		}
		for _, conn := range conns {
			for _, n := range []*atlas.Networking{conn.Networking, conn.PublicPrivateNetworking} {
				if n != nil && n.Access.Type == "PRIVATE_LINK" && n.Access.ConnectionID == id {
					users = append(users, fmt.Sprintf("connection %q of stream instance %q", conn.Name, in.Name))
				}
			}
		}
		return true
	})
	switch {
	case len(users) > 0:
		return "Stream connections use it: " + strings.Join(users, ", ") + ". Delete them, or point them at another endpoint, first; " +
			"in one configuration, make the connections refer to this resource's id so that Terraform deletes them before it."
	case err != nil:
		return "Stream connections use it; listing them failed: " + err.Error() + "."
	}
	return "Stream connections use it."
}

// ImportState adopts an endpoint by "<project_id>/<id>", MongoDB's
// "<project_id>-<id>", or (Terraform 1.12+) an identity with project_id
// and id.
func (r *Resource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var projectID, id string
	if req.ID == "" && req.Identity != nil {
		ident, err := identity.Get(req.Identity)
		if err == nil {
			projectID, id = ident["project_id"], ident["id"]
			err = tfresource.CheckProjectScoped(projectID, id, idPattern.MatchString, idRule)
		}
		if err != nil {
			resp.Diagnostics.AddError("Invalid Import Identity", err.Error())
			return
		}
	} else {
		var err error
		if projectID, id, err = tfresource.ProjectScopedID(req.ID, idPattern.MatchString, idRule); err != nil {
			resp.Diagnostics.AddError("Invalid Import ID", strings.ReplaceAll(strings.ReplaceAll(err.Error(), "<name>", "<id>"), "my-instance", "6a7941d3c0eb9e7a17722d71"))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	identity.Set(resp.Identity, map[string]string{"project_id": projectID, "id": id})
}

// identity is the resource identity (Terraform 1.12+): the project and the
// endpoint's id.
var identity = tfresource.NewIdentity(map[string]string{
	"project_id": "ID of the Atlas project that holds the endpoint.",
	"id":         "Atlas identifier (`_id`) of the Private Link endpoint.",
})

// addAPIError reports an API error; no field maps to an attribute but
// those the configuration names the same way.
func addAPIError(diags *diag.Diagnostics, summary, what string, err error) {
	tfresource.AddAPIError(diags, summary, what, err, fieldPath)
}

// fieldPath maps a member Atlas refused to the attribute.
func fieldPath(field string) (path.Path, bool) {
	attrs := map[string]string{
		"provider": "provider_name", "vendor": "vendor", "region": "region", "arn": "arn", "serviceEndpointId": "service_endpoint_id",
		"dnsDomain": "dns_domain", "dnsSubDomain": "dns_sub_domain", "gcpServiceAttachmentUris": "service_attachment_uris",
		"azureResourceIds": "azure_resource_ids", "authenticationScheme": "authentication_scheme",
	}
	name, ok := attrs[strings.SplitN(field, "[", 2)[0]]
	return path.Root(name), ok
}

// codec converts the resource's plan and state without the framework's
// reflection (see tfresource.Codec); built once, from the schema.
var codec = sync.OnceValue(func() *tfresource.Codec[resourceModel] {
	return tfresource.NewCodec[resourceModel](resourceSchema(context.Background()).Type())
})
