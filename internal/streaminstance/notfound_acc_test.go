package streaminstance_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// A 404 means "this instance is gone" only when the API confirms it. These
// tests put a front in between Terraform and the mock that answers 404 in
// each way that does not mean it, and check that Read, Delete and the wait
// after a delete fail with an error, that the state keeps the instance and
// that the mock still has it.

// breakage is how the front answers once it is active.
type breakage string

const (
	wrongPath    breakage = "wrong base path"   // the mock under a wrong path: its own 404 RESOURCE_NOT_FOUND
	html404      breakage = "html 404"          // a proxy's HTML page
	project404   breakage = "project not found" // the project is gone for these credentials: GROUP_NOT_FOUND
	instanceGone breakage = "instance missing"  // the instance really is gone: deleted behind Terraform's back
)

// notFoundError matches the error Terraform prints after summary for a
// breakage: the URL's answer and why it is not taken as "gone".
func notFoundError(summary string, mode breakage) *regexp.Regexp {
	reason := map[breakage]string{
		wrongPath:  `/api/atlas/v2/groups/` + projectID + `/streams/\S+\s+answered\s+404\s+Not\s+Found\s+\(errorCode\s+RESOURCE_NOT_FOUND\).*has\s+not\s+confirmed\s+that\s+the\s+instance\s+is\s+gone.*base_url`,
		html404:    `answered\s+404\s+Not\s+Found\s+with\s+a\s+body\s+that\s+is\s+not\s+an\s+Atlas\s+API\s+error.*nginx`,
		project404: `GROUP_NOT_FOUND.*has\s+not\s+confirmed\s+that\s+the\s+instance\s+is\s+gone.*may\s+have\s+been\s+deleted,\s+the\s+credentials\s+may\s+have\s+lost\s+access`,
	}[mode]
	return regexp.MustCompile(`(?s)` + summary + `.*` + reason)
}

// When the front starts breaking requests.
const (
	fromStart   = iota // every request
	fromDelete         // the first DELETE and everything after it
	afterDelete        // everything after the first DELETE, which passes
)

// front forwards to the mock until it is armed.
type front struct {
	URL  string
	srv  *atlasmock.Server
	api  *atlas.Client
	mu   sync.Mutex
	mode breakage
	when int
	on   bool
}

func newFront(t *testing.T, srv *atlasmock.Server) *front {
	f := &front{srv: srv, api: apiClient(t, srv)}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	f.URL = ts.URL
	return f
}

// set arms the front; mode "" makes it forward everything again.
func (f *front) set(mode breakage, when int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mode, f.when, f.on = mode, when, when == fromStart
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	mode, on := f.mode, f.on
	if r.Method == http.MethodDelete && mode != "" && !on {
		f.on = true
		on = f.when == fromDelete
	}
	f.mu.Unlock()
	if !on || mode == "" {
		f.srv.ServeHTTP(w, r)
		return
	}
	switch mode {
	case wrongPath:
		r.URL.Path = "/typo" + r.URL.Path
		r.URL.RawPath = ""
	case html404:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<html><body><h1>404 Not Found</h1><hr>nginx</body></html>"))
		return
	case project404:
		r.URL.Path = strings.Replace(r.URL.Path, projectID, "0123456789abcdef01234567", 1)
		r.URL.RawPath = ""
	case instanceGone:
		if r.Method == http.MethodDelete {
			name := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
			if err := f.api.DeleteStreamInstance(context.Background(), projectID, name); err != nil {
				http.Error(w, err.Error(), http.StatusTeapot)
				return
			}
		}
	}
	f.srv.ServeHTTP(w, r)
}

// frontConfig is one instance reached through the front with a bearer
// token (a digest signature would not survive the front's rewrites).
func frontConfig(t *testing.T, f *front, name string) string {
	return fmt.Sprintf(`
provider "atlasmini" {
  base_url     = %q
  access_token = %q
  max_retries  = 1
}
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = %q
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
}
`, f.URL, mockToken(t, f.srv), projectID, name)
}

// keptSteps are the steps after a failed refresh or destroy: with the
// front forwarding again, the plan is empty (the state still holds the
// instance) and the state's id is the one the mock holds.
func keptStep(f *front, cfg, name string) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() { f.set("", fromStart) },
		Config:    cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), storedID(f.srv, name))},
	}
}

func TestAccStreamInstance_readKeepsStateOnUnconfirmed404(t *testing.T) {
	for _, mode := range []breakage{wrongPath, html404, project404} {
		t.Run(string(mode), func(t *testing.T) {
			srv := atlasmock.NewServer(t)
			f := newFront(t, srv)
			cfg := frontConfig(t, f, "kept")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig:   func() { f.set(mode, fromStart) },
						Config:      cfg,
						PlanOnly:    true,
						ExpectError: notFoundError(`Error Reading Stream Instance.*state\s+is\s+left\s+as\s+it\s+was`, mode),
					},
					keptStep(f, cfg, "kept"),
				},
			})
		})
	}
}

func TestAccStreamInstance_deleteKeepsStateOnUnconfirmed404(t *testing.T) {
	for _, mode := range []breakage{wrongPath, html404, project404} {
		t.Run(string(mode), func(t *testing.T) {
			srv := atlasmock.NewServer(t)
			f := newFront(t, srv)
			cfg := frontConfig(t, f, "undeleted")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig:   func() { f.set(mode, fromDelete) },
						Config:      cfg,
						Destroy:     true,
						ExpectError: notFoundError(`Error Deleting Stream Instance`, mode),
					},
					keptStep(f, cfg, "undeleted"),
				},
			})
		})
	}
	t.Run(string(instanceGone), func(t *testing.T) {
		srv := atlasmock.NewServer(t)
		f := newFront(t, srv)
		cfg := frontConfig(t, f, "gone")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: factories,
			CheckDestroy:             checkDestroyed(srv),
			Steps: []resource.TestStep{
				{Config: cfg},
				// The instance vanishes between the refresh and the DELETE:
				// the API confirms it is gone, so the destroy succeeds.
				{PreConfig: func() { f.set(instanceGone, fromDelete) }, Config: cfg, Destroy: true},
			},
		})
	})
}

func TestAccStreamInstance_deleteWaitStopsAtUnconfirmed404(t *testing.T) {
	for _, mode := range []breakage{wrongPath, html404, project404} {
		t.Run(string(mode), func(t *testing.T) {
			// The delete takes an hour of the mock's clock, which moves
			// only when the test says so: the instance stays visible while
			// the wait fails, and vanishes before the final destroy.
			clock := &testClock{t: time.Now()}
			srv := atlasmock.NewServer(t, atlasmock.Options{Now: clock.now, DeleteDelay: time.Hour, TokenTTL: 100 * time.Hour, NonceTTL: 100 * time.Hour})
			f := newFront(t, srv)
			cfg := frontConfig(t, f, "waiting")
			kept := keptStep(f, cfg, "waiting")
			kept.PostApplyFunc = func() { clock.add(2 * time.Hour) }
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig:   func() { f.set(mode, afterDelete) },
						Config:      cfg,
						Destroy:     true,
						ExpectError: notFoundError(`Error Deleting Stream Instance.*was\s+accepted,\s+but\s+the\s+instance\s+did\s+not\s+disappear`, mode),
					},
					kept,
				},
			})
		})
	}
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
