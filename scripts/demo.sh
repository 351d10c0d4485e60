#!/usr/bin/env bash
# make demo: builds the provider and atlasmini-mock, starts the mock on a
# free loopback port, and runs terraform apply, a no-change plan and
# destroy on examples/demo/ through a temporary CLI config with
# dev_overrides. Nothing outside a temporary directory is touched.
# KEEP=1 leaves the mock running and the state in place for exploring.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
keep=${KEEP:-}

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Finding terraform"
if ! command -v terraform >/dev/null 2>&1; then
  echo "terraform is not on PATH. Install Terraform 1.5 or later (https://developer.hashicorp.com/terraform/install),"
  echo "or let this demo build Terraform v1.5.7 from the Go module proxy into .bin/ (about 6 minutes)."
fi
terraform=$("$root/scripts/terraform-path.sh")
"$terraform" version 2>/dev/null | sed -n 1p

step "Building the provider and atlasmini-mock into bin/"
make -s -C "$root" build

work=$(mktemp -d "${TMPDIR:-/tmp}/atlasmini-demo.XXXXXX")
mock_pid=""
cleanup() {
  if [ -n "$keep" ]; then return; fi
  if [ -n "$mock_pid" ] && kill -0 "$mock_pid" 2>/dev/null; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step "Starting atlasmini-mock on a free loopback port"
"$bin/atlasmini-mock" -listen 127.0.0.1:0 -url-file "$work/url" -state "$work/mock-state.json" \
  >"$work/mock.out" 2>"$work/mock.log" &
mock_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/url" ] && break
  if ! kill -0 "$mock_pid" 2>/dev/null; then
    echo "atlasmini-mock did not start:"; cat "$work/mock.log"; exit 1
  fi
  sleep 0.1
done
[ -s "$work/url" ] || { echo "atlasmini-mock did not report its address"; exit 1; }
base_url=$(cat "$work/url")
cat "$work/mock.out"

step "Writing a temporary Terraform CLI config with dev_overrides"
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "atlasmini/atlasmini" = "$bin"
  }
  direct {}
}
RC
cp "$root/examples/demo/main.tf" "$work/"
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
export MONGODB_ATLAS_BASE_URL="$base_url"
export MONGODB_ATLAS_PUBLIC_KEY=mock-owner
export MONGODB_ATLAS_PRIVATE_KEY=mock-owner-secret
unset MONGODB_ATLAS_CLIENT_ID MONGODB_ATLAS_CLIENT_SECRET MONGODB_ATLAS_ACCESS_TOKEN \
  MONGODB_ATLAS_PUBLIC_API_KEY MONGODB_ATLAS_PRIVATE_API_KEY
echo "TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE (no terraform init is needed with dev_overrides)"

step "terraform apply"
"$terraform" -chdir="$work" apply -auto-approve -input=false

step "terraform plan -detailed-exitcode (expecting no changes)"
set +e
"$terraform" -chdir="$work" plan -detailed-exitcode -input=false
code=$?
set -e
case $code in
  0) echo "No changes: the state matches the mock." ;;
  2) echo "The plan after apply is not empty: that is a bug."; exit 1 ;;
  *) echo "terraform plan failed."; exit 1 ;;
esac

step "The processor: its state and the stats Atlas reports"
"$terraform" -chdir="$work" output -json processor

if [ -n "$keep" ]; then
  step "KEEP=1: leaving the mock and the state for exploring"
  cat <<EOF2
The mock runs at $base_url (pid $mock_pid); the workspace is $work.
Try:
  export TF_CLI_CONFIG_FILE=$work/terraformrc MONGODB_ATLAS_BASE_URL=$base_url
  export MONGODB_ATLAS_PUBLIC_KEY=mock-owner MONGODB_ATLAS_PRIVATE_KEY=mock-owner-secret
  $terraform -chdir=$work state list
  curl -s $base_url/_mock/requests
When done:
  $terraform -chdir=$work destroy -auto-approve
  kill $mock_pid && rm -rf $work
EOF2
  exit 0
fi

step "terraform destroy"
"$terraform" -chdir="$work" destroy -auto-approve -input=false

step "Requests the mock served"
curl -s "$base_url/_mock/requests" || true

step "Stopping the mock and cleaning up"
