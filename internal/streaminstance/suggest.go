package streaminstance

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// cloudRegionCodes maps, per cloud provider, the cloud's own names for its
// stream regions (AWS and GCP region codes, Azure display names) to the
// names Atlas uses. People copy these from their cloud console.
var cloudRegionCodes = map[string]map[string]string{
	"AWS": {
		"us-east-1": "VIRGINIA_USA", "us-east-2": "OHIO_USA", "us-west-2": "OREGON_USA",
		"eu-west-1": "DUBLIN_IRL", "eu-west-2": "LONDON_GBR", "eu-west-3": "PARIS_FRA", "eu-central-1": "FRANKFURT_DEU",
		"ap-south-1": "MUMBAI_IND", "ap-southeast-1": "SINGAPORE_SGP", "ap-southeast-2": "SYDNEY_AUS",
		"ap-northeast-1": "TOKYO_JPN", "ap-northeast-2": "SEOUL_KOR", "sa-east-1": "SAOPAULO_BRA", "ca-central-1": "MONTREAL_CAN",
	},
	"GCP": {"us-central1": "US_CENTRAL1", "europe-west1": "EUROPE_WEST1", "us-east4": "US_EAST4"},
	"AZURE": {
		"East US": "eastus", "West US": "westus", "East US 2": "eastus2",
		"West Europe": "westeurope", "Brazil South": "brazilsouth", "Australia East": "australiaeast",
	},
}

// regionHint explains why value is not a stream region of provider and,
// when a likely match exists, ends with `Did you mean "X"?`. An empty or
// unknown provider stands for every provider. The hint is empty when
// nothing useful can be said.
func regionHint(provider, value string) string {
	candidates := cloudProviders
	if slices.Contains(cloudProviders, provider) {
		candidates = []string{provider}
	}
	key := normalRegion(value)
	// The same region written another way: other case or separators, or
	// the cloud's own code for it.
	for _, p := range candidates {
		if r := sameRegion(p, key); r != "" {
			return fmt.Sprintf("Did you mean %q?", r)
		}
	}
	// A region of another provider.
	for _, p := range cloudProviders {
		if slices.Contains(candidates, p) {
			continue
		}
		if slices.Contains(streamRegions[p], value) {
			return fmt.Sprintf("%s is %s %s region.", value, article(p), p)
		}
		if r := sameRegion(p, key); r != "" {
			return fmt.Sprintf("%s is the %s region %s.", value, p, r)
		}
	}
	// A near miss.
	if r := nearestRegion(candidates, key); r != "" {
		return fmt.Sprintf("Did you mean %q?", r)
	}
	return ""
}

// sameRegion returns the region of provider whose name or cloud code
// normalises to key.
func sameRegion(provider, key string) string {
	for _, r := range streamRegions[provider] {
		if normalRegion(r) == key {
			return r
		}
	}
	for code, r := range cloudRegionCodes[provider] {
		if normalRegion(code) == key {
			return r
		}
	}
	return ""
}

// nearestRegion returns the region of the providers closest to key by
// edit distance, when it is close enough to be a typo: at most two edits,
// and fewer than a third of the name.
func nearestRegion(providers []string, key string) string {
	best, bestDist := "", 0
	for _, p := range providers {
		for _, r := range streamRegions[p] {
			d := editDistance(key, normalRegion(r))
			if best == "" || d < bestDist {
				best, bestDist = r, d
			}
		}
	}
	if bestDist <= 2 && 3*bestDist < len(key) {
		return best
	}
	return ""
}

// normalRegion folds case and drops everything but letters and digits, so
// "us_central1", "US-CENTRAL1" and "East US 2" compare with US_CENTRAL1
// and eastus2.
func normalRegion(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// article is "an" before AWS and AZURE, "a" before GCP.
func article(provider string) string {
	if strings.HasPrefix(provider, "A") {
		return "an"
	}
	return "a"
}

// StreamRegion returns the stream region of provider (AWS, AZURE or GCP)
// that value names: the region itself, the same name written another way,
// or the cloud's own code for it (us-east-1, East US 2, us-central1); ""
// when it names none. For other resources that take regions.
func StreamRegion(provider, value string) string {
	if slices.Contains(streamRegions[provider], value) {
		return value
	}
	return sameRegion(provider, normalRegion(value))
}

// RegionHint says why value is not a stream region of provider, with a
// suggestion when there is a likely one (see regionHint). For other
// resources that take regions.
func RegionHint(provider, value string) string { return regionHint(provider, value) }

// RegionsOf lists the stream regions of provider.
func RegionsOf(provider string) []string { return slices.Clone(streamRegions[provider]) }
