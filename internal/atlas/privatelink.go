package atlas

import (
	"context"
	"net/http"
)

// PrivateLinkUpdateMediaType is the media type of the Private Link PATCH.
const PrivateLinkUpdateMediaType = StartWithMediaType

// PrivateLinkEndpoint is a project's Private Link endpoint (a "Private Link
// connection" of the API), as the API returns it and as a create sends it.
// Unknown members are ignored; the read-only ones are never sent.
type PrivateLinkEndpoint struct {
	ID                       string   `json:"_id,omitempty"`
	Provider                 string   `json:"provider,omitempty"`
	Vendor                   string   `json:"vendor,omitempty"`
	Region                   string   `json:"region,omitempty"`
	ServiceEndpointID        string   `json:"serviceEndpointId,omitempty"`
	ARN                      string   `json:"arn,omitempty"`
	DNSDomain                string   `json:"dnsDomain,omitempty"`
	DNSSubDomain             []string `json:"dnsSubDomain,omitempty"`
	AzureResourceIDs         []string `json:"azureResourceIds,omitempty"`
	GCPServiceAttachmentURIs []string `json:"gcpServiceAttachmentUris,omitempty"`
	AuthenticationScheme     string   `json:"authenticationScheme,omitempty"`

	// Read-only.
	State                 string `json:"state,omitempty"`
	ErrorMessage          string `json:"errorMessage,omitempty"`
	InterfaceEndpointID   string `json:"interfaceEndpointId,omitempty"`
	InterfaceEndpointName string `json:"interfaceEndpointName,omitempty"`
	ProviderAccountID     string `json:"providerAccountId,omitempty"`
}

// createRequest is the endpoint without its read-only members.
func (e PrivateLinkEndpoint) createRequest() PrivateLinkEndpoint {
	e.ID, e.State, e.ErrorMessage, e.InterfaceEndpointID, e.InterfaceEndpointName, e.ProviderAccountID = "", "", "", "", "", ""
	return e
}

// The object and list names that not-found errors about endpoints use.
const (
	privateLinkObject   = "Private Link endpoint"
	privateLinkListWhat = "the project's Private Link endpoint list"
)

func privateLinksPath(groupID string) string {
	return streamsPath(groupID) + "/privateLinkConnections"
}

func privateLinkPath(groupID, id string) string {
	return privateLinksPath(groupID) + "/" + id
}

// CreatePrivateLink creates an endpoint: one POST. Atlas's answer echoes
// the request with its _id; read the endpoint for the rest.
func (c *Client) CreatePrivateLink(ctx context.Context, groupID string, req PrivateLinkEndpoint) (*PrivateLinkEndpoint, error) {
	defer c.linkLists.forget(groupID, "")
	var out PrivateLinkEndpoint
	if err := c.do(ctx, http.MethodPost, privateLinksPath(groupID), nil, req.createRequest(), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetPrivateLink reads one endpoint. A 404 is a *NotFoundError only when
// the project's endpoint list answers 200 without it.
func (c *Client) GetPrivateLink(ctx context.Context, groupID, id string) (*PrivateLinkEndpoint, error) {
	return confirmed(ctx, func(ctx context.Context) (*PrivateLinkEndpoint, error) {
		return c.ReadPrivateLink(ctx, groupID, id)
	}, func(ctx context.Context, err error) error {
		return c.confirmNotFound(ctx, err, MediaType, privateLinkObject, privateLinkListWhat, privateLinksPath(groupID), id)
	})
}

// ReadPrivateLink reads one endpoint and passes a 404 on unconfirmed.
func (c *Client) ReadPrivateLink(ctx context.Context, groupID, id string) (*PrivateLinkEndpoint, error) {
	var out PrivateLinkEndpoint
	if err := c.do(ctx, http.MethodGet, privateLinkPath(groupID, id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetPrivateLinkAfterDelete reads an endpoint whose DELETE this client saw
// accepted: a 404 with an Atlas error body is then a *NotFoundError.
func (c *Client) GetPrivateLinkAfterDelete(ctx context.Context, groupID, id string) (*PrivateLinkEndpoint, error) {
	out, err := c.ReadPrivateLink(ctx, groupID, id)
	if err != nil {
		return nil, c.finalNotFound(err, privateLinkObject)
	}
	return out, nil
}

// UpdatePrivateLinkDNSDomain sets an endpoint's DNS domain: the one PATCH
// Atlas takes (AWS Confluent), with the 2025-03-12 media type.
func (c *Client) UpdatePrivateLinkDNSDomain(ctx context.Context, groupID, id, domain string) (*PrivateLinkEndpoint, error) {
	defer c.linkLists.forget(groupID, "")
	var out PrivateLinkEndpoint
	body := map[string]string{"dnsDomain": domain}
	if err := c.call(ctx, PrivateLinkUpdateMediaType, http.MethodPatch, privateLinkPath(groupID, id), nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeletePrivateLink asks for an endpoint's delete. A 404 is a
// *NotFoundError only when the API confirms it.
func (c *Client) DeletePrivateLink(ctx context.Context, groupID, id string) error {
	defer c.linkLists.forget(groupID, "")
	_, err := confirmed(ctx, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, c.do(ctx, http.MethodDelete, privateLinkPath(groupID, id), nil, nil, nil)
	}, func(ctx context.Context, err error) error {
		return c.confirmNotFound(ctx, err, MediaType, privateLinkObject, privateLinkListWhat, privateLinksPath(groupID), id)
	})
	return err
}

// EachPrivateLink hands the project's endpoints to yield in the API's
// order until yield returns false or the list ends.
func (c *Client) EachPrivateLink(ctx context.Context, groupID string, yield func(*PrivateLinkEndpoint) bool) (int, error) {
	return walkPages(ctx, c, MediaType, privateLinksPath(groupID), nil, yield)
}

// ListPrivateLinks returns every endpoint of a project and the API's count.
func (c *Client) ListPrivateLinks(ctx context.Context, groupID string) ([]PrivateLinkEndpoint, int, error) {
	return collect(func(yield func(*PrivateLinkEndpoint) bool) (int, error) {
		return c.EachPrivateLink(ctx, groupID, yield)
	})
}

// privateLinkLists shares one read of a project's endpoint list among the
// refreshes of its endpoints in one provider process (see sharedReads).
type privateLinkLists = sharedReads[map[string]PrivateLinkEndpoint]

// RefreshPrivateLink reads an endpoint for a refresh: from the project's
// endpoint list, read once for every refresh within snapshotTTL. An
// endpoint the list does not hold, and a list that fails, are read with
// GetPrivateLink, so an endpoint counts as gone only as that confirms it.
func (c *Client) RefreshPrivateLink(ctx context.Context, groupID, id string) (*PrivateLinkEndpoint, error) {
	byID, err := c.linkLists.get(ctx, groupID, "", func(ctx context.Context) (map[string]PrivateLinkEndpoint, error) {
		byID := map[string]PrivateLinkEndpoint{}
		_, err := c.EachPrivateLink(ctx, groupID, func(e *PrivateLinkEndpoint) bool {
			byID[e.ID] = *e
			return true
		})
		return byID, err
	})
	if err == nil {
		if e, ok := byID[id]; ok {
			return &e, nil
		}
	}
	return c.GetPrivateLink(ctx, groupID, id)
}
