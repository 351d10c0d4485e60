package atlasmock

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	processorPath   = streamsPathDemo + "/ingest/processor"
	processorsPath  = streamsPathDemo + "/ingest/processors"
	processorAccept = "application/vnd.atlas.2024-05-30+json"
	startWithAccept = "application/vnd.atlas.2025-03-12+json"
	solarPipeline   = `[{"$source":{"connectionName":"sample_stream_solar"}},{"$match":{"obs.watts":{"$gt":5}}},{"$merge":{"into":{"connectionName":"warehouse","db":"solar","coll":"readings"}}}]`
)

// withProcessorInstance is an instance "ingest" with the solar sample and
// a Cluster connection "warehouse", and a client for processor calls.
func withProcessorInstance(t *testing.T, opts ...Options) (*Server, func(method, path, body string, headers ...string) (int, []byte)) {
	t.Helper()
	s, c := withInstance(t, true, opts...)
	c.do("POST", connectionsPath, `{"name":"warehouse","type":"Cluster","clusterName":"Cluster0"}`)
	c.do("POST", connectionsPath, `{"name":"hook","type":"Https","url":"https://x.net"}`)
	return s, func(method, path, body string, headers ...string) (int, []byte) {
		accept := processorAccept
		if strings.HasSuffix(path, ":startWith") {
			accept = startWithAccept
		}
		h := append([]string{"Accept", accept, "Content-Type", "application/json"}, headers...)
		status, _, data := c.do(method, path, body, h...)
		return status, data
	}
}

func processorBody(name, pipeline, extra string) string {
	return fmt.Sprintf(`{"name":%q,"pipeline":%s%s}`, name, pipeline, extra)
}

// TestProcessorLifecycle creates a processor (CREATED, the pipeline as
// sent, key order kept), starts it (stats appear), stops it, modifies it
// while stopped (still STOPPED), and deletes it (204).
func TestProcessorLifecycle(t *testing.T) {
	_, do := withProcessorInstance(t)
	pipeline := `[{"$source":{"connectionName":"sample_stream_solar"}},{"$project":{"z":1,"a":1}},{"$emit":{"connectionName":"__testLog"}}]`
	status, body := do("POST", processorPath, processorBody("solar", pipeline, `,"options":{"dlq":{"connectionName":"warehouse","db":"d","coll":"c"}},"tier":"SP10"`))
	v := decode(t, body)
	if status != 200 || v["state"] != nil || v["tier"] != "SP10" || !strings.Contains(string(body), `"pipeline":`+pipeline) || !hex24.MatchString(v["_id"].(string)) {
		t.Fatalf("create: %d %s", status, body)
	}
	get := func() map[string]any {
		status, body := do("GET", processorPath+"/solar", "")
		if status != 200 {
			t.Fatalf("get: %d %s", status, body)
		}
		return decode(t, body)
	}
	if g := get(); g["state"] != "CREATED" || g["stats"] != nil || g["eligibleForFailover"] != false {
		t.Errorf("after create: %v", g)
	}
	if status, body := do("POST", processorPath+"/solar:start", ""); status != 200 || len(body) != 0 {
		t.Fatalf("start: %d %s", status, body)
	}
	if g := get(); g["state"] != "STARTED" || fmt.Sprint(g["stats"].(map[string]any)["status"]) != "running" {
		t.Errorf("after start: %v", g)
	}
	for _, op := range []string{":start", ":startWith"} {
		status, body := do("POST", processorPath+"/solar"+op, "")
		if e := apiErr(t, body); status != 400 || e.ErrorCode != "STREAM_PROCESSOR_GENERIC_ERROR" || !strings.Contains(e.Detail, "already started") {
			t.Errorf("%s while started: %d %s", op, status, body)
		}
	}
	status, body = do("PATCH", processorPath+"/solar", `{"tier":"SP30"}`)
	if e := apiErr(t, body); status != 400 || e.Detail != "Streams Processor with this name (solar) had a problem occur: stream processor must be stopped before it can be modified." {
		t.Errorf("modify while started: %d %s", status, body)
	}
	if status, _ := do("POST", processorPath+"/solar:stop", ""); status != 200 {
		t.Fatal(status)
	}
	if status, body := do("POST", processorPath+"/solar:stop", ""); status != 400 || !strings.Contains(apiErr(t, body).Detail, "already been stopped") {
		t.Errorf("stop again: %d %s", status, body)
	}
	status, body = do("PATCH", processorPath+"/solar", `{"name":"solar","tier":"SP30","options":{"dlq":{}}}`)
	if v := decode(t, body); status != 200 || v["state"] != "STOPPED" || v["tier"] != "SP30" || v["options"] != nil || fmt.Sprint(v["stats"].(map[string]any)["status"]) != "stopped" {
		t.Errorf("modify while stopped: %d %s", status, body)
	}
	if status, body := do("DELETE", processorPath+"/solar", ""); status != 204 || len(body) != 0 {
		t.Errorf("delete: %d %s", status, body)
	}
	if status, body := do("GET", processorPath+"/solar", ""); status != 404 || apiErr(t, body).ErrorCode != "STREAM_PROCESSOR_NOT_FOUND" || apiErr(t, body).Detail != "Stream processor solar not found." {
		t.Errorf("after delete: %d %s", status, body)
	}
}

// TestProcessorCreateRules sends one bad body per create rule, in the
// contract's order.
func TestProcessorCreateRules(t *testing.T) {
	_, do := withProcessorInstance(t)
	generic := func(why string) string { return "GENERIC:" + why }
	for _, tc := range []struct {
		name, body string
		want       []string // field paths, or GENERIC:why
		status     int
	}{
		{"bad name", processorBody("a b", solarPipeline, ""), []string{"name"}, 400},
		{"no pipeline", `{"name":"p"}`, []string{"pipeline"}, 400},
		{"tier", processorBody("p", solarPipeline, `,"tier":"SP7"`), []string{"tier"}, 400},
		{"dlq incomplete", processorBody("p", solarPipeline, `,"options":{"dlq":{"connectionName":"warehouse"}}`), []string{"options.dlq.db", "options.dlq.coll"}, 400},
		{"failover without regions", processorBody("p", solarPipeline, `,"failoverEnabled":true`), []string{"failoverEnabled"}, 400},
		{"empty pipeline", processorBody("p", `[]`, ""), []string{generic("the pipeline is empty")}, 400},
		{"two keys in a stage", processorBody("p", `[{"$source":{"connectionName":"sample_stream_solar"},"$match":{}},{"$emit":{"connectionName":"__testLog"}}]`, ""),
			[]string{generic("stage 0 must be an object with exactly one key")}, 400},
		{"first not $source", processorBody("p", `[{"$match":{}},{"$emit":{"connectionName":"__testLog"}}]`, ""), []string{generic("the first stage must be $source")}, 400},
		{"last not a sink", processorBody("p", `[{"$source":{"connectionName":"sample_stream_solar"}},{"$match":{}}]`, ""), []string{generic("the last stage must be a sink stage")}, 400},
		{"unknown connection", processorBody("p", `[{"$source":{"connectionName":"nowhere"}},{"$emit":{"connectionName":"__testLog"}}]`, ""),
			[]string{generic("connection named nowhere does not exist. Check sp.listConnections() for available connections")}, 400},
		{"testLog as a source", processorBody("p", `[{"$source":{"connectionName":"__testLog"}},{"$emit":{"connectionName":"__testLog"}}]`, ""),
			[]string{generic("connection named __testLog does not exist")}, 400},
		{"dlq not a cluster", processorBody("p", solarPipeline, `,"options":{"dlq":{"connectionName":"hook","db":"d","coll":"c"}}`),
			[]string{generic("the DLQ connection hook must be an Atlas connection (type Cluster), not Https")}, 400},
		{"not an array", processorBody("p", `{"$source":{}}`, ""), []string{"pipeline"}, 400},
	} {
		status, body := do("POST", processorPath, tc.body)
		e := apiErr(t, body)
		if status != tc.status {
			t.Errorf("%s: %d %s", tc.name, status, body)
			continue
		}
		if why, ok := strings.CutPrefix(tc.want[0], "GENERIC:"); ok {
			if e.ErrorCode != "STREAM_PROCESSOR_GENERIC_ERROR" || !strings.HasPrefix(e.Detail, "Streams Processor with this name (p) had a problem occur: "+why) || len(e.Parameters) != 2 {
				t.Errorf("%s: %s", tc.name, body)
			}
			continue
		}
		if fmt.Sprint(fields(e)) != fmt.Sprint(tc.want) {
			t.Errorf("%s: fields %v, want %v: %s", tc.name, fields(e), tc.want, body)
		}
	}
	do("POST", processorPath, processorBody("taken", solarPipeline, ""))
	if status, body := do("POST", processorPath, processorBody("taken", solarPipeline, "")); status != 409 || apiErr(t, body).ErrorCode != "STREAM_PROCESSOR_NAME_ALREADY_EXISTS" {
		t.Errorf("name taken: %d %s", status, body)
	}
}

// TestProcessorModify: rename (the old name is gone, a taken one is 409),
// a new $source needs resumeFromCheckpoint false, and a tier above the
// instance's max is refused.
func TestProcessorModify(t *testing.T) {
	_, do := withProcessorInstance(t)
	do("POST", processorPath, processorBody("one", solarPipeline, ""))
	do("POST", processorPath, processorBody("two", solarPipeline, ""))
	if status, body := do("PATCH", processorPath+"/one", `{"name":"two"}`); status != 409 {
		t.Errorf("rename to a taken name: %d %s", status, body)
	}
	if status, body := do("PATCH", processorPath+"/one", `{"name":"uno"}`); status != 200 || decode(t, body)["name"] != "uno" {
		t.Errorf("rename: %d %s", status, body)
	}
	if status, _ := do("GET", processorPath+"/one", ""); status != 404 {
		t.Errorf("the old name: %d", status)
	}
	newSource := `[{"$source":{"connectionName":"warehouse"}},{"$emit":{"connectionName":"__testLog"}}]`
	if status, body := do("PATCH", processorPath+"/uno", `{"pipeline":`+newSource+`}`); status != 400 || !strings.Contains(apiErr(t, body).Detail, "changing $source requires resumeFromCheckpoint=false") {
		t.Errorf("new source: %d %s", status, body)
	}
	if status, body := do("PATCH", processorPath+"/uno", `{"pipeline":`+newSource+`,"options":{"resumeFromCheckpoint":false}}`); status != 200 {
		t.Errorf("new source without the checkpoint: %d %s", status, body)
	}
}

// TestProcessorStates covers -processor-async (reads show the state before
// a change for a while), -fail-processor, :startWith's tier and body
// checks, and the media type dates.
func TestProcessorStates(t *testing.T) {
	clock := newFakeClock()
	_, do := withProcessorInstance(t, Options{Now: clock.Now, ProcessorAsync: time.Minute, FailProcessors: []string{"doomed"}, TokenTTL: 100 * time.Hour, NonceTTL: 100 * time.Hour})
	do("POST", processorPath, processorBody("slow", solarPipeline, ""))
	do("POST", processorPath, processorBody("doomed", solarPipeline, ""))
	state := func(name string) string {
		_, body := do("GET", processorPath+"/"+name, "")
		return fmt.Sprint(decode(t, body)["state"])
	}
	if status, body := do("POST", processorPath+"/slow:startWith", `{"tier":"SP5","resumeFromCheckpoint":true}`); status != 200 {
		t.Fatalf("startWith: %d %s", status, body)
	}
	do("POST", processorPath+"/doomed:start", "")
	if state("slow") != "CREATED" || state("doomed") != "CREATED" {
		t.Errorf("right after the starts: %s %s, want both still CREATED", state("slow"), state("doomed"))
	}
	clock.Advance(2 * time.Minute)
	if state("slow") != "STARTED" || state("doomed") != "FAILED" {
		t.Errorf("later: %s %s, want STARTED FAILED", state("slow"), state("doomed"))
	}
	if _, body := do("GET", processorPath+"/slow", ""); decode(t, body)["tier"] != "SP5" {
		t.Errorf("startWith's tier was not applied: %s", body)
	}
	if status, body := do("POST", processorPath+"/doomed:startWith", `{"failover":{"mode":"SIDEWAYS"},"startAtOperationTime":"yesterday"}`); status != 400 ||
		fmt.Sprint(fields(apiErr(t, body))) != "[startAtOperationTime failover.region failover.mode]" {
		t.Errorf("startWith body: %d %s", status, body)
	}
	for path, accept := range map[string]string{processorPath + "/slow": "application/vnd.atlas.2023-02-01+json", processorPath + "/doomed:startWith": processorAccept} {
		method := "GET"
		if strings.Contains(path, ":") {
			method = "POST"
		}
		if status, _ := do(method, path, "", "Accept", accept); status != 406 {
			t.Errorf("%s with %s: %d, want 406", path, accept, status)
		}
	}
}

// TestProcessorsList pages, omits totalCount on includeCount=false, and
// carries state and stats.
func TestProcessorsList(t *testing.T) {
	_, do := withProcessorInstance(t)
	for i := range 3 {
		do("POST", processorPath, processorBody(fmt.Sprintf("p%d", i), solarPipeline, ""))
	}
	do("POST", processorPath+"/p1:start", "")
	_, body := do("GET", processorsPath+"?itemsPerPage=2&pageNum=1", "")
	v := decode(t, body)
	results := v["results"].([]any)
	if v["totalCount"] != float64(3) || len(results) != 2 || results[1].(map[string]any)["stats"] == nil || results[1].(map[string]any)["state"] != "STARTED" {
		t.Errorf("page 1: %s", body)
	}
	if _, body := do("GET", processorsPath+"?includeCount=false", ""); decode(t, body)["totalCount"] != nil {
		t.Errorf("includeCount=false: %s", body)
	}
	if status, body := do("GET", processorsPath+"?itemsPerPage=501", ""); status != 400 || apiErr(t, body).ErrorCode != "VALIDATION_ERROR" {
		t.Errorf("itemsPerPage=501: %d %s", status, body)
	}
}

// TestProcessorsHoldTheirInstanceAndConnections: an instance with a
// processor cannot be deleted (403, naming it), nor a connection a
// processor uses (409, naming it); without them both deletes pass.
func TestProcessorsHoldTheirInstanceAndConnections(t *testing.T) {
	_, do := withProcessorInstance(t)
	do("POST", processorPath, processorBody("writer", solarPipeline, `,"options":{"dlq":{"connectionName":"warehouse","db":"d","coll":"c"}}`))
	status, body := do("DELETE", connectionsPath+"/warehouse", "", "Accept", MediaType)
	if e := apiErr(t, body); status != 409 || e.ErrorCode != "STREAM_CONNECTION_IN_USE" || !strings.Contains(e.Detail, "writer") {
		t.Errorf("delete a used connection: %d %s", status, body)
	}
	status, body = do("DELETE", streamsPathDemo+"/ingest", "", "Accept", MediaType)
	if e := apiErr(t, body); status != 403 || e.ErrorCode != "STREAM_TENANT_HAS_STREAM_PROCESSORS" || !strings.Contains(e.Detail, "writer") {
		t.Errorf("delete the instance: %d %s", status, body)
	}
	do("DELETE", processorPath+"/writer", "")
	if status, body := do("DELETE", connectionsPath+"/warehouse", "", "Accept", MediaType); status != 202 {
		t.Errorf("delete the connection after: %d %s", status, body)
	}
	if status, body := do("DELETE", streamsPathDemo+"/ingest", "", "Accept", MediaType); status != 202 {
		t.Errorf("delete the instance after: %d %s", status, body)
	}
}

// TestStateFileKeepsProcessors restarts the mock on its state file.
func TestStateFileKeepsProcessors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	_, do := withProcessorInstance(t, Options{StatePath: path})
	do("POST", processorPath, processorBody("kept", solarPipeline, ""))
	do("POST", processorPath+"/kept:start", "")
	restarted := NewServer(t, Options{StatePath: path})
	if got := restarted.Processors(DemoProjectID, "ingest"); len(got) != 1 || got[0].State != "STARTED" || string(got[0].Pipeline) != solarPipeline {
		t.Errorf("after a restart: %+v", got)
	}
	if data, err := os.ReadFile(path); err != nil || !strings.Contains(string(data), `"streamProcessors"`) {
		t.Errorf("the state file: %v %.200s", err, data)
	}
}
