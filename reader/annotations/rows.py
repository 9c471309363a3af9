"""How the store reads its rows: the columns and joins of an annotation or a bookmark
with its target, the model objects built from them, and the note as it is stored.

Apart because every part of the store (bookmarks, annotation reads and writes,
re-anchoring, merging, export's dump) selects the same columns and must build the same
objects from them; one place keeps the column order and the conversion in step.
"""

from __future__ import annotations

import json
from typing import Any

from reader.annotations.model import Annotation, ArticleRef, Bookmark

ANNOTATION_COLUMNS = (
    "a.id, a.exact, a.prefix, a.suffix, a.start_pos, a.end_pos, a.orphaned, a.note, "
    "a.color, a.created, a.modified, a.text_hash, a.file_hash, "
    "t.article_id, t.source_url, t.path, t.title, t.file_hash"
)
ANNOTATION_FROM = "annotations a JOIN annotation_targets t ON t.id = a.target_id"
BOOKMARK_COLUMNS = (
    "b.uid, b.tags, b.created, b.modified, t.article_id, t.source_url, t.path, t.title, t.file_hash"
)
BOOKMARK_FROM = "bookmarks b JOIN annotation_targets t ON t.id = b.target_id"


def to_annotation(row: tuple[Any, ...]) -> Annotation:
    return Annotation(
        id=row[0],
        quote=row[1],
        prefix=row[2],
        suffix=row[3],
        start=row[4],
        end=row[5],
        orphaned=bool(row[6]),
        note=row[7],
        color=row[8],
        created=row[9],
        modified=row[10],
        text_hash=row[11],
        file_hash=row[12],
        article=ArticleRef(row[13], row[14], row[15], row[16], row[17]),
    )


def to_bookmark(row: tuple[Any, ...]) -> Bookmark:
    return Bookmark(
        id=row[0],
        tags=tuple(json.loads(row[1])),
        created=row[2],
        modified=row[3],
        article=ArticleRef(row[4], row[5], row[6], row[7], row[8]),
    )


def clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = note.strip("\n")
    return note if note.strip() else None
