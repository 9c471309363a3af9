"""What a failing disk means: SQLite and OS errors turned into messages for the person.

A full disk, read-only media, a damaged catalogue, a failing or busy disk each get their
own ``StorageError`` (or ``CatalogueDamaged``), whichever SQLite file of the library they
came from; ``connect_readonly`` opens such a file for reading where it cannot be written.
Used by the catalogue's connection and by the CLI and GUI when a job fails.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from reader import messages as m
from reader.errors import (
    CatalogueDamaged,
    DiskError,
    DiskFull,
    LibraryBusy,
    LibraryReadOnly,
    ReaderError,
    StorageError,
)
from reader.paths import low_on_space, unwritable_reason

# SQLite's primary result codes (the low byte of ``sqlite_errorcode``).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 11, 13, 14, 26


def _why_not_writable(path: Path) -> str:
    return unwritable_reason(path.parent) or (
        m.WHY_NO_SPACE if low_on_space(path.parent) else m.WHY_NOT_WRITABLE
    )


def damaged_message(path: Path, detail: object) -> str:
    """The move-aside advice, only for a catalogue that really is damaged: it says that
    the notes live in it and where their newest backup is."""
    from reader.annotations.backup import BACKUP_FOLDER, list_backups

    folder = path.parent / BACKUP_FOLDER
    backups = list_backups(folder)
    restore = (
        m.RESTORE_FROM.format(backup=backups[0], folder=folder)
        if backups
        else m.NO_BACKUP.format(folder=folder)
    )
    return m.DAMAGED.format(path=path, detail=detail, restore=restore)


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
            return StorageError(m.CANNOT_BE_USED.format(name=name, why=exc.strerror), name)
        if exc.errno == errno.EIO:
            return DiskError(m.DISK_FAILING.format(what=name or folder or m.THE_LIBRARY), where)
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
        return DiskError(m.CATALOGUE_FAILING.format(path=path or "", error=exc), path)
    if code == _SQLITE_CANTOPEN or "unable to open database file" in text:
        if unwritable and folder is not None:
            return LibraryReadOnly(folder, why=unwritable)
        if low:
            return DiskFull(folder)
        return None
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return LibraryBusy(m.LIBRARY_BUSY.format(folder=folder), folder)
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
        raise ReaderError(m.NO_DATABASE.format(path=path))
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
            note = m.UNREAD_CHANGES.format(wal=wal, why=_why_not_writable(path))
    db = sqlite3.connect(uri + "?immutable=1", uri=True, check_same_thread=False)
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return db, note
