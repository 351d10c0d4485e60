package atlas

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkGetRequestPath measures one client call end to end (request
// building, retry wrapper, auth header, JSON decoding) against a loopback
// server that answers at once.
func BenchmarkGetRequestPath(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", MediaType)
		fmt.Fprint(w, `{"_id":"65f0a1b2c3d4e5f607182900","groupId":"65f0a1b2c3d4e5f60718293a","name":"x",`+
			`"dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"},"streamConfig":{"tier":"SP30"},`+
			`"sampleConnections":{"solar":true},"hostnames":["h"],"connections":[{"name":"sample_stream_solar","type":"Sample","state":"READY"}]}`)
	}))
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL, AccessToken: "t"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetStreamInstance(ctx, "65f0a1b2c3d4e5f60718293a", "x"); err != nil {
			b.Fatal(err)
		}
	}
}
