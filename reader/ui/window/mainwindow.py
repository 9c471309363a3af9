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
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from reader.background.jobs import describe_error
from reader.catalogue import Catalogue
from reader.paths import catalogue_path
from reader.ui.annotations.controller import AnnotationController
from reader.ui.library.pane import ListPane
from reader.ui.qt import (
    QAction,
    QActionGroup,
    QApplication,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QLabel,
    QMainWindow,
    QMessageBox,
    QMouseEvent,
    QObject,
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
from reader.ui.window import theme
from reader.ui.window.actions import build_actions, build_menus, build_toolbar, keys_help_html
from reader.ui.window.job_control import SAMPLE_LABEL, JobControlMixin
from reader.ui.window.messages import show_message
from reader.ui.window.navigation import APP_TITLE, NavigationMixin
from reader.ui.window.services import ListQueries, ListRequest, SearchService, StateWriter
from reader.ui.window.settings import SORT_COLUMNS, Settings
from reader.ui.window.status_widgets import JobProgress
from reader.ui.window.workers import JobRunner

__all__ = ["APP_TITLE", "MainWindow"]

SELECT_OPEN_DELAY_MS = 120


class MainWindow(NavigationMixin, JobControlMixin, QMainWindow):
    articleOpened = Signal(int)
    searchFinished = Signal(object)  # SearchOutcome
    listReloaded = Signal()
    jobFinished = Signal(object)  # JobOutcome

    # Made by actions.build_actions:
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
    act_zoom_in: QAction
    act_zoom_out: QAction
    act_zoom_reset: QAction
    highlight_actions: dict[str, QAction]
    theme_group: QActionGroup
    theme_actions: dict[str, QAction]

    def __init__(self, data_dir: Path, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.settings = settings
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
        self.last_open_ms = 0.0
        self.first_paint_watch: QObject | None = None  # set by app.start; kept alive here
        self.last_message: QMessageBox | None = None  # the latest box, for tests

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._build_widgets()
        self.annotating = AnnotationController(self)
        build_actions(self, self.annotating)
        build_menus(self)
        self.toolbar = build_toolbar(self, self.search_field)
        self._connect()
        self._load_list_now()
        # A first start opens the sample archive; say so from the first paint on.
        self.first_start = self._library_size == 0 and not self.catalogue.roots()
        self._coming = SAMPLE_LABEL if self.first_start else None
        self._show_counts()
        self._restore_layout()
        self.reader.show_message(*self._welcome())

    # -- construction ----------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.list_pane = ListPane(self.catalogue, self)
        self.article_list = self.list_pane.view
        self.list_model = self.list_pane.model
        self.filter_field = self.list_pane.filter_field
        self.search_panel = SearchPanel(self)
        self.left = QStackedWidget(self)
        self.left.addWidget(self.list_pane)
        self.left.addWidget(self.search_panel)
        self.reader = ReaderPane(self, zoom=self.settings.zoom)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.search_field = SearchField(self)
        self.search = SearchController(
            self.search_field,
            self.search_panel,
            self.search_service,
            self.left,
            self.list_pane,
            self._open_hit,
        )

        self.progress = JobProgress(self)
        self.unread_label = QLabel("", self)
        self.unread_label.setTextFormat(Qt.TextFormat.PlainText)
        status = self.statusBar()
        status.addPermanentWidget(self.progress)
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
        for source in (self.reader.browser, self.article_list, self.search_panel.view):
            source.navigate.connect(self._navigate)
        self.reader.browser.pageRequested.connect(self.page_article)

        self.jobs.started.connect(self._job_started)
        self.jobs.progress.connect(self._job_progress)
        self.jobs.finished.connect(self._job_finished)
        self.progress.cancel.clicked.connect(self.cancel_job)
        QApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1320, 820)
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.splitter
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([470, 850])

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
                f"The list could not be read: {describe_error(exc)}", 10000
            ),
        )

    def _list_arrived(self, serial: int, ids: list[int], keep: int | None) -> None:
        if serial != self._list_serial or self._closing:
            return
        self.list_model.set_ids(ids)
        target = keep if keep is not None else self.reader.current_id
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

    def _show_counts(self) -> None:
        shown = self.list_model.rowCount()
        if self._library_size:
            self.unread_label.setText(f"{self._unread:,} unread of {self._library_size:,}")
        else:
            self.unread_label.setText("")
        filtered = shown != self._library_size
        if self.list_pane.bookmarks_only:
            tag = self.list_pane.tag
            self.list_pane.count_label.setText(
                f"{shown:,} bookmark{'s' if shown != 1 else ''}"
                + (f" tagged “{tag}”" if tag else "")
                + f" of {self._library_size:,} articles"
            )
        else:
            self.list_pane.count_label.setText(
                f"{shown:,} of {self._library_size:,} articles"
                if filtered
                else f"{shown:,} articles"
            )
        self.list_pane.update_empty_state(
            library_size=self._library_size, busy_label=self._busy_label()
        )

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
        self.article_list.setFocus()
        if self.reader.current_id is not None:
            self._select_in_list(self.reader.current_id)

    def _open_hit(self, article_id: int, terms: list[str]) -> None:
        self.open_article(article_id, mark=terms)

    # -- zoom, theme -----------------------------------------------------------------

    def zoom_in(self) -> None:
        self.reader.zoom_in()
        self._status(f"Text size {self.reader.zoom:.0%}", 2000)

    def zoom_out(self) -> None:
        self.reader.zoom_out()
        self._status(f"Text size {self.reader.zoom:.0%}", 2000)

    def zoom_reset(self) -> None:
        self.reader.zoom_reset()
        self._status("Text size 100%", 2000)

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

    def show_keys(self) -> None:
        self.last_message = show_message(self, "Keyboard Shortcuts", keys_help_html(), rich=True)

    def show_about(self) -> None:
        from reader import __version__

        self.last_message = show_message(
            self,
            "About Archive Reader",
            f"<b>Archive Reader {__version__}</b><p>Read and search your own offline archive "
            "of saved news articles. Nothing is fetched from the network.</p>"
            f"<p>Library: {html.escape(str(self.data_dir))}</p>",
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
        settings.last_article = self.reader.current_id or self.history.current
        settings.zoom = self.reader.zoom
        settings.sync()

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
        self.jobs.shutdown()
        self.state_writer.stop()
        self.search_service.stop()
        self.list_queries.stop()
        self.catalogue.close()

    def restore_last_article(self) -> None:
        last = self.settings.last_article
        if last is not None and self.catalogue.summary(last) is not None:
            self.open_article(last)
