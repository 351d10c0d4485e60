package streamprocessor

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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

// apiStates are the states Atlas reports for a processor that exists.
var apiStates = []string{"CREATED", "STARTED", "STOPPED", "FAILED"}

// ListResource is list "atlasmini_stream_processor" (Terraform 1.14+):
// the processors of an instance, for terraform query to find and adopt.
type ListResource struct {
	client *atlas.Client
}

// NewListResource returns the list resource, for the provider's list.
func NewListResource() list.ListResource { return &ListResource{} }

// listConfigModel is the config block of a list block.
type listConfigModel struct {
	ProjectID    types.String `tfsdk:"project_id"`
	InstanceName types.String `tfsdk:"instance_name"`
	State        types.String `tfsdk:"state"`
}

// Metadata names the list resource after the resource it lists.
func (l *ListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_processor"
}

// ListResourceConfigSchema is the config block: an instance and a filter.
func (l *ListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the processors of a stream instance, for `terraform query` to list them, each shown as `<name> (<state>)`, and write the configuration that imports them. " +
			"The filter applies before results are returned; Terraform's `limit` stops the reading of pages (" + fmt.Sprint(atlas.MaxItemsPerPage) + " processors each) once reached. " +
			"The configuration written keeps the processor's state, so that importing it changes nothing in Atlas, except that a `FAILED` processor is written `STARTED` " +
			"(`FAILED` is not a state a configuration may ask for): the plan after the import shows that the apply starts it again. " +
			"Terraform writes a pipeline with `jsonencode`, which puts keys in alphabetical order: where a pipeline has keys in another order, " +
			"the plan after the import warns, and the pipeline is to be written as a heredoc in Atlas's order.",
		Attributes: map[string]listschema.Attribute{
			"project_id":    listschema.StringAttribute{MarkdownDescription: "ID of the Atlas project: " + tfresource.ProjectIDRule + ".", Required: true, Validators: tfresource.ProjectIDValidators()},
			"instance_name": listschema.StringAttribute{MarkdownDescription: "Name of the stream instance.", Required: true, Validators: tfresource.InstanceNameValidators()},
			"state": listschema.StringAttribute{
				MarkdownDescription: "Only processors in this state: " + tfresource.CodeList(apiStates) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(apiStates...)},
			},
		},
	}
}

// Configure takes the provider's client.
func (l *ListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = tfresource.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// List streams the instance's processors that pass the filter, page by
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
		func(yield func(*atlas.StreamProcessor) bool) (int, error) {
			return l.client.EachStreamProcessor(ctx, projectID, instance, yield)
		},
		func(p *atlas.StreamProcessor) bool {
			return cfg.State.IsNull() || cfg.State.ValueString() == stateOf(p.State)
		},
		func(p *atlas.StreamProcessor) list.ListResult { return l.result(ctx, req, projectID, instance, p) },
		"Error Listing Stream Processors", fmt.Sprintf("Could not list the processors of stream instance %q in project %s.", instance, projectID))
}

// result is one listed processor: identity, display name "<name>
// (<state>)" and, when asked for, the resource.
func (l *ListResource) result(ctx context.Context, req list.ListRequest, projectID, instance string, p *atlas.StreamProcessor) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = fmt.Sprintf("%s (%s)", p.Name, stateOf(p.State))
	setIdentity(r.Identity, projectID, instance, p.Name)
	if !req.IncludeResource {
		return r
	}
	m := fromAPI(p, processorModel{ProjectID: types.StringValue(projectID), InstanceName: types.StringValue(instance)})
	if m.State.ValueString() == "FAILED" {
		m.State = types.StringValue("STARTED")
	}
	r.Diagnostics.Append(r.Resource.Set(ctx, &resourceModel{processorModel: m, Timeouts: tfresource.NullTimeouts()})...)
	return r
}
