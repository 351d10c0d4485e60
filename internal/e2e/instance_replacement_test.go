package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_instanceReplacementNamesItsDependents: a change that replaces
// an instance (sample_connections here) plans nothing for its connections
// and processors, which Terraform knows by instance_name only. The plan
// says so, naming them and giving the fix; an apply without it fails at
// the delete, with an error that names the processors, gives the same
// fix, and says nothing of roles; with replace_triggered_by on each, one
// apply replaces all three and ends with everything present.
func TestE2E_instanceReplacementNamesItsDependents(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	config := func(solar bool, lifecycle string) string {
		return fmt.Sprintf(`
resource "atlasmini_stream_instance" "events" {
  project_id          = %q
  name                = "events"
  data_process_region = { cloud_provider = "AWS", region = "VIRGINIA_USA" }
  sample_connections  = { solar = %t }
}

resource "atlasmini_stream_connection" "archive" {
  project_id    = atlasmini_stream_instance.events.project_id
  instance_name = atlasmini_stream_instance.events.name
  name          = "archive"
  type          = "Cluster"
  cluster       = { cluster_name = "Cluster0" }
%[3]s
}

resource "atlasmini_stream_processor" "archiver" {
  project_id    = atlasmini_stream_instance.events.project_id
  instance_name = atlasmini_stream_instance.events.name
  name          = "archiver"
  pipeline = jsonencode([
    { "$source" = { connectionName = atlasmini_stream_connection.archive.name, db = "events", coll = "raw" } },
    { "$merge" = { into = { connectionName = atlasmini_stream_connection.archive.name, db = "events", coll = "kept" } } },
  ])
  state = "STARTED"
%[3]s
}
`, atlasmock.DemoProjectID, solar, lifecycle)
	}
	w := newWorkspace(t, srv.URL, config(false, ""))
	w.mustRun("apply", "-auto-approve", "-input=false")

	w.writeConfig(atlasminiOnly + config(true, ""))
	planned := strings.Join(strings.Fields(w.mustRun("plan", "-input=false", "-no-color")), " ")
	for _, say := range []string{
		"Warning: Stream Instance Replacement Affects Its Connections And Processors",
		`This plan replaces stream instance "events" in project ` + atlasmock.DemoProjectID,
		`Atlas deletes its connections "archive" with it`, `it has "archiver"`,
		"replace_triggered_by = [atlasmini_stream_instance.<label>.id]",
	} {
		if !strings.Contains(planned, say) {
			t.Errorf("the plan does not say %q:\n%s", say, tail(planned, 3000))
		}
	}
	code, out := w.run("apply", "-auto-approve", "-input=false", "-no-color")
	applied := strings.Join(strings.Fields(out), " ")
	if code == 0 {
		t.Fatalf("the apply replaced an instance that has processors:\n%s", tail(applied, 3000))
	}
	for _, say := range []string{`It still has the stream processors "archiver", and Atlas deletes no instance that has processors`,
		"replace_triggered_by = [atlasmini_stream_instance.<label>.id]", "errorCode: STREAM_TENANT_HAS_STREAM_PROCESSORS"} {
		if !strings.Contains(applied, say) {
			t.Errorf("the failed apply does not say %q:\n%s", say, tail(applied, 3000))
		}
	}
	for _, wrong := range []string{"lack a role", "which Terraform does not manage here"} {
		if strings.Contains(applied, wrong) {
			t.Errorf("the failed apply says %q, which does not fit:\n%s", wrong, tail(applied, 3000))
		}
	}

	w.writeConfig(atlasminiOnly + config(true, "  lifecycle {\n    replace_triggered_by = [atlasmini_stream_instance.events.id]\n  }"))
	w.mustRun("apply", "-auto-approve", "-input=false")
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Errorf("the plan after the replacement exited %d, want 0:\n%s", code, tail(out, 3000))
	}
	var conns []string
	for _, c := range srv.Connections(atlasmock.DemoProjectID, "events") {
		conns = append(conns, c.Name)
	}
	procs := srv.Processors(atlasmock.DemoProjectID, "events")
	if fmt.Sprint(conns) != "[sample_stream_solar archive]" || len(procs) != 1 || procs[0].State != "STARTED" {
		t.Errorf("after the replacement the mock holds the connections %v and the processors %v", conns, procs)
	}
	w.mustRun("destroy", "-auto-approve", "-input=false")
}
