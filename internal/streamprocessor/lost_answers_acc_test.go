package streamprocessor_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

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

// manyProcessors is a provider with an API key (the mock's faults apply
// to its token endpoint too) and n processors p-0 … p-(n-1) of "ingest",
// each with the pipeline and state given.
func manyProcessors(srv *atlasmock.Server, n, minWatts int, state string) string {
	return fmt.Sprintf("provider \"atlasmini\" {\n  base_url    = %q\n  public_key  = %q\n  private_key = %q\n}\n",
		srv.URL, atlasmock.OwnerPublicKey, atlasmock.OwnerPrivateKey) + fmt.Sprintf(`
resource "atlasmini_stream_processor" "many" {
  count         = %d
  project_id    = %q
  instance_name = %q
  name          = "p-${count.index}"
  pipeline      = %s
  state         = %q
}
`, n, projectID, instance, jsonPipeline(minWatts), state)
}

// mockHoldsProcessors checks that the mock holds exactly the n processors
// p-0 … p-(n-1), each in the state given, with the id the state holds
// (so none was created twice nor replaced behind Terraform's back), and
// that their pipelines match minWatts.
func mockHoldsProcessors(srv *atlasmock.Server, n, minWatts int, state string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got := srv.Processors(projectID, instance)
		if len(got) != n {
			return fmt.Errorf("the mock holds %d processors, want %d", len(got), n)
		}
		for i := range n {
			name := fmt.Sprintf("p-%d", i)
			p, ok := stored(srv, name)
			if !ok {
				return fmt.Errorf("the mock has no processor %s", name)
			}
			rs := s.RootModule().Resources[fmt.Sprintf("atlasmini_stream_processor.many.%d", i)]
			switch {
			case rs == nil:
				return fmt.Errorf("%s is not in state", name)
			case rs.Primary.ID != p.ID && rs.Primary.Attributes["id"] != p.ID:
				return fmt.Errorf("%s: state id %s, the mock's %s", name, rs.Primary.Attributes["id"], p.ID)
			case rs.Primary.Attributes["state"] != state || p.State != state:
				return fmt.Errorf("%s: state %s, the mock %s, want %s", name, rs.Primary.Attributes["state"], p.State, state)
			case !strings.Contains(string(p.Pipeline), fmt.Sprintf(`{"$gt":%d}`, minWatts)):
				return fmt.Errorf("%s: the mock holds the pipeline %s", name, p.Pipeline)
			}
		}
		return nil
	}
}

// TestAccStreamProcessor_lostAnswersConverge runs the whole lifecycle of
// four processors (create started, modify while running, stop, start)
// against a mock that loses answers after applying the request, and one
// that fails a third of the requests with 500 without applying them. A lost or failed
// answer to :start, :startWith or :stop is no failure: the processor is
// read, accepted when it reached the state, and the request is sent again
// when it did not. No processor is created twice, replaced or left behind.
func TestAccStreamProcessor_lostAnswersConverge(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts atlasmock.Options
		// faults checks that the faults reached the requests under test.
		faults func(rl *requestLog) error
	}{
		{"every first answer lost", atlasmock.Options{LoseResponses: 1, LoseOnlyFirst: true}, func(rl *requestLog) error {
			// Each processor's first start and first stop is a distinct
			// request, so its answer is lost.
			if starts, stops := rl.count(":start", "499"), rl.count(":stop", "499"); starts < 4 || stops < 4 {
				return fmt.Errorf("%d start and %d stop answers lost, want 4 of each", starts, stops)
			}
			return nil
		}},
		{"a third of the requests fail with 500", atlasmock.Options{FailRate: 0.3, FailCodes: []int{http.StatusInternalServerError}, Seed: 24}, func(rl *requestLog) error {
			// About 32 writes (creates, starts, stops, modifies, deletes):
			// that none meets a 500 has odds of 1 in 100,000.
			if n := rl.count("/processor", "500"); n == 0 {
				return fmt.Errorf("no request under /processor was answered 500")
			}
			return nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rl := newServer(t, tc.opts)
			const n = 4
			step := func(minWatts int, state string) resource.TestStep {
				return resource.TestStep{Config: manyProcessors(srv, n, minWatts, state), Check: mockHoldsProcessors(srv, n, minWatts, state)}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				CheckDestroy:             checkGone(srv),
				Steps:                    []resource.TestStep{step(1, "STARTED"), step(2, "STARTED"), step(2, "STOPPED"), step(2, "STARTED")},
			})
			if err := tc.faults(rl); err != nil {
				t.Error(err)
			}
		})
	}
}

// action matches the POST of a processor action (:start, :startWith,
// :stop).
func action(suffix string) func(r *http.Request) bool {
	return func(r *http.Request) bool {
		return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, suffix)
	}
}

// TestAccStreamProcessor_startAndStopWithUnknownOutcomes loses, one at a
// time, the answer to a start that Atlas applied (the connection drops),
// a start refused with a 500 that Atlas did not apply, and a stop whose
// 502 hides that Atlas applied it. Each apply succeeds, the state holds
// what Atlas reports, and the processor keeps its id: it is never
// tainted and replaced.
func TestAccStreamProcessor_startAndStopWithUnknownOutcomes(t *testing.T) {
	srv, _ := newServer(t)
	f := acctest.NewFront(t, srv)
	cfg := func(state string) string {
		return f.Provider(t) + processorBlock("wobbly", jsonPipeline(1), `  state = "`+state+`"`)
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	step := func(state string, hook acctest.Hook) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() { f.Set(acctest.FromStart, hook) },
			Config:    cfg(state),
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(addr, tfjsonpath.New("id")),
				storedState(srv, "wobbly", state),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact(state)),
			},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			step("STARTED", acctest.Once(action(":start"), f.AppliedThen(acctest.Dropped))),
			step("STOPPED", acctest.Once(action(":stop"), f.AppliedThen(acctest.Answering(http.StatusBadGateway, "BAD_GATEWAY")))),
			step("STARTED", acctest.Once(action(":start"), acctest.Answering(http.StatusInternalServerError, "UNEXPECTED_ERROR"))),
			{Config: cfg("STARTED"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamProcessor_lostRenameAnswerKeepsTheProcessor renames a
// running processor while Atlas applies the PATCH and answers 504, as it
// does for a slow modify: the client sends the PATCH again and meets a
// 404 at the old name. The renamed processor is read at its new name and
// kept: the apply succeeds, the state and the identity hold the new
// name, and the plan after it is empty.
func TestAccStreamProcessor_lostRenameAnswerKeepsTheProcessor(t *testing.T) {
	srv, _ := newServer(t)
	f := acctest.NewFront(t, srv)
	cfg := func(name string) string {
		return f.Provider(t) + processorBlock(name, jsonPipeline(1), `  state = "STARTED"`)
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	patch := func(r *http.Request) bool { return r.Method == http.MethodPatch }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg("old-name"), ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))}},
			{
				PreConfig: func() {
					f.Set(acctest.FromStart, acctest.Once(patch, f.AppliedThen(acctest.Answering(http.StatusGatewayTimeout, "STREAM_PROCESSOR_TIMEOUT"))))
				},
				Config: cfg("new-name"),
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("new-name")),
					storedState(srv, "new-name", "STARTED"),
				},
			},
			{Config: cfg("new-name"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamProcessor_unknownCreateOutcomeIsRecorded: Atlas applies
// the create and its answer is a 500, and every read of the processor
// fails while the apply runs, so its outcome stays unknown. The apply
// fails, and the processor is recorded in state: the next apply finds it
// (a replacement, since its create failed) instead of meeting "already
// exists", and no processor is left behind or made twice.
func TestAccStreamProcessor_unknownCreateOutcomeIsRecorded(t *testing.T) {
	srv, _ := newServer(t)
	f := acctest.NewFront(t, srv)
	cfg := f.Provider(t) + processorBlock("unsure", jsonPipeline(1), `  state = "STARTED"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { f.Set(acctest.FromStart, f.UnknownCreateOutcome("/processor")) },
				Config:      cfg,
				ExpectError: says("Error Creating Stream Processor", "recorded in state"),
			},
			{
				PreConfig: func() { f.Set(acctest.FromStart, nil) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{storedState(srv, "unsure", "STARTED")},
				Check: func(*terraform.State) error {
					if n := len(srv.Processors(projectID, instance)); n != 1 {
						return fmt.Errorf("the mock holds %d processors, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccStreamProcessor_refusedModifyStartsItAgain changes the $merge of
// a running processor to a connection the instance does not have: the
// apply stops it, Atlas refuses the modify, and the processor is started
// again with its previous definition, which the error says. The state
// holds what Atlas reports, so the next plan with the old pipeline is
// empty: a typo does not become an outage.
func TestAccStreamProcessor_refusedModifyStartsItAgain(t *testing.T) {
	srv, rl := newServer(t)
	typo := strings.Replace(jsonPipeline(1), `connectionName = "warehouse"`, `connectionName = "warehuose"`, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: processorConfig(t, srv, "steady", jsonPipeline(1), `  state = "STARTED"`)},
			{
				PreConfig: func() { rl.calls("") },
				Config:    processorConfig(t, srv, "steady", typo, `  state = "STARTED"`),
				ExpectError: says("Error Updating Stream Processor", "the modify failed",
					"it has been started again with its previous definition and is running as before this apply", "connection named warehuose does not exist"),
			},
			{
				PreConfig: func() {
					var writes []string
					for _, c := range rl.calls("/processor/steady") {
						if !strings.HasPrefix(c, "GET ") {
							writes = append(writes, c)
						}
					}
					if fmt.Sprint(writes) != "[POST steady:stop PATCH steady POST steady:start]" {
						t.Errorf("the refused apply sent %v", writes)
					}
					if p, _ := stored(srv, "steady"); p.State != "STARTED" || !strings.Contains(string(p.Pipeline), `"connectionName":"warehouse"`) {
						t.Errorf("after the refused modify the mock holds %s %s", p.State, p.Pipeline)
					}
				},
				Config:           processorConfig(t, srv, "steady", jsonPipeline(1), `  state = "STARTED"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccStreamProcessor_renameToATakenNameAdoptsNothing renames a running
// processor to the name of another one with the same pipeline, made
// outside Terraform: Atlas refuses the rename, and the processor at the
// new name, which is not this one (another id), is neither adopted nor
// written to state. The renamed processor is started again, and the state
// still holds it under its own name.
func TestAccStreamProcessor_renameToATakenNameAdoptsNothing(t *testing.T) {
	srv, _ := newServer(t)
	c := ownerClient(t, srv)
	cfg := func(name string) string { return processorConfig(t, srv, name, jsonPipeline(1), `  state = "STARTED"`) }
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if _, err := c.CreateStreamProcessor(context.Background(), projectID, instance, atlas.StreamProcessor{Name: "theirs",
						Pipeline: json.RawMessage(`[{"$source":{"connectionName":"sample_stream_solar"}},{"$match":{"obs.watts":{"$gt":1}}},` +
							`{"$merge":{"into":{"coll":"readings","connectionName":"warehouse","db":"solar"}}}]`)}); err != nil {
						t.Fatal(err)
					}
				},
				Config:            cfg("mine"),
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))},
			},
			{
				Config:      cfg("theirs"),
				ExpectError: says("Error Updating Stream Processor", "the modify failed", "started again with its previous definition", "STREAM_PROCESSOR_NAME_ALREADY_EXISTS"),
			},
			{
				PreConfig: func() {
					mine, _ := stored(srv, "mine")
					theirs, _ := stored(srv, "theirs")
					if mine.State != "STARTED" || theirs.State != "CREATED" {
						t.Errorf("the mock holds mine %s and theirs %s, want STARTED and CREATED", mine.State, theirs.State)
					}
				},
				Config:            cfg("mine"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id")), storedState(srv, "mine", "STARTED")},
			},
		},
	})
	if err := c.DeleteStreamProcessor(context.Background(), projectID, instance, "theirs"); err != nil {
		t.Error(err)
	}
}
