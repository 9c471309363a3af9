"""Tests for reader.parse.html: hand-written pages for behaviour, the shared corpus for quality.

The fixtures under fixtures/html/ are written for these tests (not copied from real sites),
so each assertion names a behaviour we rely on: boilerplate dropped, block kinds kept,
metadata found, links cleaned, malformed input survived.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from reader.article import Article
from reader.errors import NotAnArticle
from reader.parse.html import parse_html
from tests.conftest import SHARED

FIXTURES = Path(__file__).parent / "fixtures" / "html"
CORPUS = SHARED / "corpus"  # READER_SHARED_DIR, or ../shared


def _load(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


@pytest.fixture(scope="module")
def english() -> Article:
    return parse_html(_load("news_en.html"), path="/archive/news_en.html")


@pytest.fixture(scope="module")
def chinese() -> Article:
    return parse_html(_load("news_zh.html"))


def test_english_metadata(english: Article) -> None:
    assert english.kind == "html"
    assert english.path == "/archive/news_en.html"
    assert english.title == "Harbour Town Opens Floating Library"
    assert english.date == "2021-06-14"
    assert english.site == "The Tidewater Gazette"
    assert english.byline == "Mira Okonkwo"
    assert english.language == "en"
    # Relative canonical resolved against <base href>.
    assert english.source_url == "https://gazette.example.org/news/2021/06/floating-library"


def test_english_body_keeps_article_and_drops_boilerplate(english: Article) -> None:
    text = english.text
    assert text.startswith("The old ferry")
    assert "ten thousandth book" in text
    for junk in (
        "cookies",
        "Most read",
        "Sidebar story",
        "Buy cheap boat insurance",
        "First! This is a comment",
        "All rights reserved",
        "tracking",
        "Tweet",
        "Home",
    ):
        assert junk not in text, junk
    # The headline duplicates the title and is not repeated as a body block.
    assert english.blocks[0].text != english.title


def test_english_block_kinds(english: Article) -> None:
    kinds = {b.text: b.kind for b in english.blocks}
    assert kinds["A deck for every age"] == "h"
    assert kinds["Opening hours are nine until six on weekdays."] == "li"
    assert kinds["Membership is free for residents of the harbour district."] == "li"
    assert (
        kinds["We wanted the boat to keep moving people, only now it moves them between stories."]
        == "quote"
    )
    assert kinds["The converted ferry at its new mooring beside the fish market."] == "caption"
    pre = [b for b in english.blocks if b.kind == "pre"]
    assert pre and pre[0].text == "09:00-18:00  weekdays\n10:00-16:00  weekends"
    # Reading order is document order.
    order = [b.text[:12] for b in english.blocks]
    assert order.index("The old ferr") < order.index("A deck for e") < order.index("The library ")


def test_english_links_are_absolute_and_clean(english: Article) -> None:
    urls = [link.url for link in english.links]
    assert "https://gazette.example.org/council/minutes-2021" in urls
    assert "https://gazette.example.org/news/2020/11/ferry-retired" in urls
    assert not any(u.startswith("javascript:") for u in urls)
    assert not any("facebook.com" in u or "twitter.com" in u or "ads.example" in u for u in urls)
    assert "https://gazette.example.org/sport" not in urls  # navigation
    assert len(urls) == len(set(urls))
    titles = {link.url: link.title for link in english.links}
    assert titles["https://gazette.example.org/council/minutes-2021"] == "published council minutes"


def test_chinese_page(chinese: Article) -> None:
    assert chinese.title == "山城开通首条空中索道巴士线路"
    assert chinese.date == "2022-03-08"
    assert chinese.byline == "林晓雨"
    assert chinese.site == "江畔日报"
    assert chinese.language == "zh-Hans"
    assert chinese.text.startswith("三月八日上午")
    assert "版权所有" not in chinese.text
    assert "首页" not in chinese.text
    assert any(b.kind == "h" and b.text == "市民反响热烈" for b in chinese.blocks)


def test_traditional_chinese_detected_without_lang() -> None:
    html = (
        "<html><head><title>颱風過後</title></head><body><article>"
        "<p>颱風過後，鄉鎮公所動員志工清理街道，學校暫時停課兩天，讓家長與孩子們一起整理"
        "環境，許多店家也提供免費飲水與點心給參與清理的民眾。</p>"
        "<p>氣象單位表示，下週還會有另一個熱帶性低氣壓靠近，請民眾隨時注意最新的天氣資訊，"
        "並且準備好緊急避難包與充足的飲用水。</p></article></body></html>"
    )
    art = parse_html(html)
    assert art.language == "zh-Hant"


def test_date_from_url_and_time_element() -> None:
    body = "<p>" + "A sentence long enough to count as article text, with a comma. " * 10 + "</p>"
    from_url = parse_html(
        f"<html><body><article>{body}</article></body></html>",
        url="https://news.example.com/2019/07/04/fireworks",
    )
    assert from_url.date == "2019-07-04"
    assert from_url.source_url == "https://news.example.com/2019/07/04/fireworks"
    assert from_url.site == "news.example.com"
    from_time = parse_html(
        f'<html><body><article><time datetime="2020-02-29T10:00">'
        f"Feb 29</time>{body}</article></body></html>"
    )
    assert from_time.date == "2020-02-29"


def test_site_suffix_dropped_from_title_tag() -> None:
    body = "<p>" + "Plenty of words in this paragraph make it the article body, surely. " * 8
    art = parse_html(
        f"<html><head><title>Rivers Rise Across the Valley - Daily Bugle</title>"
        f"</head><body><div>{body}</p></div></body></html>"
    )
    assert art.title == "Rivers Rise Across the Valley"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n  ",
        "<html><head><title>Nothing</title></head><body></body></html>",
    ],
)
def test_not_an_article(html: str) -> None:
    with pytest.raises(NotAnArticle):
        parse_html(html)


def test_script_only_page_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="no article text"):
        parse_html(_load("empty.html"))


@pytest.mark.parametrize("cut", [0.1, 0.3, 0.5, 0.7, 0.9, 0.97])
def test_truncated_html_never_crashes(cut: int) -> None:
    source = _load("news_en.html")
    truncated = source[: int(len(source) * cut)]
    try:
        art = parse_html(truncated)
    except NotAnArticle:
        return
    assert isinstance(art.title, str)
    assert all(b.text for b in art.blocks)


@pytest.mark.parametrize(
    "html",
    [
        "<p>unclosed <b>bold <i>italic <div>mis<p>nested</b> text that goes on a while, really",
        "<<<>>><html><body><p>Stray brackets && entities &nbsp &amp; &#xZZ; everywhere</p>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>XML declaration then a body "
        "paragraph that is long enough.</p></body></html>",
        "<html><body><p>nul\x00byte and \x07bell in text that should still parse fine</p>",
        "</div></div></body></html><p>closing tags first, then a paragraph of text here</p>",
        "<table><tr><td>" * 50 + "deeply nested cell text that is the only content",
        "\ufeff<html><body><article><p>BOM first, then article text.</p></article></body></html>",
    ],
)
def test_malformed_html_never_crashes(html: str) -> None:
    try:
        art = parse_html(html)
    except NotAnArticle:
        return
    assert art.blocks
    assert "\x00" not in art.text


# --- cleaning rules for credits, hover cards, datelines, promos and repeats -------------


@pytest.fixture(scope="module")
def cleanup() -> Article:
    return parse_html(_load("cleanup_en.html"))


def test_photo_credit_element_becomes_credit_not_caption(cleanup: Article) -> None:
    kinds = [(b.kind, b.text) for b in cleanup.blocks]
    # The caption is kept as a caption, without the credit glued onto it ...
    assert ("caption", "Agnes Pellew polishes the lens on her final morning at the light.") in kinds
    # ... and the credit is a separate "credit" block: shown, but not body text.
    assert ("credit", "Photo: Tomas Reyne / Harbour Wire") in kinds
    assert "Tomas Reyne" not in cleanup.text
    assert "Photo: Tomas Reyne / Harbour Wire" in cleanup.captions


def test_credit_only_lines_and_trailing_credits(cleanup: Article) -> None:
    text = cleanup.text
    assert "Getty Images" not in text  # "Image source, Getty Images" on its own line
    assert "AP Photo" not in text
    assert "Pellew waves from the gallery rail on her final evening." in text
    assert "(AP Photo/Lena Marsh)" in cleanup.captions


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Photo: Dana Whitlow, AP", "credit"),
        ("(Image: © Observatory Consortium)", "credit"),
        ("Piers Calloway | Getty Images", "credit"),
        ("Credit: Harbour Wire", "credit"),
        ("Photo finishes decided three of the five races on Saturday.", "p"),
    ],
)
def test_credit_line_patterns(line: str, kind: str) -> None:
    body = "<p>" + "A long enough paragraph about the regatta results, with a comma. " * 6
    art = parse_html(f"<html><body><article>{body}</p><p>{line}</p></article></body></html>")
    assert [b.kind for b in art.blocks if b.text == line] == [kind]


def test_caption_trailing_credit_split() -> None:
    body = "<p>" + "The regatta drew a record crowd to the harbour this year, organisers said. " * 5
    art = parse_html(
        f"<html><body><article>{body}</p><figure><img src='a.jpg'><figcaption>"
        "Crews round the north buoy in heavy rain.Credit: Harbour Wire</figcaption>"
        "</figure></article></body></html>"
    )
    assert ("caption", "Crews round the north buoy in heavy rain.") in [
        (b.kind, b.text) for b in art.blocks
    ]
    assert "Harbour Wire" not in art.text


def test_hover_card_dropped_but_link_text_kept(cleanup: Article) -> None:
    text = cleanup.text
    assert "according to councillor Ewan Dunmore the last one the coast" in text
    assert "dredging budget" not in text
    assert "timetable shake-up" not in text


def test_hidden_elements_dropped(cleanup: Article) -> None:
    assert "hidden paragraph" not in cleanup.text


def test_dateline_and_promos_dropped(cleanup: Article) -> None:
    text = cleanup.text
    assert "Updated 9:15" not in text
    assert "Coastal Briefing" not in text  # a sign-up box
    assert "inbox" not in text
    assert "may be reached at" not in text
    assert text.rstrip().endswith(
        "since nineteen eighty-one.\n\nPellew waves from the gallery rail on her final evening."
    )


def test_gallery_caption_copies_and_more_toggles_dropped(cleanup: Article) -> None:
    cottage = [b.text for b in cleanup.blocks if "keeper's cottage" in b.text]
    assert cottage == [
        "The keeper's cottage at the foot of the tower, where Pellew raised three "
        "children through forty winters of gales, fog and the odd shipwreck."
    ]


def test_repeated_paragraphs_and_dated_version_lists_kept() -> None:
    para = "<p>" + "The chorus comes back again and again, the same each time it is sung. " * 3
    versions = "".join(f"<blockquote>4.{i}.1 March 2014</blockquote>" for i in range(3))
    art = parse_html(f"<html><body><article>{para}</p>{para}</p>{versions}</article></body></html>")
    assert sum(1 for b in art.blocks if b.text.startswith("The chorus")) == 2
    assert sum(1 for b in art.blocks if b.text.endswith("March 2014")) == 3


# --- quality floor on the shared ground-truth corpus ------------------------------------

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def _f1(predicted: str, expected: str) -> float:
    p, e = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(expected.lower()))
    overlap = sum((p & e).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def _expected_text(html: str) -> str:
    from lxml import html as lxml_html

    return "\n".join(t.strip() for t in lxml_html.fromstring(html).itertext())


_READABILITY_PAGES = [
    "aclu",
    "nytimes-1",
    "qq",
    "gmw",
    "wikipedia",
    "medium-1",
    "lemonde-1",
    "pixnet",
]


def test_corpus_readability_pages_f1_floor() -> None:
    root = CORPUS / "readability-test-pages"
    if not root.is_dir():
        pytest.skip("shared corpus not available")
    scores = []
    for name in _READABILITY_PAGES:
        page = root / name
        if not (page / "source.html").exists():
            continue
        art = parse_html((page / "source.html").read_text("utf-8", errors="replace"))
        expected = _expected_text((page / "expected.html").read_text("utf-8"))
        scores.append(_f1(art.text, expected))
        meta = json.loads((page / "expected-metadata.json").read_text("utf-8"))
        if meta.get("publishedTime"):
            assert art.date == meta["publishedTime"][:10], name
    if not scores:
        pytest.skip("no readability test pages found")
    assert statistics.fmean(scores) >= 0.95, scores


def test_corpus_newspaper_pages_f1_floor() -> None:
    root = CORPUS / "newspaper4k-test-data"
    if not root.is_dir():
        pytest.skip("shared corpus not available")
    scores = []
    for name in ["cnn_001", "time_001", "chinese_article_001", "yna_co_kr", "wired_001"]:
        html_path, txt_path = root / "html" / f"{name}.html", root / "txt" / f"{name}.txt"
        if html_path.exists() and txt_path.exists():
            art = parse_html(html_path.read_text("utf-8", errors="replace"))
            scores.append(_f1(art.text, txt_path.read_text("utf-8")))
    if not scores:
        pytest.skip("no newspaper4k pages found")
    assert statistics.fmean(scores) >= 0.9, scores
