package streamprivatelink_test

import (
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// example reads a file under examples/.
var example = acctest.Example

// TestAccExamples_mskPipelineApplies applies the documented MSK pipeline
// as it is, then the data source examples beside it, with waits that take a while (Terraform 1.11+, for the
// write-only password): the endpoint is DONE before the connection over it
// is made, the processor runs, and destroy deletes the connection before
// the endpoint that Atlas would otherwise refuse to delete.
func TestAccExamples_mskPipelineApplies(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{PrivateLinkDelay: 2 * time.Second})
	resources := example(t, "resources/atlasmini_stream_privatelink_endpoint/resource.tf")
	data := example(t, "data-sources/atlasmini_stream_privatelink_endpoint/data-source.tf") + example(t, "data-sources/atlasmini_stream_privatelink_endpoints/data-source.tf")
	variables := config.Variables{"msk_password": config.StringVariable("example-msk-secret")}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy: func(s *terraform.State) error {
			if err := checkGone(srv)(s); err != nil {
				return err
			}
			if left := srv.Instances(projectID); len(left) > 0 {
				t.Errorf("instance %q left after destroy", left[0].Name)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config:          providerBlock(srv) + resources,
				ConfigVariables: variables,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("atlasmini_stream_privatelink_endpoint.msk", tfjsonpath.New("state"), knownvalue.StringExact("DONE")),
					statecheck.ExpectKnownValue("atlasmini_stream_privatelink_endpoint.msk", tfjsonpath.New("region"), knownvalue.StringExact("us-east-1")),
					statecheck.ExpectKnownValue("atlasmini_stream_connection.msk", tfjsonpath.New("state"), knownvalue.StringExact("READY")),
					statecheck.ExpectKnownValue("atlasmini_stream_processor.orders", tfjsonpath.New("state"), knownvalue.StringExact("STARTED")),
				},
			},
			{
				// The data source examples beside it.
				Config:          providerBlock(srv) + resources + data,
				ConfigVariables: variables,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("msk_endpoint_state", knownvalue.StringExact("DONE")),
					statecheck.ExpectKnownOutputValue("done_endpoints", knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}

// TestAccExamples_confluentEnterpriseApplies applies the Confluent
// Enterprise example: the endpoint waits for its domain.
func TestAccExamples_confluentEnterpriseApplies(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{{
			Config: providerBlock(srv) + example(t, "resources/atlasmini_stream_privatelink_endpoint/confluent-enterprise.tf"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("atlasmini_stream_privatelink_endpoint.confluent", tfjsonpath.New("state"), knownvalue.StringExact("WORKING")),
			},
		}},
	})
}

// TestAccExamples_privateNetworkingGuideApplies applies the guide's S3 sink
// and MSK IAM examples together, as they are.
func TestAccExamples_privateNetworkingGuideApplies(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := providerBlock(srv) + example(t, "guides/private-networking/s3-sink.tf") + example(t, "guides/private-networking/msk-iam.tf")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("atlasmini_stream_connection.archive", tfjsonpath.New("state"), knownvalue.StringExact("READY")),
				statecheck.ExpectKnownValue("atlasmini_stream_connection.payments", tfjsonpath.New("state"), knownvalue.StringExact("READY")),
				statecheck.ExpectKnownValue("atlasmini_stream_privatelink_endpoint.msk_iam", tfjsonpath.New("authentication_scheme"), knownvalue.StringExact("IAM")),
			},
		}},
	})
}
