// Command atlasmini-bench measures what a stream instance costs: real
// terraform runs of atlasmini_stream_instance against atlasmini-mock, side
// by side with the same number of terraform_data resources, and a load run
// of the standalone mock. `make bench` runs it; BENCHMARKS.md records a run.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	// Installed under the provider's name, this binary wraps the real
	// provider to record its peak memory (see wrap.go).
	if strings.HasPrefix(filepath.Base(os.Args[0]), "terraform-provider-atlasmini") {
		os.Exit(wrapProvider(os.Args[1:]))
	}
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "terraform":
		err = runTerraformBench(os.Args[2:])
	case "load":
		err = runLoad(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "atlasmini-bench:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  atlasmini-bench terraform [flags]   terraform apply/plan/destroy, atlasmini vs terraform_data
  atlasmini-bench load [flags]        concurrent GETs against a standalone atlasmini-mock`)
	flag.PrintDefaults()
	os.Exit(2)
}
