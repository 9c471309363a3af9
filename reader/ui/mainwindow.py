"""The main window: wires the list, search, the reader pane and the background work.

It owns one catalogue connection for the GUI thread, used only for quick reads (a page of
list rows, one article, its links); everything that can take long or wait on a lock runs
in a service thread (``services``) or a job (``jobs``) and reports back through signals.
Menus and shortcuts live here too, so one place shows what a key does.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from reader.catalogue import Catalogue
from reader.paths import catalogue_path
from reader.ui import theme
from reader.ui.article_html import RelatedInfo
from reader.ui.history import History
from reader.ui.links import classify_link
from reader.ui.list_pane import ListPane
from reader.ui.messages import show_message
from reader.ui.qt import (
    QAction,
    QActionGroup,
    QApplication,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFileDialog,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QMouseEvent,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    QToolBar,
    QUrl,
    QWidget,
    Signal,
)
from reader.ui.reader_pane import ReaderPane, history_step
from reader.ui.search_panel import PAGE as SEARCH_PAGE
from reader.ui.search_panel import SearchPanel
from reader.ui.services import ListQueries, ListRequest, SearchOutcome, SearchService, StateWriter
from reader.ui.settings import SORT_COLUMNS, Settings
from reader.ui.status_widgets import JobProgress
from reader.ui.workers import JobOutcome, JobRunner, describe_error

APP_TITLE = "Archive Reader"
SEARCH_DELAY_MS = 200
SELECT_OPEN_DELAY_MS = 120
SIMILAR_LIMIT = 6
REOPEN_INDEX_EVERY_S = 10.0

KEYS_HELP = [
    ("Ctrl+K  or  /", "search the archive (words, \"phrases\", -word, OR, site:, title:, "
                      "lang:, date:2024-05)"),
    ("Esc", "back from search to the list; clear the filter; close find"),
    ("Ctrl+L", "filter the list by title or site"),
    ("j / k  or  ↓ / ↑", "next / previous article"),
    ("Enter", "open the selected article"),
    ("Space / Shift+Space", "scroll the article (at its end, go to the next)"),
    ("Alt+← / Alt+→", "back / forward (mouse buttons too)"),
    ("m", "mark the selected article read or unread"),
    ("Ctrl+F", "find in the article"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "larger / smaller / normal text"),
    ("Ctrl+O", "add an archive folder"),
]


class SearchField(QLineEdit):
    escapePressed = Signal()
    downPressed = Signal()
    enterPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        elif key == Qt.Key.Key_Down:
            self.downPressed.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterPressed.emit()
        else:
            super().keyPressEvent(event)


class MainWindow(QMainWindow):
    articleOpened = Signal(int)
    searchFinished = Signal(object)  # SearchOutcome
    listReloaded = Signal()
    jobFinished = Signal(object)  # JobOutcome

    def __init__(self, data_dir: Path, settings: Settings,
                 parent: QWidget | None = None) -> None:
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
        self._search_serial = 0
        self._search_limit = SEARCH_PAGE
        self._last_index_reopen = 0.0
        self._unread = 0
        self._library_size = 0
        self._closing = False
        self.last_open_ms = 0.0
        self.last_message: QMessageBox | None = None  # the latest box, for tests

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._connect()
        self._load_list_now()
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
        self.search_field.setPlaceholderText("Search the archive  (Ctrl+K)")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(260)
        self.search_field.setMaximumWidth(420)
        self.search_field.setAccessibleName("Search")

        self.progress = JobProgress(self)
        self.unread_label = QLabel("", self)
        status = self.statusBar()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.unread_label)

    def _action(self, text: str, slot: Any, shortcut: Any = None, *,
                tip: str | None = None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys: list[QKeySequence] = []
            for item in shortcut if isinstance(shortcut, list) else [shortcut]:
                sequences = QKeySequence.keyBindings(item) if isinstance(
                    item, QKeySequence.StandardKey) else [QKeySequence(item)]
                # The same key twice (Alt+Left is also the platform's Back) would make Qt
                # call the shortcut ambiguous and fire neither.
                keys += [k for k in sequences if k not in keys and not k.isEmpty()]
            action.setShortcuts(keys)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.act_add_folder = self._action(
            "&Add Archive Folder…", lambda: self.add_archive_folder(), std.Open,
            tip="Import a folder of saved articles (it is only read, never changed)")
        self.act_rescan = self._action("&Re-scan Folders", self.rescan_folders, "F5",
                                       tip="Look for new or changed files in the added folders")
        self.act_quit = self._action("&Quit", self.close, std.Quit)
        self.act_search = self._action("&Search the Archive", self.focus_search, "Ctrl+K")
        self.act_filter = self._action("F&ilter the List", self.focus_filter, "Ctrl+L")
        self.act_find = self._action("&Find in Article…", self.reader.open_find, std.Find)
        self.act_toggle_read = self._action("&Mark as Read/Unread", self.toggle_read,
                                            "Ctrl+M")
        self.act_copy_link = self._action("&Copy Link to Original", self.copy_source_link)
        self.act_zoom_in = self._action("Zoom &In", self.zoom_in, ["Ctrl+=", "Ctrl++"])
        self.act_zoom_out = self._action("Zoom &Out", self.zoom_out, "Ctrl+-")
        self.act_zoom_reset = self._action("&Actual Size", self.zoom_reset, "Ctrl+0")
        self.act_unread_only = self._action("Show &Unread Only", self._toggle_unread_only,
                                            "Ctrl+Shift+U", checkable=True)
        self.act_back = self._action("&Back", self.go_back, ["Alt+Left", std.Back],
                                     tip="Back to the previous article (Alt+Left)")
        self.act_forward = self._action("&Forward", self.go_forward,
                                        ["Alt+Right", std.Forward],
                                        tip="Forward again (Alt+Right)")
        self.act_next = self._action("&Next Article", lambda: self.move_in_list(1))
        self.act_previous = self._action("&Previous Article", lambda: self.move_in_list(-1))
        self.act_keys = self._action("&Keyboard Shortcuts", self.show_keys, std.HelpContents)
        self.act_about = self._action("&About Archive Reader", self.show_about)
        self.act_back.setEnabled(False)
        self.act_forward.setEnabled(False)
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for mode, label in (("system", "Follow &System"), ("light", "&Light"),
                            ("dark", "&Dark")):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _c=False, m=mode: self.set_theme(m))
            self.theme_group.addAction(action)
            self.theme_actions[mode] = action
        self.theme_actions[self.settings.theme].setChecked(True)

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.act_add_folder)
        file_menu.addAction(self.act_rescan)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addAction(self.act_search)
        edit.addAction(self.act_filter)
        edit.addAction(self.act_find)
        edit.addSeparator()
        edit.addAction(self.act_toggle_read)
        edit.addAction(self.act_copy_link)
        view = bar.addMenu("&View")
        view.addAction(self.act_zoom_in)
        view.addAction(self.act_zoom_out)
        view.addAction(self.act_zoom_reset)
        view.addSeparator()
        view.addAction(self.act_unread_only)
        theme_menu = view.addMenu("&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        go = bar.addMenu("&Go")
        go.addAction(self.act_back)
        go.addAction(self.act_forward)
        go.addSeparator()
        go.addAction(self.act_next)
        go.addAction(self.act_previous)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_keys)
        help_menu.addAction(self.act_about)

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.act_back.setIconText("◀ Back")
        self.act_forward.setIconText("Forward ▶")
        self.act_add_folder.setIconText("Add Folder…")
        toolbar.addAction(self.act_back)
        toolbar.addAction(self.act_forward)
        toolbar.addSeparator()
        toolbar.addAction(self.act_add_folder)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search_field)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

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
        self.list_pane.addFolderRequested.connect(lambda: self.add_archive_folder())

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_field.textChanged.connect(self._search_text_changed)
        self.search_field.escapePressed.connect(self.close_search)
        self.search_field.downPressed.connect(self._into_results)
        self.search_field.enterPressed.connect(self._search_enter)
        self.search_panel.openRequested.connect(self._open_hit)
        self.search_panel.closeRequested.connect(self.close_search)
        self.search_panel.sortChanged.connect(lambda _s: self._rerun_search())
        self.search_panel.moreRequested.connect(self._more_results)
        self.search_panel.backToField.connect(self.search_field.setFocus)

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

    def _request(self) -> ListRequest:
        return ListRequest(self.list_model.sort_column, self.list_model.sort_descending,
                           self.list_pane.unread_button.isChecked(), self.list_pane.words())

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
        model.set_ids(self.catalogue.list_ids(order=request.order,
                                              descending=request.descending,
                                              unread_only=request.unread_only))
        header = self.article_list.horizontalHeader()
        column = SORT_COLUMNS.index(model.sort_column)
        order = (Qt.SortOrder.DescendingOrder if model.sort_descending
                 else Qt.SortOrder.AscendingOrder)
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
            on_error=lambda exc: self._status(f"The list could not be read: "
                                              f"{describe_error(exc)}", 10000),
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
        self.list_pane.count_label.setText(
            f"{shown:,} of {self._library_size:,} articles" if filtered
            else f"{shown:,} articles")
        self.list_pane.update_empty_state(library_size=self._library_size,
                                          busy_label=self.jobs.current_label)

    def _open_selected(self) -> None:
        article_id = self.article_list.current_id()
        if article_id is not None:
            self.open_article(article_id)

    def move_in_list(self, step: int) -> None:
        if self.left.currentWidget() is self.search_panel:
            self.search_panel.view.setFocus()
            self.search_panel.view._step(step)
            return
        self.article_list.setFocus()
        self.article_list.step_by(step)

    def _unread_button_toggled(self, checked: bool) -> None:
        self.act_unread_only.setChecked(checked)
        self.reload_list(keep_position=True)

    def _toggle_unread_only(self, checked: bool) -> None:
        self.list_pane.unread_button.setChecked(checked)  # reloads through the button

    def focus_filter(self) -> None:
        self.close_search()
        self.filter_field.setFocus()
        self.filter_field.selectAll()

    # -- opening articles ------------------------------------------------------------

    def open_article(self, article_id: int, *, navigating: bool = False,
                     highlight: list[str] | None = None) -> bool:
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
            self._status("That article is no longer in the library (its file was removed "
                         "or changed into something that is not an article).", 10000)
            return False
        related = RelatedInfo(linked_from=self.catalogue.linked_from(article_id))
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
        self._select_in_list(article_id)
        self.search_service.similar(
            article_id, limit=SIMILAR_LIMIT,
            on_done=lambda rows: self.reader.set_similar(
                article_id, rows, None if rows else self._similar_note()),
            on_error=lambda exc: self.reader.set_similar(
                article_id, [], "Similar articles are not available: " + describe_error(exc)),
        )
        self.articleOpened.emit(article_id)
        return True

    def _similar_note(self) -> str:
        if self.jobs.busy:
            return "None found yet: the search index is still being built."
        return "No similar articles in the archive."

    def _select_in_list(self, article_id: int) -> None:
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
        article_id = self.article_list.current_id() if self.left.currentWidget() is \
            self.list_pane else None
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
        return classify_link(url, roots=self.catalogue.roots(),
                             id_at_path=self.catalogue.id_at_path)

    def follow_link(self, url: QUrl) -> None:
        text = url.toString()
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
        self.search_field.setFocus()
        self.search_field.selectAll()

    def _search_text_changed(self, text: str) -> None:
        if not text.strip():
            self._search_timer.stop()
            self._search_serial += 1  # answers still on their way are stale now
            self._show_list()
            return
        self.left.setCurrentWidget(self.search_panel)
        self._search_limit = SEARCH_PAGE
        self.search_panel.show_pending(text.strip())
        self._search_timer.start()

    def _run_search(self) -> None:
        text = self.search_field.text().strip()
        if not text:
            return
        self._search_serial += 1
        serial = self._search_serial
        self.search_service.search(
            text, sort=self.search_panel.sort_key, limit=self._search_limit,
            on_done=lambda outcome: self._search_done(serial, outcome),
            on_error=lambda exc: self._search_failed(serial, exc),
        )

    def _rerun_search(self) -> None:
        if self.search_field.text().strip():
            self._search_timer.stop()
            self._run_search()

    def _more_results(self) -> None:
        self._search_limit += SEARCH_PAGE
        self._rerun_search()

    def _search_done(self, serial: int, outcome: SearchOutcome) -> None:
        if serial != self._search_serial or self._closing:
            return
        self.search_panel.show_outcome(outcome)
        self.searchFinished.emit(outcome)

    def _search_failed(self, serial: int, exc: BaseException) -> None:
        if serial == self._search_serial:
            self.search_panel.show_error(describe_error(exc))

    def _into_results(self) -> None:
        if self.left.currentWidget() is self.search_panel and self.search_panel.model.hits:
            self.search_panel.view.setFocus()

    def _search_enter(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._run_search()
            return
        hits = self.search_panel.model.hits
        if hits:
            index = self.search_panel.view.currentIndex()
            row = index.row() if index.isValid() else 0
            self._open_hit(hits[row].id)
            self.search_panel.view.setFocus()

    def _open_hit(self, article_id: int) -> None:
        terms: list[str] = []
        for hit in self.search_panel.model.hits:
            if hit.id == article_id:
                terms = [hit.snippet[s:e] for s, e in hit.highlights]
        self.open_article(article_id, highlight=sorted(set(terms), key=len, reverse=True))

    def _show_list(self) -> None:
        self.left.setCurrentWidget(self.list_pane)
        self.search_panel.clear()

    def close_search(self) -> None:
        """Esc: back to the full list, with the open article selected in it."""
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self._search_timer.stop()
        self._search_serial += 1
        self._show_list()
        self.article_list.setFocus()
        if self.reader.current_id is not None:
            self._select_in_list(self.reader.current_id)

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
        chosen: theme.ThemeMode = mode if mode in theme.THEMES else "system"  # type: ignore[assignment]
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
                self, "Add Archive Folder", start, QFileDialog.Option.ShowDirsOnly)
            if not path:
                return
        if not os.path.isdir(path):
            self.last_message = show_message(
                self, "Add Archive Folder", f"{path} is not a folder that can be opened.",
                error=True)
            return
        if not os.access(path, os.R_OK | os.X_OK):
            self.last_message = show_message(
                self, "Add Archive Folder",
                f"{path} cannot be read (permission denied).", error=True)
            return
        from reader.ui.jobs import ImportJob

        name = os.path.basename(os.path.normpath(path)) or path
        self.jobs.submit(ImportJob(self.data_dir, [os.path.abspath(path)],
                                   label=f"Importing {name}"))

    def rescan_folders(self) -> None:
        from reader.ui.jobs import RescanJob

        self.jobs.submit(RescanJob(self.data_dir))

    def start_background(self) -> None:
        """After the first paint: first-start sample, or re-scan the folders; warm search."""
        from reader.ui.jobs import RescanJob, sample_import_job

        if self._library_size == 0 and not self.catalogue.roots():
            self.jobs.submit(sample_import_job(self.data_dir))
        else:
            self.jobs.submit(RescanJob(self.data_dir))
        self.search_service.warm_up()

    def cancel_job(self) -> None:
        self.progress.cancelling()
        self.jobs.cancel()

    def _job_started(self, label: str) -> None:
        user_asked = label.startswith("Importing") or label.startswith("Opening")
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
        else:
            self._show_counts()
        if outcome.index_changed and self.left.currentWidget() is self.search_panel:
            self._rerun_search()
        if outcome.error:
            if outcome.announce:
                self.last_message = show_message(self, outcome.title, outcome.error,
                                                 error=True)
            else:
                self._status(outcome.error, 15000)
        elif outcome.announce:
            self.last_message = show_message(self, outcome.title, outcome.message,
                                             details=outcome.details)
        elif outcome.message:
            self._status(outcome.message, 15000)
        if self.reader.current_id is None:
            self.reader.show_message(*self._welcome())
        elif outcome.index_changed and self.reader.related.similar == []:
            current = self.reader.current_id
            self.search_service.similar(
                current, limit=SIMILAR_LIMIT,
                on_done=lambda rows: self.reader.set_similar(current, rows,
                                                             None if rows else
                                                             self._similar_note()),
                on_error=lambda _exc: None)
        self.jobFinished.emit(outcome)

    def _welcome(self) -> tuple[str, list[str]]:
        busy = self.jobs.current_label
        paragraphs = []
        if busy and busy.startswith("Opening the sample"):
            paragraphs.append("The sample archive is being opened: twenty short articles on "
                              "cross-border e-commerce in Chinese and English, so there is "
                              "something to read and search right away.")
        elif self._library_size:
            paragraphs.append("Choose an article on the left: <b>j</b>/<b>k</b> or the "
                              "arrow keys move, <b>Enter</b> opens, <b>Space</b> scrolls.")
        paragraphs.append("To read your own saved articles, choose <b>File › Add Archive "
                          "Folder…</b> (Ctrl+O) or drop a folder on this window. Text files "
                          "and saved web pages are imported; the folder is never changed.")
        paragraphs.append("Search everything with <b>Ctrl+K</b>: words, \"exact phrases\", "
                          "<b>-word</b>, <b>OR</b>, <b>site:</b>, <b>title:</b>, "
                          "<b>date:2024-05</b>. Help › Keyboard Shortcuts lists the keys.")
        return "Archive Reader", paragraphs

    # -- dialogs ---------------------------------------------------------------------

    def show_keys(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>"
                       for k, v in KEYS_HELP)
        self.last_message = show_message(self, "Keyboard Shortcuts", f"<table>{rows}</table>")

    def show_about(self) -> None:
        from reader import __version__

        self.last_message = show_message(
            self, "About Archive Reader",
            f"<b>Archive Reader {__version__}</b><p>Read and search your own offline archive "
            "of saved news articles. Nothing is fetched from the network.</p>"
            f"<p>Library: {self.data_dir}</p>")

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
        for timer in (self._select_timer, self._search_timer):
            timer.stop()
        self.save_state()
        self.jobs.shutdown()
        self.state_writer.stop()
        self.search_service.stop()
        self.list_queries.stop()
        self.catalogue.close()

    def restore_last_article(self) -> None:
        last = self.settings.last_article
        if last is not None and self.catalogue.summary(last) is not None:
            self.open_article(last)
