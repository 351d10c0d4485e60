package atlas_test

import (
	"context"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestPrivateLinksOverTheWire creates, reads, lists, patches and deletes
// endpoints against the mock, and uses one from a connection.
func TestPrivateLinksOverTheWire(t *testing.T) {
	_, c := connectionClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	msk, err := c.CreatePrivateLink(ctx, p, atlas.PrivateLinkEndpoint{Provider: "AWS", Vendor: "MSK", ARN: "arn:aws:kafka:us-east-1:123456789012:cluster/m/1"})
	if err != nil || len(msk.ID) != 24 {
		t.Fatalf("create: %+v %v", msk, err)
	}
	got, err := c.GetPrivateLink(ctx, p, msk.ID)
	if err != nil || got.State != "DONE" || got.Region != "us-east-1" || got.AuthenticationScheme != "SASL_SCRAM" || got.InterfaceEndpointID == "" || got.ProviderAccountID == "" {
		t.Fatalf("get: %+v %v", got, err)
	}
	conf, err := c.CreatePrivateLink(ctx, p, atlas.PrivateLinkEndpoint{Provider: "AWS", Vendor: "CONFLUENT", Region: "us-east-1", ServiceEndpointID: "com.amazonaws.vpce.us-east-1.vpce-svc-1"})
	if err != nil {
		t.Fatal(err)
	}
	patched, err := c.UpdatePrivateLinkDNSDomain(ctx, p, conf.ID, "x.aws.confluent.cloud")
	if err != nil || patched.DNSDomain != "x.aws.confluent.cloud" || patched.State != "DONE" {
		t.Fatalf("patch: %+v %v", patched, err)
	}
	all, total, err := c.ListPrivateLinks(ctx, p)
	if err != nil || total != 2 || len(all) != 2 || all[0].ID != msk.ID {
		t.Fatalf("list: %d %+v %v", total, all, err)
	}
	kafka := atlas.StreamConnection{Name: "msk", Type: "Kafka", BootstrapServers: "b:9098",
		Authentication: &atlas.KafkaAuthentication{Mechanism: "AWS_MSK_IAM", AWS: &atlas.AWSRole{RoleArn: "arn:aws:iam::123456789012:role/r"}},
		Security:       &atlas.KafkaSecurity{Protocol: "SASL_SSL"}, Networking: &atlas.Networking{Access: atlas.NetworkingAccess{Type: "PRIVATE_LINK", ConnectionID: msk.ID}}}
	if _, err := c.CreateStreamConnection(ctx, p, "ingest", kafka); err != nil {
		t.Fatal(err)
	}
	if err := c.DeletePrivateLink(ctx, p, msk.ID); atlas.StatusCode(err) != 400 {
		t.Errorf("delete of an endpoint in use: %v", err)
	}
	if err := c.DeleteStreamConnection(ctx, p, "ingest", "msk"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeletePrivateLink(ctx, p, msk.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetPrivateLinkAfterDelete(ctx, p, msk.ID); !atlas.IsNotFound(err) {
		t.Errorf("after delete: %v", err)
	}
	if _, err := c.GetPrivateLink(ctx, p, msk.ID); !atlas.IsNotFound(err) {
		t.Errorf("a deleted endpoint, confirmed by the list: %v", err)
	}
	if err := c.DeletePrivateLink(ctx, p, msk.ID); !atlas.IsNotFound(err) {
		t.Errorf("a second delete: %v", err)
	}
}

// TestAccountDetailsAndPeeringsOverTheWire reads account details and walks
// a seeded peering through accept, the lists and delete.
func TestAccountDetailsAndPeeringsOverTheWire(t *testing.T) {
	srv, c := connectionClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	acct, err := c.GetAccountDetails(ctx, p, "aws", "US_EAST_1")
	if err != nil || acct.AWSAccountID == "" || acct.VpcID == "" || acct.CidrBlock == "" || acct.CloudProvider != "aws" {
		t.Fatalf("account details: %+v %v", acct, err)
	}
	gcp, err := c.GetAccountDetails(ctx, p, "gcp", "CENTRAL_US")
	if err != nil || gcp.GCPProjectID == "" || gcp.VpcNetworkName == "" || gcp.AWSAccountID != "" {
		t.Fatalf("gcp: %+v %v", gcp, err)
	}
	seeded, err := srv.SeedPeeringRequest(p, atlasmock.PeeringRequest{RequesterAccountID: "417601102659", RequesterVpcID: "vpc-0d13eb6a2f0377854", RequesterCidr: "10.0.0.0/16"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.FindVPCPeering(ctx, p, "", seeded.Name); !atlas.IsNotFound(err) {
		t.Errorf("a pending peering in the active list: %v", err)
	}
	if err := c.AcceptVPCPeering(ctx, p, seeded.Name, "417601102659", "vpc-0d13eb6a2f0377854"); err != nil {
		t.Fatal(err)
	}
	got, err := c.FindVPCPeering(ctx, p, "", seeded.Name)
	if err != nil || got.LocalStatus != "ACTIVE" || got.CloudStatus != "active" || got.AccepterVpcID != acct.VpcID {
		t.Fatalf("active: %+v %v", got, err)
	}
	if err := c.DeleteVPCPeering(ctx, p, seeded.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := c.FindVPCPeering(ctx, p, "417601102659", seeded.Name); !atlas.IsNotFound(err) {
		t.Errorf("after delete: %v", err)
	}
}
