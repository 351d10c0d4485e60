package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_movedProcessorFromMongoDBAtlas brings a started processor with a
// DLQ and a tier over from mongodbatlas_stream_processor with a moved
// block, under the real terraform CLI. MongoDB's state holds the pipeline
// as its user wrote it (indented); the configuration here writes it with
// jsonencode: the plan moves it with no change, the apply keeps Atlas's id,
// MongoDB's provider can then leave, and the API sees no write (no stop,
// no start).
func TestE2E_movedProcessorFromMongoDBAtlas(t *testing.T) {
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
	// The pipeline as a user of MongoDB's provider wrote it, in a heredoc.
	written := `[
  { "$source": { "connectionName": "sample_stream_solar" } },
  { "$match": { "obs.watts": { "$gt": 5 } } },
  { "$merge": { "into": { "coll": "readings", "connectionName": "warehouse", "db": "solar" } } }
]
`
	dlq := &atlas.DLQ{ConnectionName: "warehouse", DB: "solar", Coll: "dlq"}
	created, err := c.CreateStreamProcessor(ctx, p, "ingest", atlas.StreamProcessor{Name: "solar", Pipeline: json.RawMessage(written), Options: &atlas.ProcessorOptions{DLQ: dlq}})
	must(t, err)
	must(t, c.StartStreamProcessor(ctx, p, "ingest", "solar", "SP10"))
	started, err := c.GetStreamProcessor(ctx, p, "ingest", "solar")
	must(t, err)
	if started.State != "STARTED" {
		t.Fatalf("the processor is %s before the move, want STARTED", started.State)
	}
	srv.ResetCounts()

	w := newWorkspace(t, srv.URL, "")
	resources := fmt.Sprintf(`
resource "atlasmini_stream_processor" "solar" {
  project_id    = %q
  instance_name = "ingest"
  name          = "solar"
  pipeline = jsonencode([
    { "$source" = { connectionName = "sample_stream_solar" } },
    { "$match" = { "obs.watts" = { "$gt" = 5 } } },
    { "$merge" = { into = { connectionName = "warehouse", db = "solar", coll = "readings" } } },
  ])
  state = "STARTED"
  tier  = "SP10"
  options = {
    dlq = { connection_name = "warehouse", db = "solar", coll = "dlq" }
  }
}
`, p)
	moved := `
moved {
  from = mongodbatlas_stream_processor.solar
  to   = atlasmini_stream_processor.solar
}
`
	w.writeConfig(withMongoDBAtlas + resources + moved)
	writeState(t, w.dir,
		mongodbatlasResource("mongodbatlas_stream_processor", "solar", map[string]any{
			"id": created.ID, "project_id": p, "workspace_name": "ingest", "processor_name": "solar", "pipeline": written,
			"state": "STARTED", "tier": "SP10", "effective_tier": "SP10", "stats": string(started.Stats), "failover_enabled": nil,
			"options":                  map[string]any{"dlq": map[string]any{"connection_name": "warehouse", "db": "solar", "coll": "dlq"}, "autoscaling": nil},
			"delete_on_create_timeout": true,
		}),
	)

	planned := strings.Join(strings.Fields(w.mustRun("plan", "-input=false", "-no-color", "-out=move.tfplan")), " ")
	for _, want := range []string{
		"# mongodbatlas_stream_processor.solar has moved to atlasmini_stream_processor.solar",
		"Plan: 0 to add, 0 to change, 0 to destroy.",
	} {
		if !strings.Contains(planned, want) {
			t.Errorf("the plan does not say %q:\n%s", want, tail(planned, 3000))
		}
	}
	w.mustRun("apply", "-input=false", "move.tfplan")
	rs := w.stateResources("atlasmini_stream_processor")
	if len(rs) != 1 || rs[0]["id"] != created.ID || rs[0]["state"] != "STARTED" || rs[0]["tier"] != "SP10" {
		t.Errorf("after the move the state holds %v, want id %s, STARTED on SP10", rs, created.ID)
	}
	w.writeConfig(atlasminiOnly + resources)
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan without MongoDB's provider exited %d, want 0 (no changes):\n%s", code, tail(out, 3000))
	}
	expectOnlyReads(t, srv, "the move")
}
