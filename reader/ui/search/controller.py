"""Search as you type: the field, the debounce, latest-wins answers, Esc back to the list.

Every pause in typing (200 ms) sends the field's text to the search thread; each request
carries a serial number and an answer is shown only if no newer request was made since,
so a slow query can never overwrite a faster, newer one. The text goes to the core's
query parser unchanged: ``site:``, ``date:2024-05``, ``title:``, ``lang:``, "phrases",
``-word`` and ``OR`` mean here what they mean to ``reader search``.

Copies of one story (issue 14) are folded into the best-ranked of them, which says "+2
copies"; the panel's **All copies** toggle shows every one. The stories of the hits are
read from the catalogue here, when an answer arrives (one indexed query for a page of
hits), so the search process and its answers stay as they were.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from reader.catalogue import Catalogue, CopyStore, collapse_ids
from reader.paths import catalogue_path
from reader.ui.error_text import error_text
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
        self._catalogue: Catalogue | None = None  # opened on the first answer, read-only
        self._outcome: SearchOutcome | None = None  # the last answer, copies not folded
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
        panel.copiesToggled.connect(lambda _all: self._show(keep_row=True))
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
        self._outcome = outcome
        self._show()
        self.finished.emit(outcome)

    def _groups(self, ids: list[int]) -> dict[int, int]:
        """The stories of *ids* (article id -> first copy); {} if the catalogue cannot
        be read (the hits are then shown as they came)."""
        try:
            if self._catalogue is None:
                self._catalogue = Catalogue(catalogue_path(self.service.data_dir), readonly=True)
            return CopyStore(self._catalogue).groups(ids)
        except Exception:  # folding copies is a nicety: never a failure of the search
            return {}

    def _show(self, *, keep_row: bool = False) -> None:
        """Show the last answer, copies of one story folded into the best-ranked of them
        unless the panel's All copies is on."""
        outcome = self._outcome
        if outcome is None:
            return
        folded: dict[int, list[int]] = {}
        if not self.panel.show_all_copies and outcome.hits:
            kept, folded = collapse_ids(
                [h.id for h in outcome.hits], self._groups([h.id for h in outcome.hits])
            )
            if folded:
                keep = set(kept)
                # the page was full if the unfolded one was: "Show more results" stays
                outcome = dataclasses.replace(
                    outcome,
                    hits=[h for h in outcome.hits if h.id in keep],
                    limit=outcome.limit - (len(outcome.hits) - len(kept)),
                )
        self.panel.copies = {i: len(others) for i, others in folded.items()}
        self.panel.show_outcome(outcome, keep_row=keep_row)

    def _failed(self, serial: int, exc: BaseException) -> None:
        if serial == self.serial and not self.stopped:
            self.panel.show_error(error_text(exc))

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
        self._outcome = None
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
        if self._catalogue is not None:
            self._catalogue.close()
            self._catalogue = None
