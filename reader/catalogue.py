"""The SQLite catalogue: what was imported, its cleaned text and its links.

The only module that writes the database. WAL mode, so the GUI can read while an import
writes; every change runs in a transaction. It knows nothing of the search index (which is
derived data and rebuilt from here) nor of Qt.

Related links are resolved when read, by joining on a normalised URL key (then on exact
title), so a link stays correct whichever of the two articles was imported first and
whatever was deleted since; no stored target ids can go stale.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from reader.article import Article, Block, Link
from reader.errors import (
    CatalogueDamaged,
    DiskError,
    DiskFull,
    LibraryBusy,
    LibraryReadOnly,
    ReaderError,
    StorageError,
)
from reader.filenames import display_path, path_bytes, real_path
from reader.paths import low_on_space, unwritable_reason
from reader.urls import url_key

SCHEMA_VERSION = 4

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
    # 4: file names that are not UTF-8 (reader/filenames.py). ``path`` holds the display
    # form (what SQLite, JSON and people can read); the real bytes, kept only when they
    # differ, let a re-scan find the file again. Side tables rather than ALTER TABLE: this
    # script stays safe to run twice, as the earlier ones are.
    """
    CREATE TABLE IF NOT EXISTS article_path_bytes (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        raw BLOB NOT NULL
    );
    CREATE TABLE IF NOT EXISTS root_path_bytes (
        path TEXT PRIMARY KEY REFERENCES roots(path) ON DELETE CASCADE,
        raw BLOB NOT NULL
    );
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
    raw = json.dumps([[b.kind, b.text] for b in blocks], ensure_ascii=False, separators=(",", ":"))
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
        path,
        size,
        mtime_ns,
        content_hash,
        article.kind,
        encoding,
        article.title,
        article.date,
        article.site,
        article.source_url,
        url_key(article.source_url),
        article.language,
        article.byline,
        _encode_blocks(article.blocks),
        json.dumps(article.warnings, ensure_ascii=False) if article.warnings else None,
    )
    links = [(link.title, link.url, url_key(link.url)) for link in article.links]
    return ArticleRecord(values, links)


# -- what a failing disk means -----------------------------------------------------------
# SQLite's primary result codes (the low byte of ``sqlite_errorcode``).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


def _why_not_writable(path: Path) -> str:
    return unwritable_reason(path.parent) or (
        "no space left on its disk" if low_on_space(path.parent) else "it cannot be written"
    )


def damaged_message(path: Path, detail: object) -> str:
    """The move-aside advice, only for a catalogue that really is damaged: it says that
    the notes live in it and where their newest backup is."""
    from reader.annotations.backup import BACKUP_FOLDER, list_backups

    folder = path.parent / BACKUP_FOLDER
    backups = list_backups(folder)
    restore = (
        f"then restore bookmarks, highlights and notes with 'reader annotations "
        f"import {backups[0]}' (the newest backup in {folder})"
        if backups
        else f"there is no backup of bookmarks and notes in {folder}, so keep the moved "
        "file: what it holds may still be recoverable"
    )
    return (
        f"the catalogue {path} cannot be opened: it is damaged ({detail}). Besides the "
        "articles it holds your bookmarks, highlights, notes and reading state, so do "
        "not delete it: move it aside, import the archive again to rebuild the "
        f"library, and {restore}."
    )


def storage_error(
    exc: BaseException, catalogue: Path | str | None = None
) -> StorageError | CatalogueDamaged | None:
    """What *exc*, raised while reading or writing the library whose catalogue is
    *catalogue*, means for the person: no space, read-only, really damaged, a failing
    disk, busy; or None when it is none of these (a bug, to be reported as one).

    SQLITE_FULL and ENOSPC are a full disk; so is a bare "disk I/O error" when the disk is
    (nearly) full, which is how SQLite reports that it cannot grow the -shm. Read-only
    media give EROFS, SQLITE_READONLY or "unable to open database file" in a folder that
    cannot be written. Only SQLITE_CORRUPT and SQLITE_NOTADB mean a damaged file, and
    only for the catalogue itself is that answered with the move-aside advice.
    """
    if isinstance(exc, StorageError | CatalogueDamaged):
        return exc
    path = Path(catalogue) if catalogue is not None else None
    folder = path.parent if path is not None else None
    if isinstance(exc, OSError):
        name = os.fsdecode(exc.filename) if exc.filename else None
        inside = folder is None or name is None or name.startswith(str(folder))
        where = folder if inside and folder is not None else (Path(name).parent if name else None)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull(where)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            if inside and folder is not None:
                return LibraryReadOnly(folder, why=exc.strerror or "")
            return StorageError(f"{name} cannot be used ({exc.strerror}).", name)
        if exc.errno == errno.EIO:
            return DiskError(
                f"{name or folder or 'the library'} could not be read or "
                "written (input/output error): the disk may be failing or was "
                "disconnected. Check it, then try again.",
                where,
            )
        return None
    if not isinstance(exc, sqlite3.Error):
        return None
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    low = folder is not None and low_on_space(folder)
    if code == _SQLITE_FULL or "database or disk is full" in text:
        return DiskFull(folder)
    if (
        code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
        or "file is not a database" in text
        or "malformed" in text
    ):
        return CatalogueDamaged(damaged_message(path, exc), path) if path else None
    unwritable = unwritable_reason(folder) if folder is not None else None
    if code == _SQLITE_READONLY or "readonly database" in text:
        return LibraryReadOnly(folder or Path("."), why=unwritable or "")
    if code == _SQLITE_IOERR or "disk i/o error" in text:
        if low:
            return DiskFull(folder)
        if unwritable and folder is not None:
            return LibraryReadOnly(folder, why=unwritable)
        return DiskError(
            f"the catalogue {path or ''} could not be read or written ({exc}): "
            "the disk may be failing or was disconnected. Nothing was changed; "
            "check the disk, then try again.",
            path,
        )
    if code == _SQLITE_CANTOPEN or "unable to open database file" in text:
        if unwritable and folder is not None:
            return LibraryReadOnly(folder, why=unwritable)
        if low:
            return DiskFull(folder)
        return None
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return LibraryBusy(
            f"the library at {folder} is busy: another Archive Reader "
            "process kept it locked for too long. Try again when it has "
            "finished.",
            folder,
        )
    return None


def connect_readonly(path: Path | str) -> tuple[sqlite3.Connection, str | None]:
    """A connection to the SQLite file *path* that never writes, and a note for the
    person if it may not show the latest changes: ``mode=ro``, else ``immutable=1``.

    ``mode=ro`` reads a WAL database through its -shm (the one a running app or a crash
    left behind, even on read-only media) and so sees every committed change. When no
    usable -shm exists and none can be made (read-only media; a full disk, where sizing
    it fails with "disk I/O error"), only ``immutable=1`` opens the file (SQLite's WAL
    docs, "read-only databases"): it ignores the -wal, which after a clean close does not
    exist. A -wal with content (a crash, then the -shm lost) cannot be read that way: the
    data is shown as it was before those changes, and the note says so. Nothing is lost:
    they are read the next time the file is opened where it can be written.
    (Also for other SQLite files of a library, such as the search index's store.)
    """
    path = Path(path)
    if not path.is_file():
        raise ReaderError(f"There is no database at {path}.")
    uri = path.resolve().as_uri()
    db = sqlite3.connect(uri + "?mode=ro", uri=True, check_same_thread=False)
    try:
        db.execute("PRAGMA busy_timeout = 10000")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the WAL now
        return db, None
    except sqlite3.OperationalError as exc:
        db.close()
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code not in (_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CANTOPEN):
            raise
    note = None
    wal = Path(f"{path}-wal")
    with suppress(OSError):
        if wal.stat().st_size > 0:
            note = (
                f"the library was not closed cleanly and its latest changes, in {wal}, "
                f"cannot be read here ({_why_not_writable(path)}), so they may be "
                "missing from what is shown. They are not lost: open the library once "
                "where it is writable and has free space to see them."
            )
    db = sqlite3.connect(uri + "?immutable=1", uri=True, check_same_thread=False)
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return db, note


class Catalogue:
    """One open catalogue database. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """Open (or create) the catalogue at *path*.

        ``readonly`` asks for a reading connection (the window's list and search threads).
        Without it, a library whose folder cannot be written (read-only media, no
        permission) or whose disk is full is opened for reading anyway: ``readonly`` then
        becomes true and ``refusal`` holds the error every write raises (what cannot be
        done and why), so listing, reading and searching still work. ``notes`` holds what
        the person should be told once (changes in a -wal that cannot be read here).
        """
        self.path = Path(path)
        self._count_cache: tuple[tuple[int, int], int] | None = None
        self.readonly = readonly
        self.refusal: StorageError | None = (
            LibraryReadOnly(self.path.parent, why="opened for reading only") if readonly else None
        )
        self.notes: list[str] = []
        try:
            self._db = self._connect_reading() if readonly else self._connect_writing()
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, ReaderError):
                raise
            mapped = storage_error(exc, self.path)
            if mapped is None:
                raise ReaderError(f"The catalogue {self.path} cannot be opened ({exc}).") from None
            raise mapped from None

    # -- connecting ----------------------------------------------------------------------
    # Reads need no space and no write access, but a WAL database opened the usual way
    # needs its -shm wal-index, a 32 KB file SQLite creates and sizes on open when no other
    # connection has it: that write is what failed with "disk I/O error" on a full disk
    # and with "unable to open database file" on read-only media. None of the PRAGMAs
    # writes on a library already in WAL mode, nor does the migration step when nothing
    # needs migrating (it now checks first; the secondary indexes are created only when
    # one is missing).

    def _connect_writing(self) -> sqlite3.Connection:
        folder = self.path.parent
        existed = self.path.is_file() and self.path.stat().st_size > 0
        why = unwritable_reason(folder)
        if why is None and existed and not os.access(self.path, os.W_OK):
            why = "no permission to write the catalogue"
        if why is not None:
            refusal = LibraryReadOnly(folder, why=why)
            if not existed:
                raise refusal.refusing("a library cannot be created there")
            return self._fall_back(refusal)
        folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, check_same_thread=False)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 10000")
            if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")  # a new file: this writes
            db.execute("PRAGMA synchronous = NORMAL")
            # Index B-trees of 100,000 articles stay in memory during big imports.
            db.execute("PRAGMA cache_size = -65536")
            self._db = db
            self._migrate()
        except sqlite3.Error as exc:
            with suppress(sqlite3.Error):
                db.close()
            mapped = storage_error(exc, self.path)
            if not existed:
                with suppress(OSError):
                    if self.path.stat().st_size == 0:  # the empty file connect() made
                        self.path.unlink()
            if existed and isinstance(mapped, DiskFull | LibraryReadOnly):
                return self._fall_back(mapped)
            raise
        return db

    def _fall_back(self, refusal: StorageError) -> sqlite3.Connection:
        """Open for reading after the library turned out not to be writable."""
        db = self._connect_reading()
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version != SCHEMA_VERSION:
            db.close()
            if version > SCHEMA_VERSION:
                raise ReaderError(
                    f"The catalogue {self.path} was written by a newer version of this app."
                )
            upgrade = "it must first be upgraded for this version of the app"
            if isinstance(refusal, LibraryReadOnly):
                raise refusal.refusing(upgrade + ", which writes to it")
            raise DiskFull(
                self.path.parent, stopped=upgrade + ", which needs space", then="open it again"
            )
        self.readonly = True
        self.refusal = refusal
        return db

    def _connect_reading(self) -> sqlite3.Connection:
        db, note = connect_readonly(self.path)
        if note:
            self.notes.append(note)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        """Close; the checkpoint SQLite tries on the way out may fail on a full disk, which
        loses nothing (the -wal stays and is read next time), so it is not an error."""
        with suppress(sqlite3.OperationalError):
            self._db.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        """Bring the schema up to date; writes nothing when nothing needs doing (so a
        library on a full disk still opens)."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ReaderError(
                f"The catalogue {self.path} was written by a newer version of this app."
            )
        for number in range(version, SCHEMA_VERSION):
            # executescript commits first, so the script carries its own transaction.
            try:
                self._db.executescript(
                    "BEGIN IMMEDIATE;\n"
                    + _MIGRATIONS[number]
                    + f"\nPRAGMA user_version = {number + 1};\nCOMMIT;"
                )
            except BaseException:
                if self._db.in_transaction:
                    with suppress(sqlite3.Error):
                        self._db.rollback()
                raise
        present = {
            r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        if not present.issuperset(SECONDARY_INDEXES):
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
        """All or nothing: commit on success, roll back on any exception.

        A write the disk refuses comes out as the matching ``StorageError`` (no space,
        read-only, damaged...), a message for the person, with the catalogue exactly as it
        was before the transaction: WAL commits are atomic, so a disk that fills up
        half-way through a commit leaves nothing half-written.
        """
        if self.readonly:
            raise self.refusal or LibraryReadOnly(self.path.parent)
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._raise_mapped(exc)
        try:
            yield self._db
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error) and not isinstance(exc, ReaderError):
                self._raise_mapped(exc)
            raise
        try:
            self._db.commit()
        except sqlite3.Error as exc:
            self._rollback()
            self._raise_mapped(exc)

    def _rollback(self) -> None:
        # After SQLITE_FULL or an I/O error SQLite may already have rolled back; a
        # ROLLBACK that fails as well must not hide the error that matters.
        if self._db.in_transaction:
            with suppress(sqlite3.Error):
                self._db.rollback()

    def _raise_mapped(self, exc: sqlite3.Error) -> NoReturn:
        mapped = storage_error(exc, self.path)
        if mapped is None:
            raise exc
        raise mapped from exc

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
        db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
        return len(ids)

    # -- reading ---------------------------------------------------------------------

    def count(self) -> int:
        """Articles in the library; cached until this or another connection writes
        (a search asks on every keystroke; counting 100,000 rows costs 2 ms)."""
        version = (self._db.execute("PRAGMA data_version").fetchone()[0], self._db.total_changes)
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
            {
                "id": r[0],
                "title": r[1],
                "date": r[2],
                "site": r[3],
                "source_url": r[4],
                "path": r[5],
                "language": r[6],
                "kind": r[7],
            }
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
            title=row[0],
            blocks=_decode_blocks(row[1]),
            date=row[2],
            site=row[3],
            source_url=row[4],
            language=row[5],
            byline=row[6],
            kind=row[7],
            path=row[8],
            links=self.links_of(article_id),
            warnings=json.loads(row[9]) if row[9] else [],
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
        return {
            "id": row[0],
            "title": row[1],
            "date": row[2],
            "site": row[3],
            "source_url": row[4],
            "path": row[5],
            "language": row[6],
            "kind": row[7],
        }

    # -- for the search index ----------------------------------------------------------

    def versions(self) -> dict[int, str]:
        """Article id -> content hash: what the search index must hold."""
        return dict(self._db.execute("SELECT id, hash FROM articles"))

    def iter_versions(self) -> Iterator[tuple[int, str]]:
        """(article id, content hash) in id order, read as it goes (a library of
        300,000 articles is not held in memory to be compared with the index)."""
        yield from self._db.execute("SELECT id, hash FROM articles ORDER BY id")

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
            "id": row[0],
            "version": row[1],
            "title": row[2],
            "body": "\n\n".join(b.text for b in blocks if b.kind != "credit"),
            "date": row[4],
            "site": row[5],
            "source_url": row[6],
            "language": row[7],
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
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
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
                rows[r[0]] = {
                    "id": r[0],
                    "title": r[1],
                    "date": r[2],
                    "site": r[3],
                    "language": r[4],
                    "read": bool(r[5]),
                }
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
        return {
            r[0]
            for r in self._db.execute(
                "SELECT article_id FROM reading_state WHERE read_at IS NOT NULL"
            )
        }

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
        row = self._db.execute(
            "SELECT id FROM articles WHERE path = ?", (display_path(path),)
        ).fetchone()
        return int(row[0]) if row else None


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
