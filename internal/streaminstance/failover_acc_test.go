package streaminstance_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
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

// workspaceConfig is one instance in AWS region with HCL for
// stream_config and failover_regions ("" leaves either out), reached with
// a bearer token so that request counts hold no digest challenge. An
// empty, non-nil failover list writes failover_regions = [].
func workspaceConfig(t *testing.T, srv *atlasmock.Server, name, region, streamConfig string, failover ...string) string {
	extra := ""
	if streamConfig != "" {
		extra += "  stream_config = {\n" + streamConfig + "\n  }\n"
	}
	if failover != nil {
		items := make([]string, len(failover))
		for i, r := range failover {
			items[i] = fmt.Sprintf("{ cloud_provider = \"AWS\", region = %q }", r)
		}
		extra += "  failover_regions = [" + strings.Join(items, ", ") + "]\n"
	}
	return tokenProvider(t, srv) + fmt.Sprintf(`
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = %q
  data_process_region = {
    cloud_provider = "AWS"
    region         = %q
  }
%s}
`, projectID, name, region, extra)
}

// failoverChecks are the state's failover regions, in order.
func failoverChecks(regions ...string) knownvalue.Check {
	items := make([]knownvalue.Check, len(regions))
	for i, r := range regions {
		items[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{"cloud_provider": knownvalue.StringExact("AWS"), "region": knownvalue.StringExact(r)})
	}
	return knownvalue.ListExact(items)
}

// mockHolds checks what the mock stored for name.
func mockHolds(srv *atlasmock.Server, name, region, tier, maxTier string, failover ...string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringFunc(func(string) error {
		for _, in := range srv.Instances(projectID) {
			if in.Name != name {
				continue
			}
			var got []string
			for _, r := range in.FailoverRegions {
				got = append(got, r.CloudProvider+"/"+r.Region)
			}
			var want []string
			for _, r := range failover {
				want = append(want, "AWS/"+r)
			}
			if in.Region != region || in.Tier != tier || in.MaxTierSize != maxTier || !slices.Equal(got, want) {
				return fmt.Errorf("the mock holds %s %s max %q failover %v, want %s %s max %q failover %v", in.Region, in.Tier, in.MaxTierSize, got, region, tier, maxTier, want)
			}
			return nil
		}
		return fmt.Errorf("the mock has no instance %q", name)
	}))
}

func TestAccStreamInstance_createWithFailoverAndMaxTier(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := workspaceConfig(t, srv, "ws", "VIRGINIA_USA", `    tier = "SP10"
    max_tier_size = "SP30"`, "OREGON_USA", "DUBLIN_IRL")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("failover_regions"), failoverChecks("OREGON_USA", "DUBLIN_IRL")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("stream_config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"tier": knownvalue.StringExact("SP10"), "max_tier_size": knownvalue.StringExact("SP30"),
					})),
					mockHolds(srv, "ws", "VIRGINIA_USA", "SP10", "SP30", "OREGON_USA", "DUBLIN_IRL"),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			// Import brings the same state back.
			{Config: cfg, ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}, ImportStateId: projectID + "/ws"},
		},
	})
}

func TestAccStreamInstance_maxTierAloneLetsTheServerPickTheTier(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := workspaceConfig(t, srv, "capped", "OHIO_USA", `    max_tier_size = "SP10"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("stream_config").AtMapKey("tier"), knownvalue.StringExact("SP10")),
					mockHolds(srv, "capped", "OHIO_USA", "SP10", "SP10"),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

func TestAccStreamInstance_failoverAddedInPlaceThenChangedReplaces(t *testing.T) {
	srv := atlasmock.NewServer(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: workspaceConfig(t, srv, "grows", "VIRGINIA_USA", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					ids.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("failover_regions"), knownvalue.Null()),
				},
			},
			{
				// Adding them is one PATCH.
				PreConfig: srv.ResetCounts,
				Config:    workspaceConfig(t, srv, "grows", "VIRGINIA_USA", "", "OREGON_USA"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("failover_regions"), failoverChecks("OREGON_USA")),
					mockHolds(srv, "grows", "VIRGINIA_USA", "SP30", "", "OREGON_USA"),
					requestsSince(srv, map[string]int64{patch: 1, post: 0, del: 0}),
				},
			},
			{
				// Changing them replaces the instance, and the plan says so.
				Config: workspaceConfig(t, srv, "grows", "VIRGINIA_USA", "", "OREGON_USA", "OHIO_USA"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacedBy("failover_regions"),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(addr, tfjsonpath.New("id")),
					mockHolds(srv, "grows", "VIRGINIA_USA", "SP30", "", "OREGON_USA", "OHIO_USA"),
				},
			},
			{
				// Leaving them out keeps them: no change is planned.
				Config:            workspaceConfig(t, srv, "grows", "VIRGINIA_USA", ""),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "grows", "VIRGINIA_USA", "SP30", "", "OREGON_USA", "OHIO_USA")},
			},
			{
				// An empty list removes them, which replaces the instance.
				Config: workspaceConfig(t, srv, "grows", "VIRGINIA_USA", "", []string{}...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
					expectReplacedBy("failover_regions"),
				}},
				ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "grows", "VIRGINIA_USA", "SP30", "")},
			},
		},
	})
}

// expectReplacedBy checks that the plan names attr as what forces the
// replacement of the instance.
func expectReplacedBy(attr string) plancheck.PlanCheck {
	return replacedBy{attr}
}

type replacedBy struct{ attr string }

func (c replacedBy) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != addr {
			continue
		}
		for _, p := range rc.Change.ReplacePaths {
			if steps, ok := p.([]any); ok && len(steps) > 0 && steps[0] == c.attr {
				return
			}
		}
		resp.Error = fmt.Errorf("%s is replaced because of %v, not %s", addr, rc.Change.ReplacePaths, c.attr)
		return
	}
	resp.Error = fmt.Errorf("no change planned for %s", addr)
}

func TestAccStreamInstance_regionAndFailoverTogetherFailAtPlan(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: workspaceConfig(t, srv, "both", "VIRGINIA_USA", "")},
			{
				PreConfig: srv.ResetCounts,
				Config:    workspaceConfig(t, srv, "both", "OHIO_USA", "", "OREGON_USA"),
				ExpectError: says("Region And Failover Regions Changed Together", "with atlasmini_stream_instance.test", "failover_regions",
					"This plan changes data_process_region and adds failover_regions to the same instance.", "nothing was sent. Apply them one after the other"),
			},
			{
				// Nothing but the refresh reached the API, and the instance
				// is as it was.
				PreConfig: func() {
					for k, n := range srv.Counts() {
						if k != get && n > 0 {
							t.Errorf("the refused plan sent %s (%d)", k, n)
						}
					}
				},
				Config:            workspaceConfig(t, srv, "both", "VIRGINIA_USA", ""),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "both", "VIRGINIA_USA", "SP30", "")},
			},
			// One after the other works.
			{Config: workspaceConfig(t, srv, "both", "OHIO_USA", "")},
			{Config: workspaceConfig(t, srv, "both", "OHIO_USA", "", "OREGON_USA"), ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "both", "OHIO_USA", "SP30", "", "OREGON_USA")}},
		},
	})
}

func TestAccStreamInstance_maxTierRaisedAndLoweredInPlace(t *testing.T) {
	srv := atlasmock.NewServer(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	step := func(tier, maxTier string) resource.TestStep {
		sc := fmt.Sprintf("    tier = %q\n    max_tier_size = %q", tier, maxTier)
		return resource.TestStep{
			Config: workspaceConfig(t, srv, "flex", "OHIO_USA", sc),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(addr, tfjsonpath.New("id")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("stream_config").AtMapKey("max_tier_size"), knownvalue.StringExact(maxTier)),
				mockHolds(srv, "flex", "OHIO_USA", tier, maxTier),
			},
		}
	}
	raise := step("SP10", "SP50")
	raise.ConfigPlanChecks = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)}}
	lower := step("SP5", "SP5")
	lower.ConfigPlanChecks = raise.ConfigPlanChecks
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			step("SP10", "SP30"),
			raise,
			lower,
			{
				// Removing max_tier_size from the configuration keeps it.
				Config:            workspaceConfig(t, srv, "flex", "OHIO_USA", `    tier = "SP5"`),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "flex", "OHIO_USA", "SP5", "SP5")},
			},
			{
				// A tier above the max kept in state is refused at plan.
				PreConfig:   srv.ResetCounts,
				Config:      workspaceConfig(t, srv, "flex", "OHIO_USA", `    tier = "SP30"`),
				ExpectError: says("Tier Above Max Tier Size", `stream_config.tier "SP30" is above stream_config.max_tier_size "SP5" (not set in the configuration: the instance's current value, kept from state).`),
			},
			{
				PreConfig: func() {
					if n := srv.Counts()[patch]; n != 0 {
						t.Errorf("the refused plan sent %d PATCH", n)
					}
				},
				Config:           workspaceConfig(t, srv, "flex", "OHIO_USA", `    tier = "SP5"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccStreamInstance_failoverAndTierRulesFailAtPlan checks each bad
// value of the new attributes before anything reaches the API, with one
// error on the attribute it concerns.
func TestAccStreamInstance_failoverAndTierRulesFailAtPlan(t *testing.T) {
	srv := atlasmock.NewServer(t)
	region := func(provider, r string) string {
		return fmt.Sprintf("{ cloud_provider = %q, region = %q }", provider, r)
	}
	cfg := func(streamConfig string, failover ...string) string {
		return ownerProvider(srv) + fmt.Sprintf(`
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = "rules"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
  stream_config = { %s }
  failover_regions = [%s]
}`, projectID, streamConfig, strings.Join(failover, ", "))
	}
	for _, tc := range []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"failover of another cloud", cfg("", region("GCP", "US_EAST4")),
			says("Invalid Failover Region", `failover_regions[0] { cloud_provider = "GCP", region = "US_EAST4" }: an instance fails over within its cloud, so cloud_provider must be "AWS"`,
				`US_EAST4 is a GCP region.`)},
		{"failover region of the primary's cloud under another", cfg("", region("GCP", "OREGON_USA")),
			says("Invalid Failover Region", `failover_regions[0] { cloud_provider = "GCP", region = "OREGON_USA" }`, `did you mean { cloud_provider = "AWS", region = "OREGON_USA" }?`)},
		{"failover not a region of the provider", cfg("", region("AWS", "OREGON_USA"), region("AWS", "us-west-1")),
			says("Invalid Region", `failover_regions[1].region "us-west-1" is not an AWS stream processing region. Allowed regions for AWS:`)},
		{"failover with a region code", cfg("", region("AWS", "eu-west-1")),
			says("Invalid Region", `failover_regions[0].region "eu-west-1"`, `Did you mean "DUBLIN_IRL"?`)},
		{"failover equal to the primary", cfg("", region("AWS", "VIRGINIA_USA")),
			says("Invalid Failover Region", `failover_regions[0].region "VIRGINIA_USA" is the primary region (data_process_region.region)`)},
		{"failover listed twice", cfg("", region("AWS", "OHIO_USA"), region("AWS", "OREGON_USA"), region("AWS", "OHIO_USA")),
			says("Invalid Failover Region", `failover_regions[2].region "OHIO_USA" is listed twice: it is already failover_regions[0].`)},
		{"failover provider not a provider", cfg("", region("TENANT", "OHIO_USA")),
			says(`Attribute failover_regions[0].cloud_provider value must be one of: ["AWS" "GCP" "AZURE"], got: "TENANT"`)},
		{"max tier not a tier", cfg(`max_tier_size = "SP7"`),
			says(`Attribute stream_config.max_tier_size value must be one of: ["SP2" "SP5" "SP10" "SP30" "SP50"], got: "SP7"`)},
		{"tier above max tier", cfg(`tier = "SP50", max_tier_size = "SP10"`),
			says("Tier Above Max Tier Size", "with atlasmini_stream_instance.test", `stream_config.tier "SP50" is above stream_config.max_tier_size "SP10". Tiers from smallest to largest:`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: tc.want}},
			})
		})
	}
	if n := len(srv.Counts()); n != 0 {
		t.Errorf("plan-time errors reached the API: %v", srv.Counts())
	}
}

// TestAccStreamInstance_unknownFailoverAndTierWaitForApply takes the
// failover region and the max tier from another resource: unknown at
// plan time, never an error there, and applied as they turn out.
func TestAccStreamInstance_unknownFailoverAndTierWaitForApply(t *testing.T) {
	srv := atlasmock.NewServer(t)
	later := func(maxTier string) string {
		return ownerProvider(srv) + fmt.Sprintf(`
resource "terraform_data" "later" {
  input = { region = "DUBLIN_IRL", max = %q }
}
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = "later"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "LONDON_GBR"
  }
  stream_config = {
    tier          = "SP50"
    max_tier_size = terraform_data.later.output.max
  }
  failover_regions = [{ cloud_provider = "AWS", region = terraform_data.later.output.region }]
}`, maxTier, projectID)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{{
			Config: later("SP10"),
			// Plan passes; once the values are known, Terraform validates
			// again before the create, so nothing reaches the API.
			ExpectError: says("Error: Tier Above Max Tier Size", `stream_config.tier "SP50" is above stream_config.max_tier_size "SP10".`),
		}, {
			PreConfig: func() {
				if n := srv.Counts()[post]; n != 0 {
					t.Errorf("%d POSTs reached the API", n)
				}
			},
			Config:            later("SP50"),
			ConfigStateChecks: []statecheck.StateCheck{mockHolds(srv, "later", "LONDON_GBR", "SP50", "SP50", "DUBLIN_IRL")},
		}},
	})
}

// TestAccStreamInstance_noDriftFromHowTheAPISaysNothing answers through a
// front that leaves failoverRegions out of every answer and adds a max
// tier the server chose: an instance that never set either plans empty.
func TestAccStreamInstance_noDriftFromHowTheAPISaysNothing(t *testing.T) {
	srv := atlasmock.NewServer(t)
	f := acctest.NewFront(t, srv)
	cfg := frontConfig(t, f, "quiet", "")
	rewrite := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodGet && r.Method != http.MethodPatch {
			return false
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		var body map[string]any
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body["name"] == nil {
			acctest.CopyResponse(w, rec, rec.Body.Bytes())
			return true
		}
		delete(body, "failoverRegions")
		if sc, ok := body["streamConfig"].(map[string]any); ok {
			sc["maxTierSize"] = "SP50"
		}
		data, _ := json.Marshal(body)
		acctest.CopyResponse(w, rec, data)
		return true
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig:        func() { f.Set(acctest.FromStart, rewrite) },
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("failover_regions"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("stream_config").AtMapKey("max_tier_size"), knownvalue.StringExact("SP50")),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

func TestAccStreamInstanceDataSources_showFailoverAndMaxTier(t *testing.T) {
	srv := atlasmock.NewServer(t)
	if err := srv.Seed(
		atlasmock.Instance{GroupID: projectID, Name: "a-plain", CloudProvider: "GCP", Region: "US_EAST4", Tier: "SP5"},
		atlasmock.Instance{GroupID: projectID, Name: "b-ws", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP10", MaxTierSize: "SP30",
			FailoverRegions: []atlasmock.Region{{CloudProvider: "AWS", Region: "OREGON_USA"}}},
	); err != nil {
		t.Fatal(err)
	}
	one := "data.atlasmini_stream_instance.ws"
	all := "data.atlasmini_stream_instances.all"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: ownerProvider(srv) + fmt.Sprintf(`
data "atlasmini_stream_instance" "ws" {
  project_id = %[1]q
  name       = "b-ws"
}
data "atlasmini_stream_instances" "all" {
  project_id = %[1]q
}`, projectID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(one, tfjsonpath.New("failover_regions"), failoverChecks("OREGON_USA")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("stream_config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"tier": knownvalue.StringExact("SP10"), "max_tier_size": knownvalue.StringExact("SP30"),
				})),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("failover_regions"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("stream_config").AtMapKey("max_tier_size"), knownvalue.Null()),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("results").AtSliceIndex(1).AtMapKey("failover_regions"), failoverChecks("OREGON_USA")),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("results").AtSliceIndex(1).AtMapKey("stream_config").AtMapKey("max_tier_size"), knownvalue.StringExact("SP30")),
			},
		}},
	})
}

// TestAccStreamInstance_patchSendsTheWholeStreamConfig reads the PATCH
// bodies: a change of the tier alone, or of the max tier alone, sends
// both, so that a server that replaces the nested object keeps the member
// that did not change.
func TestAccStreamInstance_patchSendsTheWholeStreamConfig(t *testing.T) {
	srv := atlasmock.NewServer(t)
	f := acctest.NewFront(t, srv)
	var mu sync.Mutex
	var bodies []string
	f.Set(acctest.FromStart, func(_ http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPatch {
			data, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(data))
			mu.Lock()
			bodies = append(bodies, string(data))
			mu.Unlock()
		}
		return false
	})
	step := func(tier, maxTier, wantBody string) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				mu.Lock()
				defer mu.Unlock()
				bodies = nil
			},
			Config: frontConfig(t, f, "whole", fmt.Sprintf("  stream_config = {\n    tier = %q\n    max_tier_size = %q\n  }", tier, maxTier)),
			ConfigStateChecks: []statecheck.StateCheck{
				mockHolds(srv, "whole", "VIRGINIA_USA", tier, maxTier),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringFunc(func(string) error {
					mu.Lock()
					defer mu.Unlock()
					if wantBody == "" && len(bodies) == 0 {
						return nil
					}
					if len(bodies) != 1 || strings.TrimSpace(bodies[0]) != wantBody {
						return fmt.Errorf("PATCH bodies %q, want one: %s", bodies, wantBody)
					}
					return nil
				})),
			},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			step("SP10", "SP30", ""),
			step("SP5", "SP30", `{"streamConfig":{"tier":"SP5","maxTierSize":"SP30"}}`),
			step("SP5", "SP50", `{"streamConfig":{"tier":"SP5","maxTierSize":"SP50"}}`),
		},
	})
}
