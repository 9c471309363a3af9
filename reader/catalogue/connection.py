"""One open catalogue database: opening it (writable, or for reading only when it must
be), keeping its schema current, closing it, and the transactions every write runs in.

``CatalogueConnection`` is the base of ``Catalogue`` (``core.py``): the groups of queries
(``importing``, ``reading``, ``search_feed``, ``desktop``) subclass it for ``self._db``,
``self.path`` and ``transaction()``, and ``Catalogue`` combines them.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import NoReturn, Self

from reader import messages as m
from reader.catalogue.schema import (
    BULK_DROPPABLE,
    MIGRATIONS,
    SCHEMA_VERSION,
    SECONDARY_INDEXES,
    register_functions,
)
from reader.catalogue.storage import connect_readonly, storage_error
from reader.errors import DiskFull, LibraryReadOnly, ReaderError, StorageError, UpgradeCancelled
from reader.paths import unwritable_reason

# How often SQLite asks an upgrade's cancel(): every this many virtual-machine steps
# (well under a tenth of a second of work, and a negligible cost).
CANCEL_CHECK_STEPS = 20_000


def pending_upgrade(path: str | Path) -> int:
    """How many schema steps the catalogue at *path* awaits before it opens (0: none, or
    no catalogue yet: a new one is made in an instant). Opening runs them, and at 100,000
    articles they can take seconds: the window runs them first, behind a progress bar."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return 0
    try:
        db, _note = connect_readonly(path)
    except (sqlite3.Error, OSError):
        return 0  # opening will say what is wrong, in its own words
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        db.close()
    return max(0, SCHEMA_VERSION - version) if version else 0


class CatalogueConnection:
    """The connection and its lifecycle; use ``Catalogue``, which adds the queries."""

    def __init__(
        self,
        path: str | Path,
        *,
        readonly: bool = False,
        upgrade_cancel: Callable[[], bool] | None = None,
    ) -> None:
        """Open (or create) the catalogue at *path*.

        ``upgrade_cancel`` lets a schema upgrade (``pending_upgrade``) be stopped: SQLite
        asks it every few thousand steps, and when it turns true the running step rolls
        back and ``UpgradeCancelled`` is raised (the window's upgrade dialog's Cancel).

        ``readonly`` asks for a reading connection (the window's list and search threads).
        Without it, a library whose folder cannot be written (read-only media, no
        permission) or whose disk is full is opened for reading anyway: ``readonly`` then
        becomes true and ``refusal`` holds the error every write raises (what cannot be
        done and why), so listing, reading and searching still work. ``warnings`` holds what
        the person should be told once (changes in a -wal that cannot be read here).
        """
        self.path = Path(path)
        self._count_cache: tuple[tuple[int, int], int] | None = None
        self.readonly = readonly
        self.refusal: StorageError | None = (
            LibraryReadOnly(self.path.parent, why="opened for reading only") if readonly else None
        )
        self.warnings: list[str] = []
        self._upgrade_cancel = upgrade_cancel
        try:
            self._db = self._connect_reading() if readonly else self._connect_writing()
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, ReaderError):
                raise
            mapped = storage_error(exc, self.path)
            if mapped is None:
                raise ReaderError(m.CANNOT_OPEN.format(path=self.path, error=exc)) from None
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
            register_functions(db)  # migration 5 folds with it
            self._migrate()
        except UpgradeCancelled:
            with suppress(sqlite3.Error):
                db.close()
            raise
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
                raise ReaderError(m.NEWER_VERSION.format(path=self.path))
            if isinstance(refusal, LibraryReadOnly):
                raise refusal.refusing(m.UPGRADE_WRITES)
            raise DiskFull(self.path.parent, stopped=m.UPGRADE_NEEDS_SPACE, then=m.OPEN_AGAIN)
        self.readonly = True
        self.refusal = refusal
        return db

    def _connect_reading(self) -> sqlite3.Connection:
        db, note = connect_readonly(self.path)
        if note:
            self.warnings.append(note)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        """Close; the checkpoint SQLite tries on the way out may fail on a full disk, which
        loses nothing (the -wal stays and is read next time), so it is not an error."""
        with suppress(sqlite3.OperationalError):
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        """Bring the schema up to date; writes nothing when nothing needs doing (so a
        library on a full disk still opens)."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ReaderError(m.NEWER_VERSION.format(path=self.path))
        cancel = self._upgrade_cancel
        if cancel is not None and version < SCHEMA_VERSION:
            self._db.set_progress_handler(lambda: 1 if cancel() else 0, CANCEL_CHECK_STEPS)
        try:
            for number in range(version, SCHEMA_VERSION):
                if cancel is not None and cancel():
                    raise UpgradeCancelled(m.UPGRADE_CANCELLED.format(path=self.path))
                # executescript commits first, so the script carries its own transaction.
                try:
                    self._db.executescript(
                        "BEGIN IMMEDIATE;\n"
                        + MIGRATIONS[number]
                        + f"\nPRAGMA user_version = {number + 1};\nCOMMIT;"
                    )
                except BaseException as exc:
                    if self._db.in_transaction:
                        with suppress(sqlite3.Error):
                            self._db.rollback()
                    if isinstance(exc, sqlite3.OperationalError) and cancel and cancel():
                        raise UpgradeCancelled(m.UPGRADE_CANCELLED.format(path=self.path)) from None
                    raise
        finally:
            if cancel is not None:
                self._db.set_progress_handler(None, 0)
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
