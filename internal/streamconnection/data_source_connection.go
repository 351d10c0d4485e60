package streamconnection

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var _ datasource.DataSourceWithConfigure = &DataSource{}

// DataSource is data "atlasmini_stream_connection": one connection by
// project, instance and name.
type DataSource struct {
	client *atlas.Client
}

// NewDataSource returns the single-connection data source.
func NewDataSource() datasource.DataSource { return &DataSource{} }

// Metadata names the data source.
func (d *DataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection"
}

// Schema is the resource's without secrets, with the three names as inputs.
func (d *DataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Reads one connection of an Atlas Stream Processing instance by name, for example one another team manages, " +
			"to name it in a processor or check its settings. Secrets are not there: the API never returns them.",
		Attributes: connectionDataAttributes(ctx, "project_id", "instance_name", "name"),
	}
}

// Configure takes the provider's client.
func (d *DataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = tfresource.ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// Read fetches the connection; a missing one is an error naming it.
func (d *DataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg connectionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, instance, name := cfg.ProjectID.ValueString(), cfg.InstanceName.ValueString(), cfg.Name.ValueString()
	got, err := d.client.GetStreamConnection(ctx, projectID, instance, name)
	if err != nil {
		what := fmt.Sprintf("Could not read connection %q of stream instance %q in project %s.", name, instance, projectID)
		if atlas.IsNotFound(err) {
			what = fmt.Sprintf("Connection %q was not found in stream instance %q of project %s. Check the names; data \"atlasmini_stream_connections\" lists the instance's connections.",
				name, instance, projectID)
		}
		tfresource.AddAPIError(&resp.Diagnostics, "Error Reading Stream Connection", what, err, nil)
		return
	}
	m := dataModel(got, projectID, instance)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
