package streaminstance

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// regionValidator checks the region of a region object (the primary region
// or a failover region) against the cloud_provider beside it, and gives one
// error per wrong region: it names the attribute, lists the provider's
// regions and, when it can, suggests the region that was meant. It says
// nothing while either value is unknown; a cloud_provider that is not
// valid is reported by its own validator, and the region is then checked
// against every provider.
type regionValidator struct{}

var _ validator.String = regionValidator{}

func (regionValidator) Description(context.Context) string {
	return "must be a stream processing region of the cloud_provider beside it"
}

func (v regionValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regionValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var provider types.String
	if d := req.Config.GetAttribute(ctx, req.Path.ParentPath().AtName("cloud_provider"), &provider); d.HasError() || provider.IsUnknown() {
		return
	}
	region := req.ConfigValue.ValueString()
	regions, known := streamRegions[provider.ValueString()]
	var detail string
	switch {
	case known && slices.Contains(regions, region):
		return
	case known:
		detail = fmt.Sprintf("%s %q is not %s %s stream processing region. Allowed regions for %s: %s.",
			req.Path, region, article(provider.ValueString()), provider.ValueString(), provider.ValueString(), codeList(regions))
	case slices.Contains(allRegions(), region):
		return // The cloud_provider is wrong, and its validator says so.
	default:
		detail = fmt.Sprintf("%s %q is not a stream processing region. Allowed regions per provider:%s", req.Path, region, regionsDescription())
	}
	if hint := regionHint(provider.ValueString(), region); hint != "" {
		detail += " " + hint
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Region", detail)
}

// failoverRules is a config validator for what the attribute validators
// cannot see alone: each failover region has the primary's cloud provider,
// is not the primary region and is listed once, and the tier is not above
// max_tier_size. It runs at validate and plan time and says nothing about
// values that are not known yet.
type failoverRules struct{}

var _ resource.ConfigValidator = failoverRules{}

func (failoverRules) Description(context.Context) string {
	return "failover regions have the primary's cloud provider, differ from the primary region and from each other; tier is at most max_tier_size"
}

func (v failoverRules) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (failoverRules) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	checkFailoverRegions(ctx, req.Config, &resp.Diagnostics)
	var sc types.Object
	if req.Config.GetAttribute(ctx, path.Root("stream_config"), &sc).HasError() {
		return
	}
	checkTierWithinMax(ctx, sc, &resp.Diagnostics)
}

// attributeErrors is where the checks report: diagnostics, with a path.
type attributeErrors interface {
	AddAttributeError(path.Path, string, string)
}

func checkFailoverRegions(ctx context.Context, config tfsdk.Config, diags attributeErrors) {
	var primary types.Object
	var failover types.List
	// Most instances have no failover regions: look at them first.
	if config.GetAttribute(ctx, path.Root("failover_regions"), &failover).HasError() || failover.IsNull() || failover.IsUnknown() ||
		config.GetAttribute(ctx, path.Root("data_process_region"), &primary).HasError() {
		return
	}
	p, primaryKnown, _ := regionOf(ctx, primary)
	seen := map[string]int{}
	for i, e := range failover.Elements() {
		o, ok := e.(types.Object)
		if !ok {
			continue
		}
		fr, known, _ := regionOf(ctx, o)
		if !known {
			continue
		}
		at := path.Root("failover_regions").AtListIndex(i)
		if primaryKnown && known2(p.CloudProvider, fr.CloudProvider) && fr.CloudProvider.ValueString() != p.CloudProvider.ValueString() {
			diags.AddAttributeError(at.AtName("cloud_provider"), "Invalid Failover Region",
				fmt.Sprintf("%s %q must be the primary region's cloud provider, %q (data_process_region.cloud_provider): an instance fails over within its cloud.",
					at.AtName("cloud_provider"), fr.CloudProvider.ValueString(), p.CloudProvider.ValueString()))
			continue
		}
		if !known2(fr.CloudProvider, fr.Region) {
			continue
		}
		if primaryKnown && known2(p.CloudProvider, p.Region) && fr.CloudProvider.Equal(p.CloudProvider) && fr.Region.Equal(p.Region) {
			diags.AddAttributeError(at.AtName("region"), "Invalid Failover Region",
				fmt.Sprintf("%s %q is the primary region (data_process_region.region); a failover region must be another region of %s.",
					at.AtName("region"), fr.Region.ValueString(), fr.CloudProvider.ValueString()))
			continue
		}
		key := fr.CloudProvider.ValueString() + "/" + fr.Region.ValueString()
		if j, dup := seen[key]; dup {
			diags.AddAttributeError(at.AtName("region"), "Invalid Failover Region",
				fmt.Sprintf("%s %q is listed twice: it is already failover_regions[%d]. List each failover region once.", at.AtName("region"), fr.Region.ValueString(), j))
			continue
		}
		seen[key] = i
	}
}

// checkTierWithinMax reports a tier above max_tier_size when both are known.
func checkTierWithinMax(ctx context.Context, sc types.Object, diags attributeErrors) {
	c, ok := streamConfigOf(ctx, sc)
	if !ok || !known2(c.Tier, c.MaxTierSize) || tierRank(c.Tier.ValueString()) <= tierRank(c.MaxTierSize.ValueString()) {
		return
	}
	diags.AddAttributeError(path.Root("stream_config").AtName("tier"), "Tier Above Max Tier Size",
		fmt.Sprintf("stream_config.tier %q is above stream_config.max_tier_size %q. Tiers from smallest to largest: %s. Lower the tier or raise max_tier_size.",
			c.Tier.ValueString(), c.MaxTierSize.ValueString(), codeList(tiers)))
}

// known2 reports whether both strings are known and not null.
func known2(a, b types.String) bool {
	return !a.IsNull() && !a.IsUnknown() && !b.IsNull() && !b.IsUnknown()
}
