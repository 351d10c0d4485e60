package atlasmock

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"slices"
	"time"
)

// Peering is a stored incoming VPC peering request of a project.
type Peering struct {
	ID                 string    `json:"_id"`
	GroupID            string    `json:"groupId"`
	Name               string    `json:"name"`
	RequesterAccountID string    `json:"requesterAccountId"`
	RequesterVpcID     string    `json:"requesterVpcId"`
	RequesterCidr      string    `json:"requesterCidr"`
	RegionName         string    `json:"regionName"`
	AccepterAccountID  string    `json:"accepterAccountId"`
	AccepterVpcID      string    `json:"accepterVpcId"`
	AccepterCidr       string    `json:"accepterCidr"`
	ExpirationTime     time.Time `json:"expirationTime"`
	Seq                uint64    `json:"seq"`
	// Action is the last action taken ("", accept, reject or delete), at
	// ActionAt; it plays out over ActionEnd.
	Action    string    `json:"action,omitempty"`
	ActionAt  time.Time `json:"actionAt"`
	ActionEnd time.Time `json:"actionEnd"`
	// StatusMessage, when set, marks the peering UPDATE_FAILED.
	StatusMessage string `json:"statusMessage,omitempty"`
	// GoneAt is when a rejected or deleted peering disappears.
	GoneAt *time.Time `json:"goneAt,omitempty"`
}

func (p *Peering) clone() *Peering {
	c := *p
	return &c
}

// status returns localStatus and cloudStatus at now.
func (p *Peering) status(now time.Time) (local, cloud string) {
	firstHalf := now.Before(p.ActionAt.Add(p.ActionEnd.Sub(p.ActionAt) / 2))
	pick := func(a, b string) string {
		if firstHalf {
			return a
		}
		return b
	}
	switch {
	case p.StatusMessage != "":
		return "UPDATE_FAILED", "failed"
	case p.Action == "accept" && now.Before(p.ActionEnd):
		return pick("REQUEST_ACCEPT", "ACCEPT_REQUESTED"), "provisioning"
	case p.Action == "accept":
		return "ACTIVE", "active"
	case p.Action == "reject":
		return pick("REQUEST_REJECT", "REJECT_REQUESTED"), "rejected"
	case p.Action == "delete":
		return pick("REQUEST_DELETE", "DELETE_REQUESTED"), "deleting"
	case !now.Before(p.ExpirationTime):
		return "NONE", "expired"
	}
	return "NONE", "pending-acceptance"
}

func (p *Peering) json(now time.Time) json.RawMessage {
	local, cloud := p.status(now)
	out := map[string]any{
		"_id": p.ID, "name": p.Name, "groupId": p.GroupID, "requesterAccountId": p.RequesterAccountID,
		"requesterVpcId": p.RequesterVpcID, "requesterCidr": p.RequesterCidr, "accepterAccountId": p.AccepterAccountID,
		"accepterVpcId": p.AccepterVpcID, "accepterCidr": p.AccepterCidr, "localStatus": local, "cloudStatus": cloud,
		"expirationTime": p.ExpirationTime.UTC().Format(time.RFC3339),
	}
	if p.StatusMessage != "" {
		out["statusMessage"] = p.StatusMessage
	}
	data, _ := json.Marshal(out)
	return data
}

var (
	accountIDPattern  = regexp.MustCompile(`^[0-9]{12}$`)
	vpcIDPattern      = regexp.MustCompile(`^vpc-[a-f0-9]{8,17}$`)
	peeringPattern    = regexp.MustCompile(`^pcx-[a-f0-9]{8,17}$`)
	errPeeringMissing = errors.New("VPC peering not found")
	privateRanges     = []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"}
)

func peeringNotFoundError(id string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_VPC_PEERING_CONNECTION_NOT_FOUND", fmt.Sprintf("VPC Peering Connection %s not found.", id), id)
}

func peeringStateError(p *Peering, action, local string) *apiError {
	return newAPIError(http.StatusConflict, "STREAM_VPC_PEERING_CONNECTION_INVALID_STATE",
		fmt.Sprintf("VPC Peering Connection %s cannot be %s: its localStatus is %s.", p.Name, action, local), p.Name, local)
}

// findPeering finds a peering by its name (pcx-…) or its _id.
func findPeering(n *projectNetwork, id string) int {
	return slices.IndexFunc(n.Peerings, func(p *Peering) bool { return p.Name == id || p.ID == id })
}

// PeeringRequest is an incoming peering request as the seeding hook and
// -config take it.
type PeeringRequest struct {
	RequesterAccountID string `json:"requesterAccountId"`
	RequesterVpcID     string `json:"requesterVpcId"`
	RequesterCidr      string `json:"requesterCidr"`
	RegionName         string `json:"regionName,omitempty"`
	Name               string `json:"name,omitempty"`
}

// check returns every problem of a seed request.
func (q PeeringRequest) check() []fieldViolation {
	var vs []fieldViolation
	if !accountIDPattern.MatchString(q.RequesterAccountID) {
		vs = append(vs, fieldViolation{"requesterAccountId", fmt.Sprintf("requesterAccountId %q must be 12 digits", q.RequesterAccountID)})
	}
	if !vpcIDPattern.MatchString(q.RequesterVpcID) {
		vs = append(vs, fieldViolation{"requesterVpcId", fmt.Sprintf("requesterVpcId %q must be a VPC id (vpc-…)", q.RequesterVpcID)})
	}
	if !privateCIDR(q.RequesterCidr) {
		vs = append(vs, fieldViolation{"requesterCidr", fmt.Sprintf("requesterCidr %q must be an RFC 1918 private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)", q.RequesterCidr)})
	}
	if q.RegionName != "" && !isClusterRegion("aws", q.RegionName) {
		vs = append(vs, fieldViolation{"regionName", fmt.Sprintf("regionName %q is not valid; allowed values are %s", q.RegionName, quoteList(clusterRegionNames("aws")))})
	}
	if q.Name != "" && !peeringPattern.MatchString(q.Name) {
		vs = append(vs, fieldViolation{"name", fmt.Sprintf("name %q must be a VPC peering connection id (pcx-…)", q.Name)})
	}
	return vs
}

// privateCIDR reports whether s is a CIDR inside an RFC 1918 range.
func privateCIDR(s string) bool {
	ip, n, err := net.ParseCIDR(s)
	if err != nil || ip.To4() == nil {
		return false
	}
	size, _ := n.Mask.Size()
	for _, r := range privateRanges {
		_, pr, _ := net.ParseCIDR(r)
		prefix, _ := pr.Mask.Size()
		if pr.Contains(n.IP) && size >= prefix {
			return true
		}
	}
	return false
}

// SeedPeeringRequest adds an incoming peering request to a project, as if
// an AWS account had asked to peer with the project's Atlas VPC: the
// /_mock hook and -config, for tests. It returns the stored peering.
func (h *Handler) SeedPeeringRequest(groupID string, q PeeringRequest) (Peering, error) {
	if vs := q.check(); len(vs) > 0 {
		return Peering{}, errInvalid{violationsError("VALIDATION_ERROR", "Invalid peering request", vs)}
	}
	if q.RegionName == "" {
		q.RegionName = "US_EAST_1"
	}
	if q.Name == "" {
		q.Name = "pcx-" + h.newObjectID()[7:24]
	}
	now := h.opts.Now()
	acct := accountDetails(groupID, "aws", q.RegionName)
	p := &Peering{
		ID: h.newObjectID(), GroupID: groupID, Name: q.Name, RequesterAccountID: q.RequesterAccountID, RequesterVpcID: q.RequesterVpcID,
		RequesterCidr: q.RequesterCidr, RegionName: q.RegionName, AccepterAccountID: acct["awsAccountId"].(string),
		AccepterVpcID: acct["vpcId"].(string), AccepterCidr: acct["cidrBlock"].(string), ExpirationTime: now.Add(7 * 24 * time.Hour),
	}
	err := h.store.network(groupID, true, func(n *projectNetwork) error {
		if findPeering(n, q.Name) >= 0 {
			return errInvalid{newAPIError(http.StatusConflict, "DUPLICATE_PEERING", fmt.Sprintf("VPC peering %s already exists.", q.Name), q.Name)}
		}
		p.Seq = h.store.nextSeq()
		n.Peerings = append(n.Peerings, p)
		return nil
	})
	if err != nil {
		return Peering{}, err
	}
	return *p, nil
}

// FailPeering marks a peering UPDATE_FAILED with message: the /_mock hook.
func (h *Handler) FailPeering(groupID, id, message string) error {
	if message == "" {
		message = "Injected failure"
	}
	return h.store.network(groupID, true, func(n *projectNetwork) error {
		i := findPeering(n, id)
		if i < 0 {
			return errPeeringMissing
		}
		n.Peerings[i].StatusMessage = message
		return nil
	})
}

// Peerings returns a project's peerings as stored, in creation order.
func (h *Handler) Peerings(groupID string) []Peering {
	var out []Peering
	_ = h.store.network(groupID, false, func(n *projectNetwork) error {
		for _, p := range n.Peerings {
			out = append(out, *p)
		}
		return nil
	})
	return out
}

// servePeeringOp serves the operations under /streams/vpcPeeringConnections
// and /streams/activeVpcPeeringConnections.
func (h *Handler) servePeeringOp(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	switch rt.op {
	case "peering.list", "peering.active":
		h.listPeerings(w, r, rt, flags)
	case "peering.accept", "peering.reject", "peering.delete":
		h.peeringAction(w, r, rt, flags)
	}
}

func (h *Handler) listPeerings(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	q := r.URL.Query()
	perPage, pageNum, e := pagination(q)
	requester := q.Get("requesterAccountId")
	if e == nil && rt.op == "peering.list" && requester == "" {
		e = violationsError("VALIDATION_ERROR", "Invalid query parameters", []fieldViolation{{"requesterAccountId", "query parameter requesterAccountId is required: the AWS account that requested the peering"}})
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	now := h.opts.Now()
	var page *rawPageJSON
	_ = h.store.network(rt.groupID, false, func(n *projectNetwork) error {
		var items []*Peering
		for _, p := range n.Peerings {
			local, _ := p.status(now)
			if (rt.op == "peering.list" && p.RequesterAccountID == requester) || (rt.op == "peering.active" && local == "ACTIVE") {
				items = append(items, p)
			}
		}
		total := len(items)
		start, end := pageBounds(total, perPage, pageNum)
		path := fmt.Sprintf("/api/atlas/v2/groups/%s/streams/activeVpcPeeringConnections", rt.groupID)
		if rt.op == "peering.list" {
			path = fmt.Sprintf("/api/atlas/v2/groups/%s/streams/vpcPeeringConnections", rt.groupID)
		}
		page = &rawPageJSON{Results: make([]json.RawMessage, 0, end-start), TotalCount: &total, Links: pageLinks(r, path, perPage, pageNum, total)}
		if rt.op == "peering.list" {
			for i := range page.Links {
				page.Links[i].Href += "&requesterAccountId=" + requester
			}
		}
		for _, p := range items[start:end] {
			page.Results = append(page.Results, p.json(now))
		}
		return nil
	})
	h.write(w, http.StatusOK, page, flags)
}

func (h *Handler) peeringAction(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	var challenge PeeringRequest
	if rt.op == "peering.accept" {
		body, e := readBody(w, r)
		var obj map[string]json.RawMessage
		if e == nil {
			obj, e = decodeObject(body)
		}
		var tc typeChecker
		if e == nil {
			challenge.RequesterAccountID = deref(tc.str(obj, "requesterAccountId", "requesterAccountId"))
			challenge.RequesterVpcID = deref(tc.str(obj, "requesterVpcId", "requesterVpcId"))
			if len(tc.violations) > 0 {
				e = violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
			}
		}
		if e == nil {
			var vs []fieldViolation
			if challenge.RequesterAccountID == "" {
				vs = append(vs, fieldViolation{"requesterAccountId", "requesterAccountId is required: the AWS account that requested the peering"})
			}
			if challenge.RequesterVpcID == "" {
				vs = append(vs, fieldViolation{"requesterVpcId", "requesterVpcId is required: the VPC that requested the peering"})
			}
			if len(vs) > 0 {
				e = violationsError("VALIDATION_ERROR", "Invalid attribute values", vs)
			}
		}
		if e != nil {
			h.writeError(w, r, e, flags.envelope)
			return
		}
	}
	now := h.opts.Now()
	d := h.opts.PeeringDelay
	err := h.store.network(rt.groupID, true, func(n *projectNetwork) error {
		i := findPeering(n, rt.child)
		if i < 0 {
			return errInvalid{peeringNotFoundError(rt.child)}
		}
		p := n.Peerings[i]
		local, cloud := p.status(now)
		switch rt.op {
		case "peering.accept":
			var vs []fieldViolation
			if challenge.RequesterAccountID != p.RequesterAccountID {
				vs = append(vs, fieldViolation{"requesterAccountId", fmt.Sprintf("requesterAccountId %q is not the account that requested %s", challenge.RequesterAccountID, p.Name)})
			}
			if challenge.RequesterVpcID != p.RequesterVpcID {
				vs = append(vs, fieldViolation{"requesterVpcId", fmt.Sprintf("requesterVpcId %q is not the VPC that requested %s", challenge.RequesterVpcID, p.Name)})
			}
			if len(vs) > 0 {
				return errInvalid{violationsError("VALIDATION_ERROR", "Invalid attribute values", vs)}
			}
			if local != "NONE" || cloud == "expired" {
				if cloud == "expired" {
					local = "NONE (expired)"
				}
				return errInvalid{peeringStateError(p, "accepted", local)}
			}
		case "peering.reject":
			if local != "NONE" {
				return errInvalid{peeringStateError(p, "rejected", local)}
			}
		case "peering.delete":
			if p.Action == "delete" || p.Action == "reject" {
				return errInvalid{peeringStateError(p, "deleted", local)}
			}
		}
		p.Action, p.ActionAt, p.ActionEnd, p.StatusMessage = rt.op[len("peering."):], now, now.Add(d), ""
		if p.Action != "accept" {
			gone := now.Add(d)
			p.GoneAt = &gone
			if d <= 0 {
				n.Peerings = slices.Delete(n.Peerings, i, i+1)
			}
		}
		return nil
	})
	if err != nil {
		h.networkWriteError(w, r, err, flags)
		return
	}
	h.write(w, http.StatusAccepted, map[string]any{}, flags)
}
