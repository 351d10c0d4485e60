package streaminstance

import "testing"

func TestRegionHint(t *testing.T) {
	for _, tc := range []struct{ provider, value, want string }{
		// The clouds' own region codes.
		{"AWS", "us-east-1", `Did you mean "VIRGINIA_USA"?`},
		{"AWS", "us-east-2", `Did you mean "OHIO_USA"?`},
		{"AWS", "us-west-2", `Did you mean "OREGON_USA"?`},
		{"AWS", "eu-west-1", `Did you mean "DUBLIN_IRL"?`},
		{"AWS", "eu-west-2", `Did you mean "LONDON_GBR"?`},
		{"AWS", "eu-west-3", `Did you mean "PARIS_FRA"?`},
		{"AWS", "eu-central-1", `Did you mean "FRANKFURT_DEU"?`},
		{"AWS", "ap-south-1", `Did you mean "MUMBAI_IND"?`},
		{"AWS", "ap-southeast-1", `Did you mean "SINGAPORE_SGP"?`},
		{"AWS", "ap-southeast-2", `Did you mean "SYDNEY_AUS"?`},
		{"AWS", "ap-northeast-1", `Did you mean "TOKYO_JPN"?`},
		{"AWS", "ap-northeast-2", `Did you mean "SEOUL_KOR"?`},
		{"AWS", "sa-east-1", `Did you mean "SAOPAULO_BRA"?`},
		{"AWS", "ca-central-1", `Did you mean "MONTREAL_CAN"?`},
		{"GCP", "us-central1", `Did you mean "US_CENTRAL1"?`},
		{"GCP", "europe-west1", `Did you mean "EUROPE_WEST1"?`},
		{"GCP", "us-east4", `Did you mean "US_EAST4"?`},
		{"AZURE", "East US", `Did you mean "eastus"?`},
		{"AZURE", "West US", `Did you mean "westus"?`},
		{"AZURE", "East US 2", `Did you mean "eastus2"?`},
		{"AZURE", "West Europe", `Did you mean "westeurope"?`},
		{"AZURE", "Brazil South", `Did you mean "brazilsouth"?`},
		{"AZURE", "Australia East", `Did you mean "australiaeast"?`},
		// Case and separator slips.
		{"AWS", "virginia_usa", `Did you mean "VIRGINIA_USA"?`},
		{"AWS", "Virginia-USA", `Did you mean "VIRGINIA_USA"?`},
		{"AZURE", "EASTUS2", `Did you mean "eastus2"?`},
		{"AZURE", "east_us_2", `Did you mean "eastus2"?`},
		{"GCP", "us_central1", `Did you mean "US_CENTRAL1"?`},
		// Near misses.
		{"AWS", "FRANKFURT_DE", `Did you mean "FRANKFURT_DEU"?`},
		{"AWS", "SINGAPOR_SGP", `Did you mean "SINGAPORE_SGP"?`},
		{"GCP", "US_EAST5", `Did you mean "US_EAST4"?`},
		// A region of another provider.
		{"GCP", "TOKYO_JPN", "TOKYO_JPN is an AWS region."},
		{"AWS", "eastus", "eastus is an AZURE region."},
		{"AZURE", "US_EAST4", "US_EAST4 is a GCP region."},
		{"GCP", "us-east-1", "us-east-1 is the AWS region VIRGINIA_USA."},
		// Any provider, when the provider is not known.
		{"", "eu-west-2", `Did you mean "LONDON_GBR"?`},
		{"TENANT", "us-central1", `Did you mean "US_CENTRAL1"?`},
		// Nonsense gets no suggestion.
		{"AWS", "MARS_1", ""},
		{"GCP", "MARS_1", ""},
		{"", "MARS_1", ""},
		{"AWS", "X", ""},
		{"AWS", "", ""},
	} {
		if got := regionHint(tc.provider, tc.value); got != tc.want {
			t.Errorf("regionHint(%q, %q) = %q, want %q", tc.provider, tc.value, got, tc.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"A", "", 1}, {"KITTEN", "SITTING", 3}, {"FRANKFURTDE", "FRANKFURTDEU", 1}, {"ÄB", "AB", 1}} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
