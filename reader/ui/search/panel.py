"""Search results: ranked hits with their snippets, the matched words marked.

The panel replaces the article list while a query is in the search field and gives the
list back on Esc. Queries are the search issue's syntax (words, "phrases", OR, -word,
``site:``, ``title:``, ``lang:``, ``date:2024-03`` ...), passed through untouched, so the
window and the CLI answer the same question the same way. Snippets carry their hits as
offsets; the delegate draws each hit on a marker color, escaping everything else. A hit
found in the reader's own notes (``matched_in`` has "note") says so on its meta line, and
a hit standing for several copies of one story says "+2 copies" there (``copies``, filled
by the controller, which folds them; **All copies** shows them all).
The summary and note lines quote the query as typed, so they are plain-text labels: a
query is never markup (``<img src="file:...">`` once made Qt read the file).
"""

from __future__ import annotations

import html
from typing import Any

from reader.ui.i18n import QT_TRANSLATE_NOOP, number, translate
from reader.ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QColor,
    QComboBox,
    QFont,
    QFontMetrics,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QListView,
    QModelIndex,
    QMouseEvent,
    QPainter,
    QPalette,
    QPersistentModelIndex,
    QPushButton,
    QRectF,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextDocument,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from reader.ui.search.notes import note_text
from reader.ui.window.fonts import css_families, families_for, ui_font
from reader.ui.window.item_paint import begin_item
from reader.ui.window.services import HitRow, SearchOutcome
from reader.ui.window.theme import reading_colors

HIT_ROLE = Qt.ItemDataRole.UserRole + 10
PAGE = 50
NOTE_MARK = QT_TRANSLATE_NOOP("Search", "✎ in your notes")

_Index = QModelIndex | QPersistentModelIndex


def snippet_html(
    snippet: str, marks: list[tuple[int, int]], mark: str, muted: str | None = None
) -> str:
    """Escape the snippet and wrap each highlighted span, dropping its [ ] brackets; the
    core's paragraph marks (¶) are drawn in *muted*, so they read as punctuation."""

    def plain(text: str) -> str:
        escaped = html.escape(text)
        if muted:
            escaped = escaped.replace("¶", f'<span style="color:{muted}">¶</span>')
        return escaped

    out: list[str] = []
    cursor = 0
    for start, end in marks:
        if start < cursor or end > len(snippet):
            continue
        opening = start - 1 if start > 0 and snippet[start - 1] == "[" else start
        out.append(plain(snippet[cursor:opening]))
        out.append(
            f'<span style="background-color:{mark}; font-weight:600">'
            f"{html.escape(snippet[start:end])}</span>"
        )
        cursor = end + 1 if end < len(snippet) and snippet[end] == "]" else end
    out.append(plain(snippet[cursor:]))
    return "".join(out)


def copies_text(count: int) -> str:
    """The "+2 copies" of a hit: the other copies of its story folded into it."""
    return translate("Search", "+%Ln copies", "", count)


class HitsModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[HitRow] = []
        self.copies: dict[int, int] = {}  # hit id -> copies of its story folded into it

    def set_hits(self, hits: list[HitRow]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            mark = f" ({translate('Search', NOTE_MARK)})" if "note" in hit.matched_in else ""
            folded = self.copies.get(hit.id, 0)
            if folded:
                mark += f" ({copies_text(folded)})"
            return f"{hit.title}{mark} — {hit.snippet.replace('[', '').replace(']', '')}"
        return None


class HitDelegate(QStyledItemDelegate):
    """Title and date/site on one line each (elided), then up to three lines of snippet.

    Every row has the same height, so the view never measures rows it does not show
    (measuring 50 rich-text rows took ~50 ms, a visible stall, each time results came);
    the snippet documents of the rows on screen are cached until the results change.
    """

    PAD = 8
    SNIPPET_LINES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._docs: dict[tuple[int, int, bool, str], QTextDocument] = {}

    def clear_cache(self) -> None:
        self._docs.clear()

    def _line(self, option: QStyleOptionViewItem) -> int:
        return QFontMetrics(option.font).lineSpacing()

    def title_font(self, hit: HitRow, base: QFont) -> QFont:
        """The hit's title in bold: Latin families first, so an English title's quotes
        and apostrophes are Latin glyphs, then the CJK family of the hit's language."""
        font = ui_font(hit.language, base)
        font.setBold(True)
        return font

    def meta_font(self, hit: HitRow, base: QFont) -> QFont:
        """The date and site line, a little smaller than the title."""
        font = ui_font(hit.language, base)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        return font

    def _snippet(
        self, hit: HitRow, option: QStyleOptionViewItem, width: int, selected: bool
    ) -> QTextDocument:
        palette: QPalette = option.palette
        colors = reading_colors(palette)
        key = (hit.id, width, selected, colors.text)
        doc = self._docs.get(key)
        if doc is None:
            if len(self._docs) > 300:
                self._docs.clear()
            text = palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            ).name()
            mark = "transparent" if selected else colors.mark
            families = css_families(families_for(hit.language or "zh-Hans"))
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(0)
            body = snippet_html(hit.snippet, hit.marks, mark, None if selected else colors.muted)
            doc.setHtml(f'<div style="font-family:{families}; color:{text}">{body}</div>')
            doc.setTextWidth(width)
            self._docs[key] = doc
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, HitRow):
            return super().paint(painter, option, index)
        item = begin_item(painter, option)
        rect, selected, colors, text_color = item.rect, item.selected, item.colors, item.text
        line = self._line(option)
        inner = rect.adjusted(self.PAD, self.PAD // 2 + 2, -self.PAD, -self.PAD // 2)
        title_font = self.title_font(hit, option.font)
        painter.setFont(title_font)
        painter.setPen(text_color)
        metrics = QFontMetrics(title_font)
        painter.drawText(
            inner.left(),
            inner.top() + metrics.ascent(),
            metrics.elidedText(hit.title, Qt.TextElideMode.ElideRight, inner.width()),
        )
        meta_font = self.meta_font(hit, option.font)
        painter.setFont(meta_font)
        painter.setPen(text_color if selected else QColor(colors.muted))
        meta = " · ".join(x for x in (hit.date, hit.site) if x)
        model = index.model()
        folded = model.copies.get(hit.id, 0) if isinstance(model, HitsModel) else 0
        if folded:
            meta = " · ".join(x for x in (meta, copies_text(folded)) if x)
        meta_width = inner.width()
        if "note" in hit.matched_in:  # found in a note of the reader's: say so, in color
            mark_width = (
                QFontMetrics(meta_font).horizontalAdvance(translate("Search", NOTE_MARK)) + 8
            )
            painter.save()
            painter.setPen(text_color if selected else QColor(colors.link))
            painter.drawText(
                inner.right() - mark_width + 8,
                inner.top() + line + QFontMetrics(meta_font).ascent(),
                translate("Search", NOTE_MARK),
            )
            painter.restore()
            meta_width -= mark_width
        meta_metrics = QFontMetrics(meta_font)
        painter.drawText(
            inner.left(),
            inner.top() + line + meta_metrics.ascent(),
            meta_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, meta_width),
        )
        doc = self._snippet(hit, option, inner.width(), selected)
        top = inner.top() + 2 * line + 4
        painter.translate(inner.left(), top)
        clip = QRectF(0, 0, inner.width(), self.SNIPPET_LINES * line + 2)
        doc.drawContents(painter, clip)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        line = self._line(option)
        height = (2 + self.SNIPPET_LINES) * line + 4 + self.PAD + 4
        widget = option.widget
        viewport = widget.viewport() if isinstance(widget, QListView) else widget
        return QSize(viewport.width() if viewport is not None else 400, height)


class ResultsView(QListView):
    openRequested = Signal(int)
    escapePressed = Signal()
    upFromTop = Signal()
    navigate = Signal(int)  # mouse Back (-1) / Forward (+1) buttons

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setAccessibleName(translate("Search", "Search results"))
        self.clicked.connect(self._open)
        self.activated.connect(self._open)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            self.navigate.emit(-1 if event.button() == Qt.MouseButton.BackButton else 1)
            return
        super().mousePressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, HitRow):
            self.openRequested.emit(hit.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        elif plain and key == Qt.Key.Key_J:
            self.step(1)
        elif plain and key == Qt.Key.Key_K:
            self.step(-1)
        elif key == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.upFromTop.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex())
        else:
            super().keyPressEvent(event)

    def step(self, step: int) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        row = max(0, min(model.rowCount() - 1, self.currentIndex().row() + step))
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self._open(index)


class SearchPanel(QWidget):
    """Result count and sort, the hits, and a button for more."""

    openRequested = Signal(int)
    closeRequested = Signal()
    sortChanged = Signal(str)
    moreRequested = Signal()
    backToField = Signal()
    copiesToggled = Signal(bool)  # every copy of a story (True) or the best-ranked one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HitsModel(self)
        self.view = ResultsView(self)
        self.view.setModel(self.model)
        self.delegate = HitDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.summary = QLabel("", self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the query
        self.summary.setWordWrap(True)
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages and errors name words, paths
        self.message.setWordWrap(True)
        self.message.hide()
        self.sort = QComboBox(self)
        self.sort.addItem(translate("Search", "Best match"), "relevance")
        self.sort.addItem(translate("Search", "Newest first"), "date")
        self.sort.setToolTip(translate("Search", "Order of the results"))
        self.copies_button = QToolButton(self)
        self.copies_button.setText(translate("Search", "All copies"))
        self.copies_button.setCheckable(True)
        self.copies_button.setToolTip(
            translate(
                "Search",
                "Show every copy of a story saved more than once, not only the best match",
            )
        )
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(translate("Search", "Back to the article list (Esc)"))
        self.more = QPushButton(translate("Search", "Show more results"), self)
        self.more.hide()
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 6, 2)
        top.addWidget(self.summary, 1)
        top.addWidget(self.copies_button)
        top.addWidget(self.sort)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        message_row = QHBoxLayout()
        message_row.setContentsMargins(8, 0, 8, 2)
        message_row.addWidget(self.message)
        layout.addLayout(message_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.more)
        self.outcome: SearchOutcome | None = None
        self.view.openRequested.connect(self.openRequested)
        self.view.escapePressed.connect(self.closeRequested)
        self.view.upFromTop.connect(self.backToField)
        self.close_button.clicked.connect(self.closeRequested)
        self.sort.currentIndexChanged.connect(
            lambda _i: self.sortChanged.emit(str(self.sort.currentData()))
        )
        self.more.clicked.connect(self.moreRequested)
        self.copies_button.toggled.connect(self.copiesToggled)

    @property
    def show_all_copies(self) -> bool:
        return self.copies_button.isChecked()

    @property
    def copies(self) -> dict[int, int]:
        """Hit id -> how many copies of its story were folded into it."""
        return self.model.copies

    @copies.setter
    def copies(self, value: dict[int, int]) -> None:
        self.model.copies = dict(value)

    @property
    def sort_key(self) -> str:
        return str(self.sort.currentData())

    def show_pending(self, text: str) -> None:
        self.summary.setText(translate("Search", "Searching for “{query}”…").format(query=text))

    def show_outcome(self, outcome: SearchOutcome, *, keep_row: bool = False) -> None:
        """Show an answer; the current row stays for the same query (or *keep_row*)."""
        keep = (
            self.view.currentIndex().row()
            if keep_row or (self.outcome and self.outcome.query == outcome.query)
            else -1
        )
        self.outcome = outcome
        self.delegate.clear_cache()
        self.model.set_hits(outcome.hits)
        count = len(outcome.hits)
        if count == 0:
            self.summary.setText(
                translate("Search", "No articles match “{query}”.").format(query=outcome.query)
            )
        else:
            total = max(outcome.total, count)
            text = (
                translate("Search", "%Ln article(s) ({ms} ms)", "", total)
                if outcome.exact_total
                else translate("Search", "about %Ln article(s) ({ms} ms)", "", total)
            )
            self.summary.setText(text.format(ms=number(round(outcome.seconds * 1000))))
        messages = []
        if outcome.note:
            messages.append(note_text(outcome.note))
        if outcome.rebuilding or outcome.coverage < 1.0:
            library = outcome.library  # a plain name: lupdate skips a call with an expression
            messages.append(
                translate(
                    "Search",
                    "The search index covers {indexed} of %Ln article(s) so far; indexing "
                    "continues in the background.",
                    "",
                    library,
                ).format(indexed=number(outcome.indexed))
            )
        self.message.setText(" ".join(messages))
        self.message.setVisible(bool(messages))
        self.more.setVisible(count >= outcome.limit and outcome.total > count)
        if count:
            row = keep if 0 <= keep < count else 0
            self.view.setCurrentIndex(self.model.index(row, 0))

    def show_error(self, message: str) -> None:
        self.outcome = None
        self.model.set_hits([])
        self.summary.setText(translate("Search", "Search failed."))
        self.message.setText(message)
        self.message.show()
        self.more.hide()

    def clear(self) -> None:
        self.outcome = None
        self.model.set_hits([])
        self.summary.setText("")
        self.message.hide()
        self.more.hide()
