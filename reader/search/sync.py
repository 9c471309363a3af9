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
import math
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from reader.catalogue import Catalogue
from reader.errors import ReaderError
from reader.search.engine import Cancel, IndexDoc, Progress, SearchResults, Sort
from reader.search.whoosh_engine import RecordMeta, WhooshEngine, build_segment

SEGMENT_DOCS = 1536  # a segment's size: bounds a worker's memory (~280 MB at 8 KB each)
IN_PROCESS = 300  # fewer articles than this are not worth starting worker processes


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


@contextlib.contextmanager
def _sync_lock(folder: Path) -> Iterator[None]:
    """Exclusive right to index this folder (an OS lock: a dead holder releases it)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: Whoosh's own lock still serialises
        yield
        return
    handle = open(folder / "sync.lock", "a+")  # noqa: SIM115 - held for the whole block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ReaderError("Another Archive Reader process is indexing this library; "
                              "search works meanwhile and indexing resumes later.") from None
        yield
    finally:
        handle.close()


# -- worker side -----------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _worker_init(catalogue_path: str, folder: str, counter: Any) -> None:
    _worker["catalogue"] = Catalogue(catalogue_path, readonly=True)
    _worker["folder"] = Path(folder)
    _worker["counter"] = counter


def _build_segment(ids: list[int]) -> tuple[str, list[RecordMeta]] | None:
    catalogue: Catalogue = _worker["catalogue"]
    counter = _worker["counter"]

    def docs() -> Iterator[IndexDoc]:
        for article_id in ids:
            doc = index_doc(catalogue, article_id)
            with counter.get_lock():
                counter.value += 1
            if doc is not None:
                yield doc

    return build_segment(_worker["folder"], docs())


# -- parent side -----------------------------------------------------------------------

def _chunks(ids: list[int], workers: int) -> list[list[int]]:
    size = min(SEGMENT_DOCS, max(64, math.ceil(len(ids) / max(workers, 1))))
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _index_in_process(catalogue: Catalogue, engine: WhooshEngine, ids: list[int],
                      report: Progress, cancel: Cancel) -> int:
    """Index in this process, a segment at a time; a cancel keeps what was analysed."""
    done = 0
    for chunk in _chunks(ids, 1):
        docs: list[IndexDoc] = []
        for position, article_id in enumerate(chunk):
            if cancel():
                engine.add(docs)
                return done + position
            doc = index_doc(catalogue, article_id)
            if doc is not None:
                docs.append(doc)
            if position % 50 == 0:
                report(done + position, 0)
        engine.add(docs)
        done += len(chunk)
        report(done, 0)
    return done


def _index_in_workers(catalogue: Catalogue, engine: WhooshEngine, ids: list[int],
                      workers: int, report: Progress, cancel: Cancel) -> int:
    ctx = get_context("spawn")
    counter = ctx.Value("q", 0)
    chunks = _chunks(ids, workers)
    done = 0
    pool = ctx.Pool(workers, initializer=_worker_init,
                    initargs=(str(catalogue.path), str(engine.folder), counter))
    try:
        pending = [(len(c), pool.apply_async(_build_segment, (c,))) for c in chunks]
        for size, result in pending:
            while not result.ready():
                result.wait(0.2)
                report(done + 0, int(counter.value))
                if cancel():
                    pool.terminate()
                    engine.store.sweep()
                    return done
            built = result.get()
            if built is not None:
                engine.add_segment(*built)
            done += size
            report(done, int(counter.value))
    finally:
        pool.terminate()
        pool.join()
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
    workers = workers or min(2, os.cpu_count() or 1)
    summary = SyncSummary(rebuilt=engine.rebuilt)
    engine.rebuilt = False
    with _sync_lock(engine.folder):
        wanted = catalogue.versions()
        have = engine.indexed_versions()
        removed = [i for i in have if i not in wanted]
        todo = sorted(i for i, v in wanted.items() if have.get(i) != v)
        updated = sum(1 for i in todo if i in have)
        if removed:
            engine.delete(removed)
            summary.removed = len(removed)
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
            compact = engine.compaction_plan()
            if compact:
                _index_in_process(catalogue, engine, compact, lambda a, b: None, cancel)
    summary.updated = min(updated, done)
    summary.added = max(0, done - summary.updated)
    summary.seconds = time.perf_counter() - started
    return summary


def check_index(catalogue: Catalogue, engine: WhooshEngine) -> dict[str, int]:
    """How the index and the catalogue agree: counts of what is missing, stale or extra."""
    wanted = catalogue.versions()
    have = engine.indexed_versions()
    return {
        "library": len(wanted),
        "indexed": sum(1 for i, v in have.items() if wanted.get(i) == v),
        "missing": sum(1 for i in wanted if i not in have),
        "stale": sum(1 for i, v in have.items() if i in wanted and wanted[i] != v),
        "extra": sum(1 for i in have if i not in wanted),
    }


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
        return [(d.article_id, d.quote + "\n" + (d.note or ""))
                for d in self.store.note_documents() if d.article_id is not None]


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
        library=catalogue.count(), user=LibraryUserData(catalogue),
    )
