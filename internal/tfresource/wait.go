package tfresource

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
)

// Sleep waits for d or until ctx ends, whichever is first.
func Sleep(ctx context.Context, d time.Duration) error { return atlas.Sleep(ctx, d) }

// MaxWaitFailures bounds the failed reads in a row while waiting.
const MaxWaitFailures = 3

// Poll is how a wait reads the object: done reports that the wait is over,
// and err a read that failed.
type Poll func(ctx context.Context) (done bool, err error)

// WaitFor calls poll with a growing interval, from first up to 10 s, until
// it reports done. It stops with the error at an answer that waiting does
// not cure (401, 403, a 404 the API does not confirm, any other 4xx) and
// after MaxWaitFailures transient failures in a row (5xx, 429, no answer),
// each of which the client has already retried. what names the wait in
// errors ("waiting for the delete to finish").
func WaitFor(ctx context.Context, what string, first time.Duration, poll Poll) error {
	wait := first
	failures := 0
	for {
		done, err := poll(ctx)
		switch {
		case err == nil && done:
			return nil
		case err == nil:
			failures = 0
		case ctx.Err() != nil:
			return fmt.Errorf("%s: %w", what, err)
		case Transient(err):
			if failures++; failures >= MaxWaitFailures {
				return fmt.Errorf("%s: %d reads in a row failed, the last with: %w", what, failures, err)
			}
		default:
			return fmt.Errorf("%s: %w", what, err)
		}
		if err := Sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		wait = min(wait*2, 10*time.Second)
	}
}

// Transient reports whether a failed call may succeed if made again: no
// answer, 429, or a 5xx.
func Transient(err error) bool {
	status := atlas.StatusCode(err)
	return status == 0 || status >= 500 || status == http.StatusTooManyRequests
}

// WaitUntilGone waits until read reports the object gone: a 404 the API
// confirmed (atlas.IsNotFound).
func WaitUntilGone(ctx context.Context, read func(context.Context) error) error {
	return WaitFor(ctx, "waiting for the delete to finish", 250*time.Millisecond, func(ctx context.Context) (bool, error) {
		err := read(ctx)
		if atlas.IsNotFound(err) {
			return true, nil
		}
		return false, err
	})
}

// Waits for a state: the first poll interval, and how many 404s right
// after a write are waited out (Atlas's reads may lag its writes).
const (
	FirstPoll    = 500 * time.Millisecond
	MaxEarly404s = 10
)

// WaitForState reads an object until stateOf shows one of want, and
// returns the last object read (the zero T when none was). A 404 is
// waited out up to MaxEarly404s times; a state of "FAILED" that want does
// not hold ends the wait with failed; other states are waited through.
// See WaitFor for when it gives up.
func WaitForState[T any](ctx context.Context, what string, read func(context.Context) (T, error), stateOf func(T) string, failed error, want ...string) (T, error) {
	var last T
	early, isFailed := 0, false
	err := WaitFor(ctx, what, FirstPoll, func(ctx context.Context) (bool, error) {
		got, err := read(ctx)
		if atlas.StatusCode(err) == http.StatusNotFound && early < MaxEarly404s {
			early++
			return false, nil
		}
		if err != nil {
			return false, err
		}
		last = got
		switch s := stateOf(got); {
		case slices.Contains(want, s):
			return true, nil
		case s == "FAILED":
			isFailed = true
			return true, nil
		}
		return false, nil
	})
	if err == nil && isFailed {
		err = failed
	}
	return last, err
}
