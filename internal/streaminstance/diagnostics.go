package streaminstance

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// addAPIError turns a client error into diagnostics: a Title Case summary,
// a detail that says what failed in a full sentence and ends with the API's
// own status, errorCode and detail, and one attribute error per field
// violation the API reported.
func addAPIError(diags *diag.Diagnostics, summary, what string, err error) {
	detail := what + "\n\n" + describeError(err)
	var apiErr *atlas.APIError
	if errors.As(err, &apiErr) && len(apiErr.Fields) > 0 {
		for _, f := range apiErr.Fields {
			if p, ok := apiAttributePath(context.Background(), f.Field); ok {
				diags.AddAttributeError(p, summary, what+"\n\nThe Atlas API rejected "+f.Field+": "+f.Description)
			}
		}
	}
	diags.AddError(summary, detail)
}

// describeError renders an error for a diagnostic detail.
func describeError(err error) string {
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
		b.WriteString("\n\nThe credentials are valid but lack a role for this action: creating, updating and deleting stream instances needs Project Owner, Project Data Access Admin or Project Stream Processing Owner.")
	}
	return b.String()
}
