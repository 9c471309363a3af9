"""Bookmarking and annotating in the window: what the keys, menus, dialogs and panels do.

The controller sits between the window's widgets and ``AnnotationService`` (the store,
in its own thread). Every change is made by the store first; when it answers, the change
goes on the undo stack (``undo``), and what shows it is refreshed from the store: the
article's highlights and its meta line, the Highlights panel, the list's ★/✎ column, the
All Highlights view if it is open, the bookmarks view's tags. A backup of all of it is
written a few seconds after the last change (and on quit), never on every keystroke.

Selections become ``Article.text`` offsets through the reader pane's ``TextMap``; the
store keeps them with their quote and context, so they survive the article changing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reader.annotations import marks
from reader.annotations.model import COLORS, DEFAULT_COLOR, Annotation, Bookmark
from reader.ui.annotations.dialogs import NoteDialog, TagsDialog
from reader.ui.annotations.panels import AllPanel, ArticlePanel, color_icon, color_name
from reader.ui.annotations.service import (
    AnnotationService,
    ArticleAnnotations,
    BookmarkChange,
    ExportFormat,
    ExportResult,
)
from reader.ui.error_text import error_text
from reader.ui.i18n import QT_TRANSLATE_NOOP, translate
from reader.ui.qt import (
    QAction,
    QApplication,
    QDesktopServices,
    QDialog,
    QDockWidget,
    QFileDialog,
    QMenu,
    QObject,
    QPoint,
    Qt,
    QTimer,
    QToolTip,
    QUndoStack,
    QUrl,
    QWidget,
    Signal,
)
from reader.ui.reading.highlight_paint import tooltip_html
from reader.ui.window import undo
from reader.ui.window.host import AnnotationsHost
from reader.ui.window.messages import plain_tip

if TYPE_CHECKING:
    from reader.annotations.store import MergeSummary

BACKUP_DELAY_MS = 5000  # after the last change: a burst of edits makes one backup
ALL_LIMIT = 2000  # rows in All Highlights; the filter narrows the rest down
STATUS_MS = 6000
_SUFFIX = {"md": ".md", "json": ".jsonld"}
_FILTER = {
    "md": QT_TRANSLATE_NOOP("Annotations", "Markdown (*.md)"),
    "json": QT_TRANSLATE_NOOP("Annotations", "W3C Web Annotation JSON-LD (*.jsonld *.json)"),
}


def _file_name(title: str | None, fmt: ExportFormat) -> str:
    stem = re.sub(r"[\\/:*?\"<>|\s]+", "-", (title or "").strip())[:60].strip("-.")
    return f"{stem or 'highlights'}{_SUFFIX[fmt]}"


class AnnotationController(QObject):
    changed = Signal()  # a change was made and the views were asked to refresh
    articleAnnotationsShown = Signal(int)  # an article's highlights are on the page and panel

    def __init__(self, win: AnnotationsHost) -> None:
        super().__init__(win.widget)
        self.win = win
        self.reader = win.reader
        self.service = AnnotationService(win.data_dir, on_error=self._failed)
        self.undo_stack = QUndoStack(self)
        self.shown: ArticleAnnotations | None = None  # the open article's, once the store answered
        self.last_color = DEFAULT_COLOR
        self.dialog: QDialog | None = None  # the note or tags dialog that is open
        self.last_menu: QMenu | None = None  # the latest context menu (for tests)
        self.last_export: ExportResult | None = None
        self.last_backup: Path | None = None
        self._pending: tuple[int, str] | None = None  # (article, annotation) to go to
        self._all_dirty = True
        self.backup_delay_ms = BACKUP_DELAY_MS
        self.backup_timer = QTimer(self)
        self.backup_timer.setSingleShot(True)
        self.backup_timer.timeout.connect(lambda: self.backup_now(quiet=True))

        self.article_panel = ArticlePanel()
        self.all_panel = AllPanel()
        self.article_dock = self._dock(
            translate("Annotations", "Highlights"), "highlightsDock", self.article_panel
        )
        self.all_dock = self._dock(
            translate("Annotations", "All Highlights"), "allHighlightsDock", self.all_panel
        )
        win.widget.tabifyDockWidget(self.article_dock, self.all_dock)
        self.article_dock.hide()
        self.all_dock.hide()

        self.reader.articleShown.connect(self._article_shown)
        self.reader.annotationClicked.connect(self._highlight_clicked)
        self.reader.browser.menuRequested.connect(self._reader_menu)
        for view in (self.article_panel.view, self.all_panel.view):
            view.editRequested.connect(lambda a: self.edit_note(a.id))
            view.deleteRequested.connect(lambda a: self.delete(a.id))
            view.menuRequested.connect(self._annotation_menu)
        self.article_panel.view.activatedAnnotation.connect(self.go_to)
        self.all_panel.view.activatedAnnotation.connect(self.open_annotation)
        self.all_panel.filterChanged.connect(self.refresh_all)
        self.all_dock.visibilityChanged.connect(self._all_visibility)
        win.article_list.menuRequested.connect(self._list_menu)

    def _dock(self, title: str, name: str, panel: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self.win.widget)
        dock.setObjectName(name)  # saveState/restoreState remember it by this name
        dock.setWidget(panel)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.win.widget.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    # -- small helpers -----------------------------------------------------------------

    def _status(self, text: str, timeout: int = STATUS_MS) -> None:
        self.win.widget.statusBar().showMessage(text, timeout)

    def _report(
        self, title: str, text: str, details: list[str] | None = None, *, error: bool = False
    ) -> None:
        """How a background change ended, in the status bar's report (Details… opens the
        rest): never a modal box, which would take the keyboard from whatever the person
        is typing into by the time the thread answers."""
        if not self.win.closing:
            self.win.status_report.report(title, text, details, error=error)

    def _failed(self, exc: BaseException) -> None:
        """A change the person asked for failed: say so, and show what the store has."""
        if not self.win.closing:
            self._report(
                translate("Annotations", "Highlights and Bookmarks"),
                error_text(exc),
                error=True,
            )
            self.reload_article()

    def _read_failed(self, exc: BaseException) -> None:
        # Reading an article's highlights (it may have just left the library): a status
        # line, not a box, and no retry.
        if not self.win.closing:
            self._status(
                translate("Annotations", "The highlights could not be read: {error}").format(
                    error=error_text(exc)
                ),
                10000,
            )

    def _load(self, article_id: int) -> None:
        done = self._article_loaded if article_id == self.reader.current_id else self._marks_loaded
        self.service.article(article_id, done, on_error=self._read_failed)

    def _title(self, article_id: int) -> str:
        if article_id == self.reader.current_id and self.reader.article is not None:
            return self.reader.article.title
        row = self.win.catalogue.summary(article_id)
        return str(row["title"]) if row else translate("Annotations", "this article")

    def _target(self, article_id: int | None) -> int | None:
        target = article_id if article_id is not None else self.reader.current_id
        if target is None:
            self._status(translate("Annotations", "Open an article first."))
        return target

    def _find(self, annotation_id: str) -> Annotation | None:
        pools = [
            self.shown.annotations if self.shown else [],
            self.article_panel.items,
            self.all_panel.items,
        ]
        for pool in pools:
            for a in pool:
                if a.id == annotation_id:
                    return a
        return None

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_closed(d))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # -- the open article ----------------------------------------------------------------

    def _article_shown(self, article_id: int | None) -> None:
        self.shown = None
        self._show_bookmark_state(article_id, self.reader.related.bookmark)
        if article_id is None:
            self.article_panel.set_article(None, [])
            return
        self.article_panel.set_article(article_id, [])
        self._load(article_id)

    def reload_article(self) -> None:
        """Ask the store again for the open article's highlights and bookmark."""
        if self.reader.current_id is not None:
            self._load(self.reader.current_id)

    def _article_loaded(self, loaded: ArticleAnnotations) -> None:
        tags = loaded.bookmark.tags if loaded.bookmark is not None else None
        self.win.list_model.set_marks(loaded.article_id, tags, len(loaded.annotations))
        if loaded.article_id != self.reader.current_id or self.win.closing:
            return
        self.shown = loaded
        self.reader.set_annotations(loaded.article_id, loaded.annotations)
        self.reader.set_bookmark(loaded.article_id, tags)
        self._show_bookmark_state(loaded.article_id, tags)
        self.article_panel.set_article(loaded.article_id, loaded.annotations)
        if self._pending is not None and self._pending[0] == loaded.article_id:
            annotation_id = self._pending[1]
            self._pending = None
            found = self._find(annotation_id)
            if found is not None:
                self.go_to(found)
        self.articleAnnotationsShown.emit(loaded.article_id)

    def _marks_loaded(self, loaded: ArticleAnnotations) -> None:
        tags = loaded.bookmark.tags if loaded.bookmark is not None else None
        self.win.list_model.set_marks(loaded.article_id, tags, len(loaded.annotations))

    def _show_bookmark_state(self, article_id: int | None, tags: tuple[str, ...] | None) -> None:
        action = self.win.act_bookmark
        action.setEnabled(article_id is not None)
        marked = article_id is not None and tags is not None
        action.setChecked(marked)
        action.setIconText(
            translate("Actions", "★ Bookmarked") if marked else translate("Actions", "☆ Bookmark")
        )
        if marked and tags:
            tip = translate(
                "Annotations", "Bookmarked (tags: {tags}): click to remove (Ctrl+D)"
            ).format(tags=translate("Annotations", ", ").join(tags))
        elif marked:
            tip = translate("Annotations", "Bookmarked: click to remove (Ctrl+D)")
        else:
            tip = translate("Actions", "Bookmark this article (Ctrl+D)")
        action.setToolTip(plain_tip(tip))  # it names the tags, which are the reader's text

    # -- after any change ----------------------------------------------------------------

    def _changed(self, article_ids: list[int | None], *, bookmarks: bool = False) -> None:
        if self.win.closing:
            return
        for article_id in dict.fromkeys(a for a in article_ids if a is not None):
            self._load(article_id)
        self._refresh_views(bookmarks=bookmarks)

    def _refresh_views(self, *, bookmarks: bool = True) -> None:
        if self.all_dock.isVisible():
            self.refresh_all()
        else:
            self._all_dirty = True
        if bookmarks:
            self.refresh_tags()
            if self.win.list_pane.bookmarks_only:
                self.win.reload_list(keep_position=True)
        if self.win.search.active:  # is:bookmarked, tag:, in:notes and notes in any query
            self.win.search.rerun()
        self.backup_timer.start(self.backup_delay_ms)
        self.changed.emit()

    def changed_everything(self) -> None:
        """After an import of highlights or of the archive: everything may differ."""
        self.win.list_model.refresh_rows()
        self.reload_article()
        self._refresh_views(bookmarks=True)

    def refresh_all(self) -> None:
        self._all_dirty = False
        self.service.list_all(
            lambda items: self.all_panel.set_results(items, limit=ALL_LIMIT),
            query=self.all_panel.query,
            color=self.all_panel.chosen_color,
            limit=ALL_LIMIT,
        )

    def refresh_tags(self) -> None:
        self.service.tags(self.win.list_pane.set_tags)

    def _all_visibility(self, visible: bool) -> None:
        if visible and self._all_dirty:
            self.refresh_all()

    # -- bookmarks -----------------------------------------------------------------------

    def toggle_bookmark(self, article_id: int | None = None) -> None:
        """Ctrl+D, the toolbar star, the list's menu."""
        target = self._target(article_id)
        if target is None:
            self._show_bookmark_state(None, None)
            return
        self.service.toggle_bookmark(target, lambda change: self._bookmark_done(target, change))

    def bookmark_selection(self, article_ids: list[int], on: bool) -> None:
        """The list's menu on several selected articles: bookmark (or un-bookmark) them
        all, one Edit › Undo step for the lot."""
        if article_ids:
            chosen = list(article_ids)
            self.service.bookmark_many(
                chosen, on, lambda changes: self._bookmarks_done(changes, on)
            )

    def _bookmarks_done(self, changes: list[tuple[int, BookmarkChange]], on: bool) -> None:
        n = len(changes)
        if not n:
            self._status(
                translate("Annotations", "Already bookmarked.")
                if on
                else translate("Annotations", "None of them was bookmarked.")
            )
            return
        self.undo_stack.beginMacro(
            translate("Annotations", "Bookmark %Ln Article(s)", "", n)
            if on
            else translate("Annotations", "Remove %Ln Bookmark(s)", "", n)
        )
        for article_id, (before, after) in changes:
            self.undo_stack.push(undo.bookmark_changed(self, article_id, before, after))
        self.undo_stack.endMacro()
        self._status(
            translate("Annotations", "Bookmarked %Ln article(s). Ctrl+Z undoes it.", "", n)
            if on
            else translate("Annotations", "Removed %Ln bookmark(s). Ctrl+Z undoes it.", "", n)
        )
        self._changed([article_id for article_id, _change in changes], bookmarks=True)

    def edit_tags(self, article_id: int | None = None) -> None:
        """Ctrl+Shift+D, "Edit tags" in the article's meta line, the list's menu."""
        target = self._target(article_id)
        if target is None:
            return
        current = self.win.list_model.bookmark_of(target)
        known = [tag for tag, _ in marks.tags(self.win.catalogue.connection)]
        dialog = TagsDialog(
            self.win.widget,
            title=self._title(target),
            tags=current or (),
            known=known,
            bookmarked=current is not None,
        )
        dialog.saved.connect(
            lambda tags: self.service.set_tags(
                target, tags, lambda change: self._bookmark_done(target, change)
            )
        )
        self._show_dialog(dialog)

    def _bookmark_done(self, article_id: int, change: BookmarkChange) -> None:
        before, after = change
        if before == after:
            return
        title = self._title(article_id)
        self.undo_stack.push(undo.bookmark_changed(self, article_id, before, after, title=title))
        if after is None:
            self._status(
                translate(
                    "Annotations", "Bookmark removed from “{title}” (Ctrl+Z puts it back)."
                ).format(title=title)
            )
        elif before is None:
            self._status(
                translate(
                    "Annotations",
                    "Bookmarked “{title}”. Ctrl+Shift+D adds tags; the ★ Bookmarks "
                    "button above the list shows them all.",
                ).format(title=title)
            )
        else:
            self._status(
                translate("Annotations", "Tags: {tags}.").format(
                    tags=translate("Annotations", ", ").join(after.tags)
                    or translate("Annotations", "none")
                )
            )
        self._changed([article_id], bookmarks=True)

    def apply_bookmark(self, article_id: int, bookmark: Bookmark | None) -> None:
        self.service.put_bookmark(
            article_id, bookmark, lambda _b: self._changed([article_id], bookmarks=True)
        )

    def manage_tags(self) -> None:
        """Edit › Manage Tags…: every tag with its count, renamed or deleted on every
        bookmark at once (``tag_manager``; Edit › Undo puts it back)."""
        from reader.ui.annotations.tag_manager import TagManagerDialog

        dialog = TagManagerDialog(self, self.win.widget)
        self._show_dialog(dialog)
        dialog.reload()

    # -- highlights and notes ------------------------------------------------------------

    def _selection(self) -> tuple[int, int, int] | None:
        article_id = self.reader.current_id
        found = self.reader.selection_range()
        if article_id is None or found is None:
            self._status(
                translate(
                    "Annotations",
                    "Select a passage of the article's text first, then highlight it "
                    "(Ctrl+Shift+H) or add a note (Ctrl+Shift+N).",
                )
            )
            return None
        return article_id, found[0], found[1]

    def _clear_selection(self) -> None:
        cursor = self.reader.browser.textCursor()
        cursor.clearSelection()
        self.reader.browser.setTextCursor(cursor)

    def highlight(self, color: str | None = None) -> None:
        """Ctrl+Shift+H: highlight the selection (in the last color used, or *color*)."""
        selection = self._selection()
        if selection is None:
            return
        if color:
            self.last_color = color
        article_id, start, end = selection
        self.service.add(article_id, start, end, self._added, color=self.last_color)

    def add_note(self) -> None:
        """Ctrl+Shift+N: a note on the selection; without one, the highlight's at the
        text cursor."""
        article = self.reader.article
        found = self.reader.selection_range()
        if found is None or article is None or self.reader.current_id is None:
            under = self.reader.annotations_at_cursor()
            if under:
                self.edit_note(under[0].id)
            else:
                self._selection()  # says what to do
            return
        article_id, (start, end) = self.reader.current_id, found
        dialog = NoteDialog(self.win.widget, quote=article.text[start:end], color=self.last_color)

        def save(note: str, color: str) -> None:
            self.last_color = color
            self.service.add(article_id, start, end, self._added, note=note or None, color=color)

        dialog.saved.connect(save)
        self._show_dialog(dialog)

    def _added(self, annotation: Annotation) -> None:
        self.undo_stack.push(undo.added(self, annotation))
        if annotation.article_id == self.reader.current_id:
            self._clear_selection()
        self._status(
            translate(
                "Annotations",
                "Note added. Hover over it to see the note; right-click it to edit, "
                "recolor or delete; Ctrl+Z undoes.",
            )
            if annotation.note
            else translate(
                "Annotations",
                "Highlighted. Right-click it to add a note, recolor or delete; Ctrl+Z undoes.",
            )
        )
        self._changed([annotation.article_id])

    def edit_note(self, annotation_id: str) -> None:
        a = self._find(annotation_id)
        if a is None:
            self._status(translate("Annotations", "That highlight is no longer there."))
            return
        dialog = NoteDialog(
            self.win.widget, quote=a.quote, note=a.note, color=a.color, editing=True
        )
        dialog.saved.connect(
            lambda note, color: self.service.edit(
                a.id, self._edited, note=note or None, color=color
            )
        )
        dialog.deleteRequested.connect(lambda: self.delete(a.id))
        self._show_dialog(dialog)

    def set_color(self, annotation_id: str, color: str) -> None:
        self.last_color = color
        self.service.edit(annotation_id, self._edited, color=color)

    def _edited(self, change: tuple[Annotation, Annotation]) -> None:
        before, after = change
        if (before.note, before.color) == (after.note, after.color):
            return
        self.undo_stack.push(undo.edited(self, before, after))
        self._changed([after.article_id])

    def delete(self, annotation_id: str) -> None:
        self.service.delete(annotation_id, self._deleted)

    def _deleted(self, annotation: Annotation) -> None:
        self.undo_stack.push(undo.deleted(self, annotation))
        self._status(
            translate("Annotations", "Highlight deleted. Edit › Undo (Ctrl+Z) brings it back.")
        )
        self._changed([annotation.article_id])

    # undo.Applier: redo and undo go through the store again.
    def apply_restore(self, annotation: Annotation) -> None:
        self.service.restore(annotation, lambda a: self._changed([a.article_id]))

    def apply_delete(self, annotation: Annotation) -> None:
        self.service.delete(annotation.id, lambda a: self._changed([a.article_id]))

    def apply_edit(self, annotation: Annotation, *, note: str | None, color: str) -> None:
        self.service.edit(
            annotation.id,
            lambda change: self._changed([change[1].article_id]),
            note=note,
            color=color,
        )

    # -- going to a highlight ------------------------------------------------------------

    def go_to(self, annotation: Annotation) -> None:
        """The Highlights panel: bring the passage into view and flash it."""
        self.article_panel.view.select(annotation.id)
        if annotation.article_id != self.reader.current_id:
            self.open_annotation(annotation)
        elif not self.reader.scroll_to_annotation(annotation.id):
            quote = " ".join(annotation.quote.split())
            self._status(
                translate(
                    "Annotations",
                    "This passage is no longer in the article's text (it changed); the "
                    "highlight is kept with its quote: “{quote}”",
                ).format(quote=quote[:80]),
                12000,
            )

    def open_annotation(self, annotation: Annotation) -> None:
        """All Highlights: open the article at the passage."""
        article_id = annotation.article_id
        if article_id is None:
            self._status(
                translate(
                    "Annotations",
                    "That article is not in the library at the moment (its file is "
                    "gone); the highlight is kept and comes back with the file.",
                ),
                12000,
            )
            return
        if article_id == self.reader.current_id and self.shown is not None:
            self.go_to(annotation)
            return
        self._pending = (article_id, annotation.id)
        if not self.win.open_article(article_id):
            self._pending = None

    def _highlight_clicked(self, annotation_id: str, point: QPoint) -> None:
        a = self._find(annotation_id)
        if a is None:
            return
        self.article_panel.view.select(a.id)
        QToolTip.showText(point, tooltip_html([a]), self.reader.browser.viewport())

    # -- menus ---------------------------------------------------------------------------

    def _color_menu(self, parent: QMenu, title: str, annotation: Annotation | None) -> QMenu:
        menu = QMenu(title, parent)
        for name in COLORS:
            action = menu.addAction(color_icon(name), color_name(name))
            if annotation is None:
                action.triggered.connect(lambda _c=False, n=name: self.highlight(n))
            else:
                action.setCheckable(True)
                action.setChecked(annotation.color == name)
                action.triggered.connect(
                    lambda _c=False, n=name, i=annotation.id: self.set_color(i, n)
                )
        return menu

    def _annotation_actions(self, menu: QMenu, a: Annotation) -> list[QAction]:
        edit = QAction(
            translate("Annotations", "Edit Note…")
            if a.note
            else translate("Annotations", "Add Note to Highlight…"),
            menu,
        )
        edit.triggered.connect(lambda: self.edit_note(a.id))
        delete = QAction(translate("Annotations", "Delete Highlight"), menu)
        delete.triggered.connect(lambda: self.delete(a.id))
        return [
            edit,
            self._color_menu(menu, translate("Annotations", "Color"), a).menuAction(),
            delete,
        ]

    def _reader_menu(self, menu: QMenu, point: QPoint) -> None:
        """The article's context menu: our actions above the standard Copy/Select All."""
        self.last_menu = menu
        ours: list[QAction | None] = []
        if self.reader.selection_range() is not None:
            ours += [
                self.win.act_highlight,
                self._color_menu(
                    menu, translate("Annotations", "Highlight in Color"), None
                ).menuAction(),
                self.win.act_add_note,
                None,
            ]
        under = self.reader.annotations_at(self.reader.char_at(point))
        if under:
            ours += [*self._annotation_actions(menu, under[0]), None]
        if self.reader.current_id is not None:
            ours += [self.win.act_bookmark, self.win.act_edit_tags, None]
        before = menu.actions()[0] if menu.actions() else None
        for action in ours:
            if action is None and before is not None:
                menu.insertSeparator(before)
            elif action is None:
                menu.addSeparator()
            elif before is not None:
                menu.insertAction(before, action)
            else:
                menu.addAction(action)

    def _annotation_menu(self, a: Annotation, point: QPoint) -> None:
        menu = QMenu(self.win.widget)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = menu.addAction(translate("Annotations", "Show in the Article"))
        go.triggered.connect(lambda: self.open_annotation(a))
        menu.addSeparator()
        menu.addActions(self._annotation_actions(menu, a))
        menu.addSeparator()
        copy = menu.addAction(translate("Annotations", "Copy Quote"))
        copy.triggered.connect(lambda: QApplication.clipboard().setText(a.quote))
        self.last_menu = menu
        menu.popup(point)

    def _list_menu(self, article_id: int, point: QPoint) -> None:
        selected = self.win.article_list.selected_ids()
        if len(selected) > 1 and article_id in selected:
            self._selection_menu(selected, point)
            return
        menu = QMenu(self.win.widget)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        marked = self.win.list_model.bookmark_of(article_id) is not None
        toggle = menu.addAction(
            translate("Annotations", "Remove Bookmark")
            if marked
            else translate("Annotations", "Bookmark")
        )
        toggle.setShortcut(self.win.act_bookmark.shortcut())
        toggle.triggered.connect(lambda: self.toggle_bookmark(article_id))
        tags = menu.addAction(translate("Annotations", "Edit Bookmark Tags…"))
        tags.triggered.connect(lambda: self.edit_tags(article_id))
        menu.addSeparator()
        read = self.win.list_model.is_read(article_id)
        mark = menu.addAction(
            translate("Annotations", "Mark as Unread")
            if read
            else translate("Annotations", "Mark as Read")
        )
        mark.triggered.connect(self.win.toggle_read)
        menu.addSeparator()
        menu.addAction(self.win.article_list.remove_action)  # Delete: never from disk
        self.last_menu = menu
        menu.popup(point)

    def _selection_menu(self, ids: list[int], point: QPoint) -> None:
        """The list's menu on a selection of several articles: what applies to each."""
        menu = QMenu(self.win.widget)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        n = len(ids)
        model = self.win.list_model
        unmarked = [i for i in ids if model.bookmark_of(i) is None]
        bookmark = menu.addAction(translate("Annotations", "Bookmark %Ln Article(s)", "", n))
        bookmark.setEnabled(bool(unmarked))
        bookmark.triggered.connect(lambda: self.bookmark_selection(ids, True))
        unbookmark = menu.addAction(translate("Annotations", "Remove %Ln Bookmark(s)", "", n))
        unbookmark.setEnabled(len(unmarked) < n)
        unbookmark.triggered.connect(lambda: self.bookmark_selection(ids, False))
        menu.addSeparator()
        read = menu.addAction(translate("Annotations", "Mark %Ln as Read", "", n))
        read.triggered.connect(lambda: self.win.mark_read(ids, True))
        unread = menu.addAction(translate("Annotations", "Mark %Ln as Unread", "", n))
        unread.triggered.connect(lambda: self.win.mark_read(ids, False))
        menu.addSeparator()
        remove = menu.addAction(translate("Annotations", "Remove %Ln from Library…", "", n))
        remove.setShortcut(self.win.article_list.remove_action.shortcut())
        remove.triggered.connect(self.win.article_list.remove_selected_articles)
        self.last_menu = menu
        menu.popup(point)

    # -- panels --------------------------------------------------------------------------

    def toggle_panel(self) -> None:
        self._toggle(self.article_dock)

    def toggle_all(self) -> None:
        self._toggle(self.all_dock)
        if self.all_dock.isVisible():
            self.all_panel.field.setFocus()

    @staticmethod
    def _toggle(dock: QDockWidget) -> None:
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            dock.hide()
        else:
            dock.show()
            dock.raise_()

    # -- export, import, backups ---------------------------------------------------------

    def export(self, fmt: ExportFormat, *, article: bool, path: str | None = None) -> None:
        """File › Export Highlights: the open article's or all, Markdown or JSON-LD."""
        article_id = self.reader.current_id if article else None
        if article and article_id is None:
            self._status(translate("Annotations", "Open an article to export its highlights."))
            return
        if path is None:
            title = (
                self._title(article_id)
                if article_id is not None
                else translate("Annotations", "highlights")
            )
            suggested = str(Path.home() / _file_name(title, fmt))
            path, _ = QFileDialog.getSaveFileName(
                self.win.widget,
                translate("Annotations", "Export Highlights"),
                suggested,
                translate("Annotations", _FILTER[fmt]),
            )
            if not path:
                return
            if not Path(path).suffix:
                path += _SUFFIX[fmt]
        self.service.export(
            Path(path),
            fmt,
            article_id,
            self._exported,
            on_error=lambda exc: self._file_failed(
                translate("Annotations", "Export Highlights"), exc
            ),
        )

    def _exported(self, result: ExportResult) -> None:
        self.last_export = result
        n = result.annotations
        highlights = translate("Annotations", "%Ln highlight(s)", "", n)
        if result.bookmarks:
            text = translate("Annotations", "Exported {highlights} and {bookmarks} to {path}")
        else:
            text = translate("Annotations", "Exported {highlights} to {path}")
        marked = result.bookmarks  # a plain name: lupdate skips a call with an expression
        bookmarks = translate("Annotations", "%Ln bookmark(s)", "", marked)
        self._status(
            text.format(highlights=highlights, bookmarks=bookmarks, path=result.path), 10000
        )

    def _file_failed(self, title: str, exc: BaseException) -> None:
        self._report(title, error_text(exc), error=True)

    def import_file(self, path: str | None = None, *, title: str | None = None) -> None:
        """Merge a JSON-LD file in (an export from here or elsewhere, or a backup)."""
        title = title or translate("Annotations", "Import Highlights")
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.win.widget,
                title,
                str(Path.home()),
                translate("Annotations", _FILTER["json"])
                + ";;"
                + translate("Annotations", "All files (*)"),
            )
            if not path:
                return
        self.service.import_file(
            Path(path),
            lambda summary: self._imported(title, summary),
            on_error=lambda exc: self._file_failed(title, exc),
        )

    def _imported(self, title: str, summary: MergeSummary) -> None:
        self._report(title, summary.describe(), summary.skipped)
        self.changed_everything()

    def restore_backup(self, path: str | None = None) -> None:
        folder = self.service.backup_folder()
        if path is None:
            from reader.annotations.backup import list_backups

            newest = list_backups(folder)
            start = str(newest[0] if newest else folder)
            path, _ = QFileDialog.getOpenFileName(
                self.win.widget,
                translate("Annotations", "Restore from Backup"),
                start,
                translate("Annotations", "Backups (*.jsonld)")
                + ";;"
                + translate("Annotations", "All files (*)"),
            )
            if not path:
                return
        self.import_file(path, title=translate("Annotations", "Restore from Backup"))

    def open_backups_folder(self) -> None:
        folder = self.service.backup_folder()
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._status(
                translate("Annotations", "The backups are in {folder}").format(folder=folder), 15000
            )

    def backup_now(self, *, quiet: bool = False) -> None:
        def done(path: Path | None) -> None:
            if path is not None:
                self.last_backup = path
            if not quiet:
                self._status(
                    translate("Annotations", "Backup written: {path}").format(path=path)
                    if path is not None
                    else translate("Annotations", "Nothing changed since the last backup."),
                    8000,
                )

        self.backup_timer.stop()
        self.service.backup(done)

    # -- the window's life ---------------------------------------------------------------

    def library_changed(self) -> None:
        """An import or re-scan finished (it re-anchored in its own process)."""
        self.changed_everything()

    def shutdown(self) -> None:
        """On quit: the last backup, then the thread (which runs what is queued first)."""
        self.backup_timer.stop()
        if self.dialog is not None:
            self.dialog.close()
        self.service.backup()
        self.service.stop()
