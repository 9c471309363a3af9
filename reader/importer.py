"""Import archive folders into the catalogue: walk, skip unchanged, parse in parallel.

Incremental by design: a file whose size and mtime match the catalogue is not even opened;
a file whose bytes hash the same as before is only touched; a file that vanished leaves the
library (unless it reappears elsewhere with the same content: then it moved and keeps its
id). Parsing runs in worker processes (``reader.workers``: both cores, each file within a
time budget, workers that die with this process); only this process writes SQLite, in
batched transactions, so a crash loses at most the batch in flight, and a record that
cannot be stored is skipped with a reason without taking its batch down.

What is walked, and the comparison with the catalogue, live in SQLite temp tables
(``Catalogue.scan``), not in Python: this process's memory stays flat however large the
archive. Symbolic links are followed only to files inside the folders being imported.
File names that are not UTF-8 are imported, shown decoded (``reader.filenames``).

The archive is only ever read. Long work reports ``progress(done, total)`` and stops
early when ``cancel()`` returns True; the CLI draws a bar from it, the GUI a progress bar.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from reader import messages as m
from reader.catalogue import (
    ArticleRecord,
    Catalogue,
    FileScan,
    ScanItem,
    prepare_record,
    store_signature,
)
from reader.duplicates import CopySignature, signature_of
from reader.errors import NotAnArticle, ReaderError
from reader.filenames import display_path
from reader.parse import content_hash, is_article_file, parse_bytes, read_capped
from reader.workers import Failed, WorkerPool, budget_from_env

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

BATCH = 400
BULK_THRESHOLD = 5000  # new or changed files: above this, indexes are rebuilt at the end
PARALLEL_THRESHOLD = 64  # below this many files, worker start-up costs more than it saves
CHUNK = 32  # files per message to a worker (fewer for a small import: see _chunk)
CHUNKS_PER_WORKER = 8  # a small import still sends each worker this many messages
PROGRESS_EVERY = 50  # files between progress reports, at the most
PROGRESS_EVERY_S = 0.1  # seconds between progress reports, at the most
CANCEL_POLL_S = 0.1  # how often a file read in this process looks at cancel()
WALK_BATCH = 500  # files walked per insert into the scan's table (bounds memory)
_SKIPPED_NAMES = ("readme", "license", "licence", "copying", "changelog", "notice")
_STORAGE_ERRORS = (sqlite3.IntegrityError, sqlite3.DataError, UnicodeError, OverflowError)


@dataclass
class ImportSummary:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    removed: int = 0
    ignored: int = 0  # files of other types (images, manifests...) not looked at
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # imported, with a caveat
    cancelled: bool = False
    seconds: float = 0.0
    # 8 bytes an id, not a Python int's 36: an import of 300,000 files keeps them all.
    changed_ids: array[int] = field(default_factory=lambda: array("q"))
    removed_ids: array[int] = field(default_factory=lambda: array("q"))

    @property
    def total(self) -> int:
        return self.imported + self.updated + self.unchanged + self.moved

    def describe(self) -> str:
        """One paragraph a person can read at the end of an import."""
        parts = [
            f"{self.imported} imported",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
        ]
        if self.moved:
            parts.append(f"{self.moved} moved")
        if self.removed:
            parts.append(f"{self.removed} removed (no longer on disk)")
        parts.append(f"{len(self.skipped)} skipped")
        text = ", ".join(parts) + f" in {self.seconds:.1f} s."
        if self.cancelled:
            text = "Import cancelled: " + text
        return text


@dataclass(slots=True)
class _Outcome:
    path: str
    record: ArticleRecord | None = None
    same_hash: bool = False
    size: int = 0
    mtime_ns: int = 0
    hash: str = ""
    error: str | None = None
    # The body's near-duplicate signature (reader.duplicates), computed in the worker
    # with the parse, so the writing process only stores it. None: too short.
    copy_signature: CopySignature | None = None


def _parse_one(path: str, known_hash: str | None) -> _Outcome:
    """Read, hash and (if the bytes changed) parse one file."""
    try:
        data, size, mtime_ns = read_capped(path)
        digest = content_hash(data)
        if known_hash is not None and digest == known_hash:
            return _Outcome(path, same_hash=True, size=size, mtime_ns=mtime_ns, hash=digest)
        article, encoding = parse_bytes(data, path=path, size=size)
        record = prepare_record(
            article, path=path, size=size, mtime_ns=mtime_ns, content_hash=digest, encoding=encoding
        )
        return _Outcome(path, record, hash=digest, copy_signature=signature_of(article))
    except NotAnArticle as exc:
        return _Outcome(path, error=str(exc))
    except Exception as exc:  # a parser bug must not end the import: skip and say why
        return _Outcome(path, error=f"could not be parsed ({type(exc).__name__}: {exc})")


def _parse_item(item: ScanItem) -> _Outcome:
    """Worker-side: one file of the scan."""
    return _parse_one(item.path, item.known.hash if item.known else None)


def _too_slow(budget: float) -> str:
    return m.TOO_SLOW.format(seconds=f"{budget:g}")


def _parse_here(item: ScanItem, budget: float, cancel: Cancel) -> _Outcome | None:
    """Parse in this process, reading in a thread so that a read that never returns (a
    hung network share) costs this file, not the import. (The thread stays blocked in
    the kernel; nothing else can be done with it. In workers, the process is killed.)

    None when ``cancel()`` turned true while waiting: a cancel must not wait out a
    file's whole budget (60 s by default)."""
    box: list[_Outcome] = []
    thread = threading.Thread(
        target=lambda: box.append(_parse_item(item)), daemon=True, name="reader-parse"
    )
    thread.start()
    deadline = time.monotonic() + budget
    while True:
        thread.join(max(0.0, min(CANCEL_POLL_S, deadline - time.monotonic())))
        if box:
            return box[0]
        if time.monotonic() >= deadline:
            return _Outcome(item.path, error=_too_slow(budget))
        if cancel():
            return None


def _failure(item: ScanItem, failed: Failed, budget: float) -> _Outcome:
    if failed.kind == "stuck":
        reason = _too_slow(budget)
    elif failed.kind == "died":
        reason = m.PARSER_DIED.format(detail=failed.detail)
    else:
        reason = m.NOT_PARSED.format(detail=failed.detail)
    return _Outcome(item.path, error=reason)


def _outcomes(
    items: Iterator[ScanItem], count: int, workers: int, cancel: Cancel, budget: float
) -> Iterator[tuple[ScanItem, _Outcome]]:
    """Parse results in order, with bounded work in flight; nothing more once ``cancel()``
    is true (the pool ends its workers then, rather than finishing what they hold)."""
    if count < PARALLEL_THRESHOLD:
        for item in items:
            if cancel():
                return
            outcome = _parse_here(item, budget, cancel)
            if outcome is None:
                return
            yield item, outcome
        return
    with WorkerPool(
        _parse_item, workers=workers, chunk=_chunk(count, workers), budget=budget
    ) as pool:
        for item, result in pool.map(items, cancel=cancel):
            yield item, (_failure(item, result, budget) if isinstance(result, Failed) else result)


def _chunk(count: int, workers: int) -> int:
    """Files per message to a worker. Results come back a message at a time, so at 32 a
    130-file import showed "0 / 130" until a whole message's files were parsed; a small
    import sends smaller ones, a large one keeps the measured 32."""
    return max(1, min(CHUNK, count // (max(1, workers) * CHUNKS_PER_WORKER)))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _check(path: str, real_roots: list[str]) -> os.stat_result | str:
    """The stat of an article file to import, or why it is skipped."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return m.DISAPPEARED
    except OSError as exc:
        return m.CANNOT_READ.format(why=exc.strerror)
    if stat.S_ISLNK(st.st_mode):
        # Followed only inside the folders being imported: a link to a system file must
        # not become an article. Adding the folder it points into includes it.
        target = os.path.realpath(path)
        if not any(_inside(target, root) for root in real_roots):
            return m.LINK_OUTSIDE.format(target=display_path(target))
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return m.BROKEN_LINK
        except OSError as exc:
            return m.CANNOT_READ.format(why=exc.strerror)
    if not stat.S_ISREG(st.st_mode):
        return m.NOT_REGULAR
    return st


def _walk(
    root: str, real_roots: list[str], summary: ImportSummary
) -> Iterator[tuple[str, os.stat_result]]:
    """Every article file under *root*, with its stat; problems go to ``summary.skipped``."""

    def on_error(exc: OSError) -> None:
        summary.skipped.append(
            (display_path(exc.filename or root), m.FOLDER_CANNOT_READ.format(why=exc.strerror))
        )

    if not os.path.isdir(root):  # a file named explicitly: taken as given
        try:
            yield root, os.stat(root)
        except OSError as exc:
            summary.skipped.append((display_path(root), m.CANNOT_READ.format(why=exc.strerror)))
        return
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if not is_article_file(name):
                summary.ignored += 1
                continue
            if name.lower().split(".")[0] in _SKIPPED_NAMES:
                summary.skipped.append((display_path(path), m.README_FILE))
                continue
            checked = _check(path, real_roots)
            if isinstance(checked, str):
                summary.skipped.append((display_path(path), checked))
                continue
            yield path, checked


def import_paths(
    catalogue: Catalogue,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    workers: int | None = None,
    on_change: Callable[[int, bool], None] | None = None,
    budget: float | None = None,
) -> ImportSummary:
    """Import (or re-scan) each folder or file in *paths*. Never writes to the archive.

    ``on_change(id, removed)`` is told of each new, changed or removed article, so a
    search index can follow the catalogue. *budget* is the seconds one file may take to
    read and parse (default ``$READER_FILE_BUDGET``, else 60); a file that takes longer
    is skipped with a reason. Callers that may run beside another import hold
    ``reader.locks.writer_lock`` around this.
    """
    started = time.perf_counter()
    cancel = cancel or (lambda: False)
    workers = workers or min(2, os.cpu_count() or 1)
    budget = budget if budget is not None else budget_from_env()
    summary = ImportSummary()
    roots: list[str] = []
    for raw in paths:
        root = os.path.abspath(os.fspath(raw))
        if not os.path.exists(root):
            raise ReaderError(m.NO_SUCH_PATH.format(path=display_path(os.fspath(raw))))
        if not os.access(root, os.R_OK):
            raise ReaderError(m.PATH_PERMISSION_DENIED.format(path=display_path(os.fspath(raw))))
        roots.append(root)
    real_roots = [os.path.realpath(root) for root in roots]
    # Remembered before any work: a cancelled or interrupted import is then finished by
    # the next re-scan (F5, the app's start), which walks every remembered folder. Only
    # ``scanned_at`` waits for a complete pass.
    for root in roots:
        if os.path.isdir(root):
            catalogue.add_root(root)

    # Articles removed from the library (``Catalogue.exclude_articles``) stay out on every
    # re-scan, counted as ignored; a file named on its own is let in again.
    excluded = catalogue.excluded_paths()
    named = [r for r in roots if not os.path.isdir(r) and display_path(r) in excluded]
    if named:
        catalogue.include_paths(named)
        excluded.difference_update(display_path(r) for r in named)

    scan = catalogue.scan()
    try:
        walked: list[tuple[str, int, int]] = []
        for root in roots:
            for path, st in _walk(root, real_roots, summary):
                if excluded and display_path(path) in excluded:
                    summary.ignored += 1
                    continue
                walked.append((path, st.st_size, st.st_mtime_ns))
                if len(walked) >= WALK_BATCH:
                    scan.add(walked)
                    walked.clear()
                    if cancel():
                        summary.cancelled = True
                        summary.seconds = time.perf_counter() - started
                        return summary
        scan.add(walked)
        del walked
        summary.unchanged, total = scan.compare(roots)
        _import_changed(
            catalogue,
            scan,
            total,
            summary,
            progress=progress,
            cancel=cancel,
            workers=workers,
            on_change=on_change,
            budget=budget,
        )
        if not summary.cancelled:
            gone = scan.gone_ids()
            if gone:
                with catalogue.transaction() as db:
                    summary.removed += catalogue.delete_articles(db, gone)
                summary.removed_ids.extend(gone)
                if on_change:
                    for article_id in gone:
                        on_change(article_id, True)
            for root in roots:
                if os.path.isdir(root):
                    catalogue.mark_root_scanned(root)
    finally:
        with contextlib.suppress(sqlite3.Error):
            scan.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _import_changed(
    catalogue: Catalogue,
    scan: FileScan,
    total: int,
    summary: ImportSummary,
    *,
    progress: Progress | None,
    cancel: Cancel,
    workers: int,
    on_change: Callable[[int, bool], None] | None,
    budget: float,
) -> None:
    """Read, parse and store the new and changed files of *scan*."""
    done = 0
    if progress:
        progress(0, total)
    db_batch: list[tuple[ScanItem, _Outcome]] = []

    def flush() -> None:
        try:
            part, changes = _write_batch(catalogue, scan, db_batch, careful=False)
        except _STORAGE_ERRORS:
            # A record SQLite refused rolled the whole batch back: write it again with a
            # savepoint for each record, so only that one is skipped.
            part, changes = _write_batch(catalogue, scan, db_batch, careful=True)
        _merge(summary, part)
        if on_change:
            for article_id, removed in changes:
                on_change(article_id, removed)
        db_batch.clear()

    reported, last_report = 0, time.monotonic()
    bulk = catalogue.bulk_load() if total >= BULK_THRESHOLD else contextlib.nullcontext()
    with bulk:
        for pair in _outcomes(scan.to_read(), total, workers, cancel, budget):
            if cancel():  # nothing parsed after the cancel is stored
                break
            db_batch.append(pair)
            done += 1
            if len(db_batch) >= BATCH:
                flush()
            if progress:
                # The first file, then every PROGRESS_EVERY files or PROGRESS_EVERY_S,
                # whichever comes first: a small import moves at once, a big one does
                # not pay for a report per file.
                now = time.monotonic()
                if (
                    done == total
                    or reported == 0
                    or done - reported >= PROGRESS_EVERY
                    or now - last_report >= PROGRESS_EVERY_S
                ):
                    progress(done, total)
                    reported, last_report = done, now
        if db_batch:
            flush()
    summary.cancelled = done < total or cancel()


def _write_batch(
    catalogue: Catalogue,
    scan: FileScan,
    batch: list[tuple[ScanItem, _Outcome]],
    *,
    careful: bool,
) -> tuple[ImportSummary, list[tuple[int, bool]]]:
    """Store a batch in one transaction; what it did is returned, to count only once it
    is committed (a rolled-back batch must not be counted, nor told to ``on_change``).

    *careful*: a savepoint per record, so a record SQLite refuses (a name that decodes to
    another file's, a value it cannot hold) is skipped with a reason and the rest stays.
    Only after a first plain attempt failed: the savepoints cost 40% more statements.
    Errors of the disk or the database itself (full, I/O) are not a file's fault: they
    propagate either way."""
    part = ImportSummary()
    changes: list[tuple[int, bool]] = []
    with catalogue.transaction() as db:
        for item, outcome in batch:
            if not careful:
                _store(catalogue, db, scan, item, outcome, part, changes)
                continue
            db.execute("SAVEPOINT import_file")
            mark = (len(part.skipped), len(changes))
            try:
                _store(catalogue, db, scan, item, outcome, part, changes)
            except _STORAGE_ERRORS as exc:
                db.execute("ROLLBACK TO import_file")
                del part.skipped[mark[0] :], changes[mark[1] :]
                part.skipped.append((display_path(item.path), _storage_reason(exc)))
            db.execute("RELEASE import_file")
    return part, changes


def _merge(summary: ImportSummary, part: ImportSummary) -> None:
    summary.imported += part.imported
    summary.updated += part.updated
    summary.unchanged += part.unchanged
    summary.moved += part.moved
    summary.removed += part.removed
    summary.skipped.extend(part.skipped)
    summary.warnings.extend(part.warnings)
    summary.changed_ids.extend(part.changed_ids)
    summary.removed_ids.extend(part.removed_ids)


def _storage_reason(exc: Exception) -> str:
    if isinstance(exc, sqlite3.IntegrityError) and "articles.path" in str(exc):
        return m.SAME_NAME
    return m.NOT_STORED.format(kind=type(exc).__name__, error=exc)


def _store(
    catalogue: Catalogue,
    db: sqlite3.Connection,
    scan: FileScan,
    item: ScanItem,
    outcome: _Outcome,
    part: ImportSummary,
    changes: list[tuple[int, bool]],
) -> None:
    """Write one outcome; *part* and *changes* hear of it once it is written (a storage
    error comes before anything is counted)."""
    state = item.known
    if outcome.error is not None:
        if state is not None:
            # It was an article and is not any more (emptied, corrupted): it leaves.
            catalogue.delete_articles(db, [state.id])
            part.removed += 1
            part.removed_ids.append(state.id)
            changes.append((state.id, True))
        part.skipped.append((display_path(item.path), outcome.error))
        return
    if outcome.same_hash and state is not None:
        catalogue.touch(db, state.id, outcome.size, outcome.mtime_ns)
        part.unchanged += 1
        return
    record = outcome.record
    assert record is not None
    moved_from = None if state else scan.take_moved(db, outcome.hash)
    article_id = state.id if state else (moved_from.id if moved_from else None)
    new_id = catalogue.upsert_article(db, record, article_id=article_id, is_new=article_id is None)
    store_signature(db, new_id, outcome.copy_signature)
    if moved_from is not None:
        part.moved += 1
    elif state is not None:
        part.updated += 1
    else:
        part.imported += 1
    part.changed_ids.append(new_id)
    shown = display_path(item.path)
    part.warnings.extend((shown, w) for w in record.warnings)
    changes.append((new_id, False))
