package atlas_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

const (
	procListOp = "GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}/processors"
	procGetOp  = "GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}"
)

// TestRefreshReadsOneListPerInstance refreshes 30 processors at once: one
// list serves them all, each gets its own state, and a processor the list
// lacks is read, and confirmed gone, on its own.
func TestRefreshReadsOneListPerInstance(t *testing.T) {
	srv, c := connectionClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	if _, err := c.CreateStreamConnection(ctx, p, "ingest", atlas.StreamConnection{Name: "sample_stream_solar", Type: "Sample"}); err != nil {
		t.Fatal(err)
	}
	pipeline := json.RawMessage(`[{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"__testLog"}}]`)
	for i := range 30 {
		name := fmt.Sprintf("p%02d", i)
		if _, err := c.CreateStreamProcessor(ctx, p, "ingest", atlas.StreamProcessor{Name: name, Pipeline: pipeline}); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if err := c.StartStreamProcessor(ctx, p, "ingest", name, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	srv.ResetCounts()
	var wg sync.WaitGroup
	got := make([]*atlas.StreamProcessor, 30)
	errs := make([]error, 30)
	for i := range 30 {
		wg.Go(func() { got[i], errs[i] = c.RefreshStreamProcessor(ctx, p, "ingest", fmt.Sprintf("p%02d", i)) })
	}
	wg.Wait()
	for i := range 30 {
		want := "CREATED"
		if i%3 == 0 {
			want = "STARTED"
		}
		if errs[i] != nil || got[i].Name != fmt.Sprintf("p%02d", i) || got[i].State != want {
			t.Errorf("p%02d: %+v %v, want %s", i, got[i], errs[i], want)
		}
	}
	if n := srv.Counts(); n[procListOp] != 1 || n[procGetOp] != 0 {
		t.Errorf("30 refreshes read %d lists and %d processors, want 1 and 0", n[procListOp], n[procGetOp])
	}

	srv.ResetCounts()
	if _, err := c.RefreshStreamProcessor(ctx, p, "ingest", "nobody"); !atlas.IsNotFound(err) {
		t.Errorf("a processor the list lacks: %v, want a confirmed 404", err)
	}
	if n := srv.Counts(); n[procListOp] != 1 || n[procGetOp] != 1 {
		t.Errorf("the missing processor read %d lists (the confirmation) and %d processors, want 1 and 1", n[procListOp], n[procGetOp])
	}

	// A write forgets the list: the next refresh sees what changed.
	if err := c.StopStreamProcessor(ctx, p, "ingest", "p00"); err != nil {
		t.Fatal(err)
	}
	srv.ResetCounts()
	if got, err := c.RefreshStreamProcessor(ctx, p, "ingest", "p00"); err != nil || got.State != "STOPPED" {
		t.Errorf("after a stop: %+v %v", got, err)
	}
	if n := srv.Counts(); n[procListOp] != 1 {
		t.Errorf("the refresh after a write read %d lists, want a new one", n[procListOp])
	}
}

// TestRefreshFallsBackToOneRead: on an instance whose list runs past one
// page, a processor beyond the first page is refreshed by its own read.
func TestRefreshFallsBackToOneRead(t *testing.T) {
	srv, c := connectionClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	if _, err := c.CreateStreamConnection(ctx, p, "ingest", atlas.StreamConnection{Name: "sample_stream_solar", Type: "Sample"}); err != nil {
		t.Fatal(err)
	}
	pipeline := json.RawMessage(`[{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"__testLog"}}]`)
	for i := range atlas.MaxItemsPerPage + 1 {
		if _, err := c.CreateStreamProcessor(ctx, p, "ingest", atlas.StreamProcessor{Name: fmt.Sprintf("p%03d", i), Pipeline: pipeline}); err != nil {
			t.Fatal(err)
		}
	}
	srv.ResetCounts()
	last := fmt.Sprintf("p%03d", atlas.MaxItemsPerPage)
	if got, err := c.RefreshStreamProcessor(ctx, p, "ingest", last); err != nil || got.Name != last {
		t.Fatalf("the processor on the second page: %+v %v", got, err)
	}
	if n := srv.Counts(); n[procListOp] != 1 || n[procGetOp] != 1 {
		t.Errorf("read %d list pages and %d processors, want the first page only, then the processor", n[procListOp], n[procGetOp])
	}
	if got, err := c.RefreshStreamProcessor(ctx, p, "ingest", "p000"); err != nil || got.Name != "p000" {
		t.Errorf("a processor of the first page: %+v %v", got, err)
	}
}
