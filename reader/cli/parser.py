"""The argument parser: every command, its options and its help, in one place.

Its own module because this is the command line's contract (names, options, defaults,
``--help`` text) and reads best without the commands' bodies around it: each sub-command
points at its ``cmd_*`` function in ``library_commands`` or ``annotation_commands``.
"""

from __future__ import annotations

import argparse

from reader import __version__
from reader.cli.annotation_commands import cmd_annotate, cmd_annotations, cmd_bookmark
from reader.cli.library_commands import (
    cmd_import,
    cmd_list,
    cmd_parse,
    cmd_reindex,
    cmd_remove,
    cmd_search,
    cmd_show,
)


def build_parser() -> argparse.ArgumentParser:
    def data_dir_option(default: object) -> argparse.ArgumentParser:
        option = argparse.ArgumentParser(add_help=False)
        option.add_argument(
            "--data-dir",
            metavar="DIR",
            default=default,
            help="library folder (default: $READER_DATA_DIR, else the per-user data folder)",
        )
        return option

    # Before or after the command. A sub-command's own default would overwrite the value
    # given before it (``reader --data-dir DIR list`` read the per-user library), so the
    # sub-commands' option has no default at all.
    common = data_dir_option(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="reader",
        parents=[data_dir_option(None)],
        description="Archive Reader: read, search and annotate a local archive of saved "
        "news articles. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # For builds, not people (hence hidden): start the app, let its child processes open
    # the sample archive and search, quit; status 0 when all worked (reader.ui.smoke).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", parents=[common], help="import archive folders or files")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--workers", type=int, default=None, help="parser processes (default 2)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every skipped file")
    p.add_argument(
        "--no-index",
        action="store_true",
        help="only update the library; index later with 'reader reindex'",
    )
    p.set_defaults(func=cmd_import)

    from reader.cli.watch_command import cmd_watch

    p = sub.add_parser(
        "watch",
        parents=[common],
        help="import folders, then keep the library in step with them until Ctrl+C "
        "(one line per batch of changes)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per batch: time, added, updated, removed, moved, unchanged, "
        "skipped, paths, index, seconds",
    )
    p.add_argument("--workers", type=int, default=None, help="parser processes (default 2)")
    p.add_argument(
        "--interval",
        type=float,
        default=60.0,
        metavar="S",
        help="seconds between re-scans when the folders cannot be watched live (default 60)",
    )
    p.add_argument("--poll", action="store_true", help="re-scan every --interval, never watch live")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("search", parents=[common], help="search the library")
    p.add_argument("query", metavar="QUERY")
    p.add_argument(
        "--json",
        action="store_true",
        help="JSON array: id, title, date, site, score, snippet (hits in [ ]), "
        "highlights (offsets of the hit marks in snippet)",
    )
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    p.add_argument(
        "--timeline",
        action="store_true",
        help="count every match by month instead of listing hits; with --json an object "
        '{"YYYY-MM": n} sorted by month (articles without a date, or with a year only, '
        "are left out)",
    )
    p.add_argument("--workers", type=int, default=None)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "reindex", parents=[common], help="bring the search index up to date with the library"
    )
    p.add_argument("--full", action="store_true", help="throw the index away and rebuild it")
    p.add_argument(
        "--check",
        action="store_true",
        help="only report how the index and the library agree (exit 1 if not)",
    )
    p.add_argument("--json", action="store_true", help="with --check: print JSON")
    p.add_argument("--workers", type=int, default=None)
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("list", parents=[common], help="list the articles in the library")
    p.add_argument("--json", action="store_true")
    p.add_argument("--sort", choices=["date", "title", "site", "id"], default="date")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[common], help="show one article")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "remove",
        parents=[common],
        help="remove articles from the library (their files stay on disk, and re-scans "
        "skip them; highlights and bookmarks are kept)",
    )
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.add_argument("--json", action="store_true", help="print what was removed as JSON")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("parse", parents=[common], help="parse files without importing them")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("bookmark", parents=[common], help="bookmark an article (with tags)")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--remove", action="store_true", help="remove the bookmark")
    p.add_argument(
        "--tags",
        metavar="a,b",
        default=None,
        help="tags separated by , or ; (，、； too); they replace the bookmark's tags; '' clears",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bookmark)

    p = sub.add_parser(
        "annotate",
        parents=[common],
        help="highlight a passage of an article, with an optional note",
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument(
        "--quote",
        required=True,
        metavar="TEXT",
        help="the exact text to highlight, as 'reader show ID' prints it",
    )
    p.add_argument("--note", metavar="TEXT", default=None)
    p.add_argument(
        "--color",
        metavar="C",
        default=None,
        help="yellow (default), green, blue, pink, orange, purple or #rrggbb",
    )
    p.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        default=None,
        help="which occurrence of a quote that occurs more than once (1 = first)",
    )
    p.add_argument(
        "--prefix",
        metavar="TEXT",
        default=None,
        help="choose the occurrence that comes right after TEXT",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser(
        "annotations",
        parents=[common],
        help="export annotations (all, or one article's); 'import FILE' merges a file "
        "or a backup back; 'backup' writes a backup now",
        usage="reader annotations [ID] [--format md|json] [-o FILE]\n"
        "       reader annotations import FILE\n"
        "       reader annotations backup",
    )
    p.add_argument("what", nargs="*", metavar="ID | import FILE | backup")
    p.add_argument(
        "--format",
        choices=["md", "json"],
        default="md",
        help="md: Markdown to read; json: W3C Web Annotation JSON-LD",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write to FILE instead of standard output",
    )
    p.add_argument("--json", action="store_true", help="import: print the summary as JSON")
    p.set_defaults(func=cmd_annotations)

    from reader.cli.annotation_commands import cmd_tags

    p = sub.add_parser(
        "tags",
        parents=[common],
        help="list bookmark tags with how many bookmarks carry each; 'rename OLD NEW' "
        "or 'delete TAG' changes one on every bookmark",
        usage="reader tags [--json]\n"
        "       reader tags rename OLD NEW\n"
        "       reader tags delete TAG",
    )
    p.add_argument("what", nargs="*", metavar="rename OLD NEW | delete TAG")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tags)
    return parser
