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

// CloudProviders are the providers with stream processing regions.
var CloudProviders = []string{"AWS", "GCP", "AZURE"}

// Regions lists the stream processing regions of each provider.
var Regions = map[string][]string{
	"AWS": {
		"SYDNEY_AUS", "MUMBAI_IND", "FRANKFURT_DEU", "DUBLIN_IRL", "LONDON_GBR", "VIRGINIA_USA",
		"OHIO_USA", "OREGON_USA", "SAOPAULO_BRA", "MONTREAL_CAN", "TOKYO_JPN", "SINGAPORE_SGP",
		"PARIS_FRA", "SEOUL_KOR",
	},
	"GCP":   {"US_CENTRAL1", "EUROPE_WEST1", "US_EAST4"},
	"AZURE": {"eastus", "westus", "eastus2", "westeurope", "brazilsouth", "australiaeast"},
}

// Tiers are the stream processing tiers.
var Tiers = []string{"SP2", "SP5", "SP10", "SP30", "SP50"}

// ProjectIDPattern is the Atlas project ID rule.
var ProjectIDPattern = regexp.MustCompile(`^[a-f0-9]{24}$`)

// NamePattern is the instance name rule.
var NamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$`)

const (
	projectIDRule = "24 lower-case hexadecimal characters"
	nameRule      = "1 to 64 letters, digits and hyphens, starting with a letter or digit"
)

// AllRegions returns every region of every provider, in provider order.
func AllRegions() []string {
	var out []string
	for _, p := range CloudProviders {
		out = append(out, Regions[p]...)
	}
	return out
}

// ProviderOfRegion returns the provider a region belongs to, or "".
func ProviderOfRegion(region string) string {
	for _, p := range CloudProviders {
		if slices.Contains(Regions[p], region) {
			return p
		}
	}
	return ""
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
	for _, p := range CloudProviders {
		fmt.Fprintf(&b, " %s: %s.", p, codeList(Regions[p]))
	}
	return b.String()
}
