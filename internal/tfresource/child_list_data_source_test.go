package tfresource

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestChildListDataSource reads through a walk of two items and through a
// walk that fails: results and total_count come from the walk (the API's
// count when it sends one), and a failure is one error that names the
// instance, the project and the kind of object.
func TestChildListDataSource(t *testing.T) {
	ctx := context.Background()
	attrs := func(_ context.Context, inputs ...string) map[string]dsschema.Attribute {
		required := map[string]bool{}
		for _, in := range inputs {
			required[in] = true
		}
		a := map[string]dsschema.Attribute{}
		for _, name := range []string{"project_id", "instance_name", "name"} {
			a[name] = dsschema.StringAttribute{Required: required[name], Computed: !required[name]}
		}
		return a
	}
	elem := ObjectTypeOf(attrs(ctx))
	read := func(items []string, total int, fail error) (types.List, types.Int64, diag.Diagnostics) {
		d := &ChildListDataSource[string]{
			DataSourceBase: DataSourceBase{TypeSuffix: "_things"}, Plural: "things", Description: "Lists things.", Attributes: attrs,
			Each: func(_ context.Context, _ *atlas.Client, projectID, instance string, yield func(*string) bool) (int, error) {
				if projectID != "p1" || instance != "i1" {
					t.Errorf("Each got %q, %q; want the configured p1, i1", projectID, instance)
				}
				for i := range items {
					if !yield(&items[i]) {
						break
					}
				}
				return total, fail
			},
			Object: func(item *string, projectID, instance string) (attr.Value, diag.Diagnostics) {
				return types.ObjectValue(elem.AttrTypes, map[string]attr.Value{
					"project_id": types.StringValue(projectID), "instance_name": types.StringValue(instance), "name": types.StringValue(*item),
				})
			},
		}
		var sresp datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &sresp)
		typ := sresp.Schema.Type().TerraformType(ctx).(tftypes.Object)
		raw := tftypes.NewValue(typ, map[string]tftypes.Value{
			"project_id":    tftypes.NewValue(tftypes.String, "p1"),
			"instance_name": tftypes.NewValue(tftypes.String, "i1"),
			"results":       tftypes.NewValue(typ.AttributeTypes["results"], nil),
			"total_count":   tftypes.NewValue(tftypes.Number, nil),
		})
		resp := datasource.ReadResponse{State: tfsdk.State{Schema: sresp.Schema, Raw: raw}}
		d.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: raw}}, &resp)
		var got childListModel
		if !resp.Diagnostics.HasError() {
			resp.Diagnostics.Append(resp.State.Get(ctx, &got)...)
		}
		return got.Results, got.TotalCount, resp.Diagnostics
	}

	results, total, diags := read([]string{"a", "b"}, -1, nil)
	if diags.HasError() {
		t.Fatalf("read: %v", diags)
	}
	var names []string
	for _, e := range results.Elements() {
		names = append(names, e.(types.Object).Attributes()["name"].(types.String).ValueString())
	}
	if strings.Join(names, ",") != "a,b" || total.ValueInt64() != 2 {
		t.Errorf("results %v, total_count %v; want a,b and 2 (no count from the API: the items)", names, total)
	}
	if _, total, _ := read([]string{"a"}, 7, nil); total.ValueInt64() != 7 {
		t.Errorf("total_count %v; want the API's 7", total)
	}

	_, _, diags = read([]string{"a"}, 0, errors.New("connection reset"))
	if diags.ErrorsCount() != 1 {
		t.Fatalf("want one error, got %v", diags)
	}
	e := diags.Errors()[0]
	if e.Summary() != "Error Listing Stream Things" ||
		!strings.Contains(e.Detail(), `Could not list the things of stream instance "i1" in project p1.`) ||
		!strings.Contains(e.Detail(), "connection reset") {
		t.Errorf("error %q: %q; want the title, the instance, the project and the cause", e.Summary(), e.Detail())
	}
}
