// Package atlas is a small client for the Atlas Administration API v2
// stream instance endpoints: authentication (digest, OAuth client
// credentials, bearer token), the versioned media type, retries with
// backoff, and typed errors.
package atlas

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// MediaType is the versioned media type of the instance and connection
// operations, sent in Accept and Content-Type.
const MediaType = "application/vnd.atlas.2023-02-01+json"

// Media types of the processor operations: each operation has the date of
// its own version.
const (
	ProcessorMediaType = "application/vnd.atlas.2024-05-30+json"
	StartWithMediaType = "application/vnd.atlas.2025-03-12+json"
)

// DefaultBaseURL is Atlas itself.
const DefaultBaseURL = "https://cloud.mongodb.com"

// AuthMethod says how requests are authenticated.
type AuthMethod string

// The authentication methods, in the order they are preferred.
const (
	AuthAccessToken    AuthMethod = "access token"
	AuthServiceAccount AuthMethod = "service account"
	AuthAPIKey         AuthMethod = "API key"
)

// Config configures a Client.
type Config struct {
	BaseURL      string
	PublicKey    string
	PrivateKey   string
	ClientID     string
	ClientSecret string
	AccessToken  string
	UserAgent    string
	// RetryMax bounds the attempts of one call beyond the first; zero
	// means no retries. The call's context deadline bounds them too.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff (defaults 500ms, 30s).
	RetryWaitMin, RetryWaitMax time.Duration
}

// Method returns the authentication method the credentials select: an
// access token, else a service account, else an API key.
func (c Config) Method() AuthMethod {
	switch {
	case c.AccessToken != "":
		return AuthAccessToken
	case c.ClientID != "" || c.ClientSecret != "":
		return AuthServiceAccount
	default:
		return AuthAPIKey
	}
}

// Client calls the Atlas Admin API. It is safe for concurrent use and
// holds no connection until the first call.
type Client struct {
	// baseURL is the base URL without a trailing slash, query or fragment.
	baseURL string
	ua      string
	hc      *retryablehttp.Client
	// snapshots serves the refreshes of processors (RefreshStreamProcessor).
	snapshots processorSnapshots
	// names and plannedInstances serve plan-time checks (ConnectionTypes,
	// StreamInstanceForPlan).
	names            connectionNames
	plannedInstances instancesForPlans
	// peeringLists serves the refreshes of VPC peerings (RefreshVPCPeering).
	peeringLists peeringLists
	// linkLists serves the refreshes of Private Link endpoints
	// (RefreshPrivateLink).
	linkLists privateLinkLists
}

// New builds a Client; it makes no network call.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := url.Parse(strings.TrimSuffix(cfg.BaseURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("base URL %q must be an absolute http or https URL", cfg.BaseURL)
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-atlasmini/dev"
	}
	if cfg.RetryWaitMin == 0 {
		cfg.RetryWaitMin = 500 * time.Millisecond
	}
	if cfg.RetryWaitMax == 0 {
		cfg.RetryWaitMax = 30 * time.Second
	}
	transport := cleanhttp.DefaultPooledTransport()
	transport.MaxIdleConnsPerHost = 64
	wire := &logTransport{base: transport}
	hc := retryablehttp.NewClient()
	hc.HTTPClient = &http.Client{Transport: authTransport(cfg, wire)}
	hc.Logger = nil
	hc.RetryMax = cfg.RetryMax
	hc.RetryWaitMin = cfg.RetryWaitMin
	hc.RetryWaitMax = cfg.RetryWaitMax
	hc.CheckRetry = checkRetry
	hc.Backoff = backoff
	hc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	hc.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, attempt int) {
		if st, ok := req.Context().Value(callKey{}).(*callState); ok {
			st.attempt.Store(int32(attempt + 1))
		}
	}
	base.RawQuery, base.Fragment = "", ""
	return &Client{baseURL: strings.TrimSuffix(base.String(), "/"), ua: cfg.UserAgent, hc: hc,
		snapshots: processorSnapshots{ttl: snapshotTTL}, names: connectionNames{ttl: namesTTL}, plannedInstances: instancesForPlans{ttl: namesTTL}, peeringLists: peeringLists{ttl: snapshotTTL}, linkLists: privateLinkLists{ttl: snapshotTTL}}, nil
}

// checkRetry decides whether to try again. GET, PATCH and DELETE are
// retried on 429, 5xx and connection errors; POST only on 429, 503, or a
// failure before the request was sent, so a create is never sent twice
// when the first one may have been applied.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	var method string
	switch {
	case resp != nil && resp.Request != nil:
		method = resp.Request.Method
	default:
		if st, ok := ctx.Value(callKey{}).(*callState); ok {
			method = st.method
		}
	}
	idempotent := method != http.MethodPost
	var te *tokenError
	if errors.As(err, &te) && te.status >= 400 && te.status < 500 && te.status != http.StatusTooManyRequests {
		// Wrong client credentials do not get better by retrying.
		return false, err
	}
	if err != nil {
		if idempotent || notSent(err) {
			return true, nil
		}
		return false, err
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		// A 401 to a request that net/http sent twice (its first answer was
		// lost on a reused connection, and the resend carried the same
		// digest nonce count, which the server rejects as a replay) says
		// nothing about the credentials: it is retried like a lost answer.
		// Any other 401 gets one more try, with a fresh digest challenge or
		// OAuth token, which cures a nonce the server has just expired; a
		// second one means the credentials are wrong or revoked, and
		// waiting does not change that.
		st, _ := ctx.Value(callKey{}).(*callState)
		if st == nil {
			return false, nil
		}
		if st.resent.Swap(false) {
			return true, nil
		}
		return st.unauthorized.Add(1) == 1, nil
	case resp.StatusCode == http.StatusTooManyRequests, resp.StatusCode == http.StatusServiceUnavailable:
		return true, nil
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		return idempotent, nil
	}
	return false, nil
}

// notSent reports whether err happened before the request was written:
// a failed dial or token fetch.
func notSent(err error) bool {
	var ns *notSentError
	if errors.As(err, &ns) {
		return true
	}
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// backoff honours Retry-After on 429 and 503 and otherwise waits
// exponentially longer with full jitter.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if s, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil && s >= 0 {
			return min(time.Duration(s)*time.Second, maxWait)
		}
	}
	ceiling := float64(minWait) * math.Pow(2, float64(attempt))
	if ceiling > float64(maxWait) || math.IsInf(ceiling, 0) {
		ceiling = float64(maxWait)
	}
	// Full jitter, never below half the minimum wait.
	return time.Duration(float64(minWait)/2 + rand.Float64()*(ceiling-float64(minWait)/2))
}

// callState is what the retry policy and the request log know of one
// logical call, carried in its context.
type callState struct {
	method       string
	attempt      atomic.Int32 // the attempt in flight, from 1
	unauthorized atomic.Int32 // 401 answers so far
	resent       atomic.Bool  // the last 401 answered a request that net/http wrote twice
}

type callKey struct{}

// logTransport logs each HTTP exchange at DEBUG: method, path, status,
// duration and attempt. It never logs headers or bodies.
type logTransport struct {
	base http.RoundTripper
}

func (t *logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	st, _ := req.Context().Value(callKey{}).(*callState)
	var writes atomic.Int32
	if st != nil {
		// Count how often net/http writes this request: it resends an
		// idempotent request whose answer was lost on a reused connection.
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			WroteRequest: func(httptrace.WroteRequestInfo) { writes.Add(1) },
		}))
	}
	resp, err := t.base.RoundTrip(req)
	fields := map[string]any{
		"method":      req.Method,
		"path":        req.URL.Path,
		"duration_ms": time.Since(start).Milliseconds(),
	}
	if st != nil {
		fields["attempt"] = st.attempt.Load()
	}
	if err != nil {
		fields["error"] = err.Error()
		tflog.Debug(req.Context(), "Atlas API request failed", fields)
		return nil, err
	}
	if st != nil && resp.StatusCode == http.StatusUnauthorized && writes.Load() > 1 {
		st.resent.Store(true)
	}
	fields["status"] = resp.StatusCode
	tflog.Debug(req.Context(), "Atlas API request", fields)
	return resp, nil
}

// url renders the full URL of a path and query under the base URL, as do
// sends it: each path segment escaped.
func (c *Client) url(path string, query url.Values) string {
	u := c.baseURL + escapedPath(path)
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return u
}

// do sends one logical call of an instance or connection operation (see
// call).
func (c *Client) do(ctx context.Context, method, path string, query url.Values, in, out any) error {
	return c.call(ctx, MediaType, method, path, query, in, out)
}

// call sends one logical call with the operation's media type and decodes
// a success body into out (when out is not nil) or an error body into an
// *APIError.
func (c *Client) call(ctx context.Context, mediaType, method, path string, query url.Values, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	ctx = context.WithValue(ctx, callKey{}, &callState{method: method})
	var rd any
	if body != nil {
		rd = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, c.url(path, query), rd)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", mediaType)
	req.Header.Set("User-Agent", c.ua)
	if body != nil {
		req.Header.Set("Content-Type", mediaType)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%s %s: %w", method, path, ctxErr)
		}
		return fmt.Errorf("%s %s: %w", method, path, unwrapURLError(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("%s %s: reading the response: %w", method, path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return decodeAPIError(method, path, resp.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return &DecodeError{Method: method, Path: path, StatusCode: resp.StatusCode, Snippet: "(empty body)"}
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &DecodeError{Method: method, Path: path, StatusCode: resp.StatusCode, Err: err, Snippet: snippet(data)}
	}
	return nil
}

// escapedPath escapes each segment of a path built from IDs and names.
func escapedPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the
// full URL, keeping the cause.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
