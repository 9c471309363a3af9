"""Searching from the window: as you type, Chinese through an input method, filters,
opening a hit, Esc back to the list; and the list's own quick filter and Unread toggle."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent

from reader.ui.qt import QApplication, Qt
from reader.ui.search.panel import snippet_html
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import id_of, settle


def commit_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type *text* as an input method commits it (keyClicks cannot send CJK)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(win: MainWindow, qtbot, text: str, *, ime: bool = False):  # type: ignore[no-untyped-def]
    win.search_field.clear()
    with qtbot.waitSignal(win.searchFinished, timeout=20000) as blocker:
        if ime or not text.isascii():  # keyClicks with CJK aborts inside Qt
            commit_text(win.search_field, text)
        else:
            win.search_field.setFocus()
            qtbot.keyClicks(win.search_field, text)
    return blocker.args[0]


def titles(outcome) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.title for hit in outcome.hits]


def test_search_a_chinese_word_and_open_a_hit(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    outcome = search(window, qtbot, "海外仓", ime=True)
    assert window.search_field.text() == "海外仓"
    assert window.left.currentWidget() is window.search_panel
    assert outcome.hits, "the sample archive has articles about 海外仓"
    best = outcome.hits[0]
    assert best.title == "海外仓选址怎么算账?美西、美东与中部仓的成本对比"
    assert "[海外仓]" in best.snippet
    assert "海外仓</span>" in snippet_html(best.snippet, best.marks, "#ff0")
    assert "articles" in window.search_panel.summary.text()
    # Down into the results, Enter opens the hit, with the words marked in the article
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.search_panel.view.hasFocus()
    with qtbot.waitSignal(window.articleOpened, timeout=5000) as opened:
        qtbot.keyClick(window.search_panel.view, Qt.Key.Key_Return)
    assert opened.args == [best.id]
    assert window.reader.browser.toPlainText().startswith(best.title)
    assert window.reader.browser.extraSelections(), "the matched words are highlighted"
    # Esc returns to the full list, with the hit selected in it
    qtbot.keyClick(window.search_panel.view, Qt.Key.Key_Escape)
    assert window.left.currentWidget() is window.list_pane
    assert window.search_field.text() == ""
    assert window.article_list.current_id() == best.id


def test_latin_words_as_you_type_and_filters(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    outcome = search(window, qtbot, "freight")
    assert any("Freight" in t for t in titles(outcome))
    outcome = search(window, qtbot, "date:2024 海外仓")
    assert outcome.hits
    dates = {hit.date[:4] for hit in outcome.hits if hit.date}
    assert dates == {"2024"}
    outcome = search(window, qtbot, "site:电商週報")
    assert titles(outcome) == ["跨境包裹的碳足跡標示，會成為下一個合規門檻嗎？"]
    outcome = search(window, qtbot, "qqqzzzxxy")
    assert outcome.hits == []
    assert "No articles match" in window.search_panel.summary.text()
    # an emptied field is the list again
    window.search_field.clear()
    assert window.left.currentWidget() is window.list_pane


def test_slash_in_the_list_and_sort_by_date(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.article_list.setFocus()
    qtbot.keyClick(window.article_list, Qt.Key.Key_Slash)
    assert window.search_field.hasFocus()
    search(window, qtbot, "marketplace")
    with qtbot.waitSignal(window.searchFinished, timeout=20000) as blocker:
        window.search_panel.sort.setCurrentIndex(window.search_panel.sort.findData("date"))
    dates = [hit.date for hit in blocker.args[0].hits]
    assert dates == sorted(dates, reverse=True)


def test_quick_filter_and_unread_only(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.filter_field.setFocus()
    with qtbot.waitSignal(window.listReloaded, timeout=5000):
        commit_text(window.filter_field, "跨境")
    titles_shown = [
        window.list_model.index(r, 0).data() for r in range(window.list_model.rowCount())
    ]
    assert titles_shown and all(
        "跨境" in t or "跨境" in (window.list_model.index(r, 2).data() or "")
        for r, t in enumerate(titles_shown)
    )
    assert "of 20 articles" in window.list_pane.count_label.text()
    with qtbot.waitSignal(window.listReloaded, timeout=5000):
        qtbot.keyClicks(window.filter_field, "no such words")
    assert window.list_model.rowCount() == 0
    assert "No article title or site contains" in window.list_pane.empty_text.text()
    with qtbot.waitSignal(window.listReloaded, timeout=5000):
        qtbot.keyClick(window.filter_field, Qt.Key.Key_Escape)
    assert window.list_model.rowCount() == 20

    opened = id_of(window, "海外仓选址怎么算账?美西、美东与中部仓的成本对比")
    window.open_article(opened)
    settle(window, qtbot)
    title_index = window.list_model.index(window.list_model.row_of(opened), 0)
    other_index = window.list_model.index(0 if title_index.row() else 1, 0)
    # unread titles are bold, read ones are not
    assert other_index.data(Qt.ItemDataRole.FontRole).bold()
    assert not title_index.data(Qt.ItemDataRole.FontRole).bold()
    with qtbot.waitSignal(window.listReloaded, timeout=5000):
        window.list_pane.unread_button.click()
    assert window.list_model.rowCount() == 19
    assert window.list_model.row_of(opened) is None
    assert window.act_unread_only.isChecked()
    with qtbot.waitSignal(window.listReloaded, timeout=5000):
        window.act_unread_only.trigger()
    assert window.list_model.rowCount() == 20
    # m marks the selected article unread again
    window.article_list.setFocus()
    window.article_list.select_row(window.list_model.row_of(opened))
    qtbot.keyClick(window.article_list, Qt.Key.Key_M)
    assert window.list_model.is_read(opened) is False
    settle(window, qtbot)
    assert not window.catalogue.is_read(opened)


def test_reading_state_filters_from_the_window(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = search(window, qtbot, "is:unread 海外仓")
    opened = before.hits[0].id
    window.open_article(opened)
    settle(window, qtbot)  # the read mark is written
    after = search(window, qtbot, "is:unread 海外仓")
    assert opened not in [hit.id for hit in after.hits]
    assert len(after.hits) == len(before.hits) - 1
