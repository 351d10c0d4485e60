package streaminstance

import (
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
)

// parseImportID accepts "<project_id>/<name>" and MongoDB's provider's
// "<project_id>-<name>".
func parseImportID(id string) (projectID, name string, err error) {
	return tfresource.ProjectScopedID(id, namePattern.MatchString, nameRule)
}

// checkImportParts checks the project ID and name of an import, by ID or
// by identity.
func checkImportParts(projectID, name string) error {
	return tfresource.CheckProjectScoped(projectID, name, namePattern.MatchString, nameRule)
}

// conflictAdvice explains a taken name on create and how to adopt the
// instance, with Terraform or OpenTofu.
func conflictAdvice(projectID, name string) string {
	return fmt.Sprintf("A stream instance named %q already exists in project %s. To manage it with Terraform or OpenTofu, %s\n\n"+
		"where <label> is the label of this resource in your configuration.",
		name, projectID, tfresource.ImportAdvice("atlasmini_stream_instance.<label>", projectID+"/"+name))
}
