"""What real archives hold, and what people do to an import (issue 8, part 1).

Non-UTF-8 file names, a record that cannot be stored, a path swapped for a FIFO, a file
that never finishes, a SIGKILLed import, two imports at once, symbolic links out of the
added folders, and the importer's memory: each test failed before its fix.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.errors import NotAnArticle, ReaderError
from reader.importer import import_paths
from reader.parse import read_capped

REPO = Path(__file__).resolve().parents[1]
GBK_NAME = "海外仓新闻.txt".encode("gbk")
NOT_ANY_ENCODING = b"\xff\xfe\xfd-raw.txt"


def article_text(i: int, title: str | None = None) -> str:
    title = title or f"第{i}篇文章"
    return (
        f"2024-01-{1 + i % 28:02}\n\n跨境电商资讯:{title}\n\n正文内容第{i}段，讲述跨境物流与"
        f"海外仓的变化。\n\n原文转载:https://x.example.com/{i}\n\nNo comments:\n\n"
        "Post a Comment"
    )


def make_archive(folder: Path, count: int, start: int = 0) -> Path:
    for i in range(start, start + count):
        sub = folder / f"{i % 7:02}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05}.txt").write_text(article_text(i), encoding="utf-8")
    return folder


def write_bytes_name(folder: Path, name: bytes, text: str) -> bytes:
    """Create a file whose name is raw bytes (as copied from a GBK Windows disk)."""
    raw = os.path.join(os.fsencode(folder), name)
    with open(raw, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return raw


def cli(
    *args: str, data_dir: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )


def import_json(folder: Path | str, data_dir: Path, *extra: str) -> dict:
    result = cli("import", str(folder), "--json", "--no-index", *extra, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def catalogue(data_dir: Path) -> Iterator[Catalogue]:
    cat = Catalogue(data_dir / "catalogue.sqlite3")
    yield cat
    cat.close()


# -- file names that are not UTF-8 ---------------------------------------------------------


def test_non_utf8_names_import_show_decoded_and_rescan_like_any_other(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    make_archive(archive, 3)
    write_bytes_name(archive, GBK_NAME, article_text(100, "海外仓新闻"))
    write_bytes_name(archive, NOT_ANY_ENCODING, article_text(101, "Raw name"))
    data = tmp_path / "lib"

    first = import_json(archive, data)
    assert (first["imported"], first["skipped"]) == (5, [])
    rows = {r["title"]: r for r in json.loads(cli("list", "--json", data_dir=data).stdout)}
    assert rows["海外仓新闻"]["path"] == str(archive / "海外仓新闻.txt")  # GBK, decoded
    assert rows["Raw name"]["path"] == str(archive) + "/\\xff\\xfe\\xfd-raw.txt"
    shown = json.loads(cli("show", str(rows["海外仓新闻"]["id"]), "--json", data_dir=data).stdout)
    assert shown["path"] == rows["海外仓新闻"]["path"]

    again = import_json(archive, data)
    assert (again["imported"], again["updated"], again["unchanged"]) == (0, 0, 5)

    # renamed to another GBK name: a move, same id; then deleted: it leaves
    src = os.path.join(os.fsencode(archive), GBK_NAME)
    dst = os.path.join(os.fsencode(archive), "仓储新闻.txt".encode("gbk"))
    os.rename(src, dst)
    moved = import_json(archive, data)
    assert (moved["moved"], moved["imported"], moved["removed"]) == (1, 0, 0)
    rows2 = {r["title"]: r for r in json.loads(cli("list", "--json", data_dir=data).stdout)}
    assert rows2["海外仓新闻"]["id"] == rows["海外仓新闻"]["id"]
    assert rows2["海外仓新闻"]["path"] == str(archive / "仓储新闻.txt")
    os.unlink(dst)
    os.unlink(os.path.join(os.fsencode(archive), NOT_ANY_ENCODING))
    gone = import_json(archive, data)
    assert (gone["removed"], gone["unchanged"]) == (2, 3)


def test_a_non_utf8_folder_is_a_root_that_rescans(catalogue: Catalogue, tmp_path: Path) -> None:
    root = os.path.join(os.fsencode(tmp_path), "资料".encode("gbk"))
    os.mkdir(root)
    make_archive(Path(os.fsdecode(root)), 2)
    summary = import_paths(catalogue, [os.fsdecode(root)])
    assert summary.imported == 2
    assert catalogue.roots() == [os.fsdecode(root)]  # the real path, to scan again
    assert import_paths(catalogue, catalogue.roots()).unchanged == 2


def test_a_record_that_cannot_be_stored_is_skipped_not_its_batch(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    archive = make_archive(tmp_path / "archive", 5)
    (archive / "新闻.txt").write_text(article_text(200, "UTF-8 name"), encoding="utf-8")
    # The same name in GBK bytes: decoded for display it is the same path.
    write_bytes_name(archive, "新闻.txt".encode("gbk"), article_text(201, "GBK name"))
    summary = import_paths(catalogue, [archive], workers=1)
    assert summary.imported == 6
    assert len(summary.skipped) == 1
    path, reason = summary.skipped[0]
    assert path == str(archive / "新闻.txt") and "same name as another file" in reason
    assert catalogue.count() == 6
    again = import_paths(catalogue, [archive], workers=1)
    assert (again.unchanged, again.imported, len(again.skipped)) == (6, 0, 1)


def test_a_full_disk_is_not_taken_for_a_bad_file(catalogue: Catalogue, tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", 40)
    db = catalogue.connection
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own "disk is full"
    with pytest.raises((sqlite3.OperationalError, ReaderError)) as caught:
        import_paths(catalogue, [archive], workers=1)
    assert "full" in str(caught.value) or "space" in str(caught.value)


# -- opening only regular files, within a time budget --------------------------------------


def test_read_capped_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []

    def read() -> None:
        try:
            outcome.append(read_capped(fifo))
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # unblock the old behaviour's open() so the thread can end
        with open(fifo, "wb"):
            pass
        pytest.fail("read_capped blocked on a FIFO")
    assert isinstance(outcome[0], NotAnArticle)
    assert "FIFO" in str(outcome[0])
    assert "folder" in str(pytest.raises(NotAnArticle, read_capped, tmp_path).value)


SWAP = """
import json, os, sys
from reader.catalogue import Catalogue
from reader.importer import import_paths
archive, target, db = sys.argv[1:4]
swapped = []
def progress(done, total):
    if not swapped:  # after the walk, before any file is read
        os.unlink(target)
        os.mkfifo(target)
        swapped.append(1)
with Catalogue(db) as catalogue:
    summary = import_paths(catalogue, [archive], progress=progress)
print(json.dumps({"imported": summary.imported, "skipped": summary.skipped}))
"""


def run_script(
    code: str, *args: str, timeout: float = 90, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run *code* in its own session; on a timeout, kill the session (stuck workers too)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"timed out after {timeout} s")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize("count", [5, 100])  # parsed in this process / in workers
def test_a_path_swapped_for_a_fifo_after_the_walk_is_skipped(tmp_path: Path, count: int) -> None:
    archive = make_archive(tmp_path / "archive", count)
    target = archive / "00" / "00000.txt"
    result = run_script(SWAP, str(archive), str(target), str(tmp_path / "cat.sqlite3"), timeout=60)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["imported"] == count - 1
    assert summary["skipped"] == [[str(target), "a named pipe (FIFO), not a regular file"]]


SLOW = """
import json, sys
from reader.catalogue import Catalogue
from reader.importer import import_paths
archive, db = sys.argv[1:3]
with Catalogue(db) as catalogue:
    for _ in range(2):
        summary = import_paths(catalogue, [archive], workers=2)
        print(json.dumps({"imported": summary.imported, "unchanged": summary.unchanged,
                          "skipped": summary.skipped}), flush=True)
"""


@pytest.mark.parametrize("count", [5, 100])  # parsed in this process / in workers
def test_a_file_over_its_time_budget_is_skipped_and_the_rest_imported(
    tmp_path: Path, count: int
) -> None:
    archive = make_archive(tmp_path / "archive", count)
    # 8 MB of HTML paragraphs: seconds to parse, where the budget here is one.
    big = archive / "big.html"
    big.write_text(
        "<html><head><title>Big</title></head><body><article>"
        + "".join(f"<p>第{i}段 跨境物流 海外仓的变化 text {i}</p>" for i in range(150_000))
        + "</article></body></html>",
        encoding="utf-8",
    )
    started = time.monotonic()
    result = run_script(
        SLOW,
        str(archive),
        str(tmp_path / "cat.sqlite3"),
        env={"READER_FILE_BUDGET": "1"},
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    reason = "took longer than 1 s to read and parse; skipped"
    assert first == {"imported": count, "unchanged": 0, "skipped": [[str(big), reason]]}
    assert second == {"imported": 0, "unchanged": count, "skipped": [[str(big), reason]]}
    assert time.monotonic() - started < 60


# -- workers die with the import -----------------------------------------------------------


def session_processes(sid: int) -> list[int]:
    """Live processes of session *sid* (zombies excluded: they are already dead)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("phase", ["Importing", "Indexing"])
def test_sigkill_of_an_import_leaves_no_worker_behind(tmp_path: Path, phase: str) -> None:
    archive = make_archive(tmp_path / "archive", 900)
    data = tmp_path / "lib"
    if phase == "Indexing":  # the library is full: this run goes straight to indexing
        import_json(archive, data)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "import", str(archive), "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        start_new_session=True,
    )
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # "Importing: 90/900 (10%)": workers are busy now
            if line.startswith(f"{phase}: ") and not line.startswith(f"{phase}: 0/"):
                break
        else:
            pytest.fail(f"no {phase} progress")
        assert len(session_processes(proc.pid)) >= 3  # the import and its workers
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 3
        while session_processes(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session_processes(proc.pid) == []
        rest = proc.stderr.read()
        assert "Traceback" not in rest and "leaked" not in rest
    finally:
        for pid in session_processes(proc.pid):
            os.kill(pid, signal.SIGKILL)
    with sqlite3.connect(data / "catalogue.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- one writer at a time ------------------------------------------------------------------


def test_a_second_import_waits_for_the_first(tmp_path: Path) -> None:
    from reader.locks import exclusive_lock, writer_lock_path

    archive = make_archive(tmp_path / "archive", 10)
    data = tmp_path / "lib"
    with exclusive_lock(writer_lock_path(data)):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reader",
                "import",
                str(archive),
                "--no-index",
                "--data-dir",
                str(data),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert "waiting" in line and f"process {os.getpid()}" in line
        time.sleep(0.5)
        assert proc.poll() is None  # still waiting
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "10 imported" in out


def test_two_imports_at_once_both_succeed(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", 300)
    data = tmp_path / "lib"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "import", str(archive), "--data-dir", str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=180) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "UNIQUE" not in err and "Traceback" not in err
    check = cli("reindex", "--check", "--json", data_dir=data)
    assert json.loads(check.stdout)["library"] == 300


def test_the_apps_import_job_waits_and_can_be_cancelled_while_waiting(tmp_path: Path) -> None:
    from reader.background.jobs import ImportJob
    from reader.locks import exclusive_lock, writer_lock_path

    archive = make_archive(tmp_path / "archive", 4)
    data = tmp_path / "lib"
    phases: list[str] = []
    stop = threading.Event()
    job = ImportJob(data, [str(archive)])
    with exclusive_lock(writer_lock_path(data)):
        outcomes = []
        thread = threading.Thread(
            target=lambda: outcomes.append(job.run(lambda p, d, t: phases.append(p), stop.is_set))
        )
        thread.start()
        time.sleep(1.0)
        assert thread.is_alive() and any("Waiting" in p for p in phases)
        stop.set()
        thread.join(10)
        assert not thread.is_alive()
    assert outcomes[0].cancelled and "nothing was changed" in outcomes[0].message
    outcome = job.run(lambda p, d, t: None, lambda: False)
    assert not outcome.cancelled and outcome.library_changed


# -- symbolic links ------------------------------------------------------------------------


def test_links_out_of_the_added_folders_are_not_followed(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    archive = make_archive(tmp_path / "archive", 2)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(article_text(50, "Outside"), encoding="utf-8")
    os.symlink(outside / "secret.txt", archive / "link-out.txt")
    os.symlink(archive / "00" / "00000.txt", archive / "link-in.txt")
    summary = import_paths(catalogue, [archive])
    reasons = dict(summary.skipped)
    assert "outside the folders being imported" in reasons[str(archive / "link-out.txt")]
    assert summary.imported == 3  # two files and the link that stays inside
    assert "Outside" not in {r["title"] for r in catalogue.list_articles()}
    # Adding the folder it points into is how to include it.
    both = import_paths(catalogue, [archive, outside])
    assert not both.skipped and both.imported == 2  # the link and the file itself


# -- memory --------------------------------------------------------------------------------


def test_a_rescan_holds_no_per_file_state_in_memory(catalogue: Catalogue, tmp_path: Path) -> None:
    small = make_archive(tmp_path / "small", 1000)
    large = make_archive(tmp_path / "large", 4000)
    peaks = {}
    for folder in (small, large):
        import_paths(catalogue, [folder])
        tracemalloc.start()
        summary = import_paths(catalogue, [folder])
        peaks[folder.name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert summary.unchanged == len(list(folder.rglob("*.txt")))
    per_file = (peaks["large"] - peaks["small"]) / 3000
    assert per_file < 100, f"{per_file:.0f} bytes per file"
