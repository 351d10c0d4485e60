package atlasmock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// digestHeader computes an Authorization header by hand, so these tests
// check RFC 7616 itself rather than one client library.
func digestHeader(user, pass, method, uri, nonce string, nc int) string {
	ha1 := md5hex(user + ":" + DigestRealm + ":" + pass)
	ha2 := md5hex(method + ":" + uri)
	cnonce := "0a4f113b"
	ncs := fmt.Sprintf("%08x", nc)
	resp := md5hex(ha1 + ":" + nonce + ":" + ncs + ":" + cnonce + ":auth:" + ha2)
	return fmt.Sprintf(`Digest username=%q, realm=%q, nonce=%q, uri=%q, algorithm=MD5, qop=auth, nc=%s, cnonce=%q, response=%q`,
		user, DigestRealm, nonce, uri, ncs, cnonce, resp)
}

// challengeOf fetches a fresh challenge and returns its parameters.
func challengeOf(t *testing.T, h http.Header) map[string]string {
	t.Helper()
	v := h.Get("WWW-Authenticate")
	rest, ok := strings.CutPrefix(v, "Digest ")
	if !ok {
		t.Fatalf("no digest challenge: %q", v)
	}
	p, err := parseAuthParams(rest)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDigestChallengeAndNonceReuse(t *testing.T) {
	clock := newFakeClock()
	s := NewServer(t, Options{Now: clock.Now, NonceTTL: time.Minute})
	plain := &apiClient{t: t, base: s.URL, hc: http.DefaultClient}
	status, h, body := plain.do("GET", streamsPathDemo, "")
	if status != 401 || apiErr(t, body).ErrorCode != "UNAUTHORIZED" {
		t.Fatalf("no credentials: %d %s", status, body)
	}
	ch := challengeOf(t, h)
	if ch["realm"] != DigestRealm || ch["qop"] != "auth" || ch["algorithm"] != "MD5" || ch["stale"] != "false" || ch["nonce"] == "" {
		t.Fatalf("challenge %v", ch)
	}
	nonce := ch["nonce"]
	for nc := 1; nc <= 3; nc++ {
		status, _, body := plain.do("GET", streamsPathDemo, "", "Authorization", digestHeader(OwnerPublicKey, OwnerPrivateKey, "GET", streamsPathDemo, nonce, nc))
		if status != 200 {
			t.Fatalf("nc=%d with a reused nonce: %d %s", nc, status, body)
		}
	}
	// Counts may arrive out of order, but never twice.
	if status, _, _ := plain.do("GET", streamsPathDemo, "", "Authorization", digestHeader(OwnerPublicKey, OwnerPrivateKey, "GET", streamsPathDemo, nonce, 7)); status != 200 {
		t.Errorf("nc=7: %d", status)
	}
	if status, _, _ := plain.do("GET", streamsPathDemo, "", "Authorization", digestHeader(OwnerPublicKey, OwnerPrivateKey, "GET", streamsPathDemo, nonce, 5)); status != 200 {
		t.Errorf("nc=5 after 7: %d", status)
	}
	status, h, _ = plain.do("GET", streamsPathDemo, "", "Authorization", digestHeader(OwnerPublicKey, OwnerPrivateKey, "GET", streamsPathDemo, nonce, 2))
	if status != 401 || challengeOf(t, h)["stale"] != "false" {
		t.Errorf("replayed nc=2: %d, want 401 without stale", status)
	}
	status, h, _ = plain.do("GET", streamsPathDemo, "", "Authorization", digestHeader(OwnerPublicKey, "wrong", "GET", streamsPathDemo, nonce, 9))
	if status != 401 || challengeOf(t, h)["stale"] != "false" {
		t.Errorf("wrong password: %d", status)
	}
	status, _, _ = plain.do("GET", streamsPathDemo, "", "Authorization", digestHeader(OwnerPublicKey, OwnerPrivateKey, "GET", "/api/atlas/v2/other", nonce, 10))
	if status != 401 {
		t.Errorf("digest for another uri: %d", status)
	}
	clock.Advance(2 * time.Minute)
	status, h, _ = plain.do("GET", streamsPathDemo, "", "Authorization", digestHeader(OwnerPublicKey, OwnerPrivateKey, "GET", streamsPathDemo, nonce, 11))
	if status != 401 || challengeOf(t, h)["stale"] != "true" {
		t.Errorf("expired nonce: %d %v, want 401 with stale=true", status, h.Get("WWW-Authenticate"))
	}
}

func TestDigestClientNeedsOneRoundTripPerCall(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	for range 5 {
		if status, _, _ := c.do("GET", streamsPathDemo, ""); status != 200 {
			t.Fatal(status)
		}
	}
	// One challenge, then five authenticated calls.
	if got := s.Counts()["GET /api/atlas/v2/groups/{groupId}/streams"]; got != 6 {
		t.Errorf("%d requests for 5 calls, want 6", got)
	}
}

func tokenRequest(t *testing.T, s *Server, id, secret, grant string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", s.URL+"/api/oauth/token", strings.NewReader(url.Values{"grant_type": {grant}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, v
}

func TestOAuthTokensAndExpiry(t *testing.T) {
	clock := newFakeClock()
	s := NewServer(t, Options{Now: clock.Now, TokenTTL: 10 * time.Minute})
	status, v := tokenRequest(t, s, ServiceClientID, "wrong", "client_credentials")
	if status != 401 || v["error"] != "invalid_client" {
		t.Errorf("wrong secret: %d %v", status, v)
	}
	status, v = tokenRequest(t, s, ServiceClientID, ServiceSecret, "password")
	if status != 400 || v["error"] != "unsupported_grant_type" {
		t.Errorf("wrong grant: %d %v", status, v)
	}
	status, v = tokenRequest(t, s, ServiceClientID, ServiceSecret, "client_credentials")
	token, _ := v["access_token"].(string)
	if status != 200 || token == "" || v["token_type"] != "Bearer" || v["expires_in"] != float64(600) {
		t.Fatalf("token: %d %v", status, v)
	}
	c := &apiClient{t: t, base: s.URL, hc: http.DefaultClient}
	if status, _, body := c.do("POST", streamsPathDemo, createBody, "Authorization", "Bearer "+token); status != 200 {
		t.Errorf("bearer create: %d %s", status, body)
	}
	if status, _, _ := c.do("GET", streamsPathDemo, "", "Authorization", "Bearer nope"); status != 401 {
		t.Errorf("unknown token: %d", status)
	}
	clock.Advance(11 * time.Minute)
	status, _, body := c.do("GET", streamsPathDemo, "", "Authorization", "Bearer "+token)
	if status != 401 || !strings.Contains(string(body), "expired") {
		t.Errorf("expired token: %d %s", status, body)
	}
	// Client credentials may also come in the form body.
	req, _ := http.NewRequest("POST", s.URL+"/api/oauth/token", strings.NewReader(url.Values{
		"grant_type": {"client_credentials"}, "client_id": {ServiceClientID}, "client_secret": {ServiceSecret}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("form credentials: %d", resp.StatusCode)
	}
}

func TestConfigReplacesIdentities(t *testing.T) {
	const project = "0123456789abcdef01234567"
	cfg, err := ParseConfig([]byte(`{"projects":[{"id":"` + project + `","name":"p","orgId":"org1"}],
		"apiKeys":[{"publicKey":"k","privateKey":"s","roles":[{"orgId":"org1","role":"ORG_OWNER"}]}],
		"serviceAccounts":[{"clientId":"c","clientSecret":"cs","roles":[{"projectId":"` + project + `","role":"GROUP_STREAM_PROCESSING_OWNER"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(t, Options{Config: &cfg})
	c := digestClient(t, s, "k", "s")
	if status, _, body := c.do("POST", "/api/atlas/v2/groups/"+project+"/streams", createBody); status != 200 {
		t.Errorf("org owner create: %d %s", status, body)
	}
	if status, _, _ := digestClient(t, s, OwnerPublicKey, OwnerPrivateKey).do("GET", streamsPathDemo, ""); status != 401 {
		t.Errorf("built-in key still accepted: %d", status)
	}
	if status, _ := tokenRequest(t, s, "c", "cs", "client_credentials"); status != 200 {
		t.Errorf("configured service account: %d", status)
	}
}

func TestMalformedConfigIsAClearError(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"not json", `{`, "not valid JSON"},
		{"unknown field", `{"project":[]}`, `unknown field "project"`},
		{"no projects", `{"apiKeys":[{"publicKey":"k","privateKey":"s","roles":[]}]}`, "at least one project"},
		{"bad project id", `{"projects":[{"id":"xyz"}],"apiKeys":[]}`, `projects[0].id "xyz"`},
		{"unknown role", `{"projects":[{"id":"0123456789abcdef01234567"}],"apiKeys":[{"publicKey":"k","privateKey":"s","roles":[{"projectId":"0123456789abcdef01234567","role":"ADMIN"}]}]}`, `unknown role "ADMIN"`},
		{"role on unknown project", `{"projects":[{"id":"0123456789abcdef01234567"}],"apiKeys":[{"publicKey":"k","privateKey":"s","roles":[{"projectId":"aaaaaaaaaaaaaaaaaaaaaaaa","role":"GROUP_OWNER"}]}]}`, "not a project of this config"},
		{"missing secret", `{"projects":[{"id":"0123456789abcdef01234567"}],"serviceAccounts":[{"clientId":"c","roles":[{"projectId":"0123456789abcdef01234567","role":"GROUP_OWNER"}]}]}`, "clientSecret are required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
