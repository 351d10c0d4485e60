package streampeering

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = &DataSource{}

// DataSource is data "atlasmini_stream_vpc_peerings": the peering requests
// of one AWS account, and the project's active peerings.
type DataSource struct {
	tfresource.DataSourceBase
}

// NewDataSource returns the data source.
func NewDataSource() datasource.DataSource {
	return &DataSource{tfresource.DataSourceBase{TypeSuffix: "_stream_vpc_peerings"}}
}

type listModel struct {
	ProjectID          types.String `tfsdk:"project_id"`
	RequesterAccountID types.String `tfsdk:"requester_account_id"`
	Requested          types.List   `tfsdk:"requested"`
	Active             types.List   `tfsdk:"active"`
}

// peeringAttributes are one peering's attributes, all computed.
func peeringAttributes() map[string]dsschema.Attribute {
	attrs := map[string]dsschema.Attribute{
		"project_id":                dsschema.StringAttribute{MarkdownDescription: "ID of the Atlas project.", Computed: true},
		"vpc_peering_connection_id": dsschema.StringAttribute{MarkdownDescription: "AWS id of the VPC peering connection (`pcx-…`).", Computed: true},
		"requester_account_id":      dsschema.StringAttribute{MarkdownDescription: "AWS account that requested the peering.", Computed: true},
		"requester_vpc_id":          dsschema.StringAttribute{MarkdownDescription: "VPC that requested the peering.", Computed: true},
	}
	for name, desc := range descComputed {
		attrs[name] = dsschema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	return attrs
}

// Schema has the project and, optionally, a requester account in.
func (d *DataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Lists the VPC peerings of a project's stream processing: the requests of one AWS account in every state " +
			"(to find the `pcx-…` id to accept), and the project's `ACTIVE` peerings.",
		Attributes: map[string]dsschema.Attribute{
			"project_id": dsschema.StringAttribute{MarkdownDescription: "ID of the Atlas project: " + tfresource.ProjectIDRule + ".", Required: true,
				Validators: tfresource.ProjectIDValidators()},
			"requester_account_id": dsschema.StringAttribute{MarkdownDescription: "AWS account whose peering requests to list in `requested`: " + accountRule + ".",
				Optional: true, Validators: []validator.String{stringvalidator.RegexMatches(accountPattern, "must be "+accountRule)}},
			"requested": dsschema.ListNestedAttribute{MarkdownDescription: "The peerings that `requester_account_id` requested, in any state until they are gone; empty without it.",
				Computed: true, NestedObject: dsschema.NestedAttributeObject{Attributes: peeringAttributes()}},
			"active": dsschema.ListNestedAttribute{MarkdownDescription: "The project's `ACTIVE` peerings, of every requester.",
				Computed: true, NestedObject: dsschema.NestedAttributeObject{Attributes: peeringAttributes()}},
		},
	}
}

// Read lists both, every page.
func (d *DataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg listModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	objType := tfresource.ObjectTypeOf(peeringAttributes())
	convert := func(p *atlas.VPCPeering) (attr.Value, diag.Diagnostics) {
		return types.ObjectValueFrom(ctx, objType.AttrTypes, fromAPI(projectID, p))
	}
	collect := func(requester string) types.List {
		l, _, diags, err := tfresource.CollectList(objType, func(yield func(*atlas.VPCPeering) bool) (int, error) {
			if requester == "" {
				return d.Client.EachActiveVPCPeering(ctx, projectID, yield)
			}
			return d.Client.EachVPCPeering(ctx, projectID, requester, yield)
		}, convert)
		resp.Diagnostics.Append(diags...)
		if err != nil {
			tfresource.AddAPIError(&resp.Diagnostics, "Error Listing VPC Peerings", fmt.Sprintf("Could not list the VPC peerings of project %s.", projectID), err, nil)
		}
		return l
	}
	cfg.Active = collect("")
	cfg.Requested = types.ListValueMust(objType, []attr.Value{})
	if !cfg.RequesterAccountID.IsNull() {
		cfg.Requested = collect(cfg.RequesterAccountID.ValueString())
	}
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
	}
}
