"""A library on read-only media (a backup mounted read-only, a write-protected drive):
reading, listing and searching work; every write says why it cannot.

Through the CLI in subprocesses with ``--data-dir`` on a tmpfs remounted read-only
(tests/mounts.py), a catalogue left with a -wal file by a crash, the window, and the core.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.errors import LibraryReadOnly, ReaderError
from tests.mounts import remount, tmpfs
from tests.test_disk_full import run, small_archive


@dataclass
class Library:
    data: Path
    mount: Path
    archive: Path
    ids: list[int]
    before: dict[str, str]


def snapshot(data: Path, ids: list[int]) -> dict[str, str]:
    out = {
        "list": run("list", "--json", data_dir=data).stdout,
        "search": run("search", "海外仓", "--json", data_dir=data).stdout,
        "annotations": run("annotations", data_dir=data).stdout,
        "annotations-json": run("annotations", "--format", "json", data_dir=data).stdout,
    }
    for article_id in ids:
        out[f"show {article_id}"] = run("show", str(article_id), "--json", data_dir=data).stdout
    return out


def build(tmp_path: Path, mnt: Path) -> Library:
    archive = small_archive(tmp_path / "archive")
    data = mnt / "lib"
    assert run("import", str(archive), data_dir=data).returncode == 0
    ids = sorted(r["id"] for r in json.loads(run("list", "--json", data_dir=data).stdout))
    assert (
        run("annotate", str(ids[0]), "--quote", "海外仓", "--note", "n1", data_dir=data).returncode
        == 0
    )
    assert run("bookmark", str(ids[1]), "--tags", "物流", data_dir=data).returncode == 0
    return Library(data, mnt, archive, ids, snapshot(data, ids))


@pytest.fixture
def ro_library(tmp_path: Path) -> Iterator[Library]:
    with tmpfs(tmp_path / "mnt") as mnt:
        library = build(tmp_path, mnt)
        remount(mnt, readonly=True)
        yield library


def test_reading_listing_and_searching_work(ro_library: Library, tmp_path: Path) -> None:
    lib = ro_library
    for key, expected in lib.before.items():
        if key == "annotations-json":  # carries the time it was made
            continue
        command = {
            "list": ["list", "--json"],
            "search": ["search", "海外仓", "--json"],
            "annotations": ["annotations"],
        }.get(key) or ["show", key.split()[1], "--json"]
        result = run(*command, data_dir=lib.data)
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr
        if key == "search":
            assert [h["id"] for h in json.loads(result.stdout)] == [
                h["id"] for h in json.loads(expected)
            ]
        else:
            assert result.stdout == expected, command
    exported = run(
        "annotations", "--format", "json", "-o", str(tmp_path / "out.jsonld"), data_dir=lib.data
    )
    assert exported.returncode == 0, exported.stderr
    items = json.loads((tmp_path / "out.jsonld").read_text("utf-8"))["first"]["items"]
    assert len(items) == 2
    check = run("reindex", "--check", data_dir=lib.data)
    assert check.returncode == 0, check.stdout + check.stderr


def test_every_write_refuses_and_says_why(ro_library: Library, tmp_path: Path) -> None:
    lib = ro_library
    backup = tmp_path / "restore.jsonld"
    backup.write_text(lib.before["annotations-json"], encoding="utf-8")
    for command, cannot in (
        (["import", str(lib.archive)], "import"),
        (["bookmark", str(lib.ids[0])], "bookmark"),
        (["bookmark", str(lib.ids[1]), "--remove"], "bookmark"),
        (["annotate", str(lib.ids[1]), "--quote", "物流"], "highlight"),
        (["annotations", "import", str(backup)], "import"),
        (["annotations", "backup"], "backup"),
        (["reindex"], "index"),
        (["reindex", "--full"], "index"),
    ):
        result = run(*command, data_dir=lib.data)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        line = result.stderr.strip()
        assert line.startswith("reader: ") and "\n" not in line, line
        assert f"the library at {lib.data} is read-only" in line, line
        assert cannot in line.lower(), (command, line)
    assert snapshot(lib.data, lib.ids) == lib.before


def test_a_new_library_cannot_be_made_on_read_only_media(tmp_path: Path) -> None:
    archive = small_archive(tmp_path / "archive")
    with tmpfs(tmp_path / "mnt") as mnt:
        remount(mnt, readonly=True)
        result = run("import", str(archive), data_dir=mnt / "new")
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"the library at {mnt / 'new'} is read-only" in result.stderr
        listed = run("list", data_dir=mnt / "new")
        assert listed.returncode == 2 and "No library yet" in listed.stderr


CRASH = textwrap.dedent("""
    import os, sys
    from reader.annotations.store import AnnotationStore
    from reader.catalogue import Catalogue
    catalogue = Catalogue(sys.argv[1])
    AnnotationStore(catalogue).bookmark(int(sys.argv[2]), "after-the-crash")
    os._exit(0)  # no close: the change stays in the -wal file, as after a crash
""")


@pytest.mark.parametrize("shm", [True, False], ids=["wal-and-shm", "wal-only"])
def test_a_catalogue_left_with_a_wal_by_a_crash(tmp_path: Path, shm: bool) -> None:
    with tmpfs(tmp_path / "mnt") as mnt:
        lib = build(tmp_path, mnt)
        catalogue = lib.data / "catalogue.sqlite3"
        subprocess.run(
            [sys.executable, "-c", CRASH, str(catalogue), str(lib.ids[0])], check=True, timeout=60
        )
        wal = Path(f"{catalogue}-wal")
        assert wal.stat().st_size > 0
        if not shm:
            Path(f"{catalogue}-shm").unlink()
        remount(mnt, readonly=True)

        shown = run("show", str(lib.ids[0]), "--json", data_dir=lib.data)
        assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr
        document = json.loads(shown.stdout)
        if shm:  # SQLite reads the WAL through the existing -shm: the change is there
            assert document["tags"] == ["after-the-crash"]
            assert "note:" not in shown.stderr
        else:  # without a -shm, read-only media cannot read the WAL: said, not hidden
            assert document["tags"] == []
            note = shown.stderr.lower()
            assert "note:" in note and str(wal).lower() in note, shown.stderr
            assert "writable" in note
        listed = run("list", "--json", data_dir=lib.data)
        assert listed.stdout == lib.before["list"]


def test_the_core_refuses_writes_on_a_read_only_catalogue(tmp_path: Path) -> None:
    """Without a mount: a catalogue opened read-only raises the clear error on a write,
    one that callers catching sqlite3.OperationalError still catch."""
    data = tmp_path / "lib"
    assert (
        run("import", str(small_archive(tmp_path / "a")), "--no-index", data_dir=data).returncode
        == 0
    )
    with Catalogue(data / "catalogue.sqlite3", readonly=True) as catalogue:
        assert catalogue.readonly
        first = catalogue.ids()[0]
        with pytest.raises(LibraryReadOnly) as info:
            AnnotationStore(catalogue).bookmark(first, "x")
        assert isinstance(info.value, ReaderError)
        assert isinstance(info.value, sqlite3.OperationalError)
        assert "read-only" in str(info.value)
        with pytest.raises(LibraryReadOnly):
            catalogue.mark_read([first])
        assert AnnotationStore(catalogue).get_bookmark(first) is None  # reads still work
    with Catalogue(data / "catalogue.sqlite3") as catalogue:
        assert not catalogue.readonly


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permission bits")
def test_a_folder_without_write_permission_is_opened_read_only(tmp_path: Path) -> None:
    data = tmp_path / "lib"
    assert (
        run("import", str(small_archive(tmp_path / "a")), "--no-index", data_dir=data).returncode
        == 0
    )
    os.chmod(data, 0o555)
    try:
        listed = run("list", "--json", data_dir=data)
        assert listed.returncode == 0, listed.stderr
        first = json.loads(listed.stdout)[0]["id"]
        refused = run("bookmark", str(first), data_dir=data)
        assert refused.returncode == 2 and "is read-only" in refused.stderr
    finally:
        os.chmod(data, 0o755)


# -- the window -------------------------------------------------------------------------


def test_the_window_opens_lists_and_says_what_cannot_be_saved(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from reader.ui.window.mainwindow import MainWindow
    from reader.ui.window.settings import Settings
    from tests.ui.conftest import settle

    with tmpfs(tmp_path / "mnt") as mnt:
        lib = build(tmp_path, mnt)
        remount(mnt, readonly=True)
        win = MainWindow(lib.data, Settings(tmp_path / "config"))
        qtbot.addWidget(win)
        try:
            win.show()
            qtbot.waitExposed(win)
            assert win.catalogue.readonly
            assert win.list_model.rowCount() == len(lib.ids)

            win.start_background()  # the start-up re-scan: skipped, with a note
            assert win.jobs.current_label is None
            status = win.statusBar().currentMessage()
            assert "read-only" in status and str(lib.data) in status, status

            with qtbot.waitSignal(win.articleOpened, timeout=5000):
                win.open_article(lib.ids[0])
            win.annotating.toggle_bookmark(lib.ids[0])
            report = win.status_report
            qtbot.waitUntil(lambda: report.has_report, timeout=5000)
            assert report.error and win.last_message is None  # no modal box
            assert "read-only" in report.text, report.text
            assert "Traceback" not in report.text and "went wrong" not in report.text
            report.clear()

            win.toggle_read()
            settle(win, qtbot)
            status = win.statusBar().currentMessage()
            assert "read-only" in status and "Traceback" not in status, status
        finally:
            win.close()
            settle(win, qtbot)
