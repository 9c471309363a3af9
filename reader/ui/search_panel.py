"""Search results: ranked hits with their snippets, the matched words highlighted.

The panel replaces the article list while a query is in the search field and gives the
list back on Esc. Queries are the search issue's syntax (words, "phrases", OR, -word,
``site:``, ``title:``, ``lang:``, ``date:2024-03`` ...), passed through untouched, so the
window and the CLI answer the same question the same way. Snippets carry their hits as
offsets; the delegate draws each hit on a marker colour, escaping everything else.
"""

from __future__ import annotations

import html
from typing import Any

from reader.ui.fonts import css_families, families_for
from reader.ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QComboBox,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QListView,
    QModelIndex,
    QPainter,
    QPalette,
    QPersistentModelIndex,
    QPushButton,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextDocument,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from reader.ui.services import HitRow, SearchOutcome
from reader.ui.theme import reading_colors

HIT_ROLE = Qt.ItemDataRole.UserRole + 10
PAGE = 50

_Index = QModelIndex | QPersistentModelIndex


def snippet_html(snippet: str, highlights: list[tuple[int, int]], mark: str) -> str:
    """Escape the snippet and wrap each highlighted span, dropping its [ ] brackets."""
    out: list[str] = []
    cursor = 0
    for start, end in highlights:
        if start < cursor or end > len(snippet):
            continue
        opening = start - 1 if start > 0 and snippet[start - 1] == "[" else start
        out.append(html.escape(snippet[cursor:opening]))
        out.append(f'<span style="background-color:{mark}; font-weight:600">'
                   f"{html.escape(snippet[start:end])}</span>")
        cursor = end + 1 if end < len(snippet) and snippet[end] == "]" else end
    out.append(html.escape(snippet[cursor:]))
    return "".join(out)


class HitsModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[HitRow] = []

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
            return f"{hit.title} — {hit.snippet.replace('[', '').replace(']', '')}"
        return None


class HitDelegate(QStyledItemDelegate):
    """Title, date and site, then the snippet: rich text in a QTextDocument per row."""

    PAD = 10

    def _document(self, hit: HitRow, option: QStyleOptionViewItem, width: int,
                  selected: bool) -> QTextDocument:
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        colors = reading_colors(palette)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text).name()
        muted = text if selected else colors.muted
        meta = " · ".join(html.escape(x) for x in (hit.date, hit.site) if x)
        families = css_families(families_for(hit.language or "zh-Hans"))
        snippet = snippet_html(hit.snippet, hit.highlights,
                               "transparent" if selected else colors.mark)
        body = (
            f'<div style="font-family:{families}; color:{text}">'
            f'<div style="font-weight:600">{html.escape(hit.title)}</div>'
            f'<div style="color:{muted}; font-size:small">{meta}</div>'
            f'<div style="margin-top:3px">{snippet}</div></div>'
        )
        doc = QTextDocument()
        doc.setDefaultFont(option.font)  # type: ignore[attr-defined]
        doc.setDocumentMargin(0)
        doc.setHtml(body)
        doc.setTextWidth(max(50, width - 2 * self.PAD))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, HitRow):
            return super().paint(painter, option, index)
        rect = option.rect  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        selected = bool(state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else None  # type: ignore[attr-defined]
        painter.save()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                                option.widget)  # type: ignore[attr-defined]
        doc = self._document(hit, option, rect.width(), selected)
        painter.translate(rect.left() + self.PAD, rect.top() + self.PAD)
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, HitRow):
            return super().sizeHint(option, index)
        widget = option.widget  # type: ignore[attr-defined]
        width = widget.viewport().width() if widget is not None else 400
        doc = self._document(hit, option, width, False)
        return QSize(width, int(doc.size().height()) + 2 * self.PAD)


class ResultsView(QListView):
    openRequested = Signal(int)
    escapePressed = Signal()
    upFromTop = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setAccessibleName("Search results")
        self.clicked.connect(self._open)
        self.activated.connect(self._open)

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
            self._step(1)
        elif plain and key == Qt.Key.Key_K:
            self._step(-1)
        elif key == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.upFromTop.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.currentIndex())
        else:
            super().keyPressEvent(event)

    def _step(self, step: int) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        row = max(0, min(model.rowCount() - 1, self.currentIndex().row() + step))
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self._open(index)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # heights depend on the width


class SearchPanel(QWidget):
    """Result count and sort, the hits, and a button for more."""

    openRequested = Signal(int)
    closeRequested = Signal()
    sortChanged = Signal(str)
    moreRequested = Signal()
    backToField = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HitsModel(self)
        self.view = ResultsView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.note = QLabel("", self)
        self.note.setWordWrap(True)
        self.note.hide()
        self.sort = QComboBox(self)
        self.sort.addItem("Best match", "relevance")
        self.sort.addItem("Newest first", "date")
        self.sort.setToolTip("Order of the results")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Back to the article list (Esc)")
        self.more = QPushButton("Show more results", self)
        self.more.hide()
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 6, 2)
        top.addWidget(self.summary, 1)
        top.addWidget(self.sort)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        note_row = QHBoxLayout()
        note_row.setContentsMargins(8, 0, 8, 2)
        note_row.addWidget(self.note)
        layout.addLayout(note_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.more)
        self.outcome: SearchOutcome | None = None
        self.view.openRequested.connect(self.openRequested)
        self.view.escapePressed.connect(self.closeRequested)
        self.view.upFromTop.connect(self.backToField)
        self.close_button.clicked.connect(self.closeRequested)
        self.sort.currentIndexChanged.connect(
            lambda _i: self.sortChanged.emit(str(self.sort.currentData())))
        self.more.clicked.connect(self.moreRequested)

    @property
    def sort_key(self) -> str:
        return str(self.sort.currentData())

    def show_pending(self, text: str) -> None:
        self.summary.setText(f"Searching for “{text}”…")

    def show_outcome(self, outcome: SearchOutcome) -> None:
        keep = self.view.currentIndex().row() if self.outcome and \
            self.outcome.query == outcome.query else -1
        self.outcome = outcome
        self.model.set_hits(outcome.hits)
        count = len(outcome.hits)
        about = "" if outcome.exact_total else "about "
        if count == 0:
            self.summary.setText(f"No articles match “{outcome.query}”.")
        else:
            total = max(outcome.total, count)
            noun = "article" if total == 1 else "articles"
            self.summary.setText(f"{about}{total:,} {noun} ({outcome.seconds * 1000:.0f} ms)")
        notes = []
        if outcome.note:
            notes.append(outcome.note[0].upper() + outcome.note[1:] + ".")
        if outcome.rebuilding or outcome.coverage < 1.0:
            notes.append(f"The search index covers {outcome.indexed:,} of "
                         f"{outcome.library:,} articles so far; indexing continues in the "
                         "background.")
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.more.setVisible(count >= outcome.limit and outcome.total > count)
        if count:
            row = keep if 0 <= keep < count else 0
            self.view.setCurrentIndex(self.model.index(row, 0))

    def show_error(self, message: str) -> None:
        self.outcome = None
        self.model.set_hits([])
        self.summary.setText("Search failed.")
        self.note.setText(message)
        self.note.show()
        self.more.hide()

    def clear(self) -> None:
        self.outcome = None
        self.model.set_hits([])
        self.summary.setText("")
        self.note.hide()
        self.more.hide()
