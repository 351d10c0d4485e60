package streaminstance

import (
	"errors"
	"fmt"
	"strings"
)

// parseImportID accepts "<project_id>/<name>" and the official provider's
// "<project_id>-<name>".
func parseImportID(id string) (projectID, name string, err error) {
	switch {
	case len(id) > 25 && id[24] == '/':
		projectID, name = id[:24], id[25:]
	case len(id) > 25 && id[24] == '-':
		projectID, name = id[:24], id[25:]
	default:
		projectID, name, _ = strings.Cut(id, "/")
	}
	if checkImportParts(projectID, name) != nil {
		return "", "", fmt.Errorf("the import ID %q is not valid. Use one of:\n"+
			"  <project_id>/<name>   for example 65f0a1b2c3d4e5f60718293a/my-instance\n"+
			"  <project_id>-<name>   for example 65f0a1b2c3d4e5f60718293a-my-instance\n"+
			"where project_id is %s and name is %s", id, projectIDRule, nameRule)
	}
	return projectID, name, nil
}

// checkImportParts checks the project ID and name of an import, by ID or
// by identity.
func checkImportParts(projectID, name string) error {
	var bad []string
	if !projectIDPattern.MatchString(projectID) {
		bad = append(bad, fmt.Sprintf("project_id %q must be %s", projectID, projectIDRule))
	}
	if !namePattern.MatchString(name) {
		bad = append(bad, fmt.Sprintf("name %q must be %s", name, nameRule))
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "; ") + ".")
	}
	return nil
}

// importCommand is the command that adopts an existing instance.
func importCommand(address, projectID, name string) string {
	return fmt.Sprintf("terraform import %s %s/%s", address, projectID, name)
}

// conflictAdvice explains a 409 on create and how to adopt the instance.
func conflictAdvice(projectID, name string) string {
	return fmt.Sprintf("A stream instance named %q already exists in project %s. To manage it with Terraform, import it:\n\n  %s\n\n"+
		"or add an import block:\n\n  import {\n    to = atlasmini_stream_instance.<label>\n    id = \"%s/%s\"\n  }\n\n"+
		"where <label> is the label of this resource in your configuration.",
		name, projectID, importCommand("atlasmini_stream_instance.<label>", projectID, name), projectID, name)
}
