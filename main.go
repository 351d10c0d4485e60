// Command terraform-provider-atlasmini serves the atlasmini Terraform
// provider over protocol 6.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	stopProfile := provider.ProfileCPU()
	defer stopProfile()
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
		stopProfile()
		os.Exit(1)
	}
}
