"""One import's comparison of the files on disk with the catalogue (``FileScan``), and
the files it finds to read (``ScanItem``). ``Catalogue.scan()`` starts one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reader.catalogue.records import FileState
from reader.filenames import display_path, path_bytes


@dataclass(slots=True)
class ScanItem:
    """A file an import must read: new, or changed since (``known``) it was catalogued."""

    seq: int
    path: str  # the path to open
    size: int
    mtime_ns: int
    known: FileState | None


class FileScan:
    """One import's comparison of the disk with the catalogue, kept in SQLite temp tables
    (on disk, in this connection only), so the importer's memory stays flat however many
    files there are: about 1 KB a file went to the size/mtime map and the to-do list when
    they were Python objects (300 MB at 300,000 files).

    ``add`` the files walked; ``compare`` against the folders walked; then ``to_read`` the
    new and changed ones, a page at a time, ``take_moved`` (in the importer's transaction,
    so a rollback puts it back) a vanished file with the same bytes, and ``gone_ids`` what
    left. ``close`` drops the tables.
    """

    _TABLES = ("scan_walked", "scan_gone", "scan_todo")

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.close()
        db.execute(
            "CREATE TEMP TABLE scan_walked (seq INTEGER PRIMARY KEY, raw BLOB NOT NULL UNIQUE,"
            " display TEXT NOT NULL, pbytes BLOB, size INTEGER NOT NULL,"
            " mtime_ns INTEGER NOT NULL)"
        )
        db.commit()

    def add(self, files: Iterable[tuple[str, int, int]]) -> None:
        """(path, size, mtime_ns) of files found; a path seen before is ignored."""
        rows = []
        for path, size, mtime_ns in files:
            raw = path_bytes(path)
            rows.append(
                (os.fsencode(path), display_path(path) if raw else path, raw, size, mtime_ns)
            )
        self._db.executemany(
            "INSERT OR IGNORE INTO temp.scan_walked(raw, display, pbytes, size, mtime_ns)"
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        self._db.commit()

    def compare(self, roots: Iterable[str]) -> tuple[int, int]:
        """(unchanged, to read): files with the catalogue's size and mtime are unchanged;
        catalogued files under *roots* that were not walked are gone."""
        db = self._db
        db.execute("CREATE INDEX temp.scan_walked_display ON scan_walked(display, pbytes)")
        db.execute(
            "CREATE TEMP TABLE scan_gone (id INTEGER PRIMARY KEY, hash TEXT NOT NULL,"
            " display TEXT NOT NULL, raw BLOB)"
        )
        for root in roots:
            shown = display_path(root)
            prefix = shown.rstrip("/") + "/"
            db.execute(
                "INSERT OR IGNORE INTO temp.scan_gone(id, hash, display, raw)"
                " SELECT a.id, a.hash, a.path, b.raw FROM articles a"
                " LEFT JOIN article_path_bytes b ON b.article_id = a.id"
                " WHERE ((a.path >= ? AND a.path < ?) OR a.path = ?)"
                " AND NOT EXISTS (SELECT 1 FROM temp.scan_walked w"
                "                 WHERE w.display = a.path AND w.pbytes IS b.raw)",
                (prefix, prefix[:-1] + "0", shown),
            )
        db.execute("CREATE INDEX temp.scan_gone_hash ON scan_gone(hash)")
        db.execute(
            "CREATE TEMP TABLE scan_todo (seq INTEGER PRIMARY KEY, raw BLOB NOT NULL,"
            " size INTEGER, mtime_ns INTEGER, known_id INTEGER, known_size INTEGER,"
            " known_mtime INTEGER, known_hash TEXT)"
        )
        db.execute(
            "INSERT INTO temp.scan_todo SELECT w.seq, w.raw, w.size, w.mtime_ns, a.id, a.size,"
            " a.mtime_ns, a.hash FROM temp.scan_walked w LEFT JOIN articles a"
            " ON a.path = w.display AND (SELECT b.raw FROM article_path_bytes b"
            "                            WHERE b.article_id = a.id) IS w.pbytes"
            " WHERE a.id IS NULL OR a.size != w.size OR a.mtime_ns != w.mtime_ns"
        )
        db.commit()
        walked = db.execute("SELECT count(*) FROM temp.scan_walked").fetchone()[0]
        todo = db.execute("SELECT count(*) FROM temp.scan_todo").fetchone()[0]
        return int(walked - todo), int(todo)

    def to_read(self, page: int = 1000) -> Iterator[ScanItem]:
        """The new and changed files in walk order, read from SQLite *page* at a time."""
        last = -1
        while True:
            rows = self._db.execute(
                "SELECT seq, raw, size, mtime_ns, known_id, known_size, known_mtime, known_hash"
                " FROM temp.scan_todo WHERE seq > ? ORDER BY seq LIMIT ?",
                (last, page),
            ).fetchall()
            if not rows:
                return
            for seq, raw, size, mtime_ns, kid, ksize, kmtime, khash in rows:
                known = FileState(kid, ksize, kmtime, khash) if kid is not None else None
                yield ScanItem(seq, os.fsdecode(raw), size, mtime_ns, known)
            last = rows[-1][0]

    def take_moved(self, db: sqlite3.Connection, content_hash: str) -> FileState | None:
        """A file that left with exactly these bytes (so the new one is it, moved);
        claimed, so it is no longer gone."""
        row = db.execute(
            "SELECT id FROM temp.scan_gone WHERE hash = ? ORDER BY id LIMIT 1", (content_hash,)
        ).fetchone()
        if row is None:
            return None
        db.execute("DELETE FROM temp.scan_gone WHERE id = ?", (row[0],))
        return FileState(int(row[0]), 0, 0, content_hash)

    def gone_ids(self) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT id FROM temp.scan_gone ORDER BY id")]

    def close(self) -> None:
        for table in self._TABLES:
            self._db.execute(f"DROP TABLE IF EXISTS temp.{table}")
        self._db.commit()
