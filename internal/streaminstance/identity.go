package streaminstance

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// identityModel is the resource identity (Terraform 1.12+): the project
// and the name, which together find an instance and never change for its
// life (a change of either replaces it).
type identityModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Name      types.String `tfsdk:"name"`
}

// IdentitySchema declares the identity; both parts are needed to import
// by identity.
func (r *Resource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema()
}

func identitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"project_id": identityschema.StringAttribute{RequiredForImport: true, Description: "ID of the Atlas project that holds the instance."},
			"name":       identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the stream instance."},
		},
	}
}
