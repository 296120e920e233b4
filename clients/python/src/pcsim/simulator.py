"""One pcsim process: started on a free port with --ready-file, stopped with SIGTERM."""

import json
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from .binary import find_binary
from .client import Client
from .errors import PcsimError


class Simulator:
    """A running pcsim. Use ``Simulator.start()`` (or as a context manager) and ``stop()``."""

    def __init__(self, process, ready, workdir, admin_key):
        self.process = process
        self.url = ready["url"]
        self.port = ready["port"]
        self.pid = ready["pid"]
        self.ca_certificate = ready.get("caCertificate")
        self._workdir = workdir
        self.log_path = Path(workdir.name) / "pcsim.log"
        self.client = Client(self.url, admin_key=admin_key, ca_certificate=self.ca_certificate)

    @classmethod
    def start(cls, args=(), binary=None, admin_key=None, database=None, timeout=60.0, env=None):
        """Starts pcsim on 127.0.0.1 and a free port, in memory unless ``database`` is a path,
        and waits until it is ready. ``args`` are more serve options (e.g. ``["--throttle"]``)."""
        binary = binary or find_binary()
        workdir = tempfile.TemporaryDirectory(prefix="pcsim-")
        ready_file = Path(workdir.name) / "ready.json"
        command = [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--ready-file", str(ready_file)]
        command += ["--db", str(database)] if database else ["--in-memory"]
        command += list(args)
        # The process's own environment, without PCSIM_ variables that would override what
        # this call chose (command-line options beat them anyway; this keeps the log honest).
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PCSIM_")}
        environment.update(env or {})
        if admin_key:
            # In the environment, not on the command line, which other local users can read (ps).
            environment["PCSIM_ADMIN_KEY"] = admin_key
        log = open(Path(workdir.name) / "pcsim.log", "wb")
        try:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                       cwd=workdir.name)
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while True:
            if ready_file.exists():
                text = ready_file.read_text()
                if text.endswith("\n"):
                    return cls(process, json.loads(text), workdir, admin_key)
            if process.poll() is not None:
                output = (Path(workdir.name) / "pcsim.log").read_text(errors="replace")
                workdir.cleanup()
                raise PcsimError(f"pcsim exited with {process.returncode} before it was ready:\n{output[-4000:]}")
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                output = (Path(workdir.name) / "pcsim.log").read_text(errors="replace")
                workdir.cleanup()
                raise PcsimError(f"pcsim was not ready within {timeout:g} s:\n{output[-4000:]}")
            time.sleep(0.005)

    @property
    def log(self):
        """What pcsim has written so far (stdout and stderr)."""
        return self.log_path.read_text(errors="replace")

    def stop(self, timeout=15.0):
        """SIGTERM, then SIGKILL if it has not exited within ``timeout``; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._workdir.cleanup()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False
