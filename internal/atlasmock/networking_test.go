package atlasmock

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestConnectionNetworkingRules covers the networking and authentication
// rules of every connection type: the wrong networking member, the access
// members per type, AWS_MSK_IAM and mutual TLS.
func TestConnectionNetworkingRules(t *testing.T) {
	_, c := withInstance(t, false)
	const role = `"aws":{"roleArn":"arn:aws:iam::123456789012:role/x"}`
	for _, tc := range []struct{ name, body, field string }{
		{"networking on a Lambda", `{"name":"x","type":"AWSLambda",` + role + `,"networking":{"access":{"type":"PUBLIC"}}}`, "networking"},
		{"publicPrivateNetworking on S3", `{"name":"x","type":"S3",` + role + `,"publicPrivateNetworking":{"access":{"type":"PUBLIC"}}}`, "publicPrivateNetworking"},
		{"networking on Pub/Sub", `{"name":"x","type":"GCPPubSub","gcp":{"serviceAccountId":"a"},"networking":{"access":{"type":"PUBLIC"}}}`, "networking"},
		{"VPC on a Lambda", `{"name":"x","type":"AWSLambda",` + role + `,"publicPrivateNetworking":{"access":{"type":"VPC"}}}`, "publicPrivateNetworking.access.type"},
		{"an id without PRIVATE_LINK", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","networking":{"access":{"type":"VPC","connectionId":"0123456789abcdef01234567"}}}`, "networking.access.connectionId"},
		{"a transit gateway without a route", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","networking":{"access":{"type":"TRANSIT_GATEWAY"}}}`, "networking.access.tgwRouteId"},
		{"IAM over SASL_PLAINTEXT", `{"name":"x","type":"Kafka","bootstrapServers":"b:9098","authentication":{"mechanism":"AWS_MSK_IAM",` + role + `},"security":{"protocol":"SASL_PLAINTEXT"}}`, "security.protocol"},
		{"IAM without a role", `{"name":"x","type":"Kafka","bootstrapServers":"b:9098","authentication":{"mechanism":"AWS_MSK_IAM"},"security":{"protocol":"SASL_SSL"}}`, "authentication.aws"},
		{"IAM with a user", `{"name":"x","type":"Kafka","bootstrapServers":"b:9098","authentication":{"mechanism":"AWS_MSK_IAM","username":"u",` + role + `},"security":{"protocol":"SASL_SSL"}}`, "authentication.username"},
		{"IAM with a user ARN", `{"name":"x","type":"Kafka","bootstrapServers":"b:9098","authentication":{"mechanism":"AWS_MSK_IAM","aws":{"roleArn":"arn:aws:iam::123456789012:user/u"}},"security":{"protocol":"SASL_SSL"}}`, "authentication.aws.roleArn"},
		{"aws with PLAIN", `{"name":"x","type":"Kafka","bootstrapServers":"b:9092","authentication":{"mechanism":"PLAIN","username":"u","password":"p",` + role + `}}`, "authentication.aws"},
		{"mTLS without a key", `{"name":"x","type":"Kafka","bootstrapServers":"b:9094","authentication":{"sslCertificate":"CERT"},"security":{"protocol":"SSL"}}`, "authentication.sslKey"},
		{"mTLS with a mechanism", `{"name":"x","type":"Kafka","bootstrapServers":"b:9094","authentication":{"mechanism":"PLAIN","sslCertificate":"C","sslKey":"K"},"security":{"protocol":"SSL"}}`, "authentication.mechanism"},
		{"a key over SASL", `{"name":"x","type":"Kafka","bootstrapServers":"b:9094","authentication":{"mechanism":"PLAIN","username":"u","password":"p","sslKey":"K"},"security":{"protocol":"SASL_SSL"}}`, "authentication.sslKey"},
	} {
		status, _, body := c.do("POST", connectionsPath, tc.body)
		if e := apiErr(t, body); status != 400 || !slices.Contains(fields(e), tc.field) {
			t.Errorf("%s: want 400 naming %s, got %d %s", tc.name, tc.field, status, body)
		}
	}
	ok := map[string]string{
		"iam":  `{"name":"iam","type":"Kafka","bootstrapServers":"b:9098","authentication":{"mechanism":"AWS_MSK_IAM",` + role + `},"security":{"protocol":"SASL_SSL"}}`,
		"mtls": `{"name":"mtls","type":"Kafka","bootstrapServers":"b:9094","authentication":{"sslCertificate":"CERT","sslKey":"mtls-key-secret","sslKeyPassword":"mtls-pass-secret"},"security":{"protocol":"SSL"}}`,
		"tgw":  `{"name":"tgw","type":"Kafka","bootstrapServers":"b:9092","networking":{"access":{"type":"TRANSIT_GATEWAY","tgwRouteId":"0123456789abcdef01234567","name":"route"}}}`,
	}
	for name, body := range ok {
		status, _, data := c.do("POST", connectionsPath, body)
		if status != 200 || strings.Contains(string(data), "secret") {
			t.Errorf("%s: %d %s", name, status, data)
		}
	}
	if _, _, body := c.do("GET", connectionsPath+"/mtls", ""); fmt.Sprint(decode(t, body)["authentication"]) != "map[sslCertificate:CERT]" {
		t.Errorf("mTLS comes back with its certificate only: %s", body)
	}
}

// TestPrivateLinkConnectionsNeedADoneEndpointOfTheirVendor checks the
// endpoint reference of a PRIVATE_LINK connection: it must exist in the
// project, be DONE and have a vendor that fits the type; a later FAILED
// endpoint leaves the connection alone, and PENDING applies.
func TestPrivateLinkConnectionsNeedADoneEndpointOfTheirVendor(t *testing.T) {
	clock := newFakeClock()
	_, c := withInstance(t, false, Options{Now: clock.Now, PrivateLinkDelay: time.Minute, ConnectionPending: time.Minute, TokenTTL: 1000 * time.Hour, NonceTTL: 1000 * time.Hour})
	msk := createLink(t, c, mskBody)["_id"].(string)
	s3 := createLink(t, c, validLinks["AWS/S3"])["_id"].(string)
	kafka := func(name, id string) string {
		return `{"name":"` + name + `","type":"Kafka","bootstrapServers":"b:9098","authentication":{"mechanism":"AWS_MSK_IAM","aws":{"roleArn":"arn:aws:iam::123456789012:role/x"}},` +
			`"security":{"protocol":"SASL_SSL"},"networking":{"access":{"type":"PRIVATE_LINK","connectionId":"` + id + `"}}}`
	}
	refused := func(what, body, field, says string) {
		t.Helper()
		status, _, data := c.do("POST", connectionsPath, body)
		if e := apiErr(t, data); status != 400 || fmt.Sprint(fields(e)) != "["+field+"]" || !strings.Contains(e.Detail, says) {
			t.Errorf("%s: %d %s", what, status, data)
		}
	}
	refused("an IDLE endpoint", kafka("k", msk), "networking.access.connectionId", "IDLE")
	clock.Advance(time.Minute)
	refused("an unknown endpoint", kafka("k", "0123456789abcdef01234567"), "networking.access.connectionId", "is not a Private Link connection")
	refused("an S3 endpoint for Kafka", kafka("k", s3), "networking.access.connectionId", "vendor MSK, CONFLUENT, EVENTHUB or GENERIC")
	refused("an MSK endpoint for a Lambda", `{"name":"l","type":"AWSLambda","aws":{"roleArn":"arn:aws:iam::123456789012:role/x"},"publicPrivateNetworking":{"access":{"type":"PRIVATE_LINK","connectionId":"`+msk+`"}}}`,
		"publicPrivateNetworking.access.connectionId", "LAMBDA")
	status, _, data := c.do("POST", connectionsPath, kafka("k", msk))
	if v := decode(t, data); status != 200 || v["state"] != "PENDING" {
		t.Fatalf("a Kafka connection over a DONE MSK endpoint: %d %s", status, data)
	}
	status, _, data = c.do("POST", connectionsPath, `{"name":"sink","type":"S3","aws":{"roleArn":"arn:aws:iam::123456789012:role/x"},"networking":{"access":{"type":"PRIVATE_LINK","connectionId":"`+s3+`"}}}`)
	if v := decode(t, data); status != 200 || v["state"] != "PENDING" {
		t.Errorf("an S3 connection over Private Link is PENDING too: %d %s", status, data)
	}
	clock.Advance(time.Minute)
	if err := c.failLink(msk); err != nil {
		t.Fatal(err)
	}
	if status, _, data := c.do("PATCH", connectionsPath+"/k", `{"config":{"a":"b"}}`); status != 200 {
		t.Errorf("a PATCH after the endpoint failed: %d %s", status, data)
	}
}

// failLink fails an endpoint through the hook.
func (c *apiClient) failLink(id string) error {
	status, _, body := c.do("POST", "/_mock/groups/"+DemoProjectID+"/streams/privateLinkConnections/"+id+":fail", `{}`, "Content-Type", "application/json")
	if status != 204 {
		return fmt.Errorf("fail hook: %d %s", status, body)
	}
	return nil
}

// TestKafkaRegionDefaultsToThePrimaryWithFailover returns a Kafka
// connection's missing region as the instance's region when the instance
// has failover regions, and leaves it absent otherwise.
func TestKafkaRegionDefaultsToThePrimaryWithFailover(t *testing.T) {
	s := NewServer(t)
	c := ownerClient(t, s)
	for _, body := range []string{
		`{"name":"plain","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`,
		`{"name":"multi","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"failoverRegions":[{"cloudProvider":"AWS","region":"DUBLIN_IRL"}]}`,
	} {
		if status, _, data := c.do("POST", streamsPathDemo, body); status != 200 {
			t.Fatalf("%d %s", status, data)
		}
	}
	for name, want := range map[string]any{"plain": nil, "multi": "VIRGINIA_USA"} {
		_, _, data := c.do("POST", streamsPathDemo+"/"+name+"/connections", `{"name":"k","type":"Kafka","bootstrapServers":"b:9092"}`)
		if got := decode(t, data)["region"]; got != want {
			t.Errorf("%s: region %v, want %v", name, got, want)
		}
	}
}
