package atlas

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A 404 on one object does not by itself say that the object is gone: a
// wrong base URL, a proxy's missing page and a project the credentials
// cannot see answer 404 too. The client therefore counts a 404 as "gone"
// (a *NotFoundError) only when the API confirms it, and otherwise returns
// an *UnconfirmedNotFoundError, which callers must treat as an error that
// keeps what they know.

// IsNotFound reports whether err says that an object does not exist, as
// the API confirmed it (a *NotFoundError). A 404 that the API did not
// confirm is not "not found": it is an *UnconfirmedNotFoundError.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// NotFoundError is a 404 on an object that the API confirmed: the list the
// object belongs to answered 200 (so the path and its parents are right)
// and does not hold it either, or the 404 came from the URL that had just
// accepted the object's delete.
type NotFoundError struct {
	*APIError
}

func (e *NotFoundError) Unwrap() error { return e.APIError }

// UnconfirmedNotFoundError is a 404 that does not show the object is gone:
// the body was not an Atlas error, or the list that should have confirmed
// it did not answer 200. Callers must keep what they know of the object and
// report this error.
type UnconfirmedNotFoundError struct {
	// Object names what answered 404, for example "stream instance".
	Object string
	// URL is the full URL that answered 404.
	URL string
	// Cause is the 404.
	Cause *APIError
	// CheckWhat names the list request that should have confirmed the 404,
	// for example "the project's list"; CheckURL and Check are that request
	// and its error. All three are empty when the 404 itself was not an
	// Atlas error body.
	CheckWhat string
	CheckURL  string
	Check     error
	// ParentAnswers names the object above that answered 200 after the
	// list's 404 ("stream instance" for a connection or processor), when
	// one did: the project and instance are there, so neither is gone.
	ParentAnswers string
	// ListHolds is set when the list answered 200 and holds the object:
	// the 404 contradicts it, as Atlas's reads may for a moment after a
	// write, and it still did after reading again with backoff.
	ListHolds bool
}

func (e *UnconfirmedNotFoundError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s answered %d %s", e.Cause.Method, e.URL, e.Cause.StatusCode, http.StatusText(e.Cause.StatusCode))
	if e.Cause.ErrorCode != "" {
		fmt.Fprintf(&b, " (errorCode %s)", e.Cause.ErrorCode)
	}
	if e.ListHolds {
		fmt.Fprintf(&b, ", and %s, GET %s, holds it: the API contradicts itself, as it may for a moment after a change, and still did after %d reads. "+
			"The %s is not treated as gone; try again in a while", e.CheckWhat, e.CheckURL, lagReads, e.Object)
		return b.String()
	}
	if e.Check == nil {
		fmt.Fprintf(&b, " with a body that is not an Atlas API error (%s), so it does not show that the %s is gone; "+
			"a proxy or a base_url that does not point at the Atlas API answers this way", e.Cause.Snippet, e.Object)
		return b.String()
	}
	fmt.Fprintf(&b, ", and %s, GET %s, ", e.CheckWhat, e.CheckURL)
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
	fmt.Fprintf(&b, ". The API has not confirmed that the %s is gone, so it is not treated as gone. ", e.Object)
	switch StatusCode(e.Check) {
	case http.StatusNotFound:
		if e.ParentAnswers != "" {
			fmt.Fprintf(&b, "The %s answers, but its list does not: a proxy, or a base_url that does not lead to the Atlas API for every path, "+
				"may be in the way", e.ParentAnswers)
			break
		}
		b.WriteString("The project does not answer either: it may have been deleted, the credentials may have lost access to it (GROUP_NOT_FOUND), " +
			"or base_url may not point at the Atlas API")
	case http.StatusUnauthorized:
		b.WriteString("401 means the credentials were not accepted (wrong, expired or revoked), so the API could confirm nothing")
	case http.StatusForbidden:
		b.WriteString("403 means the credentials are valid but hold no role on the project that may read it")
	default:
		b.WriteString("Try again once the API answers")
	}
	return b.String()
}

// Unwrap returns the 404, so StatusCode and the diagnostics see it.
func (e *UnconfirmedNotFoundError) Unwrap() error { return e.Cause }

// CheckStatus is the HTTP status of the confirming list request: 0 when
// it got no answer, or when there was none because the 404 was not an
// Atlas error.
func (e *UnconfirmedNotFoundError) CheckStatus() int { return StatusCode(e.Check) }

// CheckPassing reports whether the confirming list failed in a way that
// may pass: no answer, 429 or a 5xx. Asking again later may then confirm
// the 404.
func (e *UnconfirmedNotFoundError) CheckPassing() bool {
	if e.ListHolds {
		return true
	}
	if e.Check == nil {
		return false
	}
	status := StatusCode(e.Check)
	return status == 0 || status == http.StatusTooManyRequests || status >= 500
}

// listed is an item of any list, by the name that lists are searched by.
type listed struct {
	Name string `json:"name"`
	// ID is the _id of the project-level objects (Private Link endpoints,
	// VPC peerings), which are found by it.
	ID string `json:"_id"`
	// PlainID is the id of a failover connection, which shares its name
	// with its primary and its siblings and is found by it.
	PlainID string `json:"id"`
}

// hex24ID is an object id: only such a name is looked for among ids.
var hex24ID = regexp.MustCompile(`^[a-f0-9]{24}$`)

// confirmNotFound decides what a 404 on the object name means. It counts
// as "no such object" (*NotFoundError) only when its body is an Atlas
// error and the list at listPath answers 200 (which proves that the path
// and its parents are right) without holding the object; a list that
// holds it makes the 404 a *laggingError, for the caller to read again;
// otherwise it is an *UnconfirmedNotFoundError. The list is read, page by
// page until the object is found, only after a 404. Other errors pass
// through unchanged.
func (c *Client) confirmNotFound(ctx context.Context, err error, mediaType, object, listWhat, listPath, name string) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		return err
	}
	unconfirmed := &UnconfirmedNotFoundError{Object: object, URL: c.url(apiErr.Path, nil), Cause: apiErr}
	if apiErr.ErrorCode == "" {
		return unconfirmed
	}
	holds := false
	_, check := walkPages(ctx, c, mediaType, listPath, nil, func(item *listed) bool {
		holds = item.Name == name || item.ID == name || (item.PlainID == name && hex24ID.MatchString(name))
		return !holds
	})
	unconfirmed.CheckWhat, unconfirmed.CheckURL = listWhat, c.url(listPath, url.Values{"itemsPerPage": {strconv.Itoa(MaxItemsPerPage)}, "pageNum": {"1"}})
	switch {
	case check != nil:
		unconfirmed.Check = check
		return unconfirmed
	case holds:
		unconfirmed.ListHolds = true
		return &laggingError{unconfirmed}
	}
	return &NotFoundError{APIError: apiErr}
}

// laggingError is a 404 on an object that its list holds: reading it
// again may find it.
type laggingError struct{ *UnconfirmedNotFoundError }

func (e *laggingError) Unwrap() error { return e.UnconfirmedNotFoundError }

// Reads again after a 404 that the object's list contradicts: how many
// in all, and the first wait between them (it doubles).
const (
	lagReads = 5
	lagWait  = 500 * time.Millisecond
)

// confirmed runs call (a read or a delete of one object) and confirms a
// 404 with confirm (see confirmNotFound). While the object's list holds an
// object that call meets as 404, call is made again with backoff, up to
// lagReads times in all; then the 404 stays unconfirmed.
func confirmed[T any](ctx context.Context, call func(context.Context) (T, error), confirm func(context.Context, error) error) (T, error) {
	wait := lagWait
	for n := 1; ; n++ {
		out, err := call(ctx)
		if err == nil {
			return out, nil
		}
		err = confirm(ctx, err)
		var lag *laggingError
		if !errors.As(err, &lag) {
			return out, err
		}
		if n >= lagReads || Sleep(ctx, wait) != nil {
			return out, lag.UnconfirmedNotFoundError
		}
		wait *= 2
	}
}

// Sleep waits for d or until ctx ends, whichever is first.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// confirmUnderInstance confirms a 404 on an object that lives in an
// instance (a connection, a processor) with the instance's list of such
// objects; when that list is a 404 too, the instance itself is asked for,
// and a confirmed missing instance confirms the object gone with it.
func (c *Client) confirmUnderInstance(ctx context.Context, err error, mediaType, object, listWhat, listPath, groupID, instance, name string) error {
	err = c.confirmNotFound(ctx, err, mediaType, object, listWhat, listPath, name)
	var unconfirmed *UnconfirmedNotFoundError
	if errors.As(err, &unconfirmed) && unconfirmed.CheckStatus() == http.StatusNotFound {
		_, ierr := c.GetStreamInstance(ctx, groupID, instance)
		switch {
		case IsNotFound(ierr):
			return &NotFoundError{APIError: unconfirmed.Cause}
		case ierr == nil:
			unconfirmed.ParentAnswers = "stream instance"
		}
	}
	return err
}

// finalNotFound is a 404 from a URL that has just accepted the object's
// delete: that URL, project and credentials are proven right, so a 404
// with an Atlas error body needs no list to confirm it. Any other answer
// passes through unchanged; a 404 without an Atlas body is unconfirmed.
func (c *Client) finalNotFound(err error, object string) error {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		return err
	}
	if apiErr.ErrorCode == "" {
		return &UnconfirmedNotFoundError{Object: object, URL: c.url(apiErr.Path, nil), Cause: apiErr}
	}
	return &NotFoundError{APIError: apiErr}
}
