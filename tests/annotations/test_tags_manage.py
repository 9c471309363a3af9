"""Issue 11: tags managed across every bookmark: counts, rename (merging), delete, and
putting the previous tags back (the window's undo)."""

from __future__ import annotations

import pytest

from reader.annotations.bookmarks import check_tag
from reader.errors import ReaderError
from tests.annotations.conftest import Library


def tags_of(library: Library, title: str) -> tuple[str, ...]:
    found = library.store.get_bookmark(library.id_of(title))
    assert found is not None
    return found.tags


def test_tag_counts_sorted_by_name_ignoring_case(library: Library) -> None:
    store = library.store
    assert store.tag_counts() == []
    store.bookmark(library.id_of("Trade rules"), "ports, Customs, 海关")
    store.bookmark(library.id_of("跨境电商新规"), "customs, 电商")
    assert store.tag_counts() == [("Customs", 2), ("ports", 1), ("海关", 1), ("电商", 1)]


def test_rename_a_tag_everywhere_in_one_change(library: Library) -> None:
    store = library.store
    trade, rules = library.id_of("Trade rules"), library.id_of("跨境电商新规")
    store.bookmark(trade, "ports, customs")
    store.bookmark(rules, "Customs")
    before = store.get_bookmark(trade)
    assert before is not None
    assert store.rename_tag(" CUSTOMS ", "海关") == 2
    assert tags_of(library, "Trade rules") == ("ports", "海关")  # same place in the list
    assert tags_of(library, "跨境电商新规") == ("海关",)
    after = store.get_bookmark(trade)
    assert after is not None and after.modified > before.modified and after.id == before.id
    assert store.tag_counts() == [("ports", 1), ("海关", 2)]
    assert store.ids_with_tag("海关") == {trade, rules} and store.ids_with_tag("customs") == set()
    # a tag nobody carries, and a rename onto itself, change nothing
    assert store.rename_tag("nothing", "x") == 0
    assert store.rename_tag("海关", "海关") == 0
    # only the spelling: every bookmark changes
    assert store.rename_tag("ports", "Ports") == 1
    assert tags_of(library, "Trade rules") == ("Ports", "海关")


def test_renaming_onto_an_existing_tag_merges_without_duplicates(library: Library) -> None:
    store = library.store
    trade, rules = library.id_of("Trade rules"), library.id_of("跨境电商新规")
    store.bookmark(trade, "trade, ports, 贸易")
    store.bookmark(rules, "贸易")
    assert store.rename_tag("trade", "贸易") == 1  # rules already had it: unchanged
    assert tags_of(library, "Trade rules") == ("贸易", "ports")
    assert store.tag_counts() == [("ports", 1), ("贸易", 2)]


def test_the_new_name_is_checked_like_any_tag(library: Library) -> None:
    store = library.store
    store.bookmark(library.id_of("Trade rules"), "ports")
    for bad in ("", "   ", "a, b", "电商，营销", "物流、退货", "x;"):
        with pytest.raises(ReaderError):
            store.rename_tag("ports", bad)
    assert tags_of(library, "Trade rules") == ("ports",)  # nothing changed
    assert check_tag("  sea   ports ") == "sea ports"


def test_delete_a_tag_keeps_the_bookmarks(library: Library) -> None:
    store = library.store
    trade, rules = library.id_of("Trade rules"), library.id_of("跨境电商新规")
    store.bookmark(trade, "ports, 海关")
    store.bookmark(rules, "海关")
    assert store.delete_tag("海关") == 2
    assert tags_of(library, "Trade rules") == ("ports",)
    assert tags_of(library, "跨境电商新规") == ()
    assert store.bookmarked_ids() == {trade, rules}
    assert store.delete_tag("海关") == 0


def test_restore_tags_puts_back_what_a_change_answered(library: Library) -> None:
    store = library.store
    trade, rules = library.id_of("Trade rules"), library.id_of("跨境电商新规")
    store.bookmark(trade, "trade, ports, 贸易")
    store.bookmark(rules, "Trade")
    previous = store.change_tag("trade", "贸易")
    assert set(previous.values()) == {("trade", "ports", "贸易"), ("Trade",)}
    assert store.restore_tags(previous) == 2
    assert tags_of(library, "Trade rules") == ("trade", "ports", "贸易")
    assert tags_of(library, "跨境电商新规") == ("Trade",)
    assert store.restore_tags(previous) == 0  # already so
    # delete, then the bookmark goes meanwhile: the rest is still put back
    previous = store.change_tag("trade", None)
    store.unbookmark(rules)
    assert store.restore_tags(previous) == 1
    assert tags_of(library, "Trade rules") == ("trade", "ports", "贸易")


def test_detached_bookmarks_are_renamed_too(library: Library) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    store.bookmark(trade, "ports")
    (library.archive / "trade.txt").unlink()
    library.import_archive()
    assert store.bookmarked_ids() == set()
    assert store.tag_counts() == [("ports", 1)]
    assert store.rename_tag("ports", "harbours") == 1
    assert [b.tags for b in store.bookmarks()] == [("harbours",)]
