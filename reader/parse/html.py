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

from lxml import etree

from reader import messages as m
from reader.article import Article, Block, BlockKind, Link, clean_article, clean_text
from reader.errors import NotAnArticle
from reader.parse.boilerplate import trim_boilerplate
from reader.parse.html_content import (
    HtmlElement,
    TooCostly,
    attr,
    budget_for,
    class_id,
    drop,
    grab_article,
    inner_text,
    prepare_document,
    work_budget,
)
from reader.parse.html_meta import PageMeta, extract_meta
from reader.parse.html_tree import rescue_tree
from reader.urls import join_url, split_url

__all__ = ["parse_html"]

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b\u3000]+")


def _around_newlines(text: str) -> str:
    """Each run of whitespace holding a newline becomes one newline (what ``\\s*\\n\\s*``
    did, but that regex retried every position of a long run of spaces it cannot match,
    such as U+2000 which ``_WS`` leaves alone: quadratic)."""
    return "\n".join(part.strip() for part in text.split("\n") if part.strip())


_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "li",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "address",
        "form",
        "fieldset",
        "details",
        "summary",
        "center",
        "caption",
        "body",
        "html",
    }
)
_KIND_OF: dict[str, BlockKind] = {
    "h1": "h",
    "h2": "h",
    "h3": "h",
    "h4": "h",
    "h5": "h",
    "h6": "h",
    "li": "li",
    "dt": "li",
    "dd": "li",
    "blockquote": "quote",
    "pre": "pre",
    "figcaption": "caption",
    "caption": "caption",
}
_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "button",
        "select",
        "textarea",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "input",
        # Ruby readings (furigana, pinyin) and their fallback parentheses: "子(こども)" read
        # inline doubles the word; a reader wants the base text only.
        "rt",
        "rp",
    }
)

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
_JUNK_PATH = re.compile(r"/(share|sharer|intent/tweet|shareArticle|login|signin|subscribe)", re.I)
_RELATED = re.compile(
    r"related|more-stories|read-?more|see-?also|further|recommend|相关|延伸", re.I
)
_NAV_LIKE = re.compile(
    r"nav|menu|footer|share|social|comment|breadcrumb|cookie|banner|sidebar"
    r"|masthead|header|subscribe|newsletter|promo|advert|\bads?\b",
    re.I,
)


def _lxml_parse(text: str, *, huge: bool) -> tuple[HtmlElement | None, bool]:
    """(root or None, whether libxml2 gave up part-way: a fatal error such as "Excessive
    depth in document: 256", after which everything later in the page is missing)."""
    options = {"remove_comments": True, "remove_pis": True, "collect_ids": False, "huge_tree": huge}
    parser = etree.HTMLParser(default_doctype=False, **options)
    try:
        root = etree.fromstring(text, parser=parser)
    except ValueError:
        # An encoding declaration lxml refuses in a str: parse the UTF-8 bytes instead.
        parser = etree.HTMLParser(default_doctype=False, encoding="utf-8", **options)
        try:
            root = etree.fromstring(text.encode("utf-8"), parser=parser)
        except (etree.ParserError, ValueError):
            return None, False
    except etree.ParserError:
        return None, False
    stopped = any(e.level == etree.ErrorLevels.FATAL for e in parser.error_log)
    if root is None or not isinstance(root.tag, str):
        return None, stopped
    return root, stopped


_INLINE_TAGS = frozenset(
    {
        "font",
        "b",
        "i",
        "u",
        "em",
        "strong",
        "span",
        "small",
        "big",
        "s",
        "strike",
        "tt",
        "sup",
        "sub",
        "abbr",
        "acronym",
        "cite",
        "code",
        "kbd",
        "mark",
        "q",
        "samp",
        "var",
        "del",
        "ins",
        "nobr",
        "blink",
        "label",
        "bdo",
        "bdi",
        "dfn",
        "time",
        "data",
        "center",
    }
)
_FLAT_KEEP = frozenset(
    {
        "html",
        "head",
        "body",
        "title",
        "meta",
        "link",
        "base",
        "script",
        "style",
        "br",
        "p",
        "a",
        "img",
    }
)
_FLAT_BLOCK = (
    _BLOCK_TAGS
    | {
        "td",
        "th",
        "li",
        "dt",
        "dd",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "blockquote",
        "figcaption",
        "caption",
    }
) - _FLAT_KEEP


def _tags_re(names: frozenset[str], *, but: bool = False) -> re.Pattern[str]:
    """Start and end tags named in *names* (or, with *but*, every tag not named there).
    "[^<>]*" stops at the next "<", so the scan stays linear even when no ">" ever comes
    (a tag cut short that way is still taken as a tag)."""
    alternatives = "|".join(sorted(names, key=len, reverse=True))
    if but:
        return re.compile(rf"<(?!/?(?:{alternatives})(?![\w:-]))/?[A-Za-z][\w:-]*[^<>]*>?", re.I)
    return re.compile(rf"</?(?:{alternatives})(?![\w:-])[^<>]*>?", re.I)


_INLINE_TAG = _tags_re(_INLINE_TAGS)
_FLAT_BLOCK_TAG = _tags_re(_FLAT_BLOCK)
_FLAT_OTHER_TAG = _tags_re(_FLAT_KEEP, but=True)
_P_RUN = re.compile(r"(?:<p>\s*){2,}")  # one paragraph break for a run of flattened tags
_FLAT_OTHER_TAG_NO_LINKS = _tags_re(_FLAT_KEEP - {"a"}, but=True)
_A_START = re.compile(r"<a(?![\w:-])", re.I)
_FLAT_DEPTH = 16
_DEEPER_THAN_FLAT = etree.XPath("boolean(" + "/*" * (_FLAT_DEPTH + 1) + ")")


def _flatten(text: str, *, links: bool = True) -> str:
    """The page with every block element a ``<p>`` and every other tag but a few (head,
    links, images, scripts) gone. An ``<a>`` is closed before the next one opens: one left
    open (its end tag damaged) would take every later paragraph and link inside it, nesting
    as deep as before."""
    text = _FLAT_BLOCK_TAG.sub("<p>", text)
    if links:
        text = _A_START.sub("</a><a", _FLAT_OTHER_TAG.sub("", text))
    else:
        text = _FLAT_OTHER_TAG_NO_LINKS.sub("", text)
    return _P_RUN.sub("<p>", text)


def _parse_flat(text: str) -> HtmlElement | None:
    """The flattened page's tree (huge-tree limits: a text node may pass 10 MB), checked
    to be shallow (the recursive walks rely on it); without its links if it is not."""
    root, _ = _lxml_parse(_flatten(text), huge=True)
    if root is not None and _DEEPER_THAN_FLAT(root):
        root, _ = _lxml_parse(_flatten(text, links=False), huge=True)
    return root


def _clean_source(text: str) -> str:
    """The page without what lxml accepts in a parse but then refuses to move within its
    tree: raw control characters, and the numeric references to them (``&#8;``)."""
    if text[:100].lstrip()[:5].lower() == "<?xml":
        text = _XML_DECL.sub("", text, count=1)
    text = clean_text(text)
    if "&#" in text:
        text = _BAD_REF.sub(_replace_bad_ref, text)
    return text


def _parse_tree(text: str, *, rescue: bool = True) -> HtmlElement | None:
    """The tree of a cleaned page (``_clean_source``); never raises, and never silently
    loses the end of a page.

    libxml2 stops at 256 open elements (old pages pile up hundreds of unclosed ``<font>``)
    or at a 10 MB text node, dropping everything after: then the page is parsed again
    without its inline tags, and if that is still too deep, flattened (``_parse_flat``).
    Either way the recursive walks over the tree stay within 256 levels. With *rescue*, a
    tree that lost the body without a fatal error (an unclosed ``div`` in ``noscript``, an
    early ``</html>``) is replaced by bs4's (``html_tree.rescue_tree``).
    """
    if not text.strip():
        return None
    root, stopped = _lxml_parse(text, huge=False)
    if stopped:
        retry, stopped = _lxml_parse(_INLINE_TAG.sub("", text), huge=False)
        if stopped:
            retry = _parse_flat(text)
        root = retry if retry is not None else root
    if rescue and root is not None:
        root = rescue_tree(root, text, lambda markup: _parse_tree(markup, rescue=False))
    return root


# Numeric references to what lxml refuses in a tree: C0 controls (tab, newline and
# carriage return excepted) and U+FFFE/U+FFFF. The digits must end where the number does.
_BAD_REF = re.compile(
    r"&#(?:0*(?:[1-8]|1[124-9]|2\d|3[01]|6553[45])(?!\d)"
    r"|[xX]0*(?:[1-8bBcCeEfF]|1[\da-fA-F]|[fF]{3}[eEfF])(?![\da-fA-F]));?"
)
_SPACE_REFS = frozenset({0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x1F})


def _replace_bad_ref(m: re.Match[str]) -> str:
    digits = m.group().rstrip(";")[2:]
    value = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits)
    return " " if value in _SPACE_REFS else ""


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


_EN_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "for",
        "it",
        "was",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "this",
        "be",
        "are",
        "have",
        "has",
        "not",
        "but",
    }
)


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
        if "\xad" in raw:
            raw = raw.replace("\xad", "")  # soft hyphens: break hints, not text
        if self.kind == "pre":
            text = raw.strip("\n").rstrip()
        else:
            text = _WS.sub(" ", raw)
            if "\n" in text:
                text = _around_newlines(text)
            text = text.strip()
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
        cls = attr(el, "class")
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
        if tag == "table" and _is_side_table(el):
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


_INFOBOX_CLASS = re.compile(r"\binfo-?box|\bfact-?box|\bfacts-?table\b|\bvcard\b", re.I)
_FLOATED = re.compile(r"float\s*:\s*(left|right)", re.I)


def _is_side_table(table: HtmlElement) -> bool:
    """An infobox: a table of label/value facts set beside the text (Wikipedia's "infobox",
    the "fact box" of news sites, or any short two-column table floated left or right).
    Flattened into the body, its rows read as paragraphs ("Born 12 March 1901") that
    interrupt the article; readers skip it, so it is not written.

    A floated table counts only when it is label/value shaped (at most two cells a row,
    short cells): an old page laid out with a floated table keeps its text.
    """
    cls = attr(table, "class")
    if cls and _INFOBOX_CLASS.search(cls):
        return True
    align = (table.get("align") or "").lower()
    if align not in ("left", "right") and not _FLOATED.search(attr(table, "style")):
        return False
    rows = [r for r in table.iter("tr") if not any(True for _ in r.iterancestors("td", "th"))]
    if len(rows) < 3:
        return False
    for row in rows:
        cells = [c for c in row if c.tag in ("td", "th")]
        if len(cells) > 2 or any(len(inner_text(c)) > 120 for c in cells):
            return False
    return True


def _link_ok(a: HtmlElement, base: str | None) -> Link | None:
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    url = join_url(base, href)
    parts = split_url(url) if url is not None else None
    if url is None or parts is None or parts.scheme not in ("http", "https"):
        return None  # malformed ("http://[::1"): the link goes, its text stays in the body
    if _JUNK_HOSTS.search(parts.hostname or "") or _JUNK_PATH.search(parts.path):
        return None
    title = inner_text(a)
    if not title:
        title = (a.get("title") or "").strip()
    if not title or _JUNK_LINK_TEXT.match(title):
        return None
    return Link(title=title, url=url)


_CREDIT_CLASS = re.compile(r"credit|copyright|(photo|image|img|picture)[-_]?(source|by)\b", re.I)
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


def _collect_links(
    content: HtmlElement, original: HtmlElement, base: str | None, own_url: str | None
) -> list[Link]:
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
        if _related_like(class_id(el)) and not _in_nav(
            el.getparent() if el.getparent() is not None else el
        ):
            for a in el.iter("a"):
                add(a)
    return links


_WITH_CLASS_OR_ID = etree.XPath(
    "//*[self::section or self::div or self::ul or self::ol or self::aside][@class or @id]"
)


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
_DATELINE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "updated published posted last modified on at am pm a p m est edt cst cdt pst pdt "
        "gmt bst utc et ct pt cet cest "
        "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday "
        "jan feb mar apr may jun jul aug sep sept oct nov dec "
        "january february march april june july august september october november december "
        "of original and",
    )
)
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


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_HAS_DATE = re.compile(
    rf"\b{_MONTH} \d{{1,2}}\b|\b\d{{1,2}}\.? {_MONTH}|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\b",
    re.I,
)
_BY_WORDS = frozenset({"by", "von", "par", "por", "door", "di", "af", "av"})
_NAME_JOINERS = frozenset({"and", "und", "et", "y", "e", "of", "de", "da", "van", "von", "der"})


def _is_byline_dateline(text: str) -> bool:
    """A byline holding its dates: "By Jane Doe, Staff Writer | April 28, 2019 at 6:01 am |
    Updated April 29, 2019". A name (capitalised words after "By") and then only dateline
    words: page furniture, not body text. A sentence that starts with "By" ("By March 3,
    the committee will decide") has lower-case words or no name, and stays.
    """
    if len(text) > 160 or not _HAS_DATE.search(text):
        return False
    words = _WORD.findall(text)
    if len(words) < 3 or words[0].lower() not in _BY_WORDS:
        return False
    for i, word in enumerate(words[1:], 1):  # words[1:i] are the name, at most 8 words
        low = word.lower()
        if low in _DATELINE_WORDS and low not in _NAME_JOINERS:
            return i > 1 and all(w.lower() in _DATELINE_WORDS for w in words[i:])
        if not (word[0].isupper() or low in _NAME_JOINERS) or i > 8:
            return False
    return False


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


_SEEN_PER_PREFIX = 50
"""Earlier captions sharing a block's first 60 characters that it is compared with (the
nearest ones): a bound for lists whose every item starts alike."""


def _drop_junk_blocks(blocks: list[Block]) -> list[Block]:
    """Counters ("6"), credits, datelines, promos, repeats and copyright/tag lines that the
    element cleaner let through."""
    kept = [b for b in blocks if b.kind == "pre" or not _NO_LETTERS.match(b.text)]
    out: list[Block] = []
    # Caption and list-item texts so far, by their first 60 characters (the shortest text
    # compared): comparing each block with every earlier one was quadratic on long lists.
    seen: dict[str, list[str]] = {}
    for block in kept:
        text = block.text
        if (
            block.kind in ("p", "h", "li", "caption")
            and len(text) < 300
            and (
                (len(text) < 200 and _BOILERPLATE.search(text))
                or _is_dateline(text)
                or _is_byline_dateline(text)
                or _PROMO.search(text)
            )
        ):
            continue
        if (
            block.kind != "pre"
            and len(text) >= 60
            and any(s.startswith(text) for s in seen.get(text[:60], ())[-_SEEN_PER_PREFIX:])
        ):
            continue  # a gallery's second copy of a caption, or its truncated preview
        if block.kind == "caption" or (block.kind == "li" and len(text) >= 100):
            seen.setdefault(text[:60], []).append(text)
        out.extend(_split_credit(block) if block.kind != "credit" else [block])
    return out if any(b.kind != "credit" for b in out) else kept


def _fallback_body(root: HtmlElement) -> HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def parse_html(text: str, *, path: str | None = None, url: str | None = None) -> Article:
    """Parse one saved HTML page into an Article (``kind="html"``)."""
    source = _clean_source(text)
    root = _parse_tree(source)
    if root is None:
        raise NotAnArticle(m.EMPTY_HTML)
    try:
        with work_budget(budget_for(root)):
            return _extract(root, path, url)
    except TooCostly:
        # Nested so deeply that Readability's passes would take depth x text (minutes):
        # the same page flattened (every block a <p>) keeps all its text, in linear time.
        flat = _parse_flat(source)
        if flat is None:
            raise NotAnArticle(m.EMPTY_HTML) from None
        return _extract(flat, path, url)


def _extract(root: HtmlElement, path: str | None, url: str | None) -> Article:
    """The article in a parsed page (mutates *root*)."""
    meta = extract_meta(root, url)
    prepare_document(root)
    content, found_byline = grab_article(root, meta.title)
    writer = _BlockWriter()
    if content is not None:
        writer.walk(content, "p")
    blocks = trim_boilerplate(_drop_junk_blocks(writer.blocks), content)
    if not blocks:
        body = _fallback_body(root)
        for el in list(body.iter("nav", "header", "footer", "aside", "form")):
            drop(el)
        writer = _BlockWriter()
        writer.walk(body, "p")
        blocks = writer.blocks
    if not blocks:
        raise NotAnArticle(m.NO_ARTICLE_TEXT)
    title = (
        meta.title
        or next((b.text for b in blocks if b.kind == "h"), "")
        or (blocks[0].text[:80] if blocks else "")
    ).replace("\xad", "")
    sample = " ".join(b.text for b in blocks[:30])[:3000]
    links = _collect_links(
        content if content is not None else root, root, meta.base_url, meta.source_url
    )
    byline = meta.byline or found_byline
    if byline:
        byline = re.sub(r"^\s*(by|von|par|por|作者|文)\s*[:：]?\s+", "", byline, flags=re.I)
        byline = byline.strip() or None
    # Cleaned last: entities and JSON-LD escapes can still spell controls or surrogates.
    return clean_article(
        Article(
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
    )
