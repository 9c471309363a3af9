"""A background job's report speaks the interface's language.

The job ends in a child process that never loads Qt, so the report crosses over as
templates and values (``reader.background.reports``) and the window translates it
(``reader.ui.window.job_reports``). Before this, a Chinese window said "sample-archive:
20 imported, 0 updated, 0 unchanged, 0 skipped in 3.2 s." in its status bar.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from reader.background import reports
from reader.background.jobs import ImportJob, JobOutcome, RemoveFolderJob, outcome_line
from reader.paths import sample_archive_dir
from reader.ui.window import job_reports
from reader.ui.window.job_reports import outcome_text, outcome_title
from tests.ui.conftest import make_window

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, JobOutcome]:
    """An import of a copy of the sample archive with one empty file (skipped)."""
    archive = tmp_path / "新闻存档"
    shutil.copytree(sample_archive_dir(), archive)
    (archive / "empty.txt").write_bytes(b"")
    data = tmp_path / "data"
    outcome = ImportJob(data, [str(archive)], workers=1).run(lambda *_: None, lambda: False)
    return data, outcome


def no_progress(*_: object) -> None:
    return None


def sample_articles() -> int:
    return sum(p.suffix in (".txt", ".html", ".htm") for p in sample_archive_dir().rglob("*"))


def test_every_template_the_core_can_send_is_in_the_windows_table() -> None:
    assert set(job_reports.TEMPLATES) | {reports.AS_WRITTEN} == set(reports.TEMPLATES) | {
        reports.AS_WRITTEN
    }


def test_in_english_the_report_is_the_cores_own_text(imported, qapp) -> None:  # type: ignore[no-untyped-def]
    _, outcome = imported
    assert outcome.sentences
    assert outcome_text(outcome) == outcome.message
    assert outcome_title(outcome) == outcome.title == "Import finished"
    counts = r"新闻存档: \d+ imported, 0 updated, 0 unchanged, 1 skipped in"
    assert re.search(counts, outcome.message)
    assert "Skipped: empty.txt (Details… says why)." in outcome.message


@pytest.mark.parametrize(("language", "word"), [("zh_CN", "导入完成"), ("zh_TW", "匯入完成")])
def test_an_import_report_speaks_chinese(imported, speaking, language: str, word: str) -> None:  # type: ignore[no-untyped-def]
    _, outcome = imported
    speaking(language)  # type: ignore[operator]
    text = outcome_text(outcome)
    assert outcome_title(outcome) == word
    # Nothing English is left but the names of the folder and the file.
    leftover = text.replace("新闻存档", "").replace("empty.txt", "").replace("F5", "")
    assert CJK.search(text) and not re.search(r"[A-Za-z]{3,}", leftover), text
    assert f"导入 {sample_articles()} 篇" in text or f"匯入 {sample_articles()} 篇" in text


def test_the_report_survives_the_trip_from_the_child_process(imported, speaking) -> None:  # type: ignore[no-untyped-def]
    _, outcome = imported
    back = JobOutcome(**json.loads(outcome_line(outcome))["outcome"])
    speaking("zh_CN")  # type: ignore[operator]
    assert outcome_text(back) == outcome_text(outcome)
    assert "导入" in outcome_text(back)


def test_plurals_and_counts_in_a_folder_removal(imported, speaking) -> None:  # type: ignore[no-untyped-def]
    data, _ = imported
    root = str(next(p for p in (data.parent).iterdir() if p.name == "新闻存档"))
    outcome = RemoveFolderJob(data, root).run(no_progress, lambda: False)
    n = sample_articles()
    assert f": {n} articles removed from it" in outcome.message
    speaking("zh_TW")  # type: ignore[operator]
    assert f"移除了 {n} 篇文章" in outcome_text(outcome)


def test_a_translation_that_does_not_fit_falls_back_to_english(imported, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, outcome = imported
    monkeypatch.setattr(job_reports, "translate", lambda *_a, **_k: "{missing} 篇")
    assert outcome_text(outcome) == outcome.message


def test_the_window_shows_the_report_in_chinese(imported, speaking, qtbot) -> None:  # type: ignore[no-untyped-def]
    data, outcome = imported
    speaking("zh_CN")  # type: ignore[operator]
    win = make_window(data)
    qtbot.addWidget(win)
    try:
        win.report_outcome(outcome)
        shown = win.status_report.label.full_text
        assert shown == outcome_text(outcome) and "导入" in shown
        assert win.status_report.title == "导入完成"
    finally:
        win.close()


def test_every_progress_phase_of_the_library_is_translatable() -> None:
    """A phase added to the workflow (``Finding copies of the same story``) showed in
    English in a Chinese window until it was listed for translation."""
    from reader import library
    from reader.ui.window.status_widgets import JOB_TEXTS

    phases = {
        library.IMPORTING,
        library.RESCANNING,
        library.PLACING,
        library.INDEXING,
        library.RESTORING,
        library.GROUPING,
        library.WAITING,
    }
    assert phases <= set(JOB_TEXTS)
