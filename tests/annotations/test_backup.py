"""Backups: written only on change, atomically, rotated; and they restore an emptied library."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.annotations import backup
from reader.annotations.backup import list_backups, rotate, write_backup
from reader.annotations.export import import_jsonld
from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.importer import import_paths
from tests.annotations.conftest import QUOTE, Library


def test_backup_written_on_change_only(library: Library, data_dir: Path) -> None:
    store = library.store
    assert write_backup(store) is None  # nothing to protect yet
    trade = library.id_of("Trade rules")
    a, _ = store.annotate_quote(trade, QUOTE, note="n")
    first = write_backup(store)
    assert first is not None and first.parent == data_dir / "backups"
    assert first.name.startswith("annotations-") and first.suffix == ".jsonld"
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["type"] == "AnnotationCollection"
    assert doc["first"]["items"][0]["id"] == "urn:uuid:" + a.id
    assert write_backup(store) is None  # unchanged: no new file
    store.bookmark(trade)
    second = write_backup(store)
    assert second is not None and list_backups(first.parent) == [second, first]
    store.delete_annotation(a.id)
    store.unbookmark(trade)
    assert write_backup(store) is not None  # even "everything deleted" is a state to keep
    assert len(list_backups(first.parent)) == 3


def test_rotation_keeps_the_newest_and_one_per_day(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    names = [
        f"annotations-202401{day:02d}T{hour:02d}0000000000Z.jsonld"
        for day in range(1, 11)
        for hour in range(3)
    ]  # 10 days, 3 a day
    for name in names:
        (folder / name).write_text("{}")
    (folder / ".annotations-crashed.tmp").write_text("half")
    (folder / "notes.txt").write_text("not ours")
    removed = rotate(folder, keep=4, days=6)
    kept = [p.name for p in list_backups(folder)]
    newest_four = sorted(names, reverse=True)[:4]  # day 10 (3) and day 9's last
    daily = [f"annotations-202401{day:02d}T020000000000Z.jsonld" for day in (8, 7, 6, 5)]
    assert kept == newest_four + daily
    assert len(removed) == 30 - len(kept)
    assert not (folder / ".annotations-crashed.tmp").exists()
    assert (folder / "notes.txt").exists()


def test_a_failed_write_leaves_the_previous_backup_whole(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    store.annotate_quote(trade, QUOTE)
    good = write_backup(store)
    assert good is not None
    before = good.read_bytes()
    store.annotate_quote(trade, "record volumes")

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(backup.os, "replace", crash)
    with pytest.raises(OSError):
        write_backup(store)
    monkeypatch.undo()
    assert list_backups(good.parent) == [good] and good.read_bytes() == before
    assert [p.name for p in good.parent.iterdir()] == [good.name]  # no temp file left


def test_restore_into_an_emptied_library(library: Library, data_dir: Path) -> None:
    store = library.store
    trade = library.id_of("Trade rules")
    store.annotate_quote(trade, QUOTE, note="keep me")
    store.annotate_quote(library.id_of("跨境电商新规"), "回款周期")
    store.bookmark(trade, "ports")
    saved = write_backup(store)
    assert saved is not None
    library.catalogue.close()
    for suffix in ("", "-wal", "-shm"):
        path = Path(str(data_dir / "catalogue.sqlite3") + suffix)
        if path.exists():
            os.unlink(path)

    with Catalogue(data_dir / "catalogue.sqlite3") as fresh:
        import_paths(fresh, [library.archive], workers=1)
        restored = AnnotationStore(fresh)
        summary = import_jsonld(restored, saved)
        assert (summary.added, summary.bookmarks_added) == (2, 1)
        assert import_jsonld(restored, saved).added == 0  # no duplicates
        assert restored.count() == 2
        new_trade = next(r["id"] for r in fresh.list_articles() if r["title"] == "Trade rules")
        (found,) = restored.annotations_for(new_trade)
        assert found.note == "keep me" and found.placed
        assert restored.ids_with_tag("ports") == {new_trade}
