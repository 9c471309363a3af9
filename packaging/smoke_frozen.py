"""Check a frozen build: it starts, its child processes work, it quits with status 0.

    .venv/bin/python packaging/smoke_frozen.py [dist/archive-reader/reader]

Each step runs the frozen program itself, offscreen, over a fresh data folder:

1. ``reader --version`` prints ``reader.__version__``;
2. ``reader --smoke-test``: the window starts, opens the bundled sample archive in its
   job process (``--reader-child job``), runs searches in its search process
   (``--reader-child search``), finds its icon, and quits with 0 (``reader.ui.smoke``);
3. the command line: ``reader import`` of the sample archive inside the build (its
   parser processes are ``--reader-child worker``), then ``reader search`` finds it.

Exit status 0 when every step passed; each step's outcome is printed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEP_TIMEOUT = 300  # s: the window's step imports and indexes 20 articles on a busy machine


def expected_version() -> str:
    """``reader.__version__``, read from the source rather than imported (no Qt needed)."""
    text = (ROOT / "reader" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if match is None:
        raise SystemExit("smoke_frozen: no __version__ in reader/__init__.py")
    return match.group(1)


def bundled_sample(app: Path) -> Path:
    """The sample archive inside the build (PyInstaller 6 puts data under _internal)."""
    for base in (app.parent / "_internal", app.parent):
        sample = base / "reader" / "resources" / "sample-archive"
        if sample.is_dir():
            return sample
    raise SystemExit(f"smoke_frozen: no sample archive inside {app.parent}")


def run(app: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(app), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=STEP_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


def smoke(app: Path) -> int:
    """Run every step against the frozen program *app*; 0 when all passed."""
    app = app.resolve()
    if not app.is_file():
        print(f"smoke_frozen: no program at {app}: build it with packaging/build_frozen.py")
        return 1
    env = {k: v for k, v in os.environ.items() if not k.startswith(("READER_", "PYTHON"))}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    failures: list[str] = []

    def step(name: str, ok: bool, detail: str) -> None:
        print(f"smoke_frozen: {'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
        if not ok:
            failures.append(name)

    with tempfile.TemporaryDirectory(prefix="reader-smoke-") as tmp:
        # Settings and caches beside the data, never in the person's home.
        env.update(HOME=tmp, XDG_CONFIG_HOME=f"{tmp}/config", XDG_DATA_HOME=f"{tmp}/share")
        version = run(app, "--version", env=env)
        step(
            "version",
            version.returncode == 0 and expected_version() in version.stdout,
            version.stdout.strip() or version.stderr.strip(),
        )

        started = time.monotonic()
        gui = run(app, "--data-dir", f"{tmp}/gui", "--smoke-test", env=env)
        report_line = gui.stdout.strip().splitlines()[-1:] or ["{}"]
        try:
            report = json.loads(report_line[0])
        except ValueError:
            report = {}
        step(
            "window, job and search processes",
            gui.returncode == 0 and report.get("ok") is True,
            f"status {gui.returncode} in {time.monotonic() - started:.1f} s: "
            + (json.dumps(report, ensure_ascii=False) if report else gui.stderr[-2000:]),
        )
        wanted = sorted(ts.stem + ".qm" for ts in (ROOT / "reader" / "ui" / "i18n").glob("*.ts"))
        step(
            "interface translations",
            set(wanted) <= set(report.get("translations", [])),
            f"compiled {report.get('translations')}, wanted {wanted}",
        )

        sample = bundled_sample(app)
        imported = run(app, "--data-dir", f"{tmp}/cli", "import", str(sample), "--json", env=env)
        try:
            summary = json.loads(imported.stdout)
        except ValueError:
            summary = {}
        step(
            "command-line import (worker processes)",
            imported.returncode == 0 and bool(summary),
            imported.stdout.strip()[:500] or imported.stderr[-2000:],
        )
        found = run(app, "--data-dir", f"{tmp}/cli", "search", "物流", "--json", env=env)
        try:
            hits = json.loads(found.stdout)
        except ValueError:
            hits = []
        step(
            "command-line search",
            found.returncode == 0 and len(hits) > 0,
            f"{len(hits)} hits" if hits else found.stderr[-2000:],
        )
    print(f"smoke_frozen: {'passed' if not failures else 'FAILED: ' + ', '.join(failures)}")
    return 0 if not failures else 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(ROOT / "packaging"))
    from build_frozen import app_path

    app = Path(args[0]) if args else app_path(ROOT / "dist")
    return smoke(app)


if __name__ == "__main__":
    sys.exit(main())
