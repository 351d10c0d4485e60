package atlas

import (
	"context"
	"sync"
	"time"
)

// sharedReads shares one read of something an instance has (its
// processors, its connection names) among the calls of one provider
// process that come within ttl of it: Terraform plans and refreshes every
// resource at once, so the calls for one instance's objects fall within
// it. Concurrent calls wait for the read in flight; a write to the
// instance's objects forgets it.
type sharedReads[V any] struct {
	ttl   time.Duration
	mu    sync.Mutex
	byKey map[string]*sharedRead[V]
}

// sharedRead is one read, in flight until ready is closed.
type sharedRead[V any] struct {
	ready  chan struct{}
	readAt time.Time
	value  V
	err    error
}

func instanceKey(groupID, instance string) string { return groupID + "/" + instance }

// forget drops the instance's read once one of its objects was written.
func (s *sharedReads[V]) forget(groupID, instance string) {
	s.mu.Lock()
	delete(s.byKey, instanceKey(groupID, instance))
	s.mu.Unlock()
}

// forgetAll drops every read: a write whose scope the keys do not name.
func (s *sharedReads[V]) forgetAll() {
	s.mu.Lock()
	clear(s.byKey)
	s.mu.Unlock()
}

// get returns a read of the instance no older than ttl, reading it when
// there is none; the error is ctx's when it ended while another call's
// read was in flight.
func (s *sharedReads[V]) get(ctx context.Context, groupID, instance string, read func(context.Context) (V, error)) (V, error) {
	key := instanceKey(groupID, instance)
	s.mu.Lock()
	r := s.byKey[key]
	if r != nil {
		select {
		case <-r.ready:
			if time.Since(r.readAt) > s.ttl {
				r = nil
			}
		default: // Being read: wait for it below.
		}
	}
	if r == nil {
		r = &sharedRead[V]{ready: make(chan struct{})}
		if s.byKey == nil {
			s.byKey = map[string]*sharedRead[V]{}
		}
		s.byKey[key] = r
		s.mu.Unlock()
		r.value, r.err = read(ctx)
		r.readAt = time.Now()
		close(r.ready)
		return r.value, r.err
	}
	s.mu.Unlock()
	select {
	case <-r.ready:
		return r.value, r.err
	case <-ctx.Done():
		var none V
		return none, ctx.Err()
	}
}
