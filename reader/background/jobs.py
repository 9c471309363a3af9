"""The long jobs the window runs in the background: import a folder, re-scan, index.

Each job is one call of ``reader.library.Library.update`` (the workflow ``reader import``
runs too), turned into a ``JobOutcome`` a person can read. The window runs them through
``ProcessJob``: in a child process (``reader.background.job_process``), at a lower CPU
priority. Measured at 100,000 articles, running them in a thread of the window's own
process kept ~155 MB after the start-up re-scan (the allocator keeps what 100,000 file
records took) and let the importer's Python work hold the GIL against the GUI thread for
up to 0.25 s; in a child both problems vanish, and a crash in a parser cannot take the
window down.

Nothing here imports Qt: the child process never loads it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader import messages as m
from reader.background import reports as r
from reader.background.reports import Sentence, english, say
from reader.catalogue import Catalogue
from reader.children import child_command, child_env
from reader.errors import DiskFull, LibraryReadOnly, ReaderError
from reader.library import WAITING, Cancel, Library, PhaseProgress, UpdateResult
from reader.paths import sample_archive_dir

if TYPE_CHECKING:
    from reader.importer import ImportSummary

log = logging.getLogger(__name__)

MAX_LISTED_SKIPS = 200
CANCELLED_WAITING = r.CANCELLED_WAITING
RESUMES = r.RESUMES
__all__ = ["WAITING", "Cancel", "PhaseProgress"]


@dataclass
class JobOutcome:
    """What a job tells the window when it ends.

    ``title`` and ``message`` are English (logs, the command line); ``sentences`` holds
    the message as templates and values (``reader.background.reports``) so the window
    can say it in its own language, and ``title_values`` fills the title's template."""

    title: str
    message: str
    details: list[str] = field(default_factory=list)
    library_changed: bool = False
    index_changed: bool = False
    cancelled: bool = False
    error: str | None = None
    # Work the person asked for (an import), rather than the app's own (the start-up
    # re-scan). Both end in the status bar now, never in a box; kept for callers.
    announce: bool = True
    sentences: list[Sentence] = field(default_factory=list)
    title_template: str = ""
    title_values: dict[str, str] = field(default_factory=dict)


def make_outcome(title: str, sentences: list[Sentence], **fields: Any) -> JobOutcome:
    """A JobOutcome whose English message is made from *sentences*; *title* may hold
    fields (``{job}``) given as ``title_values``."""
    title_values: dict[str, str] = fields.pop("title_values", {})
    return JobOutcome(
        title=title.format(**title_values),
        message=english(sentences),
        sentences=sentences,
        title_template=title,
        title_values=title_values,
        **fields,
    )


class Job(Protocol):
    label: str

    def run(self, progress: PhaseProgress, cancel: Cancel) -> JobOutcome: ...


def describe_error(exc: BaseException) -> str:
    """A sentence for a person: ReaderError messages as written (a full disk or a
    read-only library included), a disk's raw failure told as one, anything else named."""
    from reader.catalogue import storage_error

    if not isinstance(exc, ReaderError):
        mapped = storage_error(exc)
        if mapped is None:
            return m.SOMETHING_WRONG.format(kind=type(exc).__name__, error=exc)
        exc = mapped
    text = str(exc)
    return text[:1].upper() + text[1:]


def readonly_sentences(catalogue: Catalogue) -> list[str]:
    """The status line for a library opened read-only, sentence by sentence (each one a
    ``reader.messages`` template, so the window can translate each): why, and what is
    not done, then the catalogue's warnings."""
    cannot = m.READ_ONLY_CANNOT
    refusal = catalogue.refusal
    if isinstance(refusal, DiskFull):
        refusal = refusal.reworded(stopped=cannot, kept=m.NOTHING_LOST, then=m.OPEN_AGAIN_LIBRARY)
    elif isinstance(refusal, LibraryReadOnly):
        refusal = refusal.refusing(cannot)
    else:
        refusal = LibraryReadOnly(catalogue.path.parent, cannot=cannot)
    return [describe_error(refusal), *(m.NOTE.format(note=w) for w in catalogue.warnings)]


def _remarks(result: UpdateResult) -> list[Sentence]:
    """What a person should hear besides the counts: highlights that could not be placed,
    a backup that could not be written, and the index's state."""
    remarks: list[Sentence] = []
    if result.orphaned:
        remarks.append(say(r.ORPHANED, n=result.orphaned))
    if result.backup_note:
        note = result.backup_note
        remarks.append(say(r.AS_WRITTEN, text=note[:1].upper() + note[1:]))
    index = result.index
    if result.index_busy:
        remarks.append(say(r.INDEX_LATER, reason=result.index_busy))
    elif index is not None and index.cancelled:
        remarks.append(say(r.INDEX_CANCELLED))
    elif index is not None and index.rebuilt:  # a lost or damaged index, never a first one
        remarks.append(say(r.INDEX_REBUILT))
    return remarks


def _skip_lines(summary: ImportSummary) -> list[str]:
    lines = [
        m.SKIPPED_FILE.format(path=path, reason=reason)
        for path, reason in summary.skipped[:MAX_LISTED_SKIPS]
    ]
    if len(summary.skipped) > MAX_LISTED_SKIPS:
        lines.append(m.SKIPPED_MORE_LINES.format(n=len(summary.skipped) - MAX_LISTED_SKIPS))
    return lines


def _skip_sentences(summary: ImportSummary) -> list[Sentence]:
    """The skipped files, named; why is in the details, which the window's status bar
    offers beside the sentence (**Details…**), never without it."""
    if not summary.skipped:
        return []
    names = ", ".join(os.path.basename(path) for path, _ in summary.skipped[:3])
    more = len(summary.skipped) - 3
    if more > 0:
        return [say(r.SKIPPED_MORE, names=names, n=more)]
    return [say(r.SKIPPED, names=names)]


def _counts(summary: ImportSummary) -> list[Sentence]:
    """The import's counts as fragments (``ImportSummary.describe`` in parts)."""
    parts = [
        say(r.N_IMPORTED, n=summary.imported),
        say(r.N_UPDATED, n=summary.updated),
        say(r.N_UNCHANGED, n=summary.unchanged),
    ]
    if summary.moved:
        parts.append(say(r.N_MOVED, n=summary.moved))
    if summary.removed:
        parts.append(say(r.N_REMOVED, n=summary.removed))
    parts.append(say(r.N_SKIPPED, n=len(summary.skipped)))
    return parts


@dataclass
class ImportJob:
    """File > Add Archive Folder…: import folders, then index what changed."""

    data_dir: Path
    paths: list[str]
    label: str = "Importing"
    announce: bool = True
    workers: int | None = None
    # A watched folder's batch: a file saved and deleted again before the job ran is no
    # error (its deletion re-scans its folder); a folder a person chose that is not
    # there is one.
    missing_ok: bool = False

    def run(self, progress: PhaseProgress, cancel: Cancel) -> JobOutcome:
        """Holds the library's writer lock throughout: a ``reader import`` or another
        job running makes this one wait (the progress phase says so; Cancel works)."""
        from reader.filenames import display_path
        from reader.locks import LockWaitCancelled

        paths = self.paths
        if self.missing_ok:
            paths = [p for p in paths if os.path.lexists(p)]
            if not paths:  # nothing left to import: nothing to report
                return make_outcome(r.IMPORT_FINISHED, [], announce=self.announce)
        try:
            result = Library(self.data_dir).update(
                paths,
                label=self.label,
                progress=progress,
                cancel=cancel,
                workers=self.workers,
            )
        except LockWaitCancelled:
            return make_outcome(
                r.IMPORT_CANCELLED,
                [say(r.CANCELLED_WAITING)],
                cancelled=True,
                announce=self.announce,
            )
        summary = result.imported
        assert summary is not None  # paths were given
        folders = ", ".join(display_path(os.path.basename(p.rstrip(os.sep)) or p) for p in paths)
        headline = r.IMPORT_CANCELLED_FOLDERS if summary.cancelled else r.IMPORTED_FOLDERS
        sentences = [
            say(headline, folders=folders, counts=_counts(summary), seconds=summary.seconds),
            *_skip_sentences(summary),
            *([say(r.RESUMES)] if summary.cancelled else []),
            *_remarks(result),
        ]
        return make_outcome(
            r.IMPORT_CANCELLED if result.cancelled else r.IMPORT_FINISHED,
            sentences,
            details=_skip_lines(summary),
            library_changed=result.library_changed,
            index_changed=result.index_changed,
            cancelled=result.cancelled,
            announce=self.announce,
        )


@dataclass
class RescanJob:
    """On start: look for changes in every folder already added, then catch the index up.

    A folder that is not there (an unplugged drive) is left alone: its articles stay in
    the library, and the status bar says so.
    """

    data_dir: Path
    label: str = "Checking folders for changes"
    missing: list[str] = field(default_factory=list)
    workers: int | None = None

    def run(self, progress: PhaseProgress, cancel: Cancel) -> JobOutcome:
        """Holds the library's writer lock throughout, like ``ImportJob``."""
        from reader.filenames import display_path
        from reader.locks import LockWaitCancelled

        try:
            result = Library(self.data_dir).update(
                None, label=self.label, progress=progress, cancel=cancel, workers=self.workers
            )
        except LockWaitCancelled:
            return make_outcome(
                r.FOLDERS_RESCANNED,
                [say(r.CANCELLED_WAITING)],
                cancelled=True,
                announce=False,
            )
        self.missing = result.missing
        parts: list[Sentence] = []
        details: list[str] = []
        summary = result.imported
        if summary is not None and (result.library_changed or summary.skipped):
            parts.append(say(r.RESCANNED, counts=_counts(summary), seconds=summary.seconds))
            parts += _skip_sentences(summary)
            details = _skip_lines(summary)
        sample = str(sample_archive_dir())
        missing = [display_path(m) for m in self.missing if m != sample]
        if missing:
            parts.append(say(r.NOT_AVAILABLE, folders=", ".join(missing)))
        parts += _remarks(result)
        return make_outcome(
            r.FOLDERS_RESCANNED,
            parts,
            details=details,
            library_changed=result.library_changed,
            index_changed=result.index_changed,
            cancelled=result.cancelled,
            announce=False,
        )


@dataclass
class RemoveFolderJob:
    """Preferences › Library › Remove: forget a folder; its articles leave the library
    (never the disk), their highlights and bookmarks are kept, detached, and come back if
    the folder is added again. Quick (rows and index entries only), so it runs in the
    window's job thread rather than a child process."""

    data_dir: Path
    root: str
    label: str = "Removing a folder"

    def run(self, progress: PhaseProgress, cancel: Cancel) -> JobOutcome:
        from reader.filenames import display_path
        from reader.locks import LockWaitCancelled

        try:
            result = Library(self.data_dir).remove_folder(
                self.root, progress=progress, cancel=cancel
            )
        except LockWaitCancelled:
            return make_outcome(r.FOLDER_NOT_REMOVED, [say(r.CANCELLED_WAITING)], cancelled=True)
        sentences = [say(r.FOLDER_GONE, folder=display_path(self.root), n=result.removed)]
        if result.index_busy:
            sentences.append(say(r.INDEX_LATER, reason=result.index_busy))
        return make_outcome(
            r.FOLDER_REMOVED,
            sentences,
            library_changed=True,
            index_changed=result.index is not None,
        )


def sample_import_job(data_dir: Path) -> ImportJob:
    """First start with an empty library: open the bundled sample archive, so a newcomer
    sees articles at once (quietly: no summary box for something they did not ask for)."""
    return ImportJob(
        data_dir=data_dir,
        paths=[str(sample_archive_dir())],
        label="Opening the sample archive",
        announce=False,
    )


# -- running a job in a child process --------------------------------------------------


def job_command(data_dir: Path, job: ImportJob | RescanJob) -> list[str]:
    """The child's command line for *job* (see ``reader.background.job_process``)."""
    args = ["--data-dir", str(data_dir), "--label", job.label]
    if isinstance(job, ImportJob):
        args += ["--announce" if job.announce else "--quiet"]
        args += ["--missing-ok"] if job.missing_ok else []
        args += ["import", *job.paths]
    else:
        args += ["rescan"]
    return child_command("job", *args)


@dataclass
class ProcessJob:
    """Runs an ImportJob or RescanJob in a child process; progress and the outcome come
    back as JSON lines on its stdout, and a "cancel" line on its stdin stops it."""

    job: ImportJob | RescanJob
    label: str = ""
    stderr_tail: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.label = self.label or self.job.label

    def run(self, progress: PhaseProgress, cancel: Cancel) -> JobOutcome:
        import subprocess  # here, not at the top: the window's start-up need not pay for it

        env = child_env()
        proc = subprocess.Popen(
            job_command(self.job.data_dir, self.job),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            bufsize=1,
        )
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        stdin, stderr = proc.stdin, proc.stderr

        def read_stderr() -> None:
            for line in stderr:
                self.stderr_tail = (self.stderr_tail + [line.rstrip()])[-40:]

        def watch_cancel() -> None:
            while proc.poll() is None:
                if cancel():
                    try:
                        stdin.write("cancel\n")
                        stdin.flush()
                    except OSError:
                        pass
                    return
                time.sleep(0.05)

        threading.Thread(target=read_stderr, daemon=True).start()
        threading.Thread(target=watch_cancel, daemon=True).start()
        outcome: JobOutcome | None = None
        for line in proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "progress" in message:
                phase, done, total = message["progress"]
                progress(str(phase), int(done), int(total))
            elif "outcome" in message:
                outcome = JobOutcome(**message["outcome"])
        code = proc.wait()
        with contextlib.suppress(OSError):
            stdin.close()
        if outcome is not None:
            return outcome
        log.warning(
            "job %s ended with status %s:\n%s", self.label, code, "\n".join(self.stderr_tail)
        )
        sentences = [say(r.STOPPED_UNEXPECTEDLY, job=self.label, code=code)]
        return make_outcome(
            r.JOB_STOPPED,
            sentences,
            title_values={"job": self.label},
            details=self.stderr_tail[-20:],
            error=english(sentences),
            announce=getattr(self.job, "announce", False),
        )


def run_in_child(job: ImportJob | RescanJob, progress: PhaseProgress, cancel: Cancel) -> JobOutcome:
    """The child's side: run *job*, reporting what ``ProcessJob`` reads."""
    try:
        return job.run(progress, cancel)
    except Exception as exc:
        if not isinstance(exc, ReaderError):
            log.exception("job %s failed", job.label)
        return make_outcome(
            r.JOB_FAILED,
            [say(r.AS_WRITTEN, text=describe_error(exc))],
            title_values={"job": job.label},
            error=describe_error(exc),
            announce=getattr(job, "announce", True),
        )


def outcome_line(outcome: JobOutcome) -> str:
    return json.dumps({"outcome": asdict(outcome)}, ensure_ascii=False)
