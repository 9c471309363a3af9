"""The main window: wires the list, search, the reader pane and the background work.

It owns one catalogue connection for the GUI thread, used only for quick reads (a page of
list rows, one article, its links); everything that can take long or wait on a lock runs
in a service thread (``services``) or a job (``jobs``) and reports back through signals.
Bookmarks and annotations are ``annotating.AnnotationController``'s (``self.notes``):
its own thread, undo stack and panels. Menus and shortcuts are made in ``actions``.
"""

from __future__ import annotations

import html
import os
import time
from pathlib import Path
from typing import Any

from reader.background.jobs import (
    ImportJob,
    JobOutcome,
    ProcessJob,
    RescanJob,
    describe_error,
    readonly_note,
    sample_import_job,
)
from reader.catalogue import Catalogue
from reader.paths import catalogue_path
from reader.ui.annotations.controller import AnnotationController
from reader.ui.library.pane import ListPane
from reader.ui.qt import (
    QAction,
    QActionGroup,
    QApplication,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QMouseEvent,
    QObject,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    QUrl,
    QWidget,
    Signal,
)
from reader.ui.reading.article_html import EDIT_TAGS_URL, RelatedInfo
from reader.ui.reading.history import History
from reader.ui.reading.links import classify_link
from reader.ui.reading.pane import ReaderPane, history_step
from reader.ui.search.controller import SearchController, SearchField
from reader.ui.search.panel import SearchPanel
from reader.ui.window import theme
from reader.ui.window.actions import build_actions, build_menus, build_toolbar, keys_help_html
from reader.ui.window.messages import show_message
from reader.ui.window.services import ListQueries, ListRequest, SearchService, StateWriter
from reader.ui.window.settings import SORT_COLUMNS, Settings
from reader.ui.window.status_widgets import JobProgress
from reader.ui.window.workers import JobRunner

APP_TITLE = "Archive Reader"
SAMPLE_LABEL = "Opening the sample archive"
SELECT_OPEN_DELAY_MS = 120
SIMILAR_LIMIT = 6
REOPEN_INDEX_EVERY_S = 10.0


class MainWindow(QMainWindow):
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
        self._first_paint: QObject | None = None  # set by app.start
        self.last_message: QMessageBox | None = None  # the latest box, for tests

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._build_widgets()
        self.notes = AnnotationController(self)
        build_actions(self)
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
            self.notes.refresh_tags()
            self.close_search()
        self.reload_list(keep_position=True)

    def toggle_bookmarks_only(self, checked: bool) -> None:
        """The bookmarks view: the list shows only bookmarked articles (Ctrl+Shift+B)."""
        self.list_pane.bookmarks_button.setChecked(checked)  # reloads through the button

    def focus_filter(self) -> None:
        self.close_search()
        self.filter_field.setFocus()
        self.filter_field.selectAll()

    # -- opening articles ------------------------------------------------------------

    def open_article(
        self, article_id: int, *, navigating: bool = False, highlight: list[str] | None = None
    ) -> bool:
        """Show one article; returns False when it is no longer in the library."""
        if self._closing:
            return False
        if article_id == self.reader.current_id and not highlight:
            return True
        started = time.perf_counter()
        article = self.catalogue.get(article_id)
        if article is None:
            self.history.forget(article_id)
            self._update_history_actions()
            self._status(
                "That article is no longer in the library (its file was removed "
                "or changed into something that is not an article).",
                10000,
            )
            return False
        related = RelatedInfo(
            linked_from=self.catalogue.linked_from(article_id),
            bookmark=self.list_model.bookmark_of(article_id),
        )
        position = self._positions.get(article_id)
        if position is None:
            position = self.catalogue.position(article_id)
        self.reader.show_article(article_id, article, related, position)
        if highlight:
            self.reader.highlight_terms(highlight, scroll=position == 0)
        self.last_open_ms = (time.perf_counter() - started) * 1000
        if not navigating:
            self.history.visit(article_id)
        self._update_history_actions()
        self.setWindowTitle(f"{article.title} — {APP_TITLE}")
        self._mark_read(article_id)
        # Moving the list to the article may scroll it and repaint every row: after the
        # article is on screen, not before.
        QTimer.singleShot(0, lambda: self._select_in_list(article_id))
        self.search_service.similar(
            article_id,
            limit=SIMILAR_LIMIT,
            on_done=lambda rows: self.reader.set_similar(
                article_id, rows, None if rows else self._similar_note()
            ),
            on_error=lambda exc: self.reader.set_similar(
                article_id, [], "Similar articles are not available: " + describe_error(exc)
            ),
        )
        self.articleOpened.emit(article_id)
        return True

    def _similar_note(self) -> str:
        if self.jobs.busy:
            return "None found yet: the search index is still being built."
        return "No similar articles in the archive."

    def _select_in_list(self, article_id: int) -> None:
        if self._closing or article_id != self.reader.current_id:
            return
        row = self.list_model.row_of(article_id)
        if row is None or self.article_list.currentIndex().row() == row:
            return
        self.article_list.select_row(row, quiet=True)

    def _mark_read(self, article_id: int) -> None:
        was_read = self.list_model.is_read(article_id)
        if was_read is None:
            was_read = self.catalogue.is_read(article_id)
        if was_read:
            return
        self.list_model.set_read(article_id, True)
        self.state_writer.mark_read([article_id], True)
        self._unread = max(0, self._unread - 1)
        self._show_counts()

    def toggle_read(self) -> None:
        article_id = (
            self.article_list.current_id() if self.left.currentWidget() is self.list_pane else None
        )
        article_id = article_id or self.reader.current_id
        if article_id is None:
            return
        read = self.list_model.is_read(article_id)
        if read is None:
            read = self.catalogue.is_read(article_id)
        self.list_model.set_read(article_id, not read)
        self.state_writer.mark_read([article_id], not read)
        self._unread = max(0, self._unread + (1 if read else -1))
        self._show_counts()
        self._status("Marked unread." if read else "Marked read.", 3000)

    def _position_changed(self, article_id: int, position: int) -> None:
        self._positions[article_id] = position
        self.state_writer.save_position(article_id, position)

    def _state_write_failed(self, exc: BaseException) -> None:
        self._status("Could not save reading state: " + describe_error(exc), 10000)

    def page_article(self, direction: int) -> None:
        if self.reader.current_id is None:
            self._open_selected()
            return
        if not self.reader.scroll_page(direction) and direction > 0:
            self.move_in_list(1)

    # -- history and links -----------------------------------------------------------

    def _update_history_actions(self) -> None:
        self.act_back.setEnabled(self.history.can_go_back())
        self.act_forward.setEnabled(self.history.can_go_forward())

    def go_back(self) -> None:
        while self.history.can_go_back():
            target = self.history.back()
            if target is not None and self.open_article(target, navigating=True):
                return
        self._update_history_actions()

    def go_forward(self) -> None:
        while self.history.can_go_forward():
            target = self.history.forward()
            if target is not None and self.open_article(target, navigating=True):
                return
        self._update_history_actions()

    def _classify(self, url: str) -> Any:
        return classify_link(
            url, roots=self.catalogue.roots(), id_at_path=self.catalogue.id_at_path
        )

    def follow_link(self, url: QUrl) -> None:
        text = url.toString()
        if text == EDIT_TAGS_URL:
            self.notes.edit_tags()
            return
        action = self._classify(text)
        if action.kind == "article":
            if not self.open_article(int(action.article_id)):
                return
        elif action.kind == "external":
            if QDesktopServices.openUrl(QUrl(action.url)):
                self._status(f"Opened in your browser: {action.url}", 6000)
            else:
                self._status(f"No browser could open {action.url}", 10000)
        elif action.kind == "anchor":
            if action.url.startswith("#") and len(action.url) > 1:
                self.reader.browser.scrollToAnchor(action.url[1:])
        else:
            self._status(action.reason, 12000)

    def _link_hovered(self, url: str) -> None:
        if not url:
            self.statusBar().clearMessage()
            return
        if url == EDIT_TAGS_URL:
            self._status("Edit this bookmark's tags (Ctrl+Shift+D)")
            return
        action = self._classify(url)
        if action.kind == "article":
            row = self.catalogue.summary(int(action.article_id))
            title = row["title"] if row else "an article"
            self._status(f"Open “{title}” from the archive (offline)")
        elif action.kind == "external":
            self._status(f"{action.url}  — opens in your web browser when clicked")
        elif action.kind == "refused":
            self._status(f"{action.url}  — {action.reason}")

    def copy_source_link(self) -> None:
        article = self.reader.article
        if article is None or not article.source_url:
            self._status("This article has no link to its original.", 4000)
            return
        clipboard = QApplication.clipboard()
        clipboard.setText(article.source_url)
        self._status(f"Copied {article.source_url}", 4000)

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
        self.open_article(article_id, highlight=terms)

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

    # -- adding folders and jobs -----------------------------------------------------

    def add_archive_folder(self, path: str | None = None) -> None:
        if path is None:
            start = os.path.expanduser("~")
            path = QFileDialog.getExistingDirectory(
                self, "Add Archive Folder", start, QFileDialog.Option.ShowDirsOnly
            )
            if not path:
                return
        if not os.path.isdir(path):
            self.last_message = show_message(
                self,
                "Add Archive Folder",
                f"{path} is not a folder that can be opened.",
                error=True,
            )
            return
        if not os.access(path, os.R_OK | os.X_OK):
            self.last_message = show_message(
                self,
                "Add Archive Folder",
                f"{path} cannot be read (permission denied).",
                error=True,
            )
            return
        name = os.path.basename(os.path.normpath(path)) or path
        self.jobs.submit(
            ProcessJob(ImportJob(self.data_dir, [os.path.abspath(path)], label=f"Importing {name}"))
        )

    def rescan_folders(self) -> None:
        self.jobs.submit(ProcessJob(RescanJob(self.data_dir)))

    def start_background(self) -> None:
        """After the first paint: first-start sample, or re-scan the folders; warm search.

        A library opened read-only (read-only media, or a full disk) is not re-scanned:
        nothing found could be saved. The status bar says so, and why."""
        if self.catalogue.readonly:
            self._status(readonly_note(self.catalogue))
            self.search_service.warm_up()
        elif self._library_size == 0 and not self.catalogue.roots():
            # No index yet either: the job builds it, and search starts when it is done.
            self.jobs.submit(ProcessJob(sample_import_job(self.data_dir)))
        else:
            self.jobs.submit(ProcessJob(RescanJob(self.data_dir)))
            self.search_service.warm_up()
        self._coming = None

    def cancel_job(self) -> None:
        self.progress.cancelling()
        self.jobs.cancel()

    def _job_started(self, label: str) -> None:
        user_asked = label.startswith("Importing") or label == SAMPLE_LABEL
        self.progress.begin(label, immediately=user_asked)
        self._show_counts()
        if self.reader.current_id is None:
            self.reader.show_message(*self._welcome())

    def _job_progress(self, phase: str, done: int, total: int) -> None:
        self.progress.update_progress(phase, done, total)
        now = time.monotonic()
        if phase == "Indexing" and now - self._last_index_reopen > REOPEN_INDEX_EVERY_S:
            self._last_index_reopen = now
            self.search_service.reopen()

    def _job_finished(self, outcome: JobOutcome) -> None:
        self.progress.end()
        if outcome.index_changed:
            self.search_service.reopen()
        if outcome.library_changed:
            self.list_model.refresh_rows()
            self.reload_list(keep_position=True)
            self._refresh_counts()
            self._refresh_open_article()
            self.notes.library_changed()
        else:
            self._show_counts()
        if outcome.index_changed and self.search.active:
            self.search.rerun()
        if outcome.error:
            if outcome.announce:
                self.last_message = show_message(self, outcome.title, outcome.error, error=True)
            else:
                self._status(outcome.error, 15000)
        elif outcome.announce:
            self.last_message = show_message(
                self, outcome.title, outcome.message, details=outcome.details
            )
        elif outcome.message:
            self._status(outcome.message, 15000)
        if self.reader.current_id is None:
            self.reader.show_message(*self._welcome())
        elif outcome.index_changed and self.reader.related.similar == []:
            current = self.reader.current_id
            self.search_service.similar(
                current,
                limit=SIMILAR_LIMIT,
                on_done=lambda rows: self.reader.set_similar(
                    current, rows, None if rows else self._similar_note()
                ),
                on_error=lambda _exc: None,
            )
        self.jobFinished.emit(outcome)

    def _refresh_open_article(self) -> None:
        """After an import: show the open article again if its text changed (its
        highlights were re-anchored to the new text in the job's process)."""
        current, shown = self.reader.current_id, self.reader.article
        if current is None or shown is None:
            return
        article = self.catalogue.get(current)
        if article is None or (article.text, article.title) == (shown.text, shown.title):
            return
        related = RelatedInfo(
            linked_from=self.catalogue.linked_from(current),
            bookmark=self.list_model.bookmark_of(current),
            similar=self.reader.related.similar,
        )
        self.reader.show_article(current, article, related, self.reader.position())

    def _welcome(self) -> tuple[str, list[str]]:
        busy = self._busy_label()
        paragraphs = []
        if busy == SAMPLE_LABEL:
            paragraphs.append(
                "The sample archive is being opened: twenty short articles on "
                "cross-border e-commerce in Chinese and English, so there is "
                "something to read and search right away."
            )
        elif self._library_size:
            paragraphs.append(
                "Choose an article on the left: <b>j</b>/<b>k</b> or the "
                "arrow keys move, <b>Enter</b> opens, <b>Space</b> scrolls."
            )
        paragraphs.append(
            "To read your own saved articles, choose <b>File › Add Archive "
            "Folder…</b> (Ctrl+O) or drop a folder on this window. Text files "
            "and saved web pages are imported; the folder is never changed."
        )
        paragraphs.append(
            'Search everything with <b>Ctrl+K</b>: words, "exact phrases", '
            "<b>-word</b>, <b>OR</b>, <b>site:</b>, <b>title:</b>, "
            "<b>date:2024-05</b>. Help › Keyboard Shortcuts lists the keys."
        )
        return "Archive Reader", paragraphs

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

    def _navigate(self, step: int) -> None:
        if step < 0:
            self.go_back()
        else:
            self.go_forward()

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
        self.notes.shutdown()
        self.jobs.shutdown()
        self.state_writer.stop()
        self.search_service.stop()
        self.list_queries.stop()
        self.catalogue.close()

    def restore_last_article(self) -> None:
        last = self.settings.last_article
        if last is not None and self.catalogue.summary(last) is not None:
            self.open_article(last)
