"""A library on a full disk: reads work, writes fail with one clear line, nothing is lost.

Through the CLI in subprocesses on a real tmpfs filled to the brim (tests/mounts.py), plus
SQLite's own SQLITE_FULL (``PRAGMA max_page_count``) and a backup whose write fails with
ENOSPC, which need no mount.
"""

from __future__ import annotations

import errno
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.cli import main
from reader.errors import DiskFull, ReaderError
from tests.mounts import fill, tmpfs, unfill
from tests.test_importer import write_article

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def run(*args: str, data_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def make_corpus(folder: Path, count: int, *, seed: int = 1, words: int = 500) -> None:
    """*count* articles of words drawn from a made-up vocabulary of 3,000: text that
    compresses little (so it takes space) with a realistic number of distinct words."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 9))) for _ in range(3000)]
    for i in range(count):
        body = [" ".join(rng.choice(vocab) for _ in range(words // 5)) + "." for _ in range(5)]
        lines = [
            f"2024-01-{i % 28 + 1:02d}",
            "",
            f"Site:Article {i} about shipping",
            "",
            *sum(([p, ""] for p in body), []),
            f"Source: https://example.com/news/{seed}/{i}",
            "",
        ]
        path = folder / f"{i // 100:03d}" / f"{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")


def small_archive(folder: Path) -> Path:
    write_article(
        folder,
        "one.txt",
        "第一篇",
        "https://x.example.com/1",
        [],
        body="海外仓的选址要算清楚成本。退货也要提前规划。",
    )
    write_article(
        folder,
        "two.txt",
        "第二篇",
        "https://x.example.com/2",
        [],
        body="物流价格今年上涨了不少。",
        date="2024-02-03",
    )
    return folder


def clean_failure(result: subprocess.CompletedProcess[str], data: Path) -> str:
    """The one-line "no space" failure: status 2, the folder named, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("reader: ")]
    assert len(lines) == 1, result.stderr
    line = lines[0].lower()
    assert "no space left" in line and str(data).lower() in line, line
    assert "free some space" in line and "nothing" in line and "lost" in line, line
    assert "move it aside" not in line and "import the archive again" not in line, line
    return line


def annotations_of(data: Path, ids: list[int]) -> dict[int, list[dict[str, object]]]:
    shown = {}
    for article_id in ids:
        result = run("show", str(article_id), "--json", data_dir=data)
        assert result.returncode == 0, result.stderr
        document = json.loads(result.stdout)
        shown[article_id] = document["annotations"] + [{"bookmarked": document["bookmarked"]}]
    return shown


def integrity(data: Path) -> str:
    with sqlite3.connect(data / "catalogue.sqlite3") as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def test_list_and_show_work_while_the_disk_is_full(tmp_path: Path) -> None:
    archive = small_archive(tmp_path / "archive")
    with tmpfs(tmp_path / "mnt") as mnt:
        data = mnt / "lib"
        assert run("import", str(archive), data_dir=data).returncode == 0
        rows = run("list", "--json", data_dir=data).stdout
        first = json.loads(rows)[0]["id"]
        shown = run("show", str(first), "--json", data_dir=data).stdout
        annotations = run("annotations", data_dir=data).stdout
        fill(mnt)

        listed = run("list", "--json", data_dir=data)
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout == rows
        again = run("show", str(first), "--json", data_dir=data)
        assert again.returncode == 0, again.stderr
        assert again.stdout == shown
        exported = run("annotations", data_dir=data)
        assert exported.returncode == 0 and exported.stdout == annotations, exported.stderr
        unfill(mnt)
        assert integrity(data) == "ok"


def test_search_works_while_the_disk_is_full(tmp_path: Path) -> None:
    archive = small_archive(tmp_path / "archive")
    with tmpfs(tmp_path / "mnt") as mnt:
        data = mnt / "lib"
        assert run("import", str(archive), data_dir=data).returncode == 0
        found = run("search", "海外仓", "--json", data_dir=data).stdout
        fill(mnt)
        searched = run("search", "海外仓", "--json", data_dir=data)
        assert "Traceback" not in searched.stderr
        assert searched.returncode == 0, searched.stderr
        assert [h["id"] for h in json.loads(searched.stdout)] == [
            h["id"] for h in json.loads(found)
        ]


def test_changes_on_a_full_disk_fail_with_one_line_and_lose_nothing(tmp_path: Path) -> None:
    archive = small_archive(tmp_path / "archive")
    with tmpfs(tmp_path / "mnt") as mnt:
        data = mnt / "lib"
        assert run("import", str(archive), data_dir=data).returncode == 0
        ids = sorted(r["id"] for r in json.loads(run("list", "--json", data_dir=data).stdout))
        for quote, note in (("海外仓", "first"), ("退货", "second")):
            done = run("annotate", str(ids[0]), "--quote", quote, "--note", note, data_dir=data)
            assert done.returncode == 0, done.stderr
        assert run("bookmark", str(ids[1]), "--tags", "物流", data_dir=data).returncode == 0
        before = annotations_of(data, ids)
        fill(mnt)

        for command in (
            ["annotate", str(ids[1]), "--quote", "物流", "--note", "n" * 20000],
            ["bookmark", str(ids[0]), "--tags", "x" * 20000],
            ["bookmark", str(ids[1]), "--remove"],
            ["annotations", "backup"],
        ):
            clean_failure(run(*command, data_dir=data), data)

        unfill(mnt)
        assert annotations_of(data, ids) == before
        assert integrity(data) == "ok"
        assert run("annotate", str(ids[1]), "--quote", "物流", data_dir=data).returncode == 0


def test_an_import_that_fills_the_disk_stops_then_completes(tmp_path: Path) -> None:
    archive = small_archive(tmp_path / "archive")
    big = tmp_path / "big"
    make_corpus(big, 150)
    with tmpfs(tmp_path / "mnt", "8m") as mnt:
        data = mnt / "lib"
        assert run("import", str(archive), data_dir=data).returncode == 0
        first = json.loads(run("list", "--json", data_dir=data).stdout)[0]["id"]
        assert (
            run(
                "annotate", str(first), "--quote", "物流", "--note", "keep me", data_dir=data
            ).returncode
            == 0
        )
        before = annotations_of(data, [first])
        fill(mnt, leave=300_000)

        stopped = run("import", str(big), data_dir=data)
        line = clean_failure(stopped, data)
        assert "import" in line

        unfill(mnt)
        assert integrity(data) == "ok"
        assert annotations_of(data, [first]) == before
        finished = run("import", str(big), data_dir=data)
        assert finished.returncode == 0, finished.stderr
        assert len(json.loads(run("list", "--json", data_dir=data).stdout)) == 152
        check = run("reindex", "--check", "--json", data_dir=data)
        assert check.returncode == 0, check.stdout + check.stderr
        assert json.loads(check.stdout)["indexed"] == 152


def test_indexing_that_fills_the_disk_stops_then_completes(tmp_path: Path) -> None:
    big = tmp_path / "big"
    make_corpus(big, 150, seed=2)
    with tmpfs(tmp_path / "mnt", "16m") as mnt:
        data = mnt / "lib"
        imported = run("import", str(big), "--no-index", data_dir=data)
        assert imported.returncode == 0, imported.stderr
        fill(mnt, leave=200_000)

        clean_failure(run("reindex", data_dir=data), data)

        unfill(mnt)
        done = run("reindex", data_dir=data)
        assert done.returncode == 0, done.stderr
        check = run("reindex", "--check", "--json", data_dir=data)
        assert check.returncode == 0, check.stdout + check.stderr
        assert json.loads(check.stdout)["indexed"] == 150
        hits = json.loads(
            run("search", "shipping", "--json", "--limit", "500", data_dir=data).stdout
        )
        assert len(hits) == 150


def test_sqlite_full_is_a_clear_error_and_the_change_is_undone(tmp_path: Path) -> None:
    """SQLITE_FULL without a mount: the catalogue capped at its current size."""
    archive = small_archive(tmp_path / "archive")
    data = tmp_path / "lib"
    assert run("import", str(archive), "--no-index", data_dir=data).returncode == 0
    with Catalogue(data / "catalogue.sqlite3") as catalogue:
        article_id = catalogue.ids()[0]
        store = AnnotationStore(catalogue)
        store.annotate_quote(article_id, "海外仓", note="kept")
        db = catalogue.connection
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull) as info:
            store.annotate_quote(article_id, "退货", note="x" * 100_000)
        assert isinstance(info.value, ReaderError)
        assert isinstance(info.value, sqlite3.OperationalError)  # what callers caught before
        message = str(info.value).lower()
        assert "no space left" in message and str(data).lower() in message
        assert [a.note for a in store.annotations_for(article_id)] == ["kept"]
        assert not db.in_transaction


def test_a_backup_that_cannot_be_written_warns_and_keeps_the_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = small_archive(tmp_path / "archive")
    data = tmp_path / "lib"
    assert run("import", str(archive), "--no-index", data_dir=data).returncode == 0
    first = json.loads(run("list", "--json", data_dir=data).stdout)[0]["id"]

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.annotations.backup.os.fsync", no_space)
    code = main(
        ["annotate", str(first), "--quote", "物流", "--note", "saved", "--data-dir", str(data)]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    warning = err.lower()
    assert "no space left" in warning and str(data / "backups").lower() in warning
    assert "saved" in warning and "traceback" not in warning
    monkeypatch.undo()
    notes = [a["note"] for a in annotations_of(data, [first])[first] if "note" in a]
    assert notes == ["saved"]
    assert not list((data / "backups").glob(".annotations-*.tmp"))


def test_only_a_really_damaged_catalogue_gets_the_move_aside_advice(tmp_path: Path) -> None:
    archive = small_archive(tmp_path / "archive")
    data = tmp_path / "lib"
    assert run("import", str(archive), "--no-index", data_dir=data).returncode == 0
    first = json.loads(run("list", "--json", data_dir=data).stdout)[0]["id"]
    assert run("bookmark", str(first), data_dir=data).returncode == 0
    (data / "catalogue.sqlite3").write_bytes(b"this is not a database at all" * 200)
    for command in (["list"], ["show", str(first)], ["bookmark", str(first)]):
        result = run(*command, data_dir=data)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        line = result.stderr.strip()
        assert line.startswith("reader: ") and "\n" not in line, line
        assert "not a database" in line and "move it aside" in line.lower()
        assert "bookmarks" in line and "notes" in line, line
        assert str(data / "backups") in line and "annotations-" in line, line


def test_the_window_shows_a_save_that_fails_on_a_full_disk(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The window already has the library open when the disk fills up: reading goes on,
    a bookmark that cannot be saved says why in a message box."""
    from reader.ui.window.mainwindow import MainWindow
    from reader.ui.window.settings import Settings
    from tests.ui.conftest import settle

    archive = small_archive(tmp_path / "archive")
    with tmpfs(tmp_path / "mnt") as mnt:
        data = mnt / "lib"
        assert run("import", str(archive), data_dir=data).returncode == 0
        ids = sorted(r["id"] for r in json.loads(run("list", "--json", data_dir=data).stdout))
        win = MainWindow(data, Settings(tmp_path / "config"))
        qtbot.addWidget(win)
        try:
            win.show()
            qtbot.waitExposed(win)
            with qtbot.waitSignal(win.articleOpened, timeout=5000):
                win.open_article(ids[0])
            settle(win, qtbot)
            fill(mnt)
            win.annotating.toggle_bookmark(ids[0])
            report = win.status_report
            qtbot.waitUntil(lambda: report.has_report, timeout=10000)
            text = report.text
            assert report.error and win.last_message is None
            assert "No space left" in text and str(data) in text, text
            assert "went wrong" not in text and "Move it aside" not in text
            report.clear()
            with qtbot.waitSignal(win.articleOpened, timeout=5000):
                win.open_article(ids[1])
        finally:
            win.close()
            settle(win, qtbot)
            unfill(mnt)
        assert integrity(data) == "ok"
        shown = json.loads(run("show", str(ids[0]), "--json", data_dir=data).stdout)
        assert shown["bookmarked"] is False
