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
	provider.QuietUnlessLogging()
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
