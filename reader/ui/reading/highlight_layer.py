"""A person's highlights on the page: painted into the text, found under a click, flashed.

Its own module because it is the one place the reader pane writes into the document it
shows. ``highlight_paint`` decides how highlights look (segments, fills, note tooltips;
no Qt); ``HighlightLayerMixin``, a part of ``ReaderPane``, puts that on the page: into
the document's own character formats (background, a dotted underline for a note, the
note as the format's tooltip), so hovering shows a note with no Python call per mouse
event. It remembers where each highlight landed, turns a selection into ``Article.text``
offsets and a click into the highlights there (both through the pane's ``TextMap``), and
flashes a highlight jumped to in the selection colors for a moment, as an extra
selection over the find marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from reader.annotations.model import Annotation
from reader.ui.qt import (
    QBrush,
    QColor,
    QPoint,
    QPointF,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextEdit,
    QTimer,
    QWidget,
)
from reader.ui.reading.browser import extra_selections
from reader.ui.reading.highlight_paint import Segment, fill, segments, tooltip_html, underline

if TYPE_CHECKING:
    from reader.article import Article
    from reader.ui.qt import Signal
    from reader.ui.reading.browser import ArticleBrowser
    from reader.ui.reading.text_map import TextMap
    from reader.ui.window.theme import ReadingColors

    _PaneBase = QWidget  # HighlightLayerMixin is only ever part of ReaderPane, a widget
else:
    _PaneBase = object

ANNOTATION_PROPERTY = 0x100100  # QTextFormat.UserProperty + 0x100: ids painted there
FLASH_MS = 900


class HighlightLayerMixin(_PaneBase):
    """``ReaderPane``'s highlights: paint them, say which are where, jump to one."""

    # ReaderPane's own, used here.
    browser: ArticleBrowser
    article: Article | None
    current_id: int | None
    text_map: TextMap  # built at every render
    annotationClicked: ClassVar[Signal]

    # This part's state, set up by _init_highlight_layer.
    annotations: list[Annotation]  # the current article's, as last given
    _painted: list[tuple[int, int]]  # document ranges carrying a highlight
    _ranges: dict[str, list[tuple[int, int]]]  # annotation id -> ranges
    _segments: list[Segment]  # as painted
    _flash: list[QTextEdit.ExtraSelection]
    _flash_range: tuple[int, int] | None
    _flash_timer: QTimer

    if TYPE_CHECKING:

        def colors(self) -> ReadingColors: ...
        def _force_layout(self) -> None: ...
        def _show_extra_selections(self) -> None: ...

    def _init_highlight_layer(self) -> None:
        """No highlights yet; the flash's timer; a click on text asks what is there."""
        self.annotations = []
        self._painted = []
        self._ranges = {}
        self._segments = []
        self._flash = []
        self._flash_range = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self.browser.textClicked.connect(self._text_clicked)

    def _forget_highlights(self) -> None:
        """Another page is coming: its highlights are unknown until the store answers
        (``set_annotations``), and no flash carries over to it."""
        self.annotations = []
        self._flash_range = None

    def _paint_new_page(self, document: QTextDocument) -> None:
        """A freshly built document, not shown yet: paint the article's highlights into
        it now. Before the browser lays it out, the paint costs no layout at all; after,
        it would land in the middle of Qt's lazy layout (see ``_paint_annotations``)."""
        self._painted = []
        self._ranges = {}
        self._segments = []
        if self.article is not None and self.current_id is not None:
            self._paint_annotations(document)

    def _carry_flash(self) -> None:
        """A flash outlives a re-render (similar articles arriving just after opening from
        All Highlights): same body, same positions, new document, so it is set again on
        the one now shown (an extra selection belongs to the browser, not the document)."""
        self._flash = (
            extra_selections([self._cursor(*self._flash_range)], self._flash_format())
            if self._flash_range is not None and self.article is not None
            else []
        )

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

    def _paint_annotations(self, document: QTextDocument | None = None) -> None:
        """Take the old highlights off the page and put the current ones on, in one edit
        block (the layout is redone once, for the paragraphs involved, not per range).

        *document* is the page shown unless a new one is being built. The page shown has
        its layout finished first: Qt lays a long document out a screen at a time after
        it is shown, and a format change made before it is done is laid out by a pass
        that walks on over the paragraphs not laid out yet, gives them no height, and
        moves the lazy layout past them. They were never laid out afterwards: screens of
        white below the highlight (about 130 paragraphs of a 200,000-character article,
        Qt 6.11 and 6.12), with the text still there for find. Finishing a layout that
        is already done costs nothing; one under way would have run on a timer anyway."""
        if document is None or document is self.browser.document():
            document = self.browser.document()
            self._force_layout()
        clear = QTextCharFormat()
        clear.setBackground(QBrush())
        clear.setToolTip("")
        clear.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        clear.setProperty(ANNOTATION_PROPERTY, "")
        cursor = QTextCursor(document)
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
        """Show where something is for a moment, in the selection colors."""
        self._flash_range = (start, end)
        self._flash = extra_selections([self._cursor(start, end)], self._flash_format())
        self._show_extra_selections()
        self._flash_timer.start()

    def _end_flash(self) -> None:
        self._flash = []
        self._flash_range = None
        self._show_extra_selections()

    @property
    def flashing(self) -> bool:
        return bool(self._flash)
