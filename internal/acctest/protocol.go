package acctest

import (
	"context"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Unknown stands for an unknown value in Value.
type Unknown struct{}

// Value builds a value of typ from Go values: maps for objects (attributes
// left out are null), slices for lists, strings, numbers and bools, nil
// for null and Unknown{} for unknown. A map key the type lacks fails the
// test.
func Value(t *testing.T, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(typ, nil)
	case Unknown:
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	case map[string]any:
		obj := typ.(tftypes.Object)
		attrs := map[string]tftypes.Value{}
		for name, at := range obj.AttributeTypes {
			attrs[name] = Value(t, at, v[name])
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
			items[i] = Value(t, elem, e)
		}
		return tftypes.NewValue(typ, items)
	default:
		return tftypes.NewValue(typ, v)
	}
}

// Configure configures a provider server with the settings given (the
// others null), through the protocol, and fails the test on any
// diagnostic.
func Configure(t *testing.T, s tfprotov6.ProviderServer, settings map[string]any) {
	t.Helper()
	schema, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schema.Provider.ValueType()
	cfg, err := tfprotov6.NewDynamicValue(typ, Value(t, typ, settings))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: &cfg})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configure: %v %v", err, resp.Diagnostics)
	}
}

// ListResults runs the list resource typeName of a configured provider
// server through the protocol, so that every Terraform version the suite
// runs with tests it, and collects its stream.
func ListResults(t *testing.T, s tfprotov6.ProviderServer, typeName string, config map[string]any, includeResource bool, limit int64) []tfprotov6.ListResourceResult {
	t.Helper()
	schema, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	ls, ok := schema.ListResourceSchemas[typeName]
	if !ok {
		t.Fatalf("the provider has no list resource %s", typeName)
	}
	typ := ls.ValueType()
	cfg, err := tfprotov6.NewDynamicValue(typ, Value(t, typ, config))
	if err != nil {
		t.Fatal(err)
	}
	lister, ok := s.(interface {
		ListResource(context.Context, *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error)
	})
	if !ok {
		t.Fatal("the provider serves no list resources")
	}
	stream, err := lister.ListResource(context.Background(), &tfprotov6.ListResourceRequest{
		TypeName: typeName, Config: &cfg, IncludeResource: includeResource, Limit: limit,
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []tfprotov6.ListResourceResult
	for r := range stream.Results {
		out = append(out, r)
	}
	return out
}

// CheckLimitStopsPages checks that Terraform's limit stops the reading of
// pages, not only the results: run lists with a limit and returns how many
// results came; listOp is the mock's counter of the list's pages. Limits
// of 3 and 500 read one page of 500, and 501 two. The list must hold more
// than 501 items.
func CheckLimitStopsPages(t *testing.T, srv *atlasmock.Server, listOp string, run func(limit int64) int) {
	t.Helper()
	for limit, pages := range map[int64]int64{3: 1, 500: 1, 501: 2} {
		srv.ResetCounts()
		if got := run(limit); int64(got) != limit {
			t.Errorf("limit %d: %d results", limit, got)
		}
		if got := srv.Counts()[listOp]; got != pages {
			t.Errorf("limit %d read %d pages, want %d", limit, got, pages)
		}
	}
}
