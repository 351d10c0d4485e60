package tfresource

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
)

// ListStream is the results of a list resource: it walks the API's list
// with each (page by page, until its yield returns false), skips the items
// keep rejects, pushes result of each other item, and stops reading pages
// once Terraform's limit is reached (a limit of 0 or less is none). A walk
// that fails ends the stream with one result holding the error, as
// AddAPIError words it with summary and what.
func ListStream[T any](limit int64, each func(yield func(*T) bool) (int, error), keep func(*T) bool, result func(*T) list.ListResult, summary, what string) func(push func(list.ListResult) bool) {
	return func(push func(list.ListResult) bool) {
		var sent int64
		_, err := each(func(item *T) bool {
			if !keep(item) {
				return true
			}
			if !push(result(item)) {
				return false
			}
			sent++
			return limit <= 0 || sent < limit
		})
		if err != nil {
			var d diag.Diagnostics
			AddAPIError(&d, summary, what, err, nil)
			push(list.ListResult{Diagnostics: d})
		}
	}
}
