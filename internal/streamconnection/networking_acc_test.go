package streamconnection_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// endpointBlock is a Private Link endpoint resource with the given HCL.
func endpointBlock(label, body string) string {
	return fmt.Sprintf(`
resource "atlasmini_stream_privatelink_endpoint" %q {
  project_id = %q
%s
}
`, label, projectID, body)
}

// typedConnection is a connection of "ingest" with its own label.
func typedConnection(label, typ, body string) string {
	return fmt.Sprintf(`
resource "atlasmini_stream_connection" %q {
  project_id    = %q
  instance_name = %q
  name          = %q
  type          = %q
%s
}
`, label, projectID, instance, label, typ, body)
}

// TestAccStreamConnection_privateLinkForEveryType makes one endpoint per
// vendor (each waited for) and one connection of each type over it, in
// one apply: each type's networking reaches the API as the member Atlas
// takes for it (networking for S3 and Kinesis, publicPrivateNetworking for
// Lambda, Blob Storage and Pub/Sub), the state reads back what was
// written, and the next plan is empty.
func TestAccStreamConnection_privateLinkForEveryType(t *testing.T) {
	srv := newServer(t, atlasmock.Options{PrivateLinkDelay: time.Second})
	const role = `role_arn = "arn:aws:iam::123456789012:role/streams"`
	net := func(endpoint string) string {
		return `networking = { access = { type = "PRIVATE_LINK", connection_id = atlasmini_stream_privatelink_endpoint.` + endpoint + `.id } }`
	}
	cfg := providerBlock(t, srv) +
		endpointBlock("s3", `provider_name = "AWS"
  vendor = "S3"
  region = "us-east-1"
  service_endpoint_id = "com.amazonaws.us-east-1.s3"`) +
		endpointBlock("kinesis", `provider_name = "AWS"
  vendor = "KINESIS"
  region = "us-east-1"`) +
		endpointBlock("lambda", `provider_name = "AWS"
  vendor = "LAMBDA"
  region = "us-east-1"
  service_endpoint_id = "com.amazonaws.us-east-1.lambda"`) +
		endpointBlock("blob", `provider_name = "AZURE"
  vendor = "AZURE_BLOB_STORAGE"
  region = "eastus2"
  service_endpoint_id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/lake"
  dns_domain = "lake.blob.core.windows.net"`) +
		endpointBlock("pubsub", `provider_name = "GCP"
  vendor = "PUBSUB"
  region = "us-central1"`) +
		typedConnection("sink", "S3", "  s3 = {\n    "+role+"\n    "+net("s3")+"\n  }") +
		typedConnection("stream", "AWSKinesisDataStreams", "  aws_kinesis_data_streams = {\n    "+role+"\n    "+net("kinesis")+"\n  }") +
		typedConnection("fn", "AWSLambda", "  aws_lambda = {\n    "+role+"\n    "+net("lambda")+"\n  }") +
		typedConnection("lake", "AzureBlobStorage", "  azure_blob_storage = {\n    service_principal_id = \"sp\"\n    storage_account_name = \"lake\"\n    "+net("blob")+"\n  }") +
		typedConnection("topics", "GCPPubSub", "  gcp_pubsub = {\n    service_account_id = \"sa@p.iam.gserviceaccount.com\"\n    "+net("pubsub")+"\n  }")
	member := func(name, key, endpoint string) statecheck.StateCheck {
		return statecheck.ExpectKnownValue("atlasmini_stream_privatelink_endpoint."+endpoint, tfjsonpath.New("id"), knownvalue.StringFunc(func(id string) error {
			c, ok := stored(srv, name)
			if !ok {
				return fmt.Errorf("the mock has no connection %q", name)
			}
			want := `{"access":{"type":"PRIVATE_LINK","connectionId":"` + id + `"}}`
			if got := string(c.Members[key]); got != want {
				return fmt.Errorf("%s: the mock holds %s = %s, want %s (members %v)", name, key, got, want, c.Members)
			}
			return nil
		}))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					member("sink", "networking", "s3"), member("stream", "networking", "kinesis"),
					member("fn", "publicPrivateNetworking", "lambda"), member("lake", "publicPrivateNetworking", "blob"),
					member("topics", "publicPrivateNetworking", "pubsub"),
					statecheck.CompareValuePairs("atlasmini_stream_connection.fn", tfjsonpath.New("aws_lambda").AtMapKey("networking").AtMapKey("access").AtMapKey("connection_id"),
						"atlasmini_stream_privatelink_endpoint.lambda", tfjsonpath.New("id"), compareSame),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamConnection_mskIAMAndMutualTLS makes a Kafka connection with
// AWS_MSK_IAM over an MSK endpoint, and one with mutual TLS whose key is
// write-only (Terraform 1.11+): both reach the API as Atlas takes them,
// the key never reaches state, and the next plan is empty.
func TestAccStreamConnection_mskIAMAndMutualTLS(t *testing.T) {
	srv := newServer(t)
	endpoint, err := srv.SeedPrivateLink(projectID, `{"provider":"AWS","vendor":"MSK","arn":"arn:aws:kafka:us-east-1:123456789012:cluster/orders/1"}`)
	if err != nil {
		t.Fatal(err)
	}
	cfg := providerBlock(t, srv) + typedConnection("msk", "Kafka", `  kafka = {
    bootstrap_servers = "b-1.orders.kafka.us-east-1.amazonaws.com:9098"
    authentication = {
      mechanism = "AWS_MSK_IAM"
      aws       = { role_arn = "arn:aws:iam::123456789012:role/msk" }
    }
    security   = { protocol = "SASL_SSL" }
    networking = { access = { type = "PRIVATE_LINK", connection_id = "`+endpoint.ID+`" } }
  }`) + `
variable "client_key" {
  type      = string
  sensitive = true
}
` + typedConnection("mtls", "Kafka", `  kafka = {
    bootstrap_servers = "broker.example.net:9094"
    authentication = {
      ssl_certificate    = "-----BEGIN CERTIFICATE-----client-----END CERTIFICATE-----"
      ssl_key_wo         = var.client_key
      ssl_key_wo_version = 1
    }
    security = { protocol = "SSL" }
  }`)
	vars := config.Variables{"client_key": config.StringVariable("mtls-private-key-secret")}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg, ConfigVariables: vars,
				ConfigStateChecks: []statecheck.StateCheck{
					stateLacks{"mtls-private-key-secret"},
					storedMemberOf(srv, "atlasmini_stream_connection.msk", "msk", "authentication", `{"mechanism":"AWS_MSK_IAM","aws":{"roleArn":"arn:aws:iam::123456789012:role/msk"}}`),
					storedMemberOf(srv, "atlasmini_stream_connection.mtls", "mtls", "authentication",
						`{"sslCertificate":"-----BEGIN CERTIFICATE-----client-----END CERTIFICATE-----","sslKey":"mtls-private-key-secret"}`),
					statecheck.ExpectKnownValue("atlasmini_stream_connection.msk", tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("aws").AtMapKey("role_arn"),
						knownvalue.StringExact("arn:aws:iam::123456789012:role/msk")),
				},
			},
			{Config: cfg, ConfigVariables: vars, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccStreamConnection_networkingRulesAtPlan refuses at plan time, with
// no request sent: an endpoint of a vendor that does not fit the type, an
// endpoint that does not exist, an endpoint id without PRIVATE_LINK, a
// transit gateway without its route, an access type a type does not take,
// AWS_MSK_IAM without its role or over another protocol, and mutual TLS
// with a mechanism or without a certificate.
func TestAccStreamConnection_networkingRulesAtPlan(t *testing.T) {
	srv := newServer(t)
	kinesis, err := srv.SeedPrivateLink(projectID, `{"provider":"AWS","vendor":"KINESIS","region":"us-east-1"}`)
	if err != nil {
		t.Fatal(err)
	}
	const role = `role_arn = "arn:aws:iam::123456789012:role/streams"`
	cases := []struct{ typ, body string }{
		{"S3", `  s3 = {
    ` + role + `
    networking = { access = { type = "PRIVATE_LINK", connection_id = "` + kinesis.ID + `" } }
  }`},
		{"S3", `  s3 = {
    ` + role + `
    networking = { access = { type = "PRIVATE_LINK", connection_id = "0123456789abcdef01234567" } }
  }`},
		{"AWSKinesisDataStreams", `  aws_kinesis_data_streams = {
    ` + role + `
    networking = { access = { type = "VPC", connection_id = "` + kinesis.ID + `" } }
  }`},
		{"Kafka", `  kafka = {
    bootstrap_servers = "b:9092"
    networking = { access = { type = "TRANSIT_GATEWAY" } }
  }`},
		{"AWSLambda", `  aws_lambda = {
    ` + role + `
    networking = { access = { type = "VPC" } }
  }`},
		{"Kafka", `  kafka = {
    bootstrap_servers = "b:9098"
    authentication = { mechanism = "AWS_MSK_IAM" }
    security = { protocol = "SASL_PLAINTEXT" }
  }`},
		{"Kafka", `  kafka = {
    bootstrap_servers = "b:9094"
    authentication = { mechanism = "PLAIN", ssl_certificate = "C" }
    security = { protocol = "SSL" }
  }`},
	}
	wants := [][]string{
		{`Private Link endpoint ` + kinesis.ID + ` reaches AWS KINESIS, which a S3 connection cannot use: it needs an endpoint of vendor S3.`},
		{`Project ` + projectID + ` has no Private Link endpoint 0123456789abcdef01234567.`},
		{`connection_id names a Private Link endpoint, which only access type "PRIVATE_LINK" uses; the type is "VPC".`},
		{`access type "TRANSIT_GATEWAY" needs tgw_route_id`},
		{`aws_lambda.networking.access.type value must be one of: ["PUBLIC" "PRIVATE_LINK"]`},
		{`mechanism "AWS_MSK_IAM" signs in with an IAM role: set aws`, `mechanism "AWS_MSK_IAM" runs over SASL_SSL`},
		{`security.protocol "SSL" is mutual TLS, which signs in with ssl_certificate and ssl_key and takes no SASL mechanism`},
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps:                    []resource.TestStep{{Config: connectionConfig(t, srv, "x", c.typ, c.body), PlanOnly: true, ExpectError: says(wants[i]...)}},
			})
		})
	}
	if n := srv.Counts()[connPost]; n != 0 {
		t.Errorf("%d creates reached the mock", n)
	}
}

// TestAccStreamConnection_regionOfAFailoverInstance: Atlas assigns the
// primary region to a Kafka connection of an instance with failover
// regions; the state shows it, and the next plan is empty.
func TestAccStreamConnection_regionOfAFailoverInstance(t *testing.T) {
	srv := atlasmock.NewServer(t)
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: instance, CloudProvider: "AWS", Region: "VIRGINIA_USA",
		FailoverRegions: []atlasmock.Region{{CloudProvider: "AWS", Region: "DUBLIN_IRL"}}}); err != nil {
		t.Fatal(err)
	}
	cfg := connectionConfig(t, srv, "events", "Kafka", plainKafka)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("region"), knownvalue.StringExact("VIRGINIA_USA"))}},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// compareSame compares two values of the state.
var compareSame = compare.ValuesSame()

// storedMemberOf is a check, on the resource at address, that the mock
// holds member of the connection name as want (JSON as stored).
func storedMemberOf(srv *atlasmock.Server, address, name, member, want string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
		c, ok := stored(srv, name)
		if !ok {
			return fmt.Errorf("the mock has no connection %q", name)
		}
		if got := string(c.Members[member]); got != want {
			return fmt.Errorf("the mock holds %s = %s, want %s", member, got, want)
		}
		return nil
	}))
}
