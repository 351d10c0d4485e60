package atlasmock

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"
)

// PrivateLink is a stored Private Link endpoint (a "Private Link
// connection" of the API) of a project.
type PrivateLink struct {
	ID                       string    `json:"_id"`
	GroupID                  string    `json:"groupId"`
	Provider                 string    `json:"provider"`
	Vendor                   string    `json:"vendor"`
	Region                   string    `json:"region,omitempty"`
	ServiceEndpointID        string    `json:"serviceEndpointId,omitempty"`
	ARN                      string    `json:"arn,omitempty"`
	DNSDomain                string    `json:"dnsDomain,omitempty"`
	DNSSubDomain             *[]string `json:"dnsSubDomain,omitempty"`
	AzureResourceIDs         *[]string `json:"azureResourceIds,omitempty"`
	GCPServiceAttachmentURIs *[]string `json:"gcpServiceAttachmentUris,omitempty"`
	GCPConnectionIDs         *[]string `json:"gcpConnectionIds,omitempty"`
	AuthenticationScheme     string    `json:"authenticationScheme,omitempty"`
	InterfaceEndpointID      string    `json:"interfaceEndpointId,omitempty"`
	InterfaceEndpointName    string    `json:"interfaceEndpointName,omitempty"`
	ProviderAccountID        string    `json:"providerAccountId,omitempty"`
	Seq                      uint64    `json:"seq"`
	// IdleUntil and DoneAt are the timeline of the last create or PATCH:
	// IDLE before IdleUntil, WORKING before DoneAt, then DONE.
	IdleUntil time.Time `json:"idleUntil"`
	DoneAt    time.Time `json:"doneAt"`
	// AwaitDomain keeps an AWS Confluent endpoint created without
	// dnsDomain WORKING until a PATCH sets it.
	AwaitDomain bool `json:"awaitDomain,omitempty"`
	// Failure, when set, is the errorMessage of a FAILED endpoint.
	Failure *string `json:"failure,omitempty"`
	// DeletingFrom and GoneAt are set once a DELETE was accepted:
	// DELETE_REQUESTED before DeletingFrom, DELETING before GoneAt, then 404.
	DeletingFrom *time.Time `json:"deletingFrom,omitempty"`
	GoneAt       *time.Time `json:"goneAt,omitempty"`
}

func (l *PrivateLink) clone() *PrivateLink {
	c := *l
	return &c
}

// state is the endpoint's state at now (never DELETED: a deleted endpoint
// is gone).
func (l *PrivateLink) state(now time.Time) string {
	switch {
	case l.Failure != nil:
		return "FAILED"
	case l.GoneAt != nil && now.Before(*l.DeletingFrom):
		return "DELETE_REQUESTED"
	case l.GoneAt != nil:
		return "DELETING"
	case l.AwaitDomain:
		return "WORKING"
	case now.Before(l.IdleUntil):
		return "IDLE"
	case now.Before(l.DoneAt):
		return "WORKING"
	}
	return "DONE"
}

// deleting reports whether a DELETE was accepted.
func (l *PrivateLink) deleting() bool { return l.GoneAt != nil }

// json renders the endpoint as GET returns it: the interface endpoint's
// members from WORKING on, errorMessage only while FAILED, no links.
func (l *PrivateLink) json(now time.Time) map[string]any {
	state := l.state(now)
	out := map[string]any{"_id": l.ID, "provider": l.Provider, "vendor": l.Vendor, "state": state}
	for k, v := range map[string]string{
		"region": l.Region, "serviceEndpointId": l.ServiceEndpointID, "arn": l.ARN, "dnsDomain": l.DNSDomain,
		"authenticationScheme": l.AuthenticationScheme,
	} {
		if v != "" {
			out[k] = v
		}
	}
	for k, v := range map[string]*[]string{
		"dnsSubDomain": l.DNSSubDomain, "azureResourceIds": l.AzureResourceIDs,
		"gcpServiceAttachmentUris": l.GCPServiceAttachmentURIs, "gcpConnectionIds": l.GCPConnectionIDs,
	} {
		if v != nil {
			out[k] = append([]string{}, (*v)...)
		}
	}
	if state != "IDLE" {
		out["interfaceEndpointId"], out["interfaceEndpointName"], out["providerAccountId"] = l.InterfaceEndpointID, l.InterfaceEndpointName, l.ProviderAccountID
	}
	if state == "FAILED" {
		out["errorMessage"] = *l.Failure
	}
	return out
}

// Vendors per provider, and the vendors a connection type may use.
var (
	linkProviders = []string{"AWS", "AZURE", "GCP"}
	linkVendors   = map[string][]string{
		"AWS":   {"MSK", "CONFLUENT", "S3", "LAMBDA", "KINESIS", "GENERIC"},
		"AZURE": {"EVENTHUB", "CONFLUENT", "AZURE_BLOB_STORAGE", "GENERIC"},
		"GCP":   {"CONFLUENT", "PUBSUB"},
	}
	linkAuthSchemes = []string{"TLS", "SASL_SCRAM", "IAM"}
	vendorsForType  = map[string][]string{
		"Kafka": {"MSK", "CONFLUENT", "EVENTHUB", "GENERIC"}, "S3": {"S3"}, "AWSKinesisDataStreams": {"KINESIS"},
		"AWSLambda": {"LAMBDA"}, "AzureBlobStorage": {"AZURE_BLOB_STORAGE"}, "GCPPubSub": {"PUBSUB"},
	}
	mskARN          = regexp.MustCompile(`^arn:aws:kafka:([a-z0-9-]+):`)
	eventHubID      = regexp.MustCompile(`/[Mm]icrosoft\.[Ee]vent[Hh]ub/namespaces/[^/]+$`)
	blobStorageID   = regexp.MustCompile(`/[Mm]icrosoft\.[Ss]torage/storageAccounts/([^/]+)$`)
	errLinkNotFound = errors.New("private link endpoint not found")
)

// linkRequest is a decoded create body; empty strings count as absent.
type linkRequest struct {
	Provider, Vendor, Region, ServiceEndpointID, ARN, DNSDomain, AuthenticationScheme string
	DNSSubDomain, AzureResourceIDs, GCPServiceAttachmentURIs, GCPConnectionIDs        *[]string
}

// decodeLink decodes a create body; read-only members are ignored.
func decodeLink(data []byte) (*linkRequest, *apiError) {
	obj, e := decodeObject(data)
	if e != nil {
		return nil, e
	}
	var tc typeChecker
	s := func(key string) string { return deref(tc.str(obj, key, key)) }
	list := func(key string) *[]string {
		raw, ok := obj[key]
		if !ok || isNull(raw) {
			return nil
		}
		var v []string
		if json.Unmarshal(raw, &v) != nil {
			tc.wrong(key, "an array of strings")
			return nil
		}
		if v == nil {
			v = []string{}
		}
		return &v
	}
	req := &linkRequest{
		Provider: strings.ToUpper(s("provider")), Vendor: strings.ToUpper(s("vendor")), Region: s("region"),
		ServiceEndpointID: s("serviceEndpointId"), ARN: s("arn"), DNSDomain: s("dnsDomain"), AuthenticationScheme: s("authenticationScheme"),
		DNSSubDomain: list("dnsSubDomain"), AzureResourceIDs: list("azureResourceIds"),
		GCPServiceAttachmentURIs: list("gcpServiceAttachmentUris"), GCPConnectionIDs: list("gcpConnectionIds"),
	}
	if len(tc.violations) > 0 {
		return nil, violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
	}
	return req, nil
}

// validateLink applies the contract's table of required members per
// provider and vendor; it fills the vendor's default.
func validateLink(req *linkRequest) *connectionChecker {
	c := &connectionChecker{}
	need := func(field, value, why string) {
		if value == "" {
			c.add(field, "is required for %s", why)
		}
	}
	absent := func(field, value, why string) {
		if value != "" {
			c.add(field, "must not be set for %s", why)
		}
	}
	if !slices.Contains(linkProviders, req.Provider) {
		if req.Provider == "" {
			c.add("provider", "is required; allowed values are %s", quoteList(linkProviders))
		} else {
			c.add("provider", "%q is not valid; allowed values are %s", req.Provider, quoteList(linkProviders))
		}
		return c
	}
	if req.Vendor == "" {
		req.Vendor = "GENERIC"
	}
	if !slices.Contains(linkVendors[req.Provider], req.Vendor) {
		c.add("vendor", "%q is not valid for provider %s; allowed values are %s", req.Vendor, req.Provider, quoteList(linkVendors[req.Provider]))
		return c
	}
	pair := "provider " + req.Provider + " and vendor " + req.Vendor
	if len(req.Region) > 64 {
		c.add("region", "must be at most 64 characters")
	}
	if req.Vendor != "MSK" {
		absent("arn", req.ARN, pair+": only vendor MSK takes an ARN")
		absent("authenticationScheme", req.AuthenticationScheme, pair+": only vendor MSK takes an authentication scheme")
	}
	if req.Provider != "GCP" {
		if req.GCPServiceAttachmentURIs != nil {
			c.add("gcpServiceAttachmentUris", "must not be set for provider %s: only GCP takes service attachment URIs", req.Provider)
		}
		if req.GCPConnectionIDs != nil {
			c.add("gcpConnectionIds", "must not be set for provider %s: only GCP takes connection ids", req.Provider)
		}
	}
	if req.Provider != "AZURE" && req.AzureResourceIDs != nil {
		c.add("azureResourceIds", "must not be set for provider %s: only AZURE takes resource ids", req.Provider)
	}
	c.uniqueList("gcpServiceAttachmentUris", req.GCPServiceAttachmentURIs, 3)
	c.uniqueList("gcpConnectionIds", req.GCPConnectionIDs, 3)
	c.uniqueList("azureResourceIds", req.AzureResourceIDs, 3)
	exactlyOne := func(listField string, list *[]string) {
		switch {
		case list != nil && req.ServiceEndpointID != "":
			c.add("serviceEndpointId", "must not be set together with %s for %s: give exactly one of them", listField, pair)
		case list == nil && req.ServiceEndpointID == "":
			c.add("serviceEndpointId", "is required for %s unless %s is set: give exactly one of them", pair, listField)
		}
	}
	switch req.Provider + "/" + req.Vendor {
	case "AWS/MSK":
		absent("region", req.Region, "vendor MSK: Atlas derives it from the arn")
		if req.ARN == "" {
			c.add("arn", "is required for vendor MSK: the ARN of the MSK cluster (arn:aws:kafka:<region>:…)")
		} else if !mskARN.MatchString(req.ARN) {
			c.add("arn", "%q is not an MSK cluster ARN: it must start with arn:aws:kafka:<region>:", req.ARN)
		}
		if req.AuthenticationScheme != "" && !slices.Contains(linkAuthSchemes, req.AuthenticationScheme) {
			c.add("authenticationScheme", "%q is not valid; allowed values are %s", req.AuthenticationScheme, quoteList(linkAuthSchemes))
		}
	case "AWS/CONFLUENT":
		need("region", req.Region, pair)
		need("serviceEndpointId", req.ServiceEndpointID, pair)
	case "AWS/S3", "AWS/LAMBDA":
		need("region", req.Region, pair)
		want := "com.amazonaws." + req.Region + "." + strings.ToLower(req.Vendor)
		if req.ServiceEndpointID == "" {
			c.add("serviceEndpointId", "is required for %s: %s", pair, want)
		} else if req.Region != "" && req.ServiceEndpointID != want {
			c.add("serviceEndpointId", "%q must be %s for %s in region %s", req.ServiceEndpointID, want, pair, req.Region)
		}
	case "AWS/KINESIS", "GCP/PUBSUB":
		need("region", req.Region, pair)
		if req.Vendor == "PUBSUB" {
			absent("dnsDomain", req.DNSDomain, pair+": Atlas computes it")
		}
	case "AZURE/EVENTHUB":
		need("region", req.Region, pair)
		need("dnsDomain", req.DNSDomain, pair)
		if req.ServiceEndpointID == "" {
			c.add("serviceEndpointId", "is required for %s: the Event Hubs namespace's resource id", pair)
		} else if !eventHubID.MatchString(req.ServiceEndpointID) {
			c.add("serviceEndpointId", "%q is not an Event Hubs namespace resource id (…/Microsoft.EventHub/namespaces/{name})", req.ServiceEndpointID)
		}
	case "AZURE/CONFLUENT":
		need("region", req.Region, pair)
		need("dnsDomain", req.DNSDomain, pair)
		exactlyOne("azureResourceIds", req.AzureResourceIDs)
	case "AZURE/AZURE_BLOB_STORAGE":
		need("region", req.Region, pair)
		m := blobStorageID.FindStringSubmatch(req.ServiceEndpointID)
		switch {
		case req.ServiceEndpointID == "":
			c.add("serviceEndpointId", "is required for %s: the storage account's resource id", pair)
		case m == nil:
			c.add("serviceEndpointId", "%q is not a storage account resource id (…/Microsoft.Storage/storageAccounts/{account})", req.ServiceEndpointID)
		case req.DNSDomain != "" && req.DNSDomain != m[1]+".blob.core.windows.net":
			c.add("dnsDomain", "%q must be %s.blob.core.windows.net, the blob domain of the storage account", req.DNSDomain, m[1])
		}
		need("dnsDomain", req.DNSDomain, pair)
	case "GCP/CONFLUENT":
		need("region", req.Region, pair)
		need("dnsDomain", req.DNSDomain, pair)
		exactlyOne("gcpServiceAttachmentUris", req.GCPServiceAttachmentURIs)
	default: // AWS/GENERIC, AZURE/GENERIC
		need("region", req.Region, pair)
		need("serviceEndpointId", req.ServiceEndpointID, pair)
		need("dnsDomain", req.DNSDomain, pair)
	}
	return c
}

// uniqueList checks a list of 1 to max unique, non-empty strings.
func (c *connectionChecker) uniqueList(field string, list *[]string, most int) {
	if list == nil {
		return
	}
	if len(*list) < 1 || len(*list) > most {
		c.add(field, "must hold 1 to %d values, got %d", most, len(*list))
	}
	seen := map[string]bool{}
	for i, v := range *list {
		switch {
		case v == "":
			c.add(fmt.Sprintf("%s[%d]", field, i), "must not be empty")
		case seen[v]:
			c.add(fmt.Sprintf("%s[%d]", field, i), "%q is listed twice", v)
		}
		seen[v] = true
	}
}

// linkKey is what makes two endpoints duplicates.
func (l *PrivateLink) key() string {
	join := func(p *[]string) string {
		if p == nil {
			return ""
		}
		return strings.Join(*p, ",")
	}
	if l.Vendor == "KINESIS" || l.Vendor == "PUBSUB" {
		return strings.Join([]string{l.Provider, l.Vendor, l.Region}, "|")
	}
	return strings.Join([]string{l.Provider, l.Vendor, l.Region, l.ARN, l.ServiceEndpointID, join(l.GCPServiceAttachmentURIs), join(l.AzureResourceIDs)}, "|")
}

func linkNotFoundError(id string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_PRIVATE_LINK_NOT_FOUND",
		fmt.Sprintf("Private Link with connection ID (%s) not found.", id), id)
}

// serveLinkOp serves the operations under /streams/privateLinkConnections.
func (h *Handler) serveLinkOp(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	switch rt.op {
	case "privatelink.list":
		h.listLinks(w, r, rt, flags)
	case "privatelink.create":
		h.createLink(w, r, rt, flags)
	case "privatelink.get":
		var out map[string]any
		err := h.store.network(rt.groupID, false, func(n *projectNetwork) error {
			l := findLink(n, rt.child)
			if l == nil {
				return errLinkNotFound
			}
			out = l.json(h.opts.Now())
			return nil
		})
		if err != nil {
			h.writeError(w, r, linkNotFoundError(rt.child), flags.envelope)
			return
		}
		h.write(w, http.StatusOK, out, flags)
	case "privatelink.update":
		h.updateLink(w, r, rt, flags)
	case "privatelink.delete":
		h.deleteLink(w, r, rt, flags)
	}
}

func findLink(n *projectNetwork, id string) *PrivateLink {
	for _, l := range n.Links {
		if l.ID == id {
			return l
		}
	}
	return nil
}

func (h *Handler) listLinks(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	perPage, pageNum, e := pagination(r.URL.Query())
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	var page *rawPageJSON
	_ = h.store.network(rt.groupID, false, func(n *projectNetwork) error {
		total := len(n.Links)
		start, end := pageBounds(total, perPage, pageNum)
		page = &rawPageJSON{Results: make([]json.RawMessage, 0, end-start), TotalCount: &total,
			Links: pageLinks(r, fmt.Sprintf("/api/atlas/v2/groups/%s/streams/privateLinkConnections", rt.groupID), perPage, pageNum, total)}
		now := h.opts.Now()
		for _, l := range n.Links[start:end] {
			data, _ := json.Marshal(l.json(now))
			page.Results = append(page.Results, data)
		}
		return nil
	})
	h.write(w, http.StatusOK, page, flags)
}

// clusterPrecondition is the Atlas refusal of an endpoint on a cloud where
// the project has no cluster, when the config lists clusters by provider.
func clusterPrecondition(project Project, provider string) *apiError {
	withProvider := false
	for _, c := range project.Clusters {
		if c.Provider != "" {
			withProvider = true
			if strings.EqualFold(c.Provider, provider) {
				return nil
			}
		}
	}
	if !withProvider {
		return nil
	}
	name := map[string]string{"AWS": "AWS", "AZURE": "Azure", "GCP": "GCP"}[provider]
	sentence := fmt.Sprintf("You must have an Atlas Cluster on %s or %s Network Peering configured to create a Private Link connection.", name, name)
	return newAPIError(http.StatusBadRequest, "VALIDATION_ERROR", "The request content produced the validation error: "+sentence, sentence)
}

func (h *Handler) createLink(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	body, e := readBody(w, r)
	var req *linkRequest
	if e == nil {
		req, e = decodeLink(body)
	}
	if e == nil {
		e = validateLink(req).refusal()
	}
	if e == nil {
		e = clusterPrecondition(h.projects[rt.groupID], req.Provider)
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	now := h.opts.Now()
	d := h.opts.PrivateLinkDelay
	l := &PrivateLink{
		ID: h.newObjectID(), GroupID: rt.groupID, Provider: req.Provider, Vendor: req.Vendor, Region: req.Region,
		ServiceEndpointID: req.ServiceEndpointID, ARN: req.ARN, DNSDomain: req.DNSDomain, AuthenticationScheme: req.AuthenticationScheme,
		DNSSubDomain: req.DNSSubDomain, AzureResourceIDs: req.AzureResourceIDs, GCPServiceAttachmentURIs: req.GCPServiceAttachmentURIs,
		GCPConnectionIDs: req.GCPConnectionIDs, IdleUntil: now.Add(d / 2), DoneAt: now.Add(d),
		AwaitDomain:       req.Provider == "AWS" && req.Vendor == "CONFLUENT" && req.DNSDomain == "",
		ProviderAccountID: accountID(rt.groupID, strings.ToLower(req.Provider)),
	}
	if l.Vendor == "MSK" {
		l.Region = mskARN.FindStringSubmatch(l.ARN)[1]
		if l.AuthenticationScheme == "" {
			l.AuthenticationScheme = "SASL_SCRAM"
		}
	}
	h.computeInterface(l)
	var out map[string]any
	err := h.store.network(rt.groupID, true, func(n *projectNetwork) error {
		key := l.key()
		for _, x := range n.Links {
			if !x.deleting() && x.key() == key {
				return errInvalid{newAPIError(http.StatusBadRequest, "STREAM_PRIVATE_LINK_ALREADY_EXISTS",
					fmt.Sprintf("A Private Link connection for provider %s, vendor %s and these endpoint settings already exists: %s.", l.Provider, l.Vendor, x.ID), x.ID)}
			}
		}
		l.Seq = h.store.nextSeq()
		n.Links = append(n.Links, l)
		out = l.json(now)
		return nil
	})
	if err != nil {
		h.networkWriteError(w, r, err, flags)
		return
	}
	h.write(w, http.StatusOK, out, flags)
}

// computeInterface fills the members Atlas computes for an endpoint: the
// interface endpoint's id and name, and PUBSUB's DNS domain.
func (h *Handler) computeInterface(l *PrivateLink) {
	suffix := h.newObjectID()
	switch l.Provider {
	case "AWS":
		l.InterfaceEndpointID = "vpce-" + suffix[7:24]
		region := l.Region
		l.InterfaceEndpointName = l.InterfaceEndpointID + ".vpce-svc." + region + ".vpce.amazonaws.com"
	case "AZURE":
		l.InterfaceEndpointName = "pe-atlas-streams-" + suffix[16:24]
		l.InterfaceEndpointID = "/subscriptions/" + accountID(l.GroupID, "azure") + "/resourceGroups/atlas-streams/providers/Microsoft.Network/privateEndpoints/" + l.InterfaceEndpointName
	case "GCP":
		l.InterfaceEndpointID = "psc-" + suffix[16:24]
		l.InterfaceEndpointName = l.InterfaceEndpointID
		if l.Vendor == "PUBSUB" {
			l.DNSDomain = "pubsub-psc" + suffix[16:24] + ".p.googleapis.com"
		}
	}
}

func (h *Handler) networkWriteError(w http.ResponseWriter, r *http.Request, err error, flags queryFlags) {
	var invalid errInvalid
	if errors.As(err, &invalid) {
		h.writeError(w, r, invalid.e, flags.envelope)
		return
	}
	h.storageError(w, r, err, flags)
}

func (h *Handler) updateLink(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	body, e := readBody(w, r)
	var obj map[string]json.RawMessage
	if e == nil {
		obj, e = decodeObject(body)
	}
	var tc typeChecker
	domain := ""
	if e == nil {
		domain = deref(tc.str(obj, "dnsDomain", "dnsDomain"))
		if len(tc.violations) > 0 {
			e = violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
		} else if domain == "" {
			e = violationsError("VALIDATION_ERROR", "Invalid attribute values", []fieldViolation{{"dnsDomain", "dnsDomain is required: the only member a Private Link connection update takes"}})
		}
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	now := h.opts.Now()
	var out map[string]any
	err := h.store.network(rt.groupID, true, func(n *projectNetwork) error {
		l := findLink(n, rt.child)
		if l == nil {
			return errInvalid{linkNotFoundError(rt.child)}
		}
		if l.Provider != "AWS" || l.Vendor != "CONFLUENT" {
			return errInvalid{violationsError("VALIDATION_ERROR", "Invalid attribute values", []fieldViolation{{"dnsDomain",
				fmt.Sprintf("dnsDomain can be updated only on an AWS CONFLUENT Private Link connection; this one is %s %s", l.Provider, l.Vendor)}})}
		}
		state := l.state(now)
		if state == "FAILED" || l.deleting() || (l.DNSDomain != "" && state != "IDLE") {
			return errInvalid{newAPIError(http.StatusConflict, "STREAM_PRIVATE_LINK_UPDATE_NOT_ALLOWED",
				fmt.Sprintf("The dnsDomain of Private Link connection %s can be set only while it has none or is IDLE; it is %s.", l.ID, state), l.ID)}
		}
		l.DNSDomain, l.AwaitDomain = domain, false
		l.IdleUntil, l.DoneAt = now, now.Add(h.opts.PrivateLinkDelay)
		out = l.json(now)
		return nil
	})
	if err != nil {
		h.networkWriteError(w, r, err, flags)
		return
	}
	h.write(w, http.StatusOK, out, flags)
}

// linkUsers names the connections (instance/connection) of a project that
// use an endpoint.
func linkUsers(instances map[string]*Instance, id string) []string {
	var users []string
	for _, in := range instances {
		if in.DeleteAt != nil {
			continue
		}
		for _, c := range in.Connections {
			if linkOf(c) == id {
				users = append(users, in.Name+"/"+c.Name)
			}
		}
	}
	slices.Sort(users)
	return users
}

// linkOf is the endpoint id a connection's networking names, or "".
func linkOf(c Connection) string {
	for _, m := range []string{"networking", "publicPrivateNetworking"} {
		var n struct {
			Access struct {
				Type         string `json:"type"`
				ConnectionID string `json:"connectionId"`
			} `json:"access"`
		}
		if c.Member(m, &n) && n.Access.Type == "PRIVATE_LINK" {
			return n.Access.ConnectionID
		}
	}
	return ""
}

func (h *Handler) deleteLink(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	now := h.opts.Now()
	d := h.opts.PrivateLinkDelay
	err := h.store.network(rt.groupID, true, func(n *projectNetwork) error {
		i := slices.IndexFunc(n.Links, func(l *PrivateLink) bool { return l.ID == rt.child })
		if i < 0 {
			return errInvalid{linkNotFoundError(rt.child)}
		}
		l := n.Links[i]
		if l.deleting() {
			return nil
		}
		if users := linkUsers(n.Instances, l.ID); len(users) > 0 {
			e := newAPIError(http.StatusBadRequest, "STREAM_PRIVATE_LINK_IN_USE",
				fmt.Sprintf("Private Link with connection ID (%s) is in use.", l.ID), l.ID)
			e.Detail += " It is used by the stream connections " + quoteList(users) + "."
			return errInvalid{e}
		}
		if d <= 0 {
			n.Links = slices.Delete(n.Links, i, i+1)
			return nil
		}
		// A FAILED endpoint is deleted like any other: it shows the
		// deleting states, then is gone.
		from, gone := now.Add(d/2), now.Add(d)
		l.DeletingFrom, l.GoneAt, l.Failure = &from, &gone, nil
		return nil
	})
	if err != nil {
		h.networkWriteError(w, r, err, flags)
		return
	}
	h.write(w, http.StatusAccepted, map[string]any{}, flags)
}

// FailPrivateLink turns an endpoint FAILED with message (default "Injected
// failure"): the /_mock hook, for tests.
func (h *Handler) FailPrivateLink(groupID, id, message string) error {
	if message == "" {
		message = "Injected failure"
	}
	return h.store.network(groupID, true, func(n *projectNetwork) error {
		l := findLink(n, id)
		if l == nil {
			return errLinkNotFound
		}
		l.Failure = &message
		return nil
	})
}

// PrivateLinks returns a project's endpoints as stored, in creation order:
// for tests that check what reached the API.
func (h *Handler) PrivateLinks(groupID string) []PrivateLink {
	var out []PrivateLink
	_ = h.store.network(groupID, false, func(n *projectNetwork) error {
		for _, l := range n.Links {
			out = append(out, *l)
		}
		return nil
	})
	return out
}

// linkForConnection checks that a connection of type typ may use endpoint
// id: it exists, is DONE and its vendor fits the type. The caller holds the
// store's lock (it runs inside a store.update change).
func (h *Handler) linkForConnection(groupID, typ, id, field string) *apiError {
	l := h.store.linkLocked(groupID, id)
	bad := func(format string, args ...any) *apiError {
		return violationsError("VALIDATION_ERROR", "Invalid attribute values", []fieldViolation{{field, field + " " + fmt.Sprintf(format, args...)}})
	}
	switch {
	case l == nil:
		return bad("%q is not a Private Link connection of project %s", id, groupID)
	case l.state(h.opts.Now()) != "DONE":
		return bad("%q is a Private Link connection in state %s; it must be DONE", id, l.state(h.opts.Now()))
	case !slices.Contains(vendorsForType[typ], l.Vendor):
		return bad("%q is a %s Private Link connection; a %s connection needs vendor %s", id, l.Vendor, typ, quoteList(vendorsForType[typ]))
	}
	return nil
}

// SeedPrivateLink adds a DONE endpoint to a project straight into the
// store, after the create checks: for tests whose connections need an
// endpoint made elsewhere.
func (h *Handler) SeedPrivateLink(groupID, body string) (PrivateLink, error) {
	req, e := decodeLink([]byte(body))
	if e == nil {
		e = validateLink(req).refusal()
	}
	if e != nil {
		return PrivateLink{}, errors.New(e.Detail)
	}
	now := h.opts.Now()
	l := &PrivateLink{ID: h.newObjectID(), GroupID: groupID, Provider: req.Provider, Vendor: req.Vendor, Region: req.Region,
		ServiceEndpointID: req.ServiceEndpointID, ARN: req.ARN, DNSDomain: req.DNSDomain, IdleUntil: now, DoneAt: now,
		ProviderAccountID: accountID(groupID, strings.ToLower(req.Provider))}
	if l.Vendor == "MSK" {
		l.Region = mskARN.FindStringSubmatch(l.ARN)[1]
	}
	h.computeInterface(l)
	err := h.store.network(groupID, true, func(n *projectNetwork) error {
		l.Seq = h.store.nextSeq()
		n.Links = append(n.Links, l)
		return nil
	})
	return *l, err
}
