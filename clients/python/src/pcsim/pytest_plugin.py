"""pytest plugin (loaded through the ``pytest11`` entry point).

Fixtures:
- ``pcsim_simulator`` (session): one pcsim for the whole session, started on a free port in
  memory; its starting world is saved as the snapshot ``pcsim-session-start``.
- ``pcsim`` (function): the client of that simulator, with the world, clock and ids put back to
  that snapshot, and the journal, the fault rules and the --throttle windows empty, before each test.

Options: ``--pcsim-bin PATH`` (else PCSIM_BIN, PATH, or a build of the checkout) and
``--pcsim-arg ARG`` (repeatable) or PCSIM_ARGS for more server options (``--throttle``, ``--seed F``);
PCSIM_ADMIN_KEY gives the simulator an admin key, which the client then sends.
"""

import os
import shlex

import pytest

from .simulator import Simulator

SESSION_SNAPSHOT = "pcsim-session-start"


def pytest_addoption(parser):
    group = parser.getgroup("pcsim")
    group.addoption("--pcsim-bin", default=None, help="pcsim binary (default: PCSIM_BIN, PATH, or build the checkout)")
    group.addoption("--pcsim-arg", action="append", default=[], help="one more pcsim serve argument (repeatable)")


@pytest.fixture(scope="session")
def pcsim_simulator(request):
    args = shlex.split(os.environ.get("PCSIM_ARGS", "")) + list(request.config.getoption("--pcsim-arg"))
    # An admin key for /_sim, if the suite wants its pcsim to have one (the client sends it).
    simulator = Simulator.start(args=args, binary=request.config.getoption("--pcsim-bin"),
                                admin_key=os.environ.get("PCSIM_ADMIN_KEY") or None)
    try:
        simulator.client.snapshot(SESSION_SNAPSHOT)
        yield simulator
    finally:
        simulator.stop()


@pytest.fixture
def pcsim(pcsim_simulator):
    client = pcsim_simulator.client
    client.restore(SESSION_SNAPSHOT)
    client.requests.clear()
    client.faults.clear()
    client.clear_throttle()
    yield client
    client.faults.clear()
