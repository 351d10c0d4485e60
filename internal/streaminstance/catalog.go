// Package streaminstance holds the atlasmini_stream_instance resource and
// its data sources: schema, pure API↔model converters, validators.
package streaminstance

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
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

// projectIDPattern is the Atlas project ID rule.
var projectIDPattern = regexp.MustCompile(`^[a-f0-9]{24}$`)

// namePattern is the instance name rule.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$`)

const (
	projectIDRule = "24 lower-case hexadecimal characters"
	nameRule      = "1 to 64 letters, digits and hyphens, starting with a letter or digit"
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
func codeList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

// regionsDescription lists each provider's regions for the docs.
func regionsDescription() string {
	var b strings.Builder
	for _, p := range cloudProviders {
		fmt.Fprintf(&b, " %s: %s.", p, codeList(streamRegions[p]))
	}
	return b.String()
}
