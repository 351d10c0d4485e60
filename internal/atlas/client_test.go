package atlas

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// scripted serves the given statuses in turn (the last one repeats) and
// counts requests.
func scripted(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		status := statuses[min(i, len(statuses)-1)]
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "0")
		}
		if status >= 300 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"error":%d,"errorCode":"CODE_%d","reason":"r","detail":"detail %d"}`, status, status, status)
			return
		}
		w.Header().Set("Content-Type", MediaType+";charset=utf-8")
		fmt.Fprint(w, `{"_id":"65f0a1b2c3d4e5f607182900","name":"x","future":{"field":1},"dataProcessRegion":{"cloudProvider":"AWS","region":"OHIO_USA"}}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func testClient(t *testing.T, url string) *Client {
	t.Helper()
	c, err := New(Config{BaseURL: url, AccessToken: "t", RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, RetryMax: 4})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRetryPolicy(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		statuses  []int
		call      func(c *Client) error
		wantCalls int32
		wantCode  int
	}{
		{"GET retries 500 then succeeds", []int{500, 502, 200}, func(c *Client) error { _, err := c.GetStreamInstance(ctx, "g", "x"); return err }, 3, 0},
		{"GET gives up after RetryMax", []int{500}, func(c *Client) error { _, err := c.GetStreamInstance(ctx, "g", "x"); return err }, 5, 500},
		{"POST is not retried on 500", []int{500, 200}, func(c *Client) error { _, err := c.CreateStreamInstance(ctx, "g", CreateRequest{}); return err }, 1, 500},
		{"POST is retried on 429", []int{429, 200}, func(c *Client) error { _, err := c.CreateStreamInstance(ctx, "g", CreateRequest{}); return err }, 2, 0},
		{"POST is retried on 503", []int{503, 503, 200}, func(c *Client) error { _, err := c.CreateStreamInstance(ctx, "g", CreateRequest{}); return err }, 3, 0},
		{"PATCH retries 500", []int{500, 200}, func(c *Client) error { _, err := c.UpdateStreamInstance(ctx, "g", "x", UpdateRequest{}); return err }, 2, 0},
		{"DELETE retries 504", []int{504, 202}, func(c *Client) error { return c.DeleteStreamInstance(ctx, "g", "x") }, 2, 0},
		{"400 is never retried", []int{400, 200}, func(c *Client) error { _, err := c.GetStreamInstance(ctx, "g", "x"); return err }, 1, 400},
		// The second request is the list that confirms the 404, not a retry.
		{"404 is never retried", []int{404, 200}, func(c *Client) error { return c.DeleteStreamInstance(ctx, "g", "x") }, 2, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := scripted(t, tc.statuses...)
			err := tc.call(testClient(t, srv.URL))
			if got := n.Load(); got != tc.wantCalls {
				t.Errorf("%d requests, want %d", got, tc.wantCalls)
			}
			if StatusCode(err) != tc.wantCode {
				t.Errorf("error %v, want status %d", err, tc.wantCode)
			}
		})
	}
}

func TestPostIsRetriedOnlyWhenNotSent(t *testing.T) {
	// A port with nothing listening: the dial fails, so nothing was sent.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := testClient(t, "http://"+addr)
	_, err = c.CreateStreamInstance(context.Background(), "g", CreateRequest{})
	if err == nil || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("error %v", err)
	}
	if ok, _ := checkRetry(context.WithValue(context.Background(), callKey{}, &callState{method: "POST"}), nil, errors.New("connection reset by peer")); ok {
		t.Error("a POST whose connection broke after sending must not be retried")
	}
	if ok, _ := checkRetry(context.WithValue(context.Background(), callKey{}, &callState{method: "POST"}), nil, &net.OpError{Op: "dial", Err: errors.New("refused")}); !ok {
		t.Error("a POST whose dial failed must be retried")
	}
	if ok, _ := checkRetry(context.WithValue(context.Background(), callKey{}, &callState{method: "GET"}), nil, errors.New("connection reset by peer")); !ok {
		t.Error("a GET whose connection broke must be retried")
	}
}

func TestRetryStopsAtTheDeadline(t *testing.T) {
	srv, n := scripted(t, 503)
	c, err := New(Config{BaseURL: srv.URL, AccessToken: "t", RetryWaitMin: time.Second, RetryWaitMax: time.Second, RetryMax: 100})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	// Retry-After is absent on this 503, so the client waits its backoff,
	// which is longer than the deadline.
	_, err = c.GetStreamInstance(ctx, "g", "x")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want the deadline", err)
	}
	if n.Load() > 2 {
		t.Errorf("%d requests before the deadline", n.Load())
	}
}

func TestBackoffHonoursRetryAfterAndGrows(t *testing.T) {
	resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"3"}}}
	if got := backoff(time.Millisecond, time.Minute, 0, resp); got != 3*time.Second {
		t.Errorf("Retry-After 3: waited %v", got)
	}
	if got := backoff(time.Millisecond, 2*time.Second, 0, resp); got != 2*time.Second {
		t.Errorf("Retry-After above the max: waited %v", got)
	}
	for attempt := range 8 {
		got := backoff(100*time.Millisecond, 10*time.Second, attempt, nil)
		ceiling := min(100*time.Millisecond<<attempt, 10*time.Second)
		if got < 50*time.Millisecond || got > ceiling {
			t.Errorf("attempt %d: %v outside [50ms, %v]", attempt, got, ceiling)
		}
	}
}

func TestErrorDecoding(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   []string
		fields int
	}{
		{"api error", 400, `{"error":400,"errorCode":"VALIDATION_ERROR","reason":"Bad Request","detail":"bad tier","badRequestDetail":{"fields":[{"field":"streamConfig.tier","description":"d"}]}}`,
			[]string{"400 Bad Request", "(VALIDATION_ERROR)", "bad tier"}, 1},
		{"html from a proxy", 502, `<html><body><h1>502 Bad Gateway</h1></body></html>`, []string{"502 Bad Gateway", "not an Atlas API error body", "<h1>502"}, 0},
		{"empty body", 503, ``, []string{"503 Service Unavailable", "(empty body)"}, 0},
		{"truncated json", 500, `{"error":500,"errorCo`, []string{"500 Internal Server Error", "not an Atlas API error body"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := decodeAPIError("GET", "/p", tc.status, []byte(tc.body))
			for _, w := range tc.want {
				if !strings.Contains(e.Error(), w) {
					t.Errorf("%q lacks %q", e.Error(), w)
				}
			}
			if e.StatusCode != tc.status || len(e.Fields) != tc.fields {
				t.Errorf("decoded %+v", e)
			}
		})
	}
}

func TestMalformedSuccessBodies(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"empty", "", "empty body"},
		{"truncated", `{"_id":"a`, "could not be decoded"},
		{"wrong types", `{"_id":5}`, "could not be decoded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, tc.body) }))
			defer srv.Close()
			_, err := testClient(t, srv.URL).GetStreamInstance(context.Background(), "g", "x")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestRequestsCarryMediaTypeAndUserAgent(t *testing.T) {
	var got http.Header
	var path string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, path = r.Header.Clone(), r.URL.RequestURI()
		fmt.Fprint(w, `{"name":"x"}`)
	}))
	defer srv.Close()
	c, _ := New(Config{BaseURL: srv.URL + "/", AccessToken: "tok", UserAgent: "terraform-provider-atlasmini/1.2.3"})
	if _, err := c.UpdateStreamInstance(context.Background(), "g", "x", UpdateRequest{Region: "OHIO_USA"}); err != nil {
		t.Fatal(err)
	}
	if got.Get("Accept") != MediaType || got.Get("Content-Type") != MediaType || got.Get("User-Agent") != "terraform-provider-atlasmini/1.2.3" || got.Get("Authorization") != "Bearer tok" {
		t.Errorf("headers %v", got)
	}
	if path != "/api/atlas/v2/groups/g/streams/x" {
		t.Errorf("path %s", path)
	}
}

func TestListFollowsPagination(t *testing.T) {
	const total = 1203
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var page, per int
		fmt.Sscan(r.URL.Query().Get("pageNum"), &page)
		fmt.Sscan(r.URL.Query().Get("itemsPerPage"), &per)
		var items []string
		for i := (page - 1) * per; i < min(page*per, total); i++ {
			items = append(items, fmt.Sprintf(`{"name":"i%d"}`, i))
		}
		fmt.Fprintf(w, `{"results":[%s],"totalCount":%d}`, strings.Join(items, ","), total)
	}))
	defer srv.Close()
	all, n, err := testClient(t, srv.URL).ListStreamInstances(context.Background(), "g")
	if err != nil || len(all) != total || n != total || calls.Load() != 3 {
		t.Errorf("%d instances, total %d, %d calls, err %v", len(all), n, calls.Load(), err)
	}
}

func TestConfigMethod(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want AuthMethod
	}{
		{Config{AccessToken: "a", ClientID: "c", ClientSecret: "s", PublicKey: "p", PrivateKey: "k"}, AuthAccessToken},
		{Config{ClientID: "c", ClientSecret: "s", PublicKey: "p", PrivateKey: "k"}, AuthServiceAccount},
		{Config{PublicKey: "p", PrivateKey: "k"}, AuthAPIKey},
	} {
		if got := tc.cfg.Method(); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.cfg, got, tc.want)
		}
	}
	if _, err := New(Config{BaseURL: "cloud.mongodb.com"}); err == nil {
		t.Error("a base URL without scheme must be refused")
	}
}

// TestWalkPagesStopRules pins the one pagination loop of the client: it
// stops where yield says, at a short page, or once totalCount items were
// read, and reads to a short page when the server sends no totalCount.
func TestWalkPagesStopRules(t *testing.T) {
	for _, tc := range []struct {
		name      string
		items     int  // items the server holds
		count     int  // totalCount it reports; -1 leaves it out
		endless   bool // every page is full
		stopAfter int  // yield returns false after this many items; 0 never
		want      int  // items yielded
		wantCalls int32
	}{
		{name: "to the end", items: 1001, count: 1001, want: 1001, wantCalls: 3},
		{name: "an exact multiple needs no empty page", items: 1000, count: 1000, want: 1000, wantCalls: 2},
		{name: "yield stops the reading of pages", items: 1500, count: 1500, stopAfter: 501, want: 501, wantCalls: 2},
		{name: "no totalCount: to the short page", items: 1200, count: -1, want: 1200, wantCalls: 3},
		{name: "no totalCount and an exact multiple: one empty page", items: 1000, count: -1, want: 1000, wantCalls: 3},
		{name: "full pages past totalCount end at the count", count: 700, endless: true, want: 1000, wantCalls: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				var page, per int
				fmt.Sscan(r.URL.Query().Get("pageNum"), &page)
				fmt.Sscan(r.URL.Query().Get("itemsPerPage"), &per)
				end := min(page*per, tc.items)
				if tc.endless {
					end = page * per
				}
				var items []string
				for i := (page - 1) * per; i < end; i++ {
					items = append(items, fmt.Sprintf(`{"name":"i%d"}`, i))
				}
				count := ""
				if tc.count >= 0 {
					count = fmt.Sprintf(`,"totalCount":%d`, tc.count)
				}
				fmt.Fprintf(w, `{"results":[%s]%s}`, strings.Join(items, ","), count)
			}))
			defer srv.Close()
			got := 0
			total, err := testClient(t, srv.URL).EachStreamInstance(context.Background(), "g", func(in *StreamInstance) bool {
				if in.Name != fmt.Sprintf("i%d", got) {
					t.Fatalf("item %d is %q", got, in.Name)
				}
				got++
				return tc.stopAfter == 0 || got < tc.stopAfter
			})
			if err != nil || calls.Load() != tc.wantCalls {
				t.Fatalf("err %v, %d calls; want %d calls", err, calls.Load(), tc.wantCalls)
			}
			if got != tc.want || total != tc.count {
				t.Errorf("yielded %d, total %d; want %d, %d", got, total, tc.want, tc.count)
			}
		})
	}
}
