"""What search reads of annotations: quote and note of each one for the ``in:notes``
index, their versions to tell what the index must update, and a plain fallback search.

Apart because search owns its index and only asks: nothing here writes, and nothing
here knows how search tokenises or ranks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from reader.annotations.annotation_reads import AnnotationReadsMixin
from reader.annotations.model import Annotation, NoteDocument
from reader.annotations.rows import ANNOTATION_FROM


class SearchFeedMixin(AnnotationReadsMixin):
    """The calls of ``AnnotationStore`` that feed the search index."""

    def note_documents(self, ids: Iterable[str] | None = None) -> Iterator[NoteDocument]:
        """Quote and note of every annotation (or of *ids*), for ``in:notes`` indexing."""
        sql = (
            f"SELECT a.id, t.article_id, a.exact, a.note, a.color, a.modified"
            f" FROM {ANNOTATION_FROM}"
        )
        if ids is None:
            rows: Iterable[tuple[Any, ...]] = self._db.execute(sql + " ORDER BY a.rowid")
        else:
            wanted = list(ids)
            rows = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows += self._db.execute(sql + f" WHERE a.id IN ({marks})", chunk).fetchall()
        for r in rows:
            yield NoteDocument(r[0], r[1], r[2], r[3], r[4], r[5])

    def note_versions(self) -> dict[str, str]:
        """Annotation id -> a version (changes with the note, quote or attachment): what
        an index of notes must hold, compared like ``Catalogue.versions``."""
        return {
            r[0]: hashlib.blake2b(repr(r[1:]).encode("utf-8"), digest_size=8).hexdigest()
            for r in self._db.execute(
                "SELECT a.id, a.modified, a.exact, a.note, a.color, t.article_id"
                " FROM annotations a JOIN annotation_targets t ON t.id = a.target_id"
            )
        }

    def search_notes(self, text: str, *, limit: int | None = None) -> list[Annotation]:
        """Annotations whose quote or note contains *text* (ignoring case), newest first:
        a plain fallback for ``in:notes`` that needs no index."""
        wanted = text.casefold()
        out = []
        for a in self.list_annotations():
            if wanted in a.quote.casefold() or wanted in (a.note or "").casefold():
                out.append(a)
                if limit is not None and len(out) >= limit:
                    break
        return out
