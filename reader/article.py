"""The one shape every layer passes on: a parsed article and its links.

Parsers produce these; the catalogue stores them; the CLI and GUI show them. Plain
dataclasses with no behaviour tied to storage or display, so each layer can be tested alone.
"""

from __future__ import annotations

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
