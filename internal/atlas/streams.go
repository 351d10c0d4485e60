package atlas

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

func streamsPath(groupID string) string {
	return "/api/atlas/v2/groups/" + groupID + "/streams"
}

// CreateStreamInstance creates an instance: one POST.
func (c *Client) CreateStreamInstance(ctx context.Context, groupID string, req CreateRequest) (*StreamInstance, error) {
	var out StreamInstance
	if err := c.do(ctx, http.MethodPost, streamsPath(groupID), nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetStreamInstance reads one instance with its connections.
func (c *Client) GetStreamInstance(ctx context.Context, groupID, name string) (*StreamInstance, error) {
	var out StreamInstance
	q := url.Values{"includeConnections": {"true"}}
	if err := c.do(ctx, http.MethodGet, streamsPath(groupID)+"/"+name, q, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateStreamInstance changes region and tier in place: one PATCH.
func (c *Client) UpdateStreamInstance(ctx context.Context, groupID, name string, req UpdateRequest) (*StreamInstance, error) {
	var out StreamInstance
	if err := c.do(ctx, http.MethodPatch, streamsPath(groupID)+"/"+name, nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteStreamInstance asks for a delete; the instance may stay visible
// for a while after the API accepted it.
func (c *Client) DeleteStreamInstance(ctx context.Context, groupID, name string) error {
	return c.do(ctx, http.MethodDelete, streamsPath(groupID)+"/"+name, nil, nil, nil)
}

// ListStreamInstancesPage reads one page.
func (c *Client) ListStreamInstancesPage(ctx context.Context, groupID string, pageNum, itemsPerPage int) (*Page, error) {
	var out Page
	q := url.Values{"pageNum": {strconv.Itoa(pageNum)}, "itemsPerPage": {strconv.Itoa(itemsPerPage)}}
	if err := c.do(ctx, http.MethodGet, streamsPath(groupID), q, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// MaxItemsPerPage is the largest page the API serves.
const MaxItemsPerPage = 500

// ListStreamInstances follows pagination to the end with the largest page
// size and returns every instance and the server's total count.
func (c *Client) ListStreamInstances(ctx context.Context, groupID string) ([]StreamInstance, int, error) {
	var all []StreamInstance
	total := 0
	for page := 1; ; page++ {
		p, err := c.ListStreamInstancesPage(ctx, groupID, page, MaxItemsPerPage)
		if err != nil {
			return nil, 0, err
		}
		all = append(all, p.Results...)
		total = p.TotalCount
		if len(p.Results) < MaxItemsPerPage || len(all) >= total {
			return all, total, nil
		}
		if page > total/MaxItemsPerPage+1 {
			return nil, 0, fmt.Errorf("listing stream instances of project %s: the API kept returning full pages past its totalCount %d", groupID, total)
		}
	}
}
