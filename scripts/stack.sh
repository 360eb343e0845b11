#!/usr/bin/env bash
# Starts the whole Greenlight stack on this machine (see runtime/stack.ts); Ctrl-C stops it.
#
#   bash scripts/stack.sh
#
# Set TEMPORAL_ADDRESS / NATS_URL to use existing servers instead of starting them.
# GREENLIGHT_RUN=compiled builds dist/ first (npm run build) and runs the stack and its processes
# from there (docs/compiled-build.md); by default they run the TypeScript through tsx.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/bootstrap.sh
# shellcheck source=scripts/node-path.sh
. scripts/node-path.sh
# The workbench's person picker is on only with the demo data (GREENLIGHT_DEMO=0 turns both off).
[ "${GREENLIGHT_DEMO:-1}" = 0 ] || export GREENLIGHT_WEB_DEMO_SIGNIN=1
# node itself rather than `npx tsx` or `npm run`: one process, so Ctrl-C and `kill` reach the stack
# itself and not a wrapper that has to relay them.
if [ "${GREENLIGHT_RUN:-tsx}" = compiled ]; then
  node --import tsx scripts/build.ts
  exec node --enable-source-maps dist/runtime/stack.js "$@"
fi
exec node --import tsx runtime/stack.ts "$@"
