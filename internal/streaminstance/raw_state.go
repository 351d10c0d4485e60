package streaminstance

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The resource's plan and state cross between Terraform's values and
// resourceModel here, attribute by attribute, instead of through the
// framework's Get and Set: those walk the whole schema with reflection,
// and in a refresh of hundreds of instances they cost more than the API
// call. The model's tfsdk tags stay the one list of attribute names.

// rawTypeSet is what the conversions need of the schema and the model.
type rawTypeSet struct {
	attrs    map[string]attr.Type // the resource's attribute types
	object   tftypes.Object       // its Terraform type
	identity tftypes.Object       // the identity's Terraform type
	fields   []modelField         // resourceModel's attribute fields
}

// rawTypes are derived from the schema and the model once.
var rawTypes = sync.OnceValue(func() rawTypeSet {
	ctx := context.Background()
	return rawTypeSet{
		attrs:    typesSchema.Type().(types.ObjectType).AttrTypes,
		object:   typesSchema.Type().TerraformType(ctx).(tftypes.Object),
		identity: identitySchema().Type().TerraformType(ctx).(tftypes.Object),
		fields:   modelFields(),
	}
})

// modelField is one attribute field of resourceModel: its tfsdk name and
// where it sits.
type modelField struct {
	tag   string
	index []int
}

// modelFields lists resourceModel's attribute fields, instanceModel's
// embedded ones included, from their tfsdk tags.
func modelFields() []modelField {
	var out []modelField
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			index := append(append([]int{}, prefix...), i)
			if f.Anonymous {
				walk(f.Type, index)
				continue
			}
			out = append(out, modelField{tag: f.Tag.Get("tfsdk"), index: index})
		}
	}
	walk(reflect.TypeFor[resourceModel](), nil)
	return out
}

// resourceFromRaw reads a plan or state. Unknown values stay unknown.
func resourceFromRaw(ctx context.Context, raw tftypes.Value) (resourceModel, diag.Diagnostics) {
	var m resourceModel
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return m, rawError(err)
	}
	rt := rawTypes()
	v := reflect.ValueOf(&m).Elem()
	for _, f := range rt.fields {
		typ := rt.attrs[f.tag]
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

// rawValue is the Terraform value of a model, for a plan or state.
func (m resourceModel) rawValue(ctx context.Context) (tftypes.Value, diag.Diagnostics) {
	rt := rawTypes()
	vals := make(map[string]tftypes.Value, len(rt.attrs))
	v := reflect.ValueOf(m)
	for _, f := range rt.fields {
		tv, err := v.FieldByIndex(f.index).Interface().(attr.Value).ToTerraformValue(ctx)
		if err != nil {
			return tftypes.Value{}, rawError(fmt.Errorf("%s: %w", f.tag, err))
		}
		vals[f.tag] = tv
	}
	return tftypes.NewValue(rt.object, vals), nil
}

// setState writes a model to state.
func setState(ctx context.Context, state *tfsdk.State, m resourceModel) diag.Diagnostics {
	raw, d := m.rawValue(ctx)
	if !d.HasError() {
		state.Raw = raw
	}
	return d
}

// equal reports whether two models hold the same values.
func (m resourceModel) equal(o resourceModel) bool {
	a, b := reflect.ValueOf(m), reflect.ValueOf(o)
	for _, f := range rawTypes().fields {
		if !a.FieldByIndex(f.index).Interface().(attr.Value).Equal(b.FieldByIndex(f.index).Interface().(attr.Value)) {
			return false
		}
	}
	return true
}

// setIdentity records the identity of an instance. Terraform before 1.12
// has none to record (identity is nil then); an identity already there
// is left alone, since it never changes.
func setIdentity(identity *tfsdk.ResourceIdentity, projectID, name types.String) {
	if identity == nil {
		return
	}
	raw := tftypes.NewValue(rawTypes().identity, map[string]tftypes.Value{
		"project_id": tftypes.NewValue(tftypes.String, projectID.ValueString()),
		"name":       tftypes.NewValue(tftypes.String, name.ValueString()),
	})
	if !raw.Equal(identity.Raw) {
		identity.Raw = raw
	}
}

// nullTimeouts is a timeouts attribute that is not set.
func nullTimeouts(ctx context.Context) timeouts.Value {
	return timeouts.Value{Object: types.ObjectNull(timeoutsAttribute(ctx).GetType().(timeouts.Type).AttrTypes)}
}

func rawError(err error) diag.Diagnostics {
	var d diag.Diagnostics
	d.AddError("Unexpected Terraform Value", "The provider could not convert a plan or state value; this is a bug in the provider: "+err.Error())
	return d
}
