"""The app's child processes start through its own entry point, from source and from a
frozen build alike (``reader.children``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import children
from reader.background.jobs import ImportJob, ProcessJob
from reader.catalogue import Catalogue
from reader.children import CHILD_FLAG, child_command, child_env, child_role, run_child
from reader.paths import catalogue_path
from reader.workers import WorkerPool
from tests.annotations.conftest import write_trade


def test_from_source_a_child_is_a_role_of_python_dash_m_reader() -> None:
    assert child_command("search", "--data-dir", "D") == [
        sys.executable,
        "-m",
        "reader",
        CHILD_FLAG,
        "search",
        "--data-dir",
        "D",
    ]
    assert child_env()["PYTHONPATH"].split(":")[0] == str(Path(children.__file__).parents[1])


def test_frozen_a_child_is_the_app_itself_with_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert child_command("job", "rescan") == [sys.executable, CHILD_FLAG, "job", "rescan"]
    with pytest.raises(ValueError):
        child_command("nonsense")


def test_the_flag_is_read_only_in_first_place() -> None:
    assert child_role([CHILD_FLAG, "search", "--data-dir", "D"]) == ["search", "--data-dir", "D"]
    assert child_role(["search", CHILD_FLAG]) is None
    assert child_role([CHILD_FLAG]) is None
    assert run_child(["nonsense"]) == 2


def _ping(command: list[str], data_dir: Path) -> dict[str, object]:
    Catalogue(catalogue_path(data_dir)).close()  # an empty library to search
    done = subprocess.run(
        command,
        input='{"op": "ping"}\n',
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[0])


def test_search_child_answers_from_source(data_dir: Path) -> None:
    assert _ping(child_command("search", "--data-dir", str(data_dir)), data_dir) == {"ok": "pong"}


def test_a_frozen_entry_point_dispatches_before_the_cli(data_dir: Path) -> None:
    """A frozen build's executable runs ``reader.cli.main`` with the flag: the same child."""
    entry = [sys.executable, "-c", "import sys; from reader.cli import main; sys.exit(main())"]
    command = entry + [CHILD_FLAG, "search", "--data-dir", str(data_dir)]
    assert _ping(command, data_dir) == {"ok": "pong"}


def test_workers_and_jobs_start_through_the_entry_point(tmp_path: Path, data_dir: Path) -> None:
    archive = tmp_path / "archive"
    write_trade(archive)
    phases: list[str] = []
    outcome = ProcessJob(ImportJob(data_dir, [str(archive)], workers=2)).run(
        lambda phase, done, total: phases.append(phase), lambda: False
    )
    assert outcome.error is None, outcome.details
    assert outcome.library_changed and "1 imported" in outcome.message
    assert "Importing" in phases and "Indexing" in phases  # read back from the child
    with WorkerPool(abs, workers=1) as pool:
        assert list(pool.map([-3, 4])) == [(-3, 3), (4, 4)]
        assert not pool.in_process  # a real worker process answered, not the fallback
