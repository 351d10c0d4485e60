package atlasmock

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DigestRealm is the realm Atlas names in its digest challenges.
const DigestRealm = "MMS Public API"

// ncWindow is how far behind the highest nonce count a count may arrive and
// still be accepted once, so that parallel requests sharing a cached
// challenge may overtake each other on the wire.
const ncWindow = 4096

// authenticator verifies digest credentials and bearer tokens, and issues
// nonces and OAuth tokens. It is safe for concurrent use.
type authenticator struct {
	now      func() time.Time
	nonceTTL time.Duration
	tokenTTL time.Duration

	mu       sync.Mutex
	keys     map[string]APIKey
	accounts map[string]ServiceAccount
	nonces   map[string]*nonceState
	tokens   map[string]tokenState
	opaque   string
}

type nonceState struct {
	issued time.Time
	max    uint64
	used   map[uint64]struct{}
}

type tokenState struct {
	id      *identity
	expires time.Time
}

// authFailure says why a request was not authenticated.
type authFailure struct {
	stale  bool
	reason string
}

func newAuthenticator(cfg Config, now func() time.Time, nonceTTL, tokenTTL time.Duration) *authenticator {
	a := &authenticator{
		now: now, nonceTTL: nonceTTL, tokenTTL: tokenTTL,
		keys: map[string]APIKey{}, accounts: map[string]ServiceAccount{},
		nonces: map[string]*nonceState{}, tokens: map[string]tokenState{},
		opaque: randomHex(16),
	}
	for _, k := range cfg.APIKeys {
		a.keys[k.PublicKey] = k
	}
	for _, s := range cfg.ServiceAccounts {
		a.accounts[s.ClientID] = s
	}
	return a
}

// challenge returns a fresh WWW-Authenticate digest challenge.
func (a *authenticator) challenge(stale bool) string {
	nonce := randomHex(16)
	a.mu.Lock()
	now := a.now()
	// Expired nonces are pruned here, amortised over the challenges issued.
	for n, st := range a.nonces {
		if now.Sub(st.issued) > a.nonceTTL {
			delete(a.nonces, n)
		}
	}
	a.nonces[nonce] = &nonceState{issued: now, used: map[uint64]struct{}{}}
	a.mu.Unlock()
	return fmt.Sprintf(`Digest realm=%q, domain="", nonce=%q, opaque=%q, algorithm=MD5, qop="auth", stale=%t`,
		DigestRealm, nonce, a.opaque, stale)
}

// authenticate checks the Authorization header of r.
func (a *authenticator) authenticate(r *http.Request) (*identity, *authFailure) {
	h := r.Header.Get("Authorization")
	scheme, rest, _ := strings.Cut(h, " ")
	switch strings.ToLower(scheme) {
	case "":
		return nil, &authFailure{reason: "no credentials were sent"}
	case "digest":
		return a.verifyDigest(r, rest)
	case "bearer":
		return a.verifyBearer(strings.TrimSpace(rest))
	default:
		return nil, &authFailure{reason: "unsupported authorization scheme " + strconv.Quote(scheme)}
	}
}

func (a *authenticator) verifyDigest(r *http.Request, header string) (*identity, *authFailure) {
	p, err := parseAuthParams(header)
	if err != nil {
		return nil, &authFailure{reason: "malformed digest credentials"}
	}
	for _, k := range []string{"username", "realm", "nonce", "uri", "response", "nc", "cnonce"} {
		if p[k] == "" {
			return nil, &authFailure{reason: "digest credentials lack " + k}
		}
	}
	if p["realm"] != DigestRealm {
		return nil, &authFailure{reason: "wrong digest realm"}
	}
	if alg := strings.ToUpper(p["algorithm"]); alg != "" && alg != "MD5" {
		return nil, &authFailure{reason: "unsupported digest algorithm"}
	}
	if p["qop"] != "auth" {
		return nil, &authFailure{reason: `digest qop must be "auth"`}
	}
	if !uriMatches(p["uri"], r) {
		return nil, &authFailure{reason: "digest uri does not match the request"}
	}
	nc, err := strconv.ParseUint(p["nc"], 16, 32)
	if err != nil || nc == 0 {
		return nil, &authFailure{reason: "malformed digest nonce count"}
	}
	key, ok := a.keys[p["username"]]
	if !ok {
		return nil, &authFailure{reason: "invalid API key or digest response"}
	}
	ha1 := md5hex(key.PublicKey + ":" + DigestRealm + ":" + key.PrivateKey)
	ha2 := md5hex(r.Method + ":" + p["uri"])
	want := md5hex(ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":auth:" + ha2)
	if subtle.ConstantTimeCompare([]byte(want), []byte(strings.ToLower(p["response"]))) != 1 {
		return nil, &authFailure{reason: "invalid API key or digest response"}
	}
	// The response is right, so any remaining problem is the nonce's.
	a.mu.Lock()
	defer a.mu.Unlock()
	st, ok := a.nonces[p["nonce"]]
	if !ok || a.now().Sub(st.issued) > a.nonceTTL {
		delete(a.nonces, p["nonce"])
		return nil, &authFailure{stale: true, reason: "the digest nonce is stale"}
	}
	if _, dup := st.used[nc]; dup || nc+ncWindow <= st.max {
		return nil, &authFailure{reason: "the digest nonce count was replayed"}
	}
	st.used[nc] = struct{}{}
	if nc > st.max {
		st.max = nc
		if len(st.used) > 2*ncWindow {
			for n := range st.used {
				if n+ncWindow <= st.max {
					delete(st.used, n)
				}
			}
		}
	}
	return &identity{name: key.PublicKey, roles: key.Roles}, nil
}

// uriMatches accepts the request-URI as sent, or its path alone.
func uriMatches(uri string, r *http.Request) bool {
	if uri == r.RequestURI || uri == r.URL.RequestURI() {
		return true
	}
	u, err := url.Parse(uri)
	return err == nil && u.Path == r.URL.Path && (u.RawQuery == "" || u.RawQuery == r.URL.RawQuery)
}

func (a *authenticator) verifyBearer(token string) (*identity, *authFailure) {
	a.mu.Lock()
	defer a.mu.Unlock()
	st, ok := a.tokens[token]
	if !ok {
		return nil, &authFailure{reason: "invalid access token"}
	}
	if !a.now().Before(st.expires) {
		delete(a.tokens, token)
		return nil, &authFailure{reason: "the access token has expired"}
	}
	return st.id, nil
}

// issueToken answers POST /api/oauth/token the OAuth way.
func (a *authenticator) issueToken(w http.ResponseWriter, r *http.Request) {
	oauthError := func(status int, code, desc string) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Basic realm="oauth"`)
		}
		w.WriteHeader(status)
		fmt.Fprintf(w, "{\"error\":%q,\"error_description\":%q}\n", code, desc)
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		oauthError(http.StatusMethodNotAllowed, "invalid_request", "the token endpoint takes POST")
		return
	}
	if err := r.ParseForm(); err != nil {
		oauthError(http.StatusBadRequest, "invalid_request", "the body must be a form")
		return
	}
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	a.mu.Lock()
	acct, known := a.accounts[id]
	a.mu.Unlock()
	if id == "" || !known || subtle.ConstantTimeCompare([]byte(acct.ClientSecret), []byte(secret)) != 1 {
		oauthError(http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "client_credentials" {
		oauthError(http.StatusBadRequest, "unsupported_grant_type", "grant_type must be client_credentials")
		return
	}
	token := "mock_at_" + base64.RawURLEncoding.EncodeToString(randomBytes(32))
	a.mu.Lock()
	now := a.now()
	for t, st := range a.tokens {
		if !now.Before(st.expires) {
			delete(a.tokens, t)
		}
	}
	a.tokens[token] = tokenState{id: &identity{name: acct.ClientID, roles: acct.Roles}, expires: now.Add(a.tokenTTL)}
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "{\"access_token\":%q,\"token_type\":\"Bearer\",\"expires_in\":%d}\n", token, int(a.tokenTTL.Seconds()))
}

// parseAuthParams parses the comma-separated key=value list of a digest
// Authorization header; values may be quoted with backslash escapes.
func parseAuthParams(s string) (map[string]string, error) {
	out := map[string]string{}
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == ',' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return out, nil
		}
		eq := strings.IndexByte(s[i:], '=')
		if eq <= 0 {
			return nil, fmt.Errorf("missing '=' at %d", i)
		}
		key := strings.ToLower(strings.TrimSpace(s[i : i+eq]))
		i += eq + 1
		var val strings.Builder
		if i < len(s) && s[i] == '"' {
			i++
			closed := false
			for i < len(s) {
				c := s[i]
				if c == '\\' && i+1 < len(s) {
					val.WriteByte(s[i+1])
					i += 2
					continue
				}
				i++
				if c == '"' {
					closed = true
					break
				}
				val.WriteByte(c)
			}
			if !closed {
				return nil, fmt.Errorf("unterminated quoted value for %s", key)
			}
		} else {
			j := i
			for j < len(s) && s[j] != ',' {
				j++
			}
			val.WriteString(strings.TrimSpace(s[i:j]))
			i = j
		}
		out[key] = val.String()
	}
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func randomHex(n int) string { return hex.EncodeToString(randomBytes(n)) }
