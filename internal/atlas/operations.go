package atlas

import (
	"context"
	"net/http"
)

// StartOptions are the options of a :startWith (2025-03-12): the tier,
// where to resume from, and a failover. The zero value is a plain start
// from the checkpoint.
type StartOptions struct {
	Tier string `json:"tier,omitempty"`
	// ResumeFromCheckpoint false starts from the beginning of the source;
	// nil resumes from the checkpoint.
	ResumeFromCheckpoint *bool `json:"resumeFromCheckpoint,omitempty"`
	// StartAtOperationTime starts from that time (RFC 3339, UTC).
	StartAtOperationTime string             `json:"startAtOperationTime,omitempty"`
	Failover             *ProcessorFailover `json:"failover,omitempty"`
}

// ProcessorFailover moves a processor to a region (the primary or a
// failover region of its instance).
type ProcessorFailover struct {
	Region string `json:"region"`
	// Mode is GRACEFUL (Atlas's default) or FORCED.
	Mode            string `json:"mode,omitempty"`
	DryRun          bool   `json:"dryRun,omitempty"`
	ClearCheckpoint bool   `json:"clearCheckpoint,omitempty"`
}

// StartStreamProcessorWith sends a :startWith with options; the processor
// may show the result only later.
func (c *Client) StartStreamProcessorWith(ctx context.Context, groupID, instance, name string, opts StartOptions) error {
	defer c.snapshots.forget(groupID, instance)
	return c.call(ctx, StartWithMediaType, http.MethodPost, processorPath(groupID, instance, name)+":startWith", nil, opts, nil)
}

// ProcessorStatus is an instance's processorStatus: start (STARTED), stop
// (STOPPED) or fail over (FAILED_OVER, with a region) every processor at
// once.
type ProcessorStatus struct {
	Status string `json:"status"`
	Mode   string `json:"mode,omitempty"`
	Region string `json:"region,omitempty"`
}

// SetProcessorStatus sends the instance PATCH with processorStatus alone
// and returns the instance.
func (c *Client) SetProcessorStatus(ctx context.Context, groupID, instance string, status ProcessorStatus) (*StreamInstance, error) {
	defer c.snapshots.forget(groupID, instance)
	var out StreamInstance
	body := map[string]ProcessorStatus{"processorStatus": status}
	if err := c.do(ctx, http.MethodPatch, instancePath(groupID, instance), nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
