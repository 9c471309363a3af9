"""The left side of the window: quick filter, Unread and Bookmarks toggles, the article
list, empty states.

With **★ Bookmarks** on, the list is the bookmarks view: only bookmarked articles, with a
tag to narrow it to, and everything else about the list (sort, filter, Unread, the keys)
as before. An empty list always says why and what to do (a new library, a filter that
matches nothing, every article read, no bookmark yet) instead of showing a blank table.
"""

from __future__ import annotations

import html

from reader.catalogue import Catalogue
from reader.ui.i18n import QT_TRANSLATE_NOOP, translate
from reader.ui.library.article_list import ArticleListModel, ArticleListView
from reader.ui.qt import (
    QComboBox,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from reader.ui.window.status_widgets import job_text

FILTER_DELAY_MS = 180


class FilterField(QLineEdit):
    escapePressed = Signal()
    downPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        elif event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
        else:
            super().keyPressEvent(event)


ALL_TAGS = QT_TRANSLATE_NOOP("ListPane", "All bookmarks")


class ListPane(QWidget):
    filterChanged = Signal()
    unreadToggled = Signal(bool)
    bookmarksToggled = Signal(bool)
    copiesToggled = Signal(bool)  # every copy of a story shown (True) or one row per story
    tagChanged = Signal()
    addFolderRequested = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(catalogue, self)
        self.view = ArticleListView(self)
        self.view.setModel(self.model)
        self.filter_field = FilterField(self)
        self.filter_field.setPlaceholderText(
            translate("ListPane", "Filter by title or site  (Ctrl+L)")
        )
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setAccessibleName(translate("ListPane", "Filter the list"))
        self.unread_button = QToolButton(self)
        self.unread_button.setText(translate("ListPane", "Unread"))
        self.unread_button.setCheckable(True)
        self.unread_button.setToolTip(translate("ListPane", "Show only unread articles"))
        self.bookmarks_button = QToolButton(self)
        self.bookmarks_button.setText(translate("ListPane", "★ Bookmarks"))
        self.bookmarks_button.setCheckable(True)
        self.bookmarks_button.setToolTip(
            translate("ListPane", "Show only bookmarked articles (Ctrl+Shift+B)")
        )
        self.tag_combo = QComboBox(self)
        self.tag_combo.setToolTip(translate("ListPane", "Only the bookmarks with this tag"))
        self.tag_combo.setAccessibleName(translate("ListPane", "Bookmark tag"))
        self.tag_combo.addItem(translate("ListPane", ALL_TAGS), None)
        self.tag_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.tag_combo.hide()
        # Copies of one story (issue 14): one row each, unless this is on. Shown only when
        # the library has a story saved more than once.
        self.copies_button = QToolButton(self)
        self.copies_button.setText(translate("ListPane", "All copies"))
        self.copies_button.setCheckable(True)
        self.copies_button.setAutoRaise(True)
        self.copies_button.setToolTip(
            translate(
                "ListPane",
                "Show every copy of a story saved more than once (re-posts, teasers, "
                "edits), not one row per story",
            )
        )
        self.copies_button.hide()
        self.count_label = QLabel("", self)
        self.count_label.setObjectName("listCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)  # it names the tag

        self.empty = QWidget(self)
        self.empty_text = QLabel("", self.empty)
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setTextFormat(Qt.TextFormat.RichText)
        self.empty_button = QPushButton(translate("ListPane", "Add Archive Folder…"), self.empty)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(24, 24, 24, 24)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 4)
        top.setSpacing(6)
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.unread_button)
        top.addWidget(self.bookmarks_button)
        tags = QHBoxLayout()
        tags.setContentsMargins(6, 0, 6, 4)
        tags.addWidget(self.tag_combo)
        tags.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addLayout(tags)
        layout.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(8, 2, 8, 2)
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.copies_button)
        layout.addLayout(bottom)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.filterChanged)
        self.filter_field.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_field.escapePressed.connect(self._escape_filter)
        self.filter_field.downPressed.connect(self._into_list)
        self.unread_button.toggled.connect(self.unreadToggled)
        self.copies_button.toggled.connect(self._copies_toggled)
        self.model.modelReset.connect(lambda: self.copies_button.setVisible(self.model.has_copies))
        self.bookmarks_button.toggled.connect(self._bookmarks_toggled)
        self.tag_combo.currentIndexChanged.connect(lambda _i: self.tagChanged.emit())
        self.empty_button.clicked.connect(self.addFolderRequested)

    def words(self) -> tuple[str, ...]:
        return tuple(self.filter_field.text().split())

    @property
    def bookmarks_only(self) -> bool:
        return self.bookmarks_button.isChecked()

    @property
    def tag(self) -> str | None:
        """The tag the bookmarks view is narrowed to (None: every bookmark)."""
        if not self.bookmarks_only:
            return None
        value = self.tag_combo.currentData()
        return str(value) if value else None

    def _copies_toggled(self, checked: bool) -> None:
        """One row per story, or every copy: the ids are folded again in memory, the
        article open stays selected."""
        current = self.view.current_id()
        self.model.set_show_all_copies(checked)
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            self.view.select_row(row, quiet=True)
        self.copiesToggled.emit(checked)

    def _bookmarks_toggled(self, checked: bool) -> None:
        self.tag_combo.setVisible(checked)
        self.bookmarksToggled.emit(checked)

    def set_tags(self, tags: list[tuple[str, int]]) -> None:
        """The tags in use (most used first) for the combo; the chosen one stays chosen
        while it exists, and choosing again is not a change."""
        current = self.tag
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(translate("ListPane", ALL_TAGS), None)
        for tag, count in tags:
            self.tag_combo.addItem(f"{tag}  ({count})", tag)
        names = [t.casefold() for t, _ in tags]
        index = (
            names.index(current.casefold()) + 1 if current and current.casefold() in names else 0
        )
        self.tag_combo.setCurrentIndex(index)
        self.tag_combo.blockSignals(False)
        if current and index == 0:
            self.tagChanged.emit()  # the tag is gone: show every bookmark

    def choose_tag(self, tag: str | None) -> bool:
        for index in range(self.tag_combo.count()):
            value = self.tag_combo.itemData(index)
            if (value is None and tag is None) or (
                value and tag and str(value).casefold() == tag.casefold()
            ):
                self.tag_combo.setCurrentIndex(index)
                return True
        return False

    def _escape_filter(self) -> None:
        if self.filter_field.text():
            self.filter_field.clear()
        self.view.setFocus()

    def _into_list(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid():
            self.view.select_row(0)

    def update_empty_state(self, *, library_size: int, busy_label: str | None) -> None:
        """Show the table, or say why it is empty and what to do about it."""
        if self.model.rowCount() > 0:
            self.stack.setCurrentWidget(self.view)
            return
        self.empty_button.setVisible(False)
        if self.words():
            # rich text of our own: what the person typed is escaped into it
            text = translate(
                "ListPane",
                "<p>No article title or site contains “{words}”.</p>"
                "<p>Press Esc to clear the filter, or search the full text with "
                "Ctrl+K.</p>",
            ).format(words=html.escape(self.filter_field.text().strip()))
        elif self.bookmarks_only and self.tag:
            text = (
                translate(
                    "ListPane",
                    "<p>No bookmark is tagged “{tag}” among the unread articles.</p>"
                    "<p>Choose another tag, or <b>All bookmarks</b>.</p>",
                )
                if self.unread_button.isChecked()
                else translate(
                    "ListPane",
                    "<p>No bookmark is tagged “{tag}”.</p>"
                    "<p>Choose another tag, or <b>All bookmarks</b>.</p>",
                )
            ).format(tag=html.escape(self.tag))
        elif self.bookmarks_only and library_size:
            text = (
                translate("ListPane", "<p>No unread bookmarked articles.</p>")
                if self.unread_button.isChecked()
                else translate("ListPane", "<p>No bookmarked articles.</p>")
            ) + translate(
                "ListPane",
                "<p>Open an article and press "
                "<b>Ctrl+D</b> (or ★ in the toolbar) to bookmark it; turn off "
                "<b>★ Bookmarks</b> to see every article.</p>",
            )
        elif self.unread_button.isChecked() and library_size:
            text = translate(
                "ListPane",
                "<p>No unread articles.</p><p>Turn off <b>Unread</b> to see them all.</p>",
            )
        elif busy_label:
            text = translate(
                "ListPane",
                "<p><b>{busy}…</b></p><p>Articles appear here as soon as the import ends.</p>",
            ).format(busy=html.escape(job_text(busy_label)))
        else:
            text = translate(
                "ListPane",
                "<p><b>Your library is empty.</b></p>"
                "<p>Choose <b>File › Add Archive Folder…</b> (Ctrl+O), or drop a folder "
                "on this window, to import the articles you saved: text files and "
                "saved web pages, in any folder structure. The folder is only read, "
                "never changed.</p>",
            )
            self.empty_button.setVisible(True)
        self.empty_text.setText(text)
        self.stack.setCurrentWidget(self.empty)
