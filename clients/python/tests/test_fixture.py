"""The pcsim fixture: one simulator per session, the world put back before every test."""

from datetime import datetime, timedelta, timezone

import requests

import pcsim as pcsim_package


def test_readme_example(pcsim):
    # The five lines of the README's "use it from your tests".
    token = pcsim.token("distributor-admin")
    answer = requests.post(f"{pcsim.url}/v1/partners/validateresellers", json={"partnerIds": ["5100001"]},
                           headers={"Authorization": f"Bearer {token}"})
    assert answer.json()["validationResults"][0]["isValidPartnerIdOnRecord"]
    assert pcsim.requests.count(path_prefix="/v1/partners/validateresellers") == 1


def test_a_change_made_by_one_test(pcsim):
    pcsim.clock.advance("P40D")
    created = pcsim.post("/_sim/tokens", json={"tenantId": "d1000000-0000-4000-8000-000000000001", "roles": ["AdminAgent"]})
    assert created.status == 201
    pcsim.faults.add("/v1/customers", status=503)
    pcsim.reset(keep_clock=True)
    assert pcsim.principals()["items"] == []


def test_is_gone_in_the_next(pcsim):
    # Runs after the test above (file order): the session's world, real clock, no faults.
    assert [p["name"] for p in pcsim.principals()["items"]], "the demo world's principals are back"
    assert pcsim.faults.list() == []
    assert pcsim.requests() == []
    # The previous test moved the clock 40 days on; the session started on real time.
    now = datetime.fromisoformat(pcsim.clock.now().replace("Z", "+00:00"))
    assert abs(now - datetime.now(timezone.utc)) < timedelta(days=1)


def test_simulator_reports_what_the_ready_file_says(pcsim_simulator):
    assert pcsim_simulator.url == f"http://127.0.0.1:{pcsim_simulator.port}"
    assert pcsim_simulator.port > 0
    assert pcsim_simulator.pid == pcsim_simulator.process.pid
    assert pcsim_simulator.client.health()["status"] == "Healthy"


def test_a_binary_that_is_not_there_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PCSIM_BIN", str(tmp_path / "no-such-pcsim"))
    try:
        pcsim_package.find_binary()
    except pcsim_package.PcsimError as error:
        assert "PCSIM_BIN" in str(error)
    else:
        raise AssertionError("find_binary accepted a missing binary")
