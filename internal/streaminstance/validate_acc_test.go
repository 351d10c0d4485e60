package streaminstance_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccStreamInstance_validatorsFailAtPlan checks that each bad value is
// caught before anything reaches the API, with an error that names the
// attribute and the allowed values.
func TestAccStreamInstance_validatorsFailAtPlan(t *testing.T) {
	srv := atlasmock.NewServer(t)
	body := func(project, name, provider, region, extra string) string {
		return ownerProvider(srv) + fmt.Sprintf(`
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = %q
  data_process_region = {
    cloud_provider = %q
    region         = %q
  }
%s
}`, project, name, provider, region, extra)
	}
	for _, tc := range []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"project_id not hex", body("NOT-A-PROJECT", "x", "AWS", "OHIO_USA", ""),
			regexp.MustCompile(`(?s)project_id.*24 lower-case\s+hexadecimal characters`)},
		{"project_id too short", body("65f0a1b2", "x", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)project_id.*hexadecimal`)},
		{"name with a space", body(projectID, "my instance", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)name.*letters, digits\s+and\s+hyphens`)},
		{"name starting with a hyphen", body(projectID, "-x", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)Attribute name`)},
		{"empty name", body(projectID, "", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)Attribute name`)},
		{"cloud provider", body(projectID, "x", "TENANT", "OHIO_USA", ""), regexp.MustCompile(`(?s)data_process_region.cloud_provider.*"AWS"\s+"GCP"\s+"AZURE"`)},
		{"unknown region", body(projectID, "x", "AWS", "MARS_1", ""), regexp.MustCompile(`(?s)data_process_region.region.*SYDNEY_AUS`)},
		{"region of another provider", body(projectID, "x", "GCP", "OHIO_USA", ""),
			regexp.MustCompile(`(?s)Region Does Not Match Cloud Provider.*data_process_region.region\s+"OHIO_USA"\s+is\s+not\s+a\s+GCP.*belongs\s+to\s+AWS.*Allowed\s+regions\s+for\s+GCP:\s+.US_CENTRAL1.,\s+.EUROPE_WEST1.,\s+.US_EAST4.`)},
		{"azure region in upper case", body(projectID, "x", "AZURE", "EASTUS", ""), regexp.MustCompile(`(?s)data_process_region.region`)},
		{"tier", body(projectID, "x", "AWS", "OHIO_USA", `stream_config = { tier = "SP1" }`), regexp.MustCompile(`(?s)stream_config.tier.*"SP2"\s+"SP5"\s+"SP10"\s+"SP30"\s+"SP50"`)},
		{"timeout", body(projectID, "x", "AWS", "OHIO_USA", `timeouts = { create = "soon" }`), regexp.MustCompile(`(?s)Invalid Attribute Value Time Duration.*"soon"`)},
		{"solar not a bool", body(projectID, "x", "AWS", "OHIO_USA", `sample_connections = { solar = "sunny" }`), regexp.MustCompile(`(?s)sample_connections`)},
		{"project_id empty", body("", "x", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)project_id.*hexadecimal`)},
		{"project_id upper case", body("65F0A1B2C3D4E5F60718293A", "x", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)project_id.*lower-case`)},
		{"project_id 25 characters", body(projectID+"0", "x", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)project_id.*hexadecimal`)},
		{"name 65 characters", body(projectID, strings.Repeat("a", 65), "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)Attribute name.*1 to 64`)},
		{"name with underscore", body(projectID, "my_instance", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)Attribute name`)},
		{"name with unicode", body(projectID, "café", "AWS", "OHIO_USA", ""), regexp.MustCompile(`(?s)Attribute name`)},
		{"cloud provider lower case", body(projectID, "x", "aws", "OHIO_USA", ""), regexp.MustCompile(`(?s)data_process_region.cloud_provider`)},
		{"cloud provider serverless", body(projectID, "x", "SERVERLESS", "OHIO_USA", ""), regexp.MustCompile(`(?s)data_process_region.cloud_provider`)},
		{"cloud provider empty", body(projectID, "x", "", "OHIO_USA", ""), regexp.MustCompile(`(?s)data_process_region.cloud_provider`)},
		{"region empty", body(projectID, "x", "AWS", "", ""), regexp.MustCompile(`(?s)data_process_region.region`)},
		{"region lower case", body(projectID, "x", "AWS", "ohio_usa", ""), regexp.MustCompile(`(?s)data_process_region.region`)},
		{"azure region with aws", body(projectID, "x", "AWS", "eastus", ""), regexp.MustCompile(`(?s)Region Does Not Match.*belongs\s+to\s+AZURE`)},
		{"gcp region with azure", body(projectID, "x", "AZURE", "US_EAST4", ""), regexp.MustCompile(`(?s)Region Does Not Match.*Allowed\s+regions\s+for\s+AZURE`)},
		{"tier empty", body(projectID, "x", "AWS", "OHIO_USA", `stream_config = { tier = "" }`), regexp.MustCompile(`(?s)stream_config.tier`)},
		{"tier lower case", body(projectID, "x", "AWS", "OHIO_USA", `stream_config = { tier = "sp10" }`), regexp.MustCompile(`(?s)stream_config.tier`)},
		{"tier SP100", body(projectID, "x", "AWS", "OHIO_USA", `stream_config = { tier = "SP100" }`), regexp.MustCompile(`(?s)stream_config.tier`)},
		{"timeout without unit", body(projectID, "x", "AWS", "OHIO_USA", `timeouts = { delete = "5" }`), regexp.MustCompile(`(?s)Invalid Attribute Value Time Duration`)},
		{"unknown attribute", body(projectID, "x", "AWS", "OHIO_USA", `tier = "SP10"`), regexp.MustCompile(`(?s)Unsupported argument.*"tier"`)},
		{"computed attribute set", body(projectID, "x", "AWS", "OHIO_USA", `hostnames = ["h"]`), regexp.MustCompile(`(?s)Invalid Configuration for Read-Only Attribute|hostnames`)},
		{"bad value from a variable", ownerProvider(srv) + `
variable "tier" {
  default = "SP7"
}
resource "atlasmini_stream_instance" "test" {
  project_id = "` + projectID + `"
  name       = "x"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "OHIO_USA"
  }
  stream_config = {
    tier = var.tier
  }
}`, regexp.MustCompile(`(?s)stream_config.tier.*"SP7"`)},
		{"max_retries out of range", strings.Replace(body(projectID, "x", "AWS", "OHIO_USA", ""), "provider \"atlasmini\" {", "provider \"atlasmini\" {\n  max_retries = 1000", 1), regexp.MustCompile(`(?s)max_retries`)},
		{"missing region block", ownerProvider(srv) + `
resource "atlasmini_stream_instance" "test" {
  project_id = "` + projectID + `"
  name       = "x"
}`, regexp.MustCompile(`(?s)data_process_region.*required`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps:                    []resource.TestStep{{Config: tc.config, PlanOnly: true, ExpectError: tc.want}},
			})
		})
	}
	if n := len(srv.Counts()); n != 0 {
		t.Errorf("plan-time errors reached the API: %v", srv.Counts())
	}
}

// TestAccStreamInstance_unknownRegionWaitsForApply checks that a value
// known only at apply time is not rejected at plan time.
func TestAccStreamInstance_unknownRegionWaitsForApply(t *testing.T) {
	srv := atlasmock.NewServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{{
			Config: ownerProvider(srv) + `
resource "terraform_data" "region" {
  input = "EUROPE_WEST1"
}
resource "atlasmini_stream_instance" "test" {
  project_id = "` + projectID + `"
  name       = "later"
  data_process_region = {
    cloud_provider = "GCP"
    region         = terraform_data.region.output
  }
}`,
		}},
	})
}
