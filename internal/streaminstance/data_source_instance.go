package streaminstance

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

var _ datasource.DataSourceWithConfigure = &DataSource{}

// DataSource is data "atlasmini_stream_instance": one instance by name.
type DataSource struct {
	tfresource.DataSourceBase
}

// NewDataSource returns the single-instance data source.
func NewDataSource() datasource.DataSource {
	return &DataSource{tfresource.DataSourceBase{TypeSuffix: "_stream_instance"}}
}

// Schema is the resource's, with project_id and name as inputs.
func (d *DataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Reads one Atlas Stream Processing instance by project and name, for example one another team manages, to use its hostnames elsewhere.",
		Attributes:          instanceDataAttributes(ctx, "project_id", "name"),
	}
}

// Read fetches the instance; a missing one is an error naming it.
func (d *DataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg instanceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, name := cfg.ProjectID.ValueString(), cfg.Name.ValueString()
	got, err := d.Client.GetStreamInstance(ctx, projectID, name)
	if err != nil {
		what := fmt.Sprintf("Could not read stream instance %q in project %s.", name, projectID)
		if atlas.IsNotFound(err) {
			what = fmt.Sprintf("Stream instance %q was not found in project %s. Check the name and project_id; data \"atlasmini_stream_instances\" lists the project's instances.", name, projectID)
		}
		addAPIError(&resp.Diagnostics, "Error Reading Stream Instance", what, err)
		return
	}
	m, diags := dataModel(ctx, got, cfg.ProjectID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// dataModel converts an instance for a data source, where
// sample_connections and failover_regions always say what the API says
// (solar false, no failover regions: []).
func dataModel(ctx context.Context, in *atlas.StreamInstance, projectID types.String) (instanceModel, diag.Diagnostics) {
	prior := instanceModel{
		ProjectID:         projectID,
		FailoverRegions:   types.ListValueMust(failoverRegionType, []attr.Value{}),
		SampleConnections: types.ObjectValueMust(sampleAttrTypes, map[string]attr.Value{"solar": types.BoolValue(false)}),
		Connections:       types.ListNull(connectionType),
	}
	return fromAPI(ctx, in, prior)
}
