package streampeering_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const (
	projectID = atlasmock.DemoProjectID
	addr      = "atlasmini_stream_vpc_peering_accepter.test"
	account   = "417601102659"
	vpc       = "vpc-0d13eb6a2f0377854"
	pcx       = "pcx-09277e1e81d0751c1"
)

var (
	factories = map[string]func() (tfprotov6.ProviderServer, error){
		"atlasmini": providerserver.NewProtocol6WithError(provider.New("test")()),
	}
	says = acctest.Says
)

// providerBlock reaches the mock with its owner API key.
var providerBlock = acctest.OwnerProvider

func accepterConfig(srv *atlasmock.Server, name, requesterVpc string) string {
	return providerBlock(srv) + fmt.Sprintf(`
resource "atlasmini_stream_vpc_peering_accepter" "test" {
  project_id                = %q
  vpc_peering_connection_id = %q
  requester_account_id      = %q
  requester_vpc_id          = %q
}
`, projectID, name, account, requesterVpc)
}

// seed makes an incoming request, as the requester's AWS account would.
func seed(t *testing.T, srv *atlasmock.Server, name string) atlasmock.Peering {
	t.Helper()
	p, err := srv.SeedPeeringRequest(projectID, atlasmock.PeeringRequest{RequesterAccountID: account, RequesterVpcID: vpc, RequesterCidr: "10.0.0.0/16", Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func checkGone(srv *atlasmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		if left := srv.Peerings(projectID); len(left) > 0 {
			return fmt.Errorf("%d peerings left in the mock after destroy, first %s", len(left), left[0].Name)
		}
		return nil
	}
}

// TestAccVPCPeeringAccepter_acceptsWaitsAndImports accepts a request whose
// accept takes a while: the apply ends ACTIVE with Atlas's side filled
// in, the next plan is empty, an import by ID (no requester: the active
// list finds it) and by identity plans nothing, and destroy waits until
// the peering is gone.
func TestAccVPCPeeringAccepter_acceptsWaitsAndImports(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{PeeringDelay: 2 * time.Second})
	seeded := seed(t, srv, pcx)
	cfg := accepterConfig(srv, pcx, vpc)
	noop := resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}}
	steps := []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("local_status"), knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("cloud_status"), knownvalue.StringExact("active")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(seeded.ID)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("accepter_vpc_id"), knownvalue.StringExact(seeded.AccepterVpcID)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("requester_cidr"), knownvalue.StringExact("10.0.0.0/16")),
			},
		},
		{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		{Config: cfg, ResourceName: addr, ImportState: true, ImportStateId: projectID + "/" + pcx, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
		{Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: projectID + "/" + pcx, ImportPlanChecks: noop},
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: factories, CheckDestroy: checkGone(srv), Steps: steps})
}

// TestAccVPCPeeringAccepter_identity records {project_id,
// vpc_peering_connection_id} and imports by it.
func TestAccVPCPeeringAccepter_identity(t *testing.T) {
	srv := atlasmock.NewServer(t)
	seed(t, srv, pcx)
	cfg := accepterConfig(srv, pcx, vpc)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   acctest.NeedsIdentity,
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"project_id": knownvalue.StringExact(projectID), "vpc_peering_connection_id": knownvalue.StringExact(pcx)}),
			}},
			{Config: cfg, ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop)}}},
		},
	})
}

// TestAccVPCPeeringAccepter_requestsThatCannotBeAccepted: a request that
// does not exist, names another VPC, is already accepted (not pending) or
// has expired is an error that says what Atlas has, and nothing is
// accepted.
func TestAccVPCPeeringAccepter_requestsThatCannotBeAccepted(t *testing.T) {
	clock := &acctest.Clock{T: time.Now()}
	srv := atlasmock.NewServer(t, atlasmock.Options{Now: clock.Now, TokenTTL: 1000 * time.Hour, NonceTTL: 1000 * time.Hour})
	seed(t, srv, "pcx-0aaaaaaaaaaaaaaaa")
	seed(t, srv, "pcx-0dddddddddddddddd")
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AcceptVPCPeering(context.Background(), projectID, "pcx-0dddddddddddddddd", account, vpc); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{Config: accepterConfig(srv, pcx, vpc), ExpectError: says(`Atlas has no VPC peering `+pcx+` from account `+account, `Its requests are: pcx-0aaaaaaaaaaaaaaaa (NONE, pending-acceptance), pcx-0dddddddddddddddd (ACTIVE, active).`)},
			{Config: accepterConfig(srv, "pcx-0aaaaaaaaaaaaaaaa", "vpc-0bbbbbbbb"), ExpectError: says(`was requested from VPC ` + vpc + `, not vpc-0bbbbbbbb`)},
			{Config: accepterConfig(srv, "pcx-0dddddddddddddddd", vpc), ExpectError: says(`VPC peering pcx-0dddddddddddddddd is not a pending request: its status is ACTIVE (AWS: active)`,
				`terraform import <address> <project_id>/pcx-0dddddddddddddddd`)},
			{
				PreConfig:   func() { clock.Add(8 * 24 * time.Hour) },
				Config:      accepterConfig(srv, "pcx-0aaaaaaaaaaaaaaaa", vpc),
				ExpectError: says(`VPC peering request pcx-0aaaaaaaaaaaaaaaa expired at`, `Request the peering again from account `+account),
			},
		},
	})
	for _, p := range srv.Peerings(projectID) {
		if p.Action != "" && p.Name != "pcx-0dddddddddddddddd" {
			t.Errorf("peering %s was %sed", p.Name, p.Action)
		}
	}
}

// TestAccVPCPeeringAccepter_failedAcceptIsKept: a peering that goes
// UPDATE_FAILED during the wait is an error that quotes Atlas's message,
// saved in state so the next apply replaces it.
func TestAccVPCPeeringAccepter_failedAcceptIsKept(t *testing.T) {
	srv := atlasmock.NewServer(t, atlasmock.Options{PeeringDelay: 4 * time.Second})
	seed(t, srv, pcx)
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
			if ps := srv.Peerings(projectID); len(ps) == 1 && ps[0].Action == "accept" {
				once.Do(func() { _ = srv.FailPeering(projectID, pcx, "the route table is full") })
			}
		}
	}()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: accepterConfig(srv, pcx, vpc), ExpectError: says(`Atlas accepted VPC peering `+pcx+`, which then went UPDATE_FAILED`, `the route table is full.`, `It is saved in state`)},
			{
				Config: accepterConfig(srv, pcx, vpc), PlanOnly: true, ExpectNonEmptyPlan: true,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("local_status"), knownvalue.StringExact("UPDATE_FAILED"))},
			},
		},
	})
}

// TestAccVPCPeeringsDataSource_andTheExample applies the documented
// example (account details, the accepter and a Kafka connection over the
// peering) and the data source beside it.
func TestAccVPCPeeringsDataSource_andTheExample(t *testing.T) {
	srv := atlasmock.NewServer(t)
	seed(t, srv, pcx)
	seed(t, srv, "pcx-0cccccccccccccccc")
	resources := acctest.Example(t, "resources/atlasmini_stream_vpc_peering_accepter/resource.tf")
	data := acctest.Example(t, "data-sources/atlasmini_stream_vpc_peerings/data-source.tf")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy: func(*terraform.State) error {
			// The second request was never accepted: only it is left.
			if left := srv.Peerings(projectID); len(left) != 1 || left[0].Name != "pcx-0cccccccccccccccc" {
				return fmt.Errorf("after destroy the mock holds %+v", left)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: providerBlock(srv) + resources,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("atlasmini_stream_vpc_peering_accepter.kafka", tfjsonpath.New("local_status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue("atlasmini_stream_connection.kafka", tfjsonpath.New("state"), knownvalue.StringExact("READY")),
					statecheck.CompareValuePairs("atlasmini_stream_vpc_peering_accepter.kafka", tfjsonpath.New("accepter_vpc_id"),
						"data.atlasmini_stream_account_details.aws", tfjsonpath.New("vpc_id"), compare.ValuesSame()),
				},
			},
			{
				Config: providerBlock(srv) + resources + data,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("pending_requests", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("pcx-0cccccccccccccccc")})),
					statecheck.ExpectKnownOutputValue("active_peerings", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(pcx)})),
				},
			},
		},
	})
}
