"""Build the one-folder app with PyInstaller, then check it: one command.

    .venv/bin/pip install -e '.[package]'      # PyInstaller: a build tool, not a dependency
    .venv/bin/python packaging/build_frozen.py [--no-smoke] [--dist DIR] [--work DIR]

Makes ``DIST/archive-reader/`` (default ``dist/``): the program ``reader`` and its
``_internal`` folder, which runs without a Python installed. Copy the folder anywhere
and run ``archive-reader/reader`` (no command: the window; ``reader --help``: the rest).

The interface translations (``reader/ui/i18n/*.ts``) are compiled with
``pyside6-lrelease`` into the work folder first and handed to the spec
(``READER_FROZEN_QM_DIR``), so a checkout without compiled ``.qm`` files still builds a
Chinese app. Then ``packaging/smoke_frozen.py`` starts the result offscreen and checks
its child processes (``--no-smoke`` skips that). Prints how long the build took.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "archive-reader.spec"
I18N = ROOT / "reader" / "ui" / "i18n"
APP_FOLDER = "archive-reader"


def app_path(dist: Path) -> Path:
    """The frozen program inside *dist*."""
    name = "reader.exe" if sys.platform == "win32" else "reader"
    return dist / APP_FOLDER / name


def lrelease() -> list[str] | None:
    """The command that compiles .ts files: PySide6's, beside this Python or in PATH."""
    scripts = Path(sys.executable).parent
    for candidate in (scripts / "pyside6-lrelease", scripts / "pyside6-lrelease.exe"):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease")
    return [found] if found else None


def compile_translations(out: Path) -> list[Path]:
    """Each ``reader/ui/i18n/*.ts`` compiled to ``out/*.qm``; [] when there are none."""
    sources = sorted(I18N.glob("*.ts"))
    if not sources:
        return []
    command = lrelease()
    if command is None:
        raise SystemExit("build_frozen: pyside6-lrelease not found (it comes with PySide6)")
    out.mkdir(parents=True, exist_ok=True)
    compiled = []
    for ts in sources:
        qm = out / (ts.stem + ".qm")
        subprocess.run([*command, str(ts), "-qm", str(qm)], check=True, capture_output=True)
        compiled.append(qm)
    return compiled


def build(dist: Path, work: Path) -> float:
    """Run PyInstaller on the spec; the seconds it took."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            "build_frozen: PyInstaller is not installed: .venv/bin/pip install -e '.[package]'"
        ) from None
    started = time.monotonic()
    env = dict(os.environ)
    qm_dir = work / "i18n"
    if compile_translations(qm_dir):
        env["READER_FROZEN_QM_DIR"] = str(qm_dir)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
    ]
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="PyInstaller's work folder",
    )
    parser.add_argument("--no-smoke", action="store_true", help="build only, no check")
    args = parser.parse_args(argv)
    seconds = build(args.dist.resolve(), args.work.resolve())
    app = app_path(args.dist.resolve())
    size = sum(f.stat().st_size for f in app.parent.rglob("*") if f.is_file())
    print(f"build_frozen: built {app} in {seconds:.0f} s ({size / 2**20:.0f} MB)", flush=True)
    if args.no_smoke:
        return 0
    sys.path.insert(0, str(ROOT / "packaging"))
    from smoke_frozen import smoke

    return smoke(app)


if __name__ == "__main__":
    sys.exit(main())
