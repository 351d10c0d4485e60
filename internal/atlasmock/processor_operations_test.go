package atlasmock

import (
	"slices"
	"testing"
)

const (
	opsProcessorType = "application/vnd.atlas.2024-05-30+json"
	opsStartWithType = "application/vnd.atlas.2025-03-12+json"
	opsBase          = streamsPathDemo + "/multi"
)

// withOperations is the failover instance with a Cluster connection and
// two processors: "replica" (Cluster to Cluster, failover enabled:
// eligible) and "stream" (Kafka to Cluster: not eligible).
func withOperations(t *testing.T) (*Server, *apiClient) {
	t.Helper()
	s, c := withFailoverInstance(t)
	if status, _, data := c.do("POST", opsBase+"/connections", `{"name":"warehouse","type":"Cluster","clusterName":"Cluster0"}`); status != 200 {
		t.Fatalf("%d %s", status, data)
	}
	for _, body := range []string{
		`{"name":"replica","failoverEnabled":true,"pipeline":[{"$source":{"connectionName":"warehouse"}},{"$merge":{"into":{"connectionName":"warehouse","db":"d","coll":"c"}}}]}`,
		`{"name":"stream","pipeline":[{"$source":{"connectionName":"events"}},{"$merge":{"into":{"connectionName":"warehouse","db":"d","coll":"c"}}}]}`,
	} {
		if status, _, data := c.do("POST", opsBase+"/processor", body, "Accept", opsProcessorType, "Content-Type", opsProcessorType); status != 200 {
			t.Fatalf("%d %s", status, data)
		}
	}
	return s, c
}

func (c *apiClient) startWith(name, body string) (int, apiError) {
	c.t.Helper()
	status, _, data := c.do("POST", opsBase+"/processor/"+name+":startWith", body, "Accept", opsStartWithType, "Content-Type", opsStartWithType)
	if status == 200 {
		return status, apiError{}
	}
	return status, apiErr(c.t, data)
}

func processor(s *Server, name string) Processor {
	for _, p := range s.Processors(DemoProjectID, "multi") {
		if p.Name == name {
			return p
		}
	}
	return Processor{}
}

// TestStartWithOptions: resumeFromCheckpoint false and startAtOperationTime
// start fresh (the counters clear), a plain start keeps counting, the tier
// is stored, and the combinations the contract refuses name their member.
func TestStartWithOptions(t *testing.T) {
	s, c := withOperations(t)
	for _, tc := range []struct{ body, field string }{
		{`{"startAtOperationTime":"2026-01-02T03:04:05+02:00"}`, "startAtOperationTime"},
		{`{"startAtOperationTime":"yesterday"}`, "startAtOperationTime"},
		{`{"startAtOperationTime":"2026-01-02T03:04:05Z","resumeFromCheckpoint":true}`, "startAtOperationTime"},
		{`{"failover":{"region":"DUBLIN_IRL","clearCheckpoint":true}}`, "failover.clearCheckpoint"},
		{`{"failover":{"mode":"FORCED"}}`, "failover.region"},
		{`{"tier":"SP99"}`, "tier"},
	} {
		if status, e := c.startWith("stream", tc.body); status != 400 || !slices.Contains(fields(e), tc.field) {
			t.Errorf("%s: want 400 naming %s, got %d %+v", tc.body, tc.field, status, e)
		}
	}
	stop := func(name string) {
		if status, _, data := c.do("POST", opsBase+"/processor/"+name+":stop", "", "Accept", opsProcessorType); status != 200 {
			t.Fatalf("stop: %d %s", status, data)
		}
	}
	if status, e := c.startWith("stream", `{"tier":"SP5"}`); status != 200 {
		t.Fatalf("start: %d %+v", status, e)
	}
	stop("stream")
	if status, _ := c.startWith("stream", `{}`); status != 200 || processor(s, "stream").Messages != processorsRestartedMessages || processor(s, "stream").Tier != "SP5" {
		t.Errorf("a start again from the checkpoint counts on: %+v", processor(s, "stream"))
	}
	stop("stream")
	if status, _ := c.startWith("stream", `{"resumeFromCheckpoint":false}`); status != 200 || processor(s, "stream").Messages != 0 {
		t.Errorf("a start from the beginning clears the counters: %+v", processor(s, "stream"))
	}
	stop("stream")
	c.startWith("stream", `{}`)
	stop("stream")
	if status, _ := c.startWith("stream", `{"startAtOperationTime":"2026-01-02T03:04:05Z"}`); status != 200 || processor(s, "stream").Messages != 0 {
		t.Errorf("a start from a time clears the counters: %+v", processor(s, "stream"))
	}
	_, _, data := c.do("GET", opsBase+"/processor/stream", "", "Accept", opsProcessorType)
	if v := decode(t, data); v["eligibleForFailover"] != false || v["stats"].(map[string]any)["inputMessageCount"] != float64(0) {
		t.Errorf("the read: %s", data)
	}
}

// TestProcessorFailover: eligibility as the contract computes it, the
// refusals (another region, an ineligible processor), a dry run that
// changes nothing, a failover from STARTED, and FORCED with
// clearCheckpoint.
func TestProcessorFailover(t *testing.T) {
	s, c := withOperations(t)
	_, _, data := c.do("GET", opsBase+"/processor/replica", "", "Accept", opsProcessorType)
	if decode(t, data)["eligibleForFailover"] != true {
		t.Errorf("replica (Cluster to Cluster, SP30, a failover region) must be eligible: %s", data)
	}
	if status, e := c.startWith("replica", `{"failover":{"region":"TOKYO_JPN"}}`); status != 400 || fields(e)[0] != "failover.region" {
		t.Errorf("a region of no kind: %d %+v", status, e)
	}
	if status, e := c.startWith("stream", `{"failover":{"region":"DUBLIN_IRL"}}`); status != 400 || e.ErrorCode != "STREAM_PROCESSOR_GENERIC_ERROR" {
		t.Errorf("an ineligible processor: %d %+v", status, e)
	}
	if status, _ := c.startWith("replica", `{"failover":{"region":"DUBLIN_IRL","dryRun":true}}`); status != 200 || processor(s, "replica").State != "CREATED" {
		t.Errorf("a dry run changed the processor: %+v", processor(s, "replica"))
	}
	c.startWith("replica", `{}`)
	c.do("POST", opsBase+"/processor/replica:stop", "", "Accept", opsProcessorType)
	c.startWith("replica", `{}`)
	if status, e := c.startWith("replica", `{"failover":{"region":"DUBLIN_IRL"}}`); status != 200 || processor(s, "replica").ActiveRegion != "DUBLIN_IRL" ||
		processor(s, "replica").State != "STARTED" || processor(s, "replica").Messages != processorsRestartedMessages {
		t.Errorf("a graceful failover from STARTED: %d %+v %+v", status, e, processor(s, "replica"))
	}
	if status, _ := c.startWith("replica", `{"failover":{"region":"VIRGINIA_USA","mode":"FORCED","clearCheckpoint":true}}`); status != 200 ||
		processor(s, "replica").ActiveRegion != "VIRGINIA_USA" || processor(s, "replica").Messages != 0 {
		t.Errorf("a forced failover back with clearCheckpoint: %+v", processor(s, "replica"))
	}
}

// TestInstanceProcessorStatus: the instance PATCH's processorStatus
// starts, stops and fails over every processor at once, leaves the
// ineligible ones untouched, is never returned, and refuses what the
// contract refuses naming processorStatus.<member>.
func TestInstanceProcessorStatus(t *testing.T) {
	s, c := withOperations(t)
	for _, tc := range []struct{ body, field string }{
		{`{"processorStatus":{}}`, "processorStatus.status"},
		{`{"processorStatus":{"status":"PAUSED"}}`, "processorStatus.status"},
		{`{"processorStatus":{"status":"FAILED_OVER"}}`, "processorStatus.region"},
		{`{"processorStatus":{"status":"STOPPED","region":"TOKYO_JPN"}}`, "processorStatus.region"},
		{`{"processorStatus":{"status":"STARTED","mode":"SOFT"}}`, "processorStatus.mode"},
		{`{"region":"OHIO_USA","processorStatus":{"status":"STOPPED"}}`, "processorStatus"},
	} {
		status, _, data := c.do("PATCH", opsBase, tc.body)
		if e := apiErr(t, data); status != 400 || !slices.Contains(fields(e), tc.field) {
			t.Errorf("%s: want 400 naming %s, got %d %s", tc.body, tc.field, status, data)
		}
	}
	patch := func(body string) {
		t.Helper()
		status, _, data := c.do("PATCH", opsBase, body)
		if v := decode(t, data); status != 200 || v["processorStatus"] != nil {
			t.Fatalf("%s: %d %s", body, status, data)
		}
	}
	patch(`{"processorStatus":{"status":"STARTED"}}`)
	if processor(s, "replica").State != "STARTED" || processor(s, "stream").State != "STARTED" {
		t.Errorf("start all: %+v", s.Processors(DemoProjectID, "multi"))
	}
	patch(`{"processorStatus":{"status":"FAILED_OVER","region":"DUBLIN_IRL","mode":"GRACEFUL"}}`)
	if processor(s, "replica").ActiveRegion != "DUBLIN_IRL" || processor(s, "stream").ActiveRegion != "" {
		t.Errorf("fail over all: only the eligible one moves: %+v", s.Processors(DemoProjectID, "multi"))
	}
	patch(`{"processorStatus":{"status":"STOPPED","region":"DUBLIN_IRL"}}`)
	if processor(s, "replica").State != "STOPPED" || processor(s, "stream").State != "STARTED" {
		t.Errorf("stop those active in DUBLIN_IRL: %+v", s.Processors(DemoProjectID, "multi"))
	}
	patch(`{"processorStatus":{"status":"STOPPED"}}`)
	if processor(s, "stream").State != "STOPPED" {
		t.Errorf("stop all: %+v", s.Processors(DemoProjectID, "multi"))
	}
}
