package streaminstance_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// tokenProvider authenticates with a bearer token, so every API call is
// exactly one request and the mock's counters count calls.
func tokenProvider(t *testing.T, srv *atlasmock.Server) string {
	return fmt.Sprintf(`
provider "atlasmini" {
  base_url     = %q
  access_token = %q
}
`, srv.URL, srv.AccessToken(t))
}

func TestAccStreamInstanceDataSources_agreeWithTheResource(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := instanceConfig(srv, "shared", `
  stream_config = {
    tier = "SP5"
  }
  sample_connections = {
    solar = true
  }`) + `
data "atlasmini_stream_instance" "one" {
  project_id = atlasmini_stream_instance.test.project_id
  name       = atlasmini_stream_instance.test.name
}

data "atlasmini_stream_instances" "all" {
  project_id = atlasmini_stream_instance.test.project_id
  depends_on = [atlasmini_stream_instance.test]
}
`
	var checks []statecheck.StateCheck
	for _, attr := range []string{"id", "project_id", "name", "data_process_region", "stream_config", "sample_connections", "hostnames", "connections"} {
		checks = append(checks,
			statecheck.CompareValuePairs(addr, tfjsonpath.New(attr), "data.atlasmini_stream_instance.one", tfjsonpath.New(attr), compare.ValuesSame()),
			statecheck.CompareValuePairs(addr, tfjsonpath.New(attr), "data.atlasmini_stream_instances.all", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey(attr), compare.ValuesSame()),
		)
	}
	checks = append(checks,
		statecheck.ExpectKnownValue("data.atlasmini_stream_instances.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(1)),
		statecheck.ExpectKnownValue("data.atlasmini_stream_instance.one", tfjsonpath.New("connections"), knownvalue.ListSizeExact(1)),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}

func TestAccStreamInstancesDataSource_emptyProject(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: ownerProvider(srv) + `
data "atlasmini_stream_instances" "all" {
  project_id = "` + projectID + `"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.atlasmini_stream_instances.all", tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue("data.atlasmini_stream_instances.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}

func TestAccStreamInstancesDataSource_followsPagesInOrder(t *testing.T) {
	srv := atlasmock.NewServer(t)
	const n = 1200
	seed := make([]atlasmock.Instance, n)
	for i := range seed {
		// Created in reverse order, so sorting by name is observable.
		seed[i] = atlasmock.Instance{GroupID: projectID, Name: fmt.Sprintf("inst-%04d", n-1-i), CloudProvider: "AWS", Region: "OHIO_USA"}
	}
	if err := srv.Seed(seed...); err != nil {
		t.Fatal(err)
	}
	const list = "GET /api/atlas/v2/groups/{groupId}/streams"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			PreConfig: srv.ResetCounts,
			Config: tokenProvider(t, srv) + `
data "atlasmini_stream_instances" "all" {
  project_id = "` + projectID + `"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.atlasmini_stream_instances.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(n)),
				statecheck.ExpectKnownValue("data.atlasmini_stream_instances.all", tfjsonpath.New("results"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue("data.atlasmini_stream_instances.all", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("inst-0000")),
				statecheck.ExpectKnownValue("data.atlasmini_stream_instances.all", tfjsonpath.New("results").AtSliceIndex(n-1).AtMapKey("name"), knownvalue.StringExact("inst-1199")),
				// One read of the data source so far: three pages of 500.
				statecheck.ExpectKnownValue("data.atlasmini_stream_instances.all", tfjsonpath.New("total_count"), knownvalue.Int64Func(func(int64) error {
					if got := srv.Counts()[list]; got != 3 {
						return fmt.Errorf("%d list requests, want 3: %v", got, srv.Counts())
					}
					return nil
				})),
			},
		}},
	})
}

func TestAccStreamInstanceDataSource_missingInstance(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{
				Config: ownerProvider(srv) + `
data "atlasmini_stream_instance" "one" {
  project_id = "` + projectID + `"
  name       = "nowhere"
}`,
				ExpectError: errLike(`Stream instance "nowhere" was not found in project ` + projectID),
			},
			{
				Config: ownerProvider(srv) + `
data "atlasmini_stream_instances" "all" {
  project_id = "nope"
}`,
				ExpectError: regexp.MustCompile(`(?s)project_id.*24 lower-case\s+hexadecimal`),
			},
		},
	})
}
