package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

const demoProject = "65f0a1b2c3d4e5f60718293a"

// kinds are the two workloads compared: Terraform's built-in resource
// (no plugin at all) and ours.
var kinds = []string{"terraform_data", "atlasmini"}

var commands = []string{"apply", "plan", "destroy"}

type benchEnv struct {
	terraform string
	work      string
	mockURL   string
	plainRC   string
	wrappedRC string
	rssLog    string
}

// result is one measured command.
type result struct {
	seconds  float64
	requests int64
	rss      []int64 // KiB, one per provider launch (instrumented runs only)
}

func runTerraformBench(args []string) error {
	fs := flag.NewFlagSet("terraform", flag.ContinueOnError)
	ns := fs.String("n", "10,100,500", "comma-separated instance counts")
	reps := fs.Int("reps", 3, "timed repetitions per cell (medians are reported)")
	tf := fs.String("terraform", "terraform", "terraform binary")
	provider := fs.String("provider", "bin/terraform-provider-atlasmini", "provider binary")
	mock := fs.String("mock", "bin/atlasmini-mock", "atlasmini-mock binary")
	out := fs.String("out", "", "also write the Markdown report to this file")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the provider during the largest no-op plan to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	counts, err := parseCounts(*ns)
	if err != nil {
		return err
	}
	if *reps < 1 {
		return errors.New("-reps must be at least 1")
	}
	env, stop, err := setup(*tf, *provider, *mock)
	if err != nil {
		return err
	}
	defer stop()

	timed := map[string][]result{} // key: kind/N/command
	key := func(kind string, n int, cmd string) string { return fmt.Sprintf("%s/%d/%s", kind, n, cmd) }
	for rep := 1; rep <= *reps; rep++ {
		for _, n := range counts {
			for _, kind := range kinds {
				fmt.Fprintf(os.Stderr, "rep %d/%d: %s x %d\n", rep, *reps, kind, n)
				rs, err := env.cycle(kind, n, false, "")
				if err != nil {
					return err
				}
				for i, cmd := range commands {
					timed[key(kind, n, cmd)] = append(timed[key(kind, n, cmd)], rs[i])
				}
			}
		}
	}
	// One more, instrumented run of ours: peak RSS and launches through the
	// wrapper, and the CPU profile of the largest plan. Its timings are not
	// used.
	instrumented := map[string]result{}
	for _, n := range counts {
		fmt.Fprintf(os.Stderr, "instrumented: atlasmini x %d\n", n)
		prof := ""
		if n == counts[len(counts)-1] {
			prof = *profile
		}
		rs, err := env.cycle("atlasmini", n, true, prof)
		if err != nil {
			return err
		}
		for i, cmd := range commands {
			instrumented[key("atlasmini", n, cmd)] = rs[i]
		}
	}
	report := renderReport(counts, *reps, timed, instrumented, key, *provider)
	fmt.Print(report)
	if *out != "" {
		return os.WriteFile(*out, []byte(report), 0o644)
	}
	return nil
}

func parseCounts(s string) ([]int, error) {
	var out []int
	for part := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n: %q is not a positive count", part)
		}
		out = append(out, n)
	}
	sort.Ints(out)
	return out, nil
}

// setup starts the mock and writes the two CLI configs: one pointing at
// the real provider, one at the measuring wrapper.
func setup(tf, provider, mock string) (*benchEnv, func(), error) {
	work, err := os.MkdirTemp("", "atlasmini-bench")
	if err != nil {
		return nil, nil, err
	}
	env := &benchEnv{terraform: tf, work: work, rssLog: filepath.Join(work, "rss.log")}
	provider, _ = filepath.Abs(provider)
	plainDir, wrapDir := filepath.Join(work, "plain"), filepath.Join(work, "wrapped")
	for _, d := range []string{plainDir, wrapDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, nil, err
		}
	}
	if err := os.Symlink(provider, filepath.Join(plainDir, "terraform-provider-atlasmini")); err != nil {
		return nil, nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	if err := os.Symlink(self, filepath.Join(wrapDir, "terraform-provider-atlasmini")); err != nil {
		return nil, nil, err
	}
	// The wrapper, started by terraform, finds the real provider and its
	// log through the environment it inherits.
	if err := os.Setenv(envReal, provider); err != nil {
		return nil, nil, err
	}
	if err := os.Setenv(envRSSLog, env.rssLog); err != nil {
		return nil, nil, err
	}
	for rc, dir := range map[*string]string{&env.plainRC: plainDir, &env.wrappedRC: wrapDir} {
		*rc = dir + ".tfrc"
		cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"atlasmini/atlasmini\" = %q\n  }\n  direct {}\n}\n", dir)
		if err := os.WriteFile(*rc, []byte(cfg), 0o644); err != nil {
			return nil, nil, err
		}
	}
	urlFile := filepath.Join(work, "mock.url")
	cmd := exec.Command(mock, "-listen", "127.0.0.1:0", "-url-file", urlFile, "-quiet")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	stop := func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = os.RemoveAll(work)
	}
	for range 300 {
		if data, err := os.ReadFile(urlFile); err == nil && len(data) > 0 {
			env.mockURL = strings.TrimSpace(string(data))
			return env, stop, nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	return nil, nil, errors.New("atlasmini-mock did not start")
}

// cycle writes a workspace for kind × n and runs apply, a no-op plan and
// destroy in it.
func (e *benchEnv) cycle(kind string, n int, instrumented bool, profile string) ([]result, error) {
	dir, err := os.MkdirTemp(e.work, kind)
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config(kind, n)), 0o644); err != nil {
		return nil, err
	}
	rc := e.plainRC
	if instrumented {
		rc = e.wrappedRC
	}
	var out []result
	for _, cmd := range commands {
		args := []string{cmd, "-input=false", "-no-color"}
		switch cmd {
		case "plan":
			args = append(args, "-detailed-exitcode")
		default:
			args = append(args, "-auto-approve")
		}
		extra := []string{}
		if profile != "" && cmd == "plan" {
			extra = append(extra, "ATLASMINI_CPUPROFILE="+profile)
		}
		_ = os.Remove(e.rssLog)
		if err := e.resetCounters(); err != nil {
			return nil, err
		}
		start := time.Now()
		if err := e.terraformIn(dir, rc, extra, args...); err != nil {
			return nil, fmt.Errorf("%s x %d: terraform %s: %w", kind, n, cmd, err)
		}
		r := result{seconds: time.Since(start).Seconds()}
		if kind == "atlasmini" {
			if r.requests, err = e.requestCount(); err != nil {
				return nil, err
			}
			r.rss = readRSS(e.rssLog)
		}
		out = append(out, r)
	}
	return out, nil
}

func config(kind string, n int) string {
	if kind == "terraform_data" {
		return fmt.Sprintf("resource \"terraform_data\" \"x\" {\n  count = %d\n  input = \"bench-${count.index}\"\n}\n", n)
	}
	return fmt.Sprintf(`terraform {
  required_providers {
    atlasmini = {
      source = "atlasmini/atlasmini"
    }
  }
}
provider "atlasmini" {}
resource "atlasmini_stream_instance" "x" {
  count      = %d
  project_id = %q
  name       = "bench-${count.index}"
  data_process_region = {
    cloud_provider = "AWS"
    region         = "VIRGINIA_USA"
  }
}
`, n, demoProject)
}

func (e *benchEnv) terraformIn(dir, rc string, extra []string, args ...string) error {
	cmd := exec.Command(e.terraform, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"MONGODB_ATLAS_BASE_URL="+e.mockURL, "MONGODB_ATLAS_PUBLIC_KEY=mock-owner", "MONGODB_ATLAS_PRIVATE_KEY=mock-owner-secret")
	cmd.Env = append(cmd.Env, extra...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		s := out.String()
		if len(s) > 3000 {
			s = s[len(s)-3000:]
		}
		return fmt.Errorf("%w\n%s", err, s)
	}
	return nil
}

func (e *benchEnv) resetCounters() error {
	resp, err := http.Post(e.mockURL+"/_mock/reset-counters", "", nil)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

func (e *benchEnv) requestCount() (int64, error) {
	resp, err := http.Get(e.mockURL + "/_mock/requests")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var v struct {
		Total int64 `json:"total"`
	}
	return v.Total, json.NewDecoder(resp.Body).Decode(&v)
}

func readRSS(path string) []int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []int64
	for line := range strings.FieldsSeq(string(data)) {
		if n, err := strconv.ParseInt(line, 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func renderReport(counts []int, reps int, timed map[string][]result, instr map[string]result, key func(string, int, string) string, provider string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Medians of %d interleaved runs; Terraform parallelism 10; atlasmini-mock on loopback.\n\n", reps)
	b.WriteString("| N | command | terraform_data (s) | atlasmini (s) | ratio | provider peak RSS (MiB) | provider launches | HTTP requests / instance |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|\n")
	for _, n := range counts {
		for _, cmd := range commands {
			secs := func(kind string) float64 {
				var xs []float64
				for _, r := range timed[key(kind, n, cmd)] {
					xs = append(xs, r.seconds)
				}
				return median(xs)
			}
			base, ours := secs("terraform_data"), secs("atlasmini")
			var reqs []float64
			for _, r := range timed[key("atlasmini", n, cmd)] {
				reqs = append(reqs, float64(r.requests))
			}
			in := instr[key("atlasmini", n, cmd)]
			var peak int64
			for _, kb := range in.rss {
				peak = max(peak, kb)
			}
			fmt.Fprintf(&b, "| %d | %s | %.2f | %.2f | %.2f× | %.1f | %d | %.2f |\n",
				n, cmd, base, ours, ours/base, float64(peak)/1024, len(in.rss), median(reqs)/float64(n))
		}
	}
	if fi, err := os.Stat(provider); err == nil {
		fmt.Fprintf(&b, "\nProvider binary: %.1f MB.\n", float64(fi.Size())/1e6)
	}
	return b.String()
}
