"""The left side of the window: quick filter, Unread toggle, the article list, empty states.

An empty list always says why and what to do (a new library, a filter that matches
nothing, every article read) instead of showing a blank table.
"""

from __future__ import annotations

from reader.catalogue import Catalogue
from reader.ui.article_list import ArticleListModel, ArticleListView
from reader.ui.qt import (
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


class ListPane(QWidget):
    filterChanged = Signal()
    unreadToggled = Signal(bool)
    addFolderRequested = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(catalogue, self)
        self.view = ArticleListView(self)
        self.view.setModel(self.model)
        self.filter_field = FilterField(self)
        self.filter_field.setPlaceholderText("Filter by title or site  (Ctrl+L)")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setAccessibleName("Filter the list")
        self.unread_button = QToolButton(self)
        self.unread_button.setText("Unread")
        self.unread_button.setCheckable(True)
        self.unread_button.setToolTip("Show only unread articles")
        self.count_label = QLabel("", self)
        self.count_label.setObjectName("listCount")

        self.empty = QWidget(self)
        self.empty_text = QLabel("", self.empty)
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setTextFormat(Qt.TextFormat.RichText)
        self.empty_button = QPushButton("Add Archive Folder…", self.empty)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(8, 2, 8, 2)
        bottom.addWidget(self.count_label)
        layout.addLayout(bottom)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.filterChanged)
        self.filter_field.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_field.escapePressed.connect(self._escape_filter)
        self.filter_field.downPressed.connect(self._into_list)
        self.unread_button.toggled.connect(self.unreadToggled)
        self.empty_button.clicked.connect(self.addFolderRequested)

    def words(self) -> tuple[str, ...]:
        return tuple(self.filter_field.text().split())

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
            text = (f"<p>No article title or site contains "
                    f"“{self.filter_field.text().strip()}”.</p>"
                    "<p>Press Esc to clear the filter, or search the full text with "
                    "Ctrl+K.</p>")
        elif self.unread_button.isChecked() and library_size:
            text = "<p>No unread articles.</p><p>Turn off <b>Unread</b> to see them all.</p>"
        elif busy_label:
            text = (f"<p><b>{busy_label}…</b></p><p>Articles appear here as soon as the "
                    "import ends.</p>")
        else:
            text = ("<p><b>Your library is empty.</b></p>"
                    "<p>Choose <b>File › Add Archive Folder…</b> (Ctrl+O), or drop a folder "
                    "on this window, to import the articles you saved: text files and "
                    "saved web pages, in any folder structure. The folder is only read, "
                    "never changed.</p>")
            self.empty_button.setVisible(True)
        self.empty_text.setText(text)
        self.stack.setCurrentWidget(self.empty)
