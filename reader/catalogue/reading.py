"""Reading articles back: the count, the CLI's list, one article with its related links
resolved (and what links to it), and summary rows.

Related links are resolved here, when read, by joining on a normalised URL key (then on
exact title), so a link stays correct whichever of the two articles was imported first.
"""

from __future__ import annotations

import json
from typing import Any

from reader.article import Article, Link
from reader.catalogue.connection import CatalogueConnection
from reader.catalogue.records import decode_blocks


class ArticleQueries(CatalogueConnection):
    """Reading articles (the CLI's, the GUI's and the annotations' side of ``Catalogue``)."""

    # -- reading ---------------------------------------------------------------------

    def count(self) -> int:
        """Articles in the library; cached until this or another connection writes
        (a search asks on every keystroke; counting 100,000 rows costs 2 ms)."""
        version = (self._db.execute("PRAGMA data_version").fetchone()[0], self._db.total_changes)
        if self._count_cache is None or self._count_cache[0] != version:
            count = int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])
            self._count_cache = (version, count)
        return self._count_cache[1]

    def list_articles(self, *, order: str = "date") -> list[dict[str, Any]]:
        """Summary rows (the ``list --json`` contract), newest first by default."""
        orders = {
            "date": "date IS NULL, date DESC, id DESC",
            # the pinyin key of schema 6 (安全 before 北京), as the window's list sorts
            "title": "(SELECT s.title FROM article_sort s WHERE s.article_id = articles.id), id",
            "site": "site IS NULL, site COLLATE NOCASE, date DESC, id DESC",
            "id": "id",
        }
        sql = (
            "SELECT id, title, date, site, source_url, path, language, kind FROM articles "
            f"ORDER BY {orders.get(order, orders['date'])}"
        )
        return [
            {
                "id": r[0],
                "title": r[1],
                "date": r[2],
                "site": r[3],
                "source_url": r[4],
                "path": r[5],
                "language": r[6],
                "kind": r[7],
            }
            for r in self._db.execute(sql)
        ]

    def ids(self) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def get(self, article_id: int) -> Article | None:
        row = self._db.execute(
            "SELECT title, blocks, date, site, source_url, language, byline, kind, path,"
            " warnings FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return Article(
            title=row[0],
            blocks=decode_blocks(row[1]),
            date=row[2],
            site=row[3],
            source_url=row[4],
            language=row[5],
            byline=row[6],
            kind=row[7],
            path=row[8],
            links=self.links_of(article_id),
            warnings=json.loads(row[9]) if row[9] else [],
        )

    def links_of(self, article_id: int) -> list[Link]:
        """Related links in order, each resolved to an archived article by URL, then title."""
        rows = self._db.execute(
            """
            SELECT l.title, l.url,
                   COALESCE(
                     (SELECT min(a.id) FROM articles a WHERE a.url_key = l.url_key
                        AND l.url_key IS NOT NULL),
                     (SELECT min(a.id) FROM articles a WHERE a.title = l.title)
                   )
            FROM links l WHERE l.article_id = ? ORDER BY l.position
            """,
            (article_id,),
        )
        return [
            Link(title=r[0], url=r[1], article_id=r[2] if r[2] != article_id else None)
            for r in rows
        ]

    def linked_from(self, article_id: int) -> list[dict[str, Any]]:
        """Archived articles whose related links point at *article_id* ("linked from")."""
        row = self._db.execute(
            "SELECT url_key, title FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return []
        key, title = row
        rows = self._db.execute(
            """
            SELECT DISTINCT a.id, a.title, a.date, a.site FROM links l
            JOIN articles a ON a.id = l.article_id
            WHERE (l.url_key = ? AND ? IS NOT NULL) OR l.title = ?
            ORDER BY a.date DESC, a.id
            """,
            (key, key, title),
        )
        return [
            {"id": r[0], "title": r[1], "date": r[2], "site": r[3]}
            for r in rows
            if r[0] != article_id
        ]

    def summary(self, article_id: int) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT id, title, date, site, source_url, path, language, kind FROM articles"
            " WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return {
            "id": row[0],
            "title": row[1],
            "date": row[2],
            "site": row[3],
            "source_url": row[4],
            "path": row[5],
            "language": row[6],
            "kind": row[7],
        }
