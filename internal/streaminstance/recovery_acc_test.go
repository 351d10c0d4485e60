package streaminstance_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccStreamInstance_unknownSolarPlansTheReplacement sets solar from
// another resource's output, unknown at plan time: the plan must already
// be a replacement, or the apply fails with "inconsistent final plan" when
// the value turns out to differ.
func TestAccStreamInstance_unknownSolarPlansTheReplacement(t *testing.T) {
	srv := atlasmock.NewServer(t)
	solarFrom := func(value string) string {
		return ownerProvider(srv) + fmt.Sprintf(`
resource "terraform_data" "flag" {
  input = %s
}
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = "later-sun"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
  sample_connections = {
    solar = terraform_data.flag.output
  }
}
`, value, projectID)
	}
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	replaced := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
		plancheck.ExpectUnknownValue(addr, tfjsonpath.New("sample_connections").AtMapKey("solar")),
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: solarFrom("false"), ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(addr, tfjsonpath.New("id"))}},
			{
				// terraform_data's output is unknown while its input changes.
				Config:           solarFrom("true"),
				ConfigPlanChecks: replaced,
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sample_connections").AtMapKey("solar"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connections"), knownvalue.ListSizeExact(1)),
					onlyInstance(srv, "later-sun"),
				},
			},
			{
				Config:           solarFrom("false"),
				ConfigPlanChecks: replaced,
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connections"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

// TestAccStreamInstance_resentCreateAdoptsAfterConflict plays a create
// whose first answer is a 500 although the API applied it, whose check
// then reads 404 (the read lags the write), and whose resend is refused as
// a taken name: the instance is the one asked for, so it is adopted. The
// refusal comes as the mock's 409 and, rewritten, as the 400 with an
// errorCode of its own that Atlas may answer instead (its documentation
// lists no 409 for this operation).
func TestAccStreamInstance_resentCreateAdoptsAfterConflict(t *testing.T) {
	for _, refusal := range []int{http.StatusConflict, http.StatusBadRequest} {
		t.Run(fmt.Sprint(refusal), func(t *testing.T) {
			srv := atlasmock.NewServer(t)
			f := acctest.NewFront(t, srv)
			var mu sync.Mutex
			posts, lagged := 0, false
			f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
				mu.Lock()
				defer mu.Unlock()
				switch {
				case r.Method == http.MethodPost:
					posts++
					if posts == 1 {
						f.Srv.ServeHTTP(httptest.NewRecorder(), r) // Applied; the answer is lost.
						acctest.Answering(http.StatusInternalServerError, "UNEXPECTED_ERROR")(w, r)
						return true
					}
					return refusedAs(f, refusal)(w, r)
				case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/streams/lagging") && !lagged:
					lagged = true
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusNotFound)
					fmt.Fprintf(w, `{"error":404,"errorCode":"STREAM_TENANT_NOT_FOUND_FOR_NAME","detail":"Stream instance for project %s and name lagging not found."}`, projectID)
					return true
				case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/streams") && posts == 1:
					// The project's list lags as well, so the 404 stands.
					return listWithout(f, "lagging")(w, r)
				}
				return false
			})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{{
					Config: frontConfig(t, f, "lagging", `stream_config = { tier = "SP10" }`),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), storedID(srv, "lagging")),
						onlyInstance(srv, "lagging"),
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringFunc(func(string) error {
							mu.Lock()
							defer mu.Unlock()
							if posts != 2 || !lagged {
								return fmt.Errorf("%d POSTs (lagging read served: %v), want 2 and a lagging read", posts, lagged)
							}
							return nil
						})),
					},
				}},
			})
		})
	}
}

// listWithout answers a read of the project's list as the mock does, with
// the instance of that name left out, as a list that lags a write would.
func listWithout(f *acctest.Front, name string) acctest.Hook {
	return func(w http.ResponseWriter, r *http.Request) bool {
		rec := httptest.NewRecorder()
		f.Srv.ServeHTTP(rec, r)
		var page map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			panic(err)
		}
		var kept []any
		for _, item := range page["results"].([]any) {
			if item.(map[string]any)["name"] != name {
				kept = append(kept, item)
			}
		}
		page["results"], page["totalCount"] = kept, len(kept)
		data, _ := json.Marshal(page)
		acctest.CopyResponse(w, rec, data)
		return true
	}
}

// refusedAs passes a create to the mock and, when the mock refuses it as
// a taken name (409), answers with the given status instead: 409 as it
// is, or a 400 with an errorCode the provider does not know.
func refusedAs(f *acctest.Front, status int) acctest.Hook {
	return func(w http.ResponseWriter, r *http.Request) bool {
		rec := httptest.NewRecorder()
		f.Srv.ServeHTTP(rec, r)
		if rec.Code != http.StatusConflict || status == http.StatusConflict {
			acctest.CopyResponse(w, rec, rec.Body.Bytes())
			return true
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"error":400,"errorCode":"STREAM_WORKSPACE_NAME_IN_USE","reason":"Bad Request","detail":"The name is in use."}`)
		return true
	}
}

// TestAccStreamInstance_resentCreateConflictWithAnotherInstanceStands is
// the same play with an instance of other settings behind the 409: it is
// not adopted, and the error says how to import it.
func TestAccStreamInstance_resentCreateConflictWithAnotherInstanceStands(t *testing.T) {
	srv := atlasmock.NewServer(t)
	f := acctest.NewFront(t, srv)
	var mu sync.Mutex
	posts := 0
	f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodPost {
			if posts++; posts == 1 {
				// Not applied, and someone else takes the name meanwhile.
				if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: "contested", CloudProvider: "GCP", Region: "US_EAST4"}); err != nil {
					panic(err)
				}
				acctest.Answering(http.StatusBadGateway, "BAD_GATEWAY")(w, r)
				return true
			}
		}
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/streams/contested") && posts == 1 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":404,"errorCode":"STREAM_TENANT_NOT_FOUND_FOR_NAME"}`)
			return true
		}
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/streams") && posts == 1 {
			return listWithout(f, "contested")(w, r) // The list lags too.
		}
		return false
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config:      frontConfig(t, f, "contested", ""),
			ExpectError: errLike(`already exists in project ` + projectID + `. To manage it with Terraform or OpenTofu, import it`),
		}},
	})
	if in := srv.Instances(projectID); len(in) != 1 || in[0].Region != "US_EAST4" {
		t.Errorf("the other instance was touched: %+v", in)
	}
}

// TestAccStreamInstance_hostnamesAfterRegionChangeComeFromTheAPI strips
// hostnames from PATCH answers: the update reads them, so a dependent sees
// the new region's hostname in the same apply.
func TestAccStreamInstance_hostnamesAfterRegionChangeComeFromTheAPI(t *testing.T) {
	srv := atlasmock.NewServer(t)
	f := acctest.NewFront(t, srv)
	f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPatch {
			return false
		}
		rec := httptest.NewRecorder()
		f.Srv.ServeHTTP(rec, r)
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			panic(err)
		}
		delete(body, "hostnames")
		data, _ := json.Marshal(body)
		acctest.CopyResponse(w, rec, data)
		return true
	})
	cfg := func(region string) string {
		return strings.Replace(frontConfig(t, f, "relocated", ""), `"VIRGINIA_USA"`, `"`+region+`"`, 1) + `
resource "terraform_data" "dependent" {
  input = atlasmini_stream_instance.test.hostnames[0]
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: cfg("VIRGINIA_USA")},
			{
				Config: cfg("OREGON_USA"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("hostnames"), knownvalue.ListExact([]knownvalue.Check{mockHostname(srv, "relocated")})),
					statecheck.ExpectKnownValue("terraform_data.dependent", tfjsonpath.New("output"), mockHostname(srv, "relocated")),
					statecheck.ExpectKnownValue("terraform_data.dependent", tfjsonpath.New("output"), knownvalue.StringRegexp(regexp.MustCompile(`\.oregon-usa\.`))),
				},
			},
		},
	})
}

// mockHostname checks a value against the hostname the mock holds.
func mockHostname(srv *atlasmock.Server, name string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		for _, in := range srv.Instances(projectID) {
			if in.Name == name {
				if len(in.Hostnames) != 1 || in.Hostnames[0] != v {
					return fmt.Errorf("state says %s, the mock holds %v", v, in.Hostnames)
				}
				return nil
			}
		}
		return fmt.Errorf("the mock has no instance %q", name)
	})
}
