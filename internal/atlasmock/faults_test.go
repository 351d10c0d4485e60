package atlasmock

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestFailRateInjectsEveryCodeAndChangesNothing(t *testing.T) {
	s := NewServer(t, Options{FailRate: 1, Seed: 7, RetryAfter: 2})
	c := &apiClient{t: t, base: s.URL, hc: http.DefaultClient}
	seen := map[int]int{}
	for range 60 {
		status, h, body := c.do("POST", streamsPathDemo, createBody)
		seen[status]++
		e := apiErr(t, body)
		if e.Error != status {
			t.Errorf("body error %d for status %d", e.Error, status)
		}
		if status == 429 && (h.Get("Retry-After") != "2" || e.ErrorCode != "RATE_LIMITED") {
			t.Errorf("429 without Retry-After or RATE_LIMITED: %v %s", h, body)
		}
	}
	if len(seen) != 3 || seen[429] == 0 || seen[500] == 0 || seen[503] == 0 {
		t.Errorf("codes seen %v, want 429, 500 and 503", seen)
	}
	if n := len(s.Instances(DemoProjectID)); n != 0 {
		t.Errorf("faults stored %d instances", n)
	}
}

func TestFailCodesAndMissingRetryAfter(t *testing.T) {
	s := NewServer(t, Options{FailRate: 1, FailCodes: []int{429}, RetryAfter: -1})
	c := ownerClient(t, s)
	status, h, _ := c.do("GET", streamsPathDemo, "")
	if status != 429 || h.Get("Retry-After") != "" {
		t.Errorf("status %d Retry-After %q", status, h.Get("Retry-After"))
	}
}

func TestLatencyIsAddedToEveryRequest(t *testing.T) {
	const latency = 150 * time.Millisecond
	s := NewServer(t, Options{Latency: latency})
	c := ownerClient(t, s)
	start := time.Now()
	c.do("GET", streamsPathDemo, "") // challenge, then the call
	if took := time.Since(start); took < 2*latency {
		t.Errorf("two requests took %v, want at least %v", took, 2*latency)
	}
}

func TestLostResponsesAreApplied(t *testing.T) {
	s := NewServer(t, Options{LoseResponses: 1})
	req, _ := http.NewRequest("POST", s.URL+streamsPathDemo, strings.NewReader(createBody))
	req.Header.Set("Accept", MediaType)
	req.Header.Set("Content-Type", MediaType)
	hc := ownerClient(t, s).hc
	resp, err := hc.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("got a response (%d), want a lost one", resp.StatusCode)
	}
	// The handler aborts the connection: the client sees it end without a
	// response.
	if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("lost response error %v, want the connection closed without an answer", err)
	}
	if n := len(s.Instances(DemoProjectID)); n != 1 {
		t.Errorf("store holds %d instances, want the one whose response was lost", n)
	}
}

func TestCountersAndReset(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	c.do("POST", streamsPathDemo, createBody)
	c.do("GET", streamsPathDemo+"/demo", "")
	c.do("GET", streamsPathDemo+"/demo", "")
	resp, err := http.Get(s.URL + "/_mock/requests")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Total    int64            `json:"total"`
		Requests map[string]int64 `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	// The first POST is answered with the challenge, then sent again.
	if v.Requests["POST /api/atlas/v2/groups/{groupId}/streams"] != 2 || v.Requests["GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}"] != 2 || v.Total != 4 {
		t.Errorf("counters %+v", v)
	}
	resp, err = http.Post(s.URL+"/_mock/reset-counters", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 || len(s.Counts()) != 0 {
		t.Errorf("reset: %d %v", resp.StatusCode, s.Counts())
	}
}

func TestStateSurvivesARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := NewServer(t, Options{StatePath: path})
	c := ownerClient(t, s)
	_, _, body := c.do("POST", streamsPathDemo, createBody)
	created := decode(t, body)
	c.do("POST", streamsPathDemo, `{"name":"gone","dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"}}`)
	c.do("PATCH", streamsPathDemo+"/demo", `{"streamConfig":{"tier":"SP5"}}`)
	c.do("DELETE", streamsPathDemo+"/gone", "")

	data, err := os.ReadFile(path)
	if err != nil || !json.Valid(data) {
		t.Fatalf("state file unreadable: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	s2 := NewServer(t, Options{StatePath: path})
	c2 := ownerClient(t, s2)
	status, _, body := c2.do("GET", streamsPathDemo+"/demo", "")
	v := decode(t, body)
	if status != 200 || v["_id"] != created["_id"] || v["streamConfig"].(map[string]any)["tier"] != "SP5" {
		t.Errorf("after restart: %d %s", status, body)
	}
	if status, _, _ := c2.do("GET", streamsPathDemo+"/gone", ""); status != 404 {
		t.Errorf("deleted instance came back: %d", status)
	}
	if status, _, _ := c2.do("POST", streamsPathDemo, createBody); status != 409 {
		t.Errorf("name not taken after restart: %d", status)
	}
}

func TestCorruptStateIsAClearError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StatePath: path}); err == nil || !strings.Contains(err.Error(), "state file") {
		t.Errorf("error %v", err)
	}
}

func TestRequestLogNamesNoCredential(t *testing.T) {
	var buf logBuffer
	s := NewServer(t, Options{Logger: log.New(&buf, "", 0)})
	ownerClient(t, s).do("POST", streamsPathDemo, createBody)
	tokenRequest(t, s, ServiceClientID, ServiceSecret, "client_credentials")
	want := "POST /api/atlas/v2/groups/" + DemoProjectID + "/streams 200"
	out := buf.waitFor(want)
	if !strings.Contains(out, want) {
		t.Errorf("log lacks the request line: %s", out)
	}
	for _, secret := range []string{OwnerPrivateKey, ServiceSecret, "mock_at_", "response="} {
		if strings.Contains(out, secret) {
			t.Errorf("log holds %q", secret)
		}
	}
}

func TestLoseOnlyFirstAnswersRepeats(t *testing.T) {
	s := NewServer(t, Options{LoseResponses: 1, LoseOnlyFirst: true})
	_, tok := tokenRequest(t, s, ServiceClientID, ServiceSecret, "client_credentials")
	// A fresh connection per request: Go resends an idempotent request
	// whose answer was lost on a reused connection, which would hide the loss.
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	send := func() (int, error) {
		req, _ := http.NewRequest(http.MethodGet, s.URL+streamsPathDemo+"/x", nil)
		req.Header.Set("Accept", MediaType)
		req.Header.Set("Authorization", "Bearer "+tok["access_token"].(string))
		resp, err := hc.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	if _, err := send(); err == nil {
		t.Fatal("the first arrival was answered")
	}
	if status, err := send(); err != nil || status != 404 {
		t.Fatalf("the repeat: %d %v", status, err)
	}
}
