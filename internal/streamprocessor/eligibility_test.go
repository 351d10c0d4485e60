package streamprocessor

import (
	"strings"
	"testing"
)

// TestIneligibility gives each reason Atlas has not to fail a processor
// over, and none where a value it depends on is not known yet.
func TestIneligibility(t *testing.T) {
	types := map[string]string{"warehouse": "Cluster", "events": "Kafka", "web": "Https", "sample_stream_solar": "Sample"}
	place := placeOfProcessor{failoverRegions: []string{"OREGON_USA"}, instanceTier: "SP10", types: types}
	clusterToKafka := `[{"$source":{"connectionName":"warehouse"}},{"$emit":{"connectionName":"events","topic":"t"}}]`
	for _, tc := range []struct {
		name, pipeline, tier string
		place                placeOfProcessor
		want                 []string
	}{
		{"eligible", clusterToKafka, "", place, nil},
		{"cluster to cluster", `[{"$source":{"connectionName":"warehouse"}},{"$merge":{"into":{"connectionName":"warehouse","db":"d","coll":"c"}}}]`, "SP30", place, nil},
		{"no failover region", clusterToKafka, "", placeOfProcessor{instanceTier: "SP10", types: types}, []string{"no failover region"}},
		{"small tier", clusterToKafka, "SP5", place, []string{"tier SP5 is below SP10"}},
		{"instance's small tier", clusterToKafka, "", placeOfProcessor{failoverRegions: []string{"X"}, instanceTier: "SP2", types: types}, []string{"tier SP2 is below SP10"}},
		{"sample source", `[{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"events","topic":"t"}}]`, "", place,
			[]string{`$source "sample_stream_solar" is a Sample connection`}},
		{"https sink", `[{"$source":{"connectionName":"warehouse"}},{"$emit":{"connectionName":"web"}}]`, "", place, []string{`sink "web" is a Https connection`}},
		{"connections not made yet", `[{"$source":{"connectionName":"later"}},{"$emit":{"connectionName":"later2"}}]`, "", place, nil},
		{"no sink", `[{"$source":{"connectionName":"warehouse"}}]`, "", place, []string{"no $merge or $emit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ineligibility(tc.pipeline, tc.tier, tc.place)
			if len(got) != len(tc.want) {
				t.Fatalf("got %q, want %d reasons like %q", got, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("reason %d: %q, want it to say %q", i, got[i], w)
				}
			}
		})
	}
}
