"""What an import writes: the folders it was given, and the articles it found in them.

Every article write runs inside the importer's transaction (``db`` is its connection),
so a failed import leaves the catalogue as it was. Comparing the disk with the
catalogue is ``FileScan`` (``scan.py``), which ``scan()`` starts.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from reader.article import Article
from reader.catalogue.connection import CatalogueConnection
from reader.catalogue.copies import groups_touched, repoint_groups
from reader.catalogue.records import ArticleRecord, FileState, prepare_record
from reader.catalogue.scan import FileScan
from reader.catalogue.schema import folded, sort_key
from reader.filenames import display_path, path_bytes, real_path


class ImportWrites(CatalogueConnection):
    """Roots and article writes (the importer's side of ``Catalogue``)."""

    # -- roots -----------------------------------------------------------------------

    def add_root(self, path: str) -> None:
        """Remember an imported folder (its display form; its bytes too if they differ)."""
        shown, raw = display_path(path), path_bytes(path)
        self._db.execute(
            "INSERT INTO roots(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING",
            (shown, time.time()),
        )
        if raw is not None:
            self._db.execute(
                "INSERT OR IGNORE INTO root_path_bytes(path, raw) VALUES (?, ?)", (shown, raw)
            )
        self._db.commit()

    def mark_root_scanned(self, path: str) -> None:
        self._db.execute(
            "UPDATE roots SET scanned_at = ? WHERE path = ?", (time.time(), display_path(path))
        )
        self._db.commit()

    def roots(self) -> list[str]:
        """The imported folders as paths to open (``display_path`` shows one)."""
        return [
            real_path(r[0], r[1])
            for r in self._db.execute(
                "SELECT r.path, b.raw FROM roots r LEFT JOIN root_path_bytes b ON b.path = r.path"
                " ORDER BY r.path"
            )
        ]

    # -- writing articles ------------------------------------------------------------

    def file_states_under(self, root: str) -> dict[str, FileState]:
        """Every catalogued file inside folder *root* (or the file *root* itself), by the
        path to open. (The importer uses ``FileScan``, which holds none of this in memory.)"""
        shown = display_path(root)
        prefix = shown.rstrip("/") + "/"
        rows = self._db.execute(
            "SELECT a.path, b.raw, a.id, a.size, a.mtime_ns, a.hash FROM articles a"
            " LEFT JOIN article_path_bytes b ON b.article_id = a.id"
            " WHERE (a.path >= ? AND a.path < ?) OR a.path = ?",
            (prefix, prefix[:-1] + "0", shown),
        )
        return {real_path(r[0], r[1]): FileState(r[2], r[3], r[4], r[5]) for r in rows}

    def scan(self) -> FileScan:
        """Start comparing what an import finds on disk with the catalogue."""
        return FileScan(self._db)

    def upsert_article(
        self,
        db: sqlite3.Connection,
        article: Article | ArticleRecord,
        *,
        article_id: int | None = None,
        is_new: bool = False,
        **file_info: Any,
    ) -> int:
        """Insert or replace one article inside the caller's transaction; keeps its id.

        Takes an Article plus ``path``, ``size``, ``mtime_ns``, ``content_hash`` (and
        optionally ``encoding``), or an ArticleRecord prepared elsewhere (a worker process).
        ``is_new`` skips the look-up by path when the caller knows the file is new.

        A path that is not UTF-8 is stored in its display form, its bytes beside it. When
        that display form is another file's path, ``sqlite3.IntegrityError`` (UNIQUE) is
        raised, as for any path already in the catalogue under another id.
        """
        record = (
            article if isinstance(article, ArticleRecord) else prepare_record(article, **file_info)
        )
        now = time.time()
        raw = path_bytes(record.values[0])
        values = (
            record.values if raw is None else (display_path(record.values[0]), *record.values[1:])
        )
        if article_id is None and not is_new:
            row = db.execute(
                "SELECT a.id FROM articles a WHERE a.path = ? AND (SELECT b.raw FROM"
                " article_path_bytes b WHERE b.article_id = a.id) IS ?",
                (values[0], raw),
            ).fetchone()
            article_id = row[0] if row else None
        if article_id is None:
            cur = db.execute(
                "INSERT INTO articles(path, size, mtime_ns, hash, kind, encoding, title, date,"
                " site, source_url, url_key, language, byline, blocks, warnings, imported_at,"
                " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*values, now, now),
            )
            article_id = int(cur.lastrowid or 0)
        else:
            db.execute(
                "UPDATE articles SET path=?, size=?, mtime_ns=?, hash=?, kind=?, encoding=?,"
                " title=?, date=?, site=?, source_url=?, url_key=?, language=?, byline=?,"
                " blocks=?, warnings=?, updated_at=? WHERE id=?",
                (*values, now, article_id),
            )
            db.execute("DELETE FROM links WHERE article_id = ?", (article_id,))
            if raw is None:
                db.execute("DELETE FROM article_path_bytes WHERE article_id = ?", (article_id,))
        if raw is not None:
            db.execute(
                "INSERT OR REPLACE INTO article_path_bytes(article_id, raw) VALUES (?, ?)",
                (article_id, raw),
            )
        db.executemany(
            "INSERT INTO links(article_id, position, title, url, url_key) VALUES (?,?,?,?,?)",
            [(article_id, i, *link) for i, link in enumerate(record.links)],
        )
        # The title and site as the list's quick filter compares them (schema 5).
        db.execute(
            "INSERT OR REPLACE INTO article_folded(article_id, title, site) VALUES (?, ?, ?)",
            (article_id, folded(values[6]), folded(values[8])),
        )
        # ... and the key the list sorts titles by (schema 6: pinyin for Chinese).
        db.execute(
            "INSERT OR REPLACE INTO article_sort(article_id, title) VALUES (?, ?)",
            (article_id, sort_key(values[6])),
        )
        return article_id

    def touch(
        self,
        db: sqlite3.Connection,
        article_id: int,
        size: int,
        mtime_ns: int,
        path: str | None = None,
    ) -> None:
        """Record a new mtime (or path) for a file whose content did not change."""
        if path is None:
            db.execute(
                "UPDATE articles SET size=?, mtime_ns=? WHERE id=?", (size, mtime_ns, article_id)
            )
            return
        raw = path_bytes(path)
        db.execute(
            "UPDATE articles SET size=?, mtime_ns=?, path=? WHERE id=?",
            (size, mtime_ns, display_path(path), article_id),
        )
        if raw is None:
            db.execute("DELETE FROM article_path_bytes WHERE article_id = ?", (article_id,))
        else:
            db.execute(
                "INSERT OR REPLACE INTO article_path_bytes(article_id, raw) VALUES (?, ?)",
                (article_id, raw),
            )

    def delete_articles(self, db: sqlite3.Connection, ids: Iterable[int]) -> int:
        """Delete articles by id (their links, reading state and path bytes go with them;
        annotations only detach)."""
        ids = list(ids)
        stories = groups_touched(db, ids)  # schema 7: their stories are re-pointed
        db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
        repoint_groups(db, stories)
        return len(ids)

    # -- removing from the library (never from disk) ---------------------------------

    def exclude_articles(self, ids: Iterable[int]) -> int:
        """Remove articles from the library and remember their paths, so no re-scan
        imports them again; their files are not touched. Highlights, notes and bookmarks
        are kept, detached (the schema's triggers), and come back with the article if
        ``include_paths`` lets it in again. Returns how many were in the library."""
        ids = sorted(set(ids))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        found: list[tuple[int, str]] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += self._db.execute(
                f"SELECT id, path FROM articles WHERE id IN ({marks})", chunk
            ).fetchall()
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO excluded_paths(path, excluded_at) VALUES (?, ?)"
                " ON CONFLICT(path) DO UPDATE SET excluded_at = excluded.excluded_at",
                [(path, now) for _id, path in found],
            )
            return self.delete_articles(db, [i for i, _path in found])

    def include_paths(self, paths: Iterable[str]) -> int:
        """Undo ``exclude_articles`` for these files: the next import or re-scan takes
        them in again. Returns how many were excluded."""
        shown = [(display_path(p),) for p in paths]
        with self.transaction() as db:
            before = db.total_changes
            db.executemany("DELETE FROM excluded_paths WHERE path = ?", shown)
            return db.total_changes - before

    def excluded_paths(self) -> set[str]:
        """The paths (display form) removed from the library, which imports skip."""
        return {r[0] for r in self._db.execute("SELECT path FROM excluded_paths")}

    def forget_root(self, root: str) -> list[int]:
        """Forget the imported folder *root*: its row goes, and so do the articles under it
        that are under no other remaining folder (their ids are returned). Nothing is
        excluded: importing the folder again brings them back."""
        shown = display_path(root).rstrip("/") or "/"
        with self.transaction() as db:
            db.execute("DELETE FROM roots WHERE path = ?", (shown,))
            others = [r[0].rstrip("/") + "/" for r in db.execute("SELECT path FROM roots")]
            prefix = shown.rstrip("/") + "/"
            under = db.execute(
                "SELECT id, path FROM articles WHERE (path >= ? AND path < ?)",
                (prefix, prefix[:-1] + "0"),
            ).fetchall()
            gone = [i for i, path in under if not any(path.startswith(o) for o in others)]
            self.delete_articles(db, gone)
        return gone
