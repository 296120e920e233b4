"""Simulators of their own: --throttle and an admin key, started and stopped by the test."""

import urllib.error
import urllib.request

import pytest

from pcsim import PcsimHTTPError, Simulator

CUSTOMER = "/v1/customers/c4000000-0000-4000-8000-000000000001"


def test_throttle_answers_429_and_clear_throttle_starts_a_new_window():
    with Simulator.start(args=["--throttle"]) as sim:
        client = sim.client
        token = client.token("distributor-admin")
        statuses = [client.get(CUSTOMER, token=token).status for _ in range(301)]
        assert statuses[:300] == [200] * 300 and statuses[300] == 429
        refused = client.get(CUSTOMER, token=token)
        assert refused.status == 429 and int(refused.headers["Retry-After"]) >= 1
        assert client.clear_throttle() == 1
        assert client.get(CUSTOMER, token=token).status == 200


def test_an_admin_key_is_sent_by_the_client_and_required_of_others():
    key = "a-local-admin-key-for-tests"
    with Simulator.start(admin_key=key) as sim:
        assert sim.client.clock.now()
        with open(f"/proc/{sim.pid}/cmdline", "rb") as cmdline:
            assert key.encode() not in cmdline.read(), "the key is not on the command line"
        without_key = urllib.request.Request(sim.url + "/_sim/clock")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(without_key)
        assert refused.value.code == 403
        with pytest.raises(PcsimHTTPError) as unknown:
            sim.client.restore("missing")
        assert unknown.value.status == 404
