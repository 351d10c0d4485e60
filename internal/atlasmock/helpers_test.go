package atlasmock

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/icholy/digest"
)

const (
	streamsPathDemo = "/api/atlas/v2/groups/" + DemoProjectID + "/streams"
	createBody      = `{"name":"demo","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`
)

// fakeClock is a settable clock for expiry tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// apiClient sends requests to the mock with a chosen transport.
type apiClient struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func digestClient(t *testing.T, s *Server, user, pass string) *apiClient {
	return &apiClient{t: t, base: s.URL, hc: &http.Client{Transport: &digest.Transport{Username: user, Password: pass}}}
}

func ownerClient(t *testing.T, s *Server) *apiClient {
	return digestClient(t, s, OwnerPublicKey, OwnerPrivateKey)
}

// do sends a request with the versioned Accept (and Content-Type when there
// is a body) unless headers override them; it returns status, headers and
// the body.
func (c *apiClient) do(method, path, body string, headers ...string) (int, http.Header, []byte) {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Accept", MediaType)
	if body != "" {
		req.Header.Set("Content-Type", MediaType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, data
}

// decode unmarshals data into a generic value, failing the test otherwise.
func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, data)
	}
	return v
}

// apiErr decodes an ApiError body.
func apiErr(t *testing.T, data []byte) apiError {
	t.Helper()
	var e apiError
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatalf("body is not an ApiError: %v\n%s", err, data)
	}
	return e
}

func fields(e apiError) []string {
	var out []string
	if e.BadRequestDetail != nil {
		for _, f := range e.BadRequestDetail.Fields {
			out = append(out, f.Field)
		}
	}
	return out
}

// logBuffer collects log output safely across goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor returns the log once it holds want, or what it holds after a
// generous wait: the handler writes its line after the response is sent.
func (l *logBuffer) waitFor(want string) string {
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(l.String(), want) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	return l.String()
}
