"""Publication dates of HTML pages (issue 12): one parser with the text format, time zones
kept as written, and dates that are only shown in the page's visible text.

Every page here is written for these tests; each names a layout seen on the web at large.
"""

from __future__ import annotations

import pytest

from reader.dates import parse_date
from reader.parse.html import parse_html
from reader.parse.html_meta import normalize_date

# Enough body text that the page is an article whatever its metadata.
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


def _page(head: str = "", before: str = "", after_h1: str = "", title: str = "") -> str:
    title = title or "Harbour Committee Approves New Ferry Timetable"
    return (
        f"<html><head><title>{title} - Tidewater Gazette</title>{head}</head><body>"
        f"{before}<article><h1>{title}</h1>{after_h1}{_BODY}</article></body></html>"
    )


def _date(html: str, url: str | None = None) -> str | None:
    return parse_html(html, url=url).date


# --- one parser on both paths ---------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-31",
        "1985-05-15",
        "２０２３年５月１５日",
        "20230515",
        "2019年9月7日",
        "April 28, 2019 at 6:01 am",
        "7 September 2019",
        "2019-09-07T23:30:00-07:00",
        "not a date",
    ],
)
def test_html_values_and_text_format_agree(value: str) -> None:
    """normalize_date is parse_date for machine values: the same answer on both paths."""
    assert normalize_date(value) == parse_date(value, allow_compact=True)


def test_impossible_meta_date_is_refused_and_the_next_source_used() -> None:
    html = _page(
        head='<meta property="article:published_time" content="2023-02-31T10:00:00Z">',
        after_h1='<p class="byline">By Ann Lee, <time datetime="2023-02-28">Feb 28</time></p>',
    )
    assert _date(html) == "2023-02-28"


def test_dates_before_1990_are_accepted() -> None:
    html = _page(head='<meta name="date" content="1985-05-15">')
    assert _date(html) == "1985-05-15"


def test_compact_date_in_meta_but_not_in_visible_text() -> None:
    assert _date(_page(head='<meta name="pubdate" content="20230515">')) == "2023-05-15"
    # Eight digits shown beside the headline are an id, an order or a phone number.
    assert _date(_page(after_h1="<p>Ref. 20230515</p>")) is None


# --- time zones: the day as written ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-09-07T23:30:00-07:00", "2019-09-07"),  # UTC would say the 8th
        ("2019-09-08T01:30:00+09:00", "2019-09-08"),  # UTC would say the 7th
        ("2019-09-07T23:30:00Z", "2019-09-07"),
    ],
)
def test_timestamp_keeps_its_local_date(value: str, expected: str) -> None:
    meta = f'<meta property="article:published_time" content="{value}">'
    assert _date(_page(head=meta)) == expected
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x", '
        f'"datePublished": "{value}"}}</script>'
    )
    assert _date(_page(head=ld)) == expected


# --- dates shown only in the visible text ---------------------------------------------


def test_span_with_timestamp_under_the_headline() -> None:
    html = _page(after_h1='<div class="info"><span>2019-09-07 15:10:53</span></div>')
    assert _date(html) == "2019-09-07"


def test_english_byline_with_time_of_day() -> None:
    html = _page(after_h1='<p class="byline">By Ann Lee | April 28, 2019 at 6:01 am</p>')
    assert _date(html) == "2019-04-28"


def test_day_first_english_date() -> None:
    assert _date(_page(after_h1="<p>Ann Lee, 7 September 2019</p>")) == "2019-09-07"


def test_time_element_without_pubdate_near_the_headline() -> None:
    html = _page(after_h1='<p><time datetime="2021-03-04T08:00:00+01:00">4 March</time></p>')
    assert _date(html) == "2021-03-04"


def test_chinese_labelled_date_under_a_title_div() -> None:
    """Portal layout: the headline is a classed div, not an <h1>, and the date line under it
    carries a "发布时间：" label and full-width digits."""
    title = "市政府公布公交线路调整方案"
    html = (
        f"<html><head><title>{title}_某某新闻网</title></head><body>"
        '<div class="top">欢迎访问 | 登录</div>'
        f'<div class="main"><div class="art-tit">{title}</div>'
        '<div class="info">发布时间：２０１９年９月７日　来源：本网</div>'
        f"{_BODY_ZH}</div></body></html>"
    )
    assert _date(html) == "2019-09-07"


def test_labelled_date_found_without_a_matching_headline() -> None:
    html = (
        "<html><head><title>公交线路调整</title></head><body><div>"
        '<p class="meta">发布时间：2019年9月7日 10:30</p>'
        f"{_BODY_ZH}</div></body></html>"
    )
    assert _date(html) == "2019-09-07"


def test_date_line_just_above_the_headline() -> None:
    html = _page(before="", after_h1="").replace(
        "<article><h1>", '<article><p class="kicker">07.09.2019 | Local</p><h1>'
    )
    assert _date(html) == "2019-09-07"


# --- what to prefer -------------------------------------------------------------------


def test_meta_date_wins_over_a_visible_one() -> None:
    html = _page(
        head='<meta property="article:published_time" content="2019-09-07">',
        after_h1="<p>Updated 2019-09-09 10:00</p>",
    )
    assert _date(html) == "2019-09-07"


def test_date_near_the_top_beats_sidebar_and_comment_dates() -> None:
    """A sidebar (earlier in the page) and the comments carry <time> elements; the
    article's own date is text under its headline."""
    title = "Harbour Committee Approves New Ferry Timetable"
    html = (
        f"<html><head><title>{title}</title></head><body>"
        '<div class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Old news</a> '
        '<time datetime="2018-01-02">2 Jan</time></li></ul></div>'
        f'<div class="story"><h1>{title}</h1><p class="by">Ann Lee · 2019-09-07</p>{_BODY}</div>'
        '<div id="comments"><p>Nice! <time datetime="2020-05-05">5 May</time></p></div>'
        "</body></html>"
    )
    assert _date(html) == "2019-09-07"


def test_comment_and_sidebar_dates_alone_give_no_date() -> None:
    html = _page(
        before="<aside><p>Archive: 2018-01-02</p></aside>",
    ).replace(
        "</article>",
        '</article><section class="comments"><p>Posted 2020-05-05</p>'
        '<time datetime="2020-05-05">5 May</time></section>',
    )
    assert _date(html) is None


def test_logo_h1_does_not_anchor_the_header_date() -> None:
    """A site-name <h1> in the header is followed by today's date, not the article's."""
    title = "Harbour Committee Approves New Ferry Timetable"
    html = (
        f"<html><head><title>{title}</title></head><body>"
        "<header><h1>Tidewater Gazette</h1><span>Sunday, 13 February 2022</span></header>"
        f"<div class='story'><h2>Other headline</h2>{_BODY}</div></body></html>"
    )
    assert _date(html) is None
