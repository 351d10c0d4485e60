package streampeering

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.Resource                = &Resource{}
	_ resource.ResourceWithConfigure   = &Resource{}
	_ resource.ResourceWithImportState = &Resource{}
	_ resource.ResourceWithIdentity    = &Resource{}
)

// Resource is atlasmini_stream_vpc_peering_accepter.
type Resource struct {
	tfresource.ResourceBase
}

// NewResource returns the resource, for the provider's list.
func NewResource() resource.Resource {
	return &Resource{tfresource.ResourceBase{TypeSuffix: "_stream_vpc_peering_accepter", SchemaOf: resourceSchema, Identity: identity}}
}

// identity is the resource identity (Terraform 1.12+).
var identity = tfresource.NewIdentity(map[string]string{
	"project_id":                "ID of the Atlas project whose VPC accepted the peering.",
	"vpc_peering_connection_id": "AWS id of the VPC peering connection (`pcx-…`).",
})

// fromAPI converts a peering the API listed.
func fromAPI(projectID string, p *atlas.VPCPeering) peeringModel {
	str := func(s string) types.String { return types.StringValue(s) }
	return peeringModel{
		ID: str(p.ID), ProjectID: str(projectID), PeeringID: str(p.Name), RequesterAccountID: str(p.RequesterAccountID),
		RequesterVpcID: str(p.RequesterVpcID), AccepterAccountID: str(p.AccepterAccountID), AccepterVpcID: str(p.AccepterVpcID),
		AccepterCidr: str(p.AccepterCidr), RequesterCidr: str(p.RequesterCidr), LocalStatus: str(p.LocalStatus),
		CloudStatus: str(p.CloudStatus), StatusMessage: str(p.StatusMessage), ExpirationTime: str(p.ExpirationTime),
	}
}

// accepted are the local statuses of a peering on its way to ACTIVE, or
// there: what an accept that this resource sent leads to.
var accepted = []string{"REQUEST_ACCEPT", "ACCEPT_REQUESTED", "ACTIVE"}

// errNotAccepted is a wait that ended in UPDATE_FAILED or another state
// that does not lead to ACTIVE.
var errNotAccepted = errors.New("the peering did not become ACTIVE")

// Create finds the pending request, accepts it, saves the peering in
// state and waits until it is ACTIVE.
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
	projectID, name := plan.ProjectID.ValueString(), plan.PeeringID.ValueString()
	requester, vpc := plan.RequesterAccountID.ValueString(), plan.RequesterVpcID.ValueString()
	const summary = "Error Accepting VPC Peering"

	found, err := r.Client.RefreshVPCPeering(ctx, projectID, requester, name)
	switch {
	case atlas.IsNotFound(err):
		resp.Diagnostics.AddAttributeError(path.Root("vpc_peering_connection_id"), summary, notFoundDetail(ctx, r.Client, projectID, requester, name))
		return
	case err != nil:
		tfresource.AddAPIError(&resp.Diagnostics, summary, fmt.Sprintf("Could not read the VPC peerings that account %s requested in project %s.", requester, projectID), err, nil)
		return
	}
	if problem := notAcceptable(found, vpc); problem != "" {
		resp.Diagnostics.AddAttributeError(path.Root("vpc_peering_connection_id"), summary, problem)
		return
	}
	err = r.Client.AcceptVPCPeering(ctx, projectID, name, requester, vpc)
	if err != nil && tfresource.OutcomeUnknown(err) {
		// The accept may have been applied: the peering's status says.
		again, rerr := r.Client.FindVPCPeering(ctx, projectID, requester, name)
		switch {
		case rerr == nil && slices.Contains(accepted, again.LocalStatus):
			err = nil
		case rerr != nil:
			// Nothing says whether it was: record the peering, so that the
			// next refresh finds it accepted, or drops the record when it is
			// still a pending request (see Read). A warning, not an error:
			// an error would taint the record, and the next apply would
			// delete an accepted peering to accept it again, which Atlas
			// cannot (the request is no longer pending).
			recorded := plan
			recorded.peeringModel = fromAPI(projectID, found)
			resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, recorded)...)
			identity.Set(resp.Identity, map[string]string{"project_id": projectID, "vpc_peering_connection_id": name})
			resp.Diagnostics.AddWarning("VPC Peering Accept Unconfirmed", fmt.Sprintf("The accept of VPC peering %s had no clear answer (%s), and reading the peering failed too (%s). "+
				"It is recorded in state; the next plan reads it, keeps it if Atlas accepted it, and accepts it again if Atlas still has it pending. Run terraform plan or apply again to settle it.",
				name, tfresource.DescribeError(err), tfresource.DescribeError(rerr)))
			return
		}
	}
	if err != nil {
		tfresource.AddAPIError(&resp.Diagnostics, summary, tfresource.TimeoutHint(fmt.Sprintf("Could not accept VPC peering %s from account %s in project %s.", name, requester, projectID), err, timeout), err, nil)
		return
	}
	// Accepted: from here on the peering is this resource's.
	saved := plan
	saved.peeringModel = fromAPI(projectID, found)
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, saved)...)
	identity.Set(resp.Identity, map[string]string{"project_id": projectID, "vpc_peering_connection_id": name})
	last, err := tfresource.WaitForState(ctx, "waiting for the peering to be ACTIVE",
		func(ctx context.Context) (*atlas.VPCPeering, error) {
			// A shared read of the requester's list starts after the accept
			// (which forgets the one before), so it shows it.
			return r.Client.RefreshVPCPeering(ctx, projectID, requester, name)
		},
		func(p *atlas.VPCPeering) string {
			if p.LocalStatus == "UPDATE_FAILED" || !slices.Contains(accepted, p.LocalStatus) {
				return "FAILED"
			}
			return p.LocalStatus
		}, errNotAccepted, "ACTIVE")
	if last != nil {
		saved.peeringModel = fromAPI(projectID, last)
		resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, saved)...)
	}
	switch {
	case errors.Is(err, errNotAccepted):
		resp.Diagnostics.AddError(summary, fmt.Sprintf("Atlas accepted VPC peering %s, which then went %s (AWS: %s): %s It is saved in state; the next apply replaces it.",
			name, last.LocalStatus, last.CloudStatus, messageOf(last)))
	case err != nil:
		tfresource.AddAPIError(&resp.Diagnostics, summary, tfresource.TimeoutHint(
			fmt.Sprintf("VPC peering %s was accepted and is saved in state, but it did not become ACTIVE.", name), err, timeout), err, nil)
	}
}

func messageOf(p *atlas.VPCPeering) string {
	if p == nil || p.StatusMessage == "" {
		return "Atlas gave no status message."
	}
	return strings.TrimSuffix(p.StatusMessage, ".") + "."
}

// notAcceptable says why a found request cannot be accepted: it is not
// pending, has expired, or names another VPC; "" when it can be.
func notAcceptable(p *atlas.VPCPeering, vpc string) string {
	switch {
	case p.RequesterVpcID != vpc:
		return fmt.Sprintf("VPC peering %s was requested from VPC %s, not %s: Atlas accepts it only with the requester's own VPC. Set requester_vpc_id to %s.",
			p.Name, p.RequesterVpcID, vpc, p.RequesterVpcID)
	case p.CloudStatus == "expired":
		return fmt.Sprintf("VPC peering request %s expired at %s before it was accepted. Request the peering again from account %s and use its new pcx- id.",
			p.Name, p.ExpirationTime, p.RequesterAccountID)
	case p.LocalStatus != "NONE":
		return fmt.Sprintf("VPC peering %s is not a pending request: its status is %s (AWS: %s). Only a request in status NONE can be accepted; "+
			"an ACTIVE one is imported instead (terraform import <address> <project_id>/%s).", p.Name, p.LocalStatus, p.CloudStatus, p.Name)
	}
	return ""
}

// notFoundDetail says that no request of that name exists, and what the
// requester's list holds.
func notFoundDetail(ctx context.Context, c *atlas.Client, projectID, requester, name string) string {
	all, _, err := c.ListVPCPeerings(ctx, projectID, requester)
	detail := fmt.Sprintf("Atlas has no VPC peering %s from account %s in project %s.", name, requester, projectID)
	switch {
	case err != nil:
		return detail
	case len(all) == 0:
		return detail + " The account has no peering request here at all: requests show in Atlas after a delay; check that it was made to the VPC that data \"atlasmini_stream_account_details\" names."
	}
	var seen []string
	for _, p := range all {
		seen = append(seen, fmt.Sprintf("%s (%s, %s)", p.Name, p.LocalStatus, p.CloudStatus))
	}
	return detail + " Its requests are: " + strings.Join(seen, ", ") + "."
}

// Read finds the peering by requester and name (in the active list after
// an import, which knows no requester). A list that answers without it
// removes it from state.
func (r *Resource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, dState := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(dState...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, name := state.ProjectID.ValueString(), state.PeeringID.ValueString()
	got, err := r.Client.RefreshVPCPeering(ctx, projectID, state.RequesterAccountID.ValueString(), name)
	switch {
	case atlas.IsNotFound(err):
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		tfresource.AddAPIError(&resp.Diagnostics, "Error Reading VPC Peering", fmt.Sprintf("Could not read VPC peering %s in project %s. The state is left as it was.", name, projectID), err, nil)
		return
	}
	if got.LocalStatus == "NONE" {
		// Still a pending request: this resource never accepted it (a
		// record of an accept whose outcome was unknown). The next apply
		// accepts it.
		resp.State.RemoveResource(ctx)
		return
	}
	state.peeringModel = fromAPI(projectID, got)
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, state)...)
	identity.Set(resp.Identity, map[string]string{"project_id": projectID, "vpc_peering_connection_id": name})
}

// Update changes only timeouts: everything else replaces the resource.
func (r *Resource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, dPlan := codec().FromRaw(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(dPlan...)
	state, dState := codec().FromRaw(ctx, req.State.Raw)
	resp.Diagnostics.Append(dState...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.Timeouts = plan.Timeouts
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.State, state)...)
	identity.Set(resp.Identity, map[string]string{"project_id": state.ProjectID.ValueString(), "vpc_peering_connection_id": state.PeeringID.ValueString()})
}

// Delete deletes the peering and waits until it is gone.
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
	projectID, name, requester := state.ProjectID.ValueString(), state.PeeringID.ValueString(), state.RequesterAccountID.ValueString()
	gone := func(ctx context.Context) error {
		_, err := r.Client.FindVPCPeering(ctx, projectID, requester, name)
		return err
	}
	if err := r.Client.DeleteVPCPeering(ctx, projectID, name); err != nil {
		// A 404 or a 409 (already deleting) is no failure when the list
		// confirms the peering is gone or going.
		if status := atlas.StatusCode(err); status != 404 && status != 409 {
			tfresource.AddAPIError(&resp.Diagnostics, "Error Deleting VPC Peering", tfresource.TimeoutHint(fmt.Sprintf("Could not delete VPC peering %s in project %s.", name, projectID), err, timeout), err, nil)
			return
		}
		if got, ferr := r.Client.FindVPCPeering(ctx, projectID, requester, name); ferr == nil && !strings.HasSuffix(got.LocalStatus, "DELETE") && got.LocalStatus != "DELETE_REQUESTED" {
			tfresource.AddAPIError(&resp.Diagnostics, "Error Deleting VPC Peering", fmt.Sprintf("Could not delete VPC peering %s in project %s: it is %s.", name, projectID, got.LocalStatus), err, nil)
			return
		}
	}
	if err := tfresource.WaitUntilGone(ctx, gone); err != nil {
		tfresource.AddAPIError(&resp.Diagnostics, "Error Deleting VPC Peering",
			tfresource.TimeoutHint(fmt.Sprintf("The delete of VPC peering %s in project %s was accepted, but the peering did not disappear.", name, projectID), err, timeout), err, nil)
	}
}

// ImportState adopts a peering by "<project_id>/<pcx-id>" or by identity;
// the refresh finds it in the project's active peerings.
func (r *Resource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	projectID, name, _ := strings.Cut(req.ID, "/")
	if req.ID == "" && req.Identity != nil {
		ident, err := identity.Get(req.Identity)
		if err != nil {
			resp.Diagnostics.AddError("Invalid Import Identity", err.Error())
			return
		}
		projectID, name = ident["project_id"], ident["vpc_peering_connection_id"]
	}
	if !tfresource.ProjectIDPattern.MatchString(projectID) || !peeringIDPattern.MatchString(name) {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q is not valid. Use <project_id>/<vpc_peering_connection_id>, "+
			"for example 65f0a1b2c3d4e5f60718293a/pcx-09277e1e81d0751c1, where project_id is %s and vpc_peering_connection_id is %s. "+
			"An ACTIVE peering is found without its requester.", req.ID, tfresource.ProjectIDRule, peeringIDRule))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("vpc_peering_connection_id"), name)...)
	identity.Set(resp.Identity, map[string]string{"project_id": projectID, "vpc_peering_connection_id": name})
}

// codec converts the resource's plan and state without the framework's
// reflection (see tfresource.Codec); built once, from the schema.
var codec = sync.OnceValue(func() *tfresource.Codec[resourceModel] {
	return tfresource.NewCodec[resourceModel](resourceSchema(context.Background()).Type())
})
