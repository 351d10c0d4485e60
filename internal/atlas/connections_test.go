package atlas_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// connectionClient is a client of a mock that has the instance "ingest".
func connectionClient(t *testing.T) (*atlasmock.Server, *atlas.Client) {
	t.Helper()
	srv := atlasmock.NewServer(t)
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, AccessToken: srv.AccessToken(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateStreamInstance(context.Background(), atlasmock.DemoProjectID, atlas.CreateRequest{Name: "ingest", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}}); err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// TestConnectionsOverTheWire creates, reads, lists, updates and deletes a
// connection of each shape the client sends, against the mock.
func TestConnectionsOverTheWire(t *testing.T) {
	srv, c := connectionClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	config := map[string]string{"auto.offset.reset": "earliest"}
	for _, req := range []atlas.StreamConnection{
		{Name: "cluster", Type: "Cluster", ClusterName: "Cluster0", DBRoleToExecute: &atlas.DBRoleToExecute{Role: "atlasAdmin", Type: "BUILT_IN"}},
		{Name: "kafka", Type: "Kafka", BootstrapServers: "b:9092", Authentication: &atlas.KafkaAuthentication{Mechanism: "SCRAM-256", Username: "u", Password: "pw"},
			Security: &atlas.KafkaSecurity{Protocol: "SASL_SSL"}, Config: &config},
		{Name: "hook", Type: "Https", URL: "https://x.net", Headers: &map[string]string{"Authorization": "Bearer t"}},
		{Name: "registry", Type: "SchemaRegistry", Provider: "CONFLUENT", SchemaRegistryURLs: []string{"https://r.net"},
			SchemaRegistryAuthentication: &atlas.SchemaRegistryAuthentication{Type: "USER_INFO", Username: "u", Password: "pw"}},
		{Name: "s3", Type: "S3", AWS: &atlas.AWSRole{RoleArn: "arn:aws:iam::1:role/r", TestBucket: "b"}},
		{Name: "azure", Type: "AzureBlobStorage", Azure: &atlas.AzureBlobStorage{ServicePrincipalID: "p", StorageAccountName: "a"}},
		{Name: "gcp", Type: "GCPPubSub", GCP: &atlas.GCPPubSub{ServiceAccountID: "sa"}},
	} {
		got, err := c.CreateStreamConnection(ctx, p, "ingest", req)
		if err != nil {
			t.Fatalf("%s: %v", req.Name, err)
		}
		if got.ID == "" || got.State != "READY" || got.Type != req.Type || got.Name != req.Name {
			t.Errorf("%s: %+v", req.Name, got)
		}
		if got.Authentication != nil && got.Authentication.Password != "" || got.SchemaRegistryAuthentication != nil && got.SchemaRegistryAuthentication.Password != "" {
			t.Errorf("%s: a secret came back", req.Name)
		}
	}
	kafka, err := c.GetStreamConnection(ctx, p, "ingest", "kafka")
	if err != nil || kafka.Networking == nil || kafka.Networking.Access.Type != "PUBLIC" || (*kafka.Config)["auto.offset.reset"] != "earliest" || kafka.Authentication.Username != "u" {
		t.Fatalf("kafka: %+v %v", kafka, err)
	}
	// A whole-object PATCH that clears the config; the password left out
	// stays on the server.
	update := *kafka
	update.ID, update.State = "", ""
	update.Config = &map[string]string{}
	update.Authentication = &atlas.KafkaAuthentication{Mechanism: "SCRAM-256", Username: "v"}
	got, err := c.UpdateStreamConnection(ctx, p, "ingest", "kafka", update)
	if err != nil || got.Config != nil && len(*got.Config) != 0 || got.Authentication.Username != "v" {
		t.Fatalf("update: %+v %v", got, err)
	}
	all, total, err := c.ListStreamConnections(ctx, p, "ingest")
	if err != nil || total != 7 || len(all) != 7 || all[0].Name != "cluster" {
		t.Fatalf("list: %d %d %v", len(all), total, err)
	}
	if err := c.DeleteStreamConnection(ctx, p, "ingest", "hook"); err != nil {
		t.Fatal(err)
	}
	srv.ResetCounts()
	if _, err := c.GetStreamConnectionAfterDelete(ctx, p, "ingest", "hook"); !atlas.IsNotFound(err) {
		t.Errorf("after the delete: %v", err)
	}
	if n := srv.Counts()["GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections"]; n != 0 {
		t.Errorf("the read after an accepted delete asked the list %d times", n)
	}
}

// TestConnectionNotFoundIsConfirmed: a missing connection is confirmed by
// the instance's list; one under a missing instance by the instance being
// confirmed gone; a 404 from a wrong base path is not confirmed.
func TestConnectionNotFoundIsConfirmed(t *testing.T) {
	srv, c := connectionClient(t)
	ctx := context.Background()
	p := atlasmock.DemoProjectID
	if _, err := c.GetStreamConnection(ctx, p, "ingest", "nowhere"); !atlas.IsNotFound(err) {
		t.Errorf("missing connection: %v", err)
	}
	if err := c.DeleteStreamConnection(ctx, p, "gone-instance", "x"); !atlas.IsNotFound(err) {
		t.Errorf("connection of a missing instance: %v", err)
	}
	wrong, _ := atlas.New(atlas.Config{BaseURL: srv.URL + "/typo", AccessToken: srv.AccessToken(t)})
	_, err := wrong.GetStreamConnection(ctx, p, "ingest", "nowhere")
	var unconfirmed *atlas.UnconfirmedNotFoundError
	if atlas.IsNotFound(err) || !errors.As(err, &unconfirmed) || atlas.StatusCode(err) != http.StatusNotFound {
		t.Errorf("wrong base path: %v", err)
	}
	if _, _, err := c.ListStreamConnections(ctx, p, "gone-instance"); !atlas.IsNotFound(err) {
		t.Errorf("list of a missing instance: %v", err)
	}
}
