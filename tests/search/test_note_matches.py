"""A hit counts as found "in your notes" only when the notes really hold the query's words.

Regression (issue 11): a hit matched by its title was labelled "✎ in your notes" because
the article had a highlight (no note written) whose quote held one word of a two-word
query: any word of the query in any quote was taken for a match in the notes, while the
query asks for all of its words. A highlight's quote with none or only some of the
words is not a match in the notes; a note or quote with all of them is, as before. And a
``title:`` word asks for the title: a note holding it does not make the title match.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.search.engine import Hit
from reader.search.sync import open_engine, search_library, sync_index
from reader.search.whoosh_engine import WhooshEngine

# title, paragraphs; written for these tests
ARTICLES = {
    "amazon.txt": (
        "Amazon sellers brace for storage fees",
        [
            "Container rates fell again as carriers moved capacity to Europe.",
            "Managers expect a calm spring; the warehouse queue is short.",
        ],
    ),
    "freight.txt": (
        "Freight notes from the port",
        ["Brokers say the storage market is quiet and ports are calm."],
    ),
    "haiwai.txt": (
        "亚马逊卖家:海外仓费用上涨",
        ["今年不少卖家提前把货物送进仓库，以缩短配送时间。", "物流成本仍在上升。"],
    ),
}


@dataclass
class Library:
    catalogue: Catalogue
    engine: WhooshEngine
    ids: dict[str, int]  # file name -> article id
    store: AnnotationStore

    def hits(self, query: str) -> dict[int, Hit]:
        return {h.id: h for h in search_library(self.catalogue, self.engine, query).hits}


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    archive, data = tmp_path / "archive", tmp_path / "library"
    archive.mkdir()
    for n, (name, (title, paragraphs)) in enumerate(ARTICLES.items(), start=1):
        text = "\n\n".join([f"2024-01-{n:02d}", title, *paragraphs]) + "\n"
        (archive / name).write_text(text, encoding="utf-8")
    catalogue = Catalogue(data / "catalogue.sqlite3")
    import_paths(catalogue, [archive], workers=1)
    engine = open_engine(data)
    sync_index(catalogue, engine)
    ids = {Path(r["path"]).name: int(r["id"]) for r in catalogue.list_articles()}
    yield Library(catalogue, engine, ids, AnnotationStore(catalogue))
    engine.close()
    catalogue.close()


def test_a_title_hit_with_an_unrelated_highlight_is_not_in_the_notes(library: Library) -> None:
    amazon = library.ids["amazon.txt"]
    library.store.annotate_quote(amazon, "carriers moved capacity")  # no note written
    hit = library.hits("Amazon")[amazon]
    assert hit.matched_in == ["title"]
    assert not hit.snippet.startswith("✎")


def test_a_quote_holding_one_word_of_two_is_not_a_match_in_the_notes(library: Library) -> None:
    amazon = library.ids["amazon.txt"]
    library.store.annotate_quote(amazon, "the warehouse queue")  # holds "warehouse" only
    hit = library.hits("Amazon warehouse")[amazon]
    assert "note" not in hit.matched_in
    assert set(hit.matched_in) == {"title", "body"}
    # Chinese: the quote holds 仓库 but not 亚马逊, which only the title has
    haiwai = library.ids["haiwai.txt"]
    library.store.annotate_quote(haiwai, "把货物送进仓库")
    hit = library.hits("亚马逊 仓库")[haiwai]
    assert "note" not in hit.matched_in


def test_a_quote_or_note_holding_every_word_is_a_match_in_the_notes(library: Library) -> None:
    amazon, freight = library.ids["amazon.txt"], library.ids["freight.txt"]
    library.store.annotate_quote(amazon, "Managers expect a calm spring")
    hit = library.hits("calm spring")[amazon]
    assert "note" in hit.matched_in  # the quote holds both words
    # words only in a note: found there, and the snippet quotes the note
    library.store.annotate_quote(freight, "Brokers say", note="ask about zebra pallets")
    hit = library.hits("zebra pallets")[freight]
    assert hit.matched_in == ["note"]
    assert "[zebra]" in hit.snippet and hit.snippet.startswith("✎")
    # one word in the title, the other only in the note: the note did hold a word asked
    hit = library.hits("freight zebra")[freight]
    assert "note" in hit.matched_in
    # words split over two notes of one article still count, as in:notes finds it
    library.store.annotate_quote(freight, "ports are calm", note="harbour")
    hit = library.hits("zebra harbour")[freight]
    assert "note" in hit.matched_in


def test_a_title_word_is_not_found_in_a_note(library: Library) -> None:
    amazon, freight = library.ids["amazon.txt"], library.ids["freight.txt"]
    library.store.annotate_quote(freight, "Brokers say", note="compare with Amazon")
    assert set(library.hits("title:Amazon")) == {amazon}
    assert freight in library.hits("Amazon")  # a plain word still looks in the notes
    assert set(library.hits("in:notes Amazon")) == {freight}


def test_or_and_not_follow_the_query(library: Library) -> None:
    amazon = library.ids["amazon.txt"]
    library.store.annotate_quote(amazon, "carriers moved capacity")
    # either word of an OR in the quote is enough
    assert "note" in library.hits("capacity OR zebra")[amazon].matched_in
    # a word the query excludes, in another article's note, changes nothing here
    assert "note" not in library.hits("Amazon -zebra")[amazon].matched_in
