package streamprivatelink

import (
	"context"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Attribute descriptions, shared by the resource and the data sources.
var (
	descID        = "Atlas identifier (`_id`) of the Private Link endpoint: " + idRule + ". Stream connections name it in `networking.access.connection_id`."
	descProjectID = "ID of the Atlas project (group) that holds the endpoint: " + tfresource.ProjectIDRule + ". Changing it replaces the endpoint."
	descProvider  = "Cloud provider of the endpoint: one of " + tfresource.CodeList(providers) + ". Changing it replaces the endpoint."
	descVendor    = "Service the endpoint reaches: one of " + tfresource.CodeList(vendors) + " (`GENERIC`, the default, is a Kafka cluster of any other vendor on AWS or Azure). " +
		"Each provider takes " + vendorsByProvider() + ". What each pair requires is checked at plan time:" + needsTable() +
		"\nChanging it replaces the endpoint."
	descRegion = "Cloud region of the service, in the cloud's own spelling (`us-east-1`, `eastus2`, `us-central1`). " +
		"For `MSK`, Atlas derives it from `arn`: leave it out, or give the ARN's region (it is never sent). Changing it replaces the endpoint."
	descARN        = "ARN of the Amazon MSK cluster (`arn:aws:kafka:<region>:…`); `MSK` only. Changing it replaces the endpoint."
	descEndpointID = "The service's endpoint: the VPC endpoint service name for AWS (`com.amazonaws.vpce.<region>.vpce-svc-…`; " +
		"`com.amazonaws.<region>.s3` or `.lambda` for `S3` and `LAMBDA`), the resource id of the Event Hubs namespace or storage account for Azure, " +
		"the service attachment for GCP Confluent. Changing it replaces the endpoint."
	descDNSDomain = "DNS domain of the service (`<cluster>.<region>.aws.confluent.cloud`, `<namespace>.servicebus.windows.net`, " +
		"`<account>.blob.core.windows.net`); computed for `PUBSUB`, which takes none when it is created. An AWS `CONFLUENT` endpoint of an Enterprise cluster is created without it " +
		"and waits for it: adding it later is an update in place (while the endpoint has no domain or is `IDLE`). " +
		"Atlas changes it on no other endpoint, so a change elsewhere is refused at plan time."
	descSubDomain   = "DNS subdomains of an AWS `CONFLUENT` cluster. Changing them replaces the endpoint."
	descAttachments = "Service attachment URIs of a GCP `CONFLUENT` cluster, one per zone (1 to 3); or give `service_endpoint_id`. Changing them replaces the endpoint."
	descAzureIDs    = "Azure resource ids of an Azure `CONFLUENT` cluster's private link services, one per zone (1 to 3); or give `service_endpoint_id`. " +
		"Changing them replaces the endpoint."
	descAuthScheme = "How stream processing authenticates to the MSK cluster: one of " + tfresource.CodeList(authSchemes) +
		"; `MSK` only, Atlas takes `SASL_SCRAM` when it is left out. Changing it replaces the endpoint."
	descState = "State of the endpoint: one of " + tfresource.CodeList(states) + ". Creation waits for `DONE` " +
		"(an AWS `CONFLUENT` endpoint created without `dns_domain` waits for its domain in `IDLE` or `WORKING`)."
	descErrorMessage  = "Why the endpoint is `FAILED`; empty otherwise."
	descInterfaceID   = "ID of the interface endpoint Atlas made in its own network (an AWS `vpce-…`, an Azure private endpoint, a GCP `psc-…`)."
	descInterfaceName = "Name of that interface endpoint."
	descAccountID     = "Atlas's account on the provider that holds the interface endpoint (see the `atlasmini_stream_account_details` data source)."
)

// vendorsByProvider says which vendors each provider takes.
func vendorsByProvider() string {
	s := ""
	for i, p := range providers {
		switch {
		case i == len(providers)-1:
			s += " and "
		case i > 0:
			s += ", "
		}
		s += "`" + p + "` " + tfresource.CodeList(vendorsOf[p])
	}
	return s
}

// defaultTimeouts are the default operation timeouts: Private Link takes
// minutes, and Azure endpoints up to an hour.
var defaultTimeouts = tfresource.Timeouts{Create: time.Hour, Update: time.Hour, Delete: time.Hour,
	CreateWaits: "until the endpoint is `DONE`", UpdateWaits: "until the endpoint is `DONE`", DeleteWaits: "until the endpoint is gone"}

func replaced() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.RequiresReplace()}
}

func computedReplaced() []planmodifier.String {
	return []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()}
}

func stableComputed(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

func uniqueList(desc string, least, most int) schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: desc, Optional: true, ElementType: types.StringType,
		Validators:    []validator.List{listvalidator.SizeBetween(least, most), listvalidator.UniqueValues(), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		PlanModifiers: []planmodifier.List{listplanmodifier.RequiresReplace()},
	}
}

func resourceSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Manages a Private Link endpoint of a project's stream processing (an Atlas \"Private Link connection\"): " +
			"the private path from Atlas to an Amazon MSK or Confluent cluster, an Azure Event Hubs namespace, or an S3, Kinesis, Lambda, " +
			"Blob Storage or Pub/Sub service. Stream connections use it with `networking.access.type = \"PRIVATE_LINK\"`. " +
			"Creation waits until the endpoint is `DONE`; the endpoint is saved in state as soon as Atlas accepts it, so a wait that fails never loses it. " +
			"Only `dns_domain` of an AWS `CONFLUENT` endpoint changes in place; every other change replaces the endpoint.",
		Attributes: map[string]schema.Attribute{
			"id": stableComputed(descID),
			"project_id": schema.StringAttribute{
				MarkdownDescription: descProjectID, Required: true, Validators: tfresource.ProjectIDValidators(), PlanModifiers: replaced(),
			},
			"provider_name": schema.StringAttribute{
				MarkdownDescription: descProvider, Required: true, Validators: []validator.String{stringvalidator.OneOf(providers...)}, PlanModifiers: replaced(),
			},
			"vendor": schema.StringAttribute{
				MarkdownDescription: descVendor, Optional: true, Computed: true, Default: stringdefault.StaticString(defaultVendor),
				Validators: []validator.String{stringvalidator.OneOf(vendors...)}, PlanModifiers: replaced(),
			},
			"region": schema.StringAttribute{
				MarkdownDescription: descRegion, Optional: true, Computed: true,
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 64)},
				PlanModifiers: computedReplaced(),
			},
			"arn": schema.StringAttribute{
				MarkdownDescription: descARN, Optional: true, PlanModifiers: replaced(),
				Validators: []validator.String{stringvalidator.RegexMatches(mskARN, "must be an MSK cluster ARN, arn:aws:kafka:<region>:<account>:cluster/…")},
			},
			"service_endpoint_id": schema.StringAttribute{
				MarkdownDescription: descEndpointID, Optional: true, PlanModifiers: replaced(),
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"dns_domain": schema.StringAttribute{
				MarkdownDescription: descDNSDomain, Optional: true, Computed: true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"dns_sub_domain":          uniqueList(descSubDomain, 0, 100),
			"service_attachment_uris": uniqueList(descAttachments, 1, 3),
			"azure_resource_ids":      uniqueList(descAzureIDs, 1, 3),
			"authentication_scheme": schema.StringAttribute{
				MarkdownDescription: descAuthScheme, Optional: true, Computed: true,
				Validators:    []validator.String{stringvalidator.OneOf(authSchemes...)},
				PlanModifiers: computedReplaced(),
			},
			"state":                   stableComputed(descState),
			"error_message":           stableComputed(descErrorMessage),
			"interface_endpoint_id":   stableComputed(descInterfaceID),
			"interface_endpoint_name": stableComputed(descInterfaceName),
			"provider_account_id":     stableComputed(descAccountID),
			"timeouts":                defaultTimeouts.Attribute(ctx),
		},
	}
}
