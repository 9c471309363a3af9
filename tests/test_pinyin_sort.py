"""Chinese titles sort by pinyin in the list, not by code point (issue 11): 安全 before
北京, 北京 next to "beijing", Traditional like Simplified; Latin folded. The keys live in
``article_sort`` (schema 6), written with each article and filled by the migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.article import Article, Block
from reader.catalogue import SCHEMA_VERSION, Catalogue
from reader.catalogue.sortkey import title_sort_key

TITLES = ["北京新闻", "安全生产", "Beijing Review", "zebra crossing", "銀行業", "Apple", "中国"]
EXPECTED = ["安全生产", "Apple", "Beijing Review", "北京新闻", "銀行業", "zebra crossing", "中国"]


def add_all(path: Path, titles: list[str]) -> dict[str, int]:
    with Catalogue(path) as cat, cat.transaction() as db:
        return {
            title: cat.upsert_article(
                db,
                Article(title=title, blocks=[Block("p", "Body.")], date="2024-05-01"),
                path=f"/virtual/{n}.txt",
                size=1,
                mtime_ns=1,
                content_hash=str(n),
            )
            for n, title in enumerate(titles)
        }


def titles_in_order(cat: Catalogue, *, descending: bool = False) -> list[str]:
    ids = cat.list_ids(order="title", descending=descending)
    rows = cat.list_rows(ids)
    return [rows[i]["title"] for i in ids]


def test_the_key_is_toneless_pinyin_and_folded_latin() -> None:
    assert title_sort_key("北京") == "beijing"
    assert title_sort_key("安全") == "anquan"
    assert title_sort_key("銀河") == title_sort_key("银河") == "yinhe"  # Traditional too
    assert title_sort_key("ＢｅｉＪｉｎｇ") == "beijing"  # width and case
    assert title_sort_key("Café 北京") == "cafe beijing"
    assert title_sort_key("绿色") == "lvse" or title_sort_key("绿色") == "luse"
    assert title_sort_key(None) is None


def test_the_list_orders_titles_by_pinyin(data_dir: Path) -> None:
    path = data_dir / "catalogue.sqlite3"
    add_all(path, TITLES)
    with Catalogue(path) as cat:
        assert titles_in_order(cat) == EXPECTED
        assert titles_in_order(cat, descending=True) == EXPECTED[::-1]
        # with the quick filter too
        ids = cat.list_ids(order="title", descending=False, words=["b"])
        rows = cat.list_rows(ids)
        assert [rows[i]["title"] for i in ids] == ["Beijing Review", "zebra crossing"]


def test_a_changed_title_gets_a_new_key(data_dir: Path) -> None:
    path = data_dir / "catalogue.sqlite3"
    ids = add_all(path, ["北京", "安全"])
    with Catalogue(path) as cat, cat.transaction() as db:
        cat.upsert_article(
            db,
            Article(title="中心", blocks=[Block("p", "Body.")]),
            article_id=ids["安全"],
            path="/virtual/1.txt",
            size=2,
            mtime_ns=2,
            content_hash="x",
        )
    with Catalogue(path) as cat:
        assert titles_in_order(cat) == ["北京", "中心"]


def test_the_migration_fills_the_keys_of_an_older_library(data_dir: Path) -> None:
    path = data_dir / "catalogue.sqlite3"
    add_all(path, TITLES)
    raw = sqlite3.connect(path)  # a schema-5 library: no sort keys, no exclusions
    raw.execute("DROP TABLE article_sort")
    raw.execute("DROP TABLE excluded_paths")
    raw.execute("PRAGMA user_version = 5")
    raw.commit()
    raw.close()
    with Catalogue(path) as cat:
        assert cat._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 6
        assert titles_in_order(cat) == EXPECTED
    with Catalogue(path, readonly=True) as reading:  # the list thread's connection
        assert titles_in_order(reading) == EXPECTED


def test_the_title_order_reads_an_index(data_dir: Path) -> None:
    path = data_dir / "catalogue.sqlite3"
    add_all(path, TITLES)
    with Catalogue(path) as cat:
        plan = " ".join(
            str(r[-1])
            for r in cat._db.execute(
                "EXPLAIN QUERY PLAN SELECT s.article_id FROM article_sort s"
                " ORDER BY s.title ASC, s.article_id ASC"
            )
        )
    assert "article_sort_title" in plan and "TEMP B-TREE" not in plan


def test_reader_list_sort_title_follows_pinyin_too(data_dir: Path) -> None:
    """`reader list --sort title` (Catalogue.list_articles) orders as the window does."""
    path = data_dir / "catalogue.sqlite3"
    add_all(path, TITLES)
    with Catalogue(path) as cat:
        assert [r["title"] for r in cat.list_articles(order="title")] == EXPECTED
