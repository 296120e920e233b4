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
  tools.py probe PORT SECONDS PATH [TOKEN FIRST:COUNT:STEP]
      on one keep-alive connection, send GET PATH every 20 ms for SECONDS (while a load runs
      on other connections) and print the latency percentiles of the answers as JSON; with a
      TOKEN, POST a one-id validateresellers body to PATH instead, the id drawn at random from
      FIRST, FIRST+STEP, ... (COUNT ids), each answer checked to be 200 with a valid verdict
  tools.py writer PORT TOKEN RATE STATEFILE [MAXSECONDS]
      on one keep-alive connection, PATCH a new quantity onto a random subscription of the large
      world whose POR is partnered, RATE times a second, until SIGTERM/SIGINT (or MAXSECONDS);
      print count, status codes, successes and latency percentiles as JSON. STATEFILE keeps
      the quantities written, so every PATCH really changes the seat count
  --start-when FILE (after probe or writer): connect, print "ready" on stderr, and begin only
      once FILE exists; both also stop early on SIGTERM/SIGINT and print their figures
  tools.py restore PORT RUNS [NAME]
      SIM-3: save the world running on 127.0.0.1:PORT once as snapshot NAME (default bench), then
      restore it RUNS times on one keep-alive connection; p50/p99/max of each restore's round trip
      and of the durationMs pcsim reports for it, the save's round trip and the copy's size, as JSON
  tools.py cold PORT TOKEN N M [SEED]
      on a freshly started pcsim on the large world, one keep-alive connection: N one-id and
      M hundred-id validateresellers requests, every id never requested before (disjoint), then
      the same requests again (cached); mean cost per request and per id as JSON
"""
import json
import os
import random
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
    # Named multi-line strings; a query may splice one in (\(name)), e.g. a shared column list.
    named = dict(re.findall(r'let (\w+) = """\s*\n(.*?)"""', source, re.S))
    def expand(text, depth=0):
        return re.sub(r"\\\((\w+)\)", lambda m: expand(named[m.group(1)], depth + 1)
                      if m.group(1) in named and depth < 5 else m.group(0), text)
    queries = [expand(q) for q in re.findall(r'"""\s*\n(.*?)"""', source, re.S) if q.lstrip().startswith("SELECT")]
    queries += re.findall(r'"(SELECT [^"\\]*)"', source)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    result = []
    for q in queries:
        sql = " ".join(q.split())
        rows = explain_rows(con, sql)
        plan = [r[3] for r in rows]
        # A scan of the argument list (json_each over the ids, a virtual table) is not a table scan.
        scans = [p for p in plan if p.startswith("SCAN") and "CONSTANT ROW" not in p and "VIRTUAL TABLE" not in p]
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


class Client:
    """One keep-alive HTTP/1.1 connection to pcsim on 127.0.0.1 (answers with Content-Length)."""

    def __init__(self, port, timeout=5.0):
        self.port, self.timeout, self.sock = port, timeout, None

    def request(self, method, path, body=None, token=None):
        """Sends one request and reads the whole answer: (status, body bytes). Raises OSError
        (ConnectionError for a closed connection or a malformed answer) and drops the
        connection when it fails: the next call reconnects."""
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        data = (head + "\r\n").encode() + (body or b"")
        try:
            self.connect()
            self.sock.sendall(data)
            buffer = b""
            while b"\r\n\r\n" not in buffer:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("connection closed by the server")
                buffer += chunk
            head, _, rest = buffer.partition(b"\r\n\r\n")
            length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
            if not length:
                raise ConnectionError("an answer without Content-Length: " + repr(head[:200]))
            while len(rest) < int(length.group(1)):
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("connection closed by the server")
                rest += chunk
            if re.search(rb"(?i)\r\nconnection: *close", head):
                self.close()
            return int(head.split(b" ", 2)[1]), rest
        except OSError:     # ConnectionError included
            self.close()
            raise
        except (ValueError, IndexError) as error:
            self.close()
            raise ConnectionError(f"a malformed answer: {error}") from error

    def connect(self):
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=self.timeout)

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None


# --start-when FILE (any command that measures on a connection): connect, say "ready" on
# stderr, and start only once FILE exists, so run.sh can start several of them at one moment.
START_FILE = None


def start_when_told(client):
    if START_FILE is None:
        return
    client.connect()
    print("ready", file=sys.stderr, flush=True)
    while not os.path.exists(START_FILE):
        time.sleep(0.002)


def stop_on_signals():
    """A list that becomes non-empty on SIGTERM or SIGINT: the loops check it to end cleanly."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    signal.signal(signal.SIGINT, lambda *_: stop.append(True))
    return stop


def percentiles(samples):
    """p50/p99/max/mean (ms, 2 decimals) of latency samples in ms; None when there are none."""
    samples = sorted(samples)

    def pct(q):
        return round(samples[min(len(samples) - 1, int(q * len(samples)))], 2) if samples else None
    return {"p50Ms": pct(0.50), "p99Ms": pct(0.99), "maxMs": round(samples[-1], 2) if samples else None,
            "meanMs": round(statistics.fmean(samples), 3) if samples else None}


def id_range(spec):
    """FIRST:COUNT:STEP -> the ids FIRST, FIRST+STEP, ... (COUNT of them), as a range."""
    first, count, step = (int(x) for x in spec.split(":"))
    return range(first, first + count * step, step)


def one_id_body(partner_id):
    return json.dumps({"partnerIds": [str(partner_id)]}).encode()


def probe(port, seconds, path, token=None, ids=None):
    """Latency of a cheap request while another load runs: the control-plane lane's figure
    (GET PATH), or with a token a one-id validation of a random valid id (POST PATH). Runs for
    SECONDS or until SIGTERM/SIGINT."""
    port, seconds = int(port), float(seconds)
    candidates = id_range(ids) if token else None
    rng = random.Random()
    samples, failures = [], 0
    client = Client(port)
    stop = stop_on_signals()
    start_when_told(client)
    deadline = time.perf_counter() + seconds
    while not stop and time.perf_counter() < deadline:
        partner_id = rng.choice(candidates) if token else None
        started = time.perf_counter()
        try:
            if token:
                status, body = client.request("POST", path, one_id_body(partner_id), token)
            else:
                status, body = client.request("GET", path)
            samples.append((time.perf_counter() - started) * 1000)
            if status != 200:
                failures += 1
            elif token:
                result = json.loads(body)["validationResults"]
                if [(r["partnerId"], r["isValidPartnerIdOnRecord"]) for r in result] != [(str(partner_id), True)]:
                    failures += 1
        except (OSError, ValueError, KeyError, TypeError):   # no answer, or not the expected JSON
            failures += 1
        if not stop:
            time.sleep(0.02)
    client.close()
    print(json.dumps({"path": path, "method": "POST" if token else "GET", "requests": len(samples),
                      "failures": failures, **percentiles(samples)}))


# The large world of bench/sql/large.sql: subscription i (1..1,000,000) of this customer has POR
# 7000001 + i % 100000 and quantity 1 + i % 50; reseller k of PLA 7000000 + k is partnered with
# the demo distributor when k is odd, so subscription i has a partnered POR when i is even.
LARGE_CUSTOMER = "c4000000-0000-4000-8000-000000000001"
LARGE_SUBSCRIPTIONS = 1_000_000
LARGE_QUANTITIES = 50


def large_subscription_id(i):
    return "57000000-0000-4000-8000-%012x" % i


def answer_quantity(body):
    try:
        return json.loads(body).get("quantity")
    except (ValueError, AttributeError):
        return None


def writer(port, token, rate, state_file, max_seconds="3600"):
    """A distributor's steady trickle of seat-count changes: PATCH {"quantity": n} on random
    subscriptions of the large world whose POR is partnered (a PATCH on one whose POR is not
    partnered is refused by POR-4, one naming the current quantity is refused as no change).
    Runs at a fixed rate (write k is due k / RATE seconds after the start; one that is late
    goes at once), until SIGTERM or SIGINT."""
    port, rate, max_seconds = int(port), float(rate), float(max_seconds)
    stop = stop_on_signals()
    try:
        with open(state_file) as f:
            quantities = {int(k): v for k, v in json.load(f).items()}
    except FileNotFoundError:
        quantities = {}
    client = Client(port)
    start_when_told(client)
    samples, late, codes, failures, wrong, shown = [], [], {}, 0, 0, 0
    started = time.perf_counter()
    sent = 0
    while not stop and time.perf_counter() - started < max_seconds:
        due = started + sent / rate
        i = 2 * random.randint(1, LARGE_SUBSCRIPTIONS // 2)
        quantity = quantities.get(i, 1 + i % LARGE_QUANTITIES) % LARGE_QUANTITIES + 1
        path = f"/v1/customers/{LARGE_CUSTOMER}/subscriptions/{large_subscription_id(i)}"
        t0 = time.perf_counter()
        try:
            status, body = client.request("PATCH", path, json.dumps({"quantity": quantity}).encode(), token)
            answered = time.perf_counter()
            samples.append((answered - t0) * 1000)
            late.append((answered - due) * 1000)
            codes[str(status)] = codes.get(str(status), 0) + 1
            if 200 <= status < 300:
                quantities[i] = quantity
                if answer_quantity(body) != quantity:
                    wrong += 1
                    if shown < 3:
                        shown += 1
                        print(f"writer: PATCH {path} to {quantity} answered {status}: {body[:300]!r}", file=sys.stderr)
            elif shown < 3:
                shown += 1
                print(f"writer: PATCH {path} answered {status}: {body[:300]!r}", file=sys.stderr)
        except OSError as error:
            failures += 1
            codes["failed"] = codes.get("failed", 0) + 1
            if shown < 3:
                shown += 1
                print(f"writer: PATCH {path} failed: {error}", file=sys.stderr)
        sent += 1
        delay = started + sent / rate - time.perf_counter()
        if delay > 0 and not stop:
            time.sleep(delay)
    elapsed = time.perf_counter() - started
    client.close()
    with open(state_file, "w") as f:
        json.dump(quantities, f)
    # A 2xx whose subscription does not show the new quantity is no success.
    ok = sum(n for code, n in codes.items() if code.startswith("2")) - wrong
    print(json.dumps({"rate": rate, "seconds": round(elapsed, 2), "writes": sent,
                      "achievedRate": round(sent / elapsed, 2) if elapsed else None,
                      "ok": ok, "failures": failures, "wrongAnswers": wrong, "codes": codes, **percentiles(samples),
                      # From when each write was due (the fixed rate's schedule) to its answer: a
                      # slow answer delays the writes behind it, which the latencies above omit.
                      "fromSchedule": percentiles(late)}))


def cold(port, token, n, m, seed="14"):
    """What a verdict costs when nothing is cached yet, one id vs 100 distinct ids per request.

    Run on a freshly started pcsim (empty caches). 1,000 other ids go first, so SQLite's
    b-tree interior pages, the calling partner and the code paths are warm and only the
    measured ids are new; then one-id and hundred-id requests alternate (N/M one-id requests
    per hundred-id one), so both see the same warming of the page cache. Every id is a PLA id
    never requested before. Finally the same requests again, now answered from what the first
    pass cached."""
    port, n, m = int(port), int(n), int(m)
    if n < 1 or m < 1:
        raise SystemExit("cold: N and M must be at least 1")
    ids = [7000001 + k for k in range(100_000)]
    random.Random(int(seed)).shuffle(ids)
    need = 1000 + n + 100 * m
    if need > len(ids):
        raise SystemExit(f"cold: {need} ids needed, the large world has {len(ids)}")
    warm, singles, batches = ids[:1000], ids[1000:1000 + n], ids[1000 + n:need]
    batch_bodies = [json.dumps({"partnerIds": [str(x) for x in batches[b * 100:(b + 1) * 100]]}).encode()
                    for b in range(m)]
    single_bodies = [one_id_body(x) for x in singles]
    client = Client(port, timeout=30.0)
    path = "/v1/partners/validateresellers"

    def timed(body, count):
        t0 = time.perf_counter()
        status, answer = client.request("POST", path, body, token)
        elapsed = (time.perf_counter() - t0) * 1000
        results = json.loads(answer).get("validationResults") if status == 200 else None
        if results is None or len(results) != count:
            raise SystemExit(f"cold: validateresellers answered {status}: {answer[:300]!r}")
        return elapsed

    for b in range(10):
        timed(json.dumps({"partnerIds": [str(x) for x in warm[b * 100:(b + 1) * 100]]}).encode(), 100)
    for _ in range(20):
        client.request("GET", "/_sim/health")

    # N/M one-id requests before each hundred-id one.
    schedule = []
    for b in range(m):
        schedule += [(single_bodies[k], 1) for k in range(b * n // m, (b + 1) * n // m)]
        schedule.append((batch_bodies[b], 100))

    def one_pass():
        one, hundred = [], []
        for body, count in schedule:
            (one if count == 1 else hundred).append(timed(body, count))
        return one, hundred

    cold_one, cold_hundred = one_pass()
    cached_one, cached_hundred = one_pass()
    client.close()
    mean = lambda xs: statistics.fmean(xs)
    c1, c100, w1, w100 = mean(cold_one), mean(cold_hundred), mean(cached_one), mean(cached_hundred)

    def figure(samples, ids_per_request):
        return {"requests": len(samples), "meanMs": round(mean(samples), 4),
                "perIdMs": round(mean(samples) / ids_per_request, 4),
                "p50Ms": round(statistics.median(samples), 4)}
    print(json.dumps({
        "cold1": figure(cold_one, 1), "cold100": figure(cold_hundred, 100),
        "cached1": figure(cached_one, 1), "cached100": figure(cached_hundred, 100),
        # The figure: what 100 uncached ids cost in one request, against 100 requests of one.
        "ratio100To100x1": round(c100 / (100 * c1), 4),
        # The same without what the request costs when its verdicts are cached (HTTP, auth, JSON):
        # the lookups alone, batched against one at a time.
        "lookupRatio100To100x1": round((c100 - w100) / (100 * (c1 - w1)), 4) if c1 > w1 else None,
        "lookupPerIdMs": {"single": round(c1 - w1, 4), "batched": round((c100 - w100) / 100, 4)},
    }))


def restore(port, runs="200", name="bench"):
    """SIM-3: one save, then `runs` restores of it, each timed from sending the request to the
    whole answer (keep-alive, so no connection set-up is counted)."""
    import http.client
    port, runs = int(port), int(runs)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(method, path, body=None):
        conn.request(method, path, body=None if body is None else json.dumps(body),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")

    started = time.perf_counter()
    status, saved = call("POST", "/_sim/snapshots", {"name": name, "replace": True})
    save_ms = (time.perf_counter() - started) * 1000
    assert status == 201, saved
    round_trips, server = [], []
    for _ in range(runs):
        started = time.perf_counter()
        status, restored = call("POST", f"/_sim/snapshots/{name}/restore")
        round_trips.append((time.perf_counter() - started) * 1000)
        assert status == 200 and restored["name"] == name, restored
        server.append(restored["durationMs"])
    status, health = call("GET", "/_sim/health")
    assert status == 200 and health["world"] == saved["world"], health
    call("DELETE", f"/_sim/snapshots/{name}")
    print(json.dumps({"runs": runs, "world": saved["world"], "sizeBytes": saved["sizeBytes"],
                      "saveMs": round(save_ms, 2), "roundTrip": percentiles(round_trips),
                      "server": percentiles(server)}))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if "--start-when" in args:
        at = args.index("--start-when")
        START_FILE = args[at + 1]
        del args[at:at + 2]
    {"freeport": freeport, "startup": startup, "idle": idle, "rss": rss, "explain": explain,
     "transfer": transfer, "probe": probe, "writer": writer, "cold": cold, "restore": restore}[command](*args)
