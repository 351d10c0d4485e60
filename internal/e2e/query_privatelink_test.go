package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_queryAdoptsPrivateLinkEndpoints adopts endpoints made outside
// Terraform, one per kind of computed value (an MSK endpoint's region, a
// Pub/Sub endpoint's domain, an empty subdomain list), with terraform query
// -generate-config-out: the generated configuration passes the vendor
// rules, the apply imports them with no write, and the plan after it is
// empty.
func TestE2E_queryAdoptsPrivateLinkEndpoints(t *testing.T) {
	needAcc(t)
	needQuery(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	for _, e := range []atlas.PrivateLinkEndpoint{
		{Provider: "AWS", Vendor: "MSK", ARN: "arn:aws:kafka:us-east-1:123456789012:cluster/orders/1"},
		{Provider: "GCP", Vendor: "PUBSUB", Region: "us-central1"},
		{Provider: "AWS", Vendor: "CONFLUENT", Region: "us-east-1", ServiceEndpointID: "com.amazonaws.vpce.us-east-1.vpce-svc-1", DNSDomain: "lkc-1.aws.confluent.cloud"},
		{Provider: "AZURE", Vendor: "EVENTHUB", Region: "eastus2", ServiceEndpointID: "/subscriptions/s/resourceGroups/g/providers/Microsoft.EventHub/namespaces/orders",
			DNSDomain: "orders.servicebus.windows.net"},
	} {
		_, err := c.CreatePrivateLink(ctx, p, e)
		must(t, err)
	}
	srv.ResetCounts()

	w := newWorkspace(t, srv.URL, "")
	must(t, os.WriteFile(filepath.Join(w.dir, "search.tfquery.hcl"), []byte(fmt.Sprintf(`
list "atlasmini_stream_privatelink_endpoint" "all" {
  provider         = atlasmini
  include_resource = true
  config {
    project_id = %q
  }
}
`, p)), 0o600))
	w.mustRun("query", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	must(t, err)
	if n := len(regexp.MustCompile(`(?m)^import \{`).FindAll(generated, -1)); n != 4 {
		t.Fatalf("generated.tf holds %d import blocks, want 4:\n%s", n, tail(string(generated), 3000))
	}
	w.mustRun("apply", "-auto-approve", "-input=false")
	if got := len(w.stateResources("atlasmini_stream_privatelink_endpoint")); got != 4 {
		t.Fatalf("after the apply the state holds %d endpoints, want 4", got)
	}
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan after the import exited %d, want 0 (no changes):\n%s\n%s", code, tail(out, 3000), generated)
	}
	expectOnlyReads(t, srv, "query and import")
}
