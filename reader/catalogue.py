"""The SQLite catalogue: what was imported, its cleaned text and its links.

The only module that writes the database. WAL mode, so the GUI can read while an import
writes; every change runs in a transaction. It knows nothing of the search index (which is
derived data and rebuilt from here) nor of Qt.

Related links are resolved when read, by joining on a normalised URL key (then on exact
title), so a link stays correct whichever of the two articles was imported first and
whatever was deleted since; no stored target ids can go stale.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.article import Article, Block, Link
from reader.errors import ReaderError
from reader.urls import url_key

SCHEMA_VERSION = 3

_MIGRATIONS: list[str] = [
    # 1: articles, links, roots
    """
    CREATE TABLE IF NOT EXISTS roots (
        path TEXT PRIMARY KEY,
        added_at REAL NOT NULL,
        scanned_at REAL
    );
    CREATE TABLE IF NOT EXISTS articles (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        hash TEXT NOT NULL,
        kind TEXT NOT NULL,
        encoding TEXT,
        title TEXT NOT NULL,
        date TEXT,
        site TEXT,
        source_url TEXT,
        url_key TEXT,
        language TEXT,
        byline TEXT,
        blocks BLOB NOT NULL,
        warnings TEXT,
        imported_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS links (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        url TEXT NOT NULL,
        url_key TEXT,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;
    """,
    # 2: the desktop app's reading state (read/unread, where each article was left), and
    # a covering index so the list can sort 100,000 rows by site without a table scan
    # (measured: 0.5 s scanning the table, ~30 ms on this index).
    """
    CREATE TABLE IF NOT EXISTS reading_state (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        read_at REAL,
        position INTEGER NOT NULL DEFAULT 0,
        updated_at REAL NOT NULL
    );
    CREATE INDEX IF NOT EXISTS articles_site_list
        ON articles(site COLLATE NOCASE, date DESC, id DESC);
    """,
    # 3: bookmarks and annotations (reader/annotations/store.py). User data, so nothing
    # here cascades from articles: an article leaving the library (its file deleted)
    # only detaches its annotation target; the triggers re-attach it when an article
    # with the same path, URL or bytes comes back, inside the importer's transaction.
    """
    CREATE TABLE IF NOT EXISTS annotation_targets (
        id INTEGER PRIMARY KEY,
        article_id INTEGER,
        source_url TEXT,
        url_key TEXT,
        path TEXT,
        title TEXT,
        file_hash TEXT
    );
    CREATE UNIQUE INDEX IF NOT EXISTS annotation_targets_article
        ON annotation_targets(article_id) WHERE article_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS annotation_targets_detached_path
        ON annotation_targets(path) WHERE article_id IS NULL;
    CREATE INDEX IF NOT EXISTS annotation_targets_detached_url
        ON annotation_targets(url_key) WHERE article_id IS NULL;
    CREATE INDEX IF NOT EXISTS annotation_targets_detached_hash
        ON annotation_targets(file_hash) WHERE article_id IS NULL;
    CREATE TABLE IF NOT EXISTS bookmarks (
        target_id INTEGER PRIMARY KEY REFERENCES annotation_targets(id),
        uid TEXT NOT NULL UNIQUE,
        tags TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS annotations (
        id TEXT PRIMARY KEY,
        target_id INTEGER NOT NULL REFERENCES annotation_targets(id),
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start_pos INTEGER,
        end_pos INTEGER,
        orphaned INTEGER NOT NULL DEFAULT 0,
        text_hash TEXT,
        file_hash TEXT,
        note TEXT,
        color TEXT,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS annotations_target ON annotations(target_id, start_pos);
    CREATE INDEX IF NOT EXISTS annotations_created ON annotations(created);
    CREATE TRIGGER IF NOT EXISTS annotation_targets_attach AFTER INSERT ON articles
    WHEN EXISTS (SELECT 1 FROM annotation_targets WHERE article_id IS NULL)
    BEGIN
        UPDATE OR IGNORE annotation_targets SET article_id = NEW.id
        WHERE id = (SELECT id FROM annotation_targets
                    WHERE article_id IS NULL AND path = NEW.path ORDER BY id LIMIT 1);
        UPDATE OR IGNORE annotation_targets SET article_id = NEW.id
        WHERE NEW.url_key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM annotation_targets WHERE article_id = NEW.id)
          AND id = (SELECT id FROM annotation_targets
                    WHERE article_id IS NULL AND url_key = NEW.url_key ORDER BY id LIMIT 1);
        UPDATE OR IGNORE annotation_targets SET article_id = NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM annotation_targets WHERE article_id = NEW.id)
          AND id = (SELECT id FROM annotation_targets
                    WHERE article_id IS NULL AND file_hash = NEW.hash ORDER BY id LIMIT 1);
        UPDATE annotation_targets SET path = NEW.path, url_key = NEW.url_key,
            source_url = NEW.source_url, title = NEW.title, file_hash = NEW.hash
        WHERE article_id = NEW.id;
    END;
    CREATE TRIGGER IF NOT EXISTS annotation_targets_detach AFTER DELETE ON articles
    WHEN EXISTS (SELECT 1 FROM annotation_targets WHERE article_id = OLD.id)
    BEGIN
        UPDATE annotation_targets SET article_id = NULL WHERE article_id = OLD.id;
    END;
    CREATE TRIGGER IF NOT EXISTS annotation_targets_follow AFTER UPDATE ON articles
    WHEN OLD.path IS NOT NEW.path OR OLD.url_key IS NOT NEW.url_key
      OR OLD.source_url IS NOT NEW.source_url OR OLD.title IS NOT NEW.title
      OR OLD.hash IS NOT NEW.hash
    BEGIN
        UPDATE annotation_targets SET path = NEW.path, url_key = NEW.url_key,
            source_url = NEW.source_url, title = NEW.title, file_hash = NEW.hash
        WHERE article_id = NEW.id;
    END;
    """,
]

# Secondary indexes are kept apart from the tables: a large import drops them and builds
# them again at the end (one sort instead of a million random B-tree inserts; measured:
# SQLite was 70% of a 100,000-article import), and every open re-creates any missing.
SECONDARY_INDEXES = {
    "articles_url_key": "articles(url_key)",
    "articles_title": "articles(title)",
    "articles_date": "articles(date)",
    "links_url_key": "links(url_key)",
    "links_title": "links(title)",
}
BULK_DROPPABLE = ("articles_title", "links_url_key", "links_title")

LIST_COLUMNS = ("id", "title", "date", "site", "source_url", "path")


@dataclass(slots=True)
class FileState:
    """What the catalogue remembers of a file, to skip it when unchanged."""

    id: int
    size: int
    mtime_ns: int
    hash: str


def _encode_blocks(blocks: list[Block]) -> bytes:
    """Blocks as zlib-compressed JSON: Chinese text shrinks to less than half, which halves
    what an import of 100,000 articles writes (measured: SQLite was the bottleneck)."""
    raw = json.dumps([[b.kind, b.text] for b in blocks], ensure_ascii=False,
                     separators=(",", ":"))
    return zlib.compress(raw.encode("utf-8"), 1)


def _decode_blocks(raw: bytes) -> list[Block]:
    return [Block(kind, text) for kind, text in json.loads(zlib.decompress(raw))]


@dataclass(slots=True)
class ArticleRecord:
    """An article flattened to the catalogue's row values, ready to write.

    Built by ``prepare_record`` in the importer's worker processes, so the one process
    that writes SQLite spends its time writing, not encoding JSON or normalising URLs.
    """

    values: tuple[Any, ...]
    links: list[tuple[str, str, str | None]]

    @property
    def warnings(self) -> list[str]:
        raw = self.values[14]
        return list(json.loads(raw)) if raw else []


def prepare_record(
    article: Article,
    *,
    path: str,
    size: int,
    mtime_ns: int,
    content_hash: str,
    encoding: str | None = None,
) -> ArticleRecord:
    values = (
        path, size, mtime_ns, content_hash, article.kind, encoding, article.title,
        article.date, article.site, article.source_url, url_key(article.source_url),
        article.language, article.byline, _encode_blocks(article.blocks),
        json.dumps(article.warnings, ensure_ascii=False) if article.warnings else None,
    )
    links = [(link.title, link.url, url_key(link.url)) for link in article.links]
    return ArticleRecord(values, links)


class Catalogue:
    """One open catalogue database. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self._count_cache: tuple[tuple[int, int], int] | None = None
        try:
            if readonly:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                # Index B-trees of 100,000 articles stay in memory during big imports.
                self._db.execute("PRAGMA cache_size = -65536")
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise ReaderError(
                f"The catalogue {self.path} cannot be opened ({exc}). "
                "Move it aside and import the archive again to rebuild it; then restore "
                "bookmarks and annotations from the newest backup in "
                f"{self.path.parent / 'backups'} with 'reader annotations import FILE'."
            ) from None

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ReaderError(
                f"The catalogue {self.path} was written by a newer version of this app."
            )
        for number in range(version, SCHEMA_VERSION):
            # executescript commits first, so the script carries its own transaction.
            try:
                self._db.executescript(
                    "BEGIN IMMEDIATE;\n" + _MIGRATIONS[number]
                    + f"\nPRAGMA user_version = {number + 1};\nCOMMIT;"
                )
            except BaseException:
                if self._db.in_transaction:
                    self._db.rollback()
                raise
        self.ensure_indexes()

    def ensure_indexes(self) -> None:
        """Create any secondary index that is missing (after a bulk import or a crash)."""
        for name, target in SECONDARY_INDEXES.items():
            self._db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
        self._db.commit()

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """For a large import: drop the indexes that random inserts thrash, rebuild after."""
        for name in BULK_DROPPABLE:
            self._db.execute(f"DROP INDEX IF EXISTS {name}")
        self._db.commit()
        try:
            yield
        finally:
            self.ensure_indexes()

    @property
    def connection(self) -> sqlite3.Connection:
        """For core modules that own tables here (reader/annotations): read with it
        directly; write only inside ``transaction()``."""
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit on success, roll back on any exception."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.rollback()
            raise
        else:
            self._db.commit()

    # -- roots -----------------------------------------------------------------------

    def add_root(self, path: str) -> None:
        self._db.execute(
            "INSERT INTO roots(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING",
            (path, time.time()),
        )
        self._db.commit()

    def mark_root_scanned(self, path: str) -> None:
        self._db.execute("UPDATE roots SET scanned_at = ? WHERE path = ?", (time.time(), path))
        self._db.commit()

    def roots(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT path FROM roots ORDER BY path")]

    # -- writing articles ------------------------------------------------------------

    def file_states_under(self, root: str) -> dict[str, FileState]:
        """Every catalogued file inside folder *root* (or the file *root* itself)."""
        prefix = root.rstrip("/") + "/"
        rows = self._db.execute(
            "SELECT path, id, size, mtime_ns, hash FROM articles "
            "WHERE (path >= ? AND path < ?) OR path = ?",
            (prefix, prefix[:-1] + "0", root),
        )
        return {r[0]: FileState(r[1], r[2], r[3], r[4]) for r in rows}

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
        """
        record = article if isinstance(article, ArticleRecord) else prepare_record(
            article, **file_info
        )
        now = time.time()
        if article_id is None and not is_new:
            row = db.execute(
                "SELECT id FROM articles WHERE path = ?", (record.values[0],)
            ).fetchone()
            article_id = row[0] if row else None
        if article_id is None:
            cur = db.execute(
                "INSERT INTO articles(path, size, mtime_ns, hash, kind, encoding, title, date,"
                " site, source_url, url_key, language, byline, blocks, warnings, imported_at,"
                " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*record.values, now, now),
            )
            article_id = int(cur.lastrowid or 0)
        else:
            db.execute(
                "UPDATE articles SET path=?, size=?, mtime_ns=?, hash=?, kind=?, encoding=?,"
                " title=?, date=?, site=?, source_url=?, url_key=?, language=?, byline=?,"
                " blocks=?, warnings=?, updated_at=? WHERE id=?",
                (*record.values, now, article_id),
            )
            db.execute("DELETE FROM links WHERE article_id = ?", (article_id,))
        db.executemany(
            "INSERT INTO links(article_id, position, title, url, url_key) VALUES (?,?,?,?,?)",
            [(article_id, i, *link) for i, link in enumerate(record.links)],
        )
        return article_id

    def touch(self, db: sqlite3.Connection, article_id: int, size: int, mtime_ns: int,
              path: str | None = None) -> None:
        """Record a new mtime (or path) for a file whose content did not change."""
        if path is None:
            db.execute("UPDATE articles SET size=?, mtime_ns=? WHERE id=?",
                       (size, mtime_ns, article_id))
        else:
            db.execute("UPDATE articles SET size=?, mtime_ns=?, path=? WHERE id=?",
                       (size, mtime_ns, path, article_id))

    def delete_articles(self, db: sqlite3.Connection, ids: Iterable[int]) -> int:
        ids = list(ids)
        db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
        return len(ids)

    # -- reading ---------------------------------------------------------------------

    def count(self) -> int:
        """Articles in the library; cached until this or another connection writes
        (a search asks on every keystroke; counting 100,000 rows costs 2 ms)."""
        version = (self._db.execute("PRAGMA data_version").fetchone()[0],
                   self._db.total_changes)
        if self._count_cache is None or self._count_cache[0] != version:
            count = int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])
            self._count_cache = (version, count)
        return self._count_cache[1]

    def list_articles(self, *, order: str = "date") -> list[dict[str, Any]]:
        """Summary rows (the ``list --json`` contract), newest first by default."""
        orders = {
            "date": "date IS NULL, date DESC, id DESC",
            "title": "title COLLATE NOCASE, id",
            "site": "site IS NULL, site COLLATE NOCASE, date DESC, id DESC",
            "id": "id",
        }
        sql = (
            "SELECT id, title, date, site, source_url, path, language, kind FROM articles "
            f"ORDER BY {orders.get(order, orders['date'])}"
        )
        return [
            {"id": r[0], "title": r[1], "date": r[2], "site": r[3], "source_url": r[4],
             "path": r[5], "language": r[6], "kind": r[7]}
            for r in self._db.execute(sql)
        ]

    def ids(self) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def get(self, article_id: int) -> Article | None:
        row = self._db.execute(
            "SELECT title, blocks, date, site, source_url, language, byline, kind, path,"
            " warnings FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return Article(
            title=row[0], blocks=_decode_blocks(row[1]), date=row[2], site=row[3],
            source_url=row[4], language=row[5], byline=row[6], kind=row[7], path=row[8],
            links=self.links_of(article_id), warnings=json.loads(row[9]) if row[9] else [],
        )

    def links_of(self, article_id: int) -> list[Link]:
        """Related links in order, each resolved to an archived article by URL, then title."""
        rows = self._db.execute(
            """
            SELECT l.title, l.url,
                   COALESCE(
                     (SELECT min(a.id) FROM articles a WHERE a.url_key = l.url_key
                        AND l.url_key IS NOT NULL),
                     (SELECT min(a.id) FROM articles a WHERE a.title = l.title)
                   )
            FROM links l WHERE l.article_id = ? ORDER BY l.position
            """,
            (article_id,),
        )
        return [
            Link(title=r[0], url=r[1], article_id=r[2] if r[2] != article_id else None)
            for r in rows
        ]

    def linked_from(self, article_id: int) -> list[dict[str, Any]]:
        """Archived articles whose related links point at *article_id* ("linked from")."""
        row = self._db.execute(
            "SELECT url_key, title FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return []
        key, title = row
        rows = self._db.execute(
            """
            SELECT DISTINCT a.id, a.title, a.date, a.site FROM links l
            JOIN articles a ON a.id = l.article_id
            WHERE (l.url_key = ? AND ? IS NOT NULL) OR l.title = ?
            ORDER BY a.date DESC, a.id
            """,
            (key, key, title),
        )
        return [
            {"id": r[0], "title": r[1], "date": r[2], "site": r[3]}
            for r in rows
            if r[0] != article_id
        ]

    def summary(self, article_id: int) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT id, title, date, site, source_url, path, language, kind FROM articles"
            " WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return {"id": row[0], "title": row[1], "date": row[2], "site": row[3],
                "source_url": row[4], "path": row[5], "language": row[6], "kind": row[7]}

    # -- for the search index ----------------------------------------------------------

    def versions(self) -> dict[int, str]:
        """Article id -> content hash: what the search index must hold."""
        return dict(self._db.execute("SELECT id, hash FROM articles"))

    def index_row(self, article_id: int) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT id, hash, title, blocks, date, site, source_url, language FROM articles"
            " WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        blocks = _decode_blocks(row[3])
        return {
            "id": row[0], "version": row[1], "title": row[2],
            "body": "\n\n".join(b.text for b in blocks if b.kind != "credit"),
            "date": row[4], "site": row[5], "source_url": row[6], "language": row[7],
        }

    def title_and_text(self, article_id: int) -> tuple[str, str] | None:
        """(title, body text joined by blank lines): what search checks and quotes."""
        row = self._db.execute(
            "SELECT title, blocks FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        blocks = _decode_blocks(row[1])
        return row[0], "\n\n".join(b.text for b in blocks if b.kind != "credit")

    # -- for the desktop app -----------------------------------------------------------
    # The article list is lazy: it asks for the ids in display order (covering-index
    # scans, no article text read), then for rows by id, one visible page at a time.
    # Reading state is user data: written in transactions, kept when an article is
    # re-imported (it keeps its id), removed with the article.

    _LIST_ORDERS = {
        # Date and title read one index in either direction; within a site the newest
        # come first whichever way the sites run.
        ("date", True): "date DESC, id DESC",
        ("date", False): "date ASC, id ASC",
        ("title", False): "title COLLATE NOCASE ASC, id ASC",
        ("title", True): "title COLLATE NOCASE DESC, id DESC",
        ("site", False): "site COLLATE NOCASE ASC, date DESC, id DESC",
        ("site", True): "site COLLATE NOCASE DESC, date DESC, id DESC",
    }

    def list_ids(
        self,
        *,
        order: str = "date",
        descending: bool = True,
        unread_only: bool = False,
        words: Iterable[str] = (),
    ) -> list[int]:
        """Article ids in display order: *order* is date, title or site; every one of
        *words* must occur in the title or the site (case-insensitive for Latin)."""
        key = (order, descending)
        if key not in self._LIST_ORDERS:
            raise ValueError(f"unknown list order {order!r}")
        where: list[str] = []
        params: list[Any] = []
        matching: list[str] = []
        for word in words:
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace(
                "_", "\\_") + "%"
            # Two covering-index scans (title, site) instead of one scan of the table,
            # whose rows carry the article text (measured: 3x slower at 100,000).
            matching.append(
                "SELECT id FROM (SELECT id FROM articles WHERE title LIKE ? ESCAPE '\\'"
                " UNION SELECT id FROM articles WHERE site LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern]
        if matching:
            where.append("id IN (" + " INTERSECT ".join(matching) + ")")
        if unread_only:
            where.append(
                "id NOT IN (SELECT article_id FROM reading_state WHERE read_at IS NOT NULL)"
            )
        sql = "SELECT id FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + self._LIST_ORDERS[key]
        return [r[0] for r in self._db.execute(sql, params)]

    def list_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """The list columns of *ids* (id, title, date, site, language, read), by id."""
        rows: dict[int, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(
                "SELECT a.id, a.title, a.date, a.site, a.language, r.read_at IS NOT NULL"
                " FROM articles a LEFT JOIN reading_state r ON r.article_id = a.id"
                f" WHERE a.id IN ({marks})",
                chunk,
            ):
                rows[r[0]] = {"id": r[0], "title": r[1], "date": r[2], "site": r[3],
                              "language": r[4], "read": bool(r[5])}
        return rows

    def mark_read(self, ids: Iterable[int], read: bool = True) -> None:
        """Mark articles read (or unread again); ids no longer in the library are ignored."""
        now = time.time()
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO reading_state(article_id, read_at, position, updated_at)"
                " SELECT id, ?, 0, ? FROM articles WHERE id = ?"
                " ON CONFLICT(article_id) DO UPDATE SET read_at = excluded.read_at,"
                " updated_at = excluded.updated_at",
                [(now if read else None, now, i) for i in ids],
            )

    def is_read(self, article_id: int) -> bool:
        row = self._db.execute(
            "SELECT read_at IS NOT NULL FROM reading_state WHERE article_id = ?", (article_id,)
        ).fetchone()
        return bool(row and row[0])

    def read_ids(self) -> set[int]:
        """Ids of the articles marked read (``is:read`` / ``is:unread``)."""
        return {r[0] for r in self._db.execute(
            "SELECT article_id FROM reading_state WHERE read_at IS NOT NULL")}

    def unread_count(self) -> int:
        read = self._db.execute(
            "SELECT count(*) FROM reading_state WHERE read_at IS NOT NULL"
        ).fetchone()[0]
        return self.count() - int(read)

    def save_position(self, article_id: int, position: int) -> None:
        """Where the reader left *article_id*: a character offset into its shown text."""
        now = time.time()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO reading_state(article_id, read_at, position, updated_at)"
                " SELECT id, NULL, ?, ? FROM articles WHERE id = ?"
                " ON CONFLICT(article_id) DO UPDATE SET position = excluded.position,"
                " updated_at = excluded.updated_at",
                (max(0, int(position)), now, article_id),
            )

    def position(self, article_id: int) -> int:
        row = self._db.execute(
            "SELECT position FROM reading_state WHERE article_id = ?", (article_id,)
        ).fetchone()
        return int(row[0]) if row else 0

    def id_at_path(self, path: str) -> int | None:
        """The article imported from the file *path* (a file: link inside the archive)."""
        row = self._db.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
        return int(row[0]) if row else None
