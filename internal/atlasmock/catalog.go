package atlasmock

import (
	"regexp"
	"slices"
	"strings"
)

// streamRegions lists, per cloud provider, the stream processing regions the mock
// accepts: those of the Atlas Administration API reference for stream
// instances (https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/group/endpoint-streams).
var streamRegions = map[string][]string{
	"AWS": {
		"SYDNEY_AUS", "MUMBAI_IND", "FRANKFURT_DEU", "DUBLIN_IRL", "LONDON_GBR", "VIRGINIA_USA",
		"OHIO_USA", "OREGON_USA", "SAOPAULO_BRA", "MONTREAL_CAN", "TOKYO_JPN", "SINGAPORE_SGP",
		"PARIS_FRA", "SEOUL_KOR",
	},
	"AZURE": {"eastus", "westus", "eastus2", "westeurope", "brazilsouth", "australiaeast"},
	"GCP":   {"US_CENTRAL1", "EUROPE_WEST1", "US_EAST4"},
}

// cloudProviders lists the providers that have stream regions, in the order
// error messages name them.
var cloudProviders = []string{"AWS", "GCP", "AZURE"}

// providersWithoutStreams are in the API's enum but have no stream regions.
var providersWithoutStreams = []string{"TENANT", "SERVERLESS"}

// tiers lists the stream processing tiers, smallest first.
var tiers = []string{"SP2", "SP5", "SP10", "SP30", "SP50"}

// DefaultTier is what the server picks when a create omits the tier and
// sets no lower maxTierSize.
const DefaultTier = "SP30"

// tierRank orders the tiers, smallest first; -1 for an unknown tier.
func tierRank(tier string) int { return slices.Index(tiers, tier) }

// namePattern is the instance name rule the mock enforces: Atlas allows
// letters, digits and hyphens; the length and first character are the
// mock's choice.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$`)

// groupIDPattern is the project ID rule.
var groupIDPattern = regexp.MustCompile(`^[a-f0-9]{24}$`)

// validRegion reports whether region belongs to provider.
func validRegion(provider, region string) bool {
	return slices.Contains(streamRegions[provider], region)
}

// regionSlug turns a region name into the form used in hostnames:
// VIRGINIA_USA becomes virginia-usa.
func regionSlug(region string) string {
	return strings.ReplaceAll(strings.ToLower(region), "_", "-")
}

// quoteList renders values as "A, B or C" for error sentences.
func quoteList(values []string) string {
	switch len(values) {
	case 0:
		return ""
	case 1:
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}
