"""Through the real window: a reading-progress strip above the article and "38% · 6 min
left" in the status bar follow the scroll; nothing shows without an article."""

from __future__ import annotations

from reader.ui.qt import Qt
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import add_article, make_window, settle

PARAGRAPH = "The port authority reviewed container traffic and parcel flows this week. " * 6


def test_progress_follows_the_scroll_and_says_the_time_left(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    article_id = add_article(library, "A long read", [], body=[PARAGRAPH] * 120)
    window: MainWindow = make_window(library)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    settle(window, qtbot)
    assert window.reading_label.text() == ""
    assert not window.reader.progress.isVisible()
    window.open_article(article_id)
    settle(window, qtbot)
    strip = window.reader.progress
    assert strip.isVisible() and strip.fraction == 0.0
    start = window.reading_label.text()
    assert start.startswith("0% · ") and start.endswith("min left")
    total = int(start.split("· ")[1].split()[0])
    assert total >= 5  # 120 paragraphs of 72 words: about 37 minutes
    bar = window.reader.browser.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.wait(20)
    assert 0.45 < strip.fraction < 0.55
    half = window.reading_label.text()
    assert half.startswith(("49%", "50%", "51%"))
    assert int(half.split("· ")[1].split()[0]) < total
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_End)  # as in a web browser
    qtbot.waitUntil(lambda: strip.fraction == 1.0, timeout=3000)
    assert window.reading_label.text() == "100% · the end"
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: strip.fraction == 0.0, timeout=3000)
    window.reader.show_message("Nothing open", ["-"])
    assert window.reading_label.text() == "" and not strip.isVisible()
    window.shutdown()
