"""The root every part of ``AnnotationStore`` builds on: the catalogue, its connection,
and finding an article's text and its annotation targets (``targets.py``).

Apart so the mixins of the store (``bookmarks``, ``annotation_reads`` and the rest)
share one ``__init__`` and one way to reach an article, and none has to import another
to get them.
"""

from __future__ import annotations

import sqlite3

from reader import messages as m
from reader.annotations import targets
from reader.catalogue import Catalogue
from reader.errors import ReaderError


class StoreBase:
    """What every part of ``AnnotationStore`` shares: the catalogue and its connection."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    @property
    def _db(self) -> sqlite3.Connection:
        return self.catalogue.connection

    def _article_text(self, article_id: int) -> str:
        found = self.catalogue.title_and_text(article_id)
        if found is None:
            raise ReaderError(m.NO_ARTICLE.format(id=article_id))
        return found[1]

    def _attach_matching(self, article_id: int) -> None:
        """Attach detached targets that name this article (cheap when there are none)."""
        if not targets.detached_matching(self._db, article_id):
            return
        try:
            with self.catalogue.transaction() as db:
                for target_id in targets.detached_matching(db, article_id):
                    targets.attach(db, target_id, article_id)
        except sqlite3.OperationalError:
            pass  # a read-only catalogue (a search worker): attached on a later write

    def reattach(self) -> int:
        """Attach every detached target whose article is in the library again; how many.

        The import triggers already do this for files that come back; this catches the
        rest (a file renamed and edited between two imports is a new article with the
        old URL, imported before the old one was removed).
        """
        if not targets.any_detached(self._db):
            return 0
        try:
            with self.catalogue.transaction() as db:
                return targets.reattach_all(db)
        except sqlite3.OperationalError:
            return 0  # read-only catalogue
