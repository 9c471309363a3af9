"""Reading annotations: one by id, an article's in reading order, and the filtered,
newest-first list of them all (the global view), plus counts and annotated ids.

Apart from writing because reads have their own duty: they re-anchor what is stale
(``reanchor``) and attach leftover targets before they answer, so every caller sees
annotations placed in the article's current text.
"""

from __future__ import annotations

from typing import Any

from reader import messages as m
from reader.annotations.model import Annotation, check_color
from reader.annotations.reanchor import ReanchorMixin
from reader.annotations.rows import ANNOTATION_COLUMNS, ANNOTATION_FROM, to_annotation
from reader.errors import ReaderError


class AnnotationReadsMixin(ReanchorMixin):
    """The annotation reads of ``AnnotationStore``."""

    def get_annotation(self, annotation_id: str) -> Annotation | None:
        row = self._db.execute(
            f"SELECT {ANNOTATION_COLUMNS} FROM {ANNOTATION_FROM} WHERE a.id = ?",
            (annotation_id,),
        ).fetchone()
        return to_annotation(row) if row else None

    def _require(self, annotation_id: str) -> Annotation:
        found = self.get_annotation(annotation_id)
        if found is None:
            raise ReaderError(m.NO_ANNOTATION.format(id=annotation_id))
        return found

    def annotations_for(self, article_id: int) -> list[Annotation]:
        """The article's annotations in reading order (orphaned ones last, oldest first),
        re-anchored first if its text changed since they were placed."""
        self._attach_matching(article_id)
        found = self._reanchored(article_id)

        def order(a: Annotation) -> tuple[int, int, int, str]:
            if a.placed:
                return (0, a.start or 0, a.end or 0, a.created)
            return (1, 0, 0, a.created)

        return sorted(found, key=order)

    def list_annotations(
        self,
        *,
        query: str | None = None,
        color: str | None = None,
        article_id: int | None = None,
        orphaned: bool | None = None,
        detached: bool | None = None,
        limit: int | None = None,
    ) -> list[Annotation]:
        """All annotations, newest first (the global view). ``query`` must occur in the
        quote, the note or the article's title (ignoring case); ``orphaned``/``detached``
        (article not in the library) filter when True/False."""
        self.reattach()
        self.reanchor_stale()
        where: list[str] = []
        params: list[Any] = []
        if color is not None:
            where.append("a.color = ?")
            params.append(check_color(color))
        if article_id is not None:
            where.append("t.article_id = ?")
            params.append(article_id)
        if orphaned is not None:
            where.append("a.orphaned = ?")
            params.append(int(orphaned))
        if detached is not None:
            where.append("t.article_id IS NULL" if detached else "t.article_id IS NOT NULL")
        sql = f"SELECT {ANNOTATION_COLUMNS} FROM {ANNOTATION_FROM}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.created DESC, a.rowid DESC"
        rows = (to_annotation(r) for r in self._db.execute(sql, params))
        if query:
            wanted = query.casefold()
            rows = (
                a
                for a in rows
                if any(wanted in (s or "").casefold() for s in (a.quote, a.note, a.article.title))
            )
        out: list[Annotation] = []
        for a in rows:
            if limit is not None and len(out) >= limit:
                break
            out.append(a)
        return out

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM annotations").fetchone()[0])

    def annotated_ids(self) -> set[int]:
        """Ids of articles in the library that carry at least one annotation."""
        return {
            r[0]
            for r in self._db.execute(
                "SELECT DISTINCT t.article_id FROM annotations a JOIN annotation_targets t"
                " ON t.id = a.target_id WHERE t.article_id IS NOT NULL"
            )
        }
