package streaminstance

import (
	"slices"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
)

// matchesRequest reports whether an existing instance is what the create
// asked for: same region, same tier and max tier when they were asked,
// the same failover regions, same sample setting.
func matchesRequest(got *atlas.StreamInstance, req atlas.CreateRequest) bool {
	if got.DataProcessRegion == nil || *got.DataProcessRegion != req.DataProcessRegion {
		return false
	}
	if sc := req.StreamConfig; sc != nil {
		if got.StreamConfig == nil || (sc.Tier != "" && got.StreamConfig.Tier != sc.Tier) ||
			(sc.MaxTierSize != "" && got.StreamConfig.MaxTierSize != sc.MaxTierSize) {
			return false
		}
	}
	if !slices.Equal(got.FailoverRegions, req.FailoverRegions) {
		return false
	}
	wantSolar := req.SampleConnections != nil && req.SampleConnections.Solar
	gotSolar := got.SampleConnections != nil && got.SampleConnections.Solar
	return wantSolar == gotSolar
}
