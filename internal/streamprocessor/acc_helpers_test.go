package streamprocessor_test

import (
	"fmt"
	"log"
	"regexp"
	"strings"
	"sync"
	"testing"

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
	addr      = "atlasmini_stream_processor.test"
	instance  = "ingest"
)

// factories serves the provider in-process to the Terraform the tests run.
var factories = map[string]func() (tfprotov6.ProviderServer, error){
	"atlasmini": providerserver.NewProtocol6WithError(provider.New("test")()),
}

// requestLog collects the mock's request log: one line per request,
// "date time METHOD PATH STATUS duration".
type requestLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *requestLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, strings.Split(strings.TrimSpace(string(p)), "\n")...)
	return len(p), nil
}

// calls returns "METHOD PATH" of each logged request whose path holds
// part, in order, and forgets the log.
func (l *requestLog) calls(part string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range l.lines {
		f := strings.Fields(line)
		if len(f) >= 5 && strings.Contains(f[3], part) {
			out = append(out, f[2]+" "+f[3][strings.LastIndex(f[3], "/")+1:])
		}
	}
	l.lines = nil
	return out
}

// count returns how many logged requests have a path that holds part and
// were answered with status ("499" for an answer the mock lost), without
// forgetting the log.
func (l *requestLog) count(part, status string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, line := range l.lines {
		if f := strings.Fields(line); len(f) >= 5 && strings.Contains(f[3], part) && f[4] == status {
			n++
		}
	}
	return n
}

// newServer starts the mock with the instance "ingest" (with the solar
// sample) and the Cluster connection "warehouse", and a request log.
func newServer(t *testing.T, opts ...atlasmock.Options) (*atlasmock.Server, *requestLog) {
	t.Helper()
	var o atlasmock.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	rl := &requestLog{}
	o.Logger = log.New(rl, "", log.LstdFlags|log.Lmicroseconds)
	srv := atlasmock.NewServer(t, o)
	if err := srv.Seed(atlasmock.Instance{GroupID: projectID, Name: instance, CloudProvider: "AWS", Region: "VIRGINIA_USA", Solar: true, MaxTierSize: "SP30"}); err != nil {
		t.Fatal(err)
	}
	if err := srv.SeedConnection(projectID, instance, []byte(`{"name":"warehouse","type":"Cluster","clusterName":"Cluster0"}`)); err != nil {
		t.Fatal(err)
	}
	if err := srv.SeedConnection(projectID, instance, []byte(`{"name":"hook","type":"Https","url":"https://x.net"}`)); err != nil {
		t.Fatal(err)
	}
	return srv, rl
}

// providerBlock reaches the mock with a bearer token.
func providerBlock(t *testing.T, srv *atlasmock.Server) string {
	return fmt.Sprintf("provider \"atlasmini\" {\n  base_url     = %q\n  access_token = %q\n}\n", srv.URL, srv.AccessToken(t))
}

// processorConfig is the provider and one processor of "ingest".
func processorConfig(t *testing.T, srv *atlasmock.Server, name, pipeline, extra string) string {
	return providerBlock(t, srv) + processorBlock(name, pipeline, extra)
}

func processorBlock(name, pipeline, extra string) string {
	return fmt.Sprintf(`
resource "atlasmini_stream_processor" "test" {
  project_id    = %q
  instance_name = %q
  name          = %q
  pipeline      = %s
%s
}
`, projectID, instance, name, pipeline, extra)
}

// jsonPipeline is a pipeline written with jsonencode, from the solar
// sample to the warehouse connection, matching watts above min.
func jsonPipeline(minWatts int) string {
	return fmt.Sprintf(`jsonencode([
    { "$source" = { connectionName = "sample_stream_solar" } },
    { "$match" = { "obs.watts" = { "$gt" = %d } } },
    { "$merge" = { into = { connectionName = "warehouse", db = "solar", coll = "readings" } } },
  ])`, minWatts)
}

// stored returns the mock's processor of that name.
func stored(srv *atlasmock.Server, name string) (atlasmock.Processor, bool) {
	for _, p := range srv.Processors(projectID, instance) {
		if p.Name == name {
			return p, true
		}
	}
	return atlasmock.Processor{}, false
}

// storedState checks the state the mock shows for the processor.
func storedState(srv *atlasmock.Server, name, want string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringFunc(func(id string) error {
		p, ok := stored(srv, name)
		switch {
		case !ok:
			return fmt.Errorf("the mock has no processor %q", name)
		case p.ID != id:
			return fmt.Errorf("state id %s, the mock's %s", id, p.ID)
		case p.State != want:
			return fmt.Errorf("the mock shows %s, want %s", p.State, want)
		}
		return nil
	}))
}

// checkGone asks the mock whether every processor of "ingest" is gone.
func checkGone(srv *atlasmock.Server) func(*terraform.State) error {
	return func(*terraform.State) error {
		if left := srv.Processors(projectID, instance); len(left) > 0 {
			return fmt.Errorf("%d processors left in the mock after destroy, first %q", len(left), left[0].Name)
		}
		return nil
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

// regexpOf compiles a regular expression of literal text.
func regexpOf(s string) *regexp.Regexp { return regexp.MustCompile(regexp.QuoteMeta(s)) }
