// Package streamconnection holds the atlasmini_stream_connection resource,
// its data sources and list resource: schema, pure API↔model converters,
// validators.
package streamconnection

import (
	"regexp"
	"slices"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
)

// The value lists below feed both the validators and the descriptions, so
// docs and checks never disagree.

// connectionTypes are the types of connection, in the order the docs list
// them.
var connectionTypes = []string{"Sample", "Cluster", "Kafka", "Https", "AWSLambda", "S3", "AWSKinesisDataStreams", "SchemaRegistry", "AzureBlobStorage", "GCPPubSub"}

// typeAttributes names the nested attribute of each type; Sample has none.
var typeAttributes = map[string]string{
	"Cluster":               "cluster",
	"Kafka":                 "kafka",
	"Https":                 "https",
	"AWSLambda":             "aws_lambda",
	"S3":                    "s3",
	"AWSKinesisDataStreams": "aws_kinesis_data_streams",
	"SchemaRegistry":        "schema_registry",
	"AzureBlobStorage":      "azure_blob_storage",
	"GCPPubSub":             "gcp_pubsub",
}

// typedAttributes are the nested attributes of the types, in the order of
// connectionTypes.
func typedAttributes() []string {
	var out []string
	for _, t := range connectionTypes {
		if a, ok := typeAttributes[t]; ok {
			out = append(out, a)
		}
	}
	return out
}

// typeOfAttribute is the type a nested attribute belongs to.
func typeOfAttribute(attribute string) string {
	for t, a := range typeAttributes {
		if a == attribute {
			return t
		}
	}
	return ""
}

// sampleSources are the names a Sample connection may have.
var sampleSources = []string{"sample_stream_solar"}

// Enumerations of the members.
var (
	kafkaMechanisms    = []string{"PLAIN", "SCRAM-256", "SCRAM-512", "OAUTHBEARER", "AWS_MSK_IAM"}
	passwordMechanisms = []string{"PLAIN", "SCRAM-256", "SCRAM-512"}
	oauthMethods       = []string{"OIDC"}
	kafkaProtocols     = []string{"SASL_PLAINTEXT", "SASL_SSL", "SSL"}
	accessTypes        = []string{"PUBLIC", "VPC", "PRIVATE_LINK", "TRANSIT_GATEWAY"}
	// publicPrivateAccessTypes are the accesses of Lambda, Blob Storage and
	// Pub/Sub connections.
	publicPrivateAccessTypes = []string{"PUBLIC", "PRIVATE_LINK"}
	iamRolePattern           = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$`)
	roleTypes                = []string{"BUILT_IN", "CUSTOM"}
	registryProviders        = []string{"CONFLUENT"}
	registryAuthTypes        = []string{"USER_INFO", "SASL_INHERIT"}
	maxRegistryURLs          = 10
	connectionIDPattern      = regexp.MustCompile(`^[a-f0-9]{24}$`)
)

// namePattern is the connection name rule, and nameRule says it in words.
var namePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$`)

const nameRule = "1 to 64 letters, digits, underscores and hyphens, starting with a letter or digit"

// needsPassword reports whether a Kafka mechanism signs in with a username
// and a password.
func needsPassword(mechanism string) bool { return slices.Contains(passwordMechanisms, mechanism) }

// vendorsForType are the Private Link vendors whose endpoints each type
// may use.
var vendorsForType = map[string][]string{
	"Kafka": {"MSK", "CONFLUENT", "EVENTHUB", "GENERIC"}, "S3": {"S3"}, "AWSKinesisDataStreams": {"KINESIS"},
	"AWSLambda": {"LAMBDA"}, "AzureBlobStorage": {"AZURE_BLOB_STORAGE"}, "GCPPubSub": {"PUBSUB"},
}

// vendorFitText says which vendor each type takes, for descriptions.
func vendorFitText() string {
	var parts []string
	for _, t := range []string{"Kafka", "S3", "AWSKinesisDataStreams", "AWSLambda", "AzureBlobStorage", "GCPPubSub"} {
		parts = append(parts, "`"+t+"` "+tfresource.CodeList(vendorsForType[t]))
	}
	return strings.Join(parts, "; ")
}

// networkingMember says which API member holds a type's networking.
func networkingMember(typ string) string {
	switch typ {
	case "AWSLambda", "AzureBlobStorage", "GCPPubSub":
		return "publicPrivateNetworking"
	}
	return "networking"
}
