#!/usr/bin/env bash
# Runs every check: installs what is missing, then the type check, lint, and every test
# (unit, workflow on the time-skipping server, integration on real Temporal and NATS servers
# that the tests start themselves on free loopback ports).
#
#   bash scripts/test.sh [jest args...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/bootstrap.sh
# shellcheck source=scripts/node-path.sh
. scripts/node-path.sh

echo "test: type check"
npx tsc --noEmit -p tsconfig.json
echo "test: lint"
npx eslint --max-warnings=0 .
echo "test: jest"
results="$(mktemp)"
status=0
npx jest --ci --json --outputFile="$results" "$@" || status=$?
# One plain closing line that any CI reader understands.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);' "$results" || true
rm -f "$results"
exit "$status"
