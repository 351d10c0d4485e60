package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// runLoad starts the standalone mock, creates one instance, and has c
// clients GET it for a bounded time on loopback.
func runLoad(args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	mock := fs.String("mock", "bin/atlasmini-mock", "atlasmini-mock binary")
	clients := fs.Int("c", 32, "concurrent clients")
	duration := fs.Duration("d", 10*time.Second, "how long to send requests")
	maxRequests := fs.Int("max", 2_000_000, "stop after this many requests in all")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "atlasmini-load")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	urlFile := filepath.Join(dir, "url")
	cmd := exec.Command(*mock, "-listen", "127.0.0.1:0", "-url-file", urlFile, "-quiet")
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	var base string
	for range 300 {
		if data, err := os.ReadFile(urlFile); err == nil && len(data) > 0 {
			base = strings.TrimSpace(string(data))
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if base == "" {
		return errors.New("atlasmini-mock did not start")
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients, MaxConnsPerHost: *clients}}
	token, err := fetchToken(hc, base)
	if err != nil {
		return err
	}
	path := base + "/api/atlas/v2/groups/" + demoProject + "/streams"
	status, err := send(hc, "POST", path, token, `{"name":"load","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`)
	if err != nil {
		return fmt.Errorf("seeding the instance: %w", err)
	}
	if status != http.StatusOK {
		return fmt.Errorf("seeding the instance: status %d", status)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      int
		wg        sync.WaitGroup
		budget    = make(chan struct{}, *maxRequests)
	)
	for range *maxRequests {
		budget <- struct{}{}
	}
	close(budget)
	start := time.Now()
	for range *clients {
		wg.Go(func() {
			var local []time.Duration
			localErrs := 0
			for range budget {
				if ctx.Err() != nil {
					break
				}
				t0 := time.Now()
				status, err := send(hc, "GET", path+"/load?includeConnections=true", token, "")
				if err != nil || status != 200 {
					localErrs++
					continue
				}
				local = append(local, time.Since(t0))
			}
			mu.Lock()
			latencies = append(latencies, local...)
			errs += localErrs
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	fmt.Printf("| clients | duration | requests | throughput (req/s) | p50 | p99 | errors |\n|---:|---:|---:|---:|---:|---:|---:|\n")
	fmt.Printf("| %d | %s | %d | %.0f | %s | %s | %d |\n", *clients, elapsed.Round(time.Millisecond), len(latencies),
		float64(len(latencies))/elapsed.Seconds(), pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), errs)
	if errs > 0 {
		return fmt.Errorf("%d requests failed", errs)
	}
	return nil
}

func fetchToken(hc *http.Client, base string) (string, error) {
	req, _ := http.NewRequest(http.MethodPost, base+"/api/oauth/token", strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("mdb_sa_id_mock", "mdb_sa_sk_mock")
	resp, err := hc.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	_, rest, ok := strings.Cut(string(data), `"access_token":"`)
	tok, _, _ := strings.Cut(rest, `"`)
	if !ok || tok == "" {
		return "", fmt.Errorf("no token: %d", resp.StatusCode)
	}
	return tok, nil
}

func send(hc *http.Client, method, u, token, body string) (int, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/vnd.atlas.2023-02-01+json")
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/vnd.atlas.2023-02-01+json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode, nil
}
