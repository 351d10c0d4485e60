package atlasmock

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// connectionsPath is the connections of the instance "ingest".
const connectionsPath = streamsPathDemo + "/ingest/connections"

// withInstance starts the mock with opts and creates the instance
// "ingest" (with the solar sample when solar is set).
func withInstance(t *testing.T, solar bool, opts ...Options) (*Server, *apiClient) {
	t.Helper()
	s := NewServer(t, opts...)
	c := ownerClient(t, s)
	body := fmt.Sprintf(`{"name":"ingest","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"sampleConnections":{"solar":%v}}`, solar)
	if status, _, b := c.do("POST", streamsPathDemo, body); status != 200 {
		t.Fatalf("create instance: %d %s", status, b)
	}
	return s, c
}

// validConnections are one valid body per type, secrets included.
var validConnections = map[string]string{
	"Sample":  `{"name":"sample_stream_solar","type":"Sample"}`,
	"Cluster": `{"name":"cluster","type":"Cluster","clusterName":"Cluster0","dbRoleToExecute":{"role":"atlasAdmin","type":"BUILT_IN"}}`,
	"Kafka": `{"name":"kafka","type":"Kafka","bootstrapServers":"b1:9092,b2:9092","authentication":{"mechanism":"PLAIN","username":"u","password":"kafka-secret"},` +
		`"security":{"protocol":"SASL_SSL"},"config":{"auto.offset.reset":"earliest"}}`,
	"Https":                 `{"name":"https","type":"Https","url":"https://example.net/hook"}`,
	"AWSLambda":             `{"name":"lambda","type":"AWSLambda","aws":{"roleArn":"arn:aws:iam::123456789012:role/x"}}`,
	"S3":                    `{"name":"s3","type":"S3","aws":{"roleArn":"arn:aws:iam::123456789012:role/x","testBucket":"b"}}`,
	"AWSKinesisDataStreams": `{"name":"kinesis","type":"AWSKinesisDataStreams","aws":{"roleArn":"arn:aws:iam::123456789012:role/x"}}`,
	"SchemaRegistry": `{"name":"registry","type":"SchemaRegistry","provider":"CONFLUENT","schemaRegistryUrls":["https://r1.example.net","https://r2.example.net"],` +
		`"schemaRegistryAuthentication":{"type":"USER_INFO","username":"u","password":"registry-secret"}}`,
	"AzureBlobStorage": `{"name":"azure","type":"AzureBlobStorage","azure":{"servicePrincipalId":"p","storageAccountName":"acct"}}`,
	"GCPPubSub":        `{"name":"gcp","type":"GCPPubSub","gcp":{"serviceAccountId":"sa@p.iam.gserviceaccount.com"}}`,
}

// TestEveryConnectionTypeIsCreatedAndServedAsStored creates one connection
// of each type: each comes back with an id, READY, its members as sent,
// the defaults the API adds, and no secret; GET, the list and the
// instance view say the same.
func TestEveryConnectionTypeIsCreatedAndServedAsStored(t *testing.T) {
	_, c := withInstance(t, false)
	for _, typ := range connectionTypes {
		status, hdr, body := c.do("POST", connectionsPath, validConnections[typ])
		if status != 200 || hdr.Get("Content-Type") != MediaType {
			t.Fatalf("%s: %d %s %s", typ, status, hdr.Get("Content-Type"), body)
		}
		v := decode(t, body)
		if id, _ := v["id"].(string); !hex24.MatchString(id) || v["state"] != "READY" || v["type"] != typ {
			t.Errorf("%s: %s", typ, body)
		}
		if strings.Contains(string(body), "secret") {
			t.Errorf("%s: a secret came back: %s", typ, body)
		}
		_, _, got := c.do("GET", connectionsPath+"/"+v["name"].(string), "")
		if string(got) != string(body) {
			t.Errorf("%s: GET says\n%s\nPOST said\n%s", typ, got, body)
		}
	}
	_, _, body := c.do("GET", connectionsPath+"/kafka", "")
	if v := decode(t, body); fmt.Sprint(v["networking"]) != "map[access:map[type:PUBLIC]]" || fmt.Sprint(v["config"]) != "map[auto.offset.reset:earliest]" ||
		fmt.Sprint(v["authentication"]) != "map[mechanism:PLAIN username:u]" {
		t.Errorf("kafka: %s", body)
	}
	if _, _, body := c.do("GET", connectionsPath+"/https", ""); fmt.Sprint(decode(t, body)["headers"]) != "map[]" {
		t.Errorf("https without headers: %s", body)
	}
	if _, _, body := c.do("GET", connectionsPath+"/cluster", ""); decode(t, body)["networking"] != nil {
		t.Errorf("a cluster got a default it was not sent: %s", body)
	}
	// The list and the instance view agree with GET, in creation order.
	_, _, list := c.do("GET", connectionsPath, "")
	_, _, view := c.do("GET", streamsPathDemo+"/ingest?includeConnections=true", "")
	page := decode(t, list)
	results, _ := page["results"].([]any)
	conns, _ := decode(t, view)["connections"].([]any)
	if len(results) != len(connectionTypes) || len(conns) != len(results) || page["totalCount"] != float64(len(connectionTypes)) {
		t.Fatalf("list %d, view %d, want %d: %s", len(results), len(conns), len(connectionTypes), list)
	}
	for i := range results {
		r, v := results[i].(map[string]any), conns[i].(map[string]any)
		if r["type"] != connectionTypes[i] {
			t.Errorf("result %d is %v, want %s (creation order)", i, r["type"], connectionTypes[i])
		}
		delete(r, "links")
		if fmt.Sprint(r) != fmt.Sprint(v) {
			t.Errorf("%s: the list says %v, the instance view %v", connectionTypes[i], r, v)
		}
	}
}

// TestConnectionCreateRules sends one bad body per rule: each is a 400
// VALIDATION_ERROR that names the fields, and nothing is created.
func TestConnectionCreateRules(t *testing.T) {
	_, c := withInstance(t, false)
	for _, tc := range []struct {
		name, body string
		fields     []string
	}{
		{"no name", `{"type":"Https","url":"https://x.net"}`, []string{"name"}},
		{"bad name", `{"name":"a b","type":"Https","url":"https://x.net"}`, []string{"name"}},
		{"reserved name", `{"name":"__testLog","type":"Https","url":"https://x.net"}`, []string{"name"}},
		{"no type", `{"name":"x"}`, []string{"type"}},
		{"unknown type", `{"name":"x","type":"Ftp"}`, []string{"type"}},
		{"sample that is not a source", `{"name":"x","type":"Sample"}`, []string{"name"}},
		{"cluster without a cluster", `{"name":"x","type":"Cluster"}`, []string{"clusterName"}},
		{"cluster role incomplete", `{"name":"x","type":"Cluster","clusterName":"c","dbRoleToExecute":{"role":"r","type":"ROOT"}}`, []string{"dbRoleToExecute.type"}},
		{"cluster of another project", `{"name":"x","type":"Cluster","clusterName":"c","clusterGroupId":"nope"}`, []string{"clusterGroupId"}},
		{"kafka without servers", `{"name":"x","type":"Kafka"}`, []string{"bootstrapServers"}},
		{"kafka plain without a password", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","authentication":{"mechanism":"PLAIN","username":"u"}}`,
			[]string{"authentication.password"}},
		{"kafka scram without anything", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","authentication":{"mechanism":"SCRAM-512"}}`,
			[]string{"authentication.username", "authentication.password"}},
		{"kafka oauth incomplete", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","authentication":{"mechanism":"OAUTHBEARER","method":"SAML"}}`,
			[]string{"authentication.method", "authentication.tokenEndpointUrl", "authentication.clientId", "authentication.clientSecret"}},
		{"kafka unknown mechanism", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","authentication":{"mechanism":"GSSAPI"}}`, []string{"authentication.mechanism"}},
		{"kafka protocol", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","security":{"protocol":"TLS"}}`, []string{"security.protocol"}},
		{"private link without an id", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","networking":{"access":{"type":"PRIVATE_LINK"}}}`,
			[]string{"networking.access.connectionId"}},
		{"a malformed link id", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","networking":{"access":{"type":"PRIVATE_LINK","connectionId":"123"}}}`,
			[]string{"networking.access.connectionId"}},
		{"an unknown access type", `{"name":"x","type":"S3","aws":{"roleArn":"r"},"networking":{"access":{"type":"VPN"}}}`, []string{"networking.access.type"}},
		{"https without a url", `{"name":"x","type":"Https"}`, []string{"url"}},
		{"https with another scheme", `{"name":"x","type":"Https","url":"ftp://x.net"}`, []string{"url"}},
		{"lambda without a role", `{"name":"x","type":"AWSLambda","aws":{}}`, []string{"aws.roleArn"}},
		{"kinesis without aws", `{"name":"x","type":"AWSKinesisDataStreams"}`, []string{"aws"}},
		{"registry without anything", `{"name":"x","type":"SchemaRegistry"}`, []string{"provider", "schemaRegistryUrls", "schemaRegistryAuthentication"}},
		{"registry urls", `{"name":"x","type":"SchemaRegistry","provider":"CONFLUENT","schemaRegistryUrls":["https://a","ftp://b","https://a"],` +
			`"schemaRegistryAuthentication":{"type":"SASL_INHERIT"}}`, []string{"schemaRegistryUrls[1]", "schemaRegistryUrls[2]"}},
		{"registry with no url", `{"name":"x","type":"SchemaRegistry","provider":"CONFLUENT","schemaRegistryUrls":[],"schemaRegistryAuthentication":{"type":"SASL_INHERIT"}}`,
			[]string{"schemaRegistryUrls"}},
		{"registry user info without a password", `{"name":"x","type":"SchemaRegistry","provider":"CONFLUENT","schemaRegistryUrls":["https://a"],` +
			`"schemaRegistryAuthentication":{"type":"USER_INFO","username":"u"}}`, []string{"schemaRegistryAuthentication.password"}},
		{"azure incomplete", `{"name":"x","type":"AzureBlobStorage","azure":{"servicePrincipalId":"p"}}`, []string{"azure.storageAccountName"}},
		{"gcp without an account", `{"name":"x","type":"GCPPubSub","gcp":{}}`, []string{"gcp.serviceAccountId"}},
	} {
		status, _, body := c.do("POST", connectionsPath, tc.body)
		e := apiErr(t, body)
		if status != 400 || e.ErrorCode != "VALIDATION_ERROR" || fmt.Sprint(fields(e)) != fmt.Sprint(tc.fields) {
			t.Errorf("%s: %d %s fields %v, want 400 VALIDATION_ERROR %v\n%s", tc.name, status, e.ErrorCode, fields(e), tc.fields, body)
		}
	}
	if _, _, body := c.do("GET", connectionsPath, ""); decode(t, body)["totalCount"] != float64(0) {
		t.Errorf("a refused create was stored: %s", body)
	}
	// Members of other types are ignored: not stored, not returned.
	status, _, body := c.do("POST", connectionsPath, `{"name":"k","type":"Kafka","bootstrapServers":"b:9092","headers":{},"url":"x","clusterName":"c"}`)
	if v := decode(t, body); status != 200 || v["headers"] != nil || v["url"] != nil || v["clusterName"] != nil {
		t.Errorf("members of other types: %d %s", status, body)
	}
	if status, _, body := c.do("POST", connectionsPath, `{"name":"k","type":`); status != 400 || apiErr(t, body).ErrorCode != "INVALID_JSON" {
		t.Errorf("broken JSON: %d %s", status, body)
	}
}

// TestConnectionMembersOfTheWrongJSONType: a member of the wrong JSON
// type is a 400 INVALID_JSON naming it (the contract's rule for "a field
// has the wrong JSON type"), not a VALIDATION_ERROR, on create and on
// update, and nothing is stored.
func TestConnectionMembersOfTheWrongJSONType(t *testing.T) {
	_, c := withInstance(t, false)
	for _, tc := range []struct {
		name, body string
		fields     []string
	}{
		{"servers a number", `{"name":"x","type":"Kafka","bootstrapServers":5}`, []string{"bootstrapServers"}},
		{"authentication a string", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","authentication":"PLAIN"}`, []string{"authentication"}},
		{"kafka config not strings", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","config":{"a":1}}`, []string{"config"}},
		{"headers not strings", `{"name":"x","type":"Https","url":"https://x.net","headers":{"a":true}}`, []string{"headers"}},
		{"registry urls a string", `{"name":"x","type":"SchemaRegistry","provider":"CONFLUENT","schemaRegistryUrls":"https://a",` +
			`"schemaRegistryAuthentication":{"type":"SASL_INHERIT"}}`, []string{"schemaRegistryUrls"}},
		{"a wrong type beside a wrong value", `{"name":"x","type":"Kafka","bootstrapServers":5,"security":{"protocol":"TLS"}}`, []string{"bootstrapServers"}},
	} {
		status, _, body := c.do("POST", connectionsPath, tc.body)
		e := apiErr(t, body)
		if status != 400 || e.ErrorCode != "INVALID_JSON" || fmt.Sprint(fields(e)) != fmt.Sprint(tc.fields) {
			t.Errorf("%s: %d %s fields %v, want 400 INVALID_JSON %v\n%s", tc.name, status, e.ErrorCode, fields(e), tc.fields, body)
		}
	}
	if _, _, body := c.do("GET", connectionsPath, ""); decode(t, body)["totalCount"] != float64(0) {
		t.Errorf("a refused create was stored: %s", body)
	}
	if status, _, body := c.do("POST", connectionsPath, `{"name":"k","type":"Kafka","bootstrapServers":"b:9092"}`); status != 200 {
		t.Fatalf("create: %d %s", status, body)
	}
	status, _, body := c.do("PATCH", connectionsPath+"/k", `{"bootstrapServers":["b:9092"]}`)
	if e := apiErr(t, body); status != 400 || e.ErrorCode != "INVALID_JSON" || fmt.Sprint(fields(e)) != "[bootstrapServers]" {
		t.Errorf("update with a wrong type: %d %s", status, body)
	}
}

// TestConnectionNamesAndMissingOnes covers 409 for a taken name (the
// sample source of an instance that has it included), the 404s of a
// missing connection and a missing instance, with Atlas's words.
func TestConnectionNamesAndMissingOnes(t *testing.T) {
	_, c := withInstance(t, true)
	status, _, body := c.do("POST", connectionsPath, validConnections["Sample"])
	if e := apiErr(t, body); status != 409 || e.ErrorCode != "STREAM_CONNECTION_NAME_ALREADY_EXISTS" || e.Detail != "A Stream connection with the name sample_stream_solar already exists." {
		t.Errorf("sample again: %d %s", status, body)
	}
	c.do("POST", connectionsPath, validConnections["Https"])
	if status, _, body := c.do("POST", connectionsPath, validConnections["Https"]); status != 409 {
		t.Errorf("https again: %d %s", status, body)
	}
	status, _, body = c.do("GET", connectionsPath+"/nowhere", "")
	e := apiErr(t, body)
	if status != 404 || e.ErrorCode != "STREAM_CONNECTION_NOT_FOUND_FOR_NAME" ||
		e.Detail != "Stream connection with name nowhere for project "+DemoProjectID+" and name ingest not found." ||
		fmt.Sprint(e.Parameters) != fmt.Sprint([]string{"nowhere", DemoProjectID, "ingest"}) {
		t.Errorf("missing connection: %d %s", status, body)
	}
	for _, op := range [][2]string{{"PATCH", `{"url":"https://y.net"}`}, {"DELETE", ""}} {
		if status, _, body := c.do(op[0], connectionsPath+"/nowhere", op[1]); status != 404 || apiErr(t, body).ErrorCode != "STREAM_CONNECTION_NOT_FOUND_FOR_NAME" {
			t.Errorf("%s of a missing connection: %d %s", op[0], status, body)
		}
	}
	for _, op := range [][3]string{{"GET", "/connections", ""}, {"POST", "/connections", validConnections["Https"]}, {"GET", "/connections/https", ""}, {"DELETE", "/connections/https", ""}} {
		status, _, body := c.do(op[0], streamsPathDemo+"/elsewhere"+op[1], op[2])
		if e := apiErr(t, body); status != 404 || e.ErrorCode != "STREAM_TENANT_NOT_FOUND_FOR_NAME" {
			t.Errorf("%s %s of a missing instance: %d %s", op[0], op[1], status, body)
		}
	}
	if status, _, body := c.do("PUT", connectionsPath+"/https", "{}"); status != 405 || apiErr(t, body).ErrorCode != "METHOD_NOT_ALLOWED" {
		t.Errorf("PUT: %d %s", status, body)
	}
}

// TestConnectionPatch checks the PATCH rules: a member sent replaces the
// stored one, a member left out keeps it, a secret left out of a sent
// authentication keeps its value, name and type cannot change, a change
// of networking access is refused, and the result is checked again.
func TestConnectionPatch(t *testing.T) {
	s, c := withInstance(t, false)
	c.do("POST", connectionsPath, validConnections["Kafka"])
	path := connectionsPath + "/kafka"

	status, _, body := c.do("PATCH", path, `{"name":"kafka","type":"Kafka","config":{"group.id":"g"},"headers":{}}`)
	v := decode(t, body)
	if status != 200 || fmt.Sprint(v["config"]) != "map[group.id:g]" || v["bootstrapServers"] != "b1:9092,b2:9092" || v["headers"] != nil {
		t.Fatalf("config replaced, servers kept: %d %s", status, body)
	}
	// The password is left out: the stored one stays, so the rule that
	// PLAIN needs a password still holds.
	status, _, body = c.do("PATCH", path, `{"authentication":{"mechanism":"SCRAM-256","username":"v"}}`)
	if status != 200 || fmt.Sprint(decode(t, body)["authentication"]) != "map[mechanism:SCRAM-256 username:v]" {
		t.Fatalf("authentication without its password: %d %s", status, body)
	}
	stored := s.Instances(DemoProjectID)[0].Connections[0].Members["authentication"]
	if !strings.Contains(string(stored), `"password":"kafka-secret"`) {
		t.Errorf("the stored password was not kept: %s", stored)
	}
	for _, tc := range []struct {
		body   string
		fields []string
	}{
		{`{"name":"other"}`, []string{"name"}},
		{`{"type":"Https"}`, []string{"type"}},
		{`{"networking":{"access":{"type":"PRIVATE_LINK","connectionId":"0123456789abcdef01234567"}}}`, []string{"networking"}},
		{`{"bootstrapServers":""}`, []string{"bootstrapServers"}},
		{`{"authentication":{"mechanism":"OAUTHBEARER"}}`, []string{"authentication.method", "authentication.tokenEndpointUrl", "authentication.clientId", "authentication.clientSecret"}},
	} {
		status, _, body := c.do("PATCH", path, tc.body)
		if e := apiErr(t, body); status != 400 || fmt.Sprint(fields(e)) != fmt.Sprint(tc.fields) {
			t.Errorf("%s: %d fields %v, want %v\n%s", tc.body, status, fields(e), tc.fields, body)
		}
	}
	// The same networking is no change.
	if status, _, body := c.do("PATCH", path, `{"networking":{"access":{"type":"PUBLIC"}}}`); status != 200 {
		t.Errorf("the same networking: %d %s", status, body)
	}
	// Headers {} clears them.
	c.do("POST", connectionsPath, `{"name":"hook","type":"Https","url":"https://x.net","headers":{"Authorization":"Bearer t"}}`)
	if status, _, body := c.do("PATCH", connectionsPath+"/hook", `{"headers":{}}`); status != 200 || fmt.Sprint(decode(t, body)["headers"]) != "map[]" {
		t.Errorf("headers {}: %d %s", status, body)
	}
}

// TestConnectionDelete deletes at once with 202, and refuses a Kafka
// connection while it deploys (-connection-pending) with Atlas's 409.
func TestConnectionDelete(t *testing.T) {
	clock := newFakeClock()
	_, c := withInstance(t, false, Options{Now: clock.Now, ConnectionPending: time.Minute, TokenTTL: 100 * time.Hour, NonceTTL: 100 * time.Hour})
	c.do("POST", connectionsPath, validConnections["Https"])
	status, _, body := c.do("DELETE", connectionsPath+"/https", "")
	if status != 202 || len(body) != 0 {
		t.Errorf("delete: %d %q", status, body)
	}
	if status, _, _ := c.do("GET", connectionsPath+"/https", ""); status != 404 {
		t.Errorf("after the delete: %d", status)
	}
	_, _, body = c.do("POST", connectionsPath, validConnections["Kafka"])
	if decode(t, body)["state"] != "PENDING" {
		t.Fatalf("a new Kafka connection: %s", body)
	}
	status, _, body = c.do("DELETE", connectionsPath+"/kafka", "")
	if e := apiErr(t, body); status != 409 || e.ErrorCode != "STREAM_KAFKA_CONNECTION_IS_DEPLOYING" ||
		e.Detail != "Stream Kafka connection kafka is currently deploying. Please retry the request later." {
		t.Errorf("delete while deploying: %d %s", status, body)
	}
	clock.Advance(2 * time.Minute)
	if _, _, body := c.do("GET", connectionsPath+"/kafka", ""); decode(t, body)["state"] != "READY" {
		t.Errorf("after the pending time: %s", body)
	}
	if status, _, body := c.do("DELETE", connectionsPath+"/kafka", ""); status != 202 {
		t.Errorf("delete once ready: %d %s", status, body)
	}
}

// TestConnectionsFollowTheirInstance: during the instance's delete delay
// its connections stay readable and take no writes; afterwards every
// connection path is 404 for the instance.
func TestConnectionsFollowTheirInstance(t *testing.T) {
	clock := newFakeClock()
	_, c := withInstance(t, false, Options{Now: clock.Now, DeleteDelay: time.Minute, TokenTTL: 100 * time.Hour, NonceTTL: 100 * time.Hour})
	c.do("POST", connectionsPath, validConnections["Https"])
	if status, _, _ := c.do("DELETE", streamsPathDemo+"/ingest", ""); status != 202 {
		t.Fatal(status)
	}
	if status, _, _ := c.do("GET", connectionsPath+"/https", ""); status != 200 {
		t.Errorf("read during the delete delay: %d", status)
	}
	if status, _, body := c.do("POST", connectionsPath, validConnections["Cluster"]); status != 404 || apiErr(t, body).ErrorCode != "STREAM_TENANT_NOT_FOUND_FOR_NAME" {
		t.Errorf("write during the delete delay: %d %s", status, body)
	}
	clock.Advance(2 * time.Minute)
	if status, _, body := c.do("GET", connectionsPath, ""); status != 404 || apiErr(t, body).ErrorCode != "STREAM_TENANT_NOT_FOUND_FOR_NAME" {
		t.Errorf("after the instance went: %d %s", status, body)
	}
}

// TestConnectionListPagination pages through the connections, the sample
// first, and refuses a page size out of range with VALIDATION_ERROR.
func TestConnectionListPagination(t *testing.T) {
	_, c := withInstance(t, true)
	for i := range 4 {
		c.do("POST", connectionsPath, fmt.Sprintf(`{"name":"h%d","type":"Https","url":"https://x.net"}`, i))
	}
	var names []string
	for page := 1; page <= 3; page++ {
		_, _, body := c.do("GET", fmt.Sprintf("%s?itemsPerPage=2&pageNum=%d", connectionsPath, page), "")
		v := decode(t, body)
		if v["totalCount"] != float64(5) {
			t.Errorf("page %d: %s", page, body)
		}
		for _, r := range v["results"].([]any) {
			names = append(names, r.(map[string]any)["name"].(string))
		}
	}
	if want := []string{"sample_stream_solar", "h0", "h1", "h2", "h3"}; !slices.Equal(names, want) {
		t.Errorf("names %v, want %v", names, want)
	}
	if _, _, body := c.do("GET", connectionsPath+"?itemsPerPage=2&pageNum=9", ""); len(decode(t, body)["results"].([]any)) != 0 {
		t.Errorf("past the end: %s", body)
	}
	for _, q := range []string{"itemsPerPage=0", "itemsPerPage=501", "pageNum=0", "pageNum=x"} {
		status, _, body := c.do("GET", connectionsPath+"?"+q, "")
		if e := apiErr(t, body); status != 400 || e.ErrorCode != "VALIDATION_ERROR" || len(fields(e)) != 1 || !strings.HasPrefix(q, fields(e)[0]) {
			t.Errorf("%s: %d %s", q, status, body)
		}
	}
}

// TestConnectionRolesVersionsAndFaults: a read-only key reads and cannot
// write; the connection operations speak 2023-02-01 (a later date is
// answered with it, none or an older one is 406); injected faults and the
// request counters cover the new paths.
func TestConnectionRolesVersionsAndFaults(t *testing.T) {
	s, c := withInstance(t, false)
	c.do("POST", connectionsPath, validConnections["Https"])
	reader := digestClient(t, s, ReaderPublicKey, ReaderPrivateKey)
	if status, _, _ := reader.do("GET", connectionsPath+"/https", ""); status != 200 {
		t.Errorf("reader GET: %d", status)
	}
	for _, op := range [][3]string{{"POST", connectionsPath, validConnections["Cluster"]}, {"PATCH", connectionsPath + "/https", `{"url":"https://y.net"}`}, {"DELETE", connectionsPath + "/https", ""}} {
		if status, _, body := reader.do(op[0], op[1], op[2]); status != 403 || apiErr(t, body).ErrorCode != "USER_UNAUTHORIZED" {
			t.Errorf("reader %s: %d %s", op[0], status, body)
		}
	}
	if status, hdr, _ := c.do("GET", connectionsPath, "", "Accept", "application/vnd.atlas.2025-03-12+json"); status != 200 || hdr.Get("Content-Type") != MediaType {
		t.Errorf("a later date: %d %s", status, hdr.Get("Content-Type"))
	}
	for _, accept := range []string{"application/json", "application/vnd.atlas.2022-01-01+json"} {
		if status, _, _ := c.do("GET", connectionsPath, "", "Accept", accept); status != 406 {
			t.Errorf("Accept %s: %d", accept, status)
		}
	}
	if status, _, body := c.do("POST", connectionsPath, validConnections["Cluster"], "Content-Type", "application/json; charset=utf-8"); status != 200 {
		t.Errorf("a plain JSON Content-Type: %d %s", status, body)
	}
	counts := s.Counts()
	for _, k := range []string{"POST /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections", "GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections/{connectionName}"} {
		if counts[k] == 0 {
			t.Errorf("no counter %q: %v", k, counts)
		}
	}
	faulty := NewServer(t, Options{FailRate: 1, FailCodes: []int{503}})
	if status, _, body := ownerClient(t, faulty).do("GET", connectionsPath, ""); status != 503 {
		t.Errorf("an injected fault on the connections path: %d %s", status, body)
	}
}

// TestClusterNamesFromTheConfig refuses a cluster the project does not
// list when the config lists its clusters.
func TestClusterNamesFromTheConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Projects[0].Clusters = []Cluster{{Name: "Cluster0"}}
	_, c := withInstance(t, false, Options{Config: &cfg})
	if status, _, body := c.do("POST", connectionsPath, `{"name":"x","type":"Cluster","clusterName":"Cluster9"}`); status != 400 || fmt.Sprint(fields(apiErr(t, body))) != "[clusterName]" {
		t.Errorf("an unlisted cluster: %d %s", status, body)
	}
	if status, _, body := c.do("POST", connectionsPath, validConnections["Cluster"]); status != 200 {
		t.Errorf("a listed cluster: %d %s", status, body)
	}
}

// TestStateFileKeepsConnectionsAndOldFilesLoad restarts the mock on its
// state file: connections come back with their ids and secrets (which a
// PATCH keeps); a file written before connections had endpoints loads,
// and its connections get ids.
func TestStateFileKeepsConnectionsAndOldFilesLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	_, c := withInstance(t, false, Options{StatePath: path})
	_, _, created := c.do("POST", connectionsPath, validConnections["Kafka"])
	restarted := NewServer(t, Options{StatePath: path})
	rc := ownerClient(t, restarted)
	_, _, got := rc.do("GET", connectionsPath+"/kafka", "")
	if decode(t, got)["id"] != decode(t, created)["id"] {
		t.Errorf("after a restart:\n%s\nbefore:\n%s", got, created)
	}
	if status, _, body := rc.do("PATCH", connectionsPath+"/kafka", `{"authentication":{"mechanism":"PLAIN","username":"u"}}`); status != 200 {
		t.Errorf("the stored password did not survive the restart: %d %s", status, body)
	}

	old := filepath.Join(t.TempDir(), "old.json")
	data := `{"version":1,"seq":1,"instances":[{"id":"65f0a1b2c3d4e5f607182901","groupId":"` + DemoProjectID + `","name":"legacy","cloudProvider":"AWS",` +
		`"region":"OHIO_USA","tier":"SP30","solar":true,"hostnames":["h"],"connections":[{"name":"sample_stream_solar","type":"Sample","state":"READY"}],"seq":1}]}`
	if err := os.WriteFile(old, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	legacy := NewServer(t, Options{StatePath: old})
	_, _, body := ownerClient(t, legacy).do("GET", streamsPathDemo+"/legacy/connections", "")
	results, _ := decode(t, body)["results"].([]any)
	if len(results) != 1 || results[0].(map[string]any)["name"] != "sample_stream_solar" {
		t.Fatalf("old state file: %s", body)
	}
	id, _ := results[0].(map[string]any)["id"].(string)
	var saved struct {
		Instances []struct {
			Connections []json.RawMessage `json:"connections"`
		} `json:"instances"`
	}
	raw, _ := os.ReadFile(old)
	if err := json.Unmarshal(raw, &saved); err != nil || !hex24.MatchString(id) || !strings.Contains(string(saved.Instances[0].Connections[0]), id) {
		t.Errorf("the id %q was not given and saved: %s", id, raw)
	}
}
