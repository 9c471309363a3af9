"""Annotation targets: how bookmarks and annotations find their article, and find it again.

Article ids are not stable enough for user data: the importer deletes an article whose
file vanished, and SQLite hands the id out again. So annotations and bookmarks hang on a
row of ``annotation_targets`` that remembers the article by path, source URL (its
``url_key``) and file hash, and points at the library's article while it is there.

The catalogue's migration 3 keeps that pointer right inside every import transaction:
deleting an article detaches its target; inserting one attaches a detached target with
the same path, else URL, else bytes; updating one refreshes what its target remembers.
These functions do the rest (a detached target matching an article that is already in
the library; undo and import naming an article that may have left), always inside the
caller's transaction (*db*). One target per article (a unique index); when two would
meet, they merge.
"""

from __future__ import annotations

import json
import sqlite3

from reader import messages as m
from reader.annotations.model import ArticleRef, parse_tags
from reader.errors import ReaderError
from reader.urls import url_key


def find_article(
    db: sqlite3.Connection, path: str | None, key: str | None, file_hash: str | None
) -> int | None:
    """The article a remembered target names: same path, else same URL, else same bytes."""
    for column, value in (("path", path), ("url_key", key), ("hash", file_hash)):
        if value:
            row = db.execute(
                f"SELECT min(id) FROM articles WHERE {column} = ?", (value,)
            ).fetchone()
            if row and row[0] is not None:
                return int(row[0])
    return None


def _refresh(db: sqlite3.Connection, target_id: int, article_id: int) -> None:
    row = db.execute(
        "SELECT path, url_key, source_url, title, hash FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    db.execute(
        "UPDATE annotation_targets SET article_id = ?, path = ?, url_key = ?,"
        " source_url = ?, title = ?, file_hash = ? WHERE id = ?",
        (article_id, *row, target_id),
    )


def _merge(db: sqlite3.Connection, keep: int, gone: int) -> None:
    """Move everything of target *gone* onto *keep*; two bookmarks become one (tags
    united, the earliest created, the latest modified)."""
    db.execute("UPDATE annotations SET target_id = ? WHERE target_id = ?", (keep, gone))
    theirs = db.execute(
        "SELECT tags, created, modified FROM bookmarks WHERE target_id = ?", (gone,)
    ).fetchone()
    if theirs is not None:
        ours = db.execute(
            "SELECT tags, created, modified FROM bookmarks WHERE target_id = ?", (keep,)
        ).fetchone()
        if ours is None:
            db.execute("UPDATE bookmarks SET target_id = ? WHERE target_id = ?", (keep, gone))
        else:
            tags = parse_tags([*json.loads(ours[0]), *json.loads(theirs[0])])
            db.execute(
                "UPDATE bookmarks SET tags = ?, created = ?, modified = ? WHERE target_id = ?",
                (
                    json.dumps(tags, ensure_ascii=False),
                    min(ours[1], theirs[1]),
                    max(ours[2], theirs[2]),
                    keep,
                ),
            )
            db.execute("DELETE FROM bookmarks WHERE target_id = ?", (gone,))
    db.execute("DELETE FROM annotation_targets WHERE id = ?", (gone,))


def attach(db: sqlite3.Connection, target_id: int, article_id: int) -> int:
    """Attach detached *target_id* to *article_id* (merging into the article's own target
    if it has one); returns the target the data is on now."""
    row = db.execute(
        "SELECT id FROM annotation_targets WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        _refresh(db, target_id, article_id)
        return target_id
    _merge(db, int(row[0]), target_id)
    return int(row[0])


def detached_matching(db: sqlite3.Connection, article_id: int) -> list[int]:
    """Detached targets that name *article_id*: by path first, then URL, then bytes."""
    art = db.execute(
        "SELECT path, url_key, hash FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if art is None:
        return []
    found: list[int] = []
    for column, value in zip(("path", "url_key", "file_hash"), art, strict=True):
        if value is None:
            continue
        found += [
            r[0]
            for r in db.execute(
                f"SELECT id FROM annotation_targets WHERE article_id IS NULL"
                f" AND {column} = ? ORDER BY id",
                (value,),
            )
            if r[0] not in found
        ]
    return found


def any_detached(db: sqlite3.Connection) -> bool:
    return (
        db.execute("SELECT 1 FROM annotation_targets WHERE article_id IS NULL LIMIT 1").fetchone()
        is not None
    )


def reattach_all(db: sqlite3.Connection) -> int:
    """Attach every detached target whose article is in the library; how many were."""
    attached = 0
    for target_id, path, key, file_hash in db.execute(
        "SELECT id, path, url_key, file_hash FROM annotation_targets"
        " WHERE article_id IS NULL ORDER BY id"
    ).fetchall():
        article_id = find_article(db, path, key, file_hash)
        if article_id is not None:
            attach(db, target_id, article_id)
            attached += 1
    return attached


def target_for_article(db: sqlite3.Connection, article_id: int) -> int:
    """The article's target, created (or a detached one naming it attached) if needed."""
    row = db.execute(
        "SELECT id FROM annotation_targets WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is not None:
        return int(row[0])
    for target_id in detached_matching(db, article_id):
        return attach(db, target_id, article_id)
    cur = db.execute(
        "INSERT INTO annotation_targets(article_id, source_url, url_key, path, title,"
        " file_hash) SELECT id, source_url, url_key, path, title, hash FROM articles"
        " WHERE id = ?",
        (article_id,),
    )
    if not cur.rowcount:
        raise ReaderError(m.NO_ARTICLE.format(id=article_id))
    return int(cur.lastrowid or 0)


def target_for_ref(db: sqlite3.Connection, ref: ArticleRef) -> int:
    """The target for a remembered article (undo, import): its article's target if the
    article is in the library, else a detached one that waits for it to come back."""
    key = url_key(ref.source_url)
    article_id: int | None = None
    if ref.article_id is not None:
        # Ids are reused after a delete: trust one only if its article still matches.
        row = db.execute(
            "SELECT path, url_key, hash FROM articles WHERE id = ?", (ref.article_id,)
        ).fetchone()
        if row is not None and (
            row[0] == ref.path or (key and row[1] == key) or row[2] == ref.file_hash
        ):
            article_id = ref.article_id
    if article_id is None:
        article_id = find_article(db, ref.path, key, ref.file_hash)
    if article_id is not None:
        return target_for_article(db, article_id)
    for column, value in (("path", ref.path), ("url_key", key), ("file_hash", ref.file_hash)):
        if value:
            row = db.execute(
                f"SELECT id FROM annotation_targets WHERE article_id IS NULL"
                f" AND {column} = ? ORDER BY id LIMIT 1",
                (value,),
            ).fetchone()
            if row is not None:
                return int(row[0])
    cur = db.execute(
        "INSERT INTO annotation_targets(article_id, source_url, url_key, path, title,"
        " file_hash) VALUES (NULL, ?, ?, ?, ?, ?)",
        (ref.source_url, key, ref.path, ref.title, ref.file_hash),
    )
    return int(cur.lastrowid or 0)


def drop_if_empty(db: sqlite3.Connection, target_id: int) -> None:
    """Remove a target nothing hangs on any more (no annotation, no bookmark)."""
    db.execute(
        "DELETE FROM annotation_targets WHERE id = ?"
        " AND NOT EXISTS (SELECT 1 FROM annotations WHERE target_id = ?)"
        " AND NOT EXISTS (SELECT 1 FROM bookmarks WHERE target_id = ?)",
        (target_id, target_id, target_id),
    )
