package atlasmock

import (
	"fmt"
	"net/http"
	"strings"
)

// apiError is the Atlas ApiError body: error (the status) and errorCode
// always, reason, detail, parameters, and badRequestDetail.fields with one
// entry per bad field.
type apiError struct {
	Error            int               `json:"error"`
	ErrorCode        string            `json:"errorCode"`
	Reason           string            `json:"reason"`
	Detail           string            `json:"detail"`
	Parameters       []string          `json:"parameters"`
	BadRequestDetail *badRequestDetail `json:"badRequestDetail,omitempty"`
}

type badRequestDetail struct {
	Fields []fieldViolation `json:"fields"`
}

// fieldViolation names a field by its path in the JSON body.
type fieldViolation struct {
	Field       string `json:"field"`
	Description string `json:"description"`
}

func newAPIError(status int, code, detail string, params ...string) *apiError {
	if params == nil {
		params = []string{}
	}
	return &apiError{Error: status, ErrorCode: code, Reason: http.StatusText(status), Detail: detail, Parameters: params}
}

// violationsError builds a 400 listing every violation, with a detail
// sentence that repeats each description.
func violationsError(code, lead string, vs []fieldViolation) *apiError {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Description
	}
	e := newAPIError(http.StatusBadRequest, code, fmt.Sprintf("%s: %s.", lead, strings.Join(parts, "; ")))
	e.BadRequestDetail = &badRequestDetail{Fields: vs}
	return e
}

func notFoundError(groupID, name string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_TENANT_NOT_FOUND_FOR_NAME",
		fmt.Sprintf("Stream instance for project %s and name %s not found.", groupID, name), groupID, name)
}
