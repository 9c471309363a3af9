"""The one exception type for problems a user must be told about.

The CLI prints its message and exits non-zero; the GUI shows it in a dialog. Anything else
that escapes is a bug, never something to show a user as a traceback.

``StorageError`` and its kinds are what a disk can do to a library: fill up, be
read-only, fail, or hold a catalogue that is really damaged. They are told apart because
the advice differs, and wrong advice is dangerous: "move the catalogue aside and rebuild"
is right for a damaged file and looks like losing every note when the disk is merely full.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader import messages as m


class ReaderError(Exception):
    """A failure with a message written for the person using the app."""


class NotAnArticle(ReaderError):
    """A file that cannot be turned into an article (binary, empty, undecodable...)."""


# The storage errors are also sqlite3.OperationalError (CatalogueDamaged a
# sqlite3.DatabaseError), the class SQLite itself raised for them before: code that treats
# a refused write as an OperationalError (the annotation store re-anchors lazily on reads
# and lets a read-only catalogue refuse the write) keeps working unchanged.


class StorageError(ReaderError, sqlite3.OperationalError):
    """The disk under the library refused: ``path`` is the file or folder concerned."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


def _where(path: Path | str | None) -> str:
    return m.WHERE_DISK_OF.format(path=path) if path is not None else m.WHERE_LIBRARY_DISK


class DiskFull(StorageError):
    """No space left: nothing already saved is lost; freeing space is the remedy."""

    def __init__(
        self,
        path: Path | str | None,
        *,
        stopped: str = m.CHANGE_NOT_SAVED,
        kept: str = m.NOTHING_SAVED_LOST,
        then: str = m.TRY_AGAIN,
    ) -> None:
        super().__init__(
            m.NO_SPACE.format(where=_where(path), stopped=stopped, kept=kept, then=then), path
        )

    def reworded(self, *, stopped: str, kept: str, then: str = m.TRY_AGAIN) -> DiskFull:
        """The same failure, told for what the person was doing (an import...)."""
        return DiskFull(self.path, stopped=stopped, kept=kept, then=then)


class LibraryReadOnly(StorageError):
    """The library's folder cannot be written (read-only media, no permission): it is
    opened for reading, and each write says what cannot be done."""

    def __init__(
        self, folder: Path | str, *, cannot: str = m.CANNOT_SAVE_CHANGE, why: str = ""
    ) -> None:
        template = m.READ_ONLY_WHY if why else m.READ_ONLY
        super().__init__(template.format(folder=folder, why=why, cannot=cannot), folder)
        self.folder = Path(folder)
        self.why = why

    def refusing(self, cannot: str) -> LibraryReadOnly:
        """The same refusal, naming what the person tried to do."""
        return LibraryReadOnly(self.folder, cannot=cannot, why=self.why)


class CatalogueDamaged(ReaderError, sqlite3.DatabaseError):
    """The catalogue file is not a database or fails its integrity check: the one case
    where moving it aside and rebuilding is the advice (with where the backups are)."""

    def __init__(self, message: str, path: Path | str) -> None:
        super().__init__(message)
        self.path = Path(path)


class DiskError(StorageError):
    """The disk failed to read or write (not full, not read-only): check the disk."""


class LibraryBusy(StorageError):
    """Another process holds the catalogue locked for longer than we wait."""


class UpgradeCancelled(ReaderError):
    """The person stopped the one-time upgrade of the catalogue's schema: the step that
    was running was rolled back, so the library is as it was before that step."""
