package streaminstance_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// hook answers or rewrites a request on its way to the mock; it returns
// true when it answered the request itself.
type hook func(w http.ResponseWriter, r *http.Request) bool

// When a front's hook starts to apply.
const (
	fromStart   = iota // every request
	fromDelete         // the first DELETE and everything after it
	afterDelete        // everything after the first DELETE, which passes
)

// front stands between Terraform and the mock, as a proxy would, and
// passes every request on until a test gives it a hook.
type front struct {
	URL string
	srv *atlasmock.Server
	api *atlas.Client

	mu    sync.Mutex
	hook  hook
	when  int
	on    bool
	count int // requests the hook saw
}

func newFront(t *testing.T, srv *atlasmock.Server) *front {
	f := &front{srv: srv, api: apiClient(t, srv)}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	f.URL = ts.URL
	return f
}

// set gives the front a hook from the given moment on; nil passes every
// request on again.
func (f *front) set(when int, h hook) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook, f.when, f.on, f.count = h, when, when == fromStart, 0
}

// seen returns how many requests the hook saw since it was set.
func (f *front) seen() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.count
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	h, on := f.hook, f.on
	if h != nil && !on && r.Method == http.MethodDelete {
		f.on = true
		on = f.when == fromDelete
	}
	if h != nil && on {
		f.count++
	}
	f.mu.Unlock()
	if h != nil && on && h(w, r) {
		return
	}
	f.srv.ServeHTTP(w, r)
}

// provider is a provider block that reaches the mock through the front
// with a bearer token (a digest signature would not survive a rewritten
// path) and one retry per call.
func (f *front) provider(t *testing.T) string {
	return fmt.Sprintf(`
provider "atlasmini" {
  base_url     = %q
  access_token = %q
  max_retries  = 1
}
`, f.URL, f.srv.AccessToken(t))
}

// testClock is a clock the test moves.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// copyResponse sends a recorded response with a new body.
func copyResponse(w http.ResponseWriter, rec *httptest.ResponseRecorder, body []byte) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}
