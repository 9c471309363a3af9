"""Inter-process locks on a library: OS file locks, so a process that dies releases them.

Two ``reader import`` runs on one library, or the window and a command, must not write the
same catalogue rows or rebuild the same index at once. ``flock`` locks are held by the open
file, not by a file's existence: a process killed with SIGKILL releases its lock the
moment the kernel closes its files, so a stale lock file never blocks anyone. The holder
writes its pid into the file, only so that a waiting process can say who it waits for.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from reader import messages as m
from reader.errors import ReaderError


class LockBusy(ReaderError):
    """The lock is held by another process and the caller chose not to wait."""


class LockWaitCancelled(LockBusy):
    """The caller gave up waiting for the lock (its ``cancel()`` turned true)."""


class LockFolderReadOnly(ReaderError):
    """The lock file cannot be created: the library's folder is read-only."""


WRITER_LOCK_NAME = "writer.lock"
_held = threading.local()  # writer locks this thread holds: path -> depth


def holder_pid(path: Path) -> int | None:
    """The pid the current (or last) holder wrote, if any; only for messages."""
    try:
        text = Path(path).read_text(encoding="ascii", errors="ignore").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


@contextlib.contextmanager
def exclusive_lock(
    path: Path,
    *,
    wait: bool = True,
    on_wait: Callable[[int | None], None] | None = None,
    busy_message: str = m.LIBRARY_IN_USE,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[None]:
    """Hold an exclusive lock on *path* (created if missing) for the ``with`` block.

    When another process holds it: with ``wait`` true, ``on_wait(holder_pid)`` is called
    once (to tell the person why nothing happens) and the call blocks until the lock is
    free; otherwise ``LockBusy(busy_message)`` is raised. With *cancel*, the wait checks it
    a few times a second and raises ``LockWaitCancelled`` once it is true (a window's
    Cancel button must work while waiting too). Where ``fcntl`` does not exist (Windows)
    the block runs unlocked: SQLite's own locking still keeps the data whole.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise LockFolderReadOnly(
                m.LOCK_FOLDER_READ_ONLY.format(folder=path.parent, why=exc.strerror)
            ) from None
        raise
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise LockBusy(busy_message) from None
            if on_wait is not None:
                on_wait(holder_pid(path))
            if cancel is None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            else:
                _wait_polling(fd, cancel)
        with contextlib.suppress(OSError):  # the pid is a courtesy for messages only
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)


def _wait_polling(fd: int, cancel: Callable[[], bool]) -> None:
    import fcntl

    while True:
        if cancel():
            raise LockWaitCancelled(m.WAIT_CANCELLED)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            time.sleep(0.2)


def writer_lock_path(data_dir: Path) -> Path:
    """The file behind the library's writer lock (see ``writer_lock``)."""
    return Path(data_dir) / WRITER_LOCK_NAME


@contextlib.contextmanager
def writer_lock(
    data_dir: Path,
    *,
    wait: bool = True,
    on_wait: Callable[[int | None], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[None]:
    """One writer of a library's articles at a time: ``reader import`` and the app's
    import and re-scan jobs hold this for their whole run (import, annotations, index).

    Two imports on one library used to collide ("UNIQUE constraint failed") or rebuild
    the fresh index together; now the second waits (``on_wait`` says so) or, without
    ``wait``, is refused with ``LockBusy``. Re-entrant within a thread, so a function
    that takes it may call another that does. On a read-only library it holds nothing.
    """
    path = writer_lock_path(data_dir).resolve()
    depth: dict[Path, int] = _held.__dict__.setdefault("depth", {})
    if depth.get(path):
        depth[path] += 1
        try:
            yield
        finally:
            depth[path] -= 1
        return
    with contextlib.ExitStack() as stack:
        # On a read-only library nobody can write, so there is no writer to wait for;
        # the catalogue's own refusal says what cannot be done, and reading goes on.
        with contextlib.suppress(LockFolderReadOnly):
            stack.enter_context(
                exclusive_lock(
                    path,
                    wait=wait,
                    on_wait=on_wait,
                    cancel=cancel,
                    busy_message=m.IMPORT_RUNNING,
                )
            )
        depth[path] = 1
        try:
            yield
        finally:
            depth.pop(path, None)
