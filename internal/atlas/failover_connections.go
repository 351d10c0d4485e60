package atlas

import (
	"context"
	"errors"
	"net/http"
)

// FailoverMediaType is the media type of failover connections.
const FailoverMediaType = StartWithMediaType

// The object and list names that not-found errors about failover
// connections use.
const (
	failoverObject   = "failover connection"
	failoverListWhat = "the connection's failover connection list"
)

func failoversPath(groupID, instance, connection string) string {
	return connectionPath(groupID, instance, connection) + "/failoverConnections"
}

// CreateFailoverConnection creates the failover copy of a connection for
// one failover region of its instance: one POST of the whole connection
// (name and type the primary's, region set).
func (c *Client) CreateFailoverConnection(ctx context.Context, groupID, instance, connection string, req StreamConnection) (*StreamConnection, error) {
	var out StreamConnection
	if err := c.call(ctx, FailoverMediaType, http.MethodPost, failoversPath(groupID, instance, connection), nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetFailoverConnection reads one failover connection. A 404 is a
// *NotFoundError only when the connection's failover list answers 200
// without it.
func (c *Client) GetFailoverConnection(ctx context.Context, groupID, instance, connection, id string) (*StreamConnection, error) {
	return confirmed(ctx, func(ctx context.Context) (*StreamConnection, error) {
		var out StreamConnection
		if err := c.call(ctx, FailoverMediaType, http.MethodGet, failoversPath(groupID, instance, connection)+"/"+id, nil, nil, &out); err != nil {
			return nil, err
		}
		return &out, nil
	}, func(ctx context.Context, err error) error {
		return c.confirmFailoverGone(ctx, err, groupID, instance, connection, id)
	})
}

// UpdateFailoverConnection replaces a failover connection's members: one
// PATCH with the whole object.
func (c *Client) UpdateFailoverConnection(ctx context.Context, groupID, instance, connection, id string, req StreamConnection) (*StreamConnection, error) {
	var out StreamConnection
	if err := c.call(ctx, FailoverMediaType, http.MethodPatch, failoversPath(groupID, instance, connection)+"/"+id, nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteFailoverConnection deletes a failover connection. A 404 is a
// *NotFoundError only when the API confirms it.
func (c *Client) DeleteFailoverConnection(ctx context.Context, groupID, instance, connection, id string) error {
	_, err := confirmed(ctx, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, c.call(ctx, FailoverMediaType, http.MethodDelete, failoversPath(groupID, instance, connection)+"/"+id, nil, nil, nil)
	}, func(ctx context.Context, err error) error {
		return c.confirmFailoverGone(ctx, err, groupID, instance, connection, id)
	})
	return err
}

// confirmFailoverGone confirms a 404 on a failover connection by its
// connection's failover list; when that list answers 404 too, a confirmed
// 404 on the connection itself (deleting a connection, or its instance,
// deletes its failover connections) confirms it.
func (c *Client) confirmFailoverGone(ctx context.Context, err error, groupID, instance, connection, id string) error {
	err = c.confirmNotFound(ctx, err, FailoverMediaType, failoverObject, failoverListWhat, failoversPath(groupID, instance, connection), id)
	var unconfirmed *UnconfirmedNotFoundError
	if !errors.As(err, &unconfirmed) || unconfirmed.ListHolds || StatusCode(unconfirmed.Check) != http.StatusNotFound {
		return err
	}
	if _, perr := c.GetStreamConnection(ctx, groupID, instance, connection); IsNotFound(perr) {
		return &NotFoundError{APIError: unconfirmed.Cause}
	}
	return err
}

// EachFailoverConnection hands a connection's failover connections to
// yield, in the API's order.
func (c *Client) EachFailoverConnection(ctx context.Context, groupID, instance, connection string, yield func(*StreamConnection) bool) (int, error) {
	return walkPages(ctx, c, FailoverMediaType, failoversPath(groupID, instance, connection), nil, yield)
}
