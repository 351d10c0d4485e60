package tfresource

import (
	"context"

	actionschema "github.com/hashicorp/terraform-plugin-framework/action/schema"

	"github.com/hashicorp/terraform-plugin-framework/action"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// ResourceBase is what every resource embeds: its type name, schema and
// identity, and the client that Configure takes from the provider. The
// resource itself adds Create, Read, Update, Delete and ImportState.
type ResourceBase struct {
	// TypeSuffix follows the provider's name: "_stream_connection".
	TypeSuffix string
	// SchemaOf builds the resource's schema.
	SchemaOf func(context.Context) schema.Schema
	// Identity is the resource identity (Terraform 1.12+).
	Identity Identity
	// MutableIdentity says that an update may change the identity (a
	// processor's rename).
	MutableIdentity bool
	// Mover adopts the state of MongoDB's provider's resource in a moved
	// block (see MoveState).
	Mover func(context.Context, resource.MoveStateRequest, *resource.MoveStateResponse)
	// Client is the provider's client, nil until Configure.
	Client *atlas.Client
}

// Metadata names the resource and says whether its identity may change.
func (b *ResourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.TypeSuffix
	resp.ResourceBehavior.MutableIdentity = b.MutableIdentity
}

// Schema describes the resource.
func (b *ResourceBase) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = b.SchemaOf(ctx)
}

// Configure takes the provider's client.
func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// IdentitySchema declares the identity.
func (b *ResourceBase) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = b.Identity.Schema()
}

// MoveState lets a moved block adopt an object that MongoDB's provider
// manages, with no change planned: the source state is read as JSON, so
// attributes that newer versions of that provider add are ignored.
func (b *ResourceBase) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: b.Mover}}
}

// DataSourceBase is what a data source embeds: its type name and the
// client that Configure takes from the provider.
type DataSourceBase struct {
	// TypeSuffix follows the provider's name: "_stream_connection".
	TypeSuffix string
	// Client is the provider's client, nil until Configure.
	Client *atlas.Client
}

// Metadata names the data source.
func (b *DataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.TypeSuffix
}

// Configure takes the provider's client.
func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// ListBase is what a list resource embeds: its type name (the resource's
// it lists) and the client that Configure takes from the provider.
type ListBase struct {
	// TypeSuffix follows the provider's name: "_stream_connection".
	TypeSuffix string
	// Client is the provider's client, nil until Configure.
	Client *atlas.Client
}

// Metadata names the list resource after the resource it lists.
func (b *ListBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.TypeSuffix
}

// Configure takes the provider's client.
func (b *ListBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// ActionBase is what an action (Terraform 1.14+) embeds: its type name and
// the client that Configure takes from the provider.
type ActionBase struct {
	// TypeSuffix follows the provider's name: "_stream_processor_restart".
	TypeSuffix string
	// Client is the provider's client, nil until Configure.
	Client *atlas.Client
}

// Metadata names the action.
func (b *ActionBase) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.TypeSuffix
}

// Configure takes the provider's client.
func (b *ActionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	b.Client = ClientFrom(req.ProviderData, &resp.Diagnostics)
}

// ActionInstanceAttributes are the attributes of an action that name a
// stream instance: project_id and instance_name, checked as the
// resources check them.
func ActionInstanceAttributes() map[string]actionschema.Attribute {
	return map[string]actionschema.Attribute{
		"project_id": actionschema.StringAttribute{MarkdownDescription: "ID of the Atlas project (group) that holds the instance: " + ProjectIDRule + ".",
			Required: true, Validators: ProjectIDValidators()},
		"instance_name": actionschema.StringAttribute{MarkdownDescription: "Name of the stream instance: " + InstanceNameRule + ".",
			Required: true, Validators: InstanceNameValidators()},
	}
}
