package streamconnection

import (
	"context"
	"encoding/json"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// mongodbatlasFailover is MongoDB's provider's failover connection type,
// which a moved block can bring over.
const mongodbatlasFailover = "mongodbatlas_stream_connection_failover"

// mongodbatlasFailoverState is what this provider takes from a state of
// mongodbatlas_stream_connection_failover: a connection's flat attributes
// (read as mongodbatlasState reads them), its region and its id.
type mongodbatlasFailoverState struct {
	mongodbatlasState
	Region               string `json:"region"`
	State                string `json:"state"`
	FailoverConnectionID string `json:"failover_connection_id"`
}

// mongodbatlasMutualTLS is the mutual TLS members of the source's
// authentication, which MongoDB's failover connection has and its
// connection does not.
type mongodbatlasMutualTLS struct {
	Authentication *struct {
		SSLCertificate string `json:"ssl_certificate"`
		SSLKey         string `json:"ssl_key"`
		SSLKeyPassword string `json:"ssl_key_password"`
	} `json:"authentication"`
}

// moveFailoverFromMongoDBAtlas converts the state of a
// mongodbatlas_stream_connection_failover; any other source is not this
// mover's. Its secrets become the sensitive forms here, as the
// configuration that moved them over writes them; the refresh that follows
// reads the rest.
func moveFailoverFromMongoDBAtlas(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src mongodbatlasFailoverState
	if !tfresource.ReadMoveSource(req, resp, &src, mongodbatlasFailover) {
		return
	}
	o, ok := src.Child(req, resp, tfresource.FailoverKind, "connection_name", src.ConnectionName,
		[2]string{"failover_connection_id", src.FailoverConnectionID}, [2]string{"region", src.Region})
	if !ok {
		return
	}
	var tls mongodbatlasMutualTLS
	_ = json.Unmarshal(req.SourceRawState.JSON, &tls) // Read once already: it is JSON.
	in := src.asAPI()
	in.ID, in.Region, in.State = src.FailoverConnectionID, src.Region, src.State
	if a := tls.Authentication; a != nil && in.Authentication != nil {
		in.Authentication.SSLCertificate = a.SSLCertificate
	}
	prior := failoverModel{ProjectID: types.StringValue(o.ProjectID), InstanceName: types.StringValue(o.Instance), ConnectionName: types.StringValue(o.Name),
		Kafka: types.ObjectNull(kafkaType.AttrTypes), Cluster: types.ObjectNull(clusterType.AttrTypes)}
	m := failoverFromAPI(in, prior)
	c := m.connection()
	keepSecrets(&c, src.mongodbatlasState)
	if a := tls.Authentication; a != nil && tfresource.Known(c.Kafka) {
		attrs := c.Kafka.Attributes()
		auth := objectAttr(c.Kafka, "authentication")
		if tfresource.Known(auth) {
			authAttrs := auth.Attributes()
			for name, v := range map[string]string{"ssl_key": a.SSLKey, "ssl_key_password": a.SSLKeyPassword} {
				if v != "" {
					authAttrs[name] = types.StringValue(v)
				}
			}
			attrs["authentication"] = types.ObjectValueMust(kafkaAuthType.AttrTypes, authAttrs)
			c.Kafka = types.ObjectValueMust(kafkaType.AttrTypes, attrs)
		}
	}
	m.Kafka = c.Kafka
	resp.Diagnostics.Append(failoverCodec().SetState(ctx, &resp.TargetState, failoverResourceModel{failoverModel: m, Timeouts: tfresource.NullTimeouts()})...)
	setFailoverIdentity(resp.TargetIdentity, m)
}
