"""reset, seed, snapshots and the clock through the client."""

import time
from datetime import datetime, timedelta, timezone

import pytest

from pcsim import PcsimHTTPError

TENANT = "d1000000-0000-4000-8000-000000000001"


def _parsed(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_reset_empties_the_world_and_returns_the_clock(pcsim):
    pcsim.clock.set("2030-01-01T00:00:00Z")
    pcsim.reset()
    assert pcsim.principals()["items"] == []
    assert abs(_parsed(pcsim.clock.now()) - datetime.now(timezone.utc)) < timedelta(days=1)


def test_reset_keeps_the_clock_when_asked(pcsim):
    pcsim.clock.set("2030-01-01T00:00:00Z")
    pcsim.reset(keep_clock=True)
    assert _parsed(pcsim.clock.now()).year == 2030
    pcsim.clock.real()
    assert _parsed(pcsim.clock.now()).year == datetime.now(timezone.utc).year


def test_clock_advance_takes_a_timedelta(pcsim):
    pcsim.clock.set("2030-01-01T00:00:00Z")
    assert _parsed(pcsim.clock.advance(timedelta(days=2))) .date().isoformat() == "2030-01-03"


def test_snapshot_and_restore_put_the_world_back(pcsim):
    pcsim.clock.set("2031-05-05T00:00:00Z")
    saved = pcsim.snapshot("before-reset")
    assert saved["name"] == "before-reset"
    pcsim.reset()
    assert pcsim.principals()["items"] == []
    durations = []
    for _ in range(20):
        started = time.perf_counter()
        pcsim.restore("before-reset")
        durations.append((time.perf_counter() - started) * 1000)
    # The timing is the benchmark's (bench/run.sh); here it is reported, not asserted.
    durations.sort()
    print(f"restore of the demo world, 20 round trips: p50 {durations[10]:.1f} ms, max {durations[-1]:.1f} ms")
    assert [p["name"] for p in pcsim.principals()["items"]]
    assert _parsed(pcsim.clock.now()).year == 2031
    assert "before-reset" in [s["name"] for s in pcsim.snapshots()]
    pcsim.delete_snapshot("before-reset")
    assert "before-reset" not in [s["name"] for s in pcsim.snapshots()]


def test_restoring_an_unknown_snapshot_is_refused(pcsim):
    with pytest.raises(PcsimHTTPError) as refused:
        pcsim.restore("no-such-snapshot")
    assert refused.value.status == 404
    assert [p["name"] for p in pcsim.principals()["items"]], "nothing changed"


def test_tokens_of_named_principals_and_minted_ones_work(pcsim):
    for token in (pcsim.token("distributor-admin"), pcsim.mint_token(TENANT, ["AdminAgent"])):
        answer = pcsim.get("/v1/profiles/mpn?mpnId=5100001", token=token)
        assert answer.status == 200
        assert answer.json()["mpnId"] == "5100001"
