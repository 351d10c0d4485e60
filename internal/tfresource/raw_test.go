package tfresource

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type innerModel struct {
	A types.String `tfsdk:"a"`
}

type outerModel struct {
	innerModel
	B types.List `tfsdk:"b"`
}

var outerType = types.ObjectType{AttrTypes: map[string]attr.Type{"a": types.StringType, "b": types.ListType{ElemType: types.StringType}}}

// TestCodecRoundTrip reads and writes a model with an embedded struct,
// unknown values kept, and compares models field by field.
func TestCodecRoundTrip(t *testing.T) {
	ctx := context.Background()
	c := NewCodec[outerModel](outerType)
	raw := tftypes.NewValue(outerType.TerraformType(ctx), map[string]tftypes.Value{
		"a": tftypes.NewValue(tftypes.String, "x"),
		"b": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, tftypes.UnknownValue),
	})
	m, d := c.FromRaw(ctx, raw)
	if d.HasError() || m.A.ValueString() != "x" || !m.B.IsUnknown() {
		t.Fatalf("read %+v %v", m, d)
	}
	back, d := c.Raw(ctx, m)
	if d.HasError() || !back.Equal(raw) {
		t.Fatalf("wrote %s, want %s (%v)", back, raw, d)
	}
	other := m
	other.A = types.StringValue("y")
	if c.Equal(m, other) || !c.Equal(m, m) {
		t.Error("Equal does not see the field that differs")
	}
	if diff := c.Diff(other, m); len(diff) != 1 || !strings.HasPrefix(diff[0], "a: ") {
		t.Errorf("Diff %v", diff)
	}
}

// TestCodecRefusesAModelThatMissesTheSchema panics at start-up when the
// model and the schema disagree, so that no attribute is silently dropped.
func TestCodecRefusesAModelThatMissesTheSchema(t *testing.T) {
	for name, typ := range map[string]attr.Type{
		"an attribute without a field": types.ObjectType{AttrTypes: map[string]attr.Type{"a": types.StringType, "b": types.ListType{ElemType: types.StringType}, "c": types.StringType}},
		"a field without an attribute": types.ObjectType{AttrTypes: map[string]attr.Type{"a": types.StringType, "c": types.StringType}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			NewCodec[outerModel](typ)
		}()
	}
}
