"""Find in the article: the find bar, and the marks over find hits and search words.

Its own module because finding is a job of its own that only borrows the pane's browser:
``FindBar`` is the Ctrl+F bar, and ``FindMixin`` the part of ``ReaderPane`` that steps
through the hits, counts them and marks them all. The words of the search an article was
opened from are marked the same way while the bar is closed. Marks are extra selections,
drawn over the page and never written into it, so they sit over a person's highlights
(``highlight_layer``) without disturbing them. In this code "highlight" means only a
person's highlight: here everything is a find hit or a mark (``mark_terms``).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from reader.ui.i18n import number, translate
from reader.ui.qt import (
    QColor,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextEdit,
    QToolButton,
    QWidget,
    Signal,
)
from reader.ui.reading.article_html import HEADER_BLOCKS
from reader.ui.reading.browser import extra_selections

if TYPE_CHECKING:
    from reader.ui.reading.browser import ArticleBrowser
    from reader.ui.window.theme import ReadingColors

    _PaneBase = QWidget  # FindMixin is only ever part of ReaderPane, a widget
else:
    _PaneBase = object

MARK_LIMIT = 2000  # find hits marked at most (a one-letter search in a long article)
TERM_MARK_LIMIT = 500  # per search word


class FindField(QLineEdit):
    """The find bar's text field: Esc and Shift+Enter become signals."""

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
        self.field.setPlaceholderText(translate("Find", "Find in article"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.previous = QToolButton(self)
        self.previous.setText("↑")
        self.previous.setToolTip(translate("Find", "Previous match (Shift+Enter)"))
        self.next = QToolButton(self)
        self.next.setText("↓")
        self.next.setToolTip(translate("Find", "Next match (Enter)"))
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(translate("Find", "Close (Esc)"))
        for widget in (self.field, self.count, self.previous, self.next, self.close_button):
            layout.addWidget(widget)
        layout.setStretch(0, 1)


class FindMixin(_PaneBase):
    """``ReaderPane``'s find: open and close the bar, step through the hits, count and
    mark them; and mark the words of the search an article was opened from."""

    # ReaderPane's own, used here.
    browser: ArticleBrowser
    find_bar: FindBar
    _restoring: bool  # True while the pane moves the view itself: not the reader's scroll

    # This part's state, set up by _init_find.
    matches: int  # hits of the find field's text, as last counted
    _search_terms: list[str]  # search words marked in the article opened from a hit
    _find_marks: list[QTextEdit.ExtraSelection]  # find hits or search words, marked

    if TYPE_CHECKING:

        def colors(self) -> ReadingColors: ...
        def _force_layout(self) -> None: ...
        def _show_extra_selections(self) -> None: ...

    def _init_find(self) -> None:
        """The find state, and the bar's buttons and keys wired to it."""
        self.matches = 0
        self._find_starts: list[int] = []  # where each hit of the find text begins
        self._search_terms = []
        self._find_marks = []
        bar = self.find_bar
        bar.field.textChanged.connect(self._find_changed)
        bar.field.returnPressed.connect(lambda: self.find_next(backward=False))
        bar.next.clicked.connect(lambda: self.find_next(backward=False))
        bar.previous.clicked.connect(lambda: self.find_next(backward=True))
        bar.close_button.clicked.connect(self.close_find)
        bar.field.escapePressed.connect(self.close_find)
        bar.field.previousRequested.connect(lambda: self.find_next(backward=True))
        self.browser.escapePressed.connect(self._browser_escape)

    def open_find(self) -> None:
        self.find_bar.show()
        selected = self.browser.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_bar.field.setText(selected)
        self.find_bar.field.selectAll()
        self.find_bar.field.setFocus()
        self._mark_find_hits(self.find_bar.field.text())

    def close_find(self) -> None:
        self.find_bar.hide()
        self._set_find_marks([])
        self._mark_terms(self._search_terms)
        self.browser.setFocus()

    def _browser_escape(self) -> None:
        if self.find_bar.isVisible():
            self.close_find()

    def _refresh_find_marks(self) -> None:
        """On a freshly rendered page: mark the find hits again while the bar is open,
        the search words otherwise."""
        if self.find_bar.isVisible():
            self._mark_find_hits(self.find_bar.field.text())
        else:
            self._mark_terms(self._search_terms)

    def _find_changed(self, text: str) -> None:
        cursor = self.browser.textCursor()
        cursor.setPosition(cursor.selectionStart())
        self.browser.setTextCursor(cursor)
        self._mark_find_hits(text)
        if text:
            self.find_next(backward=False)

    def _mark_find_hits(self, text: str) -> int:
        """Mark every hit of *text*, count them in ``matches`` and on the bar."""
        hits = self._find_all(text) if text else []
        self._set_find_marks(hits)
        self.matches = len(hits)
        self._find_starts = [c.selectionStart() for c in hits]
        found = len(hits)  # a plain name: lupdate skips a call with an expression
        if not text:
            self.find_bar.count.setText("")
        else:
            self.find_bar.count.setText(
                translate("Find", "%Ln found", "", found)
                if hits
                else translate("Find", "Not found")
            )
        return len(hits)

    def _find_all(self, text: str, limit: int = MARK_LIMIT) -> list[QTextCursor]:
        found: list[QTextCursor] = []
        document = self.browser.document()
        cursor = document.find(text, 0)
        while not cursor.isNull() and len(found) < limit:
            found.append(QTextCursor(cursor))
            cursor = document.find(text, cursor)
        return found

    def _set_find_marks(self, cursors: list[QTextCursor]) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(self._mark_color())
        self._find_marks = extra_selections(cursors, fmt)
        self._show_extra_selections()

    def mark_terms(self, terms: list[str], *, scroll: bool) -> None:
        """Opened from a search hit: mark the matched words, and (unless the reader had
        a position to return to) bring the first one into view."""
        self._search_terms = [t for t in terms if t.strip()]
        first = self._mark_terms(self._search_terms)
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
            cursors += self._find_all(term, TERM_MARK_LIMIT)
        # Not the meta line (date, site, the bookmark's tags): it is not the article's text
        cursors = [c for c in cursors if c.blockNumber() != HEADER_BLOCKS - 1]
        self._set_find_marks(cursors)
        if not cursors:
            return None
        # The first hit in the body, not the title (the title is always on screen).
        body_start = self.browser.document().begin().next().position()
        in_body = [c for c in cursors if c.selectionStart() >= body_start]
        return min(in_body or cursors, key=lambda c: c.selectionStart())

    def _mark_color(self) -> QColor:
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
        if found:
            self._show_find_position()
        return found

    def _show_find_position(self) -> None:
        """ "3 of 20": which hit is selected, among all of them (as a browser's find bar)."""
        start = self.browser.textCursor().selectionStart()
        at = bisect.bisect_left(self._find_starts, start)
        if at < len(self._find_starts) and self._find_starts[at] == start:
            total = len(self._find_starts)
            more = "+" if total >= MARK_LIMIT else ""
            self.find_bar.count.setText(
                translate("Find", "{at} of {total}").format(
                    at=number(at + 1), total=number(total) + more
                )
            )
