"""`reader` with no command opens the window; every other command never loads Qt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader import cli


def test_no_command_starts_the_desktop_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import reader.ui.app as app

    calls: list[object] = []
    monkeypatch.setattr(app, "main", lambda data_dir=None: calls.append(data_dir) or 0)
    assert cli.main(["--data-dir", str(tmp_path)]) == 0
    assert calls == [str(tmp_path)]


def test_the_cli_does_not_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        f"main(['list', '--data-dir', {str(tmp_path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'reader.ui'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_core_never_imports_qt() -> None:
    root = Path(__file__).resolve().parents[2] / "reader"
    qt_import = re.compile(r"^\s*(from|import)\s+(PySide6|PyQt\d|reader\.ui)\b", re.M)
    for path in root.rglob("*.py"):
        if "ui" in path.relative_to(root).parts:
            continue
        found = qt_import.findall(path.read_text(encoding="utf-8"))
        if path.relative_to(root).as_posix() == "cli/entry.py":  # `reader` alone: the app, lazily
            found = [f for f in found if f[1] != "reader.ui"]
        assert not found, path


def test_void_qt_calls_cannot_exhaust_none() -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None on every void call; the
    work-around in reader.ui.qt must keep the app from aborting (none_dealloc)."""
    from reader.ui.qt import QApplication, QPainter, QPixmap

    app = QApplication.instance() or QApplication([])
    assert app is not None
    pixmap = QPixmap(8, 8)
    painter = QPainter(pixmap)
    before = sys.getrefcount(None)
    for _ in range(50_000):  # would abort the interpreter without the work-around
        painter.save()
        painter.restore()
    painter.end()
    assert sys.getrefcount(None) > 1_000_000 or sys.getrefcount(None) >= before
