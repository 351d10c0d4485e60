#!/usr/bin/env bash
# Prints the path of a terraform binary for the tests: the one on PATH, else
# one built once from the Go module proxy into .bin/ (about 6 minutes on two
# cores). Terraform 1.5.7 is the last MPL-licensed release that builds there.
set -euo pipefail
if command -v terraform >/dev/null 2>&1; then
  command -v terraform
  exit 0
fi
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x "$root/.bin/terraform" ]; then
  echo "terraform is not on PATH; building terraform v1.5.7 into $root/.bin (about 6 minutes)..." >&2
  GOBIN="$root/.bin" go install github.com/hashicorp/terraform@v1.5.7 >&2
fi
echo "$root/.bin/terraform"
