"""Trailing site furniture dropped from an article's blocks (``reader.parse.boilerplate``).

Issue 12: Chinese portal pages kept ``相关资讯请关注…``, ``打开…APP，查看更多精彩内容``,
``【点击投票】`` promos, follow buttons, gallery counters, ``延伸 · 推荐`` rails, ``转播到腾讯微博``
and ranked lists of other headlines at the end of the article. The pages under
fixtures/wild_c/ were written for these tests. Body text that merely mentions these words
must stay.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from reader.article import Block
from reader.parse.boilerplate import trim_boilerplate
from reader.parse.html import parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "wild_c"

BODY = [
    Block("p", "本报讯 昨天上午，城东新区的第一座社区图书馆正式开放，首批上架图书一万二千册。"),
    Block("p", "图书馆负责人介绍，馆内设有儿童阅读区、自习区和老年人阅览室，每天开放到晚上九点。"),
    Block("p", "不少居民一早就来排队，家住附近的王女士说，以前借书要坐半小时公交，现在方便多了。"),
]


def _texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def test_chinese_portal_tail_is_dropped() -> None:
    text = parse_html((FIXTURES / "zh_portal_tail.html").read_text("utf-8")).text
    assert "本报讯 昨天上午" in text
    assert "王女士说" in text
    # Body text that mentions 相关/资讯 mid-article stays.
    assert "文中提到的相关资讯也会在区政府网站公布" in text
    for junk in (
        "相关资讯请关注",
        "查看更多精彩内容",
        "点击投票",
        "1/10",
        "关注",
        "转播到腾讯微博",
        "延伸",
        "新开两条公交线路",
        "热门排行",
        "地铁三号线延长运营",
    ):
        assert junk not in text, junk


def test_chinese_notice_tail_is_dropped() -> None:
    text = parse_html((FIXTURES / "zh_notice_tail.html").read_text("utf-8")).text
    assert "王女士说" in text
    assert "新京报记者 张华 报道" in text
    assert "声明" not in text
    assert "反侵权公告" not in text
    assert "未经书面许可" not in text


def test_related_heading_followed_by_links_is_cut() -> None:
    content = etree.fromstring(
        "<div><a href='/a'>Council approves the new bus lanes</a>"
        "<a href='/b'>Harbour festival returns in June</a></div>"
    )
    blocks = [
        *BODY,
        Block("h", "Related Stories"),
        Block("li", "Council approves the new bus lanes"),
        Block("li", "Harbour festival returns in June"),
    ]
    assert _texts(trim_boilerplate(blocks, content)) == _texts(BODY)


def test_related_heading_followed_by_prose_stays() -> None:
    """A section headed "相关阅读" that goes on with paragraphs is not a link rail."""
    prose = [
        Block(
            "p",
            "这是一段很长的正文，讲述了图书馆建设过程中遇到的种种困难，以及社区居民如何一起想办法解决。",
        ),
        Block(
            "p",
            "另一段正文继续介绍了图书馆的藏书来源，其中一部分是居民捐赠的，另一部分由区财政购买。",
        ),
    ]
    blocks = [*BODY, Block("h", "相关阅读"), *prose]
    assert _texts(trim_boilerplate(blocks, None)) == _texts(blocks)


def test_notice_in_the_middle_of_a_long_text_stays() -> None:
    """A "声明：" paragraph early in a long article is part of the story (a quoted
    statement), not the site's disclaimer."""
    statement = Block("p", "声明：公司将于下月起停止生产该型号产品，已售出的产品继续提供维修服务。")
    blocks = [BODY[0], statement, *BODY[1:], *BODY, *BODY]
    assert _texts(trim_boilerplate(blocks, None)) == _texts(blocks)


def test_ranked_list_needs_consecutive_numbers_and_links() -> None:
    content = etree.fromstring(
        "<div><a href='/1'>1 明天起全市降温八度</a><a href='/2'>2 地铁三号线延长运营</a>"
        "<a href='/3'>3 高考报名今日开始</a></div>"
    )
    ranked = [
        Block("p", "1 明天起全市降温八度"),
        Block("p", "2 地铁三号线延长运营"),
        Block("p", "3 高考报名今日开始"),
    ]
    assert _texts(trim_boilerplate([*BODY, *ranked], content)) == _texts(BODY)
    # Numbered steps that are not links are the article's own list.
    steps = [
        Block("li", "1 先把面粉过筛"),
        Block("li", "2 加水揉成面团"),
        Block("li", "3 静置半小时"),
    ]
    assert _texts(trim_boilerplate([*BODY, *steps], content)) == _texts([*BODY, *steps])


def test_english_prompts_and_comment_tail() -> None:
    blocks = [
        Block("p", "The new library opened on Saturday with twelve thousand books on its shelves."),
        Block("p", "Residents queued from early morning; the reading room stays open until nine."),
        Block("p", "Share this:"),
        Block("h", "Leave a Reply"),
        Block("p", "Your email address will not be published."),
    ]
    assert _texts(trim_boilerplate(blocks, None)) == _texts(blocks[:2])


def test_nothing_left_returns_the_blocks() -> None:
    blocks = [Block("p", "打开城东新闻APP，查看更多精彩内容")]
    assert trim_boilerplate(blocks, None) == blocks
