package atlas

import (
	"context"
	"net/http"
	"net/url"
)

func streamsPath(groupID string) string {
	return "/api/atlas/v2/groups/" + groupID + "/streams"
}

func instancePath(groupID, name string) string {
	return streamsPath(groupID) + "/" + name
}

// The object and list names that not-found errors about instances use.
const (
	instanceObject   = "stream instance"
	instanceListWhat = "the project's list"
)

// CreateStreamInstance creates an instance: one POST.
func (c *Client) CreateStreamInstance(ctx context.Context, groupID string, req CreateRequest) (*StreamInstance, error) {
	var out StreamInstance
	if err := c.do(ctx, http.MethodPost, streamsPath(groupID), nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetStreamInstance reads one instance with its connections. A 404 is a
// *NotFoundError only when the project's list confirms it (see
// confirmNotFound); while the list holds the instance, it is read again.
func (c *Client) GetStreamInstance(ctx context.Context, groupID, name string) (*StreamInstance, error) {
	return confirmed(ctx, func(ctx context.Context) (*StreamInstance, error) { return c.getStreamInstance(ctx, groupID, name) },
		func(ctx context.Context, err error) error { return c.confirmInstanceNotFound(ctx, err, groupID, name) })
}

// confirmInstanceNotFound confirms a 404 on an instance, or on a list
// under it, with the project's list (see confirmNotFound).
func (c *Client) confirmInstanceNotFound(ctx context.Context, err error, groupID, name string) error {
	return c.confirmNotFound(ctx, err, MediaType, instanceObject, instanceListWhat, streamsPath(groupID), name)
}

// GetStreamInstanceAfterDelete reads an instance whose DELETE this client
// saw accepted at the same URL, while waiting for it to go: a 404 with an
// Atlas error body is then a *NotFoundError with no list to confirm it.
func (c *Client) GetStreamInstanceAfterDelete(ctx context.Context, groupID, name string) (*StreamInstance, error) {
	out, err := c.getStreamInstance(ctx, groupID, name)
	if err != nil {
		return nil, c.finalNotFound(err, instanceObject)
	}
	return out, nil
}

func (c *Client) getStreamInstance(ctx context.Context, groupID, name string) (*StreamInstance, error) {
	var out StreamInstance
	q := url.Values{"includeConnections": {"true"}}
	if err := c.do(ctx, http.MethodGet, instancePath(groupID, name), q, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateStreamInstance changes region, tier and max tier size in place, and
// adds failover regions: one PATCH.
func (c *Client) UpdateStreamInstance(ctx context.Context, groupID, name string, req UpdateRequest) (*StreamInstance, error) {
	var out StreamInstance
	if err := c.do(ctx, http.MethodPatch, instancePath(groupID, name), nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteStreamInstance asks for a delete; the instance may stay visible
// for a while after the API accepted it. A 404 is a *NotFoundError only
// when the project's list confirms it.
func (c *Client) DeleteStreamInstance(ctx context.Context, groupID, name string) error {
	_, err := confirmed(ctx, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, c.do(ctx, http.MethodDelete, instancePath(groupID, name), nil, nil, nil)
	}, func(ctx context.Context, err error) error { return c.confirmInstanceNotFound(ctx, err, groupID, name) })
	return err
}

// EachStreamInstance hands the project's instances to yield, in the API's
// order, reading page after page until yield returns false or the list
// ends; it returns the API's count of instances (-1 when it sent none).
func (c *Client) EachStreamInstance(ctx context.Context, groupID string, yield func(*StreamInstance) bool) (int, error) {
	return walkPages(ctx, c, MediaType, streamsPath(groupID), nil, yield)
}

// ListStreamInstances returns every instance of a project and the API's
// count of them.
func (c *Client) ListStreamInstances(ctx context.Context, groupID string) ([]StreamInstance, int, error) {
	return collect(func(yield func(*StreamInstance) bool) (int, error) { return c.EachStreamInstance(ctx, groupID, yield) })
}
