"""The reads the GUI's list makes per page of rows: bookmark marks and annotation counts."""

from __future__ import annotations

from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from tests.annotations.conftest import QUOTE, Library


def test_marks_and_counts_for_a_page_of_ids(library: Library) -> None:
    store = library.store
    trade, rules = library.id_of("Trade rules"), library.id_of("跨境电商新规")
    assert store.bookmark_marks([trade, rules]) == {}
    assert store.annotation_counts([trade, rules]) == {}
    store.bookmark(trade, "ports, 海关")
    store.annotate_quote(trade, QUOTE)
    store.annotate_quote(trade, "Analysts")
    store.bookmark(rules)
    assert store.bookmark_marks([trade, rules, 999]) == {trade: ("ports", "海关"), rules: ()}
    assert store.annotation_counts([trade, rules]) == {trade: 2}
    assert store.bookmark_marks([]) == {} and store.annotation_counts([]) == {}
    # more ids than one statement may bind: still one answer
    assert store.bookmark_marks([*range(10_000, 11_200), rules]) == {rules: ()}


def test_marks_read_on_a_read_only_catalogue(library: Library) -> None:
    library.store.bookmark(library.id_of("Trade rules"), "x")
    with Catalogue(library.catalogue.path, readonly=True) as readonly:
        marks = AnnotationStore(readonly).bookmark_marks([library.id_of("Trade rules")])
    assert list(marks.values()) == [("x",)]


def test_the_window_starts_without_the_store() -> None:
    """The app's first paint needs the model and these reads, not the store with its
    anchoring (~20 ms of imports): they load in the annotation thread, later."""
    import os
    import subprocess
    import sys

    code = (
        "import sys, reader.ui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith('reader.annotations')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert (
        out.stdout.strip().splitlines()[-1]
        == "['reader.annotations', 'reader.annotations.marks', 'reader.annotations.model']"
    )
