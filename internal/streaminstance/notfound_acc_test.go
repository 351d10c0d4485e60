package streaminstance_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
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
		wrongPath: `/api/atlas/v2/groups/` + projectID + `/streams/\S+\s+answered\s+404\s+Not\s+Found\s+\(errorCode\s+RESOURCE_NOT_FOUND\).*has\s+not\s+confirmed\s+that\s+the\s+stream\s+instance\s+is\s+gone.*base_url`,
		html404:   `answered\s+404\s+Not\s+Found\s+with\s+a\s+body\s+that\s+is\s+not\s+an\s+Atlas\s+API\s+error.*nginx`,
		// The way out comes first: state rm or a removed block, and
		// which fits when; then the two answers.
		project404: `If\s+the\s+project\s+was\s+deleted.*terraform\s+state\s+rm\s+'atlasmini_stream_instance.<label>'.*by\s+hand.*pipeline.*removed\s+\{\s+from\s+=\s+atlasmini_stream_instance.<label>\s+lifecycle\s+\{\s+destroy\s+=\s+false.*` +
			`If\s+instead\s+the\s+credentials\s+lost\s+access.*keep\s+the\s+state.*` +
			`GROUP_NOT_FOUND.*has\s+not\s+confirmed\s+that\s+the\s+stream\s+instance\s+is\s+gone.*may\s+have\s+been\s+deleted,\s+the\s+credentials\s+may\s+have\s+lost\s+access`,
	}[mode]
	return regexp.MustCompile(`(?s)` + summary + `.*` + reason)
}

// breaking returns the front's hook for a breakage.
func breaking(f *acctest.Front, mode breakage) acctest.Hook {
	return func(w http.ResponseWriter, r *http.Request) bool {
		switch mode {
		case wrongPath:
			r.URL.Path = "/typo" + r.URL.Path
			r.URL.RawPath = ""
		case html404:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte("<html><body><h1>404 Not Found</h1><hr>nginx</body></html>"))
			return true
		case project404:
			r.URL.Path = strings.Replace(r.URL.Path, projectID, "0123456789abcdef01234567", 1)
			r.URL.RawPath = ""
		case instanceGone:
			if r.Method == http.MethodDelete {
				name := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
				c, err := atlas.New(atlas.Config{BaseURL: f.Srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
				if err == nil {
					err = c.DeleteStreamInstance(context.Background(), projectID, name)
				}
				if err != nil {
					http.Error(w, err.Error(), http.StatusTeapot)
					return true
				}
			}
		}
		return false
	}
}

// frontConfig is one instance reached through the front.
func frontConfig(t *testing.T, f *acctest.Front, name, extra string) string {
	return f.Provider(t) + instanceBlock(name, extra)
}

// keptSteps are the steps after a failed refresh or destroy: with the
// front forwarding again, the plan is empty (the state still holds the
// instance) and the state's id is the one the mock holds.
func keptStep(f *acctest.Front, cfg, name string) resource.TestStep {
	return resource.TestStep{
		PreConfig: func() { f.Set(acctest.FromStart, nil) },
		Config:    cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), storedID(f.Srv, name))},
	}
}

func TestAccStreamInstance_readKeepsStateOnUnconfirmed404(t *testing.T) {
	for _, mode := range []breakage{wrongPath, html404, project404} {
		t.Run(string(mode), func(t *testing.T) {
			srv := atlasmock.NewServer(t)
			f := acctest.NewFront(t, srv)
			cfg := frontConfig(t, f, "kept", "")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig:   func() { f.Set(acctest.FromStart, breaking(f, mode)) },
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
			f := acctest.NewFront(t, srv)
			cfg := frontConfig(t, f, "undeleted", "")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig:   func() { f.Set(acctest.FromDelete, breaking(f, mode)) },
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
		f := acctest.NewFront(t, srv)
		cfg := frontConfig(t, f, "gone", "")
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: factories,
			CheckDestroy:             checkDestroyed(srv),
			Steps: []resource.TestStep{
				{Config: cfg},
				// The instance vanishes between the refresh and the DELETE:
				// the API confirms it is gone, so the destroy succeeds.
				{PreConfig: func() { f.Set(acctest.FromDelete, breaking(f, instanceGone)) }, Config: cfg, Destroy: true},
			},
		})
	})
}

// TestAccStreamInstance_deleteWaitStopsAtWhatWaitingCannotCure answers
// every read after an accepted DELETE in a way that waiting does not cure:
// the wait must stop with that error, after a bounded number of reads,
// long before its timeout.
func TestAccStreamInstance_deleteWaitStopsAtWhatWaitingCannotCure(t *testing.T) {
	const deleteFailed = `Error Deleting Stream Instance.*was\s+accepted,\s+but\s+the\s+instance\s+did\s+not\s+disappear`
	for _, tc := range []struct {
		name     string
		hook     func(*acctest.Front) acctest.Hook
		want     *regexp.Regexp
		maxReads int
	}{
		// The DELETE's 202 proved the URL, so only a 404 that is not an
		// Atlas error is doubted here (a wrong base path or project cannot
		// answer 202 first: see deleteKeepsStateOnUnconfirmed404).
		{string(html404), func(f *acctest.Front) acctest.Hook { return breaking(f, html404) }, notFoundError(deleteFailed, html404), 1},
		{"401", func(*acctest.Front) acctest.Hook { return acctest.Answering(http.StatusUnauthorized, "UNAUTHORIZED") }, regexp.MustCompile(`(?s)` + deleteFailed + `.*Atlas API status: 401.*UNAUTHORIZED`), 2},
		{"403", func(*acctest.Front) acctest.Hook { return acctest.Answering(http.StatusForbidden, "USER_UNAUTHORIZED") }, regexp.MustCompile(`(?s)` + deleteFailed + `.*Atlas API status: 403.*USER_UNAUTHORIZED`), 1},
		// Each read is tried twice (max_retries = 1); three fail in a row.
		{"500", func(*acctest.Front) acctest.Hook {
			return acctest.Answering(http.StatusInternalServerError, "UNEXPECTED_ERROR")
		}, regexp.MustCompile(`(?s)` + deleteFailed + `.*3\s+reads\s+in\s+a\s+row\s+failed.*Atlas API status: 500`), 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The delete takes an hour of the mock's clock, which moves
			// only when the test says so: the instance stays visible while
			// the wait fails, and vanishes before the final destroy.
			clock := &acctest.Clock{T: time.Now()}
			srv := atlasmock.NewServer(t, atlasmock.Options{Now: clock.Now, DeleteDelay: time.Hour, TokenTTL: 100 * time.Hour, NonceTTL: 100 * time.Hour})
			f := acctest.NewFront(t, srv)
			// Without the bound, the wait would run into this timeout.
			cfg := frontConfig(t, f, "waiting", `timeouts = { delete = "2m" }`)
			kept := keptStep(f, cfg, "waiting")
			kept.PreConfig = func() {
				if n := f.Seen(); n == 0 || n > tc.maxReads {
					t.Errorf("the wait made %d requests after the DELETE, want 1 to %d", n, tc.maxReads)
				}
				f.Set(acctest.FromStart, nil)
			}
			kept.PostApplyFunc = func() { clock.Add(2 * time.Hour) }
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig:   func() { f.Set(acctest.AfterDelete, tc.hook(f)) },
						Config:      cfg,
						Destroy:     true,
						ExpectError: tc.want,
					},
					kept,
				},
			})
		})
	}
}

// isInstanceList reports whether a request is for the project's list of
// instances, the request that confirms a 404.
func isInstanceList(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/streams")
}

// TestAccStreamInstance_readSaysWhatTheConfirmingListMeant refreshes an
// instance whose GET answers 404 while the project's list answers 401 or
// 403, as a revoked key or a lost role does: the error says what the
// status means and what to do, and the instance stays in state
// (TestUnconfirmedAdvice shows that neither the removal advice nor "try
// again" is given).
func TestAccStreamInstance_readSaysWhatTheConfirmingListMeant(t *testing.T) {
	for _, tc := range []struct {
		status         int
		code           string
		advice, reason string
	}{
		{http.StatusUnauthorized, "UNAUTHORIZED", `Fix\s+the\s+credentials.*kept\s+in\s+state`, `401\s+means\s+the\s+credentials\s+were\s+not\s+accepted`},
		{http.StatusForbidden, "USER_UNAUTHORIZED", `Give\s+the\s+credentials\s+a\s+role.*kept\s+in\s+state`, `403\s+means\s+the\s+credentials\s+are\s+valid\s+but\s+hold\s+no\s+role`},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			srv := atlasmock.NewServer(t)
			f := acctest.NewFront(t, srv)
			cfg := frontConfig(t, f, "kept", "")
			missing, refused := acctest.Answering(http.StatusNotFound, "STREAM_TENANT_NOT_FOUND_FOR_NAME"), acctest.Answering(tc.status, tc.code)
			hook := func(w http.ResponseWriter, r *http.Request) bool {
				if isInstanceList(r) {
					return refused(w, r)
				}
				return missing(w, r)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig: func() { f.Set(acctest.FromStart, hook) },
						Config:    cfg,
						PlanOnly:  true,
						ExpectError: regexp.MustCompile(`(?s)Error Reading Stream Instance.*` + tc.advice + `.*project's\s+list.*answered\s+` +
							fmt.Sprint(tc.status) + `.*` + tc.reason),
					},
					keptStep(f, cfg, "kept"),
				},
			})
		})
	}
}

// TestAccStreamInstance_deleteWaitNeedsNoListToConfirm destroys an
// instance while the project's list answers 500: the read after the
// accepted DELETE sees the 404 at the URL the DELETE proved, which needs
// no list to confirm it, so the destroy succeeds and never asks the list.
func TestAccStreamInstance_deleteWaitNeedsNoListToConfirm(t *testing.T) {
	srv := atlasmock.NewServer(t)
	f := acctest.NewFront(t, srv)
	cfg := frontConfig(t, f, "vanishing", "")
	failing := acctest.Answering(http.StatusInternalServerError, "UNEXPECTED_ERROR")
	var lists int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy: func(s *terraform.State) error {
			if lists != 0 {
				return fmt.Errorf("the destroy asked the failing list %d times", lists)
			}
			return checkDestroyed(srv)(s)
		},
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
						if isInstanceList(r) {
							lists++
							return failing(w, r)
						}
						return false
					})
				},
				Config:  cfg,
				Destroy: true,
			},
		},
	})
}
