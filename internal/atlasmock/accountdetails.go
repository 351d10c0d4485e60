package atlasmock

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// clusterRegions maps, per provider (lower case, as accountDetails takes
// it), each stream region to the Atlas cluster region name that
// accountDetails takes for it.
var clusterRegions = map[string]map[string]string{
	"aws": {
		"VIRGINIA_USA": "US_EAST_1", "OHIO_USA": "US_EAST_2", "OREGON_USA": "US_WEST_2", "MONTREAL_CAN": "CA_CENTRAL_1",
		"SAOPAULO_BRA": "SA_EAST_1", "DUBLIN_IRL": "EU_WEST_1", "LONDON_GBR": "EU_WEST_2", "PARIS_FRA": "EU_WEST_3",
		"FRANKFURT_DEU": "EU_CENTRAL_1", "MUMBAI_IND": "AP_SOUTH_1", "SINGAPORE_SGP": "AP_SOUTHEAST_1",
		"SYDNEY_AUS": "AP_SOUTHEAST_2", "TOKYO_JPN": "AP_NORTHEAST_1", "SEOUL_KOR": "AP_NORTHEAST_2",
	},
	"azure": {
		"eastus": "US_EAST", "westus": "US_WEST", "eastus2": "US_EAST_2", "westeurope": "EUROPE_WEST",
		"brazilsouth": "BRAZIL_SOUTH", "australiaeast": "AUSTRALIA_EAST",
	},
	"gcp": {"US_CENTRAL1": "CENTRAL_US", "US_EAST4": "US_EAST_4", "EUROPE_WEST1": "WESTERN_EUROPE"},
}

// accountProviders are the cloudProvider values, in the order errors name
// them.
var accountProviders = []string{"aws", "azure", "gcp"}

// isClusterRegion reports whether name is a cluster region name of the
// provider's stream regions.
func isClusterRegion(provider, name string) bool {
	return slices.Contains(slices.Collect(maps.Values(clusterRegions[provider])), name)
}

// clusterRegionNames lists a provider's cluster region names, sorted.
func clusterRegionNames(provider string) []string {
	return slices.Sorted(maps.Values(clusterRegions[provider]))
}

// digestOf is a deterministic digest of the parts.
func digestOf(parts ...string) [32]byte {
	return sha256.Sum256([]byte(strings.Join(parts, "\x00")))
}

// accountID is the project's account on a provider (lower case): an AWS
// account number, an Azure subscription id or a GCP project id.
func accountID(groupID, provider string) string {
	d := digestOf("account", groupID, provider)
	switch provider {
	case "aws":
		return fmt.Sprintf("%012d", binary.BigEndian.Uint64(d[:8])%1_000_000_000_000)
	case "azure":
		h := hex.EncodeToString(d[:16])
		return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
	default:
		return hex.EncodeToString(d[:16])
	}
}

// accountDetails is the body of GET accountDetails for a provider and
// cluster region name.
func accountDetails(groupID, provider, region string) map[string]any {
	d := digestOf("network", groupID, provider, region)
	h := hex.EncodeToString(d[:])
	cidr := fmt.Sprintf("192.168.%d.0/21", int(d[31]%32)*8)
	out := map[string]any{"cloudProvider": provider, "cidrBlock": cidr}
	switch provider {
	case "aws":
		out["awsAccountId"], out["vpcId"] = accountID(groupID, provider), "vpc-"+h[:17]
	case "azure":
		out["azureSubscriptionId"], out["virtualNetworkName"] = accountID(groupID, provider), "vnet_"+h[:24]+"_"+h[24:32]
	case "gcp":
		out["gcpProjectId"], out["vpcNetworkName"] = accountID(groupID, provider), "nt-"+h[:24]+"-"+h[24:32]
	}
	return out
}

// getAccountDetails serves GET /streams/accountDetails.
func (h *Handler) getAccountDetails(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	q := r.URL.Query()
	provider, region := strings.ToLower(q.Get("cloudProvider")), q.Get("regionName")
	var vs []fieldViolation
	known := slices.Contains(accountProviders, provider)
	switch {
	case provider == "":
		vs = append(vs, fieldViolation{"cloudProvider", "query parameter cloudProvider is required: aws, azure or gcp"})
	case !known:
		vs = append(vs, fieldViolation{"cloudProvider", fmt.Sprintf("query parameter cloudProvider %q is not valid; allowed values are aws, azure or gcp", q.Get("cloudProvider"))})
	}
	switch {
	case region == "":
		vs = append(vs, fieldViolation{"regionName", "query parameter regionName is required: an Atlas cluster region name such as US_EAST_1"})
	case known && !isClusterRegion(provider, region):
		vs = append(vs, fieldViolation{"regionName", fmt.Sprintf("query parameter regionName %q is not a %s region of stream processing; allowed values are %s",
			region, provider, quoteList(clusterRegionNames(provider)))})
	}
	if len(vs) > 0 {
		h.writeError(w, r, violationsError("VALIDATION_ERROR", "Invalid query parameters", vs), flags.envelope)
		return
	}
	h.write(w, http.StatusOK, accountDetails(rt.groupID, provider, region), flags)
}
