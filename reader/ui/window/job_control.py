"""Adding folders and running jobs: the part of ``MainWindow`` that changes the library.

Imports and re-scans (``ImportJob``, ``RescanJob``, the first start's sample) run as a
``ProcessJob`` in ``JobRunner``; this is what asks for them (the Add Folder dialog, a
drop, F5, the start), shows their progress, cancels them, and brings the window up to
date with what they did: the list, the counts, the open article, the index, the
bookmarks, and the status bar's report of how it went (never a box: see
``status_widgets.StatusReport``; its details open on demand). A mixin: ``MainWindow``
inherits it, so the actions and the job runner's signals connect to the window's own
methods. What it uses of the rest of the window is declared at the top of the class.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from reader.background.jobs import (
    ImportJob,
    JobOutcome,
    ProcessJob,
    RemoveFolderJob,
    RescanJob,
    readonly_sentences,
    sample_import_job,
)
from reader.catalogue import Catalogue
from reader.filenames import display_path
from reader.ui.annotations.controller import AnnotationController
from reader.ui.error_text import sentences_text
from reader.ui.i18n import translate
from reader.ui.library.article_list import ArticleListModel
from reader.ui.qt import QFileDialog, QMessageBox, Signal
from reader.ui.reading.article_html import RelatedInfo
from reader.ui.reading.pane import ReaderPane
from reader.ui.search.controller import SearchController
from reader.ui.window.host import MixinBase
from reader.ui.window.job_reports import outcome_details, outcome_text, outcome_title
from reader.ui.window.messages import DetailsDialog, show_message
from reader.ui.window.navigation import SIMILAR_LIMIT
from reader.ui.window.services import SearchService
from reader.ui.window.settings import Settings
from reader.ui.window.status_widgets import JobProgress, StatusReport
from reader.ui.window.watching import FolderWatching
from reader.ui.window.workers import JobRunner

SAMPLE_LABEL = "Opening the sample archive"
REOPEN_INDEX_EVERY_S = 10.0


class JobControlMixin(MixinBase):
    # Made by MainWindow:
    data_dir: Path
    settings: Settings
    catalogue: Catalogue
    jobs: JobRunner
    progress: JobProgress
    status_report: StatusReport
    details_dialog: DetailsDialog | None
    search_service: SearchService
    search: SearchController
    reader: ReaderPane
    list_model: ArticleListModel
    annotating: AnnotationController
    last_message: QMessageBox | None
    _library_size: int
    _coming: str | None
    _last_index_reopen: float
    watching: FolderWatching

    if TYPE_CHECKING:
        jobFinished = Signal(object)  # JobOutcome

        def _status(self, text: str, timeout: int = 0) -> None: ...
        def reload_list(self, *, keep_position: bool = True) -> None: ...
        def _refresh_counts(self) -> None: ...
        def _show_counts(self) -> None: ...
        def _busy_label(self) -> str | None: ...
        def _similar_note(self) -> str: ...

    def add_archive_folder(self, path: str | None = None) -> None:
        if path is None:
            # where the last folder was chosen (its parent: the next archive is likely a
            # sibling), else home
            last = self.settings.last_folder
            start = os.path.dirname(last) if last and os.path.isdir(last) else ""
            path = QFileDialog.getExistingDirectory(
                self,
                translate("Jobs", "Add Archive Folder"),
                start or os.path.expanduser("~"),
                QFileDialog.Option.ShowDirsOnly,
            )
            if not path:
                return
            self.settings.last_folder = path
        if not os.path.isdir(path):
            self.last_message = show_message(
                self,
                translate("Jobs", "Add Archive Folder"),
                translate("Jobs", "{path} is not a folder that can be opened.").format(path=path),
                error=True,
            )
            return
        if not os.access(path, os.R_OK | os.X_OK):
            self.last_message = show_message(
                self,
                translate("Jobs", "Add Archive Folder"),
                translate("Jobs", "{path} cannot be read (permission denied).").format(path=path),
                error=True,
            )
            return
        name = os.path.basename(os.path.normpath(path)) or path
        self.jobs.submit(
            ProcessJob(ImportJob(self.data_dir, [os.path.abspath(path)], label=f"Importing {name}"))
        )

    def rescan_folders(self) -> None:
        self.jobs.submit(ProcessJob(RescanJob(self.data_dir)))

    def remove_folder(self, root: str, *, confirm: bool = True) -> bool:
        """Preferences › Library › Remove: after a confirmation that says the files stay,
        forget the folder in the background. Returns whether it was started."""
        if confirm:
            answer = QMessageBox.question(
                self,
                translate("Jobs", "Remove Folder"),
                translate(
                    "Jobs",
                    "Remove {folder} from the library?\n\nIts articles leave the "
                    "library; the files stay on disk, and your highlights and bookmarks are "
                    "kept (they come back if you add the folder again).",
                ).format(folder=display_path(root)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.jobs.submit(RemoveFolderJob(self.data_dir, root))
        return True

    def start_background(self) -> None:
        """After the first paint: first-start sample, or re-scan the folders; warm search.

        A library opened read-only (read-only media, or a full disk) is not re-scanned:
        nothing found could be saved. The status bar says so, and why."""
        if self.catalogue.readonly:
            self._status(sentences_text(readonly_sentences(self.catalogue)))
            self.search_service.warm_up()
        elif self._library_size == 0 and not self.catalogue.roots():
            # No index yet either: the job builds it, and search starts when it is done.
            self.jobs.submit(ProcessJob(sample_import_job(self.data_dir)))
            self.watching.start()
        else:
            self.jobs.submit(ProcessJob(RescanJob(self.data_dir)))
            self.search_service.warm_up()
            self.watching.start()  # the watches are placed off the GUI thread
        self._coming = None

    def cancel_job(self) -> None:
        self.progress.cancelling()
        self.jobs.cancel()

    def _job_started(self, label: str) -> None:
        user_asked = label.startswith("Importing") or label == SAMPLE_LABEL
        self.status_report.clear()  # the last job's report is stale once new work starts
        self.progress.begin(label, immediately=user_asked)
        self._show_counts()
        if self.reader.current_id is None:
            self.reader.show_message(*self._welcome())

    def _job_progress(self, phase: str, done: int, total: int) -> None:
        self.progress.update_progress(phase, done, total)
        now = time.monotonic()
        if phase == "Indexing" and now - self._last_index_reopen > REOPEN_INDEX_EVERY_S:
            self._last_index_reopen = now
            self.search_service.reopen()

    def _job_finished(self, outcome: JobOutcome) -> None:
        self.progress.end()
        if outcome.index_changed:
            self.search_service.reopen()
        if outcome.library_changed:
            self.list_model.refresh_rows()
            self.reload_list(keep_position=True)
            self._refresh_counts()
            self._refresh_open_article()
            self.annotating.library_changed()
            preferences = getattr(self, "preferences", None)
            if preferences is not None:  # its folder list shows the library's
                preferences.set_roots(self.catalogue.roots())
        else:
            self._show_counts()
        if outcome.index_changed and self.search.active:
            self.search.rerun()
        self.report_outcome(outcome)
        if self.reader.current_id is None:
            self.reader.show_message(*self._welcome())
        elif outcome.index_changed and self.reader.related.similar == []:
            current = self.reader.current_id
            self.search_service.similar(
                current,
                limit=SIMILAR_LIMIT,
                on_done=lambda rows: self.reader.set_similar(
                    current, rows, None if rows else self._similar_note()
                ),
                on_error=lambda _exc: None,
            )
        self.jobFinished.emit(outcome)

    def report_outcome(self, outcome: JobOutcome) -> None:
        """Say how a job went in the status bar, with its details a click away. Never a
        box, even for an import the person asked for: one opening when the job ends
        took the keys typed into whatever dialog was open (Enter pressed its buttons)."""
        text = outcome_text(outcome)
        if not text:
            return
        self.statusBar().clearMessage()  # a passing message would be drawn under it
        self.status_report.report(
            outcome_title(outcome), text, outcome_details(outcome), error=outcome.error is not None
        )

    def show_job_details(self) -> None:
        """**Details…** in the status bar: the report in full, in a window of its own
        that is not modal (what was skipped and why, or what went wrong)."""
        report = self.status_report
        if not report.has_report:
            return
        if self.details_dialog is None:
            self.details_dialog = DetailsDialog(self)
        self.details_dialog.show_details(report.title, report.text, report.details)

    def _refresh_open_article(self) -> None:
        """After an import: show the open article again if its text changed (its
        highlights were re-anchored to the new text in the job's process)."""
        current, shown = self.reader.current_id, self.reader.article
        if current is None or shown is None:
            return
        article = self.catalogue.get(current)
        if article is None or (article.text, article.title) == (shown.text, shown.title):
            return
        related = RelatedInfo(
            linked_from=self.catalogue.linked_from(current),
            bookmark=self.list_model.bookmark_of(current),
            similar=self.reader.related.similar,
        )
        self.reader.show_article(current, article, related, self.reader.position())

    def _welcome(self) -> tuple[str, list[str]]:
        busy = self._busy_label()
        paragraphs = []
        if busy == SAMPLE_LABEL:
            paragraphs.append(
                translate(
                    "Welcome",
                    "The sample archive is being opened: twenty short articles on "
                    "cross-border e-commerce in Chinese and English, so there is "
                    "something to read and search right away.",
                )
            )
        elif self._library_size:
            paragraphs.append(
                translate(
                    "Welcome",
                    "Choose an article on the left: <b>j</b>/<b>k</b> or the "
                    "arrow keys move, <b>Enter</b> opens, <b>Space</b> scrolls.",
                )
            )
        paragraphs.append(
            translate(
                "Welcome",
                "To read your own saved articles, choose <b>File › Add Archive "
                "Folder…</b> (Ctrl+O) or drop a folder on this window. Text files "
                "and saved web pages are imported; the folder is never changed.",
            )
        )
        paragraphs.append(
            translate(
                "Welcome",
                'Search everything with <b>Ctrl+K</b>: words, "exact phrases", '
                "<b>-word</b>, <b>OR</b>, <b>site:</b>, <b>title:</b>, "
                "<b>date:2024-05</b>. Help › Search Syntax has examples; "
                "Help › Keyboard Shortcuts lists the keys.",
            )
        )
        return translate("Welcome", "Archive Reader"), paragraphs
