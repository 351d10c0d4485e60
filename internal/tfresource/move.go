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

// MongoDBPlace is where a state of MongoDB's provider says a child lives:
// its project, and its instance as instance_name or, in the versions that
// call instances workspaces, workspace_name. A source state embeds it.
type MongoDBPlace struct {
	ProjectID     string `json:"project_id"`
	InstanceName  string `json:"instance_name"`
	WorkspaceName string `json:"workspace_name"`
}

// Child checks that the source state has what the target resource needs
// to find the child (see MoveNeeds): its place, its name (nameAttr in the
// source), and the other required attributes; it returns the child.
func (p MongoDBPlace) Child(req resource.MoveStateRequest, resp *resource.MoveStateResponse, k Kind, nameAttr, name string, required ...[2]string) (Object, bool) {
	instance := p.WorkspaceName
	if instance == "" {
		instance = p.InstanceName
	}
	needs := append([][2]string{{"project_id", p.ProjectID}, {"instance_name or workspace_name", instance}, {nameAttr, name}}, required...)
	form := k.ImportForm
	if form == "" {
		form = "<project_id>/<instance_name>/<name>"
	}
	ok := MoveNeeds(req, resp, strings.TrimSuffix(k.Address, ".<label>"), k.Short, form, needs...)
	return Object{Kind: k, ProjectID: p.ProjectID, Instance: instance, Name: name}, ok
}
