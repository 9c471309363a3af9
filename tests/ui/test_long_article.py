"""A long article (about 200,000 characters) through the real window: every screen of it
is drawn, however it was opened and whatever re-renders it, and the reader has no caret.

Qt lays a long document out lazily, a step at a time after it is shown. A highlight
painted into the page while that layout was still under way left the paragraphs after it
with no layout at all: several screens below the passage came out white, though the text
was there (find found it). These tests open the article the ways a person does, re-render
it the ways the window does, scroll down screen after screen and look at what is drawn.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from reader.ui.qt import QApplication, QColor, QPoint, Qt, QTextCursor
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import add_article, id_of, make_window, settle

LONG_TITLE = "A Very Long Report on Shipping Lanes"
OTHER = "Why Small Sellers Are Moving Inventory Closer to European Customers"
LONG_CHARS = 200_000
PAGES = 10  # screens scrolled down after the jump
WORDS = (
    "shipping warehouse customs freight carrier parcel import export tariff seller market "
    "supply chain inventory route port delivery container vessel schedule broker invoice "
    "duty clearance pallet courier demand season margin"
).split()


def long_body(chars: int = LONG_CHARS) -> list[str]:
    """Paragraphs of generated English prose, about *chars* characters in all, each
    starting with its number so a test can tell where it is."""
    rng = random.Random(11)
    paragraphs: list[str] = []
    total = 0
    while total < chars:
        sentences = []
        for _ in range(rng.randint(4, 8)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
            sentences.append(" ".join(words).capitalize() + ".")
        text = f"Section {len(paragraphs) + 1}. " + " ".join(sentences)
        paragraphs.append(text)
        total += len(text) + 2
    return paragraphs


@pytest.fixture
def body() -> list[str]:
    return long_body()


@pytest.fixture
def long_window(qtbot, library: Path, body: list[str]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The window over the sample library plus one article of about 200,000 characters."""
    add_article(library, LONG_TITLE, [], body=body)
    win = make_window(library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def open_and_wait(win: MainWindow, qtbot, title: str) -> int:  # type: ignore[no-untyped-def]
    article_id = id_of(win, title)
    with qtbot.waitSignal(win.annotating.articleAnnotationsShown, timeout=10000):
        assert win.open_article(article_id)
    return article_id


def highlight_paragraph(win: MainWindow, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select a whole paragraph, as a person dragging over it, and highlight it."""
    browser = win.reader.browser
    found = browser.document().find(text)
    assert not found.isNull(), f"{text[:30]!r} is not on the page"
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    with qtbot.waitSignal(win.annotating.articleAnnotationsShown, timeout=10000):
        win.act_highlight.trigger()


def annotate_two_near_the_top(win: MainWindow, qtbot, body: list[str]) -> int:  # type: ignore[no-untyped-def]
    long_id = open_and_wait(win, qtbot, LONG_TITLE)
    for paragraph in (body[1], body[2]):
        highlight_paragraph(win, qtbot, paragraph)
    settle(win, qtbot)
    return long_id


def jump_from_all_highlights(win: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """View > All Highlights, then a click on the older of the two (the first paragraph)."""
    win.annotating.toggle_all()
    panel = win.annotating.all_panel
    qtbot.waitUntil(lambda: len(panel.items) == 2, timeout=5000)
    view = panel.view
    rect = view.visualRect(view.model().index(1, 0))
    with qtbot.waitSignal(win.annotating.articleAnnotationsShown, timeout=10000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def blank_blocks_in_view(win: MainWindow) -> list[str]:
    """The paragraphs with text that cross the visible area but have no laid-out line
    (Qt draws nothing for them)."""
    browser = win.reader.browser
    layout = browser.document().documentLayout()
    top = browser.verticalScrollBar().value()
    bottom = top + browser.viewport().height()
    blank = []
    block = browser.document().begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if rect.top() > bottom:
            break
        if block.text().strip() and rect.bottom() >= top and block.layout().lineCount() == 0:
            blank.append(block.text()[:24])
        block = block.next()
    return blank


def ink_share(win: MainWindow) -> float:
    """The share of the viewport's pixels drawn near the text color: 0 on a white screen,
    a few percent on a screen of text."""
    image = win.reader.browser.viewport().grab().toImage()
    image = image.convertToFormat(image.Format.Format_RGB32)  # B, G, R, unused a pixel
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )
    pixels = rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)
    text = QColor(win.reader.colors().text)
    wanted = np.array([text.blue(), text.green(), text.red()], dtype=np.int16)
    distance = np.abs(pixels[:, :, :3].astype(np.int16) - wanted).sum(axis=2)
    return float((distance < 240).mean())


def assert_each_screen_drawn(win: MainWindow, qtbot, pages: int = PAGES) -> None:  # type: ignore[no-untyped-def]
    """PageDown screen after screen: each one has its text laid out and drawn."""
    browser = win.reader.browser
    bar = browser.verticalScrollBar()
    browser.setFocus()
    for page in range(pages):
        before = bar.value()
        qtbot.keyClick(browser, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda before=before: bar.value() > before, timeout=3000)
        assert blank_blocks_in_view(win) == [], f"screen {page + 1} has paragraphs not laid out"
        assert ink_share(win) > 0.02, f"screen {page + 1} is drawn blank"


def test_jump_from_all_highlights_then_page_down_draws_every_screen(  # type: ignore[no-untyped-def]
    long_window: MainWindow, qtbot, body: list[str]
) -> None:
    win = long_window
    long_id = annotate_two_near_the_top(win, qtbot, body)
    open_and_wait(win, qtbot, OTHER)
    settle(win, qtbot)
    jump_from_all_highlights(win, qtbot)
    assert win.reader.current_id == long_id and win.reader.flashing
    settle(win, qtbot)  # the similar articles answer too: the page is rendered again
    # They may answer before or after the highlights; after them is what re-rendered the
    # page with its highlights while the layout had only begun. Answered again here, so
    # the test does not depend on which of the two background services was quicker.
    win.reader.set_similar(long_id, [])
    # still at the passage, and from there screen after screen down
    passage = win.reader.annotation_doc_range(win.annotating.all_panel.items[1].id)
    assert passage is not None
    browser = win.reader.browser
    top = browser.cursorRect(win.reader._cursor(*passage)).top()  # noqa: SLF001 - where it is
    assert 0 <= top < browser.viewport().height()
    assert_each_screen_drawn(win, qtbot)


@pytest.mark.parametrize("change", ["bookmark", "zoom", "theme"])
def test_long_article_with_highlights_stays_drawn_after_the_page_changes(  # type: ignore[no-untyped-def]
    long_window: MainWindow, qtbot, body: list[str], change: str
) -> None:
    """The other ways the page is rendered again while its highlights are on it: the
    bookmark star in the meta line, zoom, a theme change."""
    win = long_window
    annotate_two_near_the_top(win, qtbot, body)
    try:
        if change == "bookmark":
            with qtbot.waitSignal(win.annotating.articleAnnotationsShown, timeout=10000):
                win.annotating.toggle_bookmark()
        elif change == "zoom":
            win.act_zoom_in.trigger()
        else:
            win.theme_actions["dark"].trigger()
        win.reader.browser.verticalScrollBar().setValue(0)
        assert_each_screen_drawn(win, qtbot)
    finally:
        win.set_theme("system")


def test_the_reader_shows_no_caret_and_keys_scroll_from_where_you_are(  # type: ignore[no-untyped-def]
    long_window: MainWindow, qtbot, body: list[str]
) -> None:
    """A read-only page has no text cursor to blink. PageDown goes on from the screen you
    are reading (not from an invisible caret left at the top), while selecting with the
    mouse, copying and find still work."""
    win = long_window
    open_and_wait(win, qtbot, LONG_TITLE)
    settle(win, qtbot)
    browser = win.reader.browser
    viewport = browser.viewport()
    win.activateWindow()
    browser.setFocus()
    qtbot.waitUntil(browser.hasFocus, timeout=3000)
    # a plain click on the text, where a caret would appear
    start = browser.document().find(body[0]).selectionStart() + 12
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    rect = browser.cursorRect(cursor)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(rect.x(), rect.center().y()))
    assert browser.textCursor().position() in range(start - 1, start + 2)
    focused = []
    for _ in range(4):  # over more than one blink of a caret (cursorFlashTime, 1 s)
        qtbot.wait(300)
        focused.append(viewport.grab().toImage())
    browser.clearFocus()
    qtbot.waitUntil(lambda: not browser.hasFocus(), timeout=3000)
    unfocused = viewport.grab().toImage()
    assert all(image == unfocused for image in focused), "a caret is drawn in the reader"

    # keys scroll the view from where it is
    browser.setFocus()
    bar = browser.verticalScrollBar()
    far = bar.maximum() // 2
    bar.setValue(far)
    qtbot.keyClick(browser, Qt.Key.Key_PageDown)
    assert bar.value() > far
    qtbot.keyClick(browser, Qt.Key.Key_Up)
    assert far < bar.value()
    # selecting with the mouse
    bar.setValue(0)
    first = browser.cursorRect(cursor)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(first.x(), first.center().y()))
    qtbot.mouseMove(viewport, QPoint(first.x() + 200, first.center().y()))
    qtbot.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, pos=QPoint(first.x() + 200, first.center().y())
    )
    selected = browser.textCursor().selectedText()
    assert len(selected) > 5 and selected in body[0]
    QApplication.clipboard().clear()
    qtbot.keyClick(browser, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == selected
    # find, from the keyboard
    qtbot.keyClick(browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.reader.find_bar.isVisible()
    win.reader.find_bar.field.setText("")
    wanted = f"Section {len(body) * 2 // 3}."
    qtbot.keyClicks(win.reader.find_bar.field, wanted)
    assert browser.textCursor().selectedText() == wanted
    assert bar.value() > 0
