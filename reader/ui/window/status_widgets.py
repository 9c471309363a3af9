"""The status bar's widgets: the job indicator, and the report of how the last job went.

``JobProgress`` says what is running, with a progress bar and a Cancel button. It
appears only for work that lasts (a quick re-scan that finds nothing new should not
flash a bar at every start), and says what phase a job is in, because an import has two:
reading the files, then indexing them for search.

``StatusReport`` is how background work ends: one line with a **Details…** button, never
a modal box. A box that opens when a job ends takes the keyboard from whatever the person
is doing (typed text and Enter went into an "Import finished" box over a note dialog), so
the end is told here, and the details (skipped files and why, an error's cause) open only
when asked for. The line stays until new work starts or the person closes it, so a
sentence that points at the details always comes with the way to open them.

Every text here is elided to the width it is given (``ElidedLabel``): at 800 pixels a
sentence that names a folder must not push the unread counter off the bar or draw over it.
"""

from __future__ import annotations

from reader.ui.i18n import QT_TRANSLATE_NOOP, number, translate
from reader.ui.qt import (
    QFontMetrics,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QResizeEvent,
    QSize,
    QSizePolicy,
    QStyle,
    Qt,
    QTimer,
    QToolButton,
    QWidget,
    Signal,
)
from reader.ui.window.messages import plain_tip

# The background jobs' labels and progress phases, as the core (reader.library,
# reader.background.jobs) names them: kept English there (logs, the CLI) and translated
# where the window shows them.
JOB_TEXTS = (
    QT_TRANSLATE_NOOP("Jobs", "Importing"),
    QT_TRANSLATE_NOOP("Jobs", "Checking folders for changes"),
    QT_TRANSLATE_NOOP("Jobs", "Placing highlights"),
    QT_TRANSLATE_NOOP("Jobs", "Indexing"),
    QT_TRANSLATE_NOOP("Jobs", "Putting articles back"),
    QT_TRANSLATE_NOOP("Jobs", "Waiting for another import to finish"),
    QT_TRANSLATE_NOOP("Jobs", "Removing a folder"),
    QT_TRANSLATE_NOOP("Jobs", "Opening the sample archive"),
    QT_TRANSLATE_NOOP("Jobs", "Finding copies of the same story"),
)
IMPORTING_PREFIX = "Importing "


def job_text(label: str) -> str:
    """A job's label or phase in the interface's language ("Importing <folder>" too);
    one the table does not know is shown as the core wrote it."""
    if label in JOB_TEXTS:
        return translate("Jobs", label)
    if label.startswith(IMPORTING_PREFIX):
        name = label[len(IMPORTING_PREFIX) :]
        return translate("Jobs", "Importing {folder}").format(folder=name)
    return label


SHOW_AFTER_MS = 400
REPORT_MS = 15000  # a report with nothing more to show clears itself after this long
MIN_TEXT_CHARS = 8  # an elided label keeps room for this many characters at the least


class ElidedLabel(QLabel):
    """A one-line plain-text label that ends in "…" when it is given less width than its
    text needs, instead of demanding that width (a QLabel's minimum is its whole text).
    The full text is ``full_text`` and the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it names folders, files, errors
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._full = ""
        self.set_full_text(text)

    @property
    def full_text(self) -> str:
        return self._full

    @property
    def elided(self) -> bool:
        """Whether what is shown is shorter than the text."""
        return self.text() != self._full

    def set_full_text(self, text: str) -> None:
        self._full = " ".join(text.split())  # one line, whatever the message held
        self.setToolTip(plain_tip(text) if text else "")
        self._elide()
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        metrics = QFontMetrics(self.font())
        return QSize(metrics.horizontalAdvance(self._full) + 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        metrics = QFontMetrics(self.font())
        shortest = min(len(self._full), MIN_TEXT_CHARS)
        width = metrics.horizontalAdvance(self._full[:shortest] + "…") if shortest else 0
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(0, self.contentsRect().width())
        )
        if shown != self.text():
            self.setText(shown)


class JobProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        self.label = ElidedLabel("", self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(True)
        self.cancel = QPushButton(translate("Jobs", "Cancel"), self)
        self.cancel.setToolTip(translate("Jobs", "Stop; what was imported so far is kept"))
        self.cancel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.timeout.connect(self.show)
        self.hide()

    def begin(self, label: str, *, immediately: bool = False) -> None:
        self.label.set_full_text(job_text(label) + "…")
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.bar.resetFormat()
        self.cancel.setEnabled(True)
        if immediately:
            self.show()
        else:
            self._reveal.start(SHOW_AFTER_MS)

    def update_progress(self, phase: str, done: int, total: int) -> None:
        if self.cancel.isEnabled():  # after Cancel, the label keeps saying so
            self.label.set_full_text(job_text(phase) + "…")
        if total <= 0:
            self.bar.setRange(0, 0)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))
        self.bar.setFormat(f"{number(done)} / {number(total)}")

    def cancelling(self) -> None:
        self.label.set_full_text(translate("Jobs", "Cancelling…"))
        self.cancel.setEnabled(False)

    def end(self) -> None:
        self._reveal.stop()
        self.hide()


class StatusReport(QWidget):
    """How the last job went: an icon for an error, the sentence (elided), **Details…**
    when there is more to read (skipped files, an error's cause, or a sentence too long
    for the bar), and × to put it away. A normal (not permanent) status bar widget: a
    passing message, such as where a hovered link goes, covers it for a moment."""

    detailsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusReport")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.setSpacing(4)
        self.icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(warning.pixmap(size, size))
        self.label = ElidedLabel("", self)
        self.details_button = QToolButton(self)
        self.details_button.setText(translate("Jobs", "Details…"))
        self.details_button.setAutoRaise(True)
        self.details_button.setToolTip(translate("Jobs", "What was skipped and why, in full"))
        self.details_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(translate("Jobs", "Put this message away"))
        self.close_button.setAccessibleName(translate("Jobs", "Close the message"))
        layout.addWidget(self.icon)
        layout.addWidget(self.label)  # as wide as its text when there is room, else less
        layout.addWidget(self.details_button)  # so the link stays right after the text
        layout.addWidget(self.close_button)
        layout.addStretch(1)
        self.title = ""
        self.details: list[str] = []
        self.error = False
        self._expire = QTimer(self)
        self._expire.setSingleShot(True)
        self._expire.timeout.connect(self.clear)
        self.details_button.clicked.connect(self.detailsRequested)
        self.close_button.clicked.connect(self.clear)
        self.clear()

    @property
    def text(self) -> str:
        """The whole sentence, however much of it the bar has room for."""
        return self.label.full_text

    @property
    def has_report(self) -> bool:
        return bool(self.label.full_text)

    def report(
        self, title: str, text: str, details: list[str] | None = None, *, error: bool = False
    ) -> None:
        """Show how a job ended. One with details or an error stays until it is closed
        or new work starts; a plain sentence clears itself after REPORT_MS."""
        self.title, self.details, self.error = title, list(details or []), error
        self.icon.setVisible(error)
        self.label.set_full_text(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
        self._update_details_button()
        if self.details or error:
            self._expire.stop()
        else:
            self._expire.start(REPORT_MS)

    def clear(self) -> None:
        """No report: new work started, or the person closed it."""
        self._expire.stop()
        self.title, self.details, self.error = "", [], False
        self.label.set_full_text("")
        self.details_button.hide()
        self.hide()

    @property
    def offers_details(self) -> bool:
        return bool(self.details or self.error or self.label.elided)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._update_details_button()

    def _update_details_button(self) -> None:
        if self.has_report:
            self.details_button.setVisible(self.offers_details)
