"""The one-time upgrade of an older library, behind a progress dialog with Cancel.

A new version of the app may add to the catalogue's schema (``reader.catalogue.schema``
``MIGRATIONS``): steps 5 and 6 fill side tables for every article, 3.1 s at 100,000 on
the first start after an update. Run inside ``MainWindow``'s constructor, that was a
window that did not appear for three seconds and could not be stopped. Now the steps run
first, in a thread, and a dialog shows (only when the work lasts: a small library never
sees it) with a busy bar and Cancel. Cancel rolls the running step back and quits with
the library as it was (``UpgradeCancelled``); the next start offers it again.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reader.catalogue import Catalogue, pending_upgrade
from reader.errors import UpgradeCancelled
from reader.paths import catalogue_path
from reader.ui.i18n import translate
from reader.ui.qt import QEventLoop, QProgressDialog, Qt, QTimer, QWidget
from reader.ui.window.messages import app_title

SHOW_AFTER_MS = 300  # an upgrade quicker than this never shows a dialog
POLL_MS = 50


class LibraryUpgrade:
    """Runs the pending steps of the catalogue at *path* in a thread while the dialog
    (``dialog``) keeps the event loop turning; ``run`` says whether it completed."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        self.path = path
        self.steps = pending_upgrade(path)
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self.dialog = QProgressDialog(
            translate(
                "Upgrade",
                "Upgrading the library for this version of the app.\n"
                "This happens once; your articles, highlights and notes are kept.",
            ),
            translate("Upgrade", "Cancel"),
            0,
            0,
            parent,
        )
        self.dialog.setWindowTitle(app_title())
        self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.dialog.setMinimumDuration(60_000)  # shown by ``run``, not by Qt's own timer
        self.dialog.hide()
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)

    def _cancel(self) -> None:
        self._stop.set()
        self.dialog.setLabelText(
            translate("Upgrade", "Stopping: the library is put back as it was…")
        )

    def should_stop(self) -> bool:
        """Asked by SQLite every few thousand steps (``upgrade_cancel``)."""
        return self._stop.is_set()

    def _work(self) -> None:
        try:
            Catalogue(self.path, upgrade_cancel=self.should_stop).close()
        except BaseException as exc:  # handed to the GUI thread, which says it in words
            self.error = exc

    def run(self) -> bool:
        """True when the library is upgraded, False when the person cancelled; a
        ``ReaderError`` (disk full, read-only, damaged) is raised for the caller to say."""
        if self.should_stop():
            return False
        worker = threading.Thread(target=self._work, name="library-upgrade", daemon=True)
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(POLL_MS)
        timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
        worker.start()
        timer.start()
        QTimer.singleShot(SHOW_AFTER_MS, lambda: self.dialog.show() if worker.is_alive() else None)
        loop.exec()
        timer.stop()
        worker.join()
        self.dialog.close()
        if isinstance(self.error, UpgradeCancelled):
            return False
        if self.error is not None:
            raise self.error
        return True


def upgrade_library(data_dir: Path, parent: QWidget | None = None) -> bool:
    """Before the window opens: run the library's pending schema steps, if any, behind
    the dialog. False when the person cancelled (the app then quits, nothing changed)."""
    path = catalogue_path(data_dir)
    if not pending_upgrade(path):
        return True
    return LibraryUpgrade(path, parent).run()
