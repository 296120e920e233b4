"""Start pcsim (the Partner Center simulator) from tests and drive its control plane.

    from pcsim import Simulator
    with Simulator.start() as sim:
        token = sim.client.token("distributor-admin")

With pytest installed, the plugin (``pcsim.pytest_plugin``) adds the ``pcsim`` fixture.
"""

from .binary import find_binary
from .client import Client, Response
from .errors import PcsimError, PcsimHTTPError
from .simulator import Simulator

__all__ = ["Client", "PcsimError", "PcsimHTTPError", "Response", "Simulator", "find_binary"]
