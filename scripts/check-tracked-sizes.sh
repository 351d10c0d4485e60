#!/usr/bin/env bash
# Fails when a file git tracks is larger than the limit (1 MiB unless
# MAX_TRACKED_BYTES says otherwise): build outputs, test binaries and
# profiles belong in .gitignore, not in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${MAX_TRACKED_BYTES:-1048576}
big=$(git ls-files -z | xargs -0 -r stat -c '%s %n' 2>/dev/null | awk -v limit="$limit" '$1 > limit {printf "  %s (%d bytes)\n", $2, $1}')
if [ -n "$big" ]; then
  echo "tracked files larger than $limit bytes (remove them and ignore them in .gitignore):"
  echo "$big"
  exit 1
fi
echo "no tracked file is larger than $limit bytes"
