package streamprocessor_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccStreamProcessorDataSources_agreeWithTheResource reads a started
// processor with both data sources: every attribute says what the
// resource says, and the statistics are a JSON object.
func TestAccStreamProcessorDataSources_agreeWithTheResource(t *testing.T) {
	srv, _ := newServer(t)
	outsideTerraform(t, ownerClient(t, srv), instance, "before", "")
	cfg := processorConfig(t, srv, "watched", jsonPipeline(2), dlq+"\n  state = \"STARTED\"\n  tier = \"SP10\"") + `
data "atlasmini_stream_processor" "one" {
  project_id    = atlasmini_stream_processor.test.project_id
  instance_name = atlasmini_stream_processor.test.instance_name
  name          = atlasmini_stream_processor.test.name
}

data "atlasmini_stream_processors" "all" {
  project_id    = atlasmini_stream_processor.test.project_id
  instance_name = atlasmini_stream_processor.test.instance_name
}

output "events_in" {
  value = jsondecode(data.atlasmini_stream_processor.one.stats).inputMessageCount
}
`
	var checks []statecheck.StateCheck
	for _, a := range []string{"id", "project_id", "instance_name", "name", "pipeline", "state", "tier", "options", "failover_enabled"} {
		checks = append(checks,
			statecheck.CompareValuePairs(addr, tfjsonpath.New(a), "data.atlasmini_stream_processor.one", tfjsonpath.New(a), compare.ValuesSame()),
			statecheck.CompareValuePairs(addr, tfjsonpath.New(a), "data.atlasmini_stream_processors.all", tfjsonpath.New("results").AtSliceIndex(1).AtMapKey(a), compare.ValuesSame()),
		)
	}
	isStats := knownvalue.StringFunc(func(s string) error {
		var v map[string]any
		if err := json.Unmarshal([]byte(s), &v); err != nil || v["inputMessageCount"] == nil {
			return fmt.Errorf("stats %q are not Atlas's statistics object: %w", s, err)
		}
		return nil
	})
	checks = append(checks,
		statecheck.ExpectKnownValue("data.atlasmini_stream_processors.all", tfjsonpath.New("total_count"), knownvalue.Int64Exact(2)),
		statecheck.ExpectKnownValue("data.atlasmini_stream_processors.all", tfjsonpath.New("results").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"name": knownvalue.StringExact("before"), "state": knownvalue.StringExact("CREATED"), "stats": knownvalue.Null(), "options": knownvalue.Null(),
		})),
		statecheck.ExpectKnownValue("data.atlasmini_stream_processor.one", tfjsonpath.New("stats"), isStats),
		statecheck.ExpectKnownValue("data.atlasmini_stream_processor.one", tfjsonpath.New("pipeline"), knownvalue.StringExact(
			`[{"$source":{"connectionName":"sample_stream_solar"}},{"$match":{"obs.watts":{"$gt":2}}},{"$merge":{"into":{"coll":"readings","connectionName":"warehouse","db":"solar"}}}]`)),
		statecheck.ExpectKnownOutputValue("events_in", knownvalue.NotNull()),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}

// TestAccStreamProcessorDataSource_missingSaysWhereItLooked names the
// processor, the instance and the project, and where to list them.
func TestAccStreamProcessorDataSource_missingSaysWhereItLooked(t *testing.T) {
	srv, _ := newServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: providerBlock(t, srv) + fmt.Sprintf(`
data "atlasmini_stream_processor" "one" {
  project_id    = %q
  instance_name = %q
  name          = "nobody"
}
`, projectID, instance),
			ExpectError: says("Error Reading Stream Processor", fmt.Sprintf(`Processor "nobody" was not found in stream instance %q of project %s.`, instance, projectID),
				`data "atlasmini_stream_processors" lists the instance's processors`, "Atlas API status: 404"),
		}},
	})
}

// TestAccStreamProcessorsDataSource_followsPagesInOrder lists 501
// processors: two pages (500, 1), in creation order.
func TestAccStreamProcessorsDataSource_followsPagesInOrder(t *testing.T) {
	srv, _ := newServer(t)
	c := ownerClient(t, srv)
	const n = 501
	for i := range n {
		outsideTerraform(t, c, instance, fmt.Sprintf("p%03d", i), "")
	}
	all := "data.atlasmini_stream_processors.all"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: providerBlock(t, srv) + fmt.Sprintf("data \"atlasmini_stream_processors\" \"all\" {\n  project_id    = %q\n  instance_name = %q\n}\n", projectID, instance),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("total_count"), knownvalue.Int64Exact(n)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("results"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("p000")),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("results").AtSliceIndex(n-1).AtMapKey("name"), knownvalue.StringExact(fmt.Sprintf("p%03d", n-1))),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("results").AtSliceIndex(n-1).AtMapKey("state"), knownvalue.StringExact("CREATED")),
			},
		}},
	})
}
