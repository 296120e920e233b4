"""The journal and fault rules through the client: what an integration suite asserts on."""

import time
import uuid

import pytest
import requests

from pcsim import PcsimHTTPError

TENANT = "d1000000-0000-4000-8000-000000000001"
MPN = "/v1/profiles/mpn?mpnId=5100001"


def _get_with_retries(url, token, attempts=3):
    """The retry loop a real client has: on 429 wait Retry-After seconds and try again."""
    for _ in range(attempts):
        answer = requests.get(url, headers={"Authorization": f"Bearer {token}"})
        if answer.status_code != 429:
            return answer
        time.sleep(float(answer.headers["Retry-After"]))
    return answer


def test_journal_lists_and_counts_what_was_sent(pcsim):
    token = pcsim.token("distributor-admin")
    correlation = str(uuid.uuid4())
    pcsim.get(MPN, token=token, headers={"MS-CorrelationId": correlation})
    pcsim.get("/v1/customers/not-a-guid", token=token)
    entries = pcsim.requests()
    assert [e["path"] for e in entries] == ["/v1/customers/not-a-guid", "/v1/profiles/mpn"], "newest first"
    first = entries[1]
    assert first["query"] == "mpnId=5100001"
    assert first["status"] == 200
    assert first["correlationId"] == correlation
    assert first["caller"]["tenantId"] == TENANT
    assert token not in str(entries), "the token itself is never in the journal"
    assert pcsim.requests.count(correlation_id=correlation) == 1
    assert pcsim.requests.count(status="4xx") == 1
    assert pcsim.requests.count(tenant_id=TENANT, method="GET") == 2
    assert pcsim.requests.clear() == 2
    assert pcsim.requests() == []


def test_control_plane_calls_are_not_journaled(pcsim):
    pcsim.clock.now()
    pcsim.principals()
    assert pcsim.requests.count() == 0


def test_a_client_retries_a_429_after_retry_after(pcsim):
    token = pcsim.token("distributor-admin")
    rule = pcsim.faults.add("/v1/profiles/mpn", method="GET", status=429, retry_after=1, times=1)
    answer = _get_with_retries(pcsim.url + MPN, token)
    assert answer.status_code == 200
    assert [e["status"] for e in pcsim.requests(path_prefix="/v1/profiles/mpn")] == [200, 429]
    assert pcsim.requests()[1]["fault"] == rule["id"]
    assert pcsim.faults.list()[0]["remaining"] == 0


def test_a_connection_dropped_after_commit_then_an_idempotent_retry(pcsim):
    token = pcsim.token("distributor-admin")
    with pytest.raises(PcsimHTTPError) as refused:
        pcsim.faults.add("/_sim/*", status=500)  # the control plane is never faulted
    assert refused.value.status == 400 and pcsim.faults.list() == []
    pcsim.faults.add("/v1/customers", method="POST", drop="afterCommit", times=1)
    request_id = str(uuid.uuid4())
    name = f"retry{uuid.uuid4().hex[:8]}"
    body = {"companyProfile": {"domain": name},
            "billingProfile": {"companyName": "Retry Co", "email": f"it@{name}.example", "defaultAddress": {"country": "US"}},
            "associatedPartnerId": "5100001"}
    headers = {"Authorization": f"Bearer {token}", "MS-RequestId": request_id}
    customers = lambda: pcsim.get("/v1/customers", token=token).json()["totalCount"]  # noqa: E731
    before = customers()
    with pytest.raises(requests.ConnectionError):
        requests.post(pcsim.url + "/v1/customers", json=body, headers=headers)
    retried = requests.post(pcsim.url + "/v1/customers", json=body, headers=headers)
    assert retried.status_code == 201, retried.text
    again = requests.post(pcsim.url + "/v1/customers", json=body, headers=headers)
    assert again.json()["id"] == retried.json()["id"], "the stored answer, not a second customer"
    assert customers() == before + 1, "the dropped request's change happened, once"
    dropped, replayed, _ = pcsim.requests(method="POST", path_prefix="/v1/customers")[::-1]
    assert dropped["dropped"] and dropped["status"] == 201
    assert replayed["status"] == 201
    assert pcsim.requests.count(dropped=True) == 1
    assert [e["sequence"] for e in pcsim.requests(dropped=True)] == [dropped["sequence"]]
