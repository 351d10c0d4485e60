package tfresource

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A child is an object that lives in a stream instance: a connection, a
// processor. It is found by its project, its instance and its name; what
// every child's resource, data source and list resource has for that is
// here.

// ChildIdentity is the resource identity of a kind of child: project_id,
// instance_name and name.
func ChildIdentity(k Kind) Identity {
	return NewIdentity(map[string]string{
		"project_id":    "ID of the Atlas project that holds the instance.",
		"instance_name": "Name of the stream instance the " + k.Short + " belongs to.",
		"name":          "Name of the " + k.Short + ".",
	})
}

// SetChild records the identity of a child.
func (i Identity) SetChild(id *tfsdk.ResourceIdentity, o Object) {
	i.Set(id, map[string]string{"project_id": o.ProjectID, "instance_name": o.Instance, "name": o.Name})
}

// WithChildAttributes adds to a child resource's own attributes those
// that place it: the computed id (described by idDesc), and project_id and
// instance_name, a change of which replaces the child. It returns attrs.
func WithChildAttributes(k Kind, idDesc string, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	replaces := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	attrs["id"] = schema.StringAttribute{MarkdownDescription: idDesc, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
	attrs["project_id"] = schema.StringAttribute{MarkdownDescription: "ID of the Atlas project (group) that holds the instance: " + ProjectIDRule + ". Changing it replaces the " + k.Short + ".",
		Required: true, Validators: ProjectIDValidators(), PlanModifiers: replaces}
	attrs["instance_name"] = schema.StringAttribute{MarkdownDescription: "Name of the stream instance the " + k.Short + " belongs to: " + InstanceNameRule + ". Changing it replaces the " + k.Short + ".",
		Required: true, Validators: InstanceNameValidators(), PlanModifiers: replaces}
	return attrs
}

// childNames reads project_id, instance_name and name from a
// configuration; a name is "" when it is not set.
func childNames(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics, k Kind, names ...string) (Object, diag.Diagnostics) {
	o := Object{Kind: k}
	var all diag.Diagnostics
	for i, dst := range []*string{&o.ProjectID, &o.Instance, &o.Name}[:len(names)] {
		var v types.String
		all.Append(get(ctx, path.Root(names[i]), &v)...)
		*dst = v.ValueString()
	}
	return o, all
}

var _ datasource.DataSourceWithConfigure = &ChildDataSource[struct{}]{}

// ChildDataSource is a data source that reads one child by its project,
// instance and name.
type ChildDataSource[T any] struct {
	DataSourceBase
	Kind Kind
	// Plural names the children in advice: "connections".
	Plural string
	// Description is the data source's MarkdownDescription.
	Description string
	// Attributes are the data source attributes of one child, with the
	// names in inputs Required.
	Attributes func(ctx context.Context, inputs ...string) map[string]dsschema.Attribute
	// Get reads the child; a 404 the API confirmed is atlas.IsNotFound.
	Get func(ctx context.Context, c *atlas.Client, projectID, instance, name string) (*T, error)
	// Model converts the child to what the data source's state holds.
	Model func(item *T, projectID, instance string) any
}

// Schema is the child's attributes, with the three names as inputs.
func (d *ChildDataSource[T]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{MarkdownDescription: d.Description, Attributes: d.Attributes(ctx, "project_id", "instance_name", "name")}
}

// Read fetches the child; a missing one is an error naming it and where
// to find the instance's children.
func (d *ChildDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	o, diags := childNames(ctx, req.Config.GetAttribute, d.Kind, "project_id", "instance_name", "name")
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := d.Get(ctx, d.Client, o.ProjectID, o.Instance, o.Name)
	if err != nil {
		what := o.Could("read")
		if atlas.IsNotFound(err) {
			what = fmt.Sprintf("%s %q was not found in stream instance %q of project %s. Check the names; data \"atlasmini%ss\" lists the instance's %s.",
				titleCase(o.Short), o.Name, o.Instance, o.ProjectID, d.TypeSuffix, d.Plural)
		}
		AddAPIError(&resp.Diagnostics, "Error Reading "+titleCase(o.Object), what, err, nil)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, d.Model(got, o.ProjectID, o.Instance))...)
}

var _ list.ListResourceWithConfigure = &ChildListResource[struct{}]{}

// ChildListResource is the list resource of a kind of child (Terraform
// 1.14+): the children of one instance, for terraform query to find and
// adopt, with one optional filter of enumerated values.
type ChildListResource[T any] struct {
	ListBase
	Kind Kind
	// Plural names the children in descriptions and errors: "processors".
	Plural string
	// Description is the config block's MarkdownDescription.
	Description string
	// Filter is the filter attribute's name ("type"), FilterValues what it
	// takes, and Keep whether a child passes a filter value.
	Filter       string
	FilterValues []string
	Keep         func(item *T, filter string) bool
	// Each walks the instance's children, page by page.
	Each func(ctx context.Context, c *atlas.Client, projectID, instance string, yield func(*T) bool) (int, error)
	// Name is a child's name, DisplayName what terraform query shows of
	// it, and Resource its resource model as Read writes an imported one.
	Name, DisplayName func(item *T) string
	Resource          func(item *T, projectID, instance string) any
	// Identity is the resource's identity.
	Identity Identity
}

// ListResourceConfigSchema is the config block: an instance and a filter.
func (l *ChildListResource[T]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: l.Description,
		Attributes: map[string]listschema.Attribute{
			"project_id":    listschema.StringAttribute{MarkdownDescription: "ID of the Atlas project: " + ProjectIDRule + ".", Required: true, Validators: ProjectIDValidators()},
			"instance_name": listschema.StringAttribute{MarkdownDescription: "Name of the stream instance.", Required: true, Validators: InstanceNameValidators()},
			l.Filter: listschema.StringAttribute{
				MarkdownDescription: "Only " + l.Plural + " with this " + l.Filter + ": " + CodeList(l.FilterValues) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(l.FilterValues...)},
			},
		},
	}
}

// List streams the instance's children that pass the filter, page by
// page, each with its identity and display name and, when Terraform asks
// for it, the resource as Read writes an imported one.
func (l *ChildListResource[T]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	o, diags := childNames(ctx, req.Config.GetAttribute, l.Kind, "project_id", "instance_name")
	var filter types.String
	diags.Append(req.Config.GetAttribute(ctx, path.Root(l.Filter), &filter)...)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = ListStream(req.Limit,
		func(yield func(*T) bool) (int, error) { return l.Each(ctx, l.Client, o.ProjectID, o.Instance, yield) },
		func(item *T) bool { return filter.IsNull() || l.Keep(item, filter.ValueString()) },
		func(item *T) list.ListResult {
			r := req.NewListResult(ctx)
			r.DisplayName = l.DisplayName(item)
			child := o
			child.Name = l.Name(item)
			l.Identity.SetChild(r.Identity, child)
			if req.IncludeResource {
				r.Diagnostics.Append(r.Resource.Set(ctx, l.Resource(item, o.ProjectID, o.Instance))...)
			}
			return r
		},
		"Error Listing Stream "+titleCase(l.Plural), fmt.Sprintf("Could not list the %s of stream instance %q in project %s.", l.Plural, o.Instance, o.ProjectID))
}
