package streamaccount

import "testing"

// TestClusterRegionName maps every form of a region people write to the
// cluster region name the API takes, per provider.
func TestClusterRegionName(t *testing.T) {
	for _, tc := range []struct{ provider, region, want string }{
		{"AWS", "VIRGINIA_USA", "US_EAST_1"},
		{"AWS", "us-east-1", "US_EAST_1"},
		{"AWS", "US_EAST_1", "US_EAST_1"},
		{"AWS", "us_east_1", "US_EAST_1"},
		{"AWS", "eu-central-1", "EU_CENTRAL_1"},
		{"AZURE", "eastus2", "US_EAST_2"},
		{"AZURE", "East US 2", "US_EAST_2"},
		{"AZURE", "US_EAST_2", "US_EAST_2"},
		{"GCP", "us-central1", "CENTRAL_US"},
		{"GCP", "US_CENTRAL1", "CENTRAL_US"},
		{"GCP", "CENTRAL_US", "CENTRAL_US"},
		{"GCP", "us-east-1", ""},
		{"AWS", "eastus", ""},
		{"AWS", "mars-north-1", ""},
	} {
		if got := clusterRegionName(tc.provider, tc.region); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.provider, tc.region, got, tc.want)
		}
	}
	// Every stream region of every provider has a cluster name.
	for p, regions := range clusterRegions {
		for r := range regions {
			if clusterRegionName(p, r) == "" {
				t.Errorf("%s %s has no cluster region name", p, r)
			}
		}
	}
}
