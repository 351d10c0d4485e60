package streaminstance

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// regionMatchesProvider is a config validator: the region must belong to
// the chosen cloud provider. It runs at validate and plan time, and says
// nothing while either value is unknown.
type regionMatchesProvider struct{}

var _ resource.ConfigValidator = regionMatchesProvider{}

func (regionMatchesProvider) Description(context.Context) string {
	return "data_process_region.region must be a region of data_process_region.cloud_provider"
}

func (v regionMatchesProvider) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (regionMatchesProvider) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	checkRegionPair(ctx, req.Config, &resp.Diagnostics)
}

// checkRegionPair adds an attribute error when the region is not one of the
// provider's regions, listing that provider's regions.
func checkRegionPair(ctx context.Context, config tfsdk.Config, diags interface {
	AddAttributeError(path.Path, string, string)
}) {
	var provider, region types.String
	base := path.Root("data_process_region")
	if config.GetAttribute(ctx, base.AtName("cloud_provider"), &provider).HasError() ||
		config.GetAttribute(ctx, base.AtName("region"), &region).HasError() {
		return
	}
	if provider.IsNull() || provider.IsUnknown() || region.IsNull() || region.IsUnknown() {
		return
	}
	regions, known := streamRegions[provider.ValueString()]
	if !known || slices.Contains(regions, region.ValueString()) {
		return // An unknown provider is reported by its own validator.
	}
	detail := fmt.Sprintf("data_process_region.region %q is not a %s stream processing region", region.ValueString(), provider.ValueString())
	if other := providerOfRegion(region.ValueString()); other != "" {
		detail += fmt.Sprintf(" (it belongs to %s)", other)
	}
	detail += fmt.Sprintf(". Allowed regions for %s: %s.", provider.ValueString(), codeList(regions))
	diags.AddAttributeError(base.AtName("region"), "Region Does Not Match Cloud Provider", detail)
}
