package atlasmock

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// benchHandler returns a handler and a bearer token for it.
func benchHandler(b *testing.B) (*Handler, string) {
	h, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/api/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(ServiceClientID, ServiceSecret)
	h.ServeHTTP(rec, req)
	token := strings.Split(strings.Split(rec.Body.String(), `"access_token":"`)[1], `"`)[0]
	return h, token
}

func BenchmarkCreateHandler(b *testing.B) {
	h, token := benchHandler(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		req := httptest.NewRequest("POST", streamsPathDemo, strings.NewReader(fmt.Sprintf(`{"name":"b%d","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`, i)))
		req.Header.Set("Accept", MediaType)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

func BenchmarkGetHandler(b *testing.B) {
	h, token := benchHandler(b)
	if err := h.Seed(Instance{GroupID: DemoProjectID, Name: "demo", CloudProvider: "AWS", Region: "OHIO_USA"}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", streamsPathDemo+"/demo?includeConnections=true", nil)
		req.Header.Set("Accept", MediaType)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
