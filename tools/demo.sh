#!/usr/bin/env bash
# Builds pledger and runs its demo: a sample ledger of four partnerships over two years,
# its portfolio and its report. Pass a directory to keep the ledger there.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/bootstrap.sh
swift build -c release --product pledger
exec .build/release/pledger demo "$@"
