"""Issue 11 on the command line: ``reader tags`` lists the tags with counts, ``rename``
and ``delete`` change one on every bookmark, each change followed by a backup."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run
from tests.test_cli_annotations import ids, lib, show

__all__ = ["lib"]  # the fixture, used by name


def backups(data: Path) -> list[Path]:
    return sorted((data / "backups").glob("annotations-*.jsonld"))


def tag(data: Path, article_id: int, tags: str) -> None:
    result = run("bookmark", str(article_id), "--tags", tags, data_dir=data)
    assert result.returncode == 0, result.stderr


def test_tags_list_rename_and_delete(lib: tuple[Path, Path]) -> None:
    _, data = lib
    found = ids(data)
    trade, rules = found["Trade rules"], found["跨境电商新规"]
    result = run("tags", data_dir=data)
    assert result.returncode == 0 and "No tags yet" in result.stdout
    assert json.loads(run("tags", "--json", data_dir=data).stdout) == []
    tag(data, trade, "trade, 海关, Ports")
    tag(data, rules, "海关，电商")

    result = run("tags", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"tag": "Ports", "bookmarks": 1},
        {"tag": "trade", "bookmarks": 1},
        {"tag": "海关", "bookmarks": 2},
        {"tag": "电商", "bookmarks": 1},
    ]
    lines = run("tags", data_dir=data).stdout.splitlines()
    assert lines[2].split() == ["2", "海关"]

    before = len(backups(data))
    result = run("tags", "rename", "TRADE", "电商", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "tag": "trade",
        "bookmarks_changed": 1,
        "renamed_to": "电商",
    }
    assert show(data, trade)["tags"] == ["电商", "海关", "Ports"]
    assert show(data, rules)["tags"] == ["海关", "电商"]  # merged: once each
    assert len(backups(data)) == before + 1  # backed up after the change

    result = run("tags", "delete", "海关", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "Removed the tag “海关” from 2 bookmarks." in result.stdout
    assert show(data, trade)["tags"] == ["电商", "Ports"]
    assert show(data, rules)["tags"] == ["电商"] and show(data, rules)["bookmarked"]
    assert len(backups(data)) == before + 2


def test_tags_errors_change_nothing(lib: tuple[Path, Path]) -> None:
    _, data = lib
    trade = ids(data)["Trade rules"]
    tag(data, trade, "ports")
    before = len(backups(data))
    for args in (
        ("tags", "rename", "ports", "a, b"),  # two tags
        ("tags", "rename", "ports", " "),  # none
        ("tags", "rename", "missing", "x"),  # nobody has it
        ("tags", "delete", "missing"),
        ("tags", "rename", "ports"),  # usage
        ("tags", "frobnicate"),
    ):
        result = run(*args, data_dir=data)
        assert result.returncode != 0, args
        assert result.stderr.strip(), args
    assert "'reader tags' lists them" in run("tags", "delete", "missing", data_dir=data).stderr
    assert show(data, trade)["tags"] == ["ports"]
    assert len(backups(data)) == before
