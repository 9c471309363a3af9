"""The worker pool: results in order, a stuck or dying item costs only itself, workers
never outlive their parent, and work completes in-process when workers cannot start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.workers import Failed, WorkerPool, budget_from_env, progress

REPO = Path(__file__).resolve().parents[1]


# -- functions the workers run (module level, so a worker can import them) -------------


def square(item: int) -> int:
    return item * item


def misbehave(item: str) -> str:
    """``fifo:PATH`` blocks forever opening a FIFO nobody writes to (what the importer's
    plain ``open()`` did); ``die`` kills its own process; ``raise`` raises."""
    if item.startswith("fifo:"):
        with open(item[5:], "rb") as handle:
            return handle.read().decode()
    if item == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "raise":
        raise ValueError("bad item")
    return item.upper()


def count_to(item: int) -> int:
    for _ in range(item):
        progress(1)
    return item


def failing_init() -> None:
    raise RuntimeError("cannot open the catalogue")


def sleep_forever(item: int) -> int:
    time.sleep(3600)
    return item


# -- tests ------------------------------------------------------------------------------


def test_results_come_in_order_with_progress() -> None:
    seen: list[int] = []
    with WorkerPool(count_to, workers=2, chunk=3, on_progress=seen.append) as pool:
        results = list(pool.map(range(40)))
        assert len(pool.pids) == 2
    assert results == [(i, i) for i in range(40)]
    assert sum(seen) == sum(range(40))
    with WorkerPool(square, workers=2, chunk=5) as pool:
        assert [r for _, r in pool.map(iter(range(100)))] == [i * i for i in range(100)]


def test_stuck_dying_and_raising_items_cost_only_themselves(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    items = ["a", f"fifo:{fifo}", "b", "die", "c", "raise", "d"] + [f"x{i}" for i in range(20)]
    started = time.monotonic()
    with WorkerPool(misbehave, workers=2, chunk=4, budget=1.0) as pool:
        results = dict(pool.map(items))
        replaced = pool.replaced
    assert time.monotonic() - started < 20
    assert results[f"fifo:{fifo}"] == Failed("stuck", "1")
    assert results["die"] == Failed("died", "killed by SIGKILL")
    assert results["raise"] == Failed("error", "ValueError: bad item")
    assert [results[k] for k in "abcd"] == list("ABCD")
    assert all(results[f"x{i}"] == f"X{i}" for i in range(20))
    assert replaced == 2  # the stuck worker and the dead one


def test_cancel_ends_the_workers() -> None:
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    with WorkerPool(sleep_forever, workers=2) as pool:
        started = time.monotonic()
        assert list(pool.map(range(4), cancel=cancel)) == []
        assert pool.pids == []
    assert time.monotonic() - started < 10


def test_work_completes_in_process_when_workers_cannot_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with WorkerPool(square, workers=2, chunk=2) as pool:
        assert [r for _, r in pool.map(range(10))] == [i * i for i in range(10)]
        assert pool.in_process


def test_an_initializer_error_reaches_the_caller() -> None:
    with (
        WorkerPool(square, workers=2, initializer=failing_init) as pool,
        pytest.raises(RuntimeError, match="cannot open the catalogue"),
    ):
        list(pool.map(range(3)))


def test_budget_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_FILE_BUDGET", "2.5")
    assert budget_from_env() == 2.5
    for bad in ("", "soon", "-1"):
        monkeypatch.setenv("READER_FILE_BUDGET", bad)
        assert budget_from_env(60) == 60


PARENT = """
import sys, threading, time
from reader.workers import WorkerPool
from tests.test_workers import sleep_forever

def run():
    with WorkerPool(sleep_forever, workers=2, depth=1) as pool:
        items = iter(range(1))  # one busy worker, one idle
        for _ in pool.map(items, cancel=lambda: (print(*pool.pids, flush=True)
                                                 if len(pool.pids) == 2 else None) and False):
            pass

if sys.argv[1] == "thread":
    t = threading.Thread(target=run)
    t.start()
    t.join()
else:
    run()
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("where", ["main", "thread"])
def test_workers_die_with_their_parent(where: str) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(PARENT), where],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        start_new_session=True,
    )
    try:
        assert parent.stdout is not None
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(alive(p) for p in pids)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 2.0
        while any(alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [p for p in pids if alive(p)]
        _, err = parent.communicate()
        assert "Traceback" not in err and "leaked" not in err
    finally:
        if parent.poll() is None:
            parent.kill()
