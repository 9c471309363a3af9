"""For the desktop app: the lazy article list (ids in display order, then rows a page at
a time) and the reading state (read or unread, where each article was left).

Builds on ``ArticleQueries`` (the unread count is the library's count less the read).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from reader.catalogue.reading import ArticleQueries
from reader.catalogue.schema import folded
from reader.filenames import display_path


class DesktopQueries(ArticleQueries):
    """The desktop app's side of ``Catalogue``."""

    # -- for the desktop app -----------------------------------------------------------
    # The article list is lazy: it asks for the ids in display order (covering-index
    # scans, no article text read), then for rows by id, one visible page at a time.
    # Reading state is user data: written in transactions, kept when an article is
    # re-imported (it keeps its id), removed with the article.

    _LIST_ORDERS = {
        # Date and title read one index in either direction; within a site the newest
        # come first whichever way the sites run.
        ("date", True): "date DESC, id DESC",
        ("date", False): "date ASC, id ASC",
        # Titles by their sort key (schema 6's article_sort: pinyin for Chinese, folded
        # Latin), read in order from its index article_sort_title.
        ("title", False): "s.title ASC, s.article_id ASC",
        ("title", True): "s.title DESC, s.article_id DESC",
        ("site", False): "site COLLATE NOCASE ASC, date DESC, id DESC",
        ("site", True): "site COLLATE NOCASE DESC, date DESC, id DESC",
    }

    def list_ids(
        self,
        *,
        order: str = "date",
        descending: bool = True,
        unread_only: bool = False,
        words: Iterable[str] = (),
    ) -> list[int]:
        """Article ids in display order: *order* is date, title or site; every one of
        *words* must occur in the title or the site, folded as search folds text (case,
        full-width forms, accents, Traditional and Simplified Chinese: 電商 and 电商 find
        the same articles)."""
        key = (order, descending)
        if key not in self._LIST_ORDERS:
            raise ValueError(f"unknown list order {order!r}")
        # Title order reads the sort keys' table (every article has its row): its
        # article_id is the id the filters name.
        by_title = order == "title"
        id_column = "s.article_id" if by_title else "id"
        where: list[str] = []
        params: list[Any] = []
        matching: list[str] = []
        for word in words:
            # ``fold`` keeps length and never empties a word; instr needs no escaping
            # and, on folded text, no case rule of its own.
            matching.append("(instr(title, ?) > 0 OR instr(site, ?) > 0)")
            params += [folded(word)] * 2
        if matching:
            # One scan of the folded side table (schema 5), whose rows hold nothing else:
            # 17-30 ms at 100,000 articles, no slower than the two covering-index scans
            # it replaced (the whole query, sorting what matched: 20-95 ms, as before).
            where.append(
                f"{id_column} IN (SELECT article_id FROM article_folded WHERE "
                + " AND ".join(matching)
                + ")"
            )
        if unread_only:
            where.append(
                f"{id_column} NOT IN"
                " (SELECT article_id FROM reading_state WHERE read_at IS NOT NULL)"
            )
        sql = "SELECT s.article_id FROM article_sort s" if by_title else "SELECT id FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + self._LIST_ORDERS[key]
        return [r[0] for r in self._db.execute(sql, params)]

    def list_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """The list columns of *ids* (id, title, date, site, language, read), by id."""
        rows: dict[int, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(
                "SELECT a.id, a.title, a.date, a.site, a.language, r.read_at IS NOT NULL"
                " FROM articles a LEFT JOIN reading_state r ON r.article_id = a.id"
                f" WHERE a.id IN ({marks})",
                chunk,
            ):
                rows[r[0]] = {
                    "id": r[0],
                    "title": r[1],
                    "date": r[2],
                    "site": r[3],
                    "language": r[4],
                    "read": bool(r[5]),
                }
        return rows

    def mark_read(self, ids: Iterable[int], read: bool = True) -> None:
        """Mark articles read (or unread again); ids no longer in the library are ignored."""
        now = time.time()
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO reading_state(article_id, read_at, position, updated_at)"
                " SELECT id, ?, 0, ? FROM articles WHERE id = ?"
                " ON CONFLICT(article_id) DO UPDATE SET read_at = excluded.read_at,"
                " updated_at = excluded.updated_at",
                [(now if read else None, now, i) for i in ids],
            )

    def is_read(self, article_id: int) -> bool:
        row = self._db.execute(
            "SELECT read_at IS NOT NULL FROM reading_state WHERE article_id = ?", (article_id,)
        ).fetchone()
        return bool(row and row[0])

    def read_ids(self) -> set[int]:
        """Ids of the articles marked read (``is:read`` / ``is:unread``)."""
        return {
            r[0]
            for r in self._db.execute(
                "SELECT article_id FROM reading_state WHERE read_at IS NOT NULL"
            )
        }

    def unread_count(self) -> int:
        read = self._db.execute(
            "SELECT count(*) FROM reading_state WHERE read_at IS NOT NULL"
        ).fetchone()[0]
        return self.count() - int(read)

    def save_position(self, article_id: int, position: int) -> None:
        """Where the reader left *article_id*: a character offset into its shown text."""
        now = time.time()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO reading_state(article_id, read_at, position, updated_at)"
                " SELECT id, NULL, ?, ? FROM articles WHERE id = ?"
                " ON CONFLICT(article_id) DO UPDATE SET position = excluded.position,"
                " updated_at = excluded.updated_at",
                (max(0, int(position)), now, article_id),
            )

    def position(self, article_id: int) -> int:
        row = self._db.execute(
            "SELECT position FROM reading_state WHERE article_id = ?", (article_id,)
        ).fetchone()
        return int(row[0]) if row else 0

    def paths_of(self, ids: Iterable[int]) -> dict[int, str]:
        """The file each of *ids* was imported from (display form), by id; ids not in
        the library are left out."""
        ids = list(ids)
        found: dict[int, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(f"SELECT id, path FROM articles WHERE id IN ({marks})", chunk)
            )
        return found

    def id_at_path(self, path: str) -> int | None:
        """The article imported from the file *path* (a file: link inside the archive)."""
        row = self._db.execute(
            "SELECT id FROM articles WHERE path = ?", (display_path(path),)
        ).fetchone()
        return int(row[0]) if row else None
