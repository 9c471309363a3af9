"""A browser-grade second opinion on a page's tree, for the pages where lxml lost the body.

Why: libxml2 (behind lxml) is fast and right on nearly every page, but two kinds of
broken markup, common on the web, make it lose the article without a fatal error:

* ``<noscript><div ...></noscript>`` (a tracking pixel wrapped in an unclosed ``div``):
  libxml2 ignores the ``</noscript>`` because the ``div`` is still open, so the rest of the
  page, article and all, ends up *inside* the ``noscript``, which every reader skips. A
  browser never does this: with scripting on, ``noscript`` is raw text up to its end tag.
* a stray ``</html>`` early in the page (a template include that closes the document):
  libxml2 drops everything after it, while a browser keeps going and puts it in the body.
  (After a stray ``</body>`` libxml2 keeps the rest but puts it beside the body, where
  bare paragraphs have no container to be scored in: that is mended on lxml's own tree,
  by moving it into the body, ``_adopt_after_body``.)

BeautifulSoup4 with the standard library's ``html.parser`` closes elements at the end tag
that names an ancestor, as a browser does, and keeps everything after an early ``</html>``.
So when a cheap check says lxml's tree has lost text (``lost_body``), the page is parsed
again with bs4, the stray top-level content is gathered into the body, and the result is
serialised and handed back to lxml: the rest of the pipeline sees the same kind of tree as
always. The bs4 tree is taken only when it shows clearly more visible text.

``html5lib`` (the WHATWG algorithm, through bs4) would build an even closer copy of a
browser's tree, but it is a new run-time dependency, pure Python and several times slower
than ``html.parser``, and has had no release since 2020; ``html.parser`` fixes both failure
classes above, so it is the one used.

The common path pays for two scans only: the ``noscript`` elements of the tree (in C) and
one regex search of the source for ``</html>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from lxml import etree

from reader.parse.html_content import HtmlElement

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

__all__ = ["lost_body", "rescue_tree", "soup_reparse", "visible_length"]

MIN_LOST = 200
"""Characters of text that must be at stake before a page is parsed a second time."""

_HIDDEN_TAGS = ("head", "script", "style", "noscript", "template", "textarea", "iframe", "title")
_HIDDEN_SET = frozenset(_HIDDEN_TAGS)
_HTML_END = re.compile(r"</html\s*>", re.I)
_NOT_TEXT = re.compile(
    r"<!--.*?(?:-->|$)|<(script|style|noscript|template)\b.*?(?:</\1\s*>|$)|<[^<>]*>?",
    re.I | re.S,
)
_SPACE = re.compile(r"\s+")


def _text_length(el: HtmlElement) -> int:
    """Characters of text under *el*, whitespace not counted."""
    text = etree.tostring(el, method="text", encoding="unicode", with_tail=False) or ""
    return len(text) - sum(map(text.count, " \n\t\r\xa0"))


def visible_length(root: HtmlElement) -> int:
    """Characters of text a reader could see in *root*: all text but that of the head,
    scripts, styles, ``noscript``, templates, text areas and frames (outermost ones only,
    so nothing is subtracted twice)."""
    total = _text_length(root)
    for el in root.iter(*_HIDDEN_TAGS):
        if not any(a.tag in _HIDDEN_SET for a in el.iterancestors()):
            total -= _text_length(el)
    return max(total, 0)


def _swallowed_by_noscript(root: HtmlElement) -> bool:
    """A ``noscript`` holding elements and more text than the rest of the page shows.

    A ``noscript`` a browser would honour holds a pixel or a one-line "enable JavaScript";
    one that holds most of the page's text is libxml2 having nested the page inside it.
    """
    hidden = 0
    for ns in root.iter("noscript"):
        if len(ns) and not any(a.tag == "noscript" for a in ns.iterancestors()):
            hidden += _text_length(ns)
    return hidden >= MIN_LOST and hidden > visible_length(root)


def _longest_text_run(markup: str) -> str:
    """The longest stretch of text between tags in *markup* (scripts, styles and comments
    left out), entities decoded and whitespace collapsed."""
    runs = _NOT_TEXT.split(markup)
    longest = max((r for r in runs if r), key=len, default="")
    return _SPACE.sub(" ", html.unescape(longest)).strip()


def _cut_at_end_tag(root: HtmlElement, source: str) -> bool:
    """Text after an early ``</html>`` in *source* that the tree does not hold.

    libxml2 drops whatever follows ``</html>``; a browser does not. The probe is the
    longest run of text after the end tag: when lxml's tree does not contain it, the page
    was cut.
    """
    m = _HTML_END.search(source)
    if m is None or len(source) - m.end() < MIN_LOST:
        return False
    probe = _longest_text_run(source[m.end() :])
    if len(probe) < 40:
        return False
    probe = probe[:80]
    tree_text = etree.tostring(root, method="text", encoding="unicode") or ""
    return probe not in _SPACE.sub(" ", tree_text)


def lost_body(root: HtmlElement, source: str) -> bool:
    """Whether lxml's tree of *source* has likely lost the page's text (see the module
    docstring for the two ways it does)."""
    return _swallowed_by_noscript(root) or _cut_at_end_tag(root, source)


def _gather_into_body(soup: BeautifulSoup) -> None:
    """Move what ``html.parser`` left after ``</body>`` or ``</html>`` (siblings of the body
    inside ``html``, or of ``html`` at the top) into the body, where a browser puts it:
    serialised as they are, lxml would drop them again."""
    from bs4 import NavigableString, Tag

    page = soup.find("html", recursive=False)
    if not isinstance(page, Tag):
        return
    body = page.find("body", recursive=False)
    if not isinstance(body, Tag):
        return
    stray = list(body.next_siblings) + list(page.next_siblings)
    for node in stray:
        if isinstance(node, NavigableString) and (
            type(node) is not NavigableString or not node.strip()
        ):
            continue  # whitespace, comments, doctypes: nothing a reader sees
        body.append(node.extract())


def soup_reparse(source: str, parse: Callable[[str], HtmlElement | None]) -> HtmlElement | None:
    """*source* parsed by bs4's ``html.parser``, serialised and parsed again by *parse*
    (lxml): the browser-like structure, in the tree type the pipeline expects."""
    from bs4 import BeautifulSoup  # imported on the rare page that needs it

    try:
        soup = BeautifulSoup(source, "html.parser")
        _gather_into_body(soup)
        markup = soup.decode()
    except Exception:  # bs4's ParserRejectedMarkup, RecursionError...: keep lxml's tree
        return None
    return parse(markup)


def _adopt_after_body(root: HtmlElement) -> None:
    """Move what libxml2 put after ``body`` (the page went on after an early ``</body>``)
    into the body, as a browser does: left there, bare paragraphs after it have no
    container to be scored in, and the article was lost to the menu before it."""
    body = root.find("body")
    if body is None:
        return
    if body.tail and body.tail.strip():
        body.append(body.makeelement("p", {}))
        body[-1].text = body.tail
    body.tail = None
    for node in list(body.itersiblings()):
        body.append(node)  # moves it, with its tail


def rescue_tree(
    root: HtmlElement, source: str, parse: Callable[[str], HtmlElement | None]
) -> HtmlElement:
    """*root*, or bs4's tree of *source* when lxml lost the body and bs4's tree shows
    clearly more text (*parse* turns bs4's serialised page into an lxml tree). Content
    that libxml2 left after the body is moved into it either way."""
    body = root.find("body")
    if body is not None and (body.getnext() is not None or (body.tail and body.tail.strip())):
        _adopt_after_body(root)
    if not lost_body(root, source):
        return root
    rebuilt = soup_reparse(source, parse)
    if rebuilt is None:
        return root
    before, after = visible_length(root), visible_length(rebuilt)
    return rebuilt if after > before * 1.1 + MIN_LOST / 2 else root
