package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

// Environment of the wrapper: the real provider binary and the file that
// gets one line per launch with the provider's peak RSS in KiB and its
// user+sys CPU time in microseconds.
const (
	envReal   = "ATLASMINI_BENCH_REAL_PROVIDER"
	envRSSLog = "ATLASMINI_BENCH_RSS_LOG"
)

// wrapProvider runs the real provider with the same standard streams,
// arguments and environment, passes signals on, and appends its peak RSS
// and CPU time to the log when it exits.
func wrapProvider(args []string) int {
	cmd := exec.Command(os.Getenv(envReal), args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "bench wrapper:", err)
		return 1
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		if f, ferr := os.OpenFile(os.Getenv(envRSSLog), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); ferr == nil {
			cpu := ru.Utime.Nano()/1000 + ru.Stime.Nano()/1000
			fmt.Fprintf(f, "%d %d\n", ru.Maxrss, cpu)
			_ = f.Close()
		}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return 1
	}
	return 0
}
