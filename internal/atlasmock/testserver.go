package atlasmock

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Server is a Handler listening on a loopback httptest server.
type Server struct {
	*Handler
	URL string
}

// NewServer starts the mock for a test with the given options (the
// built-in identities when opts.Config is nil) and stops it at cleanup.
func NewServer(t testing.TB, opts ...Options) *Server {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	h, err := New(o)
	if err != nil {
		t.Fatalf("atlasmock: %v", err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &Server{Handler: h, URL: ts.URL}
}

// AccessToken gets a bearer token for the built-in service account from
// the server's OAuth endpoint, over HTTP, for tests whose request counts
// must hold no digest challenge.
func (s *Server) AccessToken(t testing.TB) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/api/oauth/token", strings.NewReader("grant_type=client_credentials"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(ServiceClientID, ServiceSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.AccessToken == "" {
		t.Fatalf("atlasmock: no access token (status %d): %v", resp.StatusCode, err)
	}
	return body.AccessToken
}
