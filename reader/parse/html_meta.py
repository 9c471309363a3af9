"""Page metadata for saved HTML articles: title, date, site, canonical URL, byline, language.

Why separate from content extraction: metadata comes from many competing sources (JSON-LD,
OpenGraph, Dublin Core, <title>, headings, <time>, the URL) and each needs its own tie-break
rules; keeping them here lets ``html_content`` stay a pure tree algorithm and lets the
bench's title/date scores be tuned without touching body extraction. Reads the tree only,
never mutates it.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any

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
_TITLE_SEP = re.compile(r" [|\-\\/>»] ")
_TITLE_HIER = re.compile(r" [\\/>»] ")
_SPACES = re.compile(r"\s+")

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_ISO_DATE = re.compile(r"((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_CJK_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NAMED_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?"
    r"\s+((?:19|20)\d\d)\b",
    re.I,
)
_NAMED_DATE_DMY = re.compile(
    r"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+"
    r"((?:19|20)\d\d)\b",
    re.I,
)
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
    """Any common date spelling -> ``YYYY-MM-DD``, or None when it is not a plausible date."""
    if not value:
        return None
    value = value.strip()
    m = _ISO_DATE.search(value) or _CJK_DATE.search(value)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _NAMED_DATE.search(value):
        y, mo, d = int(m.group(3)), _MONTHS[m.group(1).lower()[:3]], int(m.group(2))
    elif m := _NAMED_DATE_DMY.search(value):
        y, mo, d = int(m.group(3)), _MONTHS[m.group(2).lower()[:3]], int(m.group(1))
    elif m := _COMPACT_DATE.search(value):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


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
        cur = re.sub(r"(.*)[|\-\\/>»] .*", r"\1", orig)
        if words(cur) < 3:
            cur = re.sub(r"[^|\-\\/>»]*[|\-\\/>»](.*)", r"\1", orig)
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
    if n <= 4 and (not hierarchical or n != words(re.sub(r"[|\-\\/>»]+", "", orig)) - 1):
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
    meta.title = _clean(title) or None

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

    # --- date ---------------------------------------------------------------------------
    meta.date = _find_date(root, values, article_ld, ld_items, meta.source_url or url)

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


def _find_date(
    root: HtmlElement,
    values: dict[str, str],
    article_ld: dict[str, Any] | None,
    ld_items: list[dict[str, Any]],
    url: str | None,
) -> str | None:
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
            d = normalize_date(el.get("content") or el.get("datetime") or inner_text(el))
            if d:
                return d
    for el in root.iter("time"):
        if el.get("pubdate") is not None or "publish" in (el.get("class") or "").lower():
            d = normalize_date(el.get("datetime") or inner_text(el))
            if d:
                return d
    parts = split_url(url) if url else None
    if parts is not None:
        m = _URL_DATE.search(parts.path)
        if m:
            d = normalize_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
            if d:
                return d
    for el in root.iter("time"):
        d = normalize_date(el.get("datetime") or inner_text(el))
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
