package streamconnection_test

import (
	"context"
	"encoding/json"
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

const (
	projectID = atlasmock.DemoProjectID
	addr      = "atlasmini_stream_connection.test"
	instance  = "ingest"
)

// factories serves the provider in-process to the Terraform the tests run.
var factories = map[string]func() (tfprotov6.ProviderServer, error){
	"atlasmini": providerserver.NewProtocol6WithError(provider.New("test")()),
}

// The request counters the tests read, by method and path template.
const (
	connPost   = "POST /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections"
	connGet    = "GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections/{connectionName}"
	connPatch  = "PATCH /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections/{connectionName}"
	connDelete = "DELETE /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections/{connectionName}"
	connList   = "GET /api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections"
)

// newServer starts the mock with the instance "ingest", made through the
// API so that the tests' configurations hold connections only.
func newServer(t *testing.T, opts ...atlasmock.Options) *atlasmock.Server {
	t.Helper()
	srv := atlasmock.NewServer(t, opts...)
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: instance, CloudProvider: "AWS", Region: "VIRGINIA_USA"}); err != nil {
		t.Fatal(err)
	}
	return srv
}

// providerBlock reaches the mock with a bearer token, so every API call is
// one request and the counters count calls.
func providerBlock(t *testing.T, srv *atlasmock.Server) string {
	return fmt.Sprintf("provider \"atlasmini\" {\n  base_url     = %q\n  access_token = %q\n}\n", srv.URL, srv.AccessToken(t))
}

// connectionConfig is the provider and one connection of "ingest" with
// the given name, type and extra HCL.
func connectionConfig(t *testing.T, srv *atlasmock.Server, name, typ, extra string) string {
	return providerBlock(t, srv) + connectionBlock(name, typ, extra)
}

func connectionBlock(name, typ, extra string) string {
	return fmt.Sprintf(`
resource "atlasmini_stream_connection" "test" {
  project_id    = %q
  instance_name = %q
  name          = %q
  type          = %q
%s
}
`, projectID, instance, name, typ, extra)
}

// apiClient talks to the mock behind Terraform's back.
func apiClient(t *testing.T, srv *atlasmock.Server) *atlas.Client {
	t.Helper()
	c, err := atlas.New(atlas.Config{BaseURL: srv.URL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// stored returns the mock's stored connection of that name.
func stored(srv *atlasmock.Server, name string) (atlasmock.Connection, bool) {
	for _, c := range srv.Connections(projectID, instance) {
		if c.Name == name {
			return c, true
		}
	}
	return atlasmock.Connection{}, false
}

// storedMember checks one member of the mock's stored connection, secrets
// included, as compact JSON.
func storedMember(srv *atlasmock.Server, name, member, want string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(string) error {
		c, ok := stored(srv, name)
		if !ok {
			return fmt.Errorf("the mock has no connection %q", name)
		}
		if got := string(c.Members[member]); got != want {
			return fmt.Errorf("the mock holds %s = %s, want %s", member, got, want)
		}
		return nil
	}))
}

// checkGone asks the mock whether every connection of "ingest" is gone.
func checkGone(srv *atlasmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		if left := srv.Connections(projectID, instance); len(left) > 0 {
			return fmt.Errorf("%d connections left in the mock after destroy, first %q", len(left), left[0].Name)
		}
		return nil
	}
}

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

// stateLacks fails when the whole state, as Terraform shows it, holds any
// of the strings: a secret that must not be stored.
type stateLacks []string

func (s stateLacks) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	data, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	for _, secret := range s {
		if strings.Contains(string(data), secret) {
			resp.Error = fmt.Errorf("the state holds %q", secret)
			return
		}
	}
}

// says matches an error holding the fragments in order, across
// Terraform's line wrapping.
func says(fragments ...string) *regexp.Regexp {
	parts := make([]string, len(fragments))
	for i, f := range fragments {
		words := strings.Fields(f)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

// cmpStored is a check that the state's id is the mock's id of name.
func cmpStored(srv *atlasmock.Server, name string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		c, ok := stored(srv, name)
		if !ok || c.ID != v {
			return fmt.Errorf("state id %s, the mock's %q (found %v)", v, c.ID, ok)
		}
		return nil
	})
}
