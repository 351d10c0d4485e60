package streaminstance

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestModelFieldsCoverTheSchema keeps the conversions that skip the
// framework's reflection honest: resourceModel has one field per
// attribute of the schema, and nothing else.
func TestModelFieldsCoverTheSchema(t *testing.T) {
	var got []string
	for _, f := range modelFields() {
		got = append(got, f.tag)
	}
	var want []string
	for name := range resourceSchema(context.Background()).Attributes {
		want = append(want, name)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("model fields %v, schema attributes %v", got, want)
	}
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
