package streamprivatelink

import (
	"context"
	"fmt"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// vendorRules checks the configuration against the table of what each
// provider and vendor pair requires and refuses (see needs), one error per
// problem on the attribute it is about. Unknown values are no error: they
// are checked once known, at apply time.
var vendorRules = tfresource.ConfigRule{
	Desc: "The members each provider and vendor pair requires and refuses.",
	Check: func(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
		checkVendorRules(ctx, req.Config, &resp.Diagnostics)
	},
}

// presence is whether a configuration sets an attribute.
type presence int

const (
	unset presence = iota
	set
	unknown
)

func presenceOf(v attr.Value) presence {
	switch {
	case v.IsUnknown():
		return unknown
	case v.IsNull():
		return unset
	}
	return set
}

// checkVendorRules runs the table on a configuration.
func checkVendorRules(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	// One pass over the configuration: Terraform validates each endpoint
	// several times per command.
	m, d := codec().FromRaw(ctx, config.Raw)
	diags.Append(d...)
	if diags.HasError() || !tfresource.Known(m.ProviderName) || m.Vendor.IsUnknown() {
		return
	}
	p, v := m.ProviderName.ValueString(), m.Vendor.ValueString()
	if m.Vendor.IsNull() {
		v = defaultVendor
	}
	n, ok := needs[p+"/"+v]
	if !ok {
		if m.Vendor.IsNull() {
			diags.AddAttributeError(path.Root("vendor"), "Missing Private Link Vendor",
				fmt.Sprintf("provider_name %s has no GENERIC endpoints: set vendor to one of %s.", p, tfresource.CodeList(vendorsOf[p])))
		} else {
			diags.AddAttributeError(path.Root("vendor"), "Vendor Not Offered On Provider",
				fmt.Sprintf("vendor %s is not offered on provider_name %s: use one of %s.", v, p, tfresource.CodeList(vendorsOf[p])))
		}
		return
	}
	pair := fmt.Sprintf("provider_name %s with vendor %s", p, v)
	values := map[string]attr.Value{
		attrRegion: m.Region, attrARN: m.ARN, attrEndpointID: m.ServiceEndpointID, attrDNSDomain: m.DNSDomain, attrSubDomain: m.DNSSubDomain,
		attrAttachments: m.ServiceAttachmentURIs, attrAzureIDs: m.AzureResourceIDs, attrAuthScheme: m.AuthenticationScheme,
	}
	for _, a := range n.required {
		if presenceOf(values[a]) == unset {
			diags.AddAttributeError(path.Root(a), "Missing Private Link Attribute",
				fmt.Sprintf("%s needs %s.%s", pair, a, requirementHint(p, v, a)))
		}
	}
	for a, why := range n.refused {
		if presenceOf(values[a]) == set {
			diags.AddAttributeError(path.Root(a), "Attribute Not Allowed For Vendor",
				fmt.Sprintf("vendor %s takes no %s: %s. Remove it.", v, a, why))
		}
	}
	if len(n.oneOf) == 2 {
		a, b := presenceOf(values[n.oneOf[0]]), presenceOf(values[n.oneOf[1]])
		switch {
		case a == set && b == set:
			diags.AddAttributeError(path.Root(n.oneOf[1]), "Conflicting Private Link Attributes",
				fmt.Sprintf("%s takes exactly one of %s and %s; both are set.", pair, n.oneOf[0], n.oneOf[1]))
		case a == unset && b == unset:
			diags.AddAttributeError(path.Root(n.oneOf[0]), "Missing Private Link Attribute",
				fmt.Sprintf("%s needs exactly one of %s and %s; neither is set.", pair, n.oneOf[0], n.oneOf[1]))
		}
	}
	for a, only := range onlyFor {
		if presenceOf(values[a]) != set || (only.provider == "" || only.provider == p) && (only.vendor == "" || only.vendor == v) {
			continue
		}
		who := strings.TrimSpace(only.provider + " " + only.vendor)
		diags.AddAttributeError(path.Root(a), "Attribute Not Allowed For Vendor",
			fmt.Sprintf("%s is for %s endpoints only, not %s. Remove it.", a, who, pair))
	}
	checkEndpointShape(p, v, values, diags)
}

// requirementHint says what a required attribute holds for a vendor.
func requirementHint(provider, vendor, attribute string) string {
	switch provider + "/" + vendor + "/" + attribute {
	case "AWS/MSK/arn":
		return " Give the ARN of the MSK cluster (arn:aws:kafka:<region>:…); Atlas derives the region from it."
	case "AWS/S3/service_endpoint_id", "AWS/LAMBDA/service_endpoint_id":
		return fmt.Sprintf(" It is com.amazonaws.<region>.%s, with the endpoint's region.", strings.ToLower(vendor))
	case "AWS/CONFLUENT/service_endpoint_id":
		return " It is the VPC endpoint service name Confluent shows for the cluster (com.amazonaws.vpce.<region>.vpce-svc-…)."
	case "AZURE/EVENTHUB/service_endpoint_id":
		return " It is the resource id of the Event Hubs namespace (/subscriptions/…/providers/Microsoft.EventHub/namespaces/<name>)."
	case "AZURE/AZURE_BLOB_STORAGE/service_endpoint_id":
		return " It is the resource id of the storage account (/subscriptions/…/providers/Microsoft.Storage/storageAccounts/<account>)."
	case "AZURE/AZURE_BLOB_STORAGE/dns_domain":
		return " It is <account>.blob.core.windows.net."
	}
	return ""
}

// checkEndpointShape checks what the known values of S3, Lambda, Event
// Hubs and Blob Storage endpoints must look like.
func checkEndpointShape(provider, vendor string, values map[string]attr.Value, diags *diag.Diagnostics) {
	str := func(a string) (string, bool) {
		s, ok := values[a].(types.String)
		return s.ValueString(), ok && tfresource.Known(s)
	}
	endpoint, hasEndpoint := str(attrEndpointID)
	region, hasRegion := str(attrRegion)
	switch provider + "/" + vendor {
	case "AWS/MSK":
		arn, hasARN := str(attrARN)
		m := mskARN.FindStringSubmatch(arn)
		if hasARN && hasRegion && m != nil && m[1] != region {
			diags.AddAttributeError(path.Root(attrRegion), "Region Not The ARN's",
				fmt.Sprintf("vendor MSK takes its region from the arn, which says %s, not %q. Leave region out (Atlas derives it; it is never sent) or set it to %s.", m[1], region, m[1]))
		}
	case "AWS/S3", "AWS/LAMBDA":
		if want := "com.amazonaws." + region + "." + strings.ToLower(vendor); hasEndpoint && hasRegion && endpoint != want {
			diags.AddAttributeError(path.Root(attrEndpointID), "Invalid Service Endpoint",
				fmt.Sprintf("vendor %s in region %s takes service_endpoint_id %q, not %q.", vendor, region, want, endpoint))
		}
	case "AZURE/EVENTHUB":
		if hasEndpoint && !strings.Contains(strings.ToLower(endpoint), "/microsoft.eventhub/namespaces/") {
			diags.AddAttributeError(path.Root(attrEndpointID), "Invalid Service Endpoint",
				fmt.Sprintf("vendor EVENTHUB takes the resource id of an Event Hubs namespace (…/providers/Microsoft.EventHub/namespaces/<name>), not %q.", endpoint))
		}
	case "AZURE/AZURE_BLOB_STORAGE":
		i := strings.Index(strings.ToLower(endpoint), "/microsoft.storage/storageaccounts/")
		if !hasEndpoint {
			return
		}
		if i < 0 {
			diags.AddAttributeError(path.Root(attrEndpointID), "Invalid Service Endpoint",
				fmt.Sprintf("vendor AZURE_BLOB_STORAGE takes the resource id of a storage account (…/providers/Microsoft.Storage/storageAccounts/<account>), not %q.", endpoint))
			return
		}
		domain, hasDomain := str(attrDNSDomain)
		if account := endpoint[i+len("/microsoft.storage/storageaccounts/"):]; hasDomain && domain != account+".blob.core.windows.net" {
			diags.AddAttributeError(path.Root(attrDNSDomain), "Invalid DNS Domain",
				fmt.Sprintf("the storage account %s has the blob domain %s.blob.core.windows.net, not %q.", account, account, domain))
		}
	}
}
