"""A small library to annotate: an archive folder, its catalogue and a store over it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.importer import import_paths
from tests.test_importer import write_article

TRADE = [
    "Ports along the coast reported record volumes in the first quarter of the year.",
    "The ministry announced new rules on customs clearance on Monday. Exporters "
    "welcomed the change, saying it would cut waiting times at the border.",
    "Analysts expect freight rates to ease once the new terminals open next spring.",
]
RULES_ZH = [
    "商务部周一发布跨境电商出口便利化新规，涉及海关申报、退税和海外仓备案。",
    "新规要求平台在十个工作日内完成申报材料的审核，逾期未审核的视为通过。",
    "业内人士表示，新规将明显缩短卖家的回款周期，中小卖家受益最大。",
]
QUOTE = "announced new rules on customs clearance"


def write_trade(
    archive: Path,
    paragraphs: list[str] | None = None,
    name: str = "trade.txt",
    url: str = "https://x.example.com/trade",
) -> Path:
    return write_article(
        archive, name, "Trade rules", url, [], body="\n\n".join(paragraphs or TRADE)
    )


def write_rules(
    archive: Path, paragraphs: list[str] | None = None, name: str = "rules.txt"
) -> Path:
    return write_article(
        archive,
        name,
        "跨境电商新规",
        "https://x.example.com/rules",
        [],
        body="\n\n".join(paragraphs or RULES_ZH),
    )


@dataclass
class Library:
    archive: Path
    catalogue: Catalogue
    store: AnnotationStore

    def import_archive(self) -> None:
        summary = import_paths(self.catalogue, [self.archive], workers=1)
        assert not summary.skipped, summary.skipped

    def id_of(self, title: str) -> int:
        return next(r["id"] for r in self.catalogue.list_articles() if r["title"] == title)

    def text_of(self, article_id: int) -> str:
        found = self.catalogue.title_and_text(article_id)
        assert found is not None
        return found[1]


@pytest.fixture
def library(tmp_path: Path, data_dir: Path) -> Iterator[Library]:
    archive = tmp_path / "archive"
    write_trade(archive)
    write_rules(archive)
    catalogue = Catalogue(data_dir / "catalogue.sqlite3")
    lib = Library(archive, catalogue, AnnotationStore(catalogue))
    lib.import_archive()
    yield lib
    catalogue.close()
