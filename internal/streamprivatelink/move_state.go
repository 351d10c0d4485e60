package streamprivatelink

import (
	"context"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// mongodbatlasEndpoint is MongoDB's provider's resource type that a moved
// block can bring over.
const mongodbatlasEndpoint = "mongodbatlas_stream_privatelink_endpoint"

// mongodbatlasState is what this provider takes from a state written by
// MongoDB's provider (schema version 0). Newer versions' attributes
// (authentication_scheme, azure_resource_ids) are read when there.
type mongodbatlasState struct {
	ID                    string    `json:"id"`
	ProjectID             string    `json:"project_id"`
	ProviderName          string    `json:"provider_name"`
	Vendor                string    `json:"vendor"`
	Region                string    `json:"region"`
	ARN                   string    `json:"arn"`
	ServiceEndpointID     string    `json:"service_endpoint_id"`
	DNSDomain             string    `json:"dns_domain"`
	DNSSubDomain          *[]string `json:"dns_sub_domain"`
	ServiceAttachmentURIs *[]string `json:"service_attachment_uris"`
	AzureResourceIDs      *[]string `json:"azure_resource_ids"`
	AuthenticationScheme  string    `json:"authentication_scheme"`
	State                 string    `json:"state"`
	ErrorMessage          string    `json:"error_message"`
	InterfaceEndpointID   string    `json:"interface_endpoint_id"`
	InterfaceEndpointName string    `json:"interface_endpoint_name"`
	ProviderAccountID     string    `json:"provider_account_id"`
}

// moveFromMongoDBAtlas converts the state of a
// mongodbatlas_stream_privatelink_endpoint; any other source is not this
// mover's. The refresh that follows the move reads the rest.
func moveFromMongoDBAtlas(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src mongodbatlasState
	if !tfresource.ReadMoveSource(req, resp, &src, mongodbatlasEndpoint) {
		return
	}
	if !tfresource.MoveNeeds(req, resp, "atlasmini_stream_privatelink_endpoint", "endpoint", "<project_id>/<id>",
		[2]string{"project_id", src.ProjectID}, [2]string{"id", src.ID}) {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, src.model(ctx))...)
	identity.Set(resp.TargetIdentity, map[string]string{"project_id": src.ProjectID, "id": src.ID})
}

// model maps the source state onto this resource's attributes.
func (s mongodbatlasState) model(ctx context.Context) resourceModel {
	str := func(v string) types.String {
		if v == "" {
			return types.StringNull()
		}
		return types.StringValue(v)
	}
	list := func(v *[]string) types.List {
		if v == nil {
			return types.ListNull(types.StringType)
		}
		l, _ := types.ListValueFrom(ctx, types.StringType, *v)
		return l
	}
	vendor := s.Vendor
	if vendor == "" {
		vendor = defaultVendor
	}
	return resourceModel{endpointModel: endpointModel{
		ID: types.StringValue(s.ID), ProjectID: types.StringValue(s.ProjectID), ProviderName: types.StringValue(s.ProviderName),
		Vendor: types.StringValue(vendor), Region: str(s.Region), ARN: str(s.ARN), ServiceEndpointID: str(s.ServiceEndpointID),
		DNSDomain: str(s.DNSDomain), DNSSubDomain: list(s.DNSSubDomain), ServiceAttachmentURIs: list(s.ServiceAttachmentURIs),
		AzureResourceIDs: list(s.AzureResourceIDs), AuthenticationScheme: str(s.AuthenticationScheme), State: types.StringValue(s.State),
		ErrorMessage: types.StringValue(s.ErrorMessage), InterfaceEndpointID: types.StringValue(s.InterfaceEndpointID),
		InterfaceEndpointName: types.StringValue(s.InterfaceEndpointName), ProviderAccountID: types.StringValue(s.ProviderAccountID),
	}, Timeouts: tfresource.NullTimeouts()}
}
