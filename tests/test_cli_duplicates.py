"""The command-line contract for copies of one story (issue 14): ``list --json`` gains
``group`` (the id of the story's first copy, or null) and ``show ID --json`` gains
``copies`` (the other copies' ids); no key of the contract is renamed or dropped."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import run
from tests.test_duplicates import write_copies


def test_list_and_show_name_the_copies(tmp_path: Path) -> None:
    archive, data = tmp_path / "archive", tmp_path / "data"
    files = write_copies(archive)
    result = run("import", str(archive), "--no-index", data_dir=data)
    assert result.returncode == 0, result.stderr

    listed = json.loads(run("list", "--json", data_dir=data).stdout)
    assert len(listed) == len(files)
    for row in listed:  # the old keys are all there, and group beside them
        assert {"id", "title", "date", "site", "source_url", "path", "group"} <= set(row)
    by_path = {row["path"]: row for row in listed}
    for lang in ("zh", "en"):
        story = [
            by_path[str(files[k])]
            for k in (lang, f"{lang}_repost", f"{lang}_teaser", f"{lang}_edit")
        ]
        first = min(row["id"] for row in story)
        assert {row["group"] for row in story} == {first}
        assert by_path[str(files[f"{lang}_other"])]["group"] is None

        shown = json.loads(run("show", str(first), "--json", data_dir=data).stdout)
        assert shown["copies"] == sorted(row["id"] for row in story if row["id"] != first)
        assert {"paragraphs", "links", "linked_from"} <= set(shown)  # the contract stays
        alone = by_path[str(files[f"{lang}_other"])]["id"]
        assert json.loads(run("show", str(alone), "--json", data_dir=data).stdout)["copies"] == []

    # the plain form says it too
    text = run("show", str(min(r["id"] for r in listed if r["group"])), data_dir=data).stdout
    assert "Other copies of this story: #" in text


def test_search_names_each_hits_copies(tmp_path: Path) -> None:
    """``reader search --json`` lists every hit (its contract: nothing folded) and says
    for each which story it belongs to (``group``) and its other copies (``copies``)."""
    archive, data = tmp_path / "archive", tmp_path / "data"
    files = write_copies(archive)
    assert run("import", str(archive), data_dir=data).returncode == 0
    by_path = {row["path"]: row for row in json.loads(run("list", "--json", data_dir=data).stdout)}
    story = {by_path[str(files[k])]["id"] for k in ("zh", "zh_repost", "zh_teaser", "zh_edit")}
    result = run("search", "货代", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert story <= {hit["id"] for hit in hits}  # every copy is a hit of its own
    for hit in hits:
        assert {"id", "title", "snippet", "highlights", "path", "group", "copies"} <= set(hit)
        if hit["id"] in story:
            assert hit["group"] == min(story)
            assert sorted(hit["copies"]) == sorted(story - {hit["id"]})
        else:
            assert hit["group"] is None or hit["group"] not in story
            assert not set(hit["copies"]) & story
