"""Cancelling an import (issue 11, bug 7): the folder is remembered from the start, so a
re-scan finishes what a cancel left; and a cancel stops the work at once, instead of
storing what the workers had already been handed.

No clocks: how prompt a cancel is, is counted in files handled after it was asked for
(and in workers still alive when the pool says it has stopped), never in seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.errors import ReaderError
from reader.importer import import_paths
from reader.library import IMPORTING, Library
from reader.paths import catalogue_path
from reader.workers import WorkerPool
from tests.test_importer import write_article


def make_archive(folder: Path, count: int) -> Path:
    for i in range(count):
        write_article(
            folder,
            f"{i // 50:02d}/page{i:04d}.txt",
            f"存档文章第{i}篇",
            f"https://archive.example.com/{i}",
            [],
            body=f"第{i}篇的正文：海外仓、冷链与跨境物流的变化。",
        )
    return folder


class CancelAfterFirstFiles:
    """``progress`` and ``cancel`` for an import: cancels as soon as progress says some
    files are done, and remembers how many were done then."""

    def __init__(self) -> None:
        self.done_at_cancel: int | None = None

    def progress(self, done: int, total: int) -> None:
        if done > 0 and self.done_at_cancel is None:
            self.done_at_cancel = done

    def phase_progress(self, phase: str, done: int, total: int) -> None:
        if phase == IMPORTING:
            self.progress(done, total)

    def cancel(self) -> bool:
        return self.done_at_cancel is not None


def test_a_cancelled_import_keeps_its_folder_and_a_rescan_completes_it(
    tmp_path: Path, data_dir: Path
) -> None:
    folder = make_archive(tmp_path / "archive", 200)
    stopper = CancelAfterFirstFiles()
    result = Library(data_dir).update(
        [str(folder)], progress=stopper.phase_progress, cancel=stopper.cancel, workers=2
    )
    assert result.cancelled and result.imported is not None
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        kept = catalogue.count()
        assert 0 < kept < 200
        # remembered although unfinished: F5 and the next start re-scan it
        assert catalogue.roots() == [str(folder)]
    # the re-scan (F5, or the start-up one) finishes the import
    again = Library(data_dir).update(None, workers=2)
    assert not again.cancelled and again.imported is not None
    assert again.imported.imported == 200 - kept and again.imported.unchanged == kept
    assert again.index is not None and not again.index.cancelled
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        assert catalogue.count() == 200


def test_an_import_cancelled_before_any_file_is_read_still_remembers_its_folder(
    tmp_path: Path, data_dir: Path
) -> None:
    folder = make_archive(tmp_path / "archive", 10)
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        summary = import_paths(catalogue, [folder], cancel=lambda: True, workers=1)
        assert summary.cancelled and catalogue.count() == 0
        assert catalogue.roots() == [str(folder)]
        assert import_paths(catalogue, catalogue.roots()).imported == 10


def test_a_missing_folder_is_not_remembered(tmp_path: Path, data_dir: Path) -> None:
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        with pytest.raises(ReaderError):
            import_paths(catalogue, [tmp_path / "nowhere"])
        assert catalogue.roots() == []


def test_no_file_is_handled_after_the_cancel(tmp_path: Path, data_dir: Path) -> None:
    """The parallel path (enough files for worker processes): once ``cancel()`` is true,
    no further parsed file is stored, and the workers' unfinished work is dropped."""
    folder = make_archive(tmp_path / "archive", 400)
    stopper = CancelAfterFirstFiles()
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        summary = import_paths(
            catalogue, [folder], progress=stopper.progress, cancel=stopper.cancel, workers=2
        )
        assert summary.cancelled and stopper.done_at_cancel is not None
        stored = catalogue.count()
    assert stored == summary.imported
    # what was done when the cancel came is kept; nothing after it is
    assert stored <= stopper.done_at_cancel, (stored, stopper.done_at_cancel)
    # and progress moved before the first full batch of files: a person sees it move
    assert stopper.done_at_cancel < 50


def test_progress_moves_early_in_a_small_parallel_import(tmp_path: Path, data_dir: Path) -> None:
    """130 pages (the report's case): the count moves with the first files parsed, not
    only once 50 are (it sat at "0 / 130" while workers started and filled a batch)."""
    folder = make_archive(tmp_path / "archive", 130)
    seen: list[int] = []
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        import_paths(catalogue, [folder], progress=lambda d, t: seen.append(d), workers=2)
    moving = [d for d in seen if 0 < d < 130]
    assert moving and moving[0] <= 16, seen
    assert seen[-1] == 130


# -- the pool ---------------------------------------------------------------------------


def sleep_a_while(item: int) -> int:
    """A parser stub that takes far longer than any test may wait."""
    import time

    time.sleep(600)
    return item


def slow_start() -> None:
    """An initializer that keeps a worker from ever becoming ready within a test."""
    import time

    time.sleep(600)


def quick(item: int) -> int:
    return item


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_cancel_ends_busy_and_starting_workers_before_map_returns() -> None:
    """A cancel kills the workers, busy ones and ones still starting (which used to be
    waited for, two seconds each, until they noticed their pipe had closed)."""
    for function, initializer in ((sleep_a_while, None), (quick, slow_start)):
        pool = WorkerPool(function, workers=2, initializer=initializer, budget=600)
        started: set[int] = set()
        calls = {"n": 0}

        def cancel(
            pool: WorkerPool[int] = pool, calls: dict[str, int] = calls, started: set[int] = started
        ) -> bool:
            started.update(pool.pids)
            calls["n"] += 1
            return calls["n"] > 5

        with pool:
            results = list(pool.map(range(20), cancel=cancel))
            assert pool.pids == []
            assert started and not [pid for pid in started if alive(pid)]
        assert results == []


def test_items_finished_before_the_cancel_are_the_last_ones_yielded() -> None:
    """``map`` checks ``cancel()`` before each result it hands out, not once per chunk."""
    handed: list[int] = []
    with WorkerPool(quick, workers=2, chunk=16) as pool:
        for item, _result in pool.map(range(200), cancel=lambda: len(handed) >= 3):
            handed.append(item)
    assert handed == [0, 1, 2]
