package tfresource

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// IsMongoDBAtlasProvider reports whether a provider address is MongoDB's
// provider, from any registry or mirror: registry.terraform.io/mongodb/mongodbatlas.
func IsMongoDBAtlasProvider(address string) bool {
	return strings.HasSuffix(address, "/mongodbatlas")
}

// ReadMoveSource reads into src the state of a resource of MongoDB's
// provider that a moved block brings over, when its type is one of
// types. It reports false when the mover is not to take it: another
// provider or type (nothing is added, and Terraform says the move is not
// supported), or a state that cannot be read (an error is added). The
// state is read as JSON, so attributes that newer versions of MongoDB's
// provider add are ignored.
func ReadMoveSource(req resource.MoveStateRequest, resp *resource.MoveStateResponse, src any, types ...string) bool {
	if !IsMongoDBAtlasProvider(req.SourceProviderAddress) || !slices.Contains(types, req.SourceTypeName) {
		return false
	}
	summary := "Cannot Move " + req.SourceTypeName
	if req.SourceRawState == nil {
		resp.Diagnostics.AddError(summary, "Terraform sent no state for the moved resource.")
		return false
	}
	if err := json.Unmarshal(req.SourceRawState.JSON, src); err != nil {
		resp.Diagnostics.AddError(summary, "The state of the moved resource could not be read: "+err.Error())
		return false
	}
	return true
}

// MoveNeeds checks that the source state has what the target needs to
// find the object: required pairs an attribute of the source (as the
// message names it) with its value. Each missing one is named in one
// error that says how to refresh or import instead, and false is
// returned.
func MoveNeeds(req resource.MoveStateRequest, resp *resource.MoveStateResponse, target, object, importID string, required ...[2]string) bool {
	var missing []string
	for _, r := range required {
		if r[1] == "" {
			missing = append(missing, r[0])
		}
	}
	if len(missing) == 0 {
		return true
	}
	resp.Diagnostics.AddError("Cannot Move "+req.SourceTypeName, fmt.Sprintf("The state of %s has no %s, which %s needs to find the %s. "+
		"Refresh it with MongoDB's provider first, or import the %s instead (an import block with id = %q).",
		req.SourceTypeName, strings.Join(missing, " and "), target, object, object, importID))
	return false
}
