"""Saved HTML page -> Article: main text as typed blocks, plus title, date, site, links.

Why: archives hold whole saved pages, but a reader wants the article, not the menus, ads,
share bars and comments around it. ``html_content`` picks the content element (Readability
-style scoring, on lxml for speed), ``html_meta`` reads the metadata, and this module turns
the content element into ``Block``s in reading order and collects the article's links.

Contract: never raises on malformed or truncated markup (lxml recovers); raises
``NotAnArticle`` only when a page has no article text at all. It never fetches anything.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree

from reader.article import Article, Block, BlockKind, Link
from reader.errors import NotAnArticle
from reader.parse.html_content import (
    HtmlElement,
    class_id,
    drop,
    grab_article,
    inner_text,
    prepare_document,
)
from reader.parse.html_meta import PageMeta, extract_meta

__all__ = ["parse_html"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b\u3000]+")
_NL_WS = re.compile(r"\s*\n\s*")

_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol",
     "dl", "dt", "dd", "li", "blockquote", "pre", "figure", "figcaption", "table", "thead",
     "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "form",
     "fieldset", "details", "summary", "center", "caption", "body", "html"}
)
_KIND_OF: dict[str, BlockKind] = {
    "h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h",
    "li": "li", "dt": "li", "dd": "li", "blockquote": "quote", "pre": "pre",
    "figcaption": "caption", "caption": "caption",
}
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "button", "select",
                        "textarea", "svg", "canvas", "iframe", "object", "embed", "input"})

_JUNK_LINK_TEXT = re.compile(
    r"^(share|tweet|email|e-mail|print|comments?|reply|facebook|twitter|linkedin|whatsapp|"
    r"pinterest|reddit|subscribe|sign (in|up)|log ?in|more|read more|click here|here|next|"
    r"previous|prev|top|back to top|分享|评论|打印|更多)$",
    re.I,
)
_JUNK_HOSTS = re.compile(
    r"(^|\.)(facebook\.com|twitter\.com|x\.com|linkedin\.com|pinterest\.com|reddit\.com|"
    r"whatsapp\.com|t\.me|telegram\.me|plus\.google\.com|addthis\.com|sharethis\.com|"
    r"service\.weibo\.com|connect\.qq\.com|getpocket\.com|tumblr\.com|mailto)$",
    re.I,
)
_JUNK_PATH = re.compile(r"/(share|sharer|intent/tweet|shareArticle|login|signin|subscribe)",
                        re.I)
_RELATED = re.compile(r"related|more-stories|read-?more|see-?also|further|recommend|相关|延伸",
                      re.I)
_NAV_LIKE = re.compile(r"nav|menu|footer|share|social|comment|breadcrumb|cookie|banner|sidebar"
                       r"|masthead|header|subscribe|newsletter|promo|advert|\bads?\b", re.I)


def _parse_tree(text: str) -> HtmlElement | None:
    if text[:100].lstrip()[:5].lower() == "<?xml":
        text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False,
                              default_doctype=False)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        # Control characters or an encoding declaration lxml refuses in a str: clean up and
        # parse the UTF-8 bytes instead.
        try:
            root = etree.fromstring(_CONTROL.sub("", text).encode("utf-8"), parser=etree.HTMLParser(
                remove_comments=True, remove_pis=True, encoding="utf-8"))
        except (etree.ParserError, ValueError):
            return None
    if root is None or not isinstance(root.tag, str):
        return None
    return root


def _language(meta: PageMeta, sample: str) -> str | None:
    lang = (meta.language or "").replace("_", "-").strip()
    low = lang.lower()
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    kana = sum(1 for ch in sample if "\u3040" <= ch <= "\u30ff")
    hangul = sum(1 for ch in sample if "\uac00" <= ch <= "\ud7af")
    if low.startswith("zh") or (not low and han > 20 and kana < han / 10):
        if any(t in low for t in ("hant", "-tw", "-hk", "-mo")):
            return "zh-Hant"
        if any(t in low for t in ("hans", "-cn", "-sg", "-my")):
            return "zh-Hans"
        return _zh_script(sample)
    if low:
        primary = low.split("-")[0]
        return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
    if kana > 10:
        return "ja"
    if hangul > 20:
        return "ko"
    words = re.findall(r"[a-z]+", sample.lower())
    if words and sum(w in _EN_WORDS for w in words) / len(words) > 0.08:
        return "en"
    return None


_EN_WORDS = frozenset({"the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on",
                       "with", "as", "by", "at", "from", "this", "be", "are", "have", "has",
                       "not", "but"})


def _zh_script(sample: str) -> str:
    """Simplified or Traditional, by how much OpenCC's t2s conversion changes the text."""
    han = [ch for ch in sample if "\u4e00" <= ch <= "\u9fff"][:400]
    if not han:
        return "zh-Hans"
    try:
        import opencc

        converted = opencc.OpenCC("t2s").convert("".join(han))
    except Exception:  # OpenCC missing or broken: Simplified is the common case
        return "zh-Hans"
    changed = sum(a != b for a, b in zip(han, converted, strict=False))
    return "zh-Hant" if changed / len(han) > 0.03 else "zh-Hans"


class _BlockWriter:
    """Flattens the content element into typed blocks in document order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.kind: BlockKind = "p"

    def flush(self) -> None:
        if not self.buf:
            return
        raw = "".join(self.buf)
        self.buf = []
        if self.kind == "pre":
            text = raw.strip("\n").rstrip()
        else:
            text = _NL_WS.sub("\n", _WS.sub(" ", raw)).strip()
        if text:
            self.blocks.append(Block(self.kind, text))

    def text(self, s: str | None) -> None:
        if s:
            self.buf.append(s if self.kind == "pre" else s.replace("\n", " "))

    def walk(self, el: HtmlElement, kind: BlockKind) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if tag in _SKIP_TAGS:
            return
        if tag == "br":
            self.buf.append("\n")
            return
        cls = el.get("class")
        if cls and _credit_class(cls) and len(inner_text(el)) < 200:
            # A photo credit ("Photo: X / Agency") inside or beside a caption: its own block
            # of kind "credit" (shown, not body text), never glued onto the caption.
            self.flush()
            saved = self.kind
            self.kind = "credit"
            self.text(el.text)
            for child in el:
                self.walk(child, "credit")
                self.kind = "credit"
                self.text(child.tail)
            self.flush()
            self.kind = saved
            return
        if tag == "a" and _is_toggle(el):
            return
        is_block = tag in _BLOCK_TAGS
        if is_block:
            self.flush()
            inner_kind = kind if kind in ("quote", "pre", "caption") else _KIND_OF.get(tag, kind)
            if tag in _KIND_OF and kind not in ("quote", "pre"):
                inner_kind = _KIND_OF[tag]
            self.kind = inner_kind
        else:
            inner_kind = kind
        if tag in ("td", "th"):
            self.buf.append(" ")
        self.text(el.text)
        for child in el:
            self.walk(child, inner_kind)
            if is_block:
                self.kind = inner_kind
            self.text(child.tail)
        if is_block:
            self.flush()
            self.kind = kind


def _link_ok(a: HtmlElement, base: str | None) -> Link | None:
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    url = urljoin(base, href) if base else href
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    if _JUNK_HOSTS.search(parts.hostname or "") or _JUNK_PATH.search(parts.path):
        return None
    title = inner_text(a)
    if not title:
        title = (a.get("title") or "").strip()
    if not title or _JUNK_LINK_TEXT.match(title):
        return None
    return Link(title=title, url=url)


_CREDIT_CLASS = re.compile(r"credit|copyright|(photo|image|img|picture)[-_]?(source|by)\b",
                           re.I)
_TOGGLE_TEXT = re.compile(r"^\W*((read|show|see|view) )?(more|less)\W*$", re.I)


@lru_cache(maxsize=4096)
def _credit_class(cls: str) -> bool:
    return bool(_CREDIT_CLASS.search(cls))


def _is_toggle(a: HtmlElement) -> bool:
    """A caption's "... more" / "less" expander: a script link, not text."""
    href = (a.get("href") or "").strip()
    if href and not href.startswith(("#", "javascript:")):
        return False
    return bool(_TOGGLE_TEXT.match(inner_text(a)))


@lru_cache(maxsize=8192)
def _nav_like(match: str) -> bool:
    return bool(_NAV_LIKE.search(match))


@lru_cache(maxsize=8192)
def _related_like(match: str) -> bool:
    return bool(_RELATED.search(match))


def _in_nav(el: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None:
        tag = node.tag
        if tag in ("nav", "footer", "header", "form", "button"):
            return True
        if node.get("role") in ("navigation", "banner", "contentinfo", "menu", "menubar"):
            return True
        if _nav_like(class_id(node)):
            return True
        node = node.getparent()
    return False


def _collect_links(content: HtmlElement, original: HtmlElement, base: str | None,
                   own_url: str | None) -> list[Link]:
    links: list[Link] = []
    seen: set[str] = set()
    if own_url:
        seen.add(own_url.split("#")[0])

    def add(a: HtmlElement) -> None:
        link = _link_ok(a, base)
        if link is not None and link.url.split("#")[0] not in seen:
            seen.add(link.url.split("#")[0])
            links.append(link)

    for a in content.iter("a"):
        add(a)
    # "Related" / "read more" lists beside the body: article links, not navigation.
    for el in _WITH_CLASS_OR_ID(original):
        if _related_like(class_id(el)) and not _in_nav(el.getparent() if el.getparent()
                                                       is not None else el):
            for a in el.iter("a"):
                add(a)
    return links


_WITH_CLASS_OR_ID = etree.XPath(
    "//*[self::section or self::div or self::ul or self::ol or self::aside][@class or @id]")


_NO_LETTERS = re.compile(r"^[\W\d_]*$")
_BOILERPLATE = re.compile(
    r"^(©|\(c\)|copyright\b|all rights reserved|tags?\b|topics?:|related (articles|stories)"
    r"|share this|advertisement$|广告$|版权所有|责任编辑)|all rights reserved|©\s*\d{4}",
    re.I,
)
_AGENCY = r"(getty( images)?|shutterstock|istock(photo)?|associated press|reuters|afp|ap|epa|alamy)"
# A whole block that is only a photo credit: "Photo: X, AP", "Image source, Getty Images",
# "(Image: © NASA)", "(AP Photo/X)", "X | Getty Images".
_CREDIT_LINE = re.compile(
    r"^[(\[]?\s*((photo|photograph|image|picture|pic|foto|bild)s?( credit| source)?|credits?"
    r"|source)\s*[:：,]|"
    r"^[(\[]?\s*(ap|afp|reuters|epa) (photo|images?)\b|"
    rf"^[(\[]?\s*[\w.'’ -]{{0,40}}[|/,]\s*{_AGENCY}[)\]]?\.?$|^{_AGENCY}[)\]]?$",
    re.I,
)
# A credit at the end of a caption: "...the plague. Credit: EPA", "... Colo. (AP Photo/X)",
# "[File: Reuters]", "(Image: GETTY)", "Photograph by X/AFP/Getty Images".
_CREDIT_TAIL = re.compile(
    r"\s*(\((ap |afp |reuters )?photo\b[^()]*\)|\((image|photo|picture)s?:[^()]*\)"
    r"|\[[^\[\]]{0,40}\b(reuters|ap|afp|getty|epa)\b[^\[\]]{0,20}\]"
    r"|(?<=[.\w)])(photo |image |picture )?credit\s*:[^.]{1,80}"
    r"|(?<=[.)])\s*photo(graph)? (by|courtesy( of)?)\b[^.]{1,80}"
    r"|(?<=[.)])\s*[\w.'’ -]{2,40}/\s*" + _AGENCY + r"( file)?)\.?\s*$",
    re.I,
)
# "Updated 5:27 am CST, Wednesday, November 20, 2019", "PUBLISHED: 10:48, Tue, Nov 19, 2019".
_DATELINE_WORDS = frozenset(re.findall(
    r"\w+", "updated published posted last modified on at am pm a p m est edt cst cdt pst pdt "
    "gmt bst "
    "utc et ct pt cet cest mon tue wed thu fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday jan feb mar apr may jun jul aug sep sept oct nov dec january february march "
    "april june july august september october november december of original and"))
_WORD = re.compile(r"[^\W\d_]+")
# Sign-ups, follow-us and contact lines, "read more" teasers: site furniture in the body.
_PROMO = re.compile(
    r"sign up (for|to) (our|the|\S+['’]s)\b|subscribe (to (our|\S+['’]s)|now|today|here)\b"
    r"|(our|free|daily|weekly|e-?mail) newsletters?\b|(delivered|straight|right) (to|in|into) your "
    r"inbox|follow (us|him|her|them) (on|at)\b|join (our|the) [\w ]{0,30}(forums?|community)"
    r"|click here|(may|can) be reached at|\b(e-?mail|write to|contact|reach) [\w .'’-]{1,40} at "
    r"\S+@|^citation:|retrieved .{0,40} from https?:|you may also like|more (articles|stories) "
    r"(from|by)|this slideshow requires javascript|^skip to (main )?content|^(don['’]t|do not) "
    r"miss\b|^(read|see) (more|also)\b|^related( articles| stories| links| content)?\s*:?$"
    r"|^(comments?|advert|advertisement|close|share|print|subscribe|text size|order reprints"
    r"|print article|report (an )?error|trending|more from [\w ]{1,20})$",
    re.I,
)


_VERSION_NUMBER = re.compile(r"\d\.\d")


def _is_dateline(text: str) -> bool:
    if len(text) > 120 or not any(ch.isdigit() for ch in text) or _VERSION_NUMBER.search(text):
        return False
    words = _WORD.findall(text.lower())
    return bool(words) and all(w in _DATELINE_WORDS for w in words)


def _split_credit(block: Block) -> list[Block]:
    """Drop-in blocks for *block*: credit-only text becomes a credit; a trailing credit on a
    caption or paragraph is split off into its own credit block."""
    text = block.text
    if block.kind == "pre" or len(text) > 1500:
        return [block]
    if len(text) < 150 and _CREDIT_LINE.search(text):
        return [Block("credit", text)]
    m = _CREDIT_TAIL.search(text)
    if m and m.start() > 0:
        head = text[: m.start()].rstrip()
        if head:
            return [Block(block.kind, head), Block("credit", m.group(0).strip())]
    return [block]


def _drop_junk_blocks(blocks: list[Block]) -> list[Block]:
    """Counters ("6"), credits, datelines, promos, repeats and copyright/tag lines that the
    element cleaner let through."""
    kept = [b for b in blocks if b.kind == "pre" or not _NO_LETTERS.match(b.text)]
    out: list[Block] = []
    seen: list[str] = []  # caption and list-item texts so far
    for block in kept:
        text = block.text
        if block.kind in ("p", "h", "li", "caption") and len(text) < 300 and (
                (len(text) < 200 and _BOILERPLATE.search(text)) or _is_dateline(text)
                or _PROMO.search(text)):
            continue
        if block.kind != "pre" and len(text) >= 60 and any(s.startswith(text) for s in seen):
            continue  # a gallery's second copy of a caption, or its truncated preview
        if block.kind == "caption" or (block.kind == "li" and len(text) >= 100):
            seen.append(text)
        out.extend(_split_credit(block) if block.kind != "credit" else [block])
    return out if any(b.kind != "credit" for b in out) else kept


def _fallback_body(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def parse_html(text: str, *, path: str | None = None, url: str | None = None) -> Article:
    """Parse one saved HTML page into an Article (``kind="html"``)."""
    root = _parse_tree(text)
    if root is None:
        raise NotAnArticle("This HTML file is empty: there is no article text in it.")
    meta = extract_meta(root, url)
    prepare_document(root)
    content, found_byline = grab_article(root, meta.title)
    writer = _BlockWriter()
    if content is not None:
        writer.walk(content, "p")
    blocks = _drop_junk_blocks(writer.blocks)
    if not blocks:
        body = _fallback_body(root)
        for el in list(body.iter("nav", "header", "footer", "aside", "form")):
            drop(el)
        writer = _BlockWriter()
        writer.walk(body, "p")
        blocks = writer.blocks
    if not blocks:
        raise NotAnArticle("This HTML page has no article text (only markup, scripts or "
                           "navigation).")
    title = meta.title or next((b.text for b in blocks if b.kind == "h"), "") or \
        (blocks[0].text[:80] if blocks else "")
    sample = " ".join(b.text for b in blocks[:30])[:3000]
    links = _collect_links(content if content is not None else root, root, meta.base_url,
                           meta.source_url)
    byline = meta.byline or found_byline
    if byline:
        byline = re.sub(r"^\s*(by|von|par|por|作者|文)\s*[:：]?\s+", "", byline, flags=re.I)
        byline = byline.strip() or None
    return Article(
        title=title,
        blocks=blocks,
        date=meta.date,
        site=meta.site,
        source_url=meta.source_url,
        language=_language(meta, sample),
        byline=byline,
        links=links,
        kind="html",
        path=path,
    )
