"""The two small dialogs of annotating: a note (with its color) and a bookmark's tags.

Both open window-modal with ``open()``, not ``exec()`` (as ``messages`` does): the event
loop keeps running behind them, and tests find them on the controller and fill them in.
What they produce goes back through ``saved``; writing it is the controller's business.
"""

from __future__ import annotations

from reader.annotations.model import COLORS, DEFAULT_COLOR, parse_tags, split_tags
from reader.ui.annotations.panels import color_icon, color_name
from reader.ui.i18n import translate
from reader.ui.qt import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPersistentModelIndex,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

QUOTE_SHOWN = 280


class NoteEdit(QPlainTextEdit):
    """Ctrl+Enter saves (Enter is a new line: notes have paragraphs)."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class NoteDialog(QDialog):
    """Add or edit a note on a passage, and pick its color."""

    saved = Signal(str, str)  # note (may be empty), color
    deleteRequested = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        *,
        quote: str,
        note: str | None = None,
        color: str = DEFAULT_COLOR,
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(
            translate("Dialogs", "Edit Note") if editing else translate("Dialogs", "Add Note")
        )
        self.setWindowModality(Qt.WindowModality.WindowModal)
        shown = " ".join(quote.split())
        if len(shown) > QUOTE_SHOWN:
            shown = shown[:QUOTE_SHOWN].rstrip() + "…"
        self.quote = QLabel(f"“{shown}”", self)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setObjectName("noteQuote")
        self.editor = NoteEdit(self)
        self.editor.setPlainText(note or "")
        self.editor.setPlaceholderText(translate("Dialogs", "Your note (Ctrl+Enter saves)"))
        self.editor.setAccessibleName(translate("Dialogs", "Note"))
        self.editor.setTabChangesFocus(True)
        self.color_buttons: dict[str, QToolButton] = {}
        colors = QHBoxLayout()
        colors.addWidget(QLabel(translate("Dialogs", "Color:"), self))
        for name in COLORS:
            button = QToolButton(self)
            button.setIcon(color_icon(name, 16))
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setToolTip(color_name(name))
            button.setAccessibleName(name)
            colors.addWidget(button)
            self.color_buttons[name] = button
        colors.addStretch(1)
        # A #rrggbb color (from an import) has no button: none is checked, and it stays
        # unless one is chosen.
        self._custom = color if color not in COLORS else None
        if color in COLORS:
            self.color_buttons[color].setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.delete_button: QPushButton | None = None
        if editing:
            self.delete_button = self.buttons.addButton(
                translate("Dialogs", "Delete Highlight"),
                QDialogButtonBox.ButtonRole.DestructiveRole,
            )
            self.delete_button.clicked.connect(self._delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(self.editor, 1)
        layout.addLayout(colors)
        layout.addWidget(self.buttons)
        self.resize(460, 300)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.editor.submitted.connect(self.save)
        self.editor.setFocus()
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)

    @property
    def note(self) -> str:
        return self.editor.toPlainText()

    @property
    def color(self) -> str:
        for name, button in self.color_buttons.items():
            if button.isChecked():
                return name
        return self._custom or DEFAULT_COLOR

    def choose_color(self, name: str) -> None:
        self.color_buttons[name].setChecked(True)

    def save(self) -> None:
        self.saved.emit(self.note, self.color)
        self.accept()

    def _delete(self) -> None:
        self.deleteRequested.emit()
        self.reject()


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last separator (a comma, ``，``, ``、`` or a
    semicolon: ``split_tags``, as saving splits), keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [split_tags(path)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt's name
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        # What precedes the tag being typed, up to and including its separator, as
        # typed; an ASCII separator gets the space a full-width one carries in itself.
        head = typed[: len(typed) - len(split_tags(typed)[-1])]
        if head and head[-1].isascii():
            head += " "
        return head + str(index.data())


class TagsDialog(QDialog):
    """A bookmark's tags, separated by commas (``，`` and ``、`` too: ``split_tags``);
    saving bookmarks the article if it was not."""

    saved = Signal(object)  # tuple[str, ...]

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        tags: tuple[str, ...],
        known: list[str],
        bookmarked: bool,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tagsDialog")
        self.setWindowTitle(translate("Dialogs", "Bookmark Tags"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        text = (
            translate("Dialogs", "Tags, separated by commas, for “{title}”:")
            if bookmarked
            else translate("Dialogs", "Bookmark with the tags, separated by commas, for “{title}”:")
        )
        label = QLabel(text.format(title=title), self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.field = QLineEdit(", ".join(tags), self)
        self.field.setPlaceholderText(translate("Dialogs", "e.g. trade, ports, 海关、物流"))
        self.field.setAccessibleName(translate("Dialogs", "Tags"))
        self.field.setClearButtonEnabled(True)
        completer = TagCompleter(known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.field.setCompleter(completer)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.resize(420, 130)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.field.setFocus()
        self.field.selectAll()

    @property
    def tags(self) -> tuple[str, ...]:
        return parse_tags(self.field.text())

    def save(self) -> None:
        self.saved.emit(self.tags)
        self.accept()
