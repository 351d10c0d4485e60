package streaminstance

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = &ListDataSource{}

// ListDataSource is data "atlasmini_stream_instances": every instance of a
// project.
type ListDataSource struct {
	tfresource.DataSourceBase
}

// NewListDataSource returns the list data source.
func NewListDataSource() datasource.DataSource {
	return &ListDataSource{tfresource.DataSourceBase{TypeSuffix: "_stream_instances"}}
}

type listModel struct {
	ProjectID  types.String `tfsdk:"project_id"`
	Results    types.List   `tfsdk:"results"`
	TotalCount types.Int64  `tfsdk:"total_count"`
}

// Schema has project_id in, and results made of the resource's attributes.
func (d *ListDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Lists every Atlas Stream Processing instance of a project, sorted by name, for example to find what to import. " +
			"Pages are followed to the end, " + fmt.Sprint(atlas.MaxItemsPerPage) + " instances per request.",
		Attributes: map[string]dsschema.Attribute{
			"project_id": dsschema.StringAttribute{MarkdownDescription: "ID of the Atlas project: " + projectIDRule + ".", Required: true, Validators: projectIDValidators()},
			"results": dsschema.ListNestedAttribute{
				MarkdownDescription: "The project's stream instances, sorted by name.",
				Computed:            true,
				NestedObject:        dsschema.NestedAttributeObject{Attributes: instanceDataAttributes(ctx)},
			},
			"total_count": dsschema.Int64Attribute{MarkdownDescription: "Number of instances in the project, as the API counts them.", Computed: true},
		},
	}
}

// Read lists every page and sorts by name.
func (d *ListDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg listModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := cfg.ProjectID.ValueString()
	all, total, err := d.Client.ListStreamInstances(ctx, projectID)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Error Listing Stream Instances", fmt.Sprintf("Could not list the stream instances of project %s.", projectID), err)
		return
	}
	slices.SortFunc(all, func(a, b atlas.StreamInstance) int { return strings.Compare(a.Name, b.Name) })
	objType := instanceObjectType(ctx)
	items := make([]attr.Value, 0, len(all))
	for i := range all {
		m, diags := dataModel(ctx, &all[i], cfg.ProjectID)
		resp.Diagnostics.Append(diags...)
		o, diags := types.ObjectValueFrom(ctx, objType.AttrTypes, m)
		resp.Diagnostics.Append(diags...)
		items = append(items, o)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	results, diags := types.ListValue(objType, items)
	resp.Diagnostics.Append(diags...)
	cfg.Results, cfg.TotalCount = results, types.Int64Value(int64(total))
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
