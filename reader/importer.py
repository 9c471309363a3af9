"""Import archive folders into the catalogue: walk, skip unchanged, parse in parallel.

Incremental by design: a file whose size and mtime match the catalogue is not even opened;
a file whose bytes hash the same as before is only touched; a file that vanished leaves the
library (unless it reappears elsewhere with the same content: then it moved and keeps its
id). Parsing runs in worker processes (both cores); only this process writes SQLite, in
batched transactions, so a crash loses at most the batch in flight.

The archive is only ever read. Long work reports ``progress(done, total)`` and stops
early when ``cancel()`` returns True; the CLI draws a bar from it, the GUI a progress bar.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context

from reader.catalogue import ArticleRecord, Catalogue, FileState, prepare_record
from reader.errors import NotAnArticle, ReaderError
from reader.parse import content_hash, is_article_file, parse_bytes, read_capped

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

BATCH = 400
BULK_THRESHOLD = 5000  # new or changed files: above this, indexes are rebuilt at the end
PARALLEL_THRESHOLD = 64  # below this many files, worker start-up costs more than it saves
_SKIPPED_NAMES = ("readme", "license", "licence", "copying", "changelog", "notice")


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
    changed_ids: list[int] = field(default_factory=list)
    removed_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.imported + self.updated + self.unchanged + self.moved

    def skipped_reasons(self) -> Counter[str]:
        return Counter(reason for _, reason in self.skipped)

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
class _Candidate:
    path: str
    size: int
    mtime_ns: int
    known: FileState | None


@dataclass(slots=True)
class _Outcome:
    path: str
    record: ArticleRecord | None = None
    same_hash: bool = False
    size: int = 0
    mtime_ns: int = 0
    hash: str = ""
    error: str | None = None


def _parse_one(path: str, known_hash: str | None) -> _Outcome:
    """Worker-side: read, hash and (if the bytes changed) parse one file."""
    try:
        data, size, mtime_ns = read_capped(path)
        digest = content_hash(data)
        if known_hash is not None and digest == known_hash:
            return _Outcome(path, same_hash=True, size=size, mtime_ns=mtime_ns, hash=digest)
        article, encoding = parse_bytes(data, path=path, size=size)
        record = prepare_record(article, path=path, size=size, mtime_ns=mtime_ns,
                                content_hash=digest, encoding=encoding)
        return _Outcome(path, record, hash=digest)
    except NotAnArticle as exc:
        return _Outcome(path, error=str(exc))
    except Exception as exc:  # a parser bug must not end the import: skip and say why
        return _Outcome(path, error=f"could not be parsed ({type(exc).__name__}: {exc})")


def _parse_chunk(items: list[tuple[str, str | None]]) -> list[_Outcome]:
    return [_parse_one(path, known) for path, known in items]


def _walk(root: str, summary: ImportSummary) -> Iterator[tuple[str, os.stat_result]]:
    """Every article file under *root*, with its stat; problems go to ``summary.skipped``."""

    def on_error(exc: OSError) -> None:
        summary.skipped.append((exc.filename or root, f"folder cannot be read: {exc.strerror}"))

    if os.path.isfile(root):
        yield root, os.stat(root)
        return
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if not is_article_file(name):
                summary.ignored += 1
                continue
            if name.lower().split(".")[0] in _SKIPPED_NAMES:
                summary.skipped.append((path, "a README/LICENSE file, not an article"))
                continue
            try:
                st = os.stat(path)
            except FileNotFoundError:
                reason = (
                    "broken symbolic link (its target does not exist)"
                    if os.path.islink(path)
                    else "the file disappeared while importing"
                )
                summary.skipped.append((path, reason))
                continue
            except OSError as exc:
                summary.skipped.append((path, f"cannot be read: {exc.strerror}"))
                continue
            if not os.path.isfile(path):
                summary.skipped.append((path, "not a regular file"))
                continue
            yield path, st


def _chunks(items: list[_Candidate], size: int) -> Iterator[list[tuple[str, str | None]]]:
    for start in range(0, len(items), size):
        yield [(c.path, c.known.hash if c.known else None) for c in items[start : start + size]]


def _serial(todo: list[_Candidate], cancel: Cancel) -> Iterator[_Outcome]:
    for item in todo:
        if cancel():
            return
        yield _parse_one(item.path, item.known.hash if item.known else None)


def _outcomes(
    todo: list[_Candidate], workers: int, cancel: Cancel
) -> Iterator[_Outcome]:
    """Parse results as they come, in order, with bounded work in flight.

    If the worker processes cannot start or die (no usable ``__main__`` for spawn, out of
    memory), the rest is parsed in this process: slower, but the import completes.
    """
    if workers <= 1 or len(todo) < PARALLEL_THRESHOLD:
        yield from _serial(todo, cancel)
        return
    chunk = 32
    done = 0
    try:
        # spawn, not fork: the GUI calls this from a thread of a Qt process.
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            pending: list[Future[list[_Outcome]]] = []
            chunks = _chunks(todo, chunk)
            for piece in chunks:
                pending.append(pool.submit(_parse_chunk, piece))
                if len(pending) >= workers * 4:
                    break
            while pending:
                if cancel():
                    for fut in pending:
                        fut.cancel()
                    return
                results = pending.pop(0).result()
                done += len(results)
                yield from results
                nxt = next(chunks, None)
                if nxt is not None:
                    pending.append(pool.submit(_parse_chunk, nxt))
    except BrokenProcessPool:
        yield from _serial(todo[done:], cancel)


def import_paths(
    catalogue: Catalogue,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    workers: int | None = None,
    on_change: Callable[[int, bool], None] | None = None,
) -> ImportSummary:
    """Import (or re-scan) each folder or file in *paths*. Never writes to the archive.

    ``on_change(id, removed)`` is told of each new, changed or removed article, so a
    search index can follow the catalogue.
    """
    started = time.perf_counter()
    cancel = cancel or (lambda: False)
    workers = workers or min(2, os.cpu_count() or 1)
    summary = ImportSummary()
    roots: list[str] = []
    for raw in paths:
        root = os.path.abspath(os.fspath(raw))
        if not os.path.exists(root):
            raise ReaderError(f"{raw}: no such file or folder")
        if not os.access(root, os.R_OK):
            raise ReaderError(f"{raw}: permission denied")
        roots.append(root)

    known: dict[str, FileState] = {}
    for root in roots:
        known.update(catalogue.file_states_under(root))

    seen: set[str] = set()
    todo: list[_Candidate] = []
    for root in roots:
        for path, st in _walk(root, summary):
            if path in seen:
                continue
            seen.add(path)
            state = known.get(path)
            if state and state.size == st.st_size and state.mtime_ns == st.st_mtime_ns:
                summary.unchanged += 1
                continue
            todo.append(_Candidate(path, st.st_size, st.st_mtime_ns, state))

    # Files that left: candidates for a move if identical bytes turn up under a new name.
    gone = {path: state for path, state in known.items() if path not in seen}
    gone_by_hash = {state.hash: (path, state) for path, state in gone.items()}

    total = len(todo)
    done = 0
    if progress:
        progress(0, total)
    db_batch: list[_Outcome] = []

    def flush() -> None:
        with catalogue.transaction() as db:
            for outcome in db_batch:
                _store(catalogue, db, outcome, known, gone, gone_by_hash, summary, on_change)
        db_batch.clear()

    bulk = catalogue.bulk_load() if total >= BULK_THRESHOLD else contextlib.nullcontext()
    with bulk:
        for outcome in _outcomes(todo, workers, cancel):
            db_batch.append(outcome)
            done += 1
            if len(db_batch) >= BATCH:
                flush()
            if progress and (done % 50 == 0 or done == total):
                progress(done, total)
        if db_batch:
            flush()
    summary.cancelled = done < total or cancel()

    if not summary.cancelled and gone:
        with catalogue.transaction() as db:
            summary.removed = catalogue.delete_articles(db, (s.id for s in gone.values()))
        summary.removed_ids = [s.id for s in gone.values()]
        if on_change:
            for state in gone.values():
                on_change(state.id, True)
    if not summary.cancelled:
        for root in roots:
            if os.path.isdir(root):
                catalogue.add_root(root)
                catalogue.mark_root_scanned(root)
    summary.seconds = time.perf_counter() - started
    return summary


def _store(
    catalogue: Catalogue,
    db: sqlite3.Connection,
    outcome: _Outcome,
    known: dict[str, FileState],
    gone: dict[str, FileState],
    gone_by_hash: dict[str, tuple[str, FileState]],
    summary: ImportSummary,
    on_change: Callable[[int, bool], None] | None,
) -> None:
    state = known.get(outcome.path)
    if outcome.error is not None:
        summary.skipped.append((outcome.path, outcome.error))
        if state is not None:
            # It was an article and is not any more (emptied, corrupted): it leaves.
            catalogue.delete_articles(db, [state.id])
            summary.removed += 1
            summary.removed_ids.append(state.id)
            if on_change:
                on_change(state.id, True)
        return
    if outcome.same_hash and state is not None:
        catalogue.touch(db, state.id, outcome.size, outcome.mtime_ns)
        summary.unchanged += 1
        return
    record = outcome.record
    assert record is not None
    article_id: int | None = state.id if state else None
    moved_from = None if state else gone_by_hash.get(outcome.hash)
    if moved_from is not None:
        old_path, old_state = moved_from
        article_id = old_state.id
        del gone[old_path]
        del gone_by_hash[outcome.hash]
    new_id = catalogue.upsert_article(
        db, record, article_id=article_id, is_new=article_id is None
    )
    if moved_from is not None:
        summary.moved += 1
    elif state is not None:
        summary.updated += 1
    else:
        summary.imported += 1
    summary.changed_ids.append(new_id)
    summary.warnings.extend((outcome.path, w) for w in record.warnings)
    if on_change:
        on_change(new_id, False)
