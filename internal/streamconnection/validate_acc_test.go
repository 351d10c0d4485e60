package streamconnection_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccStreamConnection_validatorsFailAtPlan checks each bad
// configuration before anything reaches the API: the error names the
// attribute and what is allowed, and the mock sees no request.
func TestAccStreamConnection_validatorsFailAtPlan(t *testing.T) {
	srv := newServer(t)
	kafka := func(auth string) string {
		return "  kafka = {\n    bootstrap_servers = \"b:9092\"\n    authentication = {\n" + auth + "\n    }\n  }"
	}
	registry := func(urls, auth string) string {
		return fmt.Sprintf("  schema_registry = {\n    provider = \"CONFLUENT\"\n    urls = %s\n    authentication = { %s }\n  }", urls, auth)
	}
	types := `["Sample" "Cluster" "Kafka" "Https" "AWSLambda" "S3" "AWSKinesisDataStreams" "SchemaRegistry" "AzureBlobStorage" "GCPPubSub"]`
	for _, tc := range []struct {
		name, conn, typ, extra string
		want                   *regexp.Regexp
	}{
		{"unknown type", "x", "Ftp", "", says(`Attribute type value must be one of: ` + types + `, got: "Ftp"`)},
		{"bad name", "a b", "Https", `  https = { url = "https://x.net" }`, says(`Attribute name must be 1 to 64 letters, digits, underscores and hyphens, starting with a letter or digit, got: a b`)},
		{"type without its attribute", "x", "Kafka", "", says("Missing Connection Settings", `type = "Kafka" needs the kafka attribute`)},
		{"the attribute of another type", "x", "Cluster", `  cluster = { cluster_name = "c" }
  https = { url = "https://x.net" }`, says("Settings Of Another Connection Type", `https holds the settings of an Https connection, but type is "Cluster".`,
			`A Cluster connection's settings go in cluster: remove https, or set type = "Https"`)},
		{"settings on a sample", "sample_stream_solar", "Sample", `  https = { url = "https://x.net" }`, says(`https holds the settings of an Https connection, but type is "Sample". A Sample connection has no settings: remove it.`)},
		{"sample that is no source", "solar", "Sample", "", says("Invalid Sample Source", `"solar" is none. Sample sources: one of`, "`sample_stream_solar`")},
		{"a required member", "x", "Cluster", `  cluster = { db_role_to_execute = { role = "r", type = "BUILT_IN" } }`, says(`attribute "cluster_name" is required`)},
		{"role type", "x", "Cluster", `  cluster = { cluster_name = "c", db_role_to_execute = { role = "r", type = "ROOT" } }`,
			says(`Attribute cluster.db_role_to_execute.type value must be one of: ["BUILT_IN" "CUSTOM"], got: "ROOT"`)},
		{"cluster project", "x", "Cluster", `  cluster = { cluster_name = "c", cluster_project_id = "nope" }`, says(`Attribute cluster.cluster_project_id must be 24 lower-case hexadecimal characters, got: nope`)},
		{"mechanism", "x", "Kafka", kafka(`mechanism = "GSSAPI"`), says(`Attribute kafka.authentication.mechanism value must be one of: ["PLAIN" "SCRAM-256" "SCRAM-512" "OAUTHBEARER" "AWS_MSK_IAM"], got: "GSSAPI"`)},
		{"plain without a username", "x", "Kafka", kafka(`mechanism = "PLAIN"
      password = "p"`), says("Missing Kafka Authentication Setting", `mechanism "PLAIN" needs kafka.authentication.username.`)},
		{"plain without a password", "x", "Kafka", kafka(`mechanism = "PLAIN"
      username = "u"`), says("Missing Secret", `mechanism "PLAIN" signs in with a password. A new connection needs it: set kafka.authentication.password (kept in state, sensitive) or kafka.authentication.password_wo with kafka.authentication.password_wo_version (write-only).`)},
		{"oauth without its members", "x", "Kafka", kafka(`mechanism = "OAUTHBEARER"
      client_secret = "s"`), says(`mechanism "OAUTHBEARER" needs kafka.authentication.method.`)},
		{"oauth without a secret", "x", "Kafka", kafka(`mechanism = "OAUTHBEARER"
      method = "OIDC"
      token_endpoint_url = "https://idp.example.net/token"
      client_id = "c"`), says(`mechanism "OAUTHBEARER" signs in with a client secret.`, `set kafka.authentication.client_secret`)},
		{"oauth method", "x", "Kafka", kafka(`mechanism = "OAUTHBEARER"
      method = "SAML"`), says(`Attribute kafka.authentication.method value must be one of: ["OIDC"], got: "SAML"`)},
		{"both forms of a secret", "x", "Kafka", kafka(`mechanism = "PLAIN"
      username = "u"
      password = "p"
      password_wo = "q"
      password_wo_version = 1`), says("Secret Given Twice", "kafka.authentication.password and kafka.authentication.password_wo are the two forms of one secret: give one.")},
		{"write-only without a version", "x", "Kafka", kafka(`mechanism = "PLAIN"
      username = "u"
      password_wo = "q"`), says("Missing Write-Only Version", "kafka.authentication.password_wo needs kafka.authentication.password_wo_version")},
		{"version without a write-only value", "x", "Kafka", kafka(`mechanism = "PLAIN"
      username = "u"
      password = "p"
      password_wo_version = 3`), says("Write-Only Version Without A Value", "kafka.authentication.password_wo_version says when to send kafka.authentication.password_wo again, which is not set.")},
		{"protocol", "x", "Kafka", `  kafka = {
    bootstrap_servers = "b:9092"
    security = { protocol = "TLS" }
  }`, says(`Attribute kafka.security.protocol value must be one of: ["SASL_PLAINTEXT" "SASL_SSL" "SSL"], got: "TLS"`)},
		{"private link without an id", "x", "Kafka", `  kafka = {
    bootstrap_servers = "b:9092"
    networking = { access = { type = "PRIVATE_LINK" } }
  }`, says("Missing Private Link ID", `access type "PRIVATE_LINK" needs connection_id`)},
		{"private link id", "x", "Kafka", `  kafka = {
    bootstrap_servers = "b:9092"
    networking = { access = { type = "PRIVATE_LINK", connection_id = "123" } }
  }`, says(`Attribute kafka.networking.access.connection_id must be 24 lower-case hexadecimal characters, got: 123`)},
		{"https scheme", "x", "Https", `  https = { url = "ftp://x.net" }`, says("Invalid URL", `https.url "ftp://x.net" must be an http:// or https:// URL with a host`)},
		{"no registry url", "x", "SchemaRegistry", registry(`[]`, `type = "SASL_INHERIT"`), says(`Attribute schema_registry.urls list must contain at least 1 elements and at most 10 elements, got: 0`)},
		{"eleven registry urls", "x", "SchemaRegistry", registry(`[`+strings.Repeat(`"https://r.net", `, 10)+`"https://s.net"]`, `type = "SASL_INHERIT"`),
			says(`Attribute schema_registry.urls list must contain at least 1 elements and at most 10 elements, got: 11`)},
		{"a registry url twice", "x", "SchemaRegistry", registry(`["https://r.net", "https://r.net"]`, `type = "SASL_INHERIT"`), says(`This attribute contains duplicate values of: "https://r.net"`)},
		{"a registry url of another scheme", "x", "SchemaRegistry", registry(`["https://r.net", "ftp://s.net"]`, `type = "SASL_INHERIT"`), says(`schema_registry.urls[1] "ftp://s.net" must be an http:// or https:// URL`)},
		{"user info without a user", "x", "SchemaRegistry", registry(`["https://r.net"]`, `type = "USER_INFO", password = "p"`), says(`authentication type "USER_INFO" needs username`)},
		{"user info without a password", "x", "SchemaRegistry", registry(`["https://r.net"]`, `type = "USER_INFO", username = "u"`), says(`authentication type "USER_INFO" signs in with a password.`)},
		{"instance name", "x", "Https", `  https = { url = "https://x.net" }`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := connectionConfig(t, srv, tc.conn, tc.typ, tc.extra)
			want := tc.want
			if tc.name == "instance name" {
				cfg = strings.Replace(cfg, `instance_name = "ingest"`, `instance_name = "my_instance"`, 1)
				want = says("Attribute instance_name must be 1 to 64 letters, digits and hyphens, starting with a letter or digit, got: my_instance")
			}
			srv.ResetCounts()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				Steps:                    []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: want}},
			})
			for k, n := range srv.Counts() {
				if strings.Contains(k, "/connections") && n > 0 {
					t.Errorf("the refused plan sent %s (%d)", k, n)
				}
			}
		})
	}
}

// TestAccStreamConnection_unknownValuesAreNoError plans a connection whose
// settings come from another resource: nothing is refused before they are
// known.
func TestAccStreamConnection_unknownValuesAreNoError(t *testing.T) {
	srv := newServer(t)
	cfg := providerBlock(t, srv) + `
resource "terraform_data" "later" {
  input = "SCRAM-512"
}
` + connectionBlock("late", "Kafka", `  kafka = {
    bootstrap_servers = "b:9092"
    authentication = {
      mechanism = terraform_data.later.output
      username  = terraform_data.later.output
      password  = terraform_data.later.output
    }
    networking = { access = { type = terraform_data.later.output == "x" ? "PRIVATE_LINK" : "PUBLIC" } }
  }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkGone(srv),
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: nil}},
	})
}
