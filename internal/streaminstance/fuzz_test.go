package streaminstance

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// FuzzFromAPI converts every instance the client can decode: the converter
// never panics and never fails, whatever the server left out.
func FuzzFromAPI(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"_id":"a","name":"n","hostnames":null,"connections":[]}`,
		`{"dataProcessRegion":{},"streamConfig":{},"sampleConnections":{"solar":true},"connections":[{"type":"Weird"}]}`,
		`{"connections":[{"name":"","type":"","state":""},{}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var in atlas.StreamInstance
		if json.Unmarshal(data, &in) != nil {
			return
		}
		prior := instanceModel{ProjectID: types.StringValue("p"), SampleConnections: types.ObjectNull(sampleAttrTypes), Connections: types.ListNull(connectionType)}
		m, d := fromAPI(context.Background(), &in, prior)
		if d.HasError() {
			t.Fatalf("%s: %v", data, d)
		}
		if m.Hostnames.IsNull() || m.Connections.IsNull() || m.ID.IsUnknown() {
			t.Fatalf("%s: computed values left null or unknown: %+v", data, m)
		}
	})
}
