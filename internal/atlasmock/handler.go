// Package atlasmock is a local stand-in for the stream instance endpoints
// of the Atlas Administration API v2
// (https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/group/endpoint-streams):
// digest and OAuth authentication, the versioned media type, the five
// stream operations, envelope and pretty, pagination, fault injection and
// request counters.
package atlasmock

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// MediaType is the versioned media type of every success response.
const MediaType = "application/vnd.atlas.2023-02-01+json"

// apiVersion is the only version of the stream operations.
const apiVersion = "2023-02-01"

// MaxBodyBytes is the largest request body accepted.
const MaxBodyBytes = 1 << 20

// rateLimitPerMinute is what RateLimit-Limit reports; the mock does not
// enforce it (429s come from fault injection only).
const rateLimitPerMinute = 1000

// Options configure a Handler. The zero value serves the built-in
// identities with no faults.
type Options struct {
	// Config lists projects and identities; nil means DefaultConfig.
	Config *Config
	// StatePath, when set, persists the store to that file.
	StatePath string
	// TokenTTL is the lifetime of OAuth access tokens (default 1h).
	TokenTTL time.Duration
	// NonceTTL is how long a digest nonce may be reused (default 5m).
	NonceTTL time.Duration
	// FailRate is the probability (0..1) that an API request is answered
	// with one of FailCodes without being applied.
	FailRate float64
	// FailCodes are the injected statuses (default 429, 500, 503).
	FailCodes []int
	// RetryAfter is the Retry-After of injected 429s, in whole seconds; a
	// negative value omits the header.
	RetryAfter int
	// Latency is added to every API request.
	Latency time.Duration
	// DeleteDelay keeps a deleted instance visible, and its name taken, for
	// that long.
	DeleteDelay time.Duration
	// ConnectionPending keeps a Kafka connection PENDING for that long
	// after each create and update; a delete meanwhile is a 409.
	ConnectionPending time.Duration
	// ProcessorAsync makes processor state changes asynchronous: for that
	// long after a start or stop, reads still show the state before it.
	ProcessorAsync time.Duration
	// PrivateLinkDelay spreads a Private Link endpoint's IDLE, WORKING and
	// DONE (and DELETE_REQUESTED, DELETING and gone) over that long.
	PrivateLinkDelay time.Duration
	// PeeringDelay shows a VPC peering's intermediate localStatus values
	// for that long after an accept, reject or delete.
	PeeringDelay time.Duration
	// FailProcessors are processor names that go FAILED when started.
	FailProcessors []string
	// LoseResponses is the probability (0..1) that an API request is applied
	// and its response then lost: the connection closes without an answer.
	LoseResponses float64
	// LoseOnlyFirst applies LoseResponses only to the first arrival of each
	// distinct request (method, path and body); repeats are answered. It
	// lets tests lose every first attempt and still converge.
	LoseOnlyFirst bool
	// Logger, when set, gets one line per request: method, path, status,
	// duration. Never a credential.
	Logger *log.Logger
	// Now is the clock (default time.Now); tests move it to expire tokens.
	Now func() time.Time
	// Seed, when non-zero, makes fault injection and identifiers repeatable.
	Seed uint64
}

// Handler is the mock Atlas API. It is safe for concurrent use.
type Handler struct {
	opts     Options
	projects map[string]Project
	auth     *authenticator
	store    *store

	rngMu sync.Mutex
	rng   *rand.Rand

	countMu sync.Mutex
	counts  map[string]int64
	rate    map[string]*rateWindow
	seen    map[[32]byte]bool // requests already seen, for LoseOnlyFirst
}

type rateWindow struct {
	start time.Time
	used  int
}

// New builds a Handler; it fails on an invalid config or unreadable state.
func New(opts Options) (*Handler, error) {
	cfg := DefaultConfig()
	if opts.Config != nil {
		cfg = *opts.Config
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = time.Hour
	}
	if opts.NonceTTL <= 0 {
		opts.NonceTTL = 5 * time.Minute
	}
	if opts.FailCodes == nil {
		opts.FailCodes = []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusServiceUnavailable}
	}
	if opts.FailRate < 0 || opts.FailRate > 1 || opts.LoseResponses < 0 || opts.LoseResponses > 1 {
		return nil, errors.New("fail rate and lose-responses rate must be between 0 and 1")
	}
	for _, c := range opts.FailCodes {
		if c < 400 || c > 599 {
			return nil, fmt.Errorf("fail code %d is not an HTTP error status (400..599)", c)
		}
	}
	st, err := newStore(opts.StatePath, opts.Now)
	if err != nil {
		return nil, err
	}
	seed := opts.Seed
	if seed == 0 {
		seed = rand.Uint64()
	}
	h := &Handler{
		opts:     opts,
		projects: map[string]Project{},
		auth:     newAuthenticator(cfg, opts.Now, opts.NonceTTL, opts.TokenTTL),
		store:    st,
		rng:      rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		counts:   map[string]int64{},
		rate:     map[string]*rateWindow{},
		seen:     map[[32]byte]bool{},
	}
	for _, p := range cfg.Projects {
		h.projects[p.ID] = p
	}
	if err := st.fillConnectionIDs(h.newObjectID); err != nil {
		return nil, err
	}
	for _, p := range cfg.Projects {
		for _, q := range p.VPCPeeringRequests {
			// A state file may already hold the request from an earlier run.
			if slices.ContainsFunc(h.Peerings(p.ID), func(x Peering) bool {
				return x.RequesterAccountID == q.RequesterAccountID && x.RequesterVpcID == q.RequesterVpcID && (q.Name == "" || q.Name == x.Name)
			}) {
				continue
			}
			if _, err := h.SeedPeeringRequest(p.ID, q); err != nil {
				return nil, fmt.Errorf("config: vpcPeeringRequests of project %s: %w", p.ID, err)
			}
		}
	}
	return h, nil
}

func (h *Handler) chance(p float64) bool {
	if p <= 0 {
		return false
	}
	h.rngMu.Lock()
	defer h.rngMu.Unlock()
	return h.rng.Float64() < p
}

func (h *Handler) pick(n int) int {
	h.rngMu.Lock()
	defer h.rngMu.Unlock()
	return h.rng.IntN(n)
}

// statusWriter records the status for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// route is a parsed request path.
type route struct {
	template string // for counters, e.g. "GET /api/atlas/v2/groups/{groupId}/streams"
	groupID  string
	name     string // the instance (tenantName)
	child    string // the connection or processor under the instance
	id       string // a failover connection's id, under child
	op       string // the operation (see the ops table), or "" when unknown
	known    bool   // the path names an endpoint, whatever the method
	version  string // the operation's media type date
}

// Media type dates of the operations.
const (
	instanceVersion  = apiVersion
	processorVersion = "2024-05-30"
	startWithVersion = "2025-03-12"
	accountVersion   = "2024-11-13"
)

// networkPath matches the project-level networking paths under /streams:
// Private Link endpoints, account details and VPC peerings. They are
// matched before instance names, which they would otherwise be.
var networkPath = regexp.MustCompile(`^/api/atlas/v2/groups/([^/]*)/streams/(privateLinkConnections|accountDetails|vpcPeeringConnections|activeVpcPeeringConnections)(?:/([^/]+))?/?$`)

// networkEndpoints are the networking path shapes, like endpoints.
var networkEndpoints = map[string]endpoint{
	"privateLinkConnections":        {"/api/atlas/v2/groups/{groupId}/streams/privateLinkConnections", map[string]string{http.MethodGet: "privatelink.list", http.MethodPost: "privatelink.create"}},
	"privateLinkConnections/id":     {"/api/atlas/v2/groups/{groupId}/streams/privateLinkConnections/{connectionId}", map[string]string{http.MethodGet: "privatelink.get", http.MethodPatch: "privatelink.update", http.MethodDelete: "privatelink.delete"}},
	"accountDetails":                {"/api/atlas/v2/groups/{groupId}/streams/accountDetails", map[string]string{http.MethodGet: "accountDetails.get"}},
	"vpcPeeringConnections":         {"/api/atlas/v2/groups/{groupId}/streams/vpcPeeringConnections", map[string]string{http.MethodGet: "peering.list"}},
	"vpcPeeringConnections/id":      {"/api/atlas/v2/groups/{groupId}/streams/vpcPeeringConnections/{id}", map[string]string{http.MethodDelete: "peering.delete"}},
	"vpcPeeringConnections/:accept": {"/api/atlas/v2/groups/{groupId}/streams/vpcPeeringConnections/{id}:accept", map[string]string{http.MethodPost: "peering.accept"}},
	"vpcPeeringConnections/:reject": {"/api/atlas/v2/groups/{groupId}/streams/vpcPeeringConnections/{id}:reject", map[string]string{http.MethodPost: "peering.reject"}},
	"activeVpcPeeringConnections":   {"/api/atlas/v2/groups/{groupId}/streams/activeVpcPeeringConnections", map[string]string{http.MethodGet: "peering.active"}},
}

// streamsPath matches every path under /streams: the instances, and the
// connections and processors of one instance.
var streamsPath = regexp.MustCompile(`^/api/atlas/v2/groups/([^/]*)/streams(?:/([^/]*)(?:/(connections|processors|processor)(?:/([^/]*))?)?)?/?$`)

// endpoint is one path shape: its counter template and, per method, the
// operation it serves.
type endpoint struct {
	template string
	ops      map[string]string
}

// endpoints are the path shapes, by the collection segment and whether a
// name follows it ("instance" for /streams itself).
var endpoints = map[string]endpoint{
	"instances":            {"/api/atlas/v2/groups/{groupId}/streams", map[string]string{http.MethodGet: "list", http.MethodPost: "create"}},
	"instance":             {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}", map[string]string{http.MethodGet: "get", http.MethodPatch: "update", http.MethodDelete: "delete"}},
	"connections":          {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections", map[string]string{http.MethodGet: "connections.list", http.MethodPost: "connections.create"}},
	"connections/name":     {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections/{connectionName}", map[string]string{http.MethodGet: "connections.get", http.MethodPatch: "connections.update", http.MethodDelete: "connections.delete"}},
	"processors":           {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}/processors", map[string]string{http.MethodGet: "processors.list"}},
	"processor":            {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor", map[string]string{http.MethodPost: "processors.create"}},
	"processor/name":       {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}", map[string]string{http.MethodGet: "processors.get", http.MethodPatch: "processors.update", http.MethodDelete: "processors.delete"}},
	"processor/:start":     {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}:start", map[string]string{http.MethodPost: "processors.start"}},
	"processor/:startWith": {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}:startWith", map[string]string{http.MethodPost: "processors.startWith"}},
	"processor/:stop":      {"/api/atlas/v2/groups/{groupId}/streams/{tenantName}/processor/{processorName}:stop", map[string]string{http.MethodPost: "processors.stop"}},
}

// opVersions are the media type dates of the operations that are not
// 2023-02-01.
var opVersions = map[string]string{
	"processors.list": processorVersion, "processors.create": processorVersion, "processors.get": processorVersion,
	"processors.update": processorVersion, "processors.delete": processorVersion, "processors.start": processorVersion,
	"processors.stop": processorVersion, "processors.startWith": startWithVersion,
	"privatelink.update": startWithVersion, "accountDetails.get": accountVersion, "peering.active": accountVersion,
}

// writeOps change something and need a writing role.
var writeOps = map[string]bool{
	"create": true, "update": true, "delete": true,
	"connections.create": true, "connections.update": true, "connections.delete": true,
	"processors.create": true, "processors.update": true, "processors.delete": true,
	"processors.start": true, "processors.startWith": true, "processors.stop": true,
	"privatelink.create": true, "privatelink.update": true, "privatelink.delete": true,
	"peering.accept": true, "peering.reject": true, "peering.delete": true,
	"failover.create": true, "failover.update": true, "failover.delete": true,
}

func parseRoute(r *http.Request) route {
	p := r.URL.Path
	switch {
	case p == "/api/oauth/token":
		return route{template: r.Method + " /api/oauth/token", op: "token"}
	case strings.HasPrefix(p, "/_mock/"):
		return route{template: r.Method + " " + p, op: "control"}
	}
	if m := networkPath.FindStringSubmatch(p); m != nil {
		return parseNetworkRoute(r, m)
	}
	if m := failoverPath.FindStringSubmatch(p); m != nil {
		return parseFailoverRoute(r, m)
	}
	m := streamsPath.FindStringSubmatch(p)
	if m == nil {
		return route{template: r.Method + " (unknown)", version: apiVersion}
	}
	rt := route{groupID: m[1], name: m[2], child: m[4], known: true, version: instanceVersion}
	shape := "instances"
	switch {
	case m[3] == "processor" && strings.Contains(m[4], ":"):
		// POST .../processor/{name}:start: the action suffixes the name.
		name, action, _ := strings.Cut(m[4], ":")
		rt.child, shape = name, "processor/:"+action
	case (m[3] == "connections" || m[3] == "processor") && m[4] != "":
		shape = m[3] + "/name"
	case m[3] != "":
		shape = m[3]
	case m[2] != "":
		shape = "instance"
	}
	ep, ok := endpoints[shape]
	if !ok || (m[3] == "processors" && m[4] != "") {
		return route{template: r.Method + " (unknown)", version: apiVersion}
	}
	rt.template = r.Method + " " + ep.template
	rt.op = ep.ops[r.Method]
	if v, ok := opVersions[rt.op]; ok {
		rt.version = v
	} else if strings.HasPrefix(shape, "processor") {
		rt.version = processorVersion
	}
	return rt
}

// parseNetworkRoute parses a project-level networking path.
func parseNetworkRoute(r *http.Request, m []string) route {
	rt := route{groupID: m[1], child: m[3], known: true, version: apiVersion}
	shape := m[2]
	if m[3] != "" {
		shape += "/id"
		if m[2] == "vpcPeeringConnections" && strings.Contains(m[3], ":") {
			id, action, _ := strings.Cut(m[3], ":")
			rt.child, shape = id, m[2]+"/:"+action
		}
	}
	ep, ok := networkEndpoints[shape]
	if !ok {
		return route{template: r.Method + " (unknown)", version: apiVersion}
	}
	rt.template = r.Method + " " + ep.template
	rt.op = ep.ops[r.Method]
	if v, ok := opVersions[rt.op]; ok {
		rt.version = v
	}
	return rt
}

// ServeHTTP serves the API, the token endpoint and the /_mock controls.
func (h *Handler) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	start := time.Now()
	w := &statusWriter{ResponseWriter: rw}
	rt := parseRoute(r)
	defer func() {
		if h.opts.Logger != nil {
			status := w.status
			if status == 0 {
				status = 499 // The response was lost or the client went away.
			}
			h.opts.Logger.Printf("%s %s %d %s", r.Method, r.URL.Path, status, time.Since(start).Round(time.Microsecond))
		}
	}()
	if rt.op == "control" {
		h.serveControl(w, r)
		return
	}
	h.countMu.Lock()
	h.counts[rt.template]++
	h.countMu.Unlock()

	if h.opts.Latency > 0 {
		t := time.NewTimer(h.opts.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if h.chance(h.opts.FailRate) {
		h.injectFault(w, r)
		return
	}
	if rt.op == "token" {
		h.auth.issueToken(w, r)
		return
	}
	id, fail := h.auth.authenticate(r)
	if fail != nil {
		w.Header().Add("WWW-Authenticate", h.auth.challenge(fail.stale))
		h.writeError(w, r, newAPIError(http.StatusUnauthorized, "UNAUTHORIZED",
			"You are not authorized for this resource: "+fail.reason+"."), false)
		return
	}
	if !acceptsVersion(r.Header.Values("Accept"), rt.version) {
		h.writeError(w, r, newAPIError(http.StatusNotAcceptable, "INVALID_VERSION_DATE",
			"The Accept header must name a supported API version, such as "+mediaType(rt.version)+"."), false)
		return
	}
	flags, apiErr := parseFlags(r)
	flags.mediaType = mediaType(rt.version)
	if apiErr != nil {
		h.writeError(w, r, apiErr, false)
		return
	}
	if rt.op == "" {
		status, code := http.StatusNotFound, "RESOURCE_NOT_FOUND"
		if rt.known {
			status, code = http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED"
		}
		h.writeError(w, r, newAPIError(status, code, fmt.Sprintf("No operation %s %s in this API.", r.Method, r.URL.Path)), flags.envelope)
		return
	}
	if !groupIDPattern.MatchString(rt.groupID) {
		h.writeError(w, r, newAPIError(http.StatusBadRequest, "INVALID_GROUP_ID",
			fmt.Sprintf("%q is not a valid project ID: it must be 24 lower-case hexadecimal characters.", rt.groupID), rt.groupID), flags.envelope)
		return
	}
	project, ok := h.projects[rt.groupID]
	canRead, canWrite := false, false
	if ok {
		canRead, canWrite = id.access(project)
	}
	if !canRead {
		h.writeError(w, r, newAPIError(http.StatusNotFound, "GROUP_NOT_FOUND",
			fmt.Sprintf("No group with ID %s exists.", rt.groupID), rt.groupID), flags.envelope)
		return
	}
	if writeOps[rt.op] && !canWrite {
		h.writeError(w, r, newAPIError(http.StatusForbidden, "USER_UNAUTHORIZED",
			"The current user is not authorized to perform this action: it needs Project Owner, Project Data Access Admin, Project Stream Processing Owner or Project Stream Processing Manager on project "+rt.groupID+"."), flags.envelope)
		return
	}
	if h.loseResponse(w, r) {
		// The request is applied for real; only its answer is discarded.
		h.serveOp(&discardWriter{header: http.Header{}}, r, rt, id, flags)
		panic(http.ErrAbortHandler)
	}
	h.serveOp(w, r, rt, id, flags)
}

// loseResponse decides whether this request's answer is to be lost.
func (h *Handler) loseResponse(w http.ResponseWriter, r *http.Request) bool {
	if h.opts.LoseResponses <= 0 {
		return false
	}
	if !h.opts.LoseOnlyFirst {
		return h.chance(h.opts.LoseResponses)
	}
	body, e := readBody(w, r)
	if e != nil {
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	key := sha256.Sum256([]byte(r.Method + " " + r.URL.RequestURI() + "\n" + string(body)))
	h.countMu.Lock()
	first := !h.seen[key]
	h.seen[key] = true
	h.countMu.Unlock()
	return first && h.chance(h.opts.LoseResponses)
}

func (h *Handler) serveOp(w http.ResponseWriter, r *http.Request, rt route, id *identity, flags queryFlags) {
	h.setRateLimit(w, id)
	switch rt.op {
	case "list":
		h.list(w, r, rt, flags)
	case "create":
		h.create(w, r, rt, flags)
	case "get":
		h.get(w, r, rt, flags)
	case "update":
		h.update(w, r, rt, flags)
	case "delete":
		h.delete(w, r, rt, flags)
	case "accountDetails.get":
		h.getAccountDetails(w, r, rt, flags)
	default:
		switch {
		case strings.HasPrefix(rt.op, "processors."):
			h.serveProcessorOp(w, r, rt, flags)
		case strings.HasPrefix(rt.op, "privatelink."):
			h.serveLinkOp(w, r, rt, flags)
		case strings.HasPrefix(rt.op, "peering."):
			h.servePeeringOp(w, r, rt, flags)
		case strings.HasPrefix(rt.op, "failover."):
			h.serveFailoverOp(w, r, rt, flags)
		default:
			h.serveConnectionOp(w, r, rt, flags)
		}
	}
}

// discardWriter swallows a response that is to be lost.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

func (h *Handler) injectFault(w http.ResponseWriter, r *http.Request) {
	code := h.opts.FailCodes[h.pick(len(h.opts.FailCodes))]
	errCode := "UNEXPECTED_ERROR"
	switch code {
	case http.StatusTooManyRequests:
		errCode = "RATE_LIMITED"
		if h.opts.RetryAfter >= 0 {
			w.Header().Set("Retry-After", strconv.Itoa(h.opts.RetryAfter))
		}
	case http.StatusServiceUnavailable:
		errCode = "SERVICE_UNAVAILABLE"
	}
	h.writeError(w, r, newAPIError(code, errCode, "Injected fault: the request was not applied."), false)
}

func (h *Handler) setRateLimit(w http.ResponseWriter, id *identity) {
	h.countMu.Lock()
	now := h.opts.Now()
	win := h.rate[id.name]
	if win == nil || now.Sub(win.start) >= time.Minute {
		win = &rateWindow{start: now}
		h.rate[id.name] = win
	}
	win.used++
	remaining := max(rateLimitPerMinute-win.used, 0)
	h.countMu.Unlock()
	w.Header().Set("RateLimit-Limit", strconv.Itoa(rateLimitPerMinute))
	w.Header().Set("RateLimit-Remaining", strconv.Itoa(remaining))
}

// mediaType is the vendor media type of a version date.
func mediaType(version string) string {
	return "application/vnd.atlas." + version + "+json"
}

// acceptsVersion reports whether any Accept value names the Atlas vendor
// type with a version date on or after the operation's.
func acceptsVersion(values []string, version string) bool {
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			mt, _, _ := strings.Cut(part, ";")
			mt = strings.ToLower(strings.TrimSpace(mt))
			date, ok := strings.CutPrefix(mt, "application/vnd.atlas.")
			if !ok {
				continue
			}
			date, ok = strings.CutSuffix(date, "+json")
			if !ok {
				continue
			}
			if _, err := time.Parse(time.DateOnly, date); err == nil && date >= version {
				return true
			}
		}
	}
	return false
}

type queryFlags struct {
	envelope, pretty bool
	// mediaType is the success responses' Content-Type: the operation's
	// version, whatever later date the Accept header named.
	mediaType string
}

func parseFlags(r *http.Request) (queryFlags, *apiError) {
	var f queryFlags
	q := r.URL.Query()
	var vs []fieldViolation
	for name, dst := range map[string]*bool{"envelope": &f.envelope, "pretty": &f.pretty} {
		if v := q.Get(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				vs = append(vs, fieldViolation{Field: name, Description: fmt.Sprintf("query parameter %s must be true or false, got %q", name, v)})
			}
			*dst = b
		}
	}
	if len(vs) > 0 {
		slices.SortFunc(vs, func(a, b fieldViolation) int { return strings.Compare(a.Field, b.Field) })
		e := violationsError("INVALID_QUERY_PARAMETER", "Invalid query parameters", vs)
		return f, e
	}
	return f, nil
}

// write sends a success body with the vendor media type, honouring
// envelope and pretty. A nil body sends no content.
func (h *Handler) write(w http.ResponseWriter, status int, body any, flags queryFlags) {
	ct := flags.mediaType
	if ct == "" {
		ct = MediaType
	}
	h.send(w, status, body, ct, flags)
}

func (h *Handler) send(w http.ResponseWriter, status int, body any, contentType string, flags queryFlags) {
	if flags.envelope {
		if page, ok := body.(statusPage); ok {
			page.setStatus(status)
		} else {
			body = map[string]any{"status": status, "content": body}
		}
		status = http.StatusOK
	}
	if body == nil {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if flags.pretty {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(body); err != nil {
		// Every body is built from plain structs, so this cannot happen;
		// answer honestly if it ever does.
		http.Error(w, `{"error":500,"errorCode":"UNEXPECTED_ERROR"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// statusPage is a list page, which envelope=true gives a "status" member
// instead of wrapping it in "content".
type statusPage interface{ setStatus(status int) }

func (p *pageJSON) setStatus(status int)    { p.Status = &status }
func (p *rawPageJSON) setStatus(status int) { p.Status = &status }

// writeError sends an ApiError as application/json. A 401 is never
// enveloped, so that digest clients see the challenge.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, e *apiError, envelope bool) {
	flags := queryFlags{envelope: envelope && e.Error != http.StatusUnauthorized}
	if p, err := strconv.ParseBool(r.URL.Query().Get("pretty")); err == nil {
		flags.pretty = p
	}
	h.send(w, e.Error, e, "application/json", flags)
}

// serveControl answers the /_mock endpoints used by tests and benchmarks.
func (h *Handler) serveControl(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/_mock/requests" && r.Method == http.MethodGet:
		counts := h.Counts()
		var total int64
		for _, n := range counts {
			total += n
		}
		h.send(w, http.StatusOK, map[string]any{"total": total, "requests": counts}, "application/json", queryFlags{pretty: true})
	case r.URL.Path == "/_mock/reset-counters" && r.Method == http.MethodPost:
		h.ResetCounts()
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(r.URL.Path, "/_mock/groups/") && r.Method == http.MethodPost:
		h.serveGroupHook(w, r)
	default:
		h.send(w, http.StatusNotFound, map[string]string{"error": "no such control endpoint; try GET /_mock/requests or POST /_mock/reset-counters"}, "application/json", queryFlags{})
	}
}

// groupHookPath matches the test-only hooks of a project's networking.
var groupHookPath = regexp.MustCompile(`^/_mock/groups/([a-f0-9]{24})/streams/(privateLinkConnections|vpcPeeringRequests)(?:/([^/:]+):fail)?$`)

// serveGroupHook serves the /_mock hooks that change a project's
// networking: they take plain JSON, no version, and any valid credentials.
func (h *Handler) serveGroupHook(w http.ResponseWriter, r *http.Request) {
	plain := queryFlags{mediaType: "application/json"}
	m := groupHookPath.FindStringSubmatch(r.URL.Path)
	if m == nil || (m[2] == "privateLinkConnections" && m[3] == "") {
		h.send(w, http.StatusNotFound, map[string]string{"error": "no such hook; the hooks are POST /_mock/groups/{groupId}/streams/privateLinkConnections/{id}:fail, " +
			"/_mock/groups/{groupId}/streams/vpcPeeringRequests and /_mock/groups/{groupId}/streams/vpcPeeringRequests/{name}:fail"}, "application/json", queryFlags{})
		return
	}
	if _, fail := h.auth.authenticate(r); fail != nil {
		w.Header().Add("WWW-Authenticate", h.auth.challenge(fail.stale))
		h.writeError(w, r, newAPIError(http.StatusUnauthorized, "UNAUTHORIZED", "You are not authorized for this resource: "+fail.reason+"."), false)
		return
	}
	if _, ok := h.projects[m[1]]; !ok {
		h.writeError(w, r, newAPIError(http.StatusNotFound, "GROUP_NOT_FOUND", fmt.Sprintf("No group with ID %s exists.", m[1]), m[1]), false)
		return
	}
	body, e := readBody(w, r)
	var obj map[string]json.RawMessage
	if e == nil && len(bytes.TrimSpace(body)) > 0 {
		obj, e = decodeObject(body)
	}
	if e != nil {
		h.writeError(w, r, e, false)
		return
	}
	message := func() string {
		var s string
		_ = json.Unmarshal(obj["errorMessage"], &s)
		if s == "" {
			_ = json.Unmarshal(obj["statusMessage"], &s)
		}
		return s
	}
	var err error
	switch {
	case m[2] == "privateLinkConnections":
		if err = h.FailPrivateLink(m[1], m[3], message()); errors.Is(err, errLinkNotFound) {
			h.writeError(w, r, linkNotFoundError(m[3]), false)
			return
		}
	case m[3] != "":
		if err = h.FailPeering(m[1], m[3], message()); errors.Is(err, errPeeringMissing) {
			h.writeError(w, r, peeringNotFoundError(m[3]), false)
			return
		}
	default:
		var q PeeringRequest
		if data, _ := json.Marshal(obj); json.Unmarshal(data, &q) != nil {
			h.writeError(w, r, newAPIError(http.StatusBadRequest, "INVALID_JSON", "The request body is not a peering request."), false)
			return
		}
		p, err := h.SeedPeeringRequest(m[1], q)
		if err != nil {
			h.networkWriteError(w, r, err, plain)
			return
		}
		h.send(w, http.StatusCreated, p.json(h.opts.Now()), "application/json", plain)
		return
	}
	if err != nil {
		h.storageError(w, r, err, plain)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Counts returns the requests served per "METHOD path-template".
func (h *Handler) Counts() map[string]int64 {
	h.countMu.Lock()
	defer h.countMu.Unlock()
	out := make(map[string]int64, len(h.counts))
	for k, v := range h.counts {
		out[k] = v
	}
	return out
}

// ResetCounts zeroes the request counters.
func (h *Handler) ResetCounts() {
	h.countMu.Lock()
	defer h.countMu.Unlock()
	clear(h.counts)
}
