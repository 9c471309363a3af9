"""``reader``'s entry point: ``main`` runs one command and turns what went wrong into
one line on stderr and exit status 2.

Its own module because this is where a run starts and ends: the app's child processes
are dispatched before anything else (``reader.children``), no command opens the desktop
app (Qt is imported only then), and an error that escaped a command (a full disk, a
damaged file, a read-only library) is told for that command. Named ``entry`` rather
than ``main`` so that ``reader.cli.main`` stays the function.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from contextlib import closing

from reader.catalogue import storage_error
from reader.children import child_role, run_child
from reader.cli.parser import build_parser
from reader.errors import CatalogueDamaged, DiskFull, ReaderError
from reader.paths import catalogue_path


def main(argv: Sequence[str] | None = None) -> int:
    role = child_role(sys.argv[1:] if argv is None else argv)
    if role is not None:  # one of the app's own child processes (a frozen build's too)
        return run_child(role)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # No sub-command: the desktop app. Imported only here, so the CLI never loads Qt.
        try:
            from reader.ui.app import main as gui_main
        except ImportError as exc:
            print(
                f"reader: the desktop app cannot start ({exc}). Qt needs its system "
                "libraries: see 'Set-up' in README.md. The commands work without them: "
                "reader --help",
                file=sys.stderr,
            )
            return 2
        if args.smoke_test:  # a build's check of itself: start, use the children, quit
            from reader.ui.smoke import run as smoke_test

            return smoke_test(args.data_dir)
        return gui_main(data_dir=args.data_dir)
    try:
        return int(args.func(args))
    except ReaderError as exc:
        print(f"reader: {_for_command(args, exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `reader list | head`
        return 0
    except (sqlite3.Error, OSError) as exc:  # not mapped where it happened: a disk's doing?
        mapped = _storage_failure(args, exc)
        if mapped is None:
            raise
        print(f"reader: {_for_command(args, mapped)}", file=sys.stderr)
        return 2


def _storage_failure(args: argparse.Namespace, exc: BaseException) -> ReaderError | None:
    """A raw SQLite or OS error that escaped a command, as one clear line (or None: a
    bug). Damage is only called damage of the catalogue after the catalogue itself fails
    SQLite's quick check; otherwise the damaged file was the search index."""
    path = catalogue_path(args.data_dir)
    mapped = storage_error(exc, path)
    if not isinstance(mapped, CatalogueDamaged):
        return mapped
    try:
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)) as db:
            verdict = str(db.execute("PRAGMA quick_check").fetchone()[0])
    except sqlite3.Error as check:
        verdict = str(check)
    if verdict != "ok":
        return mapped
    return ReaderError(
        f"a file of the search index in {path.parent} is damaged ({exc}); the "
        "catalogue checked sound. 'reader reindex --full' rebuilds the index "
        "from it."
    )


def _for_command(args: argparse.Namespace, exc: ReaderError) -> ReaderError:
    """A full disk told for the command that ran into it: what stopped, what is kept."""
    if not isinstance(exc, DiskFull):
        return exc
    if args.command == "import":
        return exc.reworded(
            stopped="the import stopped",
            kept="the articles imported so far are kept and nothing was lost",
            then="run the same 'reader import' again to finish",
        )
    if args.command == "watch":
        return exc.reworded(
            stopped="watching stopped",
            kept="the articles imported so far are kept and nothing was lost",
            then="run the same 'reader watch' again to go on",
        )
    if args.command == "reindex":
        return exc.reworded(
            stopped="indexing stopped",
            kept="the library is untouched and nothing was lost",
            then="run 'reader reindex' to finish",
        )
    if args.command == "search":
        return exc.reworded(
            stopped="the search could not be run", kept="nothing was changed or lost"
        )
    return exc
