package atlas_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestProcessorsOverTheWire creates a processor with its pipeline's key
// order, starts it with and without a tier, stops, modifies, lists and
// deletes it against the mock, each with its operation's media type (the
// mock answers 406 to another).
func TestProcessorsOverTheWire(t *testing.T) {
	srv, c := connectionClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	if _, err := c.CreateStreamConnection(ctx, p, "ingest", atlas.StreamConnection{Name: "sample_stream_solar", Type: "Sample"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateStreamConnection(ctx, p, "ingest", atlas.StreamConnection{Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0"}); err != nil {
		t.Fatal(err)
	}
	pipeline := json.RawMessage(`[{"$source":{"connectionName":"sample_stream_solar"}},{"$project":{"z":1,"a":1}},{"$merge":{"into":{"connectionName":"warehouse","db":"d","coll":"c"}}}]`)
	created, err := c.CreateStreamProcessor(ctx, p, "ingest", atlas.StreamProcessor{Name: "solar", Pipeline: pipeline,
		Options: &atlas.ProcessorOptions{DLQ: &atlas.DLQ{ConnectionName: "warehouse", DB: "d", Coll: "dlq"}}})
	if err != nil || created.ID == "" || string(created.Pipeline) != string(pipeline) {
		t.Fatalf("create: %+v %v", created, err)
	}
	got, err := c.GetStreamProcessor(ctx, p, "ingest", "solar")
	if err != nil || got.State != "CREATED" || got.Options.DLQ.Coll != "dlq" || got.Stats != nil {
		t.Fatalf("get: %+v %v", got, err)
	}
	if err := c.StartStreamProcessor(ctx, p, "ingest", "solar", "SP10"); err != nil {
		t.Fatal(err)
	}
	if got, _ = c.GetStreamProcessor(ctx, p, "ingest", "solar"); got.State != "STARTED" || got.Tier != "SP10" || !strings.Contains(string(got.Stats), `"status":"running"`) {
		t.Errorf("after :startWith: %+v %s", got, got.Stats)
	}
	if err := c.StopStreamProcessor(ctx, p, "ingest", "solar"); err != nil {
		t.Fatal(err)
	}
	updated, err := c.UpdateStreamProcessor(ctx, p, "ingest", "solar", atlas.StreamProcessor{Name: "renamed", Options: &atlas.ProcessorOptions{DLQ: &atlas.DLQ{}}})
	if err != nil || updated.Name != "renamed" || updated.State != "STOPPED" || updated.Options != nil {
		t.Fatalf("update: %+v %v", updated, err)
	}
	if err := c.StartStreamProcessor(ctx, p, "ingest", "renamed", ""); err != nil {
		t.Fatal(err)
	}
	all, total, err := c.ListStreamProcessors(ctx, p, "ingest")
	if err != nil || total != 1 || all[0].State != "STARTED" {
		t.Fatalf("list: %+v %d %v", all, total, err)
	}
	if err := c.DeleteStreamProcessor(ctx, p, "ingest", "renamed"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetStreamProcessor(ctx, p, "ingest", "renamed"); !atlas.IsNotFound(err) {
		t.Errorf("confirmed missing: %v", err)
	}
	if err := c.DeleteStreamProcessor(ctx, p, "gone-instance", "x"); !atlas.IsNotFound(err) {
		t.Errorf("under a missing instance: %v", err)
	}
	counts := srv.Counts()
	for _, k := range []string{
		"POST /api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}:startWith",
		"POST /api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}:start",
		"POST /api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}:stop",
	} {
		if counts[k] != 1 {
			t.Errorf("%s: %d requests, want 1 (%v)", k, counts[k], counts)
		}
	}
}
