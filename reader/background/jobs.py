"""The long jobs the window runs in the background: import a folder, re-scan, index.

Each job calls the same core functions the CLI calls and turns their summaries into a
``JobOutcome`` a person can read. The window runs them through ``ProcessJob``: in a child
process (``python -m reader.ui.job_process``), at a lower CPU priority. Measured at
100,000 articles, running them in a thread of the window's own process kept ~155 MB
after the start-up re-scan (the allocator keeps what 100,000 file records took) and let
the importer's Python work hold the GIL against the GUI thread for up to 0.25 s; in a
child both problems vanish, and a crash in a parser cannot take the window down.

Nothing here imports Qt: the child process never loads it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.catalogue import Catalogue
from reader.errors import DiskFull, LibraryReadOnly, ReaderError
from reader.paths import catalogue_path, sample_archive_dir

if TYPE_CHECKING:
    from reader.importer import ImportSummary
    from reader.search.whoosh_engine import WhooshEngine

log = logging.getLogger(__name__)

PhaseProgress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]

MAX_LISTED_SKIPS = 200
WAITING = "Waiting for another import to finish"  # the progress phase while it waits
CANCELLED_WAITING = "Cancelled while waiting for another import to finish; nothing was changed."


@dataclass
class JobOutcome:
    """What a job tells the window when it ends."""

    title: str
    message: str
    details: list[str] = field(default_factory=list)
    library_changed: bool = False
    index_changed: bool = False
    cancelled: bool = False
    error: str | None = None
    announce: bool = True  # a summary box for work the person asked for; status text else


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
            return f"Something went wrong ({type(exc).__name__}: {exc})."
        exc = mapped
    text = str(exc)
    return text[:1].upper() + text[1:]


def readonly_note(catalogue: Catalogue) -> str:
    """The status line for a library opened read-only: why, and what is not done."""
    cannot = (
        "its folders are not re-scanned, and reading state, bookmarks and "
        "highlights cannot be saved"
    )
    refusal = catalogue.refusal
    if isinstance(refusal, DiskFull):
        refusal = refusal.reworded(
            stopped=cannot, kept="nothing was lost", then="open the library again"
        )
    elif isinstance(refusal, LibraryReadOnly):
        refusal = refusal.refusing(cannot)
    else:
        refusal = LibraryReadOnly(catalogue.path.parent, cannot=cannot)
    return describe_error(refusal) + "".join(f" Note: {n}" for n in catalogue.notes)


def open_engine_locked(data_dir: Path) -> WhooshEngine:
    """The core's ``open_engine``: it serialises opening itself now (a lock file beside
    the index that every process takes, the commands' too), and never deletes an index
    another process has open, so the search process and a job can open at once."""
    from reader.search.sync import open_engine

    return open_engine(data_dir)


def sync_search_index(
    catalogue: Catalogue, data_dir: Path, progress: PhaseProgress, cancel: Cancel
) -> tuple[str, bool]:
    """Phase two of every job: bring the index up to date. Returns (note, changed)."""
    from reader.search.sync import sync_index

    engine = open_engine_locked(data_dir)
    try:
        summary = sync_index(
            catalogue, engine, progress=lambda d, t: progress("Indexing", d, t), cancel=cancel
        )
    finally:
        engine.close()
    changed = bool(summary.added or summary.updated or summary.removed or summary.rebuilt)
    if summary.cancelled:
        return "Indexing was cancelled; it resumes the next time the app starts.", changed
    if summary.rebuilt:  # only a lost or damaged index: never a new library's first one
        return (
            "The search index was damaged (or from another version) and has been rebuilt.",
            changed,
        )
    return "", changed


def place_annotations(catalogue: Catalogue, progress: PhaseProgress) -> str:
    """After files changed: re-attach highlights and bookmarks whose article came back,
    and re-anchor those whose article's text changed, here in the job's process rather
    than the first time the window reads them. Returns a note for the outcome."""
    from reader.annotations.store import AnnotationStore

    store = AnnotationStore(catalogue)
    store.reattach()
    summary = store.reanchor_stale(progress=lambda d, t: progress("Placing highlights", d, t))
    if not summary.orphaned:
        return ""
    n = summary.orphaned
    return (
        f"{n} highlight{'s' if n != 1 else ''} could no longer be found in "
        f"{'its' if n == 1 else 'their'} changed article{'s' if n != 1 else ''}: kept, "
        "and listed as no longer in the text."
    )


def _skip_lines(summary: ImportSummary) -> list[str]:
    lines = [f"{path}: {reason}" for path, reason in summary.skipped[:MAX_LISTED_SKIPS]]
    if len(summary.skipped) > MAX_LISTED_SKIPS:
        lines.append(f"… and {len(summary.skipped) - MAX_LISTED_SKIPS} more")
    return lines


def _skip_sentence(summary: ImportSummary) -> str:
    if not summary.skipped:
        return ""
    names = [os.path.basename(path) for path, _ in summary.skipped[:3]]
    more = len(summary.skipped) - len(names)
    listed = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return f" Skipped: {listed} (see the details for why)."


@dataclass
class ImportJob:
    """File > Add Archive Folder…: import folders, then index what changed."""

    data_dir: Path
    paths: list[str]
    label: str = "Importing"
    announce: bool = True
    workers: int | None = None

    def run(self, progress: PhaseProgress, cancel: Cancel) -> JobOutcome:
        """Holds the library's writer lock throughout: a ``reader import`` or another
        job running makes this one wait (the progress phase says so; Cancel works)."""
        from reader.filenames import display_path
        from reader.importer import import_paths
        from reader.locks import LockWaitCancelled, writer_lock

        try:
            with (
                writer_lock(
                    self.data_dir, on_wait=lambda _pid: progress(WAITING, 0, 0), cancel=cancel
                ),
                Catalogue(catalogue_path(self.data_dir)) as catalogue,
            ):
                summary = import_paths(
                    catalogue,
                    self.paths,
                    progress=lambda d, t: progress(self.label, d, t),
                    cancel=cancel,
                    workers=self.workers,
                )
                changed = bool(
                    summary.imported or summary.updated or summary.moved or summary.removed
                )
                placed = place_annotations(catalogue, progress) if changed else ""
                note, index_changed = ("", False)
                if not summary.cancelled:
                    note, index_changed = sync_search_index(
                        catalogue, self.data_dir, progress, cancel
                    )
        except LockWaitCancelled:
            return JobOutcome(
                title="Import cancelled",
                message=CANCELLED_WAITING,
                cancelled=True,
                announce=self.announce,
            )
        folders = ", ".join(
            display_path(os.path.basename(p.rstrip(os.sep)) or p) for p in self.paths
        )
        message = f"{folders}: {summary.describe()}{_skip_sentence(summary)}"
        for extra in (placed, note):
            if extra:
                message += " " + extra
        return JobOutcome(
            title="Import cancelled" if summary.cancelled else "Import finished",
            message=message,
            details=_skip_lines(summary),
            library_changed=changed,
            index_changed=index_changed,
            cancelled=summary.cancelled,
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
        from reader.importer import import_paths
        from reader.locks import LockWaitCancelled, writer_lock

        changed = False
        parts: list[str] = []
        details: list[str] = []
        cancelled = False
        note, index_changed = ("", False)
        try:
            with (
                writer_lock(
                    self.data_dir, on_wait=lambda _pid: progress(WAITING, 0, 0), cancel=cancel
                ),
                Catalogue(catalogue_path(self.data_dir)) as catalogue,
            ):
                roots = catalogue.roots()
                present = [r for r in roots if os.path.isdir(r)]
                self.missing = [r for r in roots if r not in present]
                if present:
                    summary = import_paths(
                        catalogue,
                        present,
                        progress=lambda d, t: progress(self.label, d, t),
                        cancel=cancel,
                        workers=self.workers,
                    )
                    cancelled = summary.cancelled
                    changed = bool(
                        summary.imported or summary.updated or summary.moved or summary.removed
                    )
                    if changed or summary.skipped:
                        parts.append(
                            "Folders re-scanned: " + summary.describe() + _skip_sentence(summary)
                        )
                        details = _skip_lines(summary)
                    if changed:
                        placed = place_annotations(catalogue, progress)
                        if placed:
                            parts.append(placed)
                if not cancelled:
                    note, index_changed = sync_search_index(
                        catalogue, self.data_dir, progress, cancel
                    )
        except LockWaitCancelled:
            return JobOutcome(
                title="Folders re-scanned",
                message=CANCELLED_WAITING,
                cancelled=True,
                announce=False,
            )
        sample = str(sample_archive_dir())
        missing = [display_path(m) for m in self.missing if m != sample]
        if missing:
            parts.append(
                "Not available, so not re-scanned (their articles stay): "
                + ", ".join(missing)
                + "."
            )
        if note:
            parts.append(note)
        return JobOutcome(
            title="Folders re-scanned",
            message=" ".join(parts),
            details=details,
            library_changed=changed,
            index_changed=index_changed,
            cancelled=cancelled,
            announce=False,
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
    """The child's command line for *job* (see ``reader.ui.job_process``)."""
    args = [
        sys.executable,
        "-m",
        "reader.ui.job_process",
        "--data-dir",
        str(data_dir),
        "--label",
        job.label,
    ]
    if isinstance(job, ImportJob):
        args += ["--announce" if job.announce else "--quiet", "import", *job.paths]
    else:
        args += ["rescan"]
    return args


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

        env = dict(os.environ)
        # The child imports this same package, wherever it was imported from.
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env.setdefault("PYTHONIOENCODING", "utf-8")
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
        text = (
            f"{self.label} stopped unexpectedly (exit status {code}). What it finished "
            "is kept; it resumes the next time the app starts."
        )
        return JobOutcome(
            f"{self.label} stopped",
            text,
            details=self.stderr_tail[-20:],
            error=text,
            announce=getattr(self.job, "announce", False),
        )


def run_in_child(job: ImportJob | RescanJob, progress: PhaseProgress, cancel: Cancel) -> JobOutcome:
    """The child's side: run *job*, reporting what ``ProcessJob`` reads."""
    try:
        return job.run(progress, cancel)
    except Exception as exc:
        if not isinstance(exc, ReaderError):
            log.exception("job %s failed", job.label)
        return JobOutcome(
            f"{job.label} failed",
            describe_error(exc),
            error=describe_error(exc),
            announce=getattr(job, "announce", True),
        )


def outcome_line(outcome: JobOutcome) -> str:
    return json.dumps({"outcome": asdict(outcome)}, ensure_ascii=False)
