package streamprivatelink

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestMongoDBAtlasStateMaps reads a state of MongoDB's provider (as its
// schema version 0 writes it, with an attribute this provider does not
// know) onto this resource's attributes.
func TestMongoDBAtlasStateMaps(t *testing.T) {
	src := `{"id":"6a7941d3c0eb9e7a17722d71","project_id":"65f0a1b2c3d4e5f60718293a","provider_name":"AWS","vendor":"CONFLUENT",
	  "region":"us-east-1","service_endpoint_id":"com.amazonaws.vpce.us-east-1.vpce-svc-1","dns_domain":"","dns_sub_domain":[],
	  "arn":null,"state":"DONE","error_message":"","interface_endpoint_id":"vpce-0123","interface_endpoint_name":"n","provider_account_id":"1",
	  "service_attachment_uris":null,"gcp_connection_ids":null}`
	var s mongodbatlasState
	if err := json.Unmarshal([]byte(src), &s); err != nil {
		t.Fatal(err)
	}
	m := s.model(context.Background())
	if m.ID.ValueString() != "6a7941d3c0eb9e7a17722d71" || m.Vendor.ValueString() != "CONFLUENT" || !m.DNSDomain.IsNull() || !m.ARN.IsNull() ||
		m.DNSSubDomain.IsNull() || len(m.DNSSubDomain.Elements()) != 0 || !m.ServiceAttachmentURIs.IsNull() || m.State.ValueString() != "DONE" {
		t.Errorf("model: %+v", m.endpointModel)
	}
	s.Vendor = ""
	if v := s.model(context.Background()).Vendor; !v.Equal(types.StringValue("GENERIC")) {
		t.Errorf("a state without vendor is GENERIC, as Atlas reports it: %v", v)
	}
}
