"""The control plane of one pcsim (``/_sim``) and plain HTTP calls, on the standard library."""

import http.client
import json as jsonlib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from email.message import Message

from .errors import PcsimError, PcsimHTTPError


class Response:
    """An answer: ``status``, ``headers`` (case-insensitive), ``body`` (bytes), ``json()``."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return jsonlib.loads(self.body) if self.body else None

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def __repr__(self):
        return f"<Response {self.status} {len(self.body)} bytes>"


def _iso(value):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return value


def _duration(value):
    """A timedelta as an ISO 8601 duration (whole seconds); text is passed through."""
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        if seconds <= 0:
            raise ValueError("the clock only moves forward: give a positive duration")
        days, rest = divmod(seconds, 86400)
        return f"P{days}DT{rest}S" if days else f"PT{rest}S"
    return value


def _filters(method=None, path_prefix=None, status=None, tenant_id=None, correlation_id=None, since=None, until=None,
             dropped=None):
    named = {"method": method, "pathPrefix": path_prefix, "status": status, "tenantId": tenant_id,
             "correlationId": correlation_id, "since": _iso(since), "until": _iso(until), "dropped": dropped}
    return {name: value for name, value in named.items() if value is not None}


class Client:
    """Calls one pcsim at ``url``. Control-plane errors raise ``PcsimHTTPError``; ``request``
    returns every answer as it is."""

    def __init__(self, url, admin_key=None, ca_certificate=None, timeout=30.0):
        self.url = url.rstrip("/")
        self.admin_key = admin_key
        self.timeout = timeout
        context = ssl.create_default_context(cafile=ca_certificate) if ca_certificate else None
        # No proxy: pcsim is local, and an http_proxy of the environment (CI runners have them)
        # must neither break the calls nor see them.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}),
                                                   urllib.request.HTTPSHandler(context=context))
        self.clock = Clock(self)
        self.requests = Journal(self)
        self.faults = Faults(self)
        self._principals = None

    # -- plain HTTP

    def request(self, method, path, json=None, body=None, headers=None, token=None):
        """One HTTP call; ``path`` may carry a query. Never raises for an HTTP status."""
        data = body
        all_headers = dict(headers or {})
        if json is not None:
            data = jsonlib.dumps(json).encode()
            all_headers.setdefault("Content-Type", "application/json")
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        if path.startswith("/_sim") and self.admin_key:
            all_headers.setdefault("X-Admin-Key", self.admin_key)
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=all_headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers or Message(), error.read())
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            # OSError: connection errors and timeouts (socket.timeout is not TimeoutError before 3.10).
            raise PcsimError(f"{method} {self.url}{path}: {error}") from error

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def post(self, path, json=None, **options):
        return self.request("POST", path, json=json, **options)

    def patch(self, path, json=None, **options):
        return self.request("PATCH", path, json=json, **options)

    def put(self, path, json=None, **options):
        return self.request("PUT", path, json=json, **options)

    def delete(self, path, **options):
        return self.request("DELETE", path, **options)

    def control(self, method, path, json=None):
        """A control-plane call: its JSON answer, or ``PcsimHTTPError``."""
        answer = self.request(method, path, json=json)
        if answer.status >= 400:
            try:
                body = answer.json()
            except ValueError:
                body = answer.text
            raise PcsimHTTPError(method, path, answer.status, body)
        return answer.json()

    # -- the world

    def health(self):
        return self.request("GET", "/_sim/health").json()

    def reset(self, keep_clock=False, id_seed=None):
        """An empty world (reference data kept); the clock back to real time unless ``keep_clock``."""
        body = {"keepClock": bool(keep_clock)}
        if id_seed is not None:
            body["idSeed"] = id_seed
        self._principals = None
        return self.control("POST", "/_sim/reset", body)

    def seed(self, fixture):
        """Replaces the world with ``fixture`` (a dict in the format of docs/fixtures.md)."""
        self._principals = None
        return self.control("POST", "/_sim/seed", fixture)

    def snapshot(self, name, replace=True):
        """Saves the whole world (data, clock, ids) under ``name``."""
        return self.control("POST", "/_sim/snapshots", {"name": name, "replace": bool(replace)})

    def restore(self, name):
        """Puts the world saved as ``name`` back."""
        self._principals = None
        return self.control("POST", f"/_sim/snapshots/{urllib.parse.quote(name, safe='')}/restore")

    def snapshots(self):
        return self.control("GET", "/_sim/snapshots")["items"]

    def delete_snapshot(self, name):
        self.control("DELETE", f"/_sim/snapshots/{urllib.parse.quote(name, safe='')}")

    def clear_throttle(self):
        """Forgets every ``--throttle`` window, so one test's requests do not use up the next one's limit."""
        return self.control("DELETE", "/_sim/throttle")["cleared"]

    # -- callers

    def principals(self):
        """The world's named principals, apps and users (``GET /_sim/principals``)."""
        return self.control("GET", "/_sim/principals")

    def token(self, name):
        """A fresh access token of the named principal ``name`` (e.g. ``distributor-admin``)."""
        for principal in self.principals()["items"]:
            if principal["name"] == name:
                return principal["accessToken"]
        raise PcsimError(f"no principal named {name} in this world")

    def mint_token(self, tenant_id, roles, app=False, user=None, expires_in=3600):
        """A token for any tenant and roles (``POST /_sim/tokens``)."""
        body = {"tenantId": tenant_id, "roles": list(roles), "appOnly": bool(app), "expiresIn": expires_in}
        if user:
            body["user"] = user
        return self.control("POST", "/_sim/tokens", body)["accessToken"]


class Clock:
    """The simulated clock: ``now()``, ``set(when)``, ``advance(by)``, ``real()``."""

    def __init__(self, client):
        self._client = client

    def now(self):
        return self._client.control("GET", "/_sim/clock")["now"]

    def set(self, when):
        """``when``: an ISO 8601 UTC text or a datetime."""
        return self._client.control("POST", "/_sim/clock", {"now": _iso(when)})["now"]

    def advance(self, by):
        """``by``: an ISO 8601 duration (``"P5D"``) or a timedelta; due transitions run (SIM-2)."""
        return self._client.control("POST", "/_sim/clock", {"advance": _duration(by)})["now"]

    def real(self):
        """Back to real time."""
        return self._client.control("POST", "/_sim/clock", {"real": True})["now"]


class Journal:
    """The requests pcsim received (``GET /_sim/requests``), newest first.

    ``client.requests(path_prefix="/v1/customers", status="2xx")`` lists them;
    ``client.requests.count(...)`` counts; ``client.requests.clear()`` empties the journal."""

    def __init__(self, client):
        self._client = client

    def __call__(self, method=None, path_prefix=None, status=None, tenant_id=None, correlation_id=None,
                 since=None, until=None, dropped=None, limit=1000):
        query = _filters(method, path_prefix, status, tenant_id, correlation_id, since, until, dropped)
        if "dropped" in query:
            query["dropped"] = "true" if query["dropped"] else "false"
        query["limit"] = limit
        return self._client.control("GET", "/_sim/requests?" + urllib.parse.urlencode(query))["items"]

    def count(self, method=None, path_prefix=None, status=None, tenant_id=None, correlation_id=None,
              since=None, until=None, dropped=None):
        body = _filters(method, path_prefix, status, tenant_id, correlation_id, since, until, dropped)
        return self._client.control("POST", "/_sim/requests/count", body)["count"]

    def clear(self):
        return self._client.control("DELETE", "/_sim/requests")["cleared"]


class Faults:
    """Fault rules (``/_sim/faults``): ``add(path, ...)``, ``list()``, ``delete(id)``, ``clear()``."""

    def __init__(self, client):
        self._client = client

    def add(self, path, method=None, tenant_id=None, status=None, code=None, description=None, retry_after=None,
            delay_ms=None, drop=None, times=None, probability=None, start=None, until=None):
        """One rule. ``delay_ms`` is a number or ``(min, max)``; ``drop`` is ``"beforeCommit"`` or
        ``"afterCommit"``; ``start``/``until`` bound it in simulated time."""
        if isinstance(delay_ms, (tuple, list)):
            delay_ms = {"min": delay_ms[0], "max": delay_ms[1]}
        named = {"path": path, "method": method, "tenantId": tenant_id, "status": status, "code": code,
                 "description": description, "retryAfter": retry_after, "delayMs": delay_ms, "drop": drop,
                 "times": times, "probability": probability, "from": _iso(start), "until": _iso(until)}
        return self._client.control("POST", "/_sim/faults", {k: v for k, v in named.items() if v is not None})

    def list(self):
        return self._client.control("GET", "/_sim/faults")["items"]

    def delete(self, rule_id):
        self._client.control("DELETE", f"/_sim/faults/{urllib.parse.quote(str(rule_id), safe='')}")

    def clear(self):
        return self._client.control("DELETE", "/_sim/faults")["cleared"]
