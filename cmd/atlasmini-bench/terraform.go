package main

import (
	"slices"

	"bytes"
	"context"
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

	"github.com/icholy/digest"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
)

const demoProject = "65f0a1b2c3d4e5f60718293a"

// kinds are the workloads compared: Terraform's built-in resource (no
// plugin at all), the floor (a plugin with atlasmini's schema that does
// nothing: see floor/) and ours; -baseline adds another build of ours.
var kinds = []string{"terraform_data", "floor", "atlasmini"}

// plugins are the kinds served by a provider binary.
var plugins = []string{"floor", "atlasmini"}

var commands = []string{"apply", "plan", "destroy"}

// profileCommand is the command whose provider processes -cpuprofile
// profiles (-profile-command).
var profileCommand = "plan"

type benchEnv struct {
	resource  string // instance, connection or processor
	terraform string
	work      string
	mockURL   string
	binary    map[string]string // plugin kind -> provider binary
	plainRC   map[string]string // plugin kind -> CLI config using the binary
	wrappedRC string            // CLI config using the measuring wrapper
	rssLog    string
}

// result is one measured command.
type result struct {
	seconds  float64
	requests int64
	launches []launch // one per provider process (instrumented runs only)
}

// launch is what the wrapper records of one provider process.
type launch struct {
	rssKiB int64
	cpu    float64 // user+sys seconds
}

func runTerraformBench(args []string) error {
	fs := flag.NewFlagSet("terraform", flag.ContinueOnError)
	ns := fs.String("n", "10,100,500", "comma-separated instance counts")
	reps := fs.Int("reps", 3, "timed repetitions per cell (medians are reported)")
	tf := fs.String("cli", "terraform", "the CLI to run: terraform, or tofu for OpenTofu (a name on PATH or a path)")
	fs.StringVar(tf, "terraform", "terraform", "the same as -cli")
	provider := fs.String("provider", "bin/terraform-provider-atlasmini", "provider binary")
	floor := fs.String("floor", "bin/atlasmini-floor", "the do-nothing provider binary (cmd/atlasmini-bench/floor)")
	mock := fs.String("mock", "bin/atlasmini-mock", "atlasmini-mock binary")
	out := fs.String("out", "", "also write the Markdown report to this file")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the provider during the largest run of -profile-command to this file (one file per provider process, .<pid> appended)")
	fs.StringVar(&profileCommand, "profile-command", profileCommand, "the command -cpuprofile profiles: apply, plan or destroy")
	baseline := fs.String("baseline", "", "another build of the provider (an earlier commit, say) to run beside it as the kind \"baseline\"")
	mockFlags := fs.String("mock-flags", "", "extra flags for atlasmini-mock, space-separated (for example \"-latency 50ms\" for a WAN's round trip)")
	which := fs.String("resource", "instance", "what to measure: instance (N stream instances), connection (N Cluster connections spread over 10 instances made beforehand), "+
		"processor (N STARTED processors with a DLQ, from the solar sample to a Cluster connection, spread over 10 instances made beforehand), "+
		"privatelink (N Private Link endpoints), peering (N VPC peerings accepted, their requests seeded before each apply) "+
		"or failover (N Kafka failover connections, of N Kafka connections spread over 10 instances with a failover region made beforehand)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !slices.Contains([]string{"instance", "connection", "processor", "privatelink", "peering", "failover"}, *which) {
		return fmt.Errorf("-resource %q: want instance, connection, processor, privatelink, peering or failover", *which)
	}
	binaries := map[string]string{"atlasmini": *provider, "floor": *floor}
	if *baseline != "" {
		kinds, plugins = append(kinds, "baseline"), append(plugins, "baseline")
		binaries["baseline"] = *baseline
	}
	if *profile != "" {
		// The provider runs in the workspace's directory, which goes away.
		abs, err := filepath.Abs(*profile)
		if err != nil {
			return err
		}
		*profile = abs
	}
	counts, err := parseCounts(*ns)
	if err != nil {
		return err
	}
	if *reps < 1 {
		return errors.New("-reps must be at least 1")
	}
	env, stop, err := setup(*tf, binaries, *mock, strings.Fields(*mockFlags))
	if err != nil {
		return err
	}
	defer stop()
	env.resource = *which
	if *which == "connection" || *which == "processor" {
		if err := env.makeInstances(connectionInstances, *which == "processor"); err != nil {
			return err
		}
	}
	if *which == "failover" {
		if err := env.makeFailoverPrimaries(counts[len(counts)-1]); err != nil {
			return err
		}
	}

	timed := map[string][]result{} // key: kind/N/command
	key := func(kind string, n int, cmd string) string { return fmt.Sprintf("%s/%d/%s", kind, n, cmd) }
	for rep := 1; rep <= *reps; rep++ {
		for _, n := range counts {
			// The order of the kinds turns with each repetition, so that
			// none always runs first (or right after another's cleanup).
			for k := range kinds {
				kind := kinds[(k+rep)%len(kinds)]
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
	// One more, instrumented run of each plugin: CPU time, peak RSS and
	// launches through the wrapper, and the CPU profile of ours in the
	// largest plan. Its timings are not used.
	instrumented := map[string]result{}
	for _, n := range counts {
		for _, kind := range plugins {
			fmt.Fprintf(os.Stderr, "instrumented: %s x %d\n", kind, n)
			prof := ""
			if kind == "atlasmini" && n == counts[len(counts)-1] {
				prof = *profile
			}
			rs, err := env.cycle(kind, n, true, prof)
			if err != nil {
				return err
			}
			for i, cmd := range commands {
				instrumented[key(kind, n, cmd)] = rs[i]
			}
		}
	}
	typeName := map[string]string{"privatelink": "privatelink_endpoint", "peering": "vpc_peering_accepter", "failover": "connection_failover"}[*which]
	if typeName == "" {
		typeName = *which
	}
	report := fmt.Sprintf("Resource: atlasmini_stream_%s. CLI: %s.\n\n", typeName, cliVersion(env.terraform)) + renderReport(counts, *reps, timed, instrumented, key, *provider, *floor, *mockFlags)
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

// setup starts the mock and writes the CLI configs: one per plugin binary,
// and one pointing at the measuring wrapper.
func setup(tf string, binaries map[string]string, mock string, mockFlags []string) (*benchEnv, func(), error) {
	work, err := os.MkdirTemp("", "atlasmini-bench")
	if err != nil {
		return nil, nil, err
	}
	env := &benchEnv{terraform: tf, work: work, rssLog: filepath.Join(work, "rss.log"), binary: map[string]string{}, plainRC: map[string]string{}}
	self, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	// Every plugin is served as atlasmini/atlasmini from a directory of its
	// own; the wrapper, started by terraform, finds the real binary and its
	// log through the environment (see cycle).
	links := map[string]string{"wrapped": self}
	for kind, bin := range binaries {
		if env.binary[kind], err = filepath.Abs(bin); err != nil {
			return nil, nil, err
		}
		links[kind] = env.binary[kind]
	}
	for name, target := range links {
		dir := filepath.Join(work, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, err
		}
		if err := os.Symlink(target, filepath.Join(dir, "terraform-provider-atlasmini")); err != nil {
			return nil, nil, err
		}
		rc := dir + ".tfrc"
		cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"atlasmini/atlasmini\" = %q\n  }\n  direct {}\n}\n", dir)
		if err := os.WriteFile(rc, []byte(cfg), 0o644); err != nil {
			return nil, nil, err
		}
		if name == "wrapped" {
			env.wrappedRC = rc
		} else {
			env.plainRC[name] = rc
		}
	}
	urlFile := filepath.Join(work, "mock.url")
	cmd := exec.Command(mock, append([]string{"-listen", "127.0.0.1:0", "-url-file", urlFile, "-quiet"}, mockFlags...)...)
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
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config(e.resource, kind, n)), 0o644); err != nil {
		return nil, err
	}
	rc := e.plainRC[kind]
	env := []string{}
	if instrumented {
		rc = e.wrappedRC
		env = append(env, envReal+"="+e.binary[kind], envRSSLog+"="+e.rssLog)
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
		extra := env
		if profile != "" && cmd == profileCommand {
			extra = append(extra, "ATLASMINI_CPUPROFILE="+profile)
		}
		_ = os.Remove(e.rssLog)
		if e.resource == "peering" && cmd == "apply" {
			if err := e.seedPeeringRequests(n); err != nil {
				return nil, err
			}
		}
		if err := e.resetCounters(); err != nil {
			return nil, err
		}
		start := time.Now()
		if err := e.terraformIn(dir, rc, extra, args...); err != nil {
			return nil, fmt.Errorf("%s x %d: terraform %s: %w", kind, n, cmd, err)
		}
		r := result{seconds: time.Since(start).Seconds()}
		if kind != "terraform_data" {
			if r.requests, err = e.requestCount(); err != nil {
				return nil, err
			}
			r.launches = readLaunches(e.rssLog)
		}
		out = append(out, r)
	}
	return out, nil
}

// connectionInstances is how many instances the connections of a
// connection run, or the processors of a processor run, are spread over.
const connectionInstances = 10

// config declares n resources of kind; the floor gets the same HCL as
// atlasmini. A connection run declares Cluster connections of instances
// made beforehand, so that only connections are measured.
func config(which, kind string, n int) string {
	if kind == "terraform_data" {
		return fmt.Sprintf("resource \"terraform_data\" \"x\" {\n  count = %d\n  input = \"bench-${count.index}\"\n}\n", n)
	}
	head := `terraform {
  required_providers {
    atlasmini = {
      source = "atlasmini/atlasmini"
    }
  }
}
provider "atlasmini" {}
`
	if which == "processor" {
		return head + fmt.Sprintf(`resource "atlasmini_stream_processor" "x" {
  count         = %d
  project_id    = %q
  instance_name = "bench-instance-${count.index %% %d}"
  name          = "bench-${count.index}"
  pipeline = jsonencode([
    { "$source" = { connectionName = "sample_stream_solar" } },
    { "$match" = { "obs.watts" = { "$gt" = count.index } } },
    { "$merge" = { into = { connectionName = "warehouse", db = "solar", coll = "readings" } } },
  ])
  state = "STARTED"
  tier  = "SP10"
  options = {
    dlq = { connection_name = "warehouse", db = "solar", coll = "dlq" }
  }
}
`, n, demoProject, connectionInstances)
	}
	switch which {
	case "privatelink":
		return head + fmt.Sprintf(`resource "atlasmini_stream_privatelink_endpoint" "x" {
  count               = %d
  project_id          = %q
  provider_name       = "AWS"
  region              = "us-east-1"
  service_endpoint_id = "com.amazonaws.vpce.us-east-1.vpce-svc-bench${count.index}"
  dns_domain          = "bench-${count.index}.kafka.example.net"
}
`, n, demoProject)
	case "failover":
		return head + fmt.Sprintf(`resource "atlasmini_stream_connection_failover" "x" {
  count           = %d
  project_id      = %q
  instance_name   = "bench-instance-${count.index %% %d}"
  connection_name = "kafka-${floor(count.index / %d)}"
  region          = "OREGON_USA"
  kafka = {
    bootstrap_servers = "oregon-${count.index}.kafka.example.net:9092"
    security          = { protocol = "SASL_SSL" }
  }
}
`, n, demoProject, connectionInstances, connectionInstances)
	case "peering":
		return head + fmt.Sprintf(`resource "atlasmini_stream_vpc_peering_accepter" "x" {
  count                     = %d
  project_id                = %q
  vpc_peering_connection_id = format("pcx-%%017x", count.index)
  requester_account_id      = %q
  requester_vpc_id          = %q
}
`, n, demoProject, benchRequester, benchRequesterVpc)
	}
	if which == "connection" {
		return head + fmt.Sprintf(`resource "atlasmini_stream_connection" "x" {
  count         = %d
  project_id    = %q
  instance_name = "bench-instance-${count.index %% %d}"
  name          = "bench-${count.index}"
  type          = "Cluster"
  cluster = {
    cluster_name       = "Cluster0"
    db_role_to_execute = { role = "readWriteAnyDatabase", type = "BUILT_IN" }
  }
}
`, n, demoProject, connectionInstances)
	}
	return head + fmt.Sprintf(`resource "atlasmini_stream_instance" "x" {
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

// makeInstances creates the instances a connection or processor run needs,
// through the API, before anything is measured; for processors, each with
// the solar sample and the Cluster connection "warehouse".
func (e *benchEnv) makeInstances(n int, forProcessors bool) error {
	c, err := atlas.New(atlas.Config{BaseURL: e.mockURL, PublicKey: "mock-owner", PrivateKey: "mock-owner-secret"})
	if err != nil {
		return err
	}
	for i := range n {
		req := atlas.CreateRequest{
			Name: fmt.Sprintf("bench-instance-%d", i), DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
		}
		if forProcessors {
			req.SampleConnections = &atlas.SampleConnections{Solar: true}
		}
		if _, err := c.CreateStreamInstance(context.Background(), demoProject, req); err != nil {
			return err
		}
		if forProcessors {
			if _, err := c.CreateStreamConnection(context.Background(), demoProject, req.Name, atlas.StreamConnection{Name: "warehouse", Type: "Cluster", ClusterName: "Cluster0"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// makeFailoverPrimaries creates what a failover run's n failover
// connections copy, before anything is measured: connectionInstances
// instances with the failover region OREGON_USA, and the Kafka
// connections kafka-0, kafka-1, … spread over them (n in all).
func (e *benchEnv) makeFailoverPrimaries(n int) error {
	c, err := atlas.New(atlas.Config{BaseURL: e.mockURL, PublicKey: "mock-owner", PrivateKey: "mock-owner-secret"})
	if err != nil {
		return err
	}
	ctx := context.Background()
	for i := range connectionInstances {
		req := atlas.CreateRequest{Name: fmt.Sprintf("bench-instance-%d", i), DataProcessRegion: atlas.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
			FailoverRegions: []atlas.DataProcessRegion{{CloudProvider: "AWS", Region: "OREGON_USA"}}}
		if _, err := c.CreateStreamInstance(ctx, demoProject, req); err != nil {
			return err
		}
	}
	for i := range n {
		instance := fmt.Sprintf("bench-instance-%d", i%connectionInstances)
		conn := atlas.StreamConnection{Name: fmt.Sprintf("kafka-%d", i/connectionInstances), Type: "Kafka", BootstrapServers: "virginia.kafka.example.net:9092"}
		if _, err := c.CreateStreamConnection(ctx, demoProject, instance, conn); err != nil {
			return err
		}
	}
	return nil
}

// The AWS account and VPC whose peering requests a peering run accepts.
const (
	benchRequester    = "417601102659"
	benchRequesterVpc = "vpc-0d13eb6a2f0377854"
)

// seedPeeringRequests makes the n peering requests that a peering run's
// apply accepts, through the mock's test-only hook (a request that is
// still there from a run whose plugin accepted nothing is kept).
func (e *benchEnv) seedPeeringRequests(n int) error {
	hc := &http.Client{Transport: &digest.Transport{Username: "mock-owner", Password: "mock-owner-secret"}}
	for i := range n {
		body := fmt.Sprintf(`{"requesterAccountId":%q,"requesterVpcId":%q,"requesterCidr":"10.%d.0.0/16","name":"pcx-%017x"}`, benchRequester, benchRequesterVpc, i%256, i)
		resp, err := hc.Post(e.mockURL+"/_mock/groups/"+demoProject+"/streams/vpcPeeringRequests", "application/json", strings.NewReader(body))
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusConflict {
			return fmt.Errorf("seeding peering request %d: %s", i, resp.Status)
		}
	}
	return nil
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

// readLaunches reads the wrapper's log: "<peak RSS KiB> <user+sys µs>" per
// provider process.
func readLaunches(path string) []launch {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []launch
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		var l launch
		var micros int64
		if _, err := fmt.Sscan(line, &l.rssKiB, &micros); err == nil {
			l.cpu = float64(micros) / 1e6
			out = append(out, l)
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

func renderReport(counts []int, reps int, timed map[string][]result, instr map[string]result, key func(string, int, string) string, provider, floor, mockFlags string) string {
	var b strings.Builder
	withBaseline := len(timed[key("baseline", counts[0], commands[0])]) > 0
	fmt.Fprintf(&b, "Medians of %d interleaved runs (ratios: the median of each run's own ratio); parallelism 10; atlasmini-mock on loopback (-quiet %s).\n\n", reps, mockFlags)
	b.WriteString("| N | command | terraform_data (s) | floor (s) | atlasmini (s) | atlasmini ÷ floor |")
	if withBaseline {
		b.WriteString(" baseline (s) | atlasmini ÷ baseline | baseline HTTP requests / instance |")
	}
	b.WriteString(" provider CPU per instance, floor / atlasmini (ms) | atlasmini peak RSS (MiB) | launches | HTTP requests / instance |\n")
	b.WriteString("|---:|---|---:|---:|---:|---:|")
	if withBaseline {
		b.WriteString("---:|---:|---:|")
	}
	b.WriteString("---:|---:|---:|---:|\n")
	for _, n := range counts {
		for _, cmd := range commands {
			secs := func(kind string) float64 {
				var xs []float64
				for _, r := range timed[key(kind, n, cmd)] {
					xs = append(xs, r.seconds)
				}
				return median(xs)
			}
			base, bottom, ours := secs("terraform_data"), secs("floor"), secs("atlasmini")
			// The ratio is the median of each repetition's own ratio: the
			// floor and atlasmini of one repetition ran minutes apart at
			// most, so slow drifts of a shared machine cancel out.
			ratio := func(of, to string) float64 {
				var ratios []float64
				for i, r := range timed[key(of, n, cmd)] {
					ratios = append(ratios, r.seconds/timed[key(to, n, cmd)][i].seconds)
				}
				return median(ratios)
			}
			requestsPerInstance := func(kind string) float64 {
				var reqs []float64
				for _, r := range timed[key(kind, n, cmd)] {
					reqs = append(reqs, float64(r.requests))
				}
				return median(reqs) / float64(n)
			}
			cpuPerInstance := func(kind string) float64 {
				var total float64
				for _, l := range instr[key(kind, n, cmd)].launches {
					total += l.cpu
				}
				return total / float64(n) * 1000
			}
			in := instr[key("atlasmini", n, cmd)]
			var peak int64
			for _, l := range in.launches {
				peak = max(peak, l.rssKiB)
			}
			fmt.Fprintf(&b, "| %d | %s | %.2f | %.2f | %.2f | %.2f× |", n, cmd, base, bottom, ours, ratio("atlasmini", "floor"))
			if withBaseline {
				fmt.Fprintf(&b, " %.2f | %.2f× | %.2f |", secs("baseline"), ratio("atlasmini", "baseline"), requestsPerInstance("baseline"))
			}
			fmt.Fprintf(&b, " %.2f / %.2f | %.1f | %d | %.2f |\n", cpuPerInstance("floor"), cpuPerInstance("atlasmini"),
				float64(peak)/1024, len(in.launches), requestsPerInstance("atlasmini"))
		}
	}
	for name, bin := range map[string]string{"Provider": provider, "Floor": floor} {
		if fi, err := os.Stat(bin); err == nil {
			fmt.Fprintf(&b, "\n%s binary: %.1f MB.", name, float64(fi.Size())/1e6)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// cliVersion is the first line of the CLI's version output that names it
// ("Terraform v1.11.4", "OpenTofu v1.12.6").
func cliVersion(path string) string {
	cmd := exec.Command(path, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return path
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "Terraform v") || strings.HasPrefix(line, "OpenTofu v") {
			return strings.TrimSpace(line)
		}
	}
	return path
}
