package streamprocessor_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// ownerClient reaches the mock as a Project Owner would, outside Terraform.
func ownerClient(t *testing.T, srv *atlasmock.Server) *atlas.Client {
	t.Helper()
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// outsideTerraform creates a processor Terraform does not manage, that
// merges into the Cluster connection conn, or emits to the test log when
// conn is empty.
func outsideTerraform(t *testing.T, c *atlas.Client, inst, name, conn string) {
	t.Helper()
	sink := `{"$emit":{"connectionName":"__testLog"}}`
	if conn != "" {
		sink = fmt.Sprintf(`{"$merge":{"into":{"connectionName":%q,"db":"d","coll":"c"}}}`, conn)
	}
	_, err := c.CreateStreamProcessor(context.Background(), projectID, inst, atlas.StreamProcessor{
		Name:     name,
		Pipeline: []byte(`[{"$source":{"connectionName":"sample_stream_solar"}},` + sink + `]`),
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAccStreamProcessor_connectionInUseNamesItsProcessors: a processor
// that references a connection's resource is deleted before it, in one
// apply; a processor Terraform does not manage keeps the connection, and
// the error names it.
func TestAccStreamProcessor_connectionInUseNamesItsProcessors(t *testing.T) {
	srv, _ := newServer(t)
	c := ownerClient(t, srv)
	sink := `
resource "atlasmini_stream_connection" "sink" {
  project_id    = %q
  instance_name = %q
  name          = "sink"
  type          = "Cluster"
  cluster       = { cluster_name = "Cluster0" }
}
`
	withProcessor := providerBlock(t, srv) + fmt.Sprintf(sink, projectID, instance) + processorBlock("mine",
		`jsonencode([{ "$source" = { connectionName = "sample_stream_solar" } }, { "$merge" = { into = { connectionName = atlasmini_stream_connection.sink.name, db = "d", coll = "c" } } }])`,
		`  state = "STARTED"`)
	nothing := providerBlock(t, srv)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: withProcessor},
			{
				PreConfig:   func() { outsideTerraform(t, c, instance, "theirs", "sink") },
				Config:      nothing,
				ExpectError: says("Error Deleting Stream Connection", `Could not delete connection "sink"`, `The stream processors "theirs" use it (in their pipeline or DLQ)`),
			},
			{
				// The processor Terraform managed went first; the
				// connection is still in state and in Atlas.
				Config: nothing,
				PreConfig: func() {
					if _, ok := stored(srv, "mine"); ok {
						t.Error("the managed processor was not deleted before its connection")
					}
					if err := c.DeleteStreamProcessor(context.Background(), projectID, instance, "theirs"); err != nil {
						t.Fatal(err)
					}
				},
				Check: func(*terraform.State) error {
					for _, conn := range srv.Connections(projectID, instance) {
						if conn.Name == "sink" {
							return fmt.Errorf("the connection is still in the mock")
						}
					}
					return nil
				},
			},
		},
	})
}

// TestAccStreamProcessor_instanceWithProcessorsNamesThem: Atlas refuses
// (403) to delete an instance that has processors; the error names those
// left (here one Terraform does not manage) and says how to have them go
// first.
func TestAccStreamProcessor_instanceWithProcessorsNamesThem(t *testing.T) {
	srv, _ := newServer(t)
	c := ownerClient(t, srv)
	inst := providerBlock(t, srv) + fmt.Sprintf(`
resource "atlasmini_stream_instance" "other" {
  project_id          = %q
  name                = "other"
  data_process_region = { cloud_provider = "AWS", region = "VIRGINIA_USA" }
  sample_connections  = { solar = true }
}

resource "atlasmini_stream_processor" "test" {
  project_id    = %[1]q
  instance_name = atlasmini_stream_instance.other.name
  name          = "mine"
  pipeline      = jsonencode([{ "$source" = { connectionName = "sample_stream_solar" } }, { "$emit" = { connectionName = "__testLog" } }])
}
`, projectID)
	nothing := providerBlock(t, srv)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: inst},
			{
				PreConfig: func() { outsideTerraform(t, c, "other", "theirs", "") },
				Config:    nothing,
				ExpectError: says("Error Deleting Stream Instance", `Could not delete stream instance "other"`,
					`It still has the stream processors "theirs", and Atlas deletes no instance that has processors`,
					"Processors it does not manage: delete them in Atlas, or adopt them", fmt.Sprintf(`(id = "%s/other/<processor name>")`, projectID), "Atlas API status: 403"),
			},
			{
				PreConfig: func() {
					if len(srv.Processors(projectID, "other")) != 1 {
						t.Errorf("processors left on the instance: %v, want only theirs", srv.Processors(projectID, "other"))
					}
					if err := c.DeleteStreamProcessor(context.Background(), projectID, "other", "theirs"); err != nil {
						t.Fatal(err)
					}
				},
				Config: nothing,
			},
		},
	})
}
