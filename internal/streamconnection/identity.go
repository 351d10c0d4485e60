package streamconnection

import (
	"sync"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
)

// identity is the resource identity (Terraform 1.12+): the project, the
// instance and the name, which together find a connection and never change
// for its life (a change of any replaces it). All three are needed to
// import by identity.
var identity = tfresource.ChildIdentity(tfresource.ConnectionKind)

// codec converts the resource's plan and state without the framework's
// reflection (see tfresource.Codec); built once, from the schema.
var codec = sync.OnceValue(func() *tfresource.Codec[resourceModel] {
	return tfresource.NewCodec[resourceModel](typesSchema.Type())
})
