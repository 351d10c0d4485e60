package atlas

import (
	"context"
	"sync"
	"time"
)

// namesTTL is how long one list of an instance's connection names serves
// the plans that follow it: Terraform plans every processor of a
// configuration at once, so they share one list.
const namesTTL = 2 * time.Second

// connectionNames caches the connection names of instances, for the
// plan-time checks of processors (see ConnectionNames).
type connectionNames struct {
	mu         sync.Mutex
	byInstance map[string]*namesSnapshot
}

// namesSnapshot is one list of an instance's connection names, being read
// until ready is closed.
type namesSnapshot struct {
	ready  chan struct{}
	readAt time.Time
	names  map[string]bool
	err    error
}

// forget drops the instance's names once one of its connections was
// created or deleted.
func (n *connectionNames) forget(groupID, instance string) {
	n.mu.Lock()
	delete(n.byInstance, snapshotKey(groupID, instance))
	n.mu.Unlock()
}

// ConnectionNames returns the names of the instance's connections, from
// one walk of its connection list shared by the calls within namesTTL
// (concurrent calls wait for the walk in flight). The error is the list's:
// a confirmed missing instance is IsNotFound.
func (c *Client) ConnectionNames(ctx context.Context, groupID, instance string) (map[string]bool, error) {
	key := snapshotKey(groupID, instance)
	n := &c.names
	n.mu.Lock()
	snap := n.byInstance[key]
	if snap != nil {
		select {
		case <-snap.ready:
			if time.Since(snap.readAt) > namesTTL {
				snap = nil
			}
		default: // Being read: wait for it below.
		}
	}
	if snap == nil {
		snap = &namesSnapshot{ready: make(chan struct{})}
		if n.byInstance == nil {
			n.byInstance = map[string]*namesSnapshot{}
		}
		n.byInstance[key] = snap
		n.mu.Unlock()
		func() {
			defer close(snap.ready)
			snap.names = map[string]bool{}
			_, snap.err = c.EachStreamConnection(ctx, groupID, instance, func(sc *StreamConnection) bool {
				snap.names[sc.Name] = true
				return true
			})
			snap.readAt = time.Now()
		}()
		return snap.names, snap.err
	}
	n.mu.Unlock()
	select {
	case <-snap.ready:
		return snap.names, snap.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
