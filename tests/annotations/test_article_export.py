"""An article exported with its highlights and notes (``article_export``): the text comes
back whole, every highlighted character is marked and no other, notes are footnotes."""

from __future__ import annotations

import re
from dataclasses import replace

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.article_export import article_html, article_markdown
from reader.annotations.model import Annotation, ArticleRef
from reader.article import Article, Block

PARAGRAPHS = [
    "Ports along the coast reported record volumes: *not* a typo, #1 in [Q1].",
    "商务部周一发布跨境电商出口便利化新规，涉及海关申报、退税和海外仓备案。",
    "1. Analysts expect freight rates to ease <soon> == later.",
]


def _article(paragraphs: list[str] = PARAGRAPHS) -> Article:
    return Article(
        title="Trade *rules*",
        blocks=[Block("paragraph", p) for p in paragraphs],
        date="2024-01-02",
        site="x.example.com",
        source_url="https://x.example.com/trade",
        language="en",
    )


def _annotation(n: int, start: int, end: int, note: str | None = None, color: str = "yellow"):  # type: ignore[no-untyped-def]
    text = _article().text
    return Annotation(
        id=f"a{n}",
        article=ArticleRef(1, None, None, "Trade rules", None),
        quote=text[start:end],
        prefix="",
        suffix="",
        start=start,
        end=end,
        orphaned=False,
        note=note,
        color=color,
        created=f"2024-01-0{n % 9 + 1}T00:00:00Z",
        modified="2024-01-01T00:00:00Z",
    )


def _md_plain(markdown: str) -> str:
    """The Markdown's text as a reader sees it: marks, footnote refs and escapes gone."""
    text = re.sub(r"\[\^\d+\]", "", markdown)
    text = re.sub(r"(?<!\\)==", "", text)
    return re.sub(r"\\(.)", r"\1", text)


def _marked_html(page: str) -> tuple[list[str], str]:
    soup = BeautifulSoup(page, "lxml")
    for sup in soup.find_all("sup"):
        sup.decompose()
    body = [p for p in soup.find_all("p") if "meta" not in (p.get("class") or [])]
    marked = "".join(m.get_text() for m in soup.find_all("mark"))
    return [p.get_text() for p in body], marked


def test_markdown_marks_the_highlight_and_footnotes_its_note() -> None:
    text = _article().text
    start = text.index("record volumes")
    a = _annotation(1, start, start + len("record volumes"), note="check the *figures*")
    md = article_markdown(_article(), [a])
    assert md.startswith("# Trade \\*rules\\*\n")
    assert "==record volumes==[^1]" in md
    assert "[^1]: check the *figures*" in md
    assert "<https://x.example.com/trade>" in md
    assert "\\*not\\* a typo, \\#1 in \\[Q1\\]" in md  # the article's own punctuation is text
    assert "1\\. Analysts" in md  # never a numbered list


def test_a_highlight_over_two_paragraphs_is_marked_in_each_with_one_footnote() -> None:
    text = _article().text
    start = text.index("[Q1]")
    end = text.index("海关申报")
    a = _annotation(1, start, end, note="spans")
    md = article_markdown(_article(), [a])
    assert md.count("[^1]") == 2  # the reference and the footnote itself
    assert "==\\[Q1\\].==" in md and "==商务部周一发布跨境电商出口便利化新规，涉及==[^1]" in md
    paragraphs, marked = _marked_html(article_html(_article(), [a]))
    assert paragraphs == PARAGRAPHS
    assert marked == text[start:end].replace("\n\n", "")


def test_html_is_inert_and_escapes_everything() -> None:
    evil = Article(
        title="<script>alert(1)</script>",
        blocks=[Block("paragraph", '<img src="http://x/y.png" onerror=alert(1)>')],
        source_url='https://x.example.com/"><script>',
    )
    page = article_html(evil, [])
    soup = BeautifulSoup(page, "lxml")
    assert not soup.find_all(["script", "img", "iframe", "link"])
    assert soup.find("h1").get_text() == "<script>alert(1)</script>"  # type: ignore[union-attr]


def test_orphaned_and_out_of_range_highlights_are_left_out() -> None:
    orphan = replace(_annotation(1, 0, 5), id="o", orphaned=True, start=None, end=None)
    beyond = replace(_annotation(2, 0, 5), id="b", end=10_000)
    md = article_markdown(_article(), [orphan, beyond])
    assert not re.search(r"(?<!\\)==", md)  # no mark (the article's own == is escaped)
    _, marked = _marked_html(article_html(_article(), [orphan, beyond]))
    assert marked == ""


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(_article().text) - 1),
            st.integers(1, 60),
            st.booleans(),
            st.sampled_from(["yellow", "green", "#123456"]),
        ),
        max_size=6,
    )
)
def test_any_highlights_keep_the_text_and_mark_exactly_their_characters(
    ranges: list[tuple[int, int, bool, str]],
) -> None:
    text = _article().text
    annotations = []
    covered: set[int] = set()
    for n, (start, length, noted, color) in enumerate(ranges):
        end = min(start + length, len(text))
        annotations.append(_annotation(n, start, end, "note" if noted else None, color))
        covered |= {i for i in range(start, end) if text[i] != "\n"}
    md = article_markdown(_article(), annotations)
    blocks = md.rstrip("\n").split("\n\n")[3:]  # after title, meta and source
    assert [_md_plain(b) for b in blocks[: len(PARAGRAPHS)]] == PARAGRAPHS
    notes = blocks[len(PARAGRAPHS) :]
    assert len("\n".join(notes).splitlines()) == sum(1 for r in ranges if r[2])
    paragraphs, marked = _marked_html(article_html(_article(), annotations))
    assert paragraphs == PARAGRAPHS
    assert sorted(marked) == sorted(text[i] for i in covered)
