package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

var factories = map[string]func() (tfprotov6.ProviderServer, error){
	"atlasmini": providerserver.NewProtocol6WithError(provider.New("test")()),
}

const instance = `
resource "atlasmini_stream_instance" "test" {
  project_id = "` + atlasmock.DemoProjectID + `"
  name       = "env"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "OHIO_USA"
  }
}`

// clearEnv unsets every credential variable for the test.
func clearEnv(t *testing.T) {
	for _, v := range []string{
		"MONGODB_ATLAS_BASE_URL", "MONGODB_ATLAS_PUBLIC_KEY", "MONGODB_ATLAS_PRIVATE_KEY",
		"MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PRIVATE_API_KEY",
		"MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_CLIENT_SECRET", "MONGODB_ATLAS_ACCESS_TOKEN",
	} {
		t.Setenv(v, "")
	}
}

func TestAccProvider_settingsFromEnvironment(t *testing.T) {
	srv := atlasmock.NewServer(t)
	for name, env := range map[string]map[string]string{
		"api key":         {"MONGODB_ATLAS_PUBLIC_KEY": atlasmock.OwnerPublicKey, "MONGODB_ATLAS_PRIVATE_KEY": atlasmock.OwnerPrivateKey},
		"api key aliases": {"MONGODB_ATLAS_PUBLIC_API_KEY": atlasmock.OwnerPublicKey, "MONGODB_ATLAS_PRIVATE_API_KEY": atlasmock.OwnerPrivateKey},
		"service account": {"MONGODB_ATLAS_CLIENT_ID": atlasmock.ServiceClientID, "MONGODB_ATLAS_CLIENT_SECRET": atlasmock.ServiceSecret},
	} {
		t.Run(name, func(t *testing.T) {
			clearEnv(t)
			t.Setenv("MONGODB_ATLAS_BASE_URL", srv.URL)
			for k, v := range env {
				t.Setenv(k, v)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{{
					Config: `provider "atlasmini" {}` + instance,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("atlasmini_stream_instance.test", tfjsonpath.New("id"), knownvalue.NotNull()),
					},
				}},
			})
		})
	}
}

func TestAccProvider_credentialErrors(t *testing.T) {
	srv := atlasmock.NewServer(t)
	for _, tc := range []struct {
		name, block string
		want        *regexp.Regexp
	}{
		{"none", `base_url = "` + srv.URL + `"`, regexp.MustCompile(`(?s)Missing Atlas Credentials.*access_token.*client_id\s+and\s+client_secret.*public_key\s+and\s+private_key`)},
		{"public key alone", `
  base_url   = "` + srv.URL + `"
  public_key = "mock-owner"`, regexp.MustCompile(`(?s)Incomplete Credentials.*public_key is set but private_key is not`)},
		{"client secret alone", `
  base_url      = "` + srv.URL + `"
  client_secret = "x"`, regexp.MustCompile(`(?s)client_secret is set but client_id is not`)},
		{"bad base url", `
  base_url     = "cloud.mongodb.com"
  access_token = "x"`, regexp.MustCompile(`(?s)Invalid Base URL`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{{
					Config:      fmt.Sprintf("provider \"atlasmini\" {\n%s\n}\n", tc.block) + instance,
					ExpectError: tc.want,
				}},
			})
		})
	}
	if len(srv.Counts()) != 0 {
		t.Errorf("configuration errors reached the API: %v", srv.Counts())
	}
}

// TestAccProvider_severalMethodsPreferServiceAccount sets a service
// account and a wrong API key: the apply only succeeds if the service
// account is the one used.
func TestAccProvider_severalMethodsPreferServiceAccount(t *testing.T) {
	clearEnv(t)
	srv := atlasmock.NewServer(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "atlasmini" {
  base_url      = %q
  public_key    = "mock-owner"
  private_key   = "wrong"
  client_id     = %q
  client_secret = %q
}`, srv.URL, atlasmock.ServiceClientID, atlasmock.ServiceSecret) + instance,
		}},
	})
	if srv.Counts()["POST /api/oauth/token"] == 0 {
		t.Error("the service account was not used")
	}
}

// TestAccProvider_configureMakesNoRequest validates and plans a new
// instance of ours: Terraform configures the provider for it, and the
// plan of a create needs no API call, so any request the mock sees came
// from Configure.
func TestAccProvider_configureMakesNoRequest(t *testing.T) {
	clearEnv(t)
	srv := atlasmock.NewServer(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "atlasmini" {
  base_url    = %q
  public_key  = "mock-owner"
  private_key = "mock-owner-secret"
}
resource "terraform_data" "unrelated" {
  input = "x"
}`, srv.URL) + instance,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction("atlasmini_stream_instance.test", plancheck.ResourceActionCreate)},
			},
		}},
	})
	if len(srv.Counts()) != 0 {
		t.Errorf("configuring the provider reached the API: %v", srv.Counts())
	}
}
