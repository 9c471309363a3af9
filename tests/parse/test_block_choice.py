"""The content scorer must pick the article, not a block that merely outscores it.

Issue 12: on unseen pages a comment thread, an author/profile box, a newsletter form, a
footer or a list of teasers was taken instead of a short article, and on an endless-scroll
page the wrong ``<article>`` was taken. Each page under fixtures/wild_c/ was written for
these tests and shows one of those failures with signals that hold across the web (forms,
``<footer>``, class words, repeated teaser structures, the page title).
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.parse.html import parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "wild_c"


def _text(name: str) -> str:
    return parse_html((FIXTURES / name).read_text("utf-8")).text


def test_comment_thread_does_not_replace_a_short_article() -> None:
    text = _text("comments_short_article.html")
    assert "open the tower to visitors on Sunday" in text
    assert "ten at a time" in text
    assert "volunteers deserve more credit" not in text
    assert "comments." not in text


def test_profile_box_does_not_replace_a_short_post() -> None:
    text = _text("profile_box.html")
    assert "five benches where nobody ever sits" in text
    assert "oddly charming" in text
    assert "schoolteacher" not in text
    assert "complete profile" not in text


def test_endless_scroll_takes_the_article_matching_the_title() -> None:
    text = _text("endless_scroll.html")
    assert "two old cranes of the east quay" in text
    assert "crane drivers had been trained" in text
    assert "ferry workers' choir" not in text
    assert "night market" not in text.lower()


def test_teaser_list_does_not_replace_a_short_article() -> None:
    text = _text("teaser_list.html")
    assert "worn parapet" in text
    assert "temporary footbridge" in text
    assert "Story number" not in text
    assert "A short summary" not in text


def test_newsletter_form_and_footer_do_not_replace_a_short_article() -> None:
    text = _text("footer_and_form.html")
    assert "twenty minutes earlier" in text
    assert "Season tickets" in text
    assert "island bulletin" not in text
    assert "never share your address" not in text
    assert "Founded in 1952" not in text


def test_page_wrapped_in_one_form_still_gives_its_article() -> None:
    """ASP.NET pages wrap the whole body in a ``<form>``: that is no sign-up form."""
    text = _text("aspnet_wrapper.html")
    assert "Paragraph 1 of the council report" in text
    assert "Paragraph 6 of the council report" in text


def test_article_mentioning_comments_and_footers_keeps_that_text() -> None:
    paragraphs = "".join(
        f"<p>Sentence {i}: readers left comments about the footer of the old town hall, "
        "which the masons will subscribe to restore, and about the related works on the "
        "square, which the council will pay for from next year's budget.</p>"
        for i in range(5)
    )
    page = (
        "<html><head><title>Town hall footer restored</title></head><body>"
        f'<div class="article-body">{paragraphs}</div></body></html>'
    )
    text = parse_html(page).text
    assert text.count("readers left comments") == 5


def test_navigation_box_table_after_a_wiki_article_is_dropped() -> None:
    """A wiki's navbox has a header row and many rows, like a data table, but it is all
    links: it is a menu."""
    paragraphs = "".join(
        f"<p>Section {i} of the entry describes the old canal, its locks, its lock keepers "
        "and the barges that carried coal and grain along it until the railway came.</p>"
        for i in range(6)
    )
    rows = "".join(
        f'<tr><th scope="row">Group {i}</th><td><a href="/w/a{i}">Canal number {i}</a> · '
        f'<a href="/w/b{i}">River port {i}</a> · <a href="/w/c{i}">Lock flight {i}</a></td></tr>'
        for i in range(12)
    )
    data_rows = "".join(
        f"<tr><td>Lock {i}</td><td>{i * 3} m</td><td>{1790 + i}</td></tr>" for i in range(12)
    )
    page = (
        "<html><head><title>Old canal</title></head><body><div id='bodyContent'>"
        f"{paragraphs}<table><tr><th>Lock</th><th>Rise</th><th>Built</th></tr>{data_rows}</table>"
        f'<table class="navbox"><tr><th colspan="2">Canals of the region</th></tr>{rows}</table>'
        "</div></body></html>"
    )
    text = parse_html(page).text
    assert "Section 5 of the entry" in text
    assert "Lock 11" in text  # a table of data stays
    assert "Canal number" not in text
    assert "River port" not in text


def test_rail_of_headlines_with_read_more_links_beside_the_article_is_left_out() -> None:
    """Teasers headed by a plain headline and ending in "Read more...", in a wrapper whose
    class ("secondaryContent") would earn it a place beside the article."""
    paragraphs = "".join(
        f"<p>Paragraph {i}: the valley's cider makers pressed a record harvest this autumn, "
        "thanks to a warm spring, a wet summer and an orchard census that found trees "
        "nobody had picked in thirty years.</p>"
        for i in range(5)
    )
    teasers = "".join(
        f"<li><h3>Other valley story number {i}</h3><p class='text'>A summary of the other "
        f"story, in one sentence. <a href='/news/{i}'>Read more...</a></p></li>"
        for i in range(6)
    )
    page = (
        "<html><head><title>Record cider harvest</title></head><body><div id='block'>"
        f"<div id='mainPrimary'><h1>Record cider harvest</h1>{paragraphs}</div>"
        f"<div id='secondaryContentContainer'><div><ul>{teasers}</ul></div></div>"
        "</div></body></html>"
    )
    text = parse_html(page).text
    assert "Paragraph 4: the valley's cider makers" in text
    assert "Other valley story" not in text
    assert "A summary of the other story" not in text


def test_endless_scroll_matches_a_title_with_a_site_suffix() -> None:
    page = (FIXTURES / "endless_scroll.html").read_text("utf-8")
    page = re.sub(r'<meta property="og:title"[^>]*>', "", page)
    page = page.replace(
        "<title>Harbour cranes return to the east quay</title>",
        "<title>Harbour cranes return to the east quay | The Quayside Courier</title>",
    )
    text = parse_html(page).text
    assert "two old cranes of the east quay" in text
    assert "ferry workers' choir" not in text
