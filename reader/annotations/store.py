"""Bookmarks and annotations in the catalogue: the calls the GUI, the CLI and search use.

User data, unlike everything else in the catalogue, cannot be rebuilt from the archive, so:

- every change is one transaction on the catalogue's connection (WAL): a crash leaves
  each change wholly there or wholly absent;
- nothing is keyed on an article id alone. An annotation hangs on an *annotation target*
  (``targets.py``) that remembers the article's path, source URL, title and file hash.
  When the file leaves the library the target is only detached (a trigger in the
  catalogue's migration 3); when a file with the same path, URL or bytes is imported the
  target is attached to it again (another trigger, inside the import's transaction), and
  reads attach leftovers (a file renamed *and* edited: a new article with the old URL);
- when an article's cleaned text changed, its annotations are re-anchored
  (``reader.annotations.anchoring``) when next read, and the new position is stored. One
  that cannot be placed is marked orphaned and kept with its quote, never deleted.

Deletions return what they deleted, and ``restore_*`` puts exactly that back: the GUI's
undo. No Qt, no search index: search calls ``bookmarked_ids``, ``ids_with_tag`` and
``note_documents`` and indexes what it likes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from reader.annotations import marks, targets
from reader.annotations.anchoring import (
    QuoteChoice,
    Selector,
    locate_quote,
    reanchor,
    select,
    text_hash,
)
from reader.annotations.model import (
    Annotation,
    ArticleRef,
    Bookmark,
    NoteDocument,
    ReanchorSummary,
    check_color,
    later_than,
    now_iso,
    parse_tags,
)
from reader.catalogue import Catalogue
from reader.errors import ReaderError

Progress = Callable[[int, int], None]


class _Keep:
    """Sentinel: "leave this field as it is" (None means "clear it")."""


KEEP = _Keep()

_ANNOTATION_COLUMNS = (
    "a.id, a.exact, a.prefix, a.suffix, a.start_pos, a.end_pos, a.orphaned, a.note, "
    "a.color, a.created, a.modified, a.text_hash, a.file_hash, "
    "t.article_id, t.source_url, t.path, t.title, t.file_hash"
)
_ANNOTATION_FROM = "annotations a JOIN annotation_targets t ON t.id = a.target_id"
_BOOKMARK_COLUMNS = (
    "b.uid, b.tags, b.created, b.modified, t.article_id, t.source_url, t.path, t.title, t.file_hash"
)
_BOOKMARK_FROM = "bookmarks b JOIN annotation_targets t ON t.id = b.target_id"


def _annotation(row: tuple[Any, ...]) -> Annotation:
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


def _bookmark(row: tuple[Any, ...]) -> Bookmark:
    return Bookmark(
        id=row[0],
        tags=tuple(json.loads(row[1])),
        created=row[2],
        modified=row[3],
        article=ArticleRef(row[4], row[5], row[6], row[7], row[8]),
    )


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = note.strip("\n")
    return note if note.strip() else None


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


class AnnotationStore:
    """Bookmarks and annotations of one catalogue. Cheap to create; holds no state."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    @property
    def _db(self) -> sqlite3.Connection:
        return self.catalogue.connection

    # -- articles and their targets (targets.py) ---------------------------------------

    def _article_text(self, article_id: int) -> str:
        found = self.catalogue.title_and_text(article_id)
        if found is None:
            raise ReaderError(f"No article with id {article_id}. 'reader list' shows the ids.")
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

    # -- bookmarks ---------------------------------------------------------------------

    def get_bookmark(self, article_id: int) -> Bookmark | None:
        self._attach_matching(article_id)
        row = self._db.execute(
            f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} WHERE t.article_id = ?",
            (article_id,),
        ).fetchone()
        return _bookmark(row) if row else None

    def is_bookmarked(self, article_id: int) -> bool:
        return self.get_bookmark(article_id) is not None

    def bookmark(self, article_id: int, tags: str | Iterable[str] | None = None) -> Bookmark:
        """Bookmark *article_id* (no-op if it is); ``tags`` (comma-separated or a list)
        replace its tags, None leaves them as they are."""
        self._article_text(article_id)  # a clear error for an unknown id
        now = now_iso()
        clean = None if tags is None else parse_tags(tags if isinstance(tags, str) else list(tags))
        with self.catalogue.transaction() as db:
            target = targets.target_for_article(db, article_id)
            exists = db.execute(
                "SELECT tags, modified FROM bookmarks WHERE target_id = ?", (target,)
            ).fetchone()
            if exists is None:
                db.execute(
                    "INSERT INTO bookmarks(target_id, uid, tags, created, modified)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (
                        target,
                        str(uuid.uuid4()),
                        json.dumps(clean or (), ensure_ascii=False),
                        now,
                        now,
                    ),
                )
            elif clean is not None and list(clean) != json.loads(exists[0]):
                db.execute(
                    "UPDATE bookmarks SET tags = ?, modified = ? WHERE target_id = ?",
                    (json.dumps(clean, ensure_ascii=False), later_than(exists[1]), target),
                )
        found = self.get_bookmark(article_id)
        assert found is not None
        return found

    def unbookmark(self, article_id: int) -> Bookmark | None:
        """Remove the bookmark; returns it (for undo: ``restore_bookmark``), or None."""
        found = self.get_bookmark(article_id)
        if found is None:
            return None
        with self.catalogue.transaction() as db:
            row = db.execute(
                "SELECT id FROM annotation_targets WHERE article_id = ?", (article_id,)
            ).fetchone()
            db.execute("DELETE FROM bookmarks WHERE target_id = ?", (row[0],))
            targets.drop_if_empty(db, row[0])
        return found

    def restore_bookmark(self, bookmark: Bookmark) -> Bookmark:
        """Put back a bookmark exactly as it was (same id, tags and times)."""
        with self.catalogue.transaction() as db:
            target = targets.target_for_ref(db, bookmark.article)
            db.execute(
                "DELETE FROM bookmarks WHERE target_id = ? OR uid = ?", (target, bookmark.id)
            )
            db.execute(
                "INSERT INTO bookmarks(target_id, uid, tags, created, modified)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    target,
                    bookmark.id,
                    json.dumps(list(bookmark.tags), ensure_ascii=False),
                    bookmark.created,
                    bookmark.modified,
                ),
            )
        return self._bookmark_by_uid(bookmark.id)

    def _bookmark_by_uid(self, uid: str) -> Bookmark:
        row = self._db.execute(
            f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} WHERE b.uid = ?", (uid,)
        ).fetchone()
        return _bookmark(row)

    def bookmarks(self, *, tag: str | None = None, include_detached: bool = True) -> list[Bookmark]:
        """Every bookmark, newest first; detached ones (article not in the library) too,
        unless ``include_detached`` is False."""
        self.reattach()
        rows = self._db.execute(
            f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM}"
            " ORDER BY b.created DESC, b.rowid DESC"
        )
        found = [_bookmark(r) for r in rows]
        if not include_detached:
            found = [b for b in found if b.article_id is not None]
        if tag is not None:
            wanted = tag.strip().casefold()
            found = [b for b in found if any(t.casefold() == wanted for t in b.tags)]
        return found

    def bookmarked_ids(self) -> set[int]:
        """Ids of bookmarked articles in the library (``is:bookmarked``)."""
        return {
            r[0]
            for r in self._db.execute(
                "SELECT t.article_id FROM bookmarks b JOIN annotation_targets t"
                " ON t.id = b.target_id WHERE t.article_id IS NOT NULL"
            )
        }

    def ids_with_tag(self, tag: str) -> set[int]:
        """Ids of articles whose bookmark has *tag*, ignoring case (``tag:``)."""
        wanted = " ".join(tag.split()).casefold()
        return {
            r[0]
            for r in self._db.execute(
                "SELECT t.article_id, b.tags FROM bookmarks b JOIN annotation_targets t"
                " ON t.id = b.target_id WHERE t.article_id IS NOT NULL"
            )
            if any(t.casefold() == wanted for t in json.loads(r[1]))
        }

    def bookmark_marks(self, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
        """Which of *ids* are bookmarked, with their tags: one read for a page of the
        GUI's list (``marks``; never writes, so it cannot wait on an import's lock)."""
        return marks.bookmark_marks(self._db, ids)

    def annotation_counts(self, ids: Iterable[int]) -> dict[int, int]:
        """How many annotations each of *ids* carries (absent: none); a pure read."""
        return marks.annotation_counts(self._db, ids)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with how many bookmarks carry it, most used first."""
        return marks.tags(self._db)

    # -- annotations: writing ----------------------------------------------------------

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
        colour = check_color(color)
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
                    _clean_note(note),
                    colour,
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
        """Change the note and/or colour (``None``/empty note removes it). Returns the
        annotation as it now is; the caller keeps the old one for undo."""
        current = self._require(annotation_id)
        new_note = current.note if isinstance(note, _Keep) else _clean_note(note)
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
                _clean_note(a.note),
                check_color(a.color),
                a.created,
                a.modified,
            ),
        )

    # -- annotations: reading ----------------------------------------------------------

    def get_annotation(self, annotation_id: str) -> Annotation | None:
        row = self._db.execute(
            f"SELECT {_ANNOTATION_COLUMNS} FROM {_ANNOTATION_FROM} WHERE a.id = ?",
            (annotation_id,),
        ).fetchone()
        return _annotation(row) if row else None

    def _require(self, annotation_id: str) -> Annotation:
        found = self.get_annotation(annotation_id)
        if found is None:
            raise ReaderError(f"No annotation with id {annotation_id}.")
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
        sql = f"SELECT {_ANNOTATION_COLUMNS} FROM {_ANNOTATION_FROM}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.created DESC, a.rowid DESC"
        rows = (_annotation(r) for r in self._db.execute(sql, params))
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

    # -- for the search index ----------------------------------------------------------

    def note_documents(self, ids: Iterable[str] | None = None) -> Iterator[NoteDocument]:
        """Quote and note of every annotation (or of *ids*), for ``in:notes`` indexing."""
        sql = (
            f"SELECT a.id, t.article_id, a.exact, a.note, a.color, a.modified"
            f" FROM {_ANNOTATION_FROM}"
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

    # -- re-anchoring ------------------------------------------------------------------

    def _reanchored(
        self, article_id: int, summary: dict[str, int] | None = None
    ) -> list[Annotation]:
        found = [
            _annotation(r)
            for r in self._db.execute(
                f"SELECT {_ANNOTATION_COLUMNS} FROM {_ANNOTATION_FROM} WHERE t.article_id = ?",
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

    # -- merging data from a file (export.py reads it; backups restore through it) -------

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
            (target, a.quote, _clean_note(a.note) or "", a.start),
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

    # -- everything, for export and backups -----------------------------------------------

    def all_annotations(self) -> list[Annotation]:
        """Every annotation in a stable order (oldest first): what export writes."""
        return [
            _annotation(r)
            for r in self._db.execute(
                f"SELECT {_ANNOTATION_COLUMNS} FROM {_ANNOTATION_FROM} ORDER BY a.created, a.id"
            )
        ]

    def all_bookmarks(self) -> list[Bookmark]:
        return [
            _bookmark(r)
            for r in self._db.execute(
                f"SELECT {_BOOKMARK_COLUMNS} FROM {_BOOKMARK_FROM} ORDER BY b.created, b.uid"
            )
        ]
