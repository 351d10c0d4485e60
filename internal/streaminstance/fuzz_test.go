package streaminstance

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// FuzzFromAPI converts every instance the client can decode. The converter
// never fails, and the model says what the answer said: its id and name,
// its hostnames in order, one connection per listed connection, the region,
// tier and max tier it gave (null when absent), its failover regions in
// order (null when none), and solar.
func FuzzFromAPI(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"_id":"a","name":"n","hostnames":null,"connections":[]}`,
		`{"dataProcessRegion":{},"streamConfig":{},"sampleConnections":{"solar":true},"connections":[{"type":"Weird"}]}`,
		`{"connections":[{"name":"","type":"","state":""},{}]}`,
		`{"_id":"x","name":"m","dataProcessRegion":{"cloudProvider":"GCP","region":"US_EAST4"},"streamConfig":{"tier":"SP5"},"hostnames":["a","b"]}`,
		`{"streamConfig":{"maxTierSize":"SP10"},"failoverRegions":[{"cloudProvider":"AWS","region":"OREGON_USA"},{}]}`,
		`{"streamConfig":{"tier":"SP2","maxTierSize":""},"failoverRegions":[]}`,
	} {
		f.Add([]byte(s))
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		var in atlas.StreamInstance
		if json.Unmarshal(data, &in) != nil {
			return
		}
		prior := instanceModel{ProjectID: types.StringValue("p"), Name: types.StringValue("prior"), FailoverRegions: types.ListNull(failoverRegionType), SampleConnections: types.ObjectNull(sampleAttrTypes), Connections: types.ListNull(connectionType)}
		m, d := fromAPI(ctx, &in, prior)
		if d.HasError() {
			t.Fatalf("%s: %v", data, d)
		}
		wantName := in.Name
		if wantName == "" {
			wantName = "prior"
		}
		if m.ID.ValueString() != in.ID || m.Name.ValueString() != wantName {
			t.Fatalf("%s: id %s name %s", data, m.ID, m.Name)
		}
		var hosts []string
		if d := m.Hostnames.ElementsAs(ctx, &hosts, false); d.HasError() || len(hosts) != len(in.Hostnames) {
			t.Fatalf("%s: hostnames %s", data, m.Hostnames)
		}
		for i := range hosts {
			if hosts[i] != in.Hostnames[i] {
				t.Fatalf("%s: hostnames %s", data, m.Hostnames)
			}
		}
		if len(m.Connections.Elements()) != len(in.Connections) {
			t.Fatalf("%s: %d connections, want %d", data, len(m.Connections.Elements()), len(in.Connections))
		}
		r, _, _ := regionOf(ctx, m.DataProcessRegion)
		if in.DataProcessRegion == nil {
			if !r.CloudProvider.IsNull() || !r.Region.IsNull() {
				t.Fatalf("%s: region %s from an answer without one", data, m.DataProcessRegion)
			}
		} else if r.CloudProvider.ValueString() != in.DataProcessRegion.CloudProvider || r.Region.ValueString() != in.DataProcessRegion.Region {
			t.Fatalf("%s: region %s", data, m.DataProcessRegion)
		}
		tier, ok := tierOf(ctx, m.StreamConfig)
		wantTier := in.StreamConfig != nil && in.StreamConfig.Tier != ""
		if ok != wantTier || (ok && tier != in.StreamConfig.Tier) {
			t.Fatalf("%s: tier %s", data, m.StreamConfig)
		}
		maxTier, ok := maxTierOf(ctx, m.StreamConfig)
		wantMax := in.StreamConfig != nil && in.StreamConfig.MaxTierSize != ""
		if ok != wantMax || (ok && maxTier != in.StreamConfig.MaxTierSize) {
			t.Fatalf("%s: max tier %s", data, m.StreamConfig)
		}
		if len(in.FailoverRegions) == 0 != m.FailoverRegions.IsNull() || len(m.FailoverRegions.Elements()) != len(in.FailoverRegions) {
			t.Fatalf("%s: failover regions %s", data, m.FailoverRegions)
		}
		for i, e := range m.FailoverRegions.Elements() {
			fr, _, _ := regionOf(ctx, e.(types.Object))
			if fr.CloudProvider.ValueString() != in.FailoverRegions[i].CloudProvider || fr.Region.ValueString() != in.FailoverRegions[i].Region {
				t.Fatalf("%s: failover region %d is %s", data, i, e)
			}
		}
		solar := in.SampleConnections != nil && in.SampleConnections.Solar
		if solarOf(ctx, m.SampleConnections) != solar || (!solar && !m.SampleConnections.IsNull()) {
			t.Fatalf("%s: sample_connections %s", data, m.SampleConnections)
		}
	})
}
