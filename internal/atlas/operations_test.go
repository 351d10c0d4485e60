package atlas_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// failoverClient is a client of a mock with the instance "multi" (primary
// VIRGINIA_USA, failover DUBLIN_IRL), its Cluster connection "warehouse"
// and Kafka connection "events", and the processor "replica" (Cluster to
// Cluster, failover enabled).
func failoverClient(t *testing.T) (*atlasmock.Server, *atlas.Client) {
	t.Helper()
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, AccessToken: srv.AccessToken(t)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	if _, err := c.CreateStreamInstance(ctx, p, atlas.CreateRequest{Name: "multi", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
		FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "DUBLIN_IRL"}}}); err != nil {
		t.Fatal(err)
	}
	for _, conn := range []atlas.StreamConnection{
		{Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0"},
		{Name: "events", Type: "Kafka", BootstrapServers: "b:9092"},
	} {
		if _, err := c.CreateStreamConnection(ctx, p, "multi", conn); err != nil {
			t.Fatal(err)
		}
	}
	enabled := true
	if _, err := c.CreateStreamProcessor(ctx, p, "multi", atlas.StreamProcessor{Name: "replica", FailoverEnabled: &enabled,
		Pipeline: json.RawMessage(`[{"$source":{"connectionName":"warehouse"}},{"$merge":{"into":{"connectionName":"warehouse","db":"d","coll":"c"}}}]`)}); err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// TestFailoverConnectionsOverTheWire creates, reads, lists, updates and
// deletes a failover connection; a 404 is confirmed by its list, which
// the primary's siblings share a name with.
func TestFailoverConnectionsOverTheWire(t *testing.T) {
	_, c := failoverClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	f, err := c.CreateFailoverConnection(ctx, p, "multi", "events", atlas.StreamConnection{Name: "events", Type: "Kafka", Region: "DUBLIN_IRL", BootstrapServers: "f:9092",
		Authentication: &atlas.KafkaAuthentication{Mechanism: "PLAIN", Username: "u", Password: "failover-secret"}})
	if err != nil || len(f.ID) != 24 || f.Region != "DUBLIN_IRL" || f.State != "READY" || f.Authentication.Password != "" {
		t.Fatalf("create: %+v %v", f, err)
	}
	got, err := c.GetFailoverConnection(ctx, p, "multi", "events", f.ID)
	if err != nil || got.BootstrapServers != "f:9092" {
		t.Fatalf("get: %+v %v", got, err)
	}
	updated, err := c.UpdateFailoverConnection(ctx, p, "multi", "events", f.ID, atlas.StreamConnection{Name: "events", Type: "Kafka", Region: "DUBLIN_IRL", BootstrapServers: "g:9092",
		Authentication: &atlas.KafkaAuthentication{Mechanism: "PLAIN", Username: "u"}})
	if err != nil || updated.BootstrapServers != "g:9092" {
		t.Fatalf("update: %+v %v", updated, err)
	}
	n := 0
	if _, err := c.EachFailoverConnection(ctx, p, "multi", "events", func(*atlas.StreamConnection) bool { n++; return true }); err != nil || n != 1 {
		t.Fatalf("list: %d %v", n, err)
	}
	if err := c.DeleteFailoverConnection(ctx, p, "multi", "events", f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetFailoverConnection(ctx, p, "multi", "events", f.ID); !atlas.IsNotFound(err) {
		t.Errorf("a deleted failover connection: %v", err)
	}
	if err := c.DeleteFailoverConnection(ctx, p, "multi", "events", f.ID); !atlas.IsNotFound(err) {
		t.Errorf("a second delete: %v", err)
	}
}

// TestFailoverConnectionGoneWithItsConnection: deleting a connection
// deletes its failover connections, and a read of one is a confirmed 404
// (the failover list answers 404 too; the connection's own 404 confirms
// it), not an error.
func TestFailoverConnectionGoneWithItsConnection(t *testing.T) {
	_, c := failoverClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	f, err := c.CreateFailoverConnection(ctx, p, "multi", "events", atlas.StreamConnection{Name: "events", Type: "Kafka", Region: "DUBLIN_IRL", BootstrapServers: "f:9092"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteStreamConnection(ctx, p, "multi", "events"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetFailoverConnection(ctx, p, "multi", "events", f.ID); !atlas.IsNotFound(err) {
		t.Errorf("a failover connection of a deleted connection: want a confirmed 404, got %v", err)
	}
	if err := c.DeleteFailoverConnection(ctx, p, "multi", "events", f.ID); !atlas.IsNotFound(err) {
		t.Errorf("deleting it: want a confirmed 404, got %v", err)
	}
}

// TestStartOptionsAndProcessorStatusOverTheWire starts a processor with
// options, fails it over, and fails over and stops the instance's
// processors with processorStatus.
func TestStartOptionsAndProcessorStatusOverTheWire(t *testing.T) {
	srv, c := failoverClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	fresh := false
	if err := c.StartStreamProcessorWith(ctx, p, "multi", "replica", atlas.StartOptions{Tier: "SP10", ResumeFromCheckpoint: &fresh}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetStreamProcessor(ctx, p, "multi", "replica")
	if err != nil || got.State != "STARTED" || got.Tier != "SP10" || got.EligibleForFailover == nil || !*got.EligibleForFailover {
		t.Fatalf("after the start: %+v %v", got, err)
	}
	if err := c.StartStreamProcessorWith(ctx, p, "multi", "replica", atlas.StartOptions{Failover: &atlas.ProcessorFailover{Region: "DUBLIN_IRL", DryRun: true}}); err != nil {
		t.Fatal(err)
	}
	if err := c.StartStreamProcessorWith(ctx, p, "multi", "replica", atlas.StartOptions{StartAtOperationTime: "2026-01-02T03:04:05Z"}); atlas.StatusCode(err) != 400 {
		t.Errorf("a start of a running processor: %v", err)
	}
	if _, err := c.SetProcessorStatus(ctx, p, "multi", atlas.ProcessorStatus{Status: "FAILED_OVER", Region: "DUBLIN_IRL", Mode: "FORCED"}); err != nil {
		t.Fatal(err)
	}
	if ps := srv.Processors(p, "multi"); len(ps) != 1 || ps[0].ActiveRegion != "DUBLIN_IRL" {
		t.Errorf("after FAILED_OVER: %+v", ps)
	}
	if _, err := c.SetProcessorStatus(ctx, p, "multi", atlas.ProcessorStatus{Status: "STOPPED", Region: "DUBLIN_IRL"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := c.GetStreamProcessor(ctx, p, "multi", "replica"); got.State != "STOPPED" {
		t.Errorf("after STOPPED: %+v", got)
	}
	if _, err := c.SetProcessorStatus(ctx, p, "multi", atlas.ProcessorStatus{Status: "FAILED_OVER"}); atlas.StatusCode(err) != 400 {
		t.Errorf("FAILED_OVER without a region: %v", err)
	}
}

// TestPlanReadsAreShared: the plan-time reads of an instance and of its
// connections' types are one request each for the calls that come
// together (Terraform plans every resource at once), and the types are
// the connections'.
func TestPlanReadsAreShared(t *testing.T) {
	srv, c := failoverClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	srv.ResetCounts()
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if in, err := c.StreamInstanceForPlan(ctx, p, "multi"); err != nil || len(in.FailoverRegions) != 1 {
				t.Errorf("instance: %+v %v", in, err)
			}
			if types, err := c.ConnectionTypes(ctx, p, "multi"); err != nil || types["warehouse"] != "Cluster" || types["events"] != "Kafka" {
				t.Errorf("types: %v %v", types, err)
			}
		}()
	}
	wg.Wait()
	counts := srv.Counts()
	if n := counts["GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}"]; n != 1 {
		t.Errorf("%d instance reads, want 1 (all: %v)", n, counts)
	}
	if n := counts["GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections"]; n != 1 {
		t.Errorf("%d connection list reads, want 1 (all: %v)", n, counts)
	}
}
