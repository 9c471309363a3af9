"""The command line: argument parsing and output only, over the same core calls as the GUI.

The JSON shapes printed here are a contract that outside checks rely on: keys are added,
never renamed or dropped.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader import __version__, jsonout
from reader.catalogue import Catalogue, storage_error
from reader.children import child_role, run_child
from reader.errors import (
    CatalogueDamaged,
    DiskFull,
    LibraryReadOnly,
    NotAnArticle,
    ReaderError,
)
from reader.library import INDEXING, Library, UpdateResult, automatic_backup
from reader.paths import catalogue_path, data_dir

if TYPE_CHECKING:
    from reader.annotations.store import AnnotationStore
    from reader.importer import ImportSummary


class ProgressBar:
    """A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()
        self._last_step = -1
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if total < 50:
            return
        fraction = done / total if total else 1.0
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        if self.tty:
            width = 30
            filled = int(width * fraction)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(
                f"\r{self.label} [{bar}] {done}/{total} {fraction:4.0%} {rate:6.0f}/s"
            )
            self._drawn = True
            if done >= total:
                self.stream.write("\n")
                self._drawn = False
        else:
            step = int(fraction * 10)
            if step != self._last_step:
                self._last_step = step
                self.stream.write(f"{self.label}: {done}/{total} ({fraction:.0%})\n")
        self.stream.flush()

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self._drawn = False


def _dump(obj: Any) -> str:
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
    for note in catalogue.notes:
        print(f"note: {note}", file=sys.stderr)
    return catalogue


def _open(args: argparse.Namespace) -> Catalogue:
    """The library, created if missing (import, restoring annotations)."""
    try:
        catalogue = Catalogue(catalogue_path(args.data_dir))
    except LibraryReadOnly as exc:  # no library yet, on read-only media
        raise exc.refusing(
            (_writing(args) or "nothing can be saved there")
            + "; a new library cannot be created there"
        ) from None
    return _checked(args, catalogue)


def _open_existing(args: argparse.Namespace) -> Catalogue:
    path = catalogue_path(args.data_dir)
    if not path.exists():
        raise ReaderError(
            f"No library yet at {path.parent}. Import an archive first: reader import FOLDER"
        )
    return _checked(args, Catalogue(path))


class PhaseBars:
    """``progress(phase, done, total)`` for the core's workflows: a ``ProgressBar`` per
    phase, the previous one closed when the next phase starts."""

    def __init__(self) -> None:
        self.phase = ""
        self._bar: ProgressBar | None = None

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase or self._bar is None:
            self.close()
            self.phase, self._bar = phase, ProgressBar(phase)
        self._bar(done, total)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _index_note(result: UpdateResult) -> str | None:
    """The index's part of an import, as ``import --json`` has always put it."""
    if result.index_busy:
        busy = result.index_busy
        return f"indexing left for later: {busy[0:1].lower()}{busy[1:]}"
    return result.index.describe() if result.index is not None else None


def _sync(args: argparse.Namespace, catalogue: Catalogue) -> str | None:
    """``reader reindex``'s last step: bring the search index up to date (resumable)."""
    bars = PhaseBars()
    result = UpdateResult()
    try:
        Library(data_dir(args.data_dir)).catch_up_index(
            catalogue, result, progress=bars, workers=args.workers
        )
    except KeyboardInterrupt:
        return "indexing interrupted; it resumes on the next import or 'reader reindex'"
    finally:
        bars.close()
    return _index_note(result)


def cmd_import(args: argparse.Namespace) -> int:
    """Import, then catch the index up (``reader.library``, the window's workflow too):
    all of it holding the library's writer lock, so a second import (or the window's)
    waits for this one instead of colliding with it."""

    def waiting(pid: int | None) -> None:
        who = f" (process {pid})" if pid else ""
        print(
            f"reader: another import is running on this library{who}; waiting for it to finish...",
            file=sys.stderr,
            flush=True,
        )

    def imported(summary: ImportSummary) -> None:
        bars.close()
        if not args.json:  # phase one is done: say so before the index catches up
            _print_import_summary(args, summary)
            sys.stdout.flush()

    bars = PhaseBars()
    library = Library(data_dir(args.data_dir), open_catalogue=lambda: _open(args))
    try:
        result = library.update(
            args.paths,
            progress=bars,
            workers=args.workers,
            on_wait=waiting,
            on_imported=imported,
            index=not args.no_index,
        )
    except KeyboardInterrupt:
        bars.close()
        if bars.phase == INDEXING:
            print(
                "Indexing interrupted; it resumes on the next import or 'reader reindex'.",
                file=sys.stderr,
            )
        elif bars.phase:
            print("Import interrupted; what was imported so far is kept.", file=sys.stderr)
        else:  # while waiting for the other import
            print("Import interrupted before it started; nothing was changed.", file=sys.stderr)
        return 130
    finally:
        bars.close()
    summary = result.imported
    assert summary is not None  # paths were given
    if result.orphaned:
        print(
            f"note: {result.orphaned} annotation(s) could no longer be placed in their changed "
            "articles; they are kept: 'reader annotations' lists them",
            file=sys.stderr,
        )
    if result.backup_note:
        print(f"note: {result.backup_note}", file=sys.stderr)
    index_note = _index_note(result)
    if args.json:
        print(
            _dump(
                {
                    "imported": summary.imported,
                    "updated": summary.updated,
                    "unchanged": summary.unchanged,
                    "moved": summary.moved,
                    "removed": summary.removed,
                    "ignored": summary.ignored,
                    "skipped": [{"path": p, "reason": r} for p, r in summary.skipped],
                    "warnings": [{"path": p, "warning": w} for p, w in summary.warnings],
                    "cancelled": summary.cancelled,
                    "seconds": round(summary.seconds, 3),
                    "index": index_note,
                }
            )
        )
    elif index_note:
        print(index_note[0].upper() + index_note[1:] + ".")
    return 0


def _print_import_summary(args: argparse.Namespace, summary: Any) -> None:
    print(summary.describe())
    for path, warning in summary.warnings[:20]:
        print(f"  note: {path}: {warning}")
    if summary.skipped:
        print("Skipped:")
        limit = None if args.verbose else 20
        for path, reason in summary.skipped[:limit]:
            print(f"  {path}: {reason}")
        if limit is not None and len(summary.skipped) > limit:
            print(f"  ... and {len(summary.skipped) - limit} more (use --verbose)")


def cmd_list(args: argparse.Namespace) -> int:
    with _open_existing(args) as catalogue:
        rows = catalogue.list_articles(order=args.sort)
    if args.json:
        print(_dump(rows))
        return 0
    for row in rows:
        print(
            f"{row['id']:>6}  {row['date'] or '          '}  {(row['site'] or '')[:16]:16}  "
            f"{row['title']}"
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open_existing(args) as catalogue:
        article = catalogue.get(args.id)
        if article is None:
            raise ReaderError(f"No article with id {args.id}. 'reader list' shows the ids.")
        linked_from = catalogue.linked_from(args.id)
        store = _annotation_store(catalogue)
        bookmark = store.get_bookmark(args.id)
        annotations = store.annotations_for(args.id)
    if args.json:
        data = article.to_json(args.id)
        data["linked_from"] = linked_from
        data["bookmarked"] = bookmark is not None
        data["tags"] = list(bookmark.tags) if bookmark else []
        data["annotations"] = [a.to_json() for a in annotations]
        print(_dump(data))
        return 0
    print(article.title)
    print(" · ".join(x for x in (article.date, article.site, article.source_url) if x))
    print()
    for block in article.blocks:
        prefix = {"h": "## ", "li": "  • ", "quote": "> ", "credit": "  ", "caption": "  "}
        print(prefix.get(block.kind, "") + block.text)
        print()
    if article.links:
        print("Related:")
        for link in article.links:
            where = f"#{link.article_id}" if link.article_id else link.url
            print(f"  - {link.title} ({where})")
    if bookmark is not None:
        print("Bookmarked" + (f" (tags: {', '.join(bookmark.tags)})" if bookmark.tags else ""))
    if annotations:
        print(f"Annotations ({len(annotations)}):")
        for a in annotations:
            where = "orphaned" if a.orphaned else f"{a.start}-{a.end}"
            print(f"  [{where}] \u201c{a.quote}\u201d" + (f" - {a.note}" if a.note else ""))
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from reader.parse import parse_file

    for path in args.files:
        try:
            parsed = parse_file(path)
        except NotAnArticle as exc:
            record: dict[str, Any] = {"path": os.path.abspath(path), "error": str(exc)}
        except Exception as exc:  # one bad file must not stop a scoring run
            record = {
                "path": os.path.abspath(path),
                "error": f"could not be parsed ({type(exc).__name__}: {exc})",
            }
        else:
            record = parsed.article.to_json(None)
            record["path"] = os.path.abspath(path)
            record["encoding"] = parsed.encoding
        if args.json:
            print(_dump(record), flush=False)
        elif "error" in record:
            print(f"{path}: {record['error']}")
        else:
            print(
                f"{path}: {record['title']} ({record['date']}, {record['site']}, "
                f"{len(record['paragraphs'])} paragraphs, {len(record['links'])} links)"
            )
    sys.stdout.flush()
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    """Finish or repair the index. ``--check`` only reads (a read-only library too): it
    runs the full check (every checksum) and reports, exit 1 when anything is missing,
    stale, extra or damaged. Plain ``reindex`` runs the same check, drops what is damaged
    (only the bad segments when the rest is sound), then indexes what is missing."""
    from reader.search.sync import check_index, open_engine
    from reader.search.whoosh_engine import IndexUnavailable

    folder = data_dir(args.data_dir)
    with _open_existing(args) as catalogue:
        if args.check:
            try:
                engine = open_engine(folder, readonly=True)
            except IndexUnavailable as exc:
                library = len(catalogue.versions())
                report: dict[str, Any] = {
                    "library": library,
                    "indexed": 0,
                    "missing": library,
                    "stale": 0,
                    "extra": 0,
                    "damaged": 0 if exc.missing else 1,
                    "damage": [] if exc.missing else [exc.reason],
                }
            else:
                try:
                    report = check_index(catalogue, engine, verify=True)
                finally:
                    engine.close()
            report["rebuilt"] = 0  # --check repairs nothing (the key stays: a contract)
            damage = "; ".join(report["damage"])
            print(
                _dump(report)
                if args.json
                else f"library {report['library']}, indexed {report['indexed']}, missing "
                f"{report['missing']}, stale {report['stale']}, extra {report['extra']}"
                + (f", damaged: {damage} ('reader reindex' repairs it)" if damage else "")
            )
            agree = (
                report["indexed"] == report["library"]
                and not report["extra"]
                and not report["damaged"]
            )
            return 0 if agree else 1
        if getattr(catalogue, "readonly", False):
            from reader.errors import LibraryReadOnly

            raise LibraryReadOnly(folder, cannot="the search index cannot be rebuilt or updated")
        engine = open_engine(folder)
        try:
            if args.full:
                engine.clear()
            else:
                engine.verify(repair=True)
            repaired = list(dict.fromkeys(engine.damage))
        finally:
            engine.close()
        note = _sync(args, catalogue)
    if repaired:
        print(
            f"The search index was missing or damaged ({'; '.join(repaired)}); what it "
            "lacked has been indexed again from the library."
        )
    print((note or "")[0:1].upper() + (note or "")[1:] + ".")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Search. A missing or damaged index is repaired and caught up first, and damage
    found while searching (a segment failing its checksum) is repaired, caught up and
    searched again, so the answer is never silently wrong: its note says what happened.
    A read-only library is searched read-only (a damaged index is then an error)."""
    from reader.locks import LockBusy
    from reader.search.sync import open_engine, search_library, sync_index

    with _open_existing(args) as catalogue:
        readonly = bool(getattr(catalogue, "readonly", False))
        engine = open_engine(data_dir(args.data_dir), readonly=readonly, search_only=True)
        try:

            def catch_up(message: str) -> None:
                print(message, file=sys.stderr)
                bar = ProgressBar("Indexing")
                try:
                    sync_index(catalogue, engine, progress=bar, workers=args.workers)
                except LockBusy as exc:  # another process is indexing: answer with less
                    print(f"note: {exc}", file=sys.stderr)
                finally:
                    bar.close()

            if engine.readonly:
                pass  # read-only (the library, or a full disk): nothing can be repaired
            elif engine.rebuilt:
                catch_up(
                    "The search index was missing or damaged; rebuilding it from the library..."
                )
            elif engine.created:
                catch_up("Building the search index from the library...")
            seen = len(engine.damage)
            results = search_library(
                catalogue, engine, args.query, limit=args.limit, sort=args.sort
            )
            for _ in range(3):
                if len(engine.damage) == seen:
                    break
                seen = len(engine.damage)
                catch_up(
                    "Part of the search index was damaged; indexing it again from the library..."
                )
                results = search_library(
                    catalogue, engine, args.query, limit=args.limit, sort=args.sort
                )
            rows = []
            for hit in results.hits:
                meta = catalogue.summary(hit.id) or {}
                rows.append(
                    {
                        "id": hit.id,
                        "title": meta.get("title"),
                        "date": meta.get("date"),
                        "site": meta.get("site"),
                        "score": round(hit.score, 4),
                        "snippet": hit.snippet,
                        "highlights": [list(span) for span in hit.highlights],
                        "matched_in": hit.matched_in,
                        "path": meta.get("path"),
                    }
                )
        finally:
            engine.close()
    if results.note:
        print(f"note: {results.note}", file=sys.stderr)
    if results.coverage < 1.0:
        print(
            f"note: the index covers {results.indexed} of {results.library} articles "
            "so far; run 'reader reindex' to finish it",
            file=sys.stderr,
        )
    if args.json:
        print(_dump(rows))
        return 0
    about = "" if results.exact_total else "about "
    print(f"{about}{results.total} results ({results.seconds * 1000:.0f} ms)")
    for row in rows:
        print(f"{row['id']:>6}  {row['date'] or '          '}  {row['title']}")
        print(f"        {row['snippet']}")
    return 0


# -- bookmarks and annotations (reader/annotations) ------------------------------------


def _annotation_store(catalogue: Catalogue) -> AnnotationStore:
    from reader.annotations.store import AnnotationStore

    return AnnotationStore(catalogue)


def _backup(store: AnnotationStore, *, required: bool = False) -> None:
    """After every change: a rotated JSON-LD backup in the data folder (if data changed).

    A backup that cannot be written is a note, not a failure (``library.automatic_backup``
    says why). With *required* (the backup taken before an import merges a file in, the
    way to undo that merge) the failure stops the command instead, before anything
    changed.
    """
    from reader.annotations.backup import backup_folder, write_backup

    if not required:
        note = automatic_backup(store)
        if note:
            print(f"note: {note}", file=sys.stderr)
        return
    try:
        write_backup(store)
    except (OSError, sqlite3.Error) as exc:
        folder = backup_folder(store)
        mapped = storage_error(exc, store.catalogue.path)
        if isinstance(mapped, DiskFull):
            raise mapped.reworded(
                stopped=f"the backup taken before merging (in {folder}) could not be "
                "written, so nothing was imported",
                kept="nothing was lost",
            ) from None
        raise ReaderError(
            f"The backup taken before merging could not be written in "
            f"{folder} ({mapped or exc}); nothing was imported."
        ) from None


def _require_article(catalogue: Catalogue, article_id: int) -> dict[str, Any]:
    summary = catalogue.summary(article_id)
    if summary is None:
        raise ReaderError(f"No article with id {article_id}. 'reader list' shows the ids.")
    return summary


def cmd_bookmark(args: argparse.Namespace) -> int:
    with _open_existing(args) as catalogue:
        title = _require_article(catalogue, args.id)["title"]
        store = _annotation_store(catalogue)
        if args.remove:
            removed = store.unbookmark(args.id)
            bookmark = None
            message = (
                f"Removed the bookmark on #{args.id} {title}."
                if removed
                else f"#{args.id} {title} was not bookmarked."
            )
        else:
            bookmark = store.bookmark(args.id, args.tags)
            tags = f" (tags: {', '.join(bookmark.tags)})" if bookmark.tags else ""
            message = f"Bookmarked #{args.id} {title}{tags}."
        _backup(store)
    if args.json:
        data = bookmark.to_json() if bookmark else {"article_id": args.id, "tags": []}
        data["bookmarked"] = bookmark is not None
        print(_dump(data))
    else:
        print(message)
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    with _open_existing(args) as catalogue:
        _require_article(catalogue, args.id)
        store = _annotation_store(catalogue)
        annotation, choice = store.annotate_quote(
            args.id,
            args.quote,
            occurrence=args.occurrence,
            prefix=args.prefix,
            note=args.note,
            color=args.color,
        )
        _backup(store)
    if choice.occurrences > 1 and args.occurrence is None and not args.prefix:
        print(
            f"note: the quote occurs {choice.occurrences} times; the first was "
            "annotated. Choose another with --occurrence N or --prefix TEXT.",
            file=sys.stderr,
        )
    if args.json:
        data = annotation.to_json()
        data["occurrences"] = choice.occurrences
        data["occurrence"] = choice.chosen
        print(_dump(data))
    else:
        print(
            f"Annotated #{args.id} at {annotation.start}-{annotation.end} "
            f"(annotation {annotation.id})."
        )
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    words = list(args.what)
    if words[:1] == ["import"]:
        if len(words) != 2:
            raise ReaderError("Usage: reader annotations import FILE")
        return _annotations_import(args, words[1])
    if words[:1] == ["backup"]:
        if len(words) != 1:
            raise ReaderError("Usage: reader annotations backup")
        return _annotations_backup(args)
    if len(words) > 1:
        raise ReaderError("Usage: reader annotations [ID] [--format md|json]")
    article_id: int | None = None
    if words:
        try:
            article_id = int(words[0])
        except ValueError:
            raise ReaderError(
                f"{words[0]!r} is not an article id. Usage: reader annotations [ID] "
                "[--format md|json], or reader annotations import FILE"
            ) from None
    from reader.annotations.export import export_jsonld, export_markdown

    with _open_existing(args) as catalogue:
        if article_id is not None:
            _require_article(catalogue, article_id)
        store = _annotation_store(catalogue)
        text = (
            export_jsonld(store, article_id)
            if args.format == "json"
            else export_markdown(store, article_id)
        )
    if args.output:
        from reader.annotations.backup import write_atomically

        try:
            write_atomically(Path(args.output).expanduser(), text.encode("utf-8"))
        except OSError as exc:
            raise ReaderError(f"{args.output} cannot be written ({exc.strerror}).") from None
        print(f"Wrote {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _annotations_import(args: argparse.Namespace, file: str) -> int:
    from reader.annotations.export import import_jsonld

    with _open(args) as catalogue:  # restoring into an emptied library creates it
        store = _annotation_store(catalogue)
        _backup(store, required=True)  # the state before the merge, so it can be undone
        summary = import_jsonld(store, Path(file).expanduser())
        _backup(store)
    if args.json:
        print(
            _dump(
                {
                    "added": summary.added,
                    "updated": summary.updated,
                    "unchanged": summary.unchanged,
                    "bookmarks_added": summary.bookmarks_added,
                    "bookmarks_updated": summary.bookmarks_updated,
                    "bookmarks_unchanged": summary.bookmarks_unchanged,
                    "skipped": summary.skipped,
                }
            )
        )
    else:
        print(summary.describe())
        for reason in summary.skipped[:20]:
            print(f"  skipped {reason}")
    return 0


def _annotations_backup(args: argparse.Namespace) -> int:
    from reader.annotations.backup import backup_folder, list_backups, write_backup

    with _open_existing(args) as catalogue:
        store = _annotation_store(catalogue)
        try:
            written = write_backup(store, force=True)
        except (OSError, DiskFull) as exc:
            mapped = storage_error(exc, catalogue.path)
            if isinstance(mapped, DiskFull):
                raise mapped.reworded(
                    stopped="the backup was not written", kept="nothing was lost"
                ) from None
            raise ReaderError(f"The backup could not be written ({mapped or exc}).") from None
        folder = backup_folder(store)
    print(f"Backed up to {written}." if written else "Nothing to back up.")
    print(f"{len(list_backups(folder))} backups in {folder}.")
    return 0


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

    p = sub.add_parser("search", parents=[common], help="search the library")
    p.add_argument("query", metavar="QUERY")
    p.add_argument(
        "--json",
        action="store_true",
        help="JSON array: id, title, date, site, score, snippet (hits in [ ]), "
        "highlights (offsets in snippet)",
    )
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--sort", choices=["relevance", "date"], default="relevance")
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
        help="comma-separated tags (replace the bookmark's tags; '' clears)",
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
    return parser


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


if __name__ == "__main__":
    sys.exit(main())
