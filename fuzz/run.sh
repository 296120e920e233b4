#!/usr/bin/env bash
# Builds the libFuzzer targets for the HTTP request parser and the JSON parser and runs each
# for N executions (default 5,000,000). Usage: fuzz/run.sh [runs] [max_total_time_seconds]
# Not part of `swift build` / `swift test`: the targets compile the module sources directly.
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${1:-5000000}
MAX_TIME=${2:-0}
SWIFTC=${SWIFTC:-swiftc}
OUT=.build
mkdir -p "$OUT" "$OUT/artifacts"

build() {
    local name=$1 module=$2; shift 2
    echo "== building $name"
    # The linker's noise about ASan's local symbols goes to a log; errors are shown.
    if ! "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g -module-name "$module" \
        "$@" -o "$OUT/$name" >"$OUT/$name.build.log" 2>&1; then
        grep -v "Cannot export local symbol" "$OUT/$name.build.log" >&2
        exit 2
    fi
}

# The HTTP module imports COpenSSL (TLS): its module map is found with -I and links libssl.
build request-parser-fuzz HTTPFuzz -I ../Sources/COpenSSL ../Sources/HTTP/*.swift request-parser/FuzzEntry.swift
build json-fuzz JSONFuzz ../Sources/JSON/*.swift json/FuzzEntry.swift

status=0
for target in request-parser json; do
    binary="$OUT/$target-fuzz"
    [ "$target" = json ] && binary="$OUT/json-fuzz"
    work="$OUT/corpus-$target"
    mkdir -p "$work"
    log="$OUT/$target.log"
    echo "== running $target for $RUNS executions (log: fuzz/$log)"
    set +e
    "$binary" -runs="$RUNS" -max_total_time="$MAX_TIME" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -dict="dictionaries/$target.dict" -artifact_prefix="$OUT/artifacts/$target-" \
        "$work" "corpus/$target" >"$log" 2>&1
    rc=$?
    set -e
    done_line=$(grep -E "^Done [0-9]+ runs" "$log" || true)
    execs=$(grep -oE "#[0-9]+" "$log" | tail -1 | tr -d '#')
    if [ $rc -eq 0 ]; then
        echo "$target: OK, ${done_line:-$execs executions}, no crash"
    else
        echo "$target: FAILED (exit $rc) after ${execs:-?} executions; see fuzz/$log and fuzz/$OUT/artifacts/"
        grep -E "ERROR|Fatal error|SUMMARY" "$log" | head -5 || true
        status=1
    fi
done
exit $status
