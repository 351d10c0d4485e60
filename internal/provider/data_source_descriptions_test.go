package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// TestDataSourceDescriptionsAreReadOnly walks every attribute of every
// data source of the provider: none may describe what a change, a default or an omission does,
// which only the resource has; and each says something.
func TestDataSourceDescriptionsAreReadOnly(t *testing.T) {
	ctx := context.Background()
	resourceOnly := []string{"Changing", "Changed in place", "replaces", "Defaults to", "When omitted", "removing it", "Left out of the configuration", "can be added",
		"are required", "Never a difference", "stops it", "When `", "When left out", "removes them"}
	var walk func(where string, attrs map[string]dsschema.Attribute)
	walk = func(where string, attrs map[string]dsschema.Attribute) {
		for name, a := range attrs {
			at := where + name
			desc := a.GetMarkdownDescription()
			if desc == "" {
				t.Errorf("%s has no description", at)
			}
			for _, phrase := range resourceOnly {
				if strings.Contains(desc, phrase) {
					t.Errorf("%s says %q, which only the resource does: %s", at, phrase, desc)
				}
			}
			switch n := a.(type) {
			case dsschema.SingleNestedAttribute:
				walk(at+".", n.Attributes)
			case dsschema.ListNestedAttribute:
				walk(at+".", n.NestedObject.Attributes)
			}
		}
	}
	for _, newDS := range (&Provider{}).DataSources(ctx) {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "atlasmini"}, &meta)
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		walk(meta.TypeName+": ", resp.Schema.Attributes)
	}
}
