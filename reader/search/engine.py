"""The search interface the CLI and the GUI use; engines plug in behind it.

Callers see ``SearchEngine``: index documents, delete them, search with a query string,
find similar articles, report coverage. Nothing here names Whoosh, so another engine (a
shared newsroom archive would want OpenSearch or Elasticsearch) can sit behind it without
touching a caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
Sort = Literal["relevance", "date"]


@dataclass(slots=True)
class IndexDoc:
    """What the index needs of one article (taken from the catalogue)."""

    id: int
    version: str  # the content hash: a changed version is re-indexed
    title: str
    body: str
    date: str | None = None
    site: str | None = None
    source_url: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Hit:
    id: int
    score: float
    snippet: str  # plain text, matches wrapped in [ ]
    marks: list[tuple[int, int]] = field(default_factory=list)  # hit marks: offsets in snippet
    matched_in: list[str] = field(default_factory=list)  # "title", "body"


@dataclass(slots=True)
class SearchResults:
    query: str
    hits: list[Hit]
    total: int  # articles matching (an estimate when marked so)
    exact_total: bool
    indexed: int  # articles in the index
    library: int  # articles in the catalogue: indexed < library while indexing catches up
    seconds: float
    note: str | None = None  # e.g. "the query had a syntax error; searched for the words"

    @property
    def coverage(self) -> float:
        return 1.0 if not self.library else min(1.0, self.indexed / self.library)


@dataclass(slots=True)
class AllMatches:
    """Every article a query matches, not a page of hits: what a count over a whole result
    needs (the timeline's months). ``dates`` are the index's, ``YYYYMMDD`` as numbers (0:
    no date; ``YYYYMM00``: a month without a day), aligned with ``ids``.

    When the query needs its candidates checked against the text (a CJK run of three or
    more characters, a phrase) and there are more of them than is worth reading,
    ``ids`` are the candidates, a spread sample of ``checked`` of them was read, and
    ``share`` is the part of it that really matched (``exact`` is then False)."""

    ids: Any  # numpy int64 array
    dates: Any  # numpy int32 array
    exact: bool = True
    share: float = 1.0
    checked: int = 0
    note: str | None = None


class UserData(Protocol):
    """The reader's own data that queries can filter on (``is:``, ``tag:``, ``in:notes``).

    Answered live from the catalogue at query time rather than copied into the index:
    a bookmark or a note is findable the moment it is saved, and nothing derived can
    disagree with it."""

    def bookmarked_ids(self) -> set[int]: ...

    def ids_with_tag(self, tag: str) -> set[int]: ...

    def annotated_ids(self) -> set[int]: ...

    def read_ids(self) -> set[int]: ...

    def notes(self) -> list[tuple[int, str]]: ...  # (article id, quote and note text)


class SearchEngine(Protocol):
    """What searching and the index's upkeep ask of an engine. Callers that only search
    (``search_library``, the window's search process) type against this, so they stay
    the same if another engine sits behind it."""

    rebuilt: bool  # opening found the index lost or damaged and started it afresh

    def add(self, docs: Sequence[IndexDoc]) -> None: ...

    def delete(self, ids: Iterable[int]) -> None: ...

    def indexed_versions(self) -> dict[int, str]: ...

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        sort: Sort = "relevance",
        text_of: Callable[[int], tuple[str, str] | None] | None = None,
        library: int = 0,
        user: UserData | None = None,
    ) -> SearchResults: ...

    def all_matches(
        self,
        query: str,
        *,
        text_of: Callable[[int], tuple[str, str] | None] | None = None,
        user: UserData | None = None,
        check_limit: int = ...,
    ) -> AllMatches: ...

    def similar(self, doc: IndexDoc, *, limit: int = 8) -> list[int]: ...

    def doc_count(self) -> int: ...

    def clear(self) -> None: ...

    def close(self) -> None: ...
