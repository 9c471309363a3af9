"""What the GUI's article list shows of a page of rows: bookmarks and highlight counts
(and the tags in use, for the tag editor's completion).

Indexed reads for up to a few hundred ids, on any connection (the GUI thread's
included: they never write, so they never wait on an import's write lock). Apart from
the store so the list can ask before the window's first paint without importing the
store and the anchoring it needs (``AnnotationStore`` calls these too).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

_CHUNK = 500  # ids bound in one statement (SQLite's limit is far above)


def _in_chunks(db: sqlite3.Connection, sql: str, ids: Iterable[int]) -> list[tuple[Any, ...]]:
    wanted = list(ids)
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows += db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return rows


def bookmark_marks(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """Which of *ids* are bookmarked, with their tags."""
    return {
        r[0]: tuple(json.loads(r[1]))
        for r in _in_chunks(
            db,
            "SELECT t.article_id, b.tags FROM bookmarks b JOIN annotation_targets t"
            " ON t.id = b.target_id WHERE t.article_id IN ({marks})",
            ids,
        )
    }


def annotation_counts(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, int]:
    """How many annotations each of *ids* carries (absent: none)."""
    return {
        r[0]: r[1]
        for r in _in_chunks(
            db,
            "SELECT t.article_id, count(*) FROM annotations a JOIN annotation_targets t"
            " ON t.id = a.target_id WHERE t.article_id IN ({marks})"
            " GROUP BY t.article_id",
            ids,
        )
    }


def tags(db: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every tag in use with how many bookmarks carry it, most used first (the first
    spelling met stands for the ones that differ only in case)."""
    counts: dict[str, tuple[str, int]] = {}
    for (raw,) in db.execute("SELECT tags FROM bookmarks"):
        for tag in json.loads(raw):
            spelling, n = counts.get(tag.casefold(), (tag, 0))
            counts[tag.casefold()] = (spelling, n + 1)
    return sorted(counts.values(), key=lambda item: (-item[1], item[0].casefold()))
