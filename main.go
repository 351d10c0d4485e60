// Command terraform-provider-atlasmini serves the atlasmini Terraform
// provider over protocol 6.
package main

import (
	"context"
	"flag"
	"io"
	"log"
	"os"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Registry addresses the provider answers to. In debug mode the
// TF_REATTACH_PROVIDERS it prints is keyed by its address, and each CLI
// matches only its own registry's.
const (
	terraformAddress = "registry.terraform.io/atlasmini/atlasmini"
	opentofuAddress  = "registry.opentofu.org/atlasmini/atlasmini"
)

// serveOpts reads the command line.
func serveOpts(args []string, stderr io.Writer) (providerserver.ServeOpts, error) {
	fs := flag.NewFlagSet("terraform-provider-atlasmini", flag.ContinueOnError)
	fs.SetOutput(stderr)
	debug := fs.Bool("debug", false, "run the provider with support for debuggers such as delve, and print the TF_REATTACH_PROVIDERS to use")
	tofu := fs.Bool("tofu", false, "with -debug: print TF_REATTACH_PROVIDERS for OpenTofu (keyed by "+opentofuAddress+") instead of Terraform")
	if err := fs.Parse(args); err != nil {
		return providerserver.ServeOpts{}, err
	}
	opts := providerserver.ServeOpts{Address: terraformAddress, Debug: *debug}
	if *tofu {
		opts.Address = opentofuAddress
	}
	return opts, nil
}

func main() {
	stopProfile := provider.ProfileCPU()
	defer stopProfile()
	provider.QuietUnlessLogging()
	opts, err := serveOpts(os.Args[1:], os.Stderr)
	if err != nil {
		stopProfile()
		os.Exit(2)
	}
	if err := providerserver.Serve(context.Background(), provider.New(version), opts); err != nil {
		log.Print(err.Error())
		stopProfile()
		os.Exit(1)
	}
}
