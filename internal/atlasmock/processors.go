package atlasmock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Processor is a stored stream processor of an instance.
type Processor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Pipeline is the stages exactly as sent: key order inside every
	// document matters ($sort, $project).
	Pipeline        json.RawMessage `json:"pipeline"`
	DLQ             *DLQ            `json:"dlq,omitempty"`
	Tier            string          `json:"tier,omitempty"`
	FailoverEnabled bool            `json:"failoverEnabled"`
	// State is the state the server has accepted: CREATED, STARTED,
	// STOPPED or FAILED.
	State string `json:"state"`
	// Shown is the state reads show until ShownUntil: the state before the
	// last change, while the change is in flight (-processor-async).
	Shown      string     `json:"shown,omitempty"`
	ShownUntil *time.Time `json:"shownUntil,omitempty"`
	// Messages is what the stats count as processed: it grows with each
	// start from the checkpoint, and a start from the beginning clears it.
	Messages int64 `json:"messages,omitempty"`
	// ActiveRegion is where a processor failed over to runs; empty for the
	// primary region.
	ActiveRegion string `json:"activeRegion,omitempty"`
}

// DLQ is a processor's dead letter queue: a collection of a Cluster
// connection.
type DLQ struct {
	ConnectionName string `json:"connectionName"`
	DB             string `json:"db"`
	Coll           string `json:"coll"`
}

func (p Processor) clone() Processor {
	out := p
	out.Pipeline = slices.Clone(p.Pipeline)
	if p.DLQ != nil {
		d := *p.DLQ
		out.DLQ = &d
	}
	if p.ShownUntil != nil {
		t := *p.ShownUntil
		out.ShownUntil = &t
	}
	return out
}

// processorNamePattern is the processor name rule.
var processorNamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// stageConnections are the stages and the path inside each that may name
// a connection.
var stageConnections = map[string][]string{
	"$source":           {"connectionName"},
	"$emit":             {"connectionName"},
	"$merge":            {"into", "connectionName"},
	"$lookup":           {"from", "connectionName"},
	"$https":            {"connectionName"},
	"$externalFunction": {"connectionName"},
}

// shownState is what reads show: the state before a change in flight, or
// the state.
func (h *Handler) shownState(p *Processor) string {
	if p.ShownUntil != nil && h.opts.Now().Before(*p.ShownUntil) {
		return p.Shown
	}
	return p.State
}

// transition moves a processor to state, showing the state before it for
// -processor-async.
func (h *Handler) transition(p *Processor, state string) {
	if h.opts.ProcessorAsync > 0 {
		shown, until := h.shownState(p), h.opts.Now().Add(h.opts.ProcessorAsync)
		p.Shown, p.ShownUntil = shown, &until
	}
	p.State = state
}

// processorJSON renders a processor: withState adds what GET, list and
// PATCH answer (state, eligibleForFailover, stats) and the POST answer
// lacks.
func (h *Handler) processorJSON(r *http.Request, in *Instance, p *Processor, withState bool) json.RawMessage {
	var b bytes.Buffer
	field := func(name string, v any) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		data, err := json.Marshal(v)
		if raw, ok := v.(json.RawMessage); ok {
			data, err = raw, nil
		}
		if err != nil {
			panic(err) // Plain values only.
		}
		fmt.Fprintf(&b, "%q:%s", name, data)
	}
	b.WriteByte('{')
	field("_id", p.ID)
	field("name", p.Name)
	state := h.shownState(p)
	if withState {
		field("state", state)
	}
	field("pipeline", p.Pipeline)
	if p.DLQ != nil {
		field("options", map[string]any{"dlq": p.DLQ})
	}
	if p.Tier != "" {
		field("tier", p.Tier)
	}
	field("failoverEnabled", p.FailoverEnabled)
	if withState {
		eligible, _ := eligibility(in, p)
		field("eligibleForFailover", eligible)
		if state == "STARTED" || state == "STOPPED" {
			status := "running"
			if state == "STOPPED" {
				status = "stopped"
			}
			field("stats", map[string]any{
				"name": p.Name, "processorId": p.ID, "status": status, "scaleFactor": 1,
				"inputMessageCount": p.Messages, "inputMessageSize": 0.0, "outputMessageCount": p.Messages, "outputMessageSize": 0.0,
				"dlqMessageCount": 0, "dlqMessageSize": 0.0, "stateSize": 0.0, "memoryTrackerBytes": 0.0, "ok": 1.0, "operatorStats": []any{},
			})
		}
	}
	field("links", []linkJSON{{Href: fmt.Sprintf("%s/api/atlas/v2/groups/%s/streams/%s/processor/%s", baseURL(r), in.GroupID, in.Name, url.PathEscape(p.Name)), Rel: "self"}})
	b.WriteByte('}')
	return b.Bytes()
}

// processorRequest is a decoded create or modify body; nil members are
// absent.
type processorRequest struct {
	Name                 *string
	Pipeline             json.RawMessage
	HasOptions           bool
	DLQ                  map[string]json.RawMessage // nil: absent; empty: remove it
	ResumeFromCheckpoint *bool
	Tier                 *string
	FailoverEnabled      *bool
}

func decodeProcessor(data []byte) (*processorRequest, *apiError) {
	obj, e := decodeObject(data)
	if e != nil {
		return nil, e
	}
	var tc typeChecker
	req := &processorRequest{Name: tc.str(obj, "name", "name"), Tier: tc.str(obj, "tier", "tier"), FailoverEnabled: tc.boolean(obj, "failoverEnabled", "failoverEnabled")}
	if raw, ok := obj["pipeline"]; ok && !isNull(raw) {
		var stages []json.RawMessage
		if json.Unmarshal(raw, &stages) != nil {
			tc.wrong("pipeline", "an array of objects")
		} else {
			for i, s := range stages {
				if len(bytes.TrimSpace(s)) == 0 || bytes.TrimSpace(s)[0] != '{' {
					tc.wrong(fmt.Sprintf("pipeline[%d]", i), "an object")
				}
			}
			req.Pipeline = compactRaw(raw)
		}
	}
	if opts := tc.object(obj, "options", "options"); opts != nil {
		req.HasOptions = true
		req.ResumeFromCheckpoint = tc.boolean(opts, "resumeFromCheckpoint", "options.resumeFromCheckpoint")
		if dlq := tc.object(opts, "dlq", "options.dlq"); dlq != nil {
			req.DLQ = dlq
		}
	}
	if len(tc.violations) > 0 {
		return nil, violationsError("INVALID_JSON", "The request body has fields of the wrong JSON type", tc.violations)
	}
	return req, nil
}

// compactRaw removes insignificant white space, keeping key order.
func compactRaw(raw json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}

// stages decodes a stored pipeline into its stages, keys unordered.
func stages(pipeline json.RawMessage) []map[string]json.RawMessage {
	var out []map[string]json.RawMessage
	_ = json.Unmarshal(pipeline, &out)
	return out
}

// pipelineConnections lists the connection names a pipeline uses, with
// the stage each is in.
func pipelineConnections(pipeline json.RawMessage) []struct{ stage, name string } {
	var out []struct{ stage, name string }
	for _, st := range stages(pipeline) {
		for key, raw := range st {
			where, ok := stageConnections[key]
			if !ok {
				continue
			}
			var v any
			if json.Unmarshal(raw, &v) != nil {
				continue
			}
			for _, k := range where {
				m, ok := v.(map[string]any)
				if !ok {
					v = nil
					break
				}
				v = m[k]
			}
			if name, ok := v.(string); ok {
				out = append(out, struct{ stage, name string }{key, name})
			}
		}
	}
	return out
}

// pipelineProblem says what is wrong with a pipeline and DLQ for an
// instance, in Atlas's words; "" when nothing is.
func pipelineProblem(in *Instance, pipeline json.RawMessage, dlq *DLQ) string {
	st := stages(pipeline)
	if len(st) == 0 {
		return "the pipeline is empty"
	}
	for i, s := range st {
		if len(s) != 1 {
			return fmt.Sprintf("stage %d must be an object with exactly one key, the stage name", i)
		}
		for k := range s {
			if !strings.HasPrefix(k, "$") {
				return fmt.Sprintf("stage %d key %q is not a stage name: stage names start with $", i, k)
			}
		}
	}
	first, last := stageName(st[0]), stageName(st[len(st)-1])
	if first != "$source" {
		return fmt.Sprintf("the first stage must be $source, not %s", first)
	}
	if len(st) == 1 || (last != "$emit" && last != "$merge") {
		return fmt.Sprintf("the last stage must be a sink stage, $emit or $merge, not %s", last)
	}
	has := func(name string) *Connection {
		for i := range in.Connections {
			if in.Connections[i].Name == name {
				return &in.Connections[i]
			}
		}
		return nil
	}
	missing := func(c string) string {
		return fmt.Sprintf("connection named %s does not exist. Check sp.listConnections() for available connections", c)
	}
	for _, use := range pipelineConnections(pipeline) {
		if use.name == testLogSink && use.stage == "$emit" {
			continue
		}
		if has(use.name) == nil {
			return missing(use.name)
		}
	}
	if dlq != nil {
		c := has(dlq.ConnectionName)
		switch {
		case c == nil:
			return missing(dlq.ConnectionName)
		case c.Type != "Cluster":
			return fmt.Sprintf("the DLQ connection %s must be an Atlas connection (type Cluster), not %s", dlq.ConnectionName, c.Type)
		}
	}
	return ""
}

func stageName(s map[string]json.RawMessage) string {
	for k := range s {
		return k
	}
	return ""
}

// processorError is the 400 STREAM_PROCESSOR_GENERIC_ERROR of Atlas.
func processorError(name, why string) *apiError {
	return newAPIError(http.StatusBadRequest, "STREAM_PROCESSOR_GENERIC_ERROR",
		fmt.Sprintf("Streams Processor with this name (%s) had a problem occur: %s.", name, why), name, why)
}

func processorNotFound(name string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_PROCESSOR_NOT_FOUND", fmt.Sprintf("Stream processor %s not found.", name), name)
}

// checkProcessorFields appends the violations of a processor's tier, DLQ
// and failover setting on an instance (create rules 3 to 5).
func checkProcessorFields(vs []fieldViolation, in *Instance, tier *string, dlq map[string]json.RawMessage, failover *bool) []fieldViolation {
	if tier != nil {
		switch {
		case tierRank(*tier) < 0:
			vs = append(vs, fieldViolation{"tier", fmt.Sprintf("tier %q is not valid; allowed values are %s", *tier, quoteList(tiers))})
		case in.MaxTierSize != "" && tierRank(*tier) > tierRank(in.MaxTierSize):
			vs = append(vs, fieldViolation{"tier", fmt.Sprintf("tier %s is above the instance's streamConfig.maxTierSize %s", *tier, in.MaxTierSize)})
		}
	}
	if len(dlq) > 0 {
		c := &connectionChecker{}
		for _, k := range []string{"connectionName", "db", "coll"} {
			c.required(dlq, k, "options.dlq."+k)
		}
		vs = append(vs, c.vs...)
	}
	if failover != nil && *failover && len(in.FailoverRegions) == 0 {
		vs = append(vs, fieldViolation{"failoverEnabled", "failoverEnabled needs an instance with failoverRegions"})
	}
	return vs
}

func dlqOf(m map[string]json.RawMessage) *DLQ {
	if len(m) == 0 {
		return nil
	}
	d := &DLQ{}
	for k, dst := range map[string]*string{"connectionName": &d.ConnectionName, "db": &d.DB, "coll": &d.Coll} {
		_ = json.Unmarshal(m[k], dst)
	}
	return d
}

// Errors of processor store changes.
var (
	errProcessorExists   = errors.New("processor exists")
	errProcessorNotFound = errors.New("processor not found")
)

// serveProcessorOp serves the operations under /processor and /processors.
func (h *Handler) serveProcessorOp(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	switch rt.op {
	case "processors.list":
		h.listProcessors(w, r, rt, flags)
	case "processors.get":
		in, err := h.store.get(rt.groupID, rt.name)
		if err != nil {
			h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
			return
		}
		for i := range in.Processors {
			if in.Processors[i].Name == rt.child {
				h.write(w, http.StatusOK, h.processorJSON(r, in, &in.Processors[i], true), flags)
				return
			}
		}
		h.writeError(w, r, processorNotFound(rt.child), flags.envelope)
	case "processors.create":
		h.createProcessor(w, r, rt, flags)
	case "processors.update":
		h.updateProcessor(w, r, rt, flags)
	case "processors.delete":
		_, err := h.writeUnder(rt, func(in *Instance) error {
			i := slices.IndexFunc(in.Processors, func(p Processor) bool { return p.Name == rt.child })
			if i < 0 {
				return errProcessorNotFound
			}
			in.Processors = slices.Delete(in.Processors, i, i+1)
			return nil
		})
		if err != nil {
			h.processorWriteError(w, r, rt, rt.child, err, flags)
			return
		}
		h.write(w, http.StatusNoContent, nil, flags)
	case "processors.start", "processors.startWith", "processors.stop":
		h.changeProcessorState(w, r, rt, flags)
	}
}

func (h *Handler) processorWriteError(w http.ResponseWriter, r *http.Request, rt route, name string, err error, flags queryFlags) {
	var invalid errInvalid
	switch {
	case errors.As(err, &invalid):
		h.writeError(w, r, invalid.e, flags.envelope)
	case errors.Is(err, errNotFound), errors.Is(err, errTenantGone):
		h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
	case errors.Is(err, errProcessorNotFound):
		h.writeError(w, r, processorNotFound(name), flags.envelope)
	case errors.Is(err, errProcessorExists):
		h.writeError(w, r, newAPIError(http.StatusConflict, "STREAM_PROCESSOR_NAME_ALREADY_EXISTS",
			fmt.Sprintf("A Stream processor with the name %s already exists.", name), name), flags.envelope)
	default:
		h.storageError(w, r, err, flags)
	}
}

func (h *Handler) listProcessors(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	q := r.URL.Query()
	perPage, pageNum, e := pagination(q)
	includeCount := true
	if v := q.Get("includeCount"); v != "" && e == nil {
		b, err := strconv.ParseBool(v)
		if err != nil {
			e = violationsError("VALIDATION_ERROR", "Invalid query parameters", []fieldViolation{{"includeCount", fmt.Sprintf("query parameter includeCount must be true or false, got %q", v)}})
		}
		includeCount = b
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	in, err := h.store.get(rt.groupID, rt.name)
	if err != nil {
		h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
		return
	}
	total := len(in.Processors)
	start, end := pageBounds(total, perPage, pageNum)
	page := &rawPageJSON{Results: make([]json.RawMessage, 0, end-start),
		Links: pageLinks(r, fmt.Sprintf("/api/atlas/v2/groups/%s/streams/%s/processors", rt.groupID, rt.name), perPage, pageNum, total)}
	if includeCount {
		page.TotalCount = &total
	}
	for i := start; i < end; i++ {
		page.Results = append(page.Results, h.processorJSON(r, in, &in.Processors[i], true))
	}
	h.write(w, http.StatusOK, page, flags)
}

func (h *Handler) createProcessor(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	body, e := readBody(w, r)
	var req *processorRequest
	if e == nil {
		req, e = decodeProcessor(body)
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	name := deref(req.Name)
	var vs []fieldViolation
	if !processorNamePattern.MatchString(name) {
		vs = append(vs, fieldViolation{"name", fmt.Sprintf("name %q is not valid: 1 to 64 letters, digits, underscores, hyphens and dots", name)})
	}
	if req.Pipeline == nil {
		vs = append(vs, fieldViolation{"pipeline", "pipeline is required: an array of stages"})
	}
	var index int
	in, err := h.writeUnder(rt, func(in *Instance) error {
		vs = checkProcessorFields(vs, in, req.Tier, req.DLQ, req.FailoverEnabled)
		if len(vs) > 0 {
			return errInvalid{violationsError("VALIDATION_ERROR", "Invalid attribute values", vs)}
		}
		dlq := dlqOf(req.DLQ)
		if why := pipelineProblem(in, req.Pipeline, dlq); why != "" {
			return errInvalid{processorError(name, why)}
		}
		if slices.ContainsFunc(in.Processors, func(p Processor) bool { return p.Name == name }) {
			return errProcessorExists
		}
		p := Processor{ID: h.newObjectID(), Name: name, Pipeline: req.Pipeline, DLQ: dlq, Tier: deref(req.Tier), State: "CREATED"}
		if req.FailoverEnabled != nil {
			p.FailoverEnabled = *req.FailoverEnabled
		}
		in.Processors = append(in.Processors, p)
		index = len(in.Processors) - 1
		return nil
	})
	if err != nil {
		h.processorWriteError(w, r, rt, name, err, flags)
		return
	}
	h.write(w, http.StatusOK, h.processorJSON(r, in, &in.Processors[index], false), flags)
}

func (h *Handler) updateProcessor(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	body, e := readBody(w, r)
	var req *processorRequest
	if e == nil {
		req, e = decodeProcessor(body)
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	var index int
	newName := rt.child
	in, err := h.writeUnder(rt, func(in *Instance) error {
		index = slices.IndexFunc(in.Processors, func(p Processor) bool { return p.Name == rt.child })
		if index < 0 {
			return errProcessorNotFound
		}
		cur := in.Processors[index]
		next := cur.clone()
		var vs []fieldViolation
		if req.Name != nil {
			if !processorNamePattern.MatchString(*req.Name) {
				vs = append(vs, fieldViolation{"name", fmt.Sprintf("name %q is not valid: 1 to 64 letters, digits, underscores, hyphens and dots", *req.Name)})
			}
			next.Name, newName = *req.Name, *req.Name
		}
		dlq := req.DLQ
		if len(dlq) == 0 {
			dlq = nil
		}
		vs = checkProcessorFields(vs, in, req.Tier, dlq, req.FailoverEnabled)
		if len(vs) > 0 {
			return errInvalid{violationsError("VALIDATION_ERROR", "Invalid attribute values", vs)}
		}
		if cur.State == "STARTED" {
			return errInvalid{processorError(cur.Name, "stream processor must be stopped before it can be modified")}
		}
		if req.Pipeline != nil {
			next.Pipeline = req.Pipeline
			oldSource, newSource := stages(cur.Pipeline), stages(req.Pipeline)
			if len(oldSource) > 0 && len(newSource) > 0 && !sameJSON(oldSource[0]["$source"], newSource[0]["$source"]) &&
				(req.ResumeFromCheckpoint == nil || *req.ResumeFromCheckpoint) {
				return errInvalid{processorError(cur.Name, "changing $source requires resumeFromCheckpoint=false")}
			}
		}
		if req.DLQ != nil {
			next.DLQ = dlqOf(req.DLQ) // {} removes it.
		}
		if req.Tier != nil {
			next.Tier = *req.Tier
		}
		if req.FailoverEnabled != nil {
			next.FailoverEnabled = *req.FailoverEnabled
		}
		if why := pipelineProblem(in, next.Pipeline, next.DLQ); why != "" {
			return errInvalid{processorError(cur.Name, why)}
		}
		if next.Name != cur.Name && slices.ContainsFunc(in.Processors, func(p Processor) bool { return p.Name == next.Name }) {
			return errProcessorExists
		}
		in.Processors[index] = next
		return nil
	})
	if err != nil {
		h.processorWriteError(w, r, rt, newName, err, flags)
		return
	}
	h.write(w, http.StatusOK, h.processorJSON(r, in, &in.Processors[index], true), flags)
}

// sameJSON reports whether two JSON values are the same, whatever their
// white space.
func sameJSON(a, b json.RawMessage) bool {
	return bytes.Equal(compactRaw(a), compactRaw(b))
}

// changeProcessorState serves :start, :startWith and :stop: 200 with no
// body once the change is accepted; reads may show it later.
func (h *Handler) changeProcessorState(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	var sw *startWith
	if rt.op == "processors.startWith" {
		body, e := readBody(w, r)
		if e == nil {
			sw = &startWith{}
			if len(bytes.TrimSpace(body)) > 0 {
				sw, e = decodeStartWith(body)
			}
		}
		if e != nil {
			h.writeError(w, r, e, flags.envelope)
			return
		}
	}
	_, err := h.writeUnder(rt, func(in *Instance) error {
		i := slices.IndexFunc(in.Processors, func(p Processor) bool { return p.Name == rt.child })
		if i < 0 {
			return errProcessorNotFound
		}
		p := &in.Processors[i]
		if rt.op == "processors.stop" {
			if p.State != "STARTED" {
				return errInvalid{processorError(p.Name, "stream processor has already been stopped")}
			}
			h.transition(p, "STOPPED")
			return nil
		}
		return h.startProcessor(in, p, sw)
	})
	if err != nil {
		h.processorWriteError(w, r, rt, rt.child, err, flags)
		return
	}
	h.write(w, http.StatusOK, nil, flags)
}

// processorsUsing names the processors of an instance whose pipeline or
// DLQ names the connection.
func (in *Instance) processorsUsing(connection string) []string {
	var out []string
	for _, p := range in.Processors {
		uses := p.DLQ != nil && p.DLQ.ConnectionName == connection
		for _, c := range pipelineConnections(p.Pipeline) {
			uses = uses || c.name == connection
		}
		if uses {
			out = append(out, p.Name)
		}
	}
	return out
}

// Processors returns an instance's processors as stored, with the state
// reads show; nil when there is no such instance. For tests.
func (h *Handler) Processors(groupID, instance string) []Processor {
	in, err := h.store.get(groupID, instance)
	if err != nil {
		return nil
	}
	out := in.Processors
	for i := range out {
		out[i].State = h.shownState(&out[i])
	}
	return out
}

// SetProcessorState puts a processor into a state straight in the store,
// as Atlas does on its own (a processor that fails, one started or
// stopped by someone else): for tests. The state shows at once.
func (h *Handler) SetProcessorState(groupID, instance, name, state string) error {
	_, err := h.store.update(groupID, instance, func(in *Instance) error {
		i := slices.IndexFunc(in.Processors, func(p Processor) bool { return p.Name == name })
		if i < 0 {
			return errProcessorNotFound
		}
		in.Processors[i].State, in.Processors[i].ShownUntil = state, nil
		return nil
	})
	return err
}
