"""Titles of HTML pages (issue 12): the headline without the site's name.

Every page here is written for these tests; each names a layout seen on the web at large.
"""

from __future__ import annotations

import pytest

from reader.parse.html import parse_html
from reader.parse.html_meta import strip_site_suffix

_BODY = "".join(
    f"<p>Paragraph {i} of the story tells, in plain words and at some length, what the harbour "
    f"committee decided about the ferries, the tides and the new timetable for the winter.</p>"
    for i in range(8)
)
_BODY_ZH = "".join(
    f"<p>第{i}段：市政府今天公布了新的公交线路调整方案，涉及城区二十多条线路，"
    f"市民可以通过官方网站和服务热线查询具体的站点和时间安排，相关部门表示将持续听取意见。</p>"
    for i in range(8)
)


def _title(head: str, body: str = "", url: str | None = None, zh: bool = False) -> str | None:
    html = (
        f"<html><head>{head}</head><body><article>{body}"
        f"{_BODY_ZH if zh else _BODY}</article></body></html>"
    )
    return parse_html(html, url=url).title


# --- site suffixes ----------------------------------------------------------------------


def test_h1_that_the_title_starts_with_wins() -> None:
    head = "<title>市政府公布公交线路调整方案--文化--人民网</title>"
    assert (
        _title(head, "<h1>市政府公布公交线路调整方案</h1>", zh=True) == "市政府公布公交线路调整方案"
    )


def test_h1_wins_over_og_title_with_a_site_suffix() -> None:
    head = (
        '<meta property="og:title" content="Ferry timetable approved -- Harbour Post">'
        "<title>Ferry timetable approved -- Local -- Harbour Post</title>"
    )
    assert _title(head, "<h1>Ferry timetable approved</h1>") == "Ferry timetable approved"


def test_site_name_h1_is_not_the_headline() -> None:
    """A blog whose <h1> is its own name: the <title> starts with it, the post follows
    (and Readability's rule takes the part after the separator)."""
    head = (
        '<meta property="og:site_name" content="Harbour Notes">'
        "<title>Harbour Notes | Why the winter ferry timetable changed this year</title>"
    )
    assert _title(head, "<h1>Harbour Notes</h1>") == (
        "Why the winter ferry timetable changed this year"
    )


@pytest.mark.parametrize(
    ("raw", "url", "site", "expected"),
    [
        # the host names the site
        (
            "市政府公布公交线路调整方案_澎湃新闻-The Paper",
            "https://www.thepaper.cn/x",
            "",
            "市政府公布公交线路调整方案",
        ),
        ("Mozilla - Wikipedia", "https://en.wikipedia.org/wiki/Mozilla", "", "Mozilla"),
        ("新竹賞楓 (2) :: 痞客邦 PIXNET ::", "https://blog.pixnet.net/post/1", "", "新竹賞楓 (2)"),
        # og:site_name names it, and the section chained to it by the same separator goes too
        ("市政府公布公交线路调整方案_科技_腾讯网", None, "腾讯网", "市政府公布公交线路调整方案"),
        (
            "Ferry timetable approved » Local » News » Harbour Post",
            None,
            "Harbour Post",
            "Ferry timetable approved",
        ),
        (
            "Ferry timetable approved – Harbour Post",
            None,
            "Harbour Post",
            "Ferry timetable approved",
        ),
        # nothing names the site: the title stays whole
        ("Spider-Man - the review", None, "", "Spider-Man - the review"),
        (
            "Ferry timetable approved - Local news",
            None,
            "Harbour Post",
            "Ferry timetable approved - Local news",
        ),
        # the whole title is the site's name
        (
            "Harbour Post - Latest News",
            None,
            "Harbour Post - Latest News",
            "Harbour Post - Latest News",
        ),
    ],
)
def test_site_suffix_stripped(raw: str, url: str | None, site: str, expected: str) -> None:
    head = f"<title>{raw}</title>"
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    if url:
        head += f'<link rel="canonical" href="{url}">'
    assert _title(head, zh=any("\u4e00" <= ch <= "\u9fff" for ch in raw)) == expected


def test_author_suffix_stripped() -> None:
    """A columnist's pages end their <title> with the columnist's name."""
    head = (
        "<title>What the tides told the harbour committee | Eleanor Vance</title>"
        '<meta name="author" content="Eleanor Vance">'
    )
    assert _title(head) == "What the tides told the harbour committee"


def test_strip_site_suffix_keeps_a_short_title() -> None:
    assert strip_site_suffix("Harbour Post", ["harbourpost"]) == "Harbour Post"


# --- JSON-LD ------------------------------------------------------------------------------


def test_json_ld_entities_are_unescaped() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "The harbour&#039;s &quot;new&quot; ferries &amp; tides"}</script>'
    )
    assert _title(head) == 'The harbour\'s "new" ferries & tides'


@pytest.mark.parametrize("kind", ["VideoObject", "Person", "WebPage"])
def test_json_ld_name_of_a_non_article_is_not_the_title(kind: str) -> None:
    head = (
        "<title>Ferry timetable approved</title>"
        f'<script type="application/ld+json">{{"@type": "{kind}", "name": "x8f7k2"}}</script>'
    )
    assert _title(head, "<h1>Ferry timetable approved</h1>") == "Ferry timetable approved"


def test_json_ld_article_name_still_used() -> None:
    head = (
        "<title>Ferries - Harbour Post</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"name": "Winter ferry timetable approved by the committee"}</script>'
    )
    assert _title(head) == "Winter ferry timetable approved by the committee"


# --- a <meta content> cut at an unescaped quote -------------------------------------------


def test_meta_cut_at_inner_quote_loses_to_the_full_headline() -> None:
    head = (
        '<meta property="og:title" content="男孩因不想上补习班 写"纸条"给妈妈">'
        '<title>男孩因不想上补习班 写"纸条"给妈妈_新闻频道</title>'
    )
    body = '<h1>男孩因不想上补习班 写"纸条"给妈妈</h1>'
    assert _title(head, body, zh=True) == '男孩因不想上补习班 写"纸条"给妈妈'


def test_meta_cut_at_inner_quote_without_h1_uses_the_title() -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Post">'
        '<meta property="og:title" content="Mayor calls ferry plan "a disaster"">'
        '<title>Mayor calls ferry plan "a disaster" | Harbour Post</title>'
    )
    assert _title(head) == 'Mayor calls ferry plan "a disaster"'


def test_headline_h1_naming_the_site_is_still_the_headline() -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Post">'
        "<title>Harbour Post editor retires after forty years | Harbour Post</title>"
    )
    body = "<h1>Harbour Post editor retires after forty years</h1>"
    assert _title(head, body) == "Harbour Post editor retires after forty years"
