"""The commands on the library itself: import, list, remove, show, parse, reindex and
search.

Argument handling and output only: each command opens the library (``opening``), calls
the same core as the window (``reader.library``, ``reader.catalogue``,
``reader.search.sync``, ``reader.parse``) and prints its answer. Kept apart from the
annotation commands, which work on one article's marks rather than on the library's
contents and index. The search and parsing modules are imported inside the commands
that use them, so ``reader --help`` and the other commands do not load them.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from reader.catalogue import Catalogue, CopyStore
from reader.cli.annotation_commands import annotation_store
from reader.cli.opening import dump, open_existing, open_or_create
from reader.cli.progress import PhaseBars, ProgressBar
from reader.errors import NotAnArticle, ReaderError
from reader.library import INDEXING, Library, UpdateResult
from reader.paths import data_dir

if TYPE_CHECKING:
    from reader.importer import ImportSummary


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
    library = Library(data_dir(args.data_dir), open_catalogue=lambda: open_or_create(args))
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
            dump(
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
    with open_existing(args) as catalogue:
        rows = catalogue.list_articles(order=args.sort)
        groups = CopyStore(catalogue).groups()
    for row in rows:  # the story's first copy (issue 14), null for an article alone
        row["group"] = groups.get(row["id"])
    if args.json:
        print(dump(rows))
        return 0
    for row in rows:
        print(
            f"{row['id']:>6}  {row['date'] or '          '}  {(row['site'] or '')[:16]:16}  "
            f"{row['title']}"
        )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    """Remove articles from the library, never from disk (``Library.remove_articles``):
    re-scans skip their files from now on; importing a file by name lets it in again."""
    library = Library(data_dir(args.data_dir), open_catalogue=lambda: open_existing(args))
    result = library.remove_articles(args.ids)
    missing = [i for i in dict.fromkeys(args.ids) if i not in set(result.ids)]
    index_note = (
        f"indexing left for later: {result.index_busy}"
        if result.index_busy
        else (result.index.describe() if result.index is not None else None)
    )
    if args.json:
        print(
            dump(
                {
                    "removed": result.removed,
                    "ids": result.ids,
                    "not_found": missing,
                    "index": index_note,
                }
            )
        )
    else:
        print(
            f"Removed {result.removed} article{'s' if result.removed != 1 else ''} from the "
            "library; the files stay on disk and re-scans skip them."
        )
    if missing:
        print(
            f"note: no article with id {', '.join(map(str, missing))} in the library",
            file=sys.stderr,
        )
    return 0 if not missing else 1


def cmd_show(args: argparse.Namespace) -> int:
    with open_existing(args) as catalogue:
        article = catalogue.get(args.id)
        if article is None:
            raise ReaderError(f"No article with id {args.id}. 'reader list' shows the ids.")
        linked_from = catalogue.linked_from(args.id)
        copies = CopyStore(catalogue).copies_of(args.id)
        store = annotation_store(catalogue)
        bookmark = store.get_bookmark(args.id)
        annotations = store.annotations_for(args.id)
    if args.json:
        data = article.to_json(args.id)
        data["linked_from"] = linked_from
        data["copies"] = copies  # the other copies of the same story (issue 14)
        data["bookmarked"] = bookmark is not None
        data["tags"] = list(bookmark.tags) if bookmark else []
        data["annotations"] = [a.to_json() for a in annotations]
        print(dump(data))
        return 0
    print(article.title)
    print(" · ".join(x for x in (article.date, article.site, article.source_url) if x))
    print()
    for block in article.blocks:
        prefix = {"h": "## ", "li": "  • ", "quote": "> ", "credit": "  ", "caption": "  "}
        print(prefix.get(block.kind, "") + block.text)
        print()
    if copies:
        print(f"Other copies of this story: {', '.join(f'#{i}' for i in copies)}")
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
            print(dump(record), flush=False)
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
    with open_existing(args) as catalogue:
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
                dump(report)
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

    with open_existing(args) as catalogue:
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
            if getattr(args, "timeline", False):
                return _print_timeline(args, catalogue, engine, results)
            rows = []
            stories = _stories([hit.id for hit in results.hits], catalogue)
            for hit in results.hits:
                meta = catalogue.summary(hit.id) or {}
                group, members = stories.get(hit.id, (None, []))
                rows.append(
                    {
                        "id": hit.id,
                        "title": meta.get("title"),
                        "date": meta.get("date"),
                        "site": meta.get("site"),
                        "score": round(hit.score, 4),
                        "snippet": hit.snippet,
                        "highlights": [list(span) for span in hit.marks],  # the contract's name
                        "matched_in": hit.matched_in,
                        "path": meta.get("path"),
                        "group": group,
                        "copies": [i for i in members if i != hit.id],
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
        print(dump(rows))
        return 0
    about = "" if results.exact_total else "about "
    print(f"{about}{results.total} results ({results.seconds * 1000:.0f} ms)")
    for row in rows:
        print(f"{row['id']:>6}  {row['date'] or '          '}  {row['title']}")
        print(f"        {row['snippet']}")
    return 0


def _stories(ids: list[int], catalogue: Catalogue) -> dict[int, tuple[int, list[int]]]:
    """For each of *ids* that has other copies: its story's first copy (``group``, as
    ``list --json`` says it) and every copy's id. The command line lists every hit (its
    contract), so copies are named rather than folded as the window folds them."""
    store = CopyStore(catalogue)
    groups = store.groups(ids)
    members = store.members(groups.values())
    return {i: (group, members.get(group, [])) for i, group in groups.items()}


def _print_timeline(
    args: argparse.Namespace, catalogue: Catalogue, engine: Any, results: Any
) -> int:
    """``reader search QUERY --timeline``: every match counted by month (``reader.timeline``),
    as ``{"YYYY-MM": n}`` sorted by month with ``--json``, else one line a month with a bar.
    Notes go to stderr as a search's do, plus one when the counts are estimated."""
    from reader.timeline import query_months

    counts = query_months(catalogue, engine, args.query, exact=True)
    notes = [results.note, counts.note if counts.note != results.note else None]
    for note in dict.fromkeys(n for n in notes if n):
        print(f"note: {note}", file=sys.stderr)
    if results.coverage < 1.0:
        print(
            f"note: the index covers {results.indexed} of {results.library} articles "
            "so far; run 'reader reindex' to finish it",
            file=sys.stderr,
        )
    if args.json:
        print(dump(counts.months))
        return 0
    widest = max(counts.months.values(), default=0)
    for month, n in counts.months.items():
        bar = "#" * max(1, round(40 * n / widest))
        print(f"{month}  {n:>7}  {bar}")
    total = sum(counts.months.values())
    about = "" if counts.exact else "about "
    print(f"{about}{total} dated results in {len(counts.months)} months")
    return 0
