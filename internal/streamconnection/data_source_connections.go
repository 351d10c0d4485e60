package streamconnection

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NewListDataSource returns data "atlasmini_stream_connections": every
// connection of an instance, each as data "atlasmini_stream_connection"
// shows it.
func NewListDataSource() datasource.DataSource {
	return &tfresource.ChildListDataSource[atlas.StreamConnection]{
		DataSourceBase: tfresource.DataSourceBase{TypeSuffix: "_stream_connections"},
		Plural:         "connections",
		Description: "Lists every connection of an Atlas Stream Processing instance, in the order Atlas keeps them (creation order), " +
			"of every type, for example to find what to import or which sources processors can use. Pages are followed to the end, " +
			fmt.Sprint(atlas.MaxItemsPerPage) + " connections per request. Secrets are not there: the API never returns them.",
		Attributes: connectionDataAttributes,
		Each: func(ctx context.Context, c *atlas.Client, projectID, instance string, yield func(*atlas.StreamConnection) bool) (int, error) {
			return c.EachStreamConnection(ctx, projectID, instance, yield)
		},
		Object: func(c *atlas.StreamConnection, projectID, instance string) (attr.Value, diag.Diagnostics) {
			m := dataModel(c, projectID, instance)
			values := map[string]attr.Value{
				"id": m.ID, "project_id": m.ProjectID, "instance_name": m.InstanceName, "name": m.Name, "type": m.Type, "state": m.State, "region": m.Region,
			}
			for a, v := range m.typed() {
				values[a] = *v
			}
			return types.ObjectValue(dataObjectType.AttrTypes, values)
		},
	}
}
