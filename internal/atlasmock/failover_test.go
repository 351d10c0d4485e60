package atlasmock

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Failover regions and max tier size, over real HTTP, one test per rule.

const workspaceBody = `{"name":"ws","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},` +
	`"streamConfig":{"tier":"SP10","maxTierSize":"SP30"},` +
	`"failoverRegions":[{"cloudProvider":"AWS","region":"OREGON_USA"},{"cloudProvider":"AWS","region":"DUBLIN_IRL"}]}`

// instancePath is the path of one instance of the demo project.
func instancePath(name string) string { return streamsPathDemo + "/" + name }

// failoverOf returns the failoverRegions member of a body, and whether it
// was there.
func failoverOf(t *testing.T, body []byte) ([]Region, bool) {
	t.Helper()
	var v struct {
		FailoverRegions *[]Region `json:"failoverRegions"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if v.FailoverRegions == nil {
		return nil, false
	}
	return *v.FailoverRegions, true
}

func streamConfigOf(t *testing.T, body []byte) string {
	t.Helper()
	return fmt.Sprint(decode(t, body)["streamConfig"])
}

func TestCreateStoresAndReturnsFailoverAndMaxTier(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	status, _, body := c.do("POST", streamsPathDemo, workspaceBody)
	if status != 200 {
		t.Fatalf("create: %d %s", status, body)
	}
	want := []Region{{"AWS", "OREGON_USA"}, {"AWS", "DUBLIN_IRL"}}
	for what, b := range map[string][]byte{
		"create answer": body,
		"get":           func() []byte { _, _, b := c.do("GET", instancePath("ws"), ""); return b }(),
	} {
		if got, _ := failoverOf(t, b); !slices.Equal(got, want) {
			t.Errorf("%s: failoverRegions %v, want %v in order", what, got, want)
		}
		if got := streamConfigOf(t, b); got != "map[maxTierSize:SP30 tier:SP10]" {
			t.Errorf("%s: streamConfig %s", what, got)
		}
	}
	_, _, list := c.do("GET", streamsPathDemo, "")
	var page struct {
		Results []json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal(list, &page); err != nil || len(page.Results) != 1 {
		t.Fatalf("list: %v %s", err, list)
	}
	if got, _ := failoverOf(t, page.Results[0]); !slices.Equal(got, want) {
		t.Errorf("list: failoverRegions %v", got)
	}
}

func TestWithoutFailoverTheMemberIsAnEmptyArrayAndMaxTierIsAbsent(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	_, _, body := c.do("POST", streamsPathDemo, createBody)
	got, present := failoverOf(t, body)
	if !present || got == nil || len(got) != 0 {
		t.Errorf("failoverRegions %v (present %v), want []", got, present)
	}
	if _, ok := decode(t, body)["streamConfig"].(map[string]any)["maxTierSize"]; ok {
		t.Errorf("maxTierSize present without being set: %s", body)
	}
}

func TestMaxTierPicksTheDefaultTierAndCapsIt(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	for _, tc := range []struct{ max, wantTier string }{{"SP10", "SP10"}, {"SP50", "SP30"}, {"SP2", "SP2"}} {
		name := "cap-" + tc.max
		status, _, body := c.do("POST", streamsPathDemo, fmt.Sprintf(`{"name":%q,"dataProcessRegion":{"cloudProvider":"GCP","region":"US_EAST4"},"streamConfig":{"maxTierSize":%q}}`, name, tc.max))
		if status != 200 {
			t.Fatalf("%s: %d %s", tc.max, status, body)
		}
		if got := streamConfigOf(t, body); got != fmt.Sprintf("map[maxTierSize:%s tier:%s]", tc.max, tc.wantTier) {
			t.Errorf("max %s: streamConfig %s, want tier %s", tc.max, got, tc.wantTier)
		}
	}
}

func TestCreateRejectsEveryBadFailoverAndTier(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	body := `{"name":"bad","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},` +
		`"streamConfig":{"tier":"SP50","maxTierSize":"SP10"},` +
		`"failoverRegions":[` +
		`{"cloudProvider":"GCP","region":"US_EAST4"},` + // another provider
		`{"cloudProvider":"AWS","region":"MARS_1"},` + // not a region
		`{"cloudProvider":"AWS","region":"VIRGINIA_USA"},` + // the primary
		`{"cloudProvider":"AWS","region":"OHIO_USA"},` +
		`{"cloudProvider":"AWS","region":"OHIO_USA"},` + // twice
		`{"region":"TOKYO_JPN"}]}` // no provider
	status, _, data := c.do("POST", streamsPathDemo, body)
	if status != 400 {
		t.Fatalf("status %d: %s", status, data)
	}
	e := apiErr(t, data)
	want := []string{"streamConfig.tier", "failoverRegions[0].cloudProvider", "failoverRegions[1].region", "failoverRegions[2].region",
		"failoverRegions[4].region", "failoverRegions[5].cloudProvider"}
	if e.ErrorCode != "VALIDATION_ERROR" || !slices.Equal(fields(e), want) {
		t.Errorf("errorCode %s fields %v, want VALIDATION_ERROR %v", e.ErrorCode, fields(e), want)
	}
	status, _, data = c.do("POST", streamsPathDemo, `{"name":"bad","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"streamConfig":{"maxTierSize":"SP7"}}`)
	if e := apiErr(t, data); status != 400 || !slices.Equal(fields(e), []string{"streamConfig.maxTierSize"}) {
		t.Errorf("max tier SP7: %d %v", status, fields(e))
	}
	status, _, data = c.do("POST", streamsPathDemo, `{"name":"bad","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"failoverRegions":{"cloudProvider":"AWS"}}`)
	if e := apiErr(t, data); status != 400 || e.ErrorCode != "INVALID_JSON" || !slices.Equal(fields(e), []string{"failoverRegions"}) {
		t.Errorf("failoverRegions as an object: %d %s %v", status, e.ErrorCode, fields(e))
	}
	if n := len(s.Instances(DemoProjectID)); n != 0 {
		t.Errorf("%d instances stored after refused creates", n)
	}
}

func TestPatchSetsFailoverOnlyWhileThereIsNone(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, createBody)
	set := `{"failoverRegions":[{"cloudProvider":"AWS","region":"OHIO_USA"}]}`
	status, _, body := c.do("PATCH", instancePath("demo"), set)
	if got, _ := failoverOf(t, body); status != 200 || !slices.Equal(got, []Region{{"AWS", "OHIO_USA"}}) {
		t.Fatalf("first set: %d %s", status, body)
	}
	// The same list again changes nothing and is accepted.
	if status, _, body := c.do("PATCH", instancePath("demo"), set); status != 200 {
		t.Errorf("same list again: %d %s", status, body)
	}
	for what, patch := range map[string]string{
		"change": `{"failoverRegions":[{"cloudProvider":"AWS","region":"OREGON_USA"}]}`,
		"add":    `{"failoverRegions":[{"cloudProvider":"AWS","region":"OHIO_USA"},{"cloudProvider":"AWS","region":"OREGON_USA"}]}`,
		"remove": `{"failoverRegions":[]}`,
	} {
		status, _, data := c.do("PATCH", instancePath("demo"), patch)
		if e := apiErr(t, data); status != 400 || e.ErrorCode != "VALIDATION_ERROR" || !slices.Equal(fields(e), []string{"failoverRegions"}) {
			t.Errorf("%s: %d %s %v", what, status, e.ErrorCode, fields(e))
		}
	}
	if in := s.Instances(DemoProjectID)[0]; !slices.Equal(in.FailoverRegions, []Region{{"AWS", "OHIO_USA"}}) {
		t.Errorf("stored %v", in.FailoverRegions)
	}
}

func TestPatchRefusesFailoverWithARegionChange(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, createBody)
	status, _, data := c.do("PATCH", instancePath("demo"), `{"cloudProvider":"AWS","region":"OHIO_USA","failoverRegions":[{"cloudProvider":"AWS","region":"OREGON_USA"}]}`)
	if e := apiErr(t, data); status != 400 || !slices.Equal(fields(e), []string{"failoverRegions"}) {
		t.Errorf("both: %d %v", status, fields(e))
	}
	if in := s.Instances(DemoProjectID)[0]; in.Region != "VIRGINIA_USA" || len(in.FailoverRegions) != 0 {
		t.Errorf("a refused PATCH changed the instance: %+v", in)
	}
	// A bad failover list in a PATCH is checked like one in a create.
	status, _, data = c.do("PATCH", instancePath("demo"), `{"failoverRegions":[{"cloudProvider":"AZURE","region":"eastus"},{"cloudProvider":"AWS","region":"VIRGINIA_USA"}]}`)
	if e := apiErr(t, data); status != 400 || !slices.Equal(fields(e), []string{"failoverRegions[0].cloudProvider", "failoverRegions[1].region"}) {
		t.Errorf("bad list: %d %v", status, fields(e))
	}
}

func TestPatchRefusesAPrimaryThatIsAFailoverRegion(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, workspaceBody)
	status, _, data := c.do("PATCH", instancePath("ws"), `{"region":"OREGON_USA"}`)
	if e := apiErr(t, data); status != 400 || !slices.Equal(fields(e), []string{"region"}) {
		t.Errorf("primary onto a failover region: %d %v", status, fields(e))
	}
	// Another region is fine, and keeps the failover regions.
	status, _, body := c.do("PATCH", instancePath("ws"), `{"region":"OHIO_USA"}`)
	if got, _ := failoverOf(t, body); status != 200 || len(got) != 2 {
		t.Errorf("region change: %d %s", status, body)
	}
}

func TestPatchRaisesAndLowersMaxTierWithinTheTier(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, workspaceBody) // SP10, max SP30
	for _, tc := range []struct {
		patch, want string
		status      int
		fields      []string
	}{
		{`{"streamConfig":{"maxTierSize":"SP50"}}`, "map[maxTierSize:SP50 tier:SP10]", 200, nil},
		{`{"streamConfig":{"tier":"SP50"}}`, "map[maxTierSize:SP50 tier:SP50]", 200, nil},
		{`{"streamConfig":{"maxTierSize":"SP30"}}`, "", 400, []string{"streamConfig.tier"}}, // below the tier
		{`{"streamConfig":{"tier":"SP5","maxTierSize":"SP5"}}`, "map[maxTierSize:SP5 tier:SP5]", 200, nil},
		{`{"streamConfig":{"maxTierSize":null}}`, "map[maxTierSize:SP5 tier:SP5]", 200, nil}, // cannot clear
		{`{"streamConfig":{"tier":"SP10"}}`, "", 400, []string{"streamConfig.tier"}},
		{`{"streamConfig":{"maxTierSize":"SP1"}}`, "", 400, []string{"streamConfig.maxTierSize"}},
	} {
		status, _, body := c.do("PATCH", instancePath("ws"), tc.patch)
		if status != tc.status {
			t.Fatalf("%s: %d %s", tc.patch, status, body)
		}
		if status == 200 {
			if got := streamConfigOf(t, body); got != tc.want {
				t.Errorf("%s: streamConfig %s, want %s", tc.patch, got, tc.want)
			}
		} else if got := fields(apiErr(t, body)); !slices.Equal(got, tc.fields) {
			t.Errorf("%s: fields %v, want %v", tc.patch, got, tc.fields)
		}
	}
}

func TestStateFileKeepsFailoverAndMaxTierAndOldFilesLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := NewServer(t, Options{StatePath: path})
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, workspaceBody)
	again := NewServer(t, Options{StatePath: path})
	in := again.Instances(DemoProjectID)
	if len(in) != 1 || in[0].MaxTierSize != "SP30" || !slices.Equal(in[0].FailoverRegions, []Region{{"AWS", "OREGON_USA"}, {"AWS", "DUBLIN_IRL"}}) {
		t.Errorf("reloaded %+v", in)
	}
	// A file written before these fields existed.
	old := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(old, []byte(`{"version":1,"seq":1,"instances":[{"id":"65f0a1b2c3d4e5f607182900","groupId":"`+DemoProjectID+
		`","name":"legacy","cloudProvider":"AWS","region":"OHIO_USA","tier":"SP10","solar":false,"hostnames":["h"],"seq":1}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	legacy := NewServer(t, Options{StatePath: old})
	_, _, body := ownerClient(t, legacy).do("GET", instancePath("legacy"), "")
	if got, present := failoverOf(t, body); !present || len(got) != 0 || streamConfigOf(t, body) != "map[tier:SP10]" {
		t.Errorf("legacy instance: %s", body)
	}
}

// TestMongoDBProviderRequestShapes sends what MongoDB's provider (v2.x,
// mongodbatlas_stream_workspace) sends: the create with groupId in the body,
// and updates that repeat the unchanged region at the root beside the
// whole streamConfig, or carry the failover regions alone the first time.
// The answers keep what it expects back, so its plans stay empty.
func TestMongoDBProviderRequestShapes(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	create := `{"groupId":"` + DemoProjectID + `","name":"mdb","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},` +
		`"failoverRegions":[{"cloudProvider":"AWS","region":"OREGON_USA"}],"streamConfig":{"maxTierSize":"SP30","tier":"SP10"}}`
	if status, _, body := c.do("POST", streamsPathDemo, create); status != 200 {
		t.Fatalf("create: %d %s", status, body)
	}
	update := `{"cloudProvider":"AWS","region":"VIRGINIA_USA","streamConfig":{"maxTierSize":"SP50","tier":"SP30"}}`
	status, _, body := c.do("PATCH", instancePath("mdb"), update)
	if status != 200 {
		t.Fatalf("update: %d %s", status, body)
	}
	if got, _ := failoverOf(t, body); !slices.Equal(got, []Region{{"AWS", "OREGON_USA"}}) || streamConfigOf(t, body) != "map[maxTierSize:SP50 tier:SP30]" {
		t.Errorf("update answer %s", body)
	}
	c.do("POST", streamsPathDemo, `{"groupId":"`+DemoProjectID+`","name":"later","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"streamConfig":{"tier":"SP10"}}`)
	status, _, body = c.do("PATCH", instancePath("later"), `{"failoverRegions":[{"cloudProvider":"AWS","region":"OHIO_USA"}],"streamConfig":{"tier":"SP10"}}`)
	if got, _ := failoverOf(t, body); status != 200 || !slices.Equal(got, []Region{{"AWS", "OHIO_USA"}}) {
		t.Errorf("failover set by update: %d %s", status, body)
	}
	if status, _, _ := c.do("DELETE", instancePath("mdb"), ""); status != 202 {
		t.Errorf("delete: %d", status)
	}
}
