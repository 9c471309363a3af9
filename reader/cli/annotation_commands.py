"""The commands on bookmarks and annotations: bookmark, annotate, annotations (export,
``import FILE``, ``backup``) and tags (list, ``rename OLD NEW``, ``delete TAG``), with
what they share: the store, the rotated backup taken after every change (and before a
merge, to undo it), and the check that an article exists.

Kept apart from the library commands because they write the reader's own work rather
than the archive's contents, and so answer for its safety: every change is followed by a
backup, and a merge that cannot first be backed up does not happen. ``reader.annotations``
is imported inside the functions, so the other commands do not load it.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.catalogue import Catalogue, storage_error
from reader.cli.opening import dump, open_existing, open_or_create
from reader.errors import DiskFull, ReaderError
from reader.library import automatic_backup

if TYPE_CHECKING:
    from reader.annotations.store import AnnotationStore


def annotation_store(catalogue: Catalogue) -> AnnotationStore:
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
    with open_existing(args) as catalogue:
        title = _require_article(catalogue, args.id)["title"]
        store = annotation_store(catalogue)
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
        print(dump(data))
    else:
        print(message)
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    with open_existing(args) as catalogue:
        _require_article(catalogue, args.id)
        store = annotation_store(catalogue)
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
        print(dump(data))
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

    with open_existing(args) as catalogue:
        if article_id is not None:
            _require_article(catalogue, article_id)
        store = annotation_store(catalogue)
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

    with open_or_create(args) as catalogue:  # restoring into an emptied library creates it
        store = annotation_store(catalogue)
        _backup(store, required=True)  # the state before the merge, so it can be undone
        summary = import_jsonld(store, Path(file).expanduser())
        _backup(store)
    if args.json:
        print(
            dump(
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

    with open_existing(args) as catalogue:
        store = annotation_store(catalogue)
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


_TAGS_USAGE = "Usage: reader tags [--json], reader tags rename OLD NEW, reader tags delete TAG"


def _known_tag(store: AnnotationStore, tag: str) -> str:
    """The tag as bookmarks spell it, or a ReaderError naming the way to list them."""
    wanted = " ".join(tag.split()).casefold()
    for name, _count in store.tag_counts():
        if name.casefold() == wanted:
            return name
    raise ReaderError(f"No bookmark has the tag {tag!r}. 'reader tags' lists them.")


def cmd_tags(args: argparse.Namespace) -> int:
    """List the tags with how many bookmarks carry each; rename or delete one everywhere."""
    words = list(args.what)
    if not words:
        with open_existing(args) as catalogue:
            counts = annotation_store(catalogue).tag_counts()
        if args.json:
            print(dump([{"tag": tag, "bookmarks": n} for tag, n in counts]))
        elif not counts:
            print("No tags yet: 'reader bookmark ID --tags a,b' adds some.")
        else:
            width = max(len(str(n)) for _tag, n in counts)
            for tag, n in counts:
                print(f"{n:>{width}}  {tag}")
        return 0
    if words[0] == "rename" and len(words) == 3:
        old, new = words[1], words[2]
    elif words[0] == "delete" and len(words) == 2:
        old, new = words[1], None
    else:
        raise ReaderError(_TAGS_USAGE)
    with open_existing(args) as catalogue:
        store = annotation_store(catalogue)
        name = _known_tag(store, old)
        changed = store.rename_tag(name, new) if new is not None else store.delete_tag(name)
        if changed:
            _backup(store)
    plural = "" if changed == 1 else "s"
    if args.json:
        data: dict[str, Any] = {"tag": name, "bookmarks_changed": changed}
        if new is not None:
            data["renamed_to"] = " ".join(new.split())
        print(dump(data))
    elif new is None:
        print(f"Removed the tag “{name}” from {changed} bookmark{plural}.")
    else:
        print(
            f"Renamed the tag “{name}” to “{' '.join(new.split())}” on {changed} bookmark{plural}."
        )
    return 0
