package provider

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// logEnv are the variables through which Terraform users ask for provider
// and SDK logs.
var logEnv = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_ATLASMINI", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"}

// QuietUnlessLogging turns the provider's and the SDK's logs off when no
// log was asked for; a provider binary calls it before serving. Unset,
// they default to TRACE and every line is encoded, piped to Terraform and
// thrown away there: about a quarter of the provider's CPU in a large
// plan. With TF_LOG (or any of logEnv) set, nothing changes.
func QuietUnlessLogging() {
	for _, v := range logEnv {
		if os.Getenv(v) != "" {
			return
		}
	}
	// TF_LOG_PROVIDER_ATLASMINI is the one that sets the level of the
	// provider's own logger (tflog): unset, it is TRACE.
	for _, v := range []string{"TF_LOG_PROVIDER", "TF_LOG_PROVIDER_ATLASMINI", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		_ = os.Setenv(v, "OFF")
	}
}

// ProfileCPU writes a CPU profile of this process to <file>.<pid> when
// ATLASMINI_CPUPROFILE=<file> is set, for benchmarks (Terraform starts a
// provider several times per command). The returned function stops it.
func ProfileCPU() (stop func()) {
	path := os.Getenv("ATLASMINI_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(fmt.Sprintf("%s.%d", path, os.Getpid()))
	if err != nil || pprof.StartCPUProfile(f) != nil {
		return func() {}
	}
	return pprof.StopCPUProfile
}
