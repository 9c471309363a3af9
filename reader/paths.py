"""Where per-user data lives: platformdirs folders, overridable for tests and scripts.

``--data-dir`` (passed in by the CLI/GUI) wins over ``READER_DATA_DIR``, which wins over
the platform's per-user data folder; so tests never touch a user's real library.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

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


def catalogue_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / CATALOGUE_NAME


def sample_archive_dir() -> Path:
    """The bundled sample archive opened on first start."""
    return Path(__file__).resolve().parent.parent / "resources" / "sample-archive"
