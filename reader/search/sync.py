"""Keep the search index in step with the catalogue; search with the catalogue's text.

The index is derived data: what it holds is compared with the catalogue (article id and
content hash) and the difference is indexed segment by segment, each committed on its
own, so the work resumes after a crash or a cancel and search can say how much of the
library it covers while it catches up. Worker processes read the catalogue themselves
(read-only), analyse the articles and write whole posting segments, so neither article
text nor postings cross between processes; the parent only adds the small Whoosh records
and registers each segment. One sync at a time per index (a lock file says who).
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import sqlite3
import time
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader import messages as m
from reader.catalogue import Catalogue
from reader.locks import exclusive_lock
from reader.search import analysis
from reader.search.engine import Cancel, IndexDoc, Progress, SearchEngine, SearchResults, Sort
from reader.search.postings import MAX_SEGMENT_DOCS, SegmentBuilder, SegmentDoc, date_number
from reader.search.whoosh_engine import RecordMeta, WhooshEngine, lock_path, sites_of
from reader.workers import Failed, WorkerPool, budget_from_env
from reader.workers import progress as report_progress

# Memory, not article counts, bounds indexing (issue 16): an article's term arrays range
# from ~1 KB (a teaser) to ~100 KB (a long CJK report), so a count bounds nothing.
SEGMENT_MB = 32.0  # term arrays (8-byte key + 1-byte count a posting) a worker holds
# before it writes them as a segment (~1,100 generated 8 KB articles). Writing sorts them,
# so a worker peaks near WORKER_BASE_MB + WRITE_FACTOR x SEGMENT_MB (~210 MB).
WRITE_FACTOR = 3.7  # MB of a worker's peak per MB of SEGMENT_MB: the arrays, the heap
# they leave behind, and the sort (order, sorted copies); measured at 16, 24 and 32 MB
WORKER_BASE_MB = 90.0  # a worker's peak less that: Python, NumPy, rjieba's dictionary
# (32 MB), the catalogue connection
PARENT_MB = 250.0  # the importing process while workers index (~210 MB at 100,000)
MEMORY_TARGET_MB = 760.0  # all indexing processes together (the issue: under 800 MB)
SEGMENT_DOCS = 4096  # articles handed to a worker at once (the unit of progress, of
# cancel and of a retry after a crash), each cut into segments by SEGMENT_MB
IN_PROCESS = 300  # fewer articles than this are not worth starting worker processes
PROGRESS_EVERY = 32  # articles a worker analyses between progress reports
SEGMENT_BUDGET = 600.0  # seconds a segment worker may go without a report before it is
# taken for stuck (writing a segment sends none; a stalled worker is replaced)


@dataclass
class SyncSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    cancelled: bool = False
    rebuilt: bool = False
    seconds: float = 0.0

    def describe(self) -> str:
        text = (
            f"search index: {self.added} added, {self.updated} updated, "
            f"{self.removed} removed in {self.seconds:.1f} s"
        )
        if self.rebuilt:
            text = "search index was missing or damaged and has been rebuilt; " + text
        if self.cancelled:
            text += " (cancelled: it resumes next time)"
        return text


def index_folder(data_dir: Path) -> Path:
    return Path(data_dir) / "index"


def open_engine(
    data_dir: Path, *, readonly: bool = False, search_only: bool = False
) -> WhooshEngine:
    """Open the library's index, repairing it if it is missing or damaged.

    Safe to call from several processes at once (the desktop app's search process, its
    jobs, commands): opening, creating and replacing the index folder are serialised by a
    lock file beside it, and no process deletes an index another has open (see
    ``whoosh_engine``). *readonly* (a library on read-only media) writes, creates and
    write-locks nothing, and raises ``IndexUnavailable`` (a ReaderError) when the index is
    missing or damaged instead of rebuilding it. *search_only*: the caller only searches,
    so when the library cannot be written just now (a full disk: SQLite has no room even
    for its shared-memory file) the index is opened read-only instead of failing."""
    folder = index_folder(data_dir)
    if readonly or not search_only:
        return WhooshEngine(folder, readonly=readonly)
    try:
        return WhooshEngine(folder)
    except (sqlite3.OperationalError, OSError) as exc:
        if (
            isinstance(exc, OSError)
            and not isinstance(exc, sqlite3.Error)
            and exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES)
        ):
            raise
        return WhooshEngine(folder, readonly=True)


def index_doc(catalogue: Catalogue, article_id: int) -> IndexDoc | None:
    row = catalogue.index_row(article_id)
    if row is None:
        return None
    return IndexDoc(**row)


@contextlib.contextmanager
def _sync_lock(folder: Path) -> Iterator[None]:
    """Exclusive right to index this folder (an OS lock: a dead holder releases it). The
    lock file is beside the folder, not in it, so replacing the folder cannot remove it;
    openers test it before deleting unregistered files (a sync's work in progress).
    Raises LockBusy (a ReaderError) when another process holds it."""
    with exclusive_lock(
        lock_path(folder, "sync"),
        wait=False,
        busy_message=m.INDEXING_ELSEWHERE,
    ):
        yield


# -- worker side -----------------------------------------------------------------------

_worker: dict[str, Any] = {}


def index_workers(cpus: int | None = None) -> int:
    """How many index workers: no more than the cores, and no more than fit in
    MEMORY_TARGET_MB beside the importing process, each at its peak."""
    worker = WORKER_BASE_MB + WRITE_FACTOR * SEGMENT_MB
    by_memory = int((MEMORY_TARGET_MB - PARENT_MB) // worker)
    return max(1, min(cpus or 1, by_memory))


def build_segments(
    folder: Path, docs: Iterable[IndexDoc], budget: float
) -> Iterator[tuple[str, list[RecordMeta]]]:
    """Analyse *docs* into segments in *folder*, each written when the term arrays it
    holds would pass *budget* bytes; yields each one's name and Whoosh records as it is
    written. An article larger than the budget is a segment of its own: what a worker
    holds is bounded by the budget or by the largest article, not by a count."""
    builder = SegmentBuilder()
    metas: list[RecordMeta] = []
    for doc in docs:
        terms = analysis.analyse(doc.title, doc.body)
        size = terms.keys.nbytes + terms.tfs.nbytes
        if metas and (builder.nbytes + size > budget or len(builder) >= MAX_SEGMENT_DOCS):
            yield builder.write(folder), metas
            builder, metas = SegmentBuilder(), []
        builder.add(SegmentDoc(doc.id, doc.version, date_number(doc.date), terms))
        del terms  # the builder holds the arrays; nothing else may keep the analysis
        metas.append(
            RecordMeta(doc.id, sites_of(doc), doc.date, (doc.language or "").lower() or None)
        )
        if builder.nbytes >= budget:
            yield builder.write(folder), metas
            builder, metas = SegmentBuilder(), []
    if metas:
        yield builder.write(folder), metas


def _worker_init(catalogue_path: str, folder: str, budget: float) -> None:
    _worker["catalogue"] = Catalogue(catalogue_path, readonly=True)
    _worker["folder"] = Path(folder)
    _worker["budget"] = budget


def _build_segment(ids: list[int]) -> list[tuple[str, list[RecordMeta]]]:
    """Worker-side: analyse *ids* into segments of at most the budget (the parent's
    SEGMENT_MB, sent at start: workers do not fork), reporting every ``PROGRESS_EVERY``
    articles (the parent's progress bar, and a sign of life for its time budget)."""
    catalogue: Catalogue = _worker["catalogue"]

    def docs() -> Iterator[IndexDoc]:
        for position, article_id in enumerate(ids, 1):
            doc = index_doc(catalogue, article_id)
            if position % PROGRESS_EVERY == 0:
                report_progress(PROGRESS_EVERY)
            if doc is not None:
                yield doc
        report_progress(len(ids) % PROGRESS_EVERY)

    return list(build_segments(_worker["folder"], docs(), _worker["budget"]))


# -- parent side -----------------------------------------------------------------------


def _chunks(ids: Sequence[int], workers: int) -> Iterator[list[int]]:
    """Runs of at most SEGMENT_DOCS *ids* (at least one a worker), made as the pool asks
    for them (not all at once)."""
    size = min(SEGMENT_DOCS, max(64, math.ceil(len(ids) / max(workers, 1))))
    for i in range(0, len(ids), size):
        yield list(ids[i : i + size])


@dataclass
class VersionDiff:
    """How the index differs from the catalogue, found by walking both in id order.

    Two dicts of id -> version for the whole library cost ~250 bytes per article in
    the importing process (75 MB at 300,000 articles, each side); the walk keeps only
    the ids that need work, 8 bytes each."""

    library: int = 0
    indexed: int = 0  # live in the index at the catalogue's version
    todo: array[int] = field(default_factory=lambda: array("q"))  # missing or stale, in order
    stale: int = 0  # of todo: in the index at another version
    removed: array[int] = field(default_factory=lambda: array("q"))  # indexed, not in library


def version_diff(catalogue: Catalogue, engine: WhooshEngine) -> VersionDiff:
    diff = VersionDiff()
    ids, digests = engine.indexed_version_digests()
    at, count = 0, len(ids)
    for article_id, version in catalogue.iter_versions():
        diff.library += 1
        while at < count and ids[at] < article_id:
            diff.removed.append(ids[at])
            at += 1
        if at < count and ids[at] == article_id:
            if digests[at] == hash(version):
                diff.indexed += 1
            else:
                diff.todo.append(article_id)
                diff.stale += 1
            at += 1
        else:
            diff.todo.append(article_id)
    diff.removed.extend(ids[at:])
    return diff


def _index_in_process(
    catalogue: Catalogue, engine: WhooshEngine, ids: Sequence[int], report: Progress, cancel: Cancel
) -> int:
    """Index in this process, in segments bounded as a worker's are; a cancel keeps what
    was analysed."""
    done = 0
    budget = SEGMENT_MB * 2**20

    def docs(chunk: list[int], taken: list[int]) -> Iterator[IndexDoc]:
        for position, article_id in enumerate(chunk):
            if cancel():
                return
            taken[0] = position + 1
            doc = index_doc(catalogue, article_id)
            if doc is not None:
                yield doc
            if position % 50 == 0:
                report(done + position, 0)

    for chunk in _chunks(ids, 1):
        taken = [0]  # articles of the chunk read (all of them unless cancelled)
        for name, metas in build_segments(engine.folder, docs(chunk, taken), budget):
            engine.add_segment(name, metas)
        done += taken[0]
        if taken[0] < len(chunk):
            return done
        report(done, 0)
    return done


def _index_in_workers(
    catalogue: Catalogue,
    engine: WhooshEngine,
    ids: Sequence[int],
    workers: int,
    report: Progress,
    cancel: Cancel,
) -> int:
    """Segments built by worker processes (``reader.workers``: no shared counter or
    semaphore, and they die with this process), registered here in order. A segment whose
    worker died or stalled is built in this process instead."""
    analysed = [0]
    done = 0

    def on_progress(count: int) -> None:
        analysed[0] += count
        report(done, analysed[0])

    with WorkerPool(
        _build_segment,
        workers=workers,
        initializer=_worker_init,
        initargs=(str(catalogue.path), str(engine.folder), SEGMENT_MB * 2**20),
        depth=1,
        budget=max(SEGMENT_BUDGET, budget_from_env()),
        on_progress=on_progress,
    ) as pool:
        for chunk, built in pool.map(_chunks(ids, workers), cancel=cancel):
            if isinstance(built, Failed):
                built_here = _index_in_process(catalogue, engine, chunk, lambda a, b: None, cancel)
                if built_here < len(chunk):
                    break
            else:
                for name, metas in built:
                    engine.add_segment(name, metas)
            done += len(chunk)
            report(done, analysed[0])
    if done < len(ids):  # cancelled: segments written but never registered go
        engine.sweep_unregistered()
    return done


def sync_index(
    catalogue: Catalogue,
    engine: WhooshEngine,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    workers: int | None = None,
) -> SyncSummary:
    """Bring the index up to date with the catalogue, segment by segment."""
    started = time.perf_counter()
    cancel = cancel or (lambda: False)
    workers = workers or index_workers(os.cpu_count())
    summary = SyncSummary(rebuilt=engine.rebuilt)
    engine.rebuilt = False
    with _sync_lock(engine.folder):
        diff = version_diff(catalogue, engine)
        todo, updated = diff.todo, diff.stale
        if diff.removed:
            engine.delete(diff.removed)
            summary.removed = len(diff.removed)
        total = len(todo)
        last = [0.0]

        def report(committed: int, analysed: int) -> None:
            if progress is None:
                return
            now = time.perf_counter()
            shown = min(total, max(committed, analysed))
            if shown >= total or now - last[0] >= 0.1:
                last[0] = now
                progress(shown, total)

        if progress:
            progress(0, total)
        if workers <= 1 or total < IN_PROCESS:
            done = _index_in_process(catalogue, engine, todo, report, cancel)
        else:
            done = _index_in_workers(catalogue, engine, todo, workers, report, cancel)
        summary.cancelled = done < total
        if not summary.cancelled:
            # Small and mostly-stale segments are merged (arrays only: nothing is
            # analysed again), so the number of segments a query visits stays small.
            engine.merge_segments(cancel)
    summary.updated = min(updated, done)
    summary.added = max(0, done - summary.updated)
    summary.seconds = time.perf_counter() - started
    return summary


def check_index(
    catalogue: Catalogue, engine: WhooshEngine, *, verify: bool = False
) -> dict[str, Any]:
    """How the index and the catalogue agree: counts of what is missing, stale or extra.

    With *verify*, first the full check of the index itself (every checksum, the manifest
    row by row), without repairing anything: ``damaged`` counts the damage found and
    ``damage`` describes it; articles in damaged segments count as missing."""
    damage = engine.verify(repair=False) if verify else []
    diff = version_diff(catalogue, engine)
    report: dict[str, Any] = {
        "library": diff.library,
        "indexed": diff.indexed,
        "missing": len(diff.todo) - diff.stale,
        "stale": diff.stale,
        "extra": len(diff.removed),
    }
    if verify:
        report["damaged"] = len(damage)
        report["damage"] = damage
    return report


class LibraryUserData:
    """The reader's bookmarks, tags, notes and reading state, read live from the
    catalogue for the ``is:``, ``tag:`` and ``in:notes`` filters."""

    def __init__(self, catalogue: Catalogue) -> None:
        from reader.annotations.store import AnnotationStore

        self.catalogue = catalogue
        self.store = AnnotationStore(catalogue)

    def bookmarked_ids(self) -> set[int]:
        return self.store.bookmarked_ids()

    def ids_with_tag(self, tag: str) -> set[int]:
        return self.store.ids_with_tag(tag)

    def annotated_ids(self) -> set[int]:
        return self.store.annotated_ids()

    def read_ids(self) -> set[int]:
        return self.catalogue.read_ids()

    def notes(self) -> list[tuple[int, str]]:
        return [
            (d.article_id, d.quote + "\n" + (d.note or ""))
            for d in self.store.note_documents()
            if d.article_id is not None
        ]


def search_library(
    catalogue: Catalogue,
    engine: SearchEngine,
    text: str,
    *,
    limit: int = 20,
    sort: Sort = "relevance",
) -> SearchResults:
    return engine.search(
        text,
        limit=limit,
        sort=sort,
        text_of=catalogue.title_and_text,
        library=catalogue.count(),
        user=LibraryUserData(catalogue),
    )
