package streaminstance_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
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
	nameRule := "must be 1 to 64 letters, digits and hyphens, starting with a letter or digit, got:"
	providers := `value must be one of: ["AWS" "GCP" "AZURE"], got:`
	tiers := `value must be one of: ["SP2" "SP5" "SP10" "SP30" "SP50"], got:`
	for _, tc := range []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"project_id not hex", body("NOT-A-PROJECT", "x", "AWS", "OHIO_USA", ""), says("Attribute project_id must be 24 lower-case hexadecimal characters, got: NOT-A-PROJECT")},
		{"project_id too short", body("65f0a1b2", "x", "AWS", "OHIO_USA", ""), says("Attribute project_id must be 24 lower-case hexadecimal characters, got: 65f0a1b2")},
		{"name with a space", body(projectID, "my instance", "AWS", "OHIO_USA", ""), says("Attribute name " + nameRule + " my instance")},
		{"name starting with a hyphen", body(projectID, "-x", "AWS", "OHIO_USA", ""), says("Attribute name " + nameRule + " -x")},
		{"empty name", body(projectID, "", "AWS", "OHIO_USA", ""), says("Attribute name " + nameRule + " ")},
		{"cloud provider", body(projectID, "x", "TENANT", "OHIO_USA", ""), says("Attribute data_process_region.cloud_provider " + providers + " \"TENANT\"")},
		{"unknown region", body(projectID, "x", "AWS", "MARS_1", ""), says("Invalid Region", "data_process_region.region \"MARS_1\" is not an AWS stream processing region. Allowed regions for AWS: `SYDNEY_AUS`,")},
		{"aws region code", body(projectID, "x", "AWS", "us-east-1", ""), says("Invalid Region", "data_process_region.region \"us-east-1\" is not an AWS stream processing region.", "`SEOUL_KOR`. Did you mean \"VIRGINIA_USA\"?")},
		{"azure display name", body(projectID, "x", "AZURE", "East US 2", ""), says("Invalid Region", "Allowed regions for AZURE:", "Did you mean \"eastus2\"?")},
		{"near miss", body(projectID, "x", "AWS", "FRANKFURT_DE", ""), says("Invalid Region", "Did you mean \"FRANKFURT_DEU\"?")},
		{"region of another provider", body(projectID, "x", "GCP", "TOKYO_JPN", ""),
			says("Invalid Region", "data_process_region.region \"TOKYO_JPN\" is not a GCP stream processing region. Allowed regions for GCP: `US_CENTRAL1`, `EUROPE_WEST1`, `US_EAST4`. TOKYO_JPN is an AWS region.")},
		{"azure region in upper case", body(projectID, "x", "AZURE", "EASTUS", ""), says("Invalid Region", "data_process_region.region \"EASTUS\" is not an AZURE stream processing region.", "Did you mean \"eastus\"?")},
		{"tier", body(projectID, "x", "AWS", "OHIO_USA", `stream_config = { tier = "SP1" }`), says("Attribute stream_config.tier " + tiers + " \"SP1\"")},
		{"timeout", body(projectID, "x", "AWS", "OHIO_USA", `timeouts = { create = "soon" }`), says("Invalid Attribute Value Time Duration", "\"soon\" must be a string containing a sequence of decimal numbers")},
		{"solar not a bool", body(projectID, "x", "AWS", "OHIO_USA", `sample_connections = { solar = "sunny" }`), says("Incorrect attribute value type", "sample_connections = { solar = \"sunny\" }", "Inappropriate value for attribute \"sample_connections\": a bool is required.")},
		{"project_id empty", body("", "x", "AWS", "OHIO_USA", ""), says("Attribute project_id must be 24 lower-case hexadecimal characters, got: ")},
		{"project_id upper case", body("65F0A1B2C3D4E5F60718293A", "x", "AWS", "OHIO_USA", ""), says("Attribute project_id must be 24 lower-case hexadecimal characters, got: 65F0A1B2C3D4E5F60718293A")},
		{"project_id 25 characters", body(projectID+"0", "x", "AWS", "OHIO_USA", ""), says("Attribute project_id must be 24 lower-case hexadecimal characters, got: " + projectID + "0")},
		{"name 65 characters", body(projectID, strings.Repeat("a", 65), "AWS", "OHIO_USA", ""), says("Attribute name " + nameRule + " " + strings.Repeat("a", 65))},
		{"name with underscore", body(projectID, "my_instance", "AWS", "OHIO_USA", ""), says("Attribute name " + nameRule + " my_instance")},
		{"name with unicode", body(projectID, "café", "AWS", "OHIO_USA", ""), says("Attribute name " + nameRule + " café")},
		{"cloud provider lower case", body(projectID, "x", "aws", "OHIO_USA", ""), says("Attribute data_process_region.cloud_provider " + providers + " \"aws\"")},
		{"cloud provider serverless", body(projectID, "x", "SERVERLESS", "OHIO_USA", ""), says("Attribute data_process_region.cloud_provider " + providers + " \"SERVERLESS\"")},
		{"cloud provider empty", body(projectID, "x", "", "OHIO_USA", ""), says("Attribute data_process_region.cloud_provider " + providers + " \"\"")},
		{"region empty", body(projectID, "x", "AWS", "", ""), says("Invalid Region", "data_process_region.region \"\" is not an AWS stream processing region. Allowed regions for AWS:")},
		{"region lower case", body(projectID, "x", "AWS", "ohio_usa", ""), says("Invalid Region", "data_process_region.region \"ohio_usa\" is not an AWS stream processing region.", "Did you mean \"OHIO_USA\"?")},
		{"azure region with aws", body(projectID, "x", "AWS", "eastus", ""), says("Invalid Region", "data_process_region.region \"eastus\" is not an AWS stream processing region.", "eastus is an AZURE region.")},
		{"gcp region with azure", body(projectID, "x", "AZURE", "US_EAST4", ""), says("Invalid Region", "Allowed regions for AZURE: `eastus`, `westus`, `eastus2`, `westeurope`, `brazilsouth`, `australiaeast`. US_EAST4 is a GCP region.")},
		{"tier empty", body(projectID, "x", "AWS", "OHIO_USA", `stream_config = { tier = "" }`), says("Attribute stream_config.tier " + tiers + " \"\"")},
		{"tier lower case", body(projectID, "x", "AWS", "OHIO_USA", `stream_config = { tier = "sp10" }`), says("Attribute stream_config.tier " + tiers + " \"sp10\"")},
		{"tier SP100", body(projectID, "x", "AWS", "OHIO_USA", `stream_config = { tier = "SP100" }`), says("Attribute stream_config.tier " + tiers + " \"SP100\"")},
		{"timeout without unit", body(projectID, "x", "AWS", "OHIO_USA", `timeouts = { delete = "5" }`), says("Invalid Attribute Value Time Duration", "\"5\" must be a string containing a sequence of decimal numbers")},
		{"unknown attribute", body(projectID, "x", "AWS", "OHIO_USA", `tier = "SP10"`), says("Unsupported argument", "An argument named \"tier\" is not expected here.")},
		{"computed attribute set", body(projectID, "x", "AWS", "OHIO_USA", `hostnames = ["h"]`), says("Invalid Configuration for Read-Only Attribute", "hostnames = [\"h\"]", "Cannot set value for this attribute as the provider has marked it as read-only.")},
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
}`, says("Attribute stream_config.tier " + tiers + " \"SP7\"")},
		{"max_retries out of range", strings.Replace(body(projectID, "x", "AWS", "OHIO_USA", ""), "provider \"atlasmini\" {", "provider \"atlasmini\" {\n  max_retries = 1000", 1),
			says("Attribute max_retries value must be between 0 and 100, got: 1000")},
		{"missing region block", ownerProvider(srv) + `
resource "atlasmini_stream_instance" "test" {
  project_id = "` + projectID + `"
  name       = "x"
}`, says("Missing required argument", "The argument \"data_process_region\" is required, but no definition was found.")},
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

// says matches Terraform's output holding each fragment in turn, across
// its line wrapping.
func says(fragments ...string) *regexp.Regexp {
	parts := make([]string, len(fragments))
	for i, f := range fragments {
		parts[i] = errLike(f).String()
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
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
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue(addr, tfjsonpath.New("data_process_region").AtMapKey("region")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("data_process_region").AtMapKey("region"), knownvalue.StringExact("EUROPE_WEST1")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringFunc(func(string) error {
					if in := srv.Instances(projectID); len(in) != 1 || in[0].CloudProvider != "GCP" || in[0].Region != "EUROPE_WEST1" {
						return fmt.Errorf("the mock holds %+v, want one instance in GCP EUROPE_WEST1", in)
					}
					return nil
				})),
			},
		}},
	})
}
