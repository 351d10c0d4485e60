package streamconnection

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ list.ListResource              = &ListResource{}
	_ list.ListResourceWithConfigure = &ListResource{}
)

// ListResource is list "atlasmini_stream_connection" (Terraform 1.14+):
// the connections of an instance, for terraform query to find and adopt.
type ListResource struct {
	client *atlas.Client
}

// NewListResource returns the list resource, for the provider's list.
func NewListResource() list.ListResource { return &ListResource{} }

// listConfigModel is the config block of a list block.
type listConfigModel struct {
	ProjectID    types.String `tfsdk:"project_id"`
	InstanceName types.String `tfsdk:"instance_name"`
	Type         types.String `tfsdk:"type"`
}

// Metadata names the list resource after the resource it lists.
func (l *ListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection"
}

// ListResourceConfigSchema is the config block: an instance and a filter.
func (l *ListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the connections of a stream instance, for `terraform query` to list them and write the configuration that imports them. " +
			"The filter applies before results are returned; Terraform's `limit` stops the reading of pages (" + fmt.Sprint(atlas.MaxItemsPerPage) + " connections each) once reached. " +
			"The configuration written leaves secrets out, as `null # sensitive`: the API never returns them, and the imported connection keeps the ones Atlas holds.",
		Attributes: map[string]listschema.Attribute{
			"project_id":    listschema.StringAttribute{MarkdownDescription: "ID of the Atlas project: " + tfresource.ProjectIDRule + ".", Required: true, Validators: tfresource.ProjectIDValidators()},
			"instance_name": listschema.StringAttribute{MarkdownDescription: "Name of the stream instance.", Required: true, Validators: tfresource.InstanceNameValidators()},
			"type": listschema.StringAttribute{
				MarkdownDescription: "Only connections of this type: " + oneOfText(connectionTypes) + ".",
				Optional:            true,
				Validators:          []validator.String{oneOf(connectionTypes)},
			},
		},
	}
}

// Configure takes the provider's client.
func (l *ListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = tfresource.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// List streams the instance's connections that pass the filter, page by
// page, each with its identity and display name and, when Terraform asks
// for it, the resource as Read writes an imported one.
func (l *ListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfigModel
	if d := req.Config.Get(ctx, &cfg); d.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(d)
		return
	}
	projectID, instance := cfg.ProjectID.ValueString(), cfg.InstanceName.ValueString()
	stream.Results = tfresource.ListStream(req.Limit,
		func(yield func(*atlas.StreamConnection) bool) (int, error) {
			return l.client.EachStreamConnection(ctx, projectID, instance, yield)
		},
		func(c *atlas.StreamConnection) bool { return cfg.Type.IsNull() || cfg.Type.ValueString() == c.Type },
		func(c *atlas.StreamConnection) list.ListResult { return l.result(ctx, req, projectID, instance, c) },
		"Error Listing Stream Connections", fmt.Sprintf("Could not list the connections of stream instance %q in project %s.", instance, projectID))
}

// result is one listed connection: identity, display name "<name>
// (<type>)" and, when asked for, the resource.
func (l *ListResource) result(ctx context.Context, req list.ListRequest, projectID, instance string, c *atlas.StreamConnection) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = fmt.Sprintf("%s (%s)", c.Name, c.Type)
	setIdentity(r.Identity, projectID, instance, c.Name)
	if !req.IncludeResource {
		return r
	}
	m := fromAPI(c, connectionModel{ProjectID: types.StringValue(projectID), InstanceName: types.StringValue(instance)})
	r.Diagnostics.Append(r.Resource.Set(ctx, &resourceModel{connectionModel: m, Timeouts: tfresource.NullTimeouts()})...)
	return r
}
