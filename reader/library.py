"""Where an import runs: one data folder's catalogue, annotations and search index, and
the one workflow that changes them.

"Import (or re-scan), re-place highlights, back them up, catch the index up" used to
exist twice, in the CLI and in the window's job, and the copies had drifted apart (only
the CLI wrote a backup afterwards; only the window's job took the index-open lock; only
the CLI let a busy index wait for later). ``Library.update`` is now the one copy: ``reader
import``, the window's import and start-up re-scan (``reader.background.jobs``, in a
child process) and the tests all call it, and only say the result in their own words.

Every step reports ``progress(phase, done, total)`` and checks ``cancel()``; cancelling
keeps what was finished (the importer and the indexer both commit as they go). The
library's writer lock is held throughout, so a second import waits for the first
instead of colliding with it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader import messages as m
from reader.catalogue import Catalogue, storage_error
from reader.errors import DiskFull
from reader.paths import catalogue_path

if TYPE_CHECKING:
    from reader.annotations.model import ReanchorSummary
    from reader.annotations.store import AnnotationStore
    from reader.catalogue import GroupingSummary
    from reader.importer import ImportSummary
    from reader.search.sync import SyncSummary

PhaseProgress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]

# Progress phases, as a progress bar shows them.
IMPORTING = "Importing"
RESCANNING = "Checking folders for changes"
PLACING = "Placing highlights"
INDEXING = "Indexing"
RESTORING = "Putting articles back"
GROUPING = "Finding copies of the same story"  # reader/duplicates.py
WAITING = "Waiting for another import to finish"  # while another writer holds the lock


def _no_progress(phase: str, done: int, total: int) -> None:
    return None


def _never() -> bool:
    return False


@dataclass
class UpdateResult:
    """What one run of ``Library.update`` did, for a caller to put into words.

    ``imported`` is None only when the run was cancelled while waiting for another
    import (then nothing was changed)."""

    imported: ImportSummary | None = None
    placed: ReanchorSummary | None = None  # set when the library has highlights or bookmarks
    backup_note: str = ""  # why the automatic backup could not be written ("": fine)
    index: SyncSummary | None = None  # None: not indexed (cancelled, busy, or not asked)
    index_busy: str = ""  # the index was busy (another process held it): left for later
    missing: list[str] = field(default_factory=list)  # re-scan: folders not there now
    cancelled: bool = False
    copies: GroupingSummary | None = None  # the grouping of copies (None: cancelled before)

    @property
    def library_changed(self) -> bool:
        s = self.imported
        return bool(s and (s.imported or s.updated or s.moved or s.removed))

    @property
    def index_changed(self) -> bool:
        s = self.index
        return bool(s and (s.added or s.updated or s.removed or s.rebuilt))

    @property
    def orphaned(self) -> int:
        """Highlights that could no longer be found in their changed article."""
        return self.placed.orphaned if self.placed is not None else 0


@dataclass
class RemoveResult:
    """What ``Library.remove_articles`` or ``Library.remove_folder`` did."""

    removed: int = 0  # articles that left the library (their files stay on disk)
    ids: list[int] = field(default_factory=list)  # which
    paths: list[str] = field(default_factory=list)  # their files, for ``restore_articles``
    read: list[str] = field(default_factory=list)  # those of them that had been read
    titles: list[str] = field(default_factory=list)  # their titles, in the order of ids
    index: SyncSummary | None = None  # the index caught up (None: busy or cancelled)
    index_busy: str = ""  # the index was busy (another process held it): left for later


@dataclass
class RestoreResult:
    """What ``Library.restore_articles`` did."""

    ids: list[int] = field(default_factory=list)  # the articles back in the library
    missing: list[str] = field(default_factory=list)  # files no longer on disk
    update: UpdateResult | None = None


class Library:
    """One data folder. ``open_catalogue`` lets the CLI open the catalogue its own way
    (refusing a write on a read-only library with the command's own words)."""

    def __init__(
        self, data_dir: Path, *, open_catalogue: Callable[[], Catalogue] | None = None
    ) -> None:
        self.data_dir = Path(data_dir)
        self._open_catalogue = open_catalogue or (lambda: Catalogue(catalogue_path(self.data_dir)))

    # -- the workflow --------------------------------------------------------------------

    def update(
        self,
        paths: Sequence[str] | None = None,
        *,
        label: str = IMPORTING,
        progress: PhaseProgress = _no_progress,
        cancel: Cancel = _never,
        workers: int | None = None,
        on_wait: Callable[[int | None], None] | None = None,
        on_imported: Callable[[ImportSummary], None] | None = None,
        index: bool = True,
    ) -> UpdateResult:
        """Import *paths* (None: re-scan every folder already added that is there now),
        then re-place highlights if files changed, back them up, and catch the index up.

        *label* names the import phase in progress reports; *on_wait* hears that another
        import holds the library (by default the phase says so); *on_imported* hears the
        import's summary before indexing starts (the CLI prints it then). Raises
        ``LockWaitCancelled`` if cancelled while waiting, ``ReaderError`` for a path that
        is not there or a library that cannot be written."""
        from reader.importer import import_paths
        from reader.locks import writer_lock

        result = UpdateResult()
        waiting = on_wait or (lambda _pid: progress(WAITING, 0, 0))
        with (
            writer_lock(self.data_dir, on_wait=waiting, cancel=cancel),
            self._open_catalogue() as catalogue,
        ):
            if paths is None:
                roots = catalogue.roots()
                present = [r for r in roots if os.path.isdir(r)]
                result.missing = [r for r in roots if r not in present]
                targets: list[str] = present
            else:
                targets = list(paths)
            if targets:
                result.imported = import_paths(
                    catalogue,
                    targets,
                    progress=lambda d, t: progress(label, d, t),
                    cancel=cancel,
                    workers=workers,
                )
                result.cancelled = result.imported.cancelled
                if on_imported is not None:
                    on_imported(result.imported)
                self._place_annotations(catalogue, result, progress)
            if not result.cancelled:
                self.group_copies(catalogue, result, progress=progress, cancel=cancel)
            if index and not result.cancelled:
                self.catch_up_index(
                    catalogue, result, progress=progress, cancel=cancel, workers=workers
                )
        return result

    # -- removing from the library (never from disk) --------------------------------------

    def remove_articles(
        self,
        ids: Sequence[int],
        *,
        progress: PhaseProgress = _no_progress,
        cancel: Cancel = _never,
    ) -> RemoveResult:
        """Remove articles from the library, never from disk: their paths are excluded
        from every later re-scan (``Catalogue.exclude_articles``), their highlights and
        bookmarks kept, detached; then the search index drops them. Holds the writer lock
        (waits for a running import); ids not in the library are passed over."""
        from reader.locks import writer_lock

        result = RemoveResult()
        with (
            writer_lock(self.data_dir, on_wait=lambda _pid: progress(WAITING, 0, 0), cancel=cancel),
            self._open_catalogue() as catalogue,
        ):
            known = catalogue.list_rows(list(dict.fromkeys(ids)))
            present = [i for i in dict.fromkeys(ids) if i in known]
            paths = catalogue.paths_of(present)
            result.paths = [paths[i] for i in present if i in paths]
            result.read = [paths[i] for i in present if i in paths and known[i]["read"]]
            result.titles = [str(known[i]["title"] or "") for i in present]
            result.removed = catalogue.exclude_articles(present)
            result.ids = present
            self._drop_from_index(catalogue, result, progress, cancel)
        return result

    def ids_at_paths(self, paths: Sequence[str]) -> list[int]:
        """The ids of the articles imported from *paths* (those in the library)."""
        with self._open_catalogue() as catalogue:
            return [i for p in paths if (i := catalogue.id_at_path(p)) is not None]

    def restore_articles(
        self,
        paths: Sequence[str],
        *,
        read: Sequence[str] = (),
        progress: PhaseProgress = _no_progress,
        cancel: Cancel = _never,
    ) -> RestoreResult:
        """Undo ``remove_articles``: import the files again (a file named on its own is
        let back in past the exclusion), which re-attaches their highlights and bookmarks,
        and mark *read* ones read again. Files no longer on disk are listed in
        ``missing``, not an error: the rest come back."""
        result = RestoreResult()
        present = [p for p in dict.fromkeys(paths) if os.path.isfile(p)]
        result.missing = [p for p in dict.fromkeys(paths) if p not in present]
        if not present:
            return result
        result.update = self.update(present, label=RESTORING, progress=progress, cancel=cancel)
        with self._open_catalogue() as catalogue:
            found = {p: catalogue.id_at_path(p) for p in present}
            result.ids = [i for i in found.values() if i is not None]
            was_read = set(read)
            catalogue.mark_read([i for p, i in found.items() if i is not None and p in was_read])
        return result

    def remove_folder(
        self,
        root: str,
        *,
        progress: PhaseProgress = _no_progress,
        cancel: Cancel = _never,
    ) -> RemoveResult:
        """Forget the imported folder *root*: re-scans no longer walk it, and its articles
        that are under no other imported folder leave the library (highlights and
        bookmarks kept, detached; nothing excluded: importing it again brings them back)."""
        from reader.locks import writer_lock

        result = RemoveResult()
        with (
            writer_lock(self.data_dir, on_wait=lambda _pid: progress(WAITING, 0, 0), cancel=cancel),
            self._open_catalogue() as catalogue,
        ):
            result.ids = catalogue.forget_root(root)
            result.removed = len(result.ids)
            self._drop_from_index(catalogue, result, progress, cancel)
        return result

    def _drop_from_index(
        self, catalogue: Catalogue, result: RemoveResult, progress: PhaseProgress, cancel: Cancel
    ) -> None:
        if not result.removed:
            return
        synced = UpdateResult()
        self.catch_up_index(catalogue, synced, progress=progress, cancel=cancel)
        result.index, result.index_busy = synced.index, synced.index_busy

    # -- its steps -------------------------------------------------------------------------

    def _place_annotations(
        self, catalogue: Catalogue, result: UpdateResult, progress: PhaseProgress
    ) -> None:
        """After an import: re-attach highlights and bookmarks whose article came back,
        re-anchor those whose article's text changed (here, not the first time the window
        reads them), then back them up if that changed them. Cheap when nothing changed
        (the re-anchoring looks only at articles whose file changed since)."""
        from reader.annotations.store import AnnotationStore

        store = AnnotationStore(catalogue)
        if not store.count() and not store.all_bookmarks():
            return
        store.reattach()
        result.placed = store.reanchor_stale(progress=lambda d, t: progress(PLACING, d, t))
        result.backup_note = automatic_backup(store)

    def group_copies(
        self,
        catalogue: Catalogue,
        result: UpdateResult,
        *,
        progress: PhaseProgress = _no_progress,
        cancel: Cancel = _never,
    ) -> None:
        """Group the copies of one story (``CopyStore.regroup``) when an import changed
        the library or an older library has no signatures yet; a look at two counts when
        nothing changed. Cancelling keeps the signatures computed so far."""
        from reader.catalogue import CopyStore

        result.copies = CopyStore(catalogue).regroup(
            progress=lambda d, t: progress(GROUPING, d, t), cancel=cancel
        )
        result.cancelled = result.cancelled or result.copies.cancelled

    def catch_up_index(
        self,
        catalogue: Catalogue,
        result: UpdateResult,
        *,
        progress: PhaseProgress = _no_progress,
        cancel: Cancel = _never,
        workers: int | None = None,
    ) -> None:
        """Index what the catalogue has and the index lacks (resumable), into *result*
        (``reader reindex`` calls this alone, after its repairs)."""
        from reader.locks import LockBusy
        from reader.search.sync import open_engine, sync_index

        try:
            engine = open_engine(self.data_dir)
            try:
                result.index = sync_index(
                    catalogue,
                    engine,
                    progress=lambda d, t: progress(INDEXING, d, t),
                    cancel=cancel,
                    workers=workers,
                )
            finally:
                engine.close()
        except LockBusy as exc:  # a reindex in another process: it catches up instead
            result.index_busy = str(exc)
            return
        result.cancelled = result.cancelled or result.index.cancelled


def automatic_backup(store: AnnotationStore) -> str:
    """Write the rotated backup of annotations and bookmarks if they changed; on failure
    a sentence saying so ("" when written or unchanged). The change itself is already
    committed, so a backup that cannot be written (a full disk) must not turn it into a
    failure: the next change, or ``reader annotations backup``, writes it."""
    from reader.annotations.backup import backup_folder, write_backup

    try:
        write_backup(store)
    except (OSError, sqlite3.Error) as exc:  # DiskFull is a sqlite3.Error too
        folder = backup_folder(store)
        mapped = storage_error(exc, store.catalogue.path)
        if isinstance(mapped, DiskFull):
            return m.BACKUP_NO_SPACE.format(folder=folder)
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return m.BACKUP_FAILED.format(folder=folder, why=why)
    return ""
