package streamconnection

import (
	"context"
	"fmt"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSourceWithConfigure = &FailoverDataSource{}
	_ datasource.DataSourceWithConfigure = &FailoversDataSource{}
	_ list.ListResourceWithConfigure     = &FailoverListResource{}
)

// failoverDataDescriptions are the data sources' descriptions where the
// resource's speak of changes.
var failoverDataDescriptions = func() map[string]string {
	d := map[string]string{
		"project_id":      dataDescriptions["project_id"],
		"instance_name":   dataDescriptions["instance_name"],
		"connection_name": "Name of the connection the failover connection copies.",
		"id":              descFailoverID,
		"region":          "Failover region the copy serves, as the instance's `failover_regions` name it.",
		"type":            "Type of the connection: `Kafka` or `Cluster`; its settings are in the attribute named after it.",
		"kafka":           "Settings of the copy of a `Kafka` connection; null for a `Cluster` one.",
		"cluster":         "Settings of the copy of a `Cluster` connection; null for a `Kafka` one.",
	}
	d["kafka.networking"] = dataDescriptions["kafka.networking"]
	return d
}()

// failoverDataAttributes are the failover resource's attributes as a data
// source has them: no secrets or timeouts, inputs Required.
func failoverDataAttributes(ctx context.Context, inputs ...string) map[string]dsschema.Attribute {
	return tfresource.DataAttributes(failoverSchema(ctx).Attributes, inputs, failoverDataDescriptions, func(p string) bool { return p == "timeouts" || isSecret(p) })
}

// failoverDataType is the object type of one failover connection in a
// data source.
var failoverDataType = tfresource.ObjectTypeOf(failoverDataAttributes(context.Background()))

// failoverDataModel converts a failover connection for a data source (no
// secrets).
func failoverDataModel(in *atlas.StreamConnection, projectID, instance, connection string) failoverModel {
	m := failoverFromAPI(in, failoverModel{ProjectID: types.StringValue(projectID), InstanceName: types.StringValue(instance), ConnectionName: types.StringValue(connection),
		Kafka: types.ObjectNull(kafkaType.AttrTypes), Cluster: types.ObjectNull(clusterType.AttrTypes)})
	m.Kafka = tfresource.Project(m.Kafka, failoverDataType.AttrTypes["kafka"]).(types.Object)
	m.Cluster = tfresource.Project(m.Cluster, failoverDataType.AttrTypes["cluster"]).(types.Object)
	return m
}

// FailoverDataSource is data "atlasmini_stream_connection_failover": one
// failover connection, by its id or by its region.
type FailoverDataSource struct {
	tfresource.DataSourceBase
}

// NewFailoverDataSource returns the single failover connection data source.
func NewFailoverDataSource() datasource.DataSource {
	return &FailoverDataSource{tfresource.DataSourceBase{TypeSuffix: "_stream_connection_failover"}}
}

// Schema is the resource's, with the connection's place as input and the
// failover connection's id or region.
func (d *FailoverDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := failoverDataAttributes(ctx, "project_id", "instance_name", "connection_name")
	attrs["id"] = dsschema.StringAttribute{MarkdownDescription: descFailoverID + " Give it or `region`.", Optional: true, Computed: true,
		Validators: append(tfresource.ProjectIDValidators(), stringvalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("region")))}
	attrs["region"] = dsschema.StringAttribute{MarkdownDescription: failoverDataDescriptions["region"] + " Give it or `id`.", Optional: true, Computed: true}
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Reads the failover connection of a `Kafka` or `Cluster` connection for one failover region, by its id or by its region. Secrets are not there: the API never returns them.",
		Attributes:          attrs,
	}
}

// Read fetches the failover connection; a missing one is an error that
// names it.
func (d *FailoverDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg failoverModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	o := failoverObject(cfg)
	var got *atlas.StreamConnection
	var err error
	which := "region " + cfg.Region.ValueString()
	if tfresource.Known(cfg.ID) {
		which = cfg.ID.ValueString()
		got, err = d.Client.GetFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, cfg.ID.ValueString())
	} else {
		got, err = findFailover(ctx, d.Client, o, cfg.Region.ValueString())
	}
	if err != nil {
		what := fmt.Sprintf("Could not read the failover connection (%s) of %s.", which, o)
		if atlas.IsNotFound(err) {
			what = fmt.Sprintf("%s has no failover connection (%s). data \"atlasmini_stream_connection_failovers\" lists its failover connections.", o, which)
		}
		failoverReporting(cfg)(&resp.Diagnostics, "Error Reading Stream Failover Connection", what, err)
		return
	}
	m := failoverDataModel(got, o.ProjectID, o.Instance, o.Name)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// FailoversDataSource is data "atlasmini_stream_connection_failovers":
// every failover connection of a connection.
type FailoversDataSource struct {
	tfresource.DataSourceBase
}

// NewFailoversDataSource returns the failover connections data source.
func NewFailoversDataSource() datasource.DataSource {
	return &FailoversDataSource{tfresource.DataSourceBase{TypeSuffix: "_stream_connection_failovers"}}
}

type failoversModel struct {
	ProjectID      types.String `tfsdk:"project_id"`
	InstanceName   types.String `tfsdk:"instance_name"`
	ConnectionName types.String `tfsdk:"connection_name"`
	Results        types.List   `tfsdk:"results"`
	TotalCount     types.Int64  `tfsdk:"total_count"`
}

// Schema has the connection's place in, and results made of the
// resource's attributes.
func (d *FailoversDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	in := failoverDataAttributes(ctx, "project_id", "instance_name", "connection_name")
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Lists the failover connections of a `Kafka` or `Cluster` connection, one per failover region that has one. Pages are followed to the end, " +
			fmt.Sprint(atlas.MaxItemsPerPage) + " per request.",
		Attributes: map[string]dsschema.Attribute{
			"project_id": in["project_id"], "instance_name": in["instance_name"], "connection_name": in["connection_name"],
			"results": dsschema.ListNestedAttribute{MarkdownDescription: "The connection's failover connections.", Computed: true,
				NestedObject: dsschema.NestedAttributeObject{Attributes: failoverDataAttributes(ctx)}},
			"total_count": dsschema.Int64Attribute{MarkdownDescription: "Number of failover connections, as the API counts them.", Computed: true},
		},
	}
}

// Read lists every page.
func (d *FailoversDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg failoversModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	o := tfresource.Object{Kind: tfresource.ConnectionKind, ProjectID: cfg.ProjectID.ValueString(), Instance: cfg.InstanceName.ValueString(), Name: cfg.ConnectionName.ValueString()}
	results, total, diags, err := tfresource.CollectList(failoverDataType,
		func(yield func(*atlas.StreamConnection) bool) (int, error) {
			return d.Client.EachFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, yield)
		},
		func(f *atlas.StreamConnection) (attr.Value, diag.Diagnostics) {
			m := failoverDataModel(f, o.ProjectID, o.Instance, o.Name)
			return types.ObjectValueFrom(ctx, failoverDataType.AttrTypes, m)
		})
	resp.Diagnostics.Append(diags...)
	if err != nil {
		tfresource.AddAPIError(&resp.Diagnostics, "Error Listing Stream Failover Connections", fmt.Sprintf("Could not list the failover connections of %s.", o), err, nil)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Results, cfg.TotalCount = results, types.Int64Value(total)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// FailoverListResource is list "atlasmini_stream_connection_failover"
// (Terraform 1.14+): the failover connections of a connection, for
// terraform query to find and adopt.
type FailoverListResource struct {
	tfresource.ListBase
}

// NewFailoverListResource returns the list resource.
func NewFailoverListResource() list.ListResource {
	return &FailoverListResource{tfresource.ListBase{TypeSuffix: "_stream_connection_failover"}}
}

type failoverListConfig struct {
	ProjectID      types.String `tfsdk:"project_id"`
	InstanceName   types.String `tfsdk:"instance_name"`
	ConnectionName types.String `tfsdk:"connection_name"`
	Region         types.String `tfsdk:"region"`
}

// ListResourceConfigSchema is the config block: a connection, and a
// region to keep only its copy.
func (l *FailoverListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the failover connections of a connection, for `terraform query` to list them and write the configuration that imports them. " +
			"The configuration written leaves secrets out, as `null # sensitive`: the API never returns them, and the imported failover connection keeps the ones Atlas holds.",
		Attributes: map[string]listschema.Attribute{
			"project_id":    listschema.StringAttribute{MarkdownDescription: dataDescriptions["project_id"], Required: true, Validators: tfresource.ProjectIDValidators()},
			"instance_name": listschema.StringAttribute{MarkdownDescription: dataDescriptions["instance_name"], Required: true, Validators: tfresource.InstanceNameValidators()},
			"connection_name": listschema.StringAttribute{MarkdownDescription: failoverDataDescriptions["connection_name"], Required: true,
				Validators: []validator.String{stringvalidator.RegexMatches(namePattern, "must be "+nameRule)}},
			"region": listschema.StringAttribute{MarkdownDescription: "Only the failover connection of this region.", Optional: true},
		},
	}
}

// List streams the connection's failover connections that pass the
// filter, each with its identity, a display name and, when asked for, the
// resource as an import reads it.
func (l *FailoverListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg failoverListConfig
	if d := req.Config.Get(ctx, &cfg); d.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(d)
		return
	}
	o := tfresource.Object{Kind: tfresource.ConnectionKind, ProjectID: cfg.ProjectID.ValueString(), Instance: cfg.InstanceName.ValueString(), Name: cfg.ConnectionName.ValueString()}
	stream.Results = tfresource.ListStream(req.Limit,
		func(yield func(*atlas.StreamConnection) bool) (int, error) {
			return l.Client.EachFailoverConnection(ctx, o.ProjectID, o.Instance, o.Name, yield)
		},
		func(f *atlas.StreamConnection) bool {
			return cfg.Region.IsNull() || cfg.Region.ValueString() == f.Region
		},
		func(f *atlas.StreamConnection) list.ListResult {
			r := req.NewListResult(ctx)
			m := failoverFromAPI(f, failoverModel{ProjectID: types.StringValue(o.ProjectID), InstanceName: types.StringValue(o.Instance), ConnectionName: types.StringValue(o.Name),
				Kafka: types.ObjectNull(kafkaType.AttrTypes), Cluster: types.ObjectNull(clusterType.AttrTypes)})
			r.DisplayName = fmt.Sprintf("%s in %s (%s)", o.Name, f.Region, f.Type)
			setFailoverIdentity(r.Identity, m)
			if req.IncludeResource {
				r.Diagnostics.Append(r.Resource.Set(ctx, &failoverResourceModel{failoverModel: m, Timeouts: tfresource.NullTimeouts()})...)
			}
			return r
		},
		"Error Listing Stream Failover Connections", fmt.Sprintf("Could not list the failover connections of %s.", o))
}
