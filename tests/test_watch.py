"""Watched folders (issue 14): files written into a watched folder reach the catalogue
and the search index within seconds; changed files are re-parsed with their highlights
re-anchored; deleted ones leave; bursts are one batch; temp files are ignored; the
inotify cap falls back to periodic re-scans, with a message, that still find new files.

Real files, real watchdog observers (inotify here), the real ``Library.update``: the
watcher's batches are applied by ``reader.watch.update_for_batch``, as ``reader watch``
applies them."""

from __future__ import annotations

import errno
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.library import Library, UpdateResult
from reader.paths import catalogue_path
from reader.search.sync import open_engine, search_library
from reader.watch import (
    POLLING,
    WATCHING,
    FolderWatcher,
    WatchBatch,
    WatchNotice,
    update_for_batch,
    watch_targets,
)
from tests.annotations.conftest import QUOTE, TRADE, write_rules, write_trade
from tests.test_importer import write_article

WAIT_S = 20.0  # generous for a shared 2-core machine; the measured times are printed


def wait_for(condition: Callable[[], bool], timeout: float = WAIT_S) -> float:
    """Seconds until *condition* held (fails the test after *timeout*)."""
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(0.05)
    return time.monotonic() - began


def titles(data_dir: Path) -> set[str]:
    with Catalogue(catalogue_path(data_dir), readonly=True) as catalogue:
        return {str(r["title"]) for r in catalogue.list_articles()}


def search_titles(data_dir: Path, text: str) -> set[str]:
    engine = open_engine(data_dir, search_only=True)
    try:
        with Catalogue(catalogue_path(data_dir), readonly=True) as catalogue:
            ids = {h.id for h in search_library(catalogue, engine, text).hits}
            return {str(r["title"]) for r in catalogue.list_articles() if r["id"] in ids}
    finally:
        engine.close()


class Applied:
    """A watcher whose batches run ``Library.update``, recording what each did."""

    def __init__(self, data_dir: Path, roots: list[Path], **options: Any) -> None:
        self.library = Library(data_dir)
        self.batches: list[WatchBatch] = []
        self.results: list[UpdateResult | None] = []
        self.notices: list[WatchNotice] = []
        self.watcher = FolderWatcher(
            [str(r) for r in roots], self._apply, on_notice=self.notices.append, **options
        )

    def _apply(self, batch: WatchBatch) -> None:
        self.batches.append(batch)
        _targets, result = update_for_batch(self.library, batch, workers=1)
        self.results.append(result)

    def applied(self, condition: Callable[[], bool]) -> Callable[[], bool]:
        """*condition*, once no batch is pending or running (the index caught up too)."""
        return lambda: (
            len(self.results) == len(self.batches) and not self.watcher.busy and condition()
        )

    def __enter__(self) -> Applied:
        self.watcher.start()
        assert self.watcher.wait_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        self.watcher.stop()


@pytest.fixture
def archive(tmp_path: Path, data_dir: Path) -> Path:
    folder = tmp_path / "archive"
    write_trade(folder)
    write_rules(folder)
    Library(data_dir).update([str(folder)], workers=1)
    return folder


@pytest.fixture
def no_thread_left() -> Iterator[None]:
    before = {t.ident for t in threading.enumerate()}
    yield
    left = [t.name for t in threading.enumerate() if t.ident not in before and t.is_alive()]
    assert not left, f"threads still running after stop(): {left}"


def test_a_file_written_into_a_watched_folder_appears_in_list_and_search(
    archive: Path, data_dir: Path, no_thread_left: None
) -> None:
    with Applied(data_dir, [archive]) as applied:
        assert applied.watcher.mode == WATCHING and not applied.notices
        write_article(
            archive / "2026", "cold.txt", "冷链新闻", "https://x.example.com/cold", [],
            body="冷链物流企业扩建海外仓。",
        )  # fmt: skip
        took = wait_for(applied.applied(lambda: "冷链新闻" in titles(data_dir)))
        print(f"\nwritten -> in the catalogue: {took:.2f} s")
        assert took < 10
        assert "冷链新闻" in search_titles(data_dir, "海外仓")
        assert len(applied.batches) == 1
        assert applied.batches[0].files == {str(archive / "2026" / "cold.txt")}


def test_a_changed_file_is_reparsed_and_its_highlight_reanchored(
    archive: Path, data_dir: Path
) -> None:
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        store = AnnotationStore(catalogue)
        trade = next(r["id"] for r in catalogue.list_articles() if r["title"] == "Trade rules")
        annotation, _ = store.annotate_quote(trade, QUOTE)
        old_start = annotation.start

    def placed() -> tuple[int | None, str]:
        with Catalogue(catalogue_path(data_dir), readonly=True) as catalogue:
            stored = AnnotationStore(catalogue).get_annotation(annotation.id)
            found = catalogue.title_and_text(trade)
        assert stored is not None and found is not None
        if stored.start is None or stored.end is None:
            return None, found[1]
        return stored.start, found[1][stored.start : stored.end]

    with Applied(data_dir, [archive]) as applied:
        write_trade(archive, ["A new first paragraph about harbours.", *TRADE])
        wait_for(applied.applied(lambda: placed()[0] != old_start))
        start, text = placed()
        assert text == QUOTE and start is not None and old_start is not None
        assert start > old_start  # moved down by the new paragraph
        result = applied.results[-1]
        assert result is not None and result.imported is not None
        assert result.imported.updated == 1 and result.imported.imported == 0
        assert search_titles(data_dir, "harbours") == {"Trade rules"}  # re-indexed


def test_a_deleted_file_leaves_the_library_and_the_index(archive: Path, data_dir: Path) -> None:
    assert search_titles(data_dir, "海外仓") == {"跨境电商新规"}
    with Applied(data_dir, [archive]) as applied:
        (archive / "rules.txt").unlink()
        wait_for(applied.applied(lambda: "跨境电商新规" not in titles(data_dir)))
        assert titles(data_dir) == {"Trade rules"}
        assert search_titles(data_dir, "海外仓") == set()
        assert applied.batches[-1].roots == {str(archive)}  # a deletion re-scans its folder


def test_a_burst_of_50_files_is_one_batch(tmp_path: Path) -> None:
    folder = tmp_path / "burst"
    folder.mkdir()
    batches: list[WatchBatch] = []
    watcher = FolderWatcher([str(folder)], batches.append)
    watcher.start()
    try:
        assert watcher.wait_ready()
        for i in range(50):
            write_article(folder, f"n{i:02d}.txt", f"第{i}篇", f"https://x.example.com/{i}", [])
        wait_for(lambda: bool(batches))
        time.sleep(watcher.quiet * 2)  # nothing more comes
    finally:
        watcher.stop()
    assert len(batches) == 1
    assert batches[0].files == {str(folder / f"n{i:02d}.txt") for i in range(50)}


def test_a_burst_longer_than_the_max_delay_is_not_held_back(tmp_path: Path) -> None:
    folder = tmp_path / "trickle"
    folder.mkdir()
    arrived: list[tuple[float, WatchBatch]] = []
    watcher = FolderWatcher(
        [str(folder)], lambda b: arrived.append((time.monotonic(), b)), quiet=0.5, max_delay=1.0
    )
    watcher.start()
    try:
        assert watcher.wait_ready()
        began = time.monotonic()
        for i in range(15):  # a file every 0.2 s for 3 s: never quiet for 0.5 s
            write_article(folder, f"t{i}.txt", f"t{i}", f"https://x.example.com/t{i}", [])
            time.sleep(0.2)
        wait_for(lambda: sum(len(b.files) for _, b in arrived) == 15)
    finally:
        watcher.stop()
    assert arrived[0][0] - began < 2.0  # the first batch did not wait for the end
    assert 2 <= len(arrived) <= 6


def test_temp_dot_and_partial_files_are_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    (folder / ".git").mkdir(parents=True)
    batches: list[WatchBatch] = []
    watcher = FolderWatcher([str(folder)], batches.append, quiet=0.5)
    watcher.start()
    try:
        assert watcher.wait_ready()
        for name in (
            "page.html.part",
            "page.html.crdownload",
            "notes.txt~",
            ".notes.txt.swp",
            ".hidden.txt",
            "#draft.txt#",
            "~$report.txt",
            "draft.txt.tmp",
            "README.txt",
            "photo.jpg",
            ".git/objects.txt",
        ):
            (folder / name).write_text("x", encoding="utf-8")
        (folder / "real.html").write_text("<html></html>", encoding="utf-8")
        wait_for(lambda: bool(batches))
        time.sleep(1.0)
    finally:
        watcher.stop()
    merged = WatchBatch()
    for batch in batches:
        merged.merge(batch)
    assert merged.files == {str(folder / "real.html")} and not merged.roots


def test_a_download_renamed_into_place_is_picked_up(archive: Path, data_dir: Path) -> None:
    """Browsers write ``x.html.crdownload`` then rename it: the rename is the save."""
    with Applied(data_dir, [archive]) as applied:
        partial = archive / "saved.txt.crdownload"
        write_article(archive, partial.name, "下载完成", "https://x.example.com/dl", [])
        partial.rename(archive / "saved.txt")
        wait_for(lambda: "下载完成" in titles(data_dir))
        merged = WatchBatch()
        for batch in applied.batches:
            merged.merge(batch)
        assert merged.files == {str(archive / "saved.txt")} and not merged.roots


class FullInotify:
    """An observer that fails as inotify does once the per-user cap is reached."""

    def schedule(self, *_a: Any, **_k: Any) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")

    def start(self) -> None:
        raise AssertionError("not started after a failed schedule")

    def stop(self) -> None:
        return None

    def join(self, timeout: float | None = None) -> None:
        return None


def test_the_watch_limit_falls_back_to_periodic_rescans_with_a_message(
    archive: Path, data_dir: Path, no_thread_left: None
) -> None:
    with Applied(data_dir, [archive], observer_factory=FullInotify, rescan_interval=0.5) as applied:
        assert applied.watcher.mode == POLLING and applied.watcher.polling
        wait_for(lambda: bool(applied.notices))
        notice = applied.notices[0]
        assert notice.kind == POLLING and notice.limit is not None and notice.interval == 0.5
        assert "limit" in notice.message and "max_user_watches" in notice.message
        assert "every 0.5 s" in notice.message
        time.sleep(0.8)  # the baseline scan is taken
        write_article(archive, "late.txt", "轮询发现", "https://x.example.com/late", [])
        took = wait_for(applied.applied(lambda: "轮询发现" in titles(data_dir)))
        print(f"\nfallback: written -> in the catalogue: {took:.2f} s")
        assert applied.batches[-1].roots == {str(archive)}
        assert "轮询发现" in search_titles(data_dir, "跨境物流")


def test_the_fallback_only_rescans_when_something_changed(tmp_path: Path) -> None:
    folder = tmp_path / "quiet"
    write_trade(folder)
    batches: list[WatchBatch] = []
    watcher = FolderWatcher([str(folder)], batches.append, rescan_interval=0.2, force_polling=True)
    watcher.start()
    try:
        assert watcher.wait_ready() and watcher.mode == POLLING
        time.sleep(1.2)  # six scans of an unchanged folder
        assert batches == []
        write_trade(folder, ["Changed in place."])
        wait_for(lambda: bool(batches))
    finally:
        watcher.stop()
    assert batches[0].roots == {str(folder)}


def test_the_limit_reached_later_switches_to_the_fallback(tmp_path: Path) -> None:
    """watchdog only logs when a folder made while watching cannot get a watch: that
    must switch to periodic re-scans with the message, not leave the folder unwatched."""
    folder = tmp_path / "growing"
    folder.mkdir()
    notices: list[WatchNotice] = []
    watcher = FolderWatcher([str(folder)], lambda _b: None, on_notice=notices.append)
    watcher.start()
    try:
        assert watcher.wait_ready() and watcher.mode == WATCHING
        logging.getLogger("watchdog.observers.inotify").warning(
            "Unable to watch %r: %s", str(folder / "new"), OSError(errno.ENOSPC, "limit")
        )
        wait_for(lambda: bool(notices))
    finally:
        watcher.stop()
    assert notices[0].kind == POLLING and "max_user_watches" in notices[0].message


def test_articles_removed_from_the_library_do_not_come_back(archive: Path, data_dir: Path) -> None:
    library = Library(data_dir)
    rules = library.ids_at_paths([str(archive / "rules.txt")])
    library.remove_articles(rules)
    with Applied(data_dir, [archive]) as applied:
        write_rules(archive, ["改过的正文，仍在磁盘上。"])  # the removed file is saved again
        write_article(archive, "other.txt", "另一篇", "https://x.example.com/o", [])
        wait_for(lambda: "另一篇" in titles(data_dir))
        assert "跨境电商新规" not in titles(data_dir)
        (archive / "other.txt").unlink()  # a folder re-scan: still excluded
        wait_for(lambda: "另一篇" not in titles(data_dir))
        assert titles(data_dir) == {"Trade rules"}
        assert applied.batches


def test_watch_targets_name_files_and_leave_folders_to_rescans(tmp_path: Path) -> None:
    root = tmp_path / "r"
    (root / "a").mkdir(parents=True)
    for name in ("a/x.txt", "y.txt", "gone.txt"):
        (root / name).write_text("x", encoding="utf-8")
    (root / "gone.txt").unlink()
    other = tmp_path / "other"
    (other).mkdir()
    (other / "z.txt").write_text("x", encoding="utf-8")
    os.symlink(other / "z.txt", root / "link.txt")
    batch = WatchBatch(
        files={str(root / n) for n in ("a/x.txt", "y.txt", "gone.txt", "link.txt")},
        roots=set(),
    )
    assert watch_targets(batch, excluded={str(root / "y.txt")}) == [str(root / "a/x.txt")]
    batch.roots.add(str(root))
    assert watch_targets(batch, excluded=set()) == [str(root)]


def test_a_file_that_vanishes_before_its_batch_runs_does_not_stop_the_rest(
    archive: Path, data_dir: Path
) -> None:
    """Saved, then renamed or deleted at once: the batch still imports the others (the
    deletion's own event re-scans the folder)."""
    keep = write_article(archive, "keep.txt", "留下的", "https://x.example.com/k", [])
    brief = write_article(archive, "brief.txt", "一闪而过", "https://x.example.com/b", [])

    class VanishingFirst(Library):
        calls = 0

        def update(self, paths: Any = None, **kwargs: Any) -> UpdateResult:
            VanishingFirst.calls += 1
            if VanishingFirst.calls == 1:
                brief.unlink()  # between the batch's check and the import
            return super().update(paths, **kwargs)

    batch = WatchBatch(files={str(keep), str(brief)})
    targets, result = update_for_batch(VanishingFirst(data_dir), batch, workers=1)
    assert targets == [str(keep)] and VanishingFirst.calls == 2
    assert result is not None and result.imported is not None and result.imported.imported == 1
    assert "留下的" in titles(data_dir) and "一闪而过" not in titles(data_dir)
