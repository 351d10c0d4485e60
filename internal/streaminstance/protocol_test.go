package streaminstance_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// These tests speak the plugin protocol to the provider, as Terraform
// does, without Terraform: they see every diagnostic, one by one.

// protocolServer starts the provider as Terraform would.
func protocolServer(t *testing.T) tfprotov6.ProviderServer {
	t.Helper()
	s, err := factories["atlasmini"]()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// resourceType is the object type of the resource's configuration.
func resourceType(t *testing.T, s tfprotov6.ProviderServer) tftypes.Object {
	t.Helper()
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return resp.ResourceSchemas["atlasmini_stream_instance"].ValueType().(tftypes.Object)
}

// value builds a value of type typ from Go values: maps for objects,
// slices for lists, strings, bools, nil for null and unknownValue for
// unknown. Object attributes left out are null.
func value(t *testing.T, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(typ, nil)
	case unknownValue:
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	case map[string]any:
		obj := typ.(tftypes.Object)
		attrs := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			attrs[name] = value(t, at, v[name])
		}
		for name := range v {
			if _, ok := obj.AttributeTypes[name]; !ok {
				t.Fatalf("no attribute %q in %s", name, typ)
			}
		}
		return tftypes.NewValue(typ, attrs)
	case []any:
		elem := typ.(tftypes.List).ElementType
		items := make([]tftypes.Value, len(v))
		for i, e := range v {
			items[i] = value(t, elem, e)
		}
		return tftypes.NewValue(typ, items)
	default:
		return tftypes.NewValue(typ, v)
	}
}

type unknownValue struct{}

// validate sends a resource configuration to ValidateResourceConfig and
// returns the error diagnostics.
func validate(t *testing.T, config map[string]any) []*tfprotov6.Diagnostic {
	t.Helper()
	s := protocolServer(t)
	typ := resourceType(t, s)
	dv, err := tfprotov6.NewDynamicValue(typ, value(t, typ, config))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: "atlasmini_stream_instance", Config: &dv})
	if err != nil {
		t.Fatal(err)
	}
	var errs []*tfprotov6.Diagnostic
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, d)
		}
	}
	return errs
}

// attributePath renders a diagnostic's attribute path as Terraform shows it.
func attributePath(d *tfprotov6.Diagnostic) string {
	if d.Attribute == nil {
		return ""
	}
	out := ""
	for _, step := range d.Attribute.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if out != "" {
				out += "."
			}
			out += string(s)
		case tftypes.ElementKeyInt:
			out += fmt.Sprintf("[%d]", int64(s))
		}
	}
	return out
}

func instance(region any, extra map[string]any) map[string]any {
	cfg := map[string]any{"project_id": "65f0a1b2c3d4e5f60718293a", "name": "x", "data_process_region": region}
	for k, v := range extra {
		cfg[k] = v
	}
	return cfg
}

func aws(region string) map[string]any {
	return map[string]any{"cloud_provider": "AWS", "region": region}
}

// TestProtocol_oneErrorPerWrongRegion checks that a wrong region gives
// exactly one error, on its attribute, and that values not known yet
// give none.
func TestProtocol_oneErrorPerWrongRegion(t *testing.T) {
	for _, tc := range []struct {
		name   string
		config map[string]any
		paths  []string
	}{
		{"right", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{aws("OREGON_USA")}}), nil},
		{"wrong primary", instance(aws("us-east-1"), nil), []string{"data_process_region.region"}},
		{"primary of another provider", instance(map[string]any{"cloud_provider": "GCP", "region": "OHIO_USA"}, nil), []string{"data_process_region.region"}},
		{"wrong provider, a real region", instance(map[string]any{"cloud_provider": "TENANT", "region": "OHIO_USA"}, nil), []string{"data_process_region.cloud_provider"}},
		{"wrong failover region", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{aws("OREGON_USA"), aws("eu-west-9")}}), []string{"failover_regions[1].region"}},
		{"failover of another provider", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{map[string]any{"cloud_provider": "GCP", "region": "US_EAST4"}}}),
			[]string{"failover_regions[0].cloud_provider"}},
		{"two failover faults", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{aws("VIRGINIA_USA"), aws("OHIO_USA"), aws("OHIO_USA")}}),
			[]string{"failover_regions[0].region", "failover_regions[2].region"}},
		{"unknown provider", instance(map[string]any{"cloud_provider": unknownValue{}, "region": "OHIO_USA"}, nil), nil},
		{"unknown region", instance(map[string]any{"cloud_provider": "AWS", "region": unknownValue{}}, nil), nil},
		{"unknown failover list", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": unknownValue{}}), nil},
		{"unknown failover region", instance(aws("VIRGINIA_USA"), map[string]any{"failover_regions": []any{map[string]any{"cloud_provider": "AWS", "region": unknownValue{}}}}), nil},
		{"unknown primary", instance(unknownValue{}, map[string]any{"failover_regions": []any{aws("OREGON_USA")}}), nil},
		{"tier above max", instance(aws("VIRGINIA_USA"), map[string]any{"stream_config": map[string]any{"tier": "SP30", "max_tier_size": "SP10"}}), []string{"stream_config.tier"}},
		{"unknown max", instance(aws("VIRGINIA_USA"), map[string]any{"stream_config": map[string]any{"tier": "SP30", "max_tier_size": unknownValue{}}}), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := validate(t, tc.config)
			var got []string
			for _, d := range errs {
				got = append(got, attributePath(d))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.paths) {
				for _, d := range errs {
					t.Logf("%s: %s: %s", attributePath(d), d.Summary, d.Detail)
				}
				t.Errorf("errors on %v, want %v", got, tc.paths)
			}
		})
	}
}
