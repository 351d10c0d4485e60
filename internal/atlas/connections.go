package atlas

import (
	"context"
	"net/http"
)

// StreamConnection is a connection of a stream instance, as the API returns
// it and as creates and updates send it. Members of every type sit side by
// side; each type uses its own, and unknown members and types are ignored
// when decoding, so newer servers do not break the client. The API never
// returns secrets (Password, ClientSecret): they are only sent.
type StreamConnection struct {
	ID     string `json:"id,omitempty"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	State  string `json:"state,omitempty"`
	Region string `json:"region,omitempty"`

	// Cluster.
	ClusterName     string           `json:"clusterName,omitempty"`
	ClusterGroupID  string           `json:"clusterGroupId,omitempty"`
	DBRoleToExecute *DBRoleToExecute `json:"dbRoleToExecute,omitempty"`

	// Kafka. Config is a pointer so that an update can send {} to clear it.
	BootstrapServers string               `json:"bootstrapServers,omitempty"`
	Authentication   *KafkaAuthentication `json:"authentication,omitempty"`
	Security         *KafkaSecurity       `json:"security,omitempty"`
	Config           *map[string]string   `json:"config,omitempty"`
	Networking       *Networking          `json:"networking,omitempty"`

	// Https. Headers is a pointer so that an update can send {} to clear them.
	URL     string             `json:"url,omitempty"`
	Headers *map[string]string `json:"headers,omitempty"`

	// AWSLambda, S3 and AWSKinesisDataStreams.
	AWS *AWSRole `json:"aws,omitempty"`

	// PublicPrivateNetworking is the networking of AWSLambda,
	// AzureBlobStorage and GCPPubSub (Networking is that of Kafka, S3 and
	// AWSKinesisDataStreams).
	PublicPrivateNetworking *Networking `json:"publicPrivateNetworking,omitempty"`

	// SchemaRegistry.
	Provider                     string                        `json:"provider,omitempty"`
	SchemaRegistryURLs           []string                      `json:"schemaRegistryUrls,omitempty"`
	SchemaRegistryAuthentication *SchemaRegistryAuthentication `json:"schemaRegistryAuthentication,omitempty"`

	// AzureBlobStorage and GCPPubSub.
	Azure *AzureBlobStorage `json:"azure,omitempty"`
	GCP   *GCPPubSub        `json:"gcp,omitempty"`
}

// DBRoleToExecute is the database role a Cluster connection acts as.
type DBRoleToExecute struct {
	Role string `json:"role"`
	Type string `json:"type"`
}

// KafkaAuthentication is how a Kafka connection signs in.
type KafkaAuthentication struct {
	Mechanism                 string `json:"mechanism,omitempty"`
	Method                    string `json:"method,omitempty"`
	Username                  string `json:"username,omitempty"`
	Password                  string `json:"password,omitempty"`
	TokenEndpointURL          string `json:"tokenEndpointUrl,omitempty"`
	ClientID                  string `json:"clientId,omitempty"`
	ClientSecret              string `json:"clientSecret,omitempty"`
	Scope                     string `json:"scope,omitempty"`
	SaslOauthbearerExtensions string `json:"saslOauthbearerExtensions,omitempty"`
	// AWS is the IAM role of mechanism AWS_MSK_IAM.
	AWS *AWSRole `json:"aws,omitempty"`
	// SSLCertificate, SSLKey and SSLKeyPassword are mutual TLS (protocol
	// SSL); the key and its password are write-only.
	SSLCertificate string `json:"sslCertificate,omitempty"`
	SSLKey         string `json:"sslKey,omitempty"`
	SSLKeyPassword string `json:"sslKeyPassword,omitempty"`
}

// KafkaSecurity is the Kafka transport security.
type KafkaSecurity struct {
	Protocol                string `json:"protocol,omitempty"`
	BrokerPublicCertificate string `json:"brokerPublicCertificate,omitempty"`
}

// Networking is how a connection reaches its service.
type Networking struct {
	Access NetworkingAccess `json:"access"`
}

// NetworkingAccess is the kind of network path and, for a private link,
// its endpoint's id; for a transit gateway, its route.
type NetworkingAccess struct {
	Type         string `json:"type"`
	ConnectionID string `json:"connectionId,omitempty"`
	Name         string `json:"name,omitempty"`
	TGWRouteID   string `json:"tgwRouteId,omitempty"`
}

// AWSRole is the IAM role of an AWS connection, and an S3 test bucket.
type AWSRole struct {
	RoleArn    string `json:"roleArn"`
	TestBucket string `json:"testBucket,omitempty"`
}

// SchemaRegistryAuthentication is how a schema registry connection signs in.
type SchemaRegistryAuthentication struct {
	Type     string `json:"type"`
	Username string `json:"username,omitempty"`
	Password string `json:"password,omitempty"`
}

// AzureBlobStorage is the identity and account of an Azure connection.
type AzureBlobStorage struct {
	ServicePrincipalID string `json:"servicePrincipalId"`
	StorageAccountName string `json:"storageAccountName"`
}

// GCPPubSub is the service account of a GCP Pub/Sub connection.
type GCPPubSub struct {
	ServiceAccountID string `json:"serviceAccountId"`
}

func connectionsPath(groupID, instance string) string {
	return instancePath(groupID, instance) + "/connections"
}

func connectionPath(groupID, instance, name string) string {
	return connectionsPath(groupID, instance) + "/" + name
}

// The object and list names that not-found errors about connections use.
const (
	connectionObject   = "stream connection"
	connectionListWhat = "the instance's connection list"
)

// CreateStreamConnection creates a connection: one POST.
func (c *Client) CreateStreamConnection(ctx context.Context, groupID, instance string, req StreamConnection) (*StreamConnection, error) {
	defer c.names.forget(groupID, instance)
	var out StreamConnection
	if err := c.do(ctx, http.MethodPost, connectionsPath(groupID, instance), nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetStreamConnection reads one connection. A 404 is a *NotFoundError only
// when the API confirms it: the instance's connection list answers 200
// without it, or the instance itself is confirmed gone. While the list
// holds the connection, it is read again.
func (c *Client) GetStreamConnection(ctx context.Context, groupID, instance, name string) (*StreamConnection, error) {
	return confirmed(ctx, func(ctx context.Context) (*StreamConnection, error) {
		return c.ReadStreamConnection(ctx, groupID, instance, name)
	},
		func(ctx context.Context, err error) error {
			return c.confirmConnectionNotFound(ctx, err, groupID, instance, name)
		})
}

// ReadStreamConnection reads one connection and passes a 404 on as the
// API's error, unconfirmed: for waits on a URL that is known to be right
// (Atlas may answer 404 for a moment right after a create).
func (c *Client) ReadStreamConnection(ctx context.Context, groupID, instance, name string) (*StreamConnection, error) {
	var out StreamConnection
	if err := c.do(ctx, http.MethodGet, connectionPath(groupID, instance, name), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetStreamConnectionAfterDelete reads a connection whose DELETE this
// client saw accepted at the same URL: a 404 with an Atlas error body is
// then a *NotFoundError with no list to confirm it.
func (c *Client) GetStreamConnectionAfterDelete(ctx context.Context, groupID, instance, name string) (*StreamConnection, error) {
	out, err := c.ReadStreamConnection(ctx, groupID, instance, name)
	if err != nil {
		return nil, c.finalNotFound(err, connectionObject)
	}
	return out, nil
}

// UpdateStreamConnection replaces a connection's members: one PATCH with
// the whole object.
func (c *Client) UpdateStreamConnection(ctx context.Context, groupID, instance, name string, req StreamConnection) (*StreamConnection, error) {
	var out StreamConnection
	if err := c.do(ctx, http.MethodPatch, connectionPath(groupID, instance, name), nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteStreamConnection asks for a delete. A 404 is a *NotFoundError only
// when the API confirms it.
func (c *Client) DeleteStreamConnection(ctx context.Context, groupID, instance, name string) error {
	defer c.names.forget(groupID, instance)
	_, err := confirmed(ctx, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, c.do(ctx, http.MethodDelete, connectionPath(groupID, instance, name), nil, nil, nil)
	}, func(ctx context.Context, err error) error {
		return c.confirmConnectionNotFound(ctx, err, groupID, instance, name)
	})
	return err
}

// EachStreamConnection hands the instance's connections to yield, in the
// API's order, page after page until yield returns false or the list ends;
// it returns the API's count (-1 when it sent none).
func (c *Client) EachStreamConnection(ctx context.Context, groupID, instance string, yield func(*StreamConnection) bool) (int, error) {
	total, err := walkPages(ctx, c, MediaType, connectionsPath(groupID, instance), nil, yield)
	return total, c.confirmInstanceNotFound(ctx, err, groupID, instance)
}

// ListStreamConnections returns every connection of an instance and the
// API's count of them.
func (c *Client) ListStreamConnections(ctx context.Context, groupID, instance string) ([]StreamConnection, int, error) {
	return collect(func(yield func(*StreamConnection) bool) (int, error) {
		return c.EachStreamConnection(ctx, groupID, instance, yield)
	})
}

// confirmConnectionNotFound confirms a 404 on a connection (see
// confirmUnderInstance).
func (c *Client) confirmConnectionNotFound(ctx context.Context, err error, groupID, instance, name string) error {
	return c.confirmUnderInstance(ctx, err, MediaType, connectionObject, connectionListWhat, connectionsPath(groupID, instance), groupID, instance, name)
}
