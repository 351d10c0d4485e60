package atlasmock

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Instance is a stored stream instance.
type Instance struct {
	ID            string `json:"id"`
	GroupID       string `json:"groupId"`
	Name          string `json:"name"`
	CloudProvider string `json:"cloudProvider"`
	Region        string `json:"region"`
	Tier          string `json:"tier"`
	// MaxTierSize caps the tier of the instance's stream processors; empty
	// when never set.
	MaxTierSize string `json:"maxTierSize,omitempty"`
	// FailoverRegions are the regions the instance can move to; set once.
	FailoverRegions []Region `json:"failoverRegions,omitempty"`
	Solar           bool     `json:"solar"`
	Hostnames       []string `json:"hostnames"`
	// Connections are the instance's connections in creation order. State
	// files written before connections had their own endpoints hold only
	// name and type; they load as they are.
	Connections []Connection `json:"connections,omitempty"`
	// Processors are the instance's stream processors in creation order; a
	// delete of the instance is refused while it has any.
	Processors []Processor `json:"streamProcessors,omitempty"`
	// Seq orders instances by creation.
	Seq uint64 `json:"seq"`
	// DeleteAt is set once a delete was accepted: the instance stays visible
	// and its name taken until then.
	DeleteAt *time.Time `json:"deleteAt,omitempty"`
}

// Region is a cloud provider and one of its stream regions.
type Region struct {
	CloudProvider string `json:"cloudProvider"`
	Region        string `json:"region"`
}

// clone returns a copy that callers may change without touching the
// store: its slices are its own, and so are the connections and
// processors in them, as values. What those hold (a connection's members,
// a processor's pipeline and DLQ) is shared and never changed in place: a
// change replaces it, or clones the connection or processor first. So a
// request costs a copy of the instance's lists, not of everything in it.
func (in *Instance) clone() *Instance {
	c := *in
	c.Hostnames = slices.Clone(in.Hostnames)
	c.FailoverRegions = slices.Clone(in.FailoverRegions)
	c.Connections = slices.Clone(in.Connections)
	c.Processors = slices.Clone(in.Processors)
	if in.DeleteAt != nil {
		t := *in.DeleteAt
		c.DeleteAt = &t
	}
	return &c
}

// errExists and errNotFound are the store's outcomes that become 409 and 404.
var (
	errExists   = errors.New("instance exists")
	errNotFound = errors.New("instance not found")
)

// store holds the instances of every project, optionally persisted to a
// file. Every mutation is written atomically before it is acknowledged.
type store struct {
	now  func() time.Time
	path string

	mu        sync.Mutex
	instances map[string]map[string]*Instance // groupId -> name -> instance
	// links and peerings are the project-level Private Link endpoints and
	// VPC peerings, per groupId, in creation order.
	links    map[string][]*PrivateLink
	peerings map[string][]*Peering
	seq      uint64
	// pending counts instances waiting out a delete delay, so that reap
	// costs nothing in the common case.
	pending int
}

type persisted struct {
	Version      int            `json:"version"`
	Seq          uint64         `json:"seq"`
	Instances    []*Instance    `json:"instances"`
	PrivateLinks []*PrivateLink `json:"privateLinks,omitempty"`
	Peerings     []*Peering     `json:"vpcPeerings,omitempty"`
}

func newStore(path string, now func() time.Time) (*store, error) {
	s := &store{now: now, path: path, instances: map[string]map[string]*Instance{},
		links: map[string][]*PrivateLink{}, peerings: map[string][]*Peering{}}
	if path == "" {
		return s, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading state: %w", err)
	}
	var p persisted
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("state file %s is not valid: %w", path, err)
	}
	s.seq = p.Seq
	for _, in := range p.Instances {
		if in == nil || in.GroupID == "" || in.Name == "" {
			return nil, fmt.Errorf("state file %s holds an instance without groupId or name", path)
		}
		s.project(in.GroupID)[in.Name] = in
		s.seq = max(s.seq, in.Seq)
		if in.DeleteAt != nil {
			s.pending++
		}
	}
	for _, l := range p.PrivateLinks {
		if l == nil || l.GroupID == "" || l.ID == "" {
			return nil, fmt.Errorf("state file %s holds a Private Link endpoint without groupId or _id", path)
		}
		s.links[l.GroupID] = append(s.links[l.GroupID], l)
	}
	for _, pc := range p.Peerings {
		if pc == nil || pc.GroupID == "" || pc.ID == "" {
			return nil, fmt.Errorf("state file %s holds a VPC peering without groupId or _id", path)
		}
		s.peerings[pc.GroupID] = append(s.peerings[pc.GroupID], pc)
	}
	return s, nil
}

// project returns the instances of a project; the caller holds mu.
func (s *store) project(groupID string) map[string]*Instance {
	m := s.instances[groupID]
	if m == nil {
		m = map[string]*Instance{}
		s.instances[groupID] = m
	}
	return m
}

// reap drops the instances of a project whose delete delay has passed; the
// caller holds mu. It reports whether anything was dropped.
func (s *store) reap(groupID string) bool {
	if s.pending == 0 {
		return false
	}
	now := s.now()
	dropped := false
	for name, in := range s.instances[groupID] {
		if in.DeleteAt != nil && !now.Before(*in.DeleteAt) {
			delete(s.instances[groupID], name)
			s.pending--
			dropped = true
		}
	}
	return dropped
}

// create stores in, assigning its sequence number, unless the name is taken.
func (s *store) create(in *Instance) (*Instance, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	reaped := s.reap(in.GroupID)
	m := s.project(in.GroupID)
	if _, ok := m[in.Name]; ok {
		if reaped {
			_ = s.saveLocked()
		}
		return nil, errExists
	}
	s.seq++
	in = in.clone()
	in.Seq = s.seq
	m[in.Name] = in
	if err := s.saveLocked(); err != nil {
		delete(m, in.Name)
		return nil, err
	}
	return in.clone(), nil
}

// get returns a copy of one instance.
func (s *store) get(groupID, name string) (*Instance, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reap(groupID)
	in, ok := s.instances[groupID][name]
	if !ok {
		return nil, errNotFound
	}
	return in.clone(), nil
}

// list returns copies of a project's instances in creation order.
func (s *store) list(groupID string) []*Instance {
	out, _ := s.page(groupID, 0, -1)
	return out
}

// page returns copies of up to limit (all when negative) of a project's
// instances in creation order, starting at offset, and how many the
// project has. Only the instances on the page are copied.
func (s *store) page(groupID string, offset, limit int) ([]*Instance, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reap(groupID)
	all := make([]*Instance, 0, len(s.instances[groupID]))
	for _, in := range s.instances[groupID] {
		all = append(all, in)
	}
	slices.SortFunc(all, func(a, b *Instance) int { return cmp.Compare(a.Seq, b.Seq) })
	end := len(all)
	if limit >= 0 && offset <= len(all) {
		end = min(offset+limit, len(all))
	}
	var out []*Instance
	if offset < end {
		out = make([]*Instance, 0, end-offset)
		for _, in := range all[offset:end] {
			out = append(out, in.clone())
		}
	}
	return out, len(all)
}

// update applies change to a copy of the instance and stores it if change
// returns no error; the returned error of change is passed through.
func (s *store) update(groupID, name string, change func(*Instance) error) (*Instance, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reap(groupID)
	cur, ok := s.instances[groupID][name]
	if !ok {
		return nil, errNotFound
	}
	next := cur.clone()
	if err := change(next); err != nil {
		return nil, err
	}
	s.instances[groupID][name] = next
	if err := s.saveLocked(); err != nil {
		s.instances[groupID][name] = cur
		return nil, err
	}
	return next.clone(), nil
}

// remove deletes an instance at once, or marks it to vanish after delay;
// either way the change is written once, under one lock.
func (s *store) remove(groupID, name string, delay time.Duration, check func(*Instance) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reap(groupID)
	cur, ok := s.instances[groupID][name]
	if !ok {
		return errNotFound
	}
	if err := check(cur); err != nil {
		return err
	}
	pendingBefore := s.pending
	switch {
	case delay <= 0:
		delete(s.instances[groupID], name)
		if cur.DeleteAt != nil {
			s.pending--
		}
	case cur.DeleteAt != nil:
		return nil // Already deleting: nothing changes.
	default:
		next := cur.clone()
		t := s.now().Add(delay)
		next.DeleteAt = &t
		s.instances[groupID][name] = next
		s.pending++
	}
	if err := s.saveLocked(); err != nil {
		s.instances[groupID][name], s.pending = cur, pendingBefore
		return err
	}
	return nil
}

// fillConnectionIDs gives an id to each connection that has none (state
// files written before connections had their own endpoints) and saves the
// store when it did.
func (s *store) fillConnectionIDs(newID func() string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	filled := false
	for _, m := range s.instances {
		for _, in := range m {
			for i := range in.Connections {
				if in.Connections[i].ID == "" {
					in.Connections[i].ID = newID()
					filled = true
				}
			}
		}
	}
	if !filled {
		return nil
	}
	return s.saveLocked()
}

// Seed adds instances directly, bypassing the API; for tests and demos.
func (s *store) seed(ins []*Instance) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, in := range ins {
		s.seq++
		c := in.clone()
		c.Seq = s.seq
		s.project(c.GroupID)[c.Name] = c
		if c.DeleteAt != nil {
			s.pending++
		}
	}
	return s.saveLocked()
}

// saveLocked writes the whole store atomically: a temporary file in the same
// directory, fsync, rename, fsync of the directory. The caller holds mu.
func (s *store) saveLocked() error {
	if s.path == "" {
		return nil
	}
	p := persisted{Version: 1, Seq: s.seq}
	for _, m := range s.instances {
		for _, in := range m {
			p.Instances = append(p.Instances, in)
		}
	}
	slices.SortFunc(p.Instances, func(a, b *Instance) int {
		return strings.Compare(a.GroupID+"/"+a.Name, b.GroupID+"/"+b.Name)
	})
	for _, g := range slices.Sorted(maps.Keys(s.links)) {
		p.PrivateLinks = append(p.PrivateLinks, s.links[g]...)
	}
	for _, g := range slices.Sorted(maps.Keys(s.peerings)) {
		p.Peerings = append(p.Peerings, s.peerings[g]...)
	}
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(s.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing state: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, s.path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("writing state: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// projectNetwork is the project-level networking of one project, as
// store.network hands it to a change: copies of the endpoints and peerings
// that the change may edit, and the project's instances, read-only.
type projectNetwork struct {
	Links     []*PrivateLink
	Peerings  []*Peering
	Instances map[string]*Instance
}

// network runs f on the project's networking under the store's lock, after
// dropping the endpoints and peerings whose removal has completed. When
// write is set and f succeeds, what f left becomes the stored state and is
// saved; otherwise nothing f did is kept.
func (s *store) network(groupID string, write bool, f func(*projectNetwork) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reap(groupID)
	pruned := s.pruneNetwork(groupID)
	next := &projectNetwork{Instances: s.instances[groupID]}
	for _, l := range s.links[groupID] {
		next.Links = append(next.Links, l.clone())
	}
	for _, p := range s.peerings[groupID] {
		next.Peerings = append(next.Peerings, p.clone())
	}
	if err := f(next); err != nil {
		if pruned {
			_ = s.saveLocked()
		}
		return err
	}
	if !write {
		if pruned {
			_ = s.saveLocked()
		}
		return nil
	}
	links, peerings := s.links[groupID], s.peerings[groupID]
	s.links[groupID], s.peerings[groupID] = next.Links, next.Peerings
	if err := s.saveLocked(); err != nil {
		s.links[groupID], s.peerings[groupID] = links, peerings
		return err
	}
	return nil
}

// pruneNetwork drops the endpoints and peerings whose removal time has
// passed; the caller holds mu. It reports whether anything was dropped.
func (s *store) pruneNetwork(groupID string) bool {
	now := s.now()
	gone := func(t *time.Time) bool { return t != nil && !now.Before(*t) }
	linkGone := func(l *PrivateLink) bool { return gone(l.GoneAt) }
	peeringGone := func(p *Peering) bool { return gone(p.GoneAt) }
	pruned := false
	// The lists are copied only when something goes: most requests drop
	// nothing.
	if slices.ContainsFunc(s.links[groupID], linkGone) {
		s.links[groupID], pruned = slices.DeleteFunc(slices.Clone(s.links[groupID]), linkGone), true
	}
	if slices.ContainsFunc(s.peerings[groupID], peeringGone) {
		s.peerings[groupID], pruned = slices.DeleteFunc(slices.Clone(s.peerings[groupID]), peeringGone), true
	}
	return pruned
}

// linkLocked returns a project's endpoint by id, or nil; the caller holds
// mu (a change passed to store.update runs with it held).
func (s *store) linkLocked(groupID, id string) *PrivateLink {
	now := s.now()
	for _, l := range s.links[groupID] {
		if l.ID == id && (l.GoneAt == nil || now.Before(*l.GoneAt)) {
			return l
		}
	}
	return nil
}

// nextSeq hands out the creation order of a new object; the caller holds mu.
func (s *store) nextSeq() uint64 {
	s.seq++
	return s.seq
}
