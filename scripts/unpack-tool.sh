#!/usr/bin/env bash
# usage: unpack-tool.sh NAME GZ_SHA256 BIN_SHA256 [GZ_PATH]
# Prints the path of .bin/NAME, unpacking it on first use from NAME.gz: the
# GZ_PATH given (when set and present), else ../shared/tools/NAME.gz beside
# the checkout, else /work/shared/tools/NAME.gz. The gzip is checked against
# GZ_SHA256 before it is unpacked, and the binary against BIN_SHA256 every
# time. Exits 1, printing why on stderr, when there is no such file here or
# a checksum differs. Used by terraform-1.15.sh and tofu.sh.
set -euo pipefail
name=$1 gz_sha=$2 bin_sha=$3 given=${4:-}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.bin/$name"

sha() { sha256sum "$1" | cut -d' ' -f1; }

if [ ! -x "$bin" ]; then
  gz=""
  for candidate in "$given" "$root/../shared/tools/$name.gz" "/work/shared/tools/$name.gz"; do
    if [ -n "$candidate" ] && [ -f "$candidate" ]; then gz=$candidate; break; fi
  done
  if [ -z "$gz" ]; then
    echo "$name.gz not found" >&2
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
