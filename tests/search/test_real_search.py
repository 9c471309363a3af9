"""Searches over the bundled sample archive and the real corpora find what a person expects."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.search.sync import open_engine, search_library, sync_index
from tests.conftest import SAMPLE_ARCHIVE, shared_path


def _library(archive: Path, data: Path):  # type: ignore[no-untyped-def]
    catalogue = Catalogue(data / "catalogue.sqlite3")
    import_paths(catalogue, [archive], workers=1)
    engine = open_engine(data)
    sync_index(catalogue, engine)
    return catalogue, engine


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    catalogue, engine = _library(SAMPLE_ARCHIVE, tmp_path_factory.mktemp("sample"))
    yield catalogue, engine
    engine.close()
    catalogue.close()


def found(library, query: str, **kw: object) -> list[str]:  # type: ignore[no-untyped-def]
    catalogue, engine = library
    hits = search_library(catalogue, engine, query, **kw).hits  # type: ignore[arg-type]
    return [catalogue.summary(h.id)["title"] for h in hits]


def manifest() -> list[dict[str, str]]:
    with open(SAMPLE_ARCHIVE / "MANIFEST.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_chinese_words_rank_the_article_about_them_first(sample) -> None:  # type: ignore[no-untyped-def]
    hits = found(sample, "海外仓")
    assert hits[0] == "海外仓选址怎么算账?美西、美东与中部仓的成本对比"
    assert "跨境包裹的碳足跡標示，會成為下一個合規門檻嗎？" in hits  # 海外倉, Traditional
    assert found(sample, "斋月")[0] == "中东电商大促观察:斋月前后的消费节奏"


def test_simplified_queries_find_traditional_articles(sample) -> None:  # type: ignore[no-untyped-def]
    assert found(sample, "台湾卖家")[0] == "台灣賣家前進日本電商：物流、金流與客服的準備"
    assert found(sample, "碳足迹") == ["跨境包裹的碳足跡標示，會成為下一個合規門檻嗎？"]
    assert found(sample, "集运仓")[0] == "香港集運倉的轉型：從代收包裹到跨境履約中心"


def test_english_words_stems_prefixes_and_phrases(sample) -> None:  # type: ignore[no-untyped-def]
    assert found(sample, "freight forwarder")[0] == (
        "Five Questions to Ask a Freight Forwarder Before Peak Season"
    )
    english = {r["title"] for r in manifest() if r["lang"] == "en"}
    shipping = found(sample, "shipp*")
    assert len(shipping) >= 4 and set(shipping) <= english
    assert found(sample, '"duty-free thresholds"') == [
        "The End of the Cheap Parcel? Duty-Free Thresholds Are Under Review"
    ]


def test_field_and_date_filters(sample) -> None:  # type: ignore[no-untyped-def]
    rows = manifest()
    assert set(found(sample, "site:出海观察")) == {
        r["title"] for r in rows if r["site"] == "出海观察"
    }
    assert set(found(sample, "lang:zh-hant")) == {
        r["title"] for r in rows if r["lang"] == "zh-Hant"
    }
    assert set(found(sample, "date:2025")) == {
        r["title"] for r in rows if r["date"].startswith("2025")
    }
    assert set(found(sample, "date:2024-01..2024-06")) == {
        r["title"] for r in rows if "2024-01" <= r["date"][:7] <= "2024-06"
    }
    assert found(sample, "title:直播") == ["东南亚直播带货复盘：一个家居小店的前九十天"]
    by_date = found(sample, "跨境", sort="date")
    dates = {r["title"]: r["date"] for r in rows}
    assert [dates[t] for t in by_date] == sorted((dates[t] for t in by_date), reverse=True)


def test_broken_syntax_still_finds_the_words(sample) -> None:  # type: ignore[no-untyped-def]
    catalogue, engine = sample
    results = search_library(catalogue, engine, '"海外仓')
    assert results.note and "could not be parsed" in results.note
    assert [catalogue.summary(h.id)["title"] for h in results.hits] == found(sample, "海外仓")
    assert found(sample, "海外仓 OR") == found(sample, "海外仓")


def test_traditional_news_found_by_simplified_substrings(tmp_path: Path) -> None:
    """A Simplified query made from any 2-4 characters of a real Traditional article finds it."""
    import opencc

    folder = shared_path("corpus", "zh-hant-news")
    catalogue, engine = _library(folder, tmp_path)
    to_simplified = opencc.OpenCC("t2s.json").convert
    rng = random.Random(11)
    from reader.search.analysis import CJK_RUN

    checked = 0
    for article_id in rng.sample(catalogue.ids(), 40):
        _, body = catalogue.title_and_text(article_id)  # type: ignore[misc]
        runs = [r for r in CJK_RUN.findall(body) if len(r) >= 6]
        if not runs:
            continue
        run = rng.choice(runs)
        size = rng.choice([2, 3, 4])
        start = rng.randrange(0, len(run) - size + 1)
        query = to_simplified(run[start : start + size])
        hits = search_library(catalogue, engine, query, limit=2000).hits
        assert article_id in {h.id for h in hits}, query
        checked += 1
    assert checked >= 30
    engine.close()
    catalogue.close()
