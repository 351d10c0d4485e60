package atlas

// StreamInstance is a StreamsTenant as the API returns it. Unknown fields
// are ignored, so newer servers do not break the client.
type StreamInstance struct {
	ID                string             `json:"_id"`
	GroupID           string             `json:"groupId"`
	Name              string             `json:"name"`
	DataProcessRegion *DataProcessRegion `json:"dataProcessRegion"`
	StreamConfig      *StreamConfig      `json:"streamConfig"`
	// FailoverRegions is empty when the instance has none, whether the
	// server sent [] or left the member out.
	FailoverRegions   []DataProcessRegion `json:"failoverRegions"`
	SampleConnections *SampleConnections  `json:"sampleConnections"`
	Hostnames         []string            `json:"hostnames"`
	// Connections is nil when the server did not list them.
	Connections []Connection `json:"connections"`
}

// DataProcessRegion is where an instance runs.
type DataProcessRegion struct {
	CloudProvider string `json:"cloudProvider"`
	Region        string `json:"region"`
}

// StreamConfig holds the tier and the largest tier the instance's stream
// processors may use.
type StreamConfig struct {
	Tier        string `json:"tier,omitempty"`
	MaxTierSize string `json:"maxTierSize,omitempty"`
}

// SampleConnections asks for sample data sources.
type SampleConnections struct {
	Solar bool `json:"solar"`
}

// Connection is any connection of an instance. Every type carries name and
// type; the fields of particular types are not needed and are ignored.
type Connection struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	State string `json:"state,omitempty"`
}

// CreateRequest is the body of a create.
type CreateRequest struct {
	Name              string              `json:"name"`
	DataProcessRegion DataProcessRegion   `json:"dataProcessRegion"`
	StreamConfig      *StreamConfig       `json:"streamConfig,omitempty"`
	FailoverRegions   []DataProcessRegion `json:"failoverRegions,omitempty"`
	SampleConnections *SampleConnections  `json:"sampleConnections,omitempty"`
}

// UpdateRequest is the body of a PATCH: the provider and region sit at the
// root, not nested, as the API expects. FailoverRegions may be set only
// while the instance has none, and not together with a region change.
type UpdateRequest struct {
	CloudProvider   string              `json:"cloudProvider,omitempty"`
	Region          string              `json:"region,omitempty"`
	StreamConfig    *StreamConfig       `json:"streamConfig,omitempty"`
	FailoverRegions []DataProcessRegion `json:"failoverRegions,omitempty"`
}
