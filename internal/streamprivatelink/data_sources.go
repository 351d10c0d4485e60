package streamprivatelink

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSourceWithConfigure = &DataSource{}
	_ datasource.DataSourceWithConfigure = &ListDataSource{}
)

// dataDescriptions are the read-only descriptions of the data sources'
// attributes, where the resource's speak of changes.
var dataDescriptions = map[string]string{
	"project_id":              "ID of the Atlas project (group) that holds the endpoint: " + tfresource.ProjectIDRule + ".",
	"id":                      "Atlas identifier (`_id`) of the Private Link endpoint: " + idRule + ".",
	"provider_name":           "Cloud provider of the endpoint: one of " + tfresource.CodeList(providers) + ".",
	"vendor":                  "Service the endpoint reaches: one of " + tfresource.CodeList(vendors) + ".",
	"region":                  "Cloud region of the service, as it was given (computed from the ARN for `MSK`).",
	"arn":                     "ARN of the Amazon MSK cluster (`MSK`).",
	"service_endpoint_id":     "The service's endpoint: VPC endpoint service name, Azure resource id or GCP service attachment.",
	"dns_domain":              "DNS domain of the service; null while an AWS Confluent Enterprise endpoint waits for it.",
	"dns_sub_domain":          "DNS subdomains of an AWS `CONFLUENT` cluster.",
	"service_attachment_uris": "Service attachment URIs of a GCP `CONFLUENT` cluster.",
	"azure_resource_ids":      "Azure resource ids of an Azure `CONFLUENT` cluster's private link services.",
	"authentication_scheme":   "How stream processing authenticates to the MSK cluster: one of " + tfresource.CodeList(authSchemes) + ".",
	"state":                   "State of the endpoint: one of " + tfresource.CodeList(states) + ".",
}

// dataAttributes are the resource's attributes as a data source has them,
// with inputs Required.
func dataAttributes(ctx context.Context, inputs ...string) map[string]dsschema.Attribute {
	attrs := tfresource.DataAttributes(resourceSchema(ctx).Attributes, inputs, dataDescriptions, func(p string) bool { return p == "timeouts" })
	if len(inputs) > 1 {
		// The id is an input: any 24-hex id, checked by the resource's rule.
		attrs["id"] = dsschema.StringAttribute{MarkdownDescription: dataDescriptions["id"], Required: true, Validators: tfresource.ProjectIDValidators()}
	}
	return attrs
}

// dataModel converts an endpoint for a data source: lists as Atlas
// returns them, null when it returns none.
func dataModel(projectID string, e *atlas.PrivateLinkEndpoint) (endpointModel, diag.Diagnostics) {
	null := types.ListNull(types.StringType)
	return fromAPI(projectID, e, endpointModel{DNSSubDomain: null, ServiceAttachmentURIs: null, AzureResourceIDs: null})
}

// DataSource is data "atlasmini_stream_privatelink_endpoint": one endpoint
// by id.
type DataSource struct {
	tfresource.DataSourceBase
}

// NewDataSource returns the single-endpoint data source.
func NewDataSource() datasource.DataSource {
	return &DataSource{tfresource.DataSourceBase{TypeSuffix: "_stream_privatelink_endpoint"}}
}

// Schema is the resource's, with project_id and id as inputs.
func (d *DataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Reads one Private Link endpoint of a project by its id, for example one that another team manages, to point a connection at it.",
		Attributes:          dataAttributes(ctx, "project_id", "id"),
	}
}

// Read fetches the endpoint; a missing one is an error naming it.
func (d *DataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg endpointModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, id := cfg.ProjectID.ValueString(), cfg.ID.ValueString()
	got, err := d.Client.GetPrivateLink(ctx, projectID, id)
	if err != nil {
		what := fmt.Sprintf("Could not read Private Link endpoint %s in project %s.", id, projectID)
		if atlas.IsNotFound(err) {
			what = fmt.Sprintf("Private Link endpoint %s was not found in project %s. Check the id and project_id; data \"atlasmini_stream_privatelink_endpoints\" lists the project's endpoints.", id, projectID)
		}
		addAPIError(&resp.Diagnostics, "Error Reading Private Link Endpoint", what, err)
		return
	}
	m, diags := dataModel(projectID, got)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	}
}

// ListDataSource is data "atlasmini_stream_privatelink_endpoints": every
// endpoint of a project.
type ListDataSource struct {
	tfresource.DataSourceBase
}

// NewListDataSource returns the list data source.
func NewListDataSource() datasource.DataSource {
	return &ListDataSource{tfresource.DataSourceBase{TypeSuffix: "_stream_privatelink_endpoints"}}
}

type listModel struct {
	ProjectID  types.String `tfsdk:"project_id"`
	Results    types.List   `tfsdk:"results"`
	TotalCount types.Int64  `tfsdk:"total_count"`
}

// Schema has project_id in, and results made of the resource's attributes.
func (d *ListDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Lists every Private Link endpoint of a project, in the order Atlas created them. Pages are followed to the end, " +
			fmt.Sprint(atlas.MaxItemsPerPage) + " endpoints per request.",
		Attributes: map[string]dsschema.Attribute{
			"project_id": dsschema.StringAttribute{MarkdownDescription: dataDescriptions["project_id"], Required: true, Validators: tfresource.ProjectIDValidators()},
			"results": dsschema.ListNestedAttribute{
				MarkdownDescription: "The project's Private Link endpoints.",
				Computed:            true,
				NestedObject:        dsschema.NestedAttributeObject{Attributes: dataAttributes(ctx)},
			},
			"total_count": dsschema.Int64Attribute{MarkdownDescription: "Number of endpoints in the project, as the API counts them.", Computed: true},
		},
	}
}

// Read lists every page.
func (d *ListDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg listModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	objType := tfresource.ObjectTypeOf(dataAttributes(ctx))
	results, total, diags, err := tfresource.CollectList(objType,
		func(yield func(*atlas.PrivateLinkEndpoint) bool) (int, error) {
			return d.Client.EachPrivateLink(ctx, projectID, yield)
		},
		func(e *atlas.PrivateLinkEndpoint) (attr.Value, diag.Diagnostics) {
			m, diags := dataModel(projectID, e)
			o, d := types.ObjectValueFrom(ctx, objType.AttrTypes, m)
			diags.Append(d...)
			return o, diags
		})
	resp.Diagnostics.Append(diags...)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error Listing Private Link Endpoints", fmt.Sprintf("Could not list the Private Link endpoints of project %s.", projectID), err)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Results, cfg.TotalCount = results, types.Int64Value(total)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
