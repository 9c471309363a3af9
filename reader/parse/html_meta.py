"""Page metadata for saved HTML articles: title, date, site, canonical URL, byline, language.

Why separate from content extraction: metadata comes from many competing sources (JSON-LD,
OpenGraph, Dublin Core, <title>, headings, <time>, the URL) and each needs its own tie-break
rules; keeping them here lets ``html_content`` stay a pure tree algorithm and lets the
bench's title/date scores be tuned without touching body extraction. Reads the tree only,
never mutates it.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.dates import iter_dates, parse_date
from reader.parse.html_content import HtmlElement, inner_text, text_similarity
from reader.urls import join_url, split_url

_ARTICLE_TYPES = re.compile(
    r"^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|"
    r"BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|"
    r"SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|"
    r"LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|WebPage|"
    r"VideoObject|Recipe)$"
)
# No leading or trailing "\s*" (Readability.js has them): searched, a leading "\s*" is
# retried at every space of a long run (quadratic), and the key drops whitespace anyway.
_PROPERTY = re.compile(
    r"(article|dc|dcterm|og|twitter)\s*:\s*"
    r"(author|creator|description|published_time|title|site_name)",
    re.I,
)
_NAME = re.compile(
    r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-.:]\s*)?"
    r"(author|creator|pub-date|description|title|site_name)\s*$",
    re.I,
)
# Readability.js's separators, en and em dashes included (as upstream has them since 2023).
_TITLE_SEP = re.compile(r" [|\-–—\\/>»] ")
_TITLE_HIER = re.compile(r" [\\/>»] ")
_SPACES = re.compile(r"\s+")

_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)"
)

_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "parsely-pub-date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "datepublished",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "sailthru.date",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "og:published_time",
    "article:published",
    "pubdate_time",
    "publication_date",
    "date_published",
    "article.created",
    "displaydate",
    "dc:date",
    "dcterm:date",
)


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def normalize_date(value: str | None) -> str | None:
    """A machine-written date value (``<meta content>``, JSON-LD, ``datetime``, a URL's
    digits) as ``YYYY-MM-DD``, or None. It is ``reader.dates.parse_date`` with compact
    ``20230515`` allowed, as such values use it: one parser for every path, so the text
    format and HTML agree on what a date is."""
    return parse_date(value, allow_compact=True)


@dataclass
class PageMeta:
    title: str | None = None
    date: str | None = None
    site: str | None = None
    source_url: str | None = None
    byline: str | None = None
    language: str | None = None
    base_url: str | None = None
    values: dict[str, str] = field(default_factory=dict)


def _meta_values(root: HtmlElement) -> tuple[dict[str, str], dict[str, str]]:
    """(Readability-style title/byline values, every meta name/property -> first content)."""
    rvalues: dict[str, str] = {}
    allvalues: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        content = content.strip()
        prop = meta.get("property")
        name = meta.get("name")
        itemprop = meta.get("itemprop")
        for key in (prop, name, itemprop):
            if key:
                allvalues.setdefault(key.strip().lower(), content)
        matched = False
        if prop:
            m = _PROPERTY.search(prop)
            if m:
                matched = True
                rvalues[re.sub(r"\s", "", m.group(0).lower())] = content
        if not matched and name and _NAME.match(name):
            rvalues[re.sub(r"\s", "", name.lower()).replace(".", ":")] = content
    return rvalues, allvalues


def _load_json(raw: str) -> Any:
    """The JSON value in *raw*, or None. Never raises: nesting deeper than the json module
    recurses (``[[[[...``) is RecursionError, not ValueError."""
    for text, strict in ((raw, True), (raw.replace("\n", " ").replace("\t", " "), False)):
        try:
            return json.loads(text, strict=strict)
        except (ValueError, RecursionError):
            continue
    return None


def _json_ld(root: HtmlElement) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*<!\[CDATA\[|\]\]>\s*$", "", raw)
        data = _load_json(raw)
        if data is None:
            continue
        stack = deque([data])  # breadth first; a list's pop(0) made long lists quadratic
        while stack:
            obj = stack.popleft()
            if isinstance(obj, list):
                stack.extend(obj)
            elif isinstance(obj, dict):
                items.append(obj)
                if "@graph" in obj:
                    stack.append(obj["@graph"])
                if isinstance(obj.get("mainEntity"), dict):
                    stack.append(obj["mainEntity"])
    return items


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, str)]
    return []


def _names(value: Any) -> list[str]:
    """Names in an author/publisher value: a string, ``{"name": ...}`` or (nested) lists of
    them. A loop, not recursion: JSON-LD nests lists as deep as the json module allows."""
    out: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, str):
                out.append(name)
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return out


def _date_value(value: Any) -> str:
    """A JSON-LD date as text (``{"@value": "2021-06-14"}`` too: the date is found in its
    text); "" for a value nested too deeply for ``str()``, which recurses."""
    if not value:
        return ""
    try:
        return str(value)
    except RecursionError:
        return ""


# Article types whose JSON-LD ``name`` is the headline (a VideoObject's or a WebPage's name
# is an id or the <title> with its suffix; a Person's is a person).
_TITLE_TYPES = re.compile(
    r"^(Article|NewsArticle|\w+NewsArticle|Report|SatiricalArticle|\w*ScholarlyArticle|"
    r"SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|"
    r"APIReference|Recipe|AdvertiserContentArticle)$"
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8}\d?);", re.I)
# Where a <title> is split into headline and site/section parts: spaced pipes, dashes,
# slashes and guillemets; "::", "--", "_" and "·" spaced or not; a bare hyphen or dash
# only next to CJK text ("标题-新华网"), never inside Latin words ("Spider-Man").
_SUFFIX_SEP = re.compile(
    r"\s*(?:\|\||::|--|_|·|\|)\s*|\s+[-–—/\\»>@]\s+|\s+»|"
    r"(?<=[\u3000-\u9fff\uff00-\uffef])\s*[-–—]\s*|\s*[-–—]\s*(?=[\u3000-\u9fff])"
)
_GENERIC_HOST_LABELS = frozenset(
    "www m en zh de fr es it pt ja ko ru cn com net org co gov edu info news blog blogs "
    "mobile amp web html htm php aspx".split()
)
# What a site or section suffix may start with once the headline has ended.
_SUFFIX_STARTS = "|-–—_:»·/(（【[@~"
_SECTION_MAX = 12
"""Most characters a section name in a <title> chain has ("文化", "Local", "科技")."""


def _unescape(text: str | None) -> str | None:
    """Entities left literal in a value (``&#039;``, ``&quot;``): JSON-LD is not HTML, so
    the parser leaves them; sites double-escape meta content too."""
    if text and _ENTITY.search(text):
        return html.unescape(text)
    return text


def _site_keys(
    meta: PageMeta, values: dict[str, str], article_ld: dict[str, Any] | None
) -> list[str]:
    """Squashed names the page's site goes by: og:site_name, publisher, application name,
    twitter handle, the author (a columnist's page), and the host's distinctive labels."""
    names = [
        meta.site or "",
        values.get("og:site_name", ""),
        values.get("application-name", ""),
        values.get("twitter:site", "").lstrip("@"),
        meta.byline or "",
    ]
    if article_ld:
        names.extend(_names(article_ld.get("publisher")))
    parts = split_url(meta.source_url) if meta.source_url else None
    if parts is not None:
        host = (parts.hostname or "").lower()
        names.extend(label for label in host.split(".") if label not in _GENERIC_HOST_LABELS)
    keys = {_squash(n) for n in names}
    return sorted((k for k in keys if len(k) >= 3), key=len, reverse=True)


def _names_site(segment: str, keys: list[str]) -> bool:
    seg = _squash(segment)
    if not seg:
        return True
    return any(key in seg or (len(seg) >= 3 and seg in key) for key in keys)


def _split_suffixes(title: str) -> tuple[list[str], list[tuple[str, int]]]:
    """(parts, separators as (text, start offset)) of a <title>; ``parts[0]`` is the
    presumed headline."""
    parts: list[str] = []
    seps: list[tuple[str, int]] = []
    pos = 0
    for m in _SUFFIX_SEP.finditer(title):
        if m.start() == 0 or m.end() == len(title):
            continue  # a leading or trailing separator is no split
        parts.append(title[pos : m.start()])
        seps.append((m.group(0).strip() or "-", m.start()))
        pos = m.end()
    parts.append(title[pos:])
    return parts, seps


def strip_site_suffix(title: str, keys: list[str]) -> str:
    """*title* without a trailing part that names the site, nor the short section parts
    before it (``标题--文化--人民网``, ``X » Local » Noticias » Site``)."""
    wrapped = re.match(r"^(.*?)\s*::\s*([^:]+?)\s*::\s*$", title)
    if wrapped and _names_site(wrapped.group(2), keys):
        title = wrapped.group(1)  # "标题 :: 痞客邦 PIXNET ::"
    parts, seps = _split_suffixes(title)
    if len(parts) < 2 or not _names_site(parts[-1], keys) or _squash(title) in keys:
        return title.strip()  # no suffix, or the whole title is the site's name
    sep, cut = seps.pop()
    parts.pop()
    # Section names chained to it by the same separator ("--文化--人民网", "» Local » News")
    # and the "_" hierarchy of Chinese portals ("_科技_腾讯网", "_澎湃新闻-The Paper"):
    # short parts, each shorter than the headline left. Another separator before a short
    # part ("Dress -- STOLEN!!! | TMZ") belongs to the headline.
    while (
        len(parts) > 1
        and seps[-1][0] in (sep, "_")
        and len(parts[-1].strip()) <= min(_SECTION_MAX, len(parts[0]))
    ):
        parts.pop()
        cut = seps.pop()[1]
    return title[:cut].strip() or title.strip()


def _rest_after(longer: str, prefix: str) -> str | None:
    """What follows *prefix* in *longer*, comparing letters and digits only (spacing,
    punctuation and case may differ); None when *longer* does not start with it."""
    want = _squash(prefix)
    if not want:
        return None
    i = 0
    for pos, ch in enumerate(longer):
        if i == len(want):
            return longer[pos:]
        if ch.casefold().isalnum():
            folded = ch.casefold()
            if not want.startswith(folded, i):
                return None
            i += len(folded)
    return "" if i == len(want) else None


def _refine_title(
    title: str | None,
    root: HtmlElement,
    values: dict[str, str],
    article_ld: dict[str, Any] | None,
    meta: PageMeta,
) -> str | None:
    """The headline without the site's name.

    * The visible ``<h1>`` wins when the chosen title starts with it and goes on with a
      separator: what follows is the site or section (``标题-新华网``, ``X -- Sott.net``).
    * A chosen title that is a cut-short prefix of an ``<h1>`` or of the ``<title>`` (a
      ``<meta content="...">`` ended at an unescaped inner ``"``: the longer text goes on
      with that quote) loses to the whole headline.
    * Otherwise a separator suffix naming the site is cut, with the section names chained
      to it (``_科技_腾讯网``, ``- Wikipedia``, ``:: 痞客邦 PIXNET ::``).
    """
    if not title:
        return title
    title_el = root.find(".//title")
    raw = _clean(inner_text(title_el, False)) if title_el is not None else ""
    keys = _site_keys(meta, values, article_ld)
    h1s: list[str] = []
    for count, h in enumerate(root.iter("h1")):
        if count >= 10:
            break
        text = _clean(inner_text(h, False))
        squashed = _squash(text)
        # A logo <h1> is the site's name (all of it, or part: "Harbour Post" of "The
        # Harbour Post Online"); a headline merely mentioning the site is still one.
        if 2 <= len(text) <= 300 and squashed and not any(squashed in key for key in keys):
            h1s.append(text)
    for h in h1s:
        rest = (_rest_after(title, h) or "").strip()
        if not rest:
            continue  # not a prefix, or the same words: the chosen title's spelling stays
        separated = _SUFFIX_SEP.match(rest) is not None or rest[0] in _SUFFIX_STARTS
        if separated and (len(_squash(rest)) < len(_squash(h)) or _names_site(rest, keys)):
            return h
    for longer in [*h1s, strip_site_suffix(raw, keys)]:
        rest = (_rest_after(longer, title) or "").strip()
        # Cut short: where the chosen title ends the longer one goes on with a quote mark
        # (the attribute's own quote, unescaped) and more words.
        if rest[:1] in ('"', "'") and _squash(rest):
            return longer
    # A title cut from the <title> (Readability's rule drops only the last part): the
    # <title> without its site and section parts, when that is shorter still.
    bare = strip_site_suffix(raw, keys)
    if bare != raw and _rest_after(title, bare):
        return bare
    return strip_site_suffix(title, keys)


def readability_doc_title(root: HtmlElement) -> str:
    """Readability.js's <title> heuristic: drop the site part around separators."""
    title_el = root.find(".//title")
    orig = _clean(inner_text(title_el, False)) if title_el is not None else ""
    cur = orig
    hierarchical = False

    def words(s: str) -> int:
        return len(s.split())

    if _TITLE_SEP.search(cur):
        hierarchical = bool(_TITLE_HIER.search(cur))
        cur = re.sub(r"(.*)[|\-–—\\/>»] .*", r"\1", orig)
        if words(cur) < 3:
            cur = re.sub(r"[^|\-–—\\/>»]*[|\-–—\\/>»](.*)", r"\1", orig)
    elif ": " in cur:
        headings = [inner_text(h, False) for h in root.iter("h1", "h2")]
        if cur.strip() not in headings:
            cur = orig[orig.rfind(":") + 1 :]
            if words(cur) < 3:
                cur = orig[orig.find(":") + 1 :]
            elif words(orig[: orig.find(":")]) > 5:
                cur = orig
    elif len(cur) > 150 or len(cur) < 15:
        h1s = list(root.iter("h1"))
        if len(h1s) == 1:
            cur = inner_text(h1s[0])
    cur = _clean(cur)
    n = words(cur)
    if n <= 4 and (not hierarchical or n != words(re.sub(r"[|\-–—\\/>»]+", "", orig)) - 1):
        cur = orig
    return cur


def extract_meta(root: HtmlElement, url: str | None) -> PageMeta:
    meta = PageMeta()
    rvalues, values = _meta_values(root)
    meta.values = values
    ld_items = _json_ld(root)
    article_ld = next(
        (
            o
            for o in ld_items
            if any(_ARTICLE_TYPES.match(t) for t in _types(o))
            and (o.get("headline") or o.get("datePublished"))
        ),
        None,
    )
    if article_ld is None:
        article_ld = next(
            (o for o in ld_items if any(_ARTICLE_TYPES.match(t) for t in _types(o))), None
        )

    # --- URLs ---------------------------------------------------------------------------
    canonical = None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    og_url = values.get("og:url")
    base = None
    base_el = root.find(".//base")
    if base_el is not None and base_el.get("href"):
        base = base_el.get("href", "").strip()
    anchor = url or og_url or base
    candidates = [canonical, og_url, url]
    for cand in candidates:
        if cand:
            absolute = join_url(anchor, cand)  # None when malformed ("http://[::1")
            if absolute is not None and absolute.startswith(("http://", "https://")):
                meta.source_url = absolute
                break
    meta.base_url = (join_url(url or meta.source_url, base) if base else None) or (
        url or meta.source_url
    )

    # --- title --------------------------------------------------------------------------
    doc_title = readability_doc_title(root)
    ld_title = None
    if article_ld:
        name, headline = article_ld.get("name"), article_ld.get("headline")
        if not any(_TITLE_TYPES.match(t) for t in _types(article_ld)):
            name = None  # a VideoObject's or WebPage's name is an id or the <title>
        if isinstance(name, str) and isinstance(headline, str) and name != headline:
            name_ok = text_similarity(name, doc_title) > 0.75
            head_ok = text_similarity(headline, doc_title) > 0.75
            ld_title = headline if head_ok and not name_ok else name
        elif isinstance(name, str):
            ld_title = name
        elif isinstance(headline, str):
            ld_title = headline
    title = (
        ld_title
        or rvalues.get("dc:title")
        or rvalues.get("dcterm:title")
        or rvalues.get("og:title")
        or rvalues.get("weibo:article:title")
        or rvalues.get("weibo:webpage:title")
        or rvalues.get("title")
        or rvalues.get("twitter:title")
        or rvalues.get("parsely-title")
        or doc_title
    )
    meta.title = _clean(_unescape(title)) or None

    # --- byline -------------------------------------------------------------------------
    byline = None
    if article_ld:
        names = [n.strip() for n in _names(article_ld.get("author")) if n.strip()]
        if names:
            byline = ", ".join(names)
    byline = (
        byline
        or rvalues.get("dc:creator")
        or rvalues.get("dcterm:creator")
        or rvalues.get("author")
        or rvalues.get("parsely-author")
    )
    if not byline:
        art_author = values.get("article:author")
        if art_author and not art_author.startswith("http"):
            byline = art_author
    meta.byline = _clean(byline) or None

    # --- site ---------------------------------------------------------------------------
    site = values.get("og:site_name")
    if not site and article_ld:
        publisher = _names(article_ld.get("publisher"))
        site = publisher[0] if publisher else None
    site = site or values.get("application-name") or values.get("twitter:site", "").lstrip("@")
    parts = split_url(meta.source_url) if meta.source_url else None
    if not site and parts is not None:
        host = parts.hostname or ""
        site = host[4:] if host.startswith("www.") else host
    meta.site = _clean(site) or None
    meta.title = _refine_title(meta.title, root, values, article_ld, meta) or None

    # --- date ---------------------------------------------------------------------------
    meta.date = _find_date(root, values, article_ld, ld_items, meta.source_url or url, meta.title)

    # --- language -----------------------------------------------------------------------
    lang = (
        root.get("lang")
        or root.get("xml:lang")
        or values.get("content-language")
        or values.get("og:locale")
        or values.get("language")
    )
    if not lang:
        for el in root.iter("meta"):
            if (el.get("http-equiv") or "").lower() == "content-language" and el.get("content"):
                lang = el.get("content")
                break
    meta.language = lang.strip() if lang else None
    return meta


# Regions whose dates are not the article's: comments, sidebars, teaser lists, footers.
_OFF_ARTICLE_TAGS = frozenset({"aside", "footer", "nav", "form"})
_OFF_ARTICLE = re.compile(
    r"comment|sidebar|side-bar|related|recommend|footer|widget|popular|trending|most-?read"
    r"|reply|replies|breadcrumb|(?:^|[\s_-])(?:nav|rank)|teaser|hot-?news",
    re.I,
)
# Text whose dates are never shown to a reader.
_NOT_SHOWN = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "option", "select", "textarea"}
)
# "发布时间：", "日期:", "Published", "Posted on", "Veröffentlicht", "Publié le"...
_PUBLISH_LABEL = re.compile(
    r"(?:发布|發布|发表|發表|出版)?(?:时间|時間|日期)\s*[:：]|published|posted|erschienen|"
    r"veröffentlicht|publié|publicado|pubblicato|gepubliceerd",
    re.I,
)
_WINDOW_AFTER = 600
"""Characters of visible text after the headline searched for its date: the byline block
of every layout seen fits, the first paragraphs of a long article rarely carry dates."""
_WINDOW_BEFORE = 200
"""Characters before the headline: a kicker line ("2019-09-07 | Politics") sits just above."""
_MAX_HEADLINE_CANDIDATES = 2000


_TITLE_CLASS = re.compile(r"title|headline|(?<![a-z])tit(?![a-z])", re.I)


def _ident(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _off_article(el: HtmlElement) -> bool:
    """True when *el* sits in a comment list, sidebar, footer or teaser list."""
    node: HtmlElement | None = el
    while node is not None:
        tag = node.tag
        if isinstance(tag, str):
            if tag in _OFF_ARTICLE_TAGS:
                return True
            ident = _ident(node)
            if ident.strip() and _OFF_ARTICLE.search(ident):
                return True
        node = node.getparent()
    return False


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _headline_element(root: HtmlElement, title: str | None) -> HtmlElement | None:
    """The element showing the article's headline: an ``<h1>`` (else a heading or a
    "title"-classed element) whose text is the page title or its start. An ``<h1>`` that
    does not match the title (a site logo) anchors nothing: a header's "today" date would
    follow it."""
    want = _squash(title or "")
    if len(want) < 2:
        return None

    def matches(el: HtmlElement) -> bool:
        text = _squash(inner_text(el, False)[:400])
        if len(text) < 2:
            return False
        return text == want or (len(text) >= 4 and (want.startswith(text) or text in want))

    for el in root.iter("h1"):
        if matches(el):
            return el
    candidates = root.iter("h2", "h3", "div", "p", "span", "td", "strong")
    for count, el in enumerate(candidates):
        if count > _MAX_HEADLINE_CANDIDATES:
            break
        titled = el.tag in ("h2", "h3") or _TITLE_CLASS.search(_ident(el))
        if titled and len(el) <= 3 and matches(el):
            return el
    return None


def _shown_texts(
    elements: Iterator[HtmlElement], budget: int
) -> Iterator[tuple[str, HtmlElement, bool]]:
    """(text, element, is_machine_value) in *elements*' order until *budget* characters
    of visible text were seen; a ``<time datetime>`` gives its machine value first."""
    for el in elements:
        if budget <= 0:
            return
        tag = el.tag
        if not isinstance(tag, str):
            if el.tail:
                budget -= len(el.tail.strip())
                yield el.tail, el, False
            continue
        if tag == "time" and el.get("datetime"):
            yield el.get("datetime") or "", el, True
        if tag not in _NOT_SHOWN and el.text:
            budget -= len(el.text.strip())
            yield el.text, el, False
        if el.tail:
            budget -= len(el.tail.strip())
            yield el.tail, el, False


def _following(el: HtmlElement) -> Iterator[HtmlElement]:
    """Elements after *el* in document order (not its own descendants)."""
    node: HtmlElement | None = el
    while node is not None:
        for sib in node.itersiblings():
            yield from sib.iter()
        node = node.getparent()


def _preceding(el: HtmlElement) -> Iterator[HtmlElement]:
    """Elements before *el*, nearest first (its ancestors' earlier siblings, reversed)."""
    node: HtmlElement | None = el
    while node is not None:
        for sib in node.itersiblings(preceding=True):
            yield from reversed(list(sib.iter()))
        node = node.getparent()


def _date_in(texts: Iterator[tuple[str, HtmlElement, bool]]) -> str | None:
    for text, el, machine in texts:
        if not text.strip():
            continue
        d = parse_date(text, allow_compact=machine)
        if d and not _off_article(el):
            return d
    return None


def _date_near_headline(root: HtmlElement, title: str | None) -> str | None:
    """A date shown next to the headline: in the byline block under it (a ``<time>``, a
    ``<span>2019-09-07 15:10:53</span>``, "发布时间：2019年9月7日") or in a line just above."""
    head = _headline_element(root, title)
    if head is None:
        return None
    after = _shown_texts(_following(head), _WINDOW_AFTER)
    if head.tail:
        d = parse_date(head.tail)
        if d:
            return d
    return _date_in(after) or _date_in(_shown_texts(_preceding(head), _WINDOW_BEFORE))


def _labelled_date(root: HtmlElement) -> str | None:
    """The first date that follows a publication label ("发布时间：", "Published") in the
    visible text, outside comments and sidebars."""
    body = root.find("body")
    for text, el, _ in _shown_texts((body if body is not None else root).iter(), 200_000):
        label = _PUBLISH_LABEL.search(text)
        if label is None:
            continue
        for start, _end, iso in iter_dates(text[label.end() :]):
            if start <= 20 and not _off_article(el):
                return iso
            break
    return None


def _find_date(
    root: HtmlElement,
    values: dict[str, str],
    article_ld: dict[str, Any] | None,
    ld_items: list[dict[str, Any]],
    url: str | None,
    title: str | None = None,
) -> str | None:
    """The publication date. Machine-readable sources first (JSON-LD, ``<meta>``,
    microdata, ``<time pubdate>``, the URL), then what the reader sees: a date beside the
    headline, any ``<time>`` outside comments and sidebars, a labelled "Published: ..."
    date; the modification date last."""
    if article_ld:
        d = normalize_date(_date_value(article_ld.get("datePublished")))
        if d:
            return d
    for key in _DATE_META:
        d = normalize_date(values.get(key))
        if d:
            return d
    for obj in ld_items:
        d = normalize_date(_date_value(obj.get("datePublished")))
        if d:
            return d
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("itemprop") == "datePublished":
            value = el.get("content") or el.get("datetime")
            d = normalize_date(value) if value else parse_date(inner_text(el))
            if d:
                return d
    for el in root.iter("time"):
        if el.get("pubdate") is not None or "publish" in (el.get("class") or "").lower():
            value = el.get("datetime")
            d = normalize_date(value) if value else parse_date(inner_text(el))
            if d:
                return d
    parts = split_url(url) if url else None
    if parts is not None:
        m = _URL_DATE.search(parts.path)
        if m:
            d = normalize_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
            if d:
                return d
    d = _date_near_headline(root, title)
    if d:
        return d
    for el in root.iter("time"):
        value = el.get("datetime")
        d = normalize_date(value) if value else parse_date(inner_text(el))
        if d and not _off_article(el):
            return d
    d = _labelled_date(root)
    if d:
        return d
    for key in (
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "lastmod",
        "last-modified",
        "dateModified",
    ):
        d = normalize_date(values.get(key))
        if d:
            return d
    return None
