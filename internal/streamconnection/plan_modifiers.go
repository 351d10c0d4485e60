package streamconnection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// networkingChange replaces the connection when the configuration sets a
// network access other than the one it has: Atlas refuses to change it in
// place. A configuration that leaves networking out keeps what Atlas
// chose (public access), and an access not known until apply, on a
// connection that has one, plans the replacement.
func networkingChange() planmodifier.Object {
	return objectplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
		if req.State.Raw.IsNull() || req.ConfigValue.IsNull() || req.StateValue.IsNull() || req.StateValue.IsUnknown() {
			return
		}
		resp.RequiresReplace = !objectAttr(req.PlanValue, "access").Equal(objectAttr(req.StateValue, "access")) || req.PlanValue.IsUnknown()
	}, "Atlas cannot change a connection's network access in place: a different access replaces the connection.",
		"Atlas cannot change a connection's network access in place: a different access replaces the connection.")
}
