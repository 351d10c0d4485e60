package streaminstance

import (
	"context"
	"fmt"
	"slices"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// regionValidator checks the region of a region object (the primary region
// or a failover region) against the cloud_provider beside it, and gives one
// error per wrong region: it names the attribute, lists the provider's
// regions and, when it can, suggests the region that was meant. It says
// nothing while either value is unknown; a cloud_provider that is not
// valid is reported by its own validator, and the region is then checked
// against every provider.
var regionValidator = tfresource.StringRule{Desc: "must be a stream processing region of the cloud_provider beside it", Check: checkRegion}

// checkRegion is regionValidator's check.
func checkRegion(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	var provider types.String
	if d := req.Config.GetAttribute(ctx, req.Path.ParentPath().AtName("cloud_provider"), &provider); d.HasError() || provider.IsUnknown() {
		return
	}
	if wrongFailoverCloud(ctx, req, provider) {
		return // failoverRegionRules gives this entry its one error.
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

// wrongFailoverCloud reports whether the region being validated is a
// failover region whose cloud provider, a valid one, is not the primary's.
func wrongFailoverCloud(ctx context.Context, req validator.StringRequest, provider types.String) bool {
	if !req.Path.ParentPath().ParentPath().Equal(path.Root("failover_regions")) || !slices.Contains(cloudProviders, provider.ValueString()) {
		return false
	}
	var primary types.String
	d := req.Config.GetAttribute(ctx, path.Root("data_process_region").AtName("cloud_provider"), &primary)
	return !d.HasError() && !primary.IsNull() && !primary.IsUnknown() && !primary.Equal(provider)
}

// failoverRegionRules is a config validator for what the attribute
// validators cannot see alone: each failover region has the primary's
// cloud provider, is not the primary region and is listed once. It runs at
// validate and plan time, gives one error per wrong entry, and says
// nothing about values that are not known yet.
var failoverRegionRules = tfresource.ConfigRule{
	Desc:  "failover regions have the primary's cloud provider, differ from the primary region and from each other",
	Check: checkFailoverRegions,
}

// checkFailoverRegions is failoverRegionRules' check.
func checkFailoverRegions(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var primary types.Object
	var failover types.List
	// Most instances have no failover regions: look at them first.
	if req.Config.GetAttribute(ctx, path.Root("failover_regions"), &failover).HasError() || failover.IsNull() || failover.IsUnknown() ||
		req.Config.GetAttribute(ctx, path.Root("data_process_region"), &primary).HasError() {
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
		if primaryKnown && bothKnown(p.CloudProvider, fr.CloudProvider) && fr.CloudProvider.ValueString() != p.CloudProvider.ValueString() {
			if slices.Contains(cloudProviders, fr.CloudProvider.ValueString()) {
				resp.Diagnostics.AddAttributeError(at.AtName("cloud_provider"), "Invalid Failover Region", wrongFailoverProvider(at, p.CloudProvider.ValueString(), fr))
			}
			continue // A cloud_provider that is no provider at all has its own validator's error.
		}
		if !bothKnown(fr.CloudProvider, fr.Region) {
			continue
		}
		if primaryKnown && bothKnown(p.CloudProvider, p.Region) && fr.CloudProvider.Equal(p.CloudProvider) && fr.Region.Equal(p.Region) {
			resp.Diagnostics.AddAttributeError(at.AtName("region"), "Invalid Failover Region",
				fmt.Sprintf("%s %q is the primary region (data_process_region.region); a failover region must be another region of %s.",
					at.AtName("region"), fr.Region.ValueString(), fr.CloudProvider.ValueString()))
			continue
		}
		key := fr.CloudProvider.ValueString() + "/" + fr.Region.ValueString()
		if j, dup := seen[key]; dup {
			resp.Diagnostics.AddAttributeError(at.AtName("region"), "Invalid Failover Region",
				fmt.Sprintf("%s %q is listed twice: it is already failover_regions[%d]. List each failover region once.", at.AtName("region"), fr.Region.ValueString(), j))
			continue
		}
		seen[key] = i
	}
}

// wrongFailoverProvider is the one error of a failover region whose cloud
// provider is not the primary's: it names the entry and says what was
// meant, whether or not the region belongs to the provider written.
func wrongFailoverProvider(at path.Path, primary string, fr regionModel) string {
	provider, region := fr.CloudProvider.ValueString(), fr.Region.ValueString()
	msg := fmt.Sprintf("%s { cloud_provider = %q, region = %q }: an instance fails over within its cloud, so cloud_provider must be %q, "+
		"the primary region's (data_process_region.cloud_provider).", at, provider, region, primary)
	if slices.Contains(streamRegions[primary], region) {
		return msg + fmt.Sprintf(" %s is %s %s region: did you mean { cloud_provider = %q, region = %q }?", region, article(primary), primary, primary, region)
	}
	msg += fmt.Sprintf(" Allowed regions for %s: %s.", primary, codeList(streamRegions[primary]))
	if hint := regionHint(primary, region); hint != "" {
		msg += " " + hint
	}
	return msg
}

// tierWithinMax is a config validator: a tier written in the configuration
// is not above the max_tier_size written beside it. ModifyPlan applies the
// same rule (checkTierWithinMax) when one of the two comes from state.
var tierWithinMax = tfresource.ConfigRule{Desc: "stream_config.tier is at most stream_config.max_tier_size", Check: checkTiers}

// checkTiers is tierWithinMax's check.
func checkTiers(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var sc types.Object
	if req.Config.GetAttribute(ctx, path.Root("stream_config"), &sc).HasError() {
		return
	}
	if c, ok := streamConfigOf(ctx, sc); ok {
		checkTierWithinMax(tierSetting{value: c.Tier}, tierSetting{value: c.MaxTierSize}, &resp.Diagnostics)
	}
}

// tierSetting is a tier or a max tier size as a check sees it: its value
// and whether it comes from state because the configuration leaves it out.
type tierSetting struct {
	value     types.String
	fromState bool
}

// describe renders a setting for an error: its attribute, its value and,
// when it comes from state, that the configuration does not set it.
func (s tierSetting) describe(attribute string) string {
	out := fmt.Sprintf("%s %q", attribute, s.value.ValueString())
	if s.fromState {
		out += " (not set in the configuration: the instance's current value, kept from state)"
	}
	return out
}

// checkTierWithinMax is the one tier rule: a tier above max_tier_size is
// an error, reported on whichever of the two the configuration sets. It
// says nothing while either is unknown or null.
func checkTierWithinMax(tier, maxTier tierSetting, diags attributeErrors) {
	if !bothKnown(tier.value, maxTier.value) || tierRank(tier.value.ValueString()) <= tierRank(maxTier.value.ValueString()) {
		return
	}
	at, fix := path.Root("stream_config").AtName("tier"), "Lower the tier or raise max_tier_size."
	if tier.fromState {
		at = path.Root("stream_config").AtName("max_tier_size")
		fix = fmt.Sprintf("Set stream_config.tier to %s or lower in the same change, or keep max_tier_size at %s or above.", maxTier.value.ValueString(), tier.value.ValueString())
	}
	diags.AddAttributeError(at, "Tier Above Max Tier Size",
		fmt.Sprintf("%s is above %s. Tiers from smallest to largest: %s. %s",
			tier.describe("stream_config.tier"), maxTier.describe("stream_config.max_tier_size"), codeList(tiers), fix))
}

// attributeErrors is where the checks report: diagnostics, with a path.
type attributeErrors interface {
	AddAttributeError(path.Path, string, string)
}

// bothKnown reports whether both strings are known and not null.
func bothKnown(a, b types.String) bool {
	return !a.IsNull() && !a.IsUnknown() && !b.IsNull() && !b.IsUnknown()
}
