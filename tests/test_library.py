"""The one library workflow (``reader.library``): import or re-scan, re-place highlights,
back them up, catch the index up; what the CLI and the window's jobs both run."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from reader.annotations.backup import backup_folder, list_backups
from reader.annotations.store import AnnotationStore
from reader.catalogue import Catalogue
from reader.library import IMPORTING, INDEXING, PLACING, WAITING, Library
from reader.locks import LockWaitCancelled, writer_lock
from reader.paths import catalogue_path
from reader.search.sync import open_engine, search_library
from tests.annotations.conftest import QUOTE, TRADE, write_rules, write_trade


def _archive(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    write_trade(archive)
    write_rules(archive)
    return archive


def _search(data_dir: Path, text: str) -> list[int]:
    engine = open_engine(data_dir, search_only=True)
    try:
        with Catalogue(catalogue_path(data_dir), readonly=True) as catalogue:
            return [h.id for h in search_library(catalogue, engine, text).hits]
    finally:
        engine.close()


def test_import_then_index_reports_each_phase(tmp_path: Path, data_dir: Path) -> None:
    phases: list[str] = []
    seen: list[int] = []
    result = Library(data_dir).update(
        [str(_archive(tmp_path))],
        progress=lambda phase, done, total: phases.append(phase),
        on_imported=lambda summary: seen.append(summary.imported),
        workers=1,
    )
    assert result.imported is not None and result.imported.imported == 2
    assert seen == [2]  # told before indexing starts
    assert result.library_changed and result.index_changed and not result.cancelled
    assert result.index is not None and result.index.added == 2
    assert IMPORTING in phases and INDEXING in phases
    assert phases.index(IMPORTING) < phases.index(INDEXING)
    assert len(_search(data_dir, "customs clearance")) == 1  # the index serves it


def test_rescan_lists_missing_folders_and_changes_nothing(tmp_path: Path, data_dir: Path) -> None:
    archive = _archive(tmp_path)
    gone = tmp_path / "unplugged"
    write_trade(gone, name="other.txt", url="https://x.example.com/other")
    library = Library(data_dir)
    library.update([str(archive), str(gone)], workers=1)
    for path in gone.iterdir():
        path.unlink()
    gone.rmdir()
    result = library.update(None, label="Checking folders", workers=1)
    assert result.missing == [str(gone)]
    assert result.imported is not None and result.imported.unchanged == 2
    assert not result.library_changed and not result.index_changed
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        assert len(catalogue.ids()) == 3  # the unplugged folder's article stays


def test_changed_article_replaces_highlights_and_backs_them_up(
    tmp_path: Path, data_dir: Path
) -> None:
    archive = _archive(tmp_path)
    library = Library(data_dir)
    library.update([str(archive)], workers=1)
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        store = AnnotationStore(catalogue)
        trade = next(r["id"] for r in catalogue.list_articles() if r["title"] == "Trade rules")
        annotation, _ = store.annotate_quote(trade, QUOTE)
        before = len(list_backups(backup_folder(store)))
    write_trade(archive, ["A new first paragraph.", *TRADE])
    phases: list[str] = []
    result = library.update([str(archive)], progress=lambda p, d, t: phases.append(p), workers=1)
    assert result.placed is not None and (result.placed.moved, result.orphaned) == (1, 0)
    assert PLACING in phases and result.backup_note == ""
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        store = AnnotationStore(catalogue)
        stored = store.get_annotation(annotation.id)
        assert stored is not None and stored.start is not None and stored.end is not None
        found = catalogue.title_and_text(trade)
        assert found is not None and found[1][stored.start : stored.end] == QUOTE
        assert len(list_backups(backup_folder(store))) == before + 1


def test_cancel_during_import_keeps_work_and_skips_the_index(
    tmp_path: Path, data_dir: Path
) -> None:
    result = Library(data_dir).update([str(_archive(tmp_path))], cancel=lambda: True, workers=1)
    assert result.cancelled and result.index is None


def test_waits_for_another_writer_and_can_be_cancelled_while_waiting(
    tmp_path: Path, data_dir: Path
) -> None:
    archive = _archive(tmp_path)
    data_dir.mkdir(parents=True, exist_ok=True)
    phases: list[str] = []
    held = threading.Event()
    release = threading.Event()

    def other_import() -> None:
        with writer_lock(data_dir):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=other_import)
    thread.start()
    held.wait(5)
    started = time.monotonic()
    with pytest.raises(LockWaitCancelled):
        Library(data_dir).update(
            [str(archive)],
            progress=lambda p, d, t: phases.append(p),
            cancel=lambda: time.monotonic() - started > 0.3,
            workers=1,
        )
    release.set()
    thread.join()
    assert WAITING in phases
    assert not catalogue_path(data_dir).exists()  # nothing was created, nothing imported


def test_no_index_leaves_the_index_alone(tmp_path: Path, data_dir: Path) -> None:
    result = Library(data_dir).update([str(_archive(tmp_path))], index=False, workers=1)
    assert result.index is None and not result.index_changed
    assert result.imported is not None and result.imported.imported == 2
