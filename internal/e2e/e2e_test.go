package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

func TestE2E_parallelism50On100Instances(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	w := newWorkspace(t, srv.URL, instancesConfig(100))
	w.mustRun("apply", "-auto-approve", "-input=false", "-parallelism=50")
	sameInstances(t, w.stateInstances(), mockInstances(t, srv.URL))
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false", "-parallelism=50"); code != 0 {
		t.Fatalf("re-plan exited %d, want 0 (no changes):\n%s", code, tail(out, 3000))
	}
	w.mustRun("destroy", "-auto-approve", "-input=false", "-parallelism=50")
	if left := mockInstances(t, srv.URL); len(left) != 0 {
		t.Fatalf("%d instances left after destroy", len(left))
	}
}

func TestE2E_mockKilledAndRestartedMidApply(t *testing.T) {
	needAcc(t)
	state := filepath.Join(t.TempDir(), "mock-state.json")
	mock := startMock(t, "-listen", "127.0.0.1:0", "-state", state, "-latency", "30ms")
	w := newWorkspace(t, mock.url, instancesConfig(100))
	apply, out := w.command("apply", "-auto-approve", "-input=false")
	must(t, apply.Start())

	// Kill -9 once some instances exist; every read of the state file
	// along the way must parse.
	deadline := time.Now().Add(2 * time.Minute)
	for stored := 0; stored < 15; {
		if time.Now().After(deadline) {
			t.Fatalf("the apply made no progress:\n%s", tail(out.String(), 3000))
		}
		stored = storedCount(t, state)
		time.Sleep(10 * time.Millisecond)
	}
	must(t, mock.cmd.Process.Signal(syscall.SIGKILL))
	_ = mock.cmd.Wait()
	// What the killed mock had stored must survive it unchanged: the same
	// instances with the same ids, adopted by Terraform, not made again.
	killedWith := storedIDs(t, state)
	t.Logf("the mock was killed with %d of 100 instances stored", len(killedWith))
	restarted := startMock(t, "-listen", strings.TrimPrefix(mock.url, "http://"), "-state", state, "-latency", "30ms")
	_ = apply.Wait() // It may succeed through retries or fail; the next apply must converge.
	if apply.ProcessState.ExitCode() == 0 {
		// Retries carried the apply through the restart: it must be whole.
		sameInstances(t, w.stateInstances(), mockInstances(t, restarted.url))
	}

	w.mustRun("apply", "-auto-approve", "-input=false")
	if code, out := w.run("plan", "-detailed-exitcode", "-input=false"); code != 0 {
		t.Fatalf("re-plan exited %d:\n%s", code, tail(out, 3000))
	}
	// Nothing lost, nothing duplicated: the mock lists each of the 100
	// names once (mockInstances fails on a repeated name), the state holds
	// the same ids, and every instance stored before the kill kept its id.
	inMock := mockInstances(t, restarted.url)
	if len(inMock) != 100 {
		t.Fatalf("the mock holds %d instances, want 100", len(inMock))
	}
	sameInstances(t, w.stateInstances(), inMock)
	for name, id := range killedWith {
		if inMock[name] != id {
			t.Errorf("instance %s had id %s when the mock was killed, and %q after the restart", name, id, inMock[name])
		}
	}
}

// storedIDs reads name -> id from the mock's state file as a restart
// would; a file that does not parse fails the test.
func storedIDs(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	var p struct {
		Instances []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"instances"`
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("the state file is unreadable: %v", err)
	}
	out := map[string]string{}
	for _, in := range p.Instances {
		out[in.Name] = in.ID
	}
	return out
}

// storedCount reads the mock's state file as a restart would; a file that
// does not parse fails the test.
func storedCount(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0
	}
	must(t, err)
	var p struct {
		Instances []json.RawMessage `json:"instances"`
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("the state file is unreadable: %v", err)
	}
	return len(p.Instances)
}

func TestE2E_interruptedApplySavesWhatWasCreated(t *testing.T) {
	needAcc(t)
	const latency = 2 * time.Second
	srv := atlasmock.NewServer(t, atlasmock.Options{Latency: latency})
	w := newWorkspace(t, srv.URL, instancesConfig(20))
	apply, out := w.command("apply", "-auto-approve", "-input=false", "-parallelism=2")
	must(t, apply.Start())
	deadline := time.Now().Add(2 * time.Minute)
	for len(srv.Instances(atlasmock.DemoProjectID)) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("no instance was created:\n%s", tail(out.String(), 3000))
		}
		time.Sleep(20 * time.Millisecond)
	}
	must(t, apply.Process.Signal(syscall.SIGINT))
	stopped := time.Now()
	_ = apply.Wait()
	// Behaviour, not speed: the whole apply needs at least ten rounds of
	// two-second requests, so an apply that kept waiting or retrying would
	// take far longer than this bound.
	took := time.Since(stopped)
	t.Logf("terraform stopped %v after SIGINT", took)
	if took > 5*latency {
		t.Errorf("terraform took %v to stop after SIGINT", took)
	}
	if apply.ProcessState.ExitCode() == 0 {
		t.Fatalf("the interrupted apply exited 0:\n%s", tail(out.String(), 2000))
	}
	// Every instance the API created is in state. A create interrupted
	// before its outcome was known is recorded too (without an id), so the
	// state may hold more names than the mock, never fewer.
	created := map[string]string{}
	for _, in := range srv.Instances(atlasmock.DemoProjectID) {
		created[in.Name] = in.ID
	}
	inState := w.stateInstances()
	for name, id := range created {
		got, ok := inState[name]
		if !ok {
			t.Fatalf("instance %s was created by the API but is not in state (state %v)", name, keys(inState))
		}
		if got != id && got != "<nil>" {
			t.Fatalf("instance %s: state id %s, mock _id %s", name, got, id)
		}
	}
	if len(created) >= 20 {
		t.Fatalf("the apply was not interrupted: %d instances", len(created))
	}
	w.mustRun("apply", "-auto-approve", "-input=false", "-parallelism=20")
	final := map[string]string{}
	for _, in := range srv.Instances(atlasmock.DemoProjectID) {
		final[in.Name] = in.ID
	}
	if len(final) != 20 {
		t.Fatalf("after the second apply the mock holds %d instances", len(final))
	}
	sameInstances(t, w.stateInstances(), final)
}

// TestE2E_logsFlowWhenAsked checks that TF_LOG still brings the provider's
// request log, which the provider silences when no log is asked for, and
// that no credential is in it.
func TestE2E_logsFlowWhenAsked(t *testing.T) {
	needAcc(t)
	srv := atlasmock.NewServer(t)
	w := newWorkspace(t, srv.URL, instancesConfig(1))
	w.env = append(w.env, "TF_LOG=DEBUG")
	out := w.mustRun("apply", "-auto-approve", "-input=false")
	if !strings.Contains(out, "Atlas API request") || !strings.Contains(out, "/api/atlas/v2/groups/"+atlasmock.DemoProjectID+"/streams") {
		t.Errorf("TF_LOG=DEBUG output lacks the provider's request log:\n%s", tail(out, 2000))
	}
	if strings.Contains(out, atlasmock.OwnerPrivateKey) {
		t.Error("the log holds the private key")
	}
	w.env = w.env[:len(w.env)-1]
	if out := w.mustRun("destroy", "-auto-approve", "-input=false"); strings.Contains(out, "Atlas API request") {
		t.Error("without TF_LOG the provider's log reached the output")
	}
}

// TestE2E_mockShutsDownGracefully stops the standalone mock with SIGTERM
// and SIGINT: it says so and exits 0, and its state file stays readable.
func TestE2E_mockShutsDownGracefully(t *testing.T) {
	needAcc(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		state := filepath.Join(t.TempDir(), "state.json")
		m := startMock(t, "-listen", "127.0.0.1:0", "-state", state)
		w := newWorkspace(t, m.url, instancesConfig(2))
		w.mustRun("apply", "-auto-approve", "-input=false")
		must(t, m.cmd.Process.Signal(sig))
		err := m.cmd.Wait()
		if err != nil {
			t.Fatalf("%v: the mock exited with %v", sig, err)
		}
		if n := storedCount(t, state); n != 2 {
			t.Fatalf("%v: the state file holds %d instances, want 2", sig, n)
		}
	}
}
