"""Edit › Manage Tags…: every bookmark tag with how many bookmarks carry it, renamed or
deleted on all of them at once.

The dialog asks the annotation thread (``AnnotationService``) for the counts and for the
change, never the store on the GUI thread; a change answers the previous tags of the
bookmarks it changed, which go on the window's undo stack (``undo.tag_changed``), so
Edit › Undo puts them back. After a change, and after its undo or redo, the controller
refreshes everything that shows tags (``changed_everything``: the list's marks, the open
article's meta line, the bookmarks view's tag filter, a search) and the backup timer;
its ``changed`` signal reloads the dialog's list while it is open.

Like the note and tags dialogs it opens window-modal with ``open()``; the rename prompt
and the delete confirmation too (``prompt``, ``confirm``: tests answer them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.annotations.bookmarks import PreviousTags, check_tag
from reader.errors import ReaderError
from reader.ui.error_text import message_text
from reader.ui.i18n import translate
from reader.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from reader.ui.window import undo

if TYPE_CHECKING:
    from reader.ui.annotations.controller import AnnotationController

TAG_ROLE = Qt.ItemDataRole.UserRole
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1


def _bookmarks(n: int) -> str:
    return translate("Tags", "%Ln bookmark(s)", "", n)


class TagChanges:
    """Renaming and deleting a tag through the annotation thread, onto the undo stack
    (``undo.TagApplier``: redo and undo go through the store again)."""

    def __init__(self, controller: AnnotationController) -> None:
        self.controller = controller

    def _status(self, text: str) -> None:
        self.controller.win.widget.statusBar().showMessage(text, 8000)

    def change(self, old: str, new: str | None) -> None:
        """Rename *old* to *new* (None: delete it) on every bookmark, as one undo step."""

        def done(previous: PreviousTags) -> None:
            if previous:
                self.controller.undo_stack.push(undo.tag_changed(self, old, new, previous))
            text = (
                translate("Tags", "Renamed “{old}” to “{new}” on {bookmarks} (Ctrl+Z undoes).")
                if new is not None
                else translate("Tags", "Removed “{old}” from {bookmarks} (Ctrl+Z undoes).")
            )
            self._status(text.format(old=old, new=new, bookmarks=_bookmarks(len(previous))))
            self.controller.changed_everything()

        self.controller.service.change_tag(old, new, done)

    def apply_tag_change(self, old: str, new: str | None) -> None:
        self.controller.service.change_tag(
            old, new, lambda _p: self.controller.changed_everything()
        )

    def apply_restore_tags(self, previous: PreviousTags) -> None:
        self.controller.service.restore_tags(
            previous, lambda _n: self.controller.changed_everything()
        )


class RenameTagDialog(QDialog):
    """The new name of a tag: one tag (no separators), not empty."""

    renamed = Signal(str)

    def __init__(self, parent: QWidget | None, tag: str, count: int) -> None:
        super().__init__(parent)
        self.setObjectName("renameTagDialog")
        self.setWindowTitle(translate("Tags", "Rename Tag"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.old = tag
        label = QLabel(
            translate("Tags", "Rename “{tag}” on {bookmarks} to:").format(
                tag=tag, bookmarks=_bookmarks(count)
            ),
            self,
        )
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.field = QLineEdit(tag, self)
        self.field.setAccessibleName(translate("Tags", "New tag name"))
        self.field.selectAll()
        self.problem = QLabel("", self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setObjectName("renameTagProblem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("Tags", "Rename"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check(tag)

    def _valid(self, text: str) -> str | None:
        """The tag as it will be stored, or None (the reason is shown)."""
        try:
            name = check_tag(text)
        except ReaderError as exc:
            self.problem.setText(message_text(str(exc)))
            return None
        self.problem.setText("")
        return name

    def _check(self, text: str) -> None:
        name = self._valid(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(name is not None and name != self.old)

    def save(self) -> None:
        name = self._valid(self.field.text())
        if name is None or name == self.old:
            return
        self.renamed.emit(name)
        self.accept()


class TagManagerDialog(QDialog):
    """The tags in use, by name, each with its count; Rename… and Delete."""

    def __init__(self, controller: AnnotationController, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("tagManager")
        self.setWindowTitle(translate("Tags", "Manage Tags"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(420, 380)
        self.controller = controller
        self.changes = TagChanges(controller)
        self.prompt: RenameTagDialog | None = None  # the rename prompt that is open
        self.confirm: QMessageBox | None = None  # the delete confirmation that is open
        self.counts: list[tuple[str, int]] = []
        self._closed = False

        self.list = QListWidget(self)
        self.list.setObjectName("tagList")
        self.list.setAccessibleName(translate("Tags", "Tags"))
        self.empty = QLabel(translate("Tags", "No tags yet: Ctrl+Shift+D tags a bookmark."), self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.rename_button = QPushButton(translate("Tags", "Rename…"), self)
        self.delete_button = QPushButton(translate("Tags", "Delete"), self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.rename_button.clicked.connect(lambda: self.rename())
        self.delete_button.clicked.connect(lambda: self.delete())
        self.list.itemDoubleClicked.connect(lambda _item: self.rename())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.finished.connect(self._finished)
        controller.changed.connect(self.reload)
        self._update_buttons()

    # -- the list ------------------------------------------------------------------------

    def reload(self) -> None:
        """Ask the annotation thread for the counts again (after any change)."""
        if not self._closed:
            self.controller.service.tag_counts(self.set_tags)

    def set_tags(self, counts: list[tuple[str, int]]) -> None:
        """Show *counts*; the chosen tag stays chosen while it exists."""
        if self._closed:  # answered after the dialog closed
            return
        chosen = self.selected()
        self.counts = list(counts)
        self.list.clear()
        for tag, n in counts:
            self.list.addItem(f"{tag}  ({n})")
            item = self.list.item(self.list.count() - 1)
            item.setData(TAG_ROLE, tag)
            item.setData(COUNT_ROLE, n)
            item.setToolTip(f"{tag}: {_bookmarks(n)}")
        names = [t.casefold() for t, _ in counts]
        if chosen is not None and chosen[0].casefold() in names:
            self.list.setCurrentRow(names.index(chosen[0].casefold()))
        elif counts:
            self.list.setCurrentRow(0)
        self.empty.setVisible(not counts)
        self._update_buttons()

    def choose(self, tag: str) -> bool:
        """Select *tag* (ignoring case); False if no bookmark carries it."""
        for row, (name, _n) in enumerate(self.counts):
            if name.casefold() == tag.casefold():
                self.list.setCurrentRow(row)
                return True
        return False

    def selected(self) -> tuple[str, int] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return str(item.data(TAG_ROLE)), int(item.data(COUNT_ROLE))

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _finished(self, _result: int) -> None:
        self._closed = True
        for child in (self.prompt, self.confirm):
            if child is not None:
                child.close()

    # -- rename and delete ---------------------------------------------------------------

    def rename(self) -> None:
        """Rename…: ask for the new name, then rename the tag on every bookmark."""
        chosen = self.selected()
        if chosen is None:
            return
        tag, count = chosen
        prompt = RenameTagDialog(self, tag, count)
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        prompt.renamed.connect(lambda new: self.changes.change(tag, new))
        prompt.finished.connect(lambda _r: self._forget(prompt))
        self.prompt = prompt
        prompt.open()

    def delete(self) -> None:
        """Delete: confirm, naming how many bookmarks carry the tag; they stay."""
        chosen = self.selected()
        if chosen is None:
            return
        tag, count = chosen
        box = QMessageBox(self)
        box.setObjectName("deleteTagConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("Tags", "Delete Tag"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            translate(
                "Tags",
                "Remove the tag “{tag}” from {bookmarks}? The bookmarks stay; "
                "Edit › Undo puts the tag back.",
            ).format(tag=tag, bookmarks=_bookmarks(count))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(translate("Tags", "Delete"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._forget(box))
        box.buttonClicked.connect(
            lambda button: (
                self.changes.change(tag, None)
                if box.standardButton(button) == QMessageBox.StandardButton.Yes
                else None
            )
        )
        self.confirm = box
        box.open()

    def _forget(self, child: QWidget) -> None:
        if self.prompt is child:
            self.prompt = None
        if self.confirm is child:
            self.confirm = None
