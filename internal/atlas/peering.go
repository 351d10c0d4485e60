package atlas

import (
	"context"
	"net/http"
	"net/url"
)

// VPCPeering is an incoming VPC peering of a project's Atlas VPC. Name is
// AWS's pcx-… id.
type VPCPeering struct {
	ID                 string `json:"_id"`
	Name               string `json:"name"`
	RequesterAccountID string `json:"requesterAccountId"`
	RequesterVpcID     string `json:"requesterVpcId"`
	RequesterCidr      string `json:"requesterCidr"`
	AccepterAccountID  string `json:"accepterAccountId"`
	AccepterVpcID      string `json:"accepterVpcId"`
	AccepterCidr       string `json:"accepterCidr"`
	LocalStatus        string `json:"localStatus"`
	CloudStatus        string `json:"cloudStatus"`
	StatusMessage      string `json:"statusMessage"`
	ExpirationTime     string `json:"expirationTime"`
}

// The object and list names that not-found errors about peerings use.
const (
	peeringObject = "VPC peering"
)

func peeringsPath(groupID string) string {
	return streamsPath(groupID) + "/vpcPeeringConnections"
}

// EachVPCPeering hands a requester account's peerings of the project to
// yield, in any state until they are gone.
func (c *Client) EachVPCPeering(ctx context.Context, groupID, requesterAccountID string, yield func(*VPCPeering) bool) (int, error) {
	return walkPages(ctx, c, MediaType, peeringsPath(groupID), url.Values{"requesterAccountId": {requesterAccountID}}, yield)
}

// EachActiveVPCPeering hands the project's ACTIVE peerings to yield.
func (c *Client) EachActiveVPCPeering(ctx context.Context, groupID string, yield func(*VPCPeering) bool) (int, error) {
	return walkPages(ctx, c, AccountDetailsMediaType, streamsPath(groupID)+"/activeVpcPeeringConnections", nil, yield)
}

// ListVPCPeerings returns a requester's peerings (every ACTIVE one of the
// project when requesterAccountID is empty).
func (c *Client) ListVPCPeerings(ctx context.Context, groupID, requesterAccountID string) ([]VPCPeering, int, error) {
	return collect(func(yield func(*VPCPeering) bool) (int, error) {
		if requesterAccountID == "" {
			return c.EachActiveVPCPeering(ctx, groupID, yield)
		}
		return c.EachVPCPeering(ctx, groupID, requesterAccountID, yield)
	})
}

// FindVPCPeering finds a peering by its pcx-… name (or _id) in the
// requester's list, or in the active list when requesterAccountID is
// empty. A list that answers without it gives a *NotFoundError.
func (c *Client) FindVPCPeering(ctx context.Context, groupID, requesterAccountID, name string) (*VPCPeering, error) {
	var found *VPCPeering
	find := func(p *VPCPeering) bool {
		if p.Name == name || p.ID == name {
			v := *p
			found = &v
			return false
		}
		return true
	}
	var err error
	if requesterAccountID == "" {
		_, err = c.EachActiveVPCPeering(ctx, groupID, find)
	} else {
		_, err = c.EachVPCPeering(ctx, groupID, requesterAccountID, find)
	}
	switch {
	case err != nil:
		return nil, err
	case found == nil:
		return nil, &NotFoundError{APIError: &APIError{StatusCode: http.StatusNotFound, Method: http.MethodGet, Path: peeringsPath(groupID) + "/" + name,
			ErrorCode: "STREAM_VPC_PEERING_CONNECTION_NOT_FOUND", Detail: "The " + peeringObject + " " + name + " is not in the project's list."}}
	}
	return found, nil
}

// AcceptVPCPeering accepts a pending peering; the requester's account and
// VPC are the challenge Atlas checks.
func (c *Client) AcceptVPCPeering(ctx context.Context, groupID, name, requesterAccountID, requesterVpcID string) error {
	defer c.peeringLists.forget(groupID, requesterAccountID)
	defer c.peeringLists.forget(groupID, "")
	body := map[string]string{"requesterAccountId": requesterAccountID, "requesterVpcId": requesterVpcID}
	return c.do(ctx, http.MethodPost, peeringsPath(groupID)+"/"+name+":accept", nil, body, nil)
}

// RejectVPCPeering rejects a pending peering.
func (c *Client) RejectVPCPeering(ctx context.Context, groupID, name string) error {
	return c.do(ctx, http.MethodPost, peeringsPath(groupID)+"/"+name+":reject", nil, nil, nil)
}

// DeleteVPCPeering asks for a peering's delete. A 404 is passed on as the
// API's error: callers confirm it with FindVPCPeering.
func (c *Client) DeleteVPCPeering(ctx context.Context, groupID, name string) error {
	// The peering's requester is not known here.
	c.peeringLists.forgetAll()
	return c.do(ctx, http.MethodDelete, peeringsPath(groupID)+"/"+name, nil, nil, nil)
}

// peeringLists shares one read of a requester's peering list among the
// refreshes of its peerings in one provider process (see sharedReads).
type peeringLists = sharedReads[map[string]VPCPeering]

// RefreshVPCPeering finds a peering for a refresh or a check: in its
// requester's list (the active list without one), read once for every
// call within snapshotTTL. A peering that list does not hold is looked for
// again with FindVPCPeering, so it counts as gone only as a fresh list
// confirms it.
func (c *Client) RefreshVPCPeering(ctx context.Context, groupID, requesterAccountID, name string) (*VPCPeering, error) {
	byName, err := c.peeringLists.get(ctx, groupID, requesterAccountID, func(ctx context.Context) (map[string]VPCPeering, error) {
		all, _, err := c.ListVPCPeerings(ctx, groupID, requesterAccountID)
		byName := make(map[string]VPCPeering, 2*len(all))
		for _, p := range all {
			byName[p.Name], byName[p.ID] = p, p
		}
		return byName, err
	})
	if err == nil {
		if p, ok := byName[name]; ok {
			return &p, nil
		}
	}
	return c.FindVPCPeering(ctx, groupID, requesterAccountID, name)
}
