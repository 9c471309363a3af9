"""What the window's parts may use of the window, so they need not know ``MainWindow``.

``actions`` (the commands, menus and toolbar) and the annotation controller are made by
the main window and talk back to it. They type against these protocols instead of
importing ``mainwindow`` (which imports them): only ``mainwindow`` knows the concrete
class, and mypy checks at the two places it hands itself over that it fits.

``widget`` is the window as a Qt object: the parent of actions, docks, menus and dialogs,
with its menu bar, toolbars and status bar. (A protocol cannot also be a ``QMainWindow``.)

``MixinBase`` is the base of the mixins ``MainWindow`` is assembled from (``navigation``,
``job_control``): ``QMainWindow`` to the type checker, so their methods may use the
window's Qt methods, and ``object`` at run time, so ``MainWindow`` stays the one Qt class.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.catalogue import Catalogue
from reader.ui.library.article_list import ArticleListModel, ArticleListView
from reader.ui.library.pane import ListPane
from reader.ui.qt import QAction, QActionGroup, QMainWindow, QMessageBox
from reader.ui.reading.pane import ReaderPane
from reader.ui.search.controller import SearchController
from reader.ui.window.settings import Settings
from reader.ui.window.status_widgets import StatusReport

if TYPE_CHECKING:
    MixinBase = QMainWindow
else:
    MixinBase = object


class WindowHost(Protocol):
    """What every part uses: the window as a Qt widget, and its reading pane."""

    @property
    def widget(self) -> QMainWindow: ...
    @property
    def reader(self) -> ReaderPane: ...


class AnnotationsHost(WindowHost, Protocol):
    """What ``annotations.controller.AnnotationController`` uses of the window."""

    @property
    def data_dir(self) -> Path: ...
    @property
    def closing(self) -> bool: ...
    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def list_pane(self) -> ListPane: ...
    @property
    def list_model(self) -> ArticleListModel: ...
    @property
    def article_list(self) -> ArticleListView: ...
    @property
    def search(self) -> SearchController: ...
    @property
    def act_add_note(self) -> QAction: ...
    @property
    def act_bookmark(self) -> QAction: ...
    @property
    def act_edit_tags(self) -> QAction: ...
    @property
    def act_highlight(self) -> QAction: ...
    @property
    def status_report(self) -> StatusReport: ...

    last_message: QMessageBox | None  # the latest box, for tests

    def open_article(self, article_id: int) -> bool: ...
    def reload_list(self, *, keep_position: bool = True) -> None: ...
    def toggle_read(self) -> None: ...
    def mark_read(self, article_ids: list[int], read: bool) -> None: ...


class ActionsHost(WindowHost, Protocol):
    """What ``actions`` uses of the window: the commands it binds, and the actions it
    makes and sets on the window for the menus, the toolbar and the rest to use."""

    @property
    def settings(self) -> Settings: ...

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
    act_preferences: QAction
    act_manage_tags: QAction
    act_full_screen: QAction
    act_print: QAction
    act_export_article: dict[str, QAction]  # md | html | pdf
    highlight_actions: dict[str, QAction]
    theme_group: QActionGroup
    theme_actions: dict[str, QAction]
    act_search_syntax: QAction
    language_group: QActionGroup
    language_actions: dict[str, QAction]

    def show_preferences(self) -> object: ...
    def toggle_full_screen(self) -> None: ...
    def print_article(self) -> None: ...
    def export_article(self, fmt: str, path: str | None = None) -> object: ...
    def add_archive_folder(self) -> None: ...
    def rescan_folders(self) -> None: ...
    def focus_search(self) -> None: ...
    def focus_filter(self) -> None: ...
    def toggle_read(self) -> None: ...
    def copy_source_link(self) -> None: ...
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def zoom_reset(self) -> None: ...
    def toggle_unread_only(self, checked: bool) -> None: ...
    def toggle_bookmarks_only(self, checked: bool) -> None: ...
    def toggle_timeline(self, checked: bool) -> None: ...
    def go_back(self) -> None: ...
    def go_forward(self) -> None: ...
    def move_in_list(self, step: int) -> None: ...
    def set_theme(self, mode: str) -> None: ...
    def show_keys(self) -> None: ...
    def show_search_syntax(self) -> object: ...
    def show_about(self) -> None: ...
    def set_language(self, choice: str) -> None: ...
