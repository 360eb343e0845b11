#!/usr/bin/env bash
# Makes a fresh clone runnable: npm packages, the pinned server binaries, and (when it can)
# docker-compose for the production-shape check in test/compose.test.ts.
#
#   bash scripts/bootstrap.sh
#
# Idempotent and quiet when there is nothing to do; each step it does take prints one line.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# npm records what it installed in node_modules/.package-lock.json; a lock file newer than that
# record means someone changed the dependencies since.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

bash scripts/install-servers.sh

# Optional: only test/compose.test.ts needs it, so failing here warns and goes on.
if ! command -v docker-compose >/dev/null && command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "bootstrap: installing docker-compose (apt-get)"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq docker-compose >/dev/null; }; then
    echo "bootstrap: warning: could not install docker-compose; test/compose.test.ts will fail until it is installed" >&2
  fi
fi
