"""Bookmarks: adding, tagging, removing and restoring one, listing them, and the id sets
and per-page marks that search and the GUI's list ask for.

Apart from annotations because a bookmark is a whole-article flag with tags: it needs
no anchoring, and its undo is its own (``unbookmark`` returns what ``restore_bookmark``
puts back). Tags are managed across every bookmark at once too: ``tag_counts``,
``rename_tag`` and ``delete_tag`` (``change_tag`` answers the previous tags, which
``restore_tags`` puts back: the GUI's undo).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping

from reader import messages as m
from reader.annotations import marks, targets
from reader.annotations.model import Bookmark, later_than, now_iso, parse_tags
from reader.annotations.rows import BOOKMARK_COLUMNS, BOOKMARK_FROM, to_bookmark
from reader.annotations.store_base import StoreBase
from reader.errors import ReaderError

PreviousTags = dict[str, tuple[str, ...]]
"""The tags bookmarks carried before a tag was renamed or deleted, by bookmark id: what
``change_tag`` answers and ``restore_tags`` puts back."""


def check_tag(tag: str) -> str:
    """*tag* as one tag is stored (spaces collapsed), or a ReaderError: empty, or more
    than one (it contains a ``TAG_SEPARATORS`` character)."""
    if not isinstance(tag, str):
        raise ReaderError(m.TAG_NOT_TEXT.format(tag=repr(tag)))
    found = parse_tags(tag)
    if not found:
        raise ReaderError(m.TAG_EMPTY)
    if len(found) > 1 or found[0] != " ".join(tag.split()):
        raise ReaderError(m.TAG_SEPARATOR.format(tag=repr(tag.strip())))
    return found[0]


class BookmarksMixin(StoreBase):
    """The bookmark calls of ``AnnotationStore``."""

    def get_bookmark(self, article_id: int) -> Bookmark | None:
        self._attach_matching(article_id)
        row = self._db.execute(
            f"SELECT {BOOKMARK_COLUMNS} FROM {BOOKMARK_FROM} WHERE t.article_id = ?",
            (article_id,),
        ).fetchone()
        return to_bookmark(row) if row else None

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
            f"SELECT {BOOKMARK_COLUMNS} FROM {BOOKMARK_FROM} WHERE b.uid = ?", (uid,)
        ).fetchone()
        return to_bookmark(row)

    def bookmarks(self, *, tag: str | None = None, include_detached: bool = True) -> list[Bookmark]:
        """Every bookmark, newest first; detached ones (article not in the library) too,
        unless ``include_detached`` is False."""
        self.reattach()
        rows = self._db.execute(
            f"SELECT {BOOKMARK_COLUMNS} FROM {BOOKMARK_FROM} ORDER BY b.created DESC, b.rowid DESC"
        )
        found = [to_bookmark(r) for r in rows]
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

    # -- tags across every bookmark ------------------------------------------------------

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag in use with how many bookmarks carry it (detached ones too), sorted
        by name ignoring case; spellings that differ only in case count as one."""
        return sorted(marks.tags(self._db), key=lambda item: (item[0].casefold(), item[0]))

    def change_tag(self, old: str, new: str | None) -> PreviousTags:
        """Rename *old* (ignoring case) to *new* on every bookmark, or remove it (*new*
        None), in one transaction; a bookmark that already carries *new* keeps it once.
        Answers the changed bookmarks' previous tags (for ``restore_tags``)."""
        wanted = " ".join(str(old).split()).casefold()
        name = None if new is None else check_tag(new)
        previous: PreviousTags = {}
        if not wanted:
            return previous
        with self.catalogue.transaction() as db:
            rows = db.execute("SELECT uid, tags, modified FROM bookmarks").fetchall()
            for uid, raw, modified in rows:
                tags = tuple(json.loads(raw))
                if not any(t.casefold() == wanted for t in tags):
                    continue
                renamed = [name if t.casefold() == wanted else t for t in tags]
                after = parse_tags([t for t in renamed if t is not None])
                if after == tags:
                    continue
                db.execute(
                    "UPDATE bookmarks SET tags = ?, modified = ? WHERE uid = ?",
                    (json.dumps(list(after), ensure_ascii=False), later_than(modified), uid),
                )
                previous[uid] = tags
        return previous

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag on every bookmark (merging into *new* where it is already there);
        how many bookmarks changed. *new* must be one tag (``check_tag``)."""
        return len(self.change_tag(old, new))

    def delete_tag(self, tag: str) -> int:
        """Remove a tag from every bookmark (the bookmarks stay); how many changed."""
        return len(self.change_tag(tag, None))

    def restore_tags(self, previous: Mapping[str, Iterable[str]]) -> int:
        """Put back the tags ``change_tag`` answered, in one transaction (a bookmark
        removed meanwhile is skipped); how many bookmarks changed. ``modified`` moves on,
        so a backup taken before the undo does not win over it when merged."""
        changed = 0
        with self.catalogue.transaction() as db:
            for uid, tags in previous.items():
                row = db.execute(
                    "SELECT tags, modified FROM bookmarks WHERE uid = ?", (uid,)
                ).fetchone()
                wanted = list(tags)
                if row is None or json.loads(row[0]) == wanted:
                    continue
                db.execute(
                    "UPDATE bookmarks SET tags = ?, modified = ? WHERE uid = ?",
                    (json.dumps(wanted, ensure_ascii=False), later_than(row[1]), uid),
                )
                changed += 1
        return changed
