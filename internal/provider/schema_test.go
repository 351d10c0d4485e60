package provider_test

import (
	"context"
	"slices"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// TestGetProviderSchema asks for the schema as Terraform does, through the
// protocol: every schema builds without a diagnostic (the framework checks
// each one here), and the data sources carry the resource's attributes.
func TestGetProviderSchema(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	res := resp.ResourceSchemas["atlasmini_stream_instance"]
	one := resp.DataSourceSchemas["atlasmini_stream_instance"]
	list := resp.DataSourceSchemas["atlasmini_stream_instances"]
	if res == nil || one == nil || list == nil {
		t.Fatalf("schemas missing: resource %v, data sources %v %v", res != nil, one != nil, list != nil)
	}
	var want []string
	for _, a := range res.Block.Attributes {
		if a.Name != "timeouts" {
			want = append(want, a.Name)
		}
	}
	slices.Sort(want)
	var got []string
	for _, a := range one.Block.Attributes {
		got = append(got, a.Name)
		if (a.Name == "project_id" || a.Name == "name") != a.Required {
			t.Errorf("data source attribute %s: required = %v", a.Name, a.Required)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("data source attributes %v, want the resource's %v", got, want)
	}
	for _, a := range list.Block.Attributes {
		if a.Name != "results" {
			continue
		}
		var inner []string
		for _, n := range a.NestedType.Attributes {
			inner = append(inner, n.Name)
		}
		slices.Sort(inner)
		if !slices.Equal(inner, want) {
			t.Errorf("list results attributes %v, want the resource's %v", inner, want)
		}
	}
}
