package atlasmock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
)

// Built-in identities, used when no config is given. Docs and tests rely on
// these exact values.
const (
	DemoProjectID    = "65f0a1b2c3d4e5f60718293a"
	DemoProjectName  = "demo"
	OwnerPublicKey   = "mock-owner"
	OwnerPrivateKey  = "mock-owner-secret"
	ReaderPublicKey  = "mock-reader"
	ReaderPrivateKey = "mock-reader-secret"
	ServiceClientID  = "mdb_sa_id_mock"
	ServiceSecret    = "mdb_sa_sk_mock"
)

// Role names, as Atlas spells them.
const (
	RoleOrgOwner                   = "ORG_OWNER"
	RoleProjectOwner               = "GROUP_OWNER"
	RoleProjectDataAccessAdmin     = "GROUP_DATA_ACCESS_ADMIN"
	RoleProjectStreamProcessingOwn = "GROUP_STREAM_PROCESSING_OWNER"
	RoleProjectStreamProcessingMgr = "GROUP_STREAM_PROCESSING_MANAGER"
	RoleProjectReadOnly            = "GROUP_READ_ONLY"
	// RoleOrgStreamProcessingAdmin may write in every project of its
	// organization, as ORG_OWNER may.
	RoleOrgStreamProcessingAdmin = "ORG_STREAM_PROCESSING_ADMIN"
)

// projectRoles are the roles a config may grant on a project.
var projectRoles = []string{
	RoleProjectOwner, RoleProjectDataAccessAdmin, RoleProjectStreamProcessingOwn, RoleProjectStreamProcessingMgr, RoleProjectReadOnly,
	"GROUP_DATA_ACCESS_READ_WRITE", "GROUP_DATA_ACCESS_READ_ONLY", "GROUP_CLUSTER_MANAGER", "GROUP_SEARCH_INDEX_EDITOR",
}

// writeRoles may create, update and delete stream instances, connections
// and processors, and start and stop processors.
var writeRoles = []string{RoleProjectOwner, RoleProjectDataAccessAdmin, RoleProjectStreamProcessingOwn, RoleProjectStreamProcessingMgr}

// Config is the set of projects and identities the mock accepts.
type Config struct {
	Projects        []Project        `json:"projects"`
	APIKeys         []APIKey         `json:"apiKeys"`
	ServiceAccounts []ServiceAccount `json:"serviceAccounts"`
}

// Project is an Atlas project (a group).
type Project struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	OrgID string `json:"orgId,omitempty"`
	// Clusters, when listed, are the only cluster names a Cluster
	// connection of this project may name; otherwise any valid name is
	// taken. Clusters with a provider also gate Private Link endpoints:
	// one on a provider needs a cluster there.
	Clusters []Cluster `json:"clusters,omitempty"`
	// VPCPeeringRequests are incoming VPC peering requests present at
	// start, as the /_mock seeding hook would add them.
	VPCPeeringRequests []PeeringRequest `json:"vpcPeeringRequests,omitempty"`
}

// Cluster is an Atlas cluster of a project: a name, or an object with a
// name and a cloud provider.
type Cluster struct {
	Name     string `json:"name"`
	Provider string `json:"provider,omitempty"`
}

// UnmarshalJSON takes a cluster as a plain name or as {name, provider}.
func (c *Cluster) UnmarshalJSON(data []byte) error {
	var name string
	if json.Unmarshal(data, &name) == nil {
		*c = Cluster{Name: name}
		return nil
	}
	type plain Cluster
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode((*plain)(c))
}

// clusterNames lists a project's cluster names.
func (p Project) clusterNames() []string {
	names := make([]string, len(p.Clusters))
	for i, c := range p.Clusters {
		names[i] = c.Name
	}
	return names
}

// RoleAssignment grants a role on a project (projectId) or on an
// organization (orgId, for ORG_OWNER).
type RoleAssignment struct {
	ProjectID string `json:"projectId,omitempty"`
	OrgID     string `json:"orgId,omitempty"`
	Role      string `json:"role"`
}

// APIKey is a programmatic API key, used with HTTP digest.
type APIKey struct {
	PublicKey  string           `json:"publicKey"`
	PrivateKey string           `json:"privateKey"`
	Roles      []RoleAssignment `json:"roles"`
}

// ServiceAccount is an OAuth client, used with client credentials.
type ServiceAccount struct {
	ClientID     string           `json:"clientId"`
	ClientSecret string           `json:"clientSecret"`
	Roles        []RoleAssignment `json:"roles"`
}

// DefaultConfig returns the built-in identities.
func DefaultConfig() Config {
	return Config{
		Projects: []Project{{ID: DemoProjectID, Name: DemoProjectName, OrgID: "65f0a1b2c3d4e5f607180000"}},
		APIKeys: []APIKey{
			{PublicKey: OwnerPublicKey, PrivateKey: OwnerPrivateKey, Roles: []RoleAssignment{{ProjectID: DemoProjectID, Role: RoleProjectOwner}}},
			{PublicKey: ReaderPublicKey, PrivateKey: ReaderPrivateKey, Roles: []RoleAssignment{{ProjectID: DemoProjectID, Role: RoleProjectReadOnly}}},
		},
		ServiceAccounts: []ServiceAccount{
			{ClientID: ServiceClientID, ClientSecret: ServiceSecret, Roles: []RoleAssignment{{ProjectID: DemoProjectID, Role: RoleProjectOwner}}},
		},
	}
}

// LoadConfig reads a JSON config file and validates it.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("reading config: %w", err)
	}
	return ParseConfig(data)
}

// ParseConfig decodes and validates a JSON config; unknown fields are an
// error so that a typo does not silently drop an identity.
func ParseConfig(data []byte) (Config, error) {
	var cfg Config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return Config{}, fmt.Errorf("config is not valid JSON of the expected shape: %w", err)
	}
	if dec.More() {
		return Config{}, errors.New("config has data after its JSON object")
	}
	return cfg, cfg.Validate()
}

// Validate checks that every project ID is well formed and unique, that
// every identity has credentials, and that every role names a known role and
// a known project or organization.
func (c Config) Validate() error {
	var errs []error
	projects := map[string]bool{}
	orgs := map[string]bool{}
	if len(c.Projects) == 0 {
		errs = append(errs, errors.New("config: projects: at least one project is required"))
	}
	for i, p := range c.Projects {
		if !groupIDPattern.MatchString(p.ID) {
			errs = append(errs, fmt.Errorf("config: projects[%d].id %q must be 24 lower-case hexadecimal characters", i, p.ID))
		}
		if projects[p.ID] {
			errs = append(errs, fmt.Errorf("config: projects[%d].id %q is listed twice", i, p.ID))
		}
		projects[p.ID] = true
		if p.OrgID != "" {
			orgs[p.OrgID] = true
		}
		for j, c := range p.Clusters {
			if c.Provider != "" && !slices.Contains(cloudProviders, c.Provider) {
				errs = append(errs, fmt.Errorf("config: projects[%d].clusters[%d].provider %q must be one of %s", i, j, c.Provider, quoteList(cloudProviders)))
			}
		}
		for j, q := range p.VPCPeeringRequests {
			for _, v := range q.check() {
				errs = append(errs, fmt.Errorf("config: projects[%d].vpcPeeringRequests[%d]: %s", i, j, v.Description))
			}
		}
	}
	checkRoles := func(where string, roles []RoleAssignment) {
		if len(roles) == 0 {
			errs = append(errs, fmt.Errorf("config: %s.roles: at least one role is required", where))
		}
		for j, r := range roles {
			at := fmt.Sprintf("%s.roles[%d]", where, j)
			switch {
			case r.Role == RoleOrgOwner || r.Role == RoleOrgStreamProcessingAdmin:
				if !orgs[r.OrgID] {
					errs = append(errs, fmt.Errorf("config: %s: %s needs an orgId that a project names, got %q", at, r.Role, r.OrgID))
				}
			case slices.Contains(projectRoles, r.Role):
				if !projects[r.ProjectID] {
					errs = append(errs, fmt.Errorf("config: %s: projectId %q is not a project of this config", at, r.ProjectID))
				}
			default:
				errs = append(errs, fmt.Errorf("config: %s: unknown role %q; allowed: %s", at, r.Role, quoteList(append([]string{RoleOrgOwner, RoleOrgStreamProcessingAdmin}, projectRoles...))))
			}
		}
	}
	seen := map[string]bool{}
	for i, k := range c.APIKeys {
		where := fmt.Sprintf("apiKeys[%d]", i)
		if k.PublicKey == "" || k.PrivateKey == "" {
			errs = append(errs, fmt.Errorf("config: %s: publicKey and privateKey are required", where))
		}
		if seen[k.PublicKey] {
			errs = append(errs, fmt.Errorf("config: %s: publicKey %q is listed twice", where, k.PublicKey))
		}
		seen[k.PublicKey] = true
		checkRoles(where, k.Roles)
	}
	for i, s := range c.ServiceAccounts {
		where := fmt.Sprintf("serviceAccounts[%d]", i)
		if s.ClientID == "" || s.ClientSecret == "" {
			errs = append(errs, fmt.Errorf("config: %s: clientId and clientSecret are required", where))
		}
		if seen[s.ClientID] {
			errs = append(errs, fmt.Errorf("config: %s: clientId %q is listed twice", where, s.ClientID))
		}
		seen[s.ClientID] = true
		checkRoles(where, s.Roles)
	}
	if len(c.APIKeys)+len(c.ServiceAccounts) == 0 {
		errs = append(errs, errors.New("config: at least one API key or service account is required"))
	}
	return errors.Join(errs...)
}

// identity is an authenticated caller.
type identity struct {
	name  string
	roles []RoleAssignment
}

// projectRole returns the caller's access to a project: whether it may read
// and whether it may write.
func (id *identity) access(p Project) (read, write bool) {
	for _, r := range id.roles {
		switch {
		case r.Role == RoleOrgOwner && p.OrgID != "" && r.OrgID == p.OrgID:
			return true, true
		case r.ProjectID == p.ID:
			read = true
			if slices.Contains(writeRoles, r.Role) {
				write = true
			}
		}
	}
	return read, write
}
