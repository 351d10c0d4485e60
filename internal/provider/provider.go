// Package provider is the atlasmini Terraform provider: its settings, the
// credentials it reads from them or from the environment, and the resources
// and data sources it serves.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/action"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streamaccount"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streamconnection"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streaminstance"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streampeering"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streamprivatelink"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/streamprocessor"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

var (
	_ provider.Provider                  = &Provider{}
	_ provider.ProviderWithListResources = &Provider{}
	_ provider.ProviderWithActions       = &Provider{}
)

// Provider is the atlasmini provider.
type Provider struct {
	version string
}

// New returns a constructor of the provider at the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &Provider{version: version} }
}

type providerModel struct {
	BaseURL      types.String `tfsdk:"base_url"`
	PublicKey    types.String `tfsdk:"public_key"`
	PrivateKey   types.String `tfsdk:"private_key"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	AccessToken  types.String `tfsdk:"access_token"`
	MaxRetries   types.Int64  `tfsdk:"max_retries"`
}

// defaultMaxRetries bounds the retries of one API call when max_retries is
// unset; the operation's timeout bounds them too.
const defaultMaxRetries = 10

// setting is a provider attribute and the environment variables, in order
// of preference, that supply it when it is unset.
type setting struct {
	attr        string
	env         []string
	sensitive   bool
	description string
}

// settings drive the schema, the descriptions and the environment lookup.
var settings = []setting{
	{"base_url", []string{"MONGODB_ATLAS_BASE_URL"}, false, "Base URL of the Atlas Administration API. Defaults to `" + atlas.DefaultBaseURL + "`; point it at `atlasmini-mock` to work without Atlas."},
	{"public_key", []string{"MONGODB_ATLAS_PUBLIC_KEY", "MONGODB_ATLAS_PUBLIC_API_KEY"}, false, "Public key of an Atlas programmatic API key (HTTP digest authentication). Needs `private_key`."},
	{"private_key", []string{"MONGODB_ATLAS_PRIVATE_KEY", "MONGODB_ATLAS_PRIVATE_API_KEY"}, true, "Private key of an Atlas programmatic API key. Needs `public_key`."},
	{"client_id", []string{"MONGODB_ATLAS_CLIENT_ID"}, false, "Client ID of an Atlas service account (OAuth 2.0 client credentials). Needs `client_secret`."},
	{"client_secret", []string{"MONGODB_ATLAS_CLIENT_SECRET"}, true, "Client secret of an Atlas service account. Needs `client_id`."},
	{"access_token", []string{"MONGODB_ATLAS_ACCESS_TOKEN"}, true, "An OAuth access token, sent as a bearer token as it is. It is not refreshed."},
}

// Metadata names the provider.
func (p *Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "atlasmini"
	resp.Version = p.version
}

// Schema describes the provider settings.
func (p *Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	attrs := map[string]schema.Attribute{}
	for _, s := range settings {
		attrs[s.attr] = schema.StringAttribute{
			MarkdownDescription: s.description + " Read from `" + strings.Join(s.env, "` or `") + "` when unset.",
			Optional:            true,
			Sensitive:           s.sensitive,
		}
	}
	attrs["max_retries"] = schema.Int64Attribute{
		MarkdownDescription: fmt.Sprintf("How many times one API call is retried after a 429, a 5xx or a connection failure, with jittered exponential backoff. Defaults to %d; `0` disables retries. The operation's timeout bounds the retries too.", defaultMaxRetries),
		Optional:            true,
		Validators:          []validator.Int64{int64validator.Between(0, 100)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The atlasmini provider manages MongoDB Atlas Stream Processing instances and their connections through the Atlas Administration API v2. " +
			"It authenticates with exactly one method: an access token, else a service account (`client_id`/`client_secret`), else an API key (`public_key`/`private_key`).",
		Attributes: attrs,
	}
}

// Configure resolves the settings and builds the client. It makes no
// network call, so plans that touch no Atlas resource need no Atlas.
func (p *Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	values := map[string]types.String{
		"base_url": m.BaseURL, "public_key": m.PublicKey, "private_key": m.PrivateKey,
		"client_id": m.ClientID, "client_secret": m.ClientSecret, "access_token": m.AccessToken,
	}
	resolved := map[string]string{}
	for _, s := range settings {
		v := values[s.attr]
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(s.attr), "Unknown Provider Setting",
				"The provider cannot be configured because "+s.attr+" is not known until apply. Set it to a value known at plan time, or use the environment variable "+s.env[0]+".")
			continue
		}
		resolved[s.attr] = v.ValueString()
		if resolved[s.attr] == "" {
			for _, env := range s.env {
				if e := os.Getenv(env); e != "" {
					resolved[s.attr] = e
					break
				}
			}
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cfg := atlas.Config{
		BaseURL:   resolved["base_url"],
		PublicKey: resolved["public_key"], PrivateKey: resolved["private_key"],
		ClientID: resolved["client_id"], ClientSecret: resolved["client_secret"],
		AccessToken: resolved["access_token"],
		UserAgent:   "terraform-provider-atlasmini/" + p.version,
		RetryMax:    defaultMaxRetries,
	}
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		cfg.RetryMax = int(m.MaxRetries.ValueInt64())
	}
	checkCredentials(cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := atlas.New(cfg)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid Base URL", err.Error()+". Set base_url or MONGODB_ATLAS_BASE_URL, for example https://cloud.mongodb.com.")
		return
	}
	tflog.Info(ctx, "configured the Atlas client", map[string]any{"base_url": cfg.BaseURL, "auth_method": string(cfg.Method())})
	resp.ResourceData = client
	resp.DataSourceData = client
	resp.ListResourceData = client
	resp.ActionData = client
}

// Resources lists the resources.
func (p *Provider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{streaminstance.NewResource, streamconnection.NewResource, streamconnection.NewFailoverResource, streamprocessor.NewResource, streamprivatelink.NewResource, streampeering.NewResource}
}

// Actions are the provider's actions (Terraform 1.14+): the day-2
// operations of stream processors.
func (p *Provider) Actions(context.Context) []func() action.Action {
	return []func() action.Action{streamprocessor.NewRestartAction, streamprocessor.NewFailoverAction, streaminstance.NewProcessorsAction}
}

// ListResources lists the list resources, which terraform query uses
// (Terraform 1.14+).
func (p *Provider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{streaminstance.NewListResource, streamconnection.NewListResource, streamconnection.NewFailoverListResource, streamprocessor.NewListResource, streamprivatelink.NewListResource}
}

// DataSources lists the data sources.
func (p *Provider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		streaminstance.NewDataSource, streaminstance.NewListDataSource,
		streamconnection.NewDataSource, streamconnection.NewListDataSource,
		streamconnection.NewFailoverDataSource, streamconnection.NewFailoversDataSource,
		streamprocessor.NewDataSource, streamprocessor.NewListDataSource,
		streamprivatelink.NewDataSource, streamprivatelink.NewListDataSource,
		streamaccount.NewDataSource, streampeering.NewDataSource,
	}
}
