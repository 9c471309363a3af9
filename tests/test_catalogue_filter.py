"""The list's quick filter folds scripts, widths and case as search does (issue 11:
``電商`` gave 3 rows, ``电商`` 9, and no row was in both).

The folded titles and sites live in ``article_folded`` (schema 5): written with each
article, filled by the migration for a library made before it, gone with the article.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.article import Article, Block
from reader.catalogue import SCHEMA_VERSION, Catalogue

# title, site: the same words in Simplified, Taiwan and Hong Kong forms, full-width and
# in other cases, spread over titles and sites.
ARTICLES = [
    ("电商平台新规", "跨境资讯"),  # Simplified
    ("電商平台新規", "跨境資訊"),  # Traditional (Taiwan)
    ("衞生標準與電商", "香港商報"),  # Hong Kong forms (衞)
    ("卫生标准", "电商周报"),  # the word only in the site
    ("ＥＣ Marketplace Rules", "Ｔｒａｄｅ Ｎｅｗｓ"),  # full-width Latin
    ("ec marketplace rules", "trade news"),
    ("EC MARKETPLACE", "Trade News"),
    ("Ports and freight", "Logistics Daily"),  # matches none of the words below
]


def add(catalogue: Catalogue, db: sqlite3.Connection, n: int, title: str, site: str) -> int:
    article = Article(
        title=title,
        blocks=[Block("p", f"Body {n}.")],
        date=f"2024-05-{n + 1:02d}",
        site=site,
        language="zh-Hans",
    )
    return catalogue.upsert_article(
        db,
        article,
        path=f"/virtual/{n}.txt",
        size=1,
        mtime_ns=1,
        content_hash=str(n),
    )


@pytest.fixture
def catalogue(data_dir: Path) -> Iterator[tuple[Catalogue, dict[str, int]]]:
    with Catalogue(data_dir / "catalogue.sqlite3") as cat:
        with cat.transaction() as db:
            ids = {title: add(cat, db, n, title, site) for n, (title, site) in enumerate(ARTICLES)}
        yield cat, ids


def matching(cat: Catalogue, *words: str) -> set[int]:
    return set(cat.list_ids(words=words))


def test_simplified_traditional_and_hong_kong_forms_match_alike(
    catalogue: tuple[Catalogue, dict[str, int]],
) -> None:
    cat, ids = catalogue
    expected = {
        ids["电商平台新规"],
        ids["電商平台新規"],
        ids["衞生標準與電商"],
        ids["卫生标准"],  # by its site, 电商周报
    }
    for word in ("电商", "電商"):
        assert matching(cat, word) == expected, word
    # 卫生 / 衛生 (Taiwan) / 衞生 (Hong Kong)
    health = {ids["衞生標準與電商"], ids["卫生标准"]}
    for word in ("卫生", "衛生", "衞生"):
        assert matching(cat, word) == health, word
    # every word must occur (in the title or the site), whatever script each is typed in
    assert matching(cat, "電商", "卫生") == health
    assert matching(cat, "电商", "資訊") == {ids["电商平台新规"], ids["電商平台新規"]}


def test_full_width_and_case_variants_match_alike(
    catalogue: tuple[Catalogue, dict[str, int]],
) -> None:
    cat, ids = catalogue
    latin = {ids["ＥＣ Marketplace Rules"], ids["ec marketplace rules"], ids["EC MARKETPLACE"]}
    for word in ("ec", "EC", "ＥＣ", "Ｅc"):
        assert matching(cat, word, "marketplace") == latin, word
    assert matching(cat, "ｔｒａｄｅ") == latin  # by their sites
    assert matching(cat, "TRADE", "rules") == {
        ids["ＥＣ Marketplace Rules"],
        ids["ec marketplace rules"],
    }
    # LIKE's wildcards are plain characters here
    assert matching(cat, "%") == set()
    assert matching(cat, "_") == set()


def test_the_filter_keeps_the_display_order(
    catalogue: tuple[Catalogue, dict[str, int]],
) -> None:
    cat, _ = catalogue
    newest_first = cat.list_ids(words=["電商"])
    assert newest_first == [i for i in cat.list_ids() if i in set(newest_first)]
    assert cat.list_ids(words=["電商"], descending=False) == newest_first[::-1]


def test_a_changed_title_is_folded_again_and_a_deleted_article_leaves(
    catalogue: tuple[Catalogue, dict[str, int]],
) -> None:
    cat, ids = catalogue
    ports = ids["Ports and freight"]
    with cat.transaction() as db:
        assert add(cat, db, len(ARTICLES) - 1, "港口與電商", "Logistics Daily") == ports
    assert ports in matching(cat, "电商")
    assert ports not in matching(cat, "freight")
    with cat.transaction() as db:
        cat.delete_articles(db, [ports])
    assert cat._db.execute(
        "SELECT count(*) FROM article_folded WHERE article_id = ?", (ports,)
    ).fetchone() == (0,)


def test_the_migration_fills_the_folded_table_of_an_older_library(data_dir: Path) -> None:
    path = data_dir / "catalogue.sqlite3"
    with Catalogue(path) as cat, cat.transaction() as db:
        ids = {title: add(cat, db, n, title, site) for n, (title, site) in enumerate(ARTICLES)}
    # Make it a schema-4 library: no folded table.
    raw = sqlite3.connect(path)
    raw.execute("DROP TABLE article_folded")
    raw.execute("PRAGMA user_version = 4")
    raw.commit()
    raw.close()
    with Catalogue(path) as cat:
        version = cat._db.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION
        with_the_word = {
            ids["电商平台新规"],
            ids["電商平台新規"],
            ids["衞生標準與電商"],
            ids["卫生标准"],
        }
        assert matching(cat, "電商") == matching(cat, "电商") == with_the_word
    # ... and so do the reading connections the window's list thread uses
    with Catalogue(path, readonly=True) as reading:
        assert matching(reading, "ＥＣ") == matching(reading, "ec") != set()
