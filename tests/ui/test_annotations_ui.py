"""Bookmarks, highlights and notes through the real window: keys, menus, the panels, undo,
export and import, backups, and highlights that survive the archive changing."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.annotations.backup import list_backups
from reader.annotations.model import COLORS, Annotation
from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.ui.annotations.dialogs import NoteDialog, TagsDialog
from reader.ui.annotations.panels import ANNOTATION_ROLE
from reader.ui.library.article_list import MARKS_COLUMN
from reader.ui.qt import (
    QApplication,
    QContextMenuEvent,
    QEvent,
    QHelpEvent,
    QInputMethodEvent,
    QMenu,
    QPoint,
    Qt,
    QTextCursor,
    QTimer,
    QToolTip,
    QUrl,
)
from reader.ui.reading.article_html import EDIT_TAGS_URL, HEADER_BLOCKS
from reader.ui.reading.highlight_paint import fill
from reader.ui.search.panel import NOTE_MARK
from reader.ui.window.mainwindow import MainWindow
from tests.test_importer import write_article
from tests.ui.conftest import id_of, settle

WAREHOUSE = "海外仓选址怎么算账?美西、美东与中部仓的成本对比"
RETURNS = "跨境退货怎么处理?二次销售、本地清算与销毁的取舍"
EUROPE = "Why Small Sellers Are Moving Inventory Closer to European Customers"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


# -- helpers ---------------------------------------------------------------------------


@contextmanager
def event_loop_watch(max_ms: float = 1000.0) -> Iterator[list[float]]:
    """Fail if the event loop stalls longer than *max_ms* inside the block.

    This catches work done on the GUI thread (a save or a re-render that blocks for
    seconds), not jank: a busy CI machine can pause any process for 100-300 ms, so a tight
    limit here fails at random. The fine figures (stalls while typing, p99) are measured
    by bench/gui_bench.py."""
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    yield gaps
    timer.stop()
    assert gaps and max(gaps) < max_ms, f"the event loop stalled {max(gaps):.0f} ms"


def open_and_wait(win: MainWindow, qtbot, title: str) -> int:  # type: ignore[no-untyped-def]
    article_id = id_of(win, title)
    with qtbot.waitSignal(win.annotating.articleAnnotationsShown, timeout=10000):
        assert win.open_article(article_id)
    return article_id


def press(
    win: MainWindow,
    qtbot,
    widget,
    key: Qt.Key,  # type: ignore[no-untyped-def]
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key as a person presses it: in the window, once it is active again (a menu or
    a dialog just closed takes the activation with it for a moment)."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    qtbot.keyClick(widget, key, modifiers)


def wait_shown(win: MainWindow, qtbot, action) -> None:  # type: ignore[no-untyped-def]
    """Run *action* (a change) and wait until the open article shows its result."""
    with qtbot.waitSignal(win.annotating.articleAnnotationsShown, timeout=10000):
        action()


def body_start(win: MainWindow) -> int:
    return win.reader.browser.document().findBlockByNumber(HEADER_BLOCKS).position()


def find_on_page(win: MainWindow, text: str) -> tuple[int, int]:
    """Document positions of *text* in the article's body (not the title)."""
    cursor = win.reader.browser.document().find(text, body_start(win))
    assert not cursor.isNull(), f"{text!r} is not on the page"
    return cursor.selectionStart(), cursor.selectionEnd()


def select_on_page(win: MainWindow, first: str, last: str | None = None) -> None:
    """Select from the start of *first* to the end of *last* (or of *first*), as a person
    dragging over the page would: a QTextCursor on the pane."""
    start, end = find_on_page(win, first)
    if last is not None:
        cursor = win.reader.browser.document().find(last, start)
        assert not cursor.isNull()
        end = cursor.selectionEnd()
    cursor = QTextCursor(win.reader.browser.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    win.reader.browser.setTextCursor(cursor)


def background_at(win: MainWindow, position: int) -> str | None:
    """The highlight fill of the character at document *position*, or None."""
    cursor = QTextCursor(win.reader.browser.document())
    cursor.setPosition(position + 1)  # charFormat() is the character before the cursor
    brush = cursor.charFormat().background()
    return brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else None


def tooltip_at(win: MainWindow, position: int) -> str:
    """What hovering the character at *position* shows (the real ToolTip event)."""
    browser = win.reader.browser
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position)
    rect = browser.cursorRect(cursor)
    point = QPoint(rect.x() + 3, rect.center().y())
    QToolTip.hideText()
    QApplication.sendEvent(
        browser.viewport(),
        QHelpEvent(QEvent.Type.ToolTip, point, browser.viewport().mapToGlobal(point)),
    )
    return QToolTip.text() if QToolTip.isVisible() else ""


def point_of(win: MainWindow, position: int) -> QPoint:
    cursor = QTextCursor(win.reader.browser.document())
    cursor.setPosition(position)
    rect = win.reader.browser.cursorRect(cursor)
    return QPoint(rect.x() + 3, rect.center().y())


def paragraphs(win: MainWindow, title: str) -> list[str]:
    article = win.catalogue.get(id_of(win, title))
    assert article is not None
    return article.paragraphs


def stored(win: MainWindow) -> AnnotationStore:
    return AnnotationStore(win.catalogue)


def dialog(win: MainWindow, kind: type) -> NoteDialog | TagsDialog:
    found = win.annotating.dialog
    assert isinstance(found, kind), f"expected an open {kind.__name__}, got {found!r}"
    return found  # type: ignore[return-value]


# -- bookmarks -------------------------------------------------------------------------


def test_ctrl_d_bookmarks_with_the_star_the_list_column_and_undo(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    star = window.act_bookmark
    assert not star.isEnabled(), "nothing to bookmark before an article is open"
    article_id = open_and_wait(window, qtbot, WAREHOUSE)
    assert star.isEnabled() and not star.isChecked() and star.iconText() == "☆ Bookmark"
    row = window.list_model.row_of(article_id)
    assert row is not None
    marks = window.list_model.index(row, MARKS_COLUMN)
    assert marks.data() == ""

    browser = window.reader.browser
    wait_shown(window, qtbot, lambda: press(window, qtbot, browser, Qt.Key.Key_D, CTRL))
    assert star.isChecked() and star.iconText() == "★ Bookmarked"
    assert marks.data() == "★" and "Bookmarked" in marks.data(Qt.ItemDataRole.ToolTipRole)
    assert stored(window).is_bookmarked(article_id)
    assert "★ Bookmarked" in window.reader.browser.toPlainText()  # the meta line says so
    assert window.act_undo.isEnabled()
    assert window.act_undo.text().replace("&", "").startswith("Undo Bookmark")

    wait_shown(window, qtbot, lambda: press(window, qtbot, browser, Qt.Key.Key_Z, CTRL))
    assert not star.isChecked() and marks.data() == ""
    assert not stored(window).is_bookmarked(article_id)
    assert "★ Bookmarked" not in window.reader.browser.toPlainText()
    wait_shown(window, qtbot, window.act_redo.trigger)
    assert star.isChecked() and stored(window).is_bookmarked(article_id)

    # the toolbar star toggles too
    wait_shown(window, qtbot, star.trigger)
    assert not star.isChecked() and not stored(window).is_bookmarked(article_id)


def test_tags_from_the_dialog_and_the_bookmarks_view(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    returns = open_and_wait(window, qtbot, RETURNS)
    window.act_edit_tags.trigger()
    tags = dialog(window, TagsDialog)
    tags.field.setText("Returns, 物流 ,returns")
    wait_shown(window, qtbot, tags.save)
    assert stored(window).get_bookmark(returns).tags == ("Returns", "物流")  # type: ignore[union-attr]
    assert "Returns, 物流" in window.reader.browser.toPlainText()

    warehouse = open_and_wait(window, qtbot, WAREHOUSE)
    wait_shown(window, qtbot, lambda: window.annotating.toggle_bookmark())
    # the meta line's "Add tags" link opens the dialog too; typing goes through an
    # input method for the Chinese tag (keyClicks cannot type it)
    window.follow_link(QUrl(EDIT_TAGS_URL))
    tags = dialog(window, TagsDialog)
    completer = tags.field.completer()
    assert completer.splitPath("warehouse, 物") == ["物"]  # completes the tag being typed
    tags.field.clear()
    qtbot.keyClicks(tags.field, "warehouse, ")
    event = QInputMethodEvent()
    event.setCommitString("物流")
    QApplication.sendEvent(tags.field, event)
    assert tags.tags == ("warehouse", "物流")
    wait_shown(window, qtbot, tags.save)

    # The bookmarks view: the list shows only bookmarked articles, by tag.
    with qtbot.waitSignal(window.listReloaded, timeout=10000):
        press(window, qtbot, window.article_list, Qt.Key.Key_B, CTRL_SHIFT)
    assert window.list_pane.bookmarks_only and window.list_pane.tag_combo.isVisible()
    assert set(window.list_model.ids) == {returns, warehouse}
    assert "2 bookmarks" in window.list_pane.count_label.text()
    qtbot.waitUntil(lambda: window.list_pane.tag_combo.count() == 4, timeout=5000)
    labels = [
        window.list_pane.tag_combo.itemText(i) for i in range(window.list_pane.tag_combo.count())
    ]
    assert labels[0] == "All bookmarks" and labels[1] == "物流  (2)"
    with qtbot.waitSignal(window.listReloaded, timeout=10000):
        assert window.list_pane.choose_tag("WAREHOUSE")
    assert window.list_model.ids == [warehouse]
    assert "tagged “warehouse”" in window.list_pane.count_label.text()
    # removing its only bookmark takes the tag away: the view shows every bookmark again
    window.annotating.toggle_bookmark(warehouse)
    qtbot.waitUntil(
        lambda: window.list_pane.tag is None and window.list_model.ids == [returns], timeout=10000
    )
    settle(window, qtbot)
    assert window.list_pane.tag_combo.count() == 3
    with qtbot.waitSignal(window.listReloaded, timeout=10000):
        window.act_bookmarks_only.trigger()
    assert not window.list_pane.bookmarks_only and window.list_model.rowCount() == 20


def test_the_list_context_menu_bookmarks(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    article_id = id_of(window, EUROPE)
    row = window.list_model.row_of(article_id)
    assert row is not None
    view = window.article_list
    rect = view.visualRect(window.list_model.index(row, 0))
    QApplication.sendEvent(
        view.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse,
            rect.center(),
            view.viewport().mapToGlobal(rect.center()),
        ),
    )
    menu = window.annotating.last_menu
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions()]
    assert "Bookmark" in texts and "Edit Bookmark Tags…" in texts
    bookmark = next(a for a in menu.actions() if a.text() == "Bookmark")
    menu.close()
    bookmark.trigger()
    qtbot.waitUntil(lambda: window.list_model.index(row, MARKS_COLUMN).data() == "★", timeout=5000)
    assert stored(window).is_bookmarked(article_id)


# -- highlights and notes --------------------------------------------------------------


def test_highlight_a_chinese_passage_note_edit_delete_and_undo(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    article_id = open_and_wait(window, qtbot, WAREHOUSE)
    text = window.reader.article.text  # type: ignore[union-attr]
    passage = paragraphs(window, WAREHOUSE)[1][4:30]
    with event_loop_watch():
        select_on_page(window, passage)
        browser = window.reader.browser
        wait_shown(window, qtbot, lambda: press(window, qtbot, browser, Qt.Key.Key_H, CTRL_SHIFT))
        (a,) = stored(window).annotations_for(article_id)
        assert a.quote == passage and text[a.start : a.end] == passage  # type: ignore[index]
        assert a.color == "yellow" and a.note is None
        assert not window.reader.browser.textCursor().hasSelection()
        # drawn: the passage's characters carry the fill, the ones around it do not
        start, end = find_on_page(window, passage)
        yellow = fill("yellow", dark=False, page="#ffffff")
        assert {background_at(window, p) for p in range(start, end)} == {yellow}
        assert background_at(window, start - 1) is None and background_at(window, end) is None
        assert "Highlight (no note)" in tooltip_at(window, start + 2)

        # a note on it: Ctrl+Shift+N with the cursor in the highlight edits that one
        cursor = window.reader.browser.textCursor()
        cursor.setPosition(start + 3)
        window.reader.browser.setTextCursor(cursor)
        press(window, qtbot, window.reader.browser, Qt.Key.Key_N, CTRL_SHIFT)
        note = dialog(window, NoteDialog)
        assert note.delete_button is not None and passage in note.quote.text()
        note.editor.setPlainText("仓租只是成本的一部分 <b>not markup</b>")
        note.choose_color("green")
        wait_shown(window, qtbot, note.save)
        a = stored(window).get_annotation(a.id)  # type: ignore[assignment]
        assert a.note == "仓租只是成本的一部分 <b>not markup</b>" and a.color == "green"
        assert background_at(window, start + 1) == COLORS["green"]
        tip = tooltip_at(window, start + 2)
        assert "仓租只是成本的一部分" in tip and "&lt;b&gt;not markup" in QToolTip.text()
        # clicking the highlight shows the note and selects it in the panel
        with qtbot.waitSignal(window.reader.annotationClicked, timeout=3000) as clicked:
            qtbot.mouseClick(
                window.reader.browser.viewport(),
                Qt.MouseButton.LeftButton,
                pos=point_of(window, start + 2),
            )
        assert clicked.args[0] == a.id and "仓租只是成本的一部分" in QToolTip.text()
        assert window.annotating.article_panel.view.current().id == a.id  # type: ignore[union-attr]

    # delete it (from the highlight's context menu), then undo: the same one comes back
    QApplication.sendEvent(
        window.reader.browser.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse,
            point_of(window, start + 2),
            window.reader.browser.viewport().mapToGlobal(point_of(window, start + 2)),
        ),
    )
    menu = window.annotating.last_menu
    assert isinstance(menu, QMenu)
    delete = next(x for x in menu.actions() if x.text() == "Delete Highlight")
    assert any(x.text() == "Edit Note…" for x in menu.actions())
    menu.close()
    wait_shown(window, qtbot, delete.trigger)
    assert stored(window).annotations_for(article_id) == []
    assert background_at(window, start + 1) is None and tooltip_at(window, start + 2) == ""
    assert window.act_undo.text().replace("&", "").startswith("Undo Delete")
    browser = window.reader.browser
    wait_shown(window, qtbot, lambda: press(window, qtbot, browser, Qt.Key.Key_Z, CTRL))
    (back,) = stored(window).annotations_for(article_id)
    assert back == a  # same id, times, position, note and color
    assert background_at(window, start + 1) == COLORS["green"]
    # undo the color and note change too, then redo it
    wait_shown(window, qtbot, window.act_undo.trigger)
    assert stored(window).get_annotation(a.id).note is None  # type: ignore[union-attr]
    assert background_at(window, start + 1) == yellow
    wait_shown(window, qtbot, window.act_redo.trigger)
    assert stored(window).get_annotation(a.id).color == "green"  # type: ignore[union-attr]
    # and undo the highlight itself
    for _ in range(2):
        wait_shown(window, qtbot, window.act_undo.trigger)
    assert stored(window).annotations_for(article_id) == []
    wait_shown(window, qtbot, window.act_redo.trigger)
    assert [x.id for x in stored(window).annotations_for(article_id)] == [a.id]


def test_a_note_across_english_paragraphs_from_the_context_menu(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    article_id = open_and_wait(window, qtbot, EUROPE)
    paras = paragraphs(window, EUROPE)
    first, second = paras[1][-25:], paras[2][:20]
    select_on_page(window, first, second)
    point = point_of(window, find_on_page(window, first)[0] + 2)
    QApplication.sendEvent(
        window.reader.browser.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse,
            point,
            window.reader.browser.viewport().mapToGlobal(point),
        ),
    )
    menu = window.annotating.last_menu
    assert isinstance(menu, QMenu)
    texts = [x.text() for x in menu.actions()]
    assert texts[:3] == ["&Highlight", "Highlight in Color", "Add &Note…"]
    assert "&Copy" in texts or "Copy" in " ".join(texts)  # the standard actions stay
    add_note = next(x for x in menu.actions() if x.text() == "Add &Note…")
    menu.close()
    add_note.trigger()
    note = dialog(window, NoteDialog)
    qtbot.keyClicks(note.editor, "Why nearshoring pays")
    wait_shown(window, qtbot, lambda: qtbot.keyClick(note.editor, Qt.Key.Key_Return, CTRL))
    (a,) = stored(window).annotations_for(article_id)
    assert a.quote == first.lstrip() + "\n\n" + second.rstrip()
    assert a.note == "Why nearshoring pays"
    # both paragraphs are painted, the break between them is not a highlight
    for part in (first.strip(), second.strip()):
        start, end = find_on_page(window, part)
        assert background_at(window, start) and background_at(window, end - 1)
    assert window.reader.annotation_doc_range(a.id) is not None


def test_color_submenu_and_nothing_selected(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    article_id = open_and_wait(window, qtbot, RETURNS)
    # nothing selected: a hint, no highlight, no error
    window.act_highlight.trigger()
    assert "Select a passage" in window.statusBar().currentMessage()
    # the title is not the article's text
    cursor = QTextCursor(window.reader.browser.document())
    cursor.setPosition(0)
    cursor.setPosition(6, QTextCursor.MoveMode.KeepAnchor)
    window.reader.browser.setTextCursor(cursor)
    window.act_highlight.trigger()
    settle(window, qtbot)
    assert stored(window).annotations_for(article_id) == []
    passage = paragraphs(window, RETURNS)[0][:12]
    select_on_page(window, passage)
    wait_shown(window, qtbot, window.highlight_actions["pink"].trigger)
    assert stored(window).annotations_for(article_id)[0].color == "pink"
    assert window.annotating.last_color == "pink"  # the next Ctrl+Shift+H uses it
    start, _ = find_on_page(window, passage)
    assert background_at(window, start) == COLORS["pink"]


def test_the_side_panel_lists_in_reading_order_and_scrolls_to_one(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    window.resize(1200, 600)
    article_id = open_and_wait(window, qtbot, WAREHOUSE)
    paras = paragraphs(window, WAREHOUSE)
    last, first = paras[-1][:15], paras[0][:15]
    for passage, color in ((last, "blue"), (first, "yellow")):  # made out of order
        select_on_page(window, passage)
        wait_shown(window, qtbot, window.highlight_actions[color].trigger)
    press(window, qtbot, window.reader.browser, Qt.Key.Key_A, CTRL_SHIFT)
    assert window.annotating.article_dock.isVisible() and window.act_highlights_panel.isChecked()
    panel = window.annotating.article_panel
    assert [a.quote for a in panel.items] == [first, last]
    assert "2 highlights, in reading order" in panel.summary.text()
    bar = window.reader.browser.verticalScrollBar()
    bar.setValue(0)
    view = panel.view
    rect = view.visualRect(view.model().index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert bar.value() > 0 and window.reader.flashing
    start, _ = find_on_page(window, last)
    top = window.reader.browser.cursorRect(window.reader._cursor(start, start)).top()  # noqa: SLF001 - where it ended up
    assert 0 <= top < window.reader.browser.viewport().height()
    # similar articles arriving now re-render the page: the flash stays, where it was
    window.reader.set_similar(article_id, [])
    flash = window.reader.browser.extraSelections()
    assert window.reader.flashing and len(flash) == 1
    assert flash[0].cursor.selectedText() == last  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not window.reader.flashing, timeout=3000)
    assert window.reader.browser.extraSelections() == []
    # F2 edits the note, Delete deletes, from the panel
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert dialog(window, NoteDialog).quote.text() == f"“{first}”"
    window.annotating.dialog.reject()  # type: ignore[union-attr]
    wait_shown(window, qtbot, lambda: qtbot.keyClick(view, Qt.Key.Key_Delete))
    assert [a.quote for a in panel.items] == [last]
    assert article_id in stored(window).annotated_ids()


def test_all_highlights_newest_first_filtered_and_opening_the_article(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    europe = open_and_wait(window, qtbot, EUROPE)
    english = paragraphs(window, EUROPE)[3][:18]
    select_on_page(window, english)
    wait_shown(window, qtbot, window.highlight_actions["green"].trigger)
    window.resize(1200, 600)
    warehouse = open_and_wait(window, qtbot, WAREHOUSE)
    chinese = paragraphs(window, WAREHOUSE)[2][:10]
    select_on_page(window, chinese)
    wait_shown(window, qtbot, window.highlight_actions["yellow"].trigger)
    window.reader.browser.verticalScrollBar().setValue(0)

    with event_loop_watch():
        press(window, qtbot, window.reader.browser, Qt.Key.Key_L, CTRL_SHIFT)
        panel = window.annotating.all_panel
        assert window.annotating.all_dock.isVisible()
        qtbot.waitUntil(lambda: len(panel.items) == 2, timeout=5000)
        assert [a.quote for a in panel.items] == [chinese, english]  # newest first
        assert "2 highlights, newest first" in panel.summary.text()
        panel.field.setText(english[:8].upper())  # ignoring case
        qtbot.waitUntil(lambda: [a.quote for a in panel.items] == [english], timeout=5000)
        panel.field.setText("")
        qtbot.waitUntil(lambda: len(panel.items) == 2, timeout=5000)
        panel.color.setCurrentIndex(panel.color.findData("yellow"))
        qtbot.waitUntil(lambda: [a.quote for a in panel.items] == [chinese], timeout=5000)
        panel.color.setCurrentIndex(0)
        qtbot.waitUntil(lambda: len(panel.items) == 2, timeout=5000)
        panel.field.setText("no such words anywhere")
        qtbot.waitUntil(lambda: panel.items == [], timeout=5000)
        assert "No highlight matches" in panel.summary.text()
        panel.field.setText("")
        qtbot.waitUntil(lambda: len(panel.items) == 2, timeout=5000)
        # a click opens the other article at the passage
        view = panel.view
        rect = view.visualRect(view.model().index(1, 0))
        with qtbot.waitSignal(window.annotating.articleAnnotationsShown, timeout=10000):
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.reader.current_id == europe != warehouse
        assert window.reader.flashing
        start, _ = find_on_page(window, english)
        top = window.reader.browser.cursorRect(window.reader._cursor(start, start)).top()  # noqa: SLF001
        assert 0 <= top < window.reader.browser.viewport().height()
        # the global view follows changes made elsewhere
        wait_shown(window, qtbot, lambda: window.annotating.delete(panel.items[1].id))
        qtbot.waitUntil(lambda: [a.quote for a in panel.items] == [chinese], timeout=5000)


# -- export, import, backups -----------------------------------------------------------


def _two_notes(window: MainWindow, qtbot) -> tuple[int, list[Annotation]]:  # type: ignore[no-untyped-def]
    article_id = open_and_wait(window, qtbot, WAREHOUSE)
    paras = paragraphs(window, WAREHOUSE)
    for passage in (paras[0][:12], paras[1][:12]):
        select_on_page(window, passage)
        wait_shown(window, qtbot, window.act_highlight.trigger)
    a = stored(window).annotations_for(article_id)[1]
    window.annotating.edit_note(a.id)
    note = dialog(window, NoteDialog)
    note.editor.setPlainText("看总成本，不只看仓租")
    wait_shown(window, qtbot, note.save)
    wait_shown(window, qtbot, lambda: window.annotating.toggle_bookmark())
    return article_id, stored(window).annotations_for(article_id)


def test_export_markdown_and_json_ld_and_import_back_without_duplicates(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article_id, notes = _two_notes(window, qtbot)
    markdown = tmp_path / "out" / "notes.md"
    markdown.parent.mkdir()
    window.annotating.export("md", article=True, path=str(markdown))
    settle(window, qtbot)
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith(f"# {WAREHOUSE}") and f"> {notes[0].quote}" in text
    assert "看总成本，不只看仓租" in text
    assert (
        window.annotating.last_export is not None and window.annotating.last_export.annotations == 2
    )
    assert "Exported 2 highlights and 1 bookmark" in window.statusBar().currentMessage()

    # all of it as JSON-LD, through the (stubbed) save dialog and the menu's action
    exported = tmp_path / "out" / "all"
    monkeypatch.setattr(
        "reader.ui.annotations.controller.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(exported), ""),
    )
    window.act_export[("json", False)].trigger()
    settle(window, qtbot)
    document = json.loads(exported.with_suffix(".jsonld").read_text(encoding="utf-8"))
    assert document["type"] == "AnnotationCollection" and document["total"] == 3
    assert not list((tmp_path / "out").glob(".*.tmp")), "written atomically, no leftovers"

    # import it back: nothing is duplicated
    report = window.status_report
    window.annotating.import_file(str(exported.with_suffix(".jsonld")))
    qtbot.waitUntil(lambda: report.has_report, timeout=10000)
    assert "0 annotations added" in report.text and "2 already there" in report.text
    assert window.last_message is None  # a report in the status bar, never a modal box
    report.clear()
    assert stored(window).count() == 2

    # after deleting both, the import brings them back exactly, highlights drawn
    for a in notes:
        wait_shown(window, qtbot, lambda a=a: window.annotating.delete(a.id))
    assert stored(window).annotations_for(article_id) == []
    with qtbot.waitSignal(window.annotating.articleAnnotationsShown, timeout=10000):
        window.annotating.import_file(str(exported.with_suffix(".jsonld")))
    assert "2 annotations added" in report.text
    assert stored(window).annotations_for(article_id) == notes
    start, _ = find_on_page(window, notes[0].quote)
    assert background_at(window, start) is not None


def test_import_of_a_bad_file_is_a_message_not_a_traceback(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{not json", encoding="utf-8")
    report = window.status_report
    window.annotating.import_file(str(bad))
    qtbot.waitUntil(lambda: report.has_report, timeout=10000)
    assert "not JSON" in report.text and report.error and report.offers_details
    assert window.last_message is None  # never a modal box that takes the keyboard
    window.show_job_details()  # Details… opens the whole of it, not modal
    assert window.details_dialog is not None and not window.details_dialog.isModal()
    assert "not JSON" in window.details_dialog.message.text()
    window.details_dialog.close()
    report.clear()
    window.annotating.export("md", article=False, path="/proc/not-writable.md")
    qtbot.waitUntil(lambda: report.has_report, timeout=10000)
    assert "could not be written" in report.text and report.error


def test_backups_after_changes_and_on_quit_and_restore(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, library: Path
) -> None:
    window.annotating.backup_delay_ms = 50
    folder = library / "backups"
    article_id = open_and_wait(window, qtbot, RETURNS)
    passage = paragraphs(window, RETURNS)[0][:10]
    select_on_page(window, passage)
    wait_shown(window, qtbot, window.act_highlight.trigger)
    qtbot.waitUntil(lambda: len(list_backups(folder)) == 1, timeout=5000)
    newest = list_backups(folder)[0]
    assert passage in newest.read_text(encoding="utf-8")
    # restoring from the backup after the highlight was lost brings it back
    (a,) = stored(window).annotations_for(article_id)
    with Catalogue(library / "catalogue.sqlite3") as other:
        AnnotationStore(other).delete_annotation(a.id)
    window.annotating.backup_delay_ms = 60_000
    with qtbot.waitSignal(window.annotating.articleAnnotationsShown, timeout=10000):
        window.annotating.restore_backup(str(newest))
    assert "1 annotations added" in window.status_report.text
    assert stored(window).annotations_for(article_id) == [a]
    # a change just before quitting is in the backup written on quit
    window.annotating.set_color(a.id, "purple")
    window.close()
    assert '"ar:color": "purple"' in list_backups(folder)[0].read_text(encoding="utf-8")


# -- search ----------------------------------------------------------------------------


def test_a_hit_from_a_note_is_marked(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    article_id = open_and_wait(window, qtbot, EUROPE)
    select_on_page(window, paragraphs(window, EUROPE)[0][:20])
    window.act_add_note.trigger()
    note = dialog(window, NoteDialog)
    note.editor.setPlainText("zebrafish logistics")
    wait_shown(window, qtbot, note.save)
    with qtbot.waitSignal(window.searchFinished, timeout=20000) as found:
        window.search_field.setText("zebrafish")
    hits = found.args[0].hits
    assert [h.id for h in hits] == [article_id] and "note" in hits[0].matched_in
    model = window.search_panel.model
    assert NOTE_MARK in model.index(0, 0).data()
    with qtbot.waitSignal(window.searchFinished, timeout=20000) as found:
        window.search_field.setText("is:bookmarked")
    assert found.args[0].hits == []
    # bookmarking while the search is open: the results follow
    with qtbot.waitSignal(window.searchFinished, timeout=20000) as found:
        window.annotating.toggle_bookmark()
    assert [h.id for h in found.args[0].hits] == [article_id]


# -- the archive changes under the highlights ------------------------------------------

KEEP = "The ministry announced new rules on customs clearance on Monday."
LOSE = "Analysts expect freight rates to ease once the new terminals open next spring."


def test_reimport_keeps_highlights_placed_and_shows_the_orphan(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    path = write_article(
        archive,
        "trade.txt",
        "Trade rules",
        "https://x.example.com/t",
        [],
        body="\n\n".join(["Ports reported record volumes.", KEEP, LOSE]),
    )
    with qtbot.waitSignal(window.jobFinished, timeout=60000):
        window.add_archive_folder(str(archive))
    qtbot.waitUntil(lambda: window.list_model.rowCount() == 21, timeout=10000)
    article_id = open_and_wait(window, qtbot, "Trade rules")
    for passage in ("new rules on customs", "freight rates to ease"):
        select_on_page(window, passage)
        wait_shown(window, qtbot, window.act_highlight.trigger)
    window.annotating.toggle_panel()

    # The file changes: a paragraph before (every offset moves), the last one rewritten.
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace(
            "Ports reported record volumes.",
            "A new opening paragraph.\n\nPorts reported record volumes.",
        )
        .replace(LOSE, "Nobody knows what rates will do."),
        encoding="utf-8",
    )
    with (
        event_loop_watch(),
        qtbot.waitSignal(window.annotating.articleAnnotationsShown, timeout=60000),
    ):
        window.rescan_folders()
    assert "A new opening paragraph." in window.reader.browser.toPlainText()
    found = stored(window).annotations_for(article_id)
    placed, orphan = found
    assert placed.placed and placed.quote == "new rules on customs"
    assert window.reader.article.text[placed.start : placed.end] == placed.quote  # type: ignore[index,union-attr]
    start, _ = find_on_page(window, "new rules on customs")
    assert background_at(window, start) is not None  # drawn where the words are now
    assert orphan.orphaned and orphan.quote == "freight rates to ease"
    panel = window.annotating.article_panel
    assert [a.id for a in panel.items] == [placed.id, orphan.id]  # orphaned last
    assert "1 no longer found in the text" in panel.summary.text()
    index = panel.view.model().index(1, 0)
    assert "no longer in the text" in index.data(Qt.ItemDataRole.DisplayRole)
    assert index.data(ANNOTATION_ROLE).quote == "freight rates to ease"
    panel.view.activatedAnnotation.emit(orphan)
    assert "no longer in the article's text" in window.statusBar().currentMessage()
