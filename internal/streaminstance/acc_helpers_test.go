package streaminstance_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const projectID = atlasmock.DemoProjectID

// factories serves the provider in-process to the Terraform the tests run.
var factories = map[string]func() (tfprotov6.ProviderServer, error){
	"atlasmini": providerserver.NewProtocol6WithError(provider.New("test")()),
}

// ownerProvider is a provider block with the mock's owner API key.
func ownerProvider(srv *atlasmock.Server) string {
	return apiKeyProvider(srv, atlasmock.OwnerPublicKey, atlasmock.OwnerPrivateKey)
}

func apiKeyProvider(srv *atlasmock.Server, public, private string) string {
	return fmt.Sprintf(`
provider "atlasmini" {
  base_url    = %q
  public_key  = %q
  private_key = %q
}
`, srv.URL, public, private)
}

// instanceConfig is a provider block and one instance with extra HCL.
func instanceConfig(srv *atlasmock.Server, name, extra string) string {
	return ownerProvider(srv) + instanceBlock(name, extra)
}

// instanceBlock is one instance in AWS VIRGINIA_USA with extra HCL.
func instanceBlock(name, extra string) string {
	return fmt.Sprintf(`
resource "atlasmini_stream_instance" "test" {
  project_id = %q
  name       = %q
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
%s
}
`, projectID, name, extra)
}

// The request counters the tests read, by method and path template.
const (
	post  = "POST /api/atlas/v2/groups/{groupId}/streams"
	get   = "GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}"
	patch = "PATCH /api/atlas/v2/groups/{groupId}/streams/{tenantName}"
	del   = "DELETE /api/atlas/v2/groups/{groupId}/streams/{tenantName}"
)

// requestsSince checks the requests of the given kinds since the last
// reset, then resets.
func requestsSince(srv *atlasmock.Server, want map[string]int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
		got := srv.Counts()
		defer srv.ResetCounts()
		for k, v := range want {
			if got[k] != v {
				return fmt.Errorf("%s: %d requests, want %d (all: %v)", k, got[k], v, got)
			}
		}
		return nil
	}))
}

// apiClient talks to the mock behind Terraform's back, to cause drift.
func apiClient(t *testing.T, srv *atlasmock.Server) *atlas.Client {
	t.Helper()
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkDestroyed asks the mock whether every instance is gone.
func checkDestroyed(srv *atlasmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		if left := srv.Instances(projectID); len(left) > 0 {
			return fmt.Errorf("%d instances left in the mock after destroy, first %q", len(left), left[0].Name)
		}
		return nil
	}
}

// errLike matches a message across Terraform's line wrapping: the words of
// s in order, separated by any white space.
func errLike(s string) *regexp.Regexp {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// hostnameRegion matches a mock hostname in the given region.
func hostnameRegion(slug string) *regexp.Regexp {
	return regexp.MustCompile(`^atlas-stream-[0-9a-f]{24}-[a-z]{5}\.` + regexp.QuoteMeta(slug) + `\.a\.query\.mongodb\.net$`)
}
