package tfresource

import (
	"errors"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
)

func TestDescribeErrorExplainsAuthFailures(t *testing.T) {
	for status, want := range map[int]string{401: "credentials were not accepted", 403: "Project Stream Processing Owner"} {
		if got := DescribeError(&atlas.APIError{StatusCode: status}); !strings.Contains(got, want) {
			t.Errorf("%d: %q", status, got)
		}
	}
	if got := DescribeError(errors.New("dial tcp: refused")); got != "Error: dial tcp: refused" {
		t.Errorf("transport error: %q", got)
	}
}

// TestDescribeErrorLeavesOutRolesWhenExplained: a 403 that its caller
// explained otherwise (an instance with processors, which Atlas will not
// delete) says nothing about roles, and still gives the API's answer
// once.
func TestDescribeErrorLeavesOutRolesWhenExplained(t *testing.T) {
	err := &atlas.APIError{Method: "DELETE", Path: "/p", StatusCode: 403, ErrorCode: "STREAM_TENANT_HAS_STREAM_PROCESSORS", Detail: "It has processors."}
	got := DescribeError(NotAboutRoles(err))
	for _, w := range []string{"Atlas API status: 403", "errorCode: STREAM_TENANT_HAS_STREAM_PROCESSORS", "detail: It has processors."} {
		if !strings.Contains(got, w) {
			t.Errorf("does not say %q: %s", w, got)
		}
	}
	if strings.Contains(got, "role") || strings.Count(got, "It has processors.") != 1 {
		t.Errorf("says more than the API did: %s", got)
	}
	if !strings.Contains(DescribeError(err), "lack a role") {
		t.Errorf("a 403 nobody explained no longer speaks of roles: %s", DescribeError(err))
	}
}

// TestUnconfirmedAdvice gives each confirming answer its own way out: a
// project that is gone may be removed from state (state rm or a removed
// block), credentials that were refused or lack a role are fixed with the
// instance kept, and an answer that may pass gets no advice beyond the
// error's own "try again". Advice never appears for another error.
func TestUnconfirmedAdvice(t *testing.T) {
	cause := &atlas.APIError{Method: "GET", Path: "/p", StatusCode: 404, ErrorCode: "STREAM_TENANT_NOT_FOUND_FOR_NAME"}
	unconfirmed := func(check error) error {
		return &atlas.UnconfirmedNotFoundError{Object: "stream instance", URL: "u", Cause: cause, CheckWhat: "the project's list", CheckURL: "l", Check: check}
	}
	checkAnswer := func(status int) error {
		return &atlas.APIError{Method: "GET", Path: "/l", StatusCode: status, ErrorCode: "X"}
	}
	for _, tc := range []struct {
		name          string
		err           error
		want, wantNot []string
	}{
		{"project gone", unconfirmed(checkAnswer(404)),
			[]string{"terraform state rm 'atlasmini_stream_instance.<label>'", "removed {", "destroy = false", "by hand", "pipeline", "lost access"}, []string{"Try again"}},
		{"credentials refused", unconfirmed(checkAnswer(401)), []string{"Fix the credentials", "kept in state"}, []string{"state rm", "removed {", "Try again"}},
		{"no role", unconfirmed(checkAnswer(403)), []string{"Give the credentials a role", "kept in state"}, []string{"state rm", "removed {", "Try again"}},
		{"instance answers, its list does not", &atlas.UnconfirmedNotFoundError{Object: "stream processor", URL: "u", Cause: cause, CheckWhat: "the instance's processor list",
			CheckURL: "l", Check: checkAnswer(404), ParentAnswers: "stream instance"},
			[]string{"Check base_url and any proxy", "kept in state"}, []string{"state rm", "removed {", "project does not answer", "deleted"}},
		{"server error", unconfirmed(checkAnswer(500)), nil, []string{"state rm", "removed {"}},
		{"no answer", unconfirmed(errors.New("connection refused")), nil, []string{"state rm", "removed {"}},
		{"not an Atlas 404", &atlas.UnconfirmedNotFoundError{Object: "stream instance", URL: "u", Cause: &atlas.APIError{StatusCode: 404, Snippet: "<html>"}}, nil, []string{"state rm"}},
		{"another error", cause, nil, []string{"state rm", "credentials"}},
	} {
		advice := UnconfirmedAdvice(tc.err, "stream instance", "atlasmini_stream_instance.<label>")
		if (advice == "") != (tc.want == nil) {
			t.Errorf("%s: advice %q", tc.name, advice)
		}
		all := advice + "\n" + tc.err.Error()
		for _, w := range tc.want {
			if !strings.Contains(advice, w) {
				t.Errorf("%s: advice does not say %q: %s", tc.name, w, advice)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(all, w) {
				t.Errorf("%s: says %q, which does not fit: %s", tc.name, w, all)
			}
		}
	}
}
