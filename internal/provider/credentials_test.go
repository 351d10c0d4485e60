package provider

import (
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlas"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestCheckCredentials(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cfg      atlas.Config
		errors   int
		warnings int
		mention  string
	}{
		{"api key", atlas.Config{PublicKey: "p", PrivateKey: "k"}, 0, 0, ""},
		{"service account", atlas.Config{ClientID: "c", ClientSecret: "s"}, 0, 0, ""},
		{"token", atlas.Config{AccessToken: "t"}, 0, 0, ""},
		{"nothing", atlas.Config{}, 1, 0, "MONGODB_ATLAS_CLIENT_ID"},
		{"half api key", atlas.Config{PrivateKey: "k"}, 1, 0, "MONGODB_ATLAS_PUBLIC_KEY"},
		{"half service account", atlas.Config{ClientID: "c"}, 1, 0, "MONGODB_ATLAS_CLIENT_SECRET"},
		{"token and key", atlas.Config{AccessToken: "t", PublicKey: "p", PrivateKey: "k"}, 0, 1, "Only the access token is used"},
		{"all three", atlas.Config{AccessToken: "t", ClientID: "c", ClientSecret: "s", PublicKey: "p", PrivateKey: "k"}, 0, 1, "access_token, public_key/private_key, client_id/client_secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d diag.Diagnostics
			checkCredentials(tc.cfg, &d)
			if d.ErrorsCount() != tc.errors || d.WarningsCount() != tc.warnings {
				t.Fatalf("%d errors, %d warnings: %v", d.ErrorsCount(), d.WarningsCount(), d)
			}
			var text strings.Builder
			for _, x := range d {
				text.WriteString(x.Summary() + " " + x.Detail())
			}
			if !strings.Contains(text.String(), tc.mention) {
				t.Errorf("%q does not mention %q", text.String(), tc.mention)
			}
			for _, secret := range []string{`"k"`, `"s"`, `"t"`} {
				if strings.Contains(text.String(), secret) {
					t.Errorf("diagnostic holds a secret: %s", text.String())
				}
			}
		})
	}
}
