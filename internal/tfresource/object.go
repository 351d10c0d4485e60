package tfresource

import (
	"fmt"
)

// Kind is a kind of object that a resource manages, as messages name it.
type Kind struct {
	// Short names it inside its instance: "connection", "processor"; for
	// an instance, "stream instance".
	Short string
	// Object names it on its own: "stream connection".
	Object string
	// Address is the resource as the user finds it in the configuration:
	// "atlasmini_stream_connection.<label>".
	Address string
	// ImportForm is the form of its import ID when it is not
	// <project_id>/<instance_name>/<name>.
	ImportForm string
}

// The kinds of object of this provider's resources.
var (
	InstanceKind   = Kind{Short: "stream instance", Object: "stream instance", Address: "atlasmini_stream_instance.<label>"}
	ConnectionKind = Kind{Short: "connection", Object: "stream connection", Address: "atlasmini_stream_connection.<label>"}
	ProcessorKind  = Kind{Short: "processor", Object: "stream processor", Address: "atlasmini_stream_processor.<label>"}
	// PrivateLinkKind names a Private Link endpoint by what it reaches
	// (it has no name): `Private Link endpoint "AWS MSK arn:…"`.
	PrivateLinkKind = Kind{Short: "Private Link endpoint", Object: "Private Link endpoint", Address: "atlasmini_stream_privatelink_endpoint.<label>"}
	// FailoverKind is a connection's copy for one failover region; its
	// Object is named by the connection's name.
	FailoverKind = Kind{Short: "failover connection", Object: "stream failover connection", Address: "atlasmini_stream_connection_failover.<label>",
		ImportForm: "<project_id>/<instance_name>/<connection_name>/<id>"}
)

// Object is one object of a kind: where it lives and its name. Instance
// is empty for an object that lives in the project (a stream instance).
type Object struct {
	Kind
	ProjectID, Instance, Name string
}

// String names the object in a sentence: `connection "events" of stream
// instance "ingest" in project 65f0…`, or `stream instance "ingest" in
// project 65f0…`.
func (o Object) String() string {
	if o.Instance == "" {
		return fmt.Sprintf("%s %q in project %s", o.Short, o.Name, o.ProjectID)
	}
	return fmt.Sprintf("%s %q of stream instance %q in project %s", o.Short, o.Name, o.Instance, o.ProjectID)
}

// ImportID is the object's import ID in the slash form.
func (o Object) ImportID() string {
	if o.Instance == "" {
		return o.ProjectID + "/" + o.Name
	}
	return o.ProjectID + "/" + o.Instance + "/" + o.Name
}

// Could says that an operation on the object failed: "Could not create
// connection "events" of stream instance "ingest" in project 65f0…."
func (o Object) Could(verb string) string {
	return fmt.Sprintf("Could not %s %s.", verb, o)
}

// takenAdvice says that a create met an object of the same name, and how
// to adopt it.
func (o Object) takenAdvice() string {
	where := "project " + o.ProjectID
	if o.Instance != "" {
		where = fmt.Sprintf("stream instance %q of project %s", o.Instance, o.ProjectID)
	}
	return fmt.Sprintf("A %s named %q already exists in %s. To manage it with Terraform or OpenTofu, %s\n\nwhere <label> is the label of this resource in your configuration.",
		o.Short, o.Name, where, ImportAdvice(o.Address, o.ImportID()))
}

// WithAdvice adds to a sentence what to do about a 404 on the object that
// the API did not confirm (see UnconfirmedAdvice).
func (o Object) WithAdvice(what string, err error) string {
	return WithAdvice(what, err, o.Object, o.Address)
}
