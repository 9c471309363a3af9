"""Issue 9's folding reproducers through the public search call: Latin words with
accents, Taiwan and Hong Kong forms, 〇, and characters invisible inside words."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.search.sync import open_engine, search_library, sync_index
from reader.search.whoosh_engine import WhooshEngine

# Written for these tests: (file, title, body).
ARTICLES = [
    (
        "maori.txt",
        "Trade notes: Māori exporters",
        "Māori exporters met the Asociación de Exportadores at a café run by Herr Müller.",
    ),
    ("spanish.txt", "Notas: mercados", "Allí está el mercado de Fátima, que está lleno."),
    ("plain.txt", "Trade notes: plain English", "All sellers said the market is calm at times."),
    ("soft.txt", "Chemistry notes", "The réac\u00adtion was slow; co\u200boperation helped."),
    ("tw.txt", "物流觀察", "接著，隨著旺季到來，賣家著力改善衞生條件。敍利亞航線暫停。"),
    ("cn.txt", "物流观察", "接着，随着旺季到来，卖家着力改善卫生条件。叙利亚航线暂停。"),
    ("zero.txt", "年份写法", "报告写于二〇二三年，回顾了二〇二一年的数据。"),
    ("zero-other.txt", "年份写法二", "报告写于二〇一九年，两个二二相连。"),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, WhooshEngine]:
    root = tmp_path_factory.mktemp("folding")
    archive = root / "archive"
    archive.mkdir()
    for name, title, body in ARTICLES:
        (archive / name).write_text(f"2024-03-01\n\n{title}\n\n{body}\n", encoding="utf-8")
    catalogue = Catalogue(root / "data" / "catalogue.sqlite3")
    import_paths(catalogue, [archive], workers=1)
    engine = open_engine(root / "data")
    sync_index(catalogue, engine, workers=1)
    return catalogue, engine


def files(library: tuple[Catalogue, WhooshEngine], query: str) -> set[str]:
    catalogue, engine = library
    hits = search_library(catalogue, engine, query, limit=50).hits
    return {
        Path(str(catalogue.summary(h.id)["path"])).name  # type: ignore[index]
        for h in hits
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Māori", {"maori.txt"}),
        ("maori", {"maori.txt"}),
        ("café", {"maori.txt"}),
        ("cafe", {"maori.txt"}),  # accent folding, as Lucene's ASCII folding
        ("Müller", {"maori.txt"}),
        ('"the Asociación"', {"maori.txt"}),
        ("all", {"plain.txt"}),  # not Spanish "allí"
        ("allí", {"spanish.txt"}),
        ("est", set()),  # not "está"
        ("tim*", {"plain.txt"}),  # "times", not "Fátima"
        ("fatima", {"spanish.txt"}),
        ("mercado -fátima", set()),  # NOT excludes an accented word
        ("reaction", {"soft.txt"}),  # a soft hyphen inside the word
        ("cooperation", {"soft.txt"}),  # a zero-width space inside the word
        ('"réaction was slow"', {"soft.txt"}),
    ],
)
def test_latin_words_are_cut_and_folded_alike_on_both_sides(
    library: tuple[Catalogue, WhooshEngine], query: str, expected: set[str]
) -> None:
    assert files(library, query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "接着",
        "接著",
        "随着",
        "隨著",
        "著力",
        "着力",
        "卫生",
        "衛生",
        "衞生",
        "敍利亞",
        "叙利亚",
    ],
)
def test_taiwan_hong_kong_and_simplified_forms_find_each_other(
    library: tuple[Catalogue, WhooshEngine], query: str
) -> None:
    assert files(library, query) == {"tw.txt", "cn.txt"}


def test_ideographic_zero_is_a_cjk_character(library: tuple[Catalogue, WhooshEngine]) -> None:
    assert files(library, "二〇二") == {"zero.txt"}
    assert files(library, "〇一九") == {"zero-other.txt"}
    assert files(library, "二二") == {"zero-other.txt"}  # not across 〇


def test_snippet_marks_the_accented_and_the_hyphenated_word(
    library: tuple[Catalogue, WhooshEngine],
) -> None:
    catalogue, engine = library
    for query, shown in (("cafe", "café"), ("reaction", "réac\u00adtion")):
        hit = search_library(catalogue, engine, query).hits[0]
        assert [hit.snippet[a:b] for a, b in hit.marks] == [shown]


def _prefix_library(root: Path) -> tuple[Catalogue, WhooshEngine]:
    archive = root / "archive"
    archive.mkdir()
    letters = "abcdefghijklmnopqrstuvwxyz"
    # 676 words from "coaa" to "cozz", alphabetically before COP28 and COVID
    filler = " ".join(f"co{a}{b}" for a in letters for b in letters)
    (archive / "filler.txt").write_text(f"2024-01-01\n\nWord list\n\n{filler}\n", encoding="utf-8")
    (archive / "cop.txt").write_text(
        "2024-01-02\n\nClimate talks\n\nThe COP28 summit met.\n", encoding="utf-8"
    )
    for i in range(3):
        (archive / f"covid{i}.txt").write_text(
            f"2024-01-0{3 + i}\n\nHealth {i}\n\nCOVID rules changed again.\n", encoding="utf-8"
        )
    catalogue = Catalogue(root / "data" / "catalogue.sqlite3")
    import_paths(catalogue, [archive], workers=1)
    engine = open_engine(root / "data")
    sync_index(catalogue, engine, workers=1)
    return catalogue, engine


def test_prefix_expands_past_the_first_256_words(tmp_path: Path) -> None:
    library = _prefix_library(tmp_path)
    assert files(library, "co*") == {
        "filler.txt",
        "cop.txt",
        "covid0.txt",
        "covid1.txt",
        "covid2.txt",
    }
    assert search_library(*library, "co*").note is None


def test_a_capped_prefix_keeps_the_most_common_words_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.search import evaluate

    monkeypatch.setattr(evaluate, "PREFIX_STEMS", 10)
    library = _prefix_library(tmp_path)
    results = search_library(*library, "co*")
    catalogue = library[0]
    names = {
        Path(str(catalogue.summary(h.id)["path"])).name  # type: ignore[index]
        for h in results.hits
    }
    assert {"covid0.txt", "covid1.txt", "covid2.txt"} <= names  # the most common word
    assert any(
        "co* stands for" in note and "10 most common" in note for note in [results.note or ""]
    )
