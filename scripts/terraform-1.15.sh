#!/usr/bin/env bash
# Prints the path of Terraform v1.15.9 for the tests that need Terraform
# 1.12+ (resource identity) or 1.14+ (terraform query), unpacking it into
# .bin/ on first use from the gzip kept outside this repository (set
# TERRAFORM_1_15_GZ, or ../shared/tools/terraform-1.15.9.gz beside the
# checkout). Both files are checked against their published sha256. Also
# links it as .bin/terraform-1.15/terraform, for tools that look for a
# binary named terraform on PATH. Exits 1, printing why on stderr, when
# there is no such Terraform here (set TERRAFORM_1_15_GZ to the gzip's path).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$("$root/scripts/unpack-tool.sh" terraform-1.15.9 \
  6e60cddcf1c34fd51b470f6f853d982d2bfb602cb5bc2df4aa091ca8b68abfe2 \
  4a6b491c605318db6ad787ed621403152ad1929c9b956bf83444e7958d76ce2d \
  "${TERRAFORM_1_15_GZ:-}")
mkdir -p "$root/.bin/terraform-1.15"
ln -sf ../terraform-1.15.9 "$root/.bin/terraform-1.15/terraform"
echo "$bin"
