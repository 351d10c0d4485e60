package atlasmock

import (
	"net/http/httptest"
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
