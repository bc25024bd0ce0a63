#!/usr/bin/env bash
# Installs what building and testing PartnerLedger needs, when it is missing:
# LMDB's headers and tools (Debian: liblmdb-dev, lmdb-utils) and the Python packages
# that the schema check and the independent ledger verifier use.
set -euo pipefail

missing=()
[ -f /usr/include/lmdb.h ] || missing+=(liblmdb-dev)
command -v mdb_stat >/dev/null 2>&1 || missing+=(lmdb-utils)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--with-python" ]; then
  if ! python3 -c 'import lmdb, jsonschema, rfc3339_validator' 2>/dev/null; then
    echo "bootstrap: installing Python packages lmdb, jsonschema, rfc3339-validator" >&2
    python3 -m pip install -q lmdb jsonschema rfc3339-validator
  fi
fi
