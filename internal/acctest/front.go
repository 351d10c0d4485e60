// Package acctest holds what the acceptance tests of every resource use:
// a front that stands between Terraform and the mock, as a proxy would, to
// lose, rewrite or answer requests, and a clock the tests move.
package acctest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// Hook answers or rewrites a request on its way to the mock; it returns
// true when it answered the request itself.
type Hook func(w http.ResponseWriter, r *http.Request) bool

// When a front's hook starts to apply.
const (
	FromStart   = iota // every request
	FromDelete         // the first DELETE and everything after it
	AfterDelete        // everything after the first DELETE, which passes
)

// Front passes every request on to the mock until a test gives it a hook.
type Front struct {
	URL string
	Srv *atlasmock.Server

	mu    sync.Mutex
	hook  Hook
	when  int
	on    bool
	count int // requests the hook saw
}

// NewFront starts a front before srv, stopped at cleanup.
func NewFront(t *testing.T, srv *atlasmock.Server) *Front {
	f := &Front{Srv: srv}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	f.URL = ts.URL
	return f
}

// Set gives the front a hook from the given moment on; nil passes every
// request on again.
func (f *Front) Set(when int, h Hook) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook, f.when, f.on, f.count = h, when, when == FromStart, 0
}

// Seen returns how many requests the hook saw since it was set.
func (f *Front) Seen() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.count
}

func (f *Front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	h, on := f.hook, f.on
	if h != nil && !on && r.Method == http.MethodDelete {
		f.on = true
		on = f.when == FromDelete
	}
	if h != nil && on {
		f.count++
	}
	f.mu.Unlock()
	if h != nil && on && h(w, r) {
		return
	}
	f.Srv.ServeHTTP(w, r)
}

// Provider is a provider block that reaches the mock through the front
// with a bearer token (a digest signature would not survive a rewritten
// path) and one retry per call.
func (f *Front) Provider(t *testing.T) string {
	return fmt.Sprintf(`
provider "atlasmini" {
  base_url     = %q
  access_token = %q
  max_retries  = 1
}
`, f.URL, f.Srv.AccessToken(t))
}

// Answering is a hook that answers every request with an Atlas error.
func Answering(status int, code string) Hook {
	return func(w http.ResponseWriter, _ *http.Request) bool {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":%d,"errorCode":%q,"reason":%q,"detail":"injected by the test"}`, status, code, http.StatusText(status))
		return true
	}
}

// CopyResponse sends a recorded response with a new body.
func CopyResponse(w http.ResponseWriter, rec *httptest.ResponseRecorder, body []byte) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}

// Clock is a clock the test moves.
type Clock struct {
	mu sync.Mutex
	T  time.Time
}

// Now is the clock's time, for atlasmock.Options.Now.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.T
}

// Add moves the clock on.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.T = c.T.Add(d)
}

// Once is a hook that handles the first request that match accepts with
// handle, and passes every other request on.
func Once(match func(r *http.Request) bool, handle Hook) Hook {
	var mu sync.Mutex
	done := false
	return func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		if done || !match(r) {
			return false
		}
		done = true
		return handle(w, r)
	}
}

// AppliedThen is a hook that lets the mock apply a request for real and
// then answers it with answer: the answer Atlas meant to send is lost.
func (f *Front) AppliedThen(answer Hook) Hook {
	return func(w http.ResponseWriter, r *http.Request) bool {
		f.Srv.ServeHTTP(httptest.NewRecorder(), r)
		return answer(w, r)
	}
}

// Dropped is a hook that closes the connection without an answer.
func Dropped(http.ResponseWriter, *http.Request) bool { panic(http.ErrAbortHandler) }

// UnknownCreateOutcome is a hook under which Atlas applies the create of
// an object under an instance (a POST to a path ending in collection:
// "/connections", "/processor") and answers it with a 500, and every read
// of such an object (a GET under collection) fails with a 500 too, so the
// create's outcome cannot be known.
func (f *Front) UnknownCreateOutcome(collection string) Hook {
	failing := Answering(http.StatusInternalServerError, "UNEXPECTED_ERROR")
	return func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, collection):
			return f.AppliedThen(failing)(w, r)
		case r.Method == http.MethodGet && strings.Contains(r.URL.Path, collection+"/"):
			return failing(w, r)
		}
		return false
	}
}
