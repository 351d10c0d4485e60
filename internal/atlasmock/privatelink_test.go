package atlasmock

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	linksPath   = streamsPathDemo + "/privateLinkConnections"
	linkVersion = "application/vnd.atlas.2023-02-01+json"
	patchType   = "application/vnd.atlas.2025-03-12+json"
	mskBody     = `{"provider":"AWS","vendor":"MSK","arn":"arn:aws:kafka:us-east-1:123456789012:cluster/msk/abc-1"}`
)

// validLinks are one valid create body per provider and vendor pair.
var validLinks = map[string]string{
	"AWS/MSK":       mskBody,
	"AWS/CONFLUENT": `{"provider":"AWS","vendor":"CONFLUENT","region":"us-east-1","serviceEndpointId":"com.amazonaws.vpce.us-east-1.vpce-svc-0123","dnsDomain":"abc.us-east-1.aws.confluent.cloud","dnsSubDomain":[]}`,
	"AWS/S3":        `{"provider":"AWS","vendor":"S3","region":"us-east-1","serviceEndpointId":"com.amazonaws.us-east-1.s3"}`,
	"AWS/LAMBDA":    `{"provider":"AWS","vendor":"LAMBDA","region":"us-east-1","serviceEndpointId":"com.amazonaws.us-east-1.lambda"}`,
	"AWS/KINESIS":   `{"provider":"AWS","vendor":"KINESIS","region":"us-east-1"}`,
	"AWS/GENERIC":   `{"provider":"AWS","region":"us-east-1","serviceEndpointId":"com.amazonaws.vpce.us-east-1.vpce-svc-9","dnsDomain":"kafka.example.net"}`,
	"AZURE/EVENTHUB": `{"provider":"Azure","vendor":"EVENTHUB","region":"US_EAST_2","dnsDomain":"ns.servicebus.windows.net",` +
		`"serviceEndpointId":"/subscriptions/s/resourceGroups/g/providers/Microsoft.EventHub/namespaces/ns"}`,
	"AZURE/CONFLUENT": `{"provider":"AZURE","vendor":"CONFLUENT","region":"eastus2","dnsDomain":"abc.eastus2.azure.confluent.cloud","azureResourceIds":["/a/1","/a/2"]}`,
	"AZURE/AZURE_BLOB_STORAGE": `{"provider":"AZURE","vendor":"AZURE_BLOB_STORAGE","region":"eastus2","dnsDomain":"acct.blob.core.windows.net",` +
		`"serviceEndpointId":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/acct"}`,
	"AZURE/GENERIC":  `{"provider":"AZURE","vendor":"GENERIC","region":"eastus2","serviceEndpointId":"/x/y","dnsDomain":"d.example.net"}`,
	"GCP/CONFLUENT":  `{"provider":"GCP","vendor":"CONFLUENT","region":"us-central1","dnsDomain":"abc.us-central1.gcp.confluent.cloud","gcpServiceAttachmentUris":["projects/p/regions/us-central1/serviceAttachments/a"]}`,
	"GCP/PUBSUB":     `{"provider":"GCP","vendor":"PUBSUB","region":"us-central1"}`,
	"AWS/CONFLUENT!": `{"provider":"AWS","vendor":"CONFLUENT","region":"us-west-2","serviceEndpointId":"com.amazonaws.vpce.us-west-2.vpce-svc-1"}`,
}

func createLink(t *testing.T, c *apiClient, body string) map[string]any {
	t.Helper()
	status, hdr, data := c.do("POST", linksPath, body)
	if status != 200 || hdr.Get("Content-Type") != linkVersion {
		t.Fatalf("create %s: %d %s %s", body, status, hdr.Get("Content-Type"), data)
	}
	return decode(t, data)
}

// TestEveryPrivateLinkVendorIsCreatedAndServed creates one endpoint per
// provider and vendor pair: each is DONE at once with its computed
// members, upper-case provider and vendor, and GET and the list agree.
func TestEveryPrivateLinkVendorIsCreatedAndServed(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range validLinks {
			if !yield(k) {
				return
			}
		}
	})
	var ids []string
	for _, k := range keys {
		v := createLink(t, c, validLinks[k])
		id, _ := v["_id"].(string)
		provider, vendor, _ := strings.Cut(strings.TrimSuffix(k, "!"), "/")
		want := "DONE"
		if k == "AWS/CONFLUENT!" {
			want = "WORKING" // No dnsDomain: Atlas waits for it.
		}
		if !hex24.MatchString(id) || v["provider"] != provider || v["vendor"] != vendor || v["state"] != want || v["interfaceEndpointId"] == nil || v["links"] != nil {
			t.Errorf("%s: %v", k, v)
		}
		_, _, got := c.do("GET", linksPath+"/"+id, "")
		if fmt.Sprint(decode(t, got)) != fmt.Sprint(v) {
			t.Errorf("%s: GET %s, POST %v", k, got, v)
		}
		ids = append(ids, id)
	}
	msk := decode(t, must(c.do("GET", linksPath+"/"+ids[slices.Index(keys, "AWS/MSK")], "")))
	if msk["region"] != "us-east-1" || msk["authenticationScheme"] != "SASL_SCRAM" || msk["serviceEndpointId"] != nil || msk["dnsDomain"] != nil {
		t.Errorf("MSK: region from the ARN, SASL_SCRAM by default, nothing else computed: %v", msk)
	}
	pubsub := decode(t, must(c.do("GET", linksPath+"/"+ids[slices.Index(keys, "GCP/PUBSUB")], "")))
	if d, _ := pubsub["dnsDomain"].(string); !strings.HasPrefix(d, "pubsub-psc") || !strings.HasSuffix(d, ".p.googleapis.com") {
		t.Errorf("PUBSUB dnsDomain: %v", pubsub)
	}
	conf := decode(t, must(c.do("GET", linksPath+"/"+ids[slices.Index(keys, "AWS/CONFLUENT")], "")))
	if fmt.Sprint(conf["dnsSubDomain"]) != "[]" {
		t.Errorf("an empty dnsSubDomain must come back as []: %v", conf)
	}
	acct := decode(t, must(c.do("GET", streamsPathDemo+"/accountDetails?cloudProvider=aws&regionName=US_EAST_1", "", "Accept", "application/vnd.atlas.2024-11-13+json")))
	if conf["providerAccountId"] != acct["awsAccountId"] {
		t.Errorf("providerAccountId %v is not the project's AWS account %v", conf["providerAccountId"], acct["awsAccountId"])
	}
	_, _, page := c.do("GET", linksPath+"?itemsPerPage=5&pageNum=3", "")
	p := decode(t, page)
	if p["totalCount"] != float64(len(keys)) || len(p["results"].([]any)) != len(keys)-10 || p["results"].([]any)[0].(map[string]any)["_id"] != ids[10] {
		t.Errorf("page 3 of 5: %s", page)
	}
}

func must(_ int, _ any, body []byte) []byte { return body }

// TestPrivateLinkRequiredMembers refuses each broken pair with a 400 that
// names the member.
func TestPrivateLinkRequiredMembers(t *testing.T) {
	c := ownerClient(t, NewServer(t))
	for _, tc := range []struct{ body, field string }{
		{`{}`, "provider"},
		{`{"provider":"ORACLE"}`, "provider"},
		{`{"provider":"GCP","region":"r"}`, "vendor"},
		{`{"provider":"AWS","vendor":"EVENTHUB","region":"r"}`, "vendor"},
		{`{"provider":"AWS","vendor":"MSK"}`, "arn"},
		{`{"provider":"AWS","vendor":"MSK","arn":"arn:aws:s3:::bucket"}`, "arn"},
		{`{"provider":"AWS","vendor":"MSK","region":"us-east-1","arn":"arn:aws:kafka:us-east-1:1:cluster/x"}`, "region"},
		{`{"provider":"AWS","vendor":"MSK","arn":"arn:aws:kafka:us-east-1:1:cluster/x","authenticationScheme":"KERBEROS"}`, "authenticationScheme"},
		{`{"provider":"AWS","vendor":"CONFLUENT","region":"us-east-1"}`, "serviceEndpointId"},
		{`{"provider":"AWS","vendor":"S3","region":"us-east-1","serviceEndpointId":"com.amazonaws.us-west-2.s3"}`, "serviceEndpointId"},
		{`{"provider":"AWS","vendor":"KINESIS"}`, "region"},
		{`{"provider":"AWS","vendor":"KINESIS","region":"us-east-1","arn":"arn:aws:kafka:us-east-1:1:x"}`, "arn"},
		{`{"provider":"AWS","vendor":"KINESIS","region":"us-east-1","gcpServiceAttachmentUris":["u"]}`, "gcpServiceAttachmentUris"},
		{`{"provider":"AZURE","vendor":"EVENTHUB","region":"r","serviceEndpointId":"/x/Microsoft.EventHub/namespaces/n"}`, "dnsDomain"},
		{`{"provider":"AZURE","vendor":"EVENTHUB","region":"r","serviceEndpointId":"/not/a/namespace","dnsDomain":"d"}`, "serviceEndpointId"},
		{`{"provider":"AZURE","vendor":"CONFLUENT","region":"r","dnsDomain":"d"}`, "serviceEndpointId"},
		{`{"provider":"AZURE","vendor":"CONFLUENT","region":"r","dnsDomain":"d","serviceEndpointId":"x","azureResourceIds":["a"]}`, "serviceEndpointId"},
		{`{"provider":"AZURE","vendor":"CONFLUENT","region":"r","dnsDomain":"d","azureResourceIds":["a","b","c","d"]}`, "azureResourceIds"},
		{`{"provider":"AZURE","vendor":"AZURE_BLOB_STORAGE","region":"r","serviceEndpointId":"/x/Microsoft.Storage/storageAccounts/acct","dnsDomain":"other.blob.core.windows.net"}`, "dnsDomain"},
		{`{"provider":"GCP","vendor":"CONFLUENT","region":"r","dnsDomain":"d","gcpServiceAttachmentUris":["a","a"]}`, "gcpServiceAttachmentUris[1]"},
		{`{"provider":"GCP","vendor":"PUBSUB","region":"r","dnsDomain":"d"}`, "dnsDomain"},
		{`{"provider":"GCP","vendor":"PUBSUB","region":"r","azureResourceIds":["a"]}`, "azureResourceIds"},
		{`{"provider":"AWS","region":"r","serviceEndpointId":"x"}`, "dnsDomain"},
	} {
		status, _, body := c.do("POST", linksPath, tc.body)
		if e := apiErr(t, body); status != 400 || e.ErrorCode != "VALIDATION_ERROR" || !slices.Contains(fields(e), tc.field) {
			t.Errorf("%s: want 400 naming %s, got %d %s", tc.body, tc.field, status, body)
		}
	}
	if status, _, body := c.do("POST", linksPath, `{"provider":1}`); status != 400 || apiErr(t, body).ErrorCode != "INVALID_JSON" {
		t.Errorf("a number for provider: %d %s", status, body)
	}
	// MongoDB's provider sends "state": "" and "region": "" for MSK.
	if status, _, body := c.do("POST", linksPath, `{"provider":"AWS","vendor":"MSK","region":"","state":"","arn":"arn:aws:kafka:eu-west-1:1:cluster/y"}`); status != 200 {
		t.Errorf("empty strings must count as absent: %d %s", status, body)
	}
}

// TestPrivateLinkDuplicatesAndClusterPrecondition refuses a second
// endpoint with the same key, and one on a cloud where the project has no
// cluster when the config lists clusters by provider.
func TestPrivateLinkDuplicatesAndClusterPrecondition(t *testing.T) {
	c := ownerClient(t, NewServer(t))
	first := createLink(t, c, validLinks["AWS/KINESIS"])
	status, _, body := c.do("POST", linksPath, strings.Replace(validLinks["AWS/KINESIS"], `"KINESIS"`, `"kinesis"`, 1))
	if e := apiErr(t, body); status != 400 || e.ErrorCode != "STREAM_PRIVATE_LINK_ALREADY_EXISTS" || !slices.Contains(e.Parameters, first["_id"].(string)) {
		t.Errorf("a duplicate: %d %s", status, body)
	}
	if status, _, body := c.do("POST", linksPath, `{"provider":"AWS","vendor":"KINESIS","region":"us-west-2"}`); status != 200 {
		t.Errorf("another region is no duplicate: %d %s", status, body)
	}

	cfg := DefaultConfig()
	cfg.Projects[0].Clusters = []Cluster{{Name: "Cluster0", Provider: "AWS"}}
	c = ownerClient(t, NewServer(t, Options{Config: &cfg}))
	status, _, body = c.do("POST", linksPath, validLinks["AZURE/EVENTHUB"])
	if e := apiErr(t, body); status != 400 || e.ErrorCode != "VALIDATION_ERROR" || !strings.Contains(e.Detail, "You must have an Atlas Cluster on Azure") {
		t.Errorf("an Azure endpoint without an Azure cluster: %d %s", status, body)
	}
	createLink(t, c, validLinks["AWS/KINESIS"])
}

// TestPrivateLinkStatesFollowTheDelay walks create, the dnsDomain PATCH
// and delete through their states with -privatelink-delay.
func TestPrivateLinkStatesFollowTheDelay(t *testing.T) {
	clock := newFakeClock()
	s := NewServer(t, Options{Now: clock.Now, PrivateLinkDelay: time.Minute, TokenTTL: 100 * time.Hour, NonceTTL: 100 * time.Hour})
	c := ownerClient(t, s)
	state := func(id string) (int, map[string]any) {
		status, _, body := c.do("GET", linksPath+"/"+id, "")
		return status, decode(t, body)
	}
	v := createLink(t, c, validLinks["AWS/S3"])
	id := v["_id"].(string)
	if v["state"] != "IDLE" || v["interfaceEndpointId"] != nil {
		t.Errorf("at once: %v", v)
	}
	clock.Advance(31 * time.Second)
	if _, v := state(id); v["state"] != "WORKING" || v["interfaceEndpointId"] == nil {
		t.Errorf("after half: %v", v)
	}
	clock.Advance(30 * time.Second)
	if _, v := state(id); v["state"] != "DONE" {
		t.Errorf("after the delay: %v", v)
	}
	if status, _, body := c.do("DELETE", linksPath+"/"+id, ""); status != 202 || string(body) != "{}\n" {
		t.Errorf("delete: %d %q", status, body)
	}
	if _, v := state(id); v["state"] != "DELETE_REQUESTED" {
		t.Errorf("deleting: %v", v)
	}
	if status, _, _ := c.do("DELETE", linksPath+"/"+id, ""); status != 202 {
		t.Errorf("a second delete while deleting: %d", status)
	}
	clock.Advance(31 * time.Second)
	if _, v := state(id); v["state"] != "DELETING" {
		t.Errorf("deleting, second half: %v", v)
	}
	clock.Advance(30 * time.Second)
	if status, v := state(id); status != 404 || v["errorCode"] != "STREAM_PRIVATE_LINK_NOT_FOUND" {
		t.Errorf("gone: %d %v", status, v)
	}

	// AWS Confluent without dnsDomain waits WORKING for it; the PATCH
	// (2025-03-12 only) sets it and the endpoint goes DONE after the delay.
	v = createLink(t, c, validLinks["AWS/CONFLUENT!"])
	id = v["_id"].(string)
	clock.Advance(time.Hour)
	if _, v := state(id); v["state"] != "WORKING" {
		t.Errorf("Confluent without a domain: %v", v)
	}
	if status, _, body := c.do("PATCH", linksPath+"/"+id, `{"dnsDomain":"x.aws.confluent.cloud"}`); status != 406 {
		t.Errorf("a PATCH with 2023-02-01: %d %s", status, body)
	}
	status, hdr, body := c.do("PATCH", linksPath+"/"+id, `{"dnsDomain":"x.aws.confluent.cloud"}`, "Accept", patchType, "Content-Type", patchType)
	if v := decode(t, body); status != 200 || hdr.Get("Content-Type") != patchType || v["state"] != "WORKING" || v["dnsDomain"] != "x.aws.confluent.cloud" {
		t.Errorf("PATCH: %d %s", status, body)
	}
	clock.Advance(time.Minute)
	if _, v := state(id); v["state"] != "DONE" {
		t.Errorf("after the PATCH and the delay: %v", v)
	}
	status, _, body = c.do("PATCH", linksPath+"/"+id, `{"dnsDomain":"y.aws.confluent.cloud"}`, "Accept", patchType, "Content-Type", patchType)
	if status != 409 || apiErr(t, body).ErrorCode != "STREAM_PRIVATE_LINK_UPDATE_NOT_ALLOWED" {
		t.Errorf("a second domain once DONE: %d %s", status, body)
	}
}

// TestPrivateLinkPatchAndDeleteRules covers the PATCH's 400s, the FAILED
// hook, the in-use refusal naming the connection, and 404s.
func TestPrivateLinkPatchAndDeleteRules(t *testing.T) {
	s, c := withInstance(t, false)
	patch := func(id, body string) (int, apiError) {
		status, _, data := c.do("PATCH", linksPath+"/"+id, body, "Accept", patchType, "Content-Type", patchType)
		if status == 200 {
			return status, apiError{}
		}
		return status, apiErr(t, data)
	}
	kinesis := createLink(t, c, validLinks["AWS/KINESIS"])["_id"].(string)
	if status, e := patch(kinesis, `{"dnsDomain":"d"}`); status != 400 || fmt.Sprint(fields(e)) != "[dnsDomain]" {
		t.Errorf("PATCH of a KINESIS endpoint: %d %v", status, e)
	}
	conf := createLink(t, c, validLinks["AWS/CONFLUENT!"])["_id"].(string)
	if status, e := patch(conf, `{}`); status != 400 || fmt.Sprint(fields(e)) != "[dnsDomain]" {
		t.Errorf("PATCH without dnsDomain: %d %v", status, e)
	}
	if status, e := patch("0123456789abcdef01234567", `{"dnsDomain":"d"}`); status != 404 || e.ErrorCode != "STREAM_PRIVATE_LINK_NOT_FOUND" {
		t.Errorf("PATCH of an unknown id: %d %v", status, e)
	}
	// The hook fails an endpoint; a FAILED one refuses the PATCH.
	hook := ownerClient(t, s)
	status, _, body := hook.do("POST", "/_mock/groups/"+DemoProjectID+"/streams/privateLinkConnections/"+conf+":fail", `{"errorMessage":"quota exceeded"}`, "Content-Type", "application/json")
	if status != 204 {
		t.Fatalf("fail hook: %d %s", status, body)
	}
	if _, _, body := c.do("GET", linksPath+"/"+conf, ""); decode(t, body)["state"] != "FAILED" || decode(t, body)["errorMessage"] != "quota exceeded" {
		t.Errorf("after the hook: %s", body)
	}
	if status, e := patch(conf, `{"dnsDomain":"d"}`); status != 409 || e.ErrorCode != "STREAM_PRIVATE_LINK_UPDATE_NOT_ALLOWED" {
		t.Errorf("PATCH of a FAILED endpoint: %d %v", status, e)
	}
	if status, _, _ := (&apiClient{t: t, base: s.URL, hc: http.DefaultClient}).do("POST", "/_mock/groups/"+DemoProjectID+"/streams/privateLinkConnections/"+conf+":fail", `{}`); status != 401 {
		t.Errorf("the hook without credentials: %d", status)
	}

	// A Kinesis connection over the endpoint; the endpoint's delete is
	// refused, naming the connection, until the connection is gone.
	conn := `{"name":"stream","type":"AWSKinesisDataStreams","aws":{"roleArn":"arn:aws:iam::123456789012:role/x"},"networking":{"access":{"type":"PRIVATE_LINK","connectionId":"` + kinesis + `"}}}`
	if status, _, body := c.do("POST", connectionsPath, conn); status != 200 {
		t.Fatalf("connection over the endpoint: %d %s", status, body)
	}
	status, _, body = c.do("DELETE", linksPath+"/"+kinesis, "")
	if e := apiErr(t, body); status != 400 || e.ErrorCode != "STREAM_PRIVATE_LINK_IN_USE" || !strings.Contains(e.Detail, "ingest/stream") || fmt.Sprint(e.Parameters) != "["+kinesis+"]" {
		t.Errorf("delete in use: %d %s", status, body)
	}
	if status, _, _ := c.do("DELETE", connectionsPath+"/stream", ""); status != 202 {
		t.Fatal("connection delete")
	}
	if status, _, body := c.do("DELETE", linksPath+"/"+kinesis, ""); status != 202 {
		t.Errorf("delete once unused: %d %s", status, body)
	}
	for _, id := range []string{kinesis, "not-an-id"} {
		if status, _, body := c.do("DELETE", linksPath+"/"+id, ""); status != 404 || apiErr(t, body).ErrorCode != "STREAM_PRIVATE_LINK_NOT_FOUND" {
			t.Errorf("delete of %s: %d %s", id, status, body)
		}
	}
	if status, _, _ := digestClient(t, s, ReaderPublicKey, ReaderPrivateKey).do("POST", linksPath, validLinks["AWS/S3"]); status != 403 {
		t.Errorf("a reader creating an endpoint: %d", status)
	}
}

// TestPrivateLinksPersist keeps endpoints in the state file.
func TestPrivateLinksPersist(t *testing.T) {
	path := t.TempDir() + "/state.json"
	c := ownerClient(t, NewServer(t, Options{StatePath: path}))
	id := createLink(t, c, validLinks["GCP/PUBSUB"])["_id"].(string)
	c = ownerClient(t, NewServer(t, Options{StatePath: path}))
	if status, _, body := c.do("GET", linksPath+"/"+id, ""); status != 200 || decode(t, body)["vendor"] != "PUBSUB" {
		t.Errorf("after a restart: %d %s", status, body)
	}
}
