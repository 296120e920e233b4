"""Where the pcsim binary comes from: PCSIM_BIN, else `pcsim` on PATH, else a build of the
pcsim checkout this package lives in (clients/python/src/pcsim -> the repository root) or the
working directory is in."""

import os
import shutil
import subprocess
from pathlib import Path

from .errors import PcsimError


def _checkout_root():
    """The pcsim checkout above this file (a source or editable install) or above the working
    directory (a suite run from inside the checkout, the package installed into site-packages)."""
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for parent in [start, *start.parents]:
            package = parent / "Package.swift"
            if package.is_file() and 'name: "pcsim"' in package.read_text(errors="replace"):
                return parent
    return None


def find_binary(build=True):
    """The path of a runnable pcsim binary; builds it (debug) when only the sources exist."""
    configured = os.environ.get("PCSIM_BIN")
    if configured:
        path = Path(configured).expanduser()
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise PcsimError(f"PCSIM_BIN={configured} is not an executable file")
        return str(path.resolve())
    on_path = shutil.which("pcsim")
    if on_path:
        return on_path
    root = _checkout_root()
    if root is None:
        raise PcsimError("no pcsim binary: set PCSIM_BIN, put pcsim on PATH, or run from inside a pcsim checkout")
    swift = shutil.which("swift") or ("/opt/swift/usr/bin/swift" if os.path.exists("/opt/swift/usr/bin/swift") else None)
    if swift is None:
        raise PcsimError(f"no pcsim binary and no swift to build one in {root}: set PCSIM_BIN")
    if build:
        done = subprocess.run([swift, "build", "--product", "pcsim"], cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            raise PcsimError(f"swift build --product pcsim failed in {root}:\n{done.stderr[-4000:]}")
    bin_path = subprocess.run([swift, "build", "--show-bin-path"], cwd=root, capture_output=True, text=True)
    binary = Path(bin_path.stdout.strip()) / "pcsim"
    if bin_path.returncode != 0 or not binary.is_file():
        raise PcsimError(f"built pcsim in {root} but found no binary at {binary}")
    return str(binary)
