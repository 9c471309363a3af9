"""The window's layout from 800x600 up (issue 11, bug 6): the reader keeps a readable
width beside the list and a highlight panel, never scrolls sideways, the status bar's
report and the unread counter never draw over each other, and a wider window gives the
list more room for its titles."""

from __future__ import annotations

from reader.background.jobs import JobOutcome
from reader.ui.qt import QApplication, QRect, QWidget
from reader.ui.window.mainwindow import READER_MIN_WIDTH, TITLE_MIN_WIDTH, MainWindow
from tests.ui.conftest import settle


def lay_out(win: MainWindow, qtbot, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    win.resize(width, height)
    qtbot.waitUntil(lambda: win.width() == width and win.height() == height, timeout=5000)
    for _ in range(3):
        QApplication.processEvents()


def in_bar(widget: QWidget, win: MainWindow) -> QRect:
    """*widget*'s rectangle in the status bar's coordinates."""
    bar = win.statusBar()
    return QRect(widget.mapTo(bar, widget.rect().topLeft()), widget.size())


def test_at_800x600_with_all_highlights_open_the_reader_keeps_its_width(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    lay_out(window, qtbot, 800, 600)
    window.act_all_highlights.trigger()
    dock = window.annotating.all_dock
    qtbot.waitUntil(dock.isVisible, timeout=5000)
    for _ in range(3):
        QApplication.processEvents()
    assert not dock.isFloating()
    left, reader = window.splitter.sizes()
    assert reader >= 300 and window.reader.width() >= 300, (left, reader, dock.width())
    assert left >= 200, (left, reader)
    assert dock.width() >= 180, dock.width()
    # the list keeps readable titles: it drops its Site and Date columns first
    header = window.article_list.horizontalHeader()
    assert header.sectionSize(0) >= 120, [header.sectionSize(c) for c in range(header.count())]
    # everything fits in the window: nothing pushed out of it
    assert window.left.width() + window.reader.width() + dock.width() <= 800
    # every sample article reads without scrolling sideways at this width
    browser = window.reader.browser
    for row in range(window.list_model.rowCount()):
        article_id = window.list_model.id_at(row)
        assert article_id is not None
        with qtbot.waitSignal(window.articleOpened, timeout=5000):
            window.open_article(article_id)
        QApplication.processEvents()
        bar = browser.horizontalScrollBar()
        assert not bar.isVisible() and bar.maximum() == 0, (
            window.reader.article.title if window.reader.article else article_id,
            bar.maximum(),
        )
    settle(window, qtbot)


def test_a_panel_remembered_wide_is_narrowed_to_fit_a_small_window(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    lay_out(window, qtbot, 1600, 900)
    window.act_all_highlights.trigger()
    dock = window.annotating.all_dock
    qtbot.waitUntil(dock.isVisible, timeout=5000)
    window.resizeDocks([dock], [700], window.splitter.orientation())
    lay_out(window, qtbot, 800, 600)
    assert window.reader.width() >= READER_MIN_WIDTH
    assert window.left.width() + window.reader.width() + dock.width() <= 800


def test_at_800x600_the_list_gives_way_to_the_reader(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    lay_out(window, qtbot, 800, 600)
    left, reader = window.splitter.sizes()
    assert reader > left, (left, reader)
    assert not window.reader.browser.horizontalScrollBar().isVisible()
    header = window.article_list.horizontalHeader()
    assert header.sectionSize(0) >= TITLE_MIN_WIDTH  # the title, not the site, keeps the room
    # back to a wide window: the columns the list dropped come back as they were
    lay_out(window, qtbot, 1600, 900)
    assert not any(window.article_list.isColumnHidden(c) for c in range(header.count()))


def test_a_wider_window_widens_the_list(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    lay_out(window, qtbot, 1200, 800)
    at_1200 = window.splitter.sizes()
    lay_out(window, qtbot, 1600, 900)
    at_1600 = window.splitter.sizes()
    assert at_1600[0] > at_1200[0], (at_1200, at_1600)
    assert at_1600[1] >= at_1200[1]
    # titles cut at 1200 have more room, with every column shown
    header = window.article_list.horizontalHeader()
    title_at_1600 = header.sectionSize(0)
    assert not any(window.article_list.isColumnHidden(c) for c in range(header.count()))
    lay_out(window, qtbot, 1200, 800)
    assert window.splitter.sizes() == at_1200
    assert header.sectionSize(0) < title_at_1600
    assert not any(window.article_list.isColumnHidden(c) for c in range(header.count()))


def test_the_status_report_and_the_unread_counter_do_not_overlap(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    lay_out(window, qtbot, 800, 600)
    folders = "an-archive-folder-with-a-rather-long-name, and-another-one-beside-it"
    text = (
        f"{folders}: 1234 imported, 5 updated, 678 unchanged, 3 skipped in 12.3 s. "
        "Skipped: one.html, two.html, three.txt (Details… says why)."
    )
    window.report_outcome(
        JobOutcome("Import finished", text, details=["/a/one.html: the file is empty"])
    )
    window.progress.begin("Importing " + folders, immediately=True)
    for _ in range(3):
        QApplication.processEvents()
    report, unread, progress = window.status_report, window.unread_label, window.progress
    assert report.isVisible() and unread.isVisible() and progress.isVisible()
    assert unread.text().endswith("unread of 20")
    shown = [in_bar(w, window) for w in (report, progress, unread)]
    for i, a in enumerate(shown):
        assert a.right() < window.statusBar().width(), (i, a)
        for b in shown[i + 1 :]:
            assert not a.intersects(b), (a, b)
    # the unread counter is whole; the sentence is cut with "…" and whole on demand
    assert unread.width() >= unread.sizeHint().width()
    assert report.label.text().endswith("…") and report.label.full_text == text
    assert report.details_button.isVisible()
    window.progress.end()
    # without the progress bar, the same holds
    for _ in range(3):
        QApplication.processEvents()
    assert not in_bar(report, window).intersects(in_bar(unread, window))
