package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

// Says matches an error holding the fragments in order, across
// Terraform's line wrapping.
func Says(fragments ...string) *regexp.Regexp {
	parts := make([]string, len(fragments))
	for i, f := range fragments {
		words := strings.Fields(f)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

// Example reads a file under the repository's examples/, from a test of a
// package two levels below the root (internal/<package>).
func Example(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// OwnerProvider is a provider block that reaches the mock with its owner
// API key (HTTP digest).
func OwnerProvider(srv *atlasmock.Server) string {
	return fmt.Sprintf(`
provider "atlasmini" {
  base_url    = %q
  public_key  = %q
  private_key = %q
}
`, srv.URL, atlasmock.OwnerPublicKey, atlasmock.OwnerPrivateKey)
}
