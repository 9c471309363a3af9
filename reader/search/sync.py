"""Keep the search index in step with the catalogue; search with the catalogue's text.

The index is derived data: whatever it holds is compared with the catalogue (article id
and content hash) and the difference is indexed in batches, each committed, so the work
resumes after a crash or a cancel and search can say how much of the library it covers
while it catches up. Analysis runs in worker processes that read the catalogue
themselves (read-only), so article text is never shipped between processes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from reader.catalogue import Catalogue
from reader.search.engine import Cancel, IndexDoc, Progress, SearchResults, Sort
from reader.search.whoosh_engine import PreparedDoc, WhooshEngine, prepare

BATCH = 2000
CHUNK = 100


@dataclass
class SyncSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    cancelled: bool = False
    rebuilt: bool = False
    seconds: float = 0.0

    def describe(self) -> str:
        text = (f"search index: {self.added} added, {self.updated} updated, "
                f"{self.removed} removed in {self.seconds:.1f} s")
        if self.rebuilt:
            text = "search index was missing or damaged and has been rebuilt; " + text
        if self.cancelled:
            text += " (cancelled: it resumes next time)"
        return text


def index_folder(data_dir: Path) -> Path:
    return Path(data_dir) / "index"


def open_engine(data_dir: Path) -> WhooshEngine:
    return WhooshEngine(index_folder(data_dir))


def index_doc(catalogue: Catalogue, article_id: int) -> IndexDoc | None:
    row = catalogue.index_row(article_id)
    if row is None:
        return None
    return IndexDoc(**row)


# -- worker side ---------------------------------------------------------------------

_worker_catalogue: Catalogue | None = None


def _worker_init(path: str) -> None:
    global _worker_catalogue
    _worker_catalogue = Catalogue(path, readonly=True)


def _prepare_ids(ids: list[int]) -> list[PreparedDoc]:
    assert _worker_catalogue is not None
    out = []
    for article_id in ids:
        doc = index_doc(_worker_catalogue, article_id)
        if doc is not None:
            out.append(prepare(doc))
    return out


def _prepared(
    catalogue: Catalogue, ids: list[int], workers: int, cancel: Cancel
) -> Iterator[list[PreparedDoc]]:
    """Prepared documents in chunks, analysed in worker processes when it pays."""

    def serial(rest: list[int]) -> Iterator[list[PreparedDoc]]:
        for start in range(0, len(rest), CHUNK):
            if cancel():
                return
            chunk = [index_doc(catalogue, i) for i in rest[start : start + CHUNK]]
            yield [prepare(d) for d in chunk if d is not None]

    if workers <= 1 or len(ids) < 4 * CHUNK:
        yield from serial(ids)
        return
    done = 0
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=get_context("spawn"),
            initializer=_worker_init, initargs=(str(catalogue.path),),
        ) as pool:
            chunks = (ids[s : s + CHUNK] for s in range(0, len(ids), CHUNK))
            pending: list[tuple[int, Future[list[PreparedDoc]]]] = []
            for chunk in chunks:
                pending.append((len(chunk), pool.submit(_prepare_ids, chunk)))
                if len(pending) >= workers * 3:
                    break
            while pending:
                if cancel():
                    for _, fut in pending:
                        fut.cancel()
                    return
                size, fut = pending.pop(0)
                result = fut.result()
                done += size
                yield result
                nxt = next(chunks, None)
                if nxt is not None:
                    pending.append((len(nxt), pool.submit(_prepare_ids, nxt)))
    except BrokenProcessPool:
        yield from serial(ids[done:])


def sync_index(
    catalogue: Catalogue,
    engine: WhooshEngine,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    workers: int | None = None,
) -> SyncSummary:
    """Bring the index up to date with the catalogue, batch by batch."""
    started = time.perf_counter()
    cancel = cancel or (lambda: False)
    workers = workers or min(2, os.cpu_count() or 1)
    summary = SyncSummary(rebuilt=engine.rebuilt)
    engine.rebuilt = False
    wanted = catalogue.versions()
    have = engine.indexed_versions()
    removed = [i for i in have if i not in wanted]
    todo = [i for i, v in wanted.items() if have.get(i) != v]
    updated = sum(1 for i in todo if i in have)
    if removed:
        engine.delete(removed)
        summary.removed = len(removed)
    total = len(todo)
    if progress:
        progress(0, total)
    done = 0
    batch: list[PreparedDoc] = []
    for chunk in _prepared(catalogue, sorted(todo), workers, cancel):
        batch.extend(chunk)
        done += len(chunk)
        if len(batch) >= BATCH:
            engine.add_prepared(batch)
            batch = []
        if progress:
            progress(min(done, total), total)
    if batch:
        engine.add_prepared(batch)
    summary.cancelled = done < total
    summary.updated = min(updated, done)
    summary.added = max(0, done - summary.updated)
    summary.seconds = time.perf_counter() - started
    return summary


def search_library(
    catalogue: Catalogue,
    engine: WhooshEngine,
    text: str,
    *,
    limit: int = 20,
    sort: Sort = "relevance",
) -> SearchResults:
    return engine.search(
        text, limit=limit, sort=sort, text_of=catalogue.title_and_text,
        library=catalogue.count(),
    )
