package streamconnection_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccStreamConnection_unknownCreateOutcomeIsRecorded: Atlas applies
// the create and answers 500, and every read of the connection fails
// while the apply runs, so its outcome stays unknown. The apply fails and
// the connection is recorded in state: the next apply finds it (and
// replaces it, since its create failed) instead of meeting "already
// exists", and Atlas never holds two, nor one Terraform forgot.
func TestAccStreamConnection_unknownCreateOutcomeIsRecorded(t *testing.T) {
	srv := newServer(t)
	f := acctest.NewFront(t, srv)
	cfg := f.Provider(t) + connectionBlock("unsure", "Https", `  https = { url = "https://x.net" }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { f.Set(acctest.FromStart, f.UnknownCreateOutcome("/connections")) },
				Config:      cfg,
				ExpectError: says("Error Creating Stream Connection", "recorded in state"),
			},
			{
				PreConfig: func() { f.Set(acctest.FromStart, nil) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), cmpStored(srv, "unsure"))},
				Check: func(*terraform.State) error {
					if n := len(srv.Connections(projectID, instance)); n != 1 {
						return fmt.Errorf("the mock holds %d connections, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccStreamConnection_everyUpdateSendsTheWriteOnlySecrets: Atlas
// documents the connection PATCH as taking the whole object, its secrets
// included, so an update that changes another setting sends the
// write-only password from the configuration, although its version did
// not change.
func TestAccStreamConnection_everyUpdateSendsTheWriteOnlySecrets(t *testing.T) {
	srv := newServer(t)
	f := acctest.NewFront(t, srv)
	var mu sync.Mutex
	var patches []string
	f.Set(acctest.FromStart, func(_ http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPatch {
			data, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(strings.NewReader(string(data)))
			mu.Lock()
			patches = append(patches, string(data))
			mu.Unlock()
		}
		return false
	})
	cfg := func(offset string) string {
		return f.Provider(t) + connectionBlock("events", "Kafka", `  kafka = {
    bootstrap_servers = "b-1.example.net:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "ingest"
      password_wo         = "the-wo-secret"
      password_wo_version = 1
    }
    config = { "auto.offset.reset" = "`+offset+`" }
  }`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg("earliest")},
			{
				Config: cfg("latest"),
				ConfigStateChecks: []statecheck.StateCheck{
					storedMember(srv, "events", "config", `{"auto.offset.reset":"latest"}`),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
						mu.Lock()
						defer mu.Unlock()
						if len(patches) != 1 || !strings.Contains(patches[0], `"password":"the-wo-secret"`) {
							return fmt.Errorf("the PATCH bodies were %q, want one with the password", patches)
						}
						return nil
					})),
				},
			},
		},
	})
}

// TestAccStreamConnection_404ThatItsListContradicts answers the first
// read of a connection with Atlas's 404 while the instance's list holds
// it, as Atlas may right after a create: a refresh then keeps the
// connection (no create is planned), and an import right after a create
// made elsewhere finds it.
func TestAccStreamConnection_404ThatItsListContradicts(t *testing.T) {
	srv := newServer(t)
	f := acctest.NewFront(t, srv)
	cfg := f.Provider(t) + connectionBlock("lagging", "Https", `  https = { url = "https://x.net" }`)
	lagOnce := func() {
		f.Set(acctest.FromStart, acctest.Once(func(r *http.Request) bool {
			return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/connections/lagging")
		}, acctest.Answering(http.StatusNotFound, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME")))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig:        lagOnce,
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				PreConfig:     lagOnce,
				Config:        cfg,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: projectID + "/ingest/lagging",
				ImportStateCheck: func(s []*terraform.InstanceState) error {
					if len(s) != 1 || s[0].Attributes["https.url"] != "https://x.net" {
						return fmt.Errorf("imported %v", s)
					}
					return nil
				},
			},
		},
	})
}

// TestAccStreamConnection_headersKeptUnlessCleared: the headers of an
// Https connection are sensitive, so the configuration terraform query
// or plan -generate-config-out writes leaves them null. An unset headers
// attribute keeps what Atlas holds and plans nothing; headers = {}
// removes them.
func TestAccStreamConnection_headersKeptUnlessCleared(t *testing.T) {
	srv := newServer(t)
	cfg := func(headers string) string {
		return connectionConfig(t, srv, "hook", "Https", "  https = {\n    url = \"https://x.net\"\n"+headers+"  }")
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config:            cfg("    headers = { Authorization = \"Bearer t0k3n\" }\n"),
				ConfigStateChecks: []statecheck.StateCheck{storedMember(srv, "hook", "headers", `{"Authorization":"Bearer t0k3n"}`)},
			},
			{
				Config:            cfg("    headers = null\n"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{storedMember(srv, "hook", "headers", `{"Authorization":"Bearer t0k3n"}`)},
			},
			{
				Config: cfg(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				Config: cfg("    headers = {}\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{storedMember(srv, "hook", "headers", `{}`)},
			},
			{Config: cfg("    headers = {}\n"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamConnection_createTimeoutRecordsTheConnection: Atlas takes
// the create but answers after the create timeout, and reads of the
// connection are as slow, so the look that follows cannot tell either:
// the apply fails with the timeout, and the connection is recorded in
// state, for the next apply to find instead of meeting "already exists".
func TestAccStreamConnection_createTimeoutRecordsTheConnection(t *testing.T) {
	srv := newServer(t)
	f := acctest.NewFront(t, srv)
	slow := func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.Method == http.MethodPost:
			f.Srv.ServeHTTP(httptest.NewRecorder(), r) // Applied at once; answered late.
		case r.Method != http.MethodGet || !strings.Contains(r.URL.Path, "/connections/"):
			return false
		}
		select {
		case <-r.Context().Done():
		case <-time.After(3 * time.Second):
		}
		return acctest.Answering(http.StatusGatewayTimeout, "GATEWAY_TIMEOUT")(w, r)
	}
	cfg := f.Provider(t) + connectionBlock("slow", "Https", "  https = { url = \"https://x.net\" }\n  timeouts = { create = \"1s\" }")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { f.Set(acctest.FromStart, slow) },
				Config:      cfg,
				ExpectError: says("Error Creating Stream Connection", "did not finish within its timeout of 1s", "recorded in state"),
			},
			{
				PreConfig: func() { f.Set(acctest.FromStart, nil) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(*terraform.State) error {
					if n := len(srv.Connections(projectID, instance)); n != 1 {
						return fmt.Errorf("the mock holds %d connections, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccStreamConnection_lostAnswersConverge creates, updates and
// destroys four connections against a mock that loses the answer of every
// first request after applying it, and one that fails a third of the
// requests with 500 without applying them: no connection is created
// twice, left behind or forgotten, and the state holds what the mock does.
func TestAccStreamConnection_lostAnswersConverge(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    atlasmock.Options
		faulted func(l *acctest.StatusLog) error
	}{
		{"every first answer lost", atlasmock.Options{LoseResponses: 1, LoseOnlyFirst: true}, func(l *acctest.StatusLog) error {
			// Each connection's create, update and delete is a distinct
			// request, so its first answer is lost.
			if n := l.Count("/connections", "499", "POST", "PATCH", "DELETE"); n < 12 {
				return fmt.Errorf("%d write answers lost, want 12 at least", n)
			}
			return nil
		}},
		{"a third of the requests fail with 500", atlasmock.Options{FailRate: 0.3, FailCodes: []int{http.StatusInternalServerError}, Seed: 24}, func(l *acctest.StatusLog) error {
			if n := l.Count("/connections", "500"); n == 0 {
				return fmt.Errorf("no request under /connections was answered 500")
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &acctest.StatusLog{}
			tc.opts.Logger = log.New(l, "", 0)
			srv := newServer(t, tc.opts)
			cfg := func(url string) string {
				// An API key: the mock's faults apply to its token endpoint too.
				return fmt.Sprintf("provider \"atlasmini\" {\n  base_url    = %q\n  public_key  = %q\n  private_key = %q\n}\n", srv.URL, atlasmock.OwnerPublicKey, atlasmock.OwnerPrivateKey) +
					fmt.Sprintf(`
resource "atlasmini_stream_connection" "many" {
  count         = 4
  project_id    = %q
  instance_name = %q
  name          = "hook-${count.index}"
  type          = "Https"
  https         = { url = %q }
}
`, projectID, instance, url)
			}
			holds := func(url string) resource.TestCheckFunc {
				return func(s *terraform.State) error {
					if got := srv.Connections(projectID, instance); len(got) != 4 {
						return fmt.Errorf("the mock holds %d connections, want 4", len(got))
					}
					for i := range 4 {
						c, ok := stored(srv, fmt.Sprintf("hook-%d", i))
						rs := s.RootModule().Resources[fmt.Sprintf("atlasmini_stream_connection.many.%d", i)]
						switch {
						case !ok || rs == nil:
							return fmt.Errorf("hook-%d: in the mock %v, in state %v", i, ok, rs != nil)
						case rs.Primary.Attributes["id"] != c.ID:
							return fmt.Errorf("hook-%d: state id %s, the mock's %s", i, rs.Primary.Attributes["id"], c.ID)
						case string(c.Members["url"]) != fmt.Sprintf("%q", url):
							return fmt.Errorf("hook-%d: the mock holds url %s, want %s", i, c.Members["url"], url)
						}
					}
					return nil
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkGone(srv),
				Steps: []resource.TestStep{
					{Config: cfg("https://a.example.net"), Check: holds("https://a.example.net")},
					{Config: cfg("https://b.example.net"), Check: holds("https://b.example.net")},
				},
			})
			if err := tc.faulted(l); err != nil {
				t.Error(err)
			}
		})
	}
}
