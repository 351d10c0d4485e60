package streamconnection

import (
	"context"
	"fmt"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// defaultTimeouts are the default operation timeouts, overridable with the
// timeouts attribute.
var defaultTimeouts = tfresource.Timeouts{
	Create: 20 * time.Minute, Update: 20 * time.Minute, Delete: 20 * time.Minute,
	CreateWaits: "until the connection is `READY`", UpdateWaits: "until the connection is `READY`", DeleteWaits: "until it is gone",
}

// Descriptions that name a secret's two forms.
const (
	secretForms = "Give at most one of the two forms: "
	woNote      = " Write-only: never stored in state or plan (Terraform 1.11+); sent with the create and with every update. A new value alone plans nothing: change `%s` to send it."
	versionNote = "Any number; change it to plan the update that sends a new `%s` (for example to rotate it). Needed with `%s`."
)

// sensitiveNote says how the sensitive form of a secret is kept.
func sensitiveNote(wo string) string {
	return " Sensitive: kept in state as written (the API never returns it), and sent with every update. " + secretForms + "this one or `" + wo + "`."
}

var (
	descName = "Name of the connection, unique in its instance: " + nameRule + ". Processors name their sources and sinks by it. " +
		"A `Sample` connection's name is the sample source: " + tfresource.CodeList(sampleSources) + ". Changing it replaces the connection."
	descType = "Type of the connection: one of " + tfresource.CodeList(connectionTypes) + ". Each type but `Sample` has its attribute, named after it: " +
		typeAttributeList() + "; exactly that one is set. Changing it replaces the connection."
	descState = "State of the connection as Atlas reports it: `READY` once usable, `PENDING` while it deploys, `FAILED`."
	descID    = "Atlas identifier of the connection."
)

// typeAttributeList renders "`cluster` (`Cluster`), ..." for descriptions.
func typeAttributeList() string {
	out := ""
	for i, a := range typedAttributes() {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("`%s` (`%s`)", a, typeOfAttribute(a))
	}
	return out
}

// typeDescription opens the description of a type's nested attribute.
func typeDescription(typ, what string) string {
	return fmt.Sprintf("Settings of %s `%s` connection (%s); set exactly when `type = %q`.", article(typ), typ, what, typ)
}

// article is the indefinite article of a type's name as it is read aloud:
// an AWSLambda, an Https, an S3; a Cluster, a GCPPubSub.
func article(typ string) string {
	switch typ[0] {
	case 'A', 'E', 'I', 'O', 'U', 'H', 'S':
		if typ != "SchemaRegistry" && typ != "Sample" {
			return "an"
		}
	}
	return "a"
}

// Attribute types of the nested objects, for converting to and from
// models, read from the schema so that each attribute is declared once.
var typesSchema = resourceSchema(context.Background())

func nestedType(p ...string) types.ObjectType {
	attrs := typesSchema.Attributes
	var t attr.Type
	for _, name := range p {
		a := attrs[name]
		t = a.GetType()
		if n, ok := a.(schema.SingleNestedAttribute); ok {
			attrs = n.Attributes
		}
	}
	ot, ok := t.(types.ObjectType)
	if !ok {
		panic(fmt.Sprintf("streamconnection: %v is not a nested object", p))
	}
	return ot
}

var (
	clusterType     = nestedType("cluster")
	dbRoleType      = nestedType("cluster", "db_role_to_execute")
	kafkaType       = nestedType("kafka")
	kafkaAuthType   = nestedType("kafka", "authentication")
	kafkaAWSType    = nestedType("kafka", "authentication", "aws")
	securityType    = nestedType("kafka", "security")
	networkingType  = nestedType("kafka", "networking")
	accessType      = nestedType("kafka", "networking", "access")
	httpsType       = nestedType("https")
	lambdaType      = nestedType("aws_lambda")
	s3Type          = nestedType("s3")
	kinesisType     = nestedType("aws_kinesis_data_streams")
	registryType    = nestedType("schema_registry")
	registryAuthTyp = nestedType("schema_registry", "authentication")
	azureType       = nestedType("azure_blob_storage")
	gcpType         = nestedType("gcp_pubsub")
)

// requiredString and optionalString are the plain string attributes.
func requiredString(desc string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Required: true, Validators: v}
}

func optionalString(desc string, v ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Optional: true, Validators: v}
}

// oneOf is a validator of allowed values, and its words for descriptions.
func oneOf(values []string) validator.String { return stringvalidator.OneOf(values...) }

func oneOfText(values []string) string { return "one of " + tfresource.CodeList(values) }

// secretAttributes are the two forms of a secret and the version of the
// write-only one: name (sensitive, in state), name_wo (write-only) and
// name_wo_version.
func secretAttributes(attrs map[string]schema.Attribute, name, what string) {
	wo, version := name+"_wo", name+"_wo_version"
	attrs[name] = schema.StringAttribute{MarkdownDescription: what + "." + sensitiveNote(wo), Optional: true, Sensitive: true}
	attrs[wo] = schema.StringAttribute{MarkdownDescription: what + ", write-only." + fmt.Sprintf(woNote, version) + " " + secretForms + "this one or `" + name + "`.",
		Optional: true, Sensitive: true, WriteOnly: true}
	attrs[version] = schema.Int64Attribute{MarkdownDescription: fmt.Sprintf(versionNote, wo, wo), Optional: true}
}

// networkingAttribute is how Atlas reaches a connection's service: the
// access type among types, and the Private Link endpoint or transit
// gateway route it goes through. It is the API's networking member for
// Kafka, S3 and Kinesis, and its publicPrivateNetworking member for
// Lambda, Blob Storage and Pub/Sub.
func networkingAttribute(what string, types []string, omitted string) schema.SingleNestedAttribute {
	if omitted == "" {
		omitted = "When omitted, Atlas reaches it publicly. "
	}
	return schema.SingleNestedAttribute{
		MarkdownDescription: "How Atlas reaches " + what + ". " + omitted +
			"Atlas cannot change it in place: a different access replaces the connection.",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.Object{objectplanmodifier.UseStateForUnknown(), networkingChange()},
		Attributes: map[string]schema.Attribute{
			"access": schema.SingleNestedAttribute{
				MarkdownDescription: "The network path.",
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"type": requiredString("Kind of access: "+oneOfText(types)+". `PRIVATE_LINK` needs `connection_id`; `TRANSIT_GATEWAY` needs `tgw_route_id`.", oneOf(types)),
					"connection_id": optionalString("ID of the Private Link endpoint (`atlasmini_stream_privatelink_endpoint`), with `PRIVATE_LINK` only: "+tfresource.ProjectIDRule+
						". Its vendor must fit the connection type: "+vendorFitText()+".",
						stringvalidator.RegexMatches(connectionIDPattern, "must be "+tfresource.ProjectIDRule)),
					"name": optionalString("Name Atlas reserves for the Private Link connection."),
					"tgw_route_id": optionalString("ID of the transit gateway route, with `TRANSIT_GATEWAY`: "+tfresource.ProjectIDRule+".",
						stringvalidator.RegexMatches(connectionIDPattern, "must be "+tfresource.ProjectIDRule)),
				},
			},
		},
	}
}

// withNetworking adds the networking attribute to a type's attributes.
func withNetworking(attrs map[string]schema.Attribute, what string, types []string) map[string]schema.Attribute {
	attrs["networking"] = networkingAttribute(what, types, "")
	return attrs
}

func resourceSchema(ctx context.Context) schema.Schema {
	kafkaAuth := map[string]schema.Attribute{
		"mechanism": optionalString("SASL mechanism: "+oneOfText(kafkaMechanisms)+". `PLAIN` and `SCRAM-*` need `username` and a password; "+
			"`OAUTHBEARER` needs `method`, `token_endpoint_url`, `client_id` and a client secret; `AWS_MSK_IAM` needs `aws.role_arn` and `SASL_SSL`. "+
			"Mutual TLS (`security.protocol = \"SSL\"`) takes no mechanism.", oneOf(kafkaMechanisms)),
		"method":                      optionalString("OAuth method with `OAUTHBEARER`: "+oneOfText(oauthMethods)+".", oneOf(oauthMethods)),
		"username":                    optionalString("User name for `PLAIN` and `SCRAM-*`."),
		"token_endpoint_url":          optionalString("OAuth token endpoint for `OAUTHBEARER`."),
		"client_id":                   optionalString("OAuth client ID for `OAUTHBEARER`."),
		"scope":                       optionalString("OAuth scope for `OAUTHBEARER`."),
		"sasl_oauthbearer_extensions": optionalString("SASL OAUTHBEARER extensions, as Kafka writes them (`key=value,...`)."),
	}
	secretAttributes(kafkaAuth, "password", "Password for `PLAIN` and `SCRAM-*`")
	secretAttributes(kafkaAuth, "client_secret", "OAuth client secret for `OAUTHBEARER`")
	kafkaAuth["aws"] = schema.SingleNestedAttribute{MarkdownDescription: "The IAM role of `AWS_MSK_IAM` (Amazon MSK with IAM access control, over `SASL_SSL`).", Optional: true,
		Attributes: map[string]schema.Attribute{"role_arn": requiredString("ARN of the AWS IAM role Atlas assumes to sign in to the MSK cluster.",
			stringvalidator.RegexMatches(iamRolePattern, "must be an IAM role ARN, arn:aws:iam::<account>:role/<name>"))}}
	kafkaAuth["ssl_certificate"] = optionalString("Client certificate (PEM) for mutual TLS: `security.protocol = \"SSL\"` with no mechanism, and the key below.")
	secretAttributes(kafkaAuth, "ssl_key", "Private key (PEM) of the client certificate, for mutual TLS")
	secretAttributes(kafkaAuth, "ssl_key_password", "Password of the private key, when it is encrypted, for mutual TLS")
	registryAuth := map[string]schema.Attribute{
		"type":     requiredString("How the connection signs in to the registry: "+oneOfText(registryAuthTypes)+". `USER_INFO` needs `username` and a password.", oneOf(registryAuthTypes)),
		"username": optionalString("User name for `USER_INFO`."),
	}
	secretAttributes(registryAuth, "password", "Password for `USER_INFO`")
	roleArn := func(what string) map[string]schema.Attribute {
		return map[string]schema.Attribute{"role_arn": requiredString("ARN of the AWS IAM role Atlas assumes to reach " + what + ".")}
	}
	return schema.Schema{
		MarkdownDescription: "Manages a connection of an Atlas Stream Processing instance: a source or sink that its stream processors read and write " +
			"(an Atlas cluster, Kafka, an HTTPS endpoint, AWS, Azure and GCP services, a schema registry, or the sample source). " +
			"Settings change in place with one update; `project_id`, `instance_name`, `name`, `type` and the network access replace the connection. " +
			"Secrets come in two forms: a sensitive attribute kept in state as written, or a write-only `_wo` attribute that never reaches state, " +
			"sent with the create and every update (change its `_wo_version` to send a new value). The API never returns secrets, so an import leaves them null.",
		Attributes: tfresource.WithChildAttributes(tfresource.ConnectionKind, descID, map[string]schema.Attribute{
			"name": schema.StringAttribute{MarkdownDescription: descName, Required: true,
				Validators:    []validator.String{stringvalidator.RegexMatches(namePattern, "must be "+nameRule)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"type": schema.StringAttribute{MarkdownDescription: descType, Required: true, Validators: []validator.String{oneOf(connectionTypes)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"state": schema.StringAttribute{MarkdownDescription: descState, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"cluster": schema.SingleNestedAttribute{
				MarkdownDescription: typeDescription("Cluster", "an Atlas cluster"),
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"cluster_name": requiredString("Name of the Atlas cluster."),
					"cluster_project_id": optionalString("ID of the project that holds the cluster, when it is not the instance's: "+tfresource.ProjectIDRule+".",
						stringvalidator.RegexMatches(tfresource.ProjectIDPattern, "must be "+tfresource.ProjectIDRule)),
					"db_role_to_execute": schema.SingleNestedAttribute{
						MarkdownDescription: "Database role the connection acts as.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"role": requiredString("Name of the role, for example `atlasAdmin`."),
							"type": requiredString("Kind of role: "+oneOfText(roleTypes)+".", oneOf(roleTypes)),
						},
					},
				},
			},
			"kafka": schema.SingleNestedAttribute{
				MarkdownDescription: typeDescription("Kafka", "Apache Kafka topics"),
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"bootstrap_servers": requiredString("Brokers to start from, comma-separated `host:port`."),
					"authentication":    schema.SingleNestedAttribute{MarkdownDescription: "How the connection signs in to Kafka.", Optional: true, Attributes: kafkaAuth},
					"security": schema.SingleNestedAttribute{
						MarkdownDescription: "Transport security.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"protocol":                  optionalString("Security protocol: "+oneOfText(kafkaProtocols)+".", oneOf(kafkaProtocols)),
							"broker_public_certificate": optionalString("PEM certificate of the brokers' CA, for `SSL` and `SASL_SSL`."),
						},
					},
					"config": schema.MapAttribute{MarkdownDescription: "Kafka client settings, as Kafka names them (keys may hold dots, such as `auto.offset.reset`).",
						Optional: true, ElementType: types.StringType},
					"networking": networkingAttribute("the brokers", accessTypes, "When omitted, Atlas uses public access, and the state shows it. "),
				},
			},
			"https": schema.SingleNestedAttribute{
				MarkdownDescription: typeDescription("Https", "an HTTPS endpoint"),
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"url": requiredString("URL of the endpoint: `http://` or `https://`.", httpURL),
					"headers": schema.MapAttribute{MarkdownDescription: "Headers sent with each request. Sensitive, since they often carry tokens. " +
						"When left out (or `null`, as the configuration that `terraform query` writes has it), the connection keeps the headers Atlas holds; " +
						"`headers = {}` removes them.",
						Optional: true, Computed: true, Sensitive: true, ElementType: types.StringType,
						PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()}},
				},
			},
			"aws_lambda": schema.SingleNestedAttribute{MarkdownDescription: typeDescription("AWSLambda", "AWS Lambda functions"), Optional: true,
				Attributes: withNetworking(roleArn("the functions"), "the functions", publicPrivateAccessTypes)},
			"s3": schema.SingleNestedAttribute{
				MarkdownDescription: typeDescription("S3", "Amazon S3 buckets"),
				Optional:            true,
				Attributes: withNetworking(map[string]schema.Attribute{
					"role_arn":    requiredString("ARN of the AWS IAM role Atlas assumes to reach the buckets."),
					"test_bucket": optionalString("Bucket Atlas uses to check the role."),
				}, "the buckets", accessTypes),
			},
			"aws_kinesis_data_streams": schema.SingleNestedAttribute{MarkdownDescription: typeDescription("AWSKinesisDataStreams", "Amazon Kinesis data streams"),
				Optional: true, Attributes: withNetworking(roleArn("the streams"), "the streams", accessTypes)},
			"schema_registry": schema.SingleNestedAttribute{
				MarkdownDescription: typeDescription("SchemaRegistry", "a schema registry"),
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"provider": requiredString("Registry provider: "+oneOfText(registryProviders)+".", oneOf(registryProviders)),
					"urls": schema.ListAttribute{
						MarkdownDescription: fmt.Sprintf("URLs of the registry: 1 to %d, each once, `http://` or `https://`.", maxRegistryURLs),
						Required:            true,
						ElementType:         types.StringType,
						Validators: []validator.List{listvalidator.SizeBetween(1, maxRegistryURLs), listvalidator.UniqueValues(),
							listvalidator.ValueStringsAre(httpURL)},
					},
					"authentication": schema.SingleNestedAttribute{MarkdownDescription: "How the connection signs in to the registry.", Required: true, Attributes: registryAuth},
				},
			},
			"azure_blob_storage": schema.SingleNestedAttribute{
				MarkdownDescription: typeDescription("AzureBlobStorage", "Azure Blob Storage"),
				Optional:            true,
				Attributes: withNetworking(map[string]schema.Attribute{
					"service_principal_id": requiredString("ID of the Azure service principal Atlas acts as."),
					"storage_account_name": requiredString("Name of the Azure storage account."),
				}, "the storage account", publicPrivateAccessTypes),
			},
			"gcp_pubsub": schema.SingleNestedAttribute{
				MarkdownDescription: typeDescription("GCPPubSub", "Google Cloud Pub/Sub"),
				Optional:            true,
				Attributes: withNetworking(map[string]schema.Attribute{"service_account_id": requiredString("Google service account Atlas acts as.")},
					"Pub/Sub", publicPrivateAccessTypes),
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region of the connection, as the instance's regions are named. Atlas assigns the instance's primary region to a Kafka " +
					"connection of an instance with failover regions when it is left out, and the state shows it. Changed in place.",
				Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"timeouts": defaultTimeouts.Attribute(ctx),
		}),
	}
}
