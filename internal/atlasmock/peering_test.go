package atlasmock

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	accountVersionType = "application/vnd.atlas.2024-11-13+json"
	peeringsPath       = streamsPathDemo + "/vpcPeeringConnections"
	seedPath           = "/_mock/groups/" + DemoProjectID + "/streams/vpcPeeringRequests"
	seedBody           = `{"requesterAccountId":"417601102659","requesterVpcId":"vpc-0d13eb6a2f0377854","requesterCidr":"10.0.0.0/16","name":"pcx-09277e1e81d0751c1"}`
	challenge          = `{"requesterAccountId":"417601102659","requesterVpcId":"vpc-0d13eb6a2f0377854"}`
)

// TestAccountDetailsPerProvider answers each provider's shape for its
// cluster region names, deterministically, and refuses the rest naming
// the parameter.
func TestAccountDetailsPerProvider(t *testing.T) {
	c := ownerClient(t, NewServer(t))
	get := func(query string) (int, map[string]any) {
		status, _, body := c.do("GET", streamsPathDemo+"/accountDetails?"+query, "", "Accept", accountVersionType)
		return status, decode(t, body)
	}
	for _, tc := range []struct{ query, want string }{
		{"cloudProvider=aws&regionName=US_EAST_1", "awsAccountId vpcId"},
		{"cloudProvider=AZURE&regionName=US_EAST_2", "azureSubscriptionId virtualNetworkName"},
		{"cloudProvider=gcp&regionName=CENTRAL_US", "gcpProjectId vpcNetworkName"},
	} {
		status, v := get(tc.query)
		_, again := get(tc.query)
		if status != 200 || fmt.Sprint(v) != fmt.Sprint(again) || !privateCIDR(fmt.Sprint(v["cidrBlock"])) || v["cloudProvider"] != strings.ToLower(strings.Split(strings.TrimPrefix(tc.query, "cloudProvider="), "&")[0]) {
			t.Errorf("%s: %d %v", tc.query, status, v)
		}
		for _, k := range strings.Fields(tc.want) {
			if s, _ := v[k].(string); s == "" {
				t.Errorf("%s: no %s in %v", tc.query, k, v)
			}
		}
	}
	_, east1 := get("cloudProvider=aws&regionName=US_EAST_1")
	_, west2 := get("cloudProvider=aws&regionName=US_WEST_2")
	if east1["awsAccountId"] != west2["awsAccountId"] || east1["vpcId"] == west2["vpcId"] {
		t.Errorf("one account per provider, one VPC per region: %v %v", east1, west2)
	}
	for _, tc := range []struct{ query, field string }{
		{"regionName=US_EAST_1", "cloudProvider"},
		{"cloudProvider=oracle&regionName=US_EAST_1", "cloudProvider"},
		{"cloudProvider=aws", "regionName"},
		{"cloudProvider=aws&regionName=VIRGINIA_USA", "regionName"},
		{"cloudProvider=aws&regionName=us-east-1", "regionName"},
	} {
		status, _, body := c.do("GET", streamsPathDemo+"/accountDetails?"+tc.query, "", "Accept", accountVersionType)
		if e := apiErr(t, body); status != 400 || fmt.Sprint(fields(e)) != "["+tc.field+"]" {
			t.Errorf("%s: %d %s", tc.query, status, body)
		}
	}
	if status, _, _ := c.do("GET", streamsPathDemo+"/accountDetails?cloudProvider=aws&regionName=US_EAST_1", ""); status != 406 {
		t.Errorf("accountDetails with 2023-02-01: %d", status)
	}
}

// TestPeeringSeedAcceptAndDelete walks a peering through the seeding hook,
// the incoming list, accept (challenge checked), the active list and
// delete, with -peering-delay.
func TestPeeringSeedAcceptAndDelete(t *testing.T) {
	clock := newFakeClock()
	s := NewServer(t, Options{Now: clock.Now, PeeringDelay: time.Minute, TokenTTL: 1000 * time.Hour, NonceTTL: 1000 * time.Hour})
	c := ownerClient(t, s)
	status, _, body := c.do("POST", seedPath, seedBody, "Content-Type", "application/json")
	seeded := decode(t, body)
	if status != 201 || seeded["localStatus"] != "NONE" || seeded["cloudStatus"] != "pending-acceptance" || seeded["accepterVpcId"] == nil {
		t.Fatalf("seed: %d %s", status, body)
	}
	list := func(path string) []any {
		t.Helper()
		status, _, body := c.do("GET", path, "", "Accept", accountVersionType)
		if status != 200 {
			t.Fatalf("GET %s: %d %s", path, status, body)
		}
		return decode(t, body)["results"].([]any)
	}
	incoming := peeringsPath + "?requesterAccountId=417601102659"
	if got := list(incoming); len(got) != 1 || got[0].(map[string]any)["name"] != "pcx-09277e1e81d0751c1" {
		t.Errorf("incoming: %v", got)
	}
	if got := list(peeringsPath + "?requesterAccountId=111111111111"); len(got) != 0 {
		t.Errorf("another requester's list: %v", got)
	}
	if status, _, body := c.do("GET", peeringsPath, ""); status != 400 || fmt.Sprint(fields(apiErr(t, body))) != "[requesterAccountId]" {
		t.Errorf("the incoming list without a requester: %d %s", status, body)
	}
	accept := peeringsPath + "/pcx-09277e1e81d0751c1:accept"
	if status, _, body := c.do("POST", accept, `{"requesterAccountId":"417601102659","requesterVpcId":"vpc-00000000"}`); status != 400 || fmt.Sprint(fields(apiErr(t, body))) != "[requesterVpcId]" {
		t.Errorf("a wrong challenge: %d %s", status, body)
	}
	if status, _, body := c.do("POST", accept, `{}`); status != 400 || len(fields(apiErr(t, body))) != 2 {
		t.Errorf("no challenge: %d %s", status, body)
	}
	if status, _, body := c.do("POST", accept, challenge); status != 202 || string(body) != "{}\n" {
		t.Fatalf("accept: %d %s", status, body)
	}
	statusOf := func() string {
		got := list(incoming)
		if len(got) == 0 {
			return "gone"
		}
		p := got[0].(map[string]any)
		return fmt.Sprint(p["localStatus"], "/", p["cloudStatus"])
	}
	if got := statusOf(); got != "REQUEST_ACCEPT/provisioning" {
		t.Errorf("just accepted: %s", got)
	}
	if status, _, body := c.do("POST", accept, challenge); status != 409 || apiErr(t, body).ErrorCode != "STREAM_VPC_PEERING_CONNECTION_INVALID_STATE" {
		t.Errorf("a second accept: %d %s", status, body)
	}
	clock.Advance(31 * time.Second)
	if got := statusOf(); got != "ACCEPT_REQUESTED/provisioning" {
		t.Errorf("second half: %s", got)
	}
	if got := list(streamsPathDemo + "/activeVpcPeeringConnections"); len(got) != 0 {
		t.Errorf("active before ACTIVE: %v", got)
	}
	clock.Advance(30 * time.Second)
	if got := statusOf(); got != "ACTIVE/active" {
		t.Errorf("accepted: %s", got)
	}
	if got := list(streamsPathDemo + "/activeVpcPeeringConnections"); len(got) != 1 {
		t.Errorf("active list: %v", got)
	}
	if status, _, _ := c.do("GET", streamsPathDemo+"/activeVpcPeeringConnections", ""); status != 406 {
		t.Errorf("the active list takes 2024-11-13: %d", status)
	}
	// Delete by _id; the peering shows deleting, then is gone.
	if status, _, body := c.do("DELETE", peeringsPath+"/"+seeded["_id"].(string), ""); status != 202 {
		t.Fatalf("delete: %d %s", status, body)
	}
	if got := statusOf(); got != "REQUEST_DELETE/deleting" {
		t.Errorf("deleting: %s", got)
	}
	if status, _, _ := c.do("DELETE", peeringsPath+"/pcx-09277e1e81d0751c1", ""); status != 409 {
		t.Errorf("a second delete: %d", status)
	}
	clock.Advance(time.Minute)
	if got := statusOf(); got != "gone" {
		t.Errorf("after the delete: %s", got)
	}
	if status, _, body := c.do("DELETE", peeringsPath+"/pcx-09277e1e81d0751c1", ""); status != 404 || apiErr(t, body).ErrorCode != "STREAM_VPC_PEERING_CONNECTION_NOT_FOUND" {
		t.Errorf("delete of a gone peering: %d %s", status, body)
	}
}

// TestPeeringRejectExpiryAndFailure: reject removes a request, an expired
// one cannot be accepted, the fail hook marks UPDATE_FAILED, and the seed
// refuses what no AWS account could send.
func TestPeeringRejectExpiryAndFailure(t *testing.T) {
	clock := newFakeClock()
	s := NewServer(t, Options{Now: clock.Now, TokenTTL: 1000 * time.Hour, NonceTTL: 1000 * time.Hour})
	c := ownerClient(t, s)
	seed := func(body string) (int, map[string]any) {
		status, _, data := c.do("POST", seedPath, body, "Content-Type", "application/json")
		return status, decode(t, data)
	}
	_, a := seed(seedBody)
	_, b := seed(strings.Replace(seedBody, `,"name":"pcx-09277e1e81d0751c1"`, "", 1))
	if n, _ := b["name"].(string); !peeringPattern.MatchString(n) {
		t.Errorf("a default name: %v", b)
	}
	if status, _, body := c.do("POST", peeringsPath+"/"+a["name"].(string)+":reject", ""); status != 202 {
		t.Fatalf("reject: %d %s", status, body)
	}
	if status, _, _ := c.do("POST", peeringsPath+"/"+a["name"].(string)+":accept", challenge); status != 404 {
		t.Errorf("accept after a reject: %d", status)
	}
	clock.Advance(8 * 24 * time.Hour)
	_, _, body := c.do("GET", peeringsPath+"?requesterAccountId=417601102659", "")
	if got := decode(t, body)["results"].([]any); len(got) != 1 || got[0].(map[string]any)["cloudStatus"] != "expired" {
		t.Errorf("after 8 days: %v", got)
	}
	if status, _, body := c.do("POST", peeringsPath+"/"+b["name"].(string)+":accept", challenge); status != 409 || !strings.Contains(string(body), "expired") {
		t.Errorf("accept of an expired request: %d %s", status, body)
	}
	if status, _, _ := c.do("POST", seedPath+"/"+b["name"].(string)+":fail", `{"statusMessage":"route table full"}`, "Content-Type", "application/json"); status != 204 {
		t.Fatalf("fail hook: %d", status)
	}
	_, _, body = c.do("GET", peeringsPath+"?requesterAccountId=417601102659", "")
	if got := decode(t, body)["results"].([]any)[0].(map[string]any); got["localStatus"] != "UPDATE_FAILED" || got["statusMessage"] != "route table full" {
		t.Errorf("after the hook: %v", got)
	}
	for _, tc := range []struct{ body, field string }{
		{`{"requesterAccountId":"4176","requesterVpcId":"vpc-0d13eb6a","requesterCidr":"10.0.0.0/16"}`, "requesterAccountId"},
		{`{"requesterAccountId":"417601102659","requesterVpcId":"vpc-0d13eb6a","requesterCidr":"8.8.0.0/16"}`, "requesterCidr"},
		{`{"requesterAccountId":"417601102659","requesterVpcId":"vpc-0d13eb6a","requesterCidr":"10.0.0.0/16","regionName":"VIRGINIA_USA"}`, "regionName"},
	} {
		status, v := seed(tc.body)
		e := v["badRequestDetail"].(map[string]any)["fields"].([]any)
		if status != 400 || len(e) != 1 || e[0].(map[string]any)["field"] != tc.field {
			t.Errorf("seed %s: %d %v", tc.body, status, v)
		}
	}
	if status, _, _ := digestClient(t, s, ReaderPublicKey, ReaderPrivateKey).do("POST", peeringsPath+"/"+b["name"].(string)+":reject", ""); status != 403 {
		t.Errorf("a reader rejecting: %d", status)
	}
}

// TestPeeringRequestsFromTheConfig seeds the config's requests at start,
// once, even across restarts with a state file.
func TestPeeringRequestsFromTheConfig(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Projects[0].VPCPeeringRequests = []PeeringRequest{{RequesterAccountID: "417601102659", RequesterVpcID: "vpc-0d13eb6a", RequesterCidr: "172.16.0.0/16"}}
	path := t.TempDir() + "/state.json"
	for range 2 {
		s := NewServer(t, Options{Config: &cfg, StatePath: path})
		if got := s.Peerings(DemoProjectID); len(got) != 1 || got[0].RequesterCidr != "172.16.0.0/16" {
			t.Errorf("seeded: %+v", got)
		}
	}
	cfg.Projects[0].VPCPeeringRequests[0].RequesterCidr = "1.2.3.0/24"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "requesterCidr") {
		t.Errorf("a public CIDR in the config: %v", err)
	}
	if !slices.Contains(clusterRegionNames("aws"), "US_EAST_1") {
		t.Error("US_EAST_1 is an AWS cluster region name")
	}
}
