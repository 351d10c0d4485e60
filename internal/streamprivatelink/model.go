package streamprivatelink

import (
	"context"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// endpointModel is an endpoint's attributes, shared by the resource and
// the data sources.
type endpointModel struct {
	ID                    types.String `tfsdk:"id"`
	ProjectID             types.String `tfsdk:"project_id"`
	ProviderName          types.String `tfsdk:"provider_name"`
	Vendor                types.String `tfsdk:"vendor"`
	Region                types.String `tfsdk:"region"`
	ARN                   types.String `tfsdk:"arn"`
	ServiceEndpointID     types.String `tfsdk:"service_endpoint_id"`
	DNSDomain             types.String `tfsdk:"dns_domain"`
	DNSSubDomain          types.List   `tfsdk:"dns_sub_domain"`
	ServiceAttachmentURIs types.List   `tfsdk:"service_attachment_uris"`
	AzureResourceIDs      types.List   `tfsdk:"azure_resource_ids"`
	AuthenticationScheme  types.String `tfsdk:"authentication_scheme"`
	State                 types.String `tfsdk:"state"`
	ErrorMessage          types.String `tfsdk:"error_message"`
	InterfaceEndpointID   types.String `tfsdk:"interface_endpoint_id"`
	InterfaceEndpointName types.String `tfsdk:"interface_endpoint_name"`
	ProviderAccountID     types.String `tfsdk:"provider_account_id"`
}

// resourceModel is the resource's state: the endpoint and its timeouts.
type resourceModel struct {
	endpointModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// strings reads a list of strings; nil when null or unknown.
func stringList(ctx context.Context, l types.List) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []string
	l.ElementsAs(ctx, &out, false)
	return out
}

// createRequest is the POST body of a planned endpoint: what the
// configuration sets.
func createRequest(ctx context.Context, m endpointModel) atlas.PrivateLinkEndpoint {
	s := func(v types.String) string {
		if v.IsUnknown() {
			return ""
		}
		return v.ValueString()
	}
	e := atlas.PrivateLinkEndpoint{
		Provider: s(m.ProviderName), Vendor: s(m.Vendor), Region: s(m.Region), ARN: s(m.ARN),
		ServiceEndpointID: s(m.ServiceEndpointID), DNSDomain: s(m.DNSDomain), AuthenticationScheme: s(m.AuthenticationScheme),
		DNSSubDomain: stringList(ctx, m.DNSSubDomain), GCPServiceAttachmentURIs: stringList(ctx, m.ServiceAttachmentURIs),
		AzureResourceIDs: stringList(ctx, m.AzureResourceIDs),
	}
	// What Atlas computes is never sent: an MSK endpoint's region (from
	// the ARN) and a Pub/Sub endpoint's DNS domain. A configuration may
	// hold them (one written by terraform query or -generate-config-out
	// does), as long as they are what Atlas says.
	switch e.Vendor {
	case "MSK":
		e.Region = ""
	case "PUBSUB":
		e.DNSDomain = ""
	}
	return e
}

// key is what makes two endpoints the same one for Atlas: an endpoint
// found in the list with the key of a create is the one it made.
func key(e atlas.PrivateLinkEndpoint) string {
	vendor := strings.ToUpper(e.Vendor)
	if vendor == "" {
		vendor = defaultVendor
	}
	parts := []string{strings.ToUpper(e.Provider), vendor}
	if vendor == "MSK" {
		return strings.Join(append(parts, e.ARN), "|")
	}
	parts = append(parts, e.Region)
	if vendor == "KINESIS" || vendor == "PUBSUB" {
		return strings.Join(parts, "|")
	}
	return strings.Join(append(parts, e.ServiceEndpointID, strings.Join(e.GCPServiceAttachmentURIs, ","), strings.Join(e.AzureResourceIDs, ",")), "|")
}

// deleting reports whether an endpoint is on its way out.
func deleting(e *atlas.PrivateLinkEndpoint) bool {
	return e.State == "DELETE_REQUESTED" || e.State == "DELETING" || e.State == "DELETED"
}

// fromAPI converts an endpoint the API returned. prior is the plan or
// state it refreshes: the lists it set keep their form when the API
// leaves them out (Atlas may omit an empty dnsSubDomain), and values
// Atlas does not return are kept from it.
func fromAPI(projectID string, e *atlas.PrivateLinkEndpoint, prior endpointModel) (endpointModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	str := func(v string) types.String {
		if v == "" {
			return types.StringNull()
		}
		return types.StringValue(v)
	}
	list := func(v []string, prior types.List) types.List {
		if len(v) == 0 && !prior.IsUnknown() {
			if prior.IsNull() {
				return types.ListNull(types.StringType)
			}
			if len(prior.Elements()) == 0 {
				return prior
			}
		}
		if v == nil {
			return types.ListNull(types.StringType)
		}
		elems := make([]attr.Value, len(v))
		for i, s := range v {
			elems[i] = types.StringValue(s)
		}
		l, d := types.ListValue(types.StringType, elems)
		diags.Append(d...)
		return l
	}
	vendor := strings.ToUpper(e.Vendor)
	if vendor == "" {
		vendor = defaultVendor
	}
	m := endpointModel{
		ID: types.StringValue(e.ID), ProjectID: types.StringValue(projectID), ProviderName: types.StringValue(strings.ToUpper(e.Provider)),
		Vendor: types.StringValue(vendor), Region: str(e.Region), ARN: str(e.ARN), ServiceEndpointID: str(e.ServiceEndpointID),
		DNSDomain: str(e.DNSDomain), DNSSubDomain: list(e.DNSSubDomain, prior.DNSSubDomain),
		ServiceAttachmentURIs: list(e.GCPServiceAttachmentURIs, prior.ServiceAttachmentURIs), AzureResourceIDs: list(e.AzureResourceIDs, prior.AzureResourceIDs),
		AuthenticationScheme: str(e.AuthenticationScheme), State: types.StringValue(e.State), ErrorMessage: types.StringValue(e.ErrorMessage),
		InterfaceEndpointID: types.StringValue(e.InterfaceEndpointID), InterfaceEndpointName: types.StringValue(e.InterfaceEndpointName),
		ProviderAccountID: types.StringValue(e.ProviderAccountID),
	}
	if e.ID == "" {
		m.ID = prior.ID
	}
	return m, diags
}

// settled turns the unknown values of a plan into nulls, for a state
// saved before Atlas answered all of them.
func settled(ctx context.Context, m endpointModel) endpointModel {
	out, _ := codec().Settled(ctx, resourceModel{endpointModel: m, Timeouts: tfresource.NullTimeouts()})
	return out.endpointModel
}

// describe names an endpoint by what it reaches, for messages: "AWS MSK
// arn:aws:kafka:…", "AZURE EVENTHUB eastus2".
func describe(e atlas.PrivateLinkEndpoint) string {
	vendor := e.Vendor
	if vendor == "" {
		vendor = defaultVendor
	}
	s := strings.ToUpper(e.Provider) + " " + vendor
	switch {
	case e.ARN != "":
		return s + " " + e.ARN
	case e.Region != "":
		return s + " in " + e.Region
	}
	return s
}
