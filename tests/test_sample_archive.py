"""The bundled sample archive imports cleanly: every field right, every link resolved."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.urls import url_key
from tests.conftest import SAMPLE_ARCHIVE


def manifest() -> list[dict[str, str]]:
    with open(SAMPLE_ARCHIVE / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, dict[str, int]]:
    catalogue = Catalogue(tmp_path_factory.mktemp("lib") / "catalogue.sqlite3")
    summary = import_paths(catalogue, [SAMPLE_ARCHIVE])
    assert summary.skipped == [] and summary.imported == len(manifest())
    ids = {
        str(Path(row["path"]).relative_to(SAMPLE_ARCHIVE)): row["id"]
        for row in catalogue.list_articles()
    }
    return catalogue, ids


@pytest.mark.parametrize("row", manifest(), ids=lambda r: r["file"])
def test_sample_article(row: dict[str, str], imported: tuple[Catalogue, dict[str, int]]) -> None:
    catalogue, ids = imported
    article = catalogue.get(ids[row["file"]])
    assert article is not None
    assert article.title == row["title"]
    assert article.date == row["date"]
    assert article.site == row["site"]
    assert url_key(article.source_url) == url_key(row["url"])
    assert article.language == row["lang"]
    assert len(article.paragraphs) >= 3
    body = "\n".join(article.paragraphs)
    assert "Post a Comment" not in body and "原文转载" not in body
    by_url = {url_key(r["url"]): ids[r["file"]] for r in manifest()}
    expected = {by_url[url_key(u)] for u in row["links"].split()}
    resolved = {link.article_id for link in article.links if link.article_id}
    assert resolved == expected
    assert ids[row["file"]] not in resolved  # the self-link is not a related link


def test_every_sample_is_linked_from_another(imported: tuple[Catalogue, dict[str, int]]) -> None:
    catalogue, ids = imported
    unlinked = [f for f, i in ids.items() if not catalogue.linked_from(i)]
    assert len(unlinked) <= 2, unlinked
