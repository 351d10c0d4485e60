package tfresource

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
)

// TestWaitForStopsWhereWaitingCannotHelp plays a sequence of poll answers
// and checks where the wait ends: at done, at an answer that waiting does
// not cure, after three transient failures in a row, and never before a
// success resets that count.
func TestWaitForStopsWhereWaitingCannotHelp(t *testing.T) {
	apiErr := func(status int) error { return &atlas.APIError{Method: "GET", Path: "/p", StatusCode: status} }
	type answer struct {
		done bool
		err  error
	}
	for _, tc := range []struct {
		name    string
		answers []answer
		polls   int
		wantErr string
	}{
		{"done at once", []answer{{done: true}}, 1, ""},
		{"pending, then done", []answer{{}, {}, {done: true}}, 3, ""},
		{"403 stops at once", []answer{{}, {err: apiErr(http.StatusForbidden)}}, 2, "403"},
		{"three 500s in a row", []answer{{err: apiErr(500)}, {err: apiErr(502)}, {err: apiErr(503)}}, 3, "3 reads in a row failed"},
		{"a success in between resets the count", []answer{{err: apiErr(500)}, {err: apiErr(500)}, {}, {err: apiErr(500)}, {err: errors.New("connection reset")}, {done: true}}, 6, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			polls := 0
			err := WaitFor(context.Background(), "waiting", time.Millisecond, func(context.Context) (bool, error) {
				a := tc.answers[polls]
				polls++
				return a.done, a.err
			})
			if polls != tc.polls {
				t.Errorf("%d polls, want %d", polls, tc.polls)
			}
			if (err == nil) != (tc.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("error %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// TestWaitForEndsWithItsContext stops a wait that would go on forever.
func TestWaitForEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := WaitFor(ctx, "waiting", time.Millisecond, func(context.Context) (bool, error) { return false, nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want the deadline", err)
	}
}
