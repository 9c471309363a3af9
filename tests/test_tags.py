"""Typed tags are split in one place (``split_tags``), at the separators a person types in
English and in Chinese: the store, the CLI's ``--tags`` and the tags dialog all agree
(issue 11: ``电商，营销, tiktok`` was saved as the two tags ``电商，营销`` and ``tiktok``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.annotations.model import TAG_SEPARATORS, parse_tags, split_tags
from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.importer import import_paths
from tests.annotations.conftest import write_rules, write_trade
from tests.test_cli import run


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("电商，营销, tiktok", ("电商", "营销", "tiktok")),
        ("电商、营销、物流", ("电商", "营销", "物流")),
        ("trade; ports；海关", ("trade", "ports", "海关")),
        ("a,b，c、d;e；f", ("a", "b", "c", "d", "e", "f")),
        (" 电商 ，，、 Trade ;; trade ", ("电商", "Trade")),  # blanks and repeats dropped
        ("cross border", ("cross border",)),  # a space is inside a tag, not between two
        ("", ()),
    ],
)
def test_typed_tags_split_at_every_separator(typed: str, tags: tuple[str, ...]) -> None:
    assert parse_tags(typed) == tags


def test_split_tags_keeps_the_pieces_as_typed() -> None:
    # The dialog's completer completes the last piece and keeps what precedes it exactly.
    assert split_tags("电商，营 ") == ["电商", "营 "]
    assert split_tags("x") == ["x"]
    for separator in TAG_SEPARATORS:
        assert split_tags(f"a{separator}b") == ["a", "b"]


def test_listed_tags_are_not_split_again() -> None:
    # A list holds tags already (stored, imported from JSON-LD): each item is one tag.
    assert parse_tags(["a, b", "a, b", "c"]) == ("a, b", "c")


@pytest.fixture
def store(tmp_path: Path, data_dir: Path) -> Iterator[tuple[AnnotationStore, int]]:
    archive = tmp_path / "archive"
    write_trade(archive)
    write_rules(archive)
    with Catalogue(data_dir / "catalogue.sqlite3") as catalogue:
        import_paths(catalogue, [archive], workers=1)
        article_id = next(r["id"] for r in catalogue.list_articles() if r["title"] == "Trade rules")
        yield AnnotationStore(catalogue), article_id


def test_the_store_splits_typed_tags(store: tuple[AnnotationStore, int]) -> None:
    annotations, article_id = store
    saved = annotations.bookmark(article_id, "电商，营销, tiktok")
    assert saved.tags == ("电商", "营销", "tiktok")
    assert annotations.ids_with_tag("营销") == {article_id}
    assert annotations.ids_with_tag("电商，营销") == set()


def test_the_cli_splits_typed_tags(tmp_path: Path) -> None:
    archive, data = tmp_path / "archive", tmp_path / "lib"
    write_trade(archive)
    assert run("import", str(archive), "--no-index", data_dir=data).returncode == 0
    listed = json.loads(run("list", "--json", data_dir=data).stdout)
    article_id = str(listed[0]["id"])
    result = run(
        "bookmark", article_id, "--tags", "电商，营销、物流; tiktok", "--json", data_dir=data
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tags"] == ["电商", "营销", "物流", "tiktok"]
