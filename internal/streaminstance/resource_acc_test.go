package streaminstance_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const addr = "atlasmini_stream_instance.test"

var hostnameRE = regexp.MustCompile(`^atlas-stream-[0-9a-f]{24}-[a-z]{5}\.virginia-usa\.a\.query\.mongodb\.net$`)

func TestAccStreamInstance_createWithDefaults(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := instanceConfig(srv, "defaults", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{24}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("stream_config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"tier": knownvalue.StringExact("SP30"), "max_tier_size": knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("failover_regions"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sample_connections"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("hostnames"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(hostnameRE)})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{})),
					// The state holds what the mock holds.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), storedID(srv, "defaults")),
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// storedID checks a value against the _id the mock stored for name.
func storedID(srv *atlasmock.Server, name string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		for _, in := range srv.Instances(projectID) {
			if in.Name == name {
				if in.ID != v {
					return fmt.Errorf("state id %s, mock _id %s", v, in.ID)
				}
				return nil
			}
		}
		return fmt.Errorf("the mock has no instance %q", name)
	})
}

func TestAccStreamInstance_createWithEveryAttribute(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := instanceConfig(srv, "every-attr", `
  stream_config = {
    tier = "SP10"
  }
  sample_connections = {
    solar = true
  }
  timeouts = {
    create = "2m"
    update = "2m"
    delete = "2m"
  }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("stream_config").AtMapKey("tier"), knownvalue.StringExact("SP10")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sample_connections").AtMapKey("solar"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connections"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("sample_stream_solar"), "type": knownvalue.StringExact("Sample"), "state": knownvalue.StringExact("READY"),
						}),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("timeouts").AtMapKey("create"), knownvalue.StringExact("2m")),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
	if in := srv.Instances(projectID); len(in) != 0 {
		t.Errorf("left behind: %+v", in)
	}
}

func tierConfig(srv *atlasmock.Server, name, provider, region, tier string) string {
	return ownerProvider(srv) + fmt.Sprintf(`
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = %q
  data_process_region = {
    cloud_provider = %q
    region         = %q
  }
  stream_config = {
    tier = %q
  }
}
`, projectID, name, provider, region, tier)
}

func TestAccStreamInstance_updateTierInPlace(t *testing.T) {
	srv := atlasmock.NewServer(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	sameHosts := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: tierConfig(srv, "tiered", "AWS", "VIRGINIA_USA", "SP10"),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					sameHosts.AddStateValue(addr, tfjsonpath.New("hostnames")),
				},
			},
			{
				Config: tierConfig(srv, "tiered", "AWS", "VIRGINIA_USA", "SP50"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("hostnames"), knownvalue.ListSizeExact(1)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					sameHosts.AddStateValue(addr, tfjsonpath.New("hostnames")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("stream_config").AtMapKey("tier"), knownvalue.StringExact("SP50")),
					mockTier(srv, "tiered", "SP50"),
				},
			},
		},
	})
}

// mockTier checks the tier the mock holds.
func mockTier(srv *atlasmock.Server, name, tier string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringFunc(func(string) error {
		for _, in := range srv.Instances(projectID) {
			if in.Name == name && in.Tier == tier {
				return nil
			}
		}
		return fmt.Errorf("the mock does not hold %s at tier %s: %+v", name, tier, srv.Instances(projectID))
	}))
}

func TestAccStreamInstance_updateRegionInPlace(t *testing.T) {
	srv := atlasmock.NewServer(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	hosts := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: tierConfig(srv, "moving", "AWS", "VIRGINIA_USA", "SP10"),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					hosts.AddStateValue(addr, tfjsonpath.New("hostnames")),
				},
			},
			{
				Config: tierConfig(srv, "moving", "GCP", "US_EAST4", "SP10"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("hostnames")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					hosts.AddStateValue(addr, tfjsonpath.New("hostnames")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("hostnames"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(regexp.MustCompile(`\.us-east4\.`))})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("data_process_region"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"cloud_provider": knownvalue.StringExact("GCP"), "region": knownvalue.StringExact("US_EAST4"),
					})),
				},
			},
		},
	})
}

func TestAccStreamInstance_nameChangeReplaces(t *testing.T) {
	srv := atlasmock.NewServer(t)
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: instanceConfig(srv, "first", ""), ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(addr, tfjsonpath.New("id"))}},
			{
				Config: instanceConfig(srv, "second", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(addr, tfjsonpath.New("id")), onlyInstance(srv, "second")},
			},
		},
	})
}

// onlyInstance checks that the mock holds exactly one instance, name.
func onlyInstance(srv *atlasmock.Server, name string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringFunc(func(string) error {
		in := srv.Instances(projectID)
		if len(in) != 1 || in[0].Name != name {
			return fmt.Errorf("the mock holds %+v, want only %s", in, name)
		}
		return nil
	}))
}

func TestAccStreamInstance_solarChangeReplaces(t *testing.T) {
	srv := atlasmock.NewServer(t)
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: instanceConfig(srv, "sunny", ""), ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(addr, tfjsonpath.New("id"))}},
			{
				Config: instanceConfig(srv, "sunny", `
  sample_connections = {
    solar = true
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("connections"), knownvalue.ListSizeExact(1)),
					onlyInstance(srv, "sunny"),
				},
			},
			{
				// Writing out the default is not a change.
				Config: instanceConfig(srv, "sunny", `
  sample_connections = {
    solar = true
  }
  stream_config = {}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
		},
	})
}

func TestAccStreamInstance_import(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := instanceConfig(srv, "adopted", `
  stream_config = {
    tier = "SP5"
  }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
				ImportStateId:           projectID + "/adopted",
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
				ImportStateId:           projectID + "-adopted",
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				ImportStateId: projectID + "/adopted",
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)},
				},
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateId: "not-an-id",
				ExpectError: errLike("<project_id>/<name>"),
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateId: projectID + "/missing",
				ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`),
			},
		},
	})
}

func TestAccStreamInstance_recreatedWhenDeletedOutside(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := instanceConfig(srv, "vanishing", "")
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(addr, tfjsonpath.New("id"))}},
			{
				PreConfig: func() {
					if err := apiClient(t, srv).DeleteStreamInstance(context.Background(), projectID, "vanishing"); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(addr, tfjsonpath.New("id")), onlyInstance(srv, "vanishing")},
			},
		},
	})
}

func TestAccStreamInstance_regionAndTierChangedOutsideAreUpdated(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := tierConfig(srv, "drifting", "AWS", "VIRGINIA_USA", "SP10")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					_, err := apiClient(t, srv).UpdateStreamInstance(context.Background(), projectID, "drifting",
						atlas.UpdateRequest{CloudProvider: "AWS", Region: "TOKYO_JPN", StreamConfig: &atlas.StreamConfig{Tier: "SP2"}})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("stream_config").AtMapKey("tier"), knownvalue.StringExact("SP10")),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("data_process_region").AtMapKey("region"), knownvalue.StringExact("VIRGINIA_USA")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("hostnames")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					mockTier(srv, "drifting", "SP10"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("hostnames"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(hostnameRE)})),
				},
			},
		},
	})
}

// TestAccStreamInstance_conflictSaysHowToImport creates an instance whose
// name is taken. Whether the API refuses it with 409 (the mock) or with a
// 400 and an errorCode of its own (as Atlas may: it documents no 409 for
// this operation), one read finds the instance and the error says how to
// import it. A 400 for a name that is free is an error without that hint.
func TestAccStreamInstance_conflictSaysHowToImport(t *testing.T) {
	hint := "already exists in project " + projectID + ". To manage it with Terraform or OpenTofu, import it with an import block: import { to = atlasmini_stream_instance.<label> id = \"" + projectID + "/taken\" } " +
		"or from the command line: terraform import atlasmini_stream_instance.<label> " + projectID + "/taken (tofu import with OpenTofu)."
	for _, refusal := range []int{http.StatusConflict, http.StatusBadRequest} {
		t.Run(fmt.Sprint(refusal), func(t *testing.T) {
			srv := atlasmock.NewServer(t)
			if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: "taken", CloudProvider: "AWS", Region: "OHIO_USA"}); err != nil {
				t.Fatal(err)
			}
			f := acctest.NewFront(t, srv)
			f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
				return r.Method == http.MethodPost && refusedAs(f, refusal)(w, r)
			})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{
					{Config: frontConfig(t, f, "taken", ""), ExpectError: errLike(hint)},
					{
						// A free name refused with 400 gets the API's words only.
						PreConfig: func() {
							f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
								if r.Method != http.MethodPost {
									return false
								}
								return acctest.Answering(http.StatusBadRequest, "SOME_RULE")(w, r)
							})
						},
						Config:      frontConfig(t, f, "free", ""),
						ExpectError: regexp.MustCompile(`(?s)Could not create stream instance "free" in project ` + projectID + `\.\s+Atlas API status: 400\s+errorCode: SOME_RULE`),
					},
				},
			})
			if in := srv.Instances(projectID); len(in) != 1 || in[0].Region != "OHIO_USA" {
				t.Errorf("the existing instance was touched: %+v", in)
			}
		})
	}
}

func TestAccStreamInstance_readOnlyKeyGetsClear403(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: apiKeyProvider(srv, atlasmock.ReaderPublicKey, atlasmock.ReaderPrivateKey) + `
resource "atlasmini_stream_instance" "test" {
  project_id = "` + projectID + `"
  name       = "readonly"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
}`,
			ExpectError: regexp.MustCompile(`(?s)Error Creating Stream Instance.*Atlas API status: 403.*errorCode: USER_UNAUTHORIZED.*lack a role`),
		}},
	})
}

func TestAccStreamInstance_authMethods(t *testing.T) {
	srv := atlasmock.NewServer(t)
	token := srv.AccessToken(t)
	for name, block := range map[string]string{
		"api-key": ownerProvider(srv),
		"service-account": fmt.Sprintf(`
provider "atlasmini" {
  base_url      = %q
  client_id     = %q
  client_secret = %q
}`, srv.URL, atlasmock.ServiceClientID, atlasmock.ServiceSecret),
		"access-token": fmt.Sprintf(`
provider "atlasmini" {
  base_url     = %q
  access_token = %q
}`, srv.URL, token),
	} {
		t.Run(name, func(t *testing.T) {
			cfg := block + fmt.Sprintf(`
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = %q
  data_process_region = {
    cloud_provider = "AZURE"
    region         = "westeurope"
  }
}`, projectID, name)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{{
					Config:            cfg,
					ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), storedID(srv, name))},
				}},
				CheckDestroy: func(*terraform.State) error {
					for _, in := range srv.Instances(projectID) {
						if in.Name == name {
							return fmt.Errorf("%s was not destroyed", name)
						}
					}
					return nil
				},
			})
		})
	}
}

func TestAccStreamInstance_deleteWaitsUntilGone(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{DeleteDelay: 1500 * time.Millisecond})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: instanceConfig(srv, "slow", "")},
			{
				// Replacing the instance reuses the name: the create must
				// wait until the old one is really gone, or it gets 409.
				Config: instanceConfig(srv, "slow", `
  sample_connections = {
    solar = true
  }`),
				ConfigStateChecks: []statecheck.StateCheck{onlyInstance(srv, "slow")},
			},
		},
	})
}
