"""Markdown and W3C JSON-LD export; JSON-LD import without duplicates; lossless round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.annotations.export import export_jsonld, export_markdown, import_jsonld
from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.errors import ReaderError
from reader.importer import import_paths
from tests.annotations.conftest import QUOTE, TRADE, Library, write_trade


def annotate_some(library: Library) -> dict[str, str]:
    store = library.store
    trade, rules = library.id_of("Trade rules"), library.id_of("跨境电商新规")
    a, _ = store.annotate_quote(trade, QUOTE, note="Key change.\n\nSecond thought.")
    b, _ = store.annotate_quote(trade, "record volumes", color="#336699")
    c, _ = store.annotate_quote(rules, "回款周期", note="现金流", color="pink")
    d, _ = store.annotate_quote(trade, "once the new terminals open")
    store.bookmark(trade, "trade, 港口")
    store.bookmark(rules)
    # The last paragraph goes: one annotation is orphaned, and stays in every export.
    write_trade(library.archive, TRADE[:2])
    library.import_archive()
    store.annotations_for(trade)
    return {"note": a.id, "plain": b.id, "zh": c.id, "orphan": d.id}


def test_markdown_for_one_article_and_for_all(library: Library) -> None:
    annotate_some(library)
    trade = library.id_of("Trade rules")
    md = export_markdown(library.store, trade)
    assert md.startswith("# Trade rules\n\n<https://x.example.com/trade>\n")
    assert "Bookmarked " in md and "tags: trade, 港口" in md
    assert f"> {QUOTE}\n\nKey change.\n\nSecond thought.\n" in md
    assert "> once the new terminals open\n\n*(This passage is no longer" in md
    assert md.index("> record volumes") < md.index(QUOTE)  # reading order

    everything = export_markdown(library.store)
    assert everything.startswith("# Annotations\n\n## Trade rules\n")
    assert "## 跨境电商新规\n\n<https://x.example.com/rules>" in everything
    assert "> 回款周期\n\n现金流" in everything


def test_jsonld_follows_the_w3c_model(library: Library) -> None:
    ids = annotate_some(library)
    doc = json.loads(export_jsonld(library.store))
    assert doc["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 6
    items = {item["id"]: item for item in doc["first"]["items"]}
    note = items["urn:uuid:" + ids["note"]]
    assert note["type"] == "Annotation" and note["motivation"] == "commenting"
    assert note["body"] == {
        "type": "TextualBody",
        "value": "Key change.\n\nSecond thought.",
        "format": "text/plain",
        "purpose": "commenting",
    }
    assert note["target"]["source"] == "https://x.example.com/trade"
    quote, position = note["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == QUOTE
    assert position["type"] == "TextPositionSelector"
    assert position["end"] - position["start"] == len(QUOTE)
    plain = items["urn:uuid:" + ids["plain"]]
    assert plain["motivation"] == "highlighting" and "body" not in plain
    assert plain["ar:color"] == "#336699"
    orphan = items["urn:uuid:" + ids["orphan"]]
    assert orphan["ar:orphaned"] is True and len(orphan["target"]["selector"]) == 1
    marks = [i for i in items.values() if i["motivation"] == "bookmarking"]
    assert len(marks) == 2
    tagged = next(m for m in marks if "body" in m)
    assert [b["value"] for b in tagged["body"]] == ["trade", "港口"]
    assert {b["purpose"] for b in tagged["body"]} == {"tagging"}


def fresh_library(tmp_path: Path, archive: Path, name: str) -> Library:
    catalogue = Catalogue(tmp_path / name / "catalogue.sqlite3")
    lib = Library(archive, catalogue, AnnotationStore(catalogue))
    lib.import_archive()
    return lib


def test_round_trip_is_lossless_and_never_duplicates(library: Library, tmp_path: Path) -> None:
    annotate_some(library)
    exported = export_jsonld(library.store)
    file = tmp_path / "export.jsonld"
    file.write_text(exported, encoding="utf-8")

    other = fresh_library(tmp_path, library.archive, "other")
    try:
        first = import_jsonld(other.store, file)
        assert (first.added, first.bookmarks_added, first.skipped) == (4, 2, [])
        assert export_jsonld(other.store) == exported  # byte for byte
        again = import_jsonld(other.store, file)
        assert (again.added, again.unchanged, again.bookmarks_unchanged) == (0, 4, 2)
        assert other.store.count() == 4 and len(other.store.bookmarks()) == 2
        trade = other.id_of("Trade rules")
        theirs = [
            (a.id, a.quote, a.start, a.orphaned)
            for a in library.store.annotations_for(library.id_of("Trade rules"))
        ]
        ours = [(a.id, a.quote, a.start, a.orphaned) for a in other.store.annotations_for(trade)]
        assert ours == theirs
        # and back into the library it came from: nothing new
        back = import_jsonld(library.store, file)
        assert (back.added, back.updated, back.bookmarks_added) == (0, 0, 0)
    finally:
        other.catalogue.close()


def test_newer_version_wins_and_same_content_is_not_duplicated(
    library: Library, tmp_path: Path
) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, QUOTE, note="first")
    file = tmp_path / "old.jsonld"
    file.write_text(export_jsonld(store), encoding="utf-8")
    store.edit_annotation(a.id, note="second")
    assert import_jsonld(store, file).unchanged == 1  # older copy: ignored
    assert store.get_annotation(a.id).note == "second"  # type: ignore[union-attr]

    newer = tmp_path / "new.jsonld"
    newer.write_text(export_jsonld(store), encoding="utf-8")
    store.edit_annotation(a.id, note="third")
    doc = json.loads(newer.read_text())  # "second", but edited later somewhere else
    doc["first"]["items"][0]["modified"] = "2999-01-01T00:00:00Z"
    newer.write_text(json.dumps(doc), encoding="utf-8")
    assert import_jsonld(store, newer).updated == 1
    assert store.get_annotation(a.id).note == "second"  # type: ignore[union-attr]

    doc["first"]["items"][0]["id"] = "urn:uuid:00000000-0000-0000-0000-000000000000"
    copy = tmp_path / "copy.jsonld"
    copy.write_text(json.dumps(doc), encoding="utf-8")
    assert import_jsonld(store, copy).unchanged == 1 and store.count() == 1


def test_foreign_annotations_anchor_by_quote(library: Library, tmp_path: Path) -> None:
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "created": "2024-03-01T10:00:00+08:00",
        "body": [{"type": "TextualBody", "value": "from another tool"}],
        "target": {
            "source": "http://www.x.example.com/trade/",
            "selector": {"type": "TextQuoteSelector", "exact": "freight rates"},
        },
    }
    file = tmp_path / "foreign.json"
    file.write_text(json.dumps(foreign), encoding="utf-8")
    summary = import_jsonld(library.store, file)
    assert summary.added == 1
    trade = library.id_of("Trade rules")
    (found,) = library.store.annotations_for(trade)  # same article by its URL
    assert found.id == "https://hypothes.is/a/abc123" and found.note == "from another tool"
    assert library.text_of(trade)[found.start : found.end] == "freight rates"  # type: ignore[misc]
    assert found.created == "2024-03-01T02:00:00.000Z"
    assert json.loads(export_jsonld(library.store))["first"]["items"][0]["id"] == foreign["id"]


def test_import_before_the_articles_attaches_when_they_arrive(
    library: Library, tmp_path: Path
) -> None:
    annotate_some(library)
    file = tmp_path / "export.jsonld"
    file.write_text(export_jsonld(library.store), encoding="utf-8")
    catalogue = Catalogue(tmp_path / "empty" / "catalogue.sqlite3")
    try:
        store = AnnotationStore(catalogue)
        import_jsonld(store, file)
        assert len(store.list_annotations(detached=True)) == 4
        import_paths(catalogue, [library.archive], workers=1)
        assert store.list_annotations(detached=True) == []
        trade = next(r["id"] for r in catalogue.list_articles() if r["title"] == "Trade rules")
        assert [a.quote for a in store.annotations_for(trade) if a.placed] == [
            "record volumes",
            QUOTE,
        ]
        assert store.is_bookmarked(trade)
    finally:
        catalogue.close()


def test_bad_files_are_clear_errors(library: Library, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReaderError, match="not JSON"):
        import_jsonld(library.store, bad)
    with pytest.raises(ReaderError, match="no such file"):
        import_jsonld(library.store, tmp_path / "missing.json")
    bad.write_text(json.dumps([{"target": {"source": "x"}}, 5]), encoding="utf-8")
    with pytest.raises(ReaderError, match="no annotations could be read"):
        import_jsonld(library.store, bad)
    bad.write_text('"just a string"', encoding="utf-8")
    with pytest.raises(ReaderError, match="not a W3C annotation file"):
        import_jsonld(library.store, bad)
