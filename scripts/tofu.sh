#!/usr/bin/env bash
# Prints the path of OpenTofu v1.12.6, for the third pass of the
# acceptance and e2e tests, unpacking it into .bin/ on first use from the
# gzip kept outside this repository (set TOFU_1_12_GZ, or
# ../shared/tools/tofu-1.12.6.gz beside the checkout). Both files are
# checked against their sha256. Exits 1, printing why on stderr, when there
# is no such OpenTofu here.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.bin/tofu-1.12.6"
gz_sha=31c4811202e692ec06bc880dd5971834e65695fccf5b01be0117a2faa7ef2b08
bin_sha=11cde8438a201b1553b2054508ef3b0c054d40d889d387750618157b25ce7ff4

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ ! -x "$bin" ]; then
  gz=""
  for candidate in "${TOFU_1_12_GZ:-}" "$root/../shared/tools/tofu-1.12.6.gz" /work/shared/tools/tofu-1.12.6.gz; do
    if [ -n "$candidate" ] && [ -f "$candidate" ]; then gz=$candidate; break; fi
  done
  if [ -z "$gz" ]; then
    echo "tofu-1.12.6.gz not found (set TOFU_1_12_GZ to its path)" >&2
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
echo "$bin"
