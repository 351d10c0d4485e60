package atlasmock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// inProcessHandler returns a handler with the built-in identities and a
// bearer token for it, fetched without a network.
func inProcessHandler(tb testing.TB) (*Handler, string) {
	tb.Helper()
	h, err := New(Options{})
	if err != nil {
		tb.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/api/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(ServiceClientID, ServiceSecret)
	h.ServeHTTP(rec, req)
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.AccessToken == "" {
		tb.Fatalf("token: %d %s", rec.Code, rec.Body)
	}
	return h, body.AccessToken
}

func BenchmarkCreateHandler(b *testing.B) {
	h, token := inProcessHandler(b)
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
	h, token := inProcessHandler(b)
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

// BenchmarkProcessorHandlers measures the requests of a processor created
// STARTED (POST, :startWith, the GET that shows it started) and deleted,
// under an instance that holds 50 other processors.
func BenchmarkProcessorHandlers(b *testing.B) {
	h, token := inProcessHandler(b)
	if err := h.Seed(Instance{GroupID: DemoProjectID, Name: "demo", CloudProvider: "AWS", Region: "OHIO_USA", Solar: true}); err != nil {
		b.Fatal(err)
	}
	base := streamsPathDemo + "/demo"
	serve := func(method, path, mediaType, body string) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Accept", mediaType)
		req.Header.Set("Authorization", "Bearer "+token)
		if body != "" {
			req.Header.Set("Content-Type", mediaType)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 && rec.Code != 204 {
			b.Fatalf("%s %s: status %d: %s", method, path, rec.Code, rec.Body)
		}
	}
	const processorType, startWithType = "application/vnd.atlas.2024-05-30+json", "application/vnd.atlas.2025-03-12+json"
	pipeline := `[{"$source":{"connectionName":"sample_stream_solar"}},{"$match":{"obs.watts":{"$gt":5}}},{"$emit":{"connectionName":"__testLog"}}]`
	i := 0
	create := func() string {
		i++
		name := fmt.Sprintf("p%d", i)
		serve("POST", base+"/processor", processorType, fmt.Sprintf(`{"name":%q,"pipeline":%s,"tier":"SP10"}`, name, pipeline))
		return name
	}
	for range 50 {
		create()
	}
	b.ReportAllocs()
	for b.Loop() {
		name := create()
		serve("POST", base+"/processor/"+name+":startWith", startWithType, `{"tier":"SP10"}`)
		serve("GET", base+"/processor/"+name, processorType, "")
		serve("DELETE", base+"/processor/"+name, processorType, "")
	}
}
