// Package streampeering is the atlasmini_stream_vpc_peering_accepter
// resource and the atlasmini_stream_vpc_peerings data source: incoming VPC
// peering requests into the Atlas VPC of a project's stream processing,
// accepted the way aws_vpc_peering_connection_accepter accepts them on the
// AWS side.
package streampeering

import (
	"context"
	"regexp"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The shapes of AWS ids.
var (
	peeringIDPattern = regexp.MustCompile(`^pcx-[0-9a-f]{8,17}$`)
	accountPattern   = regexp.MustCompile(`^[0-9]{12}$`)
	vpcPattern       = regexp.MustCompile(`^vpc-[0-9a-f]{8,17}$`)
)

const (
	peeringIDRule = "an AWS VPC peering connection id, pcx- and 8 to 17 hexadecimal characters"
	accountRule   = "an AWS account id, 12 digits"
	vpcRule       = "an AWS VPC id, vpc- and 8 to 17 hexadecimal characters"
)

// Attribute descriptions, shared by the resource and the data source.
var (
	descPeeringID  = "AWS id of the VPC peering connection that the requester created (`pcx-…`). Changing it replaces the resource."
	descRequester  = "AWS account that requested the peering: " + accountRule + ". Atlas checks it when it accepts. Changing it replaces the resource."
	descRequesterV = "VPC that requested the peering: " + vpcRule + ". Atlas checks it when it accepts. Changing it replaces the resource."
	descComputed   = map[string]string{
		"id":                  "Atlas identifier (`_id`) of the peering.",
		"accepter_account_id": "AWS account of Atlas's stream processing network, the accepter.",
		"accepter_vpc_id":     "Atlas's VPC, the accepter.",
		"accepter_cidr":       "CIDR block of Atlas's VPC.",
		"requester_cidr":      "CIDR block of the requester's VPC.",
		"local_status":        "Atlas's status of the peering: `ACTIVE` once accepted (`NONE`, `REQUEST_ACCEPT`, `ACCEPT_REQUESTED`, `UPDATE_FAILED`, … on the way).",
		"cloud_status":        "AWS's status of the peering, in lower case: `active` once accepted.",
		"status_message":      "Why the peering failed, when it did.",
		"expiration_time":     "When the request expires unless accepted (RFC 3339).",
	}
)

// defaultTimeouts: an accept takes AWS a few minutes.
var defaultTimeouts = tfresource.Timeouts{Create: 30 * time.Minute, Update: 30 * time.Minute, Delete: 30 * time.Minute,
	CreateWaits: "until the peering is `ACTIVE`", DeleteWaits: "until the peering is gone"}

type peeringModel struct {
	ID                 types.String `tfsdk:"id"`
	ProjectID          types.String `tfsdk:"project_id"`
	PeeringID          types.String `tfsdk:"vpc_peering_connection_id"`
	RequesterAccountID types.String `tfsdk:"requester_account_id"`
	RequesterVpcID     types.String `tfsdk:"requester_vpc_id"`
	AccepterAccountID  types.String `tfsdk:"accepter_account_id"`
	AccepterVpcID      types.String `tfsdk:"accepter_vpc_id"`
	AccepterCidr       types.String `tfsdk:"accepter_cidr"`
	RequesterCidr      types.String `tfsdk:"requester_cidr"`
	LocalStatus        types.String `tfsdk:"local_status"`
	CloudStatus        types.String `tfsdk:"cloud_status"`
	StatusMessage      types.String `tfsdk:"status_message"`
	ExpirationTime     types.String `tfsdk:"expiration_time"`
}

type resourceModel struct {
	peeringModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func required(desc string, pattern *regexp.Regexp, rule string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Required: true,
		Validators:    []validator.String{stringvalidator.RegexMatches(pattern, "must be "+rule)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}}
}

func resourceSchema(ctx context.Context) schema.Schema {
	attrs := map[string]schema.Attribute{
		"project_id": schema.StringAttribute{MarkdownDescription: "ID of the Atlas project: " + tfresource.ProjectIDRule + ". Changing it replaces the resource.",
			Required: true, Validators: tfresource.ProjectIDValidators(), PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
		"vpc_peering_connection_id": required(descPeeringID, peeringIDPattern, peeringIDRule),
		"requester_account_id":      required(descRequester, accountPattern, accountRule),
		"requester_vpc_id":          required(descRequesterV, vpcPattern, vpcRule),
		"timeouts":                  defaultTimeouts.Attribute(ctx),
	}
	for name, desc := range descComputed {
		a := schema.StringAttribute{MarkdownDescription: desc, Computed: true}
		if name != "local_status" && name != "cloud_status" && name != "status_message" {
			a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
		}
		attrs[name] = a
	}
	return schema.Schema{
		MarkdownDescription: "Accepts an incoming VPC peering request into the Atlas VPC of a project's stream processing, " +
			"the way `aws_vpc_peering_connection_accepter` does on the AWS side, and deletes the peering on destroy. " +
			"The request is made from the requester's AWS account to the VPC that the `atlasmini_stream_account_details` data source names. " +
			"Creation accepts it and waits until it is `ACTIVE`; every change replaces the resource.",
		Attributes: attrs,
	}
}
