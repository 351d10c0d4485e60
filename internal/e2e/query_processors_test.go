package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_queryImportsProcessors: processors made outside Terraform in
// each state a configuration can ask for, one with a DLQ and a tier, are
// found by terraform query, which writes their configuration; the apply
// imports them with no start or stop, and the plan after it is empty.
// terraform query writes pipelines with jsonencode, which sorts keys: for
// the processor whose pipeline has keys in another order, the plan warns
// and says to write a heredoc, and once it is, nothing changes.
func TestE2E_queryImportsProcessors(t *testing.T) {
	needAcc(t)
	needQuery(t)
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
	// Keys in alphabetical order, as a configuration with jsonencode sends them.
	pipeline := json.RawMessage(`[{"$source":{"connectionName":"sample_stream_solar"}},{"$match":{"obs.watts":{"$gt":5}}},{"$merge":{"into":{"coll":"readings","connectionName":"warehouse","db":"solar"}}}]`)
	// Keys in another order, as a heredoc or another client may send them.
	ordered := `[{"$source":{"connectionName":"sample_stream_solar"}},{"$project":{"watts":"$obs.watts","device":"$device_id"}},{"$emit":{"connectionName":"__testLog"}}]`
	want := map[string]string{"idle": "CREATED", "busy": "STARTED", "paused": "STOPPED", "ordered": "CREATED"}
	for _, name := range []string{"idle", "busy", "paused", "ordered"} {
		state := want[name]
		req := atlas.StreamProcessor{Name: name, Pipeline: pipeline}
		if name == "ordered" {
			req.Pipeline = json.RawMessage(ordered)
		}
		if name == "busy" {
			req.Options = &atlas.ProcessorOptions{DLQ: &atlas.DLQ{ConnectionName: "warehouse", DB: "solar", Coll: "dlq"}}
		}
		_, err := c.CreateStreamProcessor(ctx, p, "ingest", req)
		must(t, err)
		if state != "CREATED" {
			must(t, c.StartStreamProcessor(ctx, p, "ingest", name, "SP5"))
		}
		if state == "STOPPED" {
			must(t, c.StopStreamProcessor(ctx, p, "ingest", name))
		}
	}
	srv.ResetCounts()

	w := newWorkspace(t, srv.URL, "")
	must(t, os.WriteFile(filepath.Join(w.dir, "search.tfquery.hcl"), []byte(fmt.Sprintf(`
list "atlasmini_stream_processor" "all" {
  provider         = atlasmini
  include_resource = true
  config {
    project_id    = %q
    instance_name = "ingest"
  }
}
`, p)), 0o600))
	out := w.mustRun("query", "-generate-config-out=generated.tf")
	for name, state := range want {
		if !strings.Contains(out, name+" ("+state+")") {
			t.Errorf("terraform query does not show %s (%s):\n%s", name, state, tail(out, 3000))
		}
	}
	generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	must(t, err)
	if n := len(regexp.MustCompile(`(?m)^import \{`).FindAll(generated, -1)); n != 4 {
		t.Fatalf("generated.tf holds %d import blocks, want 4:\n%s", n, tail(string(generated), 3000))
	}
	planned := strings.Join(strings.Fields(w.mustRun("plan", "-input=false", "-no-color")), " ")
	for _, say := range []string{"Warning: Pipeline Keys In Another Order", `The pipeline of processor "ordered" has the same stages and values as in Atlas, with keys in another order`,
		"write the pipeline as a heredoc", "Plan: 4 to import, 0 to add, 1 to change, 0 to destroy."} {
		if !strings.Contains(planned, say) {
			t.Errorf("the plan of the generated configuration does not say %q:\n%s", say, tail(planned, 3000))
		}
	}
	// The user writes that pipeline as a heredoc, in Atlas's order.
	at := strings.Index(string(generated), `name             = "ordered"`)
	if at < 0 {
		t.Fatalf("generated.tf has no processor named ordered:\n%s", generated)
	}
	jsonencoded := regexp.MustCompile(`(?s)pipeline = jsonencode\(.*?\}\]\)\n`)
	edited := string(generated[:at]) + jsonencoded.ReplaceAllLiteralString(string(generated[at:]), "pipeline = <<-JSON\n    "+ordered+"\n  JSON\n")
	if edited == string(generated) || strings.Count(edited, "<<-JSON") != 1 {
		t.Fatalf("could not rewrite the pipeline of ordered:\n%s", edited)
	}
	must(t, os.WriteFile(filepath.Join(w.dir, "generated.tf"), []byte(edited), 0o600))
	w.mustRun("apply", "-auto-approve", "-input=false")
	got := map[string]string{}
	for _, r := range w.stateResources("atlasmini_stream_processor") {
		got[fmt.Sprint(r["name"])] = fmt.Sprint(r["state"])
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after the apply the state holds %v, want %v\n%s", got, want, generated)
	}
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan after the import exited %d, want 0 (no changes):\n%s\n%s", code, tail(out, 3000), generated)
	}
	expectOnlyReads(t, srv, "query and import")
}
