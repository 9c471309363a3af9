"""What the search index is built from: each article's version (its content hash) and
its indexed text. The index is derived data; ``reader/search/sync.py`` compares these
versions with what it holds and re-indexes the difference.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reader.catalogue.connection import CatalogueConnection
from reader.catalogue.records import decode_blocks


class SearchFeed(CatalogueConnection):
    """The search index's side of ``Catalogue``."""

    # -- for the search index ----------------------------------------------------------

    def versions(self) -> dict[int, str]:
        """Article id -> content hash: what the search index must hold."""
        return dict(self._db.execute("SELECT id, hash FROM articles"))

    def iter_versions(self) -> Iterator[tuple[int, str]]:
        """(article id, content hash) in id order, read as it goes (a library of
        300,000 articles is not held in memory to be compared with the index)."""
        yield from self._db.execute("SELECT id, hash FROM articles ORDER BY id")

    def index_row(self, article_id: int) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT id, hash, title, blocks, date, site, source_url, language FROM articles"
            " WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        blocks = decode_blocks(row[3])
        return {
            "id": row[0],
            "version": row[1],
            "title": row[2],
            "body": "\n\n".join(b.text for b in blocks if b.kind != "credit"),
            "date": row[4],
            "site": row[5],
            "source_url": row[6],
            "language": row[7],
        }

    def title_and_text(self, article_id: int) -> tuple[str, str] | None:
        """(title, body text joined by blank lines): what search checks and quotes."""
        row = self._db.execute(
            "SELECT title, blocks FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        blocks = decode_blocks(row[1])
        return row[0], "\n\n".join(b.text for b in blocks if b.kind != "credit")
