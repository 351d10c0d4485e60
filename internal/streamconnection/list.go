package streamconnection

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NewListResource returns list "atlasmini_stream_connection" (Terraform
// 1.14+): the connections of an instance, for terraform query to find and
// adopt, by type if asked, each shown as "<name> (<type>)".
func NewListResource() list.ListResource {
	return &tfresource.ChildListResource[atlas.StreamConnection]{
		ListBase: tfresource.ListBase{TypeSuffix: "_stream_connection"},
		Kind:     tfresource.ConnectionKind,
		Plural:   "connections",
		Description: "Finds the connections of a stream instance, for `terraform query` to list them and write the configuration that imports them. " +
			"The filter applies before results are returned; Terraform's `limit` stops the reading of pages (" + fmt.Sprint(atlas.MaxItemsPerPage) + " connections each) once reached. " +
			"The configuration written leaves secrets out, as `null # sensitive`: the API never returns them, and the imported connection keeps the ones Atlas holds.",
		Filter:       "type",
		FilterValues: connectionTypes,
		Keep:         func(c *atlas.StreamConnection, typ string) bool { return c.Type == typ },
		Each: func(ctx context.Context, c *atlas.Client, projectID, instance string, yield func(*atlas.StreamConnection) bool) (int, error) {
			return c.EachStreamConnection(ctx, projectID, instance, yield)
		},
		Name:        func(c *atlas.StreamConnection) string { return c.Name },
		DisplayName: func(c *atlas.StreamConnection) string { return fmt.Sprintf("%s (%s)", c.Name, c.Type) },
		Resource: func(c *atlas.StreamConnection, projectID, instance string) any {
			m := fromAPI(c, connectionModel{ProjectID: types.StringValue(projectID), InstanceName: types.StringValue(instance)})
			return &resourceModel{connectionModel: m, Timeouts: tfresource.NullTimeouts()}
		},
		Identity: identity,
	}
}
