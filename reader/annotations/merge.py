"""Merging annotations and bookmarks read from a file into the catalogue: what
``export`` reads back (JSON-LD import) and what backups restore through.

Apart because a merge has its own rules (one transaction; never a duplicate; the same
id: the more recently modified version wins) and its own report, ``MergeSummary``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.annotations import targets
from reader.annotations.annotation_writes import AnnotationWritesMixin
from reader.annotations.model import Annotation, Bookmark, parse_tags
from reader.annotations.rows import clean_note


@dataclass
class MergeSummary:
    """What ``merge`` did with annotations and bookmarks read from a file."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    bookmarks_added: int = 0
    bookmarks_updated: int = 0
    bookmarks_unchanged: int = 0
    skipped: list[str] = field(default_factory=list)

    def describe(self) -> str:
        text = (
            f"{self.added} annotations added, {self.updated} updated, "
            f"{self.unchanged} already there; {self.bookmarks_added} bookmarks added, "
            f"{self.bookmarks_updated} updated, {self.bookmarks_unchanged} already there"
        )
        if self.skipped:
            text += f"; {len(self.skipped)} entries skipped"
        return text + "."


class MergeMixin(AnnotationWritesMixin):
    """The merge of ``AnnotationStore``."""

    def merge(
        self, annotations: Iterable[Annotation], bookmarks: Iterable[Bookmark]
    ) -> MergeSummary:
        """Add what is not there yet, in one transaction; never duplicates.

        The same id already there: the more recently modified version wins. A different
        id saying the same thing (same article, quote, position and note): already there.
        """
        summary = MergeSummary()
        with self.catalogue.transaction() as db:
            for a in annotations:
                self._merge_annotation(db, a, summary)
            for b in bookmarks:
                self._merge_bookmark(db, b, summary)
        return summary

    def _merge_annotation(
        self, db: sqlite3.Connection, a: Annotation, summary: MergeSummary
    ) -> None:
        row = db.execute("SELECT modified FROM annotations WHERE id = ?", (a.id,)).fetchone()
        if row is not None:
            if a.modified > row[0]:
                self._put(db, a, targets.target_for_ref(db, a.article))
                summary.updated += 1
            else:
                summary.unchanged += 1
            return
        target = targets.target_for_ref(db, a.article)
        same = db.execute(
            "SELECT 1 FROM annotations WHERE target_id = ? AND exact = ?"
            " AND coalesce(note, '') = ? AND start_pos IS ?",
            (target, a.quote, clean_note(a.note) or "", a.start),
        ).fetchone()
        if same is not None:
            summary.unchanged += 1
            targets.drop_if_empty(db, target)
            return
        self._put(db, a, target)
        summary.added += 1

    def _merge_bookmark(self, db: sqlite3.Connection, b: Bookmark, summary: MergeSummary) -> None:
        target = targets.target_for_ref(db, b.article)
        row = db.execute(
            "SELECT modified FROM bookmarks WHERE target_id = ? OR uid = ?", (target, b.id)
        ).fetchone()
        tags = json.dumps(list(parse_tags(list(b.tags))), ensure_ascii=False)
        if row is None:
            db.execute(
                "INSERT INTO bookmarks(target_id, uid, tags, created, modified)"
                " VALUES (?, ?, ?, ?, ?)",
                (target, b.id, tags, b.created, b.modified),
            )
            summary.bookmarks_added += 1
        elif b.modified > row[0]:
            db.execute(
                "UPDATE bookmarks SET tags = ?, modified = ? WHERE target_id = ? OR uid = ?",
                (tags, b.modified, target, b.id),
            )
            summary.bookmarks_updated += 1
        else:
            summary.bookmarks_unchanged += 1
            targets.drop_if_empty(db, target)
