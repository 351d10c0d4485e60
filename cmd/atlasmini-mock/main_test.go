package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasmini/terraform-provider-atlasmini/internal/atlasmock"
)

func TestStartupErrorsAreClear(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"projects":[{"id":"xyz"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-config", bad}, `projects[0].id "xyz"`},
		{[]string{"-config", filepath.Join(dir, "missing.json")}, "reading config"},
		{[]string{"-fail-codes", "200"}, "not an HTTP error status"},
		{[]string{"-fail-rate", "2"}, "between 0 and 1"},
		{[]string{"extra"}, "unexpected arguments"},
	} {
		var out, errb bytes.Buffer
		err := run(tc.args, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
}

func TestBannerHidesConfiguredSecrets(t *testing.T) {
	cfgPath := filepath.Join(t.TempDir(), "c.json")
	cfg := `{"projects":[{"id":"0123456789abcdef01234567","name":"p"}],
	  "apiKeys":[{"publicKey":"k","privateKey":"very-secret-key","roles":[{"projectId":"0123456789abcdef01234567","role":"GROUP_OWNER"}]}]}`
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := atlasmock.LoadConfig(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	printBanner(&out, "http://127.0.0.1:1", c, false)
	if strings.Contains(out.String(), "very-secret-key") || !strings.Contains(out.String(), "api key   k /") {
		t.Errorf("banner: %s", out.String())
	}
}
