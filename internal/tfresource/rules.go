package tfresource

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// StringRule is a string validator made of what it checks, in words, and
// the check, which runs on known values only: an unknown value is no
// error at validate or plan time.
type StringRule struct {
	Desc  string
	Check func(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse)
}

var _ validator.String = StringRule{}

// Description says what the rule checks.
func (v StringRule) Description(context.Context) string { return v.Desc }

// MarkdownDescription says what the rule checks.
func (v StringRule) MarkdownDescription(context.Context) string { return v.Desc }

// ValidateString runs the check on a known value.
func (v StringRule) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.Check(ctx, req, resp)
}

// ConfigRule is a resource config validator made of what it checks, in
// words, and the check, for rules that span attributes.
type ConfigRule struct {
	Desc  string
	Check func(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse)
}

var _ resource.ConfigValidator = ConfigRule{}

// Description says what the rule checks.
func (v ConfigRule) Description(context.Context) string { return v.Desc }

// MarkdownDescription says what the rule checks.
func (v ConfigRule) MarkdownDescription(context.Context) string { return v.Desc }

// ValidateResource runs the check.
func (v ConfigRule) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	v.Check(ctx, req, resp)
}
