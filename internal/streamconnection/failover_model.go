package streamconnection

import (
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// failoverModel is the Terraform state of a failover connection, shared
// by the resource and the data sources.
type failoverModel struct {
	ID             types.String `tfsdk:"id"`
	ProjectID      types.String `tfsdk:"project_id"`
	InstanceName   types.String `tfsdk:"instance_name"`
	ConnectionName types.String `tfsdk:"connection_name"`
	Region         types.String `tfsdk:"region"`
	Type           types.String `tfsdk:"type"`
	State          types.String `tfsdk:"state"`
	Kafka          types.Object `tfsdk:"kafka"`
	Cluster        types.Object `tfsdk:"cluster"`
}

// failoverResourceModel adds the resource's timeouts.
type failoverResourceModel struct {
	failoverModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// failoverType is the type a failover connection's settings say: Kafka
// when kafka is set, Cluster when cluster is, unknown when neither is
// known yet.
func failoverType(m failoverModel) types.String {
	switch {
	case !m.Kafka.IsNull() && !m.Kafka.IsUnknown():
		return types.StringValue("Kafka")
	case !m.Cluster.IsNull() && !m.Cluster.IsUnknown():
		return types.StringValue("Cluster")
	case m.Type.IsNull() || m.Type.IsUnknown():
		return types.StringUnknown()
	}
	return m.Type
}

// connection is the failover connection as a connection of its type: the
// name is the connection's, the region its own. The connection's
// converters and rules then serve it unchanged.
func (m failoverModel) connection() connectionModel {
	c := connectionModel{ID: m.ID, ProjectID: m.ProjectID, InstanceName: m.InstanceName, Name: m.ConnectionName, Type: failoverType(m), State: m.State, Region: m.Region}
	c.nullTyped()
	c.Kafka, c.Cluster = m.Kafka, m.Cluster
	if c.Kafka.IsNull() {
		c.Kafka = types.ObjectNull(kafkaType.AttrTypes)
	}
	if c.Cluster.IsNull() {
		c.Cluster = types.ObjectNull(clusterType.AttrTypes)
	}
	return c
}

// failoverToAPI builds the whole failover connection a create or an
// update sends (see toAPI: name, type, region and every setting, the
// configuration's secrets included).
func failoverToAPI(m failoverModel, wo writeOnly, update bool) atlas.StreamConnection {
	return toAPI(m.connection(), wo, update)
}

// failoverFromAPI converts a failover connection from the API. prior
// supplies the project, instance and connection, and the secrets the API
// never returns.
func failoverFromAPI(in *atlas.StreamConnection, prior failoverModel) failoverModel {
	c := fromAPI(in, prior.connection())
	m := failoverModel{
		ID: types.StringValue(in.ID), ProjectID: prior.ProjectID, InstanceName: prior.InstanceName, ConnectionName: prior.ConnectionName,
		Region: c.Region, Type: c.Type, State: c.State, Kafka: c.Kafka, Cluster: c.Cluster,
	}
	if in.ID == "" {
		m.ID = prior.ID
	}
	if m.Region.IsNull() {
		m.Region = prior.Region
	}
	if m.ConnectionName.IsNull() || m.ConnectionName.IsUnknown() {
		m.ConnectionName = types.StringValue(in.Name)
	}
	return m
}

// failoverObject names a failover connection in messages.
func failoverObject(m failoverModel) tfresource.Object {
	return tfresource.Object{Kind: tfresource.FailoverKind, ProjectID: m.ProjectID.ValueString(), Instance: m.InstanceName.ValueString(), Name: m.ConnectionName.ValueString()}
}
