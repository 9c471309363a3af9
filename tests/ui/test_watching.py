"""Watched folders in the real window (issue 14): a file written into an added folder
appears in the list; a batch that comes while another job runs waits for it (never two
jobs at once); inotify's cap falls back to periodic re-scans and the status bar says so;
quitting ends the watcher's threads; Preferences can switch it off, remembered."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.library import Library
from reader.paths import config_dir
from reader.ui.window import watching as watching_module
from reader.ui.window.mainwindow import MainWindow
from reader.ui.window.settings import Settings
from reader.watch import POLLING, WATCHING, FolderWatcher
from tests.test_importer import write_article
from tests.test_watch import FullInotify
from tests.ui.conftest import make_window
from tests.ui.test_library import SlowJob

WAIT_MS = 30000


def list_titles(win: MainWindow) -> list[str]:
    model = win.list_model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


@pytest.fixture
def archive(tmp_path: Path, data_dir: Path) -> Path:
    folder = tmp_path / "archive"
    write_article(folder, "one.txt", "第一篇旧闻", "https://x.example.com/1", [])
    write_article(folder, "two.txt", "第二篇旧闻", "https://x.example.com/2", [])
    Library(data_dir).update([str(folder)], workers=1)
    return folder


def started(win: MainWindow, qtbot, mode: str = WATCHING) -> None:  # type: ignore[no-untyped-def]
    """As after the first paint: the start-up re-scan runs and the watching begins."""
    with qtbot.waitSignal(win.jobFinished, timeout=WAIT_MS):
        win.start_background()
    qtbot.waitUntil(lambda: win.watching.mode == mode, timeout=WAIT_MS)


@pytest.fixture
def window(qtbot, archive: Path, data_dir: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = make_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_a_file_written_into_a_watched_folder_appears_in_the_list(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, archive: Path
) -> None:
    started(window, qtbot)
    assert sorted(list_titles(window)) == ["第一篇旧闻", "第二篇旧闻"]
    began = time.monotonic()
    write_article(archive, "three.txt", "刚保存的新闻", "https://x.example.com/3", [])
    qtbot.waitUntil(lambda: "刚保存的新闻" in list_titles(window), timeout=WAIT_MS)
    print(f"\nwritten -> in the window's list: {time.monotonic() - began:.2f} s")
    # and in the index: the search finds it
    with qtbot.waitSignal(window.searchFinished, timeout=WAIT_MS) as found:
        window.search_field.setText("刚保存")
    assert [h.id for h in found.args[0].hits] == window.catalogue.ids()[-1:]
    # a deleted one leaves the list
    (archive / "one.txt").unlink()
    qtbot.waitUntil(lambda: "第一篇旧闻" not in list_titles(window), timeout=WAIT_MS)


def test_a_batch_waits_for_a_running_job_and_runs_once(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, archive: Path
) -> None:
    started(window, qtbot)
    submitted: list[list[str]] = []
    window.watching.submitted.connect(submitted.append)
    window.jobs.submit(SlowJob())
    qtbot.waitUntil(lambda: window.progress.bar.value() > 10, timeout=5000)
    write_article(archive, "a.txt", "排队甲", "https://x.example.com/a", [])
    qtbot.wait(1600)  # a batch is handed on (quiet 1 s) while the job runs
    write_article(archive, "b.txt", "排队乙", "https://x.example.com/b", [])
    qtbot.wait(1600)
    assert submitted == [] and window.jobs.current_label == SlowJob.label
    window.cancel_job()
    qtbot.waitUntil(lambda: len(submitted) == 1, timeout=WAIT_MS)
    assert submitted[0] == [str(archive / "a.txt"), str(archive / "b.txt")]
    qtbot.waitUntil(lambda: {"排队甲", "排队乙"} <= set(list_titles(window)), timeout=WAIT_MS)
    qtbot.wait(1500)
    assert len(submitted) == 1  # the job's own reading of the files raised no new batch


def test_the_watch_limit_is_said_in_the_status_bar_and_rescans_still_find_files(  # type: ignore[no-untyped-def]
    qtbot, archive: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        watching_module,
        "FolderWatcher",
        functools.partial(FolderWatcher, observer_factory=FullInotify, rescan_interval=1.0),
    )
    win = make_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    try:
        started(win, qtbot, POLLING)
        note = win.watching.note
        qtbot.waitUntil(note.isVisible, timeout=WAIT_MS)
        assert note.text() == "Folders re-scanned every 1 s"
        assert "max_user_watches" in note.toolTip()
        qtbot.waitUntil(lambda: "max_user_watches" in win.status_report.text, timeout=5000)
        assert "every 1 s" in win.status_report.text
        qtbot.wait(1500)  # the baseline scan
        write_article(archive, "polled.txt", "轮询找到的", "https://x.example.com/p", [])
        qtbot.waitUntil(lambda: "轮询找到的" in list_titles(win), timeout=WAIT_MS)
    finally:
        win.close()


def test_quitting_ends_the_watcher_threads(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot
) -> None:
    started(window, qtbot)
    assert any(t.name.startswith("reader-watch") for t in threading.enumerate())
    window.close()
    assert window.watching.watcher is None
    alive = [t.name for t in threading.enumerate() if t.name.startswith("reader-watch")]
    assert alive == []


def test_preferences_switch_watching_off_and_it_is_remembered(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, archive: Path, data_dir: Path
) -> None:
    started(window, qtbot)
    dialog = window.show_preferences()
    assert dialog.watch_folders.isChecked()
    dialog.watch_folders.setChecked(False)
    assert window.watching.mode == "off"
    assert Settings(config_dir(data_dir)).watch_folders is False
    write_article(archive, "unwatched.txt", "没有监视", "https://x.example.com/u", [])
    qtbot.wait(2500)
    assert "没有监视" not in list_titles(window)
    dialog.watch_folders.setChecked(True)  # on again: watching, and a re-scan catches up
    qtbot.waitUntil(lambda: window.watching.mode == WATCHING, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "没有监视" in list_titles(window), timeout=WAIT_MS)
    assert Settings(config_dir(data_dir)).watch_folders is True
    dialog.close()
