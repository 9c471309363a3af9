"""Watched folders in the window: while it runs, the library's folders are watched, and a
file saved into one appears in the list and the index within seconds.

The watching itself is the core's (``reader.watch.FolderWatcher``: its threads, the
debouncing, the fallback to periodic re-scans); this is the Qt side. A debounced batch
comes to the GUI thread as a queued signal and starts the usual background job
(``ImportJob`` in the job process, with its progress bar and Cancel) for just the paths
it names, never two at once: while any job runs, later batches merge into one that waits
for the job runner to go idle. A fallback is said in the status bar twice: once as a
report (the full reason) and as a permanent note beside the progress bar for as long
as it lasts, so it is never silent.

Started after the first paint (``start_background``) and never on the GUI thread: the
watches for a tree of 100,000 files are placed by the watcher's own thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from reader.background.jobs import ImportJob, JobOutcome, ProcessJob, RescanJob
from reader.catalogue import Catalogue
from reader.library import RESCANNING
from reader.ui.i18n import translate
from reader.ui.qt import QLabel, QMainWindow, QObject, Qt, Signal, Slot
from reader.ui.window.settings import Settings
from reader.ui.window.status_widgets import StatusReport
from reader.ui.window.workers import JobRunner
from reader.watch import POLLING, FolderWatcher, WatchBatch, WatchNotice, watch_targets

WATCH_LABEL = RESCANNING  # "Checking folders for changes": the progress bar's words


class WatchingHost(Protocol):
    """What the watching uses of the window."""

    @property
    def data_dir(self) -> Path: ...
    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def jobs(self) -> JobRunner: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def status_report(self) -> StatusReport: ...
    @property
    def widget(self) -> QMainWindow: ...


class FolderWatching(QObject):
    """The window's watcher: owns a ``FolderWatcher`` over the catalogue's folders."""

    _batch = Signal(object)  # WatchBatch, from the watcher's thread
    _notice = Signal(object)  # WatchNotice, from the watcher's thread
    submitted = Signal(list)  # the paths a watch job was started for (tests, logs)
    modeChanged = Signal(str)  # WATCHING or POLLING

    def __init__(self, host: WatchingHost) -> None:
        super().__init__(host.widget)
        self.host = host
        self.watcher: FolderWatcher | None = None
        self._pending = WatchBatch()
        self._job_queued = False
        self._stopped = False
        self.roots: list[str] = []
        self.note = QLabel("", host.widget)  # "Folders re-scanned every 60 s": the fallback
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()
        host.widget.statusBar().addPermanentWidget(self.note)
        self._batch.connect(self._batch_arrived, Qt.ConnectionType.QueuedConnection)
        self._notice.connect(self._notice_arrived, Qt.ConnectionType.QueuedConnection)
        host.jobs.idle.connect(self._jobs_idle)
        host.jobs.finished.connect(self._job_finished)

    @property
    def enabled(self) -> bool:
        return self.host.settings.watch_folders and not self.host.catalogue.readonly

    @property
    def mode(self) -> str:
        return self.watcher.mode if self.watcher is not None else "off"

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Watch the library's folders (after the first paint; returns at once)."""
        if self._stopped or not self.enabled:
            return
        self._watch(self.host.catalogue.roots())

    def stop(self) -> None:
        """On quit, or when switched off: end the watcher's threads."""
        self._stopped = True
        self._unwatch()

    def set_enabled(self, on: bool) -> None:
        """Preferences › Library › Watch folders for changes."""
        self.host.settings.watch_folders = on
        if on and self.watcher is None:
            self._stopped = False
            self.start()
            if self.watcher is not None:  # what changed while off: one re-scan finds it
                self.host.jobs.submit(ProcessJob(RescanJob(self.host.data_dir)))
        else:
            self._unwatch()
            self._pending = WatchBatch()

    def _watch(self, roots: list[str]) -> None:
        self._unwatch()
        self.roots = sorted(roots)
        if not self.roots:
            return
        self.watcher = FolderWatcher(self.roots, self._batch.emit, on_notice=self._notice.emit)
        self.watcher.start()

    def _unwatch(self) -> None:
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            watcher.stop()
        self.note.hide()

    # -- batches ---------------------------------------------------------------------------

    @Slot(object)
    def _batch_arrived(self, batch: WatchBatch) -> None:
        if self.watcher is None:  # stopped since it was sent
            return
        self._pending.merge(batch)
        self._submit_if_idle()

    def _submit_if_idle(self) -> None:
        """Start one job for everything pending, unless a job runs (then on idle)."""
        if not self._pending or self._job_queued or self.host.jobs.busy or self.watcher is None:
            return
        batch, self._pending = self._pending, WatchBatch()
        targets = watch_targets(batch, self.host.catalogue.excluded_paths())
        if not targets:
            return
        self._job_queued = True
        self.host.jobs.submit(
            ProcessJob(
                ImportJob(
                    self.host.data_dir,
                    targets,
                    label=WATCH_LABEL,
                    announce=False,
                    missing_ok=True,
                )
            )
        )
        self.submitted.emit(targets)

    @Slot()
    def _jobs_idle(self) -> None:
        self._job_queued = False
        self._submit_if_idle()

    @Slot(object)
    def _job_finished(self, outcome: JobOutcome) -> None:
        """A folder added or removed: watch the library's folders as they are now."""
        if not outcome.library_changed or self._stopped or not self.enabled:
            return
        roots = self.host.catalogue.roots()
        if sorted(roots) != self.roots:
            self._watch(roots)

    # -- notices ---------------------------------------------------------------------------

    @Slot(object)
    def _notice_arrived(self, notice: WatchNotice) -> None:
        if self.watcher is None:
            return
        self.modeChanged.emit(notice.kind)
        if notice.kind != POLLING:
            self.note.hide()
            return
        seconds = round(notice.interval)  # plain names: lupdate skips expressions
        self.note.setText(translate("Watching", "Folders re-scanned every %n s", "", seconds))
        text = self.notice_text(notice)
        self.note.setToolTip(text)
        self.note.show()
        self.host.status_report.report(translate("Watching", "Watching folders"), text)

    @staticmethod
    def notice_text(notice: WatchNotice) -> str:
        """The fallback's reason, in the interface's language."""
        seconds = round(notice.interval)
        if notice.limit is not None:
            limit = notice.limit
            return translate(
                "Watching",
                "Too many folders to watch for changes (the system's limit of {limit} "
                "inotify watches is reached): the added folders are re-scanned every %n s "
                "instead. Raising fs.inotify.max_user_watches lets them be watched live.",
                "",
                seconds,
            ).format(limit=f"{limit:,}")
        if notice.reason:
            return translate(
                "Watching",
                "The added folders cannot be watched for changes ({reason}): they are "
                "re-scanned every %n s instead.",
                "",
                seconds,
            ).format(reason=notice.reason)
        return translate(
            "Watching", "The added folders are re-scanned for changes every %n s.", "", seconds
        )
