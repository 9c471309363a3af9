"""The frozen one-folder build: ``packaging/build_frozen.py`` builds it into a temporary
folder and ``packaging/smoke_frozen.py`` checks it (the window offscreen over a fresh
data folder, the sample archive opened in the job process, searches in the search
process, the command line's import in its worker processes, status 0).

Marked ``slow``: the build took 37 s and the check 10 s on a two-core machine (the
folder is ~250 MB), so it runs with the suite; ``-m "not slow"`` leaves it out. It
needs PyInstaller, a build tool kept out of the dependencies and the ``dev`` extra
(``pip install -e '.[package]'``), and skips cleanly without it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_frozen_build_passes_its_smoke_check(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="PyInstaller: pip install -e '.[package]'")
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "packaging" / "build_frozen.py"),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=REPO,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "smoke_frozen: passed" in done.stdout
    assert (tmp_path / "dist" / "archive-reader").is_dir()
