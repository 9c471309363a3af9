"""Every command of the window as a QAction, and the menus and toolbar that show them.

One table of what each key does, kept in one place so the menus, the toolbar, the
shortcut list in Help and the README agree.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from reader.annotations.model import COLORS
from reader.ui.annotations.controller import AnnotationController
from reader.ui.annotations.panels import color_icon, color_name
from reader.ui.i18n import CHOICES, ENDONYMS, QT_TRANSLATE_NOOP, translate
from reader.ui.qt import QAction, QActionGroup, QKeySequence, Qt, QToolBar, QWidget
from reader.ui.window.host import ActionsHost

KEYS_HELP = [
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+K  or  /"),
        QT_TRANSLATE_NOOP(
            "KeysHelp",
            'search the archive (words, "phrases", -word, OR, site:, title:, lang:, date:2024-05)',
        ),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Esc"),
        QT_TRANSLATE_NOOP("KeysHelp", "back from search to the list; clear the filter; close find"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+L"),
        QT_TRANSLATE_NOOP("KeysHelp", "filter the list by title or site"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "j / k  or  ↓ / ↑"),
        QT_TRANSLATE_NOOP("KeysHelp", "next / previous article"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Enter"),
        QT_TRANSLATE_NOOP("KeysHelp", "open the selected article"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Space / Shift+Space"),
        QT_TRANSLATE_NOOP("KeysHelp", "scroll the article (at its end, go to the next)"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Home / End"),
        QT_TRANSLATE_NOOP("KeysHelp", "the top or the end of the article"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Alt+← / Alt+→"),
        QT_TRANSLATE_NOOP("KeysHelp", "back / forward (mouse buttons too)"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Shift+↓ / Shift+↑, Ctrl+click"),
        QT_TRANSLATE_NOOP("KeysHelp", "select several articles (right-click: act on all)"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "m  or  Ctrl+M"),
        QT_TRANSLATE_NOOP("KeysHelp", "mark the selected article(s) read or unread"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Delete"),
        QT_TRANSLATE_NOOP(
            "KeysHelp", "remove the selected article(s) from the library, never from disk"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+Shift+U"),
        QT_TRANSLATE_NOOP("KeysHelp", "show unread articles only"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+F"),
        QT_TRANSLATE_NOOP("KeysHelp", "find in the article (Enter: next, Shift+Enter: previous)"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+= / Ctrl+- / Ctrl+0"),
        QT_TRANSLATE_NOOP("KeysHelp", "larger / smaller / normal text"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+O"),
        QT_TRANSLATE_NOOP("KeysHelp", "add an archive folder (or drop one on the window)"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "F5"),
        QT_TRANSLATE_NOOP("KeysHelp", "re-scan the added folders for changes"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+D"),
        QT_TRANSLATE_NOOP(
            "KeysHelp", "bookmark the article, or remove its bookmark (★ in the toolbar too)"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+Shift+D"),
        QT_TRANSLATE_NOOP("KeysHelp", "edit the bookmark's tags (comma separated)"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+Shift+B"),
        QT_TRANSLATE_NOOP("KeysHelp", "bookmarks only in the list, by tag"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+Shift+H"),
        QT_TRANSLATE_NOOP("KeysHelp", "highlight the selected passage (right-click: other colors)"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+Shift+N"),
        QT_TRANSLATE_NOOP(
            "KeysHelp", "add a note to the selection, or edit the highlight's at the cursor"
        ),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+Z / Ctrl+Shift+Z"),
        QT_TRANSLATE_NOOP("KeysHelp", "undo / redo a highlight, note, bookmark or removal"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+Shift+A"),
        QT_TRANSLATE_NOOP("KeysHelp", "this article's highlights, in reading order"),
    ),
    (
        QT_TRANSLATE_NOOP("KeysHelp", "Ctrl+Shift+L"),
        QT_TRANSLATE_NOOP("KeysHelp", "all highlights, newest first, filtered as you type"),
    ),
]


def keys_help_html() -> str:
    """The table of KEYS_HELP, in the interface's language (key names stay as printed
    on the keys; the words between them, "or", are translated)."""
    rows = "".join(
        f"<tr><td><b>{html.escape(translate('KeysHelp', keys))}</b>&nbsp;&nbsp;&nbsp;</td>"
        f"<td>{html.escape(translate('KeysHelp', what))}</td></tr>"
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
        translate("Actions", "&Add Archive Folder…"),
        lambda: win.add_archive_folder(),
        std.Open,
        tip=translate(
            "Actions", "Import a folder of saved articles (it is only read, never changed)"
        ),
    )
    win.act_rescan = act(
        translate("Actions", "&Re-scan Folders"),
        win.rescan_folders,
        "F5",
        tip=translate("Actions", "Look for new or changed files in the added folders"),
    )
    win.act_quit = act(translate("Actions", "&Quit"), win.widget.close, std.Quit)
    win.act_search = act(translate("Actions", "&Search the Archive"), win.focus_search, "Ctrl+K")
    win.act_filter = act(translate("Actions", "F&ilter the List"), win.focus_filter, "Ctrl+L")
    win.act_find = act(translate("Actions", "&Find in Article…"), win.reader.open_find, std.Find)
    win.act_toggle_read = act(
        translate("Actions", "&Mark as Read/Unread"), win.toggle_read, "Ctrl+M"
    )
    win.act_copy_link = act(translate("Actions", "&Copy Link to Original"), win.copy_source_link)
    win.act_zoom_in = act(translate("Actions", "Zoom &In"), win.zoom_in, ["Ctrl+=", "Ctrl++"])
    win.act_zoom_out = act(translate("Actions", "Zoom &Out"), win.zoom_out, "Ctrl+-")
    win.act_zoom_reset = act(translate("Actions", "&Actual Size"), win.zoom_reset, "Ctrl+0")
    win.act_unread_only = act(
        translate("Actions", "Show &Unread Only"),
        win.toggle_unread_only,
        "Ctrl+Shift+U",
        checkable=True,
    )
    win.act_back = act(
        translate("Actions", "&Back"),
        win.go_back,
        ["Alt+Left", std.Back],
        tip=translate("Actions", "Back to the previous article (Alt+Left)"),
    )
    win.act_forward = act(
        translate("Actions", "&Forward"),
        win.go_forward,
        ["Alt+Right", std.Forward],
        tip=translate("Actions", "Forward again (Alt+Right)"),
    )
    win.act_next = act(translate("Actions", "&Next Article"), lambda: win.move_in_list(1))
    win.act_previous = act(translate("Actions", "&Previous Article"), lambda: win.move_in_list(-1))
    win.act_undo = annotating.undo_stack.createUndoAction(win.widget, translate("Actions", "&Undo"))
    win.act_undo.setShortcuts(QKeySequence.keyBindings(std.Undo))
    win.act_redo = annotating.undo_stack.createRedoAction(win.widget, translate("Actions", "&Redo"))
    win.act_redo.setShortcuts(QKeySequence.keyBindings(std.Redo))
    win.widget.addActions([win.act_undo, win.act_redo])
    win.act_bookmark = act(
        translate("Actions", "&Bookmark This Article"),
        lambda: annotating.toggle_bookmark(),
        "Ctrl+D",
        tip=translate("Actions", "Bookmark this article (Ctrl+D)"),
        checkable=True,
    )
    win.act_bookmark.setEnabled(False)
    win.act_edit_tags = act(
        translate("Actions", "Edit Bookmark &Tags…"),
        lambda: annotating.edit_tags(),
        "Ctrl+Shift+D",
        tip=translate("Actions", "Tags for this article's bookmark, comma separated"),
    )
    win.act_bookmarks_only = act(
        translate("Actions", "&Bookmarks Only"),
        win.toggle_bookmarks_only,
        "Ctrl+Shift+B",
        checkable=True,
    )
    win.act_timeline = act(
        translate("Actions", "Ti&meline"),
        win.toggle_timeline,
        tip=translate("Actions", "Show the articles by month above the list"),
        checkable=True,
    )
    win.act_timeline.setChecked(win.settings.timeline)
    win.act_highlight = act(
        translate("Actions", "&Highlight"),
        lambda: annotating.highlight(),
        "Ctrl+Shift+H",
        tip=translate("Actions", "Highlight the selected passage"),
    )
    win.highlight_actions = {}
    for name in COLORS:
        action = act(color_name(name), lambda _c=False, n=name: annotating.highlight(n))
        action.setIcon(color_icon(name))
        win.highlight_actions[name] = action
    win.act_add_note = act(
        translate("Actions", "Add &Note…"),
        lambda: annotating.add_note(),
        "Ctrl+Shift+N",
        tip=translate("Actions", "A note on the selected passage"),
    )
    win.act_highlights_panel = act(
        translate("Actions", "&Highlights in This Article"),
        annotating.toggle_panel,
        "Ctrl+Shift+A",
        checkable=True,
    )
    win.act_all_highlights = act(
        translate("Actions", "&All Highlights"),
        annotating.toggle_all,
        "Ctrl+Shift+L",
        checkable=True,
    )
    for dock, action in (
        (annotating.article_dock, win.act_highlights_panel),
        (annotating.all_dock, win.act_all_highlights),
    ):
        dock.visibilityChanged.connect(lambda _v, d=dock, a=action: a.setChecked(d.isVisible()))
    win.act_export = {}
    labels = {
        ("md", True): translate("Actions", "This Article's Highlights as Markdown…"),
        ("json", True): translate("Actions", "This Article's Highlights as W3C JSON-LD…"),
        ("md", False): translate("Actions", "All Highlights as Markdown…"),
        ("json", False): translate("Actions", "All Highlights as W3C JSON-LD…"),
    }
    for fmt in ("md", "json"):
        for article in (True, False):
            win.act_export[(fmt, article)] = act(
                labels[(fmt, article)],
                lambda _c=False, f=fmt, a=article: annotating.export(f, article=a),
            )
    win.act_import_highlights = act(
        translate("Actions", "&Import Highlights…"),
        lambda: annotating.import_file(),
        tip=translate(
            "Actions", "Merge highlights and bookmarks from a W3C JSON-LD file (never duplicates)"
        ),
    )
    win.act_backup_now = act(translate("Actions", "&Back Up Now"), lambda: annotating.backup_now())
    win.act_open_backups = act(
        translate("Actions", "&Open Backups Folder"), annotating.open_backups_folder
    )
    win.act_restore_backup = act(
        translate("Actions", "&Restore from a Backup…"), lambda: annotating.restore_backup()
    )
    win.act_manage_tags = act(
        translate("Actions", "&Manage Tags…"),
        lambda: annotating.manage_tags(),
        tip=translate("Actions", "Rename or delete a tag everywhere"),
    )
    win.act_preferences = act(
        translate("Actions", "&Preferences…"), lambda: win.show_preferences(), std.Preferences
    )
    if not win.act_preferences.shortcuts():  # no platform binding (X11 desktops): Ctrl+,
        win.act_preferences.setShortcut(QKeySequence("Ctrl+,"))
    win.act_full_screen = act(
        translate("Actions", "&Full Screen Reading"),
        win.toggle_full_screen,
        "F11",
        tip=translate("Actions", "Only the article (F11 again)"),
    )
    # On the window itself too: in full screen the menu bar is hidden, and F11 must work
    win.widget.addAction(win.act_full_screen)
    win.act_print = act(translate("Actions", "&Print Article…"), win.print_article, std.Print)
    win.act_export_article = {
        fmt: act(label, lambda _c=False, f=fmt: win.export_article(f))
        for fmt, label in (
            ("md", translate("Actions", "as &Markdown (with highlights and notes)…")),
            ("html", translate("Actions", "as &HTML (with highlights and notes)…")),
            ("pdf", translate("Actions", "as &PDF…")),
        )
    }
    win.act_keys = act(translate("Actions", "&Keyboard Shortcuts"), win.show_keys, std.HelpContents)
    win.act_search_syntax = act(translate("Actions", "&Search Syntax"), win.show_search_syntax)
    win.act_about = act(translate("Actions", "&About Archive Reader"), win.show_about)
    win.act_back.setEnabled(False)
    win.act_forward.setEnabled(False)
    win.theme_group = QActionGroup(win.widget)
    win.theme_actions = {}
    for mode, label in (
        ("system", translate("Actions", "Follow &System")),
        ("light", translate("Actions", "&Light")),
        ("dark", translate("Actions", "&Dark")),
    ):
        action = QAction(label, win.widget, checkable=True)
        action.triggered.connect(lambda _checked=False, m=mode: win.set_theme(m))
        win.theme_group.addAction(action)
        win.theme_actions[mode] = action
    win.theme_actions[win.settings.theme].setChecked(True)
    win.language_group = QActionGroup(win.widget)
    win.language_actions = {}
    for choice in CHOICES:
        label = (
            translate("Actions", "&System Language")
            if choice == "system"
            else ENDONYMS[choice]  # each language by its own name, never translated
        )
        action = QAction(label, win.widget, checkable=True)
        action.triggered.connect(lambda _checked=False, c=choice: win.set_language(c))
        win.language_group.addAction(action)
        win.language_actions[choice] = action
    win.language_actions[win.settings.language].setChecked(True)


def build_menus(win: ActionsHost) -> None:
    bar = win.widget.menuBar()
    file_menu = bar.addMenu(translate("Actions", "&File"))
    file_menu.addActions([win.act_add_folder, win.act_rescan])
    file_menu.addSeparator()
    article_menu = file_menu.addMenu(translate("Actions", "Export &Article"))
    article_menu.addActions(list(win.act_export_article.values()))
    file_menu.addAction(win.act_print)
    file_menu.addSeparator()
    export = file_menu.addMenu(translate("Actions", "&Export Highlights"))
    export.addActions([win.act_export[("md", True)], win.act_export[("json", True)]])
    export.addSeparator()
    export.addActions([win.act_export[("md", False)], win.act_export[("json", False)]])
    file_menu.addAction(win.act_import_highlights)
    backups = file_menu.addMenu(translate("Actions", "Highlight &Backups"))
    backups.addActions([win.act_backup_now, win.act_open_backups, win.act_restore_backup])
    file_menu.addSeparator()
    file_menu.addAction(win.act_quit)
    edit = bar.addMenu(translate("Actions", "&Edit"))
    edit.addActions([win.act_undo, win.act_redo])
    edit.addSeparator()
    edit.addActions([win.act_search, win.act_filter, win.act_find])
    edit.addSeparator()
    edit.addAction(win.act_highlight)
    colors = edit.addMenu(translate("Actions", "Highlight in &Color"))
    colors.addActions(list(win.highlight_actions.values()))
    edit.addAction(win.act_add_note)
    edit.addSeparator()
    edit.addActions([win.act_bookmark, win.act_edit_tags, win.act_manage_tags])
    edit.addSeparator()
    edit.addActions([win.act_toggle_read, win.act_copy_link])
    edit.addSeparator()
    edit.addAction(win.act_preferences)
    view = bar.addMenu(translate("Actions", "&View"))
    view.addActions([win.act_zoom_in, win.act_zoom_out, win.act_zoom_reset])
    view.addAction(win.act_full_screen)
    view.addSeparator()
    view.addActions([win.act_unread_only, win.act_bookmarks_only, win.act_timeline])
    view.addSeparator()
    view.addActions([win.act_highlights_panel, win.act_all_highlights])
    view.addSeparator()
    theme_menu = view.addMenu(translate("Actions", "&Theme"))
    theme_menu.addActions(list(win.theme_actions.values()))
    language_menu = view.addMenu(translate("Actions", "&Language"))
    language_menu.addActions(list(win.language_actions.values()))
    go = bar.addMenu(translate("Actions", "&Go"))
    go.addActions([win.act_back, win.act_forward])
    go.addSeparator()
    go.addActions([win.act_next, win.act_previous])
    help_menu = bar.addMenu(translate("Actions", "&Help"))
    help_menu.addActions([win.act_search_syntax, win.act_keys])
    help_menu.addSeparator()
    help_menu.addAction(win.act_about)


def build_toolbar(win: ActionsHost, search_field: QWidget) -> QToolBar:
    toolbar = QToolBar(translate("Actions", "Main Toolbar"), win.widget)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    win.act_back.setIconText(translate("Actions", "◀ Back"))
    win.act_forward.setIconText(translate("Actions", "Forward ▶"))
    win.act_add_folder.setIconText(translate("Actions", "Add Folder…"))
    toolbar.addActions([win.act_back, win.act_forward])
    toolbar.addSeparator()
    toolbar.addAction(win.act_add_folder)
    win.act_bookmark.setIconText(translate("Actions", "☆ Bookmark"))
    toolbar.addAction(win.act_bookmark)
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addWidget(search_field)
    win.widget.addToolBar(toolbar)
    return toolbar
