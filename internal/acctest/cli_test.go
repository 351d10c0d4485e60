package acctest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCLIProduct tells OpenTofu from Terraform by what `version` prints,
// whatever the version number and whatever warnings come first.
func TestCLIProduct(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, output, want string }{
		{"terraform", "Terraform v1.15.9\non linux_amd64\n", "Terraform"},
		{"tofu", "OpenTofu v1.14.0\non linux_amd64\n", "OpenTofu"},
		{"tofu after a warning", "\nWarning: Unable to open CLI configuration file\n\nOpenTofu v1.12.6\non linux_amd64\n", "OpenTofu"},
		{"unknown", "something else\n", "Terraform"},
	} {
		path := filepath.Join(dir, tc.name)
		if err := os.WriteFile(path, []byte("#!/bin/sh\nprintf '"+tc.output+"'\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		if got := CLIProduct(path); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if got := CLIProduct(filepath.Join(dir, "missing")); got != "Terraform" {
		t.Errorf("a CLI that does not run: %s", got)
	}
}
