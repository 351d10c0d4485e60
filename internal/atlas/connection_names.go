package atlas

import (
	"context"
	"time"
)

// namesTTL is how long one list of an instance's connections, or one read
// of the instance, serves the plans that follow it: Terraform plans every
// processor or failover connection of a configuration at once, so they
// share one read.
const namesTTL = 2 * time.Second

// connectionNames caches the connection types of instances by name, for
// plan-time checks (see ConnectionTypes).
type connectionNames = sharedReads[map[string]string]

// instancesForPlans caches instances for plan-time checks (see
// StreamInstanceForPlan).
type instancesForPlans = sharedReads[*StreamInstance]

// ConnectionTypes returns the type of each of the instance's connections
// by name, from one walk of its connection list shared by the calls within
// namesTTL (concurrent calls wait for the walk in flight). The error is the
// list's: a confirmed missing instance is IsNotFound. For plan-time checks
// only: it may be up to namesTTL old.
func (c *Client) ConnectionTypes(ctx context.Context, groupID, instance string) (map[string]string, error) {
	return c.names.get(ctx, groupID, instance, func(ctx context.Context) (map[string]string, error) {
		types := map[string]string{}
		_, err := c.EachStreamConnection(ctx, groupID, instance, func(sc *StreamConnection) bool {
			types[sc.Name] = sc.Type
			return true
		})
		return types, err
	})
}

// ConnectionNames returns the names of the instance's connections (see
// ConnectionTypes).
func (c *Client) ConnectionNames(ctx context.Context, groupID, instance string) (map[string]bool, error) {
	types, err := c.ConnectionTypes(ctx, groupID, instance)
	names := make(map[string]bool, len(types))
	for name := range types {
		names[name] = true
	}
	return names, err
}

// StreamInstanceForPlan reads an instance, once for the calls within
// namesTTL (see ConnectionTypes). For plan-time checks only.
func (c *Client) StreamInstanceForPlan(ctx context.Context, groupID, name string) (*StreamInstance, error) {
	return c.plannedInstances.get(ctx, groupID, name, func(ctx context.Context) (*StreamInstance, error) {
		return c.GetStreamInstance(ctx, groupID, name)
	})
}
