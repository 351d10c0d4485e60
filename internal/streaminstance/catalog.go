// Package streaminstance holds the atlasmini_stream_instance resource and
// its data sources: schema, pure API↔model converters, validators.
package streaminstance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
)

// The value lists below feed both the validators and the descriptions, so
// docs and checks never disagree.

// cloudProviders are the providers with stream processing regions.
var cloudProviders = []string{"AWS", "GCP", "AZURE"}

// streamRegions lists the stream processing regions of each provider.
var streamRegions = map[string][]string{
	"AWS": {
		"SYDNEY_AUS", "MUMBAI_IND", "FRANKFURT_DEU", "DUBLIN_IRL", "LONDON_GBR", "VIRGINIA_USA",
		"OHIO_USA", "OREGON_USA", "SAOPAULO_BRA", "MONTREAL_CAN", "TOKYO_JPN", "SINGAPORE_SGP",
		"PARIS_FRA", "SEOUL_KOR",
	},
	"GCP":   {"US_CENTRAL1", "EUROPE_WEST1", "US_EAST4"},
	"AZURE": {"eastus", "westus", "eastus2", "westeurope", "brazilsouth", "australiaeast"},
}

// tiers are the stream processing tiers, smallest first.
var tiers = []string{"SP2", "SP5", "SP10", "SP30", "SP50"}

// tierRank orders the tiers, smallest first; -1 for an unknown tier.
func tierRank(tier string) int { return slices.Index(tiers, tier) }

// The project ID and instance name rules are every resource's.
var (
	projectIDPattern = tfresource.ProjectIDPattern
	namePattern      = tfresource.InstanceNamePattern
)

const (
	projectIDRule = tfresource.ProjectIDRule
	nameRule      = tfresource.InstanceNameRule
)

// allRegions returns every region of every provider, in provider order.
func allRegions() []string {
	var out []string
	for _, p := range cloudProviders {
		out = append(out, streamRegions[p]...)
	}
	return out
}

// codeList renders values as `A`, `B`, `C` for Markdown descriptions.
var codeList = tfresource.CodeList

// regionsDescription lists each provider's regions for the docs.
func regionsDescription() string {
	var b strings.Builder
	for _, p := range cloudProviders {
		fmt.Fprintf(&b, " %s: %s.", p, codeList(streamRegions[p]))
	}
	return b.String()
}
