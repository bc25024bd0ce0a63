#!/usr/bin/env bash
# Runs every check of PartnerLedger: the Swift test suite (unit, multi-process and
# command-line tests) and the JSON Schema check of Schemas/ with a real validator.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/bootstrap.sh --with-python
python3 tools/check_schemas.py
python3 tools/check_imports.py
swift build --build-tests
swift test
