package streamprivatelink_test

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const (
	projectID = atlasmock.DemoProjectID
	addr      = "atlasmini_stream_privatelink_endpoint.test"
	mskARN    = "arn:aws:kafka:us-east-1:123456789012:cluster/orders/6a7941d3-1"
)

var factories = map[string]func() (tfprotov6.ProviderServer, error){
	"atlasmini": providerserver.NewProtocol6WithError(provider.New("test")()),
}

// providerBlock reaches the mock with its owner API key.
var providerBlock = acctest.OwnerProvider

// endpointConfig is the provider and one endpoint with the given HCL.
func endpointConfig(srv *atlasmock.Server, body string) string {
	return providerBlock(srv) + fmt.Sprintf(`
resource "atlasmini_stream_privatelink_endpoint" "test" {
  project_id = %q
%s
}
`, projectID, body)
}

// checkGone asks the mock whether every endpoint is gone.
func checkGone(srv *atlasmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		if left := srv.PrivateLinks(projectID); len(left) > 0 {
			return fmt.Errorf("%d endpoints left in the mock after destroy, first %s (%s)", len(left), left[0].ID, left[0].Vendor)
		}
		return nil
	}
}

// says matches an error holding the fragments in order.
var says = acctest.Says

// mockID is a check that the state's id is the mock's only endpoint's.
func mockID(srv *atlasmock.Server) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		links := srv.PrivateLinks(projectID)
		if len(links) != 1 || links[0].ID != v {
			return fmt.Errorf("state id %s, the mock holds %d endpoints", v, len(links))
		}
		return nil
	})
}

// client is an API client of the mock, for what tests do outside
// Terraform.
func client(t *testing.T, srv *atlasmock.Server) *atlas.Client {
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, AccessToken: srv.AccessToken(t)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func idOf(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("no %s in state", addr)
	}
	return rs.Primary.Attributes["id"], nil
}

// TestAccPrivateLink_mskWaitsForDoneAndImports creates an MSK endpoint
// that takes its time (IDLE, WORKING, DONE): the apply ends DONE with
// what Atlas computed, the next plan is empty, the imports by both ID
// forms and by identity plan nothing, and destroy waits until it is gone.
func TestAccPrivateLink_mskWaitsForDoneAndImports(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{PrivateLinkDelay: 2 * time.Second})
	cfg := endpointConfig(srv, `  provider_name = "AWS"
  vendor        = "MSK"
  arn           = "`+mskARN+`"`)
	noop := resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), mockID(srv)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("DONE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("region"), knownvalue.StringExact("us-east-1")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authentication_scheme"), knownvalue.StringExact("SASL_SCRAM")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("interface_endpoint_id"), knownvalue.StringRegexp(regexp.MustCompile(`^vpce-[0-9a-f]{17}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("error_message"), knownvalue.StringExact("")),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportPlanChecks: noop,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { id, err := idOf(s); return projectID + "/" + id, err },
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportPlanChecks: noop,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { id, err := idOf(s); return projectID + "-" + id, err },
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"},
				ImportStateIdFunc: func(s *terraform.State) (string, error) { id, err := idOf(s); return projectID + "/" + id, err },
			},
		},
	})
}

// TestAccPrivateLink_identity records {project_id, id} and imports by it.
func TestAccPrivateLink_identity(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := endpointConfig(srv, `  provider_name = "AWS"
  vendor        = "KINESIS"
  region        = "us-east-1"`)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentityValue(addr, tfjsonpath.New("project_id"), knownvalue.StringExact(projectID)),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id")),
				},
			},
			{
				Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}},
			},
		},
	})
}

// TestAccPrivateLink_vendorRulesAtPlan refuses, at plan time and before
// any request, what each vendor does not take, naming the attribute and
// what the vendor needs; unknown values are no error.
func TestAccPrivateLink_vendorRulesAtPlan(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cases := []struct {
		body string
		want *regexp.Regexp
	}{
		{`provider_name = "AWS"
  vendor = "MSK"
  region = "us-east-1"`, says(`provider_name AWS with vendor MSK needs arn`)},
		{`provider_name = "AWS"
  vendor = "MSK"
  arn = "` + mskARN + `"
  region = "eu-west-1"`, says(`vendor MSK takes its region from the arn, which says us-east-1, not "eu-west-1"`)},
		{`provider_name = "AWS"
  vendor = "MSK"
  arn = "` + mskARN + `"
  dns_domain = "x"`, says(`vendor MSK takes no dns_domain: MSK endpoints have none`)},
		{`provider_name = "GCP"`, says(`provider_name GCP has no GENERIC endpoints: set vendor to one of`, "`CONFLUENT`, `PUBSUB`")},
		{`provider_name = "AZURE"
  vendor = "S3"`, says(`vendor S3 is not offered on provider_name AZURE`)},
		{`provider_name = "AZURE"
  vendor = "EVENTHUB"
  region = "eastus2"`, says(`provider_name AZURE with vendor EVENTHUB needs`, `Event Hubs namespace`)},
		{`provider_name = "GCP"
  vendor = "CONFLUENT"
  region = "us-central1"
  dns_domain = "d.gcp.confluent.cloud"`, says(`needs exactly one of service_attachment_uris and service_endpoint_id; neither is set`)},
		{`provider_name = "GCP"
  vendor = "PUBSUB"
  region = "us-central1"
  dns_domain = "x"`, says(`vendor PUBSUB takes no dns_domain when it is created: Atlas computes it`)},
		{`provider_name = "AWS"
  vendor = "S3"
  region = "us-east-1"
  service_endpoint_id = "com.amazonaws.us-west-2.s3"`, says(`takes service_endpoint_id "com.amazonaws.us-east-1.s3", not "com.amazonaws.us-west-2.s3"`)},
		{`provider_name = "AWS"
  vendor = "KINESIS"
  region = "us-east-1"
  azure_resource_ids = ["x"]`, says(`azure_resource_ids is for AZURE endpoints only`)},
		{`provider_name = "AWS"
  vendor = "KINESIS"
  region = "us-east-1"
  authentication_scheme = "IAM"`, says(`authentication_scheme is for MSK endpoints only`)},
		{`provider_name = "aws"`, says(`provider_name value must be one of`)},
	}
	// A bearer token: every request is one call, with no digest challenge,
	// so the counters count calls.
	token := fmt.Sprintf("provider \"atlasmini\" {\n  base_url     = %q\n  access_token = %q\n}\n", srv.URL, srv.AccessToken(t))
	steps := make([]resource.TestStep, 0, len(cases)+1)
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: token + fmt.Sprintf("resource \"atlasmini_stream_privatelink_endpoint\" \"test\" {\n  project_id = %q\n  %s\n}\n", projectID, c.body),
			PlanOnly: true, ExpectError: c.want})
	}
	// An unknown region is checked once known, not at plan time.
	steps = append(steps, resource.TestStep{
		Config: token + `
resource "terraform_data" "later" { input = "us-east-1" }
resource "atlasmini_stream_privatelink_endpoint" "test" {
  project_id    = "` + projectID + `"
  provider_name = "AWS"
  vendor        = "KINESIS"
  region        = terraform_data.later.output
}`,
		ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), mockID(srv))},
	})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: factories, CheckDestroy: checkGone(srv), Steps: steps})
	if n := srv.Counts()["POST /api/atlas/v2/groups/{groupId}/streams/privateLinkConnections"]; n != 1 {
		t.Errorf("%d creates reached the mock; only the last, valid configuration may send one", n)
	}
}

// TestAccPrivateLink_confluentDomainLater creates an AWS Confluent
// endpoint without its domain (an Enterprise cluster): the apply returns
// once Atlas waits for it, adding the domain is one PATCH that waits for
// DONE, and changing it once DONE is refused at plan time.
func TestAccPrivateLink_confluentDomainLater(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{PrivateLinkDelay: 2 * time.Second})
	cfg := func(domain string) string {
		return endpointConfig(srv, `  provider_name       = "AWS"
  vendor              = "CONFLUENT"
  region              = "us-east-1"
  service_endpoint_id = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
  dns_sub_domain      = []
`+domain)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("WORKING")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("dns_domain"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("dns_sub_domain"), knownvalue.ListExact(nil)),
				},
			},
			{Config: cfg(""), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{
				Config: cfg(`  dns_domain = "lkc-1.us-east-1.aws.confluent.cloud"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(addr, tfjsonpath.New("state")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("DONE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), mockID(srv)),
				},
			},
			{
				Config: cfg(`  dns_domain = "lkc-2.us-east-1.aws.confluent.cloud"`), PlanOnly: true,
				ExpectError: says(`Atlas takes a new dns_domain only while the endpoint has none or is IDLE`, `is DONE`, `terraform apply -replace`),
			},
		},
	})
}

// TestAccPrivateLink_domainChangeRefusedOnOtherVendors: Atlas changes
// dns_domain only on AWS Confluent endpoints, so a change elsewhere is a
// plan-time error, not a PATCH Atlas refuses.
func TestAccPrivateLink_domainChangeRefusedOnOtherVendors(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := func(ns string) string {
		return endpointConfig(srv, `  provider_name       = "AZURE"
  vendor              = "EVENTHUB"
  region              = "eastus2"
  service_endpoint_id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.EventHub/namespaces/orders"
  dns_domain          = "`+ns+`.servicebus.windows.net"`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg("orders")},
			{Config: cfg("other"), PlanOnly: true, ExpectError: says(`Atlas changes dns_domain only on AWS CONFLUENT endpoints; this one is AZURE EVENTHUB`)},
		},
	})
}

// TestAccPrivateLink_failedIsAnErrorAndKept: an endpoint that Atlas
// reports FAILED during the wait is an error quoting Atlas's message, and
// stays in state (tainted), so the next apply replaces it.
func TestAccPrivateLink_failedIsAnErrorAndKept(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{PrivateLinkDelay: 3 * time.Second})
	var once sync.Once
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if links := srv.PrivateLinks(projectID); len(links) == 1 {
				once.Do(func() {
					_ = srv.FailPrivateLink(projectID, links[0].ID, "the endpoint service does not allow Atlas's principal")
				})
			}
		}
	}()
	cfg := endpointConfig(srv, `  provider_name       = "AWS"
  vendor              = "LAMBDA"
  region              = "us-east-1"
  service_endpoint_id = "com.amazonaws.us-east-1.lambda"`)
	var failedID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: says(`Atlas reports the Private Link endpoint`, `FAILED: the endpoint service does not allow Atlas's principal.`, `It is saved in state; the next apply replaces it.`),
			},
			{
				PreConfig: func() { failedID = srv.PrivateLinks(projectID)[0].ID },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("DONE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(v string) error {
						if v == failedID {
							return fmt.Errorf("the FAILED endpoint %s was kept", v)
						}
						return nil
					})),
				},
			},
		},
	})
}

// TestAccPrivateLink_timeoutKeepsTheEndpoint: a create whose wait times
// out leaves the endpoint in state, not orphaned in Atlas.
func TestAccPrivateLink_timeoutKeepsTheEndpoint(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{PrivateLinkDelay: 12 * time.Second})
	cfg := func(create string) string {
		return endpointConfig(srv, `  provider_name = "AWS"
  vendor        = "KINESIS"
  region        = "us-west-2"
  timeouts      = { create = "`+create+`", delete = "3m" }`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg("2s"), ExpectError: says(`was accepted by Atlas and is saved in state, but it did not become DONE`)},
			{
				// The state holds the endpoint the create made: the plan
				// replaces it (tainted) instead of creating a second one
				// beside an orphan.
				Config: cfg("2s"), PlanOnly: true, ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), mockID(srv))},
			},
		},
	})
}

// TestAccPrivateLink_deleteInUseNamesTheConnections: Atlas refuses to
// delete an endpoint that a connection uses; the error names the
// connection and its instance, and the endpoint stays in state.
func TestAccPrivateLink_deleteInUseNamesTheConnections(t *testing.T) {
	srv := atlasmock.NewServer(t)
	cfg := endpointConfig(srv, `  provider_name = "AWS"
  vendor        = "KINESIS"
  region        = "us-east-1"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					id, err := idOf(s)
					if err != nil {
						return err
					}
					// A connection made outside this configuration uses it.
					c := client(t, srv)
					ctx := context.Background()
					if _, err := c.CreateStreamInstance(ctx, projectID, atlas.CreateRequest{Name: "ingest", DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}}); err != nil {
						return err
					}
					_, err = c.CreateStreamConnection(ctx, projectID, "ingest", atlas.StreamConnection{Name: "stream", Type: "AWSKinesisDataStreams",
						AWS: &atlas.AWSRole{RoleArn: "arn:aws:iam::123456789012:role/k"}, Networking: &atlas.Networking{Access: atlas.NetworkingAccess{Type: "PRIVATE_LINK", ConnectionID: id}}})
					return err
				},
			},
			{
				Config:      providerBlock(srv),
				ExpectError: says(`Could not delete Private Link endpoint`, `Stream connections use it: connection "stream" of stream instance "ingest"`, `STREAM_PRIVATE_LINK_IN_USE`),
			},
			{
				PreConfig: func() {
					if err := client(t, srv).DeleteStreamConnection(context.Background(), projectID, "ingest", "stream"); err != nil {
						t.Fatal(err)
					}
				},
				Config: providerBlock(srv),
			},
		},
	})
}
