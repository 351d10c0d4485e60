package atlasmock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Connection is a stored connection of an instance.
type Connection struct {
	ID     string `json:"id,omitempty"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Region string `json:"region,omitempty"`
	// Members holds the members of the connection's type as they were sent,
	// secrets included: clusterName, authentication, headers and so on.
	Members map[string]json.RawMessage `json:"members,omitempty"`
	// PendingUntil keeps a Kafka connection PENDING until then.
	PendingUntil *time.Time `json:"pendingUntil,omitempty"`
	// Failovers are the connection's failover connections, one per
	// failover region of the instance, in creation order; they go with it.
	Failovers []Connection `json:"failovers,omitempty"`
}

func (c Connection) clone() Connection {
	out := c
	if c.Members != nil {
		out.Members = maps.Clone(c.Members)
	}
	if c.PendingUntil != nil {
		t := *c.PendingUntil
		out.PendingUntil = &t
	}
	out.Failovers = slices.Clone(c.Failovers)
	return out
}

// Connection types and the members each may hold, in the order
// responses list them.
var connectionMembers = map[string][]string{
	"Sample":                nil,
	"Cluster":               {"clusterName", "clusterGroupId", "dbRoleToExecute"},
	"Kafka":                 {"bootstrapServers", "authentication", "security", "config", "networking"},
	"Https":                 {"url", "headers"},
	"AWSLambda":             {"aws", "publicPrivateNetworking"},
	"S3":                    {"aws", "networking"},
	"AWSKinesisDataStreams": {"aws", "networking"},
	"SchemaRegistry":        {"provider", "schemaRegistryUrls", "schemaRegistryAuthentication"},
	"AzureBlobStorage":      {"azure", "publicPrivateNetworking"},
	"GCPPubSub":             {"gcp", "publicPrivateNetworking"},
}

// connectionTypes lists the types in the order errors name them.
var connectionTypes = []string{"Sample", "Cluster", "Kafka", "Https", "AWSLambda", "S3", "AWSKinesisDataStreams", "SchemaRegistry", "AzureBlobStorage", "GCPPubSub"}

// secretMembers are the write-only secrets inside a member object: never
// returned, and kept by a PATCH that leaves them out.
var secretMembers = map[string][]string{
	"authentication":               {"password", "clientSecret", "sslKey", "sslKeyPassword"},
	"schemaRegistryAuthentication": {"password"},
}

// Sample sources and the built-in sink.
const (
	solarSource = "sample_stream_solar"
	testLogSink = "__testLog"
)

var (
	connectionNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$`)
	hex24                 = regexp.MustCompile(`^[a-f0-9]{24}$`)
	kafkaMechanisms       = []string{"PLAIN", "SCRAM-256", "SCRAM-512", "OAUTHBEARER", "AWS_MSK_IAM"}
	iamRoleARN            = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$`)
	kafkaProtocols        = []string{"SASL_PLAINTEXT", "SASL_SSL", "SSL"}
	accessTypes           = []string{"PUBLIC", "VPC", "PRIVATE_LINK", "TRANSIT_GATEWAY"}
	lambdaAccessTypes     = []string{"PUBLIC", "PRIVATE_LINK"}
	roleTypes             = []string{"BUILT_IN", "CUSTOM"}
	registryProviders     = []string{"CONFLUENT"}
	registryAuthTypes     = []string{"USER_INFO", "SASL_INHERIT"}
)

// solarConnection is what sampleConnections.solar adds to a new instance.
func (h *Handler) solarConnection() Connection {
	return Connection{ID: h.newObjectID(), Name: solarSource, Type: "Sample"}
}

// connectionState is READY, or PENDING while a Kafka connection deploys.
func (h *Handler) connectionState(c *Connection) string {
	if c.PendingUntil != nil && h.opts.Now().Before(*c.PendingUntil) {
		return "PENDING"
	}
	return "READY"
}

// connectionJSON renders a connection as the API returns it: id, name,
// type, state, region when sent, its members with secrets removed, and,
// outside the instance view, links.
func (h *Handler) connectionJSON(r *http.Request, in *Instance, c *Connection, withLinks bool) json.RawMessage {
	out := map[string]any{"name": c.Name, "type": c.Type, "state": h.connectionState(c)}
	if c.ID != "" {
		out["id"] = c.ID
	}
	if c.Region != "" {
		out["region"] = c.Region
	}
	for k, v := range c.Members {
		out[k] = withoutSecrets(k, v)
	}
	if withLinks {
		out["links"] = []linkJSON{{Href: fmt.Sprintf("%s/api/atlas/v2/groups/%s/streams/%s/connections/%s", baseURL(r), in.GroupID, in.Name, url.PathEscape(c.Name)), Rel: "self"}}
	}
	data, err := json.Marshal(out)
	if err != nil {
		// Members are valid JSON by construction.
		panic(err)
	}
	return data
}

// withoutSecrets removes the write-only members of an object member.
func withoutSecrets(member string, raw json.RawMessage) json.RawMessage {
	secrets := secretMembers[member]
	if len(secrets) == 0 {
		return raw
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return raw
	}
	for _, s := range secrets {
		delete(obj, s)
	}
	data, _ := json.Marshal(obj)
	return data
}

// connectionRequest is a decoded connection body.
type connectionRequest struct {
	Name, Type, Region *string
	// Members are the body's members of the type (others are ignored).
	Members map[string]json.RawMessage
	// WrongNetworking is a networking member the type does not take.
	WrongNetworking string
}

// decodeConnection decodes a connection body: name, type and region as
// strings, and the members of the type; stored type is used when the body
// has none (a PATCH).
func decodeConnection(data []byte, storedType string) (*connectionRequest, *apiError) {
	obj, e := decodeObject(data)
	if e != nil {
		return nil, e
	}
	var tc typeChecker
	req := &connectionRequest{Name: tc.str(obj, "name", "name"), Type: tc.str(obj, "type", "type"), Region: tc.str(obj, "region", "region")}
	if len(tc.violations) > 0 {
		return nil, violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
	}
	typ := storedType
	if req.Type != nil && storedType == "" {
		typ = *req.Type
	}
	req.WrongNetworking = wrongNetworking(typ, obj)
	req.Members = map[string]json.RawMessage{}
	for _, m := range connectionMembers[typ] {
		if raw, ok := obj[m]; ok && !isNull(raw) {
			req.Members[m] = raw
		}
	}
	return req, nil
}

// connectionChecker collects violations while it reads members: wrong
// values in vs, and members of the wrong JSON type in typeVs (400
// INVALID_JSON, not VALIDATION_ERROR, by the contract).
type connectionChecker struct {
	vs, typeVs []fieldViolation
}

func (c *connectionChecker) add(field, format string, args ...any) {
	c.vs = append(c.vs, fieldViolation{Field: field, Description: field + " " + fmt.Sprintf(format, args...)})
}

// wrongType records a member of the wrong JSON type.
func (c *connectionChecker) wrongType(field, want string) {
	c.typeVs = append(c.typeVs, fieldViolation{Field: field, Description: field + " must be " + want})
}

// refusal is the error for what the checker found: INVALID_JSON when a
// member has the wrong JSON type, else VALIDATION_ERROR with every
// violation, else nil.
func (c *connectionChecker) refusal() *apiError {
	switch {
	case len(c.typeVs) > 0:
		return violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", c.typeVs)
	case len(c.vs) > 0:
		return violationsError("VALIDATION_ERROR", "Invalid attribute values", c.vs)
	}
	return nil
}

// object reads a member object; nil when absent or not an object (then a
// violation, when it was there).
func (c *connectionChecker) object(raw json.RawMessage, field string) map[string]json.RawMessage {
	if raw == nil {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		c.wrongType(field, "an object")
		return nil
	}
	return obj
}

// str reads a string; "" and false when absent or not a string.
func (c *connectionChecker) str(obj map[string]json.RawMessage, key, field string) (string, bool) {
	raw, ok := obj[key]
	if !ok || isNull(raw) {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		c.wrongType(field, "a string")
		return "", false
	}
	return s, true
}

// required reads a string that must be there and not empty.
func (c *connectionChecker) required(obj map[string]json.RawMessage, key, field string) (string, bool) {
	wrong := len(c.typeVs)
	s, ok := c.str(obj, key, field)
	if len(c.typeVs) > wrong {
		return "", false
	}
	if !ok || s == "" {
		if _, there := obj[key]; !there || !ok {
			c.add(field, "is required")
		} else {
			c.add(field, "must not be empty")
		}
		return "", false
	}
	return s, true
}

// enum reads a string that, when there, must be one of values.
func (c *connectionChecker) enum(obj map[string]json.RawMessage, key, field string, values []string, required bool) (string, bool) {
	var s string
	var ok bool
	if required {
		s, ok = c.required(obj, key, field)
	} else {
		s, ok = c.str(obj, key, field)
	}
	if ok && !slices.Contains(values, s) {
		c.add(field, "%q is not valid; allowed values are %s", s, quoteList(values))
		return s, false
	}
	return s, ok
}

// stringMap checks a flat string-to-string map.
func (c *connectionChecker) stringMap(raw json.RawMessage, field string) {
	if raw == nil {
		return
	}
	var m map[string]string
	if json.Unmarshal(raw, &m) != nil {
		c.wrongType(field, "an object of strings")
	}
}

// networking checks a networking or publicPrivateNetworking member.
func (c *connectionChecker) networking(raw json.RawMessage, field string, types []string) {
	obj := c.object(raw, field)
	if obj == nil {
		return
	}
	access := c.object(obj["access"], field+".access")
	if access == nil {
		if _, ok := obj["access"]; !ok {
			c.add(field+".access", "is required")
		}
		return
	}
	typ, _ := c.enum(access, "type", field+".access.type", types, true)
	id, hasID := c.str(access, "connectionId", field+".access.connectionId")
	switch {
	case hasID && !hex24.MatchString(id):
		c.add(field+".access.connectionId", "%q must be 24 lower-case hexadecimal characters", id)
	case typ == "PRIVATE_LINK" && !hasID:
		c.add(field+".access.connectionId", "is required when access.type is PRIVATE_LINK")
	case hasID && typ != "PRIVATE_LINK" && typ != "":
		c.add(field+".access.connectionId", "is allowed only when access.type is PRIVATE_LINK, not %s", typ)
	}
	tgw, hasTGW := c.str(access, "tgwRouteId", field+".access.tgwRouteId")
	switch {
	case hasTGW && !hex24.MatchString(tgw):
		c.add(field+".access.tgwRouteId", "%q must be 24 lower-case hexadecimal characters", tgw)
	case typ == "TRANSIT_GATEWAY" && !hasTGW:
		c.add(field+".access.tgwRouteId", "is required when access.type is TRANSIT_GATEWAY")
	}
	c.str(access, "name", field+".access.name")
}

// networkingMembers maps each type that has networking to its member;
// the other member on such a type is refused, so that a private
// connection never silently turns public.
var networkingMembers = map[string]string{
	"Kafka": "networking", "S3": "networking", "AWSKinesisDataStreams": "networking",
	"AWSLambda": "publicPrivateNetworking", "AzureBlobStorage": "publicPrivateNetworking", "GCPPubSub": "publicPrivateNetworking",
}

// wrongNetworking names the networking member of obj that the type does
// not take, or "".
func wrongNetworking(typ string, obj map[string]json.RawMessage) string {
	right, ok := networkingMembers[typ]
	if !ok {
		return ""
	}
	for _, m := range []string{"networking", "publicPrivateNetworking"} {
		if m != right && obj[m] != nil && !isNull(obj[m]) {
			return m
		}
	}
	return ""
}

// privateLinkOf returns the endpoint id a connection's members name with
// PRIVATE_LINK access and the field that names it, or "".
func privateLinkOf(typ string, members map[string]json.RawMessage) (id, field string) {
	m := networkingMembers[typ]
	if m == "" {
		return "", ""
	}
	return linkOf(Connection{Members: members}), m + ".access.connectionId"
}

// validateConnection applies the create rules to a whole connection, and
// returns what it found (see connectionChecker).
func (h *Handler) validateConnection(project Project, name, typ string, members map[string]json.RawMessage) *connectionChecker {
	c := &connectionChecker{}
	switch {
	case name == "":
		c.add("name", "is required: 1 to 64 letters, digits, underscores and hyphens")
	case strings.HasPrefix(name, "__"):
		c.add("name", "%q is reserved: names starting with __ belong to Atlas", name)
	case !connectionNamePattern.MatchString(name):
		c.add("name", "%q is not valid: it must start with a letter or digit and hold only letters, digits, underscores and hyphens, 1 to 64 characters", name)
	}
	if _, ok := connectionMembers[typ]; !ok {
		if typ == "" {
			c.add("type", "is required; allowed values are %s", quoteList(connectionTypes))
		} else {
			c.add("type", "%q is not valid; allowed values are %s", typ, quoteList(connectionTypes))
		}
		return c
	}
	m := func(key string) map[string]json.RawMessage { return c.object(members[key], key) }
	switch typ {
	case "Sample":
		if name != "" && name != solarSource {
			c.add("name", "%q is not a sample source; allowed values are %s", name, solarSource)
		}
	case "Cluster":
		cluster, ok := c.required(members, "clusterName", "clusterName")
		switch {
		case ok && !namePattern.MatchString(cluster):
			c.add("clusterName", "%q is not a valid cluster name", cluster)
		case ok && len(project.Clusters) > 0 && !slices.Contains(project.clusterNames(), cluster):
			c.add("clusterName", "%q is not a cluster of project %s; its clusters are %s", cluster, project.ID, quoteList(project.clusterNames()))
		}
		if g, ok := c.str(members, "clusterGroupId", "clusterGroupId"); ok && !hex24.MatchString(g) {
			c.add("clusterGroupId", "%q must be 24 lower-case hexadecimal characters", g)
		}
		if role := m("dbRoleToExecute"); role != nil {
			c.required(role, "role", "dbRoleToExecute.role")
			c.enum(role, "type", "dbRoleToExecute.type", roleTypes, true)
		}
	case "Kafka":
		c.required(members, "bootstrapServers", "bootstrapServers")
		protocol := ""
		if sec := m("security"); sec != nil {
			protocol, _ = c.enum(sec, "protocol", "security.protocol", kafkaProtocols, false)
		}
		c.kafkaAuthentication(m("authentication"), protocol)
		c.stringMap(members["config"], "config")
		if members["networking"] != nil {
			c.networking(members["networking"], "networking", accessTypes)
		}
	case "Https":
		if u, ok := c.required(members, "url", "url"); ok && !httpURL(u) {
			c.add("url", "%q must be an http or https URL", u)
		}
		c.stringMap(members["headers"], "headers")
	case "AWSLambda", "S3", "AWSKinesisDataStreams":
		aws := m("aws")
		if aws == nil {
			if members["aws"] == nil {
				c.add("aws", "is required, with roleArn")
			}
		} else {
			c.required(aws, "roleArn", "aws.roleArn")
			if typ == "S3" {
				c.str(aws, "testBucket", "aws.testBucket")
			}
		}
		if typ == "AWSLambda" {
			if members["publicPrivateNetworking"] != nil {
				c.networking(members["publicPrivateNetworking"], "publicPrivateNetworking", lambdaAccessTypes)
			}
		} else if members["networking"] != nil {
			c.networking(members["networking"], "networking", accessTypes)
		}
	case "SchemaRegistry":
		c.enum(members, "provider", "provider", registryProviders, true)
		c.registryURLs(members["schemaRegistryUrls"])
		auth := m("schemaRegistryAuthentication")
		if auth == nil {
			if members["schemaRegistryAuthentication"] == nil {
				c.add("schemaRegistryAuthentication", "is required, with type")
			}
		} else if t, _ := c.enum(auth, "type", "schemaRegistryAuthentication.type", registryAuthTypes, true); t == "USER_INFO" {
			c.required(auth, "username", "schemaRegistryAuthentication.username")
			c.required(auth, "password", "schemaRegistryAuthentication.password")
		}
	case "AzureBlobStorage":
		if az := m("azure"); az != nil {
			c.required(az, "servicePrincipalId", "azure.servicePrincipalId")
			c.required(az, "storageAccountName", "azure.storageAccountName")
		} else if members["azure"] == nil {
			c.add("azure", "is required, with servicePrincipalId and storageAccountName")
		}
	case "GCPPubSub":
		if g := m("gcp"); g != nil {
			c.required(g, "serviceAccountId", "gcp.serviceAccountId")
		} else if members["gcp"] == nil {
			c.add("gcp", "is required, with serviceAccountId")
		}
	}
	if typ == "AzureBlobStorage" || typ == "GCPPubSub" {
		if members["publicPrivateNetworking"] != nil {
			c.networking(members["publicPrivateNetworking"], "publicPrivateNetworking", lambdaAccessTypes)
		}
	}
	return c
}

// kafkaAuthentication checks a Kafka authentication against the security
// protocol: SASL mechanisms with their members, AWS_MSK_IAM with an IAM
// role over SASL_SSL, and mTLS (protocol SSL) with a certificate and key
// and no mechanism.
func (c *connectionChecker) kafkaAuthentication(auth map[string]json.RawMessage, protocol string) {
	sslMembers := []string{"sslCertificate", "sslKey", "sslKeyPassword"}
	if protocol == "SSL" {
		if auth == nil {
			c.add("authentication", "is required with security.protocol SSL: sslCertificate and sslKey")
			return
		}
		if _, ok := auth["mechanism"]; ok {
			c.add("authentication.mechanism", "must not be set with security.protocol SSL: mutual TLS takes sslCertificate and sslKey")
		}
		c.required(auth, "sslCertificate", "authentication.sslCertificate")
		c.required(auth, "sslKey", "authentication.sslKey")
		c.str(auth, "sslKeyPassword", "authentication.sslKeyPassword")
		return
	}
	if auth == nil {
		return
	}
	for _, k := range sslMembers {
		if _, ok := auth[k]; ok {
			c.add("authentication."+k, "is allowed only with security.protocol SSL (mutual TLS)")
		}
	}
	mech, _ := c.enum(auth, "mechanism", "authentication.mechanism", kafkaMechanisms, false)
	switch mech {
	case "PLAIN", "SCRAM-256", "SCRAM-512":
		c.required(auth, "username", "authentication.username")
		c.required(auth, "password", "authentication.password")
	case "OAUTHBEARER":
		c.enum(auth, "method", "authentication.method", []string{"OIDC"}, true)
		c.required(auth, "tokenEndpointUrl", "authentication.tokenEndpointUrl")
		c.required(auth, "clientId", "authentication.clientId")
		c.required(auth, "clientSecret", "authentication.clientSecret")
	case "AWS_MSK_IAM":
		for _, k := range []string{"username", "password"} {
			if _, ok := auth[k]; ok {
				c.add("authentication."+k, "must not be set with mechanism AWS_MSK_IAM: it authenticates with aws.roleArn")
			}
		}
		if aws := c.object(auth["aws"], "authentication.aws"); aws != nil {
			if arn, ok := c.required(aws, "roleArn", "authentication.aws.roleArn"); ok && !iamRoleARN.MatchString(arn) {
				c.add("authentication.aws.roleArn", "%q is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)", arn)
			}
		} else if auth["aws"] == nil {
			c.add("authentication.aws", "is required with mechanism AWS_MSK_IAM, with roleArn")
		}
		if protocol != "SASL_SSL" {
			c.add("security.protocol", "must be SASL_SSL with mechanism AWS_MSK_IAM, got %q", protocol)
		}
	}
	if _, ok := auth["aws"]; ok && mech != "AWS_MSK_IAM" {
		c.add("authentication.aws", "is allowed only with mechanism AWS_MSK_IAM")
	}
}

// registryURLs checks schemaRegistryUrls: 1 to 10 unique http or https URLs.
func (c *connectionChecker) registryURLs(raw json.RawMessage) {
	if raw == nil {
		c.add("schemaRegistryUrls", "is required: 1 to 10 http or https URLs")
		return
	}
	var urls []string
	if json.Unmarshal(raw, &urls) != nil {
		c.wrongType("schemaRegistryUrls", "an array of strings")
		return
	}
	if len(urls) < 1 || len(urls) > 10 {
		c.add("schemaRegistryUrls", "must hold 1 to 10 URLs, got %d", len(urls))
	}
	seen := map[string]int{}
	for i, u := range urls {
		field := fmt.Sprintf("schemaRegistryUrls[%d]", i)
		if !httpURL(u) {
			c.add(field, "%q must be an http or https URL", u)
		}
		if j, dup := seen[u]; dup {
			c.add(field, "%q is already schemaRegistryUrls[%d]", u, j)
		}
		seen[u] = i
	}
}

// httpURL reports whether s is an absolute http or https URL with a host.
func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// withDefaults adds what the API adds to a new connection: PUBLIC
// networking for Kafka, and empty headers for Https.
func withDefaults(typ string, members map[string]json.RawMessage) {
	switch typ {
	case "Kafka":
		if members["networking"] == nil {
			members["networking"] = json.RawMessage(`{"access":{"type":"PUBLIC"}}`)
		}
	case "Https":
		if members["headers"] == nil {
			members["headers"] = json.RawMessage(`{}`)
		}
	}
}

// errConnectionExists, errConnectionNotFound, errTenantGone and
// errConnectionDeploying are the outcomes of connection store changes.
var (
	errConnectionExists    = errors.New("connection exists")
	errConnectionNotFound  = errors.New("connection not found")
	errTenantGone          = errors.New("instance is being deleted")
	errConnectionDeploying = errors.New("connection is deploying")
)

// serveConnectionOp serves the operations under /connections.
func (h *Handler) serveConnectionOp(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	project := h.projects[rt.groupID]
	switch rt.op {
	case "connections.list":
		h.listConnections(w, r, rt, flags)
	case "connections.get":
		in, err := h.store.get(rt.groupID, rt.name)
		if err != nil {
			h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
			return
		}
		for i := range in.Connections {
			if in.Connections[i].Name == rt.child {
				h.write(w, http.StatusOK, h.connectionJSON(r, in, &in.Connections[i], true), flags)
				return
			}
		}
		h.writeError(w, r, connectionNotFoundError(rt.groupID, rt.name, rt.child), flags.envelope)
	case "connections.create":
		h.createConnection(w, r, rt, flags, project)
	case "connections.update":
		h.updateConnection(w, r, rt, flags, project)
	case "connections.delete":
		h.deleteConnection(w, r, rt, flags)
	}
}

func connectionNotFoundError(groupID, tenant, name string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME",
		fmt.Sprintf("Stream connection with name %s for project %s and name %s not found.", name, groupID, tenant), name, groupID, tenant)
}

// pagination reads itemsPerPage and pageNum (defaults 100 and 1, 1..500
// and at least 1); a bad value is a 400 VALIDATION_ERROR naming it.
func pagination(q url.Values) (perPage, pageNum int, e *apiError) {
	var vs []fieldViolation
	read := func(name string, def, lo, hi int) int {
		v := q.Get(name)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || (hi > 0 && n > hi) {
			limit := fmt.Sprintf("at least %d", lo)
			if hi > 0 {
				limit = fmt.Sprintf("from %d to %d", lo, hi)
			}
			vs = append(vs, fieldViolation{name, fmt.Sprintf("query parameter %s must be an integer %s, got %q", name, limit, v)})
		}
		return n
	}
	perPage, pageNum = read("itemsPerPage", 100, 1, 500), read("pageNum", 1, 1, 0)
	if len(vs) > 0 {
		return 0, 0, violationsError("VALIDATION_ERROR", "Invalid query parameters", vs)
	}
	return perPage, pageNum, nil
}

// pageBounds returns the slice bounds of a page of n items, safe for any
// page number.
func pageBounds(n, perPage, pageNum int) (int, int) {
	if pageNum-1 > n/perPage {
		return n, n
	}
	start := min((pageNum-1)*perPage, n)
	return start, min(start+perPage, n)
}

// pageLinks are the self and next links of a page under path.
func pageLinks(r *http.Request, path string, perPage, pageNum, total int) []linkJSON {
	link := func(n int) string {
		return fmt.Sprintf("%s%s?itemsPerPage=%d&pageNum=%d", baseURL(r), path, perPage, n)
	}
	links := []linkJSON{{Href: link(pageNum), Rel: "self"}}
	if pageNum < (total+perPage-1)/perPage {
		links = append(links, linkJSON{Href: link(pageNum + 1), Rel: "next"})
	}
	return links
}

// rawPageJSON is a page of objects already rendered.
type rawPageJSON struct {
	Status     *int              `json:"status,omitempty"`
	Results    []json.RawMessage `json:"results"`
	TotalCount *int              `json:"totalCount,omitempty"`
	Links      []linkJSON        `json:"links"`
}

func (h *Handler) listConnections(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	perPage, pageNum, e := pagination(r.URL.Query())
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	in, err := h.store.get(rt.groupID, rt.name)
	if err != nil {
		h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
		return
	}
	total := len(in.Connections)
	start, end := pageBounds(total, perPage, pageNum)
	page := &rawPageJSON{Results: make([]json.RawMessage, 0, end-start), TotalCount: &total,
		Links: pageLinks(r, fmt.Sprintf("/api/atlas/v2/groups/%s/streams/%s/connections", rt.groupID, rt.name), perPage, pageNum, total)}
	for i := start; i < end; i++ {
		page.Results = append(page.Results, h.connectionJSON(r, in, &in.Connections[i], true))
	}
	h.write(w, http.StatusOK, page, flags)
}

// writeUnder applies change to an instance that takes writes: one that
// exists and is not being deleted.
func (h *Handler) writeUnder(rt route, change func(*Instance) error) (*Instance, error) {
	return h.store.update(rt.groupID, rt.name, func(in *Instance) error {
		if in.DeleteAt != nil {
			return errTenantGone
		}
		return change(in)
	})
}

// connectionWriteError answers the error of a connection write.
func (h *Handler) connectionWriteError(w http.ResponseWriter, r *http.Request, rt route, name string, err error, flags queryFlags) {
	var invalid errInvalid
	switch {
	case errors.As(err, &invalid):
		h.writeError(w, r, invalid.e, flags.envelope)
	case errors.Is(err, errNotFound), errors.Is(err, errTenantGone):
		h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
	case errors.Is(err, errConnectionNotFound):
		h.writeError(w, r, connectionNotFoundError(rt.groupID, rt.name, name), flags.envelope)
	case errors.Is(err, errConnectionExists):
		h.writeError(w, r, newAPIError(http.StatusConflict, "STREAM_CONNECTION_NAME_ALREADY_EXISTS",
			fmt.Sprintf("A Stream connection with the name %s already exists.", name), name), flags.envelope)
	case errors.Is(err, errConnectionDeploying):
		h.writeError(w, r, newAPIError(http.StatusConflict, "STREAM_KAFKA_CONNECTION_IS_DEPLOYING",
			fmt.Sprintf("Stream Kafka connection %s is currently deploying. Please retry the request later.", name), name), flags.envelope)
	default:
		h.storageError(w, r, err, flags)
	}
}

// pendingUntil is when a Kafka or Private Link connection written now
// becomes READY.
func (h *Handler) pendingUntil(typ string, members map[string]json.RawMessage) *time.Time {
	if h.opts.ConnectionPending <= 0 {
		return nil
	}
	if id, _ := privateLinkOf(typ, members); typ != "Kafka" && id == "" {
		return nil
	}
	t := h.opts.Now().Add(h.opts.ConnectionPending)
	return &t
}

func (h *Handler) createConnection(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags, project Project) {
	body, e := readBody(w, r)
	var req *connectionRequest
	if e == nil {
		req, e = decodeConnection(body, "")
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	name, typ := deref(req.Name), deref(req.Type)
	checked := h.validateConnection(project, name, typ, req.Members)
	if req.WrongNetworking != "" {
		checked.add(req.WrongNetworking, "does not belong to type %s: it takes %s", typ, networkingMembers[typ])
	}
	if e := checked.refusal(); e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	withDefaults(typ, req.Members)
	c := Connection{ID: h.newObjectID(), Name: name, Type: typ, Region: deref(req.Region), Members: req.Members, PendingUntil: h.pendingUntil(typ, req.Members)}
	in, err := h.writeUnder(rt, func(in *Instance) error {
		if slices.ContainsFunc(in.Connections, func(x Connection) bool { return x.Name == name }) {
			return errConnectionExists
		}
		if id, field := privateLinkOf(typ, c.Members); id != "" {
			if e := h.linkForConnection(rt.groupID, typ, id, field); e != nil {
				return errInvalid{e}
			}
		}
		if c.Region == "" && typ == "Kafka" && len(in.FailoverRegions) > 0 {
			// Atlas assigns the primary region to a Kafka connection of an
			// instance that can fail over.
			c.Region = in.Region
		}
		in.Connections = append(in.Connections, c)
		return nil
	})
	if err != nil {
		h.connectionWriteError(w, r, rt, name, err, flags)
		return
	}
	h.write(w, http.StatusOK, h.connectionJSON(r, in, &in.Connections[len(in.Connections)-1], true), flags)
}

func (h *Handler) updateConnection(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags, project Project) {
	body, e := readBody(w, r)
	if e == nil {
		_, e = decodeObject(body)
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	var index int
	in, err := h.writeUnder(rt, func(in *Instance) error {
		index = slices.IndexFunc(in.Connections, func(x Connection) bool { return x.Name == rt.child })
		if index < 0 {
			return errConnectionNotFound
		}
		cur := &in.Connections[index]
		req, e := decodeConnection(body, cur.Type)
		if e != nil {
			return errInvalid{e}
		}
		var vs []fieldViolation
		if req.WrongNetworking != "" {
			vs = append(vs, fieldViolation{req.WrongNetworking, fmt.Sprintf("%s does not belong to type %s: it takes %s", req.WrongNetworking, cur.Type, networkingMembers[cur.Type])})
		}
		if req.Name != nil && *req.Name != cur.Name {
			vs = append(vs, fieldViolation{"name", fmt.Sprintf("name %q must be the connection's own, %q: a connection cannot be renamed", *req.Name, cur.Name)})
		}
		if req.Type != nil && *req.Type != cur.Type {
			vs = append(vs, fieldViolation{"type", fmt.Sprintf("type %q must be the connection's own, %q: a connection cannot change its type", *req.Type, cur.Type)})
		}
		next := cur.clone()
		if next.Members == nil {
			next.Members = map[string]json.RawMessage{}
		}
		for k, v := range req.Members {
			if k == "networking" || k == "publicPrivateNetworking" {
				if cur.Members[k] != nil && !sameAccess(cur.Members[k], v) {
					vs = append(vs, fieldViolation{"networking", k + ".access cannot change: create a new connection instead"})
					continue
				}
			}
			next.Members[k] = keepSecrets(k, cur.Members[k], v)
		}
		if req.Region != nil {
			next.Region = *req.Region
		}
		checked := h.validateConnection(project, next.Name, next.Type, next.Members)
		checked.vs = append(vs, checked.vs...)
		if e := checked.refusal(); e != nil {
			return errInvalid{e}
		}
		next.PendingUntil = h.pendingUntil(next.Type, next.Members)
		in.Connections[index] = next
		return nil
	})
	if err != nil {
		h.connectionWriteError(w, r, rt, rt.child, err, flags)
		return
	}
	h.write(w, http.StatusOK, h.connectionJSON(r, in, &in.Connections[index], true), flags)
}

// sameAccess reports whether two networking members have the same access.
func sameAccess(a, b json.RawMessage) bool {
	var x, y struct {
		Access any `json:"access"`
	}
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x.Access, y.Access)
}

// keepSecrets returns a member sent in a PATCH with the stored secrets it
// leaves out put back, so that a PATCH need not resend them.
func keepSecrets(member string, stored, sent json.RawMessage) json.RawMessage {
	secrets := secretMembers[member]
	if len(secrets) == 0 || stored == nil {
		return sent
	}
	var old, next map[string]json.RawMessage
	if json.Unmarshal(stored, &old) != nil || json.Unmarshal(sent, &next) != nil || next == nil {
		return sent
	}
	for _, s := range secrets {
		if _, ok := next[s]; !ok && old[s] != nil {
			next[s] = old[s]
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(next) != nil {
		return sent
	}
	return bytes.TrimSpace(buf.Bytes())
}

func (h *Handler) deleteConnection(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	_, err := h.writeUnder(rt, func(in *Instance) error {
		i := slices.IndexFunc(in.Connections, func(x Connection) bool { return x.Name == rt.child })
		if i < 0 {
			return errConnectionNotFound
		}
		if h.connectionState(&in.Connections[i]) == "PENDING" {
			return errConnectionDeploying
		}
		if users := in.processorsUsing(rt.child); len(users) > 0 {
			return errInvalid{newAPIError(http.StatusConflict, "STREAM_CONNECTION_IN_USE",
				fmt.Sprintf("Stream connection %s is used by the stream processors %s; delete or change them first.", rt.child, quoteList(users)),
				append([]string{rt.child}, users...)...)}
		}
		in.Connections = slices.Delete(in.Connections, i, i+1)
		return nil
	})
	if err != nil {
		h.connectionWriteError(w, r, rt, rt.child, err, flags)
		return
	}
	h.write(w, http.StatusAccepted, nil, flags)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Connections returns an instance's connections as stored, secrets
// included, in creation order; nil when there is no such instance. For
// tests that check what reached the API.
func (h *Handler) Connections(groupID, instance string) []Connection {
	in, err := h.store.get(groupID, instance)
	if err != nil {
		return nil
	}
	return in.Connections
}

// Member decodes one member of a stored connection into v (secrets
// included); false when the connection has no such member.
func (c Connection) Member(name string, v any) bool {
	raw, ok := c.Members[name]
	return ok && json.Unmarshal(raw, v) == nil
}

// SeedConnection adds a connection to an instance straight into the store,
// secrets included, as the API's create would store it but without its
// checks: for tests that adopt a connection made elsewhere.
func (h *Handler) SeedConnection(groupID, instance string, body []byte) error {
	req, e := decodeConnection(body, "")
	if e != nil {
		return errors.New(e.Detail)
	}
	c := Connection{ID: h.newObjectID(), Name: deref(req.Name), Type: deref(req.Type), Region: deref(req.Region), Members: req.Members}
	withDefaults(c.Type, c.Members)
	_, err := h.store.update(groupID, instance, func(in *Instance) error {
		in.Connections = append(in.Connections, c)
		return nil
	})
	return err
}
