"""Re-anchoring: placing an article's annotations again when its cleaned text changed,
and storing where they landed (orphaned when they cannot be placed, never deleted).

Apart because it is the one part of the store that runs the anchoring algorithm
(``anchoring.reanchor``) over stored rows: reads call it lazily per article
(``_reanchored``), imports call ``reanchor_stale`` for every changed article.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

from reader.annotations.anchoring import Selector, reanchor, text_hash
from reader.annotations.model import Annotation, ReanchorSummary
from reader.annotations.rows import ANNOTATION_COLUMNS, ANNOTATION_FROM, to_annotation
from reader.annotations.store_base import StoreBase

Progress = Callable[[int, int], None]


class ReanchorMixin(StoreBase):
    """The re-anchoring calls of ``AnnotationStore``."""

    def _reanchored(
        self, article_id: int, summary: dict[str, int] | None = None
    ) -> list[Annotation]:
        found = [
            to_annotation(r)
            for r in self._db.execute(
                f"SELECT {ANNOTATION_COLUMNS} FROM {ANNOTATION_FROM} WHERE t.article_id = ?",
                (article_id,),
            )
        ]
        if not found:
            return found
        text = self._article_text(article_id)
        digest = text_hash(text)
        # A matching hash is trusted only if the position really holds the quote: an
        # imported entry (another tool, a hand edit) may carry this text's hash with a
        # position that is wrong, even past the end of the text.
        stale = [
            a
            for a in found
            if a.text_hash != digest or (a.placed and text[a.start : a.end] != a.quote)
        ]
        if not stale:
            return found
        file_hash = self._db.execute(
            "SELECT hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
        updated: dict[str, Annotation] = {}
        for a in stale:
            old = Selector(
                a.quote,
                a.prefix,
                a.suffix,
                None if a.orphaned else a.start,
                None if a.orphaned else a.end,
            )
            placement = reanchor(text, old)
            sel = placement.selector
            if placement.orphaned:
                new = replace(
                    a, start=None, end=None, orphaned=True, text_hash=digest, file_hash=file_hash
                )
            else:
                new = replace(
                    a,
                    quote=sel.exact,
                    prefix=sel.prefix,
                    suffix=sel.suffix,
                    start=sel.start,
                    end=sel.end,
                    orphaned=False,
                    text_hash=digest,
                    file_hash=file_hash,
                )
            updated[a.id] = new
            if summary is not None:
                key = (
                    "orphaned"
                    if new.orphaned
                    else ("moved" if (new.start, new.end) != (a.start, a.end) else "placed")
                )
                summary[key] = summary.get(key, 0) + 1
        try:
            with self.catalogue.transaction() as db:
                db.executemany(
                    "UPDATE annotations SET exact = ?, prefix = ?, suffix = ?, start_pos = ?,"
                    " end_pos = ?, orphaned = ?, text_hash = ?, file_hash = ? WHERE id = ?",
                    [
                        (
                            n.quote,
                            n.prefix,
                            n.suffix,
                            n.start,
                            n.end,
                            int(n.orphaned),
                            n.text_hash,
                            n.file_hash,
                            n.id,
                        )
                        for n in updated.values()
                    ],
                )
        except sqlite3.OperationalError:
            pass  # a read-only catalogue: the placement holds for this read only
        return [updated.get(a.id, a) for a in found]

    def reanchor_stale(self, *, progress: Progress | None = None) -> ReanchorSummary:
        """Re-anchor every annotation whose article's file changed since it was placed
        (call after an import; reads do it lazily anyway). Cheap when nothing changed."""
        ids = [
            r[0]
            for r in self._db.execute(
                "SELECT DISTINCT t.article_id FROM annotations a"
                " JOIN annotation_targets t ON t.id = a.target_id"
                " JOIN articles r ON r.id = t.article_id"
                " WHERE a.file_hash IS NOT r.hash OR a.text_hash IS NULL"
            )
        ]
        counts: dict[str, int] = {}
        for done, article_id in enumerate(ids, 1):
            self._reanchored(article_id, counts)
            if progress:
                progress(done, len(ids))
        return ReanchorSummary(
            len(ids), counts.get("placed", 0), counts.get("moved", 0), counts.get("orphaned", 0)
        )
