#!/usr/bin/env python3
"""Helpers for bench/run.sh (standard library only).

  tools.py freeport
      print a free loopback TCP port
  tools.py startup BIN RUNS new|existing WORKDIR
      start `BIN --db ... --port 0 --log-level warning` RUNS times, each time timing
      exec -> "pcsim ready on ..." line on stdout -> first 200 from GET /_sim/health;
      prints one JSON object with medians (and all samples)
  tools.py idle PORT COUNT PID [CA]   (over TLS when a CA file is given)
      open COUNT keep-alive connections to 127.0.0.1:PORT, send one GET /_sim/health on each,
      read every response, keep them all open and print {"connections", "rssKB", ...} from
      /proc/PID/status
  tools.py rss PID
      print VmRSS and VmHWM of PID in kB as JSON
  tools.py explain DB SWIFT_FILE
      EXPLAIN QUERY PLAN every SELECT string literal of SWIFT_FILE against DB; JSON out
  tools.py probe PORT SECONDS PATH
      on one keep-alive connection, send GET PATH every 20 ms for SECONDS (while a load runs
      on other connections) and print the latency percentiles of the answers as JSON
"""
import json
import os
import re
import resource
import signal
import socket
import ssl
import sqlite3
import statistics
import subprocess
import sys
import time

READY = re.compile(rb"pcsim ready on http://127\.0\.0\.1:(\d+) .*startup ([0-9.]+) ms")


def freeport():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def http_get(port, path, timeout=2.0):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    return data


def one_start(binary, db):
    t0 = time.perf_counter()
    proc = subprocess.Popen([binary, "--db", db, "--port", "0", "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        line = proc.stdout.readline()
        t_ready = time.perf_counter()
        m = READY.search(line)
        if not m:
            raise RuntimeError(f"unexpected first line: {line!r}")
        port, inproc = int(m.group(1)), float(m.group(2))
        while True:
            reply = http_get(port, "/_sim/health")
            if reply.startswith(b"HTTP/1.1 200"):
                break
            if time.perf_counter() - t0 > 10:
                raise RuntimeError(f"health never answered 200: {reply[:200]!r}")
        t_health = time.perf_counter()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return {"inProcessMs": inproc, "readyLineMs": (t_ready - t0) * 1000, "healthMs": (t_health - t0) * 1000}


def remove_db(db):
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(db + suffix)
        except FileNotFoundError:
            pass


def startup(binary, runs, mode, workdir):
    runs = int(runs)
    db = os.path.join(workdir, f"startup-{mode}.sqlite")
    remove_db(db)
    if mode == "existing":
        one_start(binary, db)           # create it once; not counted
    samples = []
    for _ in range(runs):
        if mode == "new":
            remove_db(db)
        samples.append(one_start(binary, db))
    remove_db(db)
    med = lambda k: round(statistics.median(s[k] for s in samples), 2)
    print(json.dumps({
        "runs": runs,
        "inProcessMs": med("inProcessMs"),
        "readyLineMs": med("readyLineMs"),
        "healthMs": med("healthMs"),
        "healthMsMin": round(min(s["healthMs"] for s in samples), 2),
        "healthMsMax": round(max(s["healthMs"] for s in samples), 2),
        "samples": [{k: round(v, 2) for k, v in s.items()} for s in samples],
    }))


def rss_of(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:", "Threads:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    return out


def rss(pid):
    s = rss_of(pid)
    print(json.dumps({"rssKB": s["VmRSS"], "hwmKB": s["VmHWM"], "threads": s["Threads"]}))


def idle(port, count, pid, ca=None):
    """`count` keep-alive connections, each answered once, then left idle; over TLS (verified
    against `ca`) when a CA file is given."""
    port, count = int(port), int(count)
    context = ssl.create_default_context(cafile=ca) if ca else None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, count + 256) if hard != resource.RLIM_INFINITY else count + 256
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    before = rss_of(pid)
    request = b"GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        if context:
            s = context.wrap_socket(s, server_hostname="127.0.0.1")
        s.sendall(request)
        socks.append(s)
    ok = 0
    for s in socks:
        data = b""
        # Responses are small; read until the head and a Content-Length body are in.
        while b"\r\n\r\n" not in data:
            data += s.recv(65536)
        head, _, body = data.partition(b"\r\n\r\n")
        m = re.search(rb"(?i)content-length:\s*(\d+)", head)
        need = int(m.group(1)) if m else 0
        while len(body) < need:
            body += s.recv(65536)
        if head.startswith(b"HTTP/1.1 200"):
            ok += 1
    time.sleep(1.0)  # let the server settle (freed buffers, idle timers armed)
    after = rss_of(pid)
    for s in socks:
        s.close()
    print(json.dumps({"connections": count, "answered200": ok, "rssBeforeKB": before["VmRSS"],
                      "rssKB": after["VmRSS"], "hwmKB": after["VmHWM"], "threads": after["Threads"]}))


def explain(db, swift_file):
    source = open(swift_file).read()
    queries = [q for q in re.findall(r'"""\s*\n(.*?)"""', source, re.S) if "SELECT" in q]
    queries += re.findall(r'"(SELECT [^"\\]*)"', source)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    result = []
    for q in queries:
        sql = " ".join(q.split())
        rows = explain_rows(con, sql)
        plan = [r[3] for r in rows]
        scans = [p for p in plan if p.startswith("SCAN") and "CONSTANT ROW" not in p]
        result.append({"sql": sql, "plan": plan, "tableScans": scans})
    print(json.dumps(result))


def explain_rows(con, sql):
    # Numbered (?1, ?2) and bare (?) parameters; the values don't matter for the plan.
    numbered = sorted(set(int(n) for n in re.findall(r"\?(\d+)", sql)))
    if numbered:
        sql = re.sub(r"\?(\d+)", r":p\1", sql)
        params = {f"p{n}": None for n in numbered}
    else:
        params = [None] * sql.count("?")
    return con.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()


def transfer_fixture(count):
    """A migrated partner billing `count` legacy licenses of one customer to move to its distributor."""
    subscriptions = [{"customer": "cust", "billingPartner": "mig", "quantity": 10,
                      "offerId": "796B6B5F-613C-4E24-A17C-EBA730D49C02"} for _ in range(count)]
    return {
        "name": "bench-transfer",
        "partners": [
            {"key": "dist", "legalName": "Bench Distribution", "country": "US",
             "programs": [{"program": "Distributor"}], "locations": [{}],
             "principals": [{"name": "dist-admin", "roles": ["AdminAgent"]}]},
            {"key": "mig", "legalName": "Bench Migrated Partner", "country": "US",
             "programs": [{"program": "DirectBill", "status": "Restricted"},
                          {"program": "IndirectReseller", "status": "Active", "isMigration": True}],
             "locations": [{"plaId": "6900001"}], "mpaPlaId": "6900001",
             "principals": [{"name": "mig-admin", "roles": ["AdminAgent"]}]},
        ],
        "partnerships": [{"distributor": "dist", "reseller": "mig"}],
        "customers": [{"key": "cust", "companyName": "Bench Customer", "country": "US",
                       "mca": [{"method": "AdminCenter"}],
                       "relationships": [{"partner": "mig", "kind": "Reseller"},
                                         {"partner": "dist", "kind": "IndirectProvider"}]}],
        "subscriptions": subscriptions,
    }


def transfer(port, runs="7", count="100"):
    """Median wall time of POST .../transfers/{id}/accept for a transfer of `count` subscriptions
    (SST-8, SST-9), on a keep-alive connection; each run seeds a fresh world first."""
    import http.client
    port, runs, count = int(port), int(runs), int(count)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")

    samples = []
    for _ in range(runs):
        status, seeded = call("POST", "/_sim/seed", transfer_fixture(count))
        assert status == 201, seeded
        tokens = {p["name"]: p["accessToken"] for p in seeded["principals"]}
        customer, source, target = seeded["customers"]["cust"], seeded["partners"]["mig"], seeded["partners"]["dist"]
        status, subs = call("GET", f"/v1/customers/{customer}/subscriptions?size=500", token=tokens["mig-admin"])
        assert status == 200 and len(subs["items"]) == count, subs
        status, created = call("POST", f"/v1/customers/{customer}/transfers", {
            "sourcePartnerTenantId": source, "targetPartnerTenantId": target,
            "lineItems": [{"subscriptionId": s["id"]} for s in subs["items"]]}, token=tokens["mig-admin"])
        assert status == 201, created
        started = time.perf_counter()
        status, result = call("POST", f"/v1/customers/{customer}/transfers/{created['id']}/accept", {},
                              token=tokens["dist-admin"])
        elapsed = (time.perf_counter() - started) * 1000
        assert status == 200 and len(result["orders"][0]["lineItems"]) == count, result
        samples.append(round(elapsed, 2))
    samples.sort()
    print(json.dumps({"subscriptions": count, "runs": runs, "medianMs": samples[len(samples) // 2],
                      "maxMs": samples[-1], "samples": samples}))


def probe(port, seconds, path):
    """Latency of a cheap request while another load runs: the control-plane lane's figure."""
    port, seconds = int(port), float(seconds)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    samples, failures = [], 0
    conn = socket.create_connection(("127.0.0.1", port), timeout=5.0)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            conn.sendall(request)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    raise ConnectionError("closed")
                data += chunk
            head, _, rest = data.partition(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
            while len(rest) < length:
                rest += conn.recv(65536)
            if not head.startswith(b"HTTP/1.1 200"):
                failures += 1
            samples.append((time.perf_counter() - started) * 1000)
        except (OSError, ConnectionError, AttributeError):
            failures += 1
            conn.close()
            conn = socket.create_connection(("127.0.0.1", port), timeout=5.0)
        time.sleep(0.02)
    conn.close()
    samples.sort()

    def pct(q):
        return round(samples[min(len(samples) - 1, int(q * len(samples)))], 2) if samples else None
    print(json.dumps({"path": path, "requests": len(samples), "failures": failures,
                      "p50Ms": pct(0.50), "p99Ms": pct(0.99), "maxMs": round(samples[-1], 2) if samples else None}))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"freeport": freeport, "startup": startup, "idle": idle, "rss": rss, "explain": explain,
     "transfer": transfer, "probe": probe}[command](*args)
