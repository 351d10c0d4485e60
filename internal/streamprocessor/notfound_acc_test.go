package streamprocessor_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// TestAccStreamProcessor_onlyAConfirmed404Forgets: while every processor
// URL answers 404 (a proxy, a wrong path) and the instance answers 200,
// the refresh fails, saying why, and keeps the processor in state; once
// the processor is really deleted in Atlas, the plan creates it again.
func TestAccStreamProcessor_onlyAConfirmed404Forgets(t *testing.T) {
	srv, _ := newServer(t)
	f := acctest.NewFront(t, srv)
	cfg := f.Provider(t) + processorBlock("kept", jsonPipeline(1), `  state = "STARTED"`)
	notFound := acctest.Answering(http.StatusNotFound, "STREAM_PROCESSOR_NOT_FOUND")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					f.Set(acctest.FromStart, func(w http.ResponseWriter, r *http.Request) bool {
						return strings.Contains(r.URL.Path, "/processor") && notFound(w, r)
					})
				},
				Config: cfg,
				ExpectError: says("Error Reading Stream Processor", `Could not read processor "kept"`, "Check base_url and any proxy between Terraform and Atlas, and run again.",
					"The stream processor is kept in state, since it may still exist.", "The stream instance answers, but its list does not"),
			},
			{
				PreConfig: func() {
					f.Set(acctest.FromStart, nil)
					if _, ok := stored(srv, "kept"); !ok {
						t.Fatal("the processor is gone from the mock before the test deleted it")
					}
					if err := ownerClient(t, srv).DeleteStreamProcessor(context.Background(), projectID, instance, "kept"); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}
