package tfresource

import (
	"net/http"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
)

// OutcomeUnknown reports whether a failed create may nevertheless have
// been applied: no HTTP answer at all, or a server error other than 503
// (which the API uses for requests it did not take) and 501.
func OutcomeUnknown(err error) bool {
	status := atlas.StatusCode(err)
	return status == 0 || (status >= 500 && status != http.StatusServiceUnavailable && status != http.StatusNotImplemented)
}

// MayMeanNameTaken reports whether a refused create may have met a taken
// name. The mock answers 409, but Atlas documents no 409 for its creates
// and may answer 400 with an errorCode of its own, so callers check both by
// reading the object.
func MayMeanNameTaken(err error) bool {
	status := atlas.StatusCode(err)
	return status == http.StatusConflict || status == http.StatusBadRequest
}
