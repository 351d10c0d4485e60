package streamaccount_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

var factories = map[string]func() (tfprotov6.ProviderServer, error){
	"atlasmini": providerserver.NewProtocol6WithError(provider.New("test")()),
}

// providerBlock reaches the mock with its owner API key.
var providerBlock = acctest.OwnerProvider

func details(label, provider, region string) string {
	return fmt.Sprintf(`
data "atlasmini_stream_account_details" %q {
  project_id     = %q
  cloud_provider = %q
  region         = %q
}
`, label, atlasmock.DemoProjectID, provider, region)
}

// TestAccStreamAccountDetails_everyProviderAndRegionForm reads the account
// details of each provider, with the region in each form people write:
// the same region gives the same answer whatever its form, each provider
// fills its own members and leaves the others null, a wrong region is
// refused at plan time with a suggestion, and the example applies as it
// is.
func TestAccStreamAccountDetails_everyProviderAndRegionForm(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := providerBlock(srv) + details("stream", "AWS", "VIRGINIA_USA") + details("cloud", "aws", "us-east-1") + details("cluster", "AWS", "US_EAST_1") +
		details("azure", "AZURE", "East US 2") + details("gcp", "GCP", "us-central1")
	const d = "data.atlasmini_stream_account_details."
	same := func(a, b, attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(d+a, tfjsonpath.New(attr), d+b, tfjsonpath.New(attr), compare.ValuesSame())
	}
	notNull := knownvalue.StringRegexp(regexp.MustCompile(".+"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(d+"stream", tfjsonpath.New("region_name"), knownvalue.StringExact("US_EAST_1")),
					statecheck.ExpectKnownValue(d+"stream", tfjsonpath.New("aws_account_id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9]{12}$`))),
					statecheck.ExpectKnownValue(d+"stream", tfjsonpath.New("vpc_id"), knownvalue.StringRegexp(regexp.MustCompile(`^vpc-`))),
					statecheck.ExpectKnownValue(d+"stream", tfjsonpath.New("gcp_project_id"), knownvalue.Null()),
					same("stream", "cloud", "vpc_id"), same("stream", "cluster", "vpc_id"), same("stream", "cluster", "cidr_block"),
					statecheck.ExpectKnownValue(d+"azure", tfjsonpath.New("region_name"), knownvalue.StringExact("US_EAST_2")),
					statecheck.ExpectKnownValue(d+"azure", tfjsonpath.New("virtual_network_name"), notNull),
					statecheck.ExpectKnownValue(d+"azure", tfjsonpath.New("aws_account_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(d+"gcp", tfjsonpath.New("region_name"), knownvalue.StringExact("CENTRAL_US")),
					statecheck.ExpectKnownValue(d+"gcp", tfjsonpath.New("vpc_network_name"), notNull),
					statecheck.ExpectKnownValue(d+"gcp", tfjsonpath.New("cidr_block"), notNull),
				},
			},
			{
				Config: providerBlock(srv) + details("bad", "AWS", "VIRGINA_USA"), PlanOnly: true,
				ExpectError: acctest.Says(`"VIRGINA_USA" is not a stream processing region of AWS`, `Did you mean "VIRGINIA_USA"?`),
			},
			{
				Config: providerBlock(srv) + details("bad", "GCP", "eastus"), PlanOnly: true,
				ExpectError: acctest.Says(`"eastus" is not a stream processing region of GCP`, `eastus is an AZURE region.`),
			},
			{
				Config: providerBlock(srv) + details("bad", "ORACLE", "x"), PlanOnly: true,
				ExpectError: acctest.Says(`cloud_provider value must be one of`),
			},
			{
				Config: providerBlock(srv) + acctest.Example(t, "data-sources/atlasmini_stream_account_details/data-source.tf"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("atlas_vpc", knownvalue.StringRegexp(regexp.MustCompile(`^vpc-`))),
				},
			},
		},
	})
}
