"""Refresh the translation sources from the code, and compile them.

    python reader/ui/i18n/update_translations.py            # lupdate, then lrelease
    python reader/ui/i18n/update_translations.py --release  # only compile .ts -> .qm

``pyside6-lupdate`` reads every module under ``reader/ui`` and merges the strings it finds
(``translate(...)``, ``QT_TRANSLATE_NOOP(...)``) into ``archive_reader_<lang>.ts``: new
ones arrive unfinished, changed ones are marked so, vanished ones are dropped. Translate
the unfinished ones (Qt Linguist: ``pyside6-linguist``, or any editor), then run this
again to compile. Locations are left out of the .ts so a moved line is not a diff.

The build compiles the .ts as well (``setup.py``), so a wheel or an install never needs
this script; a source checkout run before any install does.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent
LANGUAGES = ("zh_CN", "zh_TW")
PREFIX = "archive_reader_"


def tool(name: str) -> str:
    """``pyside6-<name>``: beside this Python (a venv's bin), else on PATH."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (PySide6-Essentials)")
    return found


def sources(ui: Path = UI) -> list[Path]:
    return sorted(p for p in ui.rglob("*.py") if "__pycache__" not in p.parts)


def ts_files(folder: Path = HERE) -> list[Path]:
    return [folder / f"{PREFIX}{language}.ts" for language in LANGUAGES]


def lupdate(targets: list[Path], ui: Path = UI) -> None:
    """Merge the strings of *ui*'s modules into *targets* (created if missing)."""
    for target in targets:
        language = target.stem.removeprefix(PREFIX)
        subprocess.run(
            [
                tool("lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                language,
                *map(str, sources(ui)),
                "-ts",
                str(target),
            ],
            check=True,
        )


def lrelease(ts: Path, qm: Path) -> None:
    """Compile one .ts to *qm* (unfinished messages are left out: English shows)."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile .ts to .qm")
    args = parser.parse_args(argv)
    if not args.release:
        lupdate(ts_files())
    for ts in ts_files():
        lrelease(ts, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
