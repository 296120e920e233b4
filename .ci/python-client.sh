#!/usr/bin/env bash
# The Python client's own tests (clients/python/tests): the pytest fixture, reset, snapshots,
# the journal and fault rules, against a real pcsim binary started by the fixture.
#
# Needs python3 with pytest and requests, and the package installed (.ci/run installs it in
# .build/client-venv). Environment: PCSIM_BIN (default: swift build --product pcsim, then
# .build/debug/pcsim).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

if [ -z "${PCSIM_BIN:-}" ]; then
    swift build --product pcsim
    export PCSIM_BIN="$PWD/.build/debug/pcsim"
fi
python3 -m pytest -q -rs -s clients/python/tests
