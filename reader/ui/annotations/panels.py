"""The two lists of highlights, each in a dock: this article's, and every one.

- ``ArticlePanel``: the open article's highlights in reading order, orphaned ones last
  (their quote kept, marked as no longer found in the text). A click or Enter brings the
  passage into view and flashes it.
- ``AllPanel``: every highlight, newest first, filtered by text (quote, note or title)
  and color as one types; a click opens the article at the passage.

Rows show a color bar, the quote, the note and a muted line about where and when, drawn
by ``AnnotationDelegate`` from lines wrapped once per width. The article's panel (tens
of rows) lets each row be as tall as its text; All Highlights (thousands) gives every
row one height, so it scrolls without measuring rows it does not show. Editing goes back
to the window through signals: ``editRequested``, ``deleteRequested``, ``menuRequested``.
"""

from __future__ import annotations

import html
from typing import Any

from reader.annotations.model import COLORS, Annotation
from reader.ui.i18n import QT_TRANSLATE_NOOP, number, translate
from reader.ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QColor,
    QComboBox,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHBoxLayout,
    QIcon,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListView,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QPixmap,
    QPoint,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextLayout,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from reader.ui.reading.highlight_paint import fill
from reader.ui.window.fonts import ui_font
from reader.ui.window.item_paint import begin_item

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 20
FILTER_DELAY_MS = 200
# Lines of quote and note a row shows: (quote and note together, of which the note) in
# All Highlights, where rows have one height; at most (quote, note) in the article's panel.
UNIFORM_LINES = (3, 1)
FREE_LINES = (6, 4)
# The highlight colors' names as shown (the stored names stay English).
COLOR_NAMES = {
    "yellow": QT_TRANSLATE_NOOP("Colors", "Yellow"),
    "green": QT_TRANSLATE_NOOP("Colors", "Green"),
    "blue": QT_TRANSLATE_NOOP("Colors", "Blue"),
    "pink": QT_TRANSLATE_NOOP("Colors", "Pink"),
    "orange": QT_TRANSLATE_NOOP("Colors", "Orange"),
    "purple": QT_TRANSLATE_NOOP("Colors", "Purple"),
}


def color_name(name: str) -> str:
    """A highlight color's name for the person: translated, or as stored (``#rrggbb``)."""
    return translate("Colors", COLOR_NAMES[name]) if name in COLOR_NAMES else name


_Index = QModelIndex | QPersistentModelIndex


def color_icon(color: str, size: int = 12) -> QIcon:
    """A swatch for menus and combo boxes."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#8a8a8a"))
    painter.setBrush(QColor(fill(color, dark=False, page="#ffffff")))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


def _when(timestamp: str) -> str:
    return timestamp[:10] if timestamp else ""


class AnnotationModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None, *, show_article: bool) -> None:
        super().__init__(parent)
        self.items: list[Annotation] = []
        self.show_article = show_article

    def set_items(self, items: list[Annotation]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def row_of(self, annotation_id: str) -> int | None:
        for row, a in enumerate(self.items):
            if a.id == annotation_id:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def meta(self, a: Annotation) -> str:
        """The muted line: where (in the global view) and when, and what is wrong."""
        parts = []
        if self.show_article:
            parts.append(a.article.title or translate("Highlights", "(untitled)"))
        parts.append(_when(a.created))
        if a.article_id is None:
            parts.append(translate("Highlights", "article not in the library"))
        elif a.orphaned:
            parts.append(translate("Highlights", "⚠ no longer in the text"))
        return " · ".join(p for p in parts if p)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        a = self.items[index.row()]
        if role == ANNOTATION_ROLE:
            return a
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            note = f" — {a.note}" if a.note else ""
            return f"{a.quote}{note} ({self.meta(a)})"
        if role == Qt.ItemDataRole.ToolTipRole:
            quote = html.escape(a.quote[:800]).replace("\n", "<br>")
            note = f"<p>{html.escape(a.note[:800]).replace(chr(10), '<br>')}</p>" if a.note else ""
            return (
                f"<qt><p><i>{quote}</i></p>{note}<p><small>{html.escape(self.meta(a))}"
                "</small></p></qt>"
            )
        return None


def wrap(text: str, font: QFont, width: int, lines: int) -> list[str]:
    """*text* broken into at most *lines* lines of *width* px, the last one elided."""
    text = " ".join(text.split())
    if not text or lines <= 0 or width <= 0:
        return []
    layout = QTextLayout(text, font)
    layout.beginLayout()
    out: list[str] = []
    while len(out) < lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start = line.textStart()
        if len(out) == lines - 1:
            rest = text[start:]
            out.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        out.append(text[start : start + line.textLength()].rstrip())
    layout.endLayout()
    return out


class AnnotationDelegate(QStyledItemDelegate):
    PAD = 6
    BAR = 4

    def __init__(self, parent: QWidget | None = None, *, uniform: bool) -> None:
        super().__init__(parent)
        self.uniform = uniform
        self._lines: dict[tuple[str, str, int], tuple[list[str], list[str]]] = {}

    def clear_cache(self) -> None:
        self._lines.clear()

    def _text_width(self, row_width: int) -> int:
        return row_width - (self.PAD // 2 + self.BAR + 2 * self.PAD)

    @staticmethod
    def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base: QFont = option.font
        quote = ui_font("zh-Hans", base)
        note = QFont(quote)
        note.setItalic(True)
        meta = QFont(quote)
        meta.setPointSizeF(max(6.0, meta.pointSizeF() * 0.88))
        return quote, note, meta

    def _wrapped(
        self, a: Annotation, option: QStyleOptionViewItem, width: int
    ) -> tuple[list[str], list[str]]:
        key = (a.id, a.modified, width)
        found = self._lines.get(key)
        if found is None:
            if len(self._lines) > 500:
                self._lines.clear()
            quote_font, note_font, _ = self._fonts(option)
            if self.uniform:
                total, note_lines = UNIFORM_LINES
            else:
                quote_lines, note_lines = FREE_LINES
            note = wrap("✎ " + a.note, note_font, width, note_lines) if a.note else []
            if self.uniform:
                quote_lines = total - len(note)
            quote = wrap(f"“{a.quote}”", quote_font, width, quote_lines)
            found = self._lines[key] = (quote, note)
        return found

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        a = index.data(ANNOTATION_ROLE)
        if not isinstance(a, Annotation):
            return super().paint(painter, option, index)
        item = begin_item(painter, option)
        rect, selected, colors, text = item.rect, item.selected, item.colors, item.text
        bar = QColor(fill(a.color, dark=False, page="#ffffff"))
        if not a.placed:
            bar = QColor(colors.rule)
        painter.fillRect(
            rect.left() + self.PAD // 2,
            rect.top() + self.PAD,
            self.BAR,
            rect.height() - 2 * self.PAD,
            bar,
        )
        left = rect.left() + self.PAD // 2 + self.BAR + self.PAD
        width = self._text_width(rect.width())
        quote_lines, note_lines = self._wrapped(a, option, width)
        quote_font, note_font, meta_font = self._fonts(option)
        muted = text if selected else QColor(colors.muted)
        y = rect.top() + self.PAD
        for font, color, lines in (
            (quote_font, text if a.placed else muted, quote_lines),
            (note_font, muted, note_lines),
        ):
            painter.setFont(font)
            painter.setPen(color)
            metrics = QFontMetrics(font)
            for line in lines:
                painter.drawText(left, y + metrics.ascent(), line)
                y += metrics.lineSpacing()
        painter.setFont(meta_font)
        painter.setPen(muted)
        metrics = QFontMetrics(meta_font)
        model = index.model()
        meta = model.meta(a) if isinstance(model, AnnotationModel) else ""
        bottom = rect.bottom() - self.PAD - metrics.descent()
        painter.drawText(left, bottom, metrics.elidedText(meta, Qt.TextElideMode.ElideRight, width))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        quote_font, note_font, meta_font = self._fonts(option)
        widget = option.widget
        viewport = widget.viewport() if isinstance(widget, QListView) else widget
        width = viewport.width() if viewport is not None else 280
        quote_line = QFontMetrics(quote_font).lineSpacing()
        a = index.data(ANNOTATION_ROLE)
        if self.uniform or not isinstance(a, Annotation):
            text = UNIFORM_LINES[0] * quote_line
        else:
            quote, note = self._wrapped(a, option, self._text_width(width))
            text = len(quote) * quote_line + len(note) * QFontMetrics(note_font).lineSpacing()
        return QSize(width, text + QFontMetrics(meta_font).lineSpacing() + 3 * self.PAD)


class AnnotationView(QListView):
    """Enter or a click: go to it; F2 or a double click: edit its note; Delete: delete."""

    activatedAnnotation = Signal(object)  # Annotation
    editRequested = Signal(object)
    deleteRequested = Signal(object)
    menuRequested = Signal(object, QPoint)  # Annotation, screen point

    def __init__(self, parent: QWidget | None = None, *, show_article: bool) -> None:
        super().__init__(parent)
        self.annotations = AnnotationModel(self, show_article=show_article)
        self.setModel(self.annotations)
        # All Highlights (show_article) can hold thousands: one row height for all.
        self.delegate = AnnotationDelegate(self, uniform=show_article)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(show_article)
        self.setWordWrap(not show_article)  # so a new width lays the rows out again
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.clicked.connect(lambda index: self._emit(self.activatedAnnotation, index))
        self.doubleClicked.connect(lambda index: self._emit(self.editRequested, index))

    def _emit(self, signal: Any, index: QModelIndex) -> None:
        a = index.data(ANNOTATION_ROLE) if index.isValid() else None
        if isinstance(a, Annotation):
            signal.emit(a)

    def current(self) -> Annotation | None:
        a = self.currentIndex().data(ANNOTATION_ROLE) if self.currentIndex().isValid() else None
        return a if isinstance(a, Annotation) else None

    def set_items(self, items: list[Annotation]) -> None:
        keep = self.current()
        self.delegate.clear_cache()
        self.annotations.set_items(items)
        if keep is not None:
            self.select(keep.id)

    def select(self, annotation_id: str) -> bool:
        row = self.annotations.row_of(annotation_id)
        if row is None:
            return False
        index = self.annotations.index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._emit(self.activatedAnnotation, self.currentIndex())
        elif key == Qt.Key.Key_F2:
            self._emit(self.editRequested, self.currentIndex())
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._emit(self.deleteRequested, self.currentIndex())
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        index = self.indexAt(event.pos())
        a = index.data(ANNOTATION_ROLE) if index.isValid() else None
        if isinstance(a, Annotation):
            self.setCurrentIndex(index)
            self.menuRequested.emit(a, event.globalPos())


class ArticlePanel(QWidget):
    """This article's highlights, in reading order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("highlightsSummary")
        self.view = AnnotationView(self, show_article=False)
        self.view.setAccessibleName(translate("Highlights", "Highlights in this article"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 8, 2)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.article_id: int | None = None
        self.set_article(None, [])

    def set_article(self, article_id: int | None, annotations: list[Annotation]) -> None:
        self.article_id = article_id
        self.view.set_items(annotations)
        orphaned = sum(1 for a in annotations if not a.placed)
        if article_id is None:
            text = translate("Highlights", "Open an article to see its highlights here.")
        elif not annotations:
            text = translate(
                "Highlights",
                "No highlights in this article yet. Select a passage, then "
                "<b>Ctrl+Shift+H</b> to highlight it or <b>Ctrl+Shift+N</b> to add a "
                "note (or right-click it).",
            )
        elif orphaned:
            n = len(annotations)  # a plain name: lupdate skips a call with an expression
            text = translate(
                "Highlights",
                "%Ln highlight(s), in reading order; {orphaned} no longer found in the text "
                "(kept with the quote, at the end).",
                "",
                n,
            ).format(orphaned=number(orphaned))
        else:
            n = len(annotations)
            text = translate("Highlights", "%Ln highlight(s), in reading order.", "", n)
        self.summary.setText(text)

    @property
    def items(self) -> list[Annotation]:
        return self.view.annotations.items


class AllPanel(QWidget):
    """Every highlight, newest first, filtered by words and color."""

    filterChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(translate("Highlights", "Filter by quote, note or title"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(translate("Highlights", "Filter highlights"))
        self.color = QComboBox(self)
        self.color.addItem(translate("Highlights", "All colors"), None)
        for name in COLORS:
            self.color.addItem(color_icon(name), color_name(name), name)
        self.color.setToolTip(translate("Highlights", "Only highlights of this color"))
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.view = AnnotationView(self, show_article=True)
        self.view.setAccessibleName(translate("Highlights", "All highlights"))
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 2)
        top.addWidget(self.field, 1)
        top.addWidget(self.color)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        note = QHBoxLayout()
        note.setContentsMargins(8, 0, 8, 2)
        note.addWidget(self.summary, 1)
        layout.addLayout(note)
        layout.addWidget(self.view, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(FILTER_DELAY_MS)
        self.timer.timeout.connect(self.filterChanged)
        self.field.textChanged.connect(lambda _t: self.timer.start())
        self.color.currentIndexChanged.connect(lambda _i: self.filterChanged.emit())

    @property
    def query(self) -> str:
        return self.field.text().strip()

    @property
    def chosen_color(self) -> str | None:
        value = self.color.currentData()
        return str(value) if value else None

    def set_results(self, items: list[Annotation], *, limit: int) -> None:
        self.view.set_items(items)
        n = len(items)
        filtered = bool(self.query or self.chosen_color)
        if n == 0:
            text = (
                translate("Highlights", "No highlight matches.")
                if filtered
                else translate(
                    "Highlights",
                    "No highlights yet: select a passage in an article and press "
                    "<b>Ctrl+Shift+H</b>.",
                )
            )
        elif n >= limit:
            text = (
                translate(
                    "Highlights",
                    "The newest %Ln highlights that match; type to narrow them down.",
                    "",
                    n,
                )
                if filtered
                else translate(
                    "Highlights", "The newest %Ln highlights; type to narrow them down.", "", n
                )
            )
        elif filtered:
            text = translate("Highlights", "%Ln matching highlight(s), newest first.", "", n)
        else:
            text = translate("Highlights", "%Ln highlight(s), newest first.", "", n)
        self.summary.setText(text)

    @property
    def items(self) -> list[Annotation]:
        return self.view.annotations.items
