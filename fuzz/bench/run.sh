#!/usr/bin/env bash
# Throughput of the HTTP server alone with wrk: fuzz/bench/run.sh [sources-dir] [lane] [port]
# sources-dir defaults to Sources/HTTP; pass an old checkout's to compare (add BENCH_OLD=1
# when it predates HTTPLane). lane: worker (default) or inline.
set -euo pipefail
cd "$(dirname "$0")"
SOURCES=${1:-../../Sources/HTTP}
LANE=${2:-worker}
PORT=${3:-18101}
mkdir -p ../.build
FLAGS=()
[ "${BENCH_OLD:-0}" = 1 ] && FLAGS=(-D BENCH_OLD_API)
swiftc -O -parse-as-library -module-name HTTPBench "${FLAGS[@]}" "$SOURCES"/*.swift main.swift Compat.swift -o ../.build/http-bench
../.build/http-bench "$PORT" "$LANE" &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
wrk -t2 -c64 -d5s "http://127.0.0.1:$PORT/" | sed -n '1,12p'
