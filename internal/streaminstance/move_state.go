package streaminstance

import (
	"context"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The resource types of MongoDB's provider (registry address
// mongodb/mongodbatlas, or a mirror of it) that a moved block can bring
// over: the older instance and the newer workspace.
const (
	mongodbatlasInstance  = "mongodbatlas_stream_instance"
	mongodbatlasWorkspace = "mongodbatlas_stream_workspace"
)

// mongodbatlasState is what this provider takes from a state written by
// MongoDB's provider (schema version 0 of both resource types).
type mongodbatlasState struct {
	ID                string               `json:"id"`
	ProjectID         string               `json:"project_id"`
	InstanceName      string               `json:"instance_name"`
	WorkspaceName     string               `json:"workspace_name"`
	DataProcessRegion *mongodbatlasRegion  `json:"data_process_region"`
	FailoverRegions   []mongodbatlasRegion `json:"failover_regions"`
	StreamConfig      *struct {
		Tier        *string `json:"tier"`
		MaxTierSize *string `json:"max_tier_size"`
	} `json:"stream_config"`
	Hostnames []string `json:"hostnames"`
}

type mongodbatlasRegion struct {
	CloudProvider string `json:"cloud_provider"`
	Region        string `json:"region"`
}

// moveFromMongoDBAtlas converts the state of a mongodbatlas_stream_instance
// or mongodbatlas_stream_workspace. Any other source is not this mover's:
// it leaves the response empty, and Terraform says the move is not
// supported. sample_connections and connections are not in the source;
// the refresh that follows the move reads them.
func moveFromMongoDBAtlas(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src mongodbatlasState
	if !tfresource.ReadMoveSource(req, resp, &src, mongodbatlasInstance, mongodbatlasWorkspace) {
		return
	}
	nameAttr, name := "instance_name", src.InstanceName
	if req.SourceTypeName == mongodbatlasWorkspace {
		nameAttr, name = "workspace_name", src.WorkspaceName
	}
	if !tfresource.MoveNeeds(req, resp, "atlasmini_stream_instance", "instance", "<project_id>/<name>", [2]string{"project_id", src.ProjectID}, [2]string{nameAttr, name}) {
		return
	}
	m, d := src.model(ctx, name)
	resp.Diagnostics.Append(d...)
	if d.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, &m)...)
	setIdentity(resp.TargetIdentity, m.ProjectID, m.Name)
}

// model maps the source state onto this resource's attributes.
func (s mongodbatlasState) model(ctx context.Context, name string) (resourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := instanceModel{
		ID:                types.StringValue(s.ID),
		ProjectID:         types.StringValue(s.ProjectID),
		Name:              types.StringValue(name),
		DataProcessRegion: types.ObjectNull(regionAttrTypes),
		FailoverRegions:   types.ListNull(failoverRegionType),
		StreamConfig:      types.ObjectNull(streamConfigAttrTypes),
		SampleConnections: types.ObjectNull(sampleAttrTypes),
		Hostnames:         types.ListNull(types.StringType),
		Connections:       types.ListNull(connectionType),
	}
	if s.ID == "" {
		m.ID = types.StringNull()
	}
	region := func(r mongodbatlasRegion) types.Object {
		o, d := types.ObjectValue(regionAttrTypes, map[string]attr.Value{"cloud_provider": types.StringValue(r.CloudProvider), "region": types.StringValue(r.Region)})
		diags.Append(d...)
		return o
	}
	if s.DataProcessRegion != nil {
		m.DataProcessRegion = region(*s.DataProcessRegion)
	}
	if len(s.FailoverRegions) > 0 {
		elems := make([]attr.Value, len(s.FailoverRegions))
		for i, r := range s.FailoverRegions {
			elems[i] = region(r)
		}
		var d diag.Diagnostics
		m.FailoverRegions, d = types.ListValue(failoverRegionType, elems)
		diags.Append(d...)
	}
	if s.StreamConfig != nil {
		var d diag.Diagnostics
		m.StreamConfig, d = types.ObjectValue(streamConfigAttrTypes, map[string]attr.Value{
			"tier": types.StringPointerValue(s.StreamConfig.Tier), "max_tier_size": types.StringPointerValue(s.StreamConfig.MaxTierSize),
		})
		diags.Append(d...)
	}
	if s.Hostnames != nil {
		var d diag.Diagnostics
		m.Hostnames, d = types.ListValueFrom(ctx, types.StringType, s.Hostnames)
		diags.Append(d...)
	}
	return resourceModel{instanceModel: m, Timeouts: tfresource.NullTimeouts()}, diags
}
