"""A watched folder's batch names files that may be gone by the time its job runs (saved,
then deleted by the program that wrote them). Before, the job failed with "no such
file" in the status bar; now a batch skips what is gone, and an import a person asked
for still says a missing folder is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.background.jobs import ImportJob, ProcessJob
from reader.catalogue import Catalogue
from reader.paths import catalogue_path, sample_archive_dir


def no_progress(*_: object) -> None:
    return None


def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    shutil.copytree(sample_archive_dir(), folder)
    return folder


def titles(data: Path) -> int:
    with Catalogue(catalogue_path(data)) as catalogue:
        return len(catalogue.list_articles())


def test_a_batch_skips_a_file_that_is_gone(tmp_path: Path) -> None:
    folder = archive(tmp_path)
    data = tmp_path / "data"
    kept = next(folder.rglob("*.txt"))
    gone = folder / "saved-then-deleted.txt"
    job = ImportJob(data, [str(gone), str(kept)], announce=False, missing_ok=True)
    outcome = ProcessJob(job).run(no_progress, lambda: False)  # through the child process
    assert outcome.error is None, outcome.message
    assert "1 imported" in outcome.message
    assert titles(data) == 1


def test_a_batch_whose_files_are_all_gone_reports_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    job = ImportJob(data, [str(tmp_path / "gone.txt")], announce=False, missing_ok=True)
    outcome = job.run(no_progress, lambda: False)
    assert outcome.error is None and outcome.message == ""
    assert not outcome.library_changed


def test_a_folder_a_person_chose_that_is_missing_is_still_an_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    job = ImportJob(data, [str(tmp_path / "no-such-folder")])
    outcome = ProcessJob(job).run(no_progress, lambda: False)
    assert outcome.error is not None
