package tfresource

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// FieldMapper maps a field path of the API, as a field violation names it
// (dataProcessRegion.region, schemaRegistryUrls[1]), to the path of the
// attribute the user wrote; ok is false when there is none.
type FieldMapper func(field string) (p path.Path, ok bool)

// AddAPIError turns a client error into diagnostics: a Title Case summary,
// a detail that says what failed in a full sentence and ends with the API's
// own status, errorCode and detail, and one attribute error per field
// violation the API reported on an attribute that fields can map (nil maps
// none).
func AddAPIError(diags *diag.Diagnostics, summary, what string, err error, fields FieldMapper) {
	detail := what + "\n\n" + DescribeError(err)
	var apiErr *atlas.APIError
	if fields != nil && errors.As(err, &apiErr) {
		for _, f := range apiErr.Fields {
			if p, ok := fields(f.Field); ok {
				diags.AddAttributeError(p, summary, what+"\n\nThe Atlas API rejected "+f.Field+": "+f.Description)
			}
		}
	}
	diags.AddError(summary, detail)
}

// DescribeError renders an error for a diagnostic detail: the error, then
// the API's status, errorCode and detail, then what a 401 or 403 means.
func DescribeError(err error) string {
	var explained notAboutRoles
	rolesExplained := errors.As(err, &explained)
	if rolesExplained {
		err = explained.error
	}
	var apiErr *atlas.APIError
	if !errors.As(err, &apiErr) {
		return "Error: " + err.Error()
	}
	var b strings.Builder
	if _, direct := err.(*atlas.APIError); !direct { //nolint:errorlint // Only a wrapped error has more to say.
		b.WriteString("Error: " + err.Error() + "\n\n")
	}
	fmt.Fprintf(&b, "Atlas API status: %d", apiErr.StatusCode)
	if apiErr.ErrorCode != "" {
		fmt.Fprintf(&b, "\nerrorCode: %s", apiErr.ErrorCode)
	}
	switch {
	case apiErr.Detail != "":
		fmt.Fprintf(&b, "\ndetail: %s", apiErr.Detail)
	case apiErr.Snippet != "":
		fmt.Fprintf(&b, "\nThe response was not an Atlas API error body: %s", apiErr.Snippet)
	}
	switch apiErr.StatusCode {
	case http.StatusUnauthorized:
		b.WriteString("\n\nThe credentials were not accepted: check the provider's public_key/private_key, client_id/client_secret or access_token.")
	case http.StatusForbidden:
		if rolesExplained {
			break
		}
		b.WriteString("\n\nThe credentials are valid but lack a role for this action: creating, updating, deleting, starting and stopping stream instances, " +
			"connections and processors needs Project Owner, Project Data Access Admin, Project Stream Processing Owner or Project Stream Processing Manager; " +
			"reading them needs any project role.")
	}
	return b.String()
}

// NotAboutRoles marks a 403 that its caller has explained by something
// else than a missing role (an instance delete refused because the
// instance still has processors), so that DescribeError does not say the
// credentials lack a role.
func NotAboutRoles(err error) error { return notAboutRoles{err} }

type notAboutRoles struct{ error }

func (e notAboutRoles) Unwrap() error { return e.error }

// UnconfirmedAdvice says what to do about a 404 that the API did not
// confirm, by what the confirming request answered; it is empty for any
// other error, and for failures that may pass (the error itself says to
// try again). object names the object ("stream instance") and address the
// resource as the user finds it (atlasmini_stream_instance.<label>).
func UnconfirmedAdvice(err error, object, address string) string {
	var unconfirmed *atlas.UnconfirmedNotFoundError
	if !errors.As(err, &unconfirmed) {
		return ""
	}
	kept := fmt.Sprintf("The %s is kept in state, since it may still exist.", object)
	switch unconfirmed.CheckStatus() {
	case http.StatusNotFound:
		if unconfirmed.ParentAnswers != "" {
			return fmt.Sprintf("Check base_url and any proxy between Terraform and Atlas, and run again. %s", kept)
		}
		return fmt.Sprintf("If the project was deleted, the %[1]s went with it, and the API can no longer say so. "+
			"Remove it from the state and its resource block from the configuration, in one of two ways:\n"+
			"  - run `terraform state rm '%[2]s'` (`tofu state rm` with OpenTofu; the address shown with this error) when you run it by hand;\n"+
			"  - add a removed block (Terraform 1.7+) when changes go through a reviewed configuration and a pipeline:\n\n"+
			"      removed {\n        from = %[2]s\n        lifecycle {\n          destroy = false\n        }\n      }\n\n"+
			"If instead the credentials lost access to the project, or base_url is wrong, fix that and keep the state as it is: "+
			"removing a live %[1]s from state makes Terraform lose track of it.", object, address)
	case http.StatusUnauthorized:
		return "Fix the credentials (public_key and private_key, client_id and client_secret, or access_token) and run again. " + kept
	case http.StatusForbidden:
		return "Give the credentials a role on the project that may read it (Project Read Only is enough for reads) and run again. " + kept
	}
	return ""
}

// WithAdvice adds to a sentence what to do about an unconfirmed 404.
func WithAdvice(what string, err error, object, address string) string {
	if advice := UnconfirmedAdvice(err, object, address); advice != "" {
		return what + "\n\n" + advice
	}
	return what
}

// TimeoutHint adds which timeout ran out when err is a deadline.
func TimeoutHint(what string, err error, timeout time.Duration) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return what + fmt.Sprintf(" The operation did not finish within its timeout of %s; raise it with the timeouts attribute if the API is slow.", timeout)
	}
	return what
}
