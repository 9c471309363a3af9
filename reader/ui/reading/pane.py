"""The reader pane: one article, laid out for long reading, that never touches the network.

``ArticleBrowser`` is a QTextBrowser with navigation switched off: it does not follow
links (the window decides, through ``links.classify_link``) and its ``loadResource``
returns nothing for every URL, so no image, stylesheet or page is ever fetched, whatever
a saved article contained. The pane around it adds the readable measure (frame margins
centring a column of about 36 em), zoom, find-in-article and the scroll position a
person left each article at (a character offset, so it survives zoom and resizing).

Annotations are painted into the document's own character formats (background, a dotted
underline for a note, the note as the format's tooltip), so hovering shows a note with no
Python call per mouse event; a ``TextMap`` built at every render turns selections into
``Article.text`` offsets and offsets back into places on the page. Find and search marks
stay extra selections, drawn over the highlights.
"""

from __future__ import annotations

from typing import Any

from reader.annotations.model import Annotation
from reader.article import Article
from reader.ui.qt import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QEvent,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QMenu,
    QMouseEvent,
    QPoint,
    QPointF,
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
from reader.ui.reading.article_html import (
    BASE_FONT_PX,
    HEADER_BLOCKS,
    MEASURE_EM,
    RelatedInfo,
    body_spans,
    render_article,
    render_message,
)
from reader.ui.reading.highlight_paint import Segment, fill, segments, tooltip_html, underline
from reader.ui.reading.text_map import TextMap
from reader.ui.window.theme import ReadingColors, reading_colors

ZOOM_STEP = 1.1
ZOOM_MIN, ZOOM_MAX = 0.5, 3.0
ANNOTATION_PROPERTY = 0x100100  # QTextFormat.UserProperty + 0x100: ids painted there
FLASH_MS = 900


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
    textClicked = Signal(QPoint, QPoint)  # a plain click on text: viewport and screen point
    menuRequested = Signal(QMenu, QPoint)  # the context menu, before it shows: add to it

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
        super().keyPressEvent(event)


class FindField(QLineEdit):
    escapePressed = Signal()
    previousRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
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
    annotationClicked = Signal(str, QPoint)  # the highlight on top there, screen point
    articleShown = Signal(object)  # the article id now shown, or None for a message

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
        self.text_map = TextMap()
        self.annotations: list[Annotation] = []  # the current article's, as last given
        self._painted: list[tuple[int, int]] = []  # document ranges carrying a highlight
        self._ranges: dict[str, list[tuple[int, int]]] = {}  # annotation id -> ranges
        self._segments: list[Segment] = []  # as painted
        self._marks: list[QTextEdit.ExtraSelection] = []  # find / search-term marks
        self._flash: list[QTextEdit.ExtraSelection] = []
        self._flash_range: tuple[int, int] | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
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
        self.browser.textClicked.connect(self._text_clicked)
        self.browser.setAccessibleName("Article")

    # -- showing ---------------------------------------------------------------------

    @property
    def font_px(self) -> float:
        return BASE_FONT_PX * self.zoom

    def colors(self) -> ReadingColors:
        # The pane's palette, not the browser's: the browser's style sheet (its page
        # colour) is written into its own palette and would hide a theme change.
        return reading_colors(self.palette())

    def show_article(
        self, article_id: int, article: Article, related: RelatedInfo, position: int = 0
    ) -> None:
        self.flush_position()
        self.current_id = article_id
        self.article = article
        self.related = related
        self._message = None
        self._terms = []
        self.annotations = []  # until the store answers (set_annotations)
        self._flash_range = None
        self._render()
        self.restore_position(position)
        self.articleShown.emit(article_id)

    def show_message(self, title: str, paragraphs: list[str]) -> None:
        """An empty state: welcome, nothing selected, an article that is gone."""
        self.flush_position()
        self.current_id = None
        self.article = None
        self.annotations = []
        self._flash_range = None
        self._message = (title, paragraphs)
        self._render()
        self.articleShown.emit(None)

    def set_similar(
        self, article_id: int, rows: list[dict[str, Any]] | None, note: str | None = None
    ) -> None:
        """Fill in the similar-articles section when the search thread answers."""
        if article_id != self.current_id:
            return  # the reader moved on: a stale answer
        self.related.similar = rows if rows is not None else []
        self.related.similar_note = note
        self._rerender_in_place()

    def set_bookmark(self, article_id: int, tags: tuple[str, ...] | None) -> None:
        """The meta line's bookmark and tags (None: not bookmarked)."""
        if article_id == self.current_id and tags != self.related.bookmark:
            self.related.bookmark = tags
            self._rerender_in_place()

    def _html(self) -> str:
        colors = self.colors()
        if self.article is not None and self.current_id is not None:
            return render_article(self.article, self.current_id, self.related, colors, self.font_px)
        title, paragraphs = self._message or ("", [])
        return render_message(title, paragraphs, colors, self.font_px)

    def _render(self) -> None:
        """Build the page in a fresh document and lay it out once, with its margins
        already set (setting them after setHtml laid the whole article out twice)."""
        colors = self.colors()
        if colors.background != self._page_colour:
            self._page_colour = colors.background
            self.browser.setStyleSheet(f"QTextBrowser {{ background-color: {colors.background}; }}")
        document = QTextDocument(self.browser)  # the browser's loadResource applies to it
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self.browser.font())
        document.setHtml(self._html())
        self._apply_measure(document)
        self._restoring = True
        self.browser.setDocument(document)  # the old one, a child of the browser, is deleted
        self._restoring = False
        self._painted = []
        self._ranges = {}
        self._segments = []
        if self.article is not None and self.current_id is not None:
            self.text_map = TextMap.build(
                document.toRawText(), body_spans(self.article.blocks), header_blocks=HEADER_BLOCKS
            )
            self._paint_annotations()
        else:
            self.text_map = TextMap()
        # A flash outlives a re-render (similar articles arriving just after opening from
        # All Highlights): same body, same positions, new document.
        self._flash = (
            self._selections([self._cursor(*self._flash_range)], self._flash_format())
            if self._flash_range is not None and self.article is not None
            else []
        )
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
        self._select([])
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
            self.find_bar.count.setText(f"{len(selections)} found" if selections else "Not found")
        return len(selections)

    def _find_all(self, text: str, limit: int = 2000) -> list[QTextCursor]:
        found: list[QTextCursor] = []
        document = self.browser.document()
        cursor = document.find(text, 0)
        while not cursor.isNull() and len(found) < limit:
            found.append(QTextCursor(cursor))
            cursor = document.find(text, cursor)
        return found

    @staticmethod
    def _selections(
        cursors: list[QTextCursor], fmt: QTextCharFormat
    ) -> list[QTextEdit.ExtraSelection]:
        selections = []
        for cursor in cursors:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        return selections

    def _select(self, cursors: list[QTextCursor]) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(self._mark_colour())
        self._marks = self._selections(cursors, fmt)
        self.browser.setExtraSelections(self._marks + self._flash)

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
            cursor.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        return found

    # -- annotations -------------------------------------------------------------------

    def set_annotations(self, article_id: int, annotations: list[Annotation]) -> None:
        """Paint the article's highlights (a stale answer for another article is dropped)."""
        if article_id != self.current_id:
            return
        self.annotations = list(annotations)
        self._paint_annotations()

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _paint_annotations(self) -> None:
        """Take the old highlights off the page and put the current ones on, in one edit
        block (the layout is redone once, for the paragraphs involved, not per range)."""
        clear = QTextCharFormat()
        clear.setBackground(QBrush())
        clear.setToolTip("")
        clear.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        clear.setProperty(ANNOTATION_PROPERTY, "")
        cursor = QTextCursor(self.browser.document())
        cursor.beginEditBlock()
        for start, end in self._painted:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(clear)
        self._painted = []
        self._ranges = {}
        self._segments = segments(self.annotations) if not self.text_map.empty else []
        colors = self.colors()
        for segment in self._segments:
            top = segment.top
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(fill(top.color, dark=colors.dark, page=colors.background)))
            fmt.setToolTip(tooltip_html(segment.annotations))
            fmt.setProperty(ANNOTATION_PROPERTY, " ".join(a.id for a in segment.annotations))
            if any(a.note for a in segment.annotations):
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(
                    QColor(
                        underline(
                            top.color, dark=colors.dark, page=colors.background, text=colors.text
                        )
                    )
                )
            for start, end in self.text_map.doc_ranges(segment.start, segment.end):
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)
                self._painted.append((start, end))
                for a in segment.annotations:
                    self._ranges.setdefault(a.id, []).append((start, end))
        cursor.endEditBlock()

    def annotation_doc_range(self, annotation_id: str) -> tuple[int, int] | None:
        """Where a placed annotation is on the page (document positions)."""
        ranges = self._ranges.get(annotation_id)
        if not ranges:
            return None
        return min(r[0] for r in ranges), max(r[1] for r in ranges)

    def selection_range(self) -> tuple[int, int] | None:
        """The selection as a range of Article.text, clipped to the body and trimmed of
        white space at both ends; None when no body text is selected."""
        if self.article is None:
            return None
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        found = self.text_map.text_range(cursor.selectionStart(), cursor.selectionEnd())
        if found is None:
            return None
        start, end = found
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else None

    def char_at(self, point: QPoint) -> int | None:
        """The document position of the character drawn at *point* (viewport
        coordinates), or None when there is no text there."""
        bars = (
            self.browser.horizontalScrollBar().value(),
            self.browser.verticalScrollBar().value(),
        )
        layout = self.browser.document().documentLayout()
        hit = layout.hitTest(
            QPointF(point.x() + bars[0], point.y() + bars[1]), Qt.HitTestAccuracy.ExactHit
        )
        if hit < 0:
            return None
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(hit)
        # hitTest gives the nearest gap between characters: the character is the one on
        # the side of the gap the point is on.
        return hit - 1 if point.x() < self.browser.cursorRect(cursor).x() and hit > 0 else hit

    def annotations_at(self, position: int | None) -> list[Annotation]:
        """The annotations over the character at document *position*, the top one first."""
        if position is None:
            return []
        ids = {i for i, ranges in self._ranges.items() if any(a <= position < b for a, b in ranges)}
        for segment in self._segments:
            if ids and ids == {a.id for a in segment.annotations}:
                return list(reversed(segment.annotations))
        return [a for a in self.annotations if a.id in ids]

    def annotations_at_cursor(self) -> list[Annotation]:
        """Under the text cursor (the keyboard's way to a highlight)."""
        cursor = self.browser.textCursor()
        position = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        return self.annotations_at(position) or self.annotations_at(position - 1)

    def _text_clicked(self, point: QPoint, global_point: QPoint) -> None:
        found = self.annotations_at(self.char_at(point))
        if found:
            self.annotationClicked.emit(found[0].id, global_point)

    def scroll_to_annotation(self, annotation_id: str, *, flash: bool = True) -> bool:
        """Bring a highlight to the upper third of the view and flash it; False when it
        is not on the page (orphaned, or another article's)."""
        found = self.annotation_doc_range(annotation_id)
        if found is None:
            return False
        start, end = found
        self._force_layout()
        cursor = self._cursor(start, start)
        top = self.browser.cursorRect(cursor).top()
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + top - self.browser.viewport().height() // 3)
        if flash:
            self.flash_range(start, end)
        return True

    def _flash_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        palette = self.palette()
        fmt.setBackground(palette.color(palette.ColorRole.Highlight))
        fmt.setForeground(palette.color(palette.ColorRole.HighlightedText))
        return fmt

    def flash_range(self, start: int, end: int) -> None:
        """Show where something is for a moment, in the selection colours."""
        self._flash_range = (start, end)
        self._flash = self._selections([self._cursor(start, end)], self._flash_format())
        self.browser.setExtraSelections(self._marks + self._flash)
        self._flash_timer.start()

    def _end_flash(self) -> None:
        self._flash = []
        self._flash_range = None
        self.browser.setExtraSelections(self._marks)

    @property
    def flashing(self) -> bool:
        return bool(self._flash)
