package streaminstance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// needsQuery skips a test on Terraform before 1.14, which has no
// terraform query, and on OpenTofu, which has none in any version.
var needsQuery = acctest.NeedsQuery

const listAddr = "atlasmini_stream_instance.found"

// seedProject fills the mock with a small project of instances in
// several clouds and regions.
func seedProject(t *testing.T, srv *atlasmock.Server) {
	t.Helper()
	if err := srv.Seed(
		atlasmock.Instance{GroupID: projectID, Name: "ingest-a", CloudProvider: "AWS", Region: "VIRGINIA_USA", Tier: "SP10"},
		atlasmock.Instance{GroupID: projectID, Name: "ingest-b", CloudProvider: "AWS", Region: "OREGON_USA", Tier: "SP30", MaxTierSize: "SP50",
			FailoverRegions: []atlasmock.Region{{CloudProvider: "AWS", Region: "OHIO_USA"}}},
		atlasmock.Instance{GroupID: projectID, Name: "etl", CloudProvider: "GCP", Region: "US_EAST4", Tier: "SP5"},
		atlasmock.Instance{GroupID: projectID, Name: "reports", CloudProvider: "AZURE", Region: "eastus2", Tier: "SP2"},
	); err != nil {
		t.Fatal(err)
	}
}

// listQuery is a provider block and one list block with the given
// config body and block arguments.
func listQuery(provider, config, args string) string {
	return provider + fmt.Sprintf(`
list "atlasmini_stream_instance" "found" {
  provider = atlasmini
%s
  config {
    project_id = %q
%s
  }
}
`, args, projectID, config)
}

func queryStep(srv *atlasmock.Server, config, args string, checks ...querycheck.QueryResultCheck) resource.TestStep {
	return resource.TestStep{Query: true, Config: listQuery(ownerProvider(srv), config, args), QueryResultChecks: checks}
}

// named checks that the results are exactly the named instances.
func named(names ...string) []querycheck.QueryResultCheck {
	checks := []querycheck.QueryResultCheck{querycheck.ExpectLength(listAddr, len(names))}
	for _, n := range names {
		checks = append(checks, querycheck.ExpectIdentity(listAddr, identityOf(n)))
	}
	return checks
}

func TestAccStreamInstanceList_everyInstanceWithIdentityAndName(t *testing.T) {
	srv := atlasmock.NewServer(t)
	seedProject(t, srv)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			queryStep(srv, "", "", append(named("ingest-a", "ingest-b", "etl", "reports"),
				querycheck.ExpectResourceDisplayName(listAddr, queryfilter.ByResourceIdentity(identityOf("ingest-b")), knownvalue.StringExact("ingest-b (AWS OREGON_USA, SP30)")),
				querycheck.ExpectResourceDisplayName(listAddr, queryfilter.ByResourceIdentity(identityOf("reports")), knownvalue.StringExact("reports (AZURE eastus2, SP2)")),
			)...),
		},
	})
}

func TestAccStreamInstanceList_includeResourceAsReadWritesIt(t *testing.T) {
	srv := atlasmock.NewServer(t)
	seedProject(t, srv)
	id := func(name string) string {
		for _, in := range srv.Instances(projectID) {
			if in.Name == name {
				return in.ID
			}
		}
		t.Fatalf("no %s", name)
		return ""
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			queryStep(srv, `    name_prefix = "ingest-b"`, "  include_resource = true",
				querycheck.ExpectLength(listAddr, 1),
				querycheck.ExpectResourceKnownValues(listAddr, queryfilter.ByResourceIdentity(identityOf("ingest-b")), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(id("ingest-b"))},
					{Path: tfjsonpath.New("project_id"), KnownValue: knownvalue.StringExact(projectID)},
					{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("ingest-b")},
					{Path: tfjsonpath.New("data_process_region"), KnownValue: knownvalue.ObjectExact(map[string]knownvalue.Check{
						"cloud_provider": knownvalue.StringExact("AWS"), "region": knownvalue.StringExact("OREGON_USA"),
					})},
					{Path: tfjsonpath.New("failover_regions"), KnownValue: knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"cloud_provider": knownvalue.StringExact("AWS"), "region": knownvalue.StringExact("OHIO_USA"),
					})})},
					{Path: tfjsonpath.New("stream_config"), KnownValue: knownvalue.ObjectExact(map[string]knownvalue.Check{
						"tier": knownvalue.StringExact("SP30"), "max_tier_size": knownvalue.StringExact("SP50"),
					})},
					{Path: tfjsonpath.New("sample_connections"), KnownValue: knownvalue.Null()},
					{Path: tfjsonpath.New("hostnames"), KnownValue: knownvalue.ListSizeExact(1)},
					{Path: tfjsonpath.New("connections"), KnownValue: knownvalue.ListExact([]knownvalue.Check{})},
					{Path: tfjsonpath.New("timeouts"), KnownValue: knownvalue.Null()},
				}),
			),
		},
	})
}

func TestAccStreamInstanceList_filters(t *testing.T) {
	srv := atlasmock.NewServer(t)
	seedProject(t, srv)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			queryStep(srv, `    cloud_provider = "AWS"`, "", named("ingest-a", "ingest-b")...),
			queryStep(srv, `    region = "US_EAST4"`, "", named("etl")...),
			queryStep(srv, `    name_prefix = "ingest-"`, "", named("ingest-a", "ingest-b")...),
			queryStep(srv, "    cloud_provider = \"AWS\"\n    region = \"OREGON_USA\"\n    name_prefix = \"ingest\"", "", named("ingest-b")...),
			queryStep(srv, `    name_prefix = "nothing-like-it"`, "", named()...),
		},
	})
}

func TestAccStreamInstanceList_limitStopsTheReading(t *testing.T) {
	srv := atlasmock.NewServer(t)
	var seeds []atlasmock.Instance
	for i := range 1200 {
		seeds = append(seeds, atlasmock.Instance{GroupID: projectID, Name: fmt.Sprintf("many-%04d", i), CloudProvider: "AWS", Region: "LONDON_GBR"})
	}
	if err := srv.Seed(seeds...); err != nil {
		t.Fatal(err)
	}
	const pages = "GET /api/atlas/v2/groups/{groupId}/streams"
	step := func(limit string, want int, wantPages int64) resource.TestStep {
		s := queryStep(srv, "", limit, querycheck.ExpectLength(listAddr, want),
			querycheck.ExpectIdentity(listAddr, identityOf("many-0000")))
		s.PreConfig = srv.ResetCounts
		s.PostApplyFunc = func() {
			if got := srv.Counts()[pages]; got != wantPages {
				t.Errorf("limit %q: %d pages read, want %d", limit, got, wantPages)
			}
		}
		return s
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			step("  limit = 3", 3, 1),
			// Across pages of 500: the third page is never read.
			step("  limit = 600", 600, 2),
			step("  limit = 5000", 1200, 3),
		},
	})
}

func TestAccStreamInstanceList_emptyProjectAndReadOnlyKey(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			queryStep(srv, "", "", querycheck.ExpectLength(listAddr, 0)),
			{
				PreConfig: func() { seedProject(t, srv) },
				Query:     true,
				Config:    listQuery(apiKeyProvider(srv, atlasmock.ReaderPublicKey, atlasmock.ReaderPrivateKey), "", ""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(listAddr, 4),
					querycheck.ExpectIdentity(listAddr, identityOf("etl")),
				},
			},
		},
	})
}

func TestAccStreamInstanceList_errorsAreDiagnostics(t *testing.T) {
	srv := atlasmock.NewServer(t)
	failing := atlasmock.NewServer(t, atlasmock.Options{FailRate: 1, FailCodes: []int{500}})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{
				Query:       true,
				Config:      listQuery(apiKeyProvider(srv, atlasmock.OwnerPublicKey, "wrong"), "", ""),
				ExpectError: says("Error Listing Stream Instances", "Could not list the stream instances of project "+projectID, "Atlas API status: 401"),
			},
			{
				Query: true,
				Config: listQuery(ownerProvider(srv), "", "") + `
list "atlasmini_stream_instance" "elsewhere" {
  provider = atlasmini
  config {
    project_id = "0123456789abcdef01234567"
  }
}`,
				ExpectError: says("Error Listing Stream Instances", "Atlas API status: 404", "GROUP_NOT_FOUND"),
			},
			{
				Query: true,
				Config: listQuery(fmt.Sprintf(`
provider "atlasmini" {
  base_url    = %q
  public_key  = %q
  private_key = %q
  max_retries = 1
}
`, failing.URL, atlasmock.OwnerPublicKey, atlasmock.OwnerPrivateKey), "", ""),
				ExpectError: says("Error Listing Stream Instances", "Atlas API status: 500"),
			},
			{
				Query:       true,
				Config:      listQuery(ownerProvider(srv), `    region = "us-east-1"`, ""),
				ExpectError: regexp.MustCompile(`(?s)Invalid Region.*region "us-east-1" is not a stream processing region.*Did you mean "VIRGINIA_USA"\?`),
			},
		},
	})
}
