package atlas

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// APIError is an error answer of the Atlas Admin API: the ApiError body
// when the server sent one, and always the HTTP status.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	ErrorCode  string
	Reason     string
	Detail     string
	Fields     []FieldViolation
	// Snippet is the start of a body that was not an ApiError (for example
	// a proxy's HTML page), for the message.
	Snippet string
}

// FieldViolation names a bad field by its path in the JSON body.
type FieldViolation struct {
	Field       string `json:"field"`
	Description string `json:"description"`
}

type apiErrorBody struct {
	Error            *int   `json:"error"`
	ErrorCode        string `json:"errorCode"`
	Reason           string `json:"reason"`
	Detail           string `json:"detail"`
	BadRequestDetail *struct {
		Fields []FieldViolation `json:"fields"`
	} `json:"badRequestDetail"`
}

// Error reads as "POST /api/...: 409 Conflict (STREAM_TENANT_ALREADY_EXISTS): detail".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.ErrorCode != "" {
		fmt.Fprintf(&b, " (%s)", e.ErrorCode)
	}
	switch {
	case e.Detail != "":
		b.WriteString(": " + e.Detail)
	case e.Snippet != "":
		b.WriteString(": the response was not an Atlas API error body: " + e.Snippet)
	}
	return b.String()
}

// decodeAPIError builds an APIError from any error response, JSON or not.
func decodeAPIError(method, path string, status int, body []byte) *APIError {
	e := &APIError{Method: method, Path: path, StatusCode: status}
	var b apiErrorBody
	if json.Unmarshal(body, &b) == nil && (b.Error != nil || b.ErrorCode != "") {
		e.ErrorCode, e.Reason, e.Detail = b.ErrorCode, b.Reason, b.Detail
		if b.BadRequestDetail != nil {
			e.Fields = b.BadRequestDetail.Fields
		}
		return e
	}
	e.Snippet = snippet(body)
	return e
}

// snippet returns the first line-folded 200 characters of a body.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 200 {
		s = s[:200]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "..."
	}
	if s == "" {
		return "(empty body)"
	}
	return s
}

// StatusCode returns the HTTP status of an APIError in err's chain, or 0.
func StatusCode(err error) int {
	var e *APIError
	if errors.As(err, &e) {
		return e.StatusCode
	}
	return 0
}

// IsNotFound reports whether err says that a stream instance does not
// exist, as the API confirmed it (a *NotFoundError). A 404 that the API did
// not confirm, from a wrong base URL, a proxy or a project the credentials
// cannot see, is not "not found": it is an *UnconfirmedNotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// NotFoundError is a 404 on a stream instance that the API confirmed: the
// project's list of instances answered 200, so the path and the project
// are right and the instance is absent.
type NotFoundError struct {
	*APIError
}

func (e *NotFoundError) Unwrap() error { return e.APIError }

// UnconfirmedNotFoundError is a 404 on a stream instance that does not
// show the instance is gone: the body was not an Atlas error, or the
// project's list did not answer 200. Callers must keep what they know of
// the instance and report this error.
type UnconfirmedNotFoundError struct {
	// URL is the full URL that answered 404.
	URL string
	// Cause is the 404.
	Cause *APIError
	// CheckURL and Check are the list request that should have confirmed
	// the 404 and its error; both are empty when the 404 itself was not an
	// Atlas error body.
	CheckURL string
	Check    error
}

func (e *UnconfirmedNotFoundError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s answered %d %s", e.Cause.Method, e.URL, e.Cause.StatusCode, http.StatusText(e.Cause.StatusCode))
	if e.Cause.ErrorCode != "" {
		fmt.Fprintf(&b, " (errorCode %s)", e.Cause.ErrorCode)
	}
	if e.Check == nil {
		b.WriteString(" with a body that is not an Atlas API error (" + e.Cause.Snippet + "), so it does not show that the instance is gone; " +
			"a proxy or a base_url that does not point at the Atlas API answers this way")
		return b.String()
	}
	fmt.Fprintf(&b, ", and the project's list, GET %s, ", e.CheckURL)
	var check *APIError
	if errors.As(e.Check, &check) {
		fmt.Fprintf(&b, "answered %d %s", check.StatusCode, http.StatusText(check.StatusCode))
		if check.ErrorCode != "" {
			fmt.Fprintf(&b, " (errorCode %s)", check.ErrorCode)
		}
		if check.Detail != "" {
			b.WriteString(": " + strings.TrimSuffix(check.Detail, "."))
		}
	} else {
		b.WriteString("failed: " + e.Check.Error())
	}
	b.WriteString(". The API has not confirmed that the instance is gone, so it is not treated as gone. ")
	if StatusCode(e.Check) == http.StatusNotFound {
		b.WriteString("The project does not answer either: it may have been deleted, the credentials may have lost access to it (GROUP_NOT_FOUND), " +
			"or base_url may not point at the Atlas API")
	} else {
		b.WriteString("Try again once the API answers")
	}
	return b.String()
}

// Unwrap returns the 404, so StatusCode and the diagnostics see it.
func (e *UnconfirmedNotFoundError) Unwrap() error { return e.Cause }

// IsConflict reports whether err is a 409 answer.
func IsConflict(err error) bool { return StatusCode(err) == http.StatusConflict }

// DecodeError is a success answer whose body could not be read as the
// expected object: the operation was applied, but its result is unknown.
type DecodeError struct {
	Method     string
	Path       string
	StatusCode int
	Err        error
	Snippet    string
}

func (e *DecodeError) Error() string {
	msg := fmt.Sprintf("%s %s: the API answered %d with a body that could not be decoded", e.Method, e.Path, e.StatusCode)
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg + ": " + e.Snippet
}

func (e *DecodeError) Unwrap() error { return e.Err }

// IsDecodeError reports whether err is a success answer with an unreadable body.
func IsDecodeError(err error) bool {
	var d *DecodeError
	return errors.As(err, &d)
}
