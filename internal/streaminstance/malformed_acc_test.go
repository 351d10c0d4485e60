package streaminstance_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// mangled fronts the mock: each request is served by the mock for real,
// then rewrite may replace the answer the client sees.
func mangled(t *testing.T, rewrite func(r *http.Request, status int, body string) (int, string, string, bool)) *atlasmock.Server {
	t.Helper()
	mock := atlasmock.NewServer(t)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		mock.ServeHTTP(rec, r)
		status, body := rec.Code, rec.Body.String()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		if s, ct, b, ok := rewrite(r, status, body); ok {
			status, body = s, b
			w.Header().Set("Content-Type", ct)
			w.Header().Del("Content-Length")
		}
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(front.Close)
	return &atlasmock.Server{Handler: mock.Handler, URL: front.URL}
}

// firstAuthorizedPost rewrites the answer to the first POST the mock
// accepted, leaving the instance created behind it.
func firstAuthorizedPost(status int, contentType, body string) func(*http.Request, int, string) (int, string, string, bool) {
	var done atomic.Bool
	return func(r *http.Request, s int, _ string) (int, string, string, bool) {
		if r.Method == http.MethodPost && s == http.StatusOK && done.CompareAndSwap(false, true) {
			return status, contentType, body, true
		}
		return 0, "", "", false
	}
}

func TestAccStreamInstance_unreadableCreateAnswersAreRecovered(t *testing.T) {
	for name, rewrite := range map[string]func(*http.Request, int, string) (int, string, string, bool){
		"truncated json":  firstAuthorizedPost(200, atlasmock.MediaType, `{"_id":"6b0`),
		"wrong types":     firstAuthorizedPost(200, atlasmock.MediaType, `{"_id":5,"hostnames":"x"}`),
		"empty body":      firstAuthorizedPost(200, atlasmock.MediaType, ``),
		"html from proxy": firstAuthorizedPost(502, "text/html", `<html><body><h1>502 Bad Gateway</h1></body></html>`),
	} {
		t.Run(name, func(t *testing.T) {
			srv := mangled(t, rewrite)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{{
					Config: instanceConfig(srv, "garbled", ""),
					// The instance the API created is in state: no orphan,
					// no duplicate, and the next plan is empty.
					Check: mockMatchesState(srv),
				}},
			})
		})
	}
}

// TestAccStreamInstance_proxyErrorPageGivesAClearError puts a proxy that
// answers every request with its own 502 page between Terraform and the
// API: the create fails with an error that quotes the page. Whether the
// create reached Atlas cannot be told, so the instance is recorded in
// state; once the proxy lets requests through, the refresh finds no such
// instance and the plan creates it.
func TestAccStreamInstance_proxyErrorPageGivesAClearError(t *testing.T) {
	srv := atlasmock.NewServer(t)
	f := acctest.NewFront(t, srv)
	cfg := frontConfig(t, f, "proxied", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					f.Set(acctest.FromStart, func(w http.ResponseWriter, _ *http.Request) bool {
						w.Header().Set("Content-Type", "text/html")
						w.WriteHeader(http.StatusBadGateway)
						fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>")
						return true
					})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Error Creating Stream Instance.*recorded\s+in\s+state.*Atlas API status: 502.*not an Atlas API\s+error\s+body:\s+<html><body><h1>502\s+Bad\s+Gateway`),
			},
			{
				PreConfig: func() { f.Set(acctest.FromStart, nil) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				Check: mockMatchesState(srv),
			},
		},
	})
}

func TestAccStreamInstance_garbageReadsGiveClearErrors(t *testing.T) {
	srv := mangled(t, func(r *http.Request, s int, _ string) (int, string, string, bool) {
		if r.Method == http.MethodGet && s == http.StatusOK {
			return 200, atlasmock.MediaType, `{"_id":[]}`, true
		}
		return 0, "", "", false
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: instanceConfig(srv, "unreadable", ""), ExpectError: regexp.MustCompile(`(?s)Error Reading Stream Instance.*could not be\s+decoded`)},
		},
	})
}

func TestAccStreamInstance_unknownConnectionTypesAndFieldsAreTolerated(t *testing.T) {
	srv := mangled(t, func(r *http.Request, s int, body string) (int, string, string, bool) {
		if r.Method != http.MethodGet || s != http.StatusOK || !strings.Contains(body, `"connections":[]`) {
			return 0, "", "", false
		}
		body = strings.Replace(body, `"connections":[]`, `"connections":[{"name":"q","type":"QuantumQueue","state":"PENDING","qubits":7,"nested":{"a":[1,2]}}],"futureField":{"x":true}`, 1)
		return s, atlasmock.MediaType, body, true
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: instanceConfig(srv, "tolerant", "")},
			{
				// The refresh picks up the new connection; nothing to change.
				Config: instanceConfig(srv, "tolerant", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("q"), "type": knownvalue.StringExact("QuantumQueue"), "state": knownvalue.StringExact("PENDING"),
						}),
					})),
				},
			},
		},
	})
}
