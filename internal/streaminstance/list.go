package streaminstance

import (
	"context"
	"fmt"
	"strings"

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

// ListResource is list "atlasmini_stream_instance" (Terraform 1.14+): the
// instances of a project, for terraform query to find and adopt.
type ListResource struct {
	tfresource.ListBase
}

// NewListResource returns the list resource, for the provider's list.
func NewListResource() list.ListResource {
	return &ListResource{tfresource.ListBase{TypeSuffix: "_stream_instance"}}
}

// listConfigModel is the config block of a list block.
type listConfigModel struct {
	ProjectID     types.String `tfsdk:"project_id"`
	CloudProvider types.String `tfsdk:"cloud_provider"`
	Region        types.String `tfsdk:"region"`
	NamePrefix    types.String `tfsdk:"name_prefix"`
}

// ListResourceConfigSchema is the config block: a project and filters.
func (l *ListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the stream instances of a project, for `terraform query` to list them and write the configuration that imports them. " +
			"Filters apply before results are returned; Terraform's `limit` stops the reading of pages (" + fmt.Sprint(atlas.MaxItemsPerPage) + " instances each) once reached.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listschema.StringAttribute{MarkdownDescription: "ID of the Atlas project: " + projectIDRule + ".", Required: true, Validators: projectIDValidators()},
			"cloud_provider": listschema.StringAttribute{
				MarkdownDescription: "Only instances of this cloud provider: one of " + codeList(cloudProviders) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(cloudProviders...)},
			},
			"region": listschema.StringAttribute{
				MarkdownDescription: "Only instances in this region (of `cloud_provider` when it is set).",
				Optional:            true,
				Validators:          []validator.String{regionValidator},
			},
			"name_prefix": listschema.StringAttribute{MarkdownDescription: "Only instances whose name starts with this.", Optional: true},
		},
	}
}

// List streams the project's instances that pass the filters, page by
// page, each with its identity and display name and, when Terraform asks
// for it, the resource as Read writes it. An error ends the stream with a
// diagnostic; an empty project ends it with no result.
func (l *ListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfigModel
	if d := req.Config.Get(ctx, &cfg); d.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(d)
		return
	}
	projectID := cfg.ProjectID.ValueString()
	stream.Results = tfresource.ListStream(req.Limit,
		func(yield func(*atlas.StreamInstance) bool) (int, error) {
			return l.Client.EachStreamInstance(ctx, projectID, yield)
		},
		cfg.matches,
		func(in *atlas.StreamInstance) list.ListResult { return l.result(ctx, req, cfg.ProjectID, in) },
		"Error Listing Stream Instances", fmt.Sprintf("Could not list the stream instances of project %s.", projectID))
}

// matches applies the filters of the config block.
func (c listConfigModel) matches(in *atlas.StreamInstance) bool {
	var provider, region string
	if in.DataProcessRegion != nil {
		provider, region = in.DataProcessRegion.CloudProvider, in.DataProcessRegion.Region
	}
	return (c.CloudProvider.IsNull() || c.CloudProvider.ValueString() == provider) &&
		(c.Region.IsNull() || c.Region.ValueString() == region) &&
		(c.NamePrefix.IsNull() || strings.HasPrefix(in.Name, c.NamePrefix.ValueString()))
}

// result is one listed instance: identity, display name and, when asked
// for, the resource in the form Read gives an imported instance.
func (l *ListResource) result(ctx context.Context, req list.ListRequest, projectID types.String, in *atlas.StreamInstance) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = displayName(in)
	setIdentity(r.Identity, projectID, types.StringValue(in.Name))
	if !req.IncludeResource {
		return r
	}
	imported := instanceModel{
		ProjectID:         projectID,
		FailoverRegions:   types.ListNull(failoverRegionType),
		SampleConnections: types.ObjectNull(sampleAttrTypes),
		Connections:       types.ListNull(connectionType),
	}
	m, d := fromAPI(ctx, in, imported)
	r.Diagnostics.Append(d...)
	if !d.HasError() {
		r.Diagnostics.Append(r.Resource.Set(ctx, &resourceModel{instanceModel: m, Timeouts: tfresource.NullTimeouts()})...)
	}
	return r
}

// displayName reads "<name> (<cloud_provider> <region>, <tier>)".
func displayName(in *atlas.StreamInstance) string {
	var provider, region, tier string
	if in.DataProcessRegion != nil {
		provider, region = in.DataProcessRegion.CloudProvider, in.DataProcessRegion.Region
	}
	if in.StreamConfig != nil {
		tier = in.StreamConfig.Tier
	}
	return fmt.Sprintf("%s (%s %s, %s)", in.Name, provider, region, tier)
}
