"""``reader watch PATH...``: import folders, then keep the library in step with them.

What the window does while it runs (``reader.watch`` and ``Library.update``), without a
window: a file saved into a watched folder is imported and indexed within seconds, a
changed one re-parsed (its highlights re-anchored), a deleted one leaves. One line per
debounced batch on stdout (one JSON object with ``--json``); notes about the watching
itself (the fallback to periodic re-scans) on stderr. Ctrl+C stops it with status 0:
what a batch had imported when interrupted is kept, as with ``reader import``.

Batches are run here, on the main thread, not on the watcher's: Ctrl+C then interrupts
the import the way it interrupts ``reader import``, and the watcher's thread only queues.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import signal
import sys
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.cli.opening import dump, open_or_create
from reader.cli.progress import PhaseBars
from reader.errors import ReaderError
from reader.filenames import display_path
from reader.library import Library
from reader.paths import data_dir

if TYPE_CHECKING:
    from reader.library import UpdateResult
    from reader.watch import WatchBatch, WatchNotice

POLL_S = 0.5  # how often the main thread looks up from waiting (Ctrl+C is seen at once anyway)


def _as_import(args: argparse.Namespace) -> argparse.Namespace:
    """The namespace ``open_or_create`` judges: watching writes what ``import`` writes,
    so a read-only library is refused in the same words."""
    return argparse.Namespace(**{**vars(args), "command": "import"})


def batch_record(
    result: UpdateResult | None, targets: list[str], seconds: float, *, initial: bool = False
) -> dict[str, Any]:
    """One batch as ``--json`` prints it (keys are added, never renamed)."""
    s = result.imported if result is not None else None
    index = None
    if result is not None:
        if result.index_busy:
            index = f"indexing left for later: {result.index_busy}"
        elif result.index is not None:
            index = result.index.describe()
    return {
        "time": datetime.now().astimezone().isoformat(timespec="seconds"),
        "initial": initial,
        "added": s.imported if s else 0,
        "updated": s.updated if s else 0,
        "removed": s.removed if s else 0,
        "moved": s.moved if s else 0,
        "unchanged": s.unchanged if s else 0,
        "skipped": [{"path": p, "reason": r} for p, r in (s.skipped if s else [])],
        "paths": [display_path(p) for p in targets],
        "cancelled": bool(result and result.cancelled),
        "index": index,
        "seconds": round(seconds, 3),
    }


def batch_line(record: dict[str, Any]) -> str:
    """One batch as a person reads it: when, and what it did."""
    stamp = record["time"][11:19]
    parts = [f"{record['added']} added", f"{record['updated']} updated"]
    parts.append(f"{record['removed']} removed")
    if record["moved"]:
        parts.append(f"{record['moved']} moved")
    if record["skipped"]:
        parts.append(f"{len(record['skipped'])} skipped")
    what = "imported" if record["initial"] else "changes"
    line = f"{stamp}  {what}: {', '.join(parts)} ({record['seconds']:.1f} s)"
    for item in record["skipped"][:5]:
        line += f"\n  skipped {item['path']}: {item['reason']}"
    return line


def cmd_watch(args: argparse.Namespace) -> int:
    """Import PATHs, then watch them until Ctrl+C, running ``Library.update`` per batch."""
    from reader.watch import FolderWatcher, update_for_batch

    roots = [os.path.abspath(p) for p in args.paths]
    for raw, root in zip(args.paths, roots, strict=True):
        if not os.path.isdir(root):
            what = "a file" if os.path.exists(root) else "no such folder"
            raise ReaderError(
                f"{display_path(raw)}: {what}; 'reader watch' watches folders "
                "('reader import' imports single files)"
            )
    library = Library(
        data_dir(args.data_dir), open_catalogue=lambda: open_or_create(_as_import(args))
    )
    batches: queue.Queue[WatchBatch] = queue.Queue()

    def notice(note: WatchNotice) -> None:
        print(f"reader: {note.message}", file=sys.stderr, flush=True)

    watcher: FolderWatcher | None = None
    _stop_on_sigterm()
    try:
        bars = PhaseBars()
        started = time.perf_counter()
        try:
            result = library.update(roots, progress=bars, workers=args.workers)
        finally:
            bars.close()
        _say(args, batch_record(result, roots, time.perf_counter() - started, initial=True))
        watcher = FolderWatcher(
            roots,
            batches.put,
            on_notice=notice,
            rescan_interval=args.interval,
            force_polling=args.poll,
        )
        watcher.start()
        watcher.wait_ready()
        names = ", ".join(display_path(r) for r in roots)
        print(f"Watching {names} for changes; Ctrl+C stops.", file=sys.stderr, flush=True)
        while True:
            try:
                batch = batches.get(timeout=POLL_S)
            except queue.Empty:
                continue
            while True:  # what queued while the last batch ran: one run for all of it
                try:
                    batch.merge(batches.get_nowait())
                except queue.Empty:
                    break
            started = time.perf_counter()
            targets, outcome = update_for_batch(library, batch, workers=args.workers)
            if outcome is None:
                continue  # only files removed from the library changed
            _say(args, batch_record(outcome, targets, time.perf_counter() - started))
    except KeyboardInterrupt:
        print(
            "Stopped watching; what was imported is kept (a batch cut short is finished "
            "by the next 'reader import' or 'reader watch').",
            file=sys.stderr,
        )
        return 0
    finally:
        if watcher is not None:
            watcher.stop()


def _stop_on_sigterm() -> None:
    """SIGTERM (``kill``, a service manager, ``timeout``) stops watching as Ctrl+C does:
    the same clean end and status 0, not a process killed mid-write."""

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread (embedded): leave it
        signal.signal(signal.SIGTERM, interrupt)


def _say(args: argparse.Namespace, record: dict[str, Any]) -> None:
    print(dump(record) if args.json else batch_line(record), flush=True)
