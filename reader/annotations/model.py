"""The shapes of a reader's own data: bookmarks and annotations, as every layer sees them.

Plain frozen dataclasses: the store returns them, the CLI prints them, the GUI draws them
and keeps them for undo (``AnnotationStore.delete_annotation`` returns one and
``restore_annotation`` takes it back). Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from reader.errors import ReaderError

COLORS: dict[str, str] = {
    "yellow": "#fff3a3",
    "green": "#c8f0c0",
    "blue": "#c4e0ff",
    "pink": "#ffd0e4",
    "orange": "#ffd9a8",
    "purple": "#e2d0ff",
}
"""Highlight colors by name, with the fill the reader pane paints (light, so text stays
readable). ``#rrggbb`` is accepted too."""
DEFAULT_COLOR = "yellow"

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def check_color(color: str | None) -> str:
    """A color name from ``COLORS`` or ``#rrggbb``, normalised; anything else is refused
    (a number from an imported file, too: a ReaderError, never an AttributeError)."""
    if color is not None and not isinstance(color, str):
        raise ReaderError(f"Unknown color {color!r}: use one of {', '.join(COLORS)} or #rrggbb.")
    if color is None or not color.strip():
        return DEFAULT_COLOR
    value = color.strip().lower()
    if value in COLORS or _HEX.fullmatch(value):
        return value
    raise ReaderError(f"Unknown color {color!r}: use one of {', '.join(COLORS)} or #rrggbb.")


def now_iso() -> str:
    """An xsd:dateTime in UTC with milliseconds: sorts as text, as W3C annotations carry."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def later_than(previous: str) -> str:
    """``now_iso()``, or one millisecond after *previous* if the clock has not passed it:
    every edit gets a newer ``modified``, so "the more recently modified wins" holds."""
    now = now_iso()
    if now > previous:
        return now
    try:
        parsed = datetime.fromisoformat(previous.replace("Z", "+00:00"))
    except ValueError:
        return now
    bumped = parsed + timedelta(milliseconds=1)
    return bumped.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def normalise_time(value: str | None) -> str | None:
    """Any ISO 8601 timestamp -> the ``now_iso`` form (so imported ones sort with ours);
    None for anything else, including a time whose offset moves it outside years 1-9999
    in UTC (``9999-12-31T23:59:59-23:59``), which ``datetime`` cannot hold."""
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    except (ValueError, OverflowError):
        return None


TAG_SEPARATORS = ",，、;；"
"""What ends a tag in typed text: the ASCII and full-width comma, the enumeration comma
(、, what a Chinese list of words uses) and the ASCII and full-width semicolon. A person
typing Chinese gets ， and 、 from the input method without thinking of it; a tag like
``电商，营销`` was never meant as one tag."""

_TAG_SEPARATOR = re.compile(f"[{re.escape(TAG_SEPARATORS)}]")


def split_tags(text: str) -> list[str]:
    """*text* cut at every ``TAG_SEPARATORS`` character, pieces as typed (untrimmed, empty
    ones kept): the one place typed tags are split, for ``parse_tags`` (the store, the
    CLI's ``--tags``, the tags dialog) and the dialog's completer, which completes the
    last piece."""
    return _TAG_SEPARATOR.split(text)


def parse_tags(raw: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Typed tags (split by ``split_tags``) or listed ones (each item one tag, as stored
    and exported), trimmed, blanks dropped, duplicates (ignoring case) dropped, first
    spelling kept."""
    if raw is None:
        return ()
    items = split_tags(raw) if isinstance(raw, str) else list(raw)
    seen: set[str] = set()
    tags: list[str] = []
    for item in items:
        tag = " ".join(str(item).split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What the user's data remembers of an article, so it can be found again after the
    file left the library and came back (or in another library: export, backups)."""

    article_id: int | None  # the library's article now; None while it is not in it
    source_url: str | None
    path: str | None
    title: str | None
    file_hash: str | None


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight (and its note). ``start``/``end`` index ``Article.text`` as it stands
    now; both are None when ``orphaned`` (the passage can no longer be found: the quote
    is kept and shown) or when the article is not in the library (``article.article_id``
    is None)."""

    id: str
    article: ArticleRef
    quote: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    orphaned: bool
    note: str | None
    color: str
    created: str
    modified: str
    text_hash: str | None = None  # the text start/end were computed against
    file_hash: str | None = None  # the file that text came from

    @property
    def article_id(self) -> int | None:
        return self.article.article_id

    @property
    def placed(self) -> bool:
        return self.start is not None and not self.orphaned

    def to_json(self) -> dict[str, Any]:
        """The CLI's annotation shape (``show --json``): keys are added, never renamed."""
        return {
            "id": self.id,
            "quote": self.quote,
            "note": self.note,
            "color": self.color,
            "start": self.start if self.placed else None,
            "end": self.end if self.placed else None,
            "orphaned": self.orphaned,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "created": self.created,
            "modified": self.modified,
            "article_id": self.article_id,
            "title": self.article.title,
        }


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: str
    article: ArticleRef
    tags: tuple[str, ...]
    created: str
    modified: str

    @property
    def article_id(self) -> int | None:
        return self.article.article_id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "title": self.article.title,
            "tags": list(self.tags),
            "created": self.created,
            "modified": self.modified,
        }


@dataclass(frozen=True, slots=True)
class NoteDocument:
    """What the search index needs of one annotation (``in:notes``)."""

    annotation_id: str
    article_id: int | None
    quote: str
    note: str | None
    color: str
    modified: str


@dataclass(frozen=True, slots=True)
class ReanchorSummary:
    articles: int = 0
    placed: int = 0
    moved: int = 0
    orphaned: int = 0
