"""The search's fold table is cached per user, and a damaged cache is never trusted.

Building the table costs ~0.3 s of CPU in every process that folds text (each import
worker, the search process before its first query); it is read from the cache instead.
What is read must be exactly what would be built: a cache file that is short, garbled or
of another version is rebuilt, and one that cannot be written costs only the build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reader.search import analysis


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and no table remembered by this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    analysis._fold_table.cache_clear()
    yield analysis.fold_table_path()
    analysis._fold_table.cache_clear()


@pytest.fixture(scope="module")
def built() -> np.ndarray:
    return analysis._build_fold_table()


def test_the_cached_table_is_the_built_one_and_is_read_back(
    fresh: Path, built: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not fresh.exists()
    assert np.array_equal(analysis._fold_table(), built)
    assert fresh.is_file()
    analysis._fold_table.cache_clear()

    def no_build() -> np.ndarray:
        raise AssertionError("built again although a good cache was there")

    monkeypatch.setattr(analysis, "_build_fold_table", no_build)
    table = analysis._fold_table()
    assert np.array_equal(table, built)
    assert analysis.fold("臺灣資訊ＡＢＣ") == "台湾资讯abc"


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short (a full disk, a crash)
        lambda raw: raw[:100] + bytes([raw[100] ^ 1]) + raw[101:],  # one bit flipped
        lambda raw: raw[:16] + raw[16:20][::-1] + raw[20:],  # the table garbled
        lambda raw: b"",  # empty
        lambda raw: raw + b"\0\0\0\0",  # another size
    ],
)
def test_a_damaged_cache_is_rebuilt_not_trusted(fresh: Path, built: np.ndarray, damage) -> None:
    analysis._fold_table()
    fresh.write_bytes(damage(fresh.read_bytes()))
    analysis._fold_table.cache_clear()
    assert np.array_equal(analysis._fold_table(), built)
    analysis._fold_table.cache_clear()  # and the file was replaced by a good one
    raw = fresh.read_bytes()
    assert len(raw) == 16 + built.size * 4
    assert np.array_equal(np.frombuffer(raw[16:], dtype="<u4"), built)


def test_an_unwritable_cache_costs_only_the_build(
    fresh: Path, built: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = fresh.parent.parent / "cache"
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the cache folder should be")
    assert np.array_equal(analysis._fold_table(), built)
    assert blocker.read_text().startswith("a file")
    assert not list(blocker.parent.glob("**/*.tmp"))


def test_another_process_reads_the_cache_a_first_one_wrote(fresh: Path) -> None:
    """What the import's workers and the search process do: the first one writes it,
    the next ones read it (their builder would fail here)."""
    build = "from reader.search import analysis; analysis._fold_table()"
    subprocess.run([sys.executable, "-c", build], env=dict(os.environ), check=True)
    assert fresh.is_file()
    read_only = (
        "from reader.search import analysis\n"
        "def refuse():\n    raise SystemExit('built again')\n"
        "analysis._build_fold_table = refuse\n"
        "print(analysis.fold('衞生'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", read_only], env=dict(os.environ), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "卫生"
