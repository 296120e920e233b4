# Installed (pip install clients/python), the plugin arrives through its pytest11 entry point;
# from a bare checkout, src/ goes on the path and the plugin is named here instead (never both:
# pytest refuses a plugin registered twice).
import sys
from importlib import metadata
from pathlib import Path

_installed = any(entry.name == "pcsim" for entry in metadata.entry_points(group="pytest11"))
if not _installed:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    pytest_plugins = ["pcsim.pytest_plugin"]
