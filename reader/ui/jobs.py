"""The long jobs the window runs in the background: import a folder, re-scan, index.

Each job opens its own catalogue connection and search engine in the worker thread (SQLite
connections are per thread; WAL lets the window read while the job writes), calls the same
core functions the CLI calls, and turns their summaries into a ``JobOutcome`` a person can
read. The heavy modules (importer, search) are imported here, inside the worker, so the
window's start-up never pays for them.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.catalogue import Catalogue
from reader.paths import catalogue_path, sample_archive_dir
from reader.ui.workers import Cancel, JobOutcome, PhaseProgress

if TYPE_CHECKING:
    from reader.importer import ImportSummary
    from reader.search.whoosh_engine import WhooshEngine

# Opening an engine on a missing or damaged index creates it afresh; two threads doing
# that at once would delete each other's files, so every opening in this process queues.
ENGINE_OPEN_LOCK = threading.Lock()
MAX_LISTED_SKIPS = 200


def open_engine_locked(data_dir: Path) -> WhooshEngine:
    from reader.search.sync import open_engine

    with ENGINE_OPEN_LOCK:
        return open_engine(data_dir)


def sync_search_index(catalogue: Catalogue, data_dir: Path, progress: PhaseProgress,
                      cancel: Cancel) -> tuple[str, bool]:
    """Phase two of every job: bring the index up to date. Returns (note, changed)."""
    from reader.search.sync import sync_index

    engine = open_engine_locked(data_dir)
    try:
        summary = sync_index(catalogue, engine, progress=lambda d, t: progress("Indexing", d, t),
                             cancel=cancel)
    finally:
        engine.close()
    changed = bool(summary.added or summary.updated or summary.removed or summary.rebuilt)
    if summary.cancelled:
        return "Indexing was cancelled; it resumes the next time the app starts.", changed
    if summary.rebuilt:
        return "The search index was missing or damaged and has been rebuilt.", changed
    return "", changed


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
        from reader.importer import import_paths

        with Catalogue(catalogue_path(self.data_dir)) as catalogue:
            summary = import_paths(
                catalogue, self.paths, progress=lambda d, t: progress(self.label, d, t),
                cancel=cancel, workers=self.workers,
            )
            changed = bool(summary.imported or summary.updated or summary.moved
                           or summary.removed)
            note, index_changed = ("", False)
            if not summary.cancelled:
                note, index_changed = sync_search_index(catalogue, self.data_dir, progress,
                                                        cancel)
        folders = ", ".join(os.path.basename(p.rstrip(os.sep)) or p for p in self.paths)
        message = f"{folders}: {summary.describe()}{_skip_sentence(summary)}"
        if note:
            message += " " + note
        return JobOutcome(
            title="Import cancelled" if summary.cancelled else "Import finished",
            message=message, details=_skip_lines(summary), library_changed=changed,
            index_changed=index_changed, cancelled=summary.cancelled, announce=self.announce,
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
        from reader.importer import import_paths

        with Catalogue(catalogue_path(self.data_dir)) as catalogue:
            roots = catalogue.roots()
            present = [r for r in roots if os.path.isdir(r)]
            self.missing = [r for r in roots if r not in present]
            changed = False
            parts: list[str] = []
            details: list[str] = []
            cancelled = False
            if present:
                summary = import_paths(
                    catalogue, present, progress=lambda d, t: progress(self.label, d, t),
                    cancel=cancel, workers=self.workers,
                )
                cancelled = summary.cancelled
                changed = bool(summary.imported or summary.updated or summary.moved
                               or summary.removed)
                if changed or summary.skipped:
                    parts.append("Folders re-scanned: " + summary.describe()
                                 + _skip_sentence(summary))
                    details = _skip_lines(summary)
            note, index_changed = ("", False)
            if not cancelled:
                note, index_changed = sync_search_index(catalogue, self.data_dir, progress,
                                                        cancel)
        sample = str(sample_archive_dir())
        missing = [m for m in self.missing if m != sample]
        if missing:
            parts.append("Not available, so not re-scanned (their articles stay): "
                         + ", ".join(missing) + ".")
        if note:
            parts.append(note)
        return JobOutcome(
            title="Folders re-scanned", message=" ".join(parts), details=details,
            library_changed=changed, index_changed=index_changed, cancelled=cancelled,
            announce=False,
        )


def sample_import_job(data_dir: Path) -> ImportJob:
    """First start with an empty library: open the bundled sample archive, so a newcomer
    sees articles at once (quietly: no summary box for something they did not ask for)."""
    return ImportJob(data_dir=data_dir, paths=[str(sample_archive_dir())],
                     label="Opening the sample archive", announce=False)
