package streaminstance

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

func TestAddAPIErrorAttachesFieldsAndEndsWithTheAPIsWords(t *testing.T) {
	err := &atlas.APIError{Method: "POST", Path: "/p", StatusCode: 400, ErrorCode: "VALIDATION_ERROR", Detail: "bad values",
		Fields: []atlas.FieldViolation{{Field: "dataProcessRegion.region", Description: "not a region"}, {Field: "streamConfig.tier", Description: "no tier"}, {Field: "future.field", Description: "?"}}}
	var d diag.Diagnostics
	addAPIError(&d, "Error Creating Stream Instance", "Could not create x.", err)
	if d.ErrorsCount() != 3 {
		t.Fatalf("%d diagnostics, want two attribute errors and one summary: %v", d.ErrorsCount(), d)
	}
	want := map[string]bool{
		path.Root("data_process_region").AtName("region").String(): false,
		path.Root("stream_config").AtName("tier").String():         false,
	}
	for _, x := range d {
		if ap, ok := x.(diag.DiagnosticWithPath); ok {
			want[ap.Path().String()] = true
			continue
		}
		if !strings.HasSuffix(x.Detail(), "Atlas API status: 400\nerrorCode: VALIDATION_ERROR\ndetail: bad values") {
			t.Errorf("detail does not end with the API's words: %q", x.Detail())
		}
	}
	for p, seen := range want {
		if !seen {
			t.Errorf("no attribute error on %s", p)
		}
	}
}

func TestDescribeErrorExplainsAuthFailures(t *testing.T) {
	for status, want := range map[int]string{401: "credentials were not accepted", 403: "Project Stream Processing Owner"} {
		if got := describeError(&atlas.APIError{StatusCode: status}); !strings.Contains(got, want) {
			t.Errorf("%d: %q", status, got)
		}
	}
	if got := describeError(errors.New("dial tcp: refused")); got != "Error: dial tcp: refused" {
		t.Errorf("transport error: %q", got)
	}
}

func TestAPIAttributePath(t *testing.T) {
	ctx := context.Background()
	for field, want := range map[string]string{
		"name":                             "name",
		"dataProcessRegion":                "data_process_region",
		"dataProcessRegion.cloudProvider":  "data_process_region.cloud_provider",
		"dataProcessRegion.region":         "data_process_region.region",
		"cloudProvider":                    "data_process_region.cloud_provider",
		"region":                           "data_process_region.region",
		"streamConfig.tier":                "stream_config.tier",
		"streamConfig.maxTierSize":         "stream_config.max_tier_size",
		"sampleConnections.solar":          "sample_connections.solar",
		"failoverRegions":                  "failover_regions",
		"failoverRegions[1].region":        "failover_regions[1].region",
		"failoverRegions[0].cloudProvider": "failover_regions[0].cloud_provider",
		"future.field":                     "",
		"failoverRegions[x].region":        "",
		"failoverRegions[1.region":         "",
		"streamConfig.tier.extra":          "",
	} {
		p, ok := apiAttributePath(ctx, field)
		if got := p.String(); ok != (want != "") || (ok && got != want) {
			t.Errorf("%s: got %q (ok %v), want %q", field, got, ok, want)
		}
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
		{"server error", unconfirmed(checkAnswer(500)), nil, []string{"state rm", "removed {"}},
		{"no answer", unconfirmed(errors.New("connection refused")), nil, []string{"state rm", "removed {"}},
		{"not an Atlas 404", &atlas.UnconfirmedNotFoundError{Object: "stream instance", URL: "u", Cause: &atlas.APIError{StatusCode: 404, Snippet: "<html>"}}, nil, []string{"state rm"}},
		{"another error", cause, nil, []string{"state rm", "credentials"}},
	} {
		advice := unconfirmedAdvice(tc.err, "stream instance", "atlasmini_stream_instance.<label>")
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
