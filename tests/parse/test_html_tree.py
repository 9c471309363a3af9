"""Tests for reader.parse.html_tree: bs4's tree as the fallback when lxml lost the body.

The pages under fixtures/wild_b/ are written for these tests (not copied from any site);
each shows one way libxml2 loses an article without a fatal error, as seen on real pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from reader.parse import html_tree
from reader.parse.html import _parse_tree, parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "wild_b"

_PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the story, long enough to count as article text for a reader.</p>"
    for i in range(6)
)


def _load(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def _body_text(name: str) -> str:
    return " ".join(b.text for b in parse_html(_load(name)).blocks)


def _lxml_only(source: str) -> etree._Element:
    root = _parse_tree(source, rescue=False)
    assert root is not None
    return root


def test_unclosed_div_in_noscript_keeps_the_article() -> None:
    # libxml2 ignores </noscript> while the div is open and nests the whole page in it.
    source = _load("noscript_swallows_body.html")
    assert html_tree.lost_body(_lxml_only(source), source)
    text = _body_text("noscript_swallows_body.html")
    assert text.startswith("The small passenger ferry")
    assert "a second boat by next summer" in text
    assert "Coastline Gazette, 4 Quay Street" not in text  # the footer is still left out


def test_early_html_end_tag_keeps_what_follows() -> None:
    # libxml2 drops everything after </html>; a browser puts it in the body.
    source = _load("stray_html_end_tag.html")
    assert html_tree.lost_body(_lxml_only(source), source)
    article = parse_html(source)
    text = " ".join(b.text for b in article.blocks)
    assert text.startswith("The village library has turned")
    assert "seed-saving workshop is planned for the autumn" in text
    assert article.title == "Village library opens a seed exchange"


def test_stray_content_is_gathered_into_the_body() -> None:
    source = _load("stray_html_end_tag.html")
    root = html_tree.soup_reparse(source, lambda m: _parse_tree(m, rescue=False))
    assert root is not None
    body = root.find("body")
    assert body is not None
    assert body.find(".//div[@id='content']") is not None
    assert [el.tag for el in root] == ["head", "body"]


@pytest.mark.parametrize(
    "page",
    [
        # An honest noscript message: small, closed.
        "<html><body><noscript><p>Please turn on JavaScript.</p></noscript>"
        f"<article>{_PARAGRAPHS}</article></body></html>",
        # "</html>" inside a script string: the tree holds everything.
        "<html><body><script>document.write('<html><body></body></html>');</script>"
        f"<article>{_PARAGRAPHS}</article></body></html>",
        # Only scripts and whitespace after the end tag.
        f"<html><body><article>{_PARAGRAPHS}</article></body></html>\n"
        "<script>window.analytics = {site: 'example', pageType: 'article', version: 3};"
        "window.analytics.track('view', {path: location.pathname});</script>\n" * 3,
        # A lazy-loading image fallback: noscript holding an element but no text.
        "<html><body><article><noscript><img src='a.jpg' alt=''></noscript>"
        f"{_PARAGRAPHS}</article></body></html>",
    ],
)
def test_sound_pages_are_not_parsed_twice(page: str) -> None:
    assert not html_tree.lost_body(_lxml_only(page), page)


def test_the_lxml_tree_is_kept_when_bs4_shows_no_more_text() -> None:
    # A page that really keeps its article in noscript: bs4 gives the same tree, so the
    # lxml one stays (and the page is no worse than before).
    page = (
        "<html><body><div>Menu</div><noscript><div class='fallback'>"
        f"{_PARAGRAPHS}</div></noscript></body></html>"
    )
    root = _lxml_only(page)
    assert html_tree.lost_body(root, page)
    kept = html_tree.rescue_tree(root, page, lambda m: _parse_tree(m, rescue=False))
    assert kept is root


def test_visible_length_leaves_out_scripts_styles_and_noscript() -> None:
    root = _lxml_only(
        "<html><head><title>Title</title><style>p{color:red}</style></head><body>"
        "<script>var a = 1;</script><noscript>Turn on JS</noscript><p>Hello world</p>"
        "</body></html>"
    )
    assert html_tree.visible_length(root) == len("Helloworld")


def test_paragraphs_after_an_early_body_end_tag_are_read() -> None:
    # libxml2 keeps them but beside <body>, where they have no container to be scored in.
    page = (
        "<html><head><title>Story</title></head><body><div class='menu'>"
        "<a href='/'>Home</a> <a href='/about'>About</a></div></body>"
        f"{_PARAGRAPHS}</html>"
    )
    text = " ".join(b.text for b in parse_html(page).blocks)
    assert "Paragraph 0 of the story" in text
    assert "Paragraph 5 of the story" in text
