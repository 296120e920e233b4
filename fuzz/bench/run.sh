#!/usr/bin/env bash
# Throughput of the HTTP server alone with wrk: fuzz/bench/run.sh [sources-dir] [lane] [port]
# sources-dir defaults to Sources/HTTP; pass an old checkout's to compare (add BENCH_OLD=1
# when it predates HTTPLane). lane: worker (default) or inline. BENCH_TLS=1 serves HTTPS with
# a throwaway self-signed certificate made by the openssl CLI (wrk keeps its connections, so
# this measures encryption, not handshakes).
set -euo pipefail
cd "$(dirname "$0")"
SOURCES=${1:-../../Sources/HTTP}
LANE=${2:-worker}
PORT=${3:-18101}
mkdir -p ../.build
FLAGS=()
[ "${BENCH_OLD:-0}" = 1 ] && FLAGS=(-D BENCH_OLD_API)
SCHEME=http
if [ "${BENCH_TLS:-0}" = 1 ]; then
    FLAGS+=(-D BENCH_TLS)
    SCHEME=https
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
        -keyout ../.build/bench-key.pem -out ../.build/bench-cert.pem >/dev/null 2>&1
fi
# The HTTP module imports COpenSSL (TLS): its module map is found with -I and links libssl.
swiftc -O -parse-as-library -module-name HTTPBench "${FLAGS[@]}" -I ../../Sources/COpenSSL \
    "$SOURCES"/*.swift main.swift Compat.swift -o ../.build/http-bench
../.build/http-bench "$PORT" "$LANE" ../.build/bench-cert.pem ../.build/bench-key.pem &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
wrk -t2 -c64 -d5s "$SCHEME://127.0.0.1:$PORT/" | sed -n '1,12p'
