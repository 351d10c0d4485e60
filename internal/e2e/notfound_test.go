package e2e

import (
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// TestE2E_wrongBaseURLNeverForgetsAnInstance points the provider at a
// wrong path of the mock, where every request answers 404: plan, destroy
// and a destroy without refresh (straight to the DELETE) must fail, and
// the instance must stay in state and in the mock.
func TestE2E_wrongBaseURLNeverForgetsAnInstance(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	w := newWorkspace(t, srv.URL, instancesConfig(1))
	w.mustRun("apply", "-auto-approve", "-input=false")
	before := w.stateInstances()
	sameInstances(t, before, mockInstances(t, srv.URL))

	w.setEnv("MONGODB_ATLAS_BASE_URL", srv.URL+"/typo")
	for _, args := range [][]string{
		{"plan", "-input=false"},
		{"destroy", "-auto-approve", "-input=false"},
		{"destroy", "-auto-approve", "-input=false", "-refresh=false"},
	} {
		code, out := w.run(args...)
		if code == 0 {
			t.Fatalf("terraform %s with a wrong base URL exited 0:\n%s", strings.Join(args, " "), tail(out, 3000))
		}
		flat := strings.Join(strings.Fields(out), " ")
		for _, want := range []string{srv.URL + "/typo/api/atlas/v2/groups/" + atlasmock.DemoProjectID + "/streams", "RESOURCE_NOT_FOUND", "has not confirmed that the stream instance is gone"} {
			if !strings.Contains(flat, want) {
				t.Errorf("terraform %s: the output does not say %q:\n%s", strings.Join(args, " "), want, tail(out, 3000))
			}
		}
	}

	w.setEnv("MONGODB_ATLAS_BASE_URL", srv.URL)
	after := w.stateInstances()
	if len(after) != 1 || after["e2e-0"] != before["e2e-0"] {
		t.Fatalf("the state changed: before %v, after %v", before, after)
	}
	sameInstances(t, after, mockInstances(t, srv.URL))
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("plan with the right base URL exited %d, want 0 (no changes):\n%s", code, tail(out, 3000))
	}
	w.mustRun("destroy", "-auto-approve", "-input=false")
	if left := mockInstances(t, srv.URL); len(left) != 0 {
		t.Fatalf("%d instances left after destroy", len(left))
	}
}
