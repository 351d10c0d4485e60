package streaminstance_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccSecrets_neverLogged runs a full lifecycle with each auth method
// under TRACE logging, then scans Terraform's log, the provider's log and
// the state for the private key, the client secret and the token.
func TestAccSecrets_neverLogged(t *testing.T) {
	srv := atlasmock.NewServer(t)
	token := srv.AccessToken(t)
	secrets := []string{atlasmock.OwnerPrivateKey, atlasmock.ServiceSecret, token}
	// Credentials come from the environment, as pipelines pass them: the
	// test framework logs the configuration text itself, so a secret
	// written into HCL would show up there whatever the provider does.
	for name, env := range map[string]map[string]string{
		"api-key":         {"MONGODB_ATLAS_PUBLIC_KEY": atlasmock.OwnerPublicKey, "MONGODB_ATLAS_PRIVATE_KEY": atlasmock.OwnerPrivateKey},
		"service-account": {"MONGODB_ATLAS_CLIENT_ID": atlasmock.ServiceClientID, "MONGODB_ATLAS_CLIENT_SECRET": atlasmock.ServiceSecret},
		"access-token":    {"MONGODB_ATLAS_ACCESS_TOKEN": token},
	} {
		t.Run(name, func(t *testing.T) {
			for _, v := range []string{"MONGODB_ATLAS_PUBLIC_KEY", "MONGODB_ATLAS_PRIVATE_KEY", "MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_CLIENT_SECRET", "MONGODB_ATLAS_ACCESS_TOKEN"} {
				t.Setenv(v, env[v])
			}
			block := fmt.Sprintf("provider \"atlasmini\" {\n  base_url = %q\n}\n", srv.URL)
			dir := t.TempDir()
			t.Setenv("TF_ACC_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", filepath.Join(dir, "terraform.log"))
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_LOG_PATH_MASK", filepath.Join(dir, "provider-%s.log"))
			var states []string
			keepState := func(s *terraform.State) error { states = append(states, s.String()); return nil }
			cfg := func(tier string) string {
				return block + fmt.Sprintf(`
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = "secret-%s"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "OHIO_USA"
  }
  stream_config = {
    tier = %q
  }
}`, projectID, name, tier)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: factories,
				Steps: []resource.TestStep{
					{Config: cfg("SP10"), Check: keepState},
					{Config: cfg("SP30"), Check: keepState},
					{Config: cfg("SP30"), ResourceName: addr, ImportState: true, ImportStateId: projectID + "/secret-" + name, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
				},
			})
			logs, _ := filepath.Glob(filepath.Join(dir, "*.log"))
			var scanned int
			for _, f := range logs {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				scanned += len(data)
				for _, s := range secrets {
					if i := strings.Index(string(data), s); i >= 0 {
						t.Errorf("%s holds a secret near: %q", filepath.Base(f), excerpt(string(data), i))
					}
				}
			}
			if len(logs) < 2 || scanned < 10000 {
				t.Fatalf("expected Terraform and provider TRACE logs, found %v (%d bytes)", logs, scanned)
			}
			for _, st := range states {
				for _, s := range secrets {
					if strings.Contains(st, s) {
						t.Errorf("the state holds a secret")
					}
				}
			}
		})
	}
}

// excerpt shows where a secret was found without printing it whole.
func excerpt(s string, i int) string {
	start := max(i-60, 0)
	return s[start:i] + "<SECRET>"
}
