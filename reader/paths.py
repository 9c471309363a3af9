"""Where per-user data lives: platformdirs folders, overridable for tests and scripts.

``--data-dir`` (passed in by the CLI/GUI) wins over ``READER_DATA_DIR``, which wins over
the platform's per-user data folder; so tests never touch a user's real library.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import platformdirs

from reader import messages as m

APP_NAME = "archive-reader"
CATALOGUE_NAME = "catalogue.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get("READER_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir(override_data: str | os.PathLike[str] | None = None) -> Path:
    """Settings live beside the data when the data folder is overridden (tests stay sealed)."""
    if override_data or os.environ.get("READER_DATA_DIR"):
        return data_dir(override_data) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The per-user cache folder: what can be rebuilt at any time (the search's fold
    table); never the library's data."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def catalogue_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / CATALOGUE_NAME


# Files the app reads at run time live inside the package (``reader/resources``), so the
# same path holds from a source checkout, an installed wheel and a frozen build (which
# keeps the package's folder layout under its data folder): nothing outside ``reader/``
# has to be found.
RESOURCES = Path(__file__).resolve().parent / "resources"


def sample_archive_dir() -> Path:
    """The bundled sample archive opened on first start."""
    return RESOURCES / "sample-archive"


ICON_SIZES = (16, 32, 48, 64, 128, 256)


def icon_path(size: int | None = None) -> Path:
    """The application icon: the SVG, or the PNG drawn at *size* pixels (16 to 256)."""
    name = "archive-reader.svg" if size is None else f"archive-reader-{size}.png"
    return RESOURCES / "icons" / name


# Less free space than this, when SQLite reports a bare "disk I/O error", means the disk
# is full: SQLite names SQLITE_FULL only for the database and WAL files, not for sizing
# its -shm wal-index (a page at a time), which is what fails first on a full disk.
LOW_SPACE_BYTES = 1 << 20


def _nearest_existing(path: Path) -> Path:
    path = Path(path)
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def unwritable_reason(folder: str | os.PathLike[str]) -> str | None:
    """Why *folder* (or the folder it would be made in) cannot be written, or None.

    Checked before opening a library, so one on read-only media or without write
    permission is opened for reading instead of failing at its first write. ``access``
    reports EROFS even to root, for whom permission bits do not count.
    """
    where = _nearest_existing(Path(folder))
    try:
        if os.statvfs(where).f_flag & os.ST_RDONLY:
            return m.WHY_READ_ONLY_FS
    except (OSError, AttributeError):  # no statvfs (Windows): access() below decides
        pass
    if not os.access(where, os.W_OK | os.X_OK):
        return m.WHY_NO_PERMISSION
    return None


def low_on_space(folder: str | os.PathLike[str]) -> bool:
    """True when the disk holding *folder* has less than ``LOW_SPACE_BYTES`` free."""
    try:
        return shutil.disk_usage(_nearest_existing(Path(folder))).free < LOW_SPACE_BYTES
    except OSError:
        return False
