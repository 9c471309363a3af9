"""Every command of the window as a QAction, and the menus and toolbar that show them.

One table of what each key does, kept in one place so the menus, the toolbar, the
shortcut list in Help and the README agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.annotations.model import COLORS
from reader.ui.annotations.controller import AnnotationController
from reader.ui.annotations.panels import color_icon
from reader.ui.qt import QAction, QActionGroup, QKeySequence, Qt, QToolBar, QWidget
from reader.ui.window.host import ActionsHost

KEYS_HELP = [
    (
        "Ctrl+K  or  /",
        'search the archive (words, "phrases", -word, OR, site:, title:, lang:, date:2024-05)',
    ),
    ("Esc", "back from search to the list; clear the filter; close find"),
    ("Ctrl+L", "filter the list by title or site"),
    ("j / k  or  ↓ / ↑", "next / previous article"),
    ("Enter", "open the selected article"),
    ("Space / Shift+Space", "scroll the article (at its end, go to the next)"),
    ("Home / End", "the top or the end of the article"),
    ("Alt+← / Alt+→", "back / forward (mouse buttons too)"),
    ("Shift+↓ / Shift+↑, Ctrl+click", "select several articles (right-click: act on all)"),
    ("m  or  Ctrl+M", "mark the selected article(s) read or unread"),
    ("Delete", "remove the selected article(s) from the library, never from disk"),
    ("Ctrl+Shift+U", "show unread articles only"),
    ("Ctrl+F", "find in the article (Enter: next, Shift+Enter: previous)"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "larger / smaller / normal text"),
    ("Ctrl+O", "add an archive folder (or drop one on the window)"),
    ("F5", "re-scan the added folders for changes"),
    ("Ctrl+D", "bookmark the article, or remove its bookmark (★ in the toolbar too)"),
    ("Ctrl+Shift+D", "edit the bookmark's tags (comma separated)"),
    ("Ctrl+Shift+B", "bookmarks only in the list, by tag"),
    ("Ctrl+Shift+H", "highlight the selected passage (right-click: other colors)"),
    ("Ctrl+Shift+N", "add a note to the selection, or edit the highlight's at the cursor"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo a highlight, note, bookmark or removal"),
    ("Ctrl+Shift+A", "this article's highlights, in reading order"),
    ("Ctrl+Shift+L", "all highlights, newest first, filtered as you type"),
]


def keys_help_html() -> str:
    rows = "".join(
        f"<tr><td><b>{keys}</b>&nbsp;&nbsp;&nbsp;</td><td>{what}</td></tr>"
        for keys, what in KEYS_HELP
    )
    return f"<table>{rows}</table>"


def make_action(
    owner: QWidget,
    text: str,
    slot: Callable[..., Any],
    shortcut: Any = None,
    *,
    tip: str | None = None,
    checkable: bool = False,
) -> QAction:
    action = QAction(text, owner)
    if shortcut is not None:
        keys: list[QKeySequence] = []
        for item in shortcut if isinstance(shortcut, list) else [shortcut]:
            sequences = (
                QKeySequence.keyBindings(item)
                if isinstance(item, QKeySequence.StandardKey)
                else [QKeySequence(item)]
            )
            # The same key twice (Alt+Left is also the platform's Back) would make Qt call
            # the shortcut ambiguous and fire neither.
            keys += [k for k in sequences if k not in keys and not k.isEmpty()]
        action.setShortcuts(keys)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    owner.addAction(action)  # shortcuts work wherever the focus is in the window
    return action


def build_actions(win: ActionsHost, annotating: AnnotationController) -> None:
    std = QKeySequence.StandardKey

    def act(*args: Any, **kwargs: Any) -> QAction:
        return make_action(win.widget, *args, **kwargs)

    win.act_add_folder = act(
        "&Add Archive Folder…",
        lambda: win.add_archive_folder(),
        std.Open,
        tip="Import a folder of saved articles (it is only read, never changed)",
    )
    win.act_rescan = act(
        "&Re-scan Folders",
        win.rescan_folders,
        "F5",
        tip="Look for new or changed files in the added folders",
    )
    win.act_quit = act("&Quit", win.widget.close, std.Quit)
    win.act_search = act("&Search the Archive", win.focus_search, "Ctrl+K")
    win.act_filter = act("F&ilter the List", win.focus_filter, "Ctrl+L")
    win.act_find = act("&Find in Article…", win.reader.open_find, std.Find)
    win.act_toggle_read = act("&Mark as Read/Unread", win.toggle_read, "Ctrl+M")
    win.act_copy_link = act("&Copy Link to Original", win.copy_source_link)
    win.act_zoom_in = act("Zoom &In", win.zoom_in, ["Ctrl+=", "Ctrl++"])
    win.act_zoom_out = act("Zoom &Out", win.zoom_out, "Ctrl+-")
    win.act_zoom_reset = act("&Actual Size", win.zoom_reset, "Ctrl+0")
    win.act_unread_only = act(
        "Show &Unread Only", win.toggle_unread_only, "Ctrl+Shift+U", checkable=True
    )
    win.act_back = act(
        "&Back", win.go_back, ["Alt+Left", std.Back], tip="Back to the previous article (Alt+Left)"
    )
    win.act_forward = act(
        "&Forward", win.go_forward, ["Alt+Right", std.Forward], tip="Forward again (Alt+Right)"
    )
    win.act_next = act("&Next Article", lambda: win.move_in_list(1))
    win.act_previous = act("&Previous Article", lambda: win.move_in_list(-1))
    win.act_undo = annotating.undo_stack.createUndoAction(win.widget, "&Undo")
    win.act_undo.setShortcuts(QKeySequence.keyBindings(std.Undo))
    win.act_redo = annotating.undo_stack.createRedoAction(win.widget, "&Redo")
    win.act_redo.setShortcuts(QKeySequence.keyBindings(std.Redo))
    win.widget.addActions([win.act_undo, win.act_redo])
    win.act_bookmark = act(
        "&Bookmark This Article",
        lambda: annotating.toggle_bookmark(),
        "Ctrl+D",
        tip="Bookmark this article (Ctrl+D)",
        checkable=True,
    )
    win.act_bookmark.setEnabled(False)
    win.act_edit_tags = act(
        "Edit Bookmark &Tags…",
        lambda: annotating.edit_tags(),
        "Ctrl+Shift+D",
        tip="Tags for this article's bookmark, comma separated",
    )
    win.act_bookmarks_only = act(
        "&Bookmarks Only", win.toggle_bookmarks_only, "Ctrl+Shift+B", checkable=True
    )
    win.act_highlight = act(
        "&Highlight",
        lambda: annotating.highlight(),
        "Ctrl+Shift+H",
        tip="Highlight the selected passage",
    )
    win.highlight_actions = {}
    for name in COLORS:
        action = act(name.capitalize(), lambda _c=False, n=name: annotating.highlight(n))
        action.setIcon(color_icon(name))
        win.highlight_actions[name] = action
    win.act_add_note = act(
        "Add &Note…",
        lambda: annotating.add_note(),
        "Ctrl+Shift+N",
        tip="A note on the selected passage",
    )
    win.act_highlights_panel = act(
        "&Highlights in This Article", annotating.toggle_panel, "Ctrl+Shift+A", checkable=True
    )
    win.act_all_highlights = act(
        "&All Highlights", annotating.toggle_all, "Ctrl+Shift+L", checkable=True
    )
    for dock, action in (
        (annotating.article_dock, win.act_highlights_panel),
        (annotating.all_dock, win.act_all_highlights),
    ):
        dock.visibilityChanged.connect(lambda _v, d=dock, a=action: a.setChecked(d.isVisible()))
    win.act_export = {}
    for fmt, label in (("md", "Markdown"), ("json", "W3C JSON-LD")):
        for article, scope in ((True, "This Article's Highlights"), (False, "All Highlights")):
            win.act_export[(fmt, article)] = act(
                f"{scope} as {label}…",
                lambda _c=False, f=fmt, a=article: annotating.export(f, article=a),
            )
    win.act_import_highlights = act(
        "&Import Highlights…",
        lambda: annotating.import_file(),
        tip="Merge highlights and bookmarks from a W3C JSON-LD file (never duplicates)",
    )
    win.act_backup_now = act("&Back Up Now", lambda: annotating.backup_now())
    win.act_open_backups = act("&Open Backups Folder", annotating.open_backups_folder)
    win.act_restore_backup = act("&Restore from a Backup…", lambda: annotating.restore_backup())
    win.act_manage_tags = act(
        "&Manage Tags…", lambda: annotating.manage_tags(), tip="Rename or delete a tag everywhere"
    )
    win.act_preferences = act("&Preferences…", lambda: win.show_preferences(), std.Preferences)
    if not win.act_preferences.shortcuts():  # no platform binding (X11 desktops): Ctrl+,
        win.act_preferences.setShortcut(QKeySequence("Ctrl+,"))
    win.act_full_screen = act(
        "&Full Screen Reading", win.toggle_full_screen, "F11", tip="Only the article (F11 again)"
    )
    # On the window itself too: in full screen the menu bar is hidden, and F11 must work
    win.widget.addAction(win.act_full_screen)
    win.act_print = act("&Print Article…", win.print_article, std.Print)
    win.act_export_article = {
        fmt: act(label, lambda _c=False, f=fmt: win.export_article(f))
        for fmt, label in (
            ("md", "as &Markdown (with highlights and notes)…"),
            ("html", "as &HTML (with highlights and notes)…"),
            ("pdf", "as &PDF…"),
        )
    }
    win.act_keys = act("&Keyboard Shortcuts", win.show_keys, std.HelpContents)
    win.act_about = act("&About Archive Reader", win.show_about)
    win.act_back.setEnabled(False)
    win.act_forward.setEnabled(False)
    win.theme_group = QActionGroup(win.widget)
    win.theme_actions = {}
    for mode, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
        action = QAction(label, win.widget, checkable=True)
        action.triggered.connect(lambda _checked=False, m=mode: win.set_theme(m))
        win.theme_group.addAction(action)
        win.theme_actions[mode] = action
    win.theme_actions[win.settings.theme].setChecked(True)


def build_menus(win: ActionsHost) -> None:
    bar = win.widget.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([win.act_add_folder, win.act_rescan])
    file_menu.addSeparator()
    article_menu = file_menu.addMenu("Export &Article")
    article_menu.addActions(list(win.act_export_article.values()))
    file_menu.addAction(win.act_print)
    file_menu.addSeparator()
    export = file_menu.addMenu("&Export Highlights")
    export.addActions([win.act_export[("md", True)], win.act_export[("json", True)]])
    export.addSeparator()
    export.addActions([win.act_export[("md", False)], win.act_export[("json", False)]])
    file_menu.addAction(win.act_import_highlights)
    backups = file_menu.addMenu("Highlight &Backups")
    backups.addActions([win.act_backup_now, win.act_open_backups, win.act_restore_backup])
    file_menu.addSeparator()
    file_menu.addAction(win.act_quit)
    edit = bar.addMenu("&Edit")
    edit.addActions([win.act_undo, win.act_redo])
    edit.addSeparator()
    edit.addActions([win.act_search, win.act_filter, win.act_find])
    edit.addSeparator()
    edit.addAction(win.act_highlight)
    colors = edit.addMenu("Highlight in &Color")
    colors.addActions(list(win.highlight_actions.values()))
    edit.addAction(win.act_add_note)
    edit.addSeparator()
    edit.addActions([win.act_bookmark, win.act_edit_tags, win.act_manage_tags])
    edit.addSeparator()
    edit.addActions([win.act_toggle_read, win.act_copy_link])
    edit.addSeparator()
    edit.addAction(win.act_preferences)
    view = bar.addMenu("&View")
    view.addActions([win.act_zoom_in, win.act_zoom_out, win.act_zoom_reset])
    view.addAction(win.act_full_screen)
    view.addSeparator()
    view.addActions([win.act_unread_only, win.act_bookmarks_only])
    view.addSeparator()
    view.addActions([win.act_highlights_panel, win.act_all_highlights])
    view.addSeparator()
    theme_menu = view.addMenu("&Theme")
    theme_menu.addActions(list(win.theme_actions.values()))
    go = bar.addMenu("&Go")
    go.addActions([win.act_back, win.act_forward])
    go.addSeparator()
    go.addActions([win.act_next, win.act_previous])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([win.act_keys, win.act_about])


def build_toolbar(win: ActionsHost, search_field: QWidget) -> QToolBar:
    toolbar = QToolBar("Main", win.widget)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    win.act_back.setIconText("◀ Back")
    win.act_forward.setIconText("Forward ▶")
    win.act_add_folder.setIconText("Add Folder…")
    toolbar.addActions([win.act_back, win.act_forward])
    toolbar.addSeparator()
    toolbar.addAction(win.act_add_folder)
    win.act_bookmark.setIconText("☆ Bookmark")
    toolbar.addAction(win.act_bookmark)
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addWidget(search_field)
    win.widget.addToolBar(toolbar)
    return toolbar
