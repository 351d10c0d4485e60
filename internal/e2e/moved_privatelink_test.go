package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_movedPrivateLinkEndpointFromMongoDBAtlas brings an MSK and an
// AWS Confluent endpoint over from mongodbatlas_stream_privatelink_endpoint
// with moved blocks, under the real terraform CLI: the plan moves both
// with no change, the apply keeps their ids, MongoDB's provider can then
// leave, and the API sees no write.
func TestE2E_movedPrivateLinkEndpointFromMongoDBAtlas(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	const arn = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/1"
	msk, err := c.CreatePrivateLink(ctx, p, atlas.PrivateLinkEndpoint{Provider: "AWS", Vendor: "MSK", ARN: arn})
	must(t, err)
	conf, err := c.CreatePrivateLink(ctx, p, atlas.PrivateLinkEndpoint{Provider: "AWS", Vendor: "CONFLUENT", Region: "us-east-1",
		ServiceEndpointID: "com.amazonaws.vpce.us-east-1.vpce-svc-1", DNSDomain: "lkc-1.us-east-1.aws.confluent.cloud", DNSSubDomain: []string{"use1-az1"}})
	must(t, err)
	mskNow, err := c.GetPrivateLink(ctx, p, msk.ID)
	must(t, err)
	srv.ResetCounts()

	w := newWorkspace(t, srv.URL, "")
	resources := fmt.Sprintf(`
resource "atlasmini_stream_privatelink_endpoint" "msk" {
  project_id    = %[1]q
  provider_name = "AWS"
  vendor        = "MSK"
  arn           = %[2]q
}

resource "atlasmini_stream_privatelink_endpoint" "confluent" {
  project_id          = %[1]q
  provider_name       = "AWS"
  vendor              = "CONFLUENT"
  region              = "us-east-1"
  service_endpoint_id = "com.amazonaws.vpce.us-east-1.vpce-svc-1"
  dns_domain          = "lkc-1.us-east-1.aws.confluent.cloud"
  dns_sub_domain      = ["use1-az1"]
}
`, p, arn)
	moved := `
moved {
  from = mongodbatlas_stream_privatelink_endpoint.msk
  to   = atlasmini_stream_privatelink_endpoint.msk
}

moved {
  from = mongodbatlas_stream_privatelink_endpoint.confluent
  to   = atlasmini_stream_privatelink_endpoint.confluent
}
`
	w.writeConfig(withMongoDBAtlas + resources + moved)
	// As MongoDB's provider writes them: "region" computed for MSK, no
	// authentication_scheme at that version.
	writeState(t, w.dir,
		mongodbatlasResource("mongodbatlas_stream_privatelink_endpoint", "msk", map[string]any{
			"id": msk.ID, "project_id": p, "provider_name": "AWS", "vendor": "MSK", "region": "us-east-1", "arn": arn,
			"service_endpoint_id": nil, "dns_domain": nil, "dns_sub_domain": nil, "service_attachment_uris": nil,
			"state": "DONE", "error_message": nil, "interface_endpoint_id": mskNow.InterfaceEndpointID,
			"interface_endpoint_name": mskNow.InterfaceEndpointName, "provider_account_id": mskNow.ProviderAccountID,
		}),
		mongodbatlasResource("mongodbatlas_stream_privatelink_endpoint", "confluent", map[string]any{
			"id": conf.ID, "project_id": p, "provider_name": "AWS", "vendor": "CONFLUENT", "region": "us-east-1", "arn": nil,
			"service_endpoint_id": "com.amazonaws.vpce.us-east-1.vpce-svc-1", "dns_domain": "lkc-1.us-east-1.aws.confluent.cloud",
			"dns_sub_domain": []any{"use1-az1"}, "service_attachment_uris": nil, "state": "DONE", "error_message": nil,
			"interface_endpoint_id": nil, "interface_endpoint_name": nil, "provider_account_id": nil,
		}),
	)
	expectSays(t, "the plan", w.mustRun("plan", "-input=false", "-no-color", "-out=move.tfplan"),
		"# mongodbatlas_stream_privatelink_endpoint.msk has moved to atlasmini_stream_privatelink_endpoint.msk",
		"# mongodbatlas_stream_privatelink_endpoint.confluent has moved to atlasmini_stream_privatelink_endpoint.confluent",
		"Plan: 0 to add, 0 to change, 0 to destroy.")
	w.mustRun("apply", "-input=false", "move.tfplan")
	ids := map[string]string{}
	for _, r := range w.stateResources("atlasmini_stream_privatelink_endpoint") {
		ids[fmt.Sprint(r["vendor"])] = fmt.Sprint(r["id"])
	}
	if ids["MSK"] != msk.ID || ids["CONFLUENT"] != conf.ID {
		t.Errorf("after the move the state holds ids %v, want MSK %s and CONFLUENT %s", ids, msk.ID, conf.ID)
	}
	w.writeConfig(atlasminiOnly + resources)
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan without MongoDB's provider exited %d, want 0 (no changes):\n%s", code, tail(out, 3000))
	}
	expectOnlyReads(t, srv, "the move")
}
