"""``reader watch PATH...`` as a script runs it: imports first, prints one line (one JSON
object with ``--json``) per batch of changes, and Ctrl+C ends it with status 0 and a
sentence, never a traceback."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from tests.test_importer import write_article

WAIT_S = 30.0


class Watching:
    """``reader watch`` in a child process, its stdout read line by line."""

    def __init__(self, data_dir: Path, *args: str) -> None:
        self.stderr_path = data_dir.parent / "watch-stderr.txt"
        self._stderr = open(self.stderr_path, "w", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reader.cli", "watch", *args, "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, timeout: float = WAIT_S) -> str:
        return self.lines.get(timeout=timeout)

    def stderr(self) -> str:
        if not self._stderr.closed:
            self._stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8")

    def wait_stderr(self, text: str, timeout: float = WAIT_S) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.stderr():
            assert self.proc.poll() is None, f"ended early: {self.stderr()}"
            assert time.monotonic() < deadline, f"no {text!r} on stderr: {self.stderr()}"
            time.sleep(0.05)

    def interrupt(self, signum: int = signal.SIGINT) -> int:
        self.proc.send_signal(signum)
        try:
            return self.proc.wait(timeout=WAIT_S)
        finally:
            self._stderr.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._stderr.close()


def test_watch_prints_a_batch_for_a_file_written_then_stops_on_ctrl_c(
    tmp_path: Path, data_dir: Path
) -> None:
    archive = tmp_path / "archive"
    write_article(archive, "first.txt", "第一篇", "https://x.example.com/1", [])
    watching = Watching(data_dir, str(archive), "--json")
    try:
        initial: dict[str, Any] = json.loads(watching.next_line())
        assert initial["initial"] is True and initial["added"] == 1
        watching.wait_stderr("Watching")
        write_article(archive, "second.txt", "第二篇", "https://x.example.com/2", [])
        began = time.monotonic()
        batch: dict[str, Any] = json.loads(watching.next_line())
        print(f"\nwritten -> batch line: {time.monotonic() - began:.2f} s")
        assert batch["initial"] is False
        assert (batch["added"], batch["updated"], batch["removed"]) == (1, 0, 0)
        assert batch["paths"] == [str(archive / "second.txt")]
        assert batch["index"].startswith("search index: 1 added")  # searchable now
        (archive / "first.txt").unlink()
        gone: dict[str, Any] = json.loads(watching.next_line())
        assert (gone["added"], gone["removed"]) == (0, 1)
        assert gone["paths"] == [str(archive)]  # a deletion re-scans the folder
        code = watching.interrupt()
    finally:
        watching.kill()
    err = watching.stderr()
    assert code == 0, err
    assert "Stopped watching" in err and "Traceback" not in err
    listed = subprocess.run(
        [sys.executable, "-m", "reader.cli", "list", "--json", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert [row["title"] for row in json.loads(listed.stdout)] == ["第二篇"]


def test_watch_in_text_mode_with_the_periodic_fallback_stops_on_sigterm(
    tmp_path: Path, data_dir: Path
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    watching = Watching(data_dir, str(archive), "--poll", "--interval", "0.5")
    try:
        assert "imported: 0 added, 0 updated, 0 removed" in watching.next_line()
        watching.wait_stderr("re-scanned for changes every 0.5 s")
        watching.wait_stderr("Watching")
        time.sleep(0.8)  # the first scan is the baseline
        write_article(archive, "polled.txt", "轮询", "https://x.example.com/p", [])
        line = watching.next_line()
        assert "changes: 1 added, 0 updated, 0 removed" in line
        code = watching.interrupt(signal.SIGTERM)  # a service manager's stop: as Ctrl+C
    finally:
        watching.kill()
    assert code == 0 and "Stopped watching" in watching.stderr()
    assert "Traceback" not in watching.stderr()


def test_watch_refuses_a_file_with_a_clear_message(tmp_path: Path, data_dir: Path) -> None:
    page = write_article(tmp_path, "one.txt", "一", "https://x.example.com/1", [])
    done = subprocess.run(
        [sys.executable, "-m", "reader.cli", "watch", str(page), "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 2
    assert "watches folders" in done.stderr and "Traceback" not in done.stderr
