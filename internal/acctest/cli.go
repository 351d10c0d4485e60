package acctest

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// CLIProduct names the CLI at path, "OpenTofu" or "Terraform", from the
// first line of its `version` output that names one: `tofu version
// -json` reports its version under terraform_version and names no
// product, so version numbers alone cannot tell the two apart.
func CLIProduct(path string) string {
	cmd := exec.Command(path, "version")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return "Terraform"
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		switch line := strings.TrimSpace(sc.Text()); {
		case strings.HasPrefix(line, "OpenTofu v"):
			return "OpenTofu"
		case strings.HasPrefix(line, "Terraform v"):
			return "Terraform"
		}
	}
	return "Terraform"
}

var underTest = sync.OnceValue(func() string {
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		var err error
		if path, err = exec.LookPath("terraform"); err != nil {
			return "Terraform"
		}
	}
	return CLIProduct(path)
})

// OpenTofu reports whether the tests run OpenTofu (TF_ACC_TERRAFORM_PATH,
// or terraform on PATH).
func OpenTofu() bool { return underTest() == "OpenTofu" }

// skipOnOpenTofu skips a test under OpenTofu, whatever its version.
type skipOnOpenTofu struct{ why string }

func (s skipOnOpenTofu) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if OpenTofu() {
		resp.Skip = s.why
	}
}

// Version checks of the tests, by product as well as by number.
var (
	// NeedsIdentity: resource identity and import by identity, Terraform
	// 1.12+ and OpenTofu 1.12+.
	NeedsIdentity = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}
	// NeedsQuery: list resources and `terraform query`, Terraform 1.14+;
	// OpenTofu has neither, in any version.
	NeedsQuery = []tfversion.TerraformVersionCheck{
		skipOnOpenTofu{why: "OpenTofu has no list resources and no query command, in any version: import blocks with tofu plan -generate-config-out adopt objects instead"},
		tfversion.SkipBelow(tfversion.Version1_14_0),
	}
)
