"""A private argostranslate home for the tests and the benchmarks.

argostranslate reads its settings (package folder, index URL, XDG folders) when it is
first imported, so `isolate_argos` must run before anything imports it. Nothing then
sees the user's real packages or reaches the network: the index URL is the discard
port on 127.0.0.1, where nothing answers.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path


def isolate_argos(prefix: str, packages: str = "packages") -> Path:
    """Point argostranslate and translit at a fresh temporary home (removed at exit)."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, home, True)
    os.environ.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        ARGOS_PACKAGES_DIR=str(home / packages),
        ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/",  # the discard port: nothing answers
    )
    return home
