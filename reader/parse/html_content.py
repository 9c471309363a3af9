"""Find the main-content element of an HTML page (Readability-style scoring, on lxml).

Why our own and not readability-lxml or trafilatura at run time: both are 2-3x over the
importer's time budget (~30 ms a page) and neither wins on every ground-truth set. This is a
close re-implementation of the scoring that Mozilla's Readability.js uses (paragraph scores
propagated to ancestors, link density, class/id weights, sibling gathering, conditional
cleaning, retries with looser flags), written directly against lxml so the whole pass stays
in a few milliseconds. ``bench/extraction_bench.py`` is the judge of every change here.

This module only *selects and cleans* elements; it never produces text or metadata (see
``html.py``). It mutates the tree it is given, so callers pass a copy.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import TypeAlias

from lxml import etree

HtmlElement: TypeAlias = etree._Element

UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|"
    r"gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|"
    r"sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|"
    r"newsletter|advert|\bad-?slot|\bads?\b|sponsored|signup|sign-up",
    re.I,
)
# Hover cards: a pop-up box (bio, latest stories) nested in a paragraph next to the link that
# opens it; its text would otherwise run into the sentence around it.
HOVER_CARD = re.compile(
    r"hover-?card|(hover|rollover|tooltip|popover)\S*[-_](card|block|box|content|panel|popup)\b",
    re.I,
)
MAYBE = re.compile(r"and|article|body|column|content|main|mathjax|shadow", re.I)
POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story", re.I
)
NEGATIVE = re.compile(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|"
    r"masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|"
    r"sponsor|shopping|tags|widget",
    re.I,
)
BYLINE = re.compile(r"byline|author|dateline|writtenby|p-author", re.I)
# Blocks around an article that can outscore a short one: comment threads, sign-up boxes,
# author/profile boxes, sidebars, "related"/teaser rails, footers. Unlike ``UNLIKELY`` (which
# removes a node in the strict pass only) these mark a *region*: a candidate inside one is
# scored down in every pass, and a looser retry may not pick one (see ``grab_article``).
BOILER_REGION = re.compile(
    r"(?<![a-z0-9])(comments?|comment-?(list|area|section|thread|wrap(per)?|form|box)|respond"
    r"|disqus\w*|newsletters?|subscribe|subscription|sign-?up|mailing-?list|author-?(bio|box|info"
    r"|card)|about-?(the-?)?author|profile|teasers?|related(-?(posts|stories|articles))?"
    r"|more-?stories|lightbox|modal)(?![a-z0-9])",
    re.I,
)
"""Whole class/id words naming a block around the article (layout words such as "sidebar"
or "widget" are not: builders put them on the columns that hold the article too)."""
BOILER_ROLES = frozenset({"complementary", "contentinfo"})
LINK_TABLE_DENSITY = 0.6
"""Link density above which a table with headers is a navigation box, not data."""
REGION_FACTOR = 0.25
"""Score kept by a candidate inside a boilerplate region."""
SHARE = re.compile(r"(\b|_)(share|sharedaddy)(\b|_)", re.I)
VIDEOS = re.compile(
    r"//(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq|bilibili|live\.bilibili)"
    r"\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)",
    re.I,
)
COMMAS = re.compile("[\u002c\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c\u3001]")
AD_WORDS = re.compile(
    r"^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|廣告|Реклама|Anuncio)$", re.I
)
LOADING_WORDS = re.compile(r"^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$", re.I)
WORD_SPLIT = re.compile(r"\W+")
SENTENCE_END = re.compile(r"\.( |$)|[。！？]")

UNLIKELY_ROLES = frozenset(
    {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"}
)
DIV_TO_P_ELEMS = frozenset({"blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"})
ALTER_TO_DIV_EXCEPTIONS = frozenset({"div", "article", "section", "p"})
PHRASING = frozenset(
    {
        "abbr",
        "audio",
        "b",
        "bdo",
        "br",
        "button",
        "cite",
        "code",
        "data",
        "datalist",
        "dfn",
        "em",
        "embed",
        "i",
        "img",
        "input",
        "kbd",
        "label",
        "mark",
        "math",
        "meter",
        "noscript",
        "object",
        "output",
        "progress",
        "q",
        "ruby",
        "samp",
        "script",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "textarea",
        "time",
        "var",
        "wbr",
        "font",
        "u",
        "s",
        "strike",
        "tt",
        "big",
    }
)
TAGS_TO_SCORE = frozenset({"section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"})
EMPTY_REMOVABLE = frozenset({"div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6"})
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

STRIP_UNLIKELYS = 1
WEIGHT_CLASSES = 2
CLEAN_CONDITIONALLY = 4
CHAR_THRESHOLD = 500
TOP_CANDIDATES = 5


class TooCostly(Exception):
    """The page would cost far more work than its size: see ``work_budget``."""


_BUDGET: ContextVar[list[int] | None] = ContextVar("reader_html_budget", default=None)


@contextmanager
def work_budget(units: int) -> Iterator[None]:
    """Let the passes inside spend at most *units* characters of subtree text (and nodes
    counted), then raise ``TooCostly``.

    Why: Readability's passes take the text of an element and of its ancestors again and
    again (scores, link densities, the conditional cleaning), which is depth x text: 185 s
    for 6 MB of text under 250 nested ``<section>``. Real pages spend a few times their
    text (see ``budget_for``); a page that overruns is pathologically nested, and the
    caller extracts it again from a flattened copy.
    """
    token = _BUDGET.set([units])
    try:
        yield
    finally:
        _BUDGET.reset(token)


def charge(units: int) -> None:
    """Spend *units* of the current ``work_budget`` (none outside one)."""
    budget = _BUDGET.get()
    if budget is not None:
        budget[0] -= units
        if budget[0] < 0:
            raise TooCostly


WORK_FACTOR = 40
WORK_FLOOR = 4_000_000
"""On the shared corpus (657 pages) the passes spend at most 29% of this budget."""


def budget_for(root: HtmlElement) -> int:
    """The work a page is allowed: a multiple of its text and element count, with room
    for small pages (the corpus pages spend at most a few times their text)."""
    text = etree.tostring(root, method="text", encoding="unicode") or ""
    elements = int(root.xpath("count(//*)"))
    return WORK_FACTOR * (len(text) + elements) + WORK_FLOOR


def inner_text(el: HtmlElement, normalize: bool = True) -> str:
    text = etree.tostring(el, method="text", encoding="unicode", with_tail=False) or ""
    charge(len(text) + 1)
    return " ".join(text.split()) if normalize else text.strip()


_COMMA_CHARS = "\u002c\u060c\ufe50\ufe10\ufe11\u2e41\u2e34\u2e32\uff0c\u3001"


def comma_count(text: str) -> int:
    """``len(COMMAS.split(text)) - 1``, by ``str.count`` (the regex split was the bulk of
    the scoring time on long texts)."""
    return sum(map(text.count, _COMMA_CHARS)) if text else 0


@lru_cache(maxsize=8192)
def _unlikely(match: str) -> bool:
    return bool(UNLIKELY.search(match)) and not MAYBE.search(match)


@lru_cache(maxsize=8192)
def _weight_of(value: str) -> int:
    weight = 0
    if NEGATIVE.search(value):
        weight -= 25
    if POSITIVE.search(value):
        weight += 25
    return weight


@lru_cache(maxsize=8192)
def _boiler_words(match: str) -> bool:
    return bool(BOILER_REGION.search(match)) and not MAYBE.search(match)


TEASER_MAX = 400
"""Characters of a teaser: a linked headline and a line or two of summary."""


TEASER_LIST_TAGS = frozenset({"div", "section", "ul", "ol", "aside", "main", "td"})
TEASER_TAGS = frozenset({"div", "li", "article", "section"})


def _is_teaser(item: HtmlElement) -> bool:
    """A short block leading to another page: a headline with a link (on the headline or
    a "Read more"), or a link making a good part of the block's text (a "related" or
    "latest" rail's entry)."""
    text_len = len(inner_text(item))
    if not text_len or text_len > TEASER_MAX:
        return False
    headed = any(True for _ in item.iter("h2", "h3", "h4"))
    for a in _subtree(item, "a"):
        href = a.get("href") or ""
        if not href or href.startswith(("#", "javascript:")):
            continue
        link_len = len(inner_text(a))
        if headed:
            return True  # a headline and a "Read more" link
        if link_len >= 10 and (
            _has_ancestor(a, "h2", 3)
            or _has_ancestor(a, "h3", 3)
            or _has_ancestor(a, "h4", 3)
            or (link_len >= 20 and link_len >= text_len / 4)
        ):
            return True
    return False


def _is_teaser_list(el: HtmlElement) -> bool:
    """At least four sibling blocks of the same tag and class that are each a teaser: the
    repeated structure of a list of other stories, whatever its class names."""
    if el.tag not in TEASER_LIST_TAGS:
        return False
    kids = [c for c in el if _is_element(c) and c.tag in TEASER_TAGS]
    if len(kids) < 4:
        return False
    signature, count = Counter((c.tag, c.get("class")) for c in kids).most_common(1)[0]
    if count < 4 or count < 0.6 * len(kids):
        return False
    same = [c for c in kids if (c.tag, c.get("class")) == signature]
    allowed_misses = len(same) - max(4, int(0.75 * len(same) + 0.999))
    for item in same:
        if not _is_teaser(item):
            allowed_misses -= 1
            if allowed_misses < 0:
                return False
    return True


@lru_cache(maxsize=8192)
def _byline_like(match: str) -> bool:
    return bool(BYLINE.search(match))


ATTR_CAP = 2000
"""Characters of a class or id attribute that the class/id regexes look at. Real ones are
far shorter; a megabyte-long attribute would otherwise be searched by each of them."""


def attr(el: HtmlElement, name: str) -> str:
    """Attribute *name* of *el*, at most ``ATTR_CAP`` characters ("" when absent)."""
    return (el.get(name) or "")[:ATTR_CAP]


def class_id(el: HtmlElement) -> str:
    return f"{attr(el, 'class')} {attr(el, 'id')}"


@lru_cache(maxsize=4)
def _token_set(text: str) -> frozenset[str]:
    return frozenset(t for t in WORD_SPLIT.split(text.lower()) if t)


def text_similarity(a: str, b: str) -> float:
    """Readability's measure: share of *b*'s text made of tokens that also occur in *a*.

    *a* is the page title, compared with every heading: its tokens are computed once
    (re-splitting a long title for each of thousands of headings was quadratic)."""
    set_a = _token_set(a)
    tb = [t for t in WORD_SPLIT.split(b.lower()) if t]
    if not set_a or not tb:
        return 0.0
    uniq_b = [t for t in tb if t not in set_a]
    return 1 - len(" ".join(uniq_b)) / len(" ".join(tb))


def _is_element(node: HtmlElement) -> bool:
    return isinstance(node.tag, str)


def drop(el: HtmlElement) -> None:
    """Remove *el* and its subtree but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _next_node(node: HtmlElement, skip_children: bool = False) -> HtmlElement | None:
    if not skip_children:
        for child in node:
            if _is_element(child):
                return child
    while node is not None:
        sib = node.getnext()
        while sib is not None and not _is_element(sib):
            sib = sib.getnext()
        if sib is not None:
            return sib
        node = node.getparent()
    return None


def _remove_and_next(node: HtmlElement) -> HtmlElement | None:
    nxt = _next_node(node, skip_children=True)
    drop(node)
    return nxt


def _is_phrasing(el: HtmlElement) -> bool:
    tag = el.tag
    if tag in PHRASING:
        return True
    if tag in ("a", "del", "ins"):
        return all(_is_phrasing(c) for c in el if _is_element(c))
    return False


def _has_ancestor(
    el: HtmlElement, tag: str, max_depth: int = 3, pred: Callable[[HtmlElement], bool] | None = None
) -> bool:
    depth = 0
    node = el.getparent()
    while node is not None:
        if max_depth > 0 and depth > max_depth:
            return False
        if node.tag == tag and (pred is None or pred(node)):
            return True
        node = node.getparent()
        depth += 1
    return False


def _ancestors(el: HtmlElement, max_depth: int = 0) -> list[HtmlElement]:
    out = []
    node = el.getparent()
    while node is not None:
        out.append(node)
        if max_depth and len(out) == max_depth:
            break
        node = node.getparent()
    return out


def _is_visible(el: HtmlElement) -> bool:
    style = el.get("style")
    if style:
        s = style.replace(" ", "").lower()
        if "display:none" in s or "visibility:hidden" in s:
            return False
    if el.get("hidden") is not None:
        return False
    return not (el.get("aria-hidden") == "true" and "fallback-image" not in (el.get("class") or ""))


def _has_only_whitespace_text(el: HtmlElement) -> bool:
    if el.text and el.text.strip():
        return False
    return all(not (c.tail and c.tail.strip()) for c in el)


def _without_content(el: HtmlElement) -> bool:
    if inner_text(el, False):
        return False
    children = [c for c in el if _is_element(c)]
    return not children or all(c.tag in ("br", "hr") for c in children)


def _subtree(node: HtmlElement, *tags: str) -> list[HtmlElement]:
    """``list(node.iter(*tags))``, without starting lxml iterators for a node with no
    children (the conditional cleaning asks this eight times of each candidate, and a page
    of 300,000 empty forms made that most of a 25-second parse)."""
    if len(node) == 0:
        return [node] if node.tag in tags else []
    return list(node.iter(*tags))


# An item that starts with an amount: "200 g oats", "½ tsp salt", "2-3 cloves", "一勺盐".
_QUANTITY = re.compile(
    r"^\W{0,2}(\d|[½⅓⅔¼¾⅕⅛]|[一二三四五六七八九十半两]\s*[个勺克杯片根只斤两条块])"
)


def _holds_article_list(node: HtmlElement, text_len: int) -> bool:
    """Whether *node* (a list, or a block of lists) holds a list that is part of the
    article: ingredients ("200 g oats"), steps or points written as sentences.

    Why: the conditional cleaning drops short-item lists as link-dense or image-heavy
    (ingredient names linked to a shop or glossary, a photo per step), which cut recipes
    down to their introduction. A list of teasers, menus or tags is different: its items
    are links through and through. So a list counts when at least three items, and most
    of them, are amounts or sentences whose text is not one link, and (for a block) those
    items hold a good share of the block's text.
    """
    items = _subtree(node, "li")
    if len(items) < 3:
        return False
    content_len = 0
    content_items = 0
    for li in items:
        text = inner_text(li)
        if not text:
            continue
        linked = sum(len(inner_text(a)) for a in li.iter("a"))
        if linked >= 0.8 * len(text):
            continue
        if _QUANTITY.match(text) or (len(text) >= 25 and SENTENCE_END.search(text)):
            content_items += 1
            content_len += len(text)
    return (
        content_items >= 3 and content_items >= 0.6 * len(items) and content_len >= 0.4 * text_len
    )


def _has_child_block(el: HtmlElement) -> bool:
    return any(d.tag in DIV_TO_P_ELEMS for d in el.iterdescendants() if isinstance(d.tag, str))


class _Grabber:
    """One extraction attempt's state (scores live here, not on the elements)."""

    def __init__(self, flags: int, title: str | None) -> None:
        self.flags = flags
        self.title = title
        self.scores: dict[HtmlElement, float] = {}
        self.byline: str | None = None
        self.data_tables: set[HtmlElement] = set()
        self.regions: dict[HtmlElement, bool] = {}
        self.body_len: int | None = None
        self.top_in_region = False
        self.headline_holders: set[HtmlElement] = set()
        self.teaser_lists: set[HtmlElement] = set()
        # Per candidate: characters of scored text below it, and how many of them lie in
        # boilerplate regions.
        self.scored_text: dict[HtmlElement, list[int]] = {}

    # --- boilerplate regions ------------------------------------------------------------
    def _own_region(self, el: HtmlElement, body: HtmlElement) -> bool:
        """Whether *el* itself is a block around the article rather than in it."""
        tag = el.tag
        if tag in ("footer", "aside") or el.get("role") in BOILER_ROLES:
            return True
        if tag == "form":
            # A sign-up or comment form, unless it wraps the page (ASP.NET pages do).
            if self.body_len is None:
                self.body_len = len(inner_text(body))
            return len(inner_text(el)) < 0.5 * self.body_len
        match = class_id(el)
        if tag != "article" and match != " " and _boiler_words(match):
            # Never a block holding the headline or an article: that is the page itself
            # wearing a class such as "page-with-comments".
            return el not in self.headline_holders and next(el.iter("h1", "article"), None) is None

        if _is_teaser_list(el):
            self.teaser_lists.add(el)
            return True
        return False

    def in_region(self, el: HtmlElement, body: HtmlElement) -> bool:
        """Whether *el* lies in a boilerplate region below *body* (memoised per attempt:
        the candidates share most of their ancestors)."""
        chain: list[HtmlElement] = []
        node: HtmlElement | None = el
        result = False
        while node is not None and node is not body and node.tag not in ("body", "html"):
            known = self.regions.get(node)
            if known is not None:
                result = known
                break
            chain.append(node)
            if self._own_region(node, body):
                result = True
                break
            node = node.getparent()
        for n in chain:
            self.regions[n] = result
        return result

    def mostly_region(self, el: HtmlElement) -> bool:
        """Whether most of the scored text below *el* lies in boilerplate regions: a
        wrapper around a teaser rail, whose class ("secondaryContent") would otherwise
        earn it a place beside the article."""
        counts = self.scored_text.get(el)
        return counts is not None and counts[1] > 0.5 * counts[0]

    def drop_regions(self, top: HtmlElement, best: HtmlElement) -> None:
        """Remove from *top* the boilerplate regions met while scoring (a profile box, a
        comment thread, a sign-up form): climbing from the best candidate to an ancestor
        that scores higher (Readability's rule) would otherwise bring them back in. A region
        holding *best* stays (then the page has nothing better), and so do lists of teasers
        inside *best*, which won with them (a section front's lists of stories)."""
        keep = set(_ancestors(best))
        keep.add(best)
        for node, is_region in list(self.regions.items()):
            if not is_region or node in keep or node is top:
                continue
            parent = node.getparent()
            if parent is None or self.regions.get(parent):
                continue  # inside a region: its outermost one is the one to drop
            ancestors = _ancestors(node)
            if top in ancestors and (best not in ancestors or node not in self.teaser_lists):
                drop(node)

    # --- weights ------------------------------------------------------------------------
    def class_weight(self, el: HtmlElement) -> int:
        if not self.flags & WEIGHT_CLASSES:
            return 0
        weight = 0
        for value in (attr(el, "class"), attr(el, "id")):
            if value:
                weight += _weight_of(value)
        return weight

    def init_node(self, el: HtmlElement) -> None:
        tag = el.tag
        score = 0.0
        if tag == "div":
            score += 5
        elif tag in ("pre", "td", "blockquote"):
            score += 3
        elif tag in ("address", "ol", "ul", "dl", "dd", "dt", "li", "form"):
            score -= 3
        elif tag in HEADINGS or tag == "th":
            score -= 5
        self.scores[el] = score + self.class_weight(el)

    @staticmethod
    def link_density(el: HtmlElement, text_len: int | None = None) -> float:
        if text_len is None:
            text_len = len(inner_text(el))
        if not text_len:
            return 0.0
        link_len = 0.0
        for a in el.iter("a"):
            href = a.get("href") or ""
            coeff = 0.3 if len(href) > 1 and href.startswith("#") else 1.0
            link_len += len(inner_text(a)) * coeff
        return link_len / text_len

    # --- the main pass ------------------------------------------------------------------
    def grab(self, root: HtmlElement) -> HtmlElement | None:
        body = root.find("body")
        if body is None:
            body = root
        strip_unlikely = bool(self.flags & STRIP_UNLIKELYS)
        to_score: list[HtmlElement] = []
        remove_title_header = bool(self.title)
        node: HtmlElement | None = root
        while node is not None:
            tag = node.tag
            if not _is_visible(node):
                node = _remove_and_next(node)
                continue
            if node.get("aria-modal") == "true" and node.get("role") == "dialog":
                node = _remove_and_next(node)
                continue
            match = class_id(node)
            has_match = match != " "
            if (
                self.byline is None
                and (has_match or node.get("rel") or node.get("itemprop"))
                and self._check_byline(node, match)
            ):
                node = _remove_and_next(node)
                continue
            if (
                remove_title_header
                and tag in ("h1", "h2")
                and self.title
                and text_similarity(self.title, inner_text(node, False)) > 0.75
            ):
                remove_title_header = False
                self.headline_holders.update(_ancestors(node))
                node = _remove_and_next(node)
                continue
            if strip_unlikely and tag not in ("body", "a", "html"):
                if (
                    has_match
                    and _unlikely(match)
                    and not _has_ancestor(node, "table")
                    and not _has_ancestor(node, "code")
                ):
                    node = _remove_and_next(node)
                    continue
                if node.get("role") in UNLIKELY_ROLES:
                    node = _remove_and_next(node)
                    continue
            if tag in EMPTY_REMOVABLE and _without_content(node):
                node = _remove_and_next(node)
                continue
            if tag in TAGS_TO_SCORE:
                to_score.append(node)
            if tag == "div":
                _wrap_phrasing_runs(node)
                children = [c for c in node if _is_element(c)]
                if (
                    len(children) == 1
                    and children[0].tag == "p"
                    and _has_only_whitespace_text(node)
                    and self.link_density(node) < 0.25
                ):
                    child = children[0]
                    child.tail = node.tail
                    node.getparent().replace(node, child)
                    node = child
                    to_score.append(node)
                elif not _has_child_block(node):
                    node.tag = "p"
                    to_score.append(node)
            node = _next_node(node)

        candidates: list[HtmlElement] = []
        for el in to_score:
            parent = el.getparent()
            if parent is None:
                continue
            text = inner_text(el)
            if len(text) < 25:
                continue
            ancestors = _ancestors(el, 5)
            score: float = 2 + comma_count(text) + min(len(text) // 100, 3)
            in_region = self.in_region(el, body)
            if in_region:
                # Text of a comment thread or a sign-up box must not lift the ancestor it
                # shares with a short article above that article.
                score *= REGION_FACTOR
            for level, anc in enumerate(ancestors):
                if anc.getparent() is None:
                    continue
                if anc not in self.scores:
                    self.init_node(anc)
                    candidates.append(anc)
                    self.scored_text[anc] = [0, 0]
                counts = self.scored_text[anc]
                counts[0] += len(text)
                if in_region:
                    counts[1] += len(text)
                divider = 1 if level == 0 else 2 if level == 1 else level * 3
                self.scores[anc] += score / divider

        for cand in candidates:
            self.scores[cand] *= 1 - self.link_density(cand)
            if self.in_region(cand, body):
                self.scores[cand] *= REGION_FACTOR
        top = sorted(candidates, key=lambda c: -self.scores[c])[:TOP_CANDIDATES]

        article = body.makeelement("div", {})
        if not top or top[0].tag == "body":
            top_candidate = body.makeelement("div", {})
            top_candidate.text = body.text
            body.text = None
            for child in list(body):
                top_candidate.append(child)
            body.append(top_candidate)
            self.init_node(top_candidate)
        else:
            top_candidate = top[0]
            top_score = self.scores[top_candidate]
            alternatives = [
                set(_ancestors(c))
                for c in top[1:]
                if top_score and self.scores[c] / top_score >= 0.75
            ]
            if len(alternatives) >= 3:
                parent = top_candidate.getparent()
                while parent is not None and parent.tag != "body":
                    if sum(parent in anc for anc in alternatives) >= 3:
                        top_candidate = parent
                        break
                    parent = parent.getparent()
            if top_candidate not in self.scores:
                self.init_node(top_candidate)
            parent = top_candidate.getparent()
            last_score = self.scores[top_candidate]
            threshold = last_score / 3
            while parent is not None and parent.tag != "body":
                if parent not in self.scores:
                    parent = parent.getparent()
                    continue
                parent_score = self.scores[parent]
                if parent_score < threshold:
                    break
                if parent_score > last_score:
                    top_candidate = parent
                    break
                last_score = parent_score
                parent = parent.getparent()
            parent = top_candidate.getparent()
            while (
                parent is not None
                and parent.tag not in ("body", "html")
                and sum(1 for c in parent if _is_element(c)) == 1
            ):
                top_candidate = parent
                parent = top_candidate.getparent()
            if top_candidate not in self.scores:
                self.init_node(top_candidate)

        if top:
            self.drop_regions(top_candidate, top[0])
        self.top_in_region = self.in_region(top_candidate, body)
        top_score = self.scores[top_candidate]
        sibling_threshold = max(10.0, top_score * 0.2)
        parent = top_candidate.getparent()
        siblings = [c for c in parent if _is_element(c)] if parent is not None else [top_candidate]
        top_class = top_candidate.get("class") or ""
        for sib in siblings:
            append = False
            if sib is top_candidate:
                append = True
            elif self.in_region(sib, body) or self.mostly_region(sib):
                append = False  # a comment box, bio or teaser rail beside the article
            else:
                bonus = top_score * 0.2 if top_class and sib.get("class") == top_class else 0.0
                if sib in self.scores and self.scores[sib] + bonus >= sibling_threshold:
                    append = True
                elif sib.tag == "p":
                    text = inner_text(sib)
                    density = self.link_density(sib, len(text))
                    long_text = len(text) > 80 and density < 0.25
                    short_sentence = (
                        0 < len(text) < 80 and density == 0 and bool(SENTENCE_END.search(text))
                    )
                    append = long_text or short_sentence
            if append:
                if sib.tag not in ALTER_TO_DIV_EXCEPTIONS:
                    sib.tag = "div"
                sib.tail = None
                article.append(sib)
        self.prep_article(article)
        return article

    def _check_byline(self, node: HtmlElement, match: str) -> bool:
        rel = node.get("rel")
        itemprop = node.get("itemprop") or ""
        if rel == "author" or "author" in itemprop or _byline_like(match):
            text = inner_text(node, False)
            if 0 < len(text) < 100:
                name = node.find('.//*[@itemprop="name"]')
                if name is not None and inner_text(name):
                    text = inner_text(name)
                self.byline = text
                return True
        return False

    # --- cleaning -----------------------------------------------------------------------
    def _is_data_table(self, table: HtmlElement) -> bool:
        return table in self.data_tables

    def mark_data_tables(self, root: HtmlElement) -> None:
        # Tables holding a col/colgroup/tfoot/thead/th, nested ones included, found in one
        # pass upwards from those elements (a scan of each table's subtree was depth x size
        # for nested tables).
        with_header: set[HtmlElement] = set()
        for el in root.iter("col", "colgroup", "tfoot", "thead", "th"):
            node = el.getparent()
            while node is not None:
                if node.tag == "table":
                    if node in with_header:
                        break  # and so are all the tables above it
                    with_header.add(node)
                node = node.getparent()
        for table in root.iter("table"):
            if table.get("role") == "presentation" or table.get("datatable") == "0":
                continue
            if table.get("summary") or table.find("caption") is not None:
                self.data_tables.add(table)
                continue
            if table in with_header:
                self.data_tables.add(table)
                continue
            if any(True for _ in table.iterdescendants("table")):
                continue
            rows = list(table.iter("tr"))
            cols = max(
                (
                    sum(
                        int(c.get("colspan") or 1) if (c.get("colspan") or "1").isdigit() else 1
                        for c in r
                        if c.tag in ("td", "th")
                    )
                    for r in rows
                ),
                default=0,
            )
            if len(rows) >= 10 or cols > 4 or len(rows) * cols > 10:
                self.data_tables.add(table)

    def drop_link_tables(self) -> None:
        """Unmark the "data tables" made almost only of links: a wiki's navigation box
        (rows of a group name and links to other pages) has headers and many rows like a
        table of data, but it is a menu, and conditional cleaning should judge it as one."""
        self.data_tables = {
            t for t in self.data_tables if self.link_density(t) <= LINK_TABLE_DENSITY
        }

    def clean(self, root: HtmlElement, tag: str) -> None:
        is_embed = tag in ("object", "embed", "iframe")
        for el in list(root.iter(tag)):
            if is_embed:
                attrs = " ".join(el.attrib.values())
                if VIDEOS.search(attrs) or (
                    tag == "object" and VIDEOS.search(etree.tostring(el, encoding="unicode"))
                ):
                    continue
            drop(el)

    def should_remove(self, node: HtmlElement, tag: str) -> bool:
        text = inner_text(node)
        text_len = len(text)
        is_list = tag in ("ul", "ol")
        if not is_list and text_len:
            list_len = sum(len(inner_text(li)) for li in _subtree(node, "li"))
            is_list = list_len / text_len > 0.9
        if tag == "table" and self._is_data_table(node):
            return False
        if _has_ancestor(node, "table", -1, self._is_data_table):
            return False
        if _has_ancestor(node, "code"):
            return False
        tables = _subtree(node, "table")
        charge(len(tables))
        if any(t in self.data_tables for t in tables):
            return False
        weight = self.class_weight(node)
        if weight < 0:
            return True
        if comma_count(text) >= 10:
            return False
        p = len(_subtree(node, "p"))
        img = len(_subtree(node, "img"))
        li = len(_subtree(node, "li")) - 100
        inputs = len(_subtree(node, "input"))
        charge(p + img + li + 100 + inputs)
        heading_len = sum(len(inner_text(h)) for h in _subtree(node, *HEADINGS))
        heading_density = heading_len / text_len if text_len else 0.0
        embeds = 0
        for e in _subtree(node, "object", "embed", "iframe"):
            if VIDEOS.search(" ".join(e.attrib.values())):
                return False
            embeds += 1
        if AD_WORDS.match(text) or LOADING_WORDS.match(text):
            return True
        density = self.link_density(node, text_len)
        in_figure = _has_ancestor(node, "figure")
        remove = (
            (img > 1 and p / img < 0.5 and not in_figure)
            or (not is_list and li > p)
            or inputs > p // 3
            or (
                not is_list
                and heading_density < 0.9
                and text_len < 25
                and (img == 0 or img > 2)
                and not in_figure
            )
            or (not is_list and weight < 25 and density > 0.2)
            or (weight >= 25 and density > 0.5)
            or (embeds == 1 and text_len < 75)
            or embeds > 1
        )
        if remove and tag in ("ul", "ol", "div") and _holds_article_list(node, text_len):
            return False  # a recipe's ingredients or steps, not a link list (helper B)
        if is_list and remove:
            for child in node:
                if _is_element(child) and sum(1 for c in child if _is_element(c)) > 1:
                    return remove
            if img == len(_subtree(node, "li")):
                return False
        return remove

    def clean_conditionally(self, root: HtmlElement, tag: str) -> None:
        if not self.flags & CLEAN_CONDITIONALLY:
            return
        for el in reversed(list(root.iter(tag))):
            if el is root:
                continue
            if self.should_remove(el, tag):
                drop(el)

    def prep_article(self, article: HtmlElement) -> None:
        self.mark_data_tables(article)
        self.drop_link_tables()
        self.clean_conditionally(article, "form")
        self.clean_conditionally(article, "fieldset")
        for tag in ("object", "embed", "footer", "link", "aside"):
            self.clean(article, tag)
        for child in list(article):
            for el in list(child.iterdescendants()):
                if (
                    isinstance(el.tag, str)
                    and SHARE.search(class_id(el))
                    and len(inner_text(el, False)) < CHAR_THRESHOLD
                ):
                    drop(el)
        for tag in ("iframe", "input", "textarea", "select", "button"):
            self.clean(article, tag)
        for h in list(article.iter("h1", "h2")):
            if self.class_weight(h) < 0:
                drop(h)
        self.clean_conditionally(article, "table")
        self.clean_conditionally(article, "ul")
        self.clean_conditionally(article, "div")
        for p in list(article.iter("p")):
            text = inner_text(p)
            if (
                text
                and len(text) < 60
                and p.getparent() is not None
                and self.link_density(p, len(text)) > 0.99
                and all((a.get("href") or "").startswith("javascript:") for a in p.iter("a"))
            ):
                drop(p)
                continue
            if not text and next(p.iter("img", "embed", "object", "iframe"), None) is None:
                drop(p)


def _wrap_phrasing_runs(div: HtmlElement) -> None:
    """Put each run of inline content directly inside *div* into its own <p>."""
    has_text = bool(div.text and div.text.strip())
    kids = list(div)
    if not has_text and not any(
        (_is_element(c) and c.tag != "br" and _is_phrasing(c)) or (c.tail and c.tail.strip())
        for c in kids
    ):
        return
    if (
        not has_text
        and all(not _is_element(c) or _is_phrasing(c) for c in kids)
        and not any(c.tail and c.tail.strip() for c in kids if _is_element(c) and c.tag == "br")
    ):
        # Everything inline already: the caller turns the div itself into a <p>.
        return
    current: HtmlElement | None = None
    if has_text:
        current = div.makeelement("p", {})
        current.text = div.text
        div.text = None
        div.insert(0, current)
    for child in kids:
        if _is_element(child) and _is_phrasing(child):
            if current is None:
                if child.tag == "br":
                    if child.tail and child.tail.strip():
                        current = div.makeelement("p", {})
                        current.text = child.tail
                        child.tail = None
                        child.addnext(current)
                    continue
                current = div.makeelement("p", {})
                child.addprevious(current)
            current.append(child)
        else:
            current = None
            if child.tail and child.tail.strip():
                current = div.makeelement("p", {})
                current.text = child.tail
                child.tail = None
                child.addnext(current)


def prepare_document(root: HtmlElement) -> None:
    """Readability's document prep: drop scripts/styles, turn <br><br> runs into <p>."""
    for el in list(
        root.iter(
            "script",
            "style",
            "noscript",
            "template",
            "link",
            "meta",
            "nav",
            "svg",
            "canvas",
            "iframe",
            etree.Comment,
            etree.ProcessingInstruction,
        )
    ):
        drop(el)
    for el in list(root.iter("span", "div", "aside", "section")):
        cls = attr(el, "class")
        if cls and HOVER_CARD.search(cls) and el.getparent() is not None:
            drop(el)
    for el in root.iter("font"):
        el.tag = "span"
    for br in list(root.iter("br")):
        parent = br.getparent()
        if parent is None:
            continue
        replaced = False
        nxt = br.getnext()
        while not (br.tail and br.tail.strip()) and nxt is not None and nxt.tag == "br":
            replaced = True
            br.tail = nxt.tail
            parent.remove(nxt)
            nxt = br.getnext()
        if not replaced:
            continue
        p = br.makeelement("p", {})
        p.text = br.tail
        br.tail = None
        br.addprevious(p)
        parent.remove(br)
        nxt = p.getnext()
        while nxt is not None:
            if nxt.tag == "br" and not (nxt.tail and nxt.tail.strip()):
                after = nxt.getnext()
                if after is not None and after.tag == "br":
                    break
            if not _is_element(nxt) or not _is_phrasing(nxt):
                break
            following = nxt.getnext()
            p.append(nxt)
            nxt = following
        if parent.tag == "p":
            parent.tag = "div"


_CONTAIN_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+"
)
CONTAINS_SHARE = 0.6
"""Share of the strict attempt's tokens a looser attempt must hold to count as the same
article, extended."""
NEARLY_EMPTY = 140
"""Characters below which the strict attempt found no article worth keeping."""


def _contains(text: str, part: str) -> bool:
    """Whether *text* holds at least ``CONTAINS_SHARE`` of *part*'s tokens (CJK per
    character)."""
    want = Counter(_CONTAIN_TOKEN.findall(part.lower()))
    total = sum(want.values())
    if not total:
        return True
    have = Counter(_CONTAIN_TOKEN.findall(text.lower()))
    return sum((want & have).values()) >= CONTAINS_SHARE * total


TITLE_MATCH = 0.75


def _headline_matches(title: str, heading: str) -> bool:
    """The heading is the page's headline: most of its words are in the title and most of
    the title's words are in it (a suffix such as " - Site" aside)."""
    return text_similarity(title, heading) >= TITLE_MATCH and text_similarity(heading, title) >= 0.5


def keep_title_article(root: HtmlElement, title: str | None) -> None:
    """On a page holding several ``<article>`` elements (endless scroll, a story with the
    next ones loaded below it), drop the others when exactly one of them is headed by the
    page title (og:title / ``<title>`` / JSON-LD headline): the longest is not the one the
    page is about."""
    if not title:
        return
    articles = [a for a in root.iter("article") if not _has_ancestor(a, "article", 0)]
    if len(articles) < 2:
        return
    matching = []
    for art in articles:
        headings = list(art.iter("h1", "h2"))[:3]
        if any(_headline_matches(title, inner_text(h)) for h in headings):
            matching.append(art)
    if len(matching) != 1 or len(inner_text(matching[0])) < NEARLY_EMPTY:
        return
    for art in articles:
        if art is not matching[0]:
            drop(art)


def grab_article(root: HtmlElement, title: str | None) -> tuple[HtmlElement | None, str | None]:
    """Return (content element, byline found in the page) for an already prepared *root*.

    Tries with all heuristics first and loosens them (like Readability) while the result is
    shorter than ``CHAR_THRESHOLD`` characters; falls back to the longest attempt.

    A looser attempt exists to win back article text the strict heuristics removed, so it
    counts only when it holds most of the strict attempt's text, or when the strict attempt
    found next to nothing; and never when its block lies in a boilerplate region. Without
    that, a short article lost to its own comment thread, the author's profile box or the
    sidebar, whichever was longest once the class heuristics were off.
    """
    keep_title_article(root, title)
    attempts: list[tuple[int, HtmlElement, str | None]] = []
    strict_text: str | None = None
    flags = STRIP_UNLIKELYS | WEIGHT_CLASSES | CLEAN_CONDITIONALLY
    for drop_flag in (STRIP_UNLIKELYS, WEIGHT_CLASSES, CLEAN_CONDITIONALLY, 0):
        work = copy.deepcopy(root)
        grabber = _Grabber(flags, title)
        article = grabber.grab(work)
        flags &= ~drop_flag
        if article is None:
            break
        text = inner_text(article)
        if strict_text is None:
            strict_text = text
        elif grabber.top_in_region or not (
            len(strict_text) < NEARLY_EMPTY or _contains(text, strict_text)
        ):
            continue
        if len(text) >= CHAR_THRESHOLD:
            return article, grabber.byline
        attempts.append((len(text), article, grabber.byline))
    if not attempts:
        return None, None
    length, article, byline = max(attempts, key=lambda a: a[0])
    return (article if length else None), byline
