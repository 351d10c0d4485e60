package streaminstance

import (
	"context"
	"sync"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// codec converts the resource's plan and state without the framework's
// reflection (see tfresource.Codec); built once, from the schema.
var codec = sync.OnceValue(func() *tfresource.Codec[resourceModel] {
	return tfresource.NewCodec[resourceModel](typesSchema.Type())
})

// resourceFromRaw reads a plan or state. Unknown values stay unknown.
func resourceFromRaw(ctx context.Context, raw tftypes.Value) (resourceModel, diag.Diagnostics) {
	return codec().FromRaw(ctx, raw)
}

// rawValue is the Terraform value of a model, for a plan or state.
func (m resourceModel) rawValue(ctx context.Context) (tftypes.Value, diag.Diagnostics) {
	return codec().Raw(ctx, m)
}

// setState writes a model to state.
func setState(ctx context.Context, state *tfsdk.State, m resourceModel) diag.Diagnostics {
	return codec().SetState(ctx, state, m)
}

// equal reports whether two models hold the same values.
func (m resourceModel) equal(o resourceModel) bool { return codec().Equal(m, o) }
