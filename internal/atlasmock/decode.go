package atlasmock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// createRequest is a decoded create body; nil pointers are absent fields.
type createRequest struct {
	Name            *string
	HasRegion       bool
	CloudProvider   *string
	Region          *string
	Tier            *string
	MaxTierSize     *string
	Solar           *bool
	FailoverRegions *[]regionRequest
}

// updateRequest is a decoded PATCH body; nil pointers are absent fields.
type updateRequest struct {
	Name            *string
	CloudProvider   *string
	Region          *string
	Tier            *string
	MaxTierSize     *string
	FailoverRegions *[]regionRequest
}

// regionRequest is one entry of failoverRegions.
type regionRequest struct {
	CloudProvider *string
	Region        *string
}

// readBody reads at most MaxBodyBytes; a larger body is a 413.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, newAPIError(http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE",
			fmt.Sprintf("The request body is larger than %d bytes.", MaxBodyBytes))
	case err != nil:
		return nil, newAPIError(http.StatusBadRequest, "INVALID_JSON", "The request body could not be read.")
	}
	return data, nil
}

// typeChecker decodes fields and records every wrong JSON type.
type typeChecker struct {
	violations []fieldViolation
}

func (tc *typeChecker) wrong(field, want string) {
	tc.violations = append(tc.violations, fieldViolation{Field: field, Description: fmt.Sprintf("%s must be %s", field, want)})
}

func (tc *typeChecker) str(obj map[string]json.RawMessage, key, field string) *string {
	raw, ok := obj[key]
	if !ok || isNull(raw) {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		tc.wrong(field, "a string")
		return nil
	}
	return &s
}

func (tc *typeChecker) boolean(obj map[string]json.RawMessage, key, field string) *bool {
	raw, ok := obj[key]
	if !ok || isNull(raw) {
		return nil
	}
	var b bool
	if json.Unmarshal(raw, &b) != nil {
		tc.wrong(field, "a boolean")
		return nil
	}
	return &b
}

// object returns a nested object, or nil when absent, null or mistyped.
func (tc *typeChecker) object(obj map[string]json.RawMessage, key, field string) map[string]json.RawMessage {
	raw, ok := obj[key]
	if !ok || isNull(raw) {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		tc.wrong(field, "an object")
		return nil
	}
	return m
}

// regions decodes an array of {cloudProvider, region} objects; nil when
// absent or null.
func (tc *typeChecker) regions(obj map[string]json.RawMessage, key, field string) *[]regionRequest {
	raw, ok := obj[key]
	if !ok || isNull(raw) {
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		tc.wrong(field, "an array of objects")
		return nil
	}
	out := make([]regionRequest, 0, len(items))
	for i, item := range items {
		entry := fmt.Sprintf("%s[%d]", field, i)
		var m map[string]json.RawMessage
		if json.Unmarshal(item, &m) != nil || m == nil {
			tc.wrong(entry, "an object")
			continue
		}
		out = append(out, regionRequest{
			CloudProvider: tc.str(m, "cloudProvider", entry+".cloudProvider"),
			Region:        tc.str(m, "region", entry+".region"),
		})
	}
	return &out
}

func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// decodeObject parses a body that must be one JSON object.
func decodeObject(data []byte) (map[string]json.RawMessage, *apiError) {
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, newAPIError(http.StatusBadRequest, "INVALID_JSON", "The request body must be a JSON object.")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, newAPIError(http.StatusBadRequest, "INVALID_JSON", "The request body must hold one JSON object and nothing after it.")
	}
	return obj, nil
}

// decodeCreate decodes a create body. Unknown and read-only fields are
// ignored; every wrong JSON type is reported at once.
func decodeCreate(data []byte) (*createRequest, *apiError) {
	obj, e := decodeObject(data)
	if e != nil {
		return nil, e
	}
	var tc typeChecker
	req := &createRequest{Name: tc.str(obj, "name", "name")}
	if reg := tc.object(obj, "dataProcessRegion", "dataProcessRegion"); reg != nil {
		req.HasRegion = true
		req.CloudProvider = tc.str(reg, "cloudProvider", "dataProcessRegion.cloudProvider")
		req.Region = tc.str(reg, "region", "dataProcessRegion.region")
	}
	if sc := tc.object(obj, "streamConfig", "streamConfig"); sc != nil {
		req.Tier = tc.str(sc, "tier", "streamConfig.tier")
		req.MaxTierSize = tc.str(sc, "maxTierSize", "streamConfig.maxTierSize")
	}
	req.FailoverRegions = tc.regions(obj, "failoverRegions", "failoverRegions")
	if samples := tc.object(obj, "sampleConnections", "sampleConnections"); samples != nil {
		req.Solar = tc.boolean(samples, "solar", "sampleConnections.solar")
	}
	if len(tc.violations) > 0 {
		return nil, violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
	}
	return req, nil
}

// decodeUpdate decodes a PATCH body: cloudProvider and region at the root,
// streamConfig, failoverRegions, and name (which must not change).
func decodeUpdate(data []byte) (*updateRequest, *apiError) {
	obj, e := decodeObject(data)
	if e != nil {
		return nil, e
	}
	var tc typeChecker
	req := &updateRequest{
		Name:          tc.str(obj, "name", "name"),
		CloudProvider: tc.str(obj, "cloudProvider", "cloudProvider"),
		Region:        tc.str(obj, "region", "region"),
	}
	if sc := tc.object(obj, "streamConfig", "streamConfig"); sc != nil {
		req.Tier = tc.str(sc, "tier", "streamConfig.tier")
		// A null maxTierSize is ignored: a PATCH cannot clear it.
		req.MaxTierSize = tc.str(sc, "maxTierSize", "streamConfig.maxTierSize")
	}
	req.FailoverRegions = tc.regions(obj, "failoverRegions", "failoverRegions")
	if len(tc.violations) > 0 {
		return nil, violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
	}
	return req, nil
}
