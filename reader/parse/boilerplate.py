"""Site furniture left at the end of an article's blocks: "related" rails, app and follow
prompts, copyright notices, ranked lists of other headlines.

Why a pass over blocks and not over the tree: Chinese portals (and many English sites) put
these inside the very element that holds the article, with no class name that tells them
apart, so the content scorer keeps them. What gives them away is their wording and their
place: a short line such as ``相关阅读`` or ``Related Posts`` after the body, followed by
short linked lines; a notice such as ``反侵权公告`` or ``声明：…`` in the last part of the page;
one-line prompts such as ``打开…APP，查看更多精彩内容``. Every rule matches a *whole* block (or
a whole section after such a block), never words inside a sentence, so body text that merely
mentions "相关" or "related" stays.

``trim_boilerplate`` is called by ``html.parse_html`` after ``_drop_junk_blocks``.
"""

from __future__ import annotations

import re

from lxml import etree

from reader.article import Block
from reader.parse.html_content import HtmlElement

__all__ = ["trim_boilerplate"]

# One block that is a prompt, a button or a counter, wherever it stands.
_LINE_JUNK = re.compile(
    r"^(打开|下载)[^，,。]{0,20}(app|客户端)[，,\s]*(查看|阅读|看|浏览|获取)[^。]{0,12}$"
    r"|^返回[^，,。]{1,10}[，,\s]*查看更多[。.]?$"
    r"|^【点击[^】]{0,12}】.{0,60}$"
    r"|^[+＋]?\s*已?关注$"
    r"|^[^，,。！？!?]{1,20}\s[+＋]?\s*(已)?关注$"
    r"|^转播到腾讯微博$"
    r"|^分享到\s*[:：]?[^。]{0,30}$"
    r"|^相关(资讯|新闻|阅读|报道|内容|信息)?请(关注|点击|登录|访问|查看|搜索)[^。]{0,40}[。.]?$"
    r"|^(第|图片?|图集|photo|image|picture)?\s*[（(]?\s*\d{1,3}\s*/\s*\d{1,3}\s*[)）]?\s*张?$"
    r"|^(share|like) this\s*:?$|^like loading\W*$",
    re.I,
)
JUNK_MAX = 80
"""Characters of a one-line prompt: longer blocks are text."""

# A short block opening a section of other stories: dropped with what follows it when that
# is a list (short or linked lines).
_LIST_INTRO = re.compile(
    r"^[【\[「]?\s*(相关(阅读|新闻|资讯|推荐|文章|报道|链接|专题|内容|视频|图集)|延伸\s*[·•・]?\s*"
    r"(阅读|推荐)|推荐(阅读|文章|新闻|视频)|热门(推荐|文章|新闻|排行|标签)|猜你喜欢|大家都在看"
    r"|精彩(推荐|图片|专题)|为你推荐|为您推荐|更多(精彩|新闻|阅读|推荐|文章|内容)|往期(回顾|精彩|推荐)"
    r"|热点(推荐|新闻|排行)|(点击|阅读|新闻|热度|人气)排行(榜)?|排行榜|今日(推荐|热点)|编辑推荐"
    r"|related( (articles?|posts?|stories|links|content|coverage|reading|news|videos))?"
    r"|more (stories|articles|news|posts)( (from|on|in|by|like this)\b.{0,40})?"
    r"|you (may|might) (also )?(like|enjoy|be interested in)"
    r"|recommended( (for you|stories|articles|reading))?"
    r"|read next|up next|trending( now| stories| articles)?|most (popular|read|viewed|shared)"
    r"|popular (posts|stories|articles)|what to read next|see also)\s*[】\]」]?\s*[:：]?$",
    re.I,
)
INTRO_MAX = 60
"""Characters of a section heading such as "相关阅读" or "More stories from the desk"."""

# A block that ends the article: the notice, comments or bio that follow the body. Dropped
# with everything after it when it stands in the page's last part.
_END_INTRO = re.compile(
    r"^[【\[]?(反侵权公告|版权声明|免责声明|特别声明|郑重声明|声明)[】\]]?\s*[:：]"
    r"|^[【\[]?(反侵权公告|版权声明|免责声明|特别声明|郑重声明)[】\]]?$"
    r"|^(网友评论|我要评论|最新评论|热门评论|发表评论|评论区)\s*[:：]?$"
    r"|^(about the author|leave a (reply|comment)|\d+ (comments?|responses?)|comments? \(\d+\))"
    r"\s*:?$",
    re.I,
)
SENTENCE_END = re.compile(r"[。！？.!?…」”\"]\s*$")
NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.、．)）]?\s*\S")
HEADLINE_MAX = 60
"""Characters of a line in a list of other stories (a headline, perhaps with its date)."""
LISTY_SHARE = 0.7
MIN_RANKED = 3


# A prompt glued to the end of a line ("【编辑:X】 返回搜狐，查看更多"): cut off, the rest kept.
_TAIL_PROMPT = re.compile(r"\s*返回[^，,。\s]{1,10}[，,\s]*查看更多[。.]?$")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _link_texts(content: HtmlElement | None) -> set[str]:
    """The texts of the links in the content element, whitespace collapsed."""
    if content is None:
        return set()
    out = set()
    for a in content.iter("a"):
        text = _norm(etree.tostring(a, method="text", encoding="unicode", with_tail=False) or "")
        if len(text) >= 4:
            out.add(text)
    return out


def _linked(text: str, links: set[str]) -> bool:
    """Whether *text* is (mostly) the text of one link: a headline in a list of others."""
    if len(text) > 2 * HEADLINE_MAX:
        return False
    text = _norm(text)
    if text in links:
        return True
    bare = NUMBERED.sub(lambda m: m.group()[-1], text, count=1).strip()
    if bare in links:
        return True
    return any(len(link) >= 0.6 * len(text) and link in text for link in links)


def _headline_like(block: Block, links: set[str]) -> bool:
    """A line of a list of other stories: linked, or short and not a sentence."""
    text = block.text
    if _linked(text, links):
        return True
    return len(text) <= HEADLINE_MAX // 2 and not SENTENCE_END.search(text)


def _listy(rest: list[Block], links: set[str]) -> bool:
    if not rest:
        return True
    return sum(_headline_like(b, links) for b in rest) >= LISTY_SHARE * len(rest)


def _ranked_tail(blocks: list[Block], links: set[str]) -> int:
    """Start of a trailing list of other headlines numbered 1..N (a "most read" ranking),
    or ``len(blocks)`` when the blocks do not end with one."""
    start = len(blocks)
    expected: int | None = None
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        m = NUMBERED.match(block.text)
        if not m or not _linked(block.text, links):
            break
        number = int(m.group(1))
        if expected is not None and number != expected:
            break
        expected = number - 1
        start = i
        if number == 1:
            break
    if len(blocks) - start >= MIN_RANKED and expected == 0:
        return start
    return len(blocks)


def trim_boilerplate(blocks: list[Block], content: HtmlElement | None) -> list[Block]:
    """*blocks* without one-line prompts, and cut before a trailing "related", notice or
    ranking section. *content* (the element the blocks came from) tells which lines are
    links. Returns *blocks* unchanged rather than nothing."""
    if not blocks:
        return blocks
    kept = [
        b
        for b in blocks
        if b.kind == "pre" or len(b.text) > JUNK_MAX or not _LINE_JUNK.search(_norm(b.text))
    ]
    if not kept:
        return blocks
    kept = [
        Block(b.kind, _TAIL_PROMPT.sub("", b.text))
        if b.kind != "pre" and len(b.text) <= JUNK_MAX and _TAIL_PROMPT.search(b.text)
        else b
        for b in kept
    ]
    links: set[str] | None = None
    lengths = [len(b.text) for b in kept]
    total = sum(lengths)
    before = 0
    for i, block in enumerate(kept):
        text = _norm(block.text)
        if i and before and block.kind != "pre":
            after = total - before
            if len(text) <= INTRO_MAX and _LIST_INTRO.match(text):
                if links is None:
                    links = _link_texts(content)
                if _listy(kept[i + 1 :], links):
                    kept = kept[:i]
                    break
            elif _END_INTRO.match(text) and after <= before:
                kept = kept[:i]
                break
        before += lengths[i]
    if links is None:
        links = _link_texts(content)
    cut = _ranked_tail(kept, links)
    if cut > 0:
        kept = kept[:cut]
    return kept or blocks
