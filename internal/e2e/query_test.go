package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/acctest"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// needQuery skips a test of terraform query: on OpenTofu, which has no
// query command and no list resources in any version, and on Terraform
// before 1.14.
func needQuery(t *testing.T) {
	t.Helper()
	if acctest.CLIProduct(terraformPath(t)) == "OpenTofu" {
		t.Skip("OpenTofu has no query command and no list resources, in any version: import blocks with tofu plan -generate-config-out adopt objects instead")
	}
	needTerraform(t, "1.14")
}

// needTerraform skips a test when the terraform under test is older than
// minimum (major.minor), saying which it is.
func needTerraform(t *testing.T, minimum string) {
	t.Helper()
	cmd := exec.Command(terraformPath(t), "version", "-json")
	out, err := cmd.Output()
	must(t, err)
	var v struct {
		Version string `json:"terraform_version"`
	}
	must(t, json.Unmarshal(out, &v))
	if versionBelow(v.Version, minimum) {
		t.Skipf("needs Terraform %s or later; %s is %s (set TF_ACC_TERRAFORM_PATH to a newer one, as .ci/run does)", minimum, terraformPath(t), v.Version)
	}
}

// versionBelow compares dotted versions by their numbers.
func versionBelow(have, want string) bool {
	h, w := strings.Split(have, "."), strings.Split(want, ".")
	for i := range w {
		var a, b int
		if i < len(h) {
			a, _ = strconv.Atoi(strings.TrimFunc(h[i], func(r rune) bool { return r < '0' || r > '9' }))
		}
		b, _ = strconv.Atoi(w[i])
		if a != b {
			return a < b
		}
	}
	return false
}

// mockCounters reads the standalone mock's request counters.
func mockCounters(t *testing.T, baseURL string) map[string]int64 {
	t.Helper()
	resp, err := http.Get(baseURL + "/_mock/requests")
	must(t, err)
	defer resp.Body.Close()
	var body struct {
		Requests map[string]int64 `json:"requests"`
	}
	must(t, json.NewDecoder(resp.Body).Decode(&body))
	return body.Requests
}

// resetMockCounters zeroes the standalone mock's request counters.
func resetMockCounters(t *testing.T, baseURL string) {
	t.Helper()
	resp, err := http.Post(baseURL+"/_mock/reset-counters", "", nil)
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("reset-counters answered %d", resp.StatusCode)
	}
}

// TestE2E_queryGeneratesConfigThatImportsEverything is the workflow the docs
// show for instances made outside Terraform: 30 instances made through the
// API, one terraform query that writes their resource and import blocks,
// one apply that imports them all, and an empty plan after it.
func TestE2E_queryGeneratesConfigThatImportsEverything(t *testing.T) {
	needAcc(t)
	needQuery(t)
	mock := startMock(t, "-listen", "127.0.0.1:0")
	c, err := atlas.New(atlas.Config{BaseURL: mock.url, PublicKey: atlasmock.OwnerPublicKey, PrivateKey: atlasmock.OwnerPrivateKey})
	must(t, err)
	regions := []string{"VIRGINIA_USA", "OHIO_USA", "OREGON_USA", "DUBLIN_IRL", "TOKYO_JPN"}
	tiers := []string{"SP2", "SP5", "SP10", "SP30", "SP50"}
	ids := map[string]string{}
	for i := range 30 {
		req := atlas.CreateRequest{
			Name:              fmt.Sprintf("manual-%02d", i),
			DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: regions[i%len(regions)]},
			StreamConfig:      &atlas.StreamConfig{Tier: tiers[i%len(tiers)]},
		}
		if i%3 == 0 {
			req.SampleConnections = &atlas.SampleConnections{Solar: true}
		}
		if i%4 == 0 {
			req.StreamConfig.MaxTierSize = "SP50"
			req.FailoverRegions = []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "SEOUL_KOR"}}
		}
		in, err := c.CreateStreamInstance(context.Background(), atlasmock.DemoProjectID, req)
		must(t, err)
		ids[in.Name] = in.ID
	}
	resetMockCounters(t, mock.url)

	w := newWorkspace(t, mock.url, "")
	must(t, os.WriteFile(filepath.Join(w.dir, "search.tfquery.hcl"), []byte(fmt.Sprintf(`
list "atlasmini_stream_instance" "all" {
  provider         = atlasmini
  include_resource = true
  config {
    project_id = %q
  }
}
`, atlasmock.DemoProjectID)), 0o600))
	out := w.mustRun("query", "-generate-config-out=generated.tf")
	for name := range ids {
		if !strings.Contains(out, name) {
			t.Errorf("terraform query does not show %s:\n%s", name, tail(out, 3000))
		}
	}
	generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	must(t, err)
	if n := len(regexp.MustCompile(`(?m)^import \{`).FindAll(generated, -1)); n != 30 {
		t.Fatalf("generated.tf holds %d import blocks, want 30:\n%s", n, tail(string(generated), 3000))
	}
	w.mustRun("apply", "-auto-approve", "-input=false")
	if got := w.stateInstances(); fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Fatalf("after the apply the state holds %v, want %v", got, ids)
	}
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan after the import exited %d, want 0 (no changes):\n%s", code, tail(out, 3000))
	}
	counts := mockCounters(t, mock.url)
	for _, op := range []string{"POST /api/atlas/v2/groups/{groupId}/streams", "PATCH /api/atlas/v2/groups/{groupId}/streams/{tenantName}", "DELETE /api/atlas/v2/groups/{groupId}/streams/{tenantName}"} {
		if counts[op] != 0 {
			t.Errorf("query and import sent %d × %s", counts[op], op)
		}
	}
}
