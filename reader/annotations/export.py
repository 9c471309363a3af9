"""Taking bookmarks and annotations elsewhere: Markdown to read, W3C JSON-LD to re-import.

The JSON-LD is a W3C Web Annotation ``AnnotationCollection`` (https://www.w3.org/TR/
annotation-model/): each highlight is an ``Annotation`` whose target has a
``TextQuoteSelector`` and a ``TextPositionSelector`` and whose note is a ``TextualBody``;
each bookmark is an ``Annotation`` with motivation ``bookmarking`` and one ``tagging``
body per tag. What the model has no term for (color, orphaned, the article's path and
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
import math
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from reader import messages as m
from reader.annotations.model import (
    COLORS,
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
MAX_IMPORT_BYTES = 256 * 1024 * 1024


# -- writing ----------------------------------------------------------------------------


def _iri(local_id: str) -> str:
    return local_id if ":" in local_id else _UUID_IRI + local_id


def _local_id(iri: str) -> str:
    return iri[len(_UUID_IRI) :] if iri.startswith(_UUID_IRI) else iri


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
    for key, value in (
        ("ar:title", ref.title),
        ("ar:path", ref.path),
        ("ar:fileHash", ref.file_hash),
    ):
        if value is not None:
            target[key] = value
    return target


def annotation_jsonld(a: Annotation) -> dict[str, Any]:
    """One highlight as a W3C Annotation (without ``@context``: the collection has it)."""
    target = _target(a.article)
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix},
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
        item["body"] = {
            "type": "TextualBody",
            "value": a.note,
            "format": "text/plain",
            "purpose": "commenting",
        }
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
        item["body"] = [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in b.tags]
    item["target"] = _target(b.article)
    return item


def to_jsonld(
    annotations: Iterable[Annotation],
    bookmarks: Iterable[Bookmark] = (),
    *,
    label: str = "Archive Reader annotations",
) -> dict[str, Any]:
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
        annotations = sorted(store.annotations_for(article_id), key=lambda a: (a.created, a.id))
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
            raise ReaderError(m.NO_ARTICLE.format(id=article_id))
        ref = ArticleRef(article_id, summary["source_url"], summary["path"], summary["title"], None)
        return [(ref, store.annotations_for(article_id), store.get_bookmark(article_id))]
    groups: dict[tuple[Any, ...], _Group] = {}

    def key(ref: ArticleRef) -> tuple[Any, ...]:
        return (ref.article_id, ref.path, ref.source_url)

    for a in store.all_annotations():
        groups.setdefault(key(a.article), (a.article, [], None))[1].append(a)
    for b in store.all_bookmarks():
        ref, items, _ = groups.get(key(b.article), (b.article, [], None))
        groups[key(b.article)] = (ref, items, b)
    ordered = sorted(
        groups.values(), key=lambda g: ((g[0].title or "").casefold(), g[0].path or "")
    )
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
#
# A file to import may come from anywhere (another tool, a hand edit, a damaged disk), so
# every entry is checked, field by field, before anything is written: the store only
# ever sees values of the types and ranges it keeps (text without unpaired surrogates,
# which SQLite cannot store; timestamps within years 1-9999; positions that fit a
# column). A wrong entry is skipped and named, with what is wrong, in the summary, and
# the rest are merged in one transaction; a file that cannot be read as a whole (not
# UTF-8, not JSON, nested too deeply, too big, no list of annotations) is refused with one
# message before the library is touched.

MAX_POSITION = 2**31 - 1
"""Largest character offset accepted in a TextPositionSelector (articles are far shorter)."""
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Invalid(Exception):
    """What is wrong with one entry (a message naming the field and the value)."""


class _Skip(_Invalid):
    """An entry that is not a highlight or a bookmark at all (said without its id)."""


def _show(value: Any) -> str:
    """*value* as a message can quote it: short, on one line, surrogates escaped."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, int):
        digits = str(value)
        return digits if len(digits) <= 24 else f"{digits[:20]}… ({len(digits)} digits)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    text = str(value)
    shown = json.dumps(text[:60] + ("…" if len(text) > 60 else ""), ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", shown)


def _text(obj: dict[str, Any], key: str, where: str = "") -> str | None:
    """``obj[key]`` as text (None when absent or null); anything else is refused."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Invalid(f'{where}"{key}" is {_show(value)}, not text')
    bad = _SURROGATE.search(value)
    if bad:
        raise _Invalid(
            f'{where}"{key}" holds an unpaired surrogate (\\u{ord(bad[0]):04x} at '
            f"character {bad.start()}), which is not text"
        )
    return value


def _time(item: dict[str, Any], key: str) -> str | None:
    value = _text(item, key)
    if not value:
        return None
    normal = normalise_time(value)
    if normal is None:
        raise _Invalid(
            f'"{key}" is {_show(value)}, not an ISO 8601 date and time '
            "within the years 1 to 9999 (in UTC)"
        )
    return normal


def _position(selector: dict[str, Any]) -> tuple[int, int]:
    bounds: list[int] = []
    for key in ("start", "end"):
        if key not in selector:
            raise _Invalid(f'TextPositionSelector has no "{key}"')
        value = selector[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (0 <= value <= MAX_POSITION)
        ):
            raise _Invalid(
                f'TextPositionSelector "{key}" is {_show(value)}, not a whole '
                f"number from 0 to {MAX_POSITION:,}"
            )
        bounds.append(value)
    start, end = bounds
    if end < start:
        raise _Invalid(f'TextPositionSelector "end" ({end}) is before "start" ({start})')
    return start, end


def _items(document: Any) -> list[Any]:
    """The entries of a collection (every embedded page), a page, a list or one
    annotation; a file with no list of them where one belongs is refused."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        raise ReaderError(m.NOT_W3C)
    kind = document.get("type")
    if kind == "AnnotationCollection" or "first" in document:
        items: list[Any] = []
        page = document.get("first")
        if page is not None and not isinstance(page, (dict, str)):  # str: a page's IRI
            raise ReaderError(m.NOT_W3C_FIRST.format(value=_show(page)))
        while isinstance(page, dict):
            items += _page_items(page)
            page = page.get("next")
        return items
    if kind == "AnnotationPage" or "items" in document:
        return _page_items(document)
    return [document]


def _page_items(page: dict[str, Any]) -> list[Any]:
    items = page.get("items")
    if items is None:
        return []
    if not isinstance(items, list):
        raise ReaderError(m.NOT_W3C_ITEMS.format(value=_show(items)))
    return items


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ref(target: dict[str, Any]) -> ArticleRef:
    source = _text(target, "source", "target ")
    path = _text(target, "ar:path", "target ")
    title = _text(target, "ar:title", "target ")
    file_hash = _text(target, "ar:fileHash", "target ")
    source_url: str | None = None
    if source is not None:
        if source.startswith("file:"):
            try:
                path = path or unquote(urlsplit(source).path)
            except ValueError:
                raise _Invalid(f'target "source" is {_show(source)}, not a URL') from None
        else:
            source_url = source
    return ArticleRef(None, source_url, path, title, file_hash)


def _target_of(item: dict[str, Any]) -> dict[str, Any]:
    target = item["target"]
    if isinstance(target, list):
        target = target[0] if target else {}
    if isinstance(target, str):
        target = {"source": target}
    if not isinstance(target, dict):
        raise _Invalid(f'"target" is {_show(target)}, not an article')
    return target


def _entry(n: int, item: Any) -> Annotation | Bookmark:
    """One entry, checked; ``_Invalid`` (or ``_Skip``) says why it cannot be imported."""
    if not isinstance(item, dict) or "target" not in item:
        raise _Skip("not an annotation")
    key = "id" if "id" in item else "@id"
    ident = _text(item, key)
    local = _local_id(ident) if ident else None
    if ident is not None and not local:
        raise _Invalid(f'"{key}" is {_show(ident)}, which names nothing')
    target = _target_of(item)
    article = _ref(target)
    created = _time(item, "created") or "1970-01-01T00:00:00.000Z"
    modified = _time(item, "modified") or created
    motivation = item.get("motivation")
    motivations = _as_list(motivation)
    if not all(isinstance(m, str) for m in motivations):
        raise _Invalid(f'"motivation" is {_show(motivation)}, not text or a list of text')
    bodies = [b for b in _as_list(item.get("body")) if isinstance(b, dict)]
    values = [_text(b, "value", "body ") for b in bodies]
    if "bookmarking" in motivations:
        tags = [
            v for b, v in zip(bodies, values, strict=True) if b.get("purpose") == "tagging" and v
        ]
        return Bookmark(
            id=local or f"import-{n}",
            article=article,
            tags=parse_tags(tags),
            created=created,
            modified=modified,
        )
    selectors = [s for s in _as_list(target.get("selector")) if isinstance(s, dict)]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    exact = _text(quote, "exact", "TextQuoteSelector ") if quote is not None else None
    if quote is None or not exact:
        raise _Skip("no TextQuoteSelector (nothing to anchor)")
    prefix = _text(quote, "prefix", "TextQuoteSelector ") or ""
    suffix = _text(quote, "suffix", "TextQuoteSelector ") or ""
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    start, end = _position(position) if position is not None else (None, None)
    notes = [
        v
        for b, v in zip(bodies, values, strict=True)
        if b.get("purpose", "commenting") != "tagging" and v
    ]
    if local is None:
        raise _Skip("no id")
    raw_color = item.get("ar:color")
    try:
        color = check_color(raw_color)
    except ReaderError:
        raise _Invalid(
            f'"ar:color" is {_show(raw_color)}, not a color name ({", ".join(COLORS)}) or #rrggbb'
        ) from None
    orphaned = item.get("ar:orphaned")
    if orphaned is not None and not isinstance(orphaned, bool):
        raise _Invalid(f'"ar:orphaned" is {_show(orphaned)}, not true or false')
    return Annotation(
        id=local,
        article=article,
        quote=exact,
        prefix=prefix,
        suffix=suffix,
        start=None if orphaned else start,
        end=None if orphaned else end,
        orphaned=bool(orphaned),
        note="\n\n".join(notes) or None,
        color=color,
        created=created,
        modified=modified,
        text_hash=_text(item, "ar:textHash"),
        file_hash=_text(item, "ar:anchoredFileHash"),
    )


def _name(n: int, item: Any) -> str:
    """How the summary names an entry: its position, and its id when it has a usable one."""
    ident = item.get("id", item.get("@id")) if isinstance(item, dict) else None
    if isinstance(ident, str) and ident:
        return f"entry {n} ({_show(ident)[1:-1]})"
    return f"entry {n}"


def parse_jsonld(text: str) -> tuple[list[Annotation], list[Bookmark], list[str]]:
    """Annotations, bookmarks, and why other entries were skipped, from JSON-LD text."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(m.NOT_JSON.format(error=exc.msg, line=exc.lineno)) from None
    except RecursionError:
        raise ReaderError(m.JSON_TOO_DEEP) from None
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise ReaderError(m.JSON_UNUSABLE.format(error=str(exc).split(":")[0])) from None
    annotations: list[Annotation] = []
    bookmarks: list[Bookmark] = []
    skipped: list[str] = []
    for n, item in enumerate(_items(document), 1):
        try:
            entry = _entry(n, item)
        except _Skip as why:
            skipped.append(f"entry {n}: {why}")
            continue
        except _Invalid as why:
            skipped.append(f"{_name(n, item)}: {why}")
            continue
        if isinstance(entry, Bookmark):
            bookmarks.append(entry)
        else:
            annotations.append(entry)
    return annotations, bookmarks, skipped


def _read_text(path: Path) -> str:
    """The file's text, refused with one message when it is missing, unreadable, bigger
    than ``MAX_IMPORT_BYTES`` (checked before reading, and while reading, for files that
    do not know their size) or not UTF-8."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            data = b"" if size > MAX_IMPORT_BYTES else handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise ReaderError(m.NO_SUCH_FILE.format(path=path)) from None
    except OSError as exc:
        raise ReaderError(m.FILE_UNREADABLE.format(path=path, why=exc.strerror or exc)) from None
    if size > MAX_IMPORT_BYTES or len(data) > MAX_IMPORT_BYTES:
        raise ReaderError(m.FILE_TOO_BIG.format(path=path, mb=MAX_IMPORT_BYTES // 2**20))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(
            m.NOT_UTF8.format(path=path, byte=f"{data[exc.start]:02x}", offset=f"{exc.start:,}")
        ) from None


def import_jsonld(store: AnnotationStore, path: str | Path) -> MergeSummary:
    """Merge a JSON-LD file (an export, a backup) into the library without duplicates.

    Every entry is checked first; wrong ones are skipped and listed in
    ``MergeSummary.skipped`` (position, id, what is wrong) and the good ones merged in one
    transaction. ReaderError, with nothing changed, when the file cannot be read as a
    whole or no entry in it can be imported."""
    path = Path(path)
    annotations, bookmarks, skipped = parse_jsonld(_read_text(path))
    if not annotations and not bookmarks and skipped:
        if len(skipped) > 1:
            raise ReaderError(
                m.NO_ANNOTATIONS_READ_MORE.format(path=path, first=skipped[0], n=len(skipped) - 1)
            )
        raise ReaderError(m.NO_ANNOTATIONS_READ.format(path=path, first=skipped[0]))
    summary = store.merge(annotations, bookmarks)
    summary.skipped += skipped
    return summary
