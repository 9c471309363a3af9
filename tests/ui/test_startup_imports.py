"""What the window's modules load before its first paint.

Start-up is measured against a bare QTableView (bench/gui_bench.py: under 3x). Three
times a feature pulled a heavy module into it through an innocent import: Whoosh's
query parser for a note's text (0.1 s), NumPy for the timeline's counts (0.17 s), the
decoders for the watcher's suffix check (13 ms); and the timeline's first keystroke
paid 80 ms for the parser. These modules load when a search, an import or a count
needs them, never with the window's code.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "numpy",
    "whoosh.qparser",
    "reader.search.query_syntax",
    "reader.parse",
    "reader.decode",
    "datasketch",
    "scipy",
    "jieba",
    "opencc",
)


def test_the_window_modules_load_nothing_heavy() -> None:
    code = (
        "import sys, reader.ui.app, reader.ui.window.mainwindow, reader.ui.library.timeline;"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "", done.stdout


def test_the_timeline_reads_a_date_range_without_the_query_parser() -> None:
    code = (
        "import sys; from reader.ui.library.timeline import query_months_range;"
        "print(query_months_range('跨境 date:2024-01..2024-06'));"
        "print('whoosh.qparser' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["('2024-01',", "'2024-06')", "False"], done.stdout
