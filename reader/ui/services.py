"""The window's background services, each a thread with its own connections.

- ``SearchService``: search and more-like-this, on one long-lived engine (its searcher and
  id maps stay warm between keystrokes), latest query wins.
- ``ListQueries``: the article list's ordered ids for a sort or filter (up to ~0.2 s at
  100,000 articles), latest request wins, so typing in the filter never stalls.
- ``StateWriter``: read marks and scroll positions. Writes can wait on an import's
  transaction (seconds, at worst); here they wait in this thread, not in the GUI's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.catalogue import Catalogue
from reader.paths import catalogue_path
from reader.ui.jobs import open_engine_locked
from reader.ui.workers import TaskThread

if TYPE_CHECKING:
    from reader.search.whoosh_engine import WhooshEngine


@dataclass(slots=True)
class HitRow:
    id: int
    title: str
    date: str | None
    site: str | None
    language: str | None
    snippet: str
    highlights: list[tuple[int, int]]
    matched_in: list[str]


@dataclass(slots=True)
class SearchOutcome:
    query: str
    hits: list[HitRow]
    total: int
    exact_total: bool
    seconds: float
    note: str | None
    indexed: int
    library: int
    limit: int
    rebuilding: bool = False

    @property
    def coverage(self) -> float:
        return 1.0 if not self.library else min(1.0, self.indexed / self.library)


@dataclass
class _SearchContext:
    data_dir: Path
    catalogue: Catalogue
    engine: WhooshEngine | None = None
    rebuilding: bool = False

    def get_engine(self) -> WhooshEngine:
        if self.engine is None:
            self.engine = open_engine_locked(self.data_dir)
            self.rebuilding = self.engine.rebuilt
        return self.engine

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None
        self.catalogue.close()


class SearchService:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._thread: TaskThread[_SearchContext] = TaskThread(
            "search",
            lambda: _SearchContext(data_dir, Catalogue(catalogue_path(data_dir), readonly=True)),
            lambda ctx: ctx.close(),
        )

    def warm_up(self) -> None:
        """Open the engine now (imports Whoosh, reads the index) so the first query is quick."""
        self._thread.submit(lambda ctx: ctx.get_engine(), lane="warm")

    def search(self, text: str, *, sort: str, limit: int,
               on_done: Callable[[SearchOutcome], None],
               on_error: Callable[[BaseException], None]) -> None:
        def run(ctx: _SearchContext) -> SearchOutcome:
            from reader.search.sync import search_library

            engine = ctx.get_engine()
            results = search_library(ctx.catalogue, engine, text, limit=limit,
                                     sort="date" if sort == "date" else "relevance")
            rows = ctx.catalogue.list_rows([h.id for h in results.hits])
            hits = []
            for hit in results.hits:
                row = rows.get(hit.id)
                if row is None:
                    continue
                hits.append(HitRow(hit.id, row["title"], row["date"], row["site"],
                                   row["language"], hit.snippet, list(hit.highlights),
                                   list(hit.matched_in)))
            return SearchOutcome(text, hits, results.total, results.exact_total,
                                 results.seconds, results.note, results.indexed,
                                 results.library, limit, ctx.rebuilding)

        self._thread.submit(run, on_done=on_done, on_error=on_error, lane="search")

    def similar(self, article_id: int, *, limit: int,
                on_done: Callable[[list[dict[str, Any]]], None],
                on_error: Callable[[BaseException], None]) -> None:
        def run(ctx: _SearchContext) -> list[dict[str, Any]]:
            from reader.search.sync import index_doc

            doc = index_doc(ctx.catalogue, article_id)
            if doc is None:
                return []
            ids = ctx.get_engine().similar(doc, limit=limit)
            rows = ctx.catalogue.list_rows(ids)
            return [rows[i] for i in ids if i in rows]

        self._thread.submit(run, on_done=on_done, on_error=on_error, lane="similar")

    def reopen(self) -> None:
        """The index was changed by another engine instance (a job): read it afresh."""

        def run(ctx: _SearchContext) -> None:
            if ctx.engine is not None:
                ctx.engine.close()
                ctx.engine = None
            ctx.rebuilding = False

        self._thread.submit(run, lane="reopen")

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self._thread.wait_idle(timeout)

    def stop(self) -> None:
        self._thread.stop()


@dataclass(frozen=True, slots=True)
class ListRequest:
    order: str = "date"
    descending: bool = True
    unread_only: bool = False
    words: tuple[str, ...] = field(default_factory=tuple)


class ListQueries:
    def __init__(self, data_dir: Path) -> None:
        self._thread: TaskThread[Catalogue] = TaskThread(
            "list", lambda: Catalogue(catalogue_path(data_dir), readonly=True),
            lambda cat: cat.close(),
        )

    def ids(self, request: ListRequest, on_done: Callable[[list[int]], None],
            on_error: Callable[[BaseException], None]) -> None:
        self._thread.submit(
            lambda cat: cat.list_ids(order=request.order, descending=request.descending,
                                     unread_only=request.unread_only, words=request.words),
            on_done=on_done, on_error=on_error, lane="ids",
        )

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self._thread.wait_idle(timeout)

    def stop(self) -> None:
        self._thread.stop()


class StateWriter:
    def __init__(self, data_dir: Path,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self._on_error = on_error
        self._thread: TaskThread[Catalogue] = TaskThread(
            "state", lambda: Catalogue(catalogue_path(data_dir)), lambda cat: cat.close()
        )

    def mark_read(self, ids: list[int], read: bool = True) -> None:
        self._thread.submit(lambda cat: cat.mark_read(ids, read), on_error=self._on_error)

    def save_position(self, article_id: int, position: int) -> None:
        # Only the latest position of an article matters: older pending ones are dropped.
        self._thread.submit(lambda cat: cat.save_position(article_id, position),
                            on_error=self._on_error, lane=f"position:{article_id}")

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self._thread.wait_idle(timeout)

    def stop(self) -> None:
        self._thread.stop()
