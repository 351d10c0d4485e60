// Command mongodbatlas is a stand-in for MongoDB's Terraform provider, for
// the end-to-end test of moved blocks. Terraform refuses to plan a state
// whose provider is not installed, and no registry is reachable in tests,
// so this program is served as registry.terraform.io/mongodb/mongodbatlas
// through dev_overrides. It declares mongodbatlas_stream_instance,
// mongodbatlas_stream_workspace, mongodbatlas_stream_connection,
// mongodbatlas_stream_processor and
// mongodbatlas_stream_privatelink_endpoint with the
// attributes MongoDB's provider v2.x writes to state (schema version 0).
// Read returns the state as it is; nothing else is ever asked of it, and it
// calls no API.
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
		func() resource.Resource { return connectionResource{} },
		func() resource.Resource { return processorResource{} },
		func() resource.Resource { return privateLinkResource{} },
		func() resource.Resource { return failoverResource{} },
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

// connectionResource is mongodbatlas_stream_connection: flat attributes,
// the members of every connection type side by side.
type connectionResource struct{ streamResource }

func (connectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection"
}

func (connectionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	str := schema.StringAttribute{Optional: true}
	secret := schema.StringAttribute{Optional: true, Sensitive: true}
	nested := func(attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{Optional: true, Attributes: attrs}
	}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":                 schema.StringAttribute{Computed: true},
		"project_id":         schema.StringAttribute{Required: true},
		"instance_name":      str,
		"workspace_name":     str,
		"connection_name":    schema.StringAttribute{Required: true},
		"type":               schema.StringAttribute{Required: true},
		"cluster_name":       str,
		"cluster_project_id": str,
		"db_role_to_execute": nested(map[string]schema.Attribute{"role": str, "type": str}),
		"bootstrap_servers":  str,
		"authentication": nested(map[string]schema.Attribute{
			"mechanism": str, "method": str, "username": str, "password": secret, "token_endpoint_url": str,
			"client_id": str, "client_secret": secret, "scope": str, "sasl_oauthbearer_extensions": str,
		}),
		"config":   schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"security": nested(map[string]schema.Attribute{"broker_public_certificate": str, "protocol": str}),
		"networking": schema.SingleNestedAttribute{Optional: true, Computed: true, Attributes: map[string]schema.Attribute{
			"access": schema.SingleNestedAttribute{Required: true, Attributes: map[string]schema.Attribute{"type": str, "connection_id": str}},
		}},
		"aws":                            nested(map[string]schema.Attribute{"role_arn": str}),
		"azure":                          nested(map[string]schema.Attribute{"service_principal_id": str, "storage_account_name": str, "region": str}),
		"gcp":                            nested(map[string]schema.Attribute{"service_account_id": str}),
		"url":                            str,
		"headers":                        schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"schema_registry_provider":       str,
		"schema_registry_urls":           schema.ListAttribute{Optional: true, ElementType: types.StringType},
		"schema_registry_authentication": nested(map[string]schema.Attribute{"type": str, "username": str, "password": secret}),
	}}
}

// processorResource is mongodbatlas_stream_processor.
type processorResource struct{ streamResource }

func (processorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_processor"
}

func (processorResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	str := schema.StringAttribute{Optional: true}
	computed := schema.StringAttribute{Optional: true, Computed: true}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":             schema.StringAttribute{Computed: true},
		"project_id":     schema.StringAttribute{Required: true},
		"instance_name":  str,
		"workspace_name": str,
		"processor_name": schema.StringAttribute{Required: true},
		"pipeline":       schema.StringAttribute{Required: true},
		"state":          computed,
		"tier":           computed,
		"effective_tier": schema.StringAttribute{Computed: true},
		"stats":          schema.StringAttribute{Computed: true},
		"options": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"dlq": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
				"coll": schema.StringAttribute{Required: true}, "connection_name": schema.StringAttribute{Required: true}, "db": schema.StringAttribute{Required: true},
			}},
			"autoscaling": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{"min_tier": computed, "max_tier": computed}},
		}},
		"delete_on_create_timeout": schema.BoolAttribute{Optional: true, Computed: true},
		"failover_enabled":         schema.BoolAttribute{Optional: true},
		"timeouts":                 schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{"create": str}},
	}}
}

// privateLinkResource is mongodbatlas_stream_privatelink_endpoint.
type privateLinkResource struct{ streamResource }

func (privateLinkResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_privatelink_endpoint"
}

func (privateLinkResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	str := schema.StringAttribute{Optional: true}
	computed := schema.StringAttribute{Computed: true}
	list := schema.ListAttribute{Optional: true, ElementType: types.StringType}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": computed, "project_id": schema.StringAttribute{Required: true}, "provider_name": schema.StringAttribute{Required: true},
		"vendor": schema.StringAttribute{Required: true}, "region": schema.StringAttribute{Optional: true, Computed: true}, "arn": str,
		"service_endpoint_id": str, "dns_domain": schema.StringAttribute{Optional: true, Computed: true}, "dns_sub_domain": list,
		"service_attachment_uris": list, "state": computed, "error_message": computed, "interface_endpoint_id": computed,
		"interface_endpoint_name": computed, "provider_account_id": computed,
	}}
}

// failoverResource is mongodbatlas_stream_connection_failover: the flat
// attributes of a connection with workspace_name, region and
// failover_connection_id.
type failoverResource struct{ streamResource }

func (failoverResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection_failover"
}

func (failoverResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	str := schema.StringAttribute{Optional: true}
	secret := schema.StringAttribute{Optional: true, Sensitive: true}
	nested := func(attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{Optional: true, Attributes: attrs}
	}
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"project_id":             schema.StringAttribute{Required: true},
		"workspace_name":         schema.StringAttribute{Required: true},
		"connection_name":        schema.StringAttribute{Required: true},
		"failover_connection_id": schema.StringAttribute{Computed: true},
		"region":                 schema.StringAttribute{Required: true},
		"type":                   schema.StringAttribute{Required: true},
		"state":                  schema.StringAttribute{Computed: true},
		"cluster_name":           str,
		"cluster_project_id":     str,
		"db_role_to_execute":     nested(map[string]schema.Attribute{"role": str, "type": str}),
		"bootstrap_servers":      str,
		"authentication": nested(map[string]schema.Attribute{
			"mechanism": str, "method": str, "username": str, "password": secret, "token_endpoint_url": str, "client_id": str,
			"client_secret": secret, "scope": str, "sasl_oauthbearer_extensions": str, "ssl_certificate": str, "ssl_key": str, "ssl_key_password": secret,
		}),
		"config":   schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"security": nested(map[string]schema.Attribute{"broker_public_certificate": str, "protocol": str}),
		"networking": schema.SingleNestedAttribute{Optional: true, Computed: true, Attributes: map[string]schema.Attribute{
			"access": schema.SingleNestedAttribute{Optional: true, Computed: true, Attributes: map[string]schema.Attribute{
				"type": schema.StringAttribute{Optional: true, Computed: true}, "connection_id": str, "name": str, "tgw_route_id": str,
			}},
		}},
		"delete_on_create_timeout": schema.BoolAttribute{Optional: true, Computed: true},
	}}
}
