"""The catalogue queries the desktop app is built on: ordered ids, row pages, reading state."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.catalogue import SCHEMA_VERSION, Catalogue
from reader.importer import import_paths
from tests.test_importer import write_article


@pytest.fixture
def catalogue(tmp_path: Path, data_dir: Path) -> Catalogue:
    archive = tmp_path / "archive"
    write_article(
        archive, "a.txt", "Beta shipping news", "https://x.example.com/a", [], date="2024-03-01"
    )
    write_article(
        archive, "b.txt", "alpha 海外仓 guide", "https://x.example.com/b", [], date="2023-01-05"
    )
    write_article(
        archive, "c.txt", "Gamma 100% _done_", "https://x.example.com/c", [], date="2025-07-09"
    )
    cat = Catalogue(data_dir / "catalogue.sqlite3")
    import_paths(cat, [archive])
    yield cat
    cat.close()


def titles(cat: Catalogue, ids: list[int]) -> list[str]:
    rows = cat.list_rows(ids)
    return [rows[i]["title"] for i in ids]


def test_migration_adds_reading_state_to_an_old_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with Catalogue(path) as cat:
        assert SCHEMA_VERSION >= 2
        cat._db.execute("DROP TABLE reading_state")
        cat._db.execute("PRAGMA user_version = 1")
        cat._db.commit()
    with Catalogue(path) as cat:
        assert cat._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert cat.unread_count() == 0
    db = sqlite3.connect(path)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert {"reading_state", "articles_site_list"} <= names


def test_orders_both_ways(catalogue: Catalogue) -> None:
    newest = catalogue.list_ids()
    assert titles(catalogue, newest) == [
        "Gamma 100% _done_",
        "Beta shipping news",
        "alpha 海外仓 guide",
    ]
    assert catalogue.list_ids(descending=False) == newest[::-1]
    by_title = catalogue.list_ids(order="title", descending=False)
    assert titles(catalogue, by_title)[0] == "alpha 海外仓 guide"  # case-insensitive
    assert catalogue.list_ids(order="title", descending=True) == by_title[::-1]
    assert sorted(catalogue.list_ids(order="site", descending=False)) == sorted(newest)
    with pytest.raises(ValueError):
        catalogue.list_ids(order="nonsense")


def test_filter_words_in_title_or_site(catalogue: Catalogue) -> None:
    assert titles(catalogue, catalogue.list_ids(words=["海外仓"])) == ["alpha 海外仓 guide"]
    assert titles(catalogue, catalogue.list_ids(words=["SHIPPING", "beta"])) == [
        "Beta shipping news"
    ]
    assert catalogue.list_ids(words=["shipping", "alpha"]) == []
    assert len(catalogue.list_ids(words=["跨境电商"])) == 3  # the site
    # LIKE wildcards in what a person typed are literal characters
    assert titles(catalogue, catalogue.list_ids(words=["100%"])) == ["Gamma 100% _done_"]
    assert titles(catalogue, catalogue.list_ids(words=["_done_"])) == ["Gamma 100% _done_"]
    assert catalogue.list_ids(words=["a_p"]) == []


def test_read_state_and_positions(catalogue: Catalogue) -> None:
    ids = catalogue.list_ids()
    assert catalogue.unread_count() == 3
    catalogue.mark_read([ids[0], 999_999])  # an id that is gone is ignored
    assert catalogue.is_read(ids[0]) and not catalogue.is_read(ids[1])
    assert catalogue.unread_count() == 2
    assert catalogue.list_ids(unread_only=True) == ids[1:]
    assert catalogue.list_rows(ids)[ids[0]]["read"] is True
    catalogue.save_position(ids[0], 1234)
    catalogue.save_position(ids[1], 50)
    assert catalogue.position(ids[0]) == 1234 and catalogue.is_read(ids[0])
    assert catalogue.position(ids[1]) == 50 and not catalogue.is_read(ids[1])
    catalogue.mark_read([ids[0]], read=False)
    assert not catalogue.is_read(ids[0]) and catalogue.position(ids[0]) == 1234
    with catalogue.transaction() as db:
        catalogue.delete_articles(db, [ids[0]])
    assert catalogue.position(ids[0]) == 0  # the state leaves with the article


def test_id_at_path(catalogue: Catalogue) -> None:
    row = catalogue.list_articles()[0]
    assert catalogue.id_at_path(row["path"]) == row["id"]
    assert catalogue.id_at_path("/nowhere.txt") is None
