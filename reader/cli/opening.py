"""Opening the library for a command, and printing JSON: what every command shares.

Its own module so that one rule decides, for all of them, whether a command may run on a
library opened read-only (read-only media, a full disk): a command that would write is
refused up front, before it changes anything, with a message naming what it cannot do;
a command that only reads is told what it cannot see.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader import jsonout
from reader.catalogue import Catalogue
from reader.errors import LibraryReadOnly, ReaderError
from reader.paths import catalogue_path


def dump(obj: Any) -> str:
    """*obj* as the commands print JSON (``reader.jsonout``)."""
    return jsonout.dumps(obj)


# What each command that writes cannot do on a read-only library; its refusal names it.
_WRITES = {
    "import": "articles cannot be imported into it",
    "bookmark": "bookmarks cannot be saved there",
    "annotate": "highlights and notes cannot be saved there",
    "reindex": "the search index cannot be rebuilt or updated there",
}


def _writing(args: argparse.Namespace) -> str | None:
    """What this command would write, for its refusal on a read-only library (None: it
    only reads: list, show, search, annotation export, ``reindex --check``)."""
    if args.command == "reindex" and getattr(args, "check", False):
        return None
    if args.command == "annotations":
        first = list(getattr(args, "what", []))[:1]
        return {
            "import": "annotations cannot be imported into it",
            "backup": "a backup cannot be written there",
        }.get(first[0] if first else "")
    return _WRITES.get(args.command)


def _checked(args: argparse.Namespace, catalogue: Catalogue) -> Catalogue:
    """Refuse a write command up front on a library opened read-only (read-only media,
    or a full disk), before it changes anything; tell a reading command what it cannot
    see (a -wal left by a crash that cannot be read here)."""
    cannot = _writing(args)
    if catalogue.readonly and cannot:
        refusal = catalogue.refusal
        catalogue.close()
        if isinstance(refusal, LibraryReadOnly):
            raise refusal.refusing(cannot)
        raise refusal or LibraryReadOnly(catalogue.path.parent, cannot=cannot)
    for warning in catalogue.warnings:
        print(f"note: {warning}", file=sys.stderr)
    return catalogue


def open_or_create(args: argparse.Namespace) -> Catalogue:
    """The library, created if missing (import, restoring annotations)."""
    try:
        catalogue = Catalogue(catalogue_path(args.data_dir))
    except LibraryReadOnly as exc:  # no library yet, on read-only media
        raise exc.refusing(
            (_writing(args) or "nothing can be saved there")
            + "; a new library cannot be created there"
        ) from None
    return _checked(args, catalogue)


def open_existing(args: argparse.Namespace) -> Catalogue:
    """The library, which must exist already (every command but import and restoring)."""
    path = catalogue_path(args.data_dir)
    if not path.exists():
        raise ReaderError(
            f"No library yet at {path.parent}. Import an archive first: reader import FOLDER"
        )
    return _checked(args, Catalogue(path))
