#!/bin/sh
# One-shot (temporalio/admin-tools): waits for the Temporal server, creates the namespace when it
# is missing, and registers the search attributes listed in GREENLIGHT_SEARCH_ATTRIBUTES
# ("Name=Type Name=Type …", kept equal to contracts/search-attributes.ts by test/compose.test.ts).
# Attributes already registered are left alone, so it is safe on every `docker-compose up`.
#
#   env: TEMPORAL_ADDRESS, NAMESPACE (default), NAMESPACE_RETENTION (30d), GREENLIGHT_SEARCH_ATTRIBUTES
set -eu
: "${TEMPORAL_ADDRESS:?}" "${GREENLIGHT_SEARCH_ATTRIBUTES:?}"
namespace=${NAMESPACE:-default}

retry() {
  tries=0
  until "$@" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
      echo "gave up after 2 minutes: $*" >&2
      exit 1
    fi
    sleep 2
  done
}

retry temporal operator cluster health --address "$TEMPORAL_ADDRESS"
if ! temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$namespace" >/dev/null 2>&1; then
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$namespace" --retention "${NAMESPACE_RETENTION:-30d}"
fi
# A namespace just created takes a few seconds to reach every cache.
retry temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$namespace"
registered=$(temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$namespace")

# One create per attribute: some CLI versions register only the first of several --name flags.
for spec in $GREENLIGHT_SEARCH_ATTRIBUTES; do
  name=${spec%%=*}
  type=${spec#*=}
  if printf '%s\n' "$registered" | grep -qw -- "$name"; then continue; fi
  echo "registering search attribute $name ($type)"
  temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$namespace" --name "$name" --type "$type"
done
echo "namespace $namespace and its search attributes are ready"
