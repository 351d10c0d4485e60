package streamprocessor_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const dlq = `  options = {
    dlq = { connection_name = "warehouse", db = "solar", coll = "dlq" }
  }`

// calledInOrder checks the processor calls the mock logged since the last
// check, in order.
func calledInOrder(rl *requestLog, want ...string) statecheck.StateCheck {
	return calledInOrderAt(addr, rl, want...)
}

// calledInOrderAt is calledInOrder, checked when the resource at address
// is in state.
func calledInOrderAt(address string, rl *requestLog, want ...string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
		var got []string
		for _, c := range rl.calls("/processor") {
			if !strings.HasPrefix(c, "GET ") {
				got = append(got, c)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("the processor calls were %v, want %v", got, want)
		}
		return nil
	}))
}

// TestAccStreamProcessor_lifecycle creates a started processor with a DLQ,
// edits its pipeline while it runs (stop, modify, start, in that order in
// the mock's request log), stops it, starts it, and destroys it, with an
// empty plan after each step.
func TestAccStreamProcessor_lifecycle(t *testing.T) {
	srv, rl := newServer(t)
	cfg := func(minWatts int, state string) string {
		return processorConfig(t, srv, "solar", jsonPipeline(minWatts), dlq+"\n  state = \""+state+"\"")
	}
	empty := func(minWatts int, state string) resource.TestStep {
		return resource.TestStep{Config: cfg(minWatts, state), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}}
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { rl.calls("") },
				Config:    cfg(5, "STARTED"),
				ConfigStateChecks: []statecheck.StateCheck{
					storedState(srv, "solar", "STARTED"),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("stats"), knownvalue.StringRegexp(regexpOf(`"status":"running"`))),
					calledInOrder(rl, "POST processor", "POST solar:start"),
				},
			},
			empty(5, "STARTED"),
			{
				PreConfig: func() { rl.calls("") },
				Config:    cfg(10, "STARTED"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					storedState(srv, "solar", "STARTED"),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					calledInOrder(rl, "POST solar:stop", "PATCH solar", "POST solar:start"),
				},
			},
			empty(10, "STARTED"),
			{PreConfig: func() { rl.calls("") }, Config: cfg(10, "STOPPED"), ConfigStateChecks: []statecheck.StateCheck{
				storedState(srv, "solar", "STOPPED"), calledInOrder(rl, "POST solar:stop"),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("stats"), knownvalue.StringRegexp(regexpOf(`"status":"stopped"`))),
			}},
			empty(10, "STOPPED"),
			{PreConfig: func() { rl.calls("") }, Config: cfg(10, "STARTED"), ConfigStateChecks: []statecheck.StateCheck{storedState(srv, "solar", "STARTED"), calledInOrder(rl, "POST solar:start")}},
			empty(10, "STARTED"),
			{
				PreConfig: func() { rl.calls("") },
				Config:    providerBlock(t, srv),
				Check: func(*terraform.State) error {
					// The refresh reads the instance's list, then the delete: Atlas answers it
					// 204 once the processor is gone, so nothing polls.
					if got := rl.calls("/processor"); fmt.Sprint(got) != fmt.Sprint([]string{"GET processors", "DELETE solar"}) {
						return fmt.Errorf("the destroy sent %v, want [GET processors DELETE solar]", got)
					}
					return nil
				},
			},
		},
	})
}

// TestAccStreamProcessor_createdByDefaultAndStartedWithATier creates a
// processor without state (CREATED, no stats), starts it with a tier
// (:startWith), and changes the tier of the started processor (stop,
// modify, start).
func TestAccStreamProcessor_createdByDefaultAndStartedWithATier(t *testing.T) {
	srv, rl := newServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: processorConfig(t, srv, "quiet", jsonPipeline(1), ""),
				ConfigStateChecks: []statecheck.StateCheck{
					storedState(srv, "quiet", "CREATED"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("CREATED")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("stats"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tier"), knownvalue.Null()),
				},
			},
			{
				PreConfig: func() { rl.calls("") },
				Config:    processorConfig(t, srv, "quiet", jsonPipeline(1), "  state = \"STARTED\"\n  tier = \"SP10\""),
				ConfigStateChecks: []statecheck.StateCheck{
					storedState(srv, "quiet", "STARTED"),
					// The tier changes with one modify, before the start that
					// names it.
					calledInOrder(rl, "PATCH quiet", "POST quiet:startWith"),
				},
			},
			{
				PreConfig: func() { rl.calls("") },
				Config:    processorConfig(t, srv, "quiet", jsonPipeline(1), "  state = \"STARTED\"\n  tier = \"SP30\""),
				ConfigStateChecks: []statecheck.StateCheck{
					storedState(srv, "quiet", "STARTED"),
					calledInOrder(rl, "POST quiet:stop", "PATCH quiet", "POST quiet:startWith"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tier"), knownvalue.StringExact("SP30")),
				},
			},
		},
	})
}

// TestAccStreamProcessor_asynchronousStatesAreWaitedFor runs against a
// mock whose reads show a processor's state from before a start or stop
// for a second: every change is followed until Atlas shows it.
func TestAccStreamProcessor_asynchronousStatesAreWaitedFor(t *testing.T) {
	srv, _ := newServer(t, atlasmock.Options{ProcessorAsync: time.Second})
	cfg := func(state string) string {
		return processorConfig(t, srv, "lagging", jsonPipeline(3), "  state = \""+state+"\"")
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg("STARTED"), ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("STARTED"))}},
			{Config: cfg("STOPPED"), ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("STOPPED"))}},
			{Config: cfg("STOPPED"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamProcessor_pipelineFormattingAndKeyOrder: a heredoc and a
// jsonencode of the same stages with the same key order plan nothing; the
// same keys in another order are a change.
func TestAccStreamProcessor_pipelineFormattingAndKeyOrder(t *testing.T) {
	srv, _ := newServer(t)
	encoded := `jsonencode([
    { "$source" = { connectionName = "sample_stream_solar" } },
    { "$project" = { a = 1, b = 1 } },
    { "$emit" = { connectionName = "__testLog" } },
  ])`
	heredoc := "<<-EOT\n    [\n      {\"$source\": {\"connectionName\": \"sample_stream_solar\"}},\n      {\"$project\":   {\"a\": 1, \"b\": 1}},\n" +
		"      {\"$emit\": {\"connectionName\": \"__testLog\"}}\n    ]\n  EOT"
	reordered := strings.Replace(heredoc, `{"a": 1, "b": 1}`, `{"b": 1, "a": 1}`, 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: processorConfig(t, srv, "shaped", encoded, "")},
			{Config: processorConfig(t, srv, "shaped", heredoc, ""), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config: processorConfig(t, srv, "shaped", reordered, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
					p, _ := stored(srv, "shaped")
					if !strings.Contains(string(p.Pipeline), `{"$project":{"b":1,"a":1}}`) {
						return fmt.Errorf("the mock holds %s", p.Pipeline)
					}
					return nil
				}))},
			},
			{Config: processorConfig(t, srv, "shaped", reordered, ""), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamProcessor_newSourceStartsFromTheBeginning changes the
// $source of a running processor: the modify must say
// resumeFromCheckpoint: false (the mock, as Atlas, refuses a new source
// without it), and the processor runs again from its new source.
func TestAccStreamProcessor_newSourceStartsFromTheBeginning(t *testing.T) {
	srv, rl := newServer(t)
	fromCluster := `jsonencode([
    { "$source" = { connectionName = "warehouse", db = "solar", coll = "raw" } },
    { "$emit" = { connectionName = "__testLog" } },
  ])`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: processorConfig(t, srv, "moving", jsonPipeline(1), `  state = "STARTED"`)},
			{
				PreConfig: func() { rl.calls("") },
				Config:    processorConfig(t, srv, "moving", fromCluster, `  state = "STARTED"`),
				ConfigStateChecks: []statecheck.StateCheck{
					storedState(srv, "moving", "STARTED"),
					calledInOrder(rl, "POST moving:stop", "PATCH moving", "POST moving:start"),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
						if p, _ := stored(srv, "moving"); !strings.Contains(string(p.Pipeline), `"connectionName":"warehouse"`) {
							return fmt.Errorf("the mock holds %s", p.Pipeline)
						}
						return nil
					})),
				},
			},
		},
	})
}
