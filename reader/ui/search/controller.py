"""Search as you type: the field, the debounce, latest-wins answers, Esc back to the list.

Every pause in typing (200 ms) sends the field's text to the search thread; each request
carries a serial number and an answer is shown only if no newer request was made since,
so a slow query can never overwrite a faster, newer one. The text goes to the core's
query parser unchanged: ``site:``, ``date:2024-05``, ``title:``, ``lang:``, "phrases",
``-word`` and ``OR`` mean here what they mean to ``reader search``.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.background.jobs import describe_error
from reader.ui.i18n import translate
from reader.ui.qt import QKeyEvent, QLineEdit, QObject, QStackedWidget, Qt, QTimer, QWidget, Signal
from reader.ui.search.panel import PAGE, SearchPanel
from reader.ui.window.services import SearchOutcome, SearchService

SEARCH_DELAY_MS = 200


class SearchField(QLineEdit):
    escapePressed = Signal()
    downPressed = Signal()
    enterPressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(translate("Search", "Search the archive  (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        self.setMaximumWidth(420)
        self.setAccessibleName(translate("Search", "Search"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        elif key == Qt.Key.Key_Down:
            self.downPressed.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterPressed.emit()
        else:
            super().keyPressEvent(event)


class SearchController(QObject):
    finished = Signal(object)  # SearchOutcome, once shown
    closed = Signal()  # Esc: back to the list, which takes the focus

    def __init__(
        self,
        field: SearchField,
        panel: SearchPanel,
        service: SearchService,
        left: QStackedWidget,
        list_page: QWidget,
        open_hit: Callable[[int, list[str]], None],
    ) -> None:
        super().__init__(field)
        self.field = field
        self.panel = panel
        self.service = service
        self.left = left
        self.list_page = list_page
        self.open_hit = open_hit
        self.serial = 0
        self.limit = PAGE
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.run)
        field.textChanged.connect(self._text_changed)
        field.escapePressed.connect(self.close)
        field.downPressed.connect(self._into_results)
        field.enterPressed.connect(self._enter)
        panel.openRequested.connect(self._open)
        panel.closeRequested.connect(self.close)
        panel.sortChanged.connect(lambda _sort: self.rerun())
        panel.moreRequested.connect(self._more)
        panel.backToField.connect(field.setFocus)

    @property
    def active(self) -> bool:
        return self.left.currentWidget() is self.panel

    def focus(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def _text_changed(self, text: str) -> None:
        if not text.strip():
            self.timer.stop()
            self.serial += 1  # answers still on their way are stale now
            self._show_list()  # the focus stays in the field: the person is typing
            return
        self.left.setCurrentWidget(self.panel)
        self.limit = PAGE
        self.panel.show_pending(text.strip())
        self.timer.start()

    def run(self) -> None:
        text = self.field.text().strip()
        if not text or self.stopped:
            return
        self.serial += 1
        serial = self.serial
        self.service.search(
            text,
            sort=self.panel.sort_key,
            limit=self.limit,
            on_done=lambda outcome: self._done(serial, outcome),
            on_error=lambda exc: self._failed(serial, exc),
        )

    def rerun(self) -> None:
        """Search again now (another sort, more results, the index changed)."""
        if self.field.text().strip():
            self.timer.stop()
            self.run()

    def _more(self) -> None:
        self.limit += PAGE
        self.rerun()

    def _done(self, serial: int, outcome: SearchOutcome) -> None:
        if serial != self.serial or self.stopped:
            return
        self.panel.show_outcome(outcome)
        self.finished.emit(outcome)

    def _failed(self, serial: int, exc: BaseException) -> None:
        if serial == self.serial and not self.stopped:
            self.panel.show_error(describe_error(exc))

    def _into_results(self) -> None:
        if self.active and self.panel.model.hits:
            self.panel.view.setFocus()

    def _enter(self) -> None:
        if self.timer.isActive():  # Enter before the pause: search now
            self.rerun()
            return
        hits = self.panel.model.hits
        if hits:
            index = self.panel.view.currentIndex()
            self._open(hits[index.row() if index.isValid() else 0].id)
            self.panel.view.setFocus()

    def _open(self, article_id: int) -> None:
        """Open a hit, passing the words it matched so the article can mark them."""
        terms: set[str] = set()
        for hit in self.panel.model.hits:
            if hit.id == article_id:
                terms = {hit.snippet[start:end] for start, end in hit.marks}
        self.open_hit(article_id, sorted(terms, key=len, reverse=True))

    def _show_list(self) -> None:
        self.left.setCurrentWidget(self.list_page)
        self.panel.clear()

    def close(self) -> None:
        """Esc: back to the full list, with the field empty.

        The field is cleared with its signals on: QLineEdit hides its clear button when
        it sees its own ``textChanged``, and with signals blocked the button stayed over
        an empty field. ``_text_changed`` then does what emptying the field by hand does
        (stale answers dropped, the list shown); the rest is for a field already empty."""
        self.field.clear()
        self.timer.stop()
        self.serial += 1
        self._show_list()
        self.closed.emit()

    def stop(self) -> None:
        self.stopped = True
        self.timer.stop()
