#!/usr/bin/env bash
# Prints the path of OpenTofu v1.12.6, for the third pass of the
# acceptance and e2e tests, unpacking it into .bin/ on first use from the
# gzip kept outside this repository (set TOFU_1_12_GZ, or
# ../shared/tools/tofu-1.12.6.gz beside the checkout). Both files are
# checked against their sha256. Exits 1, printing why on stderr, when there
# is no such OpenTofu here (set TOFU_1_12_GZ to the gzip's path).
set -euo pipefail
exec "$(dirname "$0")/unpack-tool.sh" tofu-1.12.6 \
  31c4811202e692ec06bc880dd5971834e65695fccf5b01be0117a2faa7ef2b08 \
  11cde8438a201b1553b2054508ef3b0c054d40d889d387750618157b25ce7ff4 \
  "${TOFU_1_12_GZ:-}"
