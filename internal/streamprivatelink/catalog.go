// Package streamprivatelink is the atlasmini_stream_privatelink_endpoint
// resource, its data sources and list resource: a project's Private Link
// endpoints, through which stream connections reach Kafka clusters and
// cloud services privately.
package streamprivatelink

import (
	"regexp"
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/tfresource"
)

// Providers and the vendors each takes; an unset vendor is GENERIC.
var (
	providers = []string{"AWS", "AZURE", "GCP"}
	vendors   = []string{"MSK", "CONFLUENT", "S3", "KINESIS", "LAMBDA", "EVENTHUB", "AZURE_BLOB_STORAGE", "PUBSUB", "GENERIC"}
	// vendorsOf are the vendors of each provider, in the order errors
	// name them.
	vendorsOf = map[string][]string{
		"AWS":   {"MSK", "CONFLUENT", "S3", "KINESIS", "LAMBDA", "GENERIC"},
		"AZURE": {"EVENTHUB", "CONFLUENT", "AZURE_BLOB_STORAGE", "GENERIC"},
		"GCP":   {"CONFLUENT", "PUBSUB"},
	}
	authSchemes = []string{"TLS", "SASL_SCRAM", "IAM"}
	// states are the endpoint states Atlas reports.
	states = []string{"IDLE", "WORKING", "DONE", "FAILED", "DELETE_REQUESTED", "DELETING"}
)

// defaultVendor is what Atlas takes when the vendor is left out.
const defaultVendor = "GENERIC"

// idPattern is an endpoint's id: 24 lower-case hexadecimal characters.
var idPattern = tfresource.ProjectIDPattern

// idRule says idPattern in words.
const idRule = tfresource.ProjectIDRule

// mskARN is an MSK cluster's ARN, with its region.
var mskARN = regexp.MustCompile(`^arn:aws:kafka:([a-z0-9-]+):`)

// The attributes a vendor may need, as the configuration names them.
const (
	attrRegion      = "region"
	attrARN         = "arn"
	attrEndpointID  = "service_endpoint_id"
	attrDNSDomain   = "dns_domain"
	attrSubDomain   = "dns_sub_domain"
	attrAttachments = "service_attachment_uris"
	attrAzureIDs    = "azure_resource_ids"
	attrAuthScheme  = "authentication_scheme"
)

// need is what one provider and vendor pair takes: the attributes it
// requires, those it refuses (with why), and those of which exactly one is
// required.
type need struct {
	required []string
	refused  map[string]string
	oneOf    []string
}

// needs is the contract's table of required members per provider and
// vendor. Attributes that neither list names are optional.
var needs = map[string]need{
	"AWS/MSK": {required: []string{attrARN}, refused: map[string]string{
		attrEndpointID: "MSK endpoints have none", attrDNSDomain: "MSK endpoints have none"}},
	"AWS/CONFLUENT":            {required: []string{attrRegion, attrEndpointID}},
	"AWS/S3":                   {required: []string{attrRegion, attrEndpointID}},
	"AWS/LAMBDA":               {required: []string{attrRegion, attrEndpointID}},
	"AWS/KINESIS":              {required: []string{attrRegion}},
	"AWS/GENERIC":              {required: []string{attrRegion, attrEndpointID, attrDNSDomain}},
	"AZURE/EVENTHUB":           {required: []string{attrRegion, attrEndpointID, attrDNSDomain}},
	"AZURE/CONFLUENT":          {required: []string{attrRegion, attrDNSDomain}, oneOf: []string{attrAzureIDs, attrEndpointID}},
	"AZURE/AZURE_BLOB_STORAGE": {required: []string{attrRegion, attrEndpointID, attrDNSDomain}},
	"AZURE/GENERIC":            {required: []string{attrRegion, attrEndpointID, attrDNSDomain}},
	"GCP/CONFLUENT":            {required: []string{attrRegion, attrDNSDomain}, oneOf: []string{attrAttachments, attrEndpointID}},
	"GCP/PUBSUB":               {required: []string{attrRegion}},
}

// onlyFor are the attributes that only some providers or vendors take,
// and which ones.
var onlyFor = map[string]struct {
	provider, vendor string
}{
	attrARN:         {vendor: "MSK"},
	attrAuthScheme:  {vendor: "MSK"},
	attrAttachments: {provider: "GCP"},
	attrAzureIDs:    {provider: "AZURE"},
	attrSubDomain:   {provider: "AWS", vendor: "CONFLUENT"},
}

// needsTable renders the table for the documentation.
func needsTable() string {
	var b strings.Builder
	b.WriteString("\n\n| `provider_name` | `vendor` | requires | refuses |\n|---|---|---|---|\n")
	for _, p := range providers {
		for _, v := range vendorsOf[p] {
			n := needs[p+"/"+v]
			req := tfresource.CodeList(n.required)
			if len(n.oneOf) > 0 {
				req += ", and exactly one of " + tfresource.CodeList(n.oneOf)
			}
			var refused []string
			for _, a := range []string{attrRegion, attrEndpointID, attrDNSDomain} {
				if why, ok := n.refused[a]; ok {
					refused = append(refused, "`"+a+"` ("+why+")")
				}
			}
			b.WriteString("| `" + p + "` | `" + v + "` | " + req + " | " + strings.Join(refused, ", ") + " |\n")
		}
	}
	return b.String()
}
