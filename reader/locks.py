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
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.errors import ReaderError


class LockBusy(ReaderError):
    """The lock is held by another process and the caller chose not to wait."""


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
    busy_message: str = "Another Archive Reader process is using this library.",
) -> Iterator[None]:
    """Hold an exclusive lock on *path* (created if missing) for the ``with`` block.

    When another process holds it: with ``wait`` true, ``on_wait(holder_pid)`` is called
    once (to tell the person why nothing happens) and the call blocks until the lock is
    free; otherwise ``LockBusy(busy_message)`` is raised. Where ``fcntl`` does not exist
    (Windows) the block runs unlocked: SQLite's own locking still keeps the data whole.
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
            raise ReaderError(
                f"The library folder {path.parent} is read-only ({exc.strerror}); "
                "nothing can be changed in it.") from None
        raise
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise LockBusy(busy_message) from None
            if on_wait is not None:
                on_wait(holder_pid(path))
            fcntl.flock(fd, fcntl.LOCK_EX)
        with contextlib.suppress(OSError):  # the pid is a courtesy for messages only
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)
