package streaminstance

import (
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// clientFrom unpacks the client the provider hands to the resource and
// the data sources in Configure; nil before the provider is configured.
func clientFrom(data any, diags *diag.Diagnostics) *atlas.Client {
	if data == nil {
		return nil
	}
	c, ok := data.(*atlas.Client)
	if !ok {
		diags.AddError("Unexpected Provider Data", fmt.Sprintf("Expected *atlas.Client, got %T. This is a bug in the provider.", data))
	}
	return c
}
