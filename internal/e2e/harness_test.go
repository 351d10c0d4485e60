// Package e2e runs the built provider binary under the real terraform CLI
// against the mock, for what the in-process acceptance tests cannot show:
// Terraform's own parallelism, a mock killed and restarted mid-apply, and
// an apply interrupted with SIGINT.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// binDir holds the provider and mock binaries built once for the package;
// standInDir holds the stand-in for MongoDB's provider.
var binDir, standInDir string

func TestMain(m *testing.M) {
	code := func() int {
		if os.Getenv("TF_ACC") == "" {
			return m.Run() // Every test skips and says why.
		}
		dir, err := os.MkdirTemp("", "atlasmini-e2e-bin")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		standIn := filepath.Join(dir, "mongodbatlas")
		for out, pkg := range map[string]string{
			filepath.Join(dir, "terraform-provider-atlasmini"):        "../..",
			filepath.Join(dir, "atlasmini-mock"):                      "../../cmd/atlasmini-mock",
			filepath.Join(standIn, "terraform-provider-mongodbatlas"): "./mongodbatlas",
		} {
			cmd := exec.Command("go", "build", "-o", out, pkg)
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Run(); err != nil {
				fmt.Fprintln(os.Stderr, "building", pkg, err)
				return 1
			}
		}
		binDir, standInDir = dir, standIn
		return m.Run()
	}()
	os.Exit(code)
}

func needAcc(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("end-to-end tests run the terraform CLI; set TF_ACC=1 (make test does)")
	}
}

func terraformPath(t *testing.T) string {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("no terraform on PATH and TF_ACC_TERRAFORM_PATH unset")
	}
	return p
}

// workspace is a Terraform working directory using the built provider
// through dev_overrides, with credentials in the environment.
type workspace struct {
	t   *testing.T
	dir string
	env []string
	tf  string
}

func newWorkspace(t *testing.T, baseURL, config string) *workspace {
	t.Helper()
	dir := t.TempDir()
	rc := filepath.Join(dir, "terraformrc")
	// The stand-in for MongoDB's provider is overridden too, for the
	// workspaces that name it; the others never load it.
	must(t, os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"atlasmini/atlasmini\" = %q\n    \"mongodb/mongodbatlas\" = %q\n  }\n  direct {}\n}\n", binDir, standInDir)), 0o600))
	w := &workspace{t: t, dir: dir, tf: terraformPath(t)}
	w.writeConfig(atlasminiOnly + config)
	env := []string{
		"TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"MONGODB_ATLAS_BASE_URL=" + baseURL,
		"MONGODB_ATLAS_PUBLIC_KEY=" + atlasmock.OwnerPublicKey, "MONGODB_ATLAS_PRIVATE_KEY=" + atlasmock.OwnerPrivateKey,
	}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MONGODB_ATLAS_") && !strings.HasPrefix(kv, "TF_") {
			env = append(env, kv)
		}
	}
	w.env = env
	return w
}

// atlasminiOnly is the terraform block of a workspace that uses atlasmini
// alone, with its provider block.
const atlasminiOnly = `terraform {
  required_providers {
    atlasmini = {
      source = "atlasmini/atlasmini"
    }
  }
}
provider "atlasmini" {}
`

// writeConfig replaces the workspace's configuration.
func (w *workspace) writeConfig(config string) {
	w.t.Helper()
	must(w.t, os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o600))
}

// setEnv sets one environment variable of the terraform commands.
func (w *workspace) setEnv(key, value string) {
	for i, kv := range w.env {
		if strings.HasPrefix(kv, key+"=") {
			w.env[i] = key + "=" + value
			return
		}
	}
	w.env = append(w.env, key+"="+value)
}

// command prepares a terraform command in the workspace.
func (w *workspace) command(args ...string) (*exec.Cmd, *bytes.Buffer) {
	cmd := exec.Command(w.tf, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd, &out
}

// run runs terraform and returns its exit code and output.
func (w *workspace) run(args ...string) (int, string) {
	w.t.Helper()
	cmd, out := w.command(args...)
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), out.String()
	}
	must(w.t, err)
	return 0, out.String()
}

// mustRun runs terraform and fails the test on a non-zero exit.
func (w *workspace) mustRun(args ...string) string {
	w.t.Helper()
	code, out := w.run(args...)
	if code != 0 {
		w.t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, tail(out, 4000))
	}
	return out
}

// stateInstances returns name -> id of the instances in Terraform's state.
func (w *workspace) stateInstances() map[string]string {
	w.t.Helper()
	got := map[string]string{}
	for _, r := range w.stateResources("atlasmini_stream_instance") {
		got[fmt.Sprint(r["name"])] = fmt.Sprint(r["id"])
	}
	return got
}

// stateResources returns the values of the resources of one type in
// Terraform's state.
func (w *workspace) stateResources(typ string) []map[string]any {
	w.t.Helper()
	out := w.mustRun("show", "-json")
	var doc struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Type   string         `json:"type"`
					Values map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	must(w.t, json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &doc))
	var got []map[string]any
	for _, r := range doc.Values.RootModule.Resources {
		if r.Type == typ {
			got = append(got, r.Values)
		}
	}
	return got
}

// mockInstances lists name -> _id through the API itself.
func mockInstances(t *testing.T, baseURL string) map[string]string {
	t.Helper()
	c, err := atlas.New(atlas.Config{BaseURL: baseURL, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey, RetryMax: 5})
	must(t, err)
	all, _, err := c.ListStreamInstances(context.Background(), atlasmock.DemoProjectID)
	must(t, err)
	got := map[string]string{}
	for _, in := range all {
		if _, dup := got[in.Name]; dup {
			t.Fatalf("the mock lists %s twice", in.Name)
		}
		got[in.Name] = in.ID
	}
	return got
}

// sameInstances fails unless state and mock hold the same instances.
func sameInstances(t *testing.T, state, mock map[string]string) {
	t.Helper()
	if len(state) != len(mock) {
		t.Fatalf("state holds %d instances, the mock %d (state %v, mock %v)", len(state), len(mock), keys(state), keys(mock))
	}
	for name, id := range state {
		if mock[name] != id {
			t.Fatalf("instance %s: state id %s, mock _id %q", name, id, mock[name])
		}
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// instancesConfig declares n instances.
func instancesConfig(n int) string {
	return fmt.Sprintf(`
resource "atlasmini_stream_instance" "many" {
  count      = %d
  project_id = %q
  name       = "e2e-${count.index}"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "LONDON_GBR"
  }
}
`, n, atlasmock.DemoProjectID)
}

// mockProcess is atlasmini-mock running as its own process.
type mockProcess struct {
	cmd *exec.Cmd
	url string
}

// startMock runs the mock binary and waits until it listens.
func startMock(t *testing.T, args ...string) *mockProcess {
	t.Helper()
	urlFile := filepath.Join(t.TempDir(), "url")
	cmd := exec.Command(filepath.Join(binDir, "atlasmini-mock"), append([]string{"-url-file", urlFile, "-quiet"}, args...)...)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	must(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if data, err := os.ReadFile(urlFile); err == nil && len(data) > 0 {
			return &mockProcess{cmd: cmd, url: strings.TrimSpace(string(data))}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("atlasmini-mock did not start:\n%s", logs.String())
	return nil
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// expectOnlyReads fails the test for every request other than a GET that
// the mock counted (since its last reset): what (a move, an import) was to
// write nothing.
func expectOnlyReads(t *testing.T, srv *atlasmock.Server, what string) {
	t.Helper()
	for op, n := range srv.Counts() {
		if !strings.HasPrefix(op, "GET ") && n > 0 {
			t.Errorf("%s sent %d × %s", what, n, op)
		}
	}
}

// expectSays fails the test for each fragment that the output of a
// terraform command (what names it) does not hold, across its line
// wrapping.
func expectSays(t *testing.T, what, out string, fragments ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(out), " ")
	for _, f := range fragments {
		if !strings.Contains(flat, f) {
			t.Errorf("%s does not say %q:\n%s", what, f, tail(out, 3000))
		}
	}
}
