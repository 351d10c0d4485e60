// Command terraform-provider-atlasmini serves the atlasmini Terraform
// provider over protocol 6.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/pprof"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	// ATLASMINI_CPUPROFILE=<file> writes a CPU profile of this process to
	// <file>.<pid>, for benchmarks (Terraform starts the provider several
	// times per command).
	if path := os.Getenv("ATLASMINI_CPUPROFILE"); path != "" {
		if f, err := os.Create(fmt.Sprintf("%s.%d", path, os.Getpid())); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	quietUnlessLogging()
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers such as delve")
	flag.Parse()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/atlasmini/atlasmini",
		Debug:   debug,
	})
	if err != nil {
		log.Print(err.Error())
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// logEnv are the variables through which Terraform users ask for provider
// and SDK logs.
var logEnv = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_ATLASMINI", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"}

// quietUnlessLogging turns the provider's and the SDK's logs off when no
// log was asked for. Unset, they default to TRACE and every line is
// encoded, piped to Terraform and thrown away there: about a quarter of
// the provider's CPU in a large plan. With TF_LOG (or any of logEnv) set,
// nothing changes.
func quietUnlessLogging() {
	for _, v := range logEnv {
		if os.Getenv(v) != "" {
			return
		}
	}
	for _, v := range []string{"TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		_ = os.Setenv(v, "OFF")
	}
}
