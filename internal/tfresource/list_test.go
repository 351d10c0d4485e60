package tfresource

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
)

// TestListStream keeps what keep accepts, stops reading at the limit or
// when Terraform stops taking results, and ends a failed walk with one
// result that holds the error.
func TestListStream(t *testing.T) {
	items := []int{1, 2, 3, 4, 5, 6, 7, 8}
	run := func(limit int64, failAfter int, takeAtMost int) (names []string, read int, diags []string) {
		each := func(yield func(*int) bool) (int, error) {
			for i := range items {
				if i == failAfter {
					return 0, errors.New("connection reset")
				}
				read++
				if !yield(&items[i]) {
					break
				}
			}
			return len(items), nil
		}
		stream := ListStream(limit, each, func(n *int) bool { return *n%2 == 0 },
			func(n *int) list.ListResult { return list.ListResult{DisplayName: fmt.Sprint(*n)} }, "Error Listing Things", "Could not list the things.")
		stream(func(r list.ListResult) bool {
			if r.Diagnostics.HasError() {
				diags = append(diags, r.Diagnostics[0].Summary()+": "+r.Diagnostics[0].Detail())
				return true
			}
			names = append(names, r.DisplayName)
			return takeAtMost <= 0 || len(names) < takeAtMost
		})
		return
	}
	if names, read, diags := run(0, -1, 0); fmt.Sprint(names) != "[2 4 6 8]" || read != 8 || diags != nil {
		t.Errorf("no limit: %v, read %d, %v", names, read, diags)
	}
	if names, read, _ := run(2, -1, 0); fmt.Sprint(names) != "[2 4]" || read != 4 {
		t.Errorf("limit 2: %v, read %d, want [2 4] after reading 4", names, read)
	}
	if names, read, _ := run(0, -1, 3); fmt.Sprint(names) != "[2 4 6]" || read != 6 {
		t.Errorf("Terraform stopped after 3: %v, read %d", names, read)
	}
	if names, _, diags := run(0, 3, 0); fmt.Sprint(names) != "[2]" || len(diags) != 1 ||
		!strings.Contains(diags[0], "Error Listing Things: Could not list the things.") || !strings.Contains(diags[0], "connection reset") {
		t.Errorf("failed walk: %v %v", names, diags)
	}
}
