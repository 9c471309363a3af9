"""Writing annotations: highlighting a passage (by offsets or by its quote), editing its
note and color, deleting it and restoring it exactly (the GUI's undo).

Apart from reading because every write is one transaction that must leave the
annotation whole or absent; ``_put`` is the one statement that stores an annotation as
given, shared by restore and by ``merge``.
"""

from __future__ import annotations

import sqlite3
import uuid

from reader.annotations import targets
from reader.annotations.anchoring import QuoteChoice, Selector, locate_quote, select, text_hash
from reader.annotations.annotation_reads import AnnotationReadsMixin
from reader.annotations.model import Annotation, check_color, later_than, now_iso
from reader.annotations.rows import clean_note


class _Keep:
    """Sentinel: "leave this field as it is" (None means "clear it")."""


KEEP = _Keep()


class AnnotationWritesMixin(AnnotationReadsMixin):
    """The annotation writes of ``AnnotationStore``."""

    def add_annotation(
        self,
        article_id: int,
        start: int,
        end: int,
        *,
        note: str | None = None,
        color: str | None = None,
    ) -> Annotation:
        """Highlight ``Article.text[start:end]`` (offsets into the paragraphs joined by
        a blank line), with an optional note."""
        text = self._article_text(article_id)
        return self._insert_new(article_id, text, select(text, start, end), note, color)

    def annotate_quote(
        self,
        article_id: int,
        quote: str,
        *,
        occurrence: int | None = None,
        prefix: str | None = None,
        note: str | None = None,
        color: str | None = None,
    ) -> tuple[Annotation, QuoteChoice]:
        """Highlight the passage whose text is *quote* (see ``locate_quote``)."""
        text = self._article_text(article_id)
        choice = locate_quote(text, quote, occurrence=occurrence, prefix=prefix)
        selector = select(text, choice.start, choice.end)
        return self._insert_new(article_id, text, selector, note, color), choice

    def _insert_new(
        self, article_id: int, text: str, selector: Selector, note: str | None, color: str | None
    ) -> Annotation:
        color = check_color(color)
        now = now_iso()
        annotation_id = str(uuid.uuid4())
        with self.catalogue.transaction() as db:
            target = targets.target_for_article(db, article_id)
            file_hash = db.execute(
                "SELECT hash FROM articles WHERE id = ?", (article_id,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO annotations(id, target_id, exact, prefix, suffix, start_pos,"
                " end_pos, orphaned, text_hash, file_hash, note, color, created, modified)"
                " VALUES (?,?,?,?,?,?,?,0,?,?,?,?,?,?)",
                (
                    annotation_id,
                    target,
                    selector.exact,
                    selector.prefix,
                    selector.suffix,
                    selector.start,
                    selector.end,
                    text_hash(text),
                    file_hash,
                    clean_note(note),
                    color,
                    now,
                    now,
                ),
            )
        return self._require(annotation_id)

    def edit_annotation(
        self,
        annotation_id: str,
        *,
        note: str | None | _Keep = KEEP,
        color: str | None | _Keep = KEEP,
    ) -> Annotation:
        """Change the note and/or color (``None``/empty note removes it). Returns the
        annotation as it now is; the caller keeps the old one for undo."""
        current = self._require(annotation_id)
        new_note = current.note if isinstance(note, _Keep) else clean_note(note)
        new_color = current.color if isinstance(color, _Keep) else check_color(color)
        if (new_note, new_color) == (current.note, current.color):
            return current
        with self.catalogue.transaction() as db:
            db.execute(
                "UPDATE annotations SET note = ?, color = ?, modified = ? WHERE id = ?",
                (new_note, new_color, later_than(current.modified), annotation_id),
            )
        return self._require(annotation_id)

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Delete; returns the annotation exactly as stored, for ``restore_annotation``."""
        current = self._require(annotation_id)
        with self.catalogue.transaction() as db:
            row = db.execute(
                "SELECT target_id FROM annotations WHERE id = ?", (annotation_id,)
            ).fetchone()
            db.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
            targets.drop_if_empty(db, row[0])
        return current

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put an annotation back as it was (undo of delete or edit): same id, times,
        quote and position. If its article's text changed meanwhile, the next read
        re-anchors it."""
        with self.catalogue.transaction() as db:
            self._put(db, annotation, targets.target_for_ref(db, annotation.article))
        return self._require(annotation.id)

    @staticmethod
    def _put(db: sqlite3.Connection, a: Annotation, target: int) -> None:
        db.execute(
            "INSERT INTO annotations(id, target_id, exact, prefix, suffix, start_pos,"
            " end_pos, orphaned, text_hash, file_hash, note, color, created, modified)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO UPDATE SET target_id = excluded.target_id,"
            " exact = excluded.exact, prefix = excluded.prefix, suffix = excluded.suffix,"
            " start_pos = excluded.start_pos, end_pos = excluded.end_pos,"
            " orphaned = excluded.orphaned, text_hash = excluded.text_hash,"
            " file_hash = excluded.file_hash, note = excluded.note, color = excluded.color,"
            " created = excluded.created, modified = excluded.modified",
            (
                a.id,
                target,
                a.quote,
                a.prefix,
                a.suffix,
                a.start,
                a.end,
                int(a.orphaned),
                a.text_hash,
                a.file_hash,
                clean_note(a.note),
                check_color(a.color),
                a.created,
                a.modified,
            ),
        )
