package streamconnection

import (
	"context"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// NewDataSource returns data "atlasmini_stream_connection": one
// connection by project, instance and name, as an import sees it (no
// secrets).
func NewDataSource() datasource.DataSource {
	return &tfresource.ChildDataSource[atlas.StreamConnection]{
		DataSourceBase: tfresource.DataSourceBase{TypeSuffix: "_stream_connection"},
		Kind:           tfresource.ConnectionKind,
		Plural:         "connections",
		Description: "Reads one connection of an Atlas Stream Processing instance by name, for example one another team manages, " +
			"to name it in a processor or check its settings. Secrets are not there: the API never returns them.",
		Attributes: connectionDataAttributes,
		Get: func(ctx context.Context, c *atlas.Client, projectID, instance, name string) (*atlas.StreamConnection, error) {
			return c.GetStreamConnection(ctx, projectID, instance, name)
		},
		Model: func(c *atlas.StreamConnection, projectID, instance string) any {
			m := dataModel(c, projectID, instance)
			return &m
		},
	}
}
