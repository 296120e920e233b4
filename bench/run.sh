#!/usr/bin/env bash
# pcsim benchmark: the figures of spec/engineering.md "Performance budgets".
#
#   bench/run.sh [--no-build] [--skip-large] [--quick] [--static] [--journal-only]
#
# Builds pcsim in release mode, then measures startup, an nginx ceiling, API throughput and
# latency (wrk), the same POR figures on a large generated database (also with ids drawn at
# random, a concurrent writer, probes under saturation and the cost of cold verdicts), and
# memory at 1,000 idle connections. Prints a table and writes bench/results/latest.json.
# --journal-only runs just the request journal's A/B (journal on vs --journal-size 0) and
# replaces only the "journal" member of bench/results/latest.json.
# See bench/README.md.
#
# Environment: PCSIM_BIN (use this binary, implies --no-build), BENCH_SCRATCH (SwiftPM scratch
# path; default .build, or .build-bench when another SwiftPM holds .build), BENCH_DURATION (wrk
# run length, default 10s), BENCH_STARTUP_RUNS (default 10), BENCH_WRITE_RATE (the writer's
# PATCHes a second, default 20).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
RESULTS="$BENCH/results"
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-2s}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-10}
WRITE_RATE=${BENCH_WRITE_RATE:-20}
IDLE_PROBE_SECONDS=3    # the probes' idle latency, just before the saturating load
COLD_ONE=2000           # cold cost: one-id requests ...
COLD_HUNDRED=200        # ... and hundred-id requests, every id never requested before
RESTORE_RUNS=200        # snapshot restores of the demo world (SIM-3) ...
LARGE_RESTORE_RUNS=5    # ... and of the large world
BUILD=1
LARGE=1
JOURNAL_ONLY=0
STATIC=()
for arg in "$@"; do
    case "$arg" in
        --no-build) BUILD=0 ;;
        --skip-large) LARGE=0 ;;
        --quick) DURATION=3s; WARMUP=1s; STARTUP_RUNS=5; IDLE_PROBE_SECONDS=1; COLD_ONE=300; COLD_HUNDRED=30; RESTORE_RUNS=50; LARGE_RESTORE_RUNS=2 ;;
        --static) STATIC=(--static-swift-stdlib) ;;   # as the Docker image builds it
        --journal-only) JOURNAL_ONLY=1 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
export PATH=/opt/swift/usr/bin:$PATH

for tool in wrk nginx curl jq sqlite3 python3; do
    command -v "$tool" >/dev/null || {
        echo "missing $tool: apt-get install -y wrk nginx-light curl jq sqlite3 python3" >&2; exit 1; }
done

TMP=$(mktemp -d /tmp/pcsim-bench.XXXXXX)
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# forget_pid PID: after PID has been waited for, so cleanup never signals a reused PID.
forget_pid() {
    local pid kept=()
    for pid in "${PIDS[@]}"; do [[ $pid == "$1" ]] || kept+=("$pid"); done
    PIDS=("${kept[@]}")
}
log() { printf '\n== %s\n' "$*" >&2; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

# ---------------------------------------------------------------------------------- build
if [[ -n "${PCSIM_BIN:-}" ]]; then
    BUILD=0
    BIN=$PCSIM_BIN
fi
if [[ $BUILD == 1 ]]; then
    if [[ -z "${BENCH_SCRATCH:-}" ]]; then
        BENCH_SCRATCH="$ROOT/.build"
        lock_pid=$(cat "$ROOT/.build/.lock" 2>/dev/null || true)
        if [[ -n "$lock_pid" ]] && kill -0 "$lock_pid" 2>/dev/null; then
            echo "(.build is in use by SwiftPM pid $lock_pid: building into .build-bench)" >&2
            BENCH_SCRATCH="$ROOT/.build-bench"
        fi
    fi
    log "build: swift build -c release --product pcsim ${STATIC[*]} --scratch-path $BENCH_SCRATCH"
    (cd "$ROOT" && swift build -c release --product pcsim "${STATIC[@]}" --scratch-path "$BENCH_SCRATCH" >&2)
    BIN="$(cd "$ROOT" && swift build -c release "${STATIC[@]}" --scratch-path "$BENCH_SCRATCH" --show-bin-path)/pcsim"
elif [[ -z "${BIN:-}" ]]; then
    BIN="$ROOT/.build/release/pcsim"
    [[ -x "$BIN" ]] || BIN="$ROOT/.build-bench/release/pcsim"
fi
[[ -x "$BIN" ]] || { echo "no pcsim binary at $BIN" >&2; exit 1; }
echo "binary: $BIN" >&2
LINKAGE=dynamic
ldd "$BIN" 2>/dev/null | grep -q libswiftCore || LINKAGE=static

# pcsim and the idle-connection client need more than 1,024 descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 4096 2>/dev/null || true

# ---------------------------------------------------------------------------------- helpers
PCSIM_PID=
PCSIM_PORT=
PCSIM_URL=
PCSIM_OUT=
# curl's options for the running pcsim: the CA file when it speaks HTTPS.
CURL_TLS=()
# start_pcsim DB LOGLEVEL LOGFILE [PCSIM-OPTIONS...]: starts pcsim, waits for its ready line
# ("pcsim ready on http(s)://127.0.0.1:PORT (..., CA: FILE, ...)").
start_pcsim() {
    local db=$1 level=$2 logfile=$3 out; shift 3
    out=$(mktemp "$TMP/pcsim.XXXXXX.out")
    PCSIM_OUT=$out
    "$BIN" --db "$db" --port 0 --log-level "$level" "$@" >"$out" 2>"$logfile" &
    PCSIM_PID=$!
    PIDS+=("$PCSIM_PID")
    local i ca
    for i in $(seq 1 600); do
        if PCSIM_URL=$(grep -oE 'ready on https?://127\.0\.0\.1:[0-9]+' "$out" 2>/dev/null | cut -d' ' -f3); then
            PCSIM_PORT=${PCSIM_URL##*:}
            CURL_TLS=()
            ca=$(grep -oE 'CA: [^,]+' "$out" | cut -c5- || true)
            [[ -n "$ca" ]] && CURL_TLS=(--cacert "$ca")
            return 0
        fi
        kill -0 "$PCSIM_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "pcsim did not start:" >&2; cat "$out" "$logfile" >&2; exit 1
}
stop_pcsim() {
    kill -TERM "$PCSIM_PID" 2>/dev/null || true
    wait "$PCSIM_PID" 2>/dev/null || true
    forget_pid "$PCSIM_PID"
}
restore_summary() {  # label, tools.py restore JSON
    jq -r --arg l "$1" '"restore of the \($l) (\(.sizeBytes / 1048576 * 10 | floor / 10) MB, \(.runs) runs): round trip p50 \(.roundTrip.p50Ms) ms, p99 \(.roundTrip.p99Ms) ms; server durationMs p50 \(.server.p50Ms), p99 \(.server.p99Ms); save \(.saveMs) ms"' <<<"$2" >&2
}
token_for() {  # principal name -> access token
    curl -sf "${CURL_TLS[@]}" "$PCSIM_URL/_sim/principals" | jq -r --arg n "$1" '.items[] | select(.name == $n) | .accessToken'
}
# wrk_run URL [METHOD TOKEN BODYFILE]: prints the WRKJSON object; warm-up first when WARM=1.
wrk_run() {
    local url=$1
    export WRK_METHOD=${2:-GET} WRK_TOKEN=${3:-} WRK_BODY_FILE=${4:-}
    if [[ ${WARM:-1} == 1 ]]; then
        wrk -t2 -c64 -d"$WARMUP" -s "$BENCH/wrk/request.lua" "$url" >/dev/null
    fi
    wrk -t2 -c64 -d"$DURATION" --latency -s "$BENCH/wrk/request.lua" "$url" | sed -n 's/^WRKJSON //p'
}
# check URL METHOD TOKEN BODYFILE JQFILTER: one request with curl; status must be 200 and the
# body must satisfy the jq filter, so wrk never measures an error path by mistake.
check() {
    local url=$1 method=$2 token=$3 body=$4 filter=$5 code
    local args=(-s "${CURL_TLS[@]}" -o "$TMP/check.json" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token")
    [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "@$body")
    code=$(curl "${args[@]}" "$url")
    if [[ $code != 200 ]] || ! jq -e "$filter" "$TMP/check.json" >/dev/null; then
        echo "sanity check failed for $method $url: HTTP $code" >&2; head -c 600 "$TMP/check.json" >&2; echo >&2; exit 1
    fi
}
summary() {  # label json
    jq -r --arg l "$1" '"\($l): \(.rps|floor) req/s, p50 \(.p50Us/1000) ms, p99 \(.p99Us/1000) ms, errors \(.errors|add)"' <<<"$2" >&2
}

# Request bodies.
DEMO_IDS=(5100001 5200001 5300001 5400001 5500001 5600001 5100002 9999999 12345 5100000)
echo '{"partnerIds":["5100001"]}' >"$TMP/v1.json"
python3 - "$TMP/v100.json" "${DEMO_IDS[@]}" <<'EOF'
import json, sys
ids = sys.argv[2:]
json.dump({"partnerIds": [ids[i % len(ids)] for i in range(100)]}, open(sys.argv[1], "w"))
EOF

# ---------------------------------------------------------------------------------- journal A/B
# The request journal records every API request (docs/decisions.md): its cost, measured as
# the one-id validateresellers figure with the journal on (the default, 10,000 entries, full
# after the warm-up) and off (--journal-size 0), back to back on fresh processes of one database.
# journal_ab on|off: prints {"wrk", "entriesHeld", "rssKB"} (call it with its output redirected,
# not in $(...), so the pcsim it starts joins PIDS for cleanup).
journal_ab() {
    local label=$1 options=() held
    [[ $label == off ]] && options=(--journal-size 0)
    start_pcsim "$TMP/demo.sqlite" warning "$TMP/pcsim-journal-$label.log" "${options[@]}"
    local token
    token=$(token_for distributor-admin)
    check "$PCSIM_URL/v1/partners/validateresellers" POST "$token" "$TMP/v1.json" '.validationResults[0].isValidPartnerIdOnRecord == true'
    local figure
    figure=$(wrk_run "$PCSIM_URL/v1/partners/validateresellers" POST "$token" "$TMP/v1.json")
    held=$(curl -sf "${CURL_TLS[@]}" "$PCSIM_URL/_sim/requests?limit=1" | jq '.totalCount')
    local rss
    rss=$(python3 "$BENCH/tools.py" rss "$PCSIM_PID")
    stop_pcsim
    summary "validateresellers, 1 id, journal $label ($held entries held)" "$figure"
    jq -n --argjson w "$figure" --argjson held "$held" --argjson rss "$rss" '{wrk: $w, entriesHeld: $held, rssKB: $rss.rssKB}'
}
journal_figures() {  # writes the "journal" member of latest.json to $TMP/journal.json
    log "request journal A/B: validateresellers (1 id), journal on (default) vs --journal-size 0"
    local on off
    journal_ab on >"$TMP/journal-on.json"; on=$(cat "$TMP/journal-on.json")
    journal_ab off >"$TMP/journal-off.json"; off=$(cat "$TMP/journal-off.json")
    jq -n --argjson on "$on" --argjson off "$off" --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        --arg commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
        --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" '
        def fig($w): {rps: ($w.rps|floor), p50Ms: ($w.p50Us/1000), p90Ms: ($w.p90Us/1000), p99Ms: ($w.p99Us/1000),
                      maxMs: ($w.maxUs/1000), requests: $w.requests, errors: ($w.errors|add)};
        {on: (fig($on.wrk) + {entriesHeld: $on.entriesHeld, rssMB: (($on.rssKB / 1024 * 100 | round) / 100)}),
         off: (fig($off.wrk) + {entriesHeld: $off.entriesHeld, rssMB: (($off.rssKB / 1024 * 100 | round) / 100)}),
         rpsOnToOff: (($on.wrk.rps / $off.wrk.rps * 1000 | round) / 1000),
         date: $date, commit: $commit, loadAverageBefore: $load}' >"$TMP/journal.json"
}
print_journal() {  # journal-json
    jq -r '"request journal: validateresellers 1 id \(.on.rps) req/s (p50 \(.on.p50Ms) ms, p99 \(.on.p99Ms) ms, \(.on.entriesHeld) entries, RSS \(.on.rssMB) MB) with it on, \(.off.rps) req/s (p50 \(.off.p50Ms) ms, p99 \(.off.p99Ms) ms, RSS \(.off.rssMB) MB) with --journal-size 0: on/off x\(.rpsOnToOff)"' <<<"$1"
}
if [[ $JOURNAL_ONLY == 1 ]]; then
    journal_figures
    JOURNAL=$(cat "$TMP/journal.json")
    print_journal "$JOURNAL"
    mkdir -p "$RESULTS"
    if [[ -f "$RESULTS/latest.json" ]]; then
        jq --argjson j "$JOURNAL" '.journal = $j' "$RESULTS/latest.json" >"$RESULTS/latest.json.tmp"
    else
        jq -n --argjson j "$JOURNAL" '{journal: $j}' >"$RESULTS/latest.json.tmp"
    fi
    mv "$RESULTS/latest.json.tmp" "$RESULTS/latest.json"
    echo "written: ${RESULTS#$ROOT/}/latest.json (.journal)"
    exit 0
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------- 1. startup
log "startup: $STARTUP_RUNS runs each, new and existing database (median)"
STARTUP_NEW=$(python3 "$BENCH/tools.py" startup "$BIN" "$STARTUP_RUNS" new "$TMP")
STARTUP_EXISTING=$(python3 "$BENCH/tools.py" startup "$BIN" "$STARTUP_RUNS" existing "$TMP")
jq -r '"new database: in-process \(.inProcessMs) ms, exec->ready line \(.readyLineMs) ms, exec->health 200 \(.healthMs) ms"' <<<"$STARTUP_NEW" >&2
jq -r '"existing database: in-process \(.inProcessMs) ms, exec->ready line \(.readyLineMs) ms, exec->health 200 \(.healthMs) ms"' <<<"$STARTUP_EXISTING" >&2

# ---------------------------------------------------------------------------------- 2. nginx
log "nginx ceiling (fixed JSON body, keep-alive)"
NGINX_PORT=$(python3 "$BENCH/tools.py" freeport)
NGINX_BODY='{"validationResults":[{"partnerId":"5100001","isValidPartnerIdOnRecord":true}]}'
mkdir -p "$TMP/nginx/logs"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_timeout 65;
    keepalive_requests 10000000;
    client_body_temp_path $TMP/nginx/body;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            default_type application/json;
            return 200 '$NGINX_BODY';
        }
    }
}
EOF
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' 2>>"$TMP/nginx/logs/error.log" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$NGINX_PORT/" >/dev/null && break; sleep 0.05; done
curl -sf "http://127.0.0.1:$NGINX_PORT/" >/dev/null || { cat "$TMP/nginx/logs/error.log" >&2; exit 1; }
NGINX=$(wrk_run "http://127.0.0.1:$NGINX_PORT/v1/partners/validateresellers")
summary nginx "$NGINX"
kill -TERM "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; forget_pid "$NGINX_PID"

# ---------------------------------------------------------------------------------- 3-4. API
log "pcsim on the demo world (--log-level warning: no access log)"
start_pcsim "$TMP/demo.sqlite" warning "$TMP/pcsim-demo.log"
BASE="http://127.0.0.1:$PCSIM_PORT"
TOKEN=$(token_for distributor-admin)
[[ -n "$TOKEN" ]] || { echo "no distributor-admin token" >&2; exit 1; }
RSS_START=$(python3 "$BENCH/tools.py" rss "$PCSIM_PID")

check "$BASE/v1/profiles/mpn?mpnId=5100001" GET "$TOKEN" "" '.mpnId == "5100001"'
PROFILES=$(wrk_run "$BASE/v1/profiles/mpn?mpnId=5100001" GET "$TOKEN")
summary "GET /v1/profiles/mpn" "$PROFILES"

check "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/v1.json" '.validationResults[0].isValidPartnerIdOnRecord == true'
V1=$(wrk_run "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/v1.json")
summary "validateresellers, 1 id" "$V1"

check "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/v100.json" '(.validationResults | length) == 100'
V100=$(wrk_run "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/v100.json")
summary "validateresellers, 100 ids" "$V100"
RSS_AFTER_LOAD=$(python3 "$BENCH/tools.py" rss "$PCSIM_PID")

# Health under load: a probe on its own connection while 64 others validate 100 ids, then
# while they flood orders (writes). The control plane has a lane of its own (docs/decisions.md).
PROBE_SECONDS=${DURATION%s}
probe_during() {  # label wrk-args...: prints {"load": WRKJSON, "probe": {...}}
    local label=$1; shift
    python3 "$BENCH/tools.py" probe "$PCSIM_PORT" "$PROBE_SECONDS" /_sim/health >"$TMP/probe.json" &
    local probe_pid=$!
    local load
    load=$(WARM=0 wrk_run "$@")
    wait "$probe_pid"
    summary "$label" "$load"
    jq -r --arg l "$label" '"  /_sim/health meanwhile: p50 \(.p50Ms) ms, p99 \(.p99Ms) ms, max \(.maxMs) ms (\(.requests) probes, \(.failures) failures)"' "$TMP/probe.json" >&2
    jq -n --argjson load "$load" --slurpfile probe "$TMP/probe.json" '{load: $load, probe: $probe[0]}'
}
HEALTH_READS=$(probe_during "health probe under validateresellers (100 ids)" "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/v100.json")
RELECLOUD=c4000000-0000-4000-8000-000000000001
echo '{"lineItems":[{"lineItemNumber":0,"offerId":"CFQ7TTC0LF8Q:0001","quantity":1,"termDuration":"P1M","billingCycle":"monthly","partnerIdOnRecord":"5100001"}]}' >"$TMP/order.json"
code=$(curl -s -o "$TMP/check.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary "@$TMP/order.json" "$BASE/v1/customers/$RELECLOUD/orders")
[[ $code == 201 ]] || { echo "order sanity check failed: HTTP $code" >&2; head -c 600 "$TMP/check.json" >&2; exit 1; }
HEALTH_WRITES=$(probe_during "health probe under an order flood (writes)" "$BASE/v1/customers/$RELECLOUD/orders" POST "$TOKEN" "$TMP/order.json")

# 7. transfer accept (SST-8, SST-9): 100 subscriptions, on a fresh instance below.
stop_pcsim

log "pcsim with the default log level (info: one access-log line per request, to a file)"
start_pcsim "$TMP/demo.sqlite" info "$TMP/pcsim-info.log"
TOKEN_INFO=$(token_for distributor-admin)
V1_INFO=$(wrk_run "http://127.0.0.1:$PCSIM_PORT/v1/partners/validateresellers" POST "$TOKEN_INFO" "$TMP/v1.json")
summary "validateresellers, 1 id, access log on" "$V1_INFO"
stop_pcsim

journal_figures
JOURNAL=$(cat "$TMP/journal.json")

log "pcsim over HTTPS (--tls, keep-alive: wrk handshakes once per connection and does not verify the certificate)"
start_pcsim "$TMP/demo.sqlite" warning "$TMP/pcsim-tls.log" --tls
[[ $PCSIM_URL == https://* && ${#CURL_TLS[@]} -gt 0 ]] || { echo "pcsim --tls did not print an https ready line with its CA" >&2; cat "$PCSIM_OUT" >&2; exit 1; }
TOKEN_TLS=$(token_for distributor-admin)
check "$PCSIM_URL/v1/partners/validateresellers" POST "$TOKEN_TLS" "$TMP/v1.json" '.validationResults[0].isValidPartnerIdOnRecord == true'
V1_TLS=$(wrk_run "$PCSIM_URL/v1/partners/validateresellers" POST "$TOKEN_TLS" "$TMP/v1.json")
summary "validateresellers over HTTPS, 1 id" "$V1_TLS"
check "$PCSIM_URL/v1/partners/validateresellers" POST "$TOKEN_TLS" "$TMP/v100.json" '(.validationResults | length) == 100'
V100_TLS=$(wrk_run "$PCSIM_URL/v1/partners/validateresellers" POST "$TOKEN_TLS" "$TMP/v100.json")
summary "validateresellers over HTTPS, 100 ids" "$V100_TLS"
jq -nr --argjson plain1 "$V1" --argjson tls1 "$V1_TLS" --argjson plain100 "$V100" --argjson tls100 "$V100_TLS" \
    '"HTTPS / HTTP throughput: 1 id x\(($tls1.rps / $plain1.rps * 1000 | round) / 1000), 100 ids x\(($tls100.rps / $plain100.rps * 1000 | round) / 1000)"' >&2
stop_pcsim

# ---------------------------------------------------------------------------------- 6. memory
log "transfer accept: a DirectToIndirect transfer of 100 subscriptions (fresh instance, seeded per run)"
start_pcsim "$TMP/transfer.sqlite" warning "$TMP/pcsim-transfer.log"
TRANSFER=$(python3 "$BENCH/tools.py" transfer "$PCSIM_PORT" 7 100)
jq -r '"transfer accept, 100 subscriptions: median \(.medianMs) ms, max \(.maxMs) ms"' <<<"$TRANSFER" >&2
stop_pcsim

log "snapshot restore (SIM-3): the demo world saved once, restored $RESTORE_RUNS times (fresh database)"
start_pcsim "$TMP/restore.sqlite" warning "$TMP/pcsim-restore.log"
RESTORE=$(python3 "$BENCH/tools.py" restore "$PCSIM_PORT" "$RESTORE_RUNS")
restore_summary "demo world" "$RESTORE"
stop_pcsim

log "memory: 1,000 idle keep-alive connections (fresh process)"
start_pcsim "$TMP/demo.sqlite" warning "$TMP/pcsim-mem.log"
MEMORY=$(python3 "$BENCH/tools.py" idle "$PCSIM_PORT" 1000 "$PCSIM_PID")
jq -r '"RSS \(.rssBeforeKB/1024*10|floor/10) MB idle -> \(.rssKB/1024*10|floor/10) MB with \(.connections) connections (\(.answered200) answered 200), \(.threads) threads"' <<<"$MEMORY" >&2
stop_pcsim

log "memory: 1,000 idle keep-alive HTTPS connections (fresh process, --tls, each verified against the CA)"
start_pcsim "$TMP/demo.sqlite" warning "$TMP/pcsim-mem-tls.log" --tls
MEMORY_TLS=$(python3 "$BENCH/tools.py" idle "$PCSIM_PORT" 1000 "$PCSIM_PID" "${CURL_TLS[1]}")
jq -r '"RSS \(.rssBeforeKB/1024*10|floor/10) MB idle -> \(.rssKB/1024*10|floor/10) MB with \(.connections) HTTPS connections (\(.answered200) answered 200)"' <<<"$MEMORY_TLS" >&2
stop_pcsim

# ---------------------------------------------------------------------------------- 5. large
# random_run IDS WRITER PROBES SEED: a wrk run of bench/wrk/random.lua (IDS random ids a body)
# against the running pcsim, after a warm-up. With WRITER=1 the writer (tools.py writer) makes
# WRITE_RATE PATCHes a second for the whole measured run; with PROBES=1 the health and one-id
# probes (tools.py probe) measure their idle latency first, then run during the measured run.
# The helpers connect first, begin when wrk's threads are running (wrk prints "Running" once
# every thread has built its pool and started) and stop when wrk exits, so what they measure
# is all under the load. Prints {"load": WRKJSON, "writer": {...} or null,
# "probes": {"health": {"idle", "underLoad"}, "validate1": {"idle", "underLoad"}} or null}
# (call it with its output redirected, not in $(...), so its processes join PIDS for cleanup).
random_run() {
    local ids=$1 with_writer=$2 with_probes=$3 seed=$4
    local url="$BASE/v1/partners/validateresellers" out="$TMP/random-$seed"
    local helpers=() logs=() wrk_pid pid i
    # Reseller k (PLA 7000000 + k) is partnered with the demo distributor when k is odd.
    local valid_ids=7000001:50000:2 cap=$(( ${DURATION%s} + 60 ))
    WRK_TOKEN=$TOKEN WRK_IDS=$ids WRK_THREADS=2 WRK_SEED=$((seed * 10)) \
        wrk -t2 -c64 -d"$WARMUP" -s "$BENCH/wrk/random.lua" "$url" >/dev/null
    if [[ $with_probes == 1 ]]; then
        sleep 1         # pcsim finishes what the warm-up's connections left queued: idle is idle
        python3 "$BENCH/tools.py" probe "$PCSIM_PORT" "$IDLE_PROBE_SECONDS" /_sim/health >"$out.health-idle.json" &
        pid=$!
        python3 "$BENCH/tools.py" probe "$PCSIM_PORT" "$IDLE_PROBE_SECONDS" /v1/partners/validateresellers \
            "$TOKEN" "$valid_ids" >"$out.validate-idle.json"
        wait "$pid"
    fi
    if [[ $with_writer == 1 ]]; then
        python3 "$BENCH/tools.py" writer "$PCSIM_PORT" "$TOKEN" "$WRITE_RATE" "$TMP/writer-state.json" "$cap" \
            --start-when "$out.go" >"$out.writer.json" 2>"$out.writer.log" &
        helpers+=($!); logs+=("$out.writer.log")
    fi
    if [[ $with_probes == 1 ]]; then
        python3 "$BENCH/tools.py" probe "$PCSIM_PORT" "$cap" /_sim/health \
            --start-when "$out.go-probes" >"$out.health-load.json" 2>"$out.health-load.log" &
        helpers+=($!); logs+=("$out.health-load.log")
        python3 "$BENCH/tools.py" probe "$PCSIM_PORT" "$cap" /v1/partners/validateresellers "$TOKEN" "$valid_ids" \
            --start-when "$out.go-probes" >"$out.validate-load.json" 2>"$out.validate-load.log" &
        helpers+=($!); logs+=("$out.validate-load.log")
    fi
    PIDS+=("${helpers[@]}")
    for i in "${!helpers[@]}"; do
        wait_for_line "${logs[$i]}" '^ready' "${helpers[$i]}"
    done
    WRK_TOKEN=$TOKEN WRK_IDS=$ids WRK_THREADS=2 WRK_SEED=$((seed * 10 + 1)) \
        stdbuf -oL wrk -t2 -c64 -d"$DURATION" --latency -s "$BENCH/wrk/random.lua" "$url" >"$out.wrk" &
    wrk_pid=$!
    PIDS+=("$wrk_pid")
    wait_for_line "$out.wrk" '^Running' "$wrk_pid"
    touch "$out.go"
    sleep 0.2           # the probes begin once all 64 connections are busy
    touch "$out.go-probes"
    wait "$wrk_pid"
    forget_pid "$wrk_pid"
    for pid in "${helpers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for i in "${!helpers[@]}"; do
        wait "${helpers[$i]}" || { echo "a helper of the random-ids run failed:" >&2; cat "${logs[$i]}" >&2; exit 1; }
        forget_pid "${helpers[$i]}"
        grep -v '^ready$' "${logs[$i]}" >&2 || true
    done
    local load
    load=$(sed -n 's/^WRKJSON //p' "$out.wrk")
    [[ -n $load ]] || { echo "wrk printed no WRKJSON line:" >&2; cat "$out.wrk" >&2; exit 1; }
    jq -n --argjson load "$load" \
        --argjson writer "$( [[ $with_writer == 1 ]] && cat "$out.writer.json" || echo null)" \
        --argjson probes "$( if [[ $with_probes == 1 ]]; then
            jq -n --slurpfile hi "$out.health-idle.json" --slurpfile hl "$out.health-load.json" \
                  --slurpfile vi "$out.validate-idle.json" --slurpfile vl "$out.validate-load.json" \
                  '{health: {idle: $hi[0], underLoad: $hl[0]}, validate1: {idle: $vi[0], underLoad: $vl[0]}}'
            else echo null; fi)" \
        '{load: $load, writer: $writer, probes: $probes}'
}
# wait_for_line FILE REGEX PID: until a line of FILE matches REGEX (PID must stay alive; 30 s at most).
wait_for_line() {
    local i
    for i in $(seq 1 3000); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || { grep -q "$2" "$1" 2>/dev/null && return 0; echo "process $3 ended before printing $2:" >&2; cat "$1" >&2; exit 1; }
        sleep 0.01
    done
    echo "no $2 in $1 after 30 s" >&2; cat "$1" >&2; exit 1
}
writer_summary() {  # random_run-json
    jq -r '.writer | "  writer meanwhile: \(.writes) PATCHes at \(.achievedRate)/s, \(.ok) answered 2xx \(.codes), p50 \(.p50Ms) ms, p99 \(.p99Ms) ms, max \(.maxMs) ms (from schedule: p99 \(.fromSchedule.p99Ms) ms)"' <<<"$1" >&2
}

LARGE_JSON=null
if [[ $LARGE == 1 ]]; then
    log "large database: 100,000 partners, 1,000,000 subscriptions"
    BIG="$TMP/big.sqlite"
    start_pcsim "$BIG" warning "$TMP/pcsim-big.log"
    stop_pcsim
    gen_start=$(date +%s.%N)
    sqlite3 "$BIG" <"$BENCH/sql/large.sql" >/dev/null
    gen_s=$(awk -v a="$gen_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    counts=$(sqlite3 "$BIG" "SELECT (SELECT count(*) FROM partners), (SELECT count(*) FROM subscriptions), (SELECT count(*) FROM locations)")
    IFS='|' read -r N_PARTNERS N_SUBS N_LOCATIONS <<<"$counts"
    DB_MB=$(du -m "$BIG" | cut -f1)
    echo "generated in ${gen_s}s: $N_PARTNERS partners, $N_LOCATIONS locations, $N_SUBS subscriptions, ${DB_MB} MB" >&2
    PLAN=$(python3 "$BENCH/tools.py" explain "$BIG" "$ROOT/Sources/PartnerCenter/POR/PORValidator.swift")
    echo "EXPLAIN QUERY PLAN of the POR lookups (Sources/PartnerCenter/POR/PORValidator.swift):" >&2
    jq -r '.[] | "  " + (.sql | .[0:90]) + "...", (.plan[] | "      " + .)' <<<"$PLAN" >&2
    SCANS=$(jq '[.[].tableScans[]] | length' <<<"$PLAN")
    # 1 id: a valid partnered reseller (odd = partnered). 100 ids: partnered, not partnered,
    # unknown, PGA ids and bad syntax, spread over the whole id range.
    echo '{"partnerIds":["7054321"]}' >"$TMP/big1.json"
    python3 - "$TMP/big100.json" <<'EOF'
import json, sys
ids = []
for i in range(100):
    k = i % 10
    if k < 5:   ids.append(str(7000001 + (i * 1999) % 100000 // 2 * 2))          # odd index: partnered
    elif k < 8: ids.append(str(7000002 + (i * 2003) % 99998 // 2 * 2))          # even index: not partnered
    elif k == 8: ids.append(str(8000001 + i * 997))                             # a PGA id
    else:       ids.append(str(7100001 + i))                                    # unknown PLA
json.dump({"partnerIds": ids}, open(sys.argv[1], "w"))
EOF
    ready_start=$(date +%s%N)
    start_pcsim "$BIG" warning "$TMP/pcsim-big.log"
    BIG_READY_MS=$(( ($(date +%s%N) - ready_start) / 1000000 ))
    BIG_STARTUP_LINE=$(grep -o 'startup [0-9.]* ms' "$PCSIM_OUT" | grep -o '[0-9.]*' | head -1)
    BASE="http://127.0.0.1:$PCSIM_PORT"
    TOKEN=$(token_for distributor-admin)
    # First, while nothing is cached: what cold verdicts cost, 1 id vs 100 distinct ids a request.
    COLD=$(python3 "$BENCH/tools.py" cold "$PCSIM_PORT" "$TOKEN" "$COLD_ONE" "$COLD_HUNDRED")
    jq -r '"large, cold verdicts (fresh process, one connection): 1 id \(.cold1.meanMs) ms a request; 100 ids \(.cold100.meanMs) ms a request, \(.cold100.perIdMs) ms an id (cached: \(.cached100.perIdMs) ms an id); 100 ids / (100 x 1 id) = \(.ratio100To100x1)"' <<<"$COLD" >&2
    check "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/big1.json" '.validationResults[0].isValidPartnerIdOnRecord == true'
    check "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/big100.json" \
        '(.validationResults | length) == 100 and ([.validationResults[] | select(.isValidPartnerIdOnRecord)] | length) == 50'
    BIG_V1=$(wrk_run "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/big1.json")
    summary "large: validateresellers, 1 id" "$BIG_V1"
    BIG_V100=$(wrk_run "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/big100.json")
    summary "large: validateresellers, 100 ids" "$BIG_V100"

    # A body like random.lua's, checked: PLA 7000000 + k is valid exactly when k is odd.
    python3 - "$TMP/random100-check.json" >"$TMP/random100-valid" <<'EOF'
import json, random, sys
ids = random.sample(range(7000001, 7100001), 100)
json.dump({"partnerIds": [str(i) for i in ids]}, open(sys.argv[1], "w"))
print(sum(1 for i in ids if (i - 7000000) % 2 == 1))
EOF
    check "$BASE/v1/partners/validateresellers" POST "$TOKEN" "$TMP/random100-check.json" \
        "(.validationResults | length) == 100 and ([.validationResults[] | select(.isValidPartnerIdOnRecord)] | length) == $(cat "$TMP/random100-valid")"
    # Ids drawn at random from the 100,000 PLA ids (bench/wrk/random.lua), with nothing writing,
    # then with a writer making WRITE_RATE seat-count changes a second; the last run also
    # probes the health check and a one-id validation on connections of their own.
    random_run 100 0 0 1401 >"$TMP/random100.json"; RANDOM100=$(cat "$TMP/random100.json")
    summary "large: random 100 ids" "$(jq -c .load <<<"$RANDOM100")"
    random_run 1 0 0 1402 >"$TMP/random1.json"; RANDOM1=$(cat "$TMP/random1.json")
    summary "large: random 1 id" "$(jq -c .load <<<"$RANDOM1")"
    random_run 1 1 0 1403 >"$TMP/random1_writer.json"; RANDOM1_WRITER=$(cat "$TMP/random1_writer.json")
    summary "large: random 1 id + writer" "$(jq -c .load <<<"$RANDOM1_WRITER")"
    writer_summary "$RANDOM1_WRITER"
    random_run 100 1 1 1404 >"$TMP/random100_writer.json"; RANDOM100_WRITER=$(cat "$TMP/random100_writer.json")
    summary "large: random 100 ids + writer" "$(jq -c .load <<<"$RANDOM100_WRITER")"
    writer_summary "$RANDOM100_WRITER"
    jq -r '.probes | to_entries[] | "  \(.value.underLoad.method) \(.value.underLoad.path) meanwhile: p50 \(.value.underLoad.p50Ms) ms, p99 \(.value.underLoad.p99Ms) ms, max \(.value.underLoad.maxMs) ms (\(.value.underLoad.requests) probes, \(.value.underLoad.failures) failures); idle just before: p50 \(.value.idle.p50Ms) ms, p99 \(.value.idle.p99Ms) ms"' <<<"$RANDOM100_WRITER" >&2
    stop_pcsim
    log "snapshot restore (SIM-3) of the large world: saved once, restored $LARGE_RESTORE_RUNS times"
    start_pcsim "$BIG" warning "$TMP/pcsim-big-restore.log"
    BIG_RESTORE=$(python3 "$BENCH/tools.py" restore "$PCSIM_PORT" "$LARGE_RESTORE_RUNS")
    restore_summary "large world" "$BIG_RESTORE"
    stop_pcsim
    LARGE_JSON=$(jq -n --argjson p "$N_PARTNERS" --argjson s "$N_SUBS" --argjson l "$N_LOCATIONS" \
        --argjson mb "$DB_MB" --argjson gen "$gen_s" --argjson v1 "$BIG_V1" --argjson v100 "$BIG_V100" \
        --argjson plan "$PLAN" --argjson scans "$SCANS" --argjson nginx "$NGINX" \
        --argjson ready "$BIG_READY_MS" --arg inproc "$BIG_STARTUP_LINE" --argjson cold "$COLD" \
        --argjson r1 "$RANDOM1" --argjson r100 "$RANDOM100" --argjson r1w "$RANDOM1_WRITER" \
        --argjson r100w "$RANDOM100_WRITER" --argjson rate "$WRITE_RATE" --argjson restore "$BIG_RESTORE" '
        def fig($w): {rps: ($w.rps|floor), p50Ms: ($w.p50Us/1000), p90Ms: ($w.p90Us/1000), p99Ms: ($w.p99Us/1000),
                      maxMs: ($w.maxUs/1000), requests: $w.requests, errors: ($w.errors|add),
                      ratioToNginx: (($w.rps / $nginx.rps * 1000 | round) / 1000)};
        {partners: $p, locations: $l, subscriptions: $s, databaseMB: $mb, generateSeconds: $gen,
         startupExistingInProcessMs: ($inproc|tonumber), startupExistingReadyMs: $ready,
         validate1: fig($v1), validate100: fig($v100), queryPlans: $plan, tableScans: $scans,
         random1: fig($r1.load), random100: fig($r100.load),
         random1Writer: (fig($r1w.load) + {writer: $r1w.writer}),
         random100Writer: (fig($r100w.load) + {writer: $r100w.writer}),
         saturationProbes: ($r100w.probes + {during: "random100Writer"}),
         coldCost: $cold,
         snapshotRestore: $restore,
         randomIds: {plaIds: "7000001..7100000 (uniform)", writesPerSecond: $rate}}')
fi

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------- results
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain -- Sources Migrations Package.swift 2>/dev/null | wc -l)
mkdir -p "$RESULTS"
jq -n \
    --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg commit "$COMMIT" --argjson dirty "$DIRTY" \
    --arg model "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
    --argjson nproc "$(nproc)" --arg kernel "$(uname -r)" \
    --argjson machineMemMB "$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)" \
    --arg swift "$(swift --version 2>/dev/null | head -1)" --arg linkage "$LINKAGE" --arg wrk "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)" \
    --arg nginxv "$(nginx -v 2>&1 | cut -d/ -f2)" --arg sqlitev "$(sqlite3 --version | cut -d' ' -f1)" \
    --arg loadBefore "$LOAD_BEFORE" --arg loadAfter "$LOAD_AFTER" --arg duration "$DURATION" \
    --argjson startNew "$STARTUP_NEW" --argjson startExisting "$STARTUP_EXISTING" \
    --argjson nginx "$NGINX" --argjson profiles "$PROFILES" --argjson v1 "$V1" --argjson v100 "$V100" \
    --argjson v1info "$V1_INFO" --argjson v1tls "$V1_TLS" --argjson v100tls "$V100_TLS" --argjson memory "$MEMORY" --argjson memoryTls "$MEMORY_TLS" --argjson rssStart "$RSS_START" \
    --argjson rssLoad "$RSS_AFTER_LOAD" --argjson large "$LARGE_JSON" --argjson transfer "$TRANSFER" --argjson restore "$RESTORE" \
    --argjson healthReads "$HEALTH_READS" --argjson healthWrites "$HEALTH_WRITES" --argjson journal "$JOURNAL" '
    def r2: (. * 100 | round) / 100;
    def fig($w): {rps: ($w.rps|floor), p50Ms: ($w.p50Us/1000), p90Ms: ($w.p90Us/1000), p99Ms: ($w.p99Us/1000),
                  maxMs: ($w.maxUs/1000), requests: $w.requests, errors: ($w.errors|add),
                  ratioToNginx: (($w.rps / $nginx.rps * 1000 | round) / 1000)};
    def budget($target; $actual; $met): {target: $target, actual: $actual, met: $met};
    def under($x; $limit): $x != null and $x < $limit;   # a missing figure (null) meets nothing
    def overTLS($w; $plain): fig($w) + {ratioToPlainHttp: (($w.rps / $plain.rps * 1000 | round) / 1000)};
    (fig($v1)) as $f1 | (fig($v100)) as $f100 | ($memory.rssKB / 1024 | r2) as $memMB |
    ($memoryTls.rssKB / 1024 | r2) as $memTlsMB |
    {
      machine: {nproc: $nproc, model: $model, memoryMB: $machineMemMB, kernel: $kernel,
                loadAverageBefore: $loadBefore, loadAverageAfter: $loadAfter},
      binary: {swiftStdlib: $linkage}, tools: {swift: $swift, wrk: $wrk, nginx: $nginxv, sqlite3: $sqlitev},
      date: $date, commit: $commit, uncommittedSourceChanges: $dirty,
      wrk: {threads: 2, connections: 64, duration: $duration, keepAlive: true},
      nginx: {rps: ($nginx.rps|floor), p50Ms: ($nginx.p50Us/1000), p90Ms: ($nginx.p90Us/1000),
              p99Ms: ($nginx.p99Us/1000), errors: ($nginx.errors|add)},
      startup: {newDbMs: $startNew.healthMs, existingDbMs: $startExisting.healthMs,
                newDbInProcessMs: $startNew.inProcessMs, existingDbInProcessMs: $startExisting.inProcessMs,
                newDbReadyLineMs: $startNew.readyLineMs, existingDbReadyLineMs: $startExisting.readyLineMs,
                runs: $startNew.runs, newDbSamples: $startNew.samples, existingDbSamples: $startExisting.samples},
      profilesMpn: fig($profiles),
      validate1: $f1,
      validate100: $f100,
      validate1AccessLogInfo: fig($v1info),
      journal: $journal,
      validate1Https: overTLS($v1tls; $v1),
      validate100Https: overTLS($v100tls; $v100),
      large: $large,
      memory1000IdleMB: $memMB,
      memory1000IdleHttpsMB: $memTlsMB,
      memory: {idleBeforeConnectionsMB: ($memory.rssBeforeKB/1024|r2), at1000IdleMB: $memMB,
               threadsAt1000: $memory.threads, answered200: $memory.answered200,
               demoProcessAtStartMB: ($rssStart.rssKB/1024|r2), demoProcessAfterLoadMB: ($rssLoad.rssKB/1024|r2),
               demoProcessPeakMB: ($rssLoad.hwmKB/1024|r2),
               https: {idleBeforeConnectionsMB: ($memoryTls.rssBeforeKB/1024|r2), at1000IdleMB: $memTlsMB,
                       answered200: $memoryTls.answered200}},
      transferAccept100: $transfer,
      snapshotRestore: $restore,
      healthUnderLoad: {
        validate100: {loadRps: ($healthReads.load.rps|floor), probe: $healthReads.probe},
        orderFlood: {loadRps: ($healthWrites.load.rps|floor), loadErrors: ($healthWrites.load.errors|add),
                     probe: $healthWrites.probe}},
      budgets: ({
        startupExisting: budget("< 25 ms"; $startExisting.healthMs; $startExisting.healthMs < 25),
        startupNew: budget("< 150 ms"; $startNew.healthMs; $startNew.healthMs < 150),
        validate1Rps: budget(">= 20000 req/s"; $f1.rps; $f1.rps >= 20000),
        validate1P50: budget("p50 < 3 ms"; $f1.p50Ms; $f1.p50Ms < 3),
        validate100Rps: budget(">= 3000 req/s"; $f100.rps; $f100.rps >= 3000),
        validate100P99: budget("p99 < 50 ms"; $f100.p99Ms; $f100.p99Ms < 50),
        memory1000Idle: budget("< 60 MB"; $memMB; $memMB < 60),
        memory1000IdleHttps: budget("< 60 MB"; $memTlsMB; $memTlsMB < 60),
        snapshotRestoreDemoP99: budget("p99 < 20 ms"; $restore.roundTrip.p99Ms; under($restore.roundTrip.p99Ms; 20))
      } + (if $large == null then {} else {
        largeValidate1Rps: budget(">= 20000 req/s"; $large.validate1.rps; $large.validate1.rps >= 20000),
        largeValidate1P50: budget("p50 < 3 ms"; $large.validate1.p50Ms; $large.validate1.p50Ms < 3),
        largeValidate100Rps: budget(">= 3000 req/s"; $large.validate100.rps; $large.validate100.rps >= 3000),
        largeValidate100P99: budget("p99 < 50 ms"; $large.validate100.p99Ms; $large.validate100.p99Ms < 50),
        largeNoTableScans: budget("0 scans"; $large.tableScans; $large.tableScans == 0),
        largeRandom100WriterRps: budget(">= 10000 req/s, no errors"; $large.random100Writer.rps;
                                        $large.random100Writer.rps >= 10000 and $large.random100Writer.errors == 0),
        largeRandom100WriterP99: budget("p99 < 25 ms"; $large.random100Writer.p99Ms; under($large.random100Writer.p99Ms; 25)),
        largeRandom100WriterWrites2xx: budget("every write 2xx";
                                              "\($large.random100Writer.writer.ok)/\($large.random100Writer.writer.writes)";
                                              $large.random100Writer.writer.writes > 0
                                              and $large.random100Writer.writer.ok == $large.random100Writer.writer.writes),
        largeRandom100WriterWritesP99: budget("p99 < 10 ms"; $large.random100Writer.writer.p99Ms;
                                              under($large.random100Writer.writer.p99Ms; 10)),
        largeRandom1WriterVsNginx: budget(">= 0.4 x nginx, no errors"; $large.random1Writer.ratioToNginx;
                                          $large.random1Writer.ratioToNginx >= 0.4 and $large.random1Writer.errors == 0),
        largeHealthProbeP99Saturated: budget("p99 < 10 ms, no failures"; $large.saturationProbes.health.underLoad.p99Ms;
                                             under($large.saturationProbes.health.underLoad.p99Ms; 10)
                                             and $large.saturationProbes.health.underLoad.failures == 0),
        largeValidate1ProbeP99Saturated: budget("p99 < 10 ms, no failures"; $large.saturationProbes.validate1.underLoad.p99Ms;
                                                under($large.saturationProbes.validate1.underLoad.p99Ms; 10)
                                                and $large.saturationProbes.validate1.underLoad.failures == 0)
      } end) + {
        transferAccept100: budget("< 50 ms"; $transfer.medianMs; $transfer.medianMs < 50)
      })
    }' >"$RESULTS/latest.json.tmp"
mv "$RESULTS/latest.json.tmp" "$RESULTS/latest.json"

# ---------------------------------------------------------------------------------- table
jq -r '
  "",
  "pcsim benchmark  \(.date)  commit \(.commit)\(if .uncommittedSourceChanges > 0 then "+dirty" else "" end)  \(.machine.nproc) cores, \(.machine.model)",
  "load average before \(.machine.loadAverageBefore), after \(.machine.loadAverageAfter)  (wrk -t2 -c64 -d\(.wrk.duration))",
  ""' "$RESULTS/latest.json"
jq -r '
  def row($name; $f): [$name, ($f.rps|tostring), ($f.p50Ms|tostring), ($f.p99Ms|tostring),
                       (($f.ratioToNginx // 1)|tostring), ($f.errors|tostring)] | @tsv;
  (["scenario", "req/s", "p50 ms", "p99 ms", "x nginx", "errors"] | @tsv),
  row("nginx fixed body"; .nginx),
  row("GET profiles/mpn"; .profilesMpn),
  row("validate 1 id"; .validate1),
  row("validate 100 ids"; .validate100),
  row("validate 1 id (info log)"; .validate1AccessLogInfo),
  row("validate 1 id (HTTPS)"; .validate1Https),
  row("validate 100 ids (HTTPS)"; .validate100Https),
  (if .large then row("large: validate 1 id"; .large.validate1), row("large: validate 100 ids"; .large.validate100),
                  row("large: random 1 id"; .large.random1), row("large: random 100 ids"; .large.random100),
                  row("large: random 1 id + writer"; .large.random1Writer),
                  row("large: random 100 ids + writer"; .large.random100Writer) else empty end)
' "$RESULTS/latest.json" | column -t -s $'\t'
jq -r '
  "",
  "startup, new database:      \(.startup.newDbMs) ms exec->health (in-process \(.startup.newDbInProcessMs) ms)",
  "startup, existing database: \(.startup.existingDbMs) ms exec->health (in-process \(.startup.existingDbInProcessMs) ms)",
  (if .large then "large database: \(.large.partners) partners, \(.large.subscriptions) subscriptions, \(.large.databaseMB) MB, table scans in POR plans: \(.large.tableScans)" else empty end),
  (if .large then
     (.large.random1Writer.writer as $w | "large: writer (\($w.rate) PATCH/s) during random 1 id: \($w.ok)/\($w.writes) answered 2xx, p50 \($w.p50Ms) ms, p99 \($w.p99Ms) ms, max \($w.maxMs) ms"),
     (.large.random100Writer.writer as $w | "large: writer (\($w.rate) PATCH/s) during random 100 ids: \($w.ok)/\($w.writes) answered 2xx, p50 \($w.p50Ms) ms, p99 \($w.p99Ms) ms, max \($w.maxMs) ms"),
     (.large.saturationProbes | ["GET /_sim/health", .health], ["one-id validateresellers", .validate1] | .[1] as $p |
       "large: \(.[0]) under random 100 ids + writer: p50 \($p.underLoad.p50Ms) ms, p99 \($p.underLoad.p99Ms) ms, max \($p.underLoad.maxMs) ms, \($p.underLoad.failures) failures (idle: p50 \($p.idle.p50Ms) ms, p99 \($p.idle.p99Ms) ms)"),
     (.large.coldCost | "large: cold verdicts, ms a request (an id): 1 id \(.cold1.meanMs) (\(.cold1.perIdMs)), 100 ids \(.cold100.meanMs) (\(.cold100.perIdMs)), 100 cached ids \(.cached100.meanMs) (\(.cached100.perIdMs)); 100 ids / (100 x 1 id) = \(.ratio100To100x1), lookups alone \(.lookupRatio100To100x1)")
   else empty end),
  "HTTPS / plain HTTP throughput (keep-alive): 1 id x\(.validate1Https.ratioToPlainHttp), 100 ids x\(.validate100Https.ratioToPlainHttp)",
  "memory at 1,000 idle connections: \(.memory1000IdleMB) MB RSS (idle before: \(.memory.idleBeforeConnectionsMB) MB); over HTTPS: \(.memory1000IdleHttpsMB) MB (idle before: \(.memory.https.idleBeforeConnectionsMB) MB)",
  (.journal | "request journal: validateresellers 1 id \(.on.rps) req/s with it on (\(.on.entriesHeld) entries, RSS \(.on.rssMB) MB), \(.off.rps) req/s with --journal-size 0 (RSS \(.off.rssMB) MB): on/off x\(.rpsOnToOff)"),
  "transfer accept of 100 subscriptions: median \(.transferAccept100.medianMs) ms, max \(.transferAccept100.maxMs) ms",
  "snapshot restore of the demo world: round trip p50 \(.snapshotRestore.roundTrip.p50Ms) ms, p99 \(.snapshotRestore.roundTrip.p99Ms) ms (server \(.snapshotRestore.server.p50Ms) / \(.snapshotRestore.server.p99Ms) ms)",
  (if .large then "snapshot restore of the large world (\(.large.snapshotRestore.sizeBytes / 1048576 | floor) MB): round trip p50 \(.large.snapshotRestore.roundTrip.p50Ms) ms, max \(.large.snapshotRestore.roundTrip.maxMs) ms" else empty end),
  "GET /_sim/health under validate-100 load: p50 \(.healthUnderLoad.validate100.probe.p50Ms) ms, p99 \(.healthUnderLoad.validate100.probe.p99Ms) ms, max \(.healthUnderLoad.validate100.probe.maxMs) ms",
  "GET /_sim/health under an order flood (\(.healthUnderLoad.orderFlood.loadRps) orders/s): p50 \(.healthUnderLoad.orderFlood.probe.p50Ms) ms, p99 \(.healthUnderLoad.orderFlood.probe.p99Ms) ms, max \(.healthUnderLoad.orderFlood.probe.maxMs) ms",
  ""' "$RESULTS/latest.json"
jq -r '
  (["budget", "target", "actual", "met"] | @tsv),
  (.budgets | to_entries[] | [.key, .value.target, (.value.actual|tostring), (if .value.met == null then "n/a" elif .value.met then "yes" else "NO" end)] | @tsv)
' "$RESULTS/latest.json" | column -t -s $'\t'
echo
echo "written: ${RESULTS#$ROOT/}/latest.json"
