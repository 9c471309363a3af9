"""`reader` with no command opens the window; every other command never loads Qt."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
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


def _assert_counts_hold(call: Callable[[int], object], times: int = 100_000) -> None:
    """Run *call* *times* times and check None, True and False keep their reference counts.

    Checked every 1,000 calls, so a binding that loses a reference per call fails here as
    an assertion long before the count reaches zero and the interpreter aborts (which
    would take the whole test run down with it).
    """
    singletons = {"None": None, "True": True, "False": False}
    before = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
    for done in range(0, times, 1000):
        for i in range(done, done + 1000):
            call(i)
        drift = {name: sys.getrefcount(obj) - before[name] for name, obj in singletons.items()}
        assert all(abs(d) < 100 for d in drift.values()), f"after {done + 1000} calls: {drift}"


def test_void_qt_calls_keep_none_true_and_false_alive() -> None:
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call of a C++
    ``void`` method; the window makes such calls all day and aborted ("Fatal Python
    error: none_dealloc"). Bools go in as arguments and come back from getters here too."""
    from reader.ui.qt import QApplication, QPainter, QPixmap, QWidget

    app = QApplication.instance() or QApplication([])
    assert app is not None
    pixmap = QPixmap(8, 8)
    painter = QPainter(pixmap)
    widget = QWidget()

    def void_calls(i: int) -> None:
        painter.save()
        painter.restore()
        widget.update()
        widget.setEnabled(i % 2 == 0)
        widget.isEnabled()

    try:
        _assert_counts_hold(void_calls)
    finally:
        painter.end()


def test_signal_emits_keep_true_and_false_alive() -> None:
    """PySide6 6.12.0 on Python 3.11 dropped a reference to True on every ``emit`` made
    from Python (emit returns True): the app emits thousands a day, and quitting after a
    long session aborted with "Fatal Python error: bool_dealloc" (issue 11, bug 2)."""
    from reader.ui.qt import QApplication, QObject, Signal, Slot

    class Emitter(QObject):
        flag = Signal(bool)
        bare = Signal()

    class Receiver(QObject):
        seen = 0

        @Slot(bool)
        def on_flag(self, value: bool) -> None:
            self.seen += value

    app = QApplication.instance() or QApplication([])
    assert app is not None
    emitter, receiver = Emitter(), Receiver()
    emitter.flag.connect(receiver.on_flag)

    def emits(i: int) -> None:
        emitter.flag.emit(i % 2 == 0)
        emitter.bare.emit()

    _assert_counts_hold(emits)
    assert receiver.seen == 50_000
