package atlasmock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var hostnamePattern = regexp.MustCompile(`^atlas-stream-([0-9a-f]{24})-[a-z]{5}\.([a-z0-9-]+)\.a\.query\.mongodb\.net$`)

func TestCreateReturnsContractBody(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	status, h, body := c.do("POST", streamsPathDemo, createBody)
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", status, body)
	}
	if ct := h.Get("Content-Type"); ct != MediaType {
		t.Errorf("Content-Type %q, want %q", ct, MediaType)
	}
	if h.Get("RateLimit-Limit") == "" || h.Get("RateLimit-Remaining") == "" {
		t.Errorf("missing RateLimit headers: %v", h)
	}
	v := decode(t, body)
	id, _ := v["_id"].(string)
	if !groupIDPattern.MatchString(id) {
		t.Errorf("_id %q is not 24 hex", id)
	}
	if v["groupId"] != DemoProjectID || v["name"] != "demo" {
		t.Errorf("groupId/name wrong: %v", v)
	}
	if got := fmt.Sprint(v["dataProcessRegion"]); got != "map[cloudProvider:AWS region:VIRGINIA_USA]" {
		t.Errorf("dataProcessRegion %s", got)
	}
	if got := fmt.Sprint(v["streamConfig"]); got != "map[tier:"+DefaultTier+"]" {
		t.Errorf("streamConfig %s, want the default tier", got)
	}
	if got := fmt.Sprint(v["sampleConnections"]); got != "map[solar:false]" {
		t.Errorf("sampleConnections %s", got)
	}
	hosts, _ := v["hostnames"].([]any)
	if len(hosts) != 1 {
		t.Fatalf("hostnames %v", v["hostnames"])
	}
	m := hostnamePattern.FindStringSubmatch(hosts[0].(string))
	if m == nil || m[1] != id || m[2] != "virginia-usa" {
		t.Errorf("hostname %q does not carry _id %s and region virginia-usa", hosts[0], id)
	}
	links, _ := v["links"].([]any)
	if len(links) != 1 || !strings.HasSuffix(fmt.Sprint(links[0]), "rel:self]") {
		t.Errorf("links %v", v["links"])
	}
}

func TestHostnamesFollowTheRegion(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	for i, tc := range []struct{ provider, region, slug string }{
		{"AWS", "FRANKFURT_DEU", "frankfurt-deu"},
		{"AZURE", "eastus2", "eastus2"},
		{"GCP", "US_CENTRAL1", "us-central1"},
	} {
		status, _, body := c.do("POST", streamsPathDemo, fmt.Sprintf(`{"name":"h%d","dataProcessRegion":{"cloudProvider":%q,"region":%q}}`, i, tc.provider, tc.region))
		if status != 200 {
			t.Fatalf("%s: %d %s", tc.region, status, body)
		}
		host := decode(t, body)["hostnames"].([]any)[0].(string)
		if m := hostnamePattern.FindStringSubmatch(host); m == nil || m[2] != tc.slug {
			t.Errorf("%s: hostname %q, want region part %q", tc.region, host, tc.slug)
		}
	}
}

func TestCreateValidationListsEveryViolation(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	for _, tc := range []struct {
		name, body string
		fields     []string
		detailHas  []string
	}{
		{"empty object", `{}`, []string{"name", "dataProcessRegion"}, []string{"AWS, GCP or AZURE"}},
		{"bad name", `{"name":"-x","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`, []string{"name"}, []string{"letters, digits and hyphens"}},
		{"name too long", `{"name":"` + strings.Repeat("a", 65) + `","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`, []string{"name"}, nil},
		{"region of another provider", `{"name":"x","dataProcessRegion":{"cloudProvider":"GCP","region":"VIRGINIA_USA"}}`, []string{"dataProcessRegion.region"}, []string{"US_CENTRAL1, EUROPE_WEST1 or US_EAST4"}},
		{"tenant provider", `{"name":"x","dataProcessRegion":{"cloudProvider":"TENANT","region":"VIRGINIA_USA"}}`, []string{"dataProcessRegion.cloudProvider"}, []string{"no stream processing regions"}},
		{"serverless provider", `{"name":"x","dataProcessRegion":{"cloudProvider":"SERVERLESS","region":"x"}}`, []string{"dataProcessRegion.cloudProvider"}, nil},
		{"missing region", `{"name":"x","dataProcessRegion":{"cloudProvider":"AWS"}}`, []string{"dataProcessRegion.region"}, nil},
		{"bad tier", `{"name":"x","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"streamConfig":{"tier":"SP1"}}`, []string{"streamConfig.tier"}, []string{"SP2, SP5, SP10, SP30 or SP50"}},
		{"everything wrong", `{"name":"a b","dataProcessRegion":{"cloudProvider":"AZURE","region":"eastus9"},"streamConfig":{"tier":"sp30"}}`,
			[]string{"name", "dataProcessRegion.region", "streamConfig.tier"}, []string{"eastus, westus"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, h, body := c.do("POST", streamsPathDemo, tc.body)
			if status != 400 {
				t.Fatalf("status %d: %s", status, body)
			}
			if ct := h.Get("Content-Type"); ct != "application/json" {
				t.Errorf("error Content-Type %q", ct)
			}
			e := apiErr(t, body)
			if e.ErrorCode != "VALIDATION_ERROR" || e.Error != 400 {
				t.Errorf("errorCode %q error %d", e.ErrorCode, e.Error)
			}
			if got := fields(e); !slices.Equal(got, tc.fields) {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
			for _, want := range tc.detailHas {
				if !strings.Contains(e.Detail, want) {
					t.Errorf("detail %q lacks %q", e.Detail, want)
				}
			}
		})
	}
	if n := len(s.Instances(DemoProjectID)); n != 0 {
		t.Errorf("invalid creates stored %d instances", n)
	}
}

func TestCreateDecodingErrors(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	for _, tc := range []struct {
		name, body string
		fields     []string
	}{
		{"not JSON", `{"name":`, nil},
		{"array", `[]`, nil},
		{"two objects", `{} {}`, nil},
		{"null", `null`, nil},
		{"wrong types", `{"name":5,"dataProcessRegion":{"cloudProvider":true,"region":[]},"streamConfig":"SP30","sampleConnections":{"solar":"yes"}}`,
			[]string{"name", "dataProcessRegion.cloudProvider", "dataProcessRegion.region", "streamConfig", "sampleConnections.solar"}},
		{"region not an object", `{"name":"x","dataProcessRegion":"AWS"}`, []string{"dataProcessRegion"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, _, body := c.do("POST", streamsPathDemo, tc.body)
			e := apiErr(t, body)
			if status != 400 || e.ErrorCode != "INVALID_JSON" {
				t.Fatalf("status %d code %s: %s", status, e.ErrorCode, body)
			}
			if got := fields(e); !slices.Equal(got, tc.fields) {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
		})
	}
}

func TestCreateIgnoresUnknownAndReadOnlyFields(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	status, _, body := c.do("POST", streamsPathDemo, `{"name":"x","groupId":"000000000000000000000000","_id":"abc","hostnames":["h"],
		"connections":[{"name":"c"}],"links":[],"future":{"a":1},"dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA","extra":1},
		"streamConfig":null,"sampleConnections":{"solar":true}}`, "Content-Type", "application/json; charset=utf-8")
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	v := decode(t, body)
	if v["groupId"] != DemoProjectID || v["_id"] == "abc" || fmt.Sprint(v["streamConfig"]) != "map[tier:SP30]" {
		t.Errorf("read-only or null fields leaked: %v", v)
	}
	conns, _ := v["connections"].([]any)
	if len(conns) != 1 || !isSolar(conns[0]) {
		t.Errorf("connections %v, want the solar sample only", v["connections"])
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	big := `{"name":"x","pad":"` + strings.Repeat("a", MaxBodyBytes) + `"}`
	status, _, body := c.do("POST", streamsPathDemo, big)
	if status != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d: %.200s", status, body)
	}
	if e := apiErr(t, body); e.ErrorCode != "PAYLOAD_TOO_LARGE" {
		t.Errorf("errorCode %s", e.ErrorCode)
	}
}

func TestDuplicateNameConflicts(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	if status, _, body := c.do("POST", streamsPathDemo, createBody); status != 200 {
		t.Fatalf("first create %d %s", status, body)
	}
	status, _, body := c.do("POST", streamsPathDemo, createBody)
	if e := apiErr(t, body); status != 409 || e.ErrorCode != "STREAM_TENANT_ALREADY_EXISTS" {
		t.Fatalf("second create %d %s", status, body)
	}
}

func TestConcurrentCreatesOfOneNameHaveOneWinner(t *testing.T) {
	s := NewServer(t)
	const n = 32
	var ok, conflict atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			c := ownerClient(t, s)
			switch status, _, body := c.do("POST", streamsPathDemo, createBody); status {
			case 200:
				ok.Add(1)
			case 409:
				conflict.Add(1)
			default:
				t.Errorf("status %d %s", status, body)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 1 || conflict.Load() != n-1 {
		t.Errorf("%d created, %d conflicts; want 1 and %d", ok.Load(), conflict.Load(), n-1)
	}
	if got := len(s.Instances(DemoProjectID)); got != 1 {
		t.Errorf("store holds %d instances", got)
	}
}

func TestGetAndConnections(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, `{"name":"solar","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"sampleConnections":{"solar":true}}`)
	_, _, body := c.do("GET", streamsPathDemo+"/solar", "")
	if _, has := decode(t, body)["connections"]; has {
		t.Errorf("GET without includeConnections lists connections: %s", body)
	}
	status, _, body := c.do("GET", streamsPathDemo+"/solar?includeConnections=true", "")
	if conns, _ := decode(t, body)["connections"].([]any); status != 200 || len(conns) != 1 || !isSolar(conns[0]) {
		t.Errorf("GET with includeConnections: %d %s", status, body)
	}
	status, _, body = c.do("GET", streamsPathDemo+"/missing", "")
	e := apiErr(t, body)
	want := "Stream instance for project " + DemoProjectID + " and name missing not found."
	if status != 404 || e.ErrorCode != "STREAM_TENANT_NOT_FOUND_FOR_NAME" || e.Detail != want {
		t.Errorf("missing: %d %s", status, body)
	}
	if status, _, _ := c.do("GET", streamsPathDemo+"/solar?includeConnections=maybe", ""); status != 400 {
		t.Errorf("includeConnections=maybe: status %d, want 400", status)
	}
}

// TestUnknownConnectionTypesAreServedAsStored seeds a connection of a type
// the mock does not know, with a member it does not know, so that clients
// can be tested against it: both views serve it as stored.
func TestUnknownConnectionTypesAreServedAsStored(t *testing.T) {
	s := NewServer(t)
	future := Connection{Name: "k", Type: "FutureKind", Members: map[string]json.RawMessage{"extra": json.RawMessage(`{"x":1}`)}}
	if err := s.Seed(Instance{GroupID: DemoProjectID, Name: "seeded", CloudProvider: "AWS", Region: "OHIO_USA", Connections: []Connection{future}}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{streamsPathDemo + "/seeded?includeConnections=true", streamsPathDemo + "/seeded/connections"} {
		_, _, body := ownerClient(t, s).do("GET", path, "")
		for _, want := range []string{`"extra":{"x":1}`, `"type":"FutureKind"`, `"name":"k"`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("%s: %s not served as stored: %s", path, want, body)
			}
		}
	}
}

func TestUpdate(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	_, _, body := c.do("POST", streamsPathDemo, createBody)
	first := decode(t, body)
	path := streamsPathDemo + "/demo"

	status, _, body := c.do("PATCH", path, `{"streamConfig":{"tier":"SP10"}}`)
	v := decode(t, body)
	if status != 200 || fmt.Sprint(v["streamConfig"]) != "map[tier:SP10]" || fmt.Sprint(v["hostnames"]) != fmt.Sprint(first["hostnames"]) {
		t.Fatalf("tier change: %d %s", status, body)
	}
	status, _, body = c.do("PATCH", path, `{"dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"}}`)
	if v := decode(t, body); status != 200 || fmt.Sprint(v["dataProcessRegion"]) != "map[cloudProvider:AWS region:VIRGINIA_USA]" {
		t.Fatalf("a nested dataProcessRegion must change nothing: %d %s", status, body)
	}
	status, _, body = c.do("PATCH", path, `{"cloudProvider":"AWS","region":"OHIO_USA"}`)
	v = decode(t, body)
	if status != 200 || fmt.Sprint(v["dataProcessRegion"]) != "map[cloudProvider:AWS region:OHIO_USA]" {
		t.Fatalf("region change: %d %s", status, body)
	}
	if h := v["hostnames"].([]any)[0].(string); !strings.Contains(h, ".ohio-usa.") {
		t.Errorf("hostname %q did not follow the region", h)
	}
	status, _, body = c.do("PATCH", path, `{"cloudProvider":"GCP"}`)
	if e := apiErr(t, body); status != 400 || !slices.Equal(fields(e), []string{"region"}) {
		t.Errorf("lone cloudProvider must be checked against the current region: %d %s", status, body)
	}
	status, _, body = c.do("PATCH", path, `{"cloudProvider":"GCP","region":"US_EAST4","streamConfig":{"tier":"SP50"}}`)
	if v := decode(t, body); status != 200 || fmt.Sprint(v["dataProcessRegion"]) != "map[cloudProvider:GCP region:US_EAST4]" || fmt.Sprint(v["streamConfig"]) != "map[tier:SP50]" {
		t.Errorf("provider, region and tier together: %d %s", status, body)
	}
	status, _, body = c.do("PATCH", path, `{"name":"other","streamConfig":{"tier":"SP9"}}`)
	if e := apiErr(t, body); status != 400 || !slices.Equal(fields(e), []string{"name", "streamConfig.tier"}) {
		t.Errorf("name change and bad tier: %d %s", status, body)
	}
	status, _, body = c.do("PATCH", path, `{"region":5}`)
	if e := apiErr(t, body); status != 400 || e.ErrorCode != "INVALID_JSON" {
		t.Errorf("wrong type: %d %s", status, body)
	}
	if status, _, _ := c.do("PATCH", streamsPathDemo+"/nope", `{}`); status != 404 {
		t.Errorf("PATCH of a missing instance: %d", status)
	}
	got := s.Instances(DemoProjectID)[0]
	if got.CloudProvider != "GCP" || got.Region != "US_EAST4" || got.Tier != "SP50" {
		t.Errorf("store after failed updates: %+v", got)
	}
}

func TestDelete(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, createBody)
	status, _, body := c.do("DELETE", streamsPathDemo+"/demo", "")
	if status != http.StatusAccepted || len(body) != 0 {
		t.Fatalf("delete: %d %q", status, body)
	}
	if status, _, _ := c.do("GET", streamsPathDemo+"/demo", ""); status != 404 {
		t.Errorf("GET after delete: %d", status)
	}
	if status, _, _ := c.do("DELETE", streamsPathDemo+"/demo", ""); status != 404 {
		t.Errorf("second delete: %d", status)
	}
	if err := s.Seed(Instance{GroupID: DemoProjectID, Name: "busy", CloudProvider: "AWS", Region: "OHIO_USA", Processors: []Processor{{Name: "a"}, {Name: "b"}}}); err != nil {
		t.Fatal(err)
	}
	status, _, body = c.do("DELETE", streamsPathDemo+"/busy", "")
	if e := apiErr(t, body); status != 403 || e.ErrorCode != "STREAM_TENANT_HAS_STREAM_PROCESSORS" {
		t.Errorf("delete with processors: %d %s", status, body)
	}
}

func TestDeleteDelayKeepsTheNameTaken(t *testing.T) {
	clock := newFakeClock()
	s := NewServer(t, Options{DeleteDelay: 30 * time.Second, Now: clock.Now})
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, createBody)
	if status, _, _ := c.do("DELETE", streamsPathDemo+"/demo", ""); status != 202 {
		t.Fatalf("delete: %d", status)
	}
	if status, _, _ := c.do("GET", streamsPathDemo+"/demo", ""); status != 200 {
		t.Errorf("during the delay GET answers %d, want 200", status)
	}
	if status, _, _ := c.do("POST", streamsPathDemo, createBody); status != 409 {
		t.Errorf("during the delay create answers %d, want 409", status)
	}
	if status, _, _ := c.do("DELETE", streamsPathDemo+"/demo", ""); status != 202 {
		t.Errorf("a repeated delete during the delay answers %d, want 202", status)
	}
	clock.Advance(31 * time.Second)
	if status, _, _ := c.do("GET", streamsPathDemo+"/demo", ""); status != 404 {
		t.Errorf("after the delay GET answers %d, want 404", status)
	}
	if status, _, _ := c.do("POST", streamsPathDemo, createBody); status != 200 {
		t.Errorf("after the delay create answers %d, want 200", status)
	}
}

func TestListPagination(t *testing.T) {
	s := NewServer(t)
	var seed []Instance
	for i := range 7 {
		seed = append(seed, Instance{GroupID: DemoProjectID, Name: fmt.Sprintf("i%02d", i), CloudProvider: "AWS", Region: "OHIO_USA"})
	}
	if err := s.Seed(seed...); err != nil {
		t.Fatal(err)
	}
	c := ownerClient(t, s)
	names := func(body []byte) []string {
		var out []string
		for _, r := range decode(t, body)["results"].([]any) {
			out = append(out, r.(map[string]any)["name"].(string))
		}
		return out
	}
	for _, tc := range []struct {
		query  string
		status int
		want   []string
		next   bool
	}{
		{"", 200, []string{"i00", "i01", "i02", "i03", "i04", "i05", "i06"}, false},
		{"?itemsPerPage=3", 200, []string{"i00", "i01", "i02"}, true},
		{"?itemsPerPage=3&pageNum=3", 200, []string{"i06"}, false},
		{"?itemsPerPage=3&pageNum=4", 200, nil, false},
		{"?itemsPerPage=500&pageNum=9223372036854775807", 200, nil, false},
		{"?itemsPerPage=0", 400, nil, false},
		{"?itemsPerPage=501", 400, nil, false},
		{"?pageNum=0", 400, nil, false},
		{"?itemsPerPage=abc", 400, nil, false},
	} {
		status, _, body := c.do("GET", streamsPathDemo+tc.query, "")
		if status != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.query, status, tc.status, body)
			continue
		}
		if status != 200 {
			if e := apiErr(t, body); len(fields(e)) != 1 {
				t.Errorf("%s: fields %v", tc.query, fields(e))
			}
			continue
		}
		v := decode(t, body)
		if v["totalCount"] != float64(7) {
			t.Errorf("%s: totalCount %v", tc.query, v["totalCount"])
		}
		if got := names(body); !slices.Equal(got, tc.want) {
			t.Errorf("%s: names %v, want %v", tc.query, got, tc.want)
		}
		if hasNext := strings.Contains(string(body), `"rel":"next"`); hasNext != tc.next {
			t.Errorf("%s: next link %v, want %v", tc.query, hasNext, tc.next)
		}
	}
}

func TestVersionedMediaType(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	for _, tc := range []struct {
		accept string
		status int
	}{
		{"", 406},
		{"application/json", 406},
		{"application/vnd.atlas.2022-12-31+json", 406},
		{"application/vnd.atlas.garbage+json", 406},
		{MediaType, 200},
		{MediaType + ";charset=utf-8", 200},
		{"application/vnd.atlas.2025-03-12+json", 200},
		{"application/json, application/vnd.atlas.2024-08-05+json", 200},
	} {
		status, h, body := c.do("GET", streamsPathDemo, "", "Accept", tc.accept)
		if status != tc.status {
			t.Errorf("Accept %q: status %d, want %d", tc.accept, status, tc.status)
			continue
		}
		if status == 406 {
			if e := apiErr(t, body); e.ErrorCode != "INVALID_VERSION_DATE" || h.Get("Content-Type") != "application/json" {
				t.Errorf("Accept %q: %s %s", tc.accept, h.Get("Content-Type"), body)
			}
		} else if h.Get("Content-Type") != MediaType {
			t.Errorf("Accept %q: answered %s, want the 2023-02-01 version", tc.accept, h.Get("Content-Type"))
		}
	}
}

func TestEnvelopeAndPretty(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	status, _, body := c.do("POST", streamsPathDemo+"?envelope=true&pretty=true", createBody)
	v := decode(t, body)
	content, _ := v["content"].(map[string]any)
	if status != 200 || v["status"] != float64(200) || content["name"] != "demo" || !strings.Contains(string(body), "\n  ") {
		t.Errorf("enveloped pretty create: %d %s", status, body)
	}
	status, _, body = c.do("GET", streamsPathDemo+"/missing?envelope=true", "")
	v = decode(t, body)
	content, _ = v["content"].(map[string]any)
	if status != 200 || v["status"] != float64(404) || content["errorCode"] != "STREAM_TENANT_NOT_FOUND_FOR_NAME" {
		t.Errorf("enveloped 404: %d %s", status, body)
	}
	status, _, body = c.do("GET", streamsPathDemo+"?envelope=true", "")
	v = decode(t, body)
	if status != 200 || v["status"] != float64(200) || v["totalCount"] != float64(1) {
		t.Errorf("enveloped list must carry status beside results: %d %s", status, body)
	}
	// The lists under an instance carry the status beside their results
	// too.
	for _, list := range []string{"/demo/connections", "/demo/processors"} {
		status, _, body = c.do("GET", streamsPathDemo+list+"?envelope=true", "", "Accept", "application/vnd.atlas.2025-03-12+json")
		v = decode(t, body)
		if _, wrapped := v["content"]; status != 200 || v["status"] != float64(200) || wrapped || v["results"] == nil {
			t.Errorf("enveloped %s must carry status beside results: %d %s", list, status, body)
		}
	}
	status, _, body = c.do("DELETE", streamsPathDemo+"/demo?envelope=true", "")
	if v := decode(t, body); status != 200 || v["status"] != float64(202) {
		t.Errorf("enveloped delete: %d %s", status, body)
	}
	// A 401 is never enveloped, so digest clients see the challenge.
	plain := &apiClient{t: t, base: s.URL, hc: http.DefaultClient}
	status, h, _ := plain.do("GET", streamsPathDemo+"?envelope=true", "")
	if status != 401 || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Digest ") {
		t.Errorf("enveloped 401: %d %v", status, h)
	}
	status, _, compact := c.do("GET", streamsPathDemo+"?pretty=false", "")
	if status != 200 || strings.Contains(string(compact), "\n ") {
		t.Errorf("pretty=false: %s", compact)
	}
	if status, _, _ := c.do("GET", streamsPathDemo+"?pretty=yes", ""); status != 400 {
		t.Errorf("pretty=yes: status %d, want 400", status)
	}
}

func TestProjectChecksAndRoles(t *testing.T) {
	s := NewServer(t)
	owner := ownerClient(t, s)
	reader := digestClient(t, s, ReaderPublicKey, ReaderPrivateKey)
	owner.do("POST", streamsPathDemo, createBody)

	status, _, body := owner.do("GET", "/api/atlas/v2/groups/NOT-HEX/streams", "")
	if e := apiErr(t, body); status != 400 || e.ErrorCode != "INVALID_GROUP_ID" {
		t.Errorf("bad groupId: %d %s", status, body)
	}
	status, _, body = owner.do("GET", "/api/atlas/v2/groups/aaaaaaaaaaaaaaaaaaaaaaaa/streams", "")
	if e := apiErr(t, body); status != 404 || e.ErrorCode != "GROUP_NOT_FOUND" {
		t.Errorf("unknown project: %d %s", status, body)
	}
	if status, _, body := reader.do("GET", streamsPathDemo+"/demo", ""); status != 200 {
		t.Errorf("reader GET: %d %s", status, body)
	}
	for _, op := range []struct{ method, path, body string }{
		{"POST", streamsPathDemo, `{"name":"r","dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"}}`},
		{"PATCH", streamsPathDemo + "/demo", `{"streamConfig":{"tier":"SP10"}}`},
		{"DELETE", streamsPathDemo + "/demo", ""},
	} {
		status, _, body := reader.do(op.method, op.path, op.body)
		if e := apiErr(t, body); status != 403 || e.ErrorCode != "USER_UNAUTHORIZED" {
			t.Errorf("reader %s: %d %s", op.method, status, body)
		}
	}
	if in := s.Instances(DemoProjectID); len(in) != 1 || in[0].Tier != DefaultTier {
		t.Errorf("the reader changed the store: %+v", in)
	}
	status, _, body = owner.do("PUT", streamsPathDemo+"/demo", "{}")
	if status != 405 {
		t.Errorf("PUT: %d %s", status, body)
	}
	if status, _, _ := owner.do("GET", "/api/atlas/v2/nothing", ""); status != 404 {
		t.Errorf("unknown path: %d", status)
	}
}

// isSolar reports whether a decoded connection is the solar sample: its
// name, type, state and a 24-hex id, and nothing else.
func isSolar(v any) bool {
	c, ok := v.(map[string]any)
	id, _ := c["id"].(string)
	return ok && len(c) == 4 && c["name"] == "sample_stream_solar" && c["type"] == "Sample" && c["state"] == "READY" && hex24.MatchString(id)
}
