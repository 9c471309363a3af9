"""The child process a library job runs in: the "job" role of ``reader.children``.

    python -m reader --reader-child job --data-dir DIR [--label TEXT] import PATH...
    python -m reader --reader-child job --data-dir DIR rescan

Writes one JSON object per line on stdout (``{"progress": [phase, done, total]}``, then
``{"outcome": {...}}``); a ``cancel`` line on stdin, or stdin closing because the window
went away, stops the job at the core's next check, keeping what it finished. Runs at a
lower CPU priority, so on a two-core machine the window is scheduled first. No Qt here.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from reader.background.jobs import ImportJob, RescanJob, outcome_line, run_in_child

PROGRESS_INTERVAL = 0.05  # s


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reader --reader-child job")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--label", default=None)
    parser.add_argument("--quiet", action="store_true", help="no summary box at the end")
    parser.add_argument("--announce", action="store_true")
    parser.add_argument("--missing-ok", action="store_true", help="skip paths gone since")
    sub = parser.add_subparsers(dest="kind", required=True)
    p = sub.add_parser("import")
    p.add_argument("paths", nargs="+")
    sub.add_parser("rescan")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    job: ImportJob | RescanJob
    if args.kind == "import":
        job = ImportJob(
            data_dir, list(args.paths), announce=not args.quiet, missing_ok=args.missing_ok
        )
    else:
        job = RescanJob(data_dir)
    if args.label:
        job.label = args.label

    with contextlib.suppress(AttributeError, OSError):
        os.nice(5)
    stop = threading.Event()

    def read_commands() -> None:
        for line in sys.stdin:
            if line.strip() == "cancel":
                break
        stop.set()  # "cancel", or the window closed our stdin (it quit or crashed)

    threading.Thread(target=read_commands, daemon=True).start()
    write = threading.Lock()
    last_time = [0.0]
    last_phase = [""]

    def progress(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase == last_phase[0] and done < total and now - last_time[0] < PROGRESS_INTERVAL:
            return
        last_time[0], last_phase[0] = now, phase
        with write:
            sys.stdout.write(
                json.dumps({"progress": [phase, done, total]}, ensure_ascii=False) + "\n"
            )
            sys.stdout.flush()

    outcome = run_in_child(job, progress, stop.is_set)
    with write:
        sys.stdout.write(outcome_line(outcome) + "\n")
        sys.stdout.flush()
    return 0
