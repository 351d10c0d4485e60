package streaminstance

import (
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// identity is the resource identity (Terraform 1.12+): the project and
// the name, which together find an instance and never change for its life
// (a change of either replaces it). Both are needed to import by identity.
var identity = tfresource.NewIdentity(map[string]string{
	"project_id": "ID of the Atlas project that holds the instance.",
	"name":       "Name of the stream instance.",
})

// setIdentity records the identity of an instance.
func setIdentity(id *tfsdk.ResourceIdentity, projectID, name types.String) {
	identity.Set(id, map[string]string{"project_id": projectID.ValueString(), "name": name.ValueString()})
}
