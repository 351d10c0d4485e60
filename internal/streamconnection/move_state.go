package streamconnection

import (
	"context"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// mongodbatlasConnection is the resource type of MongoDB's provider
// (registry address mongodb/mongodbatlas, or a mirror of it) that a moved
// block can bring over.
const mongodbatlasConnection = "mongodbatlas_stream_connection"

// mongodbatlasState is what this provider takes from a state written by
// MongoDB's provider: flat attributes, whose members of each type go into
// that type's nested attribute here. Its secrets (authentication.password
// and client_secret, schema_registry_authentication.password) are the
// sensitive forms of this provider's.
type mongodbatlasState struct {
	tfresource.MongoDBPlace
	ConnectionName   string                       `json:"connection_name"`
	Type             string                       `json:"type"`
	ClusterName      string                       `json:"cluster_name"`
	ClusterProjectID string                       `json:"cluster_project_id"`
	DBRoleToExecute  *struct{ Role, Type string } `json:"db_role_to_execute"`
	BootstrapServers string                       `json:"bootstrap_servers"`
	Config           map[string]string            `json:"config"`
	Authentication   *struct {
		Mechanism                 string `json:"mechanism"`
		Method                    string `json:"method"`
		Username                  string `json:"username"`
		Password                  string `json:"password"`
		TokenEndpointURL          string `json:"token_endpoint_url"`
		ClientID                  string `json:"client_id"`
		ClientSecret              string `json:"client_secret"`
		Scope                     string `json:"scope"`
		SaslOauthbearerExtensions string `json:"sasl_oauthbearer_extensions"`
	} `json:"authentication"`
	Security *struct {
		Protocol                string `json:"protocol"`
		BrokerPublicCertificate string `json:"broker_public_certificate"`
	} `json:"security"`
	Networking *struct {
		Access struct {
			Type         string `json:"type"`
			ConnectionID string `json:"connection_id"`
		} `json:"access"`
	} `json:"networking"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
	AWS     *struct {
		RoleArn    string `json:"role_arn"`
		TestBucket string `json:"test_bucket"`
	} `json:"aws"`
	Azure *struct {
		ServicePrincipalID string `json:"service_principal_id"`
		StorageAccountName string `json:"storage_account_name"`
	} `json:"azure"`
	GCP *struct {
		ServiceAccountID string `json:"service_account_id"`
	} `json:"gcp"`
	SchemaRegistryProvider       string   `json:"schema_registry_provider"`
	SchemaRegistryURLs           []string `json:"schema_registry_urls"`
	SchemaRegistryAuthentication *struct {
		Type     string `json:"type"`
		Username string `json:"username"`
		Password string `json:"password"`
	} `json:"schema_registry_authentication"`
}

// moveFromMongoDBAtlas converts the state of a mongodbatlas_stream_connection.
// Any other source is not this mover's: it leaves the response empty, and
// Terraform says the move is not supported. The id and state are not in
// the source (MongoDB's id is its own); the refresh after the move reads
// them.
func moveFromMongoDBAtlas(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src mongodbatlasState
	if !tfresource.ReadMoveSource(req, resp, &src, mongodbatlasConnection) {
		return
	}
	o, ok := src.Child(req, resp, tfresource.ConnectionKind, "connection_name", src.ConnectionName, [2]string{"type", src.Type})
	if !ok {
		return
	}
	m := fromAPI(src.asAPI(), connectionModel{ProjectID: types.StringValue(o.ProjectID), InstanceName: types.StringValue(o.Instance)})
	m.ID, m.State = types.StringNull(), types.StringNull()
	keepSecrets(&m, src)
	resp.Diagnostics.Append(codec().SetState(ctx, &resp.TargetState, resourceModel{connectionModel: m, Timeouts: tfresource.NullTimeouts()})...)
	identity.SetChild(resp.TargetIdentity, o)
}

// asAPI reads the source as the API would answer it, secrets aside.
func (s mongodbatlasState) asAPI() *atlas.StreamConnection {
	c := &atlas.StreamConnection{Name: s.ConnectionName, Type: s.Type, ClusterName: s.ClusterName, ClusterGroupID: s.ClusterProjectID,
		BootstrapServers: s.BootstrapServers, URL: s.URL, Provider: s.SchemaRegistryProvider, SchemaRegistryURLs: s.SchemaRegistryURLs}
	if s.DBRoleToExecute != nil {
		c.DBRoleToExecute = &atlas.DBRoleToExecute{Role: s.DBRoleToExecute.Role, Type: s.DBRoleToExecute.Type}
	}
	if a := s.Authentication; a != nil {
		c.Authentication = &atlas.KafkaAuthentication{Mechanism: a.Mechanism, Method: a.Method, Username: a.Username, TokenEndpointURL: a.TokenEndpointURL,
			ClientID: a.ClientID, Scope: a.Scope, SaslOauthbearerExtensions: a.SaslOauthbearerExtensions}
	}
	if sec := s.Security; sec != nil {
		c.Security = &atlas.KafkaSecurity{Protocol: sec.Protocol, BrokerPublicCertificate: sec.BrokerPublicCertificate}
	}
	if n := s.Networking; n != nil {
		c.Networking = &atlas.Networking{Access: atlas.NetworkingAccess{Type: n.Access.Type, ConnectionID: n.Access.ConnectionID}}
	}
	if s.Config != nil {
		c.Config = &s.Config
	}
	if s.Headers != nil {
		c.Headers = &s.Headers
	}
	if s.AWS != nil {
		c.AWS = &atlas.AWSRole{RoleArn: s.AWS.RoleArn, TestBucket: s.AWS.TestBucket}
	}
	if s.Azure != nil {
		c.Azure = &atlas.AzureBlobStorage{ServicePrincipalID: s.Azure.ServicePrincipalID, StorageAccountName: s.Azure.StorageAccountName}
	}
	if s.GCP != nil {
		c.GCP = &atlas.GCPPubSub{ServiceAccountID: s.GCP.ServiceAccountID}
	}
	if a := s.SchemaRegistryAuthentication; a != nil {
		c.SchemaRegistryAuthentication = &atlas.SchemaRegistryAuthentication{Type: a.Type, Username: a.Username}
	}
	return c
}

// keepSecrets puts the source's secrets into their sensitive forms, as the
// configuration that moved them over writes them.
func keepSecrets(m *connectionModel, s mongodbatlasState) {
	set := func(o types.Object, t types.ObjectType, values map[string]string) types.Object {
		if o.IsNull() {
			return o
		}
		attrs := o.Attributes()
		for k, v := range values {
			if v != "" {
				attrs[k] = types.StringValue(v)
			}
		}
		return types.ObjectValueMust(t.AttrTypes, attrs)
	}
	if a := s.Authentication; a != nil && !m.Kafka.IsNull() {
		attrs := m.Kafka.Attributes()
		attrs["authentication"] = set(objectAttr(m.Kafka, "authentication"), kafkaAuthType, map[string]string{"password": a.Password, "client_secret": a.ClientSecret})
		m.Kafka = types.ObjectValueMust(kafkaType.AttrTypes, attrs)
	}
	if a := s.SchemaRegistryAuthentication; a != nil && !m.SchemaRegistry.IsNull() {
		attrs := m.SchemaRegistry.Attributes()
		attrs["authentication"] = set(objectAttr(m.SchemaRegistry, "authentication"), registryAuthTyp, map[string]string{"password": a.Password})
		m.SchemaRegistry = types.ObjectValueMust(registryType.AttrTypes, attrs)
	}
}
