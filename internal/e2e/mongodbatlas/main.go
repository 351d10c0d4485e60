// Command mongodbatlas is a stand-in for MongoDB's Terraform provider, for
// the end-to-end test of moved blocks. Terraform refuses to plan a state
// whose provider is not installed, and no registry is reachable in tests,
// so this program is served as registry.terraform.io/mongodb/mongodbatlas
// through dev_overrides. It declares mongodbatlas_stream_instance and
// mongodbatlas_stream_workspace with the attributes MongoDB's provider
// v2.x writes to state (schema version 0). Read returns the state as it
// is; nothing else is ever asked of it, and it calls no API.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return standIn{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/mongodb/mongodbatlas"})
	if err != nil {
		log.Fatal(err)
	}
}

type standIn struct{}

func (standIn) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "mongodbatlas"
}

func (standIn) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{}
}

func (standIn) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (standIn) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource {
			return streamResource{typeName: "stream_instance", nameAttr: "instance_name"}
		},
		func() resource.Resource {
			return streamResource{typeName: "stream_workspace", nameAttr: "workspace_name", failover: true}
		},
	}
}

func (standIn) DataSources(context.Context) []func() datasource.DataSource { return nil }

// streamResource is one of the two resource types.
type streamResource struct {
	typeName, nameAttr string
	failover           bool
}

func (r streamResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.typeName
}

func (r streamResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	region := map[string]schema.Attribute{
		"cloud_provider": schema.StringAttribute{Required: true},
		"region":         schema.StringAttribute{Required: true},
	}
	attrs := map[string]schema.Attribute{
		"id":                  schema.StringAttribute{Computed: true},
		"project_id":          schema.StringAttribute{Required: true},
		r.nameAttr:            schema.StringAttribute{Required: true},
		"data_process_region": schema.SingleNestedAttribute{Required: true, Attributes: region},
		"stream_config": schema.SingleNestedAttribute{Optional: true, Computed: true, Attributes: map[string]schema.Attribute{
			"tier":          schema.StringAttribute{Optional: true, Computed: true},
			"max_tier_size": schema.StringAttribute{Optional: true},
		}},
		"hostnames": schema.ListAttribute{Computed: true, ElementType: types.StringType},
	}
	if r.failover {
		attrs["failover_regions"] = schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: region}}
	}
	resp.Schema = schema.Schema{Attributes: attrs}
}

func (streamResource) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("Stand-in Provider", "This stand-in for MongoDB's provider only holds state; it creates nothing.")
}

func (streamResource) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.Raw = req.State.Raw
}

func (streamResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Stand-in Provider", "This stand-in for MongoDB's provider only holds state; it updates nothing.")
}

func (streamResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddError("Stand-in Provider", "This stand-in for MongoDB's provider only holds state; it deletes nothing.")
}
