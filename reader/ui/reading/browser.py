"""The text browser inside the reader pane: it shows what it is given and loads nothing.

Its own module because it is the pane's promise never to touch the network, kept where
it can be read (and tested) whole: ``ArticleBrowser`` does not follow links (the window
decides, through ``links.classify_link``) and its ``loadResource`` returns nothing for
every URL, so no image, stylesheet or page is ever fetched, whatever a saved article
contained. It also turns the mouse and keys the reader cares about into signals, in
overridden handlers rather than event filters.
"""

from __future__ import annotations

from typing import Any

from reader.ui.qt import (
    QContextMenuEvent,
    QKeyEvent,
    QMenu,
    QMouseEvent,
    QPoint,
    Qt,
    QTextBrowser,
    QTextCharFormat,
    QTextCursor,
    QTextEdit,
    QUrl,
    QWidget,
    Signal,
)


def history_step(event: QMouseEvent) -> int:
    """-1 for the mouse's Back button, +1 for Forward, 0 for any other button."""
    if event.button() == Qt.MouseButton.BackButton:
        return -1
    if event.button() == Qt.MouseButton.ForwardButton:
        return 1
    return 0


def extra_selections(
    cursors: list[QTextCursor], fmt: QTextCharFormat
) -> list[QTextEdit.ExtraSelection]:
    """One extra selection (drawn over the text, not stored in it) per cursor."""
    selections = []
    for cursor in cursors:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    return selections


class ArticleBrowser(QTextBrowser):
    """A text browser that shows what it is given and loads nothing by itself."""

    resources_refused = 0  # how many loads were asked for (and refused): for tests
    navigate = Signal(int)  # mouse Back (-1) / Forward (+1) buttons
    pageRequested = Signal(int)  # Space (+1) / Shift+Space (-1)
    escapePressed = Signal()
    textClicked = Signal(QPoint, QPoint)  # a plain click on text: viewport and screen point
    menuRequested = Signal(QMenu, QPoint)  # the context menu, before it shows: add to it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        # Not TextSelectableByKeyboard: that flag is caret browsing. It drew a text cursor
        # in a page nobody types into, and made the arrows, PageDown, Home and End move
        # that caret rather than the page, so PageDown after a jump (All Highlights, a
        # search hit) went back to wherever the caret was left. Without it the keys
        # scroll the view from where it is; the mouse still selects, Ctrl+A and Ctrl+C
        # still work, find still selects its hit, and Tab still walks the links.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 - Qt's name
        # Images, stylesheets, anything: never fetched, from the network or the disk.
        ArticleBrowser.resources_refused += 1
        return None

    def setSource(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802 - Qt's name
        # QTextBrowser would navigate (and load) here; the window navigates instead.
        return None

    # Overridden handlers rather than event filters: a filter would call Python for
    # every event (paints included), each call waiting for the GIL when a worker thread
    # holds it, which turned into visible stalls.
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        step = history_step(event)
        if step:
            self.navigate.emit(step)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and not self.textCursor().hasSelection()
            and not self.anchorAt(point)
        ):
            self.textClicked.emit(point, event.globalPosition().toPoint())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        # popup(), not exec(): the event loop runs on while the menu is open.
        menu = self.createStandardContextMenu(event.pos())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.menuRequested.emit(menu, event.pos())
        menu.popup(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        mods = event.modifiers()
        if event.key() == Qt.Key.Key_Space and mods in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        ):
            self.pageRequested.emit(-1 if mods == Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        if event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) and mods in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ControlModifier,
        ):
            # Home/End go to the top or the end, as in a web browser: with no caret in
            # the read-only page, Qt's text edit did nothing with them.
            bar = self.verticalScrollBar()
            bar.setValue(bar.minimum() if event.key() == Qt.Key.Key_Home else bar.maximum())
            return
        super().keyPressEvent(event)
