"""Taking bookmarks and annotations elsewhere: Markdown to read, W3C JSON-LD to re-import.

The JSON-LD is a W3C Web Annotation ``AnnotationCollection`` (https://www.w3.org/TR/
annotation-model/): each highlight is an ``Annotation`` whose target has a
``TextQuoteSelector`` and a ``TextPositionSelector`` and whose note is a ``TextualBody``;
each bookmark is an ``Annotation`` with motivation ``bookmarking`` and one ``tagging``
body per tag. What the model has no term for (colour, orphaned, the article's path and
title, the text a position was computed against) is kept under the ``ar:`` prefix, so a
file this module writes reads back into exactly the same data: the round trip is
lossless, and backups (``backup.py``) are these files.

Reading accepts a collection, a page, a list or a single annotation, from other tools
too (only a TextQuoteSelector is required); merging is the store's job (no duplicates).
The output is deterministic (no timestamps of its own), so unchanged data exports to
identical bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from reader.annotations.model import (
    Annotation,
    ArticleRef,
    Bookmark,
    check_color,
    normalise_time,
    parse_tags,
)
from reader.annotations.store import AnnotationStore, MergeSummary
from reader.errors import ReaderError

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AR_NAMESPACE = "https://archive-reader.invalid/ns#"
"""Our extension terms' namespace: an identifier only (``.invalid`` never resolves)."""
CONTEXT: list[Any] = [W3C_CONTEXT, {"ar": AR_NAMESPACE}]
_UUID_IRI = "urn:uuid:"


# -- writing ----------------------------------------------------------------------------


def _iri(local_id: str) -> str:
    return local_id if ":" in local_id else _UUID_IRI + local_id


def _local_id(iri: str) -> str:
    return iri[len(_UUID_IRI):] if iri.startswith(_UUID_IRI) else iri


def _target_source(ref: ArticleRef) -> str | None:
    if ref.source_url:
        return ref.source_url
    if ref.path:
        return Path(ref.path).as_uri() if Path(ref.path).is_absolute() else ref.path
    return None


def _target(ref: ArticleRef) -> dict[str, Any]:
    target: dict[str, Any] = {"type": "Text"}
    source = _target_source(ref)
    if source:
        target["source"] = source
    for key, value in (("ar:title", ref.title), ("ar:path", ref.path),
                       ("ar:fileHash", ref.file_hash)):
        if value is not None:
            target[key] = value
    return target


def annotation_jsonld(a: Annotation) -> dict[str, Any]:
    """One highlight as a W3C Annotation (without ``@context``: the collection has it)."""
    target = _target(a.article)
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix,
         "suffix": a.suffix},
    ]
    if a.start is not None and a.end is not None and not a.orphaned:
        selectors.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    target["selector"] = selectors
    item: dict[str, Any] = {
        "id": _iri(a.id),
        "type": "Annotation",
        "motivation": "commenting" if a.note else "highlighting",
        "created": a.created,
        "modified": a.modified,
    }
    if a.note:
        item["body"] = {"type": "TextualBody", "value": a.note, "format": "text/plain",
                        "purpose": "commenting"}
    item["target"] = target
    item["ar:color"] = a.color
    item["ar:orphaned"] = a.orphaned
    if a.text_hash is not None:
        item["ar:textHash"] = a.text_hash
    if a.file_hash is not None:
        item["ar:anchoredFileHash"] = a.file_hash
    return item


def bookmark_jsonld(b: Bookmark) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": _iri(b.id),
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": b.created,
        "modified": b.modified,
    }
    if b.tags:
        item["body"] = [{"type": "TextualBody", "value": t, "purpose": "tagging"}
                        for t in b.tags]
    item["target"] = _target(b.article)
    return item


def to_jsonld(annotations: Iterable[Annotation], bookmarks: Iterable[Bookmark] = (),
              *, label: str = "Archive Reader annotations") -> dict[str, Any]:
    items = [annotation_jsonld(a) for a in annotations]
    items += [bookmark_jsonld(b) for b in bookmarks]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def export_jsonld(store: AnnotationStore, article_id: int | None = None) -> str:
    """All annotations and bookmarks (or one article's) as JSON-LD text."""
    if article_id is None:
        annotations = store.all_annotations()
        bookmarks = store.all_bookmarks()
    else:
        annotations = sorted(store.annotations_for(article_id),
                             key=lambda a: (a.created, a.id))
        found = store.get_bookmark(article_id)
        bookmarks = [found] if found else []
    return dumps(to_jsonld(annotations, bookmarks))


def _md_quote(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        lines.append("> " + line if line.strip() else ">")
    return "\n".join(lines)


def _reading_order(a: Annotation) -> tuple[int, int, str]:
    return (0, a.start, a.created) if a.placed and a.start is not None else (1, 0, a.created)


_Group = tuple[ArticleRef, list[Annotation], Bookmark | None]


def _groups(store: AnnotationStore, article_id: int | None) -> list[_Group]:
    if article_id is not None:
        summary = store.catalogue.summary(article_id)
        if summary is None:
            raise ReaderError(f"No article with id {article_id}. 'reader list' shows the ids.")
        ref = ArticleRef(article_id, summary["source_url"], summary["path"],
                         summary["title"], None)
        return [(ref, store.annotations_for(article_id), store.get_bookmark(article_id))]
    groups: dict[tuple[Any, ...], _Group] = {}

    def key(ref: ArticleRef) -> tuple[Any, ...]:
        return (ref.article_id, ref.path, ref.source_url)

    for a in store.all_annotations():
        groups.setdefault(key(a.article), (a.article, [], None))[1].append(a)
    for b in store.all_bookmarks():
        ref, items, _ = groups.get(key(b.article), (b.article, [], None))
        groups[key(b.article)] = (ref, items, b)
    ordered = sorted(groups.values(),
                     key=lambda g: ((g[0].title or "").casefold(), g[0].path or ""))
    return [(ref, sorted(items, key=_reading_order), b) for ref, items, b in ordered]


def export_markdown(store: AnnotationStore, article_id: int | None = None) -> str:
    """Readable notes: per article its title, source link and bookmark tags, then each
    quote as a blockquote (reading order) with its note under it."""
    out: list[str] = []
    level = "#"
    if article_id is None:
        out += ["# Annotations", ""]
        level = "##"
    for ref, items, bookmark in _groups(store, article_id):
        out += [f"{level} {ref.title or '(untitled)'}", ""]
        if ref.source_url:
            out += [f"<{ref.source_url}>", ""]
        elif ref.path:
            out += [f"`{ref.path}`", ""]
        if ref.article_id is None:
            out += ["*This article is not in the library at the moment.*", ""]
        if bookmark is not None:
            tags = f" · tags: {', '.join(bookmark.tags)}" if bookmark.tags else ""
            out += [f"Bookmarked {bookmark.created[:10]}{tags}", ""]
        for a in items:
            out += [_md_quote(a.quote), ""]
            if a.orphaned:
                out += ["*(This passage is no longer in the article's text.)*", ""]
            if a.note:
                out += [a.note, ""]
    return "\n".join(out).rstrip("\n") + "\n"


# -- reading ----------------------------------------------------------------------------


def _items(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise ReaderError("This file is not a W3C annotation file (no annotations in it).")
    kind = document.get("type")
    if kind == "AnnotationCollection" or "first" in document:
        items: list[Any] = []
        page = document.get("first")
        while isinstance(page, dict):
            items += page.get("items") or []
            page = page.get("next")
        return items
    if kind == "AnnotationPage" or "items" in document:
        return list(document.get("items") or [])
    return [document]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ref(target: dict[str, Any]) -> ArticleRef:
    source = target.get("source")
    path = target.get("ar:path")
    source_url: str | None = None
    if isinstance(source, str):
        if source.startswith("file:"):
            path = path or unquote(urlsplit(source).path)
        else:
            source_url = source
    return ArticleRef(None, source_url, path, target.get("ar:title"),
                      target.get("ar:fileHash"))


def _timestamps(item: dict[str, Any]) -> tuple[str, str]:
    created = normalise_time(item.get("created")) or "1970-01-01T00:00:00.000Z"
    modified = normalise_time(item.get("modified")) or created
    return created, modified


def parse_jsonld(text: str) -> tuple[list[Annotation], list[Bookmark], list[str]]:
    """Annotations, bookmarks, and why other entries were skipped, from JSON-LD text."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(f"This file is not JSON ({exc.msg}, line {exc.lineno}).") from None
    annotations: list[Annotation] = []
    bookmarks: list[Bookmark] = []
    skipped: list[str] = []
    for n, item in enumerate(_items(document), 1):
        if not isinstance(item, dict) or "target" not in item:
            skipped.append(f"entry {n}: not an annotation")
            continue
        target = item["target"]
        if isinstance(target, list):
            target = target[0] if target else {}
        if isinstance(target, str):
            target = {"source": target}
        if not isinstance(target, dict):
            skipped.append(f"entry {n}: no usable target")
            continue
        ident = item.get("id") or item.get("@id")
        created, modified = _timestamps(item)
        motivations = _as_list(item.get("motivation"))
        bodies = [b for b in _as_list(item.get("body")) if isinstance(b, dict)]
        if "bookmarking" in motivations:
            tags = [b.get("value", "") for b in bodies if b.get("purpose") == "tagging"]
            bookmarks.append(Bookmark(
                id=_local_id(ident) if isinstance(ident, str) else f"import-{n}",
                article=_ref(target), tags=parse_tags(tags), created=created,
                modified=modified))
            continue
        selectors = _as_list(target.get("selector"))
        quote = next((s for s in selectors if isinstance(s, dict)
                      and s.get("type") == "TextQuoteSelector"), None)
        if quote is None or not quote.get("exact"):
            skipped.append(f"entry {n}: no TextQuoteSelector (nothing to anchor)")
            continue
        position = next((s for s in selectors if isinstance(s, dict)
                         and s.get("type") == "TextPositionSelector"), None)
        start = end = None
        if position is not None:
            try:
                start, end = int(position["start"]), int(position["end"])
            except (KeyError, TypeError, ValueError):
                start = end = None
        notes = [str(b.get("value", "")) for b in bodies
                 if b.get("purpose", "commenting") != "tagging" and b.get("value")]
        if not isinstance(ident, str) or not ident:
            skipped.append(f"entry {n}: no id")
            continue
        try:
            color = check_color(item.get("ar:color"))
        except ReaderError:
            color = check_color(None)
        orphaned = bool(item.get("ar:orphaned", False))
        annotations.append(Annotation(
            id=_local_id(ident), article=_ref(target), quote=str(quote["exact"]),
            prefix=str(quote.get("prefix") or ""), suffix=str(quote.get("suffix") or ""),
            start=None if orphaned else start, end=None if orphaned else end,
            orphaned=orphaned, note="\n\n".join(notes) or None, color=color,
            created=created, modified=modified, text_hash=item.get("ar:textHash"),
            file_hash=item.get("ar:anchoredFileHash"),
        ))
    return annotations, bookmarks, skipped


def import_jsonld(store: AnnotationStore, path: str | Path) -> MergeSummary:
    """Merge a JSON-LD file (an export, a backup) into the library without duplicates."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReaderError(f"{path} cannot be read ({exc}).") from None
    annotations, bookmarks, skipped = parse_jsonld(text)
    if not annotations and not bookmarks and skipped:
        raise ReaderError(f"{path}: no annotations could be read ({skipped[0]}).")
    summary = store.merge(annotations, bookmarks)
    summary.skipped += skipped
    return summary
