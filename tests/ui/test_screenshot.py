"""A picture of the main window with a Chinese article open, to look at with one's eyes.

The test saves the PNG and prints its path (``pytest -s`` shows it). It checks what a
program can: a CJK font is installed (without one every Han character is a box) and the
window is not blank. Whether it reads well is for a person to judge; docs/screenshot.png
in the README is made this way.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ui.qt import Qt
from reader.ui.window.fonts import has_cjk_font
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import id_of, settle

ARTICLE = "海外仓选址怎么算账?美西、美东与中部仓的成本对比"


def test_screenshot_of_a_chinese_article(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not has_cjk_font():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    window.resize(1400, 860)
    window.splitter.setSizes([480, 920])
    window.open_article(id_of(window, ARTICLE))
    qtbot.waitUntil(lambda: bool(window.reader.related.similar), timeout=15000)
    settle(window, qtbot)
    qtbot.wait(100)
    out = Path(os.environ.get("READER_SCREENSHOT", tmp_path / "main-window.png"))
    out.parent.mkdir(parents=True, exist_ok=True)
    image = window.grab().toImage()
    assert image.save(str(out))
    print(f"\nscreenshot: {out}")
    assert out.stat().st_size > 20_000
    # Not blank: the page holds many distinct colors (anti-aliased text), not one.
    colors = {image.pixel(x, y) for x in range(500, 1300, 7) for y in range(80, 700, 7)}
    assert len(colors) > 20


def test_screenshot_of_highlights_and_the_side_panel(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """docs/screenshot-annotations.png: a Chinese article with three highlights (one with
    a note), the Highlights panel beside it, the ★ column in the list."""
    if not has_cjk_font():
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    from reader.ui.qt import QTextCursor

    window.resize(1400, 860)
    article_id = id_of(window, ARTICLE)
    with qtbot.waitSignal(window.annotating.articleAnnotationsShown, timeout=10000):
        window.open_article(article_id)
    article = window.reader.article
    assert article is not None
    paragraphs = article.paragraphs
    document = window.reader.browser.document()
    for passage, color, note in (
        (paragraphs[0][:24], "yellow", None),
        (paragraphs[1][10:40], "green", "仓租之外，尾程和退货才是大头"),
        (paragraphs[2][:18], "blue", None),
    ):
        found = document.find(passage, document.findBlockByNumber(2).position())
        cursor = QTextCursor(document)
        cursor.setPosition(found.selectionStart())
        cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
        window.reader.browser.setTextCursor(cursor)
        with qtbot.waitSignal(window.annotating.articleAnnotationsShown, timeout=10000):
            if note:
                window.annotating.add_note()
                dialog = window.annotating.dialog
                dialog.editor.setPlainText(note)  # type: ignore[union-attr]
                dialog.choose_color(color)  # type: ignore[union-attr]
                dialog.save()  # type: ignore[union-attr]
            else:
                window.annotating.highlight(color)
    with qtbot.waitSignal(window.annotating.articleAnnotationsShown, timeout=10000):
        window.annotating.toggle_bookmark()
    window.annotating.toggle_panel()
    window.resizeDocks([window.annotating.article_dock], [330], Qt.Orientation.Horizontal)
    window.splitter.setSizes([430, 640])
    window.reader.browser.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: bool(window.reader.related.similar), timeout=15000)
    settle(window, qtbot)
    qtbot.wait(100)
    out = Path(os.environ.get("READER_SCREENSHOT_ANNOTATIONS", tmp_path / "annotations.png"))
    out.parent.mkdir(parents=True, exist_ok=True)
    image = window.grab().toImage()
    assert image.save(str(out))
    print(f"\nscreenshot: {out}")
    assert out.stat().st_size > 20_000
    assert len(window.annotating.article_panel.items) == 3
