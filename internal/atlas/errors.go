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
	// Parameters are the values the detail names (an id, a name).
	Parameters []string
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
	Error            *int     `json:"error"`
	ErrorCode        string   `json:"errorCode"`
	Reason           string   `json:"reason"`
	Detail           string   `json:"detail"`
	Parameters       []string `json:"parameters"`
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
		e.ErrorCode, e.Reason, e.Detail, e.Parameters = b.ErrorCode, b.Reason, b.Detail, b.Parameters
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
