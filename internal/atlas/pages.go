package atlas

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// MaxItemsPerPage is the largest page the API serves.
const MaxItemsPerPage = 500

// maxPages bounds a walk whose server never sends a short page nor a
// totalCount: 10,000 pages of 500 is far more than any project holds.
const maxPages = 10000

// page is one page of a list. TotalCount is nil when the server left it
// out (a processor list with includeCount=false, or a server that never
// counts).
type page[T any] struct {
	Results    []T  `json:"results"`
	TotalCount *int `json:"totalCount"`
}

// walkPages reads the list at path page by page, with the largest page
// size, and hands each item to yield in the server's order until yield
// returns false or the list ends. It is the one pagination loop of the
// client: the list ends at a page shorter than the page size, or once
// totalCount items were read. total is the server's count from the last
// page read (-1 when it sent none).
func walkPages[T any](ctx context.Context, c *Client, mediaType, path string, query url.Values, yield func(*T) bool) (total int, err error) {
	total, read := -1, 0
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("itemsPerPage", strconv.Itoa(MaxItemsPerPage))
	for pageNum := 1; ; pageNum++ {
		q.Set("pageNum", strconv.Itoa(pageNum))
		var p page[T]
		if err := c.call(ctx, mediaType, http.MethodGet, path, q, nil, &p); err != nil {
			return 0, err
		}
		if p.TotalCount != nil {
			total = *p.TotalCount
		}
		for i := range p.Results {
			if !yield(&p.Results[i]) {
				return total, nil
			}
		}
		read += len(p.Results)
		if len(p.Results) < MaxItemsPerPage || (total >= 0 && read >= total) {
			return total, nil
		}
		if pageNum >= maxPages {
			return 0, fmt.Errorf("GET %s: the API kept returning full pages, %d of them, without a totalCount", path, pageNum)
		}
	}
}

// collect gathers every item of a walk.
func collect[T any](walk func(yield func(*T) bool) (int, error)) ([]T, int, error) {
	var all []T
	total, err := walk(func(item *T) bool {
		all = append(all, *item)
		return true
	})
	if err != nil {
		return nil, 0, err
	}
	if total < 0 {
		total = len(all)
	}
	return all, total, nil
}
