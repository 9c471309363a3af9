"""The reader pane: one article, laid out for long reading, that never touches the network.

``ReaderPane`` puts the browser (``browser.ArticleBrowser``, which loads nothing and
follows no link: the window decides, through ``links.classify_link``) under a find bar
and adds the readable measure (frame margins centring a column of about 36 em), zoom and
the scroll position a person left each article at (a character offset, so it survives
zoom and resizing). Two jobs live in modules of their own and join the pane as mixins:
find in the article and the search words' marks (``find.FindMixin``), and a person's
highlights painted on the page and flashed when jumped to
(``highlight_layer.HighlightLayerMixin``). A ``TextMap`` built at every render turns
selections into ``Article.text`` offsets and offsets back into places on the page. Find
and search marks stay extra selections, drawn over the highlights; a flash goes over them.
"""

from __future__ import annotations

from typing import Any

from reader.article import Article
from reader.reading_time import reading_minutes
from reader.ui.i18n import translate
from reader.ui.qt import (
    QEvent,
    QPoint,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTimer,
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
from reader.ui.reading.browser import ArticleBrowser, history_step
from reader.ui.reading.find import FindBar, FindField, FindMixin
from reader.ui.reading.highlight_layer import HighlightLayerMixin
from reader.ui.reading.progress import ReadingProgress
from reader.ui.reading.text_map import TextMap
from reader.ui.window.theme import ReadingColors, reading_colors

# Names this module held before find, highlights and the browser moved out.
__all__ = ["ArticleBrowser", "FindBar", "FindField", "ReaderPane", "history_step"]

ZOOM_STEP = 1.1
ZOOM_MIN, ZOOM_MAX = 0.5, 3.0


class ReaderPane(FindMixin, HighlightLayerMixin, QWidget):
    """The article on screen; find (``FindMixin``) and highlights
    (``HighlightLayerMixin``) are parts of it kept in their own modules."""

    linkClicked = Signal(QUrl)
    linkHovered = Signal(str)  # the URL under the mouse, "" when it leaves a link
    positionChanged = Signal(int, int)  # article id, character offset at the top
    annotationClicked = Signal(str, QPoint)  # the highlight on top there, screen point
    articleShown = Signal(object)  # the article id now shown, or None for a message
    progressChanged = Signal(float, float)  # share read (0..1), minutes left; -1: none

    def __init__(self, parent: QWidget | None = None, *, zoom: float = 1.0) -> None:
        super().__init__(parent)
        self.browser = ArticleBrowser(self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.progress = ReadingProgress(self)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.progress)
        layout.addWidget(self.browser)
        self.current_id: int | None = None
        self.article: Article | None = None
        self.related = RelatedInfo()
        self.zoom = min(ZOOM_MAX, max(ZOOM_MIN, zoom))
        # Preferences: "" and 0 mean by the article's language and script
        self.font_family = ""
        self.base_font_px = BASE_FONT_PX
        self.line_height = 0.0
        self.measure_em: float = MEASURE_EM
        self._message: tuple[str, list[str]] | None = None
        self._page_color = ""
        self._restoring = False
        self.text_map = TextMap()
        self._init_find()
        self._init_highlight_layer()
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(800)
        self._position_timer.timeout.connect(self._report_position)
        self.browser.anchorClicked.connect(self.linkClicked)
        self.browser.highlighted.connect(lambda url: self.linkHovered.emit(url.toString()))
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.browser.verticalScrollBar().rangeChanged.connect(self._show_progress)
        self._minutes = 0.0  # the open article's reading time (reading_time)
        self.browser.setAccessibleName(translate("Reading", "Article"))

    # -- showing ---------------------------------------------------------------------

    @property
    def font_px(self) -> float:
        return self.base_font_px * self.zoom

    def set_reading_prefs(
        self, family: str, size_px: float, line_height: float, measure_em: float
    ) -> None:
        """Edit › Preferences: the reader's font, text size (before zoom), line height
        (a multiple of the size; 0 by script) and column width in em; the open article
        is laid out again where the reader was."""
        wanted = (family.strip(), max(8.0, size_px), max(0.0, line_height), max(10.0, measure_em))
        if wanted == (self.font_family, self.base_font_px, self.line_height, self.measure_em):
            return
        position = self.position()
        self.font_family, self.base_font_px, self.line_height, self.measure_em = wanted
        self._render()
        self.restore_position(position)

    def colors(self) -> ReadingColors:
        # The pane's palette, not the browser's: the browser's style sheet (its page
        # color) is written into its own palette and would hide a theme change.
        return reading_colors(self.palette())

    def show_article(
        self, article_id: int, article: Article, related: RelatedInfo, position: int = 0
    ) -> None:
        self.flush_position()
        if related.copies is None and article_id == self.current_id:
            related.copies = self.related.copies  # shown again after an import: keep them
        self.current_id = article_id
        self.article = article
        self.related = related
        self._message = None
        self._search_terms = []
        self._forget_highlights()
        self._minutes = reading_minutes(article.text)
        self._render()
        self.restore_position(position)
        self._show_progress()
        self.articleShown.emit(article_id)

    def show_message(self, title: str, paragraphs: list[str]) -> None:
        """An empty state: welcome, nothing selected, an article that is gone."""
        self.flush_position()
        self.current_id = None
        self.article = None
        self._forget_highlights()
        self._message = (title, paragraphs)
        self._minutes = 0.0
        self._render()
        self._show_progress()
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
            return render_article(
                self.article,
                self.current_id,
                self.related,
                colors,
                self.font_px,
                self.font_family,
                self.line_height,
            )
        title, paragraphs = self._message or ("", [])
        return render_message(title, paragraphs, colors, self.font_px)

    def _render(self) -> None:
        """Build the page in a fresh document, highlights painted in, and lay it out once,
        with its margins already set (setting them after setHtml laid the whole article
        out twice). Painting before it is shown, not after, is also what keeps a long
        article whole: a paint during Qt's lazy layout left screens of it blank."""
        colors = self.colors()
        if colors.background != self._page_color:
            self._page_color = colors.background
            self.browser.setStyleSheet(f"QTextBrowser {{ background-color: {colors.background}; }}")
        document = QTextDocument(self.browser)  # the browser's loadResource applies to it
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self.browser.font())
        document.setHtml(self._html())
        self._apply_measure(document)
        if self.article is not None and self.current_id is not None:
            self.text_map = TextMap.build(
                document.toRawText(), body_spans(self.article.blocks), header_blocks=HEADER_BLOCKS
            )
        else:
            self.text_map = TextMap()
        self._paint_new_page(document)
        self._restoring = True
        self.browser.setDocument(document)  # the old one, a child of the browser, is deleted
        self._restoring = False
        self._carry_flash()
        self._refresh_find_marks()

    def _rerender_in_place(self) -> None:
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        self._render()
        self._force_layout()
        self._restoring = True
        bar.setValue(value)
        self._restoring = False

    def _show_extra_selections(self) -> None:
        """Draw the find or search marks, and any flash over them."""
        self.browser.setExtraSelections(self._find_marks + self._flash)

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
        column = self.measure_em * self.font_px
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
        self._show_progress()
        if not self._restoring and self.current_id is not None:
            self._position_timer.start()

    def read_fraction(self) -> float:
        """How far down the article the view is: 1.0 once its end is on screen."""
        bar = self.browser.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 1.0

    def _show_progress(self, *_range: int) -> None:
        """The strip and the window's "38 % · 6 min left" follow the scroll bar."""
        if self.article is None:
            self.progress.set_fraction(0.0)
            self.progress.setVisible(False)
            self.progressChanged.emit(-1.0, -1.0)
            return
        fraction = self.read_fraction()
        self.progress.setVisible(True)
        self.progress.set_fraction(fraction)
        self.progressChanged.emit(fraction, self._minutes * (1.0 - fraction))

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
