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

// TestE2E_queryAdoptsFailoverConnections adopts a connection's failover
// connections made outside Terraform with terraform query
// -generate-config-out: the generated configuration (secrets left out)
// plans nothing after the import, and nothing was written.
func TestE2E_queryAdoptsFailoverConnections(t *testing.T) {
	needAcc(t)
	needQuery(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	_, err = c.CreateStreamInstance(ctx, p, atlas.CreateRequest{Name: "multi", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
		FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "DUBLIN_IRL"}, {CloudProvider: "AWS", Region: "OREGON_USA"}}})
	must(t, err)
	_, err = c.CreateStreamConnection(ctx, p, "multi", atlas.StreamConnection{Name: "events", Type: "Kafka", BootstrapServers: "primary:9092"})
	must(t, err)
	for _, region := range []string{"DUBLIN_IRL", "OREGON_USA"} {
		_, err = c.CreateFailoverConnection(ctx, p, "multi", "events", atlas.StreamConnection{Name: "events", Type: "Kafka", Region: region,
			BootstrapServers: strings.ToLower(region) + ":9092", Authentication: &atlas.KafkaAuthentication{Mechanism: "PLAIN", Username: "u", Password: "query-secret"},
			Security: &atlas.KafkaSecurity{Protocol: "SASL_SSL"}})
		must(t, err)
	}
	srv.ResetCounts()

	w := newWorkspace(t, srv.URL, "")
	must(t, os.WriteFile(filepath.Join(w.dir, "search.tfquery.hcl"), []byte(fmt.Sprintf(`
list "atlasmini_stream_connection_failover" "events" {
  provider         = atlasmini
  include_resource = true
  config {
    project_id      = %q
    instance_name   = "multi"
    connection_name = "events"
  }
}
`, p)), 0o600))
	out := w.mustRun("query", "-no-color")
	if !strings.Contains(out, "events in DUBLIN_IRL (Kafka)") || !strings.Contains(out, "events in OREGON_USA (Kafka)") {
		t.Errorf("the query does not show both failover connections:\n%s", tail(out, 2000))
	}
	w.mustRun("query", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	must(t, err)
	if n := len(regexp.MustCompile(`(?m)^import \{`).FindAll(generated, -1)); n != 2 {
		t.Fatalf("generated.tf holds %d import blocks, want 2:\n%s", n, tail(string(generated), 3000))
	}
	if strings.Contains(string(generated), "query-secret") {
		t.Fatal("generated.tf holds the password")
	}
	w.mustRun("apply", "-auto-approve", "-input=false")
	if got := len(w.stateResources("atlasmini_stream_connection_failover")); got != 2 {
		t.Fatalf("after the apply the state holds %d failover connections, want 2", got)
	}
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan after the import exited %d, want 0 (no changes):\n%s\n%s", code, tail(out, 3000), generated)
	}
	expectOnlyReads(t, srv, "query and import")
}
