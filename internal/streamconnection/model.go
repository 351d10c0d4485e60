package streamconnection

import (
	"context"
	"strconv"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// connectionModel is the Terraform state of a connection, shared by the
// resource and the data sources (whose schemas lack the secrets).
type connectionModel struct {
	ID             types.String `tfsdk:"id"`
	ProjectID      types.String `tfsdk:"project_id"`
	InstanceName   types.String `tfsdk:"instance_name"`
	Name           types.String `tfsdk:"name"`
	Type           types.String `tfsdk:"type"`
	State          types.String `tfsdk:"state"`
	Cluster        types.Object `tfsdk:"cluster"`
	Kafka          types.Object `tfsdk:"kafka"`
	HTTPS          types.Object `tfsdk:"https"`
	AWSLambda      types.Object `tfsdk:"aws_lambda"`
	S3             types.Object `tfsdk:"s3"`
	Kinesis        types.Object `tfsdk:"aws_kinesis_data_streams"`
	SchemaRegistry types.Object `tfsdk:"schema_registry"`
	Azure          types.Object `tfsdk:"azure_blob_storage"`
	GCP            types.Object `tfsdk:"gcp_pubsub"`
	Region         types.String `tfsdk:"region"`
}

// resourceModel adds the timeouts the resource has and data sources lack.
type resourceModel struct {
	connectionModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// typed returns the nested attribute values by attribute name.
func (m *connectionModel) typed() map[string]*types.Object {
	return map[string]*types.Object{
		"cluster": &m.Cluster, "kafka": &m.Kafka, "https": &m.HTTPS, "aws_lambda": &m.AWSLambda, "s3": &m.S3,
		"aws_kinesis_data_streams": &m.Kinesis, "schema_registry": &m.SchemaRegistry, "azure_blob_storage": &m.Azure, "gcp_pubsub": &m.GCP,
	}
}

// nullTyped sets every nested attribute of the types to null.
func (m *connectionModel) nullTyped() {
	for a, p := range m.typed() {
		*p = nullTypedValues[a]
	}
}

// nullTypedValues are the null values of the types' nested attributes,
// built once: a schema attribute builds its type anew at each call, and
// every conversion of a connection or failover connection needs them.
var nullTypedValues = func() map[string]types.Object {
	out := map[string]types.Object{}
	for _, a := range typedAttributes() {
		out[a] = types.ObjectNull(nestedType(a).AttrTypes)
	}
	return out
}()

// Write-only values come from the configuration only; writeOnly holds
// them for a request.
type writeOnly struct {
	KafkaPassword, KafkaClientSecret, RegistryPassword, SSLKey, SSLKeyPassword types.String
}

// str returns the string of a known attribute, "" otherwise.
func str(o types.Object, name string) string {
	if o.IsNull() || o.IsUnknown() {
		return ""
	}
	s, _ := o.Attributes()[name].(types.String)
	return s.ValueString()
}

// stringMap returns a map attribute's strings; nil when null or unknown.
func stringMap(o types.Object, name string) *map[string]string {
	if o.IsNull() || o.IsUnknown() {
		return nil
	}
	m, _ := o.Attributes()[name].(types.Map)
	if m.IsNull() || m.IsUnknown() {
		return nil
	}
	out := make(map[string]string, len(m.Elements()))
	for k, v := range m.Elements() {
		out[k] = v.(types.String).ValueString()
	}
	return &out
}

// secret returns the sensitive form of a secret, or else the write-only
// one from the configuration.
func secret(auth types.Object, name string, wo types.String) string {
	if s := str(auth, name); s != "" {
		return s
	}
	return wo.ValueString()
}

// toAPI builds the whole connection a create or an update sends, from a
// plan and the write-only values of the configuration, every secret the
// configuration holds included. An update clears Kafka's config and
// Https's headers with {} when the plan has none.
func toAPI(m connectionModel, wo writeOnly, update bool) atlas.StreamConnection {
	c := atlas.StreamConnection{Name: m.Name.ValueString(), Type: m.Type.ValueString()}
	if !m.Region.IsUnknown() {
		c.Region = m.Region.ValueString()
	}
	cleared := func(p *map[string]string) *map[string]string {
		if p == nil && update {
			return &map[string]string{}
		}
		return p
	}
	switch c.Type {
	case "Cluster":
		c.ClusterName, c.ClusterGroupID = str(m.Cluster, "cluster_name"), str(m.Cluster, "cluster_project_id")
		if role := objectAttr(m.Cluster, "db_role_to_execute"); tfresource.Known(role) {
			c.DBRoleToExecute = &atlas.DBRoleToExecute{Role: str(role, "role"), Type: str(role, "type")}
		}
	case "Kafka":
		c.BootstrapServers = str(m.Kafka, "bootstrap_servers")
		if auth := objectAttr(m.Kafka, "authentication"); tfresource.Known(auth) {
			c.Authentication = &atlas.KafkaAuthentication{
				Mechanism: str(auth, "mechanism"), Method: str(auth, "method"), Username: str(auth, "username"),
				Password:         secret(auth, "password", wo.KafkaPassword),
				TokenEndpointURL: str(auth, "token_endpoint_url"), ClientID: str(auth, "client_id"),
				ClientSecret: secret(auth, "client_secret", wo.KafkaClientSecret),
				Scope:        str(auth, "scope"), SaslOauthbearerExtensions: str(auth, "sasl_oauthbearer_extensions"),
				SSLCertificate: str(auth, "ssl_certificate"), SSLKey: secret(auth, "ssl_key", wo.SSLKey),
				SSLKeyPassword: secret(auth, "ssl_key_password", wo.SSLKeyPassword),
			}
			if aws := objectAttr(auth, "aws"); tfresource.Known(aws) {
				c.Authentication.AWS = &atlas.AWSRole{RoleArn: str(aws, "role_arn")}
			}
		}
		if sec := objectAttr(m.Kafka, "security"); tfresource.Known(sec) {
			c.Security = &atlas.KafkaSecurity{Protocol: str(sec, "protocol"), BrokerPublicCertificate: str(sec, "broker_public_certificate")}
		}
		c.Config = cleared(stringMap(m.Kafka, "config"))
	case "Https":
		c.URL, c.Headers = str(m.HTTPS, "url"), cleared(stringMap(m.HTTPS, "headers"))
	case "AWSLambda":
		c.AWS = &atlas.AWSRole{RoleArn: str(m.AWSLambda, "role_arn")}
	case "S3":
		c.AWS = &atlas.AWSRole{RoleArn: str(m.S3, "role_arn"), TestBucket: str(m.S3, "test_bucket")}
	case "AWSKinesisDataStreams":
		c.AWS = &atlas.AWSRole{RoleArn: str(m.Kinesis, "role_arn")}
	case "SchemaRegistry":
		c.Provider = str(m.SchemaRegistry, "provider")
		if urls, ok := m.SchemaRegistry.Attributes()["urls"].(types.List); ok {
			for _, u := range urls.Elements() {
				c.SchemaRegistryURLs = append(c.SchemaRegistryURLs, u.(types.String).ValueString())
			}
		}
		if auth := objectAttr(m.SchemaRegistry, "authentication"); tfresource.Known(auth) {
			c.SchemaRegistryAuthentication = &atlas.SchemaRegistryAuthentication{Type: str(auth, "type"), Username: str(auth, "username"),
				Password: secret(auth, "password", wo.RegistryPassword)}
		}
	case "AzureBlobStorage":
		c.Azure = &atlas.AzureBlobStorage{ServicePrincipalID: str(m.Azure, "service_principal_id"), StorageAccountName: str(m.Azure, "storage_account_name")}
	case "GCPPubSub":
		c.GCP = &atlas.GCPPubSub{ServiceAccountID: str(m.GCP, "service_account_id")}
	}
	if own, ok := m.typed()[typeAttributes[c.Type]]; ok {
		if n := networkingToAPI(*own); n != nil && networkingMember(c.Type) == "publicPrivateNetworking" {
			c.PublicPrivateNetworking = n
		} else {
			c.Networking = n
		}
	}
	return c
}

// networkingToAPI reads the networking attribute of a type's settings;
// nil when it is not set (or not known).
func networkingToAPI(settings types.Object) *atlas.Networking {
	if !tfresource.Known(settings) {
		return nil
	}
	net := objectAttr(settings, "networking")
	if !tfresource.Known(net) {
		return nil
	}
	access := objectAttr(net, "access")
	if !tfresource.Known(access) {
		return nil
	}
	return &atlas.Networking{Access: atlas.NetworkingAccess{Type: str(access, "type"), ConnectionID: str(access, "connection_id"),
		Name: str(access, "name"), TGWRouteID: str(access, "tgw_route_id")}}
}

// networkingValue is the networking attribute of what the API returned.
func networkingValue(n *atlas.Networking) types.Object {
	if n == nil {
		return types.ObjectNull(networkingType.AttrTypes)
	}
	return types.ObjectValueMust(networkingType.AttrTypes, map[string]attr.Value{"access": types.ObjectValueMust(accessType.AttrTypes, map[string]attr.Value{
		"type": sv(n.Access.Type), "connection_id": sv(n.Access.ConnectionID), "name": sv(n.Access.Name), "tgw_route_id": sv(n.Access.TGWRouteID),
	})})
}

// sv is a string value that is null when empty: the API leaves empty
// members out.
func sv(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// keep returns the prior value of an attribute of a nested object the
// API never returns (a secret or its version), or null.
func keep(prior types.Object, name string, typ attr.Type) attr.Value {
	if tfresource.Known(prior) {
		if v, ok := prior.Attributes()[name]; ok && !v.IsUnknown() {
			return v
		}
	}
	switch typ {
	case types.Int64Type:
		return types.Int64Null()
	default:
		return types.StringNull()
	}
}

// mapValue is a string map from the API: null when empty, unless the prior
// value is an empty map (written so in the configuration).
func mapValue(m *map[string]string, prior attr.Value) types.Map {
	if m == nil || len(*m) == 0 {
		if pm, ok := prior.(types.Map); ok && !pm.IsNull() && !pm.IsUnknown() && len(pm.Elements()) == 0 {
			return types.MapValueMust(types.StringType, map[string]attr.Value{})
		}
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(*m))
	for k, v := range *m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

// priorAttr returns an attribute of a known prior object, or nil.
func priorAttr(prior types.Object, name string) attr.Value {
	if tfresource.Known(prior) {
		return prior.Attributes()[name]
	}
	return nil
}

// fromAPI converts a connection from the API into the model. prior is the
// state or plan it replaces: it supplies the project and instance, and the
// secrets and write-only versions, which the API never returns (an import
// has none: they stay null). Values are built directly, without the
// framework's reflection: a refresh converts every connection.
func fromAPI(in *atlas.StreamConnection, prior connectionModel) connectionModel {
	m := connectionModel{
		ID: types.StringValue(in.ID), ProjectID: prior.ProjectID, InstanceName: prior.InstanceName,
		Name: types.StringValue(in.Name), Type: types.StringValue(in.Type), State: sv(in.State), Region: sv(in.Region),
	}
	net := in.Networking
	if networkingMember(in.Type) == "publicPrivateNetworking" && in.PublicPrivateNetworking != nil {
		net = in.PublicPrivateNetworking
	}
	networking := networkingValue(net)
	if in.Name == "" {
		m.Name = prior.Name
	}
	m.nullTyped()
	obj := func(t types.ObjectType, values map[string]attr.Value) types.Object {
		return types.ObjectValueMust(t.AttrTypes, values)
	}
	switch in.Type {
	case "Cluster":
		role := types.ObjectNull(dbRoleType.AttrTypes)
		if in.DBRoleToExecute != nil {
			role = obj(dbRoleType, map[string]attr.Value{"role": sv(in.DBRoleToExecute.Role), "type": sv(in.DBRoleToExecute.Type)})
		}
		m.Cluster = obj(clusterType, map[string]attr.Value{"cluster_name": sv(in.ClusterName), "cluster_project_id": sv(in.ClusterGroupID), "db_role_to_execute": role})
	case "Kafka":
		pa := objectAttr(prior.Kafka, "authentication")
		auth := types.ObjectNull(kafkaAuthType.AttrTypes)
		if a := in.Authentication; a != nil {
			awsRole := types.ObjectNull(kafkaAWSType.AttrTypes)
			if a.AWS != nil {
				awsRole = obj(kafkaAWSType, map[string]attr.Value{"role_arn": sv(a.AWS.RoleArn)})
			}
			auth = obj(kafkaAuthType, map[string]attr.Value{
				"mechanism": sv(a.Mechanism), "method": sv(a.Method), "username": sv(a.Username),
				"token_endpoint_url": sv(a.TokenEndpointURL), "client_id": sv(a.ClientID), "scope": sv(a.Scope), "sasl_oauthbearer_extensions": sv(a.SaslOauthbearerExtensions),
				"password": keep(pa, "password", types.StringType), "password_wo": types.StringNull(), "password_wo_version": keep(pa, "password_wo_version", types.Int64Type),
				"client_secret": keep(pa, "client_secret", types.StringType), "client_secret_wo": types.StringNull(),
				"client_secret_wo_version": keep(pa, "client_secret_wo_version", types.Int64Type),
				"aws":                      awsRole, "ssl_certificate": sv(a.SSLCertificate),
				"ssl_key": keep(pa, "ssl_key", types.StringType), "ssl_key_wo": types.StringNull(), "ssl_key_wo_version": keep(pa, "ssl_key_wo_version", types.Int64Type),
				"ssl_key_password": keep(pa, "ssl_key_password", types.StringType), "ssl_key_password_wo": types.StringNull(),
				"ssl_key_password_wo_version": keep(pa, "ssl_key_password_wo_version", types.Int64Type),
			})
		}
		security := types.ObjectNull(securityType.AttrTypes)
		if s := in.Security; s != nil {
			security = obj(securityType, map[string]attr.Value{"protocol": sv(s.Protocol), "broker_public_certificate": sv(s.BrokerPublicCertificate)})
		}
		m.Kafka = obj(kafkaType, map[string]attr.Value{
			"bootstrap_servers": sv(in.BootstrapServers), "authentication": auth, "security": security,
			"config": mapValue(in.Config, priorAttr(prior.Kafka, "config")), "networking": networking,
		})
	case "Https":
		m.HTTPS = obj(httpsType, map[string]attr.Value{"url": sv(in.URL), "headers": mapValue(in.Headers, priorAttr(prior.HTTPS, "headers"))})
	case "AWSLambda", "S3", "AWSKinesisDataStreams":
		var role, bucket string
		if in.AWS != nil {
			role, bucket = in.AWS.RoleArn, in.AWS.TestBucket
		}
		switch in.Type {
		case "AWSLambda":
			m.AWSLambda = obj(lambdaType, map[string]attr.Value{"role_arn": sv(role), "networking": networking})
		case "S3":
			m.S3 = obj(s3Type, map[string]attr.Value{"role_arn": sv(role), "test_bucket": sv(bucket), "networking": networking})
		default:
			m.Kinesis = obj(kinesisType, map[string]attr.Value{"role_arn": sv(role), "networking": networking})
		}
	case "SchemaRegistry":
		urls := make([]attr.Value, len(in.SchemaRegistryURLs))
		for i, u := range in.SchemaRegistryURLs {
			urls[i] = types.StringValue(u)
		}
		pa := objectAttr(prior.SchemaRegistry, "authentication")
		auth := types.ObjectNull(registryAuthTyp.AttrTypes)
		if a := in.SchemaRegistryAuthentication; a != nil {
			auth = obj(registryAuthTyp, map[string]attr.Value{
				"type": sv(a.Type), "username": sv(a.Username),
				"password": keep(pa, "password", types.StringType), "password_wo": types.StringNull(), "password_wo_version": keep(pa, "password_wo_version", types.Int64Type),
			})
		}
		m.SchemaRegistry = obj(registryType, map[string]attr.Value{"provider": sv(in.Provider), "urls": types.ListValueMust(types.StringType, urls), "authentication": auth})
	case "AzureBlobStorage":
		var sp, account string
		if in.Azure != nil {
			sp, account = in.Azure.ServicePrincipalID, in.Azure.StorageAccountName
		}
		m.Azure = obj(azureType, map[string]attr.Value{"service_principal_id": sv(sp), "storage_account_name": sv(account), "networking": networking})
	case "GCPPubSub":
		var sa string
		if in.GCP != nil {
			sa = in.GCP.ServiceAccountID
		}
		m.GCP = obj(gcpType, map[string]attr.Value{"service_account_id": sv(sa), "networking": networking})
	}
	return m
}

// apiAttributePath maps a field path of the API, as a field violation
// names it (clusterName, authentication.mechanism, schemaRegistryUrls[1]),
// to the attribute of a connection of type typ that the user wrote; ok is
// false when the resource has no such attribute.
func apiAttributePath(ctx context.Context, typ, field string) (path.Path, bool) {
	switch field {
	case "name", "type", "region":
		return path.Root(field), true
	}
	own, ok := typeAttributes[typ]
	if !ok {
		return path.Empty(), false
	}
	renames := map[string]string{"clusterGroupId": "clusterProjectId", "schemaRegistryUrls": "urls", "schemaRegistryAuthentication": "authentication",
		"publicPrivateNetworking": "networking"}
	p := path.Root(own)
	for i, seg := range strings.Split(field, ".") {
		name, index, hasIndex := strings.Cut(seg, "[")
		if i == 0 && (name == "aws" || name == "azure" || name == "gcp") {
			continue // These members are the nested attribute itself.
		}
		if r, ok := renames[name]; ok {
			name = r
		}
		p = p.AtName(tfresource.SnakeCase(name))
		if hasIndex {
			n, err := strconv.Atoi(strings.TrimSuffix(index, "]"))
			if err != nil || !strings.HasSuffix(index, "]") || n < 0 {
				return path.Empty(), false
			}
			p = p.AtListIndex(n)
		}
	}
	if _, d := typesSchema.AttributeAtPath(ctx, p); d.HasError() {
		return path.Empty(), false
	}
	return p, true
}
