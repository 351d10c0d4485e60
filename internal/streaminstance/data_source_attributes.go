package streaminstance

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// instanceDataAttributes derives data source attributes from the
// resource's: every attribute becomes Computed with the same description
// and type, except those named in inputs, which become Required with the
// resource's validators. timeouts, a resource-only setting, is left out.
func instanceDataAttributes(ctx context.Context, inputs ...string) map[string]dsschema.Attribute {
	required := map[string]bool{}
	for _, in := range inputs {
		required[in] = true
	}
	out := map[string]dsschema.Attribute{}
	for name, a := range resourceSchema(ctx).Attributes {
		if name == "timeouts" {
			continue
		}
		out[name] = toDataAttribute(a, required[name])
	}
	return out
}

func toDataAttribute(a schema.Attribute, required bool) dsschema.Attribute {
	switch a := a.(type) {
	case schema.StringAttribute:
		if required {
			return dsschema.StringAttribute{MarkdownDescription: a.MarkdownDescription, Required: true, Validators: a.Validators}
		}
		return dsschema.StringAttribute{MarkdownDescription: a.MarkdownDescription, Computed: true}
	case schema.BoolAttribute:
		return dsschema.BoolAttribute{MarkdownDescription: a.MarkdownDescription, Computed: true}
	case schema.ListAttribute:
		return dsschema.ListAttribute{MarkdownDescription: a.MarkdownDescription, Computed: true, ElementType: a.ElementType}
	case schema.SingleNestedAttribute:
		return dsschema.SingleNestedAttribute{MarkdownDescription: a.MarkdownDescription, Computed: true, Attributes: toDataAttributes(a.Attributes)}
	case schema.ListNestedAttribute:
		return dsschema.ListNestedAttribute{MarkdownDescription: a.MarkdownDescription, Computed: true,
			NestedObject: dsschema.NestedAttributeObject{Attributes: toDataAttributes(a.NestedObject.Attributes)}}
	default:
		// A new attribute kind in the resource schema must be taught here;
		// TestGetProviderSchema (internal/provider) builds every schema and
		// catches it before a release.
		panic(fmt.Sprintf("streaminstance: no data source form for %T", a))
	}
}

func toDataAttributes(in map[string]schema.Attribute) map[string]dsschema.Attribute {
	out := make(map[string]dsschema.Attribute, len(in))
	for name, a := range in {
		out[name] = toDataAttribute(a, false)
	}
	return out
}

// instanceObjectType is the object type of one instance in a list result.
func instanceObjectType(ctx context.Context) types.ObjectType {
	attrTypes := map[string]attr.Type{}
	for name, a := range instanceDataAttributes(ctx) {
		attrTypes[name] = a.GetType()
	}
	return types.ObjectType{AttrTypes: attrTypes}
}
