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

// TestRefreshesShareOneListRead: the refreshes of many endpoints, and of
// many peerings of one requester, read one list each; one that the list
// lacks is read on its own and confirmed gone.
func TestRefreshesShareOneListRead(t *testing.T) {
	srv, c := connectionClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	var ids []string
	for i := range 5 {
		e, err := c.CreatePrivateLink(ctx, p, atlas.PrivateLinkEndpoint{Provider: "AWS", Vendor: "KINESIS", Region: []string{"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-west-2"}[i]})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	for i := range 5 {
		if _, err := srv.SeedPeeringRequest(p, atlasmock.PeeringRequest{RequesterAccountID: "417601102659", RequesterVpcID: "vpc-0d13eb6a2f0377854",
			RequesterCidr: "10.0.0.0/16", Name: "pcx-0000000000000000" + string(rune('a'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	srv.ResetCounts()
	for _, id := range ids {
		if e, err := c.RefreshPrivateLink(ctx, p, id); err != nil || e.ID != id {
			t.Fatalf("refresh %s: %+v %v", id, e, err)
		}
	}
	for i := range 5 {
		name := "pcx-0000000000000000" + string(rune('a'+i))
		if got, err := c.RefreshVPCPeering(ctx, p, "417601102659", name); err != nil || got.Name != name {
			t.Fatalf("refresh %s: %+v %v", name, got, err)
		}
	}
	counts := srv.Counts()
	if n := counts["GET /api/atlas/v2/groups/{groupId}/streams/privateLinkConnections"]; n != 1 {
		t.Errorf("5 endpoint refreshes read the list %d times, want 1 (%v)", n, counts)
	}
	if n := counts["GET /api/atlas/v2/groups/{groupId}/streams/vpcPeeringConnections"]; n != 1 {
		t.Errorf("5 peering refreshes read the list %d times, want 1 (%v)", n, counts)
	}
	if _, err := c.RefreshPrivateLink(ctx, p, "0123456789abcdef01234567"); !atlas.IsNotFound(err) {
		t.Errorf("an endpoint the list lacks: %v", err)
	}
	if _, err := c.RefreshVPCPeering(ctx, p, "417601102659", "pcx-0123456789abcdef0"); !atlas.IsNotFound(err) {
		t.Errorf("a peering the list lacks: %v", err)
	}
	// A write forgets the shared list: the next refresh sees it.
	if err := c.DeletePrivateLink(ctx, p, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RefreshPrivateLink(ctx, p, ids[0]); !atlas.IsNotFound(err) {
		t.Errorf("a deleted endpoint after its delete: %v", err)
	}
}
