"""Opening articles and moving between them: the part of ``MainWindow`` that reads.

Opening an article from the list, a search hit, a link or the history; what reading one
records (read or unread, the position on the page) and what it asks for in the
background (similar articles); back and forward; what a link does when it is hovered
or clicked. A mixin: ``MainWindow`` inherits it, so the list, the reader pane and the
actions connect to the window's own ``open_article``, ``go_back``, ``follow_link``.
What it uses of the rest of the window is declared at the top of the class.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from reader.catalogue import Catalogue, CopyStore
from reader.ui.annotations.controller import AnnotationController
from reader.ui.error_text import error_text
from reader.ui.i18n import translate
from reader.ui.library.article_list import ArticleListModel, ArticleListView
from reader.ui.library.pane import ListPane
from reader.ui.qt import (
    QAction,
    QApplication,
    QDesktopServices,
    QStackedWidget,
    QTimer,
    QUrl,
    Signal,
)
from reader.ui.reading.article_html import EDIT_TAGS_URL, RelatedInfo
from reader.ui.reading.history import History
from reader.ui.reading.links import classify_link
from reader.ui.reading.pane import ReaderPane
from reader.ui.window.host import MixinBase
from reader.ui.window.messages import app_title
from reader.ui.window.services import SearchService, StateWriter
from reader.ui.window.workers import JobRunner

APP_TITLE = "Archive Reader"
SIMILAR_LIMIT = 6


class NavigationMixin(MixinBase):
    # Made by MainWindow:
    catalogue: Catalogue
    history: History
    reader: ReaderPane
    left: QStackedWidget
    list_pane: ListPane
    list_model: ArticleListModel
    article_list: ArticleListView
    search_service: SearchService
    state_writer: StateWriter
    jobs: JobRunner
    annotating: AnnotationController
    act_back: QAction
    act_forward: QAction
    last_open_ms: float
    _closing: bool
    _positions: dict[int, int]
    _unread: int

    if TYPE_CHECKING:
        articleOpened = Signal(int)

        def _status(self, text: str, timeout: int = 0) -> None: ...
        def _show_counts(self) -> None: ...
        def _open_selected(self) -> None: ...
        def move_in_list(self, step: int) -> None: ...

    # -- opening articles ------------------------------------------------------------

    def open_article(
        self, article_id: int, *, navigating: bool = False, mark: list[str] | None = None
    ) -> bool:
        """Show one article; returns False when it is no longer in the library."""
        if self._closing:
            return False
        if article_id == self.reader.current_id and not mark:
            return True
        started = time.perf_counter()
        article = self.catalogue.get(article_id)
        if article is None:
            self.history.forget(article_id)
            self._update_history_actions()
            self._status(
                translate(
                    "Navigation",
                    "That article is no longer in the library (its file was removed "
                    "or changed into something that is not an article).",
                ),
                10000,
            )
            return False
        related = RelatedInfo(
            linked_from=self.catalogue.linked_from(article_id),
            bookmark=self.list_model.bookmark_of(article_id),
            copies=CopyStore(self.catalogue).other_copies(article_id, article),  # issue 14
        )
        position = self._positions.get(article_id)
        if position is None:
            position = self.catalogue.position(article_id)
        self.reader.show_article(article_id, article, related, position)
        if mark:
            self.reader.mark_terms(mark, scroll=position == 0)
        self.last_open_ms = (time.perf_counter() - started) * 1000
        if not navigating:
            self.history.visit(article_id)
        self._update_history_actions()
        self.setWindowTitle(f"{article.title} — {app_title()}")
        self._mark_read(article_id)
        # Moving the list to the article may scroll it and repaint every row: after the
        # article is on screen, not before.
        QTimer.singleShot(0, lambda: self._select_in_list(article_id))
        self.search_service.similar(
            article_id,
            limit=SIMILAR_LIMIT,
            on_done=lambda rows: self.reader.set_similar(
                article_id, rows, None if rows else self._similar_note()
            ),
            on_error=lambda exc: self.reader.set_similar(
                article_id,
                [],
                translate("Navigation", "Similar articles are not available: {error}").format(
                    error=error_text(exc)
                ),
            ),
        )
        self.articleOpened.emit(article_id)
        return True

    def _similar_note(self) -> str:
        if self.jobs.busy:
            return translate("Navigation", "None found yet: the search index is still being built.")
        return translate("Navigation", "No similar articles in the archive.")

    def _select_in_list(self, article_id: int) -> None:
        if self._closing or article_id != self.reader.current_id:
            return
        row = self.list_model.row_of(article_id)
        if row is None or self.article_list.currentIndex().row() == row:
            return
        self.article_list.select_row(row, quiet=True)

    def _mark_read(self, article_id: int) -> None:
        was_read = self.list_model.is_read(article_id)
        if was_read is None:
            was_read = self.catalogue.is_read(article_id)
        if was_read:
            return
        self.list_model.set_read(article_id, True)
        self.state_writer.mark_read([article_id], True)
        self._unread = max(0, self._unread - 1)
        self._show_counts()

    def toggle_read(self) -> None:
        """m: the article read or unread again; on a selection of several, all of them
        read (or, when all were read, unread)."""
        in_list = self.left.currentWidget() is self.list_pane
        selected = self.article_list.selected_ids() if in_list else []
        if len(selected) > 1:
            states = [self.list_model.is_read(i) for i in selected]
            self.mark_read(selected, not all(states))
            return
        article_id = self.article_list.current_id() if in_list else None
        article_id = article_id or self.reader.current_id
        if article_id is None:
            return
        read = self.list_model.is_read(article_id)
        if read is None:
            read = self.catalogue.is_read(article_id)
        self.list_model.set_read(article_id, not read)
        self.state_writer.mark_read([article_id], not read)
        self._unread = max(0, self._unread + (1 if read else -1))
        self._show_counts()
        self._status(
            translate("Navigation", "Marked unread.")
            if read
            else translate("Navigation", "Marked read."),
            3000,
        )

    def mark_read(self, article_ids: list[int], read: bool) -> None:
        """Mark several articles read (or unread): the list at once, the catalogue in
        the state writer's thread."""
        changed = 0
        for article_id in article_ids:
            was = self.list_model.is_read(article_id)
            if was is None:
                was = self.catalogue.is_read(article_id)
            if was != read:
                changed += 1
                self.list_model.set_read(article_id, read)
        self.state_writer.mark_read(list(article_ids), read)
        self._unread = max(0, self._unread + (-changed if read else changed))
        self._show_counts()
        n = len(article_ids)
        self._status(
            translate("Navigation", "Marked %Ln article(s) read.", "", n)
            if read
            else translate("Navigation", "Marked %Ln article(s) unread.", "", n),
            3000,
        )

    def _position_changed(self, article_id: int, position: int) -> None:
        self._positions[article_id] = position
        self.state_writer.save_position(article_id, position)

    def _state_write_failed(self, exc: BaseException) -> None:
        self._status(
            translate("Navigation", "Could not save reading state: {error}").format(
                error=error_text(exc)
            ),
            10000,
        )

    def page_article(self, direction: int) -> None:
        if self.reader.current_id is None:
            self._open_selected()
            return
        if not self.reader.scroll_page(direction) and direction > 0:
            self.move_in_list(1)

    # -- history and links -----------------------------------------------------------

    def _update_history_actions(self) -> None:
        self.act_back.setEnabled(self.history.can_go_back())
        self.act_forward.setEnabled(self.history.can_go_forward())

    def go_back(self) -> None:
        while self.history.can_go_back():
            target = self.history.back()
            if target is not None and self.open_article(target, navigating=True):
                return
        self._update_history_actions()

    def go_forward(self) -> None:
        while self.history.can_go_forward():
            target = self.history.forward()
            if target is not None and self.open_article(target, navigating=True):
                return
        self._update_history_actions()

    def _navigate(self, step: int) -> None:
        """The mouse's Back (-1) or Forward (+1) button, pressed over any pane."""
        if step < 0:
            self.go_back()
        else:
            self.go_forward()

    def _classify(self, url: str) -> Any:
        return classify_link(
            url, roots=self.catalogue.roots(), id_at_path=self.catalogue.id_at_path
        )

    def follow_link(self, url: QUrl) -> None:
        text = url.toString()
        if text == EDIT_TAGS_URL:
            self.annotating.edit_tags()
            return
        action = self._classify(text)
        if action.kind == "article":
            if not self.open_article(int(action.article_id)):
                return
        elif action.kind == "external":
            if QDesktopServices.openUrl(QUrl(action.url)):
                self._status(
                    translate("Navigation", "Opened in your browser: {url}").format(url=action.url),
                    6000,
                )
            else:
                self._status(
                    translate("Navigation", "No browser could open {url}").format(url=action.url),
                    10000,
                )
        elif action.kind == "anchor":
            if action.url.startswith("#") and len(action.url) > 1:
                self.reader.browser.scrollToAnchor(action.url[1:])
        else:
            self._status(action.reason, 12000)

    def _link_hovered(self, url: str) -> None:
        if not url:
            self.statusBar().clearMessage()
            return
        if url == EDIT_TAGS_URL:
            self._status(translate("Navigation", "Edit this bookmark's tags (Ctrl+Shift+D)"))
            return
        action = self._classify(url)
        if action.kind == "article":
            row = self.catalogue.summary(int(action.article_id))
            title = row["title"] if row else translate("Navigation", "an article")
            self._status(
                translate("Navigation", "Open “{title}” from the archive (offline)").format(
                    title=title
                )
            )
        elif action.kind == "external":
            self._status(
                translate("Navigation", "{url}  — opens in your web browser when clicked").format(
                    url=action.url
                )
            )
        elif action.kind == "refused":
            self._status(f"{action.url}  — {action.reason}")

    def copy_source_link(self) -> None:
        article = self.reader.article
        if article is None or not article.source_url:
            self._status(translate("Navigation", "This article has no link to its original."), 4000)
            return
        clipboard = QApplication.clipboard()
        clipboard.setText(article.source_url)
        self._status(translate("Navigation", "Copied {url}").format(url=article.source_url), 4000)
