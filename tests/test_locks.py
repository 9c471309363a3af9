"""Library locks: held across processes, released when the holder is killed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.locks import LockBusy, exclusive_lock, holder_pid

HOLD = """
import sys, time
from pathlib import Path
from reader.locks import exclusive_lock
with exclusive_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_holder_is_refused_or_waits_and_a_killed_holder_releases(tmp_path: Path) -> None:
    lock = tmp_path / "lib" / "write.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert holder_pid(lock) == holder.pid
        with (
            pytest.raises(LockBusy, match="busy here"),
            exclusive_lock(lock, wait=False, busy_message="busy here"),
        ):
            pass
        told: list[int | None] = []
        holder.send_signal(signal.SIGKILL)  # a dead holder must not block anyone
        started = time.monotonic()
        with exclusive_lock(lock, on_wait=told.append):
            assert holder_pid(lock) != holder.pid
        assert time.monotonic() - started < 30
    finally:
        holder.kill()
        holder.wait()
