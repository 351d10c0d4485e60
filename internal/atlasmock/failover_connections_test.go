package atlasmock

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	failoverType = "application/vnd.atlas.2025-03-12+json"
	failoversOf  = streamsPathDemo + "/multi/connections/events/failoverConnections"
	kafkaCopy    = `{"name":"events","type":"Kafka","region":"DUBLIN_IRL","bootstrapServers":"failover1:9092",` +
		`"authentication":{"mechanism":"PLAIN","username":"fcuser","password":"failover-secret"},"security":{"protocol":"SASL_PLAINTEXT"},"config":{"auto.offset.reset":"earliest"}}`
)

// withFailoverInstance starts the mock with the instance "multi" (primary
// VIRGINIA_USA, failover DUBLIN_IRL and LONDON_GBR), its Kafka connection
// "events" and an Https connection "hook".
func withFailoverInstance(t *testing.T, opts ...Options) (*Server, *apiClient) {
	t.Helper()
	s := NewServer(t, opts...)
	c := ownerClient(t, s)
	for path, body := range map[string]string{
		streamsPathDemo: `{"name":"multi","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},` +
			`"failoverRegions":[{"cloudProvider":"AWS","region":"DUBLIN_IRL"},{"cloudProvider":"AWS","region":"LONDON_GBR"}]}`,
	} {
		if status, _, data := c.do("POST", path, body); status != 200 {
			t.Fatalf("%d %s", status, data)
		}
	}
	for _, body := range []string{`{"name":"events","type":"Kafka","bootstrapServers":"b:9092"}`, `{"name":"hook","type":"Https","url":"https://x.net"}`} {
		if status, _, data := c.do("POST", streamsPathDemo+"/multi/connections", body); status != 200 {
			t.Fatalf("%d %s", status, data)
		}
	}
	return s, c
}

func (c *apiClient) failover(method, path, body string) (int, map[string]any) {
	c.t.Helper()
	status, _, data := c.do(method, path, body, "Accept", failoverType, "Content-Type", failoverType)
	if len(data) == 0 {
		return status, nil
	}
	return status, decode(c.t, data)
}

// TestFailoverConnectionLifecycle creates, reads, lists, updates and
// deletes a failover connection: 201 with its id, READY, secrets never
// returned, a PATCH that clears config and keeps the omitted password, and
// a 204 delete; the primary and the instance view never show it.
func TestFailoverConnectionLifecycle(t *testing.T) {
	s, c := withFailoverInstance(t)
	status, f := c.failover("POST", failoversOf, kafkaCopy)
	id, _ := f["id"].(string)
	if status != 201 || !hex24.MatchString(id) || f["state"] != "READY" || f["region"] != "DUBLIN_IRL" || strings.Contains(fmt.Sprint(f), "secret") ||
		fmt.Sprint(f["networking"]) != "map[access:map[type:PUBLIC]]" {
		t.Fatalf("create: %d %v", status, f)
	}
	if status, got := c.failover("GET", failoversOf+"/"+id, ""); status != 200 || fmt.Sprint(got) != fmt.Sprint(f) {
		t.Errorf("get: %d %v", status, got)
	}
	if status, page := c.failover("GET", failoversOf, ""); status != 200 || page["totalCount"] != float64(1) {
		t.Errorf("list: %d %v", status, page)
	}
	_, _, primary := c.do("GET", streamsPathDemo+"/multi/connections/events", "")
	_, _, view := c.do("GET", streamsPathDemo+"/multi?includeConnections=true", "")
	if strings.Contains(string(primary), "DUBLIN") || strings.Contains(string(view), "failover1") {
		t.Errorf("the failover connection shows in the primary or the instance view:\n%s\n%s", primary, view)
	}
	status, got := c.failover("PATCH", failoversOf+"/"+id, `{"name":"events","type":"Kafka","region":"DUBLIN_IRL","bootstrapServers":"failover2:9092",`+
		`"authentication":{"mechanism":"PLAIN","username":"fcuser"},"config":{}}`)
	if status != 200 || got["bootstrapServers"] != "failover2:9092" || got["config"] != nil {
		t.Errorf("patch: %d %v", status, got)
	}
	stored := s.Connections(DemoProjectID, "multi")[0].Failovers[0]
	var auth map[string]string
	if !stored.Member("authentication", &auth) || auth["password"] != "failover-secret" {
		t.Errorf("the omitted password was not kept: %v", auth)
	}
	if status, _ := c.failover("DELETE", failoversOf+"/"+id, ""); status != 204 {
		t.Errorf("delete: %d", status)
	}
	if status, got := c.failover("GET", failoversOf+"/"+id, ""); status != 404 || got["errorCode"] != "STREAM_FAILOVER_CONNECTION_NOT_FOUND" ||
		got["detail"] != "Stream failover connection "+id+" for connection events not found." {
		t.Errorf("after delete: %d %v", status, got)
	}
	if status, _, _ := c.do("GET", failoversOf, ""); status != 406 {
		t.Errorf("failover connections with 2023-02-01: %d", status)
	}
}

// TestFailoverConnectionRules refuses each broken create with the field
// it concerns, a second copy for a region with 409, and an unknown
// primary with 404.
func TestFailoverConnectionRules(t *testing.T) {
	_, c := withFailoverInstance(t)
	body := func(replace ...string) string { return strings.NewReplacer(replace...).Replace(kafkaCopy) }
	for _, tc := range []struct{ name, path, body, field string }{
		{"no name", failoversOf, body(`"name":"events",`, ""), "name"},
		{"another name", failoversOf, body(`"name":"events"`, `"name":"other"`), "name"},
		{"another type", failoversOf, body(`"type":"Kafka"`, `"type":"Cluster"`), "type"},
		{"no region", failoversOf, body(`"region":"DUBLIN_IRL",`, ""), "region"},
		{"the primary region", failoversOf, body(`"DUBLIN_IRL"`, `"VIRGINIA_USA"`), "region"},
		{"a region the instance lacks", failoversOf, body(`"DUBLIN_IRL"`, `"TOKYO_JPN"`), "region"},
		{"a broken member", failoversOf, body(`"bootstrapServers":"failover1:9092",`, ""), "bootstrapServers"},
		{"an Https primary", strings.Replace(failoversOf, "/events/", "/hook/", 1), `{"name":"hook","type":"Https","region":"DUBLIN_IRL","url":"https://y.net"}`, "type"},
	} {
		status, got := c.failover("POST", tc.path, tc.body)
		if status != 400 || !slices.Contains(fieldsOf(got), tc.field) {
			t.Errorf("%s: want 400 naming %s, got %d %v", tc.name, tc.field, status, got)
		}
	}
	if status, _ := c.failover("POST", failoversOf, kafkaCopy); status != 201 {
		t.Fatal("the valid create")
	}
	if status, got := c.failover("POST", failoversOf, kafkaCopy); status != 409 || got["errorCode"] != "STREAM_FAILOVER_CONNECTION_ALREADY_EXISTS" {
		t.Errorf("a second one for the region: %d %v", status, got)
	}
	if status, got := c.failover("POST", strings.Replace(failoversOf, "/events/", "/nope/", 1), kafkaCopy); status != 404 || got["errorCode"] != "STREAM_CONNECTION_NOT_FOUND_FOR_NAME" {
		t.Errorf("an unknown primary: %d %v", status, got)
	}
	_, page := c.failover("GET", failoversOf, "")
	id := page["results"].([]any)[0].(map[string]any)["id"].(string)
	for _, tc := range []struct{ body, field string }{
		{`{"type":"Cluster"}`, "type"},
		{`{"region":"LONDON_GBR"}`, "region"},
		{`{"networking":{"access":{"type":"VPC"}}}`, "networking"},
	} {
		if status, got := c.failover("PATCH", failoversOf+"/"+id, tc.body); status != 400 || !slices.Contains(fieldsOf(got), tc.field) {
			t.Errorf("PATCH %s: %d %v", tc.body, status, got)
		}
	}
	if status, got := c.failover("DELETE", failoversOf+"/0123456789abcdef01234567", ""); status != 404 || got["errorCode"] != "STREAM_FAILOVER_CONNECTION_NOT_FOUND" {
		t.Errorf("delete of an unknown id: %d %v", status, got)
	}
}

// TestFailoverConnectionsGoWithThePrimaryAndRefuseWhileRunning: a running
// processor that uses the connection blocks PATCH and DELETE of its
// failover copies (409); deleting the primary deletes them; Kafka ones are
// PENDING under -connection-pending.
func TestFailoverConnectionsGoWithThePrimaryAndRefuseWhileRunning(t *testing.T) {
	clock := newFakeClock()
	s, c := withFailoverInstance(t, Options{Now: clock.Now, ConnectionPending: time.Minute, TokenTTL: 1000 * time.Hour, NonceTTL: 1000 * time.Hour})
	clock.Advance(2 * time.Minute) // The primary is READY.
	status, f := c.failover("POST", failoversOf, kafkaCopy)
	if status != 201 || f["state"] != "PENDING" {
		t.Fatalf("create under -connection-pending: %d %v", status, f)
	}
	clock.Advance(2 * time.Minute)
	id := f["id"].(string)
	const processorType = "application/vnd.atlas.2024-05-30+json"
	if status, _, data := c.do("POST", streamsPathDemo+"/multi/processor", `{"name":"reader","pipeline":[{"$source":{"connectionName":"events"}},{"$emit":{"connectionName":"__testLog"}}]}`,
		"Accept", processorType, "Content-Type", processorType); status != 200 {
		t.Fatalf("processor: %d %s", status, data)
	}
	if err := s.SetProcessorState(DemoProjectID, "multi", "reader", "STARTED"); err != nil {
		t.Fatal(err)
	}
	if status, got := c.failover("PATCH", failoversOf+"/"+id, `{"bootstrapServers":"x:9092"}`); status != 409 || got["errorCode"] != "STREAM_CONNECTION_IN_USE" ||
		!slices.Contains(toStrings(got["parameters"]), "reader") {
		t.Errorf("PATCH while a processor runs: %d %v", status, got)
	}
	if status, got := c.failover("DELETE", failoversOf+"/"+id, ""); status != 409 || got["errorCode"] != "STREAM_CONNECTION_IN_USE" {
		t.Errorf("DELETE while a processor runs: %d %v", status, got)
	}
	if err := s.SetProcessorState(DemoProjectID, "multi", "reader", "STOPPED"); err != nil {
		t.Fatal(err)
	}
	if status, _, data := c.do("DELETE", streamsPathDemo+"/multi/processor/reader", "", "Accept", processorType); status != 200 && status != 204 {
		t.Fatalf("processor delete: %d %s", status, data)
	}
	if status, _, data := c.do("DELETE", streamsPathDemo+"/multi/connections/events", ""); status != 202 {
		t.Fatalf("primary delete: %d %s", status, data)
	}
	if status, _, data := c.do("POST", streamsPathDemo+"/multi/connections", `{"name":"events","type":"Kafka","bootstrapServers":"b:9092"}`); status != 200 {
		t.Fatalf("primary again: %d %s", status, data)
	}
	if status, page := c.failover("GET", failoversOf, ""); status != 200 || page["totalCount"] != float64(0) {
		t.Errorf("the primary's failover connections outlived it: %d %v", status, page)
	}
}

func toStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// fieldsOf lists the fields of a decoded ApiError's badRequestDetail.
func fieldsOf(got map[string]any) []string {
	var out []string
	detail, _ := got["badRequestDetail"].(map[string]any)
	list, _ := detail["fields"].([]any)
	for _, f := range list {
		if m, ok := f.(map[string]any); ok {
			out = append(out, fmt.Sprint(m["field"]))
		}
	}
	return out
}
