package streamprivatelink

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ list.ListResource              = &ListResource{}
	_ list.ListResourceWithConfigure = &ListResource{}
)

// ListResource is list "atlasmini_stream_privatelink_endpoint" (Terraform
// 1.14+): the endpoints of a project, for terraform query to find and
// adopt.
type ListResource struct {
	tfresource.ListBase
}

// NewListResource returns the list resource, for the provider's list.
func NewListResource() list.ListResource {
	return &ListResource{tfresource.ListBase{TypeSuffix: "_stream_privatelink_endpoint"}}
}

type listConfigModel struct {
	ProjectID    types.String `tfsdk:"project_id"`
	ProviderName types.String `tfsdk:"provider_name"`
	Vendor       types.String `tfsdk:"vendor"`
}

// ListResourceConfigSchema is the config block: a project and filters.
func (l *ListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the Private Link endpoints of a project, for `terraform query` to list them and write the configuration that imports them. " +
			"Terraform's `limit` stops the reading of pages (" + fmt.Sprint(atlas.MaxItemsPerPage) + " endpoints each) once reached.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listschema.StringAttribute{MarkdownDescription: dataDescriptions["project_id"], Required: true, Validators: tfresource.ProjectIDValidators()},
			"provider_name": listschema.StringAttribute{
				MarkdownDescription: "Only endpoints of this cloud provider: one of " + tfresource.CodeList(providers) + ".",
				Optional:            true, Validators: []validator.String{stringvalidator.OneOf(providers...)},
			},
			"vendor": listschema.StringAttribute{
				MarkdownDescription: "Only endpoints of this vendor: one of " + tfresource.CodeList(vendors) + ".",
				Optional:            true, Validators: []validator.String{stringvalidator.OneOf(vendors...)},
			},
		},
	}
}

// List streams the project's endpoints that pass the filters, each with
// its identity, a display name and, when asked for, the resource as an
// import reads it.
func (l *ListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfigModel
	if d := req.Config.Get(ctx, &cfg); d.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(d)
		return
	}
	projectID := cfg.ProjectID.ValueString()
	stream.Results = tfresource.ListStream(req.Limit,
		func(yield func(*atlas.PrivateLinkEndpoint) bool) (int, error) {
			return l.Client.EachPrivateLink(ctx, projectID, yield)
		},
		func(e *atlas.PrivateLinkEndpoint) bool {
			m, _ := dataModel(projectID, e)
			return (cfg.ProviderName.IsNull() || cfg.ProviderName.Equal(m.ProviderName)) && (cfg.Vendor.IsNull() || cfg.Vendor.Equal(m.Vendor))
		},
		func(e *atlas.PrivateLinkEndpoint) list.ListResult {
			r := req.NewListResult(ctx)
			m, d := dataModel(projectID, e)
			r.DisplayName = fmt.Sprintf("%s (%s)", describe(*e), m.State.ValueString())
			identity.Set(r.Identity, map[string]string{"project_id": projectID, "id": e.ID})
			r.Diagnostics.Append(d...)
			if req.IncludeResource && !d.HasError() {
				r.Diagnostics.Append(r.Resource.Set(ctx, &resourceModel{endpointModel: m, Timeouts: tfresource.NullTimeouts()})...)
			}
			return r
		},
		"Error Listing Private Link Endpoints", fmt.Sprintf("Could not list the Private Link endpoints of project %s.", projectID))
}
