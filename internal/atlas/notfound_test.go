package atlas_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// notFoundCases are the four ways a call on an instance can meet 404. Only
// the last one means the instance is gone.
func notFoundCases(t *testing.T) []struct {
	name, baseURL, project string
	gone                   bool
	want                   []string
} {
	srv := atlasmock.NewServer(t)
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<html><body><h1>404 Not Found</h1>nginx</body></html>"))
	}))
	t.Cleanup(html.Close)
	return []struct {
		name, baseURL, project string
		gone                   bool
		want                   []string
	}{
		{"wrong base path", srv.URL + "/typo", atlasmock.DemoProjectID, false,
			[]string{srv.URL + "/typo/api/atlas/v2/groups/" + atlasmock.DemoProjectID + "/streams/missing", "404 Not Found", "RESOURCE_NOT_FOUND",
				"itemsPerPage=500", "base_url may not point at the Atlas API"}},
		{"html 404", html.URL, atlasmock.DemoProjectID, false,
			[]string{html.URL + "/api/atlas/v2/groups/", "not an Atlas API error", "nginx"}},
		{"project not found", srv.URL, "0123456789abcdef01234567", false,
			[]string{"GROUP_NOT_FOUND", "deleted", "lost access"}},
		{"instance missing", srv.URL, atlasmock.DemoProjectID, true, nil},
	}
}

func TestNotFoundIsConfirmedByTheProjectList(t *testing.T) {
	ctx := context.Background()
	for _, tc := range notFoundCases(t) {
		c, err := atlas.New(atlas.Config{BaseURL: tc.baseURL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
		if err != nil {
			t.Fatal(err)
		}
		for op, call := range map[string]func() error{
			"get": func() error {
				_, err := c.GetStreamInstance(ctx, tc.project, "missing")
				return err
			},
			"delete": func() error { return c.DeleteStreamInstance(ctx, tc.project, "missing") },
		} {
			err := call()
			if err == nil {
				t.Fatalf("%s %s: no error", tc.name, op)
			}
			if atlas.IsNotFound(err) != tc.gone {
				t.Errorf("%s %s: IsNotFound = %v, want %v (%v)", tc.name, op, !tc.gone, tc.gone, err)
			}
			var unconfirmed *atlas.UnconfirmedNotFoundError
			if errors.As(err, &unconfirmed) == tc.gone {
				t.Errorf("%s %s: unconfirmed = %v, want %v", tc.name, op, !tc.gone, !tc.gone)
			}
			if atlas.StatusCode(err) != http.StatusNotFound {
				t.Errorf("%s %s: status %d, want the 404 kept in the chain", tc.name, op, atlas.StatusCode(err))
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%s %s: error does not say %q:\n%v", tc.name, op, w, err)
				}
			}
		}
	}
}

// TestNotFoundCheckCostsOneRequestOnlyAfter404 pins the extra request: one
// list of one item after a 404, none after a success.
func TestNotFoundCheckCostsOneRequestOnlyAfter404(t *testing.T) {
	srv := atlasmock.NewServer(t)
	c, _ := atlas.New(atlas.Config{BaseURL: srv.URL, AccessToken: srv.AccessToken(t)})
	ctx := context.Background()
	if _, err := c.CreateStreamInstance(ctx, atlasmock.DemoProjectID, createReq); err != nil {
		t.Fatal(err)
	}
	srv.ResetCounts()
	if _, err := c.GetStreamInstance(ctx, atlasmock.DemoProjectID, createReq.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetStreamInstance(ctx, atlasmock.DemoProjectID, "missing"); !atlas.IsNotFound(err) {
		t.Fatalf("missing: %v", err)
	}
	want := map[string]int64{
		"GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}": 2,
		"GET /api/atlas/v2/groups/{groupId}/streams":              1,
	}
	got := srv.Counts()
	if len(got) != len(want) {
		t.Errorf("requests %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("requests %v, want %v", got, want)
		}
	}
}

// TestNotFoundThatTheListContradictsIsReadAgain answers the first reads
// of an instance with Atlas's 404 while the project's list holds it, as
// Atlas may for a moment after a write: a 404 is "gone" only when the
// list lacks the object too, so the read is made again and finds it.
// When the list goes on holding it, the 404 stays unconfirmed and says so.
func TestNotFoundThatTheListContradictsIsReadAgain(t *testing.T) {
	srv := atlasmock.NewServer(t)
	ctx := context.Background()
	var lagging atomic.Int32
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/streams/"+createReq.Name) && lagging.Add(-1) >= 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error":404,"errorCode":"STREAM_TENANT_NOT_FOUND_FOR_NAME"}`))
			return
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	c, _ := atlas.New(atlas.Config{BaseURL: front.URL, AccessToken: srv.AccessToken(t)})
	if _, err := c.CreateStreamInstance(ctx, atlasmock.DemoProjectID, createReq); err != nil {
		t.Fatal(err)
	}

	lagging.Store(2)
	got, err := c.GetStreamInstance(ctx, atlasmock.DemoProjectID, createReq.Name)
	if err != nil || got.Name != createReq.Name {
		t.Fatalf("after two lagging 404s: %v, %v", got, err)
	}
	if left := lagging.Load(); left > 0 {
		t.Errorf("%d lagging answers left: the read was not made again", left)
	}

	lagging.Store(100)
	_, err = c.GetStreamInstance(ctx, atlasmock.DemoProjectID, createReq.Name)
	var unconfirmed *atlas.UnconfirmedNotFoundError
	switch {
	case atlas.IsNotFound(err):
		t.Fatalf("a 404 that the list contradicts was taken as gone: %v", err)
	case !errors.As(err, &unconfirmed) || !unconfirmed.ListHolds || !unconfirmed.CheckPassing():
		t.Fatalf("want an unconfirmed 404 whose list holds the instance, got %v", err)
	case !strings.Contains(err.Error(), "holds it: the API contradicts itself"):
		t.Errorf("the error does not say the list holds it: %v", err)
	}
	if n := 100 - lagging.Load(); n != 5 {
		t.Errorf("%d reads, want 5", n)
	}
}
