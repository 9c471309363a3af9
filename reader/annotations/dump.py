"""Every annotation and every bookmark at once, in a stable order: what export writes
and backups keep.

Apart because these reads, unlike the store's others, neither re-anchor nor attach:
they hand over exactly what is stored.
"""

from __future__ import annotations

from reader.annotations.model import Annotation, Bookmark
from reader.annotations.rows import (
    ANNOTATION_COLUMNS,
    ANNOTATION_FROM,
    BOOKMARK_COLUMNS,
    BOOKMARK_FROM,
    to_annotation,
    to_bookmark,
)
from reader.annotations.store_base import StoreBase


class DumpMixin(StoreBase):
    """The export and backup reads of ``AnnotationStore``."""

    def all_annotations(self) -> list[Annotation]:
        """Every annotation in a stable order (oldest first): what export writes."""
        return [
            to_annotation(r)
            for r in self._db.execute(
                f"SELECT {ANNOTATION_COLUMNS} FROM {ANNOTATION_FROM} ORDER BY a.created, a.id"
            )
        ]

    def all_bookmarks(self) -> list[Bookmark]:
        return [
            to_bookmark(r)
            for r in self._db.execute(
                f"SELECT {BOOKMARK_COLUMNS} FROM {BOOKMARK_FROM} ORDER BY b.created, b.uid"
            )
        ]
