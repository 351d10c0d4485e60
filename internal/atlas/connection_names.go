package atlas

import (
	"context"
	"time"
)

// namesTTL is how long one list of an instance's connection names serves
// the plans that follow it: Terraform plans every processor of a
// configuration at once, so they share one list.
const namesTTL = 2 * time.Second

// connectionNames caches the connection names of instances, for the
// plan-time checks of processors (see ConnectionNames).
type connectionNames = sharedReads[map[string]bool]

// ConnectionNames returns the names of the instance's connections, from
// one walk of its connection list shared by the calls within namesTTL
// (concurrent calls wait for the walk in flight). The error is the list's:
// a confirmed missing instance is IsNotFound.
func (c *Client) ConnectionNames(ctx context.Context, groupID, instance string) (map[string]bool, error) {
	return c.names.get(ctx, groupID, instance, func(ctx context.Context) (map[string]bool, error) {
		names := map[string]bool{}
		_, err := c.EachStreamConnection(ctx, groupID, instance, func(sc *StreamConnection) bool {
			names[sc.Name] = true
			return true
		})
		return names, err
	})
}
