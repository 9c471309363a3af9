"""Reading in the real window: open, follow related links offline, back and forward,
external links only on click, other schemes refused, keys, zoom, find, positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.article import Link
from reader.ui.qt import QDesktopServices, QMouseEvent, QPointF, Qt, QTextDocument, QUrl
from reader.ui.reading.links import article_url
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import (
    add_article,
    click_link,
    hrefs,
    id_of,
    make_window,
    settle,
)

WAREHOUSE = "海外仓选址怎么算账?美西、美东与中部仓的成本对比"
RETURNS = "跨境退货怎么处理?二次销售、本地清算与销毁的取舍"
EUROPE = "Why Small Sellers Are Moving Inventory Closer to European Customers"


def open_from_list(win: MainWindow, qtbot, title: str) -> int:  # type: ignore[no-untyped-def]
    article_id = id_of(win, title)
    row = win.list_model.row_of(article_id)
    assert row is not None
    view = win.article_list
    rect = view.visualRect(win.list_model.index(row, 0))
    with qtbot.waitSignal(win.articleOpened, timeout=5000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return article_id


def page_text(win: MainWindow) -> str:
    return win.reader.browser.toPlainText()


def test_open_an_article_from_the_list(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.list_model.rowCount() == 20
    article_id = open_from_list(window, qtbot, WAREHOUSE)
    assert window.reader.current_id == article_id
    text = page_text(window)
    assert text.startswith(WAREHOUSE)
    assert "不少卖家第一次租用海外仓时" in text
    assert "2023-03-14" in text and "跨境电商资讯" in text and "Original at kjdsnews.com" in text
    assert "Related links" in text and "Linked from" in text
    assert WAREHOUSE in window.windowTitle()
    # opened means read: the list shows it at once, the catalogue after the write
    assert window.list_model.is_read(article_id) is True
    settle(window, qtbot)
    assert window.catalogue.is_read(article_id)
    assert window.unread_label.text() == "19 unread of 20"
    # and the similar articles arrive from the index
    qtbot.waitUntil(lambda: window.reader.related.similar is not None, timeout=10000)
    assert window.reader.related.similar, "the sample archive has similar articles"
    assert all(row["id"] != article_id for row in window.reader.related.similar)
    assert window.last_open_ms > 0  # measured (its figures: bench/gui_bench.py)


def test_follow_a_related_link_offline_then_back_and_forward(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_urls.append(url))
    first = open_from_list(window, qtbot, WAREHOUSE)
    target = id_of(window, RETURNS)
    assert article_url(target) in hrefs(window)
    with qtbot.waitSignal(window.articleOpened, timeout=5000) as blocker:
        click_link(window, qtbot, article_url(target))
    assert blocker.args == [target]
    assert page_text(window).startswith(RETURNS)
    assert opened_urls == [], "an archived link never goes to the browser"
    # "linked from" names the article we came from
    assert article_url(first) in hrefs(window)

    assert window.act_back.isEnabled()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reader.current_id == first
    assert window.act_forward.isEnabled()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.reader.current_id == target
    # the mouse's back button walks the same history
    viewport = window.reader.browser.viewport()
    for kind in (QMouseEvent.Type.MouseButtonPress, QMouseEvent.Type.MouseButtonRelease):
        event = QMouseEvent(
            kind,
            QPointF(20, 20),
            QPointF(20, 20),
            Qt.MouseButton.BackButton,
            Qt.MouseButton.BackButton,
            Qt.KeyboardModifier.NoModifier,
        )
        from reader.ui.qt import QApplication

        QApplication.sendEvent(viewport, event)
    assert window.reader.current_id == first


def test_external_link_opens_in_the_browser_only_when_clicked(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened_urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened_urls.append(url.toString()) or True
    )
    open_from_list(window, qtbot, WAREHOUSE)
    source = "https://www.kjdsnews.com/a/1452207.html"
    assert source in hrefs(window)
    # hovering shows where it goes, and opens nothing
    window.reader.linkHovered.emit(source)
    assert source in window.statusBar().currentMessage()
    assert "browser" in window.statusBar().currentMessage()
    assert opened_urls == []
    click_link(window, qtbot, source)
    assert opened_urls == [source]
    assert "Opened in your browser" in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    "url, why",
    [
        ("javascript:alert(document.cookie)", "javascript: links run code"),
        ("data:text/html,<script>alert(1)</script>", "data: links"),
        ("file:///etc/passwd", "outside the archive"),
        ("ftp://files.example.com/x", "ftp: links are not opened"),
    ],
)
def test_other_schemes_are_refused_and_say_why(  # type: ignore[no-untyped-def]
    library: Path, qtbot, monkeypatch: pytest.MonkeyPatch, url: str, why: str
) -> None:
    article_id = add_article(library, "Links of every kind", [Link("A suspicious link", url)])
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: opened_urls.append(u))
    win = make_window(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_article(article_id)
    assert url in hrefs(win)
    click_link(win, qtbot, url)
    assert opened_urls == []
    assert win.reader.current_id == article_id, "nothing navigated"
    assert why in win.statusBar().currentMessage()
    win.close()


def test_reader_pane_never_loads_resources(window: MainWindow, qtbot, library: Path) -> None:  # type: ignore[no-untyped-def]
    browser = window.reader.browser
    for url in ("http://example.com/tracker.png", "file:///etc/hostname", "article:1"):
        assert (
            browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(url)) is None
        )
    # article text is text: markup in a title is shown, never interpreted
    evil = add_article(
        library,
        '<img src="http://example.com/x.png"> <b>Bold?</b>',
        [],
        body=['<a href="javascript:alert(1)">click</a>'],
    )
    window.open_article(evil)
    text = page_text(window)
    assert '<img src="http://example.com/x.png">' in text
    assert '<a href="javascript:alert(1)">click</a>' in text
    assert "javascript:alert(1)" not in hrefs(window)


def test_keyboard_moves_opens_and_scrolls(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = window.article_list
    view.setFocus()
    view.select_row(0)
    first = window.list_model.id_at(0)
    with qtbot.waitSignal(window.articleOpened, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.reader.current_id == first
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    with qtbot.waitSignal(window.articleOpened, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.reader.current_id == window.list_model.id_at(2)
    # Space pages the article while the list keeps the focus
    window.resize(900, 500)
    qtbot.wait(50)
    bar = window.reader.browser.verticalScrollBar()
    assert bar.maximum() > 0
    before = bar.value()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert bar.value() > before
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() == before


def test_zoom_and_find(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    open_from_list(window, qtbot, EUROPE)
    base = window.reader.zoom
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom > base
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom < base
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.zoom == pytest.approx(1.0)

    qtbot.keyClick(window.reader.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.reader.find_bar.field
    assert window.reader.find_bar.isVisible() and field.hasFocus()
    qtbot.keyClicks(field, "warehouse")
    assert window.reader.matches >= 1
    assert window.reader.browser.textCursor().selectedText().lower() == "warehouse"
    total = window.reader.matches
    assert window.reader.find_bar.count.text() == f"1 of {total}"  # which hit, of all
    assert total > 1  # the article names its warehouses more than once
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.reader.find_bar.count.text() == f"2 of {total}"
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.reader.find_bar.count.text() == f"1 of {total}"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not window.reader.find_bar.isVisible()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field.clear()
    qtbot.keyClicks(field, "zzqqxx")
    assert window.reader.matches == 0 and window.reader.find_bar.count.text() == "Not found"


def test_each_article_reopens_where_it_was_left(  # type: ignore[no-untyped-def]
    library: Path, qtbot
) -> None:
    win = make_window(library)
    qtbot.addWidget(win)
    win.resize(900, 500)
    win.show()
    qtbot.waitExposed(win)
    first = id_of(win, WAREHOUSE)
    win.open_article(first)
    bar = win.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    left_at = win.reader.position()
    assert left_at > 0
    win.open_article(id_of(win, RETURNS))
    assert bar.value() == 0
    win.open_article(first)
    assert abs(win.reader.position() - left_at) < 40
    settle(win, qtbot)
    win.close()
    # and after a restart, from the catalogue
    again = make_window(library)
    qtbot.addWidget(again)
    again.resize(900, 500)
    again.show()
    qtbot.waitExposed(again)
    again.open_article(first)
    assert abs(again.reader.position() - left_at) < 40
    again.close()


def test_dark_theme_follows_the_palette(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    open_from_list(window, qtbot, WAREHOUSE)
    assert not window.reader.colors().dark
    window.set_theme("dark")
    qtbot.waitUntil(lambda: window.reader.colors().dark, timeout=3000)
    html = window.reader.browser.document().toHtml()
    assert (
        window.reader.colors().background in html.lower()
        or "background-color" in window.reader.browser.styleSheet()
    )
    assert window.reader.current_id == id_of(window, WAREHOUSE)
    window.set_theme("light")
    qtbot.waitUntil(lambda: not window.reader.colors().dark, timeout=3000)
    window.set_theme("system")


def test_page_markup_is_escaped_and_long_lists_are_cut() -> None:
    from reader.article import Article, Block
    from reader.ui.reading.article_html import LINKED_FROM_SHOWN, RelatedInfo, render_article
    from reader.ui.window.theme import ReadingColors

    colors = ReadingColors("#000", "#fff", "#777", "#00f", "#ddd", "#ff0", False)
    article = Article(
        title="A <b>title</b>",
        blocks=[Block("p", "x < y & z"), Block("li", "one"), Block("li", "two")],
        language="en",
        source_url='https://example.com/?q="1"',
    )
    rows = [{"id": i, "title": f"T{i}", "date": None, "site": None} for i in range(100)]
    page = render_article(article, 1, RelatedInfo(linked_from=rows, similar=[]), colors)
    assert "A &lt;b&gt;title&lt;/b&gt;" in page and "x &lt; y &amp; z" in page
    assert 'href="https://example.com/?q=&quot;1&quot;"' in page
    assert "<ul><li>one</li><li>two</li></ul>" in page.replace("\n", "")
    assert page.count('href="article:') == LINKED_FROM_SHOWN
    assert f"and {100 - LINKED_FROM_SHOWN} more" in page
