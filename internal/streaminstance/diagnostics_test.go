package streaminstance

import (
	"context"
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
