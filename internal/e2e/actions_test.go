package e2e

import (
	"context"
	"fmt"
	"log"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// needActions skips a test of actions: on OpenTofu, which has none in any
// version, and on Terraform before 1.14.
func needActions(t *testing.T) {
	t.Helper()
	if acctest.CLIProduct(terraformPath(t)) == "OpenTofu" {
		t.Skip("OpenTofu has no actions (action blocks, -invoke, action_trigger), in any version: the processor resources' state and the instance's resource do the same work declaratively")
	}
	needTerraform(t, "1.14")
}

// operationsConfig is an instance with a failover region (seeded in the
// mock), its connections, and two processors: "feed" (Atlas source, Kafka
// sink, SP10, failover_enabled: eligible) and "audit" (sample source:
// not eligible, though failover_enabled), with every action of the
// provider. feed's tier is tier; an update of feed triggers the restart
// from the beginning.
func operationsConfig(p, tier string) string {
	return fmt.Sprintf(`
locals {
  project  = %[1]q
  instance = "ops"
}

resource "atlasmini_stream_processor" "feed" {
  project_id    = local.project
  instance_name = local.instance
  name          = "feed"
  pipeline = jsonencode([
    { "$source" = { connectionName = "warehouse", db = "shop", coll = "orders" } },
    { "$emit" = { connectionName = "events", topic = "orders" } },
  ])
  tier             = %[2]q
  failover_enabled = true
  state            = "STARTED"

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.atlasmini_stream_processor_restart.from_beginning]
    }
  }
}

resource "atlasmini_stream_processor" "audit" {
  project_id       = local.project
  instance_name    = local.instance
  name             = "audit"
  pipeline         = jsonencode([{ "$source" = { connectionName = "sample_stream_solar" } }, { "$emit" = { connectionName = "__testLog" } }])
  failover_enabled = true
  state            = "STARTED"
}

action "atlasmini_stream_processor_restart" "from_checkpoint" {
  config {
    project_id    = local.project
    instance_name = local.instance
    name          = "feed"
  }
}

action "atlasmini_stream_processor_restart" "from_beginning" {
  config {
    project_id    = local.project
    instance_name = local.instance
    name          = "feed"
    from          = "beginning"
  }
}

action "atlasmini_stream_processor_restart" "from_time" {
  config {
    project_id    = local.project
    instance_name = local.instance
    name          = "feed"
    from          = "2026-01-01T00:00:00+01:00"
    tier          = "SP30"
  }
}

action "atlasmini_stream_processor_failover" "feed_dry_run" {
  config {
    project_id    = local.project
    instance_name = local.instance
    name          = "feed"
    region        = "OREGON_USA"
    dry_run       = true
  }
}

action "atlasmini_stream_processor_failover" "feed_to_oregon" {
  config {
    project_id    = local.project
    instance_name = local.instance
    name          = "feed"
    region        = "OREGON_USA"
  }
}

action "atlasmini_stream_processor_failover" "audit_to_oregon" {
  config {
    project_id    = local.project
    instance_name = local.instance
    name          = "audit"
    region        = "OREGON_USA"
    mode          = "FORCED"
  }
}

action "atlasmini_stream_instance_processors" "stop_all" {
  config {
    project_id    = local.project
    instance_name = local.instance
    status        = "STOPPED"
  }
}

action "atlasmini_stream_instance_processors" "all_to_oregon" {
  config {
    project_id    = local.project
    instance_name = local.instance
    status        = "FAILED_OVER"
    region        = "OREGON_USA"
    mode          = "FORCED"
  }
}

action "atlasmini_stream_instance_processors" "all_back" {
  config {
    project_id    = local.project
    instance_name = local.instance
    status        = "FAILED_OVER"
    region        = "VIRGINIA_USA"
  }
}
`, p, tier)
}

// TestE2E_actionsOperateProcessors runs every action through terraform
// apply -invoke (Terraform 1.14+), and one from an action_trigger, and
// reads the processors in the mock after each: a restart from the
// checkpoint carries the statistics on, from the beginning or a time
// clears them (and sets a tier); a dry run moves nothing, a failover
// moves the eligible processor and refuses the other with why, before any
// request; the instance's processorStatus stops everything (and the next
// apply starts it again, as declared), fails the eligible ones over and
// back, and names those it left.
func TestE2E_actionsOperateProcessors(t *testing.T) {
	needAcc(t)
	needActions(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	_, err = c.CreateStreamInstance(ctx, p, atlas.CreateRequest{Name: "ops", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
		FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "OREGON_USA"}}, SampleConnections: &atlas.SampleConnections{Solar: true},
		StreamConfig: &atlas.StreamConfig{Tier: "SP10", MaxTierSize: "SP30"}})
	must(t, err)
	for _, conn := range []atlas.StreamConnection{{Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0"}, {Name: "events", Type: "Kafka", BootstrapServers: "b:9092"}} {
		_, err = c.CreateStreamConnection(ctx, p, "ops", conn)
		must(t, err)
	}
	processor := func(name string) atlasmock.Processor {
		t.Helper()
		for _, proc := range srv.Processors(p, "ops") {
			if proc.Name == name {
				return proc
			}
		}
		t.Fatalf("the mock has no processor %q", name)
		return atlasmock.Processor{}
	}
	expect := func(what string, name, state, region string, messages int64, tier string) {
		t.Helper()
		got := processor(name)
		if got.State != state || got.ActiveRegion != region || got.Messages != messages || (tier != "" && got.Tier != tier) {
			t.Errorf("%s: the mock's %q is %s in %q with %d messages on %s; want %s in %q with %d on %s", what, name, got.State, got.ActiveRegion, got.Messages, got.Tier, state, region, messages, tier)
		}
	}
	says := func(what, out string, fragments ...string) {
		t.Helper()
		expectSays(t, what+": the output", out, fragments...)
	}
	w := newWorkspace(t, srv.URL, operationsConfig(p, "SP10"))
	w.mustRun("apply", "-auto-approve", "-input=false")
	expect("created and started", "feed", "STARTED", "", 0, "SP10")
	invoke := func(name string) string {
		t.Helper()
		return w.mustRun("apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action."+name)
	}

	out := invoke("atlasmini_stream_processor_restart.from_checkpoint")
	says("restart from the checkpoint", out, `Stopping processor "feed"`, `Processor "feed" is STARTED from its checkpoint`)
	expect("restarted from the checkpoint", "feed", "STARTED", "", 100, "SP10")

	out = invoke("atlasmini_stream_processor_restart.from_beginning")
	says("restart from the beginning", out, `Processor "feed" is STARTED from the beginning of its source`)
	expect("restarted from the beginning", "feed", "STARTED", "", 0, "SP10")

	invoke("atlasmini_stream_processor_restart.from_checkpoint")
	out = invoke("atlasmini_stream_processor_restart.from_time")
	says("restart from a time", out, "STARTED from 2026-01-01T00:00:00+01:00", "tier SP30")
	expect("restarted from a time on SP30", "feed", "STARTED", "", 0, "SP30")

	out = invoke("atlasmini_stream_processor_failover.feed_dry_run")
	says("dry run", out, "the processor was not moved")
	expect("after a dry run", "feed", "STARTED", "", 0, "")

	out = invoke("atlasmini_stream_processor_failover.feed_to_oregon")
	says("failover", out, `Processor "feed" runs in OREGON_USA`)
	expect("failed over", "feed", "STARTED", "OREGON_USA", 0, "")

	srv.ResetCounts()
	code, out := w.run("apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.atlasmini_stream_processor_failover.audit_to_oregon")
	if code == 0 {
		t.Errorf("a failover of an ineligible processor succeeded:\n%s", tail(out, 2000))
	}
	says("ineligible", out, "Error Failing Over Stream Processor", `Processor "audit"`, "nothing was sent", "not eligible for failover", `its $source "sample_stream_solar" is a Sample connection`)
	for k, n := range srv.Counts() {
		if strings.Contains(k, ":startWith") && n > 0 {
			t.Errorf("an ineligible processor's failover sent %d %s", n, k)
		}
	}

	// Fail back with the whole instance, then stop everything.
	out = invoke("atlasmini_stream_instance_processors.all_back")
	says("fail back", out, "processorStatus FAILED_OVER", `"feed"`, `Left untouched: "audit" (not eligible for failover)`)
	expect("failed back", "feed", "STARTED", "VIRGINIA_USA", 0, "")
	out = invoke("atlasmini_stream_instance_processors.stop_all")
	says("stop all", out, "processorStatus STOPPED: 2 processors STOPPED")
	expect("stopped", "feed", "STOPPED", "VIRGINIA_USA", 0, "")
	expect("stopped", "audit", "STOPPED", "", 0, "")

	// The resources declare STARTED: the next plan starts them again.
	expectSays(t, "after stop_all, the plan", w.mustRun("plan", "-input=false", "-no-color"), `~ state = "STOPPED" -> "STARTED"`, "2 to change")
	w.mustRun("apply", "-auto-approve", "-input=false")
	expect("started again by the apply", "audit", "STARTED", "", 100, "")

	out = invoke("atlasmini_stream_instance_processors.all_to_oregon")
	says("fail all over", out, "1 processors failed over and STARTED (\"feed\")", `Left untouched: "audit" (not eligible for failover)`)
	expect("failed over with the instance", "feed", "STARTED", "OREGON_USA", processor("feed").Messages, "")
	expect("left untouched", "audit", "STARTED", "", 100, "")

	// An update of feed triggers the restart from the beginning: the
	// update's own restart carries the statistics on, the action clears
	// them.
	invoke("atlasmini_stream_processor_restart.from_checkpoint")
	if processor("feed").Messages == 0 {
		t.Fatal("the restart from the checkpoint left no statistics to clear")
	}
	w.writeConfig(atlasminiOnly + operationsConfig(p, "SP30"))
	out = w.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	says("action_trigger", out, `Processor "feed" is STARTED from the beginning of its source`)
	expect("restarted by the trigger", "feed", "STARTED", "OREGON_USA", 0, "SP30")
}

// TestE2E_actionsValidateAtPlanTime: each action refuses at plan time what
// Atlas would refuse, naming the attribute: a restart point that is no
// time, a checkpoint cleared in a graceful failover, a region the
// instance does not have, a bulk failover without its region or with a
// mode it does not take, and the failover of an instance that has no
// failover region.
func TestE2E_actionsValidateAtPlanTime(t *testing.T) {
	needAcc(t)
	needActions(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	p := atlasmock.DemoProjectID
	_, err = c.CreateStreamInstance(context.Background(), p, atlas.CreateRequest{Name: "solo", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}})
	must(t, err)
	w := newWorkspace(t, srv.URL, "")
	for _, tc := range []struct {
		name, action, config string
		says                 []string
	}{
		{"not a time", "atlasmini_stream_processor_restart", `name = "feed"
    from = "yesterday"`, []string{"Invalid Restart Point", `"checkpoint", "beginning" or an RFC 3339 time`, `"yesterday"`}},
		{"a future time", "atlasmini_stream_processor_restart", `name = "feed"
    from = "2999-01-01T00:00:00Z"`, []string{"Invalid Restart Point", "is in the future"}},
		{"checkpoint cleared gracefully", "atlasmini_stream_processor_failover", `name = "feed"
    region = "VIRGINIA_USA"
    clear_checkpoint = true`, []string{"Checkpoint Cleared Only In A Forced Failover", `mode = "FORCED"`}},
		{"a region of another instance", "atlasmini_stream_processor_failover", `name = "feed"
    region = "OREGON_USA"`, []string{"Region Not Of The Instance", `"OREGON_USA" is not a region of stream instance "solo"`, "VIRGINIA_USA"}},
		{"bulk failover without a region", "atlasmini_stream_instance_processors", `status = "FAILED_OVER"`, []string{"Missing Failover Region"}},
		{"a mode without failover", "atlasmini_stream_instance_processors", `status = "STOPPED"
    mode = "FORCED"`, []string{"Mode Without Failover", "Remove mode"}},
		{"no failover region", "atlasmini_stream_instance_processors", `status = "FAILED_OVER"
    region = "VIRGINIA_USA"`, []string{"Instance Has No Failover Region", `"solo"`}},
	} {
		w.writeConfig(atlasminiOnly + fmt.Sprintf(`
action %q "test" {
  config {
    project_id    = %q
    instance_name = "solo"
    %s
  }
}
`, tc.action, p, tc.config))
		code, out := w.run("plan", "-input=false", "-no-color", "-invoke=action."+tc.action+".test")
		if code == 0 {
			t.Errorf("%s: the plan succeeded:\n%s", tc.name, tail(out, 2000))
			continue
		}
		expectSays(t, tc.name+": the plan", out, tc.says...)
	}
}

// TestE2E_actionExamplesRun applies the failover pipeline example with
// the action examples beside it, invokes each action as the examples'
// comments say, and reads the mock after each; then adds the
// action_trigger example and changes its processor, whose apply runs the
// restart.
func TestE2E_actionExamplesRun(t *testing.T) {
	needAcc(t)
	needActions(t)
	srv := atlasmock.NewServer(t)
	p := atlasmock.DemoProjectID
	examples := acctest.Example(t, "resources/atlasmini_stream_connection_failover/resource.tf") +
		acctest.Example(t, "actions/atlasmini_stream_processor_restart/action.tf") +
		acctest.Example(t, "actions/atlasmini_stream_processor_failover/action.tf") +
		acctest.Example(t, "actions/atlasmini_stream_instance_processors/action.tf")
	w := newWorkspace(t, srv.URL, examples)
	w.setEnv("TF_VAR_kafka_password", "example-actions-secret")
	w.mustRun("apply", "-auto-approve", "-input=false")
	feed := func() atlasmock.Processor {
		t.Helper()
		for _, proc := range srv.Processors(p, "resilient") {
			if proc.Name == "orders_feed" {
				return proc
			}
		}
		t.Fatal("the mock has no processor orders_feed")
		return atlasmock.Processor{}
	}
	for _, step := range []struct {
		action  string
		check   func(atlasmock.Processor) bool
		message string
	}{
		{"atlasmini_stream_processor_failover.drill", func(p atlasmock.Processor) bool { return p.State == "STARTED" && p.ActiveRegion == "" }, "the processor was not moved"},
		{"atlasmini_stream_processor_failover.to_oregon", func(p atlasmock.Processor) bool { return p.ActiveRegion == "OREGON_USA" }, "runs in OREGON_USA"},
		{"atlasmini_stream_processor_failover.back_home", func(p atlasmock.Processor) bool { return p.ActiveRegion == "VIRGINIA_USA" }, "runs in VIRGINIA_USA"},
		{"atlasmini_stream_processor_restart.replay_orders", func(p atlasmock.Processor) bool { return p.State == "STARTED" && p.Messages == 0 }, "from the beginning of its source"},
		{"atlasmini_stream_processor_restart.replay_since_incident", func(p atlasmock.Processor) bool { return p.Tier == "SP30" && p.Messages == 0 }, "from 2026-12-01T08:00:00Z"},
		{"atlasmini_stream_instance_processors.stop_all", func(p atlasmock.Processor) bool { return p.State == "STOPPED" }, "1 processors STOPPED"},
		{"atlasmini_stream_instance_processors.start_all", func(p atlasmock.Processor) bool { return p.State == "STARTED" }, "1 processors STARTED"},
		{"atlasmini_stream_instance_processors.evacuate", func(p atlasmock.Processor) bool { return p.ActiveRegion == "OREGON_USA" }, "1 processors failed over"},
		{"atlasmini_stream_instance_processors.return", func(p atlasmock.Processor) bool { return p.ActiveRegion == "VIRGINIA_USA" }, "1 processors failed over"},
	} {
		out := strings.Join(strings.Fields(w.mustRun("apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action."+step.action)), " ")
		if !strings.Contains(out, step.message) {
			t.Errorf("%s: the output does not say %q:\n%s", step.action, step.message, tail(out, 2000))
		}
		if got := feed(); !step.check(got) {
			t.Errorf("%s: the mock's orders_feed is %s in %q, %d messages, tier %s", step.action, got.State, got.ActiveRegion, got.Messages, got.Tier)
		}
	}

	trigger := acctest.Example(t, "actions/atlasmini_stream_processor_restart/trigger.tf")
	w.writeConfig(atlasminiOnly + examples + trigger)
	w.mustRun("apply", "-auto-approve", "-input=false")
	w.setEnv("TF_VAR_orders_db", "shop_v2")
	out := strings.Join(strings.Fields(w.mustRun("apply", "-auto-approve", "-input=false", "-no-color")), " ")
	if !strings.Contains(out, `Starting processor "orders_copy" from the beginning of its source`) {
		t.Errorf("the update of orders_copy did not run its action_trigger:\n%s", tail(out, 3000))
	}
}

// TestE2E_actionsSurviveLostAnswers invokes the restarts, a failover and
// the instance's processorStatus against a mock that loses the answer of every first request after
// applying it: each action still ends with the processor where it asked
// (read in the mock), and the log shows that the lost answers were
// those of the :stop and :startWith requests.
func TestE2E_actionsSurviveLostAnswers(t *testing.T) {
	needAcc(t)
	needActions(t)
	l := &acctest.StatusLog{}
	srv := atlasmock.NewServer(t, atlasmock.Options{LoseResponses: 1, LoseOnlyFirst: true, Logger: log.New(l, "", 0)})
	p := atlasmock.DemoProjectID
	config := fmt.Sprintf(`
resource "atlasmini_stream_instance" "ops" {
  project_id          = %[1]q
  name                = "ops"
  data_process_region = { cloud_provider = "AWS", region = "VIRGINIA_USA" }
  failover_regions    = [{ cloud_provider = "AWS", region = "OREGON_USA" }]
  stream_config       = { tier = "SP10" }
}

resource "atlasmini_stream_connection" "warehouse" {
  project_id    = %[1]q
  instance_name = atlasmini_stream_instance.ops.name
  name          = "warehouse"
  type          = "Cluster"
  cluster       = { cluster_name = "Cluster0" }
}

resource "atlasmini_stream_processor" "feed" {
  project_id       = %[1]q
  instance_name    = atlasmini_stream_instance.ops.name
  name             = "feed"
  pipeline         = jsonencode([{ "$source" = { connectionName = atlasmini_stream_connection.warehouse.name } }, { "$merge" = { into = { connectionName = "warehouse", db = "d", coll = "c" } } }])
  failover_enabled = true
  state            = "STARTED"
}

action "atlasmini_stream_processor_restart" "from_checkpoint" {
  config {
    project_id    = %[1]q
    instance_name = "ops"
    name          = "feed"
  }
}

action "atlasmini_stream_processor_restart" "from_beginning" {
  config {
    project_id    = %[1]q
    instance_name = "ops"
    name          = "feed"
    from          = "beginning"
  }
}

action "atlasmini_stream_processor_failover" "to_oregon" {
  config {
    project_id    = %[1]q
    instance_name = "ops"
    name          = "feed"
    region        = "OREGON_USA"
  }
}

action "atlasmini_stream_instance_processors" "stop_oregon" {
  config {
    project_id    = %[1]q
    instance_name = "ops"
    status        = "STOPPED"
    region        = "OREGON_USA"
  }
}
`, p)
	w := newWorkspace(t, srv.URL, config)
	w.mustRun("apply", "-auto-approve", "-input=false")
	feed := func() atlasmock.Processor {
		t.Helper()
		for _, proc := range srv.Processors(p, "ops") {
			if proc.Name == "feed" {
				return proc
			}
		}
		t.Fatal("the mock has no processor feed")
		return atlasmock.Processor{}
	}
	w.mustRun("apply", "-auto-approve", "-input=false", "-invoke=action.atlasmini_stream_processor_restart.from_checkpoint")
	if got := feed(); got.State != "STARTED" || got.Messages != 100 {
		t.Errorf("after the restart from the checkpoint the mock's feed is %s with %d messages, want STARTED with 100", got.State, got.Messages)
	}
	w.mustRun("apply", "-auto-approve", "-input=false", "-invoke=action.atlasmini_stream_processor_restart.from_beginning")
	if got := feed(); got.State != "STARTED" || got.Messages != 0 {
		t.Errorf("after the restart from the beginning the mock's feed is %s with %d messages, want STARTED with 0", got.State, got.Messages)
	}
	w.mustRun("apply", "-auto-approve", "-input=false", "-invoke=action.atlasmini_stream_processor_failover.to_oregon")
	if got := feed(); got.State != "STARTED" || got.ActiveRegion != "OREGON_USA" {
		t.Errorf("after the failover the mock's feed is %s in %q, want STARTED in OREGON_USA", got.State, got.ActiveRegion)
	}
	w.mustRun("apply", "-auto-approve", "-input=false", "-invoke=action.atlasmini_stream_instance_processors.stop_oregon")
	if got := feed(); got.State != "STOPPED" || got.ActiveRegion != "OREGON_USA" {
		t.Errorf("after stopping the processors of OREGON_USA the mock's feed is %s in %q, want STOPPED in OREGON_USA", got.State, got.ActiveRegion)
	}
	// The mock loses the first of each distinct request: the first
	// restart's :stop (the second is the same request), each of the three
	// :startWith bodies, and the instance PATCH of processorStatus.
	if stops, starts, patches := l.Count(":stop", "499", "POST"), l.Count(":startWith", "499", "POST"), l.Count("/streams/ops", "499", "PATCH"); stops < 1 || starts < 3 || patches < 1 {
		t.Errorf("answers lost: %d :stop, %d :startWith and %d PATCH, want 1, 3 and 1 at least (the test did not reach the actions' requests)", stops, starts, patches)
	}
}
