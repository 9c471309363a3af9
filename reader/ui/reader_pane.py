"""The reader pane: one article, laid out for long reading, that never touches the network.

``ArticleBrowser`` is a QTextBrowser with navigation switched off: it does not follow
links (the window decides, through ``links.classify_link``) and its ``loadResource``
returns nothing for every URL, so no image, stylesheet or page is ever fetched, whatever
a saved article contained. The pane around it adds the readable measure (frame margins
centring a column of about 36 em), zoom, find-in-article and the scroll position a
person left each article at (a character offset, so it survives zoom and resizing).
"""

from __future__ import annotations

from typing import Any

from reader.article import Article
from reader.ui.article_html import (
    BASE_FONT_PX,
    MEASURE_EM,
    RelatedInfo,
    render_article,
    render_message,
)
from reader.ui.qt import (
    QColor,
    QEvent,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QMouseEvent,
    QPoint,
    QResizeEvent,
    Qt,
    QTextBrowser,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextEdit,
    QTimer,
    QToolButton,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from reader.ui.theme import ReadingColors, reading_colors

ZOOM_STEP = 1.1
ZOOM_MIN, ZOOM_MAX = 0.5, 3.0


def history_step(event: QMouseEvent) -> int:
    """-1 for the mouse's Back button, +1 for Forward, 0 for any other button."""
    if event.button() == Qt.MouseButton.BackButton:
        return -1
    if event.button() == Qt.MouseButton.ForwardButton:
        return 1
    return 0


class ArticleBrowser(QTextBrowser):
    """A text browser that shows what it is given and loads nothing by itself."""

    resources_refused = 0  # how many loads were asked for (and refused): for tests
    navigate = Signal(int)  # mouse Back (-1) / Forward (+1) buttons
    pageRequested = Signal(int)  # Space (+1) / Shift+Space (-1)
    escapePressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
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

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        mods = event.modifiers()
        if event.key() == Qt.Key.Key_Space and mods in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            self.pageRequested.emit(-1 if mods == Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)


class FindField(QLineEdit):
    escapePressed = Signal()
    previousRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.previousRequested.emit()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    """Ctrl+F: find in the article. Enter: next; Shift+Enter: previous; Esc: close."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.field = FindField(self)
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.previous = QToolButton(self)
        self.previous.setText("↑")
        self.previous.setToolTip("Previous match (Shift+Enter)")
        self.next = QToolButton(self)
        self.next.setText("↓")
        self.next.setToolTip("Next match (Enter)")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close (Esc)")
        for widget in (self.field, self.count, self.previous, self.next, self.close_button):
            layout.addWidget(widget)
        layout.setStretch(0, 1)


class ReaderPane(QWidget):
    linkClicked = Signal(QUrl)
    linkHovered = Signal(str)  # the URL under the mouse, "" when it leaves a link
    positionChanged = Signal(int, int)  # article id, character offset at the top

    def __init__(self, parent: QWidget | None = None, *, zoom: float = 1.0) -> None:
        super().__init__(parent)
        self.browser = ArticleBrowser(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.browser)
        self.current_id: int | None = None
        self.article: Article | None = None
        self.related = RelatedInfo()
        self.zoom = min(ZOOM_MAX, max(ZOOM_MIN, zoom))
        self._message: tuple[str, list[str]] | None = None
        self._terms: list[str] = []  # search words marked in the article opened from a hit
        self._page_colour = ""
        self.matches = 0
        self._restoring = False
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(800)
        self._position_timer.timeout.connect(self._report_position)
        self.browser.anchorClicked.connect(self.linkClicked)
        self.browser.highlighted.connect(lambda url: self.linkHovered.emit(url.toString()))
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.find_bar.field.textChanged.connect(self._find_changed)
        self.find_bar.field.returnPressed.connect(lambda: self.find_next(backward=False))
        self.find_bar.next.clicked.connect(lambda: self.find_next(backward=False))
        self.find_bar.previous.clicked.connect(lambda: self.find_next(backward=True))
        self.find_bar.close_button.clicked.connect(self.close_find)
        self.find_bar.field.escapePressed.connect(self.close_find)
        self.find_bar.field.previousRequested.connect(lambda: self.find_next(backward=True))
        self.browser.escapePressed.connect(self._browser_escape)
        self.browser.setAccessibleName("Article")

    # -- showing ---------------------------------------------------------------------

    @property
    def font_px(self) -> float:
        return BASE_FONT_PX * self.zoom

    def colors(self) -> ReadingColors:
        # The pane's palette, not the browser's: the browser's style sheet (its page
        # colour) is written into its own palette and would hide a theme change.
        return reading_colors(self.palette())

    def show_article(self, article_id: int, article: Article, related: RelatedInfo,
                     position: int = 0) -> None:
        self.flush_position()
        self.current_id = article_id
        self.article = article
        self.related = related
        self._message = None
        self._terms = []
        self._render()
        self.restore_position(position)

    def show_message(self, title: str, paragraphs: list[str]) -> None:
        """An empty state: welcome, nothing selected, an article that is gone."""
        self.flush_position()
        self.current_id = None
        self.article = None
        self._message = (title, paragraphs)
        self._render()

    def set_similar(self, article_id: int, rows: list[dict[str, Any]] | None,
                    note: str | None = None) -> None:
        """Fill in the similar-articles section when the search thread answers."""
        if article_id != self.current_id:
            return  # the reader moved on: a stale answer
        self.related.similar = rows if rows is not None else []
        self.related.similar_note = note
        self._rerender_in_place()

    def set_linked_from(self, article_id: int, rows: list[dict[str, Any]]) -> None:
        if article_id == self.current_id:
            self.related.linked_from = rows
            self._rerender_in_place()

    def _html(self) -> str:
        colors = self.colors()
        if self.article is not None and self.current_id is not None:
            return render_article(self.article, self.current_id, self.related, colors,
                                  self.font_px)
        title, paragraphs = self._message or ("", [])
        return render_message(title, paragraphs, colors, self.font_px)

    def _render(self) -> None:
        """Build the page in a fresh document and lay it out once, with its margins
        already set (setting them after setHtml laid the whole article out twice)."""
        colors = self.colors()
        if colors.background != self._page_colour:
            self._page_colour = colors.background
            self.browser.setStyleSheet(
                f"QTextBrowser {{ background-color: {colors.background}; }}")
        document = QTextDocument(self.browser)  # the browser's loadResource applies to it
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self.browser.font())
        document.setHtml(self._html())
        self._apply_measure(document)
        self._restoring = True
        self.browser.setDocument(document)  # the old one, a child of the browser, is deleted
        self._restoring = False
        if self.find_bar.isVisible():
            self._highlight_all(self.find_bar.field.text())
        else:
            self._mark_terms(self._terms)

    def _rerender_in_place(self) -> None:
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        self._render()
        self._force_layout()
        self._restoring = True
        bar.setValue(value)
        self._restoring = False

    def _force_layout(self) -> None:
        # Layout is lazy; positions asked for before it runs would be wrong.
        document = self.browser.document()
        document.documentLayout().documentSize()
        self.browser.viewport().update()

    def _apply_measure(self, document: QTextDocument | None = None) -> None:
        """Centre a column of MEASURE_EM: Qt rich text has no max-width, so the root frame's
        side margins do it, recomputed whenever the pane or the zoom changes."""
        document = document or self.browser.document()
        width = self.browser.viewport().width()
        column = MEASURE_EM * self.font_px
        side = max(self.font_px * 1.2, (width - column) / 2)
        root = document.rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - side) < 1 and fmt.topMargin() > 0:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(self.font_px * 1.6)
        fmt.setBottomMargin(self.font_px * 3)
        root.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        position = self.position() if self.current_id is not None else None
        super().resizeEvent(event)
        self._apply_measure()
        if position:
            self.restore_position(position)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._rerender_in_place()

    # -- position --------------------------------------------------------------------

    def position(self) -> int:
        """The character offset of the text at the top of the view."""
        viewport = self.browser.viewport()
        cursor = self.browser.cursorForPosition(QPoint(viewport.width() // 2, 4))
        if self.browser.verticalScrollBar().value() == 0:
            return 0
        return cursor.position()

    def restore_position(self, position: int) -> None:
        bar = self.browser.verticalScrollBar()
        self._restoring = True
        try:
            self._force_layout()
            if position <= 0:
                bar.setValue(0)
                return
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(min(position, self.browser.document().characterCount() - 1))
            top = self.browser.cursorRect(cursor).top()
            bar.setValue(bar.value() + top - 4)
        finally:
            self._restoring = False

    def _scrolled(self) -> None:
        if not self._restoring and self.current_id is not None:
            self._position_timer.start()

    def _report_position(self) -> None:
        if self.current_id is not None:
            self.positionChanged.emit(self.current_id, self.position())

    def flush_position(self) -> None:
        """Report the position now (before leaving an article, on quit)."""
        if self._position_timer.isActive():
            self._position_timer.stop()
            self._report_position()

    # -- reading keys ----------------------------------------------------------------

    def scroll_page(self, direction: int) -> bool:
        """Space: one screen on (keeping two lines of context). False at the end."""
        bar = self.browser.verticalScrollBar()
        if direction > 0 and bar.value() >= bar.maximum():
            return False
        if direction < 0 and bar.value() <= bar.minimum():
            return False
        step = max(bar.pageStep() - int(self.font_px * 3.5), bar.singleStep())
        bar.setValue(bar.value() + direction * step)
        return True

    def set_zoom(self, zoom: float) -> None:
        zoom = min(ZOOM_MAX, max(ZOOM_MIN, round(zoom, 3)))
        if abs(zoom - self.zoom) < 1e-6:
            return
        position = self.position()
        self.zoom = zoom
        self._render()
        self.restore_position(position)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    # -- find ------------------------------------------------------------------------

    def open_find(self) -> None:
        self.find_bar.show()
        selected = self.browser.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_bar.field.setText(selected)
        self.find_bar.field.selectAll()
        self.find_bar.field.setFocus()
        self._highlight_all(self.find_bar.field.text())

    def close_find(self) -> None:
        self.find_bar.hide()
        self.browser.setExtraSelections([])
        self._mark_terms(self._terms)
        self.browser.setFocus()

    def _browser_escape(self) -> None:
        if self.find_bar.isVisible():
            self.close_find()

    def _find_changed(self, text: str) -> None:
        cursor = self.browser.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self.browser.setTextCursor(cursor)
        self._highlight_all(text)
        if text:
            self.find_next(backward=False)

    def _highlight_all(self, text: str) -> int:
        selections = self._find_all(text) if text else []
        self._select(selections)
        self.matches = len(selections)
        if not text:
            self.find_bar.count.setText("")
        else:
            self.find_bar.count.setText(f"{len(selections)} found" if selections
                                        else "Not found")
        return len(selections)

    def _find_all(self, text: str, limit: int = 2000) -> list[QTextCursor]:
        found: list[QTextCursor] = []
        document = self.browser.document()
        cursor = document.find(text, 0)
        while not cursor.isNull() and len(found) < limit:
            found.append(QTextCursor(cursor))
            cursor = document.find(text, cursor)
        return found

    def _select(self, cursors: list[QTextCursor]) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(self._mark_colour())
        selections = []
        for cursor in cursors:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.browser.setExtraSelections(selections)

    def highlight_terms(self, terms: list[str], *, scroll: bool) -> None:
        """Opened from a search hit: mark the matched words, and (unless the reader had
        a position to return to) bring the first one into view."""
        self._terms = [t for t in terms if t.strip()]
        first = self._mark_terms(self._terms)
        if scroll and first is not None:
            self._force_layout()
            top = self.browser.cursorRect(first).top()
            bar = self.browser.verticalScrollBar()
            self._restoring = True
            bar.setValue(bar.value() + top - self.browser.viewport().height() // 3)
            self._restoring = False

    def _mark_terms(self, terms: list[str]) -> QTextCursor | None:
        if self.find_bar.isVisible():
            return None
        cursors: list[QTextCursor] = []
        for term in terms:
            cursors += self._find_all(term, 500)
        self._select(cursors)
        if not cursors:
            return None
        # The first match in the body, not the title (the title is always on screen).
        body_start = self.browser.document().begin().next().position()
        in_body = [c for c in cursors if c.selectionStart() >= body_start]
        return min(in_body or cursors, key=lambda c: c.selectionStart())

    def _mark_colour(self) -> QColor:
        return QColor(self.colors().mark)

    def find_next(self, *, backward: bool) -> bool:
        text = self.find_bar.field.text()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # wrap around
            cursor = self.browser.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if backward
                                else QTextCursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        return found
