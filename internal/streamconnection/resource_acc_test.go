package streamconnection_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccStreamConnection_clusterLifecycle creates a Cluster connection
// (one POST, no read: the answer is READY), plans nothing more, changes
// its role in place (one PATCH), imports it in both ID forms, and deletes
// it.
func TestAccStreamConnection_clusterLifecycle(t *testing.T) {
	srv := newServer(t)
	cfg := func(role string) string {
		return connectionConfig(t, srv, "warehouse", "Cluster", `  cluster = {
    cluster_name       = "Cluster0"
    db_role_to_execute = { role = "`+role+`", type = "BUILT_IN" }
  }`)
	}
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				PreConfig: srv.ResetCounts,
				Config:    cfg("atlasAdmin"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), cmpStored(srv, "warehouse")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("READY")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cluster"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"cluster_name": knownvalue.StringExact("Cluster0"), "cluster_project_id": knownvalue.Null(),
						"db_role_to_execute": knownvalue.ObjectExact(map[string]knownvalue.Check{"role": knownvalue.StringExact("atlasAdmin"), "type": knownvalue.StringExact("BUILT_IN")}),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("kafka"), knownvalue.Null()),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					requestsSince(srv, map[string]int64{connPost: 1, connGet: 0}),
				},
			},
			{Config: cfg("atlasAdmin"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				PreConfig: srv.ResetCounts,
				Config:    cfg("readWriteAnyDatabase"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					storedMember(srv, "warehouse", "dbRoleToExecute", `{"role":"readWriteAnyDatabase","type":"BUILT_IN"}`),
					requestsSince(srv, map[string]int64{connPatch: 1, connPost: 0, connDelete: 0}),
				},
			},
			{Config: cfg("readWriteAnyDatabase"), ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"}, ImportStateId: projectID + "/" + instance + "/warehouse"},
			{Config: cfg("readWriteAnyDatabase"), ResourceName: addr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"}, ImportStateId: instance + "-" + projectID + "-warehouse"},
		},
	})
}

// TestAccStreamConnection_driftIsPutBack changes a connection behind
// Terraform's back: the plan shows the difference and the apply puts the
// configuration back with one PATCH.
func TestAccStreamConnection_driftIsPutBack(t *testing.T) {
	srv := newServer(t)
	cfg := connectionConfig(t, srv, "hook", "Https", `  https = {
    url     = "https://hooks.example.net/in"
    headers = { Authorization = "Bearer abc" }
  }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					c, err := apiClient(t, srv).GetStreamConnection(context.Background(), projectID, instance, "hook")
					if err != nil {
						t.Fatal(err)
					}
					c.URL, c.Headers = "https://elsewhere.example.net", &map[string]string{}
					if _, err := apiClient(t, srv).UpdateStreamConnection(context.Background(), projectID, instance, "hook", *c); err != nil {
						t.Fatal(err)
					}
					srv.ResetCounts()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(addr, tfjsonpath.New("https").AtMapKey("url"), knownvalue.StringExact("https://hooks.example.net/in")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					storedMember(srv, "hook", "url", `"https://hooks.example.net/in"`),
					storedMember(srv, "hook", "headers", `{"Authorization":"Bearer abc"}`),
					requestsSince(srv, map[string]int64{connPatch: 1}),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamConnection_goneIsCreatedAgain deletes the connection behind
// Terraform's back: the refresh confirms it gone, and the plan creates it.
func TestAccStreamConnection_goneIsCreatedAgain(t *testing.T) {
	srv := newServer(t)
	cfg := connectionConfig(t, srv, "lambda", "AWSLambda", `  aws_lambda = { role_arn = "arn:aws:iam::123456789012:role/streams" }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					if err := apiClient(t, srv).DeleteStreamConnection(context.Background(), projectID, instance, "lambda"); err != nil {
						t.Fatal(err)
					}
				},
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), cmpStored(srv, "lambda")),
				},
			},
		},
	})
}

// TestAccStreamConnection_everyTypeApplies creates one connection of each
// type that has settings, with an empty plan after each.
func TestAccStreamConnection_everyTypeApplies(t *testing.T) {
	srv := newServer(t)
	for _, tc := range []struct{ name, typ, extra string }{
		{"s3", "S3", `  s3 = { role_arn = "arn:aws:iam::123456789012:role/s3", test_bucket = "probe" }`},
		{"kinesis", "AWSKinesisDataStreams", `  aws_kinesis_data_streams = { role_arn = "arn:aws:iam::123456789012:role/k" }`},
		{"azure", "AzureBlobStorage", `  azure_blob_storage = { service_principal_id = "sp-1", storage_account_name = "acct" }`},
		{"gcp", "GCPPubSub", `  gcp_pubsub = { service_account_id = "streams@p.iam.gserviceaccount.com" }`},
		{"registry", "SchemaRegistry", `  schema_registry = {
    provider       = "CONFLUENT"
    urls           = ["https://r1.example.net", "https://r2.example.net"]
    authentication = { type = "SASL_INHERIT" }
  }`},
		{"sample_stream_solar", "Sample", ""},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			cfg := connectionConfig(t, srv, tc.name, tc.typ, tc.extra)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{
					{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), cmpStored(srv, tc.name))}},
					{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
					{Config: cfg, ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
						ImportStateId: projectID + "/" + instance + "/" + tc.name},
				},
			})
		})
	}
	if left := srv.Connections(projectID, instance); len(left) != 0 {
		t.Errorf("connections left: %+v", left)
	}
}
