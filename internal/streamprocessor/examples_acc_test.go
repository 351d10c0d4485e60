package streamprocessor_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// example reads a file under examples/.
func example(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAccExamples_completePipeline applies the documented pipeline as it
// is: instance, Cluster connection and a started processor with a DLQ;
// then edits the pipeline while it runs (stop, modify, start, in that
// order in the mock's request log), stops it, starts it, reads it with the
// data sources, adopts it with the import example, and destroys it all,
// with an empty plan after each step.
func TestAccExamples_completePipeline(t *testing.T) {
	srv, rl := newServer(t)
	const ex = "atlasmini_stream_processor.solar"
	resources := providerBlock(t, srv) + example(t, "resources/atlasmini_stream_processor/resource.tf")
	vars := func(minWatts int, state string) config.Variables {
		return config.Variables{"min_watts": config.IntegerVariable(minWatts), "processor_state": config.StringVariable(state)}
	}
	storedIn := func(name, state string) statecheck.StateCheck {
		return statecheck.ExpectKnownOutputValue("processor_state", knownvalue.StringFunc(func(got string) error {
			for _, p := range srv.Processors(projectID, "solar") {
				if p.Name == name {
					if got != state || p.State != state {
						return fmt.Errorf("output %s, mock %s, want %s", got, p.State, state)
					}
					return nil
				}
			}
			return fmt.Errorf("no processor %q in the mock", name)
		}))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy: func(*terraform.State) error {
			if left := srv.Processors(projectID, "solar"); len(left) > 0 {
				return fmt.Errorf("%d processors left on the example's instance", len(left))
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() { rl.calls("") },
				Config:    resources, ConfigVariables: vars(5, "STARTED"),
				ConfigStateChecks: []statecheck.StateCheck{
					storedIn("solar-to-cluster", "STARTED"),
					statecheck.ExpectKnownOutputValue("processor_input_messages", knownvalue.Int64Exact(0)),
					calledInOrderAt(ex, rl, "POST processor", "POST solar-to-cluster:startWith"),
				},
			},
			{
				Config: resources, ConfigVariables: vars(10, "STARTED"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ex, plancheck.ResourceActionUpdate)}},
				ConfigStateChecks: []statecheck.StateCheck{
					storedIn("solar-to-cluster", "STARTED"),
					calledInOrderAt(ex, rl, "POST solar-to-cluster:stop", "PATCH solar-to-cluster", "POST solar-to-cluster:startWith"),
				},
			},
			{
				Config: resources, ConfigVariables: vars(10, "STOPPED"),
				ConfigStateChecks: []statecheck.StateCheck{storedIn("solar-to-cluster", "STOPPED"), calledInOrderAt(ex, rl, "POST solar-to-cluster:stop")},
			},
			{
				Config: resources, ConfigVariables: vars(10, "STARTED"),
				ConfigStateChecks: []statecheck.StateCheck{storedIn("solar-to-cluster", "STARTED"), calledInOrderAt(ex, rl, "POST solar-to-cluster:startWith")},
			},
			{
				Config:          resources + example(t, "data-sources/atlasmini_stream_processor/data-source.tf") + example(t, "data-sources/atlasmini_stream_processors/data-source.tf"),
				ConfigVariables: vars(10, "STARTED"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("solar_state", knownvalue.StringExact("STARTED")),
					// Two starts from the checkpoint (after the modify, after the
					// stop) count on; the output shows what the mock counts.
					statecheck.ExpectKnownOutputValue("solar_output_messages", knownvalue.Int64Func(func(v int64) error {
						for _, p := range srv.Processors(projectID, "solar") {
							if p.Name == "solar-to-cluster" && p.Messages == v && v > 0 {
								return nil
							}
						}
						return fmt.Errorf("output %d is not the mock's count of processed messages (%+v)", v, srv.Processors(projectID, "solar"))
					})),
					statecheck.ExpectKnownOutputValue("not_running", knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
			{
				Config: resources + example(t, "resources/atlasmini_stream_processor/import-by-string-id.tf"), ConfigVariables: vars(10, "STARTED"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(ex, plancheck.ResourceActionNoop)}},
			},
		},
	})
}

// TestAccExamples_heredocPipeline applies the heredoc example, whose key
// order matters, and checks that Atlas holds the keys in that order.
func TestAccExamples_heredocPipeline(t *testing.T) {
	srv, _ := newServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{{
			Config: providerBlock(t, srv) + example(t, "resources/atlasmini_stream_processor/heredoc.tf"),
			Check: func(*terraform.State) error {
				p, ok := stored(srv, "latest-first")
				if !ok || !strings.Contains(string(p.Pipeline), `"$sort":{"timestamp":-1,"device_id":1}`) {
					return fmt.Errorf("the mock holds %s", p.Pipeline)
				}
				return nil
			},
		}},
	})
}

// TestAccExamples_processorImportByIdentity plans the identity import
// example (Terraform 1.12+) against the processor the pipeline example
// made: nothing to change.
func TestAccExamples_processorImportByIdentity(t *testing.T) {
	srv, _ := newServer(t)
	resources := providerBlock(t, srv) + example(t, "resources/atlasmini_stream_processor/resource.tf")
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsIdentity,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: resources},
			{
				Config: resources + example(t, "resources/atlasmini_stream_processor/import-with-identity.tf"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("atlasmini_stream_processor.solar", plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// TestAccExamples_processorListQuery runs the list resource example
// (Terraform 1.14+) on an instance with a running and a failed processor.
func TestAccExamples_processorListQuery(t *testing.T) {
	srv, _ := newServer(t)
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: "solar", CloudProvider: "AWS", Region: "VIRGINIA_USA", Solar: true}); err != nil {
		t.Fatal(err)
	}
	c := ownerClient(t, srv)
	for _, name := range []string{"running", "broken"} {
		outsideTerraform(t, c, "solar", name, "")
		state := map[string]string{"running": "STARTED", "broken": "FAILED"}[name]
		if err := srv.SetProcessorState(projectID, "solar", name, state); err != nil {
			t.Fatal(err)
		}
	}
	inSolar := func(name string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"project_id": knownvalue.StringExact(projectID), "instance_name": knownvalue.StringExact("solar"), "name": knownvalue.StringExact(name)}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   needsQuery,
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Query:  true,
			Config: providerBlock(t, srv) + example(t, "list-resources/atlasmini_stream_processor/list-resource.tfquery.hcl"),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength("atlasmini_stream_processor.all", 2),
				querycheck.ExpectLength("atlasmini_stream_processor.failed", 1),
				querycheck.ExpectIdentity("atlasmini_stream_processor.failed", inSolar("broken")),
			},
		}},
	})
}

// TestAccExamples_replaceWithDependents applies the instance example whose
// connection and processor carry replace_triggered_by, then changes
// sample_connections, which replaces the instance: one apply replaces the
// connection and the processor with it, and ends with all three in Atlas,
// the processor running on the new instance.
func TestAccExamples_replaceWithDependents(t *testing.T) {
	srv, _ := newServer(t)
	cfg := providerBlock(t, srv) + example(t, "resources/atlasmini_stream_instance/replace-with-dependents.tf")
	const (
		inst = "atlasmini_stream_instance.events"
		conn = "atlasmini_stream_connection.archive"
		proc = "atlasmini_stream_processor.archiver"
	)
	ids := statecheck.CompareValue(compare.ValuesDiffer())
	present := func(*terraform.State) error {
		var names []string
		for _, c := range srv.Connections(projectID, "events") {
			names = append(names, c.Name)
		}
		procs := srv.Processors(projectID, "events")
		if !slices.Contains(names, "archive") || len(procs) != 1 || procs[0].Name != "archiver" || procs[0].State != "STARTED" {
			return fmt.Errorf("the mock holds the connections %v and the processors %v", names, procs)
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy: func(*terraform.State) error {
			for _, in := range srv.Instances(projectID) {
				if in.Name == "events" {
					return fmt.Errorf("the example's instance is left in the mock")
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{ids.AddStateValue(inst, tfjsonpath.New("id"))},
				Check:             present,
			},
			{
				Config:          cfg,
				ConfigVariables: config.Variables{"with_sample": config.BoolVariable(true)},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(inst, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction(conn, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectResourceAction(proc, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					ids.AddStateValue(inst, tfjsonpath.New("id")),
					statecheck.ExpectKnownValue(inst, tfjsonpath.New("sample_connections").AtMapKey("solar"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(proc, tfjsonpath.New("state"), knownvalue.StringExact("STARTED")),
				},
				Check: present,
			},
		},
	})
}
