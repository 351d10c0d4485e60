package atlas_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestRevokedCredentialsFailAfterOneRetry revokes working credentials of
// each kind: from then on the front answers every API request 401 with a
// fresh digest challenge, as Atlas does for a deleted key. The call must
// fail with the 401 after one retry (each attempt may answer the new
// challenge or fetch a new token once), not after max_retries rounds of
// backoff.
func TestRevokedCredentialsFailAfterOneRetry(t *testing.T) {
	srv := atlasmock.NewServer(t)
	for _, cfg := range []atlas.Config{
		{PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey},
		{ClientID: atlasmock.ServiceClientID, ClientSecret: atlasmock.ServiceSecret},
		{AccessToken: srv.AccessToken(t)},
	} {
		t.Run(strings.ReplaceAll(string(cfg.Method()), " ", "-"), func(t *testing.T) {
			var revoked atomic.Bool
			var rejected atomic.Int32
			front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !revoked.Load() || !strings.HasPrefix(r.URL.Path, "/api/atlas/") {
					srv.ServeHTTP(w, r)
					return
				}
				n := rejected.Add(1)
				w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Digest realm="MMS Public API", domain="", nonce="revoked%d", algorithm=MD5, qop="auth", stale=false`, n))
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = w.Write([]byte(`{"error":401,"errorCode":"UNAUTHORIZED","reason":"Unauthorized","detail":"You are not authorized for this resource."}`))
			}))
			t.Cleanup(front.Close)
			cfg.BaseURL = front.URL
			cfg.RetryMax, cfg.RetryWaitMin, cfg.RetryWaitMax = 10, 50*time.Millisecond, 50*time.Millisecond
			c, err := atlas.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if _, _, err := c.ListStreamInstances(ctx, atlasmock.DemoProjectID); err != nil {
				t.Fatalf("before the revocation: %v", err)
			}
			revoked.Store(true)
			_, _, err = c.ListStreamInstances(ctx, atlasmock.DemoProjectID)
			if atlas.StatusCode(err) != http.StatusUnauthorized {
				t.Fatalf("after the revocation: %v, want the 401", err)
			}
			// Two attempts, each of which may answer one challenge or fetch
			// one new token: four requests at most. Ten retries would be
			// eleven attempts.
			if n := rejected.Load(); n < 2 || n > 4 {
				t.Errorf("the revoked credentials were sent %d times, want 2 to 4 (one retry)", n)
			}
		})
	}
}

// TestLostAnswersAreNotTakenForRevokedCredentials loses half the answers
// of a digest-authenticated client: net/http resends a GET whose answer
// was lost with the same nonce count, which the server refuses as a
// replay. Those 401s say nothing about the credentials, so every call
// still succeeds, while a real 401 fails after one retry (above).
func TestLostAnswersAreNotTakenForRevokedCredentials(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{LoseResponses: 0.5, Seed: 7})
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey,
		RetryMax: 20, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Seed(atlasmock.Instance{GroupID: atlasmock.DemoProjectID, Name: "lossy", CloudProvider: "AWS", Region: "OHIO_USA"}); err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		if _, err := c.GetStreamInstance(context.Background(), atlasmock.DemoProjectID, "lossy"); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
}
