package atlas

import (
	"context"
	"sync"
	"time"
)

// snapshotTTL is how long one list of an instance's processors serves the
// refreshes that follow it. Terraform refreshes every resource at the
// start of a plan, in parallel, so the reads of one plan fall within it;
// a later plan, in a new provider process, reads again.
const snapshotTTL = 2 * time.Second

// processorSnapshots shares one list of an instance's processors among
// the refreshes of its processors in one provider process: a plan of 100
// processors on 10 instances reads 10 lists instead of 100 processors.
type processorSnapshots struct {
	mu         sync.Mutex
	byInstance map[string]*processorSnapshot
}

// processorSnapshot is one list of an instance's processors, being read
// until ready is closed.
type processorSnapshot struct {
	ready  chan struct{}
	readAt time.Time
	byName map[string]StreamProcessor
	err    error
}

func snapshotKey(groupID, instance string) string { return groupID + "/" + instance }

// forget drops the instance's list once one of its processors was
// written to.
func (s *processorSnapshots) forget(groupID, instance string) {
	s.mu.Lock()
	delete(s.byInstance, snapshotKey(groupID, instance))
	s.mu.Unlock()
}

// RefreshStreamProcessor reads a processor for a refresh: from the first
// page of its instance's processor list, read once for every refresh
// within snapshotTTL (concurrent refreshes wait for the one read in
// flight). A processor the list does not hold, a list with more than one
// page, and a list that fails are read with GetStreamProcessor, so a
// processor counts as gone only as that confirms it.
func (c *Client) RefreshStreamProcessor(ctx context.Context, groupID, instance, name string) (*StreamProcessor, error) {
	snap := c.processorSnapshot(ctx, groupID, instance)
	if snap != nil && snap.err == nil {
		if p, ok := snap.byName[name]; ok {
			return &p, nil
		}
	}
	return c.GetStreamProcessor(ctx, groupID, instance, name)
}

// processorSnapshot returns a list of the instance's processors no older
// than snapshotTTL, reading it when there is none; nil when ctx ends
// first.
func (c *Client) processorSnapshot(ctx context.Context, groupID, instance string) *processorSnapshot {
	key := snapshotKey(groupID, instance)
	s := &c.snapshots
	s.mu.Lock()
	snap := s.byInstance[key]
	if snap != nil {
		select {
		case <-snap.ready:
			if time.Since(snap.readAt) > snapshotTTL {
				snap = nil
			}
		default: // Being read: wait for it below.
		}
	}
	if snap == nil {
		snap = &processorSnapshot{ready: make(chan struct{})}
		if s.byInstance == nil {
			s.byInstance = map[string]*processorSnapshot{}
		}
		s.byInstance[key] = snap
		s.mu.Unlock()
		c.readSnapshot(ctx, snap, groupID, instance)
		return snap
	}
	s.mu.Unlock()
	select {
	case <-snap.ready:
		return snap
	case <-ctx.Done():
		return nil
	}
}

// readSnapshot reads the first page of the instance's processor list into
// snap and marks it ready.
func (c *Client) readSnapshot(ctx context.Context, snap *processorSnapshot, groupID, instance string) {
	defer close(snap.ready)
	snap.byName = map[string]StreamProcessor{}
	_, err := walkPages(ctx, c, ProcessorMediaType, processorsPath(groupID, instance), nil, func(p *StreamProcessor) bool {
		snap.byName[p.Name] = *p
		return len(snap.byName) < MaxItemsPerPage
	})
	snap.readAt, snap.err = time.Now(), err
}
