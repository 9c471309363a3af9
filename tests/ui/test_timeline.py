"""The timeline above the list, in the real window over the sample library (offscreen).

Its counts are the catalogue's, recounted by hand; a drag across its bars puts a
``date:A..B`` term in the search field and the hits narrow to that range; Esc takes it
out; the dark theme paints it in its own colors; Chinese labels its months.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from reader.annotations.store import AnnotationStore
from reader.timeline import library_months
from reader.ui.library.timeline import TimelineChart, bar_tip, month_label
from reader.ui.qt import QApplication, QPoint, Qt
from reader.ui.window.mainwindow import MainWindow
from tests.ui.conftest import make_window, settle


def brute(dates: Iterable[str | None]) -> dict[str, int]:
    return dict(sorted(Counter(d[:7] for d in dates if d and len(d) >= 7).items()))


def library_dates(win: MainWindow) -> dict[int, str | None]:
    return {r["id"]: r["date"] for r in win.catalogue.list_articles()}


def wait_counts(win: MainWindow, qtbot, expected: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    chart = win.timeline.chart
    qtbot.waitUntil(lambda: chart.counts == expected, timeout=20000)


def point(chart: TimelineChart, key: str) -> QPoint:
    index = [b.key for b in chart.bins()].index(key)
    return chart.bar_rect(index).center().toPoint()


def drag(qtbot, chart: TimelineChart, first: str, last: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(chart, Qt.MouseButton.LeftButton, pos=point(chart, first))
    qtbot.mouseMove(chart, point(chart, last))
    qtbot.mouseRelease(chart, Qt.MouseButton.LeftButton, pos=point(chart, last))


def test_counts_shown_are_the_catalogues(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The whole library, then the bookmarks view, then a filtered list."""
    dates = library_dates(window)
    expected = brute(dates.values())
    assert expected == library_months(window.catalogue) and len(expected) > 10
    wait_counts(window, qtbot, expected)
    chart = window.timeline.chart
    assert chart.isVisible() and chart.geometry().bottom() < window.list_pane.geometry().top()
    assert sum(b.count for b in chart.bins()) == sum(expected.values())
    # a bar for every month of the span, the empty ones too
    keys = [b.key for b in chart.bins()]
    assert keys[0] == min(expected) and keys[-1] == max(expected) and len(keys) > len(expected)

    marked = sorted(dates)[::4]
    store = AnnotationStore(window.catalogue)
    for article_id in marked:
        store.bookmark(article_id)
    window.toggle_bookmarks_only(True)
    settle(window, qtbot)
    assert sorted(window.list_model.ids) == marked
    wait_counts(window, qtbot, brute(dates[i] for i in marked))
    # a drag here searches the bookmarks in that range, not the whole library
    chart = window.timeline.chart
    filled = [b.key for b in chart.bins() if b.count]
    drag(qtbot, chart, filled[0], filled[-1])
    assert window.search_field.text() == f"is:bookmarked date:{filled[0]}..{filled[-1]}"
    qtbot.waitUntil(lambda: len(window.search_panel.model.hits) == len(marked), timeout=20000)
    assert {h.id for h in window.search_panel.model.hits} == set(marked)
    window.close_search()
    window.toggle_bookmarks_only(False)
    wait_counts(window, qtbot, expected)

    window.filter_field.setText("跨境")
    qtbot.waitUntil(lambda: len(window.list_model.ids) < len(dates), timeout=10000)
    settle(window, qtbot)
    wait_counts(window, qtbot, brute(dates[i] for i in window.list_model.ids))


def test_a_drag_sets_the_date_filter_and_the_hits_narrow(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dates = library_dates(window)
    wait_counts(window, qtbot, brute(dates.values()))
    chart = window.timeline.chart
    filled = [b.key for b in chart.bins() if b.count]
    first, last = filled[2], filled[7]
    drag(qtbot, chart, first, last)
    assert window.search_field.text() == f"date:{first}..{last}"
    inside = {i: d for i, d in dates.items() if d and first <= d[:7] <= last}
    qtbot.waitUntil(
        lambda: window.search.active and len(window.search_panel.model.hits) == len(inside),
        timeout=20000,
    )
    assert {h.id for h in window.search_panel.model.hits} == set(inside)
    wait_counts(window, qtbot, brute(inside.values()))
    assert chart.selection == (first, last)

    # a second drag replaces the term; words already typed stay
    window.search_field.setText(f"海外仓 date:{first}..{last}")
    drag(qtbot, chart, filled[0], filled[0])
    assert window.search_field.text() == f"海外仓 date:{filled[0]}"
    settle(window, qtbot)

    # Esc on the timeline takes the date out; with nothing else left, the list is back
    window.search_field.setText(f"date:{first}..{last}")
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.left.currentWidget() is window.list_pane
    wait_counts(window, qtbot, brute(dates.values()))
    # a double-click does the same
    drag(qtbot, chart, first, last)
    qtbot.mouseDClick(chart, Qt.MouseButton.LeftButton, pos=point(chart, first))
    assert "date:" not in window.search_field.text()
    settle(window, qtbot)


def test_dark_theme_paints_its_own_colors(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    wait_counts(window, qtbot, brute(library_dates(window).values()))
    chart = window.timeline.chart
    bins = chart.bins()
    full = next(i for i, b in enumerate(bins) if b.count)
    empty = next(i for i, b in enumerate(bins) if not b.count)

    def painted() -> tuple[int, int]:
        QApplication.processEvents()
        image = chart.grab().toImage()
        bar = image.pixelColor(chart.bar_rect(full, bins[full].count).center().toPoint())
        gap = image.pixelColor(chart.bar_rect(empty).center().toPoint())
        assert bar == chart.colors()["bar"]  # drawn in the palette's colors
        return bar.rgb(), gap.lightness()

    try:
        window.set_theme("light")
        light_bar, light_ground = painted()
        window.set_theme("dark")
        dark_bar, dark_ground = painted()
    finally:
        window.set_theme("system")
    assert dark_bar != light_bar
    assert dark_ground < 100 < light_ground


def test_the_toggle_hides_it_and_is_remembered(library: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.act_timeline.isChecked() and win.timeline.chart.isVisible()
    top = win.list_pane.mapTo(win, QPoint(0, 0)).y()
    win.act_timeline.trigger()
    assert not win.timeline.chart.isVisible() and not win.settings.timeline
    QApplication.processEvents()
    assert win.list_pane.mapTo(win, QPoint(0, 0)).y() < top  # the list takes the room
    win.close()
    again = make_window(library)
    qtbot.addWidget(again)
    again.show()
    assert not again.act_timeline.isChecked() and not again.timeline.chart.isVisible()
    again.close()


def test_labels_follow_the_language(speaking, library: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert month_label("2024-05") == "May 2024"
    assert bar_tip("2024-05", 37) == "May 2024: 37 articles"
    assert bar_tip("2024-05", 1) == "May 2024: 1 article"
    assert bar_tip("2024-05", 3, exact=False) == "May 2024: about 3 articles"
    speaking("zh_CN")  # type: ignore[operator]
    assert month_label("2024-05") == "2024年5月"
    assert bar_tip("2024-05", 37) == "2024年5月: 37 篇"
    assert month_label("2024") == "2024年"
    win = make_window(library)
    qtbot.addWidget(win)
    win.show()
    chart = win.timeline.chart
    qtbot.waitUntil(lambda: bool(chart.counts), timeout=20000)
    index = next(i for i, b in enumerate(chart.bins()) if b.count)
    key = chart.bins()[index].key
    assert chart.tip(index) == f"{int(key[:4])}年{int(key[5:7])}月: 1 篇"
    assert win.act_timeline.text() == "时间线(&M)"
    win.close()
    speaking("zh_TW")  # type: ignore[operator]
    assert bar_tip("2024-05", 2, exact=False) == "2024年5月: 約 2 篇"


def test_a_paint_makes_the_bars_once(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each bar's geometry asked for every bar afresh (a paint grew with the square of
    the months: 17 ms at a library's span, the longest stall while typing)."""
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(400, chart.sizeHint().height())
    months = {f"{y}-{m:02d}": (y * m) % 7 + 1 for y in range(2015, 2025) for m in range(1, 13)}
    chart.set_axis(months)
    chart.set_counts(months)
    made = []
    original = chart._make_bins
    monkeypatch.setattr(chart, "_make_bins", lambda: made.append(1) or original())
    chart.grab()
    chart.grab()
    assert len(made) <= 1
    chart.set_counts({"2020-05": 3})  # new counts: the bars are made again, once
    chart.grab()
    assert len(made) <= 2
    assert [b.count for b in chart.bins() if b.count] == [3]
