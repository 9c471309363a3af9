"""Automatic backups of bookmarks and annotations: JSON-LD files beside the catalogue.

The catalogue is one SQLite file; if it is damaged or deleted, the articles come back by
importing the archive again, but a reader's highlights and notes exist nowhere else. So
after every change the CLI makes (and when the GUI asks: on a timer, on quit) the whole
of that data is written to ``<data folder>/backups/annotations-<UTC time>.jsonld``:

- atomically: a temporary file in the same folder, flushed to disk, then ``os.replace``;
  a crash leaves the previous backups and at worst a stray temporary file (removed on
  the next run), never a half-written backup;
- only when something changed (same bytes as the newest backup: nothing written);
- rotated: the newest ``keep`` files, plus the newest of each of the last ``days`` days
  (so a burst of changes cannot push yesterday's state out).

Restoring is ``reader annotations import FILE``: the same merge as any import, so it
never duplicates what is there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from reader import messages as m
from reader.annotations.export import dumps, to_jsonld
from reader.annotations.store import AnnotationStore
from reader.errors import DiskFull

KEEP = 20
DAYS = 30
BACKUP_FOLDER = "backups"
_PREFIX = "annotations-"
_SUFFIX = ".jsonld"
_TEMP_PREFIX = ".annotations-"


def backup_folder(store: AnnotationStore) -> Path:
    """``backups/`` in the folder that holds the catalogue (the data folder)."""
    return store.catalogue.path.parent / BACKUP_FOLDER


def list_backups(folder: Path) -> list[Path]:
    """Backups in *folder*, newest first (names sort by their UTC time)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.name.startswith(_PREFIX) and p.name.endswith(_SUFFIX)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that *path* is either the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError, AttributeError):  # the rename itself, on POSIX
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def rotate(folder: Path, *, keep: int = KEEP, days: int = DAYS) -> list[Path]:
    """Delete old backups beyond the policy; returns what was deleted."""
    backups = list_backups(folder)
    kept = set(backups[:keep])
    seen_days: set[str] = set()
    for path in backups:
        day = path.name[len(_PREFIX) : len(_PREFIX) + 8]  # YYYYMMDD
        if day not in seen_days and len(seen_days) < days:
            seen_days.add(day)
            kept.add(path)
    removed = [p for p in backups if p not in kept]
    for path in removed:
        with contextlib.suppress(OSError):
            path.unlink()
    for stray in folder.glob(_TEMP_PREFIX + "*.tmp"):  # left by a crash mid-write
        with contextlib.suppress(OSError):
            stray.unlink()
    return removed


def _new_name(folder: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return folder / f"{_PREFIX}{stamp}{_SUFFIX}"


def backup_bytes(store: AnnotationStore) -> bytes:
    document = to_jsonld(
        store.all_annotations(), store.all_bookmarks(), label="Archive Reader backup"
    )
    return dumps(document).encode("utf-8")


def write_backup(
    store: AnnotationStore,
    folder: Path | None = None,
    *,
    keep: int = KEEP,
    days: int = DAYS,
    force: bool = False,
) -> Path | None:
    """Back up every annotation and bookmark if they changed since the newest backup.

    Returns the new file, or None when nothing was written (unchanged; or no data at all
    and no backup yet). ``force`` writes even when unchanged. No space left raises
    ``DiskFull`` (other failures their OSError); the previous backups stay as they were.
    """
    folder = folder or backup_folder(store)
    data = backup_bytes(store)
    existing = list_backups(folder)
    if not force:
        if existing:
            with contextlib.suppress(OSError):
                if existing[0].read_bytes() == data:
                    return None
        elif store.count() == 0 and not store.all_bookmarks():
            return None
    path = _new_name(folder)
    while path.exists():  # two backups within one microsecond
        time.sleep(0.001)
        path = _new_name(folder)
    try:
        write_atomically(path, data)
    except OSError as exc:
        # A full disk is told as what it is: the backup is missing, the data is not
        # (it is in the catalogue; write_atomically left no partial file behind).
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(
                folder,
                stopped=m.BACKUP_NOT_WRITTEN,
                kept=m.SAVED_IN_LIBRARY,
            ) from exc
        raise
    rotate(folder, keep=keep, days=days)
    return path
