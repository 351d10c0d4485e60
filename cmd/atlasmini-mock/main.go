// Command atlasmini-mock serves the bundled Atlas Streams mock on a local
// address, for the demo, for manual exploration with curl or any Atlas
// client, and for tests that need a separate process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "atlasmini-mock:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("atlasmini-mock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	configPath := fs.String("config", "", "JSON file of projects, API keys and service accounts (default: the built-in identities)")
	statePath := fs.String("state", "", "file that keeps the instances and their connections across restarts (default: memory only)")
	urlFile := fs.String("url-file", "", "write the base URL to this file once listening (for scripts)")
	tokenTTL := fs.Duration("token-ttl", time.Hour, "lifetime of OAuth access tokens")
	nonceTTL := fs.Duration("nonce-ttl", 5*time.Minute, "how long a digest nonce may be reused")
	failRate := fs.Float64("fail-rate", 0, "probability (0..1) that an API request fails with one of -fail-codes, unapplied")
	failCodes := fs.String("fail-codes", "429,500,503", "comma-separated statuses for -fail-rate; 429 carries Retry-After")
	retryAfter := fs.Int("retry-after", 1, "Retry-After seconds on injected 429s (-1 omits the header)")
	latency := fs.Duration("latency", 0, "delay added to every API request")
	deleteDelay := fs.Duration("delete-delay", 0, "how long a deleted instance stays visible and its name taken")
	connectionPending := fs.Duration("connection-pending", 0, "how long a Kafka connection stays PENDING after a create or update (a delete meanwhile is a 409)")
	privateLinkDelay := fs.Duration("privatelink-delay", 0, "how long a Private Link endpoint takes to go IDLE -> WORKING -> DONE, and DELETE_REQUESTED -> DELETING -> gone")
	peeringDelay := fs.Duration("peering-delay", 0, "how long a VPC peering shows its intermediate statuses after an accept, reject or delete")
	processorAsync := fs.Duration("processor-async", 0, "how long reads still show a processor's state from before a start or stop")
	failProcessor := fs.String("fail-processor", "", "comma-separated processor names that go FAILED when started")
	loseResponses := fs.Float64("lose-responses", 0, "probability (0..1) that a request is applied and its response lost")
	loseFirst := fs.Bool("lose-first", false, "apply -lose-responses only to the first arrival of each distinct request (method, path, body)")
	quiet := fs.Bool("quiet", false, "do not log each request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	codes, err := parseCodes(*failCodes)
	if err != nil {
		return err
	}
	opts := atlasmock.Options{
		StatePath: *statePath, TokenTTL: *tokenTTL, NonceTTL: *nonceTTL,
		FailRate: *failRate, FailCodes: codes, RetryAfter: *retryAfter,
		Latency: *latency, DeleteDelay: *deleteDelay, ConnectionPending: *connectionPending,
		ProcessorAsync: *processorAsync, PrivateLinkDelay: *privateLinkDelay, PeeringDelay: *peeringDelay, FailProcessors: splitNames(*failProcessor), LoseResponses: *loseResponses, LoseOnlyFirst: *loseFirst,
	}
	cfg := atlasmock.DefaultConfig()
	builtIn := *configPath == ""
	if !builtIn {
		if cfg, err = atlasmock.LoadConfig(*configPath); err != nil {
			return fmt.Errorf("-config %s: %w", *configPath, err)
		}
	}
	opts.Config = &cfg
	if !*quiet {
		opts.Logger = log.New(stderr, "", log.LstdFlags|log.Lmicroseconds)
	}
	h, err := atlasmock.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	printBanner(stdout, base, cfg, builtIn)
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(base+"\n"), 0o644); err != nil {
			return err
		}
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "atlasmini-mock: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// splitNames splits a comma-separated list, dropping empty names.
func splitNames(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func parseCodes(s string) ([]int, error) {
	var codes []int
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil || n < 400 || n > 599 {
			return nil, fmt.Errorf("-fail-codes: %q is not an HTTP error status (400..599)", part)
		}
		codes = append(codes, n)
	}
	if len(codes) == 0 {
		return nil, errors.New("-fail-codes: at least one status is required")
	}
	return codes, nil
}

// printBanner says where the mock listens and whom it accepts. The built-in
// identities are public demo values and are printed whole; secrets from a
// -config file are never printed.
func printBanner(w io.Writer, base string, cfg atlasmock.Config, builtIn bool) {
	fmt.Fprintf(w, "atlasmini-mock listening on %s\n", base)
	for _, p := range cfg.Projects {
		fmt.Fprintf(w, "  project   %s (%s)\n", p.ID, p.Name)
	}
	roles := func(rs []atlasmock.RoleAssignment) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Role)
		}
		return strings.Join(out, ",")
	}
	for _, k := range cfg.APIKeys {
		secret := "(private key from config)"
		if builtIn {
			secret = k.PrivateKey
		}
		fmt.Fprintf(w, "  api key   %s / %s  %s\n", k.PublicKey, secret, roles(k.Roles))
	}
	for _, s := range cfg.ServiceAccounts {
		secret := "(client secret from config)"
		if builtIn {
			secret = s.ClientSecret
		}
		fmt.Fprintf(w, "  service   %s / %s  %s\n", s.ClientID, secret, roles(s.Roles))
	}
}
