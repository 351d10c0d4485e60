#!/usr/bin/env bash
# Prints the path of Terraform v1.15.9 for the tests that need Terraform
# 1.12+ (resource identity) or 1.14+ (terraform query), unpacking it into
# .bin/ on first use from the gzip kept outside this repository (set
# TERRAFORM_1_15_GZ, or ../shared/tools/terraform-1.15.9.gz beside the
# checkout). Both files are checked against their published sha256. Also
# links it as .bin/terraform-1.15/terraform, for tools that look for a
# binary named terraform on PATH. Exits 1, printing why on stderr, when
# there is no such Terraform here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.bin/terraform-1.15.9"
gz_sha=6e60cddcf1c34fd51b470f6f853d982d2bfb602cb5bc2df4aa091ca8b68abfe2
bin_sha=4a6b491c605318db6ad787ed621403152ad1929c9b956bf83444e7958d76ce2d

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ ! -x "$bin" ]; then
  gz=""
  for candidate in "${TERRAFORM_1_15_GZ:-}" "$root/../shared/tools/terraform-1.15.9.gz" /work/shared/tools/terraform-1.15.9.gz; do
    if [ -n "$candidate" ] && [ -f "$candidate" ]; then gz=$candidate; break; fi
  done
  if [ -z "$gz" ]; then
    echo "terraform-1.15.9.gz not found (set TERRAFORM_1_15_GZ to its path)" >&2
    exit 1
  fi
  if [ "$(sha "$gz")" != "$gz_sha" ]; then
    echo "$gz: sha256 is not $gz_sha; not using it" >&2
    exit 1
  fi
  mkdir -p "$root/.bin"
  gunzip -c "$gz" > "$bin.tmp"
  chmod +x "$bin.tmp"
  mv "$bin.tmp" "$bin"
fi
if [ "$(sha "$bin")" != "$bin_sha" ]; then
  echo "$bin: sha256 is not $bin_sha; remove it to unpack it again" >&2
  exit 1
fi
mkdir -p "$root/.bin/terraform-1.15"
ln -sf ../terraform-1.15.9 "$root/.bin/terraform-1.15/terraform"
echo "$bin"
