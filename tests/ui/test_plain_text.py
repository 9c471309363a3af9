"""User-typed and article-derived text is shown as text, never interpreted as markup.

Regression (issue 8): the search summary line rendered the typed query as HTML, so
typing ``<img src="file:///...">`` made Qt read that file. A QLabel, a tooltip or a
message box decides "rich text?" by sniffing the string (``Qt::mightBeRichText``) unless
told otherwise; these tests look at what each one would really show.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import Qt as QtGui  # Qt::mightBeRichText, the sniffing Qt itself does

from reader.annotations.store import AnnotationStore
from reader.article import Link
from reader.catalogue import Catalogue
from reader.ui.library.article_list import COLUMNS
from reader.ui.qt import QLabel, QMessageBox, Qt, QTextDocument
from reader.ui.window.mainwindow import MainWindow
from reader.ui.window.messages import show_message
from tests.ui.conftest import add_article, make_window, settle
from tests.ui.test_search import search

EVIL = '<b>bold</b> <img src="file:///etc/hostname"> &amp; <i>x</i>'


def rendered(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt shows for *text* in a widget of text format *fmt* (AutoText: as a tooltip
    or a default QLabel/QMessageBox decides, by sniffing the string)."""
    if fmt == Qt.TextFormat.PlainText or fmt == Qt.TextFormat.MarkdownText:
        return text
    doc = QTextDocument()
    if fmt == Qt.TextFormat.RichText or QtGui.mightBeRichText(text):
        doc.setHtml(text)
    else:
        doc.setPlainText(text)
    return doc.toPlainText()


def label_shows(label: QLabel | QMessageBox, wanted: str) -> bool:
    return wanted in rendered(label.text(), label.textFormat())


def test_the_search_summary_shows_the_query_as_typed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.search_panel
    search(window, qtbot, EVIL)
    assert panel.summary.textFormat() == Qt.TextFormat.PlainText
    assert label_shows(panel.summary, EVIL), panel.summary.text()
    panel.show_pending(EVIL)
    assert label_shows(panel.summary, EVIL)
    panel.show_error(f"The index at /tmp/{EVIL} cannot be read.")
    assert panel.message.textFormat() == Qt.TextFormat.PlainText
    assert label_shows(panel.message, EVIL)


def test_a_title_with_markup_is_shown_literally(qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    title = f"Tags {EVIL}"
    article_id = add_article(
        library,
        title,
        [Link(title=EVIL, url="https://x.example/")],
        body=["Body text about <i>x</i>."],
    )
    with Catalogue(library / "catalogue.sqlite3") as catalogue:
        AnnotationStore(catalogue).bookmark(article_id, "<b>tag</b>, <img src=x>")
    win = make_window(library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    try:
        settle(win, qtbot)
        win.open_article(article_id)
        settle(win, qtbot)
        # the reader's title, and the related link's title
        text = win.reader.browser.toPlainText()
        assert text.startswith(title) and EVIL in text.split("\n", 1)[1]
        # the list: the cell, its tooltip, the marks column's tooltip (the tags)
        row = win.list_model.row_of(article_id)
        assert row is not None
        cell = win.list_model.index(row, COLUMNS.index("title"))
        assert cell.data(Qt.ItemDataRole.DisplayRole) == title
        assert rendered(cell.data(Qt.ItemDataRole.ToolTipRole)) == title
        marks = win.list_model.index(row, COLUMNS.index("marks"))
        assert "<b>tag</b>, <img src=x>" in rendered(marks.data(Qt.ItemDataRole.ToolTipRole))
        # the toolbar's bookmark button names the tags in its tooltip
        assert "<b>tag</b>" in rendered(win.act_bookmark.toolTip())
        # the list's empty state quotes the filter as typed
        win.list_pane.filter_field.setText("<b>zz</b><img src=x>")
        empty = win.list_pane.empty_text
        qtbot.waitUntil(lambda: "No article title" in empty.text(), timeout=10000)
        assert "“<b>zz</b><img src=x>”" in rendered(empty.text(), empty.textFormat())
        # the window title
        assert win.windowTitle().startswith(title)
    finally:
        win.close()


def test_message_boxes_show_paths_and_errors_as_text(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    box = show_message(window, "Import", f"{EVIL} could not be read.")
    assert box.textFormat() == Qt.TextFormat.PlainText and label_shows(box, EVIL)
    box.close()
    missing = tmp_path / "<b>notes</b>.jsonld"
    window.annotating.import_file(str(missing))  # fails in the service's thread: a report
    report = window.status_report
    qtbot.waitUntil(lambda: report.has_report, timeout=10000)
    assert str(missing) in report.text, report.text
    assert report.label.textFormat() == Qt.TextFormat.PlainText
    window.show_job_details()  # the details window shows it as text too
    assert window.details_dialog is not None
    assert label_shows(window.details_dialog.message, str(missing))
    window.details_dialog.close()
    # the job progress in the status bar names folders
    window.progress.begin(f"Importing /archive/{EVIL}", immediately=True)
    assert label_shows(window.progress.label, EVIL)
    window.progress.end()


def test_a_library_that_cannot_open_is_explained_as_text(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The start-up failure box (before any window exists) names paths: shown literally."""
    from reader.errors import ReaderError
    from reader.ui import app as app_module

    def refuse(_data_dir: object) -> MainWindow:
        raise ReaderError(f"The catalogue at /media/{EVIL} cannot be opened.")

    shown: list[QMessageBox] = []
    monkeypatch.setattr(app_module, "build_window", refuse)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    # Was: QMessageBox.critical, which sniffs its text and renders markup in it.
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        staticmethod(
            lambda *_args: pytest.fail("start-up error shown by a box that sniffs for markup")
        ),
    )
    assert app_module.main("/nonexistent") == 2
    assert len(shown) == 1
    assert label_shows(shown[0], f"/media/{EVIL}"), shown[0].text()
