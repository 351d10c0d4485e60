package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// bearer is the header an Https connection made outside Terraform
// carries; the configuration written for it must never drop it.
const bearer = "Bearer e2e-hook-token"

// httpsWithHeaders makes an instance and an Https connection whose
// headers hold a bearer token, through the API, and returns the mock.
func httpsWithHeaders(t *testing.T) *atlasmock.Server {
	t.Helper()
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	_, err = c.CreateStreamInstance(ctx, atlasmock.DemoProjectID, atlas.CreateRequest{Name: "ingest", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}})
	must(t, err)
	_, err = c.CreateStreamConnection(ctx, atlasmock.DemoProjectID, "ingest", atlas.StreamConnection{Name: "hook", Type: "Https", URL: "https://hooks.example.net/in",
		Headers: &map[string]string{"Authorization": bearer, "X-Team": "ingest"}})
	must(t, err)
	srv.ResetCounts()
	return srv
}

// applyGenerated checks the configuration Terraform wrote for the
// connection (its headers left out as sensitive), applies it, and checks
// that the mock still holds the headers, that the apply wrote nothing,
// and that the plan after it is empty.
func applyGenerated(t *testing.T, w *workspace, srv *atlasmock.Server) {
	t.Helper()
	generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	must(t, err)
	if !regexp.MustCompile(`headers\s*=\s*null # sensitive`).Match(generated) || strings.Contains(string(generated), bearer) {
		t.Fatalf("generated.tf does not leave the headers out as sensitive:\n%s", generated)
	}
	w.mustRun("apply", "-auto-approve", "-input=false")
	var headers map[string]string
	for _, c := range srv.Connections(atlasmock.DemoProjectID, "ingest") {
		if c.Name == "hook" && !c.Member("headers", &headers) {
			t.Fatalf("the mock's connection has no headers member: %v", c.Members)
		}
	}
	if headers["Authorization"] != bearer || headers["X-Team"] != "ingest" {
		t.Errorf("after applying the generated configuration the mock holds the headers %v", headers)
	}
	expectOnlyReads(t, srv, "applying the generated configuration")
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Errorf("plan after the import exited %d, want 0 (no changes):\n%s\n%s", code, tail(out, 3000), generated)
	}
}

// TestE2E_generatedConfigKeepsHttpsHeaders adopts an Https connection
// whose headers carry a bearer token with an import block and plan
// -generate-config-out, as the OpenTofu guide does: the configuration
// written has headers = null # sensitive, and applying it imports the
// connection and keeps the token in Atlas.
func TestE2E_generatedConfigKeepsHttpsHeaders(t *testing.T) {
	needAcc(t)
	srv := httpsWithHeaders(t)
	w := newWorkspace(t, srv.URL, fmt.Sprintf(`
import {
  to = atlasmini_stream_connection.hook
  id = "%s/ingest/hook"
}
`, atlasmock.DemoProjectID))
	w.mustRun("plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	applyGenerated(t, w, srv)
}

// TestE2E_queryConfigKeepsHttpsHeaders is the README's terraform query
// workflow for the same connection: query writes the configuration, and
// the apply that "imports them all; creates nothing" keeps the token.
func TestE2E_queryConfigKeepsHttpsHeaders(t *testing.T) {
	needAcc(t)
	needQuery(t)
	srv := httpsWithHeaders(t)
	w := newWorkspace(t, srv.URL, "")
	must(t, os.WriteFile(filepath.Join(w.dir, "search.tfquery.hcl"), []byte(fmt.Sprintf(`
list "atlasmini_stream_connection" "all" {
  provider         = atlasmini
  include_resource = true
  config {
    project_id    = %q
    instance_name = "ingest"
  }
}
`, atlasmock.DemoProjectID)), 0o600))
	w.mustRun("query", "-generate-config-out=generated.tf")
	applyGenerated(t, w, srv)
}
