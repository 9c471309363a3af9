"""The status bar's job indicator: what is running, a progress bar and a Cancel button.

It appears only for work that lasts (a quick re-scan that finds nothing new should not
flash a bar at every start), and says what phase a job is in, because an import has two:
reading the files, then indexing them for search.
"""

from __future__ import annotations

from reader.ui.qt import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    Qt,
    QTimer,
    QWidget,
)

SHOW_AFTER_MS = 400


class JobProgress(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        self.label = QLabel("", self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # phases name folders and files
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(True)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.setToolTip("Stop; what was imported so far is kept")
        self.cancel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.timeout.connect(self.show)
        self.hide()

    def begin(self, label: str, *, immediately: bool = False) -> None:
        self.label.setText(label + "…")
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel.setEnabled(True)
        if immediately:
            self.show()
        else:
            self._reveal.start(SHOW_AFTER_MS)

    def update_progress(self, phase: str, done: int, total: int) -> None:
        self.label.setText(phase + "…")
        if total <= 0:
            self.bar.setRange(0, 0)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))
        self.bar.setFormat(f"{done:,} / {total:,}")

    def cancelling(self) -> None:
        self.label.setText("Cancelling…")
        self.cancel.setEnabled(False)

    def end(self) -> None:
        self._reveal.stop()
        self.hide()
