package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_processorPlanWarnings reads, under the real terraform CLI, what
// a plan says about a processor: that a change restarts a running one,
// that a new $source starts it from the beginning of that source (now, or
// when a stopped one is next started), that one Atlas reports FAILED will
// be started again, and that a pipeline names a connection the instance
// does not have.
func TestE2E_processorPlanWarnings(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	_, err = c.CreateStreamInstance(ctx, p, atlas.CreateRequest{Name: "ingest", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
		SampleConnections: &atlas.SampleConnections{Solar: true}})
	must(t, err)
	_, err = c.CreateStreamConnection(ctx, p, "ingest", atlas.StreamConnection{Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0"})
	must(t, err)
	processor := func(source string, minWatts int) string {
		return fmt.Sprintf(`
resource "atlasmini_stream_processor" "solar" {
  project_id    = %q
  instance_name = "ingest"
  name          = "solar"
  pipeline = jsonencode([
    { "$source" = %s },
    { "$match" = { "obs.watts" = { "$gt" = %d } } },
    { "$emit" = { connectionName = "__testLog" } },
  ])
  state = "STARTED"
}
`, p, source, minWatts)
	}
	sample := `{ connectionName = "sample_stream_solar" }`
	w := newWorkspace(t, srv.URL, processor(sample, 1))
	w.mustRun("apply", "-auto-approve", "-input=false")
	plan := func() string {
		return strings.Join(strings.Fields(w.mustRun("plan", "-input=false", "-no-color")), " ")
	}
	expect := func(what, out string, say, notSay []string) {
		t.Helper()
		for _, s := range say {
			if !strings.Contains(out, s) {
				t.Errorf("%s: the plan does not say %q:\n%s", what, s, tail(out, 3000))
			}
		}
		for _, s := range notSay {
			if strings.Contains(out, s) {
				t.Errorf("%s: the plan says %q:\n%s", what, s, tail(out, 3000))
			}
		}
	}

	w.writeConfig(atlasminiOnly + processor(sample, 2))
	expect("a new filter", plan(), []string{
		"Warning: Processor Will Restart", `the apply stops processor "solar", modifies it, and starts it again`, "1 to change",
	}, []string{"Restarts From Its New Source"})

	w.writeConfig(atlasminiOnly + processor(`{ connectionName = "warehouse", db = "solar", coll = "raw" }`, 1))
	expect("a new source", plan(), []string{
		"Warning: Processor Will Restart", "Warning: Processor Restarts From Its New Source", "resumeFromCheckpoint: false", "it starts from the beginning of the new source",
	}, nil)

	w.writeConfig(atlasminiOnly + processor(sample, 1))
	must(t, srv.SetProcessorState(p, "ingest", "solar", "FAILED"))
	expect("a failed processor", plan(), []string{
		"Warning: Processor Had Failed", `Atlas reports processor "solar" FAILED. The apply starts it again`, `~ state = "FAILED" -> "STARTED"`,
	}, []string{"Processor Will Restart"})
	w.mustRun("apply", "-auto-approve", "-input=false")
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Errorf("after starting the failed processor again, plan exited %d, want 0:\n%s", code, tail(out, 3000))
	}

	// A typo in the sink names a connection the instance does not have.
	w.writeConfig(atlasminiOnly + strings.Replace(processor(sample, 1), `connectionName = "__testLog"`, `connectionName = "warehuose"`, 1))
	expect("a missing connection", plan(), []string{
		"Warning: Processor Names A Connection That Does Not Exist",
		`The pipeline of processor "solar" names the connection "warehuose", which stream instance "ingest" in project ` + p + ` does not have (it has "sample_stream_solar", "warehouse")`,
		"the apply starts it again with its previous definition",
	}, nil)

	// A stopped processor given a new source starts from its beginning
	// when it is next started, and the plan says so.
	stopped := func(source string) string {
		return strings.Replace(processor(source, 1), `state = "STARTED"`, `state = "STOPPED"`, 1)
	}
	w.writeConfig(atlasminiOnly + stopped(sample))
	w.mustRun("apply", "-auto-approve", "-input=false")
	w.writeConfig(atlasminiOnly + stopped(`{ connectionName = "warehouse", db = "solar", coll = "raw" }`))
	expect("a new source while stopped", plan(), []string{
		"Warning: Processor Restarts From Its New Source", "resumeFromCheckpoint: false", "when it is next started, it starts from the beginning of the new source",
	}, []string{"Processor Will Restart", "Does Not Exist"})
	w.mustRun("destroy", "-auto-approve", "-input=false")
}

// TestE2E_failoverEligibilityWarning: a plan that sets failover_enabled
// on a processor Atlas would not fail over warns and says why (a warning:
// the same apply may add the instance's failover regions); one that is
// eligible says nothing, and Atlas reports it eligible once applied.
func TestE2E_failoverEligibilityWarning(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	for _, in := range []atlas.CreateRequest{
		{Name: "single", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}, SampleConnections: &atlas.SampleConnections{Solar: true},
			StreamConfig: &atlas.StreamConfig{Tier: "SP5"}},
		{Name: "multi", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
			FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "OREGON_USA"}}, StreamConfig: &atlas.StreamConfig{Tier: "SP10"}},
	} {
		_, err = c.CreateStreamInstance(ctx, p, in)
		must(t, err)
		_, err = c.CreateStreamConnection(ctx, p, in.Name, atlas.StreamConnection{Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0"})
		must(t, err)
	}
	config := fmt.Sprintf(`
resource "atlasmini_stream_processor" "solar" {
  project_id       = %[1]q
  instance_name    = "single"
  name             = "solar"
  pipeline         = jsonencode([{ "$source" = { connectionName = "sample_stream_solar" } }, { "$merge" = { into = { connectionName = "warehouse", db = "d", coll = "c" } } }])
  failover_enabled = true
}

resource "atlasmini_stream_processor" "copy" {
  project_id       = %[1]q
  instance_name    = "multi"
  name             = "copy"
  pipeline         = jsonencode([{ "$source" = { connectionName = "warehouse" } }, { "$merge" = { into = { connectionName = "warehouse", db = "d", coll = "c" } } }])
  failover_enabled = true
}

output "copy_eligible" {
  value = atlasmini_stream_processor.copy.eligible_for_failover
}
`, p)
	w := newWorkspace(t, srv.URL, config)
	out := strings.Join(strings.Fields(w.mustRun("plan", "-input=false", "-no-color")), " ")
	expectSays(t, "the plan", out,
		"Warning: Processor Not Eligible For Failover", `Processor "solar" has failover_enabled = true, but Atlas will not fail it over`,
		"its instance has no failover region (Atlas refuses failover_enabled = true on it unless this apply adds failover_regions", "its tier SP5 is below SP10", `its $source "sample_stream_solar" is a Sample connection`)
	if strings.Contains(out, `Processor "copy" has failover_enabled`) {
		t.Errorf("the plan warns about the eligible processor:\n%s", tail(out, 3000))
	}
	// Atlas refuses failover_enabled on an instance without failover
	// regions, as the warning says: only the eligible one is applied.
	applied := strings.Join(strings.Fields(w.mustRun("apply", "-auto-approve", "-input=false", "-no-color", "-target=atlasmini_stream_processor.copy")), " ")
	if !strings.Contains(applied, "copy_eligible = true") {
		t.Errorf("Atlas does not report the eligible processor eligible:\n%s", tail(applied, 2000))
	}
}
