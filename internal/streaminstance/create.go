package streaminstance

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maxCreateAttempts bounds how often a create is sent again after the API
// confirmed that an earlier attempt with an unknown outcome was not applied.
const maxCreateAttempts = 5

// createOrAdopt sends the create. When its outcome is unknown (the
// connection broke after the request was sent, or a 5xx that may hide a
// success) it asks the API whether the instance exists: one that matches
// the request is adopted, none means the create was not applied and it is
// sent again after a backoff, and one that does not match is an error. A
// create is never sent twice while an earlier one may have been applied.
// When such a resend is refused as a taken name (409, or a 400: see
// mayMeanNameTaken), the earlier create most likely was applied after all
// and the read did not show it yet (reads can lag writes): the instance is
// looked for again, with backoff, and adopted if it matches.
func createOrAdopt(ctx context.Context, c *atlas.Client, projectID string, body atlas.CreateRequest) (*atlas.StreamInstance, error) {
	wait := createRetryWait
	for attempt := 1; ; attempt++ {
		created, err := c.CreateStreamInstance(ctx, projectID, body)
		if err != nil && ctx.Err() != nil && atlas.StatusCode(err) == 0 {
			return adoptAfterInterrupt(ctx, c, projectID, body, err)
		}
		if atlas.IsDecodeError(err) {
			// The API said yes but its answer was unreadable: read the
			// instance instead of leaving it out of state.
			tflog.Warn(ctx, "the create succeeded with an unreadable answer; reading the instance", map[string]any{"name": body.Name, "error": err.Error()})
			if got, gerr := c.GetStreamInstance(ctx, projectID, body.Name); gerr == nil {
				return got, nil
			}
			return nil, err
		}
		if attempt > 1 && tfresource.MayMeanNameTaken(err) {
			return adoptAfterConflict(ctx, c, projectID, body, err)
		}
		if err == nil || !tfresource.OutcomeUnknown(err) {
			return created, err
		}
		tflog.Warn(ctx, "the outcome of a create is unknown; asking the API whether it was applied",
			map[string]any{"project_id": projectID, "name": body.Name, "error": err.Error()})
		got, gerr := c.GetStreamInstance(ctx, projectID, body.Name)
		switch {
		case gerr == nil && matchesRequest(got, body):
			tflog.Info(ctx, "the create was applied; adopting the instance", map[string]any{"name": body.Name, "id": got.ID})
			return got, nil
		case gerr == nil:
			return nil, fmt.Errorf("the create of %q had no clear answer (%w), and an instance of that name now exists with other settings; "+
				"it may belong to someone else, so it is not adopted", body.Name, err)
		case !atlas.IsNotFound(gerr):
			return nil, fmt.Errorf("the create of %q had no clear answer (%w), and checking whether it was applied failed too: %w", body.Name, err, gerr)
		case attempt >= maxCreateAttempts:
			return nil, err
		}
		if serr := tfresource.Sleep(ctx, wait); serr != nil {
			return nil, fmt.Errorf("the create of %q had no clear answer (%w), and the API said it was not applied; there was no time left to send it again", body.Name, err)
		}
		wait = min(2*wait, maxCreateRetryWait)
	}
}

// Waits between the attempts of a create, and between the looks for an
// instance after a resend met 409.
const (
	createRetryWait    = 500 * time.Millisecond
	maxCreateRetryWait = 8 * time.Second
	conflictLooks      = 5
)

// adoptAfterConflict runs when a resent create met 409 or 400 after the API had
// said the first create was not applied: the instance is looked for with
// backoff and adopted when it matches the request. One that does not match
// is someone else's, and the 409 stands.
func adoptAfterConflict(ctx context.Context, c *atlas.Client, projectID string, body atlas.CreateRequest, conflict error) (*atlas.StreamInstance, error) {
	wait := createRetryWait
	var lastErr error
	for look := 1; ; look++ {
		got, err := c.GetStreamInstance(ctx, projectID, body.Name)
		switch {
		case err == nil && matchesRequest(got, body):
			tflog.Info(ctx, "a resent create met 409 and the instance matches the request; adopting it", map[string]any{"name": body.Name, "id": got.ID})
			return got, nil
		case err == nil:
			return nil, conflict
		case !atlas.IsNotFound(err):
			return nil, fmt.Errorf("a resent create of %q met %w, and reading the instance failed: %w", body.Name, conflict, err)
		}
		lastErr = err
		if look >= conflictLooks || tfresource.Sleep(ctx, wait) != nil {
			return nil, fmt.Errorf("a resent create of %q met %w, but the instance was still not readable after %d looks (%w)", body.Name, conflict, look, lastErr)
		}
		wait = min(2*wait, maxCreateRetryWait)
	}
}

// adoptAfterInterrupt runs when Terraform cancelled a create that may
// already have reached the API: one short look, on a context of its own,
// decides whether there is an instance to save in state so it is not
// orphaned.
func adoptAfterInterrupt(ctx context.Context, c *atlas.Client, projectID string, body atlas.CreateRequest, cause error) (*atlas.StreamInstance, error) {
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), interruptLookTimeout)
	defer cancel()
	got, err := c.GetStreamInstance(lctx, projectID, body.Name)
	switch {
	case err == nil && matchesRequest(got, body):
		tflog.Info(ctx, "the create was interrupted after the API applied it; saving the instance", map[string]any{"name": body.Name, "id": got.ID})
		return got, nil
	case err == nil, atlas.IsNotFound(err):
		return nil, cause
	default:
		return nil, &outcomeUnknownError{cause: cause}
	}
}

// outcomeUnknownError says that an interrupted create may or may not have
// been applied and there was no time to find out.
type outcomeUnknownError struct{ cause error }

func (e *outcomeUnknownError) Error() string { return e.cause.Error() }
func (e *outcomeUnknownError) Unwrap() error { return e.cause }

// interruptLookTimeout bounds the look after an interrupted create.
const interruptLookTimeout = time.Second

// matchesRequest reports whether an existing instance is what the create
// asked for: same region, same tier and max tier when they were asked,
// the same failover regions, same sample setting.
func matchesRequest(got *atlas.StreamInstance, req atlas.CreateRequest) bool {
	if got.DataProcessRegion == nil || *got.DataProcessRegion != req.DataProcessRegion {
		return false
	}
	if sc := req.StreamConfig; sc != nil {
		if got.StreamConfig == nil || (sc.Tier != "" && got.StreamConfig.Tier != sc.Tier) ||
			(sc.MaxTierSize != "" && got.StreamConfig.MaxTierSize != sc.MaxTierSize) {
			return false
		}
	}
	if !slices.Equal(got.FailoverRegions, req.FailoverRegions) {
		return false
	}
	wantSolar := req.SampleConnections != nil && req.SampleConnections.Solar
	gotSolar := got.SampleConnections != nil && got.SampleConnections.Solar
	return wantSolar == gotSolar
}

// nameTaken reports whether a refused create met an existing instance of
// the same name: the refusal may mean it (see tfresource.MayMeanNameTaken) and one
// read finds the instance.
func nameTaken(ctx context.Context, c *atlas.Client, projectID, name string, err error) bool {
	if !tfresource.MayMeanNameTaken(err) {
		return false
	}
	_, gerr := c.GetStreamInstance(ctx, projectID, name)
	return gerr == nil
}
