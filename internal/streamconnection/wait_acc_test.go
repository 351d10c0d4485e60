package streamconnection_test

import (
	"context"
	"encoding/json"
	"fmt"
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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// plainKafka is a Kafka connection without authentication.
const plainKafka = `  kafka = {
    bootstrap_servers = "b:9092"
  }`

// TestAccStreamConnection_pendingKafkaIsWaitedFor makes Kafka connections
// PENDING for a while after each write: create and update return only once
// it is READY, and a destroy while it deploys again is retried until
// Atlas takes it.
func TestAccStreamConnection_pendingKafkaIsWaitedFor(t *testing.T) {
	srv := newServer(t, atlasmock.Options{ConnectionPending: 1500 * time.Millisecond})
	cfg := func(offset string) string {
		return connectionConfig(t, srv, "slow", "Kafka", `  kafka = {
    bootstrap_servers = "b:9092"
    config = { "auto.offset.reset" = "`+offset+`" }
  }`)
	}
	ready := statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("READY"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{PreConfig: srv.ResetCounts, Config: cfg("earliest"), ConfigStateChecks: []statecheck.StateCheck{ready, atLeast(srv, connGet, 1)}},
			{Config: cfg("latest"), ConfigStateChecks: []statecheck.StateCheck{ready, storedMember(srv, "slow", "config", `{"auto.offset.reset":"latest"}`)}},
			{
				// Written again behind Terraform's back, so the destroy meets
				// 409 STREAM_KAFKA_CONNECTION_IS_DEPLOYING first.
				PreConfig: func() {
					c, err := apiClient(t, srv).GetStreamConnection(context.Background(), projectID, instance, "slow")
					if err == nil {
						c.ID, c.State = "", ""
						_, err = apiClient(t, srv).UpdateStreamConnection(context.Background(), projectID, instance, "slow", *c)
					}
					if err != nil {
						t.Fatal(err)
					}
					srv.ResetCounts()
				},
				Config:  cfg("latest"),
				Destroy: true,
			},
			{
				PreConfig: func() {
					if n := srv.Counts()[connDelete]; n < 2 {
						t.Errorf("the destroy sent %d DELETEs, want a refused one and one more", n)
					}
				},
				Config: providerBlock(t, srv),
			},
		},
	})
}

// atLeast checks that the mock counted at least n requests of a kind.
func atLeast(srv *atlasmock.Server, kind string, n int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
		if got := srv.Counts()[kind]; got < n {
			return fmt.Errorf("%s: %d requests, want at least %d", kind, got, n)
		}
		return nil
	}))
}

// rewriteState answers a connection request through the mock with its
// answer's state replaced, or 404 for GETs while missing is above zero.
func rewriteState(f *acctest.Front, state string, missing *int, mu *sync.Mutex) acctest.Hook {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, "/connections/") && r.Method != http.MethodPost {
			return false
		}
		mu.Lock()
		if r.Method == http.MethodGet && *missing > 0 {
			*missing--
			mu.Unlock()
			return acctest.Answering(http.StatusNotFound, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME")(w, r)
		}
		mu.Unlock()
		rec := httptest.NewRecorder()
		f.Srv.ServeHTTP(rec, r)
		var body map[string]any
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil {
			acctest.CopyResponse(w, rec, rec.Body.Bytes())
			return true
		}
		body["state"] = state
		data, _ := json.Marshal(body)
		acctest.CopyResponse(w, rec, data)
		return true
	}
}

// TestAccStreamConnection_404RightAfterCreateIsWaitedOut answers the
// create PENDING and the next reads 404, as an eventually consistent API
// may: the wait goes on until the connection shows READY.
func TestAccStreamConnection_404RightAfterCreateIsWaitedOut(t *testing.T) {
	srv := newServer(t)
	f := acctest.NewFront(t, srv)
	var mu sync.Mutex
	missing := 2
	f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPost {
			return rewriteState(f, "PENDING", new(int), &mu)(w, r)
		}
		return rewriteState(f, "READY", &missing, &mu)(w, r)
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{{
			Config: f.Provider(t) + connectionBlock("eventual", "Kafka", plainKafka),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("READY")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
					mu.Lock()
					defer mu.Unlock()
					if missing != 0 {
						return fmt.Errorf("%d of the 404s were not served", missing)
					}
					return nil
				})),
			},
		}},
	})
}

// TestAccStreamConnection_failedIsAnErrorAndKeptInState reports the new
// connection FAILED: the create fails with an error that says so, the
// connection stays in state (tainted), and the next plan replaces it.
func TestAccStreamConnection_failedIsAnErrorAndKeptInState(t *testing.T) {
	srv := newServer(t)
	f := acctest.NewFront(t, srv)
	var mu sync.Mutex
	f.Set(acctest.FromStart, rewriteState(f, "FAILED", new(int), &mu))
	cfg := f.Provider(t) + connectionBlock("broken", "Kafka", plainKafka)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg, ExpectError: says("Error Creating Stream Connection", `The connection "broken" of stream instance "ingest" in project`,
				"was created but did not become READY. It is saved in state.", "the connection is FAILED, as Atlas reports it")},
			{
				PreConfig: func() { f.Set(acctest.FromStart, nil) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), cmpStored(srv, "broken"))},
			},
		},
	})
}

// TestAccStreamConnection_networkingChangeReplaces: Atlas cannot change a
// connection's network access, so a different one replaces it; leaving
// networking out keeps the public access Atlas chose.
func TestAccStreamConnection_networkingChangeReplaces(t *testing.T) {
	srv := newServer(t)
	link, err := srv.SeedPrivateLink(projectID, `{"provider":"AWS","vendor":"CONFLUENT","region":"us-east-1","serviceEndpointId":"com.amazonaws.vpce.us-east-1.vpce-svc-1","dnsDomain":"x.aws.confluent.cloud"}`)
	if err != nil {
		t.Fatal(err)
	}
	net := func(access string) string {
		return connectionConfig(t, srv, "routed", "Kafka", `  kafka = {
    bootstrap_servers = "b:9092"
    networking = { access = { `+access+` } }
  }`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: connectionConfig(t, srv, "routed", "Kafka", plainKafka)},
			{Config: net(`type = "PUBLIC"`), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config: net(`type = "PRIVATE_LINK", connection_id = "` + link.ID + `"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{storedMember(srv, "routed", "networking", `{"access":{"type":"PRIVATE_LINK","connectionId":"`+link.ID+`"}}`)},
			},
			{Config: connectionConfig(t, srv, "routed", "Kafka", plainKafka), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamConnection_unconfirmed404KeepsTheState answers 404 for the
// connection and for the instance's list (a project the credentials lost):
// the refresh fails with the way out and keeps the connection, and a
// destroy does not forget it either.
func TestAccStreamConnection_unconfirmed404KeepsTheState(t *testing.T) {
	srv := newServer(t)
	f := acctest.NewFront(t, srv)
	cfg := f.Provider(t) + connectionBlock("kept", "Https", `  https = { url = "https://x.net" }`)
	lost := func(w http.ResponseWriter, r *http.Request) bool {
		r.URL.Path = strings.Replace(r.URL.Path, projectID, "0123456789abcdef01234567", 1)
		r.URL.RawPath = ""
		return false
	}
	kept := resource.TestStep{
		PreConfig:         func() { f.Set(acctest.FromStart, nil) },
		Config:            cfg,
		ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), cmpStored(srv, "kept"))},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() { f.Set(acctest.FromStart, lost) },
				Config:    cfg,
				PlanOnly:  true,
				ExpectError: says("Error Reading Stream Connection", "The state is left as it was.", "If the project was deleted, the stream connection went with it",
					"terraform state rm 'atlasmini_stream_connection.<label>'", "GROUP_NOT_FOUND", "has not confirmed that the stream connection is gone"),
			},
			kept,
			{
				PreConfig:   func() { f.Set(acctest.FromDelete, lost) },
				Config:      cfg,
				Destroy:     true,
				ExpectError: says("Error Deleting Stream Connection", "has not confirmed that the stream connection is gone"),
			},
			kept,
		},
	})
}

// TestAccStreamConnection_takenNameSaysHowToImport creates a connection
// whose name is taken, with the mock's 409 and with a 400 of another
// errorCode, as Atlas may answer: one read finds the connection, and the
// error says how to import it, by import block or either CLI.
func TestAccStreamConnection_takenNameSaysHowToImport(t *testing.T) {
	for _, status := range []int{http.StatusConflict, http.StatusBadRequest} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newServer(t)
			if err := srv.SeedConnection(projectID, instance, []byte(`{"name":"taken","type":"Https","url":"https://x.net"}`)); err != nil {
				t.Fatal(err)
			}
			f := acctest.NewFront(t, srv)
			f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method != http.MethodPost || status == http.StatusConflict {
					return false
				}
				return acctest.Answering(http.StatusBadRequest, "STREAM_CONNECTION_NAME_IN_USE")(w, r)
			})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{{
					Config: f.Provider(t) + connectionBlock("taken", "Https", `  https = { url = "https://y.net" }`),
					ExpectError: says(`A connection named "taken" already exists in stream instance "ingest" of project`, "import it with an import block:",
						"to = atlasmini_stream_connection.<label>", `id = "`+projectID+`/ingest/taken"`,
						"terraform import atlasmini_stream_connection.<label> "+projectID+"/ingest/taken (tofu import with OpenTofu)"),
				}},
			})
		})
	}
}
