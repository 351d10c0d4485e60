package streamconnection

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

var _ datasource.DataSourceWithConfigure = &ListDataSource{}

// ListDataSource is data "atlasmini_stream_connections": every connection
// of an instance.
type ListDataSource struct {
	client *atlas.Client
}

// NewListDataSource returns the list data source.
func NewListDataSource() datasource.DataSource { return &ListDataSource{} }

type listModel struct {
	ProjectID    types.String `tfsdk:"project_id"`
	InstanceName types.String `tfsdk:"instance_name"`
	Results      types.List   `tfsdk:"results"`
	TotalCount   types.Int64  `tfsdk:"total_count"`
}

// Metadata names the data source.
func (d *ListDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connections"
}

// Schema has the instance in, and results made of the data source's
// attributes.
func (d *ListDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	inputs := connectionDataAttributes(ctx, "project_id", "instance_name")
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Lists every connection of an Atlas Stream Processing instance, in the order Atlas keeps them (creation order), " +
			"of every type, for example to find what to import or which sources processors can use. Pages are followed to the end, " +
			fmt.Sprint(atlas.MaxItemsPerPage) + " connections per request. Secrets are not there: the API never returns them.",
		Attributes: map[string]dsschema.Attribute{
			"project_id":    inputs["project_id"],
			"instance_name": inputs["instance_name"],
			"results": dsschema.ListNestedAttribute{
				MarkdownDescription: "The instance's connections.",
				Computed:            true,
				NestedObject:        dsschema.NestedAttributeObject{Attributes: connectionDataAttributes(ctx)},
			},
			"total_count": dsschema.Int64Attribute{MarkdownDescription: "Number of connections of the instance, as the API counts them.", Computed: true},
		},
	}
}

// Configure takes the provider's client.
func (d *ListDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = tfresource.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// Read lists every page.
func (d *ListDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg listModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, instance := cfg.ProjectID.ValueString(), cfg.InstanceName.ValueString()
	results, total, diags, err := tfresource.CollectList(dataObjectType,
		func(yield func(*atlas.StreamConnection) bool) (int, error) {
			return d.client.EachStreamConnection(ctx, projectID, instance, yield)
		},
		func(c *atlas.StreamConnection) (attr.Value, diag.Diagnostics) {
			m := dataModel(c, projectID, instance)
			values := map[string]attr.Value{
				"id": m.ID, "project_id": m.ProjectID, "instance_name": m.InstanceName, "name": m.Name, "type": m.Type, "state": m.State,
			}
			for a, v := range m.typed() {
				values[a] = *v
			}
			return types.ObjectValue(dataObjectType.AttrTypes, values)
		})
	resp.Diagnostics.Append(diags...)
	if err != nil {
		tfresource.AddAPIError(&resp.Diagnostics, "Error Listing Stream Connections",
			fmt.Sprintf("Could not list the connections of stream instance %q in project %s.", instance, projectID), err, nil)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Results, cfg.TotalCount = results, types.Int64Value(total)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
