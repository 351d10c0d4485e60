package provider

import (
	"strings"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// checkCredentials reports a half-set pair, no credentials at all, and
// (as a warning) credentials of several methods, of which only the
// preferred one is used.
func checkCredentials(cfg atlas.Config, diags *diag.Diagnostics) {
	pairs := []struct {
		a, b       string
		va, vb     string
		envA, envB string
	}{
		{"public_key", "private_key", cfg.PublicKey, cfg.PrivateKey, "MONGODB_ATLAS_PUBLIC_KEY", "MONGODB_ATLAS_PRIVATE_KEY"},
		{"client_id", "client_secret", cfg.ClientID, cfg.ClientSecret, "MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_CLIENT_SECRET"},
	}
	var methods []string
	if cfg.AccessToken != "" {
		methods = append(methods, "access_token")
	}
	for _, p := range pairs {
		switch {
		case p.va != "" && p.vb == "":
			diags.AddAttributeError(path.Root(p.b), "Incomplete Credentials",
				p.a+" is set but "+p.b+" is not. Set "+p.b+" in the provider block or the "+p.envB+" environment variable.")
		case p.va == "" && p.vb != "":
			diags.AddAttributeError(path.Root(p.a), "Incomplete Credentials",
				p.b+" is set but "+p.a+" is not. Set "+p.a+" in the provider block or the "+p.envA+" environment variable.")
		case p.va != "":
			methods = append(methods, p.a+"/"+p.b)
		}
	}
	if diags.HasError() {
		return
	}
	switch {
	case len(methods) == 0:
		diags.AddError("Missing Atlas Credentials",
			"The provider needs one way to authenticate. Set one of:\n"+
				"  - access_token (or MONGODB_ATLAS_ACCESS_TOKEN),\n"+
				"  - client_id and client_secret of a service account (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET),\n"+
				"  - public_key and private_key of an API key (or MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY).")
	case len(methods) > 1:
		diags.AddWarning("Several Atlas Credentials Set",
			"Credentials of several methods are set ("+strings.Join(methods, ", ")+"). Only the "+string(cfg.Method())+
				" is used: an access token is preferred, then a service account, then an API key. Remove the others to silence this warning.")
	}
}
