package streamconnection

import (
	"context"
	"sync"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// identity is the resource identity (Terraform 1.12+): the project, the
// instance and the name, which together find a connection and never change
// for its life (a change of any replaces it). All three are needed to
// import by identity.
var identity = tfresource.NewIdentity(map[string]string{
	"project_id":    "ID of the Atlas project that holds the instance.",
	"instance_name": "Name of the stream instance the connection belongs to.",
	"name":          "Name of the connection.",
})

// IdentitySchema declares the identity.
func (r *Resource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identity.Schema()
}

// setIdentity records the identity of a connection.
func setIdentity(id *tfsdk.ResourceIdentity, projectID, instance, name string) {
	identity.Set(id, map[string]string{"project_id": projectID, "instance_name": instance, "name": name})
}

// codec converts the resource's plan and state without the framework's
// reflection (see tfresource.Codec); built once, from the schema.
var codec = sync.OnceValue(func() *tfresource.Codec[resourceModel] {
	return tfresource.NewCodec[resourceModel](typesSchema.Type())
})
