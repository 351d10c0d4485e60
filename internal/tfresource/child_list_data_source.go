package tfresource

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = &ChildListDataSource[struct{}]{}

// ChildListDataSource is a data source that lists every object of one kind
// under a stream instance (its connections, its processors): project_id
// and instance_name in, every page read, results and total_count out.
type ChildListDataSource[T any] struct {
	DataSourceBase
	// Plural names the objects in descriptions and errors: "connections".
	Plural string
	// Description is the data source's MarkdownDescription.
	Description string
	// Attributes are the data source attributes of one object, with the
	// names in inputs Required (the single-object data source's schema).
	Attributes func(ctx context.Context, inputs ...string) map[string]dsschema.Attribute
	// Each walks the instance's objects, page by page.
	Each func(ctx context.Context, c *atlas.Client, projectID, instance string, yield func(*T) bool) (int, error)
	// Object converts one object to an element of results.
	Object func(item *T, projectID, instance string) (attr.Value, diag.Diagnostics)
}

// childListModel is the data source's configuration and state.
type childListModel struct {
	ProjectID    types.String `tfsdk:"project_id"`
	InstanceName types.String `tfsdk:"instance_name"`
	Results      types.List   `tfsdk:"results"`
	TotalCount   types.Int64  `tfsdk:"total_count"`
}

// Schema has the instance in, and results made of the single-object data
// source's attributes.
func (d *ChildListDataSource[T]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	inputs := d.Attributes(ctx, "project_id", "instance_name")
	resp.Schema = dsschema.Schema{
		MarkdownDescription: d.Description,
		Attributes: map[string]dsschema.Attribute{
			"project_id":    inputs["project_id"],
			"instance_name": inputs["instance_name"],
			"results": dsschema.ListNestedAttribute{
				MarkdownDescription: "The instance's " + d.Plural + ".",
				Computed:            true,
				NestedObject:        dsschema.NestedAttributeObject{Attributes: d.Attributes(ctx)},
			},
			"total_count": dsschema.Int64Attribute{MarkdownDescription: "Number of " + d.Plural + " of the instance, as the API counts them.", Computed: true},
		},
	}
}

// Read lists every page.
func (d *ChildListDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg childListModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The element type is the schema's own, so results always fit it.
	elemType := req.Config.Schema.GetAttributes()["results"].GetType().(types.ListType).ElemType
	projectID, instance := cfg.ProjectID.ValueString(), cfg.InstanceName.ValueString()
	results, total, diags, err := CollectList(elemType,
		func(yield func(*T) bool) (int, error) { return d.Each(ctx, d.Client, projectID, instance, yield) },
		func(item *T) (attr.Value, diag.Diagnostics) { return d.Object(item, projectID, instance) })
	resp.Diagnostics.Append(diags...)
	if err != nil {
		AddAPIError(&resp.Diagnostics, "Error Listing Stream "+titleCase(d.Plural),
			fmt.Sprintf("Could not list the %s of stream instance %q in project %s.", d.Plural, instance, projectID), err, nil)
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Results, cfg.TotalCount = results, types.Int64Value(total)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
