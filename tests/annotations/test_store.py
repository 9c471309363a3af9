"""The store through its public calls: bookmarks, annotations, undo, lists, re-anchoring,
and annotations surviving everything an import does to their article."""

from __future__ import annotations

import os

import pytest

from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.errors import ReaderError
from tests.annotations.conftest import QUOTE, TRADE, Library, write_trade


def test_bookmarks_tags_and_undo(library: Library) -> None:
    store = library.store
    trade, rules = library.id_of("Trade rules"), library.id_of("跨境电商新规")
    assert not store.is_bookmarked(trade) and store.bookmarked_ids() == set()

    made = store.bookmark(trade, "Trade, ports ,trade,  ")
    assert made.tags == ("Trade", "ports") and store.is_bookmarked(trade)
    assert store.bookmark(trade).tags == ("Trade", "ports")  # no tags given: kept
    store.bookmark(rules, ["海关"])
    assert store.bookmarked_ids() == {trade, rules}
    assert store.ids_with_tag("TRADE") == {trade} and store.ids_with_tag("海关") == {rules}
    assert store.tags() == [("ports", 1), ("Trade", 1), ("海关", 1)]
    assert [b.article_id for b in store.bookmarks()] == [rules, trade]  # newest first
    assert [b.article_id for b in store.bookmarks(tag="ports")] == [trade]

    removed = store.unbookmark(trade)
    assert removed is not None and not store.is_bookmarked(trade)
    assert store.unbookmark(trade) is None
    assert store.restore_bookmark(removed) == removed  # undo: exactly as it was
    assert store.bookmark(trade, "").tags == ()
    with pytest.raises(ReaderError, match="No article with id 999"):
        store.bookmark(999)


def test_add_edit_delete_restore_and_reading_order(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    text = library.text_of(trade)
    late = store.add_annotation(
        trade, text.index("freight rates"), text.index("freight rates") + 13, color="green"
    )
    early = store.add_annotation(
        trade, text.index("record volumes"), text.index("record volumes") + 14, note="Q1 record"
    )
    by_quote, choice = store.annotate_quote(trade, QUOTE, note="key change")
    assert choice.occurrences == 1 and text[by_quote.start : by_quote.end] == QUOTE

    assert [a.quote for a in store.annotations_for(trade)] == [
        "record volumes",
        QUOTE,
        "freight rates",
    ]
    assert [a.id for a in store.list_annotations()] == [by_quote.id, early.id, late.id]
    assert early.color == "yellow" and late.color == "green" and late.note is None

    edited = store.edit_annotation(early.id, note="  record quarter ")
    assert edited.note == "  record quarter " and edited.modified >= early.modified
    assert store.edit_annotation(early.id, color="#AABBCC").color == "#aabbcc"
    assert store.edit_annotation(early.id, note="").note is None
    with pytest.raises(ReaderError, match="Unknown color"):
        store.edit_annotation(early.id, color="chartreuse")

    deleted = store.delete_annotation(by_quote.id)
    assert deleted == by_quote and store.get_annotation(by_quote.id) is None
    assert store.restore_annotation(deleted) == by_quote  # same id, times, position
    store.restore_annotation(early)  # undo of the edits: back to the first version
    assert store.get_annotation(early.id) == early
    with pytest.raises(ReaderError, match="No annotation"):
        store.delete_annotation("nope")
    with pytest.raises(ReaderError, match="not inside the article"):
        store.add_annotation(trade, 5, 5)
    with pytest.raises(ReaderError, match="does not occur"):
        store.annotate_quote(trade, "not in the article")


def test_global_list_filters(library: Library) -> None:
    store = library.store
    trade, rules = library.id_of("Trade rules"), library.id_of("跨境电商新规")
    a, _ = store.annotate_quote(trade, "record volumes", note="Ports BOOM")
    b, _ = store.annotate_quote(rules, "回款周期", color="pink")
    assert [x.id for x in store.list_annotations(query="ports boom")] == [a.id]
    assert [x.id for x in store.list_annotations(query="新规")] == [b.id]  # title matches
    assert [x.id for x in store.list_annotations(color="pink")] == [b.id]
    assert [x.id for x in store.list_annotations(article_id=trade)] == [a.id]
    assert store.list_annotations(orphaned=True) == []
    assert len(store.list_annotations(limit=1)) == 1
    assert store.annotated_ids() == {trade, rules}


def test_search_helpers_follow_edits(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, "record volumes", note="Ports boom")
    versions = store.note_versions()
    docs = list(store.note_documents())
    assert [(d.annotation_id, d.article_id, d.quote, d.note) for d in docs] == [
        (a.id, trade, "record volumes", "Ports boom")
    ]
    store.edit_annotation(a.id, note="harbours boom")
    assert store.note_versions()[a.id] != versions[a.id]
    assert [d.note for d in store.note_documents([a.id])] == ["harbours boom"]
    assert [x.id for x in store.search_notes("HARBOURS")] == [a.id]
    assert [x.id for x in store.search_notes("record vol")] == [a.id]
    assert store.search_notes("nothing like it") == []


def test_changed_text_is_reanchored_on_read_and_persisted(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, QUOTE)
    gone, _ = store.annotate_quote(trade, "once the new terminals open")
    inserted = "Editor's note: updated with the ministry's statement."
    write_trade(library.archive, [inserted, TRADE[0], TRADE[1]])
    library.import_archive()

    assert library.id_of("Trade rules") == trade  # re-import keeps the id
    text = library.text_of(trade)
    placed = {x.id: x for x in store.annotations_for(trade)}
    assert text[placed[a.id].start : placed[a.id].end] == QUOTE
    assert placed[a.id].start == a.start + len(inserted) + 2  # type: ignore[operator]
    assert placed[gone.id].orphaned and placed[gone.id].start is None
    assert placed[gone.id].quote == "once the new terminals open"  # kept, never dropped
    stored = store.get_annotation(a.id)
    assert stored is not None and stored.start == placed[a.id].start  # persisted
    assert store.list_annotations(orphaned=True)[0].id == gone.id
    assert [x.id for x in store.annotations_for(trade)][-1] == gone.id  # orphans last


def test_eager_reanchoring_after_import(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, QUOTE)
    write_trade(library.archive, ["A new first paragraph.", *TRADE])
    library.import_archive()
    summary = store.reanchor_stale()
    assert (summary.articles, summary.moved, summary.orphaned) == (1, 1, 0)
    assert store.reanchor_stale().articles == 0  # nothing left to do
    stored = store.get_annotation(a.id)
    assert stored is not None
    assert library.text_of(trade)[stored.start : stored.end] == QUOTE  # type: ignore[misc]


def test_reimport_and_catalogue_deletes_keep_annotations(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, QUOTE)
    store.bookmark(trade, "keep")
    library.import_archive()  # unchanged files
    os.utime(library.archive / "trade.txt", ns=(1, 1))  # touched, same bytes
    library.import_archive()
    assert store.annotations_for(trade) == [a]
    with library.catalogue.transaction() as db:
        library.catalogue.delete_articles(db, [trade])
    assert store.count() == 1 and store.get_annotation(a.id) is not None
    assert store.get_annotation(a.id).article_id is None  # type: ignore[union-attr]
    assert store.bookmarks()[0].article_id is None and store.bookmarked_ids() == set()


def test_deleting_and_restoring_the_file_reattaches(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, QUOTE, note="n")
    store.bookmark(trade, "ports")
    saved = (library.archive / "trade.txt").read_bytes()
    (library.archive / "trade.txt").unlink()
    library.import_archive()
    assert library.catalogue.get(trade) is None
    detached = store.list_annotations(detached=True)
    assert [x.id for x in detached] == [a.id] and detached[0].article.title == "Trade rules"
    assert [b.article_id for b in store.bookmarks()] == [None]

    (library.archive / "trade.txt").write_bytes(saved)
    library.import_archive()
    back = library.id_of("Trade rules")
    assert store.annotations_for(back)[0].id == a.id
    assert store.annotations_for(back)[0].start == a.start
    assert store.is_bookmarked(back) and store.ids_with_tag("ports") == {back}
    assert store.list_annotations(detached=True) == []


def test_file_renamed_and_edited_keeps_its_annotations(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, QUOTE)
    store.bookmark(trade)
    (library.archive / "trade.txt").unlink()
    write_trade(library.archive, ["Update: more detail below.", *TRADE], name="renamed.txt")
    library.import_archive()  # a new article with the old URL, then the old one removed
    new = library.id_of("Trade rules")
    found = store.annotations_for(new)
    assert [x.id for x in found] == [a.id] and not found[0].orphaned
    assert store.is_bookmarked(new)
    assert found[0].article.path is not None and found[0].article.path.endswith("renamed.txt")


def test_moved_file_keeps_id_and_the_target_follows(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, QUOTE)
    (library.archive / "sub").mkdir()
    os.rename(library.archive / "trade.txt", library.archive / "sub" / "trade.txt")
    library.import_archive()
    assert library.id_of("Trade rules") == trade
    moved = store.get_annotation(a.id)
    assert moved is not None and moved.article_id == trade
    assert moved.article.path is not None and moved.article.path.endswith("sub/trade.txt")


def test_a_reused_article_id_does_not_inherit_annotations(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    assert trade == max(library.catalogue.ids())
    a, _ = store.annotate_quote(trade, QUOTE)
    (library.archive / "trade.txt").unlink()
    library.import_archive()
    write_trade(
        library.archive,
        ["Something else entirely, about shipping."],
        name="other.txt",
        url="https://x.example.com/other",
    )
    library.import_archive()
    other = next(
        r["id"] for r in library.catalogue.list_articles() if r["path"].endswith("other.txt")
    )
    assert other == trade  # SQLite handed the id out again
    assert store.annotations_for(other) == []
    assert store.restore_annotation(a).article_id is None  # undo does not attach it there


def test_read_only_catalogue_reads_without_writing(library: Library) -> None:
    trade = library.id_of("Trade rules")
    a, _ = library.store.annotate_quote(trade, QUOTE)
    write_trade(library.archive, ["New opening paragraph here.", *TRADE])
    library.import_archive()
    with Catalogue(library.catalogue.path, readonly=True) as ro:
        found = AnnotationStore(ro).annotations_for(trade)
        assert found[0].start != a.start and not found[0].orphaned
        assert AnnotationStore(ro).bookmarked_ids() == set()
    stored = library.store.get_annotation(a.id)
    assert stored is not None and stored.start == a.start  # nothing was written


def test_leftovers_merge_into_the_copy_that_remains(library: Library) -> None:
    store = library.store
    write_trade(library.archive, name="trade-copy.txt")  # the same article saved twice
    library.import_archive()
    original = next(
        r["id"] for r in library.catalogue.list_articles() if r["path"].endswith("/trade.txt")
    )
    copy = next(
        r["id"] for r in library.catalogue.list_articles() if r["path"].endswith("trade-copy.txt")
    )
    a, _ = store.annotate_quote(original, QUOTE, note="on the original")
    b, _ = store.annotate_quote(copy, "record volumes", note="on the copy")
    store.bookmark(original, "first")
    store.bookmark(copy, "second")
    (library.archive / "trade.txt").unlink()
    library.import_archive()

    assert {x.id for x in store.annotations_for(copy)} == {a.id, b.id}
    (bookmark,) = store.bookmarks()
    assert bookmark.article_id == copy and set(bookmark.tags) == {"first", "second"}
    assert store.list_annotations(detached=True) == []
