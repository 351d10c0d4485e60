package streaminstance

import (
	"context"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// addAPIError turns a client error into diagnostics (see
// tfresource.AddAPIError), with field violations on the instance's
// attributes.
func addAPIError(diags *diag.Diagnostics, summary, what string, err error) {
	tfresource.AddAPIError(diags, summary, what, err, fields)
}

// fields maps the API's field violations to the instance's attributes.
func fields(field string) (path.Path, bool) {
	return apiAttributePath(context.Background(), field)
}
