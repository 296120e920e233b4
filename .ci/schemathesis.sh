#!/usr/bin/env bash
# Contract test: every resource type a GET returns against its schema
# (tests/contract/resource_schemas.py), then schemathesis against the OpenAPI document a live
# pcsim serves.
#
# Builds the debug pcsim (a no-op when up to date), starts it on a free loopback port with an in-memory demo
# world, prepares ids (tests/schemathesis/prepare.py), runs schemathesis with a bounded number
# of examples per operation, stops the server and exits with schemathesis' status (non-zero on
# any failure). Decisions: docs/decisions.md.
#
# Environment:
#   PCSIM_BIN            pcsim binary to test (default: swift build --product pcsim, then .build/debug/pcsim)
#   PCSIM_PORT           port to listen on (default 0: a free one the kernel picks)
#   ST_MAX_EXAMPLES      examples per operation and phase (default 25)
#   ST_SCHEMA            the document to test (default: the one the server serves, $base/openapi.yaml)
#   ST_REPORT_DIR        where the JUnit and NDJSON reports go (default .build/schemathesis)
#   ST_EXTRA_ARGS        more schemathesis run arguments, e.g. "--phases examples,coverage"
#
# There is no baseline of known defects: every failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

max_examples="${ST_MAX_EXAMPLES:-25}"
report_dir="${ST_REPORT_DIR:-.build/schemathesis}"
binary="${PCSIM_BIN:-}"
port="${PCSIM_PORT:-0}"

command -v schemathesis >/dev/null || { echo "schemathesis.sh: schemathesis is not installed (pip install schemathesis==4.32.5)" >&2; exit 2; }
# The generated requests (deterministic mode) belong to this version (docs/decisions.md).
version="$(schemathesis --version)"
case "$version" in *" 4.32.5") ;; *) echo "schemathesis.sh: warning: tested with schemathesis 4.32.5, found: $version" >&2 ;; esac
if [ -z "$binary" ]; then
    # Always (re)build: a no-op when up to date, and the served document is the bundle's copy of
    # Sources/PartnerCenter/Resources/openapi.yaml, refreshed only by a build.
    swift build --product pcsim
    binary=.build/debug/pcsim
fi

mkdir -p "$report_dir"
log="$report_dir/pcsim.log"
# With port 0 the kernel picks a free port; the ready line says which.
"$binary" serve --host 127.0.0.1 --port "$port" --in-memory --log-level warning >"$log" 2>&1 &
server=$!
stop() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop EXIT

base=""
for _ in $(seq 1 300); do
    base="$(sed -n 's/^pcsim ready on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)"
    [ -n "$base" ] && break
    kill -0 "$server" 2>/dev/null || { echo "schemathesis.sh: pcsim exited before it was ready:" >&2; cat "$log" >&2; exit 2; }
    sleep 0.1
done
[ -n "$base" ] || { echo "schemathesis.sh: pcsim was not ready within 30 s" >&2; cat "$log" >&2; exit 2; }
echo "schemathesis.sh: pcsim ready on $base"

# Tokens and ids of the demo world, as PCSIM_* variables read by schemathesis.toml.
exports="$(python3 tests/schemathesis/prepare.py "$base")"
eval "$exports"

# Every resource type a GET returns, against its documented schema, before generated requests
# change the world (tests/contract/resource_schemas.py; the venv's python has its modules).
python3 tests/contract/resource_schemas.py "$base" || { echo "schemathesis.sh: a response does not match its schema" >&2; exit 1; }

status=0
# /_sim/faults is not fuzzed (like reset, seed and clock): a generated rule would fault or delay
# the operations fuzzed after it.
# shellcheck disable=SC2086 # ST_EXTRA_ARGS is a list of arguments
schemathesis --config-file tests/schemathesis/schemathesis.toml run "${ST_SCHEMA:-$base/openapi.yaml}" \
    --url "$base" \
    --exclude-path-regex '^/_sim/(reset|seed|clock|faults)$' \
    --max-examples "$max_examples" \
    --workers 1 \
    --report junit,ndjson --report-dir "$report_dir" \
    --no-color \
    ${ST_EXTRA_ARGS:-} || status=$?

if ! kill -0 "$server" 2>/dev/null; then
    echo "schemathesis.sh: pcsim died during the run; its log:" >&2
    cat "$log" >&2
    status=2
fi
exit "$status"
