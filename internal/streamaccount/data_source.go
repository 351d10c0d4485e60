// Package streamaccount is the atlasmini_stream_account_details data
// source: the cloud account and network of a project's stream processing
// in one region, which private networking (VPC peering, Private Link
// allow-lists) needs on the cloud side.
package streamaccount

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/streaminstance"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSourceWithConfigure      = &DataSource{}
	_ datasource.DataSourceWithValidateConfig = &DataSource{}
)

// providers are the cloud providers, as this provider spells them.
var providers = []string{"AWS", "AZURE", "GCP"}

// clusterRegions maps each stream region to the Atlas cluster region name
// that the account details operation takes for it.
var clusterRegions = map[string]map[string]string{
	"AWS": {
		"VIRGINIA_USA": "US_EAST_1", "OHIO_USA": "US_EAST_2", "OREGON_USA": "US_WEST_2", "MONTREAL_CAN": "CA_CENTRAL_1",
		"SAOPAULO_BRA": "SA_EAST_1", "DUBLIN_IRL": "EU_WEST_1", "LONDON_GBR": "EU_WEST_2", "PARIS_FRA": "EU_WEST_3",
		"FRANKFURT_DEU": "EU_CENTRAL_1", "MUMBAI_IND": "AP_SOUTH_1", "SINGAPORE_SGP": "AP_SOUTHEAST_1",
		"SYDNEY_AUS": "AP_SOUTHEAST_2", "TOKYO_JPN": "AP_NORTHEAST_1", "SEOUL_KOR": "AP_NORTHEAST_2",
	},
	"AZURE": {
		"eastus": "US_EAST", "westus": "US_WEST", "eastus2": "US_EAST_2", "westeurope": "EUROPE_WEST",
		"brazilsouth": "BRAZIL_SOUTH", "australiaeast": "AUSTRALIA_EAST",
	},
	"GCP": {"US_CENTRAL1": "CENTRAL_US", "US_EAST4": "US_EAST_4", "EUROPE_WEST1": "WESTERN_EUROPE"},
}

// clusterRegionName returns the cluster region name that region names for
// provider: a cluster region name as it is, or a stream region in any of
// the forms the instance resource knows (VIRGINIA_USA, us-east-1, East US
// 2); "" when it names none.
func clusterRegionName(provider, region string) string {
	for _, v := range clusterRegions[provider] {
		if strings.EqualFold(v, region) {
			return v
		}
	}
	if r := streaminstance.StreamRegion(provider, region); r != "" {
		return clusterRegions[provider][r]
	}
	return ""
}

// DataSource is data "atlasmini_stream_account_details".
type DataSource struct {
	tfresource.DataSourceBase
}

// NewDataSource returns the data source.
func NewDataSource() datasource.DataSource {
	return &DataSource{tfresource.DataSourceBase{TypeSuffix: "_stream_account_details"}}
}

type model struct {
	ProjectID           types.String `tfsdk:"project_id"`
	CloudProvider       types.String `tfsdk:"cloud_provider"`
	Region              types.String `tfsdk:"region"`
	RegionName          types.String `tfsdk:"region_name"`
	AWSAccountID        types.String `tfsdk:"aws_account_id"`
	VpcID               types.String `tfsdk:"vpc_id"`
	AzureSubscriptionID types.String `tfsdk:"azure_subscription_id"`
	VirtualNetworkName  types.String `tfsdk:"virtual_network_name"`
	GCPProjectID        types.String `tfsdk:"gcp_project_id"`
	VpcNetworkName      types.String `tfsdk:"vpc_network_name"`
	CidrBlock           types.String `tfsdk:"cidr_block"`
}

// Schema describes the inputs and what each provider returns.
func (d *DataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) dsschema.StringAttribute {
		return dsschema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	var regions []string
	for _, p := range providers {
		regions = append(regions, fmt.Sprintf("`%s`: %s", p, tfresource.CodeList(streaminstance.RegionsOf(p))))
	}
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Reads the cloud account and network that a project's stream processing uses in one provider and region: " +
			"the AWS account and VPC to peer with or allow in a Private Link endpoint service, the Azure subscription and virtual network, " +
			"the GCP project and VPC network, and the CIDR block. Null for the members of other providers.",
		Attributes: map[string]dsschema.Attribute{
			"project_id": dsschema.StringAttribute{MarkdownDescription: "ID of the Atlas project: " + tfresource.ProjectIDRule + ".",
				Required: true, Validators: tfresource.ProjectIDValidators()},
			"cloud_provider": dsschema.StringAttribute{MarkdownDescription: "Cloud provider: one of " + tfresource.CodeList(providers) + " (any case).",
				Required: true, Validators: []validator.String{stringvalidator.OneOfCaseInsensitive(providers...)}},
			"region": dsschema.StringAttribute{
				MarkdownDescription: "Region, in any of the forms people use: the stream region as the rest of this provider names it (" +
					strings.Join(regions, "; ") + "), the cloud's own name (`us-east-1`, `East US 2`, `us-central1`) or the Atlas cluster region name " +
					"(`US_EAST_1`). Anything else is an error at plan time that suggests the likely region.",
				Required: true,
			},
			"region_name":           computed("The Atlas cluster region name that `region` stands for, as the API takes it (`US_EAST_1`)."),
			"aws_account_id":        computed("AWS account of Atlas's stream processing network (AWS)."),
			"vpc_id":                computed("Its VPC (AWS): the one an incoming VPC peering request names."),
			"azure_subscription_id": computed("Azure subscription of Atlas's stream processing network (Azure)."),
			"virtual_network_name":  computed("Its virtual network (Azure)."),
			"gcp_project_id":        computed("GCP project of Atlas's stream processing network (GCP)."),
			"vpc_network_name":      computed("Its VPC network (GCP)."),
			"cidr_block":            computed("CIDR block of that network, which a peered network must not overlap."),
		},
	}
}

// ValidateConfig checks the region against the provider, with the
// instance resource's suggestion, at validate and plan time.
func (d *DataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var cfg model
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !tfresource.Known(cfg.CloudProvider) || !tfresource.Known(cfg.Region) {
		return
	}
	checkRegion(strings.ToUpper(cfg.CloudProvider.ValueString()), cfg.Region.ValueString(), &resp.Diagnostics)
}

// checkRegion adds an error on region when it names no region of provider.
func checkRegion(provider, region string, diags *diag.Diagnostics) {
	if !slices.Contains(providers, provider) || clusterRegionName(provider, region) != "" {
		return
	}
	detail := fmt.Sprintf("%q is not a stream processing region of %s. Allowed: %s, or their cloud or Atlas cluster names.",
		region, provider, strings.Join(streaminstance.RegionsOf(provider), ", "))
	if hint := streaminstance.RegionHint(provider, region); hint != "" {
		detail += " " + hint
	}
	diags.AddAttributeError(path.Root("region"), "Invalid Region", detail)
}

// Read asks Atlas for the account details.
func (d *DataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg model
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	provider := strings.ToUpper(cfg.CloudProvider.ValueString())
	checkRegion(provider, cfg.Region.ValueString(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, name := cfg.ProjectID.ValueString(), clusterRegionName(provider, cfg.Region.ValueString())
	got, err := d.Client.GetAccountDetails(ctx, projectID, strings.ToLower(provider), name)
	if err != nil {
		tfresource.AddAPIError(&resp.Diagnostics, "Error Reading Stream Account Details",
			fmt.Sprintf("Could not read the %s account details of project %s in %s.", provider, projectID, name), err, nil)
		return
	}
	str := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	cfg.RegionName = types.StringValue(name)
	cfg.AWSAccountID, cfg.VpcID = str(got.AWSAccountID), str(got.VpcID)
	cfg.AzureSubscriptionID, cfg.VirtualNetworkName = str(got.AzureSubscriptionID), str(got.VirtualNetworkName)
	cfg.GCPProjectID, cfg.VpcNetworkName = str(got.GCPProjectID), str(got.VpcNetworkName)
	cfg.CidrBlock = str(got.CidrBlock)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
