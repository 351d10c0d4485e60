package streamprivatelink_test

import (
	"fmt"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccPrivateLinkDataSources_agreeWithTheResource reads an endpoint
// with both data sources: every attribute says what the resource says.
func TestAccPrivateLinkDataSources_agreeWithTheResource(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := endpointConfig(srv, `  provider_name = "AWS"
  vendor        = "MSK"
  arn           = "`+mskARN+`"`) + `
data "atlasmini_stream_privatelink_endpoint" "one" {
  project_id = atlasmini_stream_privatelink_endpoint.test.project_id
  id         = atlasmini_stream_privatelink_endpoint.test.id
}

data "atlasmini_stream_privatelink_endpoints" "all" {
  project_id = atlasmini_stream_privatelink_endpoint.test.project_id
  depends_on = [atlasmini_stream_privatelink_endpoint.test]
}
`
	var checks []statecheck.StateCheck
	for _, a := range []string{"id", "project_id", "provider_name", "vendor", "region", "arn", "service_endpoint_id", "dns_domain", "dns_sub_domain",
		"authentication_scheme", "state", "error_message", "interface_endpoint_id", "interface_endpoint_name", "provider_account_id"} {
		checks = append(checks,
			statecheck.CompareValuePairs(addr, tfjsonpath.New(a), "data.atlasmini_stream_privatelink_endpoint.one", tfjsonpath.New(a), compare.ValuesSame()),
			statecheck.CompareValuePairs(addr, tfjsonpath.New(a), "data.atlasmini_stream_privatelink_endpoints.all", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey(a), compare.ValuesSame()),
		)
	}
	checks = append(checks, statecheck.ExpectKnownValue("data.atlasmini_stream_privatelink_endpoints.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(1)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: checks},
			{
				Config: providerBlock(srv) + `
data "atlasmini_stream_privatelink_endpoint" "missing" {
  project_id = "` + projectID + `"
  id         = "0123456789abcdef01234567"
}`,
				ExpectError: says(`Private Link endpoint 0123456789abcdef01234567 was not found in project`, `data "atlasmini_stream_privatelink_endpoints" lists`),
			},
		},
	})
}

// TestAccPrivateLinkList_filtersAndImports finds the project's endpoints
// with terraform query (Terraform 1.14+), filtered by provider and vendor,
// with identity, display name and the resource.
func TestAccPrivateLinkList_filtersAndImports(t *testing.T) {
	srv := atlasmock.NewServer(t)
	var ids []string
	for _, body := range []string{
		`{"provider":"AWS","vendor":"KINESIS","region":"us-east-1"}`,
		`{"provider":"AWS","vendor":"MSK","arn":"` + mskARN + `"}`,
		`{"provider":"GCP","vendor":"PUBSUB","region":"us-central1"}`,
	} {
		l, err := srv.SeedPrivateLink(projectID, body)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ID)
	}
	step := func(filters, args string, checks ...querycheck.QueryResultCheck) resource.TestStep {
		return resource.TestStep{Query: true, QueryResultChecks: checks, Config: providerBlock(srv) + fmt.Sprintf(`
list "atlasmini_stream_privatelink_endpoint" "found" {
  provider = atlasmini
%s
  config {
    project_id = %q
%s
  }
}
`, args, projectID, filters)}
	}
	const found = "atlasmini_stream_privatelink_endpoint.found"
	identityOf := func(id string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"project_id": knownvalue.StringExact(projectID), "id": knownvalue.StringExact(id)}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			step("", "",
				querycheck.ExpectLength(found, 3),
				querycheck.ExpectIdentity(found, identityOf(ids[0])),
				querycheck.ExpectResourceDisplayName(found, queryfilter.ByResourceIdentity(identityOf(ids[1])), knownvalue.StringExact("AWS MSK "+mskARN+" (DONE)")),
			),
			step(`    provider_name = "AWS"`, "", querycheck.ExpectLength(found, 2)),
			step(`    vendor = "PUBSUB"`, "  include_resource = true",
				querycheck.ExpectLength(found, 1),
				querycheck.ExpectResourceKnownValues(found, queryfilter.ByResourceIdentity(identityOf(ids[2])), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("region"), KnownValue: knownvalue.StringExact("us-central1")},
					{Path: tfjsonpath.New("state"), KnownValue: knownvalue.StringExact("DONE")},
				}),
			),
		},
	})
}
