"""Search in its own process: the "search" role of ``reader.children`` (``python -m
reader --reader-child search --data-dir DIR`` from source).

Searching is Python work (query evaluation, Whoosh's record readers, snippets) plus NumPy
calls that hold the GIL; run in a thread of the window's process, it competed with the
GUI thread for the GIL and stalled the event loop 35-60 ms while a person typed
(measured at 100,000 articles; a faulthandler watchdog showed the GUI thread painting
results while the search thread opened Whoosh segment readers). In a child process the
window only waits on a pipe. The child also holds the memory-mapped index, so its pages
never count against the window.

Protocol: one JSON request per line on stdin (``{"op": "search", "text": ..., "sort":
..., "limit": ...}``, ``{"op": "similar", "id": ..., "limit": ...}``, ``{"op": "reopen"}``,
``{"op": "timeline", "text": ...}``: every match counted by month, ``{"op": "ping"}``),
one JSON reply per line on stdout (``{"ok": ...}`` or ``{"error": message}``). Stdin
closing ends the process. No Qt here.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from reader import messages as m
from reader.background.jobs import describe_error
from reader.catalogue import Catalogue
from reader.children import child_command, child_env
from reader.errors import ReaderError
from reader.paths import catalogue_path

if TYPE_CHECKING:
    from reader.search.engine import SearchEngine

log = logging.getLogger(__name__)


class SearchBackend:
    """The engine and a read-only catalogue connection, answering search requests."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.catalogue = Catalogue(catalogue_path(self.data_dir), readonly=True)
        self.engine: SearchEngine | None = None
        self.rebuilding = False

    def get_engine(self) -> SearchEngine:
        if self.engine is None:
            from reader.search.sync import open_engine

            # Only searches here: on a full disk the index is opened read-only rather than
            # not at all (opening takes the index's own lock: see ``open_engine``).
            engine: SearchEngine = open_engine(self.data_dir, search_only=True)
            self.engine = engine
            self.rebuilding = engine.rebuilt
        return self.engine

    def search(self, text: str, sort: str, limit: int) -> dict[str, Any]:
        from reader.search.sync import search_library

        results = search_library(
            self.catalogue,
            self.get_engine(),
            text,
            limit=limit,
            sort="date" if sort == "date" else "relevance",
        )
        rows = self.catalogue.list_rows([h.id for h in results.hits])
        hits = [
            {
                "id": h.id,
                "title": rows[h.id]["title"],
                "date": rows[h.id]["date"],
                "site": rows[h.id]["site"],
                "language": rows[h.id]["language"],
                "snippet": h.snippet,
                "marks": [list(s) for s in h.marks],
                "matched_in": list(h.matched_in),
            }
            for h in results.hits
            if h.id in rows
        ]
        return {
            "query": text,
            "hits": hits,
            "total": results.total,
            "exact_total": results.exact_total,
            "seconds": results.seconds,
            "note": results.note,
            "indexed": results.indexed,
            "library": results.library,
            "limit": limit,
            "rebuilding": self.rebuilding,
        }

    def similar(self, article_id: int, limit: int) -> list[dict[str, Any]]:
        from reader.search.sync import index_doc

        doc = index_doc(self.catalogue, article_id)
        if doc is None:
            return []
        ids = self.get_engine().similar(doc, limit=limit)
        rows = self.catalogue.list_rows(ids)
        return [rows[i] for i in ids if i in rows]

    def timeline(self, text: str) -> dict[str, Any]:
        """Every match of *text* counted by month (``reader.timeline``), for the window's
        timeline: all matches, not the page of hits a search returns."""
        from reader.timeline import query_months

        counts = query_months(self.catalogue, self.get_engine(), text)
        return {"query": text, "months": counts.months, "exact": counts.exact}

    def reopen(self) -> None:
        """The index was written by another process (a job): read it afresh."""
        if self.engine is not None:
            self.engine.close()
            self.engine = None
        self.rebuilding = False

    def handle(self, request: dict[str, Any]) -> Any:
        op = request.get("op")
        if op == "search":
            return self.search(
                str(request["text"]),
                str(request.get("sort", "relevance")),
                int(request.get("limit", 50)),
            )
        if op == "similar":
            return self.similar(int(request["id"]), int(request.get("limit", 6)))
        if op == "timeline":
            return self.timeline(str(request["text"]))
        if op == "reopen":
            return self.reopen()
        if op == "warm":
            self.get_engine()
            return None
        if op == "ping":
            return "pong"
        raise ReaderError(f"unknown search request {op!r}")

    def close(self) -> None:
        self.reopen()
        self.catalogue.close()


class SearchClient:
    """The window's side: one child process, started on first use and again if it dies.

    Calls block (they are made from the search service's thread, never the GUI's) and
    raise ReaderError with the child's message when a request fails.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._proc: Any = None
        self._lock = threading.Lock()
        self.stderr_tail: list[str] = []

    def _start(self) -> None:
        import subprocess

        self._proc = subprocess.Popen(
            child_command("search", "--data-dir", str(self.data_dir)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=child_env(),
            bufsize=1,
        )
        stderr: IO[str] = self._proc.stderr

        def drain() -> None:
            for line in stderr:
                self.stderr_tail = (self.stderr_tail + [line.rstrip()])[-40:]

        threading.Thread(target=drain, daemon=True, name="reader-search-stderr").start()

    def call(self, op: str, **args: Any) -> Any:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()
            proc = self._proc
            try:
                proc.stdin.write(json.dumps({"op": op, **args}, ensure_ascii=False) + "\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
            except (OSError, ValueError):
                line = ""
            if not line:
                proc.kill()
                self._proc = None
                log.warning("search process ended:\n%s", "\n".join(self.stderr_tail))
                raise ReaderError(m.SEARCH_PROCESS_STOPPED)
            reply = json.loads(line)
            if "error" in reply:
                raise ReaderError(str(reply["error"]))
            return reply.get("ok")

    def close(self, timeout: float = 1.0) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()  # the child's loop ends at end of input
            proc.wait(timeout)
        except Exception:
            proc.kill()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reader --reader-child search")
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    # A little below the window: on two cores busy with a search and anything else, the
    # scheduler should run the GUI thread first (a query waits a few ms more, typing not).
    with contextlib.suppress(AttributeError, OSError):
        os.nice(2)
    backend = SearchBackend(Path(args.data_dir))
    out = sys.stdout
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                reply: dict[str, Any] = {"ok": backend.handle(json.loads(line))}
            except Exception as exc:  # told to the window, which shows it; never a crash
                if not isinstance(exc, ReaderError):
                    log.exception("search request failed")
                reply = {"error": describe_error(exc)}
            out.write(json.dumps(reply, ensure_ascii=False) + "\n")
            out.flush()
    finally:
        backend.close()
    return 0
