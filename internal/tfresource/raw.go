package tfresource

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A resource's plan and state cross between Terraform's values and its
// model here, attribute by attribute, instead of through the framework's
// Get and Set: those walk the whole schema with reflection, and in a
// refresh of hundreds of objects they cost more than the API call. The
// model's tfsdk tags stay the one list of attribute names.

// Codec converts between raw Terraform values of a schema and a model T: a
// struct whose fields are attr.Value with tfsdk tags, embedded structs
// walked.
type Codec[T any] struct {
	attrs  map[string]attr.Type
	object tftypes.Object
	fields []modelField
}

// modelField is one attribute field of a model: its tfsdk name and where
// it sits.
type modelField struct {
	tag   string
	index []int
}

// NewCodec derives a codec from the schema's type (schema.Type()) and T.
// Every field of T must name an attribute of the schema and every
// attribute must have a field; a mismatch panics at start-up, where a test
// catches it.
func NewCodec[T any](schemaType attr.Type) *Codec[T] {
	obj, ok := schemaType.(attr.TypeWithAttributeTypes)
	if !ok {
		panic(fmt.Sprintf("tfresource: %T is not an object type", schemaType))
	}
	c := &Codec[T]{attrs: obj.AttributeTypes(), object: schemaType.TerraformType(context.Background()).(tftypes.Object)}
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			index := append(append([]int{}, prefix...), i)
			if f.Anonymous {
				walk(f.Type, index)
				continue
			}
			c.fields = append(c.fields, modelField{tag: f.Tag.Get("tfsdk"), index: index})
		}
	}
	walk(reflect.TypeFor[T](), nil)
	if len(c.fields) != len(c.attrs) {
		panic(fmt.Sprintf("tfresource: %s has %d attribute fields, the schema %d attributes", reflect.TypeFor[T](), len(c.fields), len(c.attrs)))
	}
	for _, f := range c.fields {
		if _, ok := c.attrs[f.tag]; !ok {
			panic(fmt.Sprintf("tfresource: %s field %q is not an attribute of the schema", reflect.TypeFor[T](), f.tag))
		}
	}
	return c
}

// FromRaw reads a plan or state. Unknown values stay unknown.
func (c *Codec[T]) FromRaw(ctx context.Context, raw tftypes.Value) (T, diag.Diagnostics) {
	var m T
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return m, rawError(err)
	}
	v := reflect.ValueOf(&m).Elem()
	for _, f := range c.fields {
		typ := c.attrs[f.tag]
		tv, ok := attrs[f.tag]
		if !ok {
			tv = tftypes.NewValue(typ.TerraformType(ctx), nil)
		}
		value, err := typ.ValueFromTerraform(ctx, tv)
		if err != nil {
			return m, rawError(fmt.Errorf("%s: %w", f.tag, err))
		}
		v.FieldByIndex(f.index).Set(reflect.ValueOf(value))
	}
	return m, nil
}

// Raw is the Terraform value of a model, for a plan or state.
func (c *Codec[T]) Raw(ctx context.Context, m T) (tftypes.Value, diag.Diagnostics) {
	vals := make(map[string]tftypes.Value, len(c.attrs))
	v := reflect.ValueOf(m)
	for _, f := range c.fields {
		tv, err := v.FieldByIndex(f.index).Interface().(attr.Value).ToTerraformValue(ctx)
		if err != nil {
			return tftypes.Value{}, rawError(fmt.Errorf("%s: %w", f.tag, err))
		}
		vals[f.tag] = tv
	}
	return tftypes.NewValue(c.object, vals), nil
}

// SetState writes a model to state.
func (c *Codec[T]) SetState(ctx context.Context, state *tfsdk.State, m T) diag.Diagnostics {
	raw, d := c.Raw(ctx, m)
	if !d.HasError() {
		state.Raw = raw
	}
	return d
}

// Settled returns m with every unknown value in it, however deep, made
// null: the record of an object whose create or update stopped before
// the API's answer came holds no unknowns, and the next refresh fills in
// what the API reports.
func (c *Codec[T]) Settled(ctx context.Context, m T) (T, diag.Diagnostics) {
	raw, d := c.Raw(ctx, m)
	if d.HasError() {
		return m, d
	}
	raw, err := tftypes.Transform(raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		return m, rawError(err)
	}
	return c.FromRaw(ctx, raw)
}

// Equal reports whether two models hold the same values.
func (c *Codec[T]) Equal(a, b T) bool {
	av, bv := reflect.ValueOf(a), reflect.ValueOf(b)
	for _, f := range c.fields {
		if !av.FieldByIndex(f.index).Interface().(attr.Value).Equal(bv.FieldByIndex(f.index).Interface().(attr.Value)) {
			return false
		}
	}
	return true
}

// Diff lists the attributes in which two models differ, as
// "name: got X, want Y", for tests.
func (c *Codec[T]) Diff(got, want T) []string {
	var out []string
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for _, f := range c.fields {
		g, w := gv.FieldByIndex(f.index).Interface().(attr.Value), wv.FieldByIndex(f.index).Interface().(attr.Value)
		if !g.Equal(w) {
			out = append(out, fmt.Sprintf("%s: got %s, want %s", f.tag, g, w))
		}
	}
	return out
}

func rawError(err error) diag.Diagnostics {
	var d diag.Diagnostics
	d.AddError("Unexpected Terraform Value", "The provider could not convert a plan or state value; this is a bug in the provider: "+err.Error())
	return d
}
