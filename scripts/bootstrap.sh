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
# record means someone changed the dependencies since. A node_modules that is a link (a git
# worktree sharing the main checkout's) is installed where it points, never through the link:
# npm ci would empty the shared folder under every other checkout using it.
if [ -L node_modules ]; then
  [ -x node_modules/.bin/tsx ] || echo "bootstrap: warning: node_modules links to $(readlink node_modules), which has no tsx: install there (npm ci)" >&2
elif [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

bash scripts/install-servers.sh

# Schemathesis, pinned, in a project-local venv: the OpenAPI probe of test/schemathesis.integration.test.ts.
schemathesis_version=4.32.5
# A check reads a command's whole output before matching it: `cmd | grep -q` stops reading at the
# first match, cmd then dies of SIGPIPE, and under pipefail the check fails although it matched.
installed_schemathesis="$(.tools/venv/bin/schemathesis --version 2>/dev/null || true)"
if [[ "$installed_schemathesis" != *"$schemathesis_version"* ]]; then
  echo "bootstrap: installing schemathesis $schemathesis_version (pip, .tools/venv)"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install -q --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

# Debian packages the stack and the tests use: libfaketime starts the time-skipping server's clock at a
# chosen instant (test/harness/time-skipping.ts); docker-compose checks the production shape
# (test/compose.test.ts). Failing here warns and goes on: those tests then say what is missing.
missing=()
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || [ -e /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 ] || missing+=(libfaketime)
command -v docker-compose >/dev/null || missing+=(docker-compose)
# PostgreSQL's programs for the record (runtime/postgres.ts starts its own cluster; the
# package's own cluster and service are not used).
command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# Chromium for the workbench's browser tests (web/test), driven by playwright-core.
[ -x /usr/bin/chromium ] || missing+=(chromium)
# poppler-utils reads the reports' PDFs back in their tests (pdftotext, pdffonts, pdftoppm).
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# A Chinese font for its screenshots and the reports' PDFs (the workbench itself uses the reader's system fonts).
fonts="$(fc-list 2>/dev/null || true)"
grep -qi 'wenquanyi\|noto sans cjk' <<<"$fonts" || missing+=(fonts-wqy-zenhei)
# nginx, the TLS-terminating reverse proxy the workbench is tested behind (web/test/tls-proxy.browser.test.ts).
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "bootstrap: installing ${missing[*]} (apt-get)"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "bootstrap: warning: could not install ${missing[*]}; the tests that need them will fail until they are installed" >&2
  fi
fi

# The workbench's front end (web/app → web/dist): esbuild, well under a second.
node --import tsx web/build.ts
