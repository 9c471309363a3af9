"""The main window: wires the list, search, the reader pane and the background work.

It owns one catalogue connection for the GUI thread, used only for quick reads (a page of
list rows, one article, its links); everything that can take long or wait on a lock runs
in a service thread (``services``) or a job (``jobs``) and reports back through signals.
Bookmarks and annotations are ``annotating.AnnotationController``'s (``self.annotating``):
its own thread, undo stack and panels. Menus and shortcuts are made in ``actions``.

``MainWindow`` is assembled from mixins, one room each: ``navigation`` (opening articles,
history and links) and ``job_control`` (adding folders, imports and re-scans). This
module keeps the construction and wiring, the list, search, zoom and theme, the dialogs
and the window's events. It is the only one that knows the concrete class: the parts it
hands itself to type against the protocols in ``host``.

The layout has to work from 800x600 up: the list and the reader each have a minimum
width (a reader squeezed to a letter per line, or scrolling sideways, is not a reader),
the splitter shares a change of width in proportion (so at 1600 the list widens and cut
titles come back, and at 800 it gives way instead of the reader), and a highlight panel
docked beside them is narrowed to what the window can spare.

The keyboard starts in the list, whatever else is on screen: the welcome page says `j`
moves to the next article, and that must not type a "j" into the filter.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.catalogue import Catalogue
from reader.paths import catalogue_path
from reader.ui import i18n
from reader.ui.annotations.controller import AnnotationController
from reader.ui.error_text import error_text
from reader.ui.i18n import number, percent, translate
from reader.ui.library.article_list import COLUMNS, ArticleRemover
from reader.ui.library.pane import ListPane
from reader.ui.library.timeline import TimelineController
from reader.ui.qt import (
    QAction,
    QActionGroup,
    QApplication,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QEvent,
    QLabel,
    QMainWindow,
    QMessageBox,
    QMouseEvent,
    QObject,
    QResizeEvent,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    QWidget,
    Signal,
)
from reader.ui.reading.history import History
from reader.ui.reading.pane import ReaderPane, history_step
from reader.ui.search.controller import SearchController, SearchField
from reader.ui.search.panel import SearchPanel
from reader.ui.window import help as help_pages
from reader.ui.window import theme, undo
from reader.ui.window.actions import build_actions, build_menus, build_toolbar, keys_help_html
from reader.ui.window.job_control import SAMPLE_LABEL, JobControlMixin
from reader.ui.window.messages import DetailsDialog, app_title, show_message
from reader.ui.window.navigation import APP_TITLE, NavigationMixin
from reader.ui.window.preferences import PreferencesDialog, ReadingPrefs
from reader.ui.window.reading_tools import ReadingToolsMixin
from reader.ui.window.services import ListQueries, ListRequest, SearchService, StateWriter
from reader.ui.window.settings import SORT_COLUMNS, Settings
from reader.ui.window.status_widgets import JobProgress, StatusReport
from reader.ui.window.watching import FolderWatching
from reader.ui.window.workers import JobRunner

if TYPE_CHECKING:
    from reader.library import RemoveResult, RestoreResult

__all__ = ["APP_TITLE", "MainWindow"]

SELECT_OPEN_DELAY_MS = 120
# The splitter: the list and the reader never narrower than these (at 800x600 with a
# highlight panel open, 230 + 320 + the panel's ~235 fit), and the list's share of the
# default window (470 of 1320) kept as the width changes.
LIST_MIN_WIDTH = 230
READER_MIN_WIDTH = 320
DEFAULT_SIZE = (1320, 820)
DEFAULT_SPLIT = (470, 850)
# A highlight panel docked at the side: at most this share of the window (and never so
# wide that the list and the reader lose their minimum), at least DOCK_MIN_WIDTH.
DOCK_SHARE = 0.3
DOCK_MIN_WIDTH = 220
# The list's columns: too narrow for a readable title (at 800 wide, or beside a
# highlight panel), the list drops its Site column, then its Date column (the reader's
# header names both), rather than squeezing the titles to nothing between them.
DROPPABLE_COLUMNS = (COLUMNS.index("site"), COLUMNS.index("date"))
TITLE_MIN_WIDTH = 130


def minutes_left_text(minutes: float) -> str:
    """``reader.reading_time.minutes_left_label`` in the interface's language: the same
    rounding ("less than a minute", "about 1 min", then whole minutes)."""
    if minutes < 0.75:
        return translate("MainWindow", "less than a minute left")
    whole = max(1, round(minutes))
    if whole == 1:
        return translate("MainWindow", "about 1 min left")
    return translate("MainWindow", "%Ln min left", "", whole)


class MainWindow(NavigationMixin, JobControlMixin, ReadingToolsMixin, QMainWindow):
    articleOpened = Signal(int)
    searchFinished = Signal(object)  # SearchOutcome
    listReloaded = Signal()
    jobFinished = Signal(object)  # JobOutcome

    # Made by actions.build_actions:
    act_preferences: QAction
    act_manage_tags: QAction
    act_full_screen: QAction
    act_print: QAction
    act_export_article: dict[str, QAction]  # md | html | pdf
    act_about: QAction
    act_add_folder: QAction
    act_add_note: QAction
    act_all_highlights: QAction
    act_back: QAction
    act_backup_now: QAction
    act_bookmark: QAction
    act_bookmarks_only: QAction
    act_copy_link: QAction
    act_edit_tags: QAction
    act_export: dict[tuple[str, bool], QAction]  # (md|json, this article only)
    act_filter: QAction
    act_find: QAction
    act_forward: QAction
    act_highlight: QAction
    act_highlights_panel: QAction
    act_import_highlights: QAction
    act_keys: QAction
    act_next: QAction
    act_open_backups: QAction
    act_previous: QAction
    act_quit: QAction
    act_redo: QAction
    act_rescan: QAction
    act_restore_backup: QAction
    act_search: QAction
    act_toggle_read: QAction
    act_undo: QAction
    act_unread_only: QAction
    act_timeline: QAction
    act_zoom_in: QAction
    act_zoom_out: QAction
    act_zoom_reset: QAction
    highlight_actions: dict[str, QAction]
    theme_group: QActionGroup
    theme_actions: dict[str, QAction]
    act_search_syntax: QAction
    language_group: QActionGroup
    language_actions: dict[str, QAction]

    def __init__(self, data_dir: Path, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.preferences: PreferencesDialog | None = None
        self._full_screen_hidden = []
        self._was_maximized = False
        self.catalogue = Catalogue(catalogue_path(self.data_dir))
        self.history = History()
        self.list_queries = ListQueries(self.data_dir)
        self.search_service = SearchService(self.data_dir)
        self.state_writer = StateWriter(self.data_dir, on_error=self._state_write_failed)
        self.jobs = JobRunner()
        self._positions: dict[int, int] = {}  # saved this session (writes are async)
        self._list_serial = 0
        self._last_index_reopen = 0.0
        self._unread = 0
        self._library_size = 0
        self._closing = False
        self._removed_shown = False  # the reader says the open article was removed
        self.last_open_ms = 0.0
        self.first_paint_watch: QObject | None = None  # set by app.start; kept alive here
        self.last_message: QMessageBox | None = None  # the latest box, for tests
        self.details_dialog: DetailsDialog | None = None  # a job's details, once opened
        self.syntax_dialog: help_pages.HelpDialog | None = None  # Help › Search Syntax

        self.setWindowTitle(app_title())
        self.setAcceptDrops(True)
        self._build_widgets()
        self.annotating = AnnotationController(self)
        self.remover.undoable.connect(self._removal_done)
        build_actions(self, self.annotating)
        build_menus(self)
        self.toolbar = build_toolbar(self, self.search_field)
        self._connect()
        self.watching = FolderWatching(self)  # started after the first paint (start_background)
        self._load_list_now()
        self.timeline = TimelineController(self, visible=self.settings.timeline)
        # A first start opens the sample archive; say so from the first paint on.
        self.first_start = self._library_size == 0 and not self.catalogue.roots()
        self._coming = SAMPLE_LABEL if self.first_start else None
        self._show_counts()
        self._restore_layout()
        self._fit_docks()
        self.reader.show_message(*self._welcome())
        self._focus_list()

    # -- construction ----------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.list_pane = ListPane(self.catalogue, self)
        self.article_list = self.list_pane.view
        self.remover = ArticleRemover(self.article_list, self.data_dir, on_removed=self.reload_list)
        self.remover.failed.connect(lambda text: self._status(text, 10000))
        self.remover.removed.connect(self._articles_removed)
        self.remover.restored.connect(self._articles_restored)
        self.list_model = self.list_pane.model
        self.filter_field = self.list_pane.filter_field
        self.search_panel = SearchPanel(self)
        self.left = QStackedWidget(self)
        self.left.addWidget(self.list_pane)
        self.left.addWidget(self.search_panel)
        self.reader = ReaderPane(self, zoom=self.settings.zoom)
        prefs = ReadingPrefs.from_settings(self.settings)
        self.reader.set_reading_prefs(
            prefs.font_family, prefs.font_size, prefs.line_height, prefs.line_width
        )
        self.left.setMinimumWidth(LIST_MIN_WIDTH)
        self.reader.setMinimumWidth(READER_MIN_WIDTH)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.reader)
        # Equal factors: QSplitter then shares a change of width in proportion to the
        # current sizes. (With the list at 0, it kept 470 px at 800 wide and the reader
        # took the whole loss, down to one letter per line beside a highlight panel.)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        header = self.article_list.horizontalHeader()
        self._column_widths = {c: header.sectionSize(c) for c in DROPPABLE_COLUMNS}
        self.article_list.viewport().installEventFilter(self)  # resized after the view's

        self.search_field = SearchField(self)
        self.search = SearchController(
            self.search_field,
            self.search_panel,
            self.search_service,
            self.left,
            self.list_pane,
            self._open_hit,
        )

        self.status_report = StatusReport(self)
        self.progress = JobProgress(self)
        self.unread_label = QLabel("", self)
        self.unread_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reading_label = QLabel("", self)  # "38 % · 6 min left" for the open article
        self.reading_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reading_label.setAccessibleName(translate("MainWindow", "Reading progress"))
        self.reading_label.setContentsMargins(0, 0, 16, 0)  # apart from the unread count
        status = self.statusBar()
        status.addWidget(self.status_report, 1)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.reading_label)
        status.addPermanentWidget(self.unread_label)

    def _connect(self) -> None:
        view = self.article_list
        view.openRequested.connect(self.open_article)
        view.pageArticle.connect(self.page_article)
        view.searchRequested.connect(self.focus_search)
        view.toggleReadRequested.connect(self.toggle_read)
        self._select_timer = QTimer(self)
        self._select_timer.setSingleShot(True)
        self._select_timer.setInterval(SELECT_OPEN_DELAY_MS)
        self._select_timer.timeout.connect(self._open_selected)
        view.currentMoved.connect(lambda _id: self._select_timer.start())
        view.selectionModel().selectionChanged.connect(lambda *_: self._show_counts())
        self.list_pane.filterChanged.connect(lambda: self.reload_list(keep_position=False))
        self.list_pane.unreadToggled.connect(self._unread_button_toggled)
        self.list_pane.bookmarksToggled.connect(self._bookmarks_button_toggled)
        self.list_pane.tagChanged.connect(lambda: self.reload_list(keep_position=True))
        self.list_pane.addFolderRequested.connect(lambda: self.add_archive_folder())

        self.search.finished.connect(self.searchFinished)
        self.search.closed.connect(self._search_closed)

        self.reader.linkClicked.connect(self.follow_link)
        self.reader.linkHovered.connect(self._link_hovered)
        self.reader.positionChanged.connect(self._position_changed)
        self.reader.progressChanged.connect(self._reading_progress)
        for source in (self.reader.browser, self.article_list, self.search_panel.view):
            source.navigate.connect(self._navigate)
        self.reader.browser.pageRequested.connect(self.page_article)

        self.jobs.started.connect(self._job_started)
        self.jobs.progress.connect(self._job_progress)
        self.jobs.finished.connect(self._job_finished)
        self.progress.cancel.clicked.connect(self.cancel_job)
        self.status_report.detailsRequested.connect(self.show_job_details)
        for dock in (self.annotating.article_dock, self.annotating.all_dock):
            dock.visibilityChanged.connect(lambda visible: self._fit_docks() if visible else None)
            dock.topLevelChanged.connect(lambda _floating: self._fit_docks())
        QApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.splitter
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes(list(DEFAULT_SPLIT))

    def _fit_docks(self) -> None:
        """Narrow a highlight panel docked at the side to what the window can spare: at
        most DOCK_SHARE of it, and never so wide that the list and the reader lose their
        minimum widths (a width remembered from a wider window, or the panel's own wish).
        A floating panel is its own window and is left alone."""
        # the splitter's handle and the dock's separator: a few pixels each, say three
        spare = self.width() - LIST_MIN_WIDTH - READER_MIN_WIDTH - 3 * self.splitter.handleWidth()
        limit = max(DOCK_MIN_WIDTH, min(int(self.width() * DOCK_SHARE), spare))
        shown = [
            dock
            for dock in (self.annotating.article_dock, self.annotating.all_dock)
            if not dock.isFloating() and dock.isVisible() and dock.width() > limit
        ]
        if shown:
            self.resizeDocks(shown, [limit] * len(shown), Qt.Orientation.Horizontal)

    def _focus_list(self) -> None:
        """The keyboard to the list, or to its empty page while it has no rows.

        Where the keyboard starts: left to Qt, it went to the first widget that takes
        focus, the filter while the list is empty (the first start, until the sample is
        in), and `j`, as the welcome page says, filtered the list to "j". Parked on the
        empty page, it moves to the list as soon as rows come (``_show_counts``). Never
        given to the hidden list: Qt hands a hidden widget that was given the focus the
        keyboard when it appears, from wherever the person is typing by then (the
        filter, as soon as what they typed matched something)."""
        shown = self.list_pane.stack.currentWidget()
        (shown or self.article_list).setFocus(Qt.FocusReason.OtherFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_docks()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.article_list.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_list_columns()
        return super().eventFilter(watched, event)

    def _fit_list_columns(self) -> None:
        """Show the Site and Date columns only while a title keeps TITLE_MIN_WIDTH beside
        them (Site goes first); each comes back, as wide as it was, when there is room."""
        view = self.article_list
        header = view.horizontalHeader()
        for column in DROPPABLE_COLUMNS:
            if not view.isColumnHidden(column):  # the person may have resized it
                self._column_widths[column] = header.sectionSize(column)
        fixed = sum(
            header.sectionSize(column)
            for column in range(1, header.count())
            if column not in DROPPABLE_COLUMNS and not view.isColumnHidden(column)
        )
        room = view.viewport().width() - fixed - TITLE_MIN_WIDTH
        for column in reversed(DROPPABLE_COLUMNS):  # the last to go is the first kept
            width = self._column_widths[column]
            shown = room >= width
            if shown:
                room -= width
            if view.isColumnHidden(column) == shown:
                view.setColumnHidden(column, not shown)

    @property
    def widget(self) -> QMainWindow:
        """The window as a Qt widget, for the parts that know it only as a ``host``."""
        return self

    # -- the list --------------------------------------------------------------------

    @property
    def closing(self) -> bool:
        return self._closing

    def _request(self) -> ListRequest:
        return ListRequest(
            self.list_model.sort_column,
            self.list_model.sort_descending,
            self.list_pane.unread_button.isChecked(),
            self.list_pane.words(),
            bookmarked_only=self.list_pane.bookmarks_only,
            tag=self.list_pane.tag,
        )

    def _load_list_now(self) -> None:
        """The first list, read in this thread: the window must show rows on its first
        paint (a date-ordered id list is one index scan: ~30 ms at 100,000)."""
        model = self.list_model
        model.sort_column = self.settings.sort_column
        model.sort_descending = self.settings.sort_descending
        unread_only = self.settings.unread_only
        self.list_pane.unread_button.blockSignals(True)
        self.list_pane.unread_button.setChecked(unread_only)
        self.list_pane.unread_button.blockSignals(False)
        self.act_unread_only.setChecked(unread_only)
        model.show_all_copies = self.settings.all_copies  # before the ids: one reset
        self.list_pane.copies_button.blockSignals(True)
        self.list_pane.copies_button.setChecked(model.show_all_copies)
        self.list_pane.copies_button.blockSignals(False)
        # No search has run yet: setting the panel's toggle folds nothing now.
        self.search_panel.copies_button.setChecked(self.settings.search_all_copies)
        request = self._request()
        model.set_ids(
            self.catalogue.list_ids(
                order=request.order, descending=request.descending, unread_only=request.unread_only
            )
        )
        header = self.article_list.horizontalHeader()
        column = SORT_COLUMNS.index(model.sort_column)
        order = (
            Qt.SortOrder.DescendingOrder if model.sort_descending else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        model.sortRequested.connect(lambda _c, _d: self.reload_list(keep_position=True))
        self._refresh_counts()

    def reload_list(self, *, keep_position: bool = True) -> None:
        """Ask for the id list again (sort, filter, unread toggle, after an import)."""
        self._list_serial += 1
        serial = self._list_serial
        keep = self.reader.current_id if keep_position else None
        self.list_queries.ids(
            self._request(),
            on_done=lambda ids: self._list_arrived(serial, ids, keep),
            on_error=lambda exc: self._status(
                translate("MainWindow", "The list could not be read: {error}").format(
                    error=error_text(exc)
                ),
                10000,
            ),
        )

    def _list_arrived(self, serial: int, ids: list[int], keep: int | None) -> None:
        if serial != self._list_serial or self._closing:
            return
        # A row the person just moved to (j, an arrow) and that is about to open stays
        # the current one: a reload arriving in between (after an import) used to put
        # the selection back on the open article, and the keypress was lost.
        moving_to = self.article_list.current_id() if self._select_timer.isActive() else None
        self.list_model.set_ids(ids)
        target = keep if keep is not None else self.reader.current_id
        row = self.list_model.row_of(moving_to) if moving_to is not None else None
        if row is None:
            row = self.list_model.row_of(target) if target is not None else None
        if row is not None:
            self.article_list.select_row(row, quiet=True)
        else:
            self.article_list.scrollToTop()
        self._refresh_counts()
        self.listReloaded.emit()

    def _refresh_counts(self) -> None:
        self._library_size = self.catalogue.count()
        self._unread = self.catalogue.unread_count()
        self._show_counts()

    def _reading_progress(self, fraction: float, minutes_left: float) -> None:
        if fraction < 0:
            self.reading_label.setText("")
        elif fraction >= 1.0:
            self.reading_label.setText(
                translate("MainWindow", "{percent} · the end").format(percent=percent(1.0))
            )
        else:
            self.reading_label.setText(
                translate("MainWindow", "{percent} · {left}").format(
                    percent=percent(fraction), left=minutes_left_text(minutes_left)
                )
            )

    def _show_counts(self) -> None:
        # Counts in plain names: lupdate skips a translate() given an expression for n.
        shown = self.list_model.rowCount()
        size = self._library_size
        if size:
            self.unread_label.setText(
                translate("MainWindow", "{unread} unread of %Ln", "", size).format(
                    unread=number(self._unread)
                )
            )
        else:
            self.unread_label.setText("")
        filtered = shown != size
        if self.list_pane.bookmarks_only:
            tag = self.list_pane.tag
            text = (
                translate(
                    "MainWindow", "%Ln bookmark(s) tagged “{tag}” of {size} articles", "", shown
                )
                if tag
                else translate("MainWindow", "%Ln bookmark(s) of {size} articles", "", shown)
            ).format(tag=tag, size=number(size))
        elif filtered:
            text = translate("MainWindow", "{shown} of %Ln article(s)", "", size).format(
                shown=number(shown)
            )
        else:
            text = translate("MainWindow", "%Ln article(s)", "", shown)
        selected = self.article_list.selected_count()
        if selected > 1:
            text = translate("MainWindow", "{counts} · %Ln selected", "", selected).format(
                counts=text
            )
        self.list_pane.count_label.setText(text)
        stack = self.list_pane.stack
        waiting = stack.currentWidget() is not self.article_list and self._focus_waiting()
        self.list_pane.update_empty_state(
            library_size=self._library_size, busy_label=self._busy_label()
        )
        if waiting and stack.currentWidget() is self.article_list:
            self.article_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_waiting(self) -> bool:
        """Whether the keyboard is parked on the empty list's page (or nowhere in this
        window), waiting for rows: not in a field the person chose to type into."""
        focused = self.focusWidget()
        empty_page = self.list_pane.empty
        return focused is None or focused is empty_page or empty_page.isAncestorOf(focused)

    def _busy_label(self) -> str | None:
        return self.jobs.current_label or getattr(self, "_coming", None)

    def _open_selected(self) -> None:
        article_id = self.article_list.current_id()
        if article_id is not None:
            self.open_article(article_id)

    def move_in_list(self, step: int) -> None:
        if self.search.active:
            self.search_panel.view.setFocus()
            self.search_panel.view.step(step)
            return
        self.article_list.setFocus()
        self.article_list.step_by(step)

    def _unread_button_toggled(self, checked: bool) -> None:
        self.act_unread_only.setChecked(checked)
        self.reload_list(keep_position=True)

    def toggle_unread_only(self, checked: bool) -> None:
        self.list_pane.unread_button.setChecked(checked)  # reloads through the button

    def _bookmarks_button_toggled(self, checked: bool) -> None:
        self.act_bookmarks_only.setChecked(checked)
        if checked:
            self.annotating.refresh_tags()
            self.close_search()
        self.reload_list(keep_position=True)

    def toggle_bookmarks_only(self, checked: bool) -> None:
        """The bookmarks view: the list shows only bookmarked articles (Ctrl+Shift+B)."""
        self.list_pane.bookmarks_button.setChecked(checked)  # reloads through the button

    def toggle_timeline(self, checked: bool) -> None:
        """View › Timeline: the counts by month above the list, shown or not (kept)."""
        self.settings.timeline = checked
        self.timeline.set_visible(checked)

    def focus_filter(self) -> None:
        self.close_search()
        self.filter_field.setFocus()
        self.filter_field.selectAll()

    # -- search ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.focus()

    def close_search(self) -> None:
        self.search.close()

    def _search_closed(self) -> None:
        """Back from search: the list again, with the open article selected in it."""
        self._focus_list()
        if self.reader.current_id is not None:
            self._select_in_list(self.reader.current_id)

    def _open_hit(self, article_id: int, terms: list[str]) -> None:
        self.open_article(article_id, mark=terms)

    # -- zoom, theme -----------------------------------------------------------------

    def zoom_in(self) -> None:
        self.reader.zoom_in()
        self._status(
            translate("MainWindow", "Text size {percent}").format(
                percent=percent(self.reader.zoom)
            ),
            2000,
        )

    def zoom_out(self) -> None:
        self.reader.zoom_out()
        self._status(
            translate("MainWindow", "Text size {percent}").format(
                percent=percent(self.reader.zoom)
            ),
            2000,
        )

    def zoom_reset(self) -> None:
        self.reader.zoom_reset()
        self._status(
            translate("MainWindow", "Text size {percent}").format(percent=percent(1.0)), 2000
        )

    def set_theme(self, mode: str) -> None:
        chosen: theme.ThemeMode = mode if mode in theme.THEMES else "system"
        self.settings.theme = chosen
        self.theme_actions[chosen].setChecked(True)
        theme.apply_theme(chosen)
        self.list_model.palette_changed()

    def _system_scheme_changed(self, *_args: Any) -> None:
        if self.settings.theme == "system":
            self.set_theme("system")

    # -- dialogs ---------------------------------------------------------------------

    def set_language(self, choice: str) -> None:
        """View › Language: remembered, and applied at the next start (every label is
        made once, at construction; a restart is simpler and surer than retranslating
        them all live)."""
        self.settings.language = choice
        self.settings.sync()
        if choice in self.language_actions:
            self.language_actions[choice].setChecked(True)
        chosen = i18n.resolve(choice)
        if chosen == i18n.current():
            self._status(
                translate("MainWindow", "The interface is already in this language."), 6000
            )
            return
        # Said in the language chosen as well: the person may not read the current one.
        self._status(
            i18n.restart_notice(chosen)
            + "  "
            + translate("MainWindow", "The language changes when Archive Reader is started again."),
            15000,
        )

    def show_keys(self) -> None:
        self.last_message = show_message(
            self, translate("MainWindow", "Keyboard Shortcuts"), keys_help_html(), rich=True
        )

    def show_search_syntax(self) -> help_pages.HelpDialog:
        """Help › Search Syntax: one window, raised again if it is open."""
        if self.syntax_dialog is None:
            self.syntax_dialog = help_pages.HelpDialog(
                self, translate("MainWindow", "Search Syntax"), help_pages.search_syntax_html()
            )
        self.syntax_dialog.show()
        self.syntax_dialog.raise_()
        self.syntax_dialog.activateWindow()
        return self.syntax_dialog

    def show_about(self) -> None:
        self.last_message = show_message(
            self,
            translate("MainWindow", "About Archive Reader"),
            help_pages.about_html(self.data_dir, self.settings.path.parent),
            rich=True,
        )

    # -- events ----------------------------------------------------------------------

    def _status(self, text: str, timeout: int = 0) -> None:
        self.statusBar().showMessage(text, timeout)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        step = history_step(event)
        if step:
            self._navigate(step)
            return
        super().mousePressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and os.path.isdir(u.toLocalFile()) for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        for url in event.mimeData().urls():
            if url.isLocalFile() and os.path.isdir(url.toLocalFile()):
                self.add_archive_folder(url.toLocalFile())
        event.acceptProposedAction()

    def save_state(self) -> None:
        self.reader.flush_position()
        settings = self.settings
        settings.geometry = self.saveGeometry()
        settings.window_state = self.saveState()
        settings.splitter = self.splitter.saveState()
        settings.sort_column = self.list_model.sort_column
        settings.sort_descending = self.list_model.sort_descending
        settings.unread_only = self.list_pane.unread_button.isChecked()
        settings.all_copies = self.list_pane.copies_button.isChecked()
        settings.search_all_copies = self.search_panel.copies_button.isChecked()
        settings.last_article = self.reader.current_id or self.history.current
        settings.zoom = self.reader.zoom
        settings.sync()

    def _removal_done(self, result: RemoveResult) -> None:
        """A removal the person asked for: one Edit › Undo step, which puts them back."""
        paths, read = list(result.paths), list(result.read)
        title = result.titles[0] if len(result.titles) == 1 else None
        self.annotating.undo_stack.push(
            undo.articles_removed(
                lambda: self.remover.remove_paths(paths),
                lambda: self.remover.restore(paths, read),
                len(paths),
                title,
            )
        )

    def _articles_removed(self, ids: list[int]) -> None:
        """Articles left the library (never the disk): the search index dropped them,
        the open one (if among them) gives way to the next in the list."""
        self.search_service.reopen()
        self._refresh_counts()
        n = len(ids)  # a plain name: lupdate skips a call with an expression
        self._status(
            translate(
                "MainWindow",
                "%Ln article(s) removed from the library (the files are "
                "still on disk; Edit › Undo puts them back).",
                "",
                n,
            ),
            10000,
        )
        if self.reader.current_id in ids:
            self._removed_shown = True
            self.reader.show_message(
                translate("MainWindow", "Removed from the library"),
                [
                    translate(
                        "MainWindow",
                        "This article is no longer in the library; its file is still on disk.",
                    )
                ],
            )

    def _articles_restored(self, result: RestoreResult) -> None:
        """Undo of a removal: the articles are back (with new ids); the open message
        page gives way to the article if it was the one removed."""
        self.search_service.reopen()
        self._refresh_counts()
        back, missing = len(result.ids), len(result.missing)  # plain names, for lupdate
        text = translate("MainWindow", "%Ln article(s) back in the library.", "", back)
        if missing:
            text += " " + translate(
                "MainWindow", "%Ln could not be: the file is no longer on disk.", "", missing
            )
        self._status(text, 10000)
        if self._removed_shown and self.reader.current_id is None and result.ids:
            self.open_article(result.ids[0])
        self._removed_shown = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save where the reader was, finish pending writes, stop the threads."""
        if self._closing:
            return
        self._closing = True
        self._select_timer.stop()
        self.search.stop()
        self.save_state()
        self.annotating.shutdown()
        self.remover.stop()
        self.timeline.stop()
        self.watching.stop()  # before the jobs: no batch may start one while they stop
        self.jobs.shutdown()
        self.state_writer.stop()
        self.search_service.stop()
        self.list_queries.stop()
        self.catalogue.close()

    def restore_last_article(self) -> None:
        last = self.settings.last_article
        if last is not None and self.catalogue.summary(last) is not None:
            self.open_article(last)
