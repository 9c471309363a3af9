"""Shared fixtures. Every test runs with its own data folder, never the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("READER_SHARED_DIR") or REPO.parent / "shared").resolve()
SAMPLE_ARCHIVE = REPO / "reader" / "resources" / "sample-archive"


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run (what can be rebuilt: the fold table), never
    the user's, shared so each test's child processes need not rebuild it."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _sealed_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _session_cache: Path) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_CACHE_HOME", str(_session_cache))
    monkeypatch.setenv("READER_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return data


@pytest.fixture
def data_dir(_sealed_data_dir: Path) -> Path:
    return _sealed_data_dir


def shared_path(*parts: str) -> Path:
    """A folder of ../shared, or skip the test when this checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not available: {path}")
    return path


@pytest.fixture
def seed_file() -> Path:
    return next(shared_path("corpus", "seed").glob("*.txt"))
