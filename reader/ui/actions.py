"""Every command of the window as a QAction, and the menus and toolbar that show them.

One table of what each key does, kept in one place so the menus, the toolbar, the
shortcut list in Help and the README agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.ui.qt import QAction, QActionGroup, QKeySequence, Qt, QToolBar, QWidget

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

KEYS_HELP = [
    ("Ctrl+K  or  /", "search the archive (words, \"phrases\", -word, OR, site:, title:, "
                      "lang:, date:2024-05)"),
    ("Esc", "back from search to the list; clear the filter; close find"),
    ("Ctrl+L", "filter the list by title or site"),
    ("j / k  or  ↓ / ↑", "next / previous article"),
    ("Enter", "open the selected article"),
    ("Space / Shift+Space", "scroll the article (at its end, go to the next)"),
    ("Alt+← / Alt+→", "back / forward (mouse buttons too)"),
    ("m  or  Ctrl+M", "mark the selected article read or unread"),
    ("Ctrl+Shift+U", "show unread articles only"),
    ("Ctrl+F", "find in the article (Enter: next, Shift+Enter: previous)"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "larger / smaller / normal text"),
    ("Ctrl+O", "add an archive folder (or drop one on the window)"),
    ("F5", "re-scan the added folders for changes"),
]


def keys_help_html() -> str:
    rows = "".join(f"<tr><td><b>{keys}</b>&nbsp;&nbsp;&nbsp;</td><td>{what}</td></tr>"
                   for keys, what in KEYS_HELP)
    return f"<table>{rows}</table>"


def make_action(owner: QWidget, text: str, slot: Callable[..., Any], shortcut: Any = None, *,
                tip: str | None = None, checkable: bool = False) -> QAction:
    action = QAction(text, owner)
    if shortcut is not None:
        keys: list[QKeySequence] = []
        for item in shortcut if isinstance(shortcut, list) else [shortcut]:
            sequences = QKeySequence.keyBindings(item) if isinstance(
                item, QKeySequence.StandardKey) else [QKeySequence(item)]
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


def build_actions(win: MainWindow) -> None:
    std = QKeySequence.StandardKey

    def act(*args: Any, **kwargs: Any) -> QAction:
        return make_action(win, *args, **kwargs)

    win.act_add_folder = act(
        "&Add Archive Folder…", lambda: win.add_archive_folder(), std.Open,
        tip="Import a folder of saved articles (it is only read, never changed)")
    win.act_rescan = act("&Re-scan Folders", win.rescan_folders, "F5",
                         tip="Look for new or changed files in the added folders")
    win.act_quit = act("&Quit", win.close, std.Quit)
    win.act_search = act("&Search the Archive", win.focus_search, "Ctrl+K")
    win.act_filter = act("F&ilter the List", win.focus_filter, "Ctrl+L")
    win.act_find = act("&Find in Article…", win.reader.open_find, std.Find)
    win.act_toggle_read = act("&Mark as Read/Unread", win.toggle_read, "Ctrl+M")
    win.act_copy_link = act("&Copy Link to Original", win.copy_source_link)
    win.act_zoom_in = act("Zoom &In", win.zoom_in, ["Ctrl+=", "Ctrl++"])
    win.act_zoom_out = act("Zoom &Out", win.zoom_out, "Ctrl+-")
    win.act_zoom_reset = act("&Actual Size", win.zoom_reset, "Ctrl+0")
    win.act_unread_only = act("Show &Unread Only", win.toggle_unread_only, "Ctrl+Shift+U",
                              checkable=True)
    win.act_back = act("&Back", win.go_back, ["Alt+Left", std.Back],
                       tip="Back to the previous article (Alt+Left)")
    win.act_forward = act("&Forward", win.go_forward, ["Alt+Right", std.Forward],
                          tip="Forward again (Alt+Right)")
    win.act_next = act("&Next Article", lambda: win.move_in_list(1))
    win.act_previous = act("&Previous Article", lambda: win.move_in_list(-1))
    win.act_keys = act("&Keyboard Shortcuts", win.show_keys, std.HelpContents)
    win.act_about = act("&About Archive Reader", win.show_about)
    win.act_back.setEnabled(False)
    win.act_forward.setEnabled(False)
    win.theme_group = QActionGroup(win)
    win.theme_actions = {}
    for mode, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
        action = QAction(label, win, checkable=True)
        action.triggered.connect(lambda _checked=False, m=mode: win.set_theme(m))
        win.theme_group.addAction(action)
        win.theme_actions[mode] = action
    win.theme_actions[win.settings.theme].setChecked(True)


def build_menus(win: MainWindow) -> None:
    bar = win.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([win.act_add_folder, win.act_rescan])
    file_menu.addSeparator()
    file_menu.addAction(win.act_quit)
    edit = bar.addMenu("&Edit")
    edit.addActions([win.act_search, win.act_filter, win.act_find])
    edit.addSeparator()
    edit.addActions([win.act_toggle_read, win.act_copy_link])
    view = bar.addMenu("&View")
    view.addActions([win.act_zoom_in, win.act_zoom_out, win.act_zoom_reset])
    view.addSeparator()
    view.addAction(win.act_unread_only)
    theme_menu = view.addMenu("&Theme")
    theme_menu.addActions(list(win.theme_actions.values()))
    go = bar.addMenu("&Go")
    go.addActions([win.act_back, win.act_forward])
    go.addSeparator()
    go.addActions([win.act_next, win.act_previous])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([win.act_keys, win.act_about])


def build_toolbar(win: MainWindow, search_field: QWidget) -> QToolBar:
    toolbar = QToolBar("Main", win)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    win.act_back.setIconText("◀ Back")
    win.act_forward.setIconText("Forward ▶")
    win.act_add_folder.setIconText("Add Folder…")
    toolbar.addActions([win.act_back, win.act_forward])
    toolbar.addSeparator()
    toolbar.addAction(win.act_add_folder)
    spacer = QWidget(toolbar)
    spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                         spacer.sizePolicy().Policy.Preferred)
    toolbar.addWidget(spacer)
    toolbar.addWidget(search_field)
    win.addToolBar(toolbar)
    return toolbar
