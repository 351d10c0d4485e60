package tfresource

import (
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// ClientFrom unpacks the client the provider hands to resources, data
// sources and list resources in Configure; nil before the provider is
// configured.
func ClientFrom(data any, diags *diag.Diagnostics) *atlas.Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*atlas.Client)
	if !ok {
		diags.AddError("Unexpected Provider Data", fmt.Sprintf("Expected *atlas.Client, got %T. This is a bug in the provider.", data))
	}
	return c
}
