package streaminstance

import (
	"context"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestModelFieldsCoverTheSchema keeps the conversions that skip the
// framework's reflection honest: building the codec checks that
// resourceModel has one field per attribute of the schema, and nothing
// else (it panics otherwise).
func TestModelFieldsCoverTheSchema(t *testing.T) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatal(r)
		}
	}()
	_ = tfresource.NewCodec[resourceModel](resourceSchema(context.Background()).Type())
}

// TestRawConversionsAgreeWithTheFramework converts a state both ways, with
// the framework's Get and Set and with ours, and expects the same values.
func TestRawConversionsAgreeWithTheFramework(t *testing.T) {
	ctx := context.Background()
	pending := pendingState(ctx, t, "same")
	ours, d := resourceFromRaw(ctx, pending.Raw)
	if d.HasError() {
		t.Fatal(d)
	}
	var theirs resourceModel
	if d := pending.Get(ctx, &theirs); d.HasError() {
		t.Fatal(d)
	}
	if !ours.equal(theirs) {
		t.Errorf("read differently:\nours   %+v\ntheirs %+v", ours, theirs)
	}
	raw, d := ours.rawValue(ctx)
	if d.HasError() {
		t.Fatal(d)
	}
	if !raw.Equal(pending.Raw) {
		t.Errorf("written differently:\nours   %s\ntheirs %s", raw, pending.Raw)
	}
	// A whole unknown object has no attributes: an error, not a panic.
	s := resourceSchema(ctx)
	if _, d := resourceFromRaw(ctx, tftypes.NewValue(s.Type().TerraformType(ctx), tftypes.UnknownValue)); !d.HasError() {
		t.Error("an unknown value read without an error")
	}
}
