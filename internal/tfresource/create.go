package tfresource

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Creation is one create, as CreateOrAdopt runs it: the object it makes,
// how to send it, how to read the object of that name, and how to tell
// whether an object found is the one it asked for.
type Creation[T any] struct {
	Object Object
	// Send sends the create once.
	Send func(ctx context.Context) (T, error)
	// Read reads the object of that name. A 404 means there is none (yet):
	// a confirmed one (atlas.NotFoundError) or the API's own, but not one
	// the API said it could not confirm.
	Read func(ctx context.Context) (T, error)
	// Matches reports whether an object read is the one the create asked
	// for (secrets aside: the API never returns them).
	Matches func(T) bool
}

// Bounds of CreateOrAdopt: how often a create is sent after the API said
// that an earlier one with an unknown outcome was not applied, how often
// an object is looked for after a resent create met a taken name, the
// waits between them, and how long the look after an interrupt may take.
const (
	MaxCreateAttempts  = 5
	conflictLooks      = 5
	createRetryWait    = 500 * time.Millisecond
	maxCreateRetryWait = 8 * time.Second
	interruptLook      = time.Second
)

// OutcomeUnknownError is a create that may or may not have been applied,
// with no way left to find out: the caller records the object in state
// without an ID, so that the next refresh reads it from Atlas (or drops
// the record when Atlas has no such object) and it is never orphaned.
type OutcomeUnknownError struct{ Cause error }

func (e *OutcomeUnknownError) Error() string { return e.Cause.Error() }
func (e *OutcomeUnknownError) Unwrap() error { return e.Cause }

// isOutcomeUnknown reports whether err is an *OutcomeUnknownError.
func isOutcomeUnknown(err error) bool {
	var u *OutcomeUnknownError
	return errors.As(err, &u)
}

// absent reports whether a read found no object of that name: a 404 that
// the API confirmed, or its own 404 on a URL whose parents are known to be
// right. A 404 that the API said it could not confirm is not absence.
func absent(err error) bool {
	if atlas.IsNotFound(err) {
		return true
	}
	var unconfirmed *atlas.UnconfirmedNotFoundError
	return !errors.As(err, &unconfirmed) && atlas.StatusCode(err) == http.StatusNotFound
}

// CreateOrAdopt sends the create, and never sends it twice while an
// earlier one may have been applied; an object it made is never left out
// of what it returns.
//
//   - When the outcome is unknown (the connection broke after the request
//     was sent, or a 5xx that may hide a success), the object is read: one
//     that matches the request is adopted, none means the create was not
//     applied and it is sent again after a backoff (MaxCreateAttempts in
//     all), and one that does not match is an error: it may be someone
//     else's.
//   - A 2xx with an unreadable body was applied: the object is read.
//   - When a resent create is refused as a taken name (409, or a 400: see
//     MayMeanNameTaken), the earlier one most likely was applied and the
//     read did not show it yet (reads lag writes): the object is looked
//     for again, with backoff, and adopted if it matches.
//   - When Terraform stops the create (an interrupt or the timeout) before
//     its outcome is known, one short look on a context of its own
//     decides.
//
// Whenever the outcome stays unknown, the error is an
// *OutcomeUnknownError, and the caller records the object.
func CreateOrAdopt[T any](ctx context.Context, c Creation[T]) (T, error) {
	var zero T
	wait := createRetryWait
	for attempt := 1; ; attempt++ {
		created, err := c.Send(ctx)
		switch {
		case err == nil:
			return created, nil
		case ctx.Err() != nil && OutcomeUnknown(err):
			return c.afterInterrupt(ctx, err)
		case atlas.IsDecodeError(err):
			tflog.Warn(ctx, "the create succeeded with an unreadable answer; reading the object", map[string]any{"name": c.Object.Name, "error": err.Error()})
			if got, gerr := c.Read(ctx); gerr == nil {
				return got, nil
			}
			return zero, &OutcomeUnknownError{Cause: err}
		case attempt > 1 && MayMeanNameTaken(err):
			return c.adoptAfterConflict(ctx, err)
		case !OutcomeUnknown(err):
			return zero, err
		}
		tflog.Warn(ctx, "the outcome of a create is unknown; asking the API whether it was applied",
			map[string]any{"object": c.Object.String(), "error": err.Error()})
		got, gerr := c.Read(ctx)
		switch {
		case gerr == nil && c.Matches(got):
			tflog.Info(ctx, "the create was applied; adopting the object", map[string]any{"object": c.Object.String()})
			return got, nil
		case gerr == nil:
			return zero, fmt.Errorf("the create of %s had no clear answer (%w), and a %s of that name now exists with other settings; "+
				"it may belong to someone else, so it is not adopted", c.Object, err, c.Object.Short)
		case ctx.Err() != nil:
			return c.afterInterrupt(ctx, err)
		case !absent(gerr):
			return zero, &OutcomeUnknownError{Cause: fmt.Errorf("the create of %s had no clear answer (%w), and checking whether it was applied failed too: %w", c.Object, err, gerr)}
		case attempt >= MaxCreateAttempts:
			// Each read said "not applied", but reads may lag writes.
			return zero, &OutcomeUnknownError{Cause: fmt.Errorf("the create of %s had no clear answer %d times in a row, the last: %w", c.Object, attempt, err)}
		}
		if Sleep(ctx, wait) != nil {
			return c.afterInterrupt(ctx, err)
		}
		wait = min(2*wait, maxCreateRetryWait)
	}
}

// adoptAfterConflict runs when a resent create met 409 or 400 after the
// API had said the first create was not applied: the object is looked for
// with backoff and adopted when it matches the request. One that does not
// match is someone else's, and the refusal stands.
func (c Creation[T]) adoptAfterConflict(ctx context.Context, conflict error) (T, error) {
	var zero T
	wait := createRetryWait
	for look := 1; ; look++ {
		got, err := c.Read(ctx)
		switch {
		case err == nil && c.Matches(got):
			tflog.Info(ctx, "a resent create was refused as a taken name and the object matches the request; adopting it", map[string]any{"object": c.Object.String()})
			return got, nil
		case err == nil:
			return zero, conflict
		case !absent(err):
			return zero, &OutcomeUnknownError{Cause: fmt.Errorf("a resent create of %s met %w, and reading it failed: %w", c.Object, conflict, err)}
		}
		if look >= conflictLooks || Sleep(ctx, wait) != nil {
			return zero, &OutcomeUnknownError{Cause: fmt.Errorf("a resent create of %s met %w, but it was still not readable after %d looks (%w)", c.Object, conflict, look, err)}
		}
		wait = min(2*wait, maxCreateRetryWait)
	}
}

// afterInterrupt runs when Terraform stopped a create that may already
// have reached the API: one short look, on a context of its own, decides
// whether there is an object to save in state.
func (c Creation[T]) afterInterrupt(ctx context.Context, cause error) (T, error) {
	var zero T
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), interruptLook)
	defer cancel()
	got, err := c.Read(lctx)
	switch {
	case err == nil && c.Matches(got):
		tflog.Info(ctx, "the create was stopped after the API applied it; saving the object", map[string]any{"object": c.Object.String()})
		return got, nil
	case err == nil, absent(err):
		return zero, cause
	default:
		return zero, &OutcomeUnknownError{Cause: cause}
	}
}

// NameTaken reports whether a refused create met an existing object of
// the same name: the refusal may mean it (see MayMeanNameTaken) and one
// read finds the object.
func NameTaken[T any](ctx context.Context, err error, read func(context.Context) (T, error)) bool {
	if !MayMeanNameTaken(err) {
		return false
	}
	_, rerr := read(ctx)
	return rerr == nil
}

// Reporter reports an API error the way a resource does: with its own
// summary, the sentence that says what failed, and field violations on
// the resource's attributes.
type Reporter func(diags *diag.Diagnostics, summary, what string, err error)

// Reporting is a Reporter that maps field violations with fields.
func Reporting(fields FieldMapper) Reporter {
	return func(diags *diag.Diagnostics, summary, what string, err error) {
		AddAPIError(diags, summary, what, err, fields)
	}
}

// CreateFailed reports a create that CreateOrAdopt did not bring to an
// end. With an unknown outcome, record writes the object to state without
// an ID (see OutcomeUnknownError) first, and the report says so: a warning
// when Terraform interrupted the create, which leaves the record as it is
// for the next plan; an error otherwise (a timeout, an API that did not
// answer), which fails the apply and marks the record tainted. A refusal
// that met a taken name says how to import the object.
func CreateFailed[T any](ctx context.Context, c Creation[T], err error, diags *diag.Diagnostics, timeout time.Duration, report Reporter, record func() diag.Diagnostics) {
	summary := "Error Creating " + titleCase(c.Object.Object)
	if isOutcomeUnknown(err) {
		diags.Append(record()...)
		recorded := fmt.Sprintf("The create of %s stopped before its outcome was known. "+
			"It is recorded in state; the next plan reads it from Atlas, and plans its creation if Atlas does not have it.", c.Object)
		if errors.Is(ctx.Err(), context.Canceled) {
			diags.AddWarning(titleCase(c.Object.Object)+" Create Interrupted", recorded)
			return
		}
		report(diags, summary, TimeoutHint(c.Object.Could("create"), err, timeout)+" "+recorded, err)
		return
	}
	what := c.Object.Could("create")
	if NameTaken(ctx, err, c.Read) {
		what = c.Object.takenAdvice()
	}
	report(diags, summary, TimeoutHint(what, err, timeout), err)
}

// Refreshed is what a Read makes of its read of the object: got when
// there is something to convert; nil when a 404 the API confirmed removed
// the object from state, when an error was reported (with what to do
// about an unconfirmed 404; the state is left as it was), or when the
// state is the record of a create with an unknown outcome (recorded) and
// the object of that name is not the one that create asked for (matches),
// which drops the record.
func Refreshed[T any](ctx context.Context, o Object, got *T, err error, recorded bool, matches func(*T) bool, resp *resource.ReadResponse, report Reporter) *T {
	switch {
	case atlas.IsNotFound(err):
		tflog.Warn(ctx, o.Object+" not found; removing it from state", map[string]any{"object": o.String()})
		resp.State.RemoveResource(ctx)
		return nil
	case err != nil:
		report(&resp.Diagnostics, "Error Reading "+titleCase(o.Object), o.WithAdvice(o.Could("read")+" The state is left as it was.", err), err)
		return nil
	case recorded && !matches(got):
		addNotAdopted(&resp.Diagnostics, o)
		resp.State.RemoveResource(ctx)
		return nil
	}
	return got
}

// addNotAdopted reports a record of an interrupted create (see
// OutcomeUnknownError) dropped from state because the object of its name
// is not the one its create asked for.
func addNotAdopted(diags *diag.Diagnostics, o Object) {
	diags.AddWarning(titleCase(o.Object)+" Not Adopted",
		fmt.Sprintf("The create of %s stopped before its outcome was known, and was recorded in state. "+
			"An object of that name exists, but its settings differ from the ones that create asked for, so it was not made by it and is not adopted. "+
			"The record is dropped from state; the next apply tries to create it and fails while the name is taken. To manage the existing one, %s",
			o, ImportAdvice(o.Address, o.ImportID())))
}

// titleCase turns "stream connection" into "Stream Connection", for
// diagnostic summaries.
func titleCase(s string) string {
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// SaveTimeout bounds the read that saves what is known after a failure.
const SaveTimeout = 10 * time.Second

// SaveContext is the context of the read that saves what is known after a
// step failed: after a timeout or an interrupt the operation's own
// context is spent, and the state must still say where the object stands.
func SaveContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), SaveTimeout)
}
