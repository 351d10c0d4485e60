package streamprocessor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// errFailed is a processor that Atlas reports FAILED while it was being
// started or waited for.
var errFailed = errors.New("Atlas reports the processor FAILED: check its pipeline, connections and DLQ, and the processor's logs in Atlas") //nolint:staticcheck // Atlas is a name.

// settled are the states a processor rests in; INIT and CREATING are
// steps of a create.
var settled = []string{"CREATED", "STARTED", "STOPPED", "FAILED"}

// Bounds of one start or stop: how many of its sends may have no clear
// answer (no answer, a 5xx), and how many may be refused (a 4xx), before
// it fails.
const (
	maxActionsLost    = 10
	maxActionsRefused = 3
)

// processorAPI is what the lifecycle needs of the client, for one
// processor.
type processorAPI struct {
	c                         *atlas.Client
	projectID, instance, name string
}

// object is the processor as messages and identities name it.
func (p processorAPI) object() tfresource.Object {
	return tfresource.Object{Kind: tfresource.ProcessorKind, ProjectID: p.projectID, Instance: p.instance, Name: p.name}
}

// read reads the processor, passing a 404 on unconfirmed (see
// atlas.Client.ReadStreamProcessor).
func (p processorAPI) read(ctx context.Context) (*atlas.StreamProcessor, error) {
	return p.c.ReadStreamProcessor(ctx, p.projectID, p.instance, p.name)
}

// waitState polls the processor until Atlas shows one of the states, and
// returns it as read (see tfresource.WaitForState: FAILED ends the wait
// with errFailed unless it is one of the states).
func (p processorAPI) waitState(ctx context.Context, states ...string) (*atlas.StreamProcessor, error) {
	return tfresource.WaitForState(ctx, fmt.Sprintf("waiting for processor %q to be %s", p.name, states), p.read,
		func(got *atlas.StreamProcessor) string { return got.State }, errFailed, states...)
}

// start starts the processor, with :startWith and the tier when one is
// set, and waits until Atlas shows it STARTED (see act).
func (p processorAPI) start(ctx context.Context, tier string) (*atlas.StreamProcessor, error) {
	return p.act(ctx, "starting", "STARTED", func(ctx context.Context) error {
		return p.c.StartStreamProcessor(ctx, p.projectID, p.instance, p.name, tier)
	})
}

// stop stops the processor and waits until Atlas shows it STOPPED (see
// act).
func (p processorAPI) stop(ctx context.Context) (*atlas.StreamProcessor, error) {
	return p.act(ctx, "stopping", "STOPPED", func(ctx context.Context) error {
		return p.c.StopStreamProcessor(ctx, p.projectID, p.instance, p.name)
	})
}

// act sends a start or a stop and waits until Atlas shows the processor
// in target. Both are safe to send again once a read shows where the
// processor stands, so an answer that does not say it worked is not the
// end: after a lost answer or a 5xx (Atlas may have applied it) and after
// a 4xx (Atlas may still be creating the processor, or an earlier send
// went through and its reads lag), the processor is read; it is accepted
// when it reached target and the request is sent again otherwise, within
// maxActionsLost and maxActionsRefused. Only a 401 or 403 ends it at once.
func (p processorAPI) act(ctx context.Context, verb, target string, send func(context.Context) error) (*atlas.StreamProcessor, error) {
	wait := tfresource.FirstPoll
	lost, refused := 0, 0
	for n := 1; ; n++ {
		err := send(ctx)
		if err == nil {
			return p.waitState(ctx, target)
		}
		err = fmt.Errorf("%s processor %q: %w", verb, p.name, err)
		if s := atlas.StatusCode(err); s == http.StatusUnauthorized || s == http.StatusForbidden || ctx.Err() != nil {
			return nil, err
		}
		if tfresource.Transient(err) {
			lost++
		} else {
			refused++
		}
		tflog.Debug(ctx, "the request had no clear answer or was refused; reading where the processor stands", map[string]any{"name": p.name, "error": err.Error()})
		got, werr := p.waitState(ctx, settled...)
		switch {
		case werr != nil:
			return nil, fmt.Errorf("%w; reading the processor after it failed too: %w", err, werr)
		case got.State == target:
			return got, nil // An earlier send went through after all.
		case lost >= maxActionsLost || refused >= maxActionsRefused:
			return nil, fmt.Errorf("%w (sent %d times; Atlas shows the processor %s)", err, n, got.State)
		}
		if tfresource.Sleep(ctx, wait) != nil {
			return nil, err
		}
		wait = min(2*wait, 4*time.Second)
	}
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

// modify sends one PATCH. A PATCH is resent by the client after a lost
// answer or a 5xx (Atlas answers a slow modify with 504); when the first
// was applied, the resend of a rename meets 404 (or Atlas's 400 for a
// processor it does not find) at the old name. So when the outcome is
// unknown, or a rename was refused, the processor is read where the
// modify would have left it (at its new name) and taken when it is the
// same processor (its id, when known, is id: a rename refused because the
// name is taken finds another one there) and holds what the modify asked
// for.
func (p processorAPI) modify(ctx context.Context, id string, body atlas.StreamProcessor) (*atlas.StreamProcessor, error) {
	got, err := p.c.UpdateStreamProcessor(ctx, p.projectID, p.instance, p.name, body)
	status := atlas.StatusCode(err)
	renameRefused := body.Name != "" && status >= 400 && status < 500 && status != http.StatusUnauthorized && status != http.StatusForbidden
	if err == nil || (!tfresource.OutcomeUnknown(err) && !renameRefused) {
		return got, err
	}
	at := p
	if body.Name != "" {
		at.name = body.Name
	}
	rctx, cancel := tfresource.SaveContext(ctx)
	defer cancel()
	if cur, rerr := at.read(rctx); rerr == nil && (id == "" || cur.ID == id) && applied(cur, body) {
		tflog.Info(ctx, "the modify had no clear answer, and the processor holds what it asked for; taking it", map[string]any{"name": cur.Name})
		return cur, nil
	}
	return nil, err
}

// applied reports whether a processor holds every member a modify sent.
func applied(got *atlas.StreamProcessor, body atlas.StreamProcessor) bool {
	switch {
	case body.Name != "" && got.Name != body.Name:
		return false
	case body.Pipeline != nil && !sameJSON(got.Pipeline, body.Pipeline):
		return false
	case body.Tier != "" && got.Tier != body.Tier:
		return false
	case body.FailoverEnabled != nil && (got.FailoverEnabled == nil || *got.FailoverEnabled != *body.FailoverEnabled):
		return false
	}
	if body.Options != nil && body.Options.DLQ != nil {
		var have *atlas.DLQ
		if got.Options != nil && got.Options.DLQ != nil && got.Options.DLQ.ConnectionName != "" {
			have = got.Options.DLQ
		}
		want := body.Options.DLQ
		if *want == (atlas.DLQ{}) {
			want = nil // {} removes it.
		}
		return sameDLQ(have, want)
	}
	return true
}

// sameJSON reports whether two pipelines are the same JSON, key order
// included.
func sameJSON(a, b []byte) bool {
	ca, errA := canonical(string(a))
	cb, errB := canonical(string(b))
	return errA == nil && errB == nil && ca == cb
}

// matchesCreate reports whether a processor is the one a create asked for:
// the same pipeline, and the DLQ, tier and failover it asked for.
func matchesCreate(got *atlas.StreamProcessor, body atlas.StreamProcessor) bool {
	want := body
	if want.Options == nil {
		want.Options = &atlas.ProcessorOptions{DLQ: &atlas.DLQ{}}
	}
	return applied(got, want)
}
