package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_instanceFollowsItsConnections applies an instance with the
// sample connection and two connections of its own, then removes one:
// after each apply, a plan of the whole configuration is empty and says
// nothing about objects changed outside Terraform, although the
// instance's computed connections changed with each apply.
func TestE2E_instanceFollowsItsConnections(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	instance := fmt.Sprintf(`
resource "atlasmini_stream_instance" "ingest" {
  project_id = %q
  name       = "ingest"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
  sample_connections = { solar = true }
}
`, atlasmock.DemoProjectID)
	connection := func(name, body string) string {
		return fmt.Sprintf(`
resource "atlasmini_stream_connection" %[1]q {
  project_id    = atlasmini_stream_instance.ingest.project_id
  instance_name = atlasmini_stream_instance.ingest.name
  name          = %[1]q
%[2]s
}
`, name, body)
	}
	cluster := connection("warehouse", "  type = \"Cluster\"\n  cluster = { cluster_name = \"Cluster0\" }")
	hook := connection("hook", "  type = \"Https\"\n  https = { url = \"https://hooks.example.net\" }")
	w := newWorkspace(t, srv.URL, instance+cluster+hook)
	for i, config := range []string{instance + cluster + hook, instance + cluster} {
		w.writeConfig(atlasminiOnly + config)
		w.mustRun("apply", "-auto-approve", "-input=false")
		code, out := w.run("plan", "-detailed-exitcode", "-input=false", "-no-color")
		if code != 0 {
			t.Fatalf("apply %d: the plan after it exited %d, want 0:\n%s", i+1, code, tail(out, 3000))
		}
		if strings.Contains(out, "changed outside of Terraform") {
			t.Errorf("apply %d: the plan reports changes outside Terraform:\n%s", i+1, tail(out, 3000))
		}
	}
	var names []string
	for _, c := range srv.Connections(atlasmock.DemoProjectID, "ingest") {
		names = append(names, c.Name)
	}
	if fmt.Sprint(names) != "[sample_stream_solar warehouse]" {
		t.Errorf("the mock holds the connections %v", names)
	}
	w.mustRun("destroy", "-auto-approve", "-input=false")
	if left := srv.Instances(atlasmock.DemoProjectID); len(left) != 0 {
		t.Errorf("%d instances left", len(left))
	}
}
