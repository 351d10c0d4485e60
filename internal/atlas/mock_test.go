package atlas_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// These tests speak to the bundled mock over HTTP: the client and the mock
// share no code, so passing proves that both speak the same wire format.

var createReq = atlas.CreateRequest{Name: "wire", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}}

func TestEachAuthMethodAgainstTheMock(t *testing.T) {
	srv := atlasmock.NewServer(t)
	for _, cfg := range []atlas.Config{
		{PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey},
		{ClientID: atlasmock.ServiceClientID, ClientSecret: atlasmock.ServiceSecret},
	} {
		cfg.BaseURL = srv.URL
		c, err := atlas.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.ReplaceAll(string(cfg.Method()), " ", "-")
		req := createReq
		req.Name = name
		got, err := c.CreateStreamInstance(context.Background(), atlasmock.DemoProjectID, req)
		if err != nil {
			t.Fatalf("%s: %v", cfg.Method(), err)
		}
		if got.StreamConfig == nil || got.StreamConfig.Tier != "SP30" || len(got.Hostnames) != 1 {
			t.Errorf("%s: %+v", cfg.Method(), got)
		}
	}
}

func TestDigestReusesTheChallenge(t *testing.T) {
	srv := atlasmock.NewServer(t)
	c, _ := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	ctx := context.Background()
	if _, err := c.CreateStreamInstance(ctx, atlasmock.DemoProjectID, createReq); err != nil {
		t.Fatal(err)
	}
	// A fresh client, as each Terraform command starts one, making its
	// first calls in parallel: one challenge for all of them.
	fresh, _ := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	srv.ResetCounts()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := fresh.GetStreamInstance(ctx, atlasmock.DemoProjectID, "wire"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var total int64
	for _, n := range srv.Counts() {
		total += n
	}
	if total != 21 {
		t.Errorf("20 parallel calls took %d requests, want one each and one challenge: %v", total, srv.Counts())
	}
}

func TestOAuthTokenIsRefreshedWhenRejected(t *testing.T) {
	clock := struct {
		sync.Mutex
		t time.Time
	}{t: time.Now()}
	now := func() time.Time { clock.Lock(); defer clock.Unlock(); return clock.t }
	srv := atlasmock.NewServer(t, atlasmock.Options{Now: now, TokenTTL: time.Hour})
	c, _ := atlas.New(atlas.Config{BaseURL: srv.URL, ClientID: atlasmock.ServiceClientID, ClientSecret: atlasmock.ServiceSecret})
	ctx := context.Background()
	if _, _, err := c.ListStreamInstances(ctx, atlasmock.DemoProjectID); err != nil {
		t.Fatal(err)
	}
	// The server's clock runs ahead, so it rejects the cached token that
	// the client still believes valid.
	clock.Lock()
	clock.t = clock.t.Add(2 * time.Hour)
	clock.Unlock()
	if _, _, err := c.ListStreamInstances(ctx, atlasmock.DemoProjectID); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if got := srv.Counts()["POST /api/oauth/token"]; got != 2 {
		t.Errorf("%d token requests, want 2", got)
	}
}

func TestErrorsFromTheMock(t *testing.T) {
	srv := atlasmock.NewServer(t)
	ctx := context.Background()
	reader, _ := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.ReaderPublicKey, PrivateKey: atlasmock.ReaderPrivateKey})
	_, err := reader.CreateStreamInstance(ctx, atlasmock.DemoProjectID, createReq)
	if atlas.StatusCode(err) != 403 {
		t.Errorf("reader create: %v", err)
	}
	bad, _ := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: "wrong"})
	_, err = bad.GetStreamInstance(ctx, atlasmock.DemoProjectID, "x")
	if atlas.StatusCode(err) != 401 || strings.Contains(err.Error(), "wrong") {
		t.Errorf("wrong key: %v", err)
	}
	badSA, _ := atlas.New(atlas.Config{BaseURL: srv.URL, ClientID: atlasmock.ServiceClientID, ClientSecret: "nope-secret", RetryMax: 1, RetryWaitMin: time.Millisecond})
	_, err = badSA.GetStreamInstance(ctx, atlasmock.DemoProjectID, "x")
	if err == nil || !strings.Contains(err.Error(), "invalid_client") || strings.Contains(err.Error(), "nope-secret") {
		t.Errorf("wrong client secret: %v", err)
	}
	owner, _ := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	_, err = owner.CreateStreamInstance(ctx, atlasmock.DemoProjectID, atlas.CreateRequest{Name: "x", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "GCP", Region: "OHIO_USA"}})
	var apiErr *atlas.APIError
	if !asAPIError(err, &apiErr) || len(apiErr.Fields) != 1 || apiErr.Fields[0].Field != "dataProcessRegion.region" {
		t.Errorf("validation: %v", err)
	}
	if _, err := owner.GetStreamInstance(ctx, atlasmock.DemoProjectID, "nope"); !atlas.IsNotFound(err) {
		t.Errorf("missing: %v", err)
	}
}

func asAPIError(err error, target **atlas.APIError) bool { return errors.As(err, target) }

// TestFirstCallsRunInParallelOnceChallenged checks that the calls waiting
// for the first digest challenge then go together, not one by one: the
// server sees them in flight at the same time.
func TestFirstCallsRunInParallelOnceChallenged(t *testing.T) {
	h, err := atlasmock.New(atlasmock.Options{Latency: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var inFlight, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c, _ := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := c.GetStreamInstance(context.Background(), atlasmock.DemoProjectID, "none"); !atlas.IsNotFound(err) {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if most.Load() < 5 {
		t.Errorf("at most %d requests were in flight at once: the first calls were serialised", most.Load())
	}
}

// TestFailoverAndMaxTierRoundTrip sends failover regions and a max tier
// on create and on PATCH, and reads them back as the mock stored them.
func TestFailoverAndMaxTierRoundTrip(t *testing.T) {
	srv := atlasmock.NewServer(t)
	c, _ := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	ctx := context.Background()
	req := createReq
	req.StreamConfig = &atlas.StreamConfig{MaxTierSize: "SP10"}
	req.FailoverRegions = []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "OHIO_USA"}}
	got, err := c.CreateStreamInstance(ctx, atlasmock.DemoProjectID, req)
	if err != nil {
		t.Fatal(err)
	}
	if got.StreamConfig == nil || *got.StreamConfig != (atlas.StreamConfig{Tier: "SP10", MaxTierSize: "SP10"}) ||
		len(got.FailoverRegions) != 1 || got.FailoverRegions[0] != req.FailoverRegions[0] {
		t.Errorf("create answer %+v %+v", got.StreamConfig, got.FailoverRegions)
	}
	plain := createReq
	plain.Name = "plain"
	if _, err := c.CreateStreamInstance(ctx, atlasmock.DemoProjectID, plain); err != nil {
		t.Fatal(err)
	}
	upd, err := c.UpdateStreamInstance(ctx, atlasmock.DemoProjectID, "plain", atlas.UpdateRequest{
		StreamConfig:    &atlas.StreamConfig{MaxTierSize: "SP50"},
		FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "TOKYO_JPN"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if upd.StreamConfig.MaxTierSize != "SP50" || upd.StreamConfig.Tier != "SP30" || len(upd.FailoverRegions) != 1 || upd.FailoverRegions[0].Region != "TOKYO_JPN" {
		t.Errorf("update answer %+v %+v", upd.StreamConfig, upd.FailoverRegions)
	}
	stored := srv.Instances(atlasmock.DemoProjectID)[1]
	if stored.MaxTierSize != "SP50" || len(stored.FailoverRegions) != 1 || stored.FailoverRegions[0].Region != "TOKYO_JPN" {
		t.Errorf("the mock stored %+v", stored)
	}
}
