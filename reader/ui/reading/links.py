"""What clicking a link in the reader pane does: decided here, in one place, without Qt.

The reader pane never fetches anything: an archived article opens offline (``article:ID``),
a web address opens in the system browser only when clicked, and every other scheme
(``javascript:``, ``data:``, ``file:`` outside the archive, ``mailto:``...) does nothing
but say why. Keeping the rule a pure function makes it easy to test exhaustively and
impossible for a widget to bypass.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

from reader.ui.i18n import translate

ARTICLE_SCHEME = "article"

ActionKind = Literal["article", "external", "anchor", "refused"]


@dataclass(frozen=True, slots=True)
class LinkAction:
    kind: ActionKind
    url: str
    article_id: int | None = None
    reason: str = ""  # for "refused": a sentence for the status bar


def article_url(article_id: int) -> str:
    return f"{ARTICLE_SCHEME}:{article_id}"


def _inside(path: str, roots: Iterable[str]) -> bool:
    real = os.path.realpath(path)
    for root in roots:
        base = os.path.realpath(root)
        if real == base or real.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


def classify_link(
    url: str,
    *,
    roots: Iterable[str] = (),
    id_at_path: Callable[[str], int | None] = lambda _path: None,
) -> LinkAction:
    """Decide what a click on *url* does. Never raises: odd input is refused politely."""
    text = url.strip()
    if not text or text.startswith("#"):
        return LinkAction("anchor", text)
    try:
        parts = urlsplit(text)
    except ValueError:
        return LinkAction(
            "refused", text, reason=translate("Links", "This link is malformed; it was not opened.")
        )
    scheme = parts.scheme.lower()
    if scheme == ARTICLE_SCHEME:
        number = parts.path.strip()
        if number.isdigit():
            return LinkAction("article", text, article_id=int(number))
        return LinkAction(
            "refused", text, reason=translate("Links", "This archive link names no article.")
        )
    if scheme in ("http", "https"):
        if not parts.netloc:
            return LinkAction(
                "refused", text, reason=translate("Links", "This web link has no address.")
            )
        return LinkAction("external", text)
    if scheme == "file":
        path = unquote(parts.path)
        if _inside(path, roots):
            found = id_at_path(os.path.realpath(path)) or id_at_path(path)
            if found is not None:
                return LinkAction("article", text, article_id=found)
            return LinkAction(
                "refused",
                text,
                reason=translate(
                    "Links", "This file is in the archive but is not an article in the library."
                ),
            )
        return LinkAction(
            "refused",
            text,
            reason=translate(
                "Links",
                "Not opened: a file: link outside the archive folders. The reader only "
                "opens files inside the archive.",
            ),
        )
    if scheme == "javascript":
        return LinkAction(
            "refused",
            text,
            reason=translate(
                "Links",
                "Not opened: javascript: links run code, and the reader never runs code "
                "from saved pages.",
            ),
        )
    if scheme == "data":
        return LinkAction(
            "refused",
            text,
            reason=translate(
                "Links",
                "Not opened: data: links carry embedded content that the reader does not display.",
            ),
        )
    if not scheme:
        return LinkAction(
            "refused",
            text,
            reason=translate(
                "Links",
                "Not opened: a relative link with no web address (its page was not saved).",
            ),
        )
    return LinkAction(
        "refused",
        text,
        reason=translate(
            "Links",
            "Not opened: {scheme}: links are not opened by the reader; only web (http, "
            "https) links open, in your browser.",
        ).format(scheme=scheme),
    )
