"""The one-time schema upgrade of an older catalogue: how many steps are pending, and
stopping it part-way (the window's upgrade dialog's Cancel) rolls the running step back,
so the library is exactly as it was and opens (and upgrades) normally later."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.article import Article, Block
from reader.catalogue import SCHEMA_VERSION, Catalogue, pending_upgrade
from reader.errors import UpgradeCancelled


def make_schema4_library(path: Path, n: int) -> None:
    """A catalogue of *n* articles as a schema-4 version of the app left it."""
    with Catalogue(path) as catalogue, catalogue.transaction() as db:
        for i in range(n):
            article = Article(
                title=f"跨境电商 article {i}",
                blocks=[Block("p", "Body text.")],
                date="2024-05-05",
                site="電商物流",
                source_url=None,
                language="zh",
                links=[],
            )
            catalogue.upsert_article(
                db, article, path=f"/virtual/{i}.txt", size=1, mtime_ns=1, content_hash=str(i)
            )
    raw = sqlite3.connect(path)
    for table in ("article_sort", "excluded_paths", "article_folded"):
        raw.execute(f"DROP TABLE {table}")
    raw.execute("PRAGMA user_version = 4")
    raw.commit()
    raw.close()


def tables(path: Path) -> set[str]:
    raw = sqlite3.connect(path)
    try:
        return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        raw.close()


def version(path: Path) -> int:
    raw = sqlite3.connect(path)
    try:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()


def test_pending_upgrade_counts_the_steps(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite3"
    assert pending_upgrade(path) == 0  # no library yet: made in an instant
    make_schema4_library(path, 3)
    assert pending_upgrade(path) == SCHEMA_VERSION - 4
    Catalogue(path).close()
    assert pending_upgrade(path) == 0
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 10)
    assert pending_upgrade(tmp_path / "junk.sqlite3") == 0  # opening says what is wrong


def test_cancelling_mid_step_rolls_it_back_and_a_later_open_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite3"
    make_schema4_library(path, 3000)
    asked = 0

    def cancel_after_a_while() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3  # inside the first step's fill of 3,000 folded titles

    with pytest.raises(UpgradeCancelled):
        Catalogue(path, upgrade_cancel=cancel_after_a_while)
    assert asked > 3  # SQLite asked while the step ran: it was stopped part-way
    assert version(path) == 4 and "article_folded" not in tables(path)
    with Catalogue(path) as catalogue:  # the next open upgrades, nothing lost
        assert catalogue.count() == 3000
        assert len(catalogue.list_ids(words=["电商"])) == 3000  # folded by step 5
        assert len(catalogue.list_ids(order="title")) == 3000  # sort keys, step 6
    assert version(path) == SCHEMA_VERSION


def test_a_cancel_before_the_first_step_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.sqlite3"
    make_schema4_library(path, 5)
    before = tables(path)
    with pytest.raises(UpgradeCancelled):
        Catalogue(path, upgrade_cancel=lambda: True)
    assert version(path) == 4 and tables(path) == before
    assert pending_upgrade(path) == SCHEMA_VERSION - 4
