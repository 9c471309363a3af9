"""The timeline above the list: how many of the articles shown fall in each month.

A small painted widget (``TimelineChart``), not a chart library: bars by month, or by year
when a month would be thinner than ``MIN_MONTH_BAR`` pixels; the axis always spans the
library's dated months, so the bars of a search or of the bookmarks stand where they
stand in the whole archive and the picture does not jump as the query changes. Colors
come from the palette (the dark theme too), month and year labels from the interface
language's QLocale through translated QDate patterns ("May 2024" / "2024年5月").

Dragging across the bars (or clicking one) filters to that range: ``TimelineController``
puts a ``date:FROM..TO`` term into the search field (replacing one already there) and the
search runs as usual; Esc or a double-click takes the term out again. The range a query's
``date:`` term names is shaded.

What it counts is what the list shows: the whole library (one GROUP BY), a filtered list
or the bookmarks (the list's ids, counted in SQLite), a search's matches (all of them,
from the search process: ``reader.timeline.query_months``). Catalogue counts run in a
thread of their own and the search's in the search process, so typing never waits on
them; the latest request wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reader.catalogue import Catalogue
from reader.paths import catalogue_path
from reader.search.date_filter import date_range
from reader.timeline import by_year, library_months, month_span, months_of_ids
from reader.ui.i18n import translate
from reader.ui.qt import (
    QColor,
    QDate,
    QEvent,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QLineEdit,
    QLocale,
    QMouseEvent,
    QObject,
    QPainter,
    QPaintEvent,
    QPalette,
    QRectF,
    QSize,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QToolTip,
    QWidget,
    Signal,
)
from reader.ui.window.workers import TaskThread

MIN_MONTH_BAR = 3.0  # px a month's bar needs; thinner, the bars are years
BAR_GAP = 1.0  # px between bars (none when they would vanish)
CHART_HEIGHT = 44  # px of bars, above the axis labels
MARGIN = 6
# A date: term in a query, as the search syntax reads it (``date:2024``, ``date:..2022``).
DATE_TERM = re.compile(r"(?<!\S)date:(\S*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Bin:
    """One bar: a month (``2024-05``) or a year (``2024``) and how many articles."""

    key: str
    count: int


def month_label(key: str) -> str:
    """A month or a year as the interface language writes it ("May 2024", "2024年5月")."""
    if len(key) == 4:
        pattern = translate("Timeline", "yyyy", "a year, in QDate::toString's pattern")
        return QLocale().toString(QDate(int(key), 1, 1), pattern)
    pattern = translate("Timeline", "MMMM yyyy", "a month, in QDate::toString's pattern")
    return QLocale().toString(QDate(int(key[:4]), int(key[5:7]), 1), pattern)


def bar_tip(key: str, count: int, *, exact: bool = True) -> str:
    """The tooltip of a bar: "May 2024: 37 articles" / "2024年5月: 37 篇"."""
    when = month_label(key)
    if exact:
        return translate("Timeline", "{when}: %Ln article(s)", "", count).format(when=when)
    return translate("Timeline", "{when}: about %Ln article(s)", "", count).format(when=when)


def query_months_range(query: str) -> tuple[str, str] | None:
    """The months (``YYYY-MM``, both ends included) the last ``date:`` term of *query*
    names, open ends as ``0000-01`` / ``9999-12``; None without one the syntax takes."""
    terms = DATE_TERM.findall(query)
    bounds = date_range(terms[-1]) if terms else None
    if bounds is None:
        return None
    low, high = bounds[0], bounds[1].rstrip("~")
    low_month = low[:7] if len(low) >= 7 else f"{low[:4]}-01"
    high_month = high[:7] if len(high) >= 7 else f"{high[:4]}-12"
    return low_month, high_month


def with_date_term(query: str, term: str | None) -> str:
    """*query* with its ``date:`` terms replaced by *term* (None: taken out)."""
    rest = " ".join(DATE_TERM.sub(" ", query).split())
    return f"{rest} {term}".strip() if term else rest


class TimelineChart(QWidget):
    """Bars of counts by month or year over the library's span; drag to choose a range."""

    rangeChosen = Signal(str, str)  # first and last bin (YYYY-MM or YYYY), both included
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.sizeHint().height())
        self.setAccessibleName(translate("Timeline", "Timeline of the articles shown"))
        self.setAccessibleDescription(
            translate(
                "Timeline",
                "Drag across the bars to search that date range; Esc or a double-click clears it.",
            )
        )
        self._axis: list[str] = []  # every month of the library's span
        self._library: dict[str, int] = {}  # the library's counts (what a range can hold)
        self._counts: dict[str, int] = {}
        self.exact = True
        self.selection: tuple[str, str] | None = None  # months, from the query
        self._hover: int | None = None
        self._drag: tuple[int, int] | None = None  # bins, while the button is down
        self._pressed_at: float | None = None
        # bins() for the counts, axis and width it was made for: every bar's geometry
        # asks for them, and making them afresh each time cost 17 ms a paint at a
        # library's span of months (measured: the longest stall while typing, 108 ms).
        # (key, bins, the tallest bin's count, 1 at the least)
        self._bins_cache: tuple[tuple[int, int], list[Bin], int] | None = None
        self._data_version = 0

    # -- data --------------------------------------------------------------------------

    def set_axis(self, months: Mapping[str, int]) -> None:
        """The library's months: the axis runs from its first dated month to its last."""
        keys = sorted(months)
        self._library = dict(months)
        self._data_version += 1
        axis = month_span(keys[0], keys[-1]) if keys else []
        if axis != self._axis:
            self._axis = axis
            self._hover = None
            self.update()

    def set_counts(self, months: Mapping[str, int], *, exact: bool = True) -> None:
        """The bars: the articles shown, by month (months off the axis widen it)."""
        self._counts = dict(months)
        self._data_version += 1
        self.exact = exact
        if months:
            keys = sorted(months)
            first = min(keys[0], self._axis[0]) if self._axis else keys[0]
            last = max(keys[-1], self._axis[-1]) if self._axis else keys[-1]
            if not self._axis or (first, last) != (self._axis[0], self._axis[-1]):
                self._axis = month_span(first, last)
        self.update()

    def set_selection(self, selection: tuple[str, str] | None) -> None:
        if selection != self.selection:
            self.selection = selection
            self.update()

    @property
    def counts(self) -> dict[str, int]:
        """The counts shown, by month."""
        return dict(self._counts)

    @property
    def by_years(self) -> bool:
        """Whether a bar is a year: a month's would be thinner than MIN_MONTH_BAR."""
        return bool(self._axis) and self._plot().width() / len(self._axis) < MIN_MONTH_BAR

    def bins(self) -> list[Bin]:
        """The bars as drawn, empty ones included, in order (do not change the list)."""
        return self._cached_bins()[0]

    def _cached_bins(self) -> tuple[list[Bin], int]:
        """The bins and the tallest count, made once per counts, axis and width."""
        key = (self._data_version, self.width())
        if self._bins_cache is None or self._bins_cache[0] != key:
            bins = self._make_bins()
            self._bins_cache = (key, bins, max((b.count for b in bins), default=0) or 1)
        return self._bins_cache[1], self._bins_cache[2]

    def _make_bins(self) -> list[Bin]:
        if not self._axis:
            return []
        if self.by_years:
            years = by_year(self._counts)
            first, last = int(self._axis[0][:4]), int(self._axis[-1][:4])
            return [Bin(str(y), years.get(str(y), 0)) for y in range(first, last + 1)]
        return [Bin(m, self._counts.get(m, 0)) for m in self._axis]

    # -- geometry ----------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(240, CHART_HEIGHT + QFontMetrics(self.font()).height() + 2 * MARGIN)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(80, self.sizeHint().height())

    def _plot(self) -> QRectF:
        return QRectF(MARGIN, MARGIN, max(1, self.width() - 2 * MARGIN), CHART_HEIGHT)

    def bar_rect(self, index: int, count: int | None = None) -> QRectF:
        """Where bin *index* is drawn (the whole column when *count* is None)."""
        plot = self._plot()
        bins, most = self._cached_bins()
        n = max(1, len(bins))
        step = plot.width() / n
        gap = BAR_GAP if step >= 3 * BAR_GAP else 0.0
        left = plot.left() + index * step
        if count is None:
            return QRectF(left, plot.top(), step, plot.height())
        height = 0.0 if count <= 0 else max(2.0, plot.height() * count / most)
        return QRectF(left + gap / 2, plot.bottom() - height, step - gap, height)

    def bin_at(self, x: float) -> int | None:
        bins = self.bins()
        plot = self._plot()
        if not bins:
            return None
        index = int((x - plot.left()) / (plot.width() / len(bins)))
        return min(max(index, 0), len(bins) - 1)

    def _selected(self) -> tuple[int, int] | None:
        """The bins shaded: a drag under way, else the query's date range."""
        if self._drag is not None:
            a, b = self._drag
            return min(a, b), max(a, b)
        if self.selection is None:
            return None
        low, high = self.selection
        keys = [b.key for b in self.bins()]
        if not keys:
            return None
        width = len(keys[0])
        inside = [i for i, k in enumerate(keys) if low[:width] <= k <= high[:width]]
        return (inside[0], inside[-1]) if inside else None

    # -- painting ----------------------------------------------------------------------

    def colors(self) -> dict[str, QColor]:
        """The chart's colors, from the palette (so the dark theme has its own)."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)

        def mix(a: QColor, b: QColor, share: float) -> QColor:
            return QColor(
                round(a.red() + (b.red() - a.red()) * share),
                round(a.green() + (b.green() - a.green()) * share),
                round(a.blue() + (b.blue() - a.blue()) * share),
            )

        shade = QColor(accent)
        shade.setAlpha(70)
        # Bars lighter than the accent on a light ground, brighter on a dark one (mixed
        # toward the ground there, they sank into it); chosen bars in the accent itself.
        dark = base.lightness() < 128
        return {
            "bar": mix(accent, text, 0.25) if dark else mix(accent, base, 0.4),
            "chosen": mix(accent, text, 0.45) if dark else accent,
            "hover": mix(accent, text, 0.7) if dark else mix(accent, text, 0.35),
            "shade": shade,
            "ghost": mix(text, window, 0.88),
            "axis": mix(text, window, 0.65),
            "label": mix(text, window, 0.35),
        }

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        colors = self.colors()
        plot = self._plot()
        metrics = QFontMetrics(self.font())
        bins = self.bins()
        if not bins or not any(b.count for b in bins):
            painter.setPen(colors["label"])
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                translate("Timeline", "No dated articles to show"),
            )
            return
        selected = self._selected()
        if selected is not None:
            first, last = self.bar_rect(selected[0]), self.bar_rect(selected[1])
            painter.fillRect(
                QRectF(first.left(), plot.top(), last.right() - first.left(), plot.height()),
                colors["shade"],
            )
        ghosts = self._ghosts(bins)
        if ghosts:  # a part of the library: the whole library's outline behind it
            most = max(ghosts) or 1
            for index, count in enumerate(ghosts):
                if count:
                    column = self.bar_rect(index, 1)
                    height = max(2.0, plot.height() * count / most)
                    column.setTop(plot.bottom() - height)
                    painter.fillRect(column, colors["ghost"])
        for index, item in enumerate(bins):
            if item.count:
                color = colors["bar"]
                if index == self._hover:
                    color = colors["hover"]
                elif selected is not None and selected[0] <= index <= selected[1]:
                    color = colors["chosen"]
                painter.fillRect(self.bar_rect(index, item.count), color)
        painter.fillRect(QRectF(plot.left(), plot.bottom(), plot.width(), 1), colors["axis"])
        # Labels: a year under its first bar (a tick where it starts), as many as fit
        # without touching.
        painter.setPen(colors["label"])
        top = plot.bottom() + 3
        right_edge = float("-inf")
        for index, item in enumerate(bins):
            if not (self.by_years or item.key.endswith("-01") or index == 0):
                continue
            text = month_label(item.key[:4])
            left = self.bar_rect(index).left()
            width = metrics.horizontalAdvance(text)
            if left < right_edge + 8 or left + width > self.width():
                continue
            painter.fillRect(QRectF(left, plot.bottom(), 1, 4), colors["axis"])
            painter.drawText(
                QRectF(left, top, width + 2, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                text,
            )
            right_edge = left + width

    def _ghosts(self, bins: list[Bin]) -> list[int]:
        """The library's count in each bin, when the bars show less than the library
        (a search, the bookmarks, a filter); else nothing to draw."""
        if not self._library or self._library == self._counts:
            return []
        if self.by_years:
            years = by_year(self._library)
            return [years.get(b.key, 0) for b in bins]
        return [self._library.get(b.key, 0) for b in bins]

    # -- the mouse and the keys ------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        index = self.bin_at(event.position().x())
        if event.button() == Qt.MouseButton.LeftButton and index is not None:
            self._drag = (index, index)
            self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        index = self.bin_at(event.position().x())
        if self._drag is not None and index is not None:
            self._drag = (self._drag[0], index)
        if index != self._hover:
            self._hover = index
            self._show_tip(event.globalPosition().toPoint(), index)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        drag, self._drag = self._drag, None
        if event.button() == Qt.MouseButton.LeftButton and drag is not None:
            # Any range the library has articles in: the bars may show a search that a
            # date: term already narrowed, and the next range may lie outside it.
            bins = self.bins()
            low, high = min(drag), max(drag)
            first, last = (bins[low].key, bins[high].key) if bins else ("", "")
            width = len(first)
            held = self._library or self._counts
            if bins and any(first <= m[:width] <= last for m, n in held.items() if n):
                self.rangeChosen.emit(first, last)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._drag = None
        self.clearRequested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.selection is not None:
            self.clearRequested.emit()
            return
        super().keyPressEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def tip(self, index: int | None) -> str:
        bins = self.bins()
        if index is None or not 0 <= index < len(bins):
            return ""
        return bar_tip(bins[index].key, bins[index].count, exact=self.exact)

    def _show_tip(self, where: Any, index: int | None) -> None:
        text = self.tip(index)
        if text:
            QToolTip.showText(where, text, self)
        else:
            QToolTip.hideText()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._show_tip(event.globalPos(), self.bin_at(event.pos().x()))
            return True
        return super().event(event)


class _ColumnHeader(QObject):
    """Keeps the chart across the top of the stacked widget that holds the list and the
    search results: the stack's top margin makes room for it, so it shows above both
    pages and goes wherever the stack goes (hidden with it in full screen)."""

    def __init__(self, stack: QStackedWidget, chart: TimelineChart) -> None:
        super().__init__(stack)
        self.stack = stack
        self.chart = chart
        chart.setParent(stack)
        stack.installEventFilter(self)
        self.place()

    def place(self) -> None:
        height = self.chart.height() if not self.chart.isHidden() else 0
        self.stack.setContentsMargins(0, height, 0, 0)
        self.chart.setGeometry(0, 0, self.stack.width(), self.chart.height())
        self.chart.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.stack and event.type() == QEvent.Type.Resize:
            self.place()
        return False


class TimelineHost(Protocol):
    """What the controller needs of the window (``MainWindow``)."""

    @property
    def data_dir(self) -> Path: ...
    @property
    def left(self) -> QStackedWidget: ...
    @property
    def search_field(self) -> QLineEdit: ...
    @property
    def list_pane(self) -> Any: ...
    @property
    def list_model(self) -> Any: ...
    @property
    def search(self) -> Any: ...
    @property
    def search_service(self) -> Any: ...
    @property
    def listReloaded(self) -> Any: ...  # noqa: N802 - a Qt signal
    @property
    def searchFinished(self) -> Any: ...  # noqa: N802 - a Qt signal


class TimelineController(QObject):
    """Feeds the chart the counts of what the left side shows and turns a drag into a
    ``date:`` term in the search field."""

    countsShown = Signal()  # new counts reached the chart (tests wait on it)

    def __init__(self, win: TimelineHost, *, visible: bool = True) -> None:
        super().__init__(win.left)
        self.win = win
        self.chart = TimelineChart()
        self.header = _ColumnHeader(win.left, self.chart)
        self._thread: TaskThread[Catalogue] = TaskThread(
            "timeline",
            lambda: Catalogue(catalogue_path(win.data_dir), readonly=True),
            lambda cat: cat.close(),
        )
        self._list_counts: dict[str, int] | None = None
        self._query_counts: tuple[str, dict[str, int], bool] | None = None
        self._serial = 0
        self.set_visible(visible)
        self.chart.rangeChosen.connect(self.choose_range)
        self.chart.clearRequested.connect(self.clear_range)
        win.listReloaded.connect(self.refresh_list)
        win.searchFinished.connect(self._search_finished)
        win.left.currentChanged.connect(lambda _i: self._page_changed())
        win.search_field.textChanged.connect(self._query_changed)
        self.refresh_list()

    # -- what is counted ---------------------------------------------------------------

    @property
    def searching(self) -> bool:
        return bool(self.win.search.active)

    def refresh_list(self) -> None:
        """The list changed (sort, filter, toggles, an import): count it again, and the
        library for the axis."""
        pane = self.win.list_pane
        whole = not (pane.words() or pane.unread_button.isChecked() or pane.bookmarks_only)
        ids = None if whole else list(self.win.list_model.ids)
        self._query_counts = None  # an import may have changed a search's answer too
        self._serial += 1
        serial = self._serial

        def count(cat: Catalogue) -> tuple[dict[str, int], dict[str, int]]:
            library = library_months(cat)
            return library, (library if ids is None else months_of_ids(cat, ids))

        self._thread.submit(
            count,
            on_done=lambda result: self._list_arrived(serial, *result),
            on_error=lambda _exc: None,  # the chart keeps what it had; the list says more
            lane="list",
        )
        if self.searching and self.win.search_field.text().strip():
            self._ask_query(self.win.search_field.text().strip())

    def _list_arrived(self, serial: int, library: dict[str, int], shown: dict[str, int]) -> None:
        if serial != self._serial:
            return
        self.chart.set_axis(library)
        self._list_counts = shown
        if not self.searching:
            self.chart.set_counts(shown)
            self.countsShown.emit()

    def _search_finished(self, outcome: Any) -> None:
        query = str(outcome.query)
        if self._query_counts is not None and self._query_counts[0] == query:
            return  # more hits or another sort: the same matches
        self._ask_query(query)

    def _ask_query(self, query: str) -> None:
        def arrived(data: dict[str, Any]) -> None:
            months = {str(k): int(v) for k, v in dict(data.get("months") or {}).items()}
            exact = bool(data.get("exact", True))
            self._query_counts = (query, months, exact)
            if self.searching and self.win.search_field.text().strip() == query:
                self.chart.set_counts(months, exact=exact)
                self.countsShown.emit()

        self.win.search_service.timeline(query, on_done=arrived, on_error=lambda _exc: None)

    def _page_changed(self) -> None:
        if not self.searching and self._list_counts is not None:
            self.chart.set_counts(self._list_counts)
            self.countsShown.emit()

    def _query_changed(self, text: str) -> None:
        self.chart.set_selection(query_months_range(text))

    # -- choosing a range --------------------------------------------------------------

    def choose_range(self, first: str, last: str) -> None:
        """Search the range: ``date:FROM..TO`` (one bin: ``date:FROM``) replaces any
        ``date:`` term in the query; from the bookmarks view or with Unread on, the
        query keeps to them (``is:bookmarked``/``tag:``, ``is:unread``)."""
        term = f"date:{first}" if first == last else f"date:{first}..{last}"
        text = self.win.search_field.text()
        if not self.searching or not text.strip():
            pane = self.win.list_pane
            scope = []
            tag = pane.tag
            if pane.bookmarks_only:
                scope.append(f"tag:{tag}" if tag and not re.search(r"\s", tag) else "is:bookmarked")
            if pane.unread_button.isChecked():
                scope.append("is:unread")
            text = " ".join(scope)
        self.win.search_field.setText(with_date_term(text, term))
        self.win.search.rerun()

    def clear_range(self) -> None:
        """Esc or a double-click: the ``date:`` term goes; the rest of the query stays
        (nothing left: back to the list)."""
        text = self.win.search_field.text()
        if not DATE_TERM.search(text):
            return
        rest = with_date_term(text, None)
        self.win.search_field.setText(rest)
        if rest:
            self.win.search.rerun()

    # -- showing it --------------------------------------------------------------------

    def set_visible(self, visible: bool) -> None:
        self.chart.setVisible(visible)
        self.header.place()

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self._thread.wait_idle(timeout)

    def stop(self) -> None:
        self._thread.stop()
