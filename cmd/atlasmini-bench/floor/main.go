// Command floor is the do-nothing provider that atlasmini-bench measures
// atlasmini against: what any plugin pays for its own process, gRPC and the
// plugin framework. It serves atlasmini_stream_instance,
// atlasmini_stream_connection, atlasmini_stream_processor,
// atlasmini_stream_privatelink_endpoint, atlasmini_stream_vpc_peering_accepter
// and atlasmini_stream_connection_failover with the real resources' schemas and
// identity schemas (validators off), built and logged as the release is,
// but its Create fills the computed values locally and its Read, Update
// and Delete make no call. It is not shipped.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log"

	atlasmini "github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streamconnection"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streaminstance"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streampeering"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streamprivatelink"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streamprocessor"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func main() {
	// ATLASMINI_CPUPROFILE works as in the provider, so that both
	// profiles can be compared.
	stopProfile := atlasmini.ProfileCPU()
	defer stopProfile()
	atlasmini.QuietUnlessLogging()
	err := providerserver.Serve(context.Background(), func() provider.Provider { return floorProvider{real: atlasmini.New("floor")()} },
		providerserver.ServeOpts{Address: "registry.terraform.io/atlasmini/atlasmini"})
	if err != nil {
		stopProfile()
		log.Fatal(err)
	}
}

// floorProvider has atlasmini's settings and configures nothing.
type floorProvider struct{ real provider.Provider }

func (p floorProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

func (p floorProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return floorResource{real: streaminstance.NewResource()} },
		func() resource.Resource {
			return floorFilled{floorResource{real: streamconnection.NewResource()}, identityNames, map[string]string{"state": "READY"}}
		},
		func() resource.Resource { return floorProcessor{floorResource{real: streamprocessor.NewResource()}} },
		func() resource.Resource {
			return floorFilled{floorResource{real: streamprivatelink.NewResource()}, []string{"project_id", "id"}, map[string]string{"state": "DONE"}}
		},
		func() resource.Resource {
			return floorFilled{floorResource{real: streampeering.NewResource()}, []string{"project_id", "vpc_peering_connection_id"},
				map[string]string{"local_status": "ACTIVE", "cloud_status": "active"}}
		},
		func() resource.Resource {
			return floorFilled{floorResource{real: streamconnection.NewFailoverResource()}, []string{"project_id", "instance_name", "connection_name", "id"},
				map[string]string{"state": "READY", "type": "Kafka"}}
		},
	}
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// floorResource has the real resource's name and schemas.
type floorResource struct{ real resource.Resource }

var _ resource.ResourceWithIdentity = floorResource{}

func (r floorResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r floorResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
	resp.Schema.Attributes = withoutValidators(resp.Schema.Attributes)
}

func (r floorResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	if ri, ok := r.real.(resource.ResourceWithIdentity); ok {
		ri.IdentitySchema(ctx, req, resp)
	}
}

// withoutValidators copies attributes with their validators removed, at
// every depth.
func withoutValidators(in map[string]schema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		switch a := a.(type) {
		case schema.StringAttribute:
			a.Validators = nil
			out[name] = a
		case schema.BoolAttribute:
			a.Validators = nil
			out[name] = a
		case schema.ListAttribute:
			a.Validators = nil
			out[name] = a
		case schema.MapAttribute:
			a.Validators = nil
			out[name] = a
		case schema.Int64Attribute:
			a.Validators = nil
			out[name] = a
		case schema.SingleNestedAttribute:
			a.Validators = nil
			a.Attributes = withoutValidators(a.Attributes)
			out[name] = a
		case schema.ListNestedAttribute:
			a.Validators = nil
			a.NestedObject.Attributes = withoutValidators(a.NestedObject.Attributes)
			out[name] = a
		default:
			out[name] = a
		}
	}
	return out
}

// Create makes up what the API would answer: an id, a hostname, no
// connections, and the default tier when none was given.
func (floorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	id := hex.EncodeToString(b)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("hostnames"), []string{"atlas-stream-" + id + "-floor.virginia-usa.a.query.mongodb.net"})...)
	var conns types.List
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("connections"), &conns)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("connections"), types.ListValueMust(conns.ElementType(ctx), []attr.Value{}))...)
	var sc types.Object
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("stream_config"), &sc)...)
	if sc.IsUnknown() || sc.IsNull() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("stream_config"), types.ObjectValueMust(sc.AttributeTypes(ctx), map[string]attr.Value{
			"tier": types.StringValue("SP30"), "max_tier_size": types.StringNull(),
		}))...)
	} else {
		for name, v := range sc.Attributes() {
			if v.IsUnknown() {
				value := types.StringNull()
				if name == "tier" {
					value = types.StringValue("SP30")
				}
				resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("stream_config").AtName(name), value)...)
			}
		}
	}
	var projectID, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("project_id"), &projectID)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root("project_id"), projectID)...)
		resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root("name"), name)...)
	}
}

// Read keeps the state as it is (the framework has copied it already) and
// gives the identity, which the framework requires after every read.
func (floorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity == nil || !resp.Identity.Raw.IsNull() {
		return
	}
	var projectID, name types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("project_id"), &projectID)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root("name"), name)...)
}

// Update takes the plan: without a ModifyPlan, every computed value in it
// is the state's (UseStateForUnknown).
func (floorResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
}

// Delete has nothing to delete; the framework removes the state.
func (floorResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// identityNames are the connection identity's attributes.
var identityNames = []string{"project_id", "instance_name", "name"}

// copyIdentity sets an identity of the named attributes from a plan or
// state.
func copyIdentity(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics, names []string) {
	if identity == nil {
		return
	}
	for _, n := range names {
		var v types.String
		diags.Append(get(ctx, path.Root(n), &v)...)
		diags.Append(identity.SetAttribute(ctx, path.Root(n), v)...)
	}
}

// floorProcessor is the do-nothing atlasmini_stream_processor: its Create
// gives an id, the tier Atlas would choose when none is set, and stats,
// and its Read gives the identity. It never waits for a state.
type floorProcessor struct{ floorResource }

func (floorProcessor) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	id := hex.EncodeToString(b)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	var tier types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("tier"), &tier)...)
	if tier.IsUnknown() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("tier"), "SP10")...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("stats"), `{"inputMessageCount":0,"ok":1,"processorId":"`+id+`","status":"running"}`)...)
	copyIdentity(ctx, req.Plan.GetAttribute, resp.Identity, &resp.Diagnostics, identityNames)
}

func (floorProcessor) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity == nil || !resp.Identity.Raw.IsNull() {
		return
	}
	copyIdentity(ctx, req.State.GetAttribute, resp.Identity, &resp.Diagnostics, identityNames)
}

// floorFilled is a do-nothing resource whose Create gives every computed
// value that the plan leaves unknown a value of its own (fill) or null,
// and an id; its identity is made of the named attributes.
type floorFilled struct {
	floorResource
	identity []string
	fill     map[string]string
}

func (f floorFilled) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	raw, err := tftypes.Transform(req.Plan.Raw.Copy(), func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		return tftypes.NewValue(v.Type(), nil), nil
	})
	if err != nil {
		resp.Diagnostics.AddError("Floor", err.Error())
		return
	}
	resp.State.Raw = raw
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), hex.EncodeToString(b))...)
	for name, v := range f.fill {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
	copyIdentity(ctx, resp.State.GetAttribute, resp.Identity, &resp.Diagnostics, f.identity)
}

func (f floorFilled) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity == nil || !resp.Identity.Raw.IsNull() {
		return
	}
	copyIdentity(ctx, req.State.GetAttribute, resp.Identity, &resp.Diagnostics, f.identity)
}
