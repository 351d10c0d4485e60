package tfresource

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ProjectScopedID reads the import ID of an object that lives in a
// project (a stream instance): "<project_id>/<name>" or MongoDB's
// "<project_id>-<name>". nameRule says what a name must be; nameOK checks
// it.
func ProjectScopedID(id string, nameOK func(string) bool, nameRule string) (projectID, name string, err error) {
	switch {
	case len(id) > 25 && (id[24] == '/' || id[24] == '-'):
		projectID, name = id[:24], id[25:]
	default:
		projectID, name, _ = strings.Cut(id, "/")
	}
	if CheckProjectScoped(projectID, name, nameOK, nameRule) != nil {
		return "", "", fmt.Errorf("the import ID %q is not valid. Use one of:\n"+
			"  <project_id>/<name>   for example 65f0a1b2c3d4e5f60718293a/my-instance\n"+
			"  <project_id>-<name>   for example 65f0a1b2c3d4e5f60718293a-my-instance\n"+
			"where project_id is %s and name is %s", id, ProjectIDRule, nameRule)
	}
	return projectID, name, nil
}

// CheckProjectScoped checks the parts of a project-scoped import, by ID or
// by identity.
func CheckProjectScoped(projectID, name string, nameOK func(string) bool, nameRule string) error {
	var bad []string
	if !ProjectIDPattern.MatchString(projectID) {
		bad = append(bad, fmt.Sprintf("project_id %q must be %s", projectID, ProjectIDRule))
	}
	if !nameOK(name) {
		bad = append(bad, fmt.Sprintf("name %q must be %s", name, nameRule))
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "; ") + ".")
	}
	return nil
}

// hexRun finds each 24-hex run between hyphens, for MongoDB's form.
var hexRun = regexp.MustCompile(`-[a-f0-9]{24}-`)

// InstanceScopedID reads the import ID of an object that lives in a stream
// instance (a connection, a processor): "<project_id>/<instance_name>/<name>"
// or MongoDB's "<instance_name>-<project_id>-<name>". Instance and object
// names may hold hyphens, so the hyphen form is split at the first 24-hex
// run that leaves a valid instance name before it and a valid name after
// it. object names the object in the examples ("connection").
func InstanceScopedID(id, object string, nameOK func(string) bool, nameRule string) (projectID, instance, name string, err error) {
	if parts := strings.Split(id, "/"); len(parts) == 3 {
		projectID, instance, name = parts[0], parts[1], parts[2]
	} else if len(parts) == 1 {
		for start := 0; start < len(id); {
			loc := hexRun.FindStringIndex(id[start:])
			if loc == nil {
				break
			}
			i, j := start+loc[0], start+loc[1]
			if InstanceNamePattern.MatchString(id[:i]) && nameOK(id[j:]) {
				instance, projectID, name = id[:i], id[i+1:j-1], id[j:]
				break
			}
			start = i + 1
		}
	}
	if CheckInstanceScoped(projectID, instance, name, nameOK, nameRule) != nil {
		return "", "", "", fmt.Errorf("the import ID %q is not valid. Use one of:\n"+
			"  <project_id>/<instance_name>/<name>   for example 65f0a1b2c3d4e5f60718293a/ingest/my-%[2]s\n"+
			"  <instance_name>-<project_id>-<name>   for example ingest-65f0a1b2c3d4e5f60718293a-my-%[2]s (MongoDB's provider's form)\n"+
			"where project_id is %[3]s, instance_name is %[4]s, and name is %[5]s", id, object, ProjectIDRule, InstanceNameRule, nameRule)
	}
	return projectID, instance, name, nil
}

// CheckInstanceScoped checks the parts of an instance-scoped import, by ID
// or by identity.
func CheckInstanceScoped(projectID, instance, name string, nameOK func(string) bool, nameRule string) error {
	var bad []string
	if !ProjectIDPattern.MatchString(projectID) {
		bad = append(bad, fmt.Sprintf("project_id %q must be %s", projectID, ProjectIDRule))
	}
	if !InstanceNamePattern.MatchString(instance) {
		bad = append(bad, fmt.Sprintf("instance_name %q must be %s", instance, InstanceNameRule))
	}
	if !nameOK(name) {
		bad = append(bad, fmt.Sprintf("name %q must be %s", name, nameRule))
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "; ") + ".")
	}
	return nil
}

// ImportAdvice tells how to adopt an existing object: an import block,
// which works with Terraform 1.5+ and OpenTofu, and the import command of
// either CLI, with the exact address and ID.
func ImportAdvice(address, id string) string {
	return fmt.Sprintf("import it with an import block:\n\n  import {\n    to = %[1]s\n    id = %[2]q\n  }\n\n"+
		"or from the command line: terraform import %[1]s %[2]s (tofu import with OpenTofu).", address, id)
}

// ImportInstanceScoped is ImportState for an object that lives in an
// instance (a connection, a processor): by ID in either form of
// InstanceScopedID, or by an identity of project_id, instance_name and
// name. It sets those three attributes and the identity; Read does the
// rest.
func ImportInstanceScoped(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, ident Identity, object string, nameOK func(string) bool, nameRule string) {
	var projectID, instance, name string
	if req.ID == "" && req.Identity != nil {
		id, err := ident.Get(req.Identity)
		if err == nil {
			projectID, instance, name = id["project_id"], id["instance_name"], id["name"]
			err = CheckInstanceScoped(projectID, instance, name, nameOK, nameRule)
		}
		if err != nil {
			resp.Diagnostics.AddError("Invalid Import Identity", err.Error())
			return
		}
	} else {
		var err error
		if projectID, instance, name, err = InstanceScopedID(req.ID, object, nameOK, nameRule); err != nil {
			resp.Diagnostics.AddError("Invalid Import ID", err.Error())
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("instance_name"), instance)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	ident.Set(resp.Identity, map[string]string{"project_id": projectID, "instance_name": instance, "name": name})
}
