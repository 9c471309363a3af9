"""The archive's own text format: a date line, a (prefixed, often truncated) title line,
the body, a source-URL line, a block of related links and a blog footer.

Scrapers leave junk in these files (the title repeated where images were, image credits,
the article's opening glued on again as a truncated teaser, comment-form footers); this
module keeps the real text, turns image credits into caption blocks, recovers the full
title and separates the self-link from the related links. It knows nothing of storage.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader import messages as m
from reader.article import Article, Block, Link, clean_article
from reader.dates import is_date_line, parse_date
from reader.errors import NotAnArticle
from reader.language import detect_language
from reader.urls import site_of, url_key

# "原文转载:URL" and its equivalents, in Simplified, Traditional and English.
_SOURCE_LINE = re.compile(
    r"^\s*(?:原文转载|原文轉載|原文链接|原文鏈接|原文連結|原文地址|原文网址|原文網址|原文|"
    r"转载自|轉載自|文章来源|文章來源|本文来源|本文來源|来源链接|來源連結|来源|來源|出处|出處|"
    r"source|original(?:ly published)?(?: at| on)?|original article|via|read more|"
    r"read the original|permalink)\s*[:：]\s*(https?://\S+)\s*$",
    re.IGNORECASE,
)
# One related link per line: "title:url" (the title may itself contain colons).
# Real files hold URLs with raw spaces ("search?keyword=de minimis"): take the rest of the
# line, trailing spaces stripped by the caller. (The URL was "\S.*?" before "\s*$": the lazy
# part grew a character at a time and "\s*$" rescanned every run of spaces: quadratic.)
_LINK_LINE = re.compile(r"^(.*\S)\s*[:：]\s*(https?://\S.*)$")
_BARE_URL = re.compile(r"^\s*https?://\S+\s*$")
# Image credits left where images were: "(图片来源:TikTok for Business)".
# After the word: a colon (spaces allowed before it) or a space. ("\s*(?:[:：]|\s|$)" had
# "\s*" and "\s" share a run of spaces, each split retrying "[^)]*" to the line's end.)
_CREDIT = re.compile(
    r"^[(（\[【]\s*(?:图片来源|圖片來源|图片|圖片|图源|圖源|图|圖|数据来源|數據來源|資料來源|来源|來源|"
    r"摄影|攝影|视频来源|視頻來源|image|images|photo|photos|picture|pic|source|credit|credits|"
    r"photo credit|image credit|image source|data source)(?:\s*[:：]|\s)[^)）\]】]*[)）\]】]\s*$",
    re.IGNORECASE,
)
# Blogger and comment-form footers, and separators/time stamps scrapers append.
_FOOTER = re.compile(
    r"^\s*(?:no comments?:?|\d+ comments?:?|post a comment|newer post|older post|home|"
    r"subscribe to:.*|post comments \(atom\)|labels?:.*|share this:?|email this|blogthis!|"
    r"share to (?:twitter|facebook|pinterest|x)|暂无评论|發表評論|发表评论|发表留言|"
    r"[-=_*~]{3,}|[(（]更新时间戳[:：]\s*\d+[)）])\s*$",
    re.IGNORECASE,
)
# Words that mark a title prefix as a site name ("跨境电商资讯:", "Cross-border News:").
_SITE_SUFFIX = re.compile(
    r"(?:资讯|資訊|新闻|新聞|快讯|快訊|网|網|报|報|日报|日報|周刊|週刊|头条|頭條|在线|在線|"
    r"news|daily|times|post|blog|weekly|insider|journal|today|report|digest|wire|online|"
    r"magazine|gazette|herald|tribune|review|media)$",
    re.IGNORECASE,
)
_TITLE_PREFIX = re.compile(r"^\s*([^:：]{2,24}?)\s*[:：]\s*(\S.*)$")
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|\d{1,2}[、.．)）]|[(（][一二三四五六七八九十\d]{1,3}[)）]|"
    r"第[一二三四五六七八九十百\d]+[章节節部分条條]|[#]+\s)"
)
_SENTENCE_END = tuple('。！？!?.；;：:，,…"”」』)）')
_TEASER_MIN = 15  # characters: shorter overlaps with the opening can be coincidence
_TEASER_TRIES = 64  # places where a teaser may start that are checked, per opening


@dataclass(slots=True)
class _Title:
    site: str | None
    text: str
    prefixed: bool


def _split_title(line: str) -> _Title:
    """Separate a site prefix ("跨境电商资讯:Title") from the title when it is one."""
    line = re.sub(r"\s+", " ", line).strip()
    m = _TITLE_PREFIX.match(line)
    # Two characters ("港报：") is a topic or a speaker more often than a site name.
    if m and len(m[1].strip()) >= 3 and _SITE_SUFFIX.search(m[1].strip()):
        return _Title(m[1].strip(), m[2].strip(), True)
    return _Title(None, line, False)


def _squash(text: str) -> str:
    return "".join(text.split())


def _is_heading(text: str, following: str | None) -> bool:
    if len(text) > 40 or text.endswith(_SENTENCE_END):
        return False
    if _HEADING_START.match(text):
        return True
    # A short line with no sentence in it, introducing a longer paragraph (digest items).
    return (
        following is not None
        and len(following) > 2 * len(text)
        and len(text) <= 30
        and "。" not in text
        and not following.startswith(text)
    )


def _cut_teaser(paragraph: str, openings: list[str]) -> str:
    """Remove the article's opening glued onto *paragraph* as a truncated teaser.

    *openings* are squashed (whitespace-free) concatenations of the body from each of its
    first lines on. Returns what is left of the paragraph (possibly "").
    """
    squashed = _squash(paragraph)
    if len(squashed) < _TEASER_MIN:
        return paragraph
    trimmed = squashed.rstrip(".…")
    best: int | None = None
    for opening in openings:
        probe = opening[:8]
        if len(probe) < 4:
            continue
        # A tail longer than the opening cannot be a prefix of it: start the search where
        # the tail fits, and give up after a bounded number of places (in repetitive text,
        # "aaaa...", the probe occurs everywhere and each check was as long as the tail).
        start = trimmed.find(probe, max(0, len(trimmed) - len(opening)))
        tries = 0
        while start != -1 and tries < _TEASER_TRIES:
            tail = trimmed[start:]
            if len(tail) >= _TEASER_MIN and opening.startswith(tail):
                best = start if best is None else min(best, start)
                break
            start = trimmed.find(probe, start + 1)
            tries += 1
    if best is None:
        return paragraph
    # Map the squashed offset back to the original paragraph.
    seen = 0
    for i, ch in enumerate(paragraph):
        if seen == best:
            return paragraph[:i].rstrip()
        if not ch.isspace():
            seen += 1
    return paragraph


def _mostly_ascii(text: str) -> bool:
    if text.isascii():
        return True
    # Each non-ASCII character takes 2-4 UTF-8 bytes: a cheap count without a Python loop.
    non_ascii = (len(text.encode("utf-8", "surrogatepass")) - len(text)) / 2
    return non_ascii < 0.2 * len(text)


def _paragraph_lines(lines: list[str]) -> list[str]:
    """Blank-line separated groups; hard-wrapped Latin lines are joined back together."""
    out: list[str] = []
    group: list[str] = []

    def flush() -> None:
        if len(group) < 2:  # the usual case (a million short paragraphs: keep it cheap)
            if group:
                out.append(group[0].strip())
                group.clear()
            return
        wrapped = (
            len(group) > 1
            and all(len(g) >= 40 for g in group[:-1])
            and _mostly_ascii("".join(group))
            and not any(_LINK_LINE.match(g) or _BARE_URL.match(g) for g in group)
        )
        if wrapped:
            out.append(" ".join(g.strip() for g in group))
        else:
            out.extend(g.strip() for g in group)
        group.clear()

    for line in lines:
        if line.strip():
            group.append(line)
        else:
            flush()
    flush()
    return out


def parse_text(text: str, *, path: str | None = None) -> Article:
    """Parse one article in the archive's text format (already decoded to str)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise NotAnArticle(m.EMPTY_FILE)

    article_date: str | None = None
    if is_date_line(lines[0]):
        article_date = parse_date(lines[0])
        lines.pop(0)
        while lines and not lines[0].strip():
            lines.pop(0)
    if not lines:
        raise NotAnArticle(m.DATE_ONLY)
    title_line = lines.pop(0)
    title = _split_title(title_line)

    paragraphs = _paragraph_lines(lines)

    # Trailing footer lines, then the source line and the related-links block.
    while paragraphs and _FOOTER.match(paragraphs[-1]):
        paragraphs.pop()
    source_url: str | None = None
    raw_links: list[tuple[str, str]] = []
    body_end = len(paragraphs)
    for i in range(len(paragraphs) - 1, -1, -1):
        para = paragraphs[i]
        source = _SOURCE_LINE.match(para)
        if source:
            source_url = source_url or source[1]
            body_end = i
            continue
        link = _LINK_LINE.match(para)
        if link and len(link[1]) <= 200:
            raw_links.append((link[1].strip(), link[2].rstrip()))
            body_end = i
            continue
        if _BARE_URL.match(para) or _FOOTER.match(para):
            body_end = i
            continue
        break
    raw_links.reverse()
    body = [p for p in paragraphs[:body_end] if not _FOOTER.match(p)]

    # The self-link names the article itself: its URL is the source URL, or, failing that,
    # its title completes the (truncated) title line.
    source_key = url_key(source_url)
    self_title: str | None = None
    links: list[Link] = []
    seen_keys: set[str] = set()
    for link_title, link_url in raw_links:
        key = url_key(link_url)
        is_self = (source_key is not None and key == source_key) or (
            source_key is None
            and self_title is None
            and _completes_title(link_title, title, title_line)
        )
        if is_self:
            self_title = self_title or link_title
            source_url = source_url or link_url
            source_key = source_key or key
            continue
        if _is_navigation_link(link_title, link_url) or (key and key in seen_keys):
            continue
        if key:
            seen_keys.add(key)
        links.append(Link(title=link_title, url=link_url))

    title = _confirm_site_prefix(title, title_line, self_title, body)
    full_title = _recover_title(title, self_title, body)

    # Clean the body: title repeats (image alt text), credits, teasers, headings.
    openings = [_squash("".join(body[k:])) for k in range(min(len(body), 4))]
    cleaned: list[Block] = []
    seen_paragraphs: set[str] = set()
    squashed_title = _squash(full_title)
    for index, para in enumerate(body):
        if (
            len(para) < len(full_title) + 8
            and para[0] == squashed_title[:1]
            and _squash(para) == squashed_title
        ):
            continue
        if _CREDIT.match(para):
            cleaned.append(Block("credit", para))
            continue
        if index >= len(body) - 3 and index > 0:
            para = _cut_teaser(para, openings[: min(index, len(openings))])
            if not para:
                continue
        if para in seen_paragraphs and len(para) > 20:
            continue  # a paragraph repeated verbatim is scraper junk, not emphasis
        seen_paragraphs.add(para)
        cleaned.append(Block("p", para))
    cleaned = _drop_leading_teaser(cleaned)
    following: str | None = None  # the next "p" block's text, walking backwards
    for block in reversed(cleaned):
        if block.kind == "p":
            text = block.text
            if _is_heading(text, following):
                block.kind = "h"
            following = text
    while cleaned and cleaned[-1].kind == "credit":
        cleaned.pop()

    body_text = "\n".join(b.text for b in cleaned)
    # Cleaned last (controls and lone surrogates out): what is returned can be stored.
    article = clean_article(
        Article(
            title=full_title,
            blocks=cleaned,
            date=article_date,
            site=title.site or site_of(source_url),
            source_url=source_url,
            language=detect_language(full_title + "\n" + body_text),
            links=links,
            kind="text",
            path=path,
        )
    )
    if not article.blocks and not article.title:
        raise NotAnArticle(m.NO_TITLE_OR_TEXT)
    return article


def _completes_title(candidate: str, title: _Title, title_line: str) -> bool:
    """Whether *candidate* is the full form of the (possibly prefixed, cut) title line."""
    texts = [title.text]
    m = _TITLE_PREFIX.match(title_line)
    if m and not title.prefixed:
        texts.append(m[2].strip())
    return any(len(t) >= 4 and candidate.startswith(t.rstrip(".…")) for t in texts)


def _confirm_site_prefix(
    title: _Title, title_line: str, self_title: str | None, body: list[str]
) -> _Title:
    """A "Name:" prefix with no site-like word is still a site when the full title, found
    in the self-link or repeated in the body, starts after it ("E-commerce Brief:...")."""
    if title.prefixed:
        return title
    m = _TITLE_PREFIX.match(re.sub(r"\s+", " ", title_line).strip())
    if not m:
        return title
    prefix, rest = m[1].strip(), m[2].strip().rstrip(".…")
    if len(rest) < 4:
        return title
    whole = title.text.rstrip(".…")
    if self_title and self_title.startswith(rest) and not self_title.startswith(whole):
        return _Title(prefix, m[2].strip(), True)
    # Without a self-link, only a cut title completed by an image-alt style line counts:
    # a short line, no sentence, longer than the cut title, first in the body or repeated.
    for index, line in enumerate(body[:40]):
        if (
            len(rest) < len(line) <= 120
            and line.startswith(rest)
            and not line.endswith(_SENTENCE_END)
            and (index == 0 or body.count(line) > 1)
        ):
            return _Title(prefix, m[2].strip(), True)
    return title


def _recover_title(title: _Title, self_title: str | None, body: list[str]) -> str:
    """The full title: the title line is often cut short, its full form is elsewhere."""
    short = title.text.rstrip(".…")
    if self_title and self_title.strip().startswith(short):
        return re.sub(r"\s+", " ", self_title).strip()
    if len(short) >= 4:
        candidates = [
            p
            for p in body
            if p.startswith(short)
            and len(p) > len(short)
            and len(p) <= 150
            and not p.endswith("。")
        ]
        if candidates:
            # Every copy of a candidate is a candidate: count them once (body.count() for
            # each candidate was quadratic in the number of paragraphs).
            counts = Counter(candidates)
            repeated = [c for c in candidates if counts[c] > 1]
            return re.sub(r"\s+", " ", (repeated or candidates)[0]).strip()
    return title.text


def _drop_leading_teaser(blocks: list[Block]) -> list[Block]:
    """A first paragraph that only repeats, truncated, the start of what follows is junk."""
    paras = [b for b in blocks if b.kind == "p"]
    if len(paras) < 2:
        return blocks
    first = _squash(paras[0].text).rstrip(".…")
    rest = _squash("".join(p.text for p in paras[1:]))
    if len(first) >= _TEASER_MIN and rest.startswith(first) and paras[0].text != paras[1].text:
        return [b for b in blocks if b is not paras[0]]
    return blocks


def _is_navigation_link(title: str, url: str) -> bool:
    """Share buttons and site-search links are not related articles."""
    lowered = title.lower()
    if lowered in {"click share", "share", "分享", "点击分享", "點擊分享", "home", "首页", "首頁"}:
        return True
    return bool(re.search(r"[/?&](?:search|s)\?|[?&](?:keyword|q|query|wd)=", url, re.IGNORECASE))
