"""The one shape every layer passes on: a parsed article and its links.

Parsers produce these; the catalogue stores them; the CLI and GUI show them. Plain
dataclasses with no behaviour tied to storage or display, so each layer can be tested alone.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["p", "h", "li", "quote", "pre", "caption", "credit"]
"""Kinds of body block.

``caption`` is a figure caption that belongs to the text (kept in ``paragraphs``);
``credit`` is an image credit left where an image used to be in the text format
("(图片来源:...)"): shown as a caption in the reader but not counted as body text.
"""


@dataclass(slots=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(slots=True)
class Link:
    """A related link: ``article_id`` is the archived target, resolved by the catalogue."""

    title: str
    url: str
    article_id: int | None = None


@dataclass(slots=True)
class Article:
    title: str
    blocks: list[Block] = field(default_factory=list)
    date: str | None = None  # YYYY-MM-DD
    site: str | None = None
    source_url: str | None = None
    language: str | None = None  # "zh-Hans", "zh-Hant", "en", ... or None
    byline: str | None = None
    links: list[Link] = field(default_factory=list)
    kind: str = "text"  # "text" (the archive's text format) or "html"
    path: str | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. "file truncated at 16 MB"

    @property
    def paragraphs(self) -> list[str]:
        """The cleaned body in order: every block except image credits."""
        return [b.text for b in self.blocks if b.kind != "credit"]

    @property
    def captions(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind in ("caption", "credit")]

    @property
    def text(self) -> str:
        """The body as one string; annotation offsets count into exactly this."""
        return "\n\n".join(self.paragraphs)

    def to_json(self, article_id: int | None = None) -> dict[str, Any]:
        """The ``show``/``parse`` JSON contract: add keys, never rename or drop."""
        return {
            "id": article_id,
            "title": self.title,
            "date": self.date,
            "site": self.site,
            "source_url": self.source_url,
            "path": self.path,
            "language": self.language,
            "byline": self.byline,
            "kind": self.kind,
            "paragraphs": self.paragraphs,
            "captions": self.captions,
            "blocks": [asdict(b) for b in self.blocks],
            "links": [asdict(link) for link in self.links],
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------- clean strings

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNSAFE_AS = {"\x0b": " ", "\x0c": " ", "\x1c": " ", "\x1d": " ", "\x1e": " ", "\x1f": " "}


def _replace_unsafe(m: re.Match[str]) -> str:
    ch = m.group()
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    return _UNSAFE_AS.get(ch, "")


def clean_text(text: str) -> str:
    """*text* made storable: what SQLite, a UTF-8 JSON stream and lxml all accept.

    Why: archive files hold stray control characters (a ``\\x08`` left by an old editor),
    HTML entities and JSON-LD escapes can spell NUL, controls and lone surrogates, and one
    such character used to make lxml reject a whole page or the JSON output fail. C0
    controls that Python counts as whitespace (vertical tab, form feed, the information
    separators) become a space, the other C0 controls (tab, newline and carriage return
    excepted) and the non-characters U+FFFE/U+FFFF are dropped, and a lone surrogate
    becomes U+FFFD. Clean text (the usual case) costs one regex scan.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_replace_unsafe, text)


def _cleaned(text: str) -> str:
    """``clean_text``, and stripped when the cleaning changed it (a control character at
    either end would otherwise leave a space there)."""
    cleaned = clean_text(text)
    return cleaned if cleaned is text else cleaned.strip()


def _cleaned_optional(text: str | None) -> str | None:
    if text is None:
        return None
    return _cleaned(text) or None


def clean_article(article: Article) -> Article:
    """*article* with every string made storable (see ``clean_text``), in place.

    The parsers call this last, so whatever the input held, what they return can be
    stored, indexed and printed as JSON; a block left empty by the cleaning is dropped.
    """
    article.title = _cleaned(article.title)
    blocks = []
    for block in article.blocks:
        block.text = _cleaned(block.text)
        if block.text:
            blocks.append(block)
    article.blocks = blocks
    article.date = _cleaned_optional(article.date)
    article.site = _cleaned_optional(article.site)
    article.source_url = _cleaned_optional(article.source_url)
    article.language = _cleaned_optional(article.language)
    article.byline = _cleaned_optional(article.byline)
    for link in article.links:
        link.title = _cleaned(link.title)
        link.url = _cleaned(link.url)
    article.warnings = [_cleaned(w) for w in article.warnings]
    return article
