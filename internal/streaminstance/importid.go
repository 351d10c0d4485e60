package streaminstance

import (
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
