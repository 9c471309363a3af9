"""Text that readers do not want, and article lists they do: reader.parse.html.

Every page here is written for these tests (inline, or under fixtures/wild_b/), each
showing one failure class seen on real pages: soft hyphens inside words, ruby readings
read inline, an infobox flattened into paragraphs, a byline holding dates kept as body
text, and a recipe losing its ingredients and steps to the conditional cleaning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.article import Article
from reader.parse.html import parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "wild_b"

_BODY = "".join(
    f"<p>Paragraph {i} of the story runs on, with clauses, commas, and enough words to read "
    "as the article body when the page is scored.</p>"
    for i in range(6)
)


def _page(inner: str, *, title: str = "A story", lang: str = "en") -> str:
    return (
        f"<html lang='{lang}'><head><title>{title}</title></head><body>"
        f"<article class='post'><div class='entry-content'>{inner}</div></article></body></html>"
    )


def _texts(article: Article) -> list[str]:
    return [b.text for b in article.blocks]


def _joined(article: Article) -> str:
    return "\n".join(_texts(article))


# --- soft hyphens ---------------------------------------------------------------------


def test_soft_hyphens_inside_words_are_removed() -> None:
    article = parse_html(
        _page(
            "<p>The Donau\u00addampf\u00adschiff\u00adfahrt company and the "
            "Bundes&shy;verfassungs&#173;gericht ruling made the news.</p>" + _BODY,
            title="Hyphen\u00adation",
        )
    )
    assert "\u00ad" not in _joined(article)
    assert _texts(article)[0].startswith("The Donaudampfschifffahrt company and the Bundes")
    assert "Bundesverfassungsgericht" in _texts(article)[0]
    assert article.title == "Hyphenation"


# --- ruby -----------------------------------------------------------------------------


def test_ruby_readings_are_dropped() -> None:
    sentence = "が増えている。長い文章が続きます、記事の本文として読まれるための文章です。"
    article = parse_html(
        _page(
            f"<p>子<rt>こども</rt>への虐待<rt>ぎゃくたい</rt>{sentence}</p>"
            f"<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rp>(</rp><rt>じ</rt><rp>)</rp>"
            f"</ruby>{sentence}</p>" + _BODY,
            lang="ja",
        )
    )
    texts = _texts(article)
    assert texts[0] == "子への虐待" + sentence
    assert texts[1] == "漢字" + sentence


# --- infoboxes ------------------------------------------------------------------------

_FACT_ROWS = [
    ("Born", "12 March 1901, Lisbon"),
    ("Died", "1980"),
    ("Occupation", "Cartographer"),
    ("Known for", "Maps of the river delta"),
]


def _fact_table(attrs: str, cell: str = "th") -> str:
    rows = "".join(f"<tr><{cell}>{k}</{cell}><td>{v}</td></tr>" for k, v in _FACT_ROWS)
    return f"<table {attrs}><tr><th colspan='2'>Maria Lopes</th></tr>{rows}</table>"


@pytest.mark.parametrize(
    "table",
    [
        _fact_table("class='infobox vcard'"),
        _fact_table("class='fact-box'"),
        _fact_table("style='float: right; width: 22em'", cell="td"),
        _fact_table("align='left' width='240'"),
    ],
)
def test_infobox_is_not_flattened_into_the_body(table: str) -> None:
    article = parse_html(
        _page(table + "<p>Maria Lopes (1901–1980) was a cartographer of rivers.</p>" + _BODY)
    )
    text = _joined(article)
    assert "Occupation" not in text and "Known for" not in text
    assert _texts(article)[0] == "Maria Lopes (1901–1980) was a cartographer of rivers."


def test_data_tables_and_floated_layout_tables_stay() -> None:
    data = (
        "<table><caption>Votes</caption><tr><th>Side</th><th>Votes</th></tr>"
        "<tr><td>Ayes</td><td>1200</td></tr><tr><td>Noes</td><td>1500</td></tr></table>"
    )
    long_cell = "A long layout cell that holds a whole paragraph of the article's own text, " * 3
    layout = (
        "<table align='right'>"
        + "".join(f"<tr><td>{long_cell} (part {i})</td></tr>" for i in range(3))
        + "</table>"
    )
    text = _joined(parse_html(_page(_BODY + data + layout)))
    assert "Ayes 1200" in text
    assert "(part 2)" in text


# --- bylines holding dates ------------------------------------------------------------


@pytest.mark.parametrize(
    "byline",
    [
        "April 28, 2019 at 6:01 am Updated April 28, 2019 at 9:15 am",
        "By Jane Doe, Staff Writer | April 28, 2019 at 6:01 am | Updated April 29, 2019",
        "By Tomas Lindqvist and Ana Ribeiro, 08 June 2010",
        "By Jane Doe - 11/18/19 11:04 PM EST",
        "By Jane Doe<br>Published March 25, 2015",
    ],
)
def test_bylines_holding_dates_are_not_body_text(byline: str) -> None:
    article = parse_html(_page(f"<p class='meta-line'>{byline}</p>" + _BODY))
    assert _texts(article)[0].startswith("Paragraph 0 of the story")


@pytest.mark.parametrize(
    "sentence",
    [
        "By March 3, the committee will decide whether the bridge reopens in time.",
        "By 2020, the city had added 40 buses and two new tram lines to its network.",
        "By then, on April 28, 2019 at 6:01 am, the ferry had left the harbour.",
    ],
)
def test_sentences_starting_with_by_stay(sentence: str) -> None:
    article = parse_html(_page(f"<p>{sentence}</p>" + _BODY))
    assert _texts(article)[0] == sentence


# --- recipes: lists that are part of the article -------------------------------------


def test_recipe_with_linked_ingredients_and_step_photos_keeps_its_lists() -> None:
    text = _joined(parse_html((FIXTURES / "recipe_card_plugin.html").read_text("utf-8")))
    for item in ("200 g rolled oats", "2 tsp baking powder", "3 tbsp honey"):
        assert item in text
    assert "Heat the oven to 180C and line a muffin tin with paper cases." in text
    assert "Spoon into the cases and bake for 25 minutes, until golden." in text
    assert text.endswith("warm them through in a low oven.")


def test_recipe_under_headings_keeps_ingredients_and_method() -> None:
    article = parse_html((FIXTURES / "recipe_lists.html").read_text("utf-8"))
    items = [b.text for b in article.blocks if b.kind == "li"]
    assert "150 g pearl barley" in items
    assert "Rinse the barley, add it with the stock and simmer for forty minutes." in items
    assert "Nettle pesto" not in _joined(article)  # the sidebar stays out


def test_a_list_of_linked_teasers_inside_the_article_is_still_cleaned() -> None:
    teasers = "".join(
        f"<li><a href='/story/{i}'>Another story number {i} from the same site.</a></li>"
        for i in range(5)
    )
    block = (
        "<div class='more'><h3>More from the site</h3><p>Picked for you.</p>"
        f"<ul>{teasers}</ul></div>"
    )
    text = _joined(parse_html(_page(_BODY + block)))
    assert "Another story number" not in text
