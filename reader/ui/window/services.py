"""The window's background services, each a thread with its own connections.

- ``SearchService``: search and more-like-this, answered by one long-lived search process
  (its engine stays warm between keystrokes; see ``search_process``), latest query wins.
- ``ListQueries``: the article list's ordered ids for a sort or filter (up to ~0.2 s at
  100,000 articles), latest request wins, so typing in the filter never stalls.
- ``StateWriter``: read marks and scroll positions. Writes can wait on an import's
  transaction (seconds, at worst); here they wait in this thread, not in the GUI's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.background.search_process import SearchClient
from reader.catalogue import Catalogue
from reader.paths import catalogue_path
from reader.ui.window.workers import TaskThread


@dataclass(slots=True)
class HitRow:
    id: int
    title: str
    date: str | None
    site: str | None
    language: str | None
    snippet: str
    marks: list[tuple[int, int]]
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


class SearchService:
    """Search requests go through a thread (latest wins) to the search process."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._thread: TaskThread[SearchClient] = TaskThread(
            "search",
            lambda: SearchClient(data_dir),
            lambda client: client.close(),
        )

    def warm_up(self) -> None:
        """Start the search process and open the index, so the first query is quick."""
        self._thread.submit(lambda client: client.call("warm"), lane="warm")

    def search(
        self,
        text: str,
        *,
        sort: str,
        limit: int,
        on_done: Callable[[SearchOutcome], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        def run(client: SearchClient) -> SearchOutcome:
            data = client.call("search", text=text, sort=sort, limit=limit)
            hits = [
                HitRow(
                    h["id"],
                    h["title"],
                    h["date"],
                    h["site"],
                    h["language"],
                    h["snippet"],
                    [(int(a), int(b)) for a, b in h["marks"]],
                    list(h["matched_in"]),
                )
                for h in data["hits"]
            ]
            return SearchOutcome(
                data["query"],
                hits,
                data["total"],
                data["exact_total"],
                data["seconds"],
                data["note"],
                data["indexed"],
                data["library"],
                data["limit"],
                data["rebuilding"],
            )

        self._thread.submit(run, on_done=on_done, on_error=on_error, lane="search")

    def similar(
        self,
        article_id: int,
        *,
        limit: int,
        on_done: Callable[[list[dict[str, Any]]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._thread.submit(
            lambda client: list(client.call("similar", id=article_id, limit=limit)),
            on_done=on_done,
            on_error=on_error,
            lane="similar",
        )

    def timeline(
        self,
        text: str,
        *,
        on_done: Callable[[dict[str, Any]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Every match of *text* by month (``{"months": {...}, "exact": ...}``), from the
        search process after the search itself (latest wins)."""
        self._thread.submit(
            lambda client: dict(client.call("timeline", text=text)),
            on_done=on_done,
            on_error=on_error,
            lane="timeline",
        )

    def reopen(self) -> None:
        """The index was changed by another process (a job): read it afresh."""
        self._thread.submit(lambda client: client.call("reopen"), lane="reopen")

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
    bookmarked_only: bool = False  # the bookmarks view
    tag: str | None = None  # ... narrowed to one tag


def list_ids(catalogue: Catalogue, request: ListRequest) -> list[int]:
    """The ids the list shows for *request*, in order (one thread's catalogue)."""
    ids = catalogue.list_ids(
        order=request.order,
        descending=request.descending,
        unread_only=request.unread_only,
        words=request.words,
    )
    if request.bookmarked_only:
        from reader.annotations.store import AnnotationStore

        store = AnnotationStore(catalogue)
        keep = store.ids_with_tag(request.tag) if request.tag else store.bookmarked_ids()
        ids = [i for i in ids if i in keep]
    return ids


class ListQueries:
    def __init__(self, data_dir: Path) -> None:
        self._thread: TaskThread[Catalogue] = TaskThread(
            "list",
            lambda: Catalogue(catalogue_path(data_dir), readonly=True),
            lambda cat: cat.close(),
        )

    def ids(
        self,
        request: ListRequest,
        on_done: Callable[[list[int]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._thread.submit(
            lambda cat: list_ids(cat, request), on_done=on_done, on_error=on_error, lane="ids"
        )

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self._thread.wait_idle(timeout)

    def stop(self) -> None:
        self._thread.stop()


class StateWriter:
    def __init__(
        self, data_dir: Path, on_error: Callable[[BaseException], None] | None = None
    ) -> None:
        self._on_error = on_error
        self._thread: TaskThread[Catalogue] = TaskThread(
            "state", lambda: Catalogue(catalogue_path(data_dir)), lambda cat: cat.close()
        )

    def mark_read(self, ids: list[int], read: bool = True) -> None:
        self._thread.submit(lambda cat: cat.mark_read(ids, read), on_error=self._on_error)

    def save_position(self, article_id: int, position: int) -> None:
        # Only the latest position of an article matters: older pending ones are dropped.
        self._thread.submit(
            lambda cat: cat.save_position(article_id, position),
            on_error=self._on_error,
            lane=f"position:{article_id}",
        )

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self._thread.wait_idle(timeout)

    def stop(self) -> None:
        self._thread.stop()
