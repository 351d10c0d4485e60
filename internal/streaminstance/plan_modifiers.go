package streaminstance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// unsetKeepsState plans an Optional+Computed attribute that the
// configuration leaves out as what the state holds: the instance keeps
// what Atlas reports (failover regions or the sample connection added
// outside Terraform, or before a move or an import) and no change is
// planned for it. On create it plans null, since nothing asks Atlas for
// either; a value the configuration sets is planned as written.
type unsetKeepsState struct{}

var (
	_ planmodifier.List   = unsetKeepsState{}
	_ planmodifier.Object = unsetKeepsState{}
)

func (unsetKeepsState) Description(context.Context) string {
	return "When the configuration leaves it out, the instance keeps what it has."
}

func (m unsetKeepsState) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (unsetKeepsState) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.ConfigValue.IsNull() && !req.Plan.Raw.IsNull() {
		resp.PlanValue = req.StateValue // Null on create.
	}
}

func (unsetKeepsState) PlanModifyObject(_ context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if req.ConfigValue.IsNull() && !req.Plan.Raw.IsNull() {
		resp.PlanValue = req.StateValue
	}
}
