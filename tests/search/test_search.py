"""Search behaviour through the public calls: what a person typing queries expects."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.search.engine import Hit
from reader.search.sync import open_engine, search_library, sync_index
from reader.search.whoosh_engine import WhooshEngine

# Written for these tests.
ARTICLES = {
    "trade.txt": (
        "2023-05-15",
        "跨境电商资讯:国际贸易新规出台",
        [
            "商务部发布国际贸易便利化新规，简化出口申报流程。",
            "业内人士认为，新规将降低中小卖家的合规成本。",
        ],
        "https://a.example.com/1",
    ),
    "tw.txt": (
        "2023-06-01",
        "電商物流資訊:超商取貨服務擴大",
        [
            "多家連鎖超商宣布擴大超商取貨服務，消費者可以在全台門市領取跨境包裹。",
        ],
        "https://b.example.com/2",
    ),
    "vip.txt": (
        "2012-06-12",
        "会员制度调整",
        [
            "平台推出ＶＩＰ会员，年费２０１２元，享受免运费服务。",
        ],
        None,
    ),
    "ship.txt": (
        "2024-01-10",
        "Cross-border News:Shipping costs fall",
        [
            "Container shipping rates fell again as carriers shipped more capacity to Europe.",
            "Logistics managers expect the supply chain to stay calm until spring.",
        ],
        "https://c.example.com/3",
    ),
    "chain.txt": (
        "2024-02-20",
        "Cross-border News:Chain of supply",
        [
            "Sellers describe the chain of supply differently: factories, forwarders, ports.",
        ],
        "https://c.example.com/4",
    ),
    "title-only.txt": (
        "2023-05-20",
        "亚马逊资讯:海外仓选址指南",
        [
            "卖家选择仓库时要比较租金、距离与退货处理能力。",
        ],
        "https://d.example.com/5",
    ),
    "body-mention.txt": (
        "2022-11-11",
        "亚马逊资讯:双十一复盘",
        [
            "今年双十一，不少卖家提前把货物送进海外仓，以缩短配送时间。",
        ],
        "https://d.example.com/6",
    ),
}


def write_archive(root: Path) -> None:
    for name, (date, title, paragraphs, url) in ARTICLES.items():
        lines = [date, "", title, ""]
        for para in paragraphs:
            lines += [para, ""]
        if url:
            lines.append(f"原文转载:{url}")
        (root / name).write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path) -> tuple[Catalogue, WhooshEngine]:
    archive = tmp_path / "archive"
    archive.mkdir()
    write_archive(archive)
    catalogue = Catalogue(tmp_path / "data" / "catalogue.sqlite3")
    import_paths(catalogue, [archive])
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine)
    yield catalogue, engine
    engine.close()
    catalogue.close()


def titles(library: tuple[Catalogue, WhooshEngine], query: str, **kw: object) -> list[str]:
    catalogue, engine = library
    results = search_library(catalogue, engine, query, **kw)  # type: ignore[arg-type]
    return [catalogue.summary(h.id)["title"] for h in results.hits]  # type: ignore[index]


def test_chinese_word_inside_a_sentence(library: tuple[Catalogue, WhooshEngine]) -> None:
    assert titles(library, "便利化") == ["国际贸易新规出台"]
    # crosses jieba's word boundary: 国际|贸易
    assert titles(library, "际贸") == ["国际贸易新规出台"]
    assert titles(library, "申报流程") == ["国际贸易新规出台"]


def test_longer_query_needs_the_literal_text(library: tuple[Catalogue, WhooshEngine]) -> None:
    # all bigrams of 贸易便利新 occur (贸易, 易便, 便利, 利新?) but the string does not
    assert titles(library, "贸易便利新") == []


def test_traditional_and_simplified_find_each_other(
    library: tuple[Catalogue, WhooshEngine],
) -> None:
    assert titles(library, "超商取货") == ["超商取貨服務擴大"]
    assert titles(library, "超商取貨") == ["超商取貨服務擴大"]
    assert titles(library, "国际贸易") == titles(library, "國際貿易") == ["国际贸易新规出台"]


def test_full_width_forms_fold(library: tuple[Catalogue, WhooshEngine]) -> None:
    assert titles(library, "vip") == ["会员制度调整"]
    assert titles(library, "ＶＩＰ") == ["会员制度调整"]
    assert titles(library, "2012") == ["会员制度调整"]


def test_english_stems_prefixes_and_phrases(library: tuple[Catalogue, WhooshEngine]) -> None:
    assert titles(library, "ships") == ["Shipping costs fall"]
    assert titles(library, "logist*") == ["Shipping costs fall"]
    assert titles(library, '"supply chain"') == ["Shipping costs fall"]
    assert set(titles(library, "supply chain")) == {"Shipping costs fall", "Chain of supply"}


def test_boolean_operators(library: tuple[Catalogue, WhooshEngine]) -> None:
    assert set(titles(library, "海外仓")) == {"海外仓选址指南", "双十一复盘"}
    assert titles(library, "海外仓 -双十一") == ["海外仓选址指南"]
    assert titles(library, "海外仓 NOT 双十一") == ["海外仓选址指南"]
    assert set(titles(library, "vip OR 超商")) == {"会员制度调整", "超商取貨服務擴大"}


def test_fields_and_dates(library: tuple[Catalogue, WhooshEngine]) -> None:
    assert titles(library, "title:海外仓") == ["海外仓选址指南"]
    assert titles(library, "title:shipping") == ["Shipping costs fall"]
    assert set(titles(library, "site:亚马逊资讯")) == {"海外仓选址指南", "双十一复盘"}
    assert set(titles(library, "site:c.example.com")) == {"Shipping costs fall", "Chain of supply"}
    assert set(titles(library, "海外仓 date:2023")) == {"海外仓选址指南"}
    assert set(titles(library, "date:2023-05")) == {"国际贸易新规出台", "海外仓选址指南"}
    assert set(titles(library, "date:2023-05..2023-06")) == {
        "国际贸易新规出台",
        "海外仓选址指南",
        "超商取貨服務擴大",
    }
    assert titles(library, "lang:zh-hant") == ["超商取貨服務擴大"]


def test_title_hits_rank_first_and_date_sort(library: tuple[Catalogue, WhooshEngine]) -> None:
    assert titles(library, "海外仓")[0] == "海外仓选址指南"
    assert titles(library, "海外仓", sort="date") == ["海外仓选址指南", "双十一复盘"]


def test_broken_syntax_still_searches(library: tuple[Catalogue, WhooshEngine]) -> None:
    catalogue, engine = library
    results = search_library(catalogue, engine, '"supply chain')
    assert results.note and "could not be parsed" in results.note
    assert {catalogue.summary(h.id)["title"] for h in results.hits} == {  # type: ignore[index]
        "Shipping costs fall",
        "Chain of supply",
    }
    assert titles(library, "(海外仓 OR") == ["海外仓选址指南", "双十一复盘"] or set(
        titles(library, "(海外仓 OR")
    ) == {"海外仓选址指南", "双十一复盘"}


def test_snippets_mark_hits(library: tuple[Catalogue, WhooshEngine]) -> None:
    catalogue, engine = library
    hit = search_library(catalogue, engine, "际贸").hits[0]
    assert "[际贸]" in hit.snippet
    start, end = hit.marks[0]
    assert hit.snippet[start:end] == "际贸"
    tw = search_library(catalogue, engine, "超商取货").hits[0]
    assert "[超商取貨]" in tw.snippet  # the article's own characters, not the folded ones


def test_index_follows_the_catalogue(
    tmp_path: Path, library: tuple[Catalogue, WhooshEngine]
) -> None:
    catalogue, engine = library
    archive = tmp_path / "archive"
    (archive / "vip.txt").unlink()
    (archive / "trade.txt").write_text(
        "2023-05-15\n\n跨境电商资讯:国际贸易新规出台\n\n改写后的正文只谈关税。", encoding="utf-8"
    )
    import_paths(catalogue, [archive])
    summary = sync_index(catalogue, engine)
    assert (summary.updated, summary.removed) == (1, 1)
    assert titles(library, "vip") == []
    assert titles(library, "便利化") == []
    assert titles(library, "关税") == ["国际贸易新规出台"]
    assert engine.doc_count() == catalogue.count()


def test_damaged_or_missing_index_is_rebuilt(
    tmp_path: Path, library: tuple[Catalogue, WhooshEngine]
) -> None:
    catalogue, engine = library
    engine.close()
    folder = tmp_path / "data" / "index"
    for segment in folder.glob("*.seg"):
        segment.write_bytes(b"\x00garbage")
    for toc in folder.glob("*.toc"):
        toc.write_bytes(toc.read_bytes()[:10])
    damaged = open_engine(tmp_path / "data")
    assert damaged.rebuilt and damaged.doc_count() == 0
    sync_index(catalogue, damaged)
    assert titles((catalogue, damaged), "际贸") == ["国际贸易新规出台"]
    damaged.close()

    import shutil

    shutil.rmtree(folder)
    fresh = open_engine(tmp_path / "data")
    assert fresh.rebuilt
    summary = sync_index(catalogue, fresh)
    assert summary.added == catalogue.count()
    fresh.close()


def test_recall_on_real_chinese_news(tmp_path: Path) -> None:
    """Every 2-4 character substring sampled from real articles finds its article."""
    from tests.conftest import shared_path

    folder = shared_path("corpus", "zh-news")
    files = sorted(folder.glob("*.txt"))[:300]
    catalogue = Catalogue(tmp_path / "lib" / "catalogue.sqlite3")
    import_paths(catalogue, files, workers=1)
    engine = open_engine(tmp_path / "lib")
    sync_index(catalogue, engine)
    rng = random.Random(5)
    ids = catalogue.ids()
    from reader.search.analysis import CJK_RUN

    checked = 0
    for article_id in rng.sample(ids, 60):
        title, body = catalogue.title_and_text(article_id)  # type: ignore[misc]
        runs = [r for r in CJK_RUN.findall(body) if len(r) >= 4]
        if not runs:
            continue
        run = rng.choice(runs)
        size = rng.choice([2, 3, 4])
        start = rng.randrange(0, len(run) - size + 1)
        needle = run[start : start + size]
        found = {h.id for h in search_library(catalogue, engine, needle, limit=5000).hits}
        assert article_id in found, needle
        checked += 1
    assert checked >= 40
    engine.close()
    catalogue.close()


def test_phrases_match_words_in_order(library: tuple[Catalogue, WhooshEngine]) -> None:
    assert titles(library, '"supply chains"') == ["Shipping costs fall"]  # by stem
    assert titles(library, '"the supply chain"') == ["Shipping costs fall"]
    assert titles(library, '"chain of supply"') == ["Chain of supply"]
    assert titles(library, '"chain supply"') == []
    assert titles(library, '"forwarders ports"') == ["Chain of supply"]  # a comma between
    assert titles(library, '"流程 简化"') == []
    assert titles(library, '"简化出口申报"') == ["国际贸易新规出台"]


def test_one_character_finds_every_article_holding_it(
    library: tuple[Catalogue, WhooshEngine],
) -> None:
    assert set(titles(library, "仓")) == {"海外仓选址指南", "双十一复盘"}
    assert titles(library, "仓")[0] == "海外仓选址指南"  # in the title
    # Traditional folds to Simplified: 貨 finds 货物 and 退货 too
    assert set(titles(library, "貨")) == {"超商取貨服務擴大", "双十一复盘", "海外仓选址指南"}
    assert titles(library, "甲") == []


def test_similar_articles(library: tuple[Catalogue, WhooshEngine]) -> None:
    from reader.search.sync import index_doc

    catalogue, engine = library
    by_title = {r["title"]: r["id"] for r in catalogue.list_articles()}
    doc = index_doc(catalogue, by_title["Shipping costs fall"])
    assert doc is not None
    similar = engine.similar(doc, limit=3)
    assert similar[0] == by_title["Chain of supply"]  # shares supply, chain
    assert by_title["Shipping costs fall"] not in similar


def test_bookmarks_tags_reading_state_and_notes_are_searchable(
    library: tuple[Catalogue, WhooshEngine],
) -> None:
    from reader.annotations.store import AnnotationStore

    catalogue, engine = library
    by_title = {r["title"]: r["id"] for r in catalogue.list_articles()}
    store = AnnotationStore(catalogue)
    store.bookmark(by_title["海外仓选址指南"], tags="warehouses, 选址")
    store.bookmark(by_title["Shipping costs fall"])
    catalogue.mark_read([by_title["双十一复盘"]])
    store.annotate_quote(
        by_title["Chain of supply"], "forwarders", note="联系货代询价 before March"
    )

    assert set(titles(library, "is:bookmarked")) == {"海外仓选址指南", "Shipping costs fall"}
    assert titles(library, "海外仓 is:bookmarked") == ["海外仓选址指南"]
    assert titles(library, "tag:Warehouses") == ["海外仓选址指南"]
    assert titles(library, "tag:选址") == ["海外仓选址指南"]
    assert titles(library, "is:read") == ["双十一复盘"]
    assert "双十一复盘" not in titles(library, "is:unread")
    assert len(titles(library, "is:unread")) == 6
    # A word only in the note: found, and the hit says where from.
    results = search_library(catalogue, engine, "询价")
    assert [h.id for h in results.hits] == [by_title["Chain of supply"]]
    assert "note" in results.hits[0].matched_in
    assert "[询价]" in results.hits[0].snippet
    assert titles(library, "in:notes march") == ["Chain of supply"]
    assert titles(library, "in:notes shipping") == []  # in the article, not in a note
    assert titles(library, "in:notes") == ["Chain of supply"]
    assert titles(library, "is:nonsense") == []


def test_undated_articles_match_no_date_filter(tmp_path: Path) -> None:
    """Issue 9.3: undated articles (stored as date 0) fell inside ``date:..2022``."""
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "dated.txt").write_text(
        "2021-03-04\n\n亚马逊资讯:海外仓的旧账\n\n二〇二一年的海外仓租金上涨。\n", encoding="utf-8"
    )
    (archive / "undated.html").write_text(
        "<html><head><title>海外仓没有日期</title></head><body><article>"
        "<h1>海外仓没有日期</h1><p>这篇关于海外仓的文章没有写日期，读者无从知道它的年份。</p>"
        "<p>它讨论海外仓的租金、退货和配送时效，内容足够长，可以当作一篇文章。</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    catalogue = Catalogue(tmp_path / "data" / "catalogue.sqlite3")
    import_paths(catalogue, [archive])
    dates = {row["title"]: row["date"] for row in catalogue.list_articles()}
    assert dates == {"海外仓的旧账": "2021-03-04", "海外仓没有日期": None}
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine)
    lib = (catalogue, engine)
    try:
        assert set(titles(lib, "海外仓")) == {"海外仓的旧账", "海外仓没有日期"}
        for query in ("date:..2022", "海外仓 date:..2022", "date:2021", "date:2000..2030"):
            assert titles(lib, query) == ["海外仓的旧账"], query
        assert titles(lib, "date:2023..") == []
        # excluding a date range keeps the undated: they are not in it
        assert titles(lib, "海外仓 -date:2021") == ["海外仓没有日期"]
    finally:
        engine.close()
        catalogue.close()


@pytest.mark.parametrize("query", ["shipping to Europe", "the shipping", "shipping, to Europe"])
def test_stop_words_are_dropped_not_matched(
    library: tuple[Catalogue, WhooshEngine], query: str
) -> None:
    """Issue 9.1: a stop word emptied its whole query (``easy to`` found nothing)."""
    assert titles(library, query) == ["Shipping costs fall"]


@pytest.mark.parametrize("separator", ["-", "·", "，", "&", "、", "|"])
def test_lone_punctuation_between_words_is_a_separator(
    library: tuple[Catalogue, WhooshEngine], separator: str
) -> None:
    """Issue 9.1: ``习近平 - 会谈`` (and ``·``, ``，``, ``&``) found nothing."""
    assert titles(library, f"海外仓 {separator} 双十一") == ["双十一复盘"]


def test_a_query_of_only_stop_words_says_there_is_nothing_to_search(
    library: tuple[Catalogue, WhooshEngine],
) -> None:
    catalogue, engine = library
    results = search_library(catalogue, engine, "the of")
    assert results.hits == []
    # 'the' is dropped; what is left is "everything but 双十一"
    everything = {title.split(":", 1)[-1] for _, title, _, _ in ARTICLES.values()}
    assert set(titles(library, "the -双十一", limit=50)) == everything - {"双十一复盘"}


@contextmanager
def small_library(
    tmp_path: Path, texts: dict[str, str], title: str = "Notes "
) -> Iterator[tuple[Catalogue, WhooshEngine]]:
    """An archive of one file per (name, body), dated alike, titled *title* + name,
    imported and indexed in this process."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for name, body in texts.items():
        (archive / name).write_text(f"2024-01-01\n\n{title}{name}\n\n{body}\n", encoding="utf-8")
    catalogue = Catalogue(tmp_path / "data" / "catalogue.sqlite3")
    import_paths(catalogue, [archive], workers=1)
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine, workers=1)
    try:
        yield catalogue, engine
    finally:
        engine.close()
        catalogue.close()


def hit_files(catalogue: Catalogue, hits: list[Hit]) -> list[str]:
    return [
        Path(str(catalogue.summary(h.id)["path"])).name  # type: ignore[index]
        for h in hits
    ]


def test_a_phrase_is_ranked_by_how_often_the_phrase_occurs(tmp_path: Path) -> None:
    """Issue 9: phrases were scored by the words inside them, so an article full of
    "supply" and "chain" apart outranked one that repeats "supply chain"."""
    apart = (
        "Supply was short. The chain of stores cut supply again; a chain reaction "
        "hit supply lines, and the chain said supply would recover. The supply chain "
        "held. Supply, supply, chain, chain."
    )
    together = (
        "The supply chain held. Managers said the supply chain would recover, and "
        "that every supply chain in the region was under review this quarter."
    )
    texts = {"apart.txt": apart, "together.txt": together}
    with small_library(tmp_path, texts) as (catalogue, engine):
        hits = search_library(catalogue, engine, '"supply chain"').hits
        assert hit_files(catalogue, hits) == ["together.txt", "apart.txt"]
        marks = [hits[0].snippet[a:b] for a, b in hits[0].marks]
        assert marks and all(m.lower() == "supply chain" for m in marks)


def test_similar_ranks_a_shared_rare_multi_word_term_first(tmp_path: Path) -> None:
    """Issue 9: "similar in the archive" picked single words only, so articles that use
    the words of a rare term apart, often, outranked the one article sharing the term."""
    from reader.search.sync import index_doc

    texts = {
        "source.txt": "Importers now study tariff engineering before they ship. Freight "
        "costs rose and ports were busy; carriers added capacity.",
        "target.txt": "A short guide: tariff engineering explained for small sellers.",
    }
    for i in range(3):
        texts[f"decoy{i}.txt"] = (
            f"Report {i}: the tariff rose. Engineering firms said the tariff hurt "
            "engineering budgets; another tariff review is due, engineering teams wait."
        )
    topics = [
        "coffee harvest",
        "football league",
        "river festival",
        "museum opening",
        "train timetable",
        "school meals",
        "city marathon",
        "book prize",
    ]
    for i in range(20):
        texts[f"other{i}.txt"] = f"Local news {i}: the {topics[i % 8]} drew crowds again."
    with small_library(tmp_path, texts) as (catalogue, engine):
        by_name = {Path(str(r["path"])).name: r["id"] for r in catalogue.list_articles()}
        doc = index_doc(catalogue, by_name["source.txt"])
        assert doc is not None
        similar = engine.similar(doc, limit=4)
        assert similar[0] == by_name["target.txt"]
        assert by_name["source.txt"] not in similar


def test_a_chinese_run_is_ranked_by_how_often_the_run_occurs(tmp_path: Path) -> None:
    """A run of three or more CJK characters scores by its own (estimated) frequency too,
    not only by the words inside it: the article repeating 冷链集装箱 ranks above one that
    holds 冷链 and 集装箱 mostly apart (known-item phrase MRR 0.922 -> 0.940)."""
    apart = (
        "冷链运输需求上升。港口的集装箱堆场很忙，冷链企业增加投入，集装箱运价回落。"
        "冷链仓库扩建，集装箱码头排队，冷链司机短缺，集装箱船舶延误。冷链集装箱已到港。"
    )
    together = "冷链集装箱租赁走热。多家公司推出冷链集装箱服务，冷链集装箱的价格仍在上涨。"
    texts = {"apart.txt": apart, "together.txt": together}
    with small_library(tmp_path, texts, title="物流消息") as (catalogue, engine):
        for query in ("冷链集装箱", '"冷链集装箱"'):
            hits = search_library(catalogue, engine, query).hits
            assert hit_files(catalogue, hits) == ["together.txt", "apart.txt"], query


def test_the_spelling_typed_ranks_first_among_its_stems_matches(tmp_path: Path) -> None:
    """Stemming finds protect, protected and protections for ``protections``; the article
    using the word as typed ranks first (English body words trailed FTS5 trigram's
    spelling-only match: MRR 0.849 -> 0.890 against its 0.879)."""
    texts = {
        "stems.txt": "Rules protect buyers. Buyers are protected, and sellers protect "
        "their margins while the courts protected both sides again.",
        "typed.txt": "New protections for small sellers were announced this week.",
    }
    with small_library(tmp_path, texts) as (catalogue, engine):
        for query, first in (("protections", "typed.txt"), ("protected", "stems.txt")):
            names = hit_files(catalogue, search_library(catalogue, engine, query).hits)
            assert names[0] == first and len(names) == 2, (query, names)
