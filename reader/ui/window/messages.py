"""Telling a person about a problem or a result: message boxes, never tracebacks.

Boxes are opened window-modal with ``open()`` rather than ``exec()``: the event loop keeps
running, and tests can find the box and read it. A box answers something the person just
did; the end of background work is never one (it would take the keyboard from whatever
the person is typing into): the status bar tells it (``status_widgets.StatusReport``), and
its details open on demand in ``DetailsDialog``, a window that is not modal. The
``excepthook`` turns a bug that escapes into a short apology with the details folded
away, and logs the traceback for a bug report.

User and article text is text: a QLabel, QMessageBox or tooltip left to sniff a string
(``Qt::mightBeRichText``) renders one that looks like markup, and ``<img src="file:...">``
in a title or a typed query would make Qt read that file. So message boxes are plain
text unless a caller passes its own markup (``rich=True``, with anything user-supplied
escaped), and ``plain_tip`` makes text safe for a tooltip, which cannot be set to plain.
"""

from __future__ import annotations

import html
import logging
import sys
import traceback
from types import TracebackType

from reader.errors import ReaderError
from reader.ui.error_text import message_text
from reader.ui.i18n import translate
from reader.ui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger("reader.ui")


def plain_tip(text: str) -> str:
    """*text* as a tooltip shows it literally: escaped inside ``<qt>`` (a tooltip sniffs
    for rich text and has no plain-text setting; escaped text alone still sniffs as rich,
    since Qt 6 counts entities, and would show ``&lt;``)."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    details: list[str] | None = None,
    error: bool = False,
    rich: bool = False,
) -> QMessageBox:
    """A window-modal box; *text* is plain text (paths, titles, errors: shown as they
    are) unless *rich*, when it is the caller's own markup."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setDetailedText("\n".join(details))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("readerMessage")
    box.open()
    return box


class DetailsDialog(QDialog):
    """The details of how a job went, opened from the status bar's **Details…**: the
    whole sentence and, one a line, what it refers to (each skipped file and why).

    Not modal, and opened only when asked for, so it never takes the keyboard from
    another dialog; plain text throughout (the lines name files and folders)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobDetails")
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(640, 360)
        self.message = QLabel("", self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines = QPlainTextEdit(self)
        self.lines.setReadOnly(True)
        self.lines.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.lines, 1)
        layout.addWidget(buttons)

    def show_details(self, title: str, text: str, details: list[str]) -> None:
        self.setWindowTitle(title or translate("Messages", "Details"))
        self.message.setText(text)
        self.lines.setPlainText("\n".join(details))
        self.lines.setVisible(bool(details))
        self.show()
        self.raise_()
        self.activateWindow()


def app_title() -> str:
    """The app's name as the window title and message boxes show it (translated; the
    name Qt files settings under stays ``APP_TITLE``)."""
    return translate("MainWindow", "Archive Reader")


def install_excepthook() -> None:
    """Unexpected exceptions in slots become a message box (and a log line), not a crash."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        log.error("unexpected error:\n%s", text)
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            sys.__excepthook__(kind, exc, tb)
            return
        if isinstance(exc, ReaderError):
            show_message(app.activeWindow(), app_title(), message_text(str(exc)), error=True)
        else:
            show_message(
                app.activeWindow(),
                app_title(),
                translate(
                    "Messages",
                    "Something went wrong, but your library is safe. If it happens "
                    "again, please report it with the details below.",
                ),
                details=text.splitlines(),
                error=True,
            )

    sys.excepthook = hook
