package streamprocessor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Waits of a processor: how often a 404 right after a create is waited
// out, and the first poll interval.
const (
	maxEarly404s = 10
	firstPoll    = 500 * time.Millisecond
)

// errFailed is a processor that Atlas reports FAILED while it was being
// started or waited for.
var errFailed = errors.New("Atlas reports the processor FAILED: check its pipeline, connections and DLQ, and the processor's logs in Atlas") //nolint:staticcheck // Atlas is a name.

// processorAPI is what the lifecycle needs of the client.
type processorAPI struct {
	c                         *atlas.Client
	projectID, instance, name string
}

// waitState polls the processor until Atlas shows one of the states,
// and returns it as read. A 404 right after a create is waited out (reads
// may lag writes); FAILED ends the wait with errFailed unless it is one of
// the states; other states (INIT, CREATING, the state before a change in
// flight) are waited through.
func (p processorAPI) waitState(ctx context.Context, states ...string) (*atlas.StreamProcessor, error) {
	var last *atlas.StreamProcessor
	failed, early := false, 0
	err := tfresource.WaitFor(ctx, fmt.Sprintf("waiting for processor %q to be %s", p.name, states), firstPoll, func(ctx context.Context) (bool, error) {
		got, err := p.c.ReadStreamProcessor(ctx, p.projectID, p.instance, p.name)
		if atlas.StatusCode(err) == http.StatusNotFound && early < maxEarly404s {
			early++
			return false, nil
		}
		if err != nil {
			return false, err
		}
		last = got
		switch {
		case slices.Contains(states, got.State):
			return true, nil
		case got.State == "FAILED":
			failed = true
			return true, nil
		}
		return false, nil
	})
	if err == nil && failed {
		err = errFailed
	}
	return last, err
}

// start starts the processor, with :startWith and the tier when one is
// set, and waits until Atlas shows it STARTED. A start refused while
// Atlas is still creating the processor is sent again once it is.
func (p processorAPI) start(ctx context.Context, tier string) (*atlas.StreamProcessor, error) {
	err := p.c.StartStreamProcessor(ctx, p.projectID, p.instance, p.name, tier)
	if s := atlas.StatusCode(err); s >= 400 && s < 500 && s != http.StatusUnauthorized && s != http.StatusForbidden {
		tflog.Debug(ctx, "the start was refused; waiting until the processor can start", map[string]any{"name": p.name, "error": err.Error()})
		got, werr := p.waitState(ctx, "CREATED", "STOPPED", "FAILED", "STARTED")
		switch {
		case werr != nil && !errors.Is(werr, errFailed):
			return nil, err
		case got != nil && got.State == "STARTED":
			return got, nil // An earlier start went through after all.
		}
		err = p.c.StartStreamProcessor(ctx, p.projectID, p.instance, p.name, tier)
	}
	if err != nil {
		return nil, fmt.Errorf("starting processor %q: %w", p.name, err)
	}
	return p.waitState(ctx, "STARTED")
}

// stop stops the processor and waits until Atlas shows it STOPPED.
func (p processorAPI) stop(ctx context.Context) (*atlas.StreamProcessor, error) {
	if err := p.c.StopStreamProcessor(ctx, p.projectID, p.instance, p.name); err != nil {
		return nil, fmt.Errorf("stopping processor %q: %w", p.name, err)
	}
	return p.waitState(ctx, "STOPPED")
}

// reach moves a processor from the state it is in to the target state:
// a start for STARTED, a stop for STOPPED (a FAILED processor is started
// first, since only a running processor stops). CREATED is reached only
// by not starting.
func (p processorAPI) reach(ctx context.Context, cur *atlas.StreamProcessor, target, tier string) (*atlas.StreamProcessor, error) {
	switch {
	case cur.State == target:
		return cur, nil
	case target == "STARTED":
		return p.start(ctx, tier)
	case target == "STOPPED" && cur.State == "STARTED":
		return p.stop(ctx)
	case target == "STOPPED":
		if _, err := p.start(ctx, tier); err != nil {
			return nil, err
		}
		return p.stop(ctx)
	}
	return cur, nil
}

// createOrAdopt sends the create. When its outcome is unknown it reads the
// processor: one with the pipeline asked for is adopted, none means the
// create is sent again (three times at most), and another is an error. A
// resend refused as a taken name adopts the processor when it matches.
func createOrAdopt(ctx context.Context, p processorAPI, body atlas.StreamProcessor) (*atlas.StreamProcessor, error) {
	wait := time.Second
	matches := func(got *atlas.StreamProcessor) bool {
		a, errA := canonical(string(got.Pipeline))
		b, errB := canonical(string(body.Pipeline))
		return errA == nil && errB == nil && a == b
	}
	for attempt := 1; ; attempt++ {
		created, err := p.c.CreateStreamProcessor(ctx, p.projectID, p.instance, body)
		switch {
		case err == nil:
			return created, nil
		case atlas.IsDecodeError(err):
			if got, gerr := p.c.ReadStreamProcessor(ctx, p.projectID, p.instance, p.name); gerr == nil {
				return got, nil
			}
			return nil, err
		case attempt > 1 && tfresource.MayMeanNameTaken(err):
			if got, gerr := p.c.ReadStreamProcessor(ctx, p.projectID, p.instance, p.name); gerr == nil && matches(got) {
				return got, nil
			}
			return nil, err
		case !tfresource.OutcomeUnknown(err) || ctx.Err() != nil:
			return nil, err
		}
		got, gerr := p.c.ReadStreamProcessor(ctx, p.projectID, p.instance, p.name)
		switch {
		case gerr == nil && matches(got):
			return got, nil
		case gerr == nil:
			return nil, fmt.Errorf("the create of processor %q had no clear answer (%w), and a processor of that name now exists with another pipeline; it is not adopted", p.name, err)
		case atlas.StatusCode(gerr) != http.StatusNotFound:
			return nil, fmt.Errorf("the create of processor %q had no clear answer (%w), and checking whether it was applied failed too: %w", p.name, err, gerr)
		case attempt >= 3:
			return nil, err
		}
		if tfresource.Sleep(ctx, wait) != nil {
			return nil, err
		}
		wait *= 2
	}
}
