package streamconnection

import (
	"context"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// dataDescriptions are the read-only descriptions of the data sources'
// attributes, by path, where the resource's describe what a change does.
var dataDescriptions = func() map[string]string {
	d := map[string]string{
		"project_id":       "ID of the Atlas project (group) that holds the instance: " + tfresource.ProjectIDRule + ".",
		"instance_name":    "Name of the stream instance the connection belongs to.",
		"name":             "Name of the connection, unique in its instance.",
		"type":             "Type of the connection: one of " + tfresource.CodeList(connectionTypes) + ". Its settings are in the attribute named after it: " + typeAttributeList() + ".",
		"kafka.networking": "How Atlas reaches the brokers.",
		"https.headers":    "Headers sent with each request. Sensitive, since they often carry tokens.",
		"region":           "Region of the connection, as the instance's regions are named; null when Atlas names none.",
	}
	for _, a := range []string{"s3", "aws_kinesis_data_streams", "aws_lambda", "azure_blob_storage", "gcp_pubsub"} {
		d[a+".networking"] = "How Atlas reaches the service; null when Atlas reaches it publicly and says nothing."
	}
	for _, a := range typedAttributes() {
		d[a] = "Settings of " + article(typeOfAttribute(a)) + " `" + typeOfAttribute(a) + "` connection; null for the other types."
	}
	return d
}()

// isSecret reports whether an attribute path is a secret or its version:
// the API never returns secrets, so data sources have none.
func isSecret(p string) bool {
	last := p[strings.LastIndex(p, ".")+1:]
	return strings.HasPrefix(last, "password") || strings.HasPrefix(last, "client_secret") || strings.HasPrefix(last, "ssl_key")
}

// connectionDataAttributes are the data sources' attributes: the
// resource's without secrets and timeouts, with inputs Required.
func connectionDataAttributes(ctx context.Context, inputs ...string) map[string]dsschema.Attribute {
	return tfresource.DataAttributes(resourceSchema(ctx).Attributes, inputs, dataDescriptions, func(p string) bool { return p == "timeouts" || isSecret(p) })
}

// dataObjectType is the object type of one connection in a data source.
var dataObjectType = tfresource.ObjectTypeOf(connectionDataAttributes(context.Background()))

// dataModel converts a connection for a data source: as a refresh of an
// import sees it (no secrets), with the data sources' types.
func dataModel(in *atlas.StreamConnection, projectID, instance string) connectionModel {
	m := fromAPI(in, connectionModel{ProjectID: types.StringValue(projectID), InstanceName: types.StringValue(instance)})
	for a, p := range m.typed() {
		*p = tfresource.Project(*p, dataObjectType.AttrTypes[a]).(types.Object)
	}
	return m
}
