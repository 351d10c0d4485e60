package atlas

import (
	"context"
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
type processorSnapshots = sharedReads[map[string]StreamProcessor]

// RefreshStreamProcessor reads a processor for a refresh: from the first
// page of its instance's processor list, read once for every refresh
// within snapshotTTL (concurrent refreshes wait for the one read in
// flight). A processor the list does not hold, a list with more than one
// page, and a list that fails are read with GetStreamProcessor, so a
// processor counts as gone only as that confirms it.
func (c *Client) RefreshStreamProcessor(ctx context.Context, groupID, instance, name string) (*StreamProcessor, error) {
	byName, err := c.snapshots.get(ctx, groupID, instance, func(ctx context.Context) (map[string]StreamProcessor, error) {
		byName := map[string]StreamProcessor{}
		_, err := walkPages(ctx, c, ProcessorMediaType, processorsPath(groupID, instance), nil, func(p *StreamProcessor) bool {
			byName[p.Name] = *p
			return len(byName) < MaxItemsPerPage
		})
		return byName, err
	})
	if err == nil {
		if p, found := byName[name]; found {
			return &p, nil
		}
	}
	return c.GetStreamProcessor(ctx, groupID, instance, name)
}
