package atlasmock

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
)

// failoverPath matches the failover connections of a connection, and one
// of them.
var failoverPath = regexp.MustCompile(`^/api/atlas/v2/groups/([^/]*)/streams/([^/]+)/connections/([^/]+)/failoverConnections(?:/([^/]+))?/?$`)

// failoverTypes are the types a failover connection may copy.
var failoverTypes = []string{"Kafka", "Cluster"}

// parseFailoverRoute parses a failover connections path; the connection
// is rt.child and the failover connection's id rt.id.
func parseFailoverRoute(r *http.Request, m []string) route {
	rt := route{groupID: m[1], name: m[2], child: m[3], id: m[4], known: true, version: startWithVersion}
	template := "/api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections/{connectionName}/failoverConnections"
	ops := map[string]string{http.MethodGet: "failover.list", http.MethodPost: "failover.create"}
	if m[4] != "" {
		template += "/{failoverConnectionId}"
		ops = map[string]string{http.MethodGet: "failover.get", http.MethodPatch: "failover.update", http.MethodDelete: "failover.delete"}
	}
	rt.template, rt.op = r.Method+" "+template, ops[r.Method]
	return rt
}

func failoverNotFoundError(id, connection string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_FAILOVER_CONNECTION_NOT_FOUND",
		fmt.Sprintf("Stream failover connection %s for connection %s not found.", id, connection), id, connection)
}

var errFailoverNotFound = errors.New("failover connection not found")

// failoverJSON renders a failover connection as the API returns it.
func (h *Handler) failoverJSON(r *http.Request, in *Instance, primary, f *Connection) json.RawMessage {
	out := map[string]any{"id": f.ID, "name": f.Name, "type": f.Type, "region": f.Region, "state": h.connectionState(f),
		"links": []linkJSON{{Href: fmt.Sprintf("%s/api/atlas/v2/groups/%s/streams/%s/connections/%s/failoverConnections/%s",
			baseURL(r), in.GroupID, in.Name, url.PathEscape(primary.Name), f.ID), Rel: "self"}}}
	for k, v := range f.Members {
		out[k] = withoutSecrets(k, v)
	}
	data, err := json.Marshal(out)
	if err != nil {
		panic(err) // Members are valid JSON by construction.
	}
	return data
}

// serveFailoverOp serves the operations under failoverConnections.
func (h *Handler) serveFailoverOp(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	switch rt.op {
	case "failover.list", "failover.get":
		h.readFailovers(w, r, rt, flags)
	case "failover.create":
		h.createFailover(w, r, rt, flags)
	case "failover.update":
		h.updateFailover(w, r, rt, flags)
	case "failover.delete":
		h.deleteFailover(w, r, rt, flags)
	}
}

// primaryOf finds the connection a failover route names; a 404 otherwise.
func (h *Handler) primaryOf(rt route) (*Instance, int, *apiError) {
	in, err := h.store.get(rt.groupID, rt.name)
	if err != nil || in.DeleteAt != nil {
		return nil, 0, notFoundError(rt.groupID, rt.name)
	}
	i := slices.IndexFunc(in.Connections, func(c Connection) bool { return c.Name == rt.child })
	if i < 0 {
		return nil, 0, connectionNotFoundError(rt.groupID, rt.name, rt.child)
	}
	return in, i, nil
}

func (h *Handler) readFailovers(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	var perPage, pageNum int
	var e *apiError
	if rt.op == "failover.list" {
		if perPage, pageNum, e = pagination(r.URL.Query()); e != nil {
			h.writeError(w, r, e, flags.envelope)
			return
		}
	}
	in, i, e := h.primaryOf(rt)
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	primary := &in.Connections[i]
	if rt.op == "failover.get" {
		for j := range primary.Failovers {
			if primary.Failovers[j].ID == rt.id {
				h.write(w, http.StatusOK, h.failoverJSON(r, in, primary, &primary.Failovers[j]), flags)
				return
			}
		}
		h.writeError(w, r, failoverNotFoundError(rt.id, rt.child), flags.envelope)
		return
	}
	total := len(primary.Failovers)
	start, end := pageBounds(total, perPage, pageNum)
	page := &rawPageJSON{Results: make([]json.RawMessage, 0, end-start), TotalCount: &total,
		Links: pageLinks(r, fmt.Sprintf("/api/atlas/v2/groups/%s/streams/%s/connections/%s/failoverConnections", rt.groupID, rt.name, url.PathEscape(rt.child)), perPage, pageNum, total)}
	for j := start; j < end; j++ {
		page.Results = append(page.Results, h.failoverJSON(r, in, primary, &primary.Failovers[j]))
	}
	h.write(w, http.StatusOK, page, flags)
}

// checkFailoverConnection applies the create rules of a failover connection of
// primary in instance in; vs collects what is wrong.
func checkFailoverConnection(in *Instance, primary *Connection, req *connectionRequest, vs []fieldViolation) []fieldViolation {
	switch name := deref(req.Name); {
	case req.Name == nil:
		vs = append(vs, fieldViolation{"name", fmt.Sprintf("name is required: the primary connection's, %q", primary.Name)})
	case name != primary.Name:
		vs = append(vs, fieldViolation{"name", fmt.Sprintf("name %q must be the primary connection's, %q", name, primary.Name)})
	}
	switch typ := deref(req.Type); {
	case req.Type == nil:
		vs = append(vs, fieldViolation{"type", fmt.Sprintf("type is required: the primary connection's, %q", primary.Type)})
	case typ != primary.Type:
		vs = append(vs, fieldViolation{"type", fmt.Sprintf("type %q must be the primary connection's, %q", typ, primary.Type)})
	}
	var regions []string
	for _, fr := range in.FailoverRegions {
		regions = append(regions, fr.Region)
	}
	switch region := deref(req.Region); {
	case len(regions) == 0:
		vs = append(vs, fieldViolation{"region", fmt.Sprintf("region: stream instance %s has no failover regions, so its connections have no failover connections", in.Name)})
	case req.Region == nil:
		vs = append(vs, fieldViolation{"region", "region is required: one of the instance's failover regions, " + quoteList(regions)})
	case !slices.Contains(regions, region):
		vs = append(vs, fieldViolation{"region", fmt.Sprintf("region %q is not a failover region of stream instance %s; its failover regions are %s", region, in.Name, quoteList(regions))})
	}
	return vs
}

func (h *Handler) createFailover(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	body, e := readBody(w, r)
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	project := h.projects[rt.groupID]
	var created Connection
	in, err := h.writeUnder(rt, func(in *Instance) error {
		i := slices.IndexFunc(in.Connections, func(c Connection) bool { return c.Name == rt.child })
		if i < 0 {
			return errConnectionNotFound
		}
		primary := &in.Connections[i]
		if !slices.Contains(failoverTypes, primary.Type) {
			return errInvalid{violationsError("VALIDATION_ERROR", "Invalid attribute values", []fieldViolation{{"type",
				fmt.Sprintf("connection %s is a %s connection; only %s connections have failover connections", primary.Name, primary.Type, quoteList(failoverTypes))}})}
		}
		req, e := decodeConnection(body, primary.Type)
		if e != nil {
			return errInvalid{e}
		}
		vs := checkFailoverConnection(in, primary, req, nil)
		checked := h.validateConnection(project, primary.Name, primary.Type, req.Members)
		if req.WrongNetworking != "" {
			checked.add(req.WrongNetworking, "does not belong to type %s", primary.Type)
		}
		checked.vs = append(vs, checked.vs...)
		if e := checked.refusal(); e != nil {
			return errInvalid{e}
		}
		if slices.ContainsFunc(primary.Failovers, func(f Connection) bool { return f.Region == *req.Region }) {
			return errInvalid{newAPIError(http.StatusConflict, "STREAM_FAILOVER_CONNECTION_ALREADY_EXISTS",
				fmt.Sprintf("Connection %s already has a failover connection in region %s.", primary.Name, *req.Region), primary.Name, *req.Region)}
		}
		if id, field := privateLinkOf(primary.Type, req.Members); id != "" {
			if e := h.linkForConnection(rt.groupID, primary.Type, id, field); e != nil {
				return errInvalid{e}
			}
		}
		withDefaults(primary.Type, req.Members)
		created = Connection{ID: h.newObjectID(), Name: primary.Name, Type: primary.Type, Region: *req.Region, Members: req.Members,
			PendingUntil: h.pendingUntil(primary.Type, req.Members)}
		next := primary.clone()
		next.Failovers = append(next.Failovers, created)
		in.Connections[i] = next
		return nil
	})
	if err != nil {
		h.connectionWriteError(w, r, rt, rt.child, err, flags)
		return
	}
	primary := &in.Connections[slices.IndexFunc(in.Connections, func(c Connection) bool { return c.Name == rt.child })]
	h.write(w, http.StatusCreated, h.failoverJSON(r, in, primary, &created), flags)
}

// inUseByRunning refuses a change to a connection that a STARTED
// processor of the instance uses.
func (h *Handler) inUseByRunning(in *Instance, connection string) error {
	var running []string
	for _, name := range in.processorsUsing(connection) {
		for _, p := range in.Processors {
			if p.Name == name && p.State == "STARTED" {
				running = append(running, name)
			}
		}
	}
	if len(running) == 0 {
		return nil
	}
	return errInvalid{newAPIError(http.StatusConflict, "STREAM_CONNECTION_IN_USE",
		fmt.Sprintf("Stream connection %s is used by the running stream processors %s; stop them first.", connection, quoteList(running)),
		append([]string{connection}, running...)...)}
}

func (h *Handler) updateFailover(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	body, e := readBody(w, r)
	if e == nil {
		_, e = decodeObject(body)
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	project := h.projects[rt.groupID]
	var updated Connection
	in, err := h.writeUnder(rt, func(in *Instance) error {
		i := slices.IndexFunc(in.Connections, func(c Connection) bool { return c.Name == rt.child })
		if i < 0 {
			return errConnectionNotFound
		}
		primary := &in.Connections[i]
		j := slices.IndexFunc(primary.Failovers, func(f Connection) bool { return f.ID == rt.id })
		if j < 0 {
			return errFailoverNotFound
		}
		cur := primary.Failovers[j]
		req, e := decodeConnection(body, cur.Type)
		if e != nil {
			return errInvalid{e}
		}
		var vs []fieldViolation
		if req.Name != nil && *req.Name != cur.Name {
			vs = append(vs, fieldViolation{"name", fmt.Sprintf("name %q must be the connection's own, %q", *req.Name, cur.Name)})
		}
		if req.Type != nil && *req.Type != cur.Type {
			vs = append(vs, fieldViolation{"type", fmt.Sprintf("type %q must be the failover connection's own, %q: it cannot change", *req.Type, cur.Type)})
		}
		if req.Region != nil && *req.Region != cur.Region {
			vs = append(vs, fieldViolation{"region", fmt.Sprintf("region %q must be the failover connection's own, %q: it cannot change", *req.Region, cur.Region)})
		}
		next := cur.clone()
		if next.Members == nil {
			next.Members = map[string]json.RawMessage{}
		}
		for k, v := range req.Members {
			if k == "networking" && cur.Members[k] != nil && !sameAccess(cur.Members[k], v) {
				vs = append(vs, fieldViolation{"networking", "networking.access cannot change: create a new failover connection instead"})
				continue
			}
			if k == "config" && string(v) == "{}" {
				delete(next.Members, k)
				continue
			}
			next.Members[k] = keepSecrets(k, cur.Members[k], v)
		}
		checked := h.validateConnection(project, next.Name, next.Type, next.Members)
		checked.vs = append(vs, checked.vs...)
		if e := checked.refusal(); e != nil {
			return errInvalid{e}
		}
		if err := h.inUseByRunning(in, primary.Name); err != nil {
			return err
		}
		next.PendingUntil = h.pendingUntil(next.Type, next.Members)
		p := primary.clone()
		p.Failovers[j] = next
		in.Connections[i] = p
		updated = next
		return nil
	})
	if errors.Is(err, errFailoverNotFound) {
		h.writeError(w, r, failoverNotFoundError(rt.id, rt.child), flags.envelope)
		return
	}
	if err != nil {
		h.connectionWriteError(w, r, rt, rt.child, err, flags)
		return
	}
	primary := &in.Connections[slices.IndexFunc(in.Connections, func(c Connection) bool { return c.Name == rt.child })]
	h.write(w, http.StatusOK, h.failoverJSON(r, in, primary, &updated), flags)
}

func (h *Handler) deleteFailover(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	_, err := h.writeUnder(rt, func(in *Instance) error {
		i := slices.IndexFunc(in.Connections, func(c Connection) bool { return c.Name == rt.child })
		if i < 0 {
			return errConnectionNotFound
		}
		j := slices.IndexFunc(in.Connections[i].Failovers, func(f Connection) bool { return f.ID == rt.id })
		if j < 0 {
			return errFailoverNotFound
		}
		if err := h.inUseByRunning(in, in.Connections[i].Name); err != nil {
			return err
		}
		p := in.Connections[i].clone()
		p.Failovers = slices.Delete(p.Failovers, j, j+1)
		in.Connections[i] = p
		return nil
	})
	if errors.Is(err, errFailoverNotFound) {
		h.writeError(w, r, failoverNotFoundError(rt.id, rt.child), flags.envelope)
		return
	}
	if err != nil {
		h.connectionWriteError(w, r, rt, rt.child, err, flags)
		return
	}
	h.write(w, http.StatusNoContent, nil, flags)
}
