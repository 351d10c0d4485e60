package streamprocessor

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestAPIErrorsLandOnTheirAttribute checks the attribute each refusal of
// Atlas is shown on. Terraform before 1.15 shows an error on a nested
// attribute at its resource block, so the acceptance tests see the
// options line only with 1.15; the paths themselves are checked here.
func TestAPIErrorsLandOnTheirAttribute(t *testing.T) {
	withDLQ := func(conn string) processorModel {
		return processorModel{
			Pipeline: newPipeline(`[{"$source":{"connectionName":"solar"}},{"$merge":{"into":{"connectionName":"warehouse","db":"d","coll":"c"}}}]`),
			Options: types.ObjectValueMust(optionsType.AttrTypes, map[string]attr.Value{"dlq": types.ObjectValueMust(dlqType.AttrTypes, map[string]attr.Value{
				"connection_name": types.StringValue(conn), "db": types.StringValue("d"), "coll": types.StringValue("c"),
			})}),
		}
	}
	noDLQ := processorModel{Pipeline: withDLQ("x").Pipeline, Options: types.ObjectNull(optionsType.AttrTypes)}
	dlq := path.Root("options").AtName("dlq").AtName("connection_name")
	for _, tc := range []struct {
		name    string
		m       processorModel
		err     error
		want    []path.Path // attribute errors, in order
		general int         // errors on no attribute
	}{
		{"unknown connection in the pipeline", noDLQ, &atlas.APIError{StatusCode: http.StatusBadRequest, Detail: "connection named nowhere does not exist."}, []path.Path{path.Root("pipeline")}, 0},
		{"unknown connection only in the DLQ", withDLQ("gone"), &atlas.APIError{StatusCode: http.StatusBadRequest, Detail: "connection named gone does not exist."}, []path.Path{dlq}, 0},
		{"unknown connection in both", withDLQ("warehouse"), &atlas.APIError{StatusCode: http.StatusBadRequest, Detail: "connection named warehouse does not exist."}, []path.Path{path.Root("pipeline")}, 0},
		{"DLQ of the wrong type", withDLQ("hook"), &atlas.APIError{StatusCode: http.StatusBadRequest, Detail: "the DLQ connection hook must be an Atlas connection (type Cluster), not Https."}, []path.Path{dlq}, 0},
		{"field violations", withDLQ("warehouse"), &atlas.APIError{StatusCode: http.StatusBadRequest, Detail: "Invalid attribute values", Fields: []atlas.FieldViolation{
			{Field: "tier", Description: "too big"}, {Field: "options.dlq.coll", Description: "empty"}, {Field: "somethingNew", Description: "?"},
		}}, []path.Path{path.Root("tier"), path.Root("options").AtName("dlq").AtName("coll")}, 1},
		{"not a 400", noDLQ, &atlas.APIError{StatusCode: http.StatusConflict, Detail: "connection named x does not exist."}, nil, 1},
		{"not an API error", noDLQ, fmt.Errorf("read: %w", errors.New("connection reset")), nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.Diagnostics
			reporting(tc.m)(&diags, "Error Creating Stream Processor", "Could not create it.", tc.err)
			var got []path.Path
			general := 0
			for _, d := range diags {
				if wp, ok := d.(diag.DiagnosticWithPath); ok {
					got = append(got, wp.Path())
					continue
				}
				general++
			}
			// A refusal is reported once: on its attribute, or else as a
			// general error.
			if general != tc.general {
				t.Errorf("%d general errors, want %d: %v", general, tc.general, diags)
			}
			for _, d := range diags {
				if !strings.Contains(d.Detail(), "Could not create it.") {
					t.Errorf("the error does not say what failed: %s", d.Detail())
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("attribute errors at %v, want %v", got, tc.want)
			}
		})
	}
}
