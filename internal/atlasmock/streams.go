package atlasmock

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
)

// tenantJSON is a StreamsTenant as the API returns it.
type tenantJSON struct {
	ID                string             `json:"_id"`
	GroupID           string             `json:"groupId"`
	Name              string             `json:"name"`
	DataProcessRegion regionJSON         `json:"dataProcessRegion"`
	StreamConfig      streamConfigJSON   `json:"streamConfig"`
	FailoverRegions   []regionJSON       `json:"failoverRegions"`
	SampleConnections sampleJSON         `json:"sampleConnections"`
	Hostnames         []string           `json:"hostnames"`
	Connections       *[]json.RawMessage `json:"connections,omitempty"`
	Links             []linkJSON         `json:"links"`
}

type regionJSON struct {
	CloudProvider string `json:"cloudProvider"`
	Region        string `json:"region"`
}

type streamConfigJSON struct {
	Tier        string `json:"tier"`
	MaxTierSize string `json:"maxTierSize,omitempty"`
}

type sampleJSON struct {
	Solar bool `json:"solar"`
}

type linkJSON struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

type pageJSON struct {
	Status     *int         `json:"status,omitempty"`
	Results    []tenantJSON `json:"results"`
	TotalCount int          `json:"totalCount"`
	Links      []linkJSON   `json:"links"`
}

func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (h *Handler) toJSON(r *http.Request, in *Instance, withConnections bool) tenantJSON {
	t := tenantJSON{
		ID: in.ID, GroupID: in.GroupID, Name: in.Name,
		DataProcessRegion: regionJSON{CloudProvider: in.CloudProvider, Region: in.Region},
		StreamConfig:      streamConfigJSON{Tier: in.Tier, MaxTierSize: in.MaxTierSize},
		FailoverRegions:   make([]regionJSON, len(in.FailoverRegions)),
		SampleConnections: sampleJSON{Solar: in.Solar},
		Hostnames:         slices.Clone(in.Hostnames),
		Links: []linkJSON{{
			Href: fmt.Sprintf("%s/api/atlas/v2/groups/%s/streams/%s", baseURL(r), in.GroupID, in.Name), Rel: "self",
		}},
	}
	if t.Hostnames == nil {
		t.Hostnames = []string{}
	}
	for i, r := range in.FailoverRegions {
		t.FailoverRegions[i] = regionJSON(r)
	}
	if withConnections {
		// The same connections as GET .../connections, in the same order
		// and with the same members, secrets absent; without links.
		conns := make([]json.RawMessage, len(in.Connections))
		for i := range in.Connections {
			conns[i] = h.connectionJSON(r, in, &in.Connections[i], false)
		}
		t.Connections = &conns
	}
	return t
}

// newObjectID makes a 24-hex identifier in the shape of a MongoDB ObjectId:
// a timestamp followed by random bytes.
func (h *Handler) newObjectID() string {
	b := make([]byte, 12)
	ts := uint32(h.opts.Now().Unix())
	b[0], b[1], b[2], b[3] = byte(ts>>24), byte(ts>>16), byte(ts>>8), byte(ts)
	h.rngMu.Lock()
	for i := 4; i < 12; i++ {
		b[i] = byte(h.rng.UintN(256))
	}
	h.rngMu.Unlock()
	return hex.EncodeToString(b)
}

func (h *Handler) hostname(id, region string) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	suffix := make([]byte, 5)
	h.rngMu.Lock()
	for i := range suffix {
		suffix[i] = letters[h.rng.IntN(len(letters))]
	}
	h.rngMu.Unlock()
	return fmt.Sprintf("atlas-stream-%s-%s.%s.a.query.mongodb.net", id, suffix, regionSlug(region))
}

// checkRegion appends the violations of a provider and region pair; field
// names are given because create nests them and update does not.
func checkRegion(vs []fieldViolation, provider, region *string, providerField, regionField string) []fieldViolation {
	providerOK := false
	switch {
	case provider == nil:
		vs = append(vs, fieldViolation{providerField, providerField + " is required; allowed values are " + quoteList(cloudProviders)})
	case slices.Contains(providersWithoutStreams, *provider):
		vs = append(vs, fieldViolation{providerField, fmt.Sprintf("%s %q has no stream processing regions; allowed values are %s", providerField, *provider, quoteList(cloudProviders))})
	case !slices.Contains(cloudProviders, *provider):
		vs = append(vs, fieldViolation{providerField, fmt.Sprintf("%s %q is not valid; allowed values are %s", providerField, *provider, quoteList(cloudProviders))})
	default:
		providerOK = true
	}
	switch {
	case region == nil:
		vs = append(vs, fieldViolation{regionField, regionField + " is required"})
	case providerOK && !validRegion(*provider, *region):
		vs = append(vs, fieldViolation{regionField, fmt.Sprintf("%s %q is not a %s stream processing region; allowed values are %s",
			regionField, *region, *provider, quoteList(streamRegions[*provider]))})
	}
	return vs
}

// checkTiers appends the violations of a tier and a max tier size: each
// must be a tier, and the tier may not be above the max. Either may be nil
// (absent from the request).
func checkTiers(vs []fieldViolation, tier, maxTier *string) []fieldViolation {
	if tier != nil && tierRank(*tier) < 0 {
		vs = append(vs, fieldViolation{"streamConfig.tier", fmt.Sprintf("streamConfig.tier %q is not valid; allowed values are %s", *tier, quoteList(tiers))})
	}
	if maxTier != nil && tierRank(*maxTier) < 0 {
		vs = append(vs, fieldViolation{"streamConfig.maxTierSize", fmt.Sprintf("streamConfig.maxTierSize %q is not valid; allowed values are %s", *maxTier, quoteList(tiers))})
	}
	if tier != nil && maxTier != nil && tierRank(*tier) >= 0 && tierRank(*maxTier) >= 0 && tierRank(*tier) > tierRank(*maxTier) {
		vs = append(vs, fieldViolation{"streamConfig.tier", fmt.Sprintf("streamConfig.tier %s is above streamConfig.maxTierSize %s", *tier, *maxTier)})
	}
	return vs
}

// checkFailover appends the violations of failover regions for an instance
// whose primary region is provider/region: each must have the primary's
// cloud provider, be one of its stream regions, and repeat neither the
// primary nor another entry.
func checkFailover(vs []fieldViolation, provider, region string, list []regionRequest) []fieldViolation {
	seen := map[string]int{}
	for i, fr := range list {
		pf, rf := fmt.Sprintf("failoverRegions[%d].cloudProvider", i), fmt.Sprintf("failoverRegions[%d].region", i)
		switch {
		case fr.CloudProvider == nil:
			vs = append(vs, fieldViolation{pf, pf + " is required and must match the primary region's cloud provider " + provider})
			continue
		case *fr.CloudProvider != provider:
			vs = append(vs, fieldViolation{pf, fmt.Sprintf("%s %q must match the primary region's cloud provider %s", pf, *fr.CloudProvider, provider)})
			continue
		}
		switch {
		case fr.Region == nil:
			vs = append(vs, fieldViolation{rf, rf + " is required"})
		case !validRegion(provider, *fr.Region):
			vs = append(vs, fieldViolation{rf, fmt.Sprintf("%s %q is not a %s stream processing region; allowed values are %s", rf, *fr.Region, provider, quoteList(streamRegions[provider]))})
		case *fr.Region == region:
			vs = append(vs, fieldViolation{rf, fmt.Sprintf("%s %s is the primary region; a failover region must be another one", rf, *fr.Region)})
		default:
			if j, dup := seen[*fr.Region]; dup {
				vs = append(vs, fieldViolation{rf, fmt.Sprintf("%s %s is already failoverRegions[%d]", rf, *fr.Region, j)})
			}
			seen[*fr.Region] = i
		}
	}
	return vs
}

// storedRegionsLoose converts failover regions as sent, missing fields
// empty, to compare them with stored ones.
func storedRegionsLoose(list []regionRequest) []Region {
	out := make([]Region, len(list))
	for i, fr := range list {
		if fr.CloudProvider != nil {
			out[i].CloudProvider = *fr.CloudProvider
		}
		if fr.Region != nil {
			out[i].Region = *fr.Region
		}
	}
	return out
}

// storedRegions converts validated failover regions for the store.
func storedRegions(list []regionRequest) []Region {
	out := make([]Region, len(list))
	for i, fr := range list {
		out[i] = Region{CloudProvider: *fr.CloudProvider, Region: *fr.Region}
	}
	return out
}

func nameViolation(name string) string {
	return fmt.Sprintf("name %q is not valid: it must start with a letter or digit and hold only letters, digits and hyphens, 1 to 64 characters", name)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	body, e := readBody(w, r)
	if e == nil {
		var req *createRequest
		if req, e = decodeCreate(body); e == nil {
			h.createDecoded(w, r, rt, flags, req)
			return
		}
	}
	h.writeError(w, r, e, flags.envelope)
}

func (h *Handler) createDecoded(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags, req *createRequest) {
	var vs []fieldViolation
	switch {
	case req.Name == nil || *req.Name == "":
		vs = append(vs, fieldViolation{"name", "name is required: letters, digits and hyphens, 1 to 64 characters"})
	case !namePattern.MatchString(*req.Name):
		vs = append(vs, fieldViolation{"name", nameViolation(*req.Name)})
	}
	if !req.HasRegion {
		vs = append(vs, fieldViolation{"dataProcessRegion", "dataProcessRegion is required, with cloudProvider (" + quoteList(cloudProviders) + ") and region"})
	} else {
		vs = checkRegion(vs, req.CloudProvider, req.Region, "dataProcessRegion.cloudProvider", "dataProcessRegion.region")
	}
	vs = checkTiers(vs, req.Tier, req.MaxTierSize)
	if req.FailoverRegions != nil && req.CloudProvider != nil && req.Region != nil {
		vs = checkFailover(vs, *req.CloudProvider, *req.Region, *req.FailoverRegions)
	}
	if len(vs) > 0 {
		h.writeError(w, r, violationsError("VALIDATION_ERROR", "Invalid attribute values", vs), flags.envelope)
		return
	}
	id := h.newObjectID()
	in := &Instance{
		ID: id, GroupID: rt.groupID, Name: *req.Name,
		CloudProvider: *req.CloudProvider, Region: *req.Region, Tier: DefaultTier,
		Hostnames: []string{h.hostname(id, *req.Region)},
	}
	if req.MaxTierSize != nil {
		in.MaxTierSize = *req.MaxTierSize
		if tierRank(in.MaxTierSize) < tierRank(in.Tier) {
			in.Tier = in.MaxTierSize
		}
	}
	if req.Tier != nil {
		in.Tier = *req.Tier
	}
	if req.FailoverRegions != nil {
		in.FailoverRegions = storedRegions(*req.FailoverRegions)
	}
	if req.Solar != nil && *req.Solar {
		in.Solar = true
		in.Connections = []Connection{h.solarConnection()}
	}
	saved, err := h.store.create(in)
	switch {
	case errors.Is(err, errExists):
		h.writeError(w, r, newAPIError(http.StatusConflict, "STREAM_TENANT_ALREADY_EXISTS",
			fmt.Sprintf("A stream instance named %s already exists in project %s.", in.Name, rt.groupID), rt.groupID, in.Name), flags.envelope)
	case err != nil:
		h.storageError(w, r, err, flags)
	default:
		h.write(w, http.StatusOK, h.toJSON(r, saved, true), flags)
	}
}

func (h *Handler) storageError(w http.ResponseWriter, r *http.Request, err error, flags queryFlags) {
	if h.opts.Logger != nil {
		h.opts.Logger.Printf("storage error: %v", err)
	}
	h.writeError(w, r, newAPIError(http.StatusInternalServerError, "UNEXPECTED_ERROR", "The change could not be saved."), flags.envelope)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	withConns := false
	if v := r.URL.Query().Get("includeConnections"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			h.writeError(w, r, violationsError("INVALID_QUERY_PARAMETER", "Invalid query parameters",
				[]fieldViolation{{"includeConnections", fmt.Sprintf("query parameter includeConnections must be true or false, got %q", v)}}), flags.envelope)
			return
		}
		withConns = b
	}
	in, err := h.store.get(rt.groupID, rt.name)
	if err != nil {
		h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
		return
	}
	h.write(w, http.StatusOK, h.toJSON(r, in, withConns), flags)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	q := r.URL.Query()
	var vs []fieldViolation
	intParam := func(name string, def, lo, hi int) int {
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
	perPage := intParam("itemsPerPage", 100, 1, 500)
	pageNum := intParam("pageNum", 1, 1, 0)
	if len(vs) > 0 {
		h.writeError(w, r, violationsError("INVALID_QUERY_PARAMETER", "Invalid query parameters", vs), flags.envelope)
		return
	}
	// A page far past the end must not overflow the offset.
	offset := math.MaxInt
	if pageNum-1 <= math.MaxInt/perPage {
		offset = (pageNum - 1) * perPage
	}
	items, total := h.store.page(rt.groupID, offset, perPage)
	page := &pageJSON{Results: make([]tenantJSON, 0, len(items)), TotalCount: total}
	pages := (total + perPage - 1) / perPage
	for _, in := range items {
		page.Results = append(page.Results, h.toJSON(r, in, true))
	}
	self := fmt.Sprintf("%s/api/atlas/v2/groups/%s/streams?itemsPerPage=%d&pageNum=%d", baseURL(r), rt.groupID, perPage, pageNum)
	page.Links = []linkJSON{{Href: self, Rel: "self"}}
	if pageNum < pages {
		page.Links = append(page.Links, linkJSON{Rel: "next",
			Href: fmt.Sprintf("%s/api/atlas/v2/groups/%s/streams?itemsPerPage=%d&pageNum=%d", baseURL(r), rt.groupID, perPage, pageNum+1)})
	}
	h.write(w, http.StatusOK, page, flags)
}

// errInvalid carries validation violations out of a store update.
type errInvalid struct{ e *apiError }

func (e errInvalid) Error() string { return e.e.Detail }

func (h *Handler) update(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	body, e := readBody(w, r)
	var req *updateRequest
	var status *processorStatusRequest
	if e == nil {
		req, e = decodeUpdate(body)
	}
	if e == nil {
		status, e = decodeProcessorStatus(body)
	}
	if e != nil {
		h.writeError(w, r, e, flags.envelope)
		return
	}
	in, err := h.store.update(rt.groupID, rt.name, func(in *Instance) error {
		var vs []fieldViolation
		if req.Name != nil && *req.Name != in.Name {
			vs = append(vs, fieldViolation{"name", fmt.Sprintf("name cannot change after creation (it is %q)", in.Name)})
		}
		provider, region := in.CloudProvider, in.Region
		if req.CloudProvider != nil {
			provider = *req.CloudProvider
		}
		if req.Region != nil {
			region = *req.Region
		}
		if req.CloudProvider != nil || req.Region != nil {
			vs = checkRegion(vs, &provider, &region, "cloudProvider", "region")
		}
		moved := provider != in.CloudProvider || region != in.Region
		switch {
		case req.FailoverRegions == nil:
			if moved && slices.Contains(in.FailoverRegions, Region{CloudProvider: provider, Region: region}) {
				vs = append(vs, fieldViolation{"region", fmt.Sprintf("region %s is one of the instance's failover regions; the primary region must be another one", region)})
			}
		case moved:
			vs = append(vs, fieldViolation{"failoverRegions", "failoverRegions cannot change in the same request as cloudProvider or region; send them one after the other"})
		case len(in.FailoverRegions) > 0:
			if !slices.Equal(storedRegionsLoose(*req.FailoverRegions), in.FailoverRegions) {
				vs = append(vs, fieldViolation{"failoverRegions", "failoverRegions are set once: they cannot change or be removed after they were set"})
			}
		default:
			vs = checkFailover(vs, provider, region, *req.FailoverRegions)
		}
		tier, maxTier := in.Tier, in.MaxTierSize
		if req.Tier != nil {
			tier = *req.Tier
		}
		if req.MaxTierSize != nil {
			maxTier = *req.MaxTierSize
		}
		if maxTier == "" {
			vs = checkTiers(vs, &tier, nil)
		} else {
			vs = checkTiers(vs, &tier, &maxTier)
		}
		if status != nil {
			// Checked against the failover regions this PATCH sets, if any.
			after := *in
			if req.FailoverRegions != nil && len(in.FailoverRegions) == 0 {
				after.FailoverRegions = storedRegions(*req.FailoverRegions)
			}
			vs = checkProcessorStatus(vs, &after, status, moved)
		}
		if len(vs) > 0 {
			return errInvalid{violationsError("VALIDATION_ERROR", "Invalid attribute values", vs)}
		}
		if moved {
			in.CloudProvider, in.Region = provider, region
			in.Hostnames = []string{h.hostname(in.ID, region)}
		}
		if req.FailoverRegions != nil && len(in.FailoverRegions) == 0 {
			in.FailoverRegions = storedRegions(*req.FailoverRegions)
		}
		in.Tier, in.MaxTierSize = tier, maxTier
		if status != nil {
			h.applyProcessorStatus(in, status)
		}
		return nil
	})
	var invalid errInvalid
	switch {
	case errors.As(err, &invalid):
		h.writeError(w, r, invalid.e, flags.envelope)
	case errors.Is(err, errNotFound):
		h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
	case err != nil:
		h.storageError(w, r, err, flags)
	default:
		h.write(w, http.StatusOK, h.toJSON(r, in, true), flags)
	}
}

// errHasProcessors refuses a delete of an instance that runs processors.
var errHasProcessors = errors.New("instance has stream processors")

func (h *Handler) delete(w http.ResponseWriter, r *http.Request, rt route, flags queryFlags) {
	var processors []string
	err := h.store.remove(rt.groupID, rt.name, h.opts.DeleteDelay, func(in *Instance) error {
		for _, p := range in.Processors {
			processors = append(processors, p.Name)
		}
		if len(processors) > 0 {
			return errHasProcessors
		}
		return nil
	})
	switch {
	case errors.Is(err, errNotFound):
		h.writeError(w, r, notFoundError(rt.groupID, rt.name), flags.envelope)
	case errors.Is(err, errHasProcessors):
		h.writeError(w, r, newAPIError(http.StatusForbidden, "STREAM_TENANT_HAS_STREAM_PROCESSORS",
			fmt.Sprintf("Stream instance %s in project %s still has stream processors (%s); delete them first.", rt.name, rt.groupID, quoteList(processors))), flags.envelope)
	case err != nil:
		h.storageError(w, r, err, flags)
	default:
		h.write(w, http.StatusAccepted, nil, flags)
	}
}

// Seed adds instances straight into the store, bypassing the API: for tests
// and demos that need a large or unusual project. Missing IDs and hostnames
// are filled in.
func (h *Handler) Seed(ins ...Instance) error {
	list := make([]*Instance, len(ins))
	for i := range ins {
		in := ins[i]
		if in.ID == "" {
			in.ID = h.newObjectID()
		}
		if in.Tier == "" {
			in.Tier = DefaultTier
		}
		if in.Hostnames == nil {
			in.Hostnames = []string{h.hostname(in.ID, in.Region)}
		}
		if in.Solar && in.Connections == nil {
			in.Connections = []Connection{h.solarConnection()}
		}
		list[i] = &in
	}
	return h.store.seed(list)
}

// Instances returns a project's instances as stored, in creation order,
// including those still inside their delete delay.
func (h *Handler) Instances(groupID string) []Instance {
	var out []Instance
	for _, in := range h.store.list(groupID) {
		out = append(out, *in)
	}
	return out
}
