package tfresource

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// DataAttributes derive data source attributes from a resource's: every
// attribute becomes Computed with the same type and sensitivity, except
// those named in inputs, which become Required with the resource's
// validators. Attributes whose path skip names are left out (timeouts,
// secrets the API never returns). A description comes from descriptions
// by path ("a.b") when there is one, since a resource's descriptions speak
// of changes and defaults that a data source has none of, and from the
// resource otherwise.
func DataAttributes(attrs map[string]schema.Attribute, inputs []string, descriptions map[string]string, skip func(path string) bool) map[string]dsschema.Attribute {
	required := map[string]bool{}
	for _, in := range inputs {
		required[in] = true
	}
	return dataAttributes("", attrs, required, descriptions, skip)
}

func dataAttributes(parent string, attrs map[string]schema.Attribute, required map[string]bool, descriptions map[string]string, skip func(string) bool) map[string]dsschema.Attribute {
	out := make(map[string]dsschema.Attribute, len(attrs))
	for name, a := range attrs {
		at := name
		if parent != "" {
			at = parent + "." + name
		}
		if skip != nil && skip(at) {
			continue
		}
		desc, ok := descriptions[at]
		if !ok {
			desc = a.GetMarkdownDescription()
		}
		sensitive := a.IsSensitive()
		switch a := a.(type) {
		case schema.StringAttribute:
			if required[at] {
				out[name] = dsschema.StringAttribute{MarkdownDescription: desc, Required: true, Validators: a.Validators}
			} else {
				out[name] = dsschema.StringAttribute{MarkdownDescription: desc, Computed: true, Sensitive: sensitive}
			}
		case schema.BoolAttribute:
			out[name] = dsschema.BoolAttribute{MarkdownDescription: desc, Computed: true, Sensitive: sensitive}
		case schema.Int64Attribute:
			out[name] = dsschema.Int64Attribute{MarkdownDescription: desc, Computed: true, Sensitive: sensitive}
		case schema.ListAttribute:
			out[name] = dsschema.ListAttribute{MarkdownDescription: desc, Computed: true, Sensitive: sensitive, ElementType: a.ElementType}
		case schema.MapAttribute:
			out[name] = dsschema.MapAttribute{MarkdownDescription: desc, Computed: true, Sensitive: sensitive, ElementType: a.ElementType}
		case schema.SingleNestedAttribute:
			out[name] = dsschema.SingleNestedAttribute{MarkdownDescription: desc, Computed: true, Sensitive: sensitive,
				Attributes: dataAttributes(at, a.Attributes, required, descriptions, skip)}
		case schema.ListNestedAttribute:
			out[name] = dsschema.ListNestedAttribute{MarkdownDescription: desc, Computed: true, Sensitive: sensitive,
				NestedObject: dsschema.NestedAttributeObject{Attributes: dataAttributes(at, a.NestedObject.Attributes, required, descriptions, skip)}}
		default:
			// A new attribute kind in a resource schema must be taught here;
			// the provider's schema test builds every schema and catches it.
			panic(fmt.Sprintf("tfresource: no data source form for %T", a))
		}
	}
	return out
}

// ObjectTypeOf is the object type of data source attributes.
func ObjectTypeOf(attrs map[string]dsschema.Attribute) types.ObjectType {
	t := types.ObjectType{AttrTypes: map[string]attr.Type{}}
	for name, a := range attrs {
		t.AttrTypes[name] = a.GetType()
	}
	return t
}

// Project converts a value to a type with fewer object attributes: the
// attributes the type lacks (a resource's secrets, in a data source) are
// dropped, at any depth. Null and unknown values stay so.
func Project(v attr.Value, t attr.Type) attr.Value {
	switch t := t.(type) {
	case types.ObjectType:
		o, ok := v.(types.Object)
		if !ok {
			return v
		}
		switch {
		case o.IsNull():
			return types.ObjectNull(t.AttrTypes)
		case o.IsUnknown():
			return types.ObjectUnknown(t.AttrTypes)
		}
		attrs := make(map[string]attr.Value, len(t.AttrTypes))
		for name, at := range t.AttrTypes {
			attrs[name] = Project(o.Attributes()[name], at)
		}
		return types.ObjectValueMust(t.AttrTypes, attrs)
	case types.ListType:
		l, ok := v.(types.List)
		if !ok || l.IsNull() || l.IsUnknown() {
			return v
		}
		elems := make([]attr.Value, len(l.Elements()))
		for i, e := range l.Elements() {
			elems[i] = Project(e, t.ElemType)
		}
		return types.ListValueMust(t.ElemType, elems)
	}
	return v
}

// CollectList reads every item of a paged list with each and converts each
// to an element of a list of elemType: the list and the API's count (the
// number of items when the API sends none). A failed walk is err; a
// conversion that fails stops the walk and is in diags.
func CollectList[T any](elemType attr.Type, each func(yield func(*T) bool) (int, error), convert func(*T) (attr.Value, diag.Diagnostics)) (list types.List, total int64, diags diag.Diagnostics, err error) {
	items := []attr.Value{}
	n, err := each(func(item *T) bool {
		v, d := convert(item)
		diags.Append(d...)
		items = append(items, v)
		return !d.HasError()
	})
	if err != nil || diags.HasError() {
		return types.ListNull(elemType), 0, diags, err
	}
	if n < 0 {
		n = len(items)
	}
	list, d := types.ListValue(elemType, items)
	diags.Append(d...)
	return list, int64(n), diags, nil
}
