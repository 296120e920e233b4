-- wrk script shared by every scenario of bench/run.sh.
-- Environment: WRK_METHOD (default GET), WRK_TOKEN (adds "Authorization: Bearer ..."),
-- WRK_BODY_FILE (request body, sent with Content-Type: application/json).
-- done() prints one line "WRKJSON {...}" that run.sh parses (latencies in microseconds).

local method = os.getenv("WRK_METHOD") or "GET"
local token = os.getenv("WRK_TOKEN")
local body_file = os.getenv("WRK_BODY_FILE")

wrk.method = method
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRKJSON {"requests":%d,"durationS":%.3f,"rps":%.1f,"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d,' ..
    '"meanUs":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
