#!/usr/bin/env bash
# Sign-in test: MSAL for Python, unchanged, gets tokens from pcsim's Entra-compatible token
# endpoints over HTTPS (pcsim --tls, its exported CA trusted through REQUESTS_CA_BUNDLE) and
# calls the API with them (tests/msal/test_sign_in.py, issue 13).
#
# Needs python3 with msal, requests and pytest (.ci/run installs them in .build/msal-venv).
# Environment: PCSIM_BIN (default: swift build --product pcsim, then .build/debug/pcsim);
# PCSIM_MSAL_REQUIRE_443 (set here) makes "port 443 unavailable" a failure instead of a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

if [ -z "${PCSIM_BIN:-}" ]; then
    swift build --product pcsim
    export PCSIM_BIN=.build/debug/pcsim
fi
# CI runs as root, so the username/password tests get their port 443 (tests/msal): there a
# skip would hide a broken flow, so it is an error.
PCSIM_MSAL_REQUIRE_443=1 python3 -m pytest -q -rs tests/msal
