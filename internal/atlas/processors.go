package atlas

import (
	"context"
	"encoding/json"
	"net/http"
)

// StreamProcessor is a stream processor as the API returns it, and the body
// of a create or a modify (whose members are all optional). Pipeline is
// the stages as JSON, sent and returned with their key order; Stats is the
// API's opaque stats object. Unknown fields are ignored.
type StreamProcessor struct {
	ID              string            `json:"_id,omitempty"`
	Name            string            `json:"name,omitempty"`
	Pipeline        json.RawMessage   `json:"pipeline,omitempty"`
	State           string            `json:"state,omitempty"`
	Options         *ProcessorOptions `json:"options,omitempty"`
	Tier            string            `json:"tier,omitempty"`
	FailoverEnabled *bool             `json:"failoverEnabled,omitempty"`
	Stats           json.RawMessage   `json:"stats,omitempty"`
	// EligibleForFailover is read-only: whether Atlas can fail it over.
	EligibleForFailover *bool `json:"eligibleForFailover,omitempty"`
}

// ProcessorOptions hold the dead letter queue and, in a modify, whether
// the processor resumes from its checkpoint (false when $source changes).
type ProcessorOptions struct {
	DLQ                  *DLQ  `json:"dlq,omitempty"`
	ResumeFromCheckpoint *bool `json:"resumeFromCheckpoint,omitempty"`
}

// DLQ is a processor's dead letter queue: a collection of a Cluster
// connection. An empty one in a modify removes it.
type DLQ struct {
	ConnectionName string `json:"connectionName,omitempty"`
	DB             string `json:"db,omitempty"`
	Coll           string `json:"coll,omitempty"`
}

func processorsPath(groupID, instance string) string {
	return instancePath(groupID, instance) + "/processors"
}

func processorPath(groupID, instance, name string) string {
	return instancePath(groupID, instance) + "/processor/" + name
}

// The object and list names that not-found errors about processors use.
const (
	processorObject   = "stream processor"
	processorListWhat = "the instance's processor list"
)

// CreateStreamProcessor creates a processor, CREATED: one POST.
func (c *Client) CreateStreamProcessor(ctx context.Context, groupID, instance string, req StreamProcessor) (*StreamProcessor, error) {
	defer c.snapshots.forget(groupID, instance)
	var out StreamProcessor
	if err := c.call(ctx, ProcessorMediaType, http.MethodPost, instancePath(groupID, instance)+"/processor", nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetStreamProcessor reads one processor with its state and stats. A 404
// is a *NotFoundError only when the API confirms it: the instance's
// processor list answers 200 without it, or the instance itself is
// confirmed gone. While the list holds the processor, it is read again.
func (c *Client) GetStreamProcessor(ctx context.Context, groupID, instance, name string) (*StreamProcessor, error) {
	return confirmed(ctx, func(ctx context.Context) (*StreamProcessor, error) {
		return c.ReadStreamProcessor(ctx, groupID, instance, name)
	},
		func(ctx context.Context, err error) error {
			return c.confirmProcessorNotFound(ctx, err, groupID, instance, name)
		})
}

// ReadStreamProcessor reads one processor and passes a 404 on as the
// API's error, unconfirmed: for waits on a URL known to be right.
func (c *Client) ReadStreamProcessor(ctx context.Context, groupID, instance, name string) (*StreamProcessor, error) {
	var out StreamProcessor
	if err := c.call(ctx, ProcessorMediaType, http.MethodGet, processorPath(groupID, instance, name), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateStreamProcessor modifies a processor that is not running: one
// PATCH with the members that change (name renames it).
func (c *Client) UpdateStreamProcessor(ctx context.Context, groupID, instance, name string, req StreamProcessor) (*StreamProcessor, error) {
	defer c.snapshots.forget(groupID, instance)
	var out StreamProcessor
	if err := c.call(ctx, ProcessorMediaType, http.MethodPatch, processorPath(groupID, instance, name), nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteStreamProcessor deletes a processor in any state. A 404 is a
// *NotFoundError only when the API confirms it.
func (c *Client) DeleteStreamProcessor(ctx context.Context, groupID, instance, name string) error {
	defer c.snapshots.forget(groupID, instance)
	_, err := confirmed(ctx, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, c.call(ctx, ProcessorMediaType, http.MethodDelete, processorPath(groupID, instance, name), nil, nil, nil)
	}, func(ctx context.Context, err error) error {
		return c.confirmProcessorNotFound(ctx, err, groupID, instance, name)
	})
	return err
}

// StartStreamProcessor asks for a start; the processor may show STARTED
// only later. With a tier it is :startWith {"tier": ...} (2025-03-12),
// otherwise :start.
func (c *Client) StartStreamProcessor(ctx context.Context, groupID, instance, name, tier string) error {
	defer c.snapshots.forget(groupID, instance)
	if tier != "" {
		return c.call(ctx, StartWithMediaType, http.MethodPost, processorPath(groupID, instance, name)+":startWith", nil, map[string]string{"tier": tier}, nil)
	}
	return c.call(ctx, ProcessorMediaType, http.MethodPost, processorPath(groupID, instance, name)+":start", nil, nil, nil)
}

// StopStreamProcessor asks for a stop; the processor may show STOPPED only
// later.
func (c *Client) StopStreamProcessor(ctx context.Context, groupID, instance, name string) error {
	defer c.snapshots.forget(groupID, instance)
	return c.call(ctx, ProcessorMediaType, http.MethodPost, processorPath(groupID, instance, name)+":stop", nil, nil, nil)
}

// EachStreamProcessor hands the instance's processors to yield, in the
// API's order, page after page until yield returns false or the list ends;
// it returns the API's count (-1 when it sent none).
func (c *Client) EachStreamProcessor(ctx context.Context, groupID, instance string, yield func(*StreamProcessor) bool) (int, error) {
	total, err := walkPages(ctx, c, ProcessorMediaType, processorsPath(groupID, instance), nil, yield)
	return total, c.confirmInstanceNotFound(ctx, err, groupID, instance)
}

// ListStreamProcessors returns every processor of an instance and the
// API's count of them.
func (c *Client) ListStreamProcessors(ctx context.Context, groupID, instance string) ([]StreamProcessor, int, error) {
	return collect(func(yield func(*StreamProcessor) bool) (int, error) {
		return c.EachStreamProcessor(ctx, groupID, instance, yield)
	})
}

// confirmProcessorNotFound confirms a 404 on a processor (see
// confirmUnderInstance).
func (c *Client) confirmProcessorNotFound(ctx context.Context, err error, groupID, instance, name string) error {
	return c.confirmUnderInstance(ctx, err, ProcessorMediaType, processorObject, processorListWhat, processorsPath(groupID, instance), groupID, instance, name)
}

// Uses reports whether the processor reads or writes the connection: a
// connectionName in any stage of its pipeline, or its DLQ.
func (p *StreamProcessor) Uses(connection string) bool {
	if p.Options != nil && p.Options.DLQ != nil && p.Options.DLQ.ConnectionName == connection {
		return true
	}
	var stages []any
	if json.Unmarshal(p.Pipeline, &stages) != nil {
		return false
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch v := v.(type) {
		case map[string]any:
			if name, ok := v["connectionName"].(string); ok && name == connection {
				return true
			}
			for _, x := range v {
				if walk(x) {
					return true
				}
			}
		case []any:
			for _, x := range v {
				if walk(x) {
					return true
				}
			}
		}
		return false
	}
	return walk(stages)
}
