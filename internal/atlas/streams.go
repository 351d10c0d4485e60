package atlas

import (
	"context"
	"errors"
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

// GetStreamInstance reads one instance with its connections. A 404 is a
// *NotFoundError only when the API confirms it (see confirmNotFound).
func (c *Client) GetStreamInstance(ctx context.Context, groupID, name string) (*StreamInstance, error) {
	var out StreamInstance
	q := url.Values{"includeConnections": {"true"}}
	if err := c.do(ctx, http.MethodGet, streamsPath(groupID)+"/"+name, q, nil, &out); err != nil {
		return nil, c.confirmNotFound(ctx, groupID, err)
	}
	return &out, nil
}

// confirmNotFound decides what a 404 on an instance means. Any status
// answers 404 for a wrong base URL, a proxy's missing page or a project the
// credentials cannot see, and none of those says the instance is gone. So a
// 404 counts as "no such instance" (*NotFoundError) only when its body is
// an Atlas error and the project's list answers 200, which proves that the
// path and the project are right; otherwise it is an
// *UnconfirmedNotFoundError. The list is asked for only after a 404, one
// item long. Other errors pass through unchanged.
func (c *Client) confirmNotFound(ctx context.Context, groupID string, err error) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		return err
	}
	unconfirmed := &UnconfirmedNotFoundError{URL: c.url(apiErr.Path, nil), Cause: apiErr}
	if apiErr.ErrorCode == "" {
		return unconfirmed
	}
	q := url.Values{"pageNum": {"1"}, "itemsPerPage": {"1"}}
	check := c.do(ctx, http.MethodGet, streamsPath(groupID), q, nil, nil) // Its status is all that counts.
	if check == nil {
		return &NotFoundError{APIError: apiErr}
	}
	unconfirmed.CheckURL, unconfirmed.Check = c.url(streamsPath(groupID), q), check
	return unconfirmed
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
// for a while after the API accepted it. A 404 is a *NotFoundError only
// when the API confirms it.
func (c *Client) DeleteStreamInstance(ctx context.Context, groupID, name string) error {
	return c.confirmNotFound(ctx, groupID, c.do(ctx, http.MethodDelete, streamsPath(groupID)+"/"+name, nil, nil, nil))
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
