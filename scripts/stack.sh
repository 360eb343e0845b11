#!/usr/bin/env bash
# Starts the whole Greenlight stack on this machine (see runtime/stack.ts); Ctrl-C stops it.
#
#   bash scripts/stack.sh
#
# Set TEMPORAL_ADDRESS / NATS_URL to use existing servers instead of starting them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/bootstrap.sh
# shellcheck source=scripts/node-path.sh
. scripts/node-path.sh
# The workbench's person picker is on only with the demo data (GREENLIGHT_DEMO=0 turns both off).
[ "${GREENLIGHT_DEMO:-1}" = 0 ] || export GREENLIGHT_WEB_DEMO_SIGNIN=1
# node with tsx's loader rather than `npx tsx`: one process, so Ctrl-C and `kill` reach the stack
# itself and not a wrapper that has to relay them.
exec node --import tsx runtime/stack.ts "$@"
