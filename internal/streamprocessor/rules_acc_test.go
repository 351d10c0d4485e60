package streamprocessor_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccStreamProcessor_validatorsFailAtPlan checks each bad
// configuration before any processor request.
func TestAccStreamProcessor_validatorsFailAtPlan(t *testing.T) {
	srv, _ := newServer(t)
	ok := jsonPipeline(1)
	for _, tc := range []struct {
		name, pipeline, extra string
		want                  *regexp.Regexp
	}{
		{"not JSON", `"[{"`, "", says("Invalid Pipeline", "pipeline must be a JSON array of stages")},
		{"not an array", `jsonencode({ "$source" = {} })`, "", says("Invalid Pipeline", "pipeline must be a JSON array of stages")},
		{"empty", `"[]"`, "", says("Invalid Pipeline", "pipeline is an empty array")},
		{"two keys in a stage", `jsonencode([{ "$source" = {}, "$match" = {} }, { "$emit" = {} }])`, "", says("stage 0 must be an object with exactly one key")},
		{"a key without $", `jsonencode([{ "$source" = {} }, { match = {} }, { "$emit" = {} }])`, "", says(`stage 1 key "match" is not a stage name`)},
		{"first not $source", `jsonencode([{ "$match" = {} }, { "$emit" = {} }])`, "", says("pipeline must start with a $source stage, not $match")},
		{"last not a sink", `jsonencode([{ "$source" = {} }, { "$match" = {} }])`, "", says("pipeline must end with a sink stage, $emit or $merge, not $match")},
		{"state", ok, `  state = "RUNNING"`, says(`Attribute state value must be one of: ["CREATED" "STARTED" "STOPPED"], got: "RUNNING"`)},
		{"tier", ok, `  tier = "SP7"`, says(`Attribute tier value must be one of: ["SP2" "SP5" "SP10" "SP30" "SP50"], got: "SP7"`)},
		{"incomplete dlq", ok, `  options = { dlq = { connection_name = "warehouse" } }`, says(`Inappropriate value for attribute "options"`, `"coll" and "db" are required`)},
		{"created stopped", ok, `  state = "STOPPED"`, says("Processor Cannot Be Created Stopped", "A new processor is CREATED, and only a started processor can be STOPPED.")},
		{"name", ok, "", says("Attribute name must be 1 to 64 letters, digits, underscores, hyphens and dots, got: a b")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := "p"
			if tc.name == "name" {
				name = "a b"
			}
			srv.ResetCounts()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps:                    []resource.TestStep{{Config: processorConfig(t, srv, name, tc.pipeline, tc.extra), PlanOnly: true, ExpectError: tc.want}},
			})
			for k, n := range srv.Counts() {
				if strings.Contains(k, "/processor") && n > 0 {
					t.Errorf("the refused plan sent %s (%d)", k, n)
				}
			}
		})
	}
}

// TestAccStreamProcessor_neverBackToCreated refuses at plan, with the
// reason, to bring a processor that ran back to CREATED.
func TestAccStreamProcessor_neverBackToCreated(t *testing.T) {
	srv, _ := newServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: processorConfig(t, srv, "ran", jsonPipeline(1), `  state = "STARTED"`)},
			{Config: processorConfig(t, srv, "ran", jsonPipeline(1), `  state = "STOPPED"`)},
			{
				Config:      processorConfig(t, srv, "ran", jsonPipeline(1), ""),
				ExpectError: says("Processor Cannot Return To CREATED", `Processor "ran" is STOPPED in Atlas: once a processor has run it never returns to CREATED.`),
			},
		},
	})
}

// TestAccStreamProcessor_apiErrorsLandOnTheirAttribute sends what only
// Atlas can refuse: an unknown connection (on pipeline), a tier above the
// instance's max tier size (on tier), a DLQ that is not a Cluster
// connection (on options.dlq.connection_name), each with the API's words.
// Terraform 1.11 shows the last at the resource block: the path itself is
// checked by TestAPIErrorsLandOnTheirAttribute.
func TestAccStreamProcessor_apiErrorsLandOnTheirAttribute(t *testing.T) {
	srv, _ := newServer(t)
	for _, tc := range []struct {
		name, pipeline, extra string
		want                  *regexp.Regexp
	}{
		{"unknown connection", `jsonencode([{ "$source" = { connectionName = "nowhere" } }, { "$emit" = { connectionName = "__testLog" } }])`, "",
			says(`with atlasmini_stream_processor.test`, `on terraform_plugin_test.tf`, "pipeline", "The Atlas API refused it: Streams Processor with this name (p) had a problem occur: connection named nowhere does not exist.")},
		{"tier above the max", jsonPipeline(1), `  tier = "SP50"`,
			says("tier", "The Atlas API rejected tier: tier SP50 is above the instance's streamConfig.maxTierSize SP30")},
		{"dlq not a cluster", jsonPipeline(1), `  options = { dlq = { connection_name = "hook", db = "d", coll = "c" } }`,
			says("The Atlas API refused it:", "the DLQ connection hook must be an Atlas connection (type Cluster), not Https")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps:                    []resource.TestStep{{Config: processorConfig(t, srv, "p", tc.pipeline, tc.extra), ExpectError: tc.want}},
			})
		})
	}
}

// TestAccStreamProcessor_failedIsStartedAgain: a processor Atlas reports
// FAILED shows as a difference, with a warning, and the apply starts it.
// One that fails as it starts fails the create and stays in state.
func TestAccStreamProcessor_failedIsStartedAgain(t *testing.T) {
	srv, rl := newServer(t, atlasmock.Options{FailProcessors: []string{"doomed"}})
	cfg := processorConfig(t, srv, "flaky", jsonPipeline(1), `  state = "STARTED"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					if err := srv.SetProcessorState(projectID, instance, "flaky", "FAILED"); err != nil {
						t.Fatal(err)
					}
					rl.calls("")
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("STARTED")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{storedState(srv, "flaky", "STARTED"), calledInOrder(rl, "POST flaky:start")},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config:      cfg + strings.Replace(processorBlock("doomed", jsonPipeline(1), `  state = "STARTED"`), `"test"`, `"doomed"`, 1),
				ExpectError: says("Error Creating Stream Processor", `The processor "doomed" of stream instance "ingest" in project`, "was created but did not reach STARTED. It is saved in state as Atlas reports it.", "Atlas reports the processor FAILED"),
			},
		},
	})
	if _, ok := stored(srv, "doomed"); ok {
		t.Error("the tainted processor was not destroyed at the end")
	}
}

// TestAccStreamProcessor_driftIsPutBack changes the pipeline, the tier,
// the DLQ and the state behind Terraform's back: the plan shows the
// differences and the apply puts them back.
func TestAccStreamProcessor_driftIsPutBack(t *testing.T) {
	srv, _ := newServer(t)
	cfg := processorConfig(t, srv, "steady", jsonPipeline(5), dlq+"\n  state = \"STARTED\"\n  tier = \"SP10\"")
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					must := func(err error) {
						if err != nil {
							t.Fatal(err)
						}
					}
					must(c.StopStreamProcessor(ctx, projectID, instance, "steady"))
					_, err := c.UpdateStreamProcessor(ctx, projectID, instance, "steady", atlas.StreamProcessor{
						Pipeline: []byte(`[{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"__testLog"}}]`),
						Tier:     "SP5", Options: &atlas.ProcessorOptions{DLQ: &atlas.DLQ{}},
					})
					must(err)
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("tier"), knownvalue.StringExact("SP10")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
					p, _ := stored(srv, "steady")
					if p.State != "STARTED" || p.Tier != "SP10" || p.DLQ == nil || !strings.Contains(string(p.Pipeline), `"$gt":5`) {
						return fmt.Errorf("the mock holds %+v %s", p, p.Pipeline)
					}
					return nil
				}))},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamProcessor_renameInPlace renames a processor: one modify,
// the same id, the old name gone.
func TestAccStreamProcessor_renameInPlace(t *testing.T) {
	srv, rl := newServer(t)
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: processorConfig(t, srv, "before", jsonPipeline(1), `  state = "STARTED"`), ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(addr, tfjsonpath.New("id"))}},
			{
				PreConfig: func() { rl.calls("") },
				Config:    processorConfig(t, srv, "after", jsonPipeline(1), `  state = "STARTED"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					storedState(srv, "after", "STARTED"),
					calledInOrder(rl, "POST before:stop", "PATCH before", "POST after:start"),
				},
			},
		},
	})
}
