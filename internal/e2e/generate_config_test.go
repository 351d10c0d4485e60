package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_importBlocksGenerateConfig applies the OpenTofu guide's example
// as it is, with the CLI under test (OpenTofu in its CI pass, where it is
// the way to adopt objects, having no query command): an instance, a
// connection and a running processor made through the API are imported by
// its import blocks, plan -generate-config-out writes their resource
// blocks, the apply imports them with no write to the API, and the plan
// after it is empty.
func TestE2E_importBlocksGenerateConfig(t *testing.T) {
	needAcc(t)
	needTerraform(t, "1.12") // the example imports the processor by identity
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	_, err = c.CreateStreamInstance(ctx, p, atlas.CreateRequest{Name: "ingest", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
		StreamConfig: &atlas.StreamConfig{Tier: "SP10"}, SampleConnections: &atlas.SampleConnections{Solar: true}})
	must(t, err)
	_, err = c.CreateStreamConnection(ctx, p, "ingest", atlas.StreamConnection{Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0",
		DBRoleToExecute: &atlas.DBRoleToExecute{Role: "readWriteAnyDatabase", Type: "BUILT_IN"}})
	must(t, err)
	_, err = c.CreateStreamProcessor(ctx, p, "ingest", atlas.StreamProcessor{Name: "solar",
		Pipeline: json.RawMessage(`[{"$source":{"connectionName":"sample_stream_solar"}},{"$merge":{"into":{"coll":"readings","connectionName":"warehouse","db":"solar"}}}]`),
		Options:  &atlas.ProcessorOptions{DLQ: &atlas.DLQ{ConnectionName: "warehouse", DB: "solar", Coll: "dlq"}}})
	must(t, err)
	must(t, c.StartStreamProcessor(ctx, p, "ingest", "solar", "SP5"))
	srv.ResetCounts()

	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "guides", "opentofu", "import.tf"))
	must(t, err)
	w := newWorkspace(t, srv.URL, string(example))
	out := w.mustRun("plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	if planned := strings.Join(strings.Fields(out), " "); !strings.Contains(planned, "3 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Errorf("the plan does not import the three objects alone:\n%s", tail(out, 3000))
	}
	generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	must(t, err)
	if n := len(regexp.MustCompile(`(?m)^resource "atlasmini_stream_`).FindAll(generated, -1)); n != 3 {
		t.Fatalf("generated.tf holds %d resource blocks, want 3:\n%s", n, generated)
	}
	w.mustRun("apply", "-auto-approve", "-input=false")
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan after the import exited %d, want 0 (no changes):\n%s\n%s", code, tail(out, 3000), generated)
	}
	if rs := w.stateResources("atlasmini_stream_processor"); len(rs) != 1 || rs[0]["state"] != "STARTED" {
		t.Errorf("the imported processor: %v", rs)
	}
	expectOnlyReads(t, srv, "the import")
}
