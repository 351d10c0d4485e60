package atlas

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/icholy/digest"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// notSentError marks a failure that happened before the request left this
// process (for example fetching an OAuth token), so that even a POST may be
// retried safely.
type notSentError struct{ err error }

func (e *notSentError) Error() string { return e.err.Error() }
func (e *notSentError) Unwrap() error { return e.err }

// authTransport returns the RoundTripper that authenticates requests with
// the configured method, over base.
func authTransport(cfg Config, base http.RoundTripper) http.RoundTripper {
	switch cfg.Method() {
	case AuthAccessToken:
		return &bearerTransport{base: base, token: cfg.AccessToken}
	case AuthServiceAccount:
		cc := &clientcredentials.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			TokenURL:     strings.TrimSuffix(cfg.BaseURL, "/") + "/api/oauth/token",
			AuthStyle:    oauth2.AuthStyleInHeader,
		}
		ctx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Transport: &userAgentTransport{base: base, ua: cfg.UserAgent}})
		return &oauthTransport{base: base, newSource: func() oauth2.TokenSource { return cc.TokenSource(ctx) }}
	default:
		// The digest transport caches the server's challenge and counts
		// nonce uses, so each call after the first is one round trip.
		return &primingTransport{next: &digest.Transport{Username: cfg.PublicKey, Password: cfg.PrivateKey, Transport: base}}
	}
}

// bearerTransport sends a fixed access token.
type bearerTransport struct {
	base  http.RoundTripper
	token string
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	return t.base.RoundTrip(r)
}

// oauthTransport sends a cached client-credentials token, fetching a new
// one when it expires, and once more when the server rejects it early (a
// restarted server, a revoked token).
type oauthTransport struct {
	base      http.RoundTripper
	newSource func() oauth2.TokenSource

	mu  sync.Mutex
	src oauth2.TokenSource
}

func (t *oauthTransport) source(reset oauth2.TokenSource) oauth2.TokenSource {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.src == nil || t.src == reset {
		t.src = oauth2.ReuseTokenSource(nil, t.newSource())
	}
	return t.src
}

func (t *oauthTransport) send(req *http.Request, src oauth2.TokenSource) (*http.Response, error) {
	tok, err := src.Token()
	if err != nil {
		return nil, &notSentError{fmt.Errorf("fetching an OAuth access token: %w", scrubTokenError(err))}
	}
	r := req.Clone(req.Context())
	if req.GetBody != nil {
		if r.Body, err = req.GetBody(); err != nil {
			return nil, &notSentError{err}
		}
	}
	tok.SetAuthHeader(r)
	return t.base.RoundTrip(r)
}

func (t *oauthTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	src := t.source(nil)
	resp, err := t.send(req, src)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return t.send(req, t.source(src))
}

// scrubTokenError keeps the OAuth error code and status of a failed token
// request but drops the raw response body.
func scrubTokenError(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		msg := fmt.Sprintf("token endpoint answered %d", re.Response.StatusCode)
		if re.ErrorCode != "" {
			msg += " (" + re.ErrorCode + ")"
		}
		if re.Response.StatusCode == http.StatusUnauthorized || re.ErrorCode == "invalid_client" {
			msg += ": check client_id and client_secret"
		}
		return &tokenError{msg: msg, status: re.Response.StatusCode}
	}
	return err
}

// tokenError is a failed token request.
type tokenError struct {
	msg    string
	status int
}

func (e *tokenError) Error() string { return e.msg }

// userAgentTransport sets the User-Agent on token requests.
type userAgentTransport struct {
	base http.RoundTripper
	ua   string
}

func (t *userAgentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("User-Agent", t.ua)
	return t.base.RoundTrip(r)
}

// primingTransport lets one request fetch the first digest challenge while
// the others wait for it, so that Terraform's parallel first calls do not
// each pay a 401 round trip. Once a request has gone through, it steps
// aside; the digest transport handles later challenges itself.
type primingTransport struct {
	next   http.RoundTripper
	mu     sync.Mutex
	primed atomic.Bool
}

func (t *primingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.primed.Load() {
		return t.next.RoundTrip(req)
	}
	t.mu.Lock()
	if t.primed.Load() {
		// Primed while this request waited: go in parallel with the rest.
		t.mu.Unlock()
		return t.next.RoundTrip(req)
	}
	defer t.mu.Unlock()
	resp, err := t.next.RoundTrip(req)
	if err == nil && resp.StatusCode != http.StatusUnauthorized {
		t.primed.Store(true)
	}
	return resp, err
}
