"""The command-line contract: import, list --json, show ID --json, parse --json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.test_importer import write_article


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_import_list_show_contract(tmp_path: Path) -> None:
    data = tmp_path / "lib"
    archive = tmp_path / "archive"
    write_article(
        archive,
        "one.txt",
        "第一篇",
        "https://x.example.com/1",
        [("第二篇", "https://x.example.com/2")],
    )
    write_article(archive, "two.txt", "第二篇", "https://x.example.com/2", [], date="2024-02-03")
    (archive / "empty.txt").write_text("")
    huge = archive / "huge.txt"
    huge.write_text("2020-01-01\n\nHuge\n\n" + ("A line of text. " * 60 + "\n\n") * 9000)

    result = run("import", str(archive), data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "3 imported" in result.stdout and "1 skipped" in result.stdout
    assert "empty.txt: the file is empty" in result.stdout
    assert "huge.txt: file is 8.3 MB; only the first 8.0 MB were read" in result.stdout

    rows = json.loads(run("list", "--json", data_dir=data).stdout)
    assert [r["title"] for r in rows] == ["第二篇", "第一篇", "Huge"]  # newest first
    for row in rows:
        assert {"id", "title", "date", "site", "source_url", "path"} <= row.keys()
    one = next(r for r in rows if r["title"] == "第一篇")
    two = next(r for r in rows if r["title"] == "第二篇")
    assert one["date"] == "2024-01-02" and one["site"] == "跨境电商资讯"

    shown = json.loads(run("show", str(one["id"]), "--json", data_dir=data).stdout)
    assert shown["id"] == one["id"] and shown["title"] == "第一篇"
    assert shown["paragraphs"] == ["正文内容，讲述跨境物流。"]
    assert shown["links"] == [
        {"title": "第二篇", "url": "https://x.example.com/2", "article_id": two["id"]}
    ]


def test_show_unknown_id_and_missing_library(tmp_path: Path) -> None:
    result = run("show", "999", "--json", data_dir=tmp_path / "nothing")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "No library yet" in result.stderr
    write_article(tmp_path / "a", "x.txt", "X", "https://x.example.com/x", [])
    run("import", str(tmp_path / "a"), data_dir=tmp_path / "lib")
    result = run("show", "999", data_dir=tmp_path / "lib")
    assert result.returncode == 2 and "No article with id 999" in result.stderr


def test_import_of_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "missing"), data_dir=tmp_path / "lib")
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_parse_json_lines(tmp_path: Path) -> None:
    good = write_article(
        tmp_path,
        "good.txt",
        "好文章",
        "https://x.example.com/g",
        [("好文章", "https://x.example.com/g")],
    )
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 100)
    result = run("parse", str(good), str(bad), "--json", data_dir=tmp_path / "lib")
    assert result.returncode == 0
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["title"] == "好文章" and first["id"] is None and first["links"] == []
    assert first["paragraphs"] == ["正文内容，讲述跨境物流。"]
    assert "error" in second and "binary" in second["error"]
    assert not (tmp_path / "lib").exists()  # parse never creates a library


def test_parse_json_keeps_one_record_per_line_whatever_the_text(tmp_path: Path) -> None:
    """U+2028, U+2029 and U+0085 in a string (here the file name) are escaped, so a line
    splitter (str.splitlines, JavaScript, log tools) cannot cut a record in two."""
    page = write_article(
        tmp_path, "odd\u2028name\x85\u2029.txt", "标题", "https://x.example.com/o", []
    )
    result = run("parse", str(page), "--json", data_dir=tmp_path / "lib")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    for raw in ("\u2028", "\u2029", "\x85"):
        assert raw not in result.stdout
    record = json.loads(lines[0])
    assert record["path"] == str(page) and record["title"] == "标题"


def test_search_contract_and_index_recovery(tmp_path: Path) -> None:
    data = tmp_path / "lib"
    archive = tmp_path / "archive"
    write_article(
        archive,
        "one.txt",
        "国际贸易新规",
        "https://x.example.com/1",
        [],
        body="商务部发布国际贸易便利化新规。",
    )
    write_article(
        archive, "two.txt", "海外仓", "https://x.example.com/2", [], body="卖家把货物送进海外仓。"
    )
    result = run("import", str(archive), data_dir=data)
    assert result.returncode == 0 and "Search index" in result.stdout

    found = json.loads(run("search", "际贸", "--json", data_dir=data).stdout)
    assert [r["title"] for r in found] == ["国际贸易新规"]
    hit = found[0]
    assert {"id", "title", "date", "site", "score", "snippet"} <= hit.keys()
    assert "[际贸]" in hit["snippet"]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "际贸"

    # A deleted index is rebuilt from the library on the next search, not a crash.
    import shutil

    shutil.rmtree(data / "index")
    result = run("search", "海外仓", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert [r["title"] for r in json.loads(result.stdout)] == ["海外仓"]
    assert "rebuilding" in result.stderr

    result = run("reindex", "--full", data_dir=data)
    assert result.returncode == 0 and "2 added" in result.stdout
    result = run("search", '"unbalanced', "--json", data_dir=data)
    assert result.returncode == 0 and json.loads(result.stdout) == []
    assert "could not be parsed" in result.stderr


def test_data_dir_before_the_command_is_the_library_used(tmp_path: Path) -> None:
    import os

    archive = tmp_path / "archive"
    write_article(archive, "one.txt", "第一篇", "https://x.example.com/1", [])
    env = {**os.environ, "READER_DATA_DIR": str(tmp_path / "elsewhere")}

    def reader(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reader.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    assert reader("--data-dir", str(tmp_path / "lib"), "import", str(archive)).returncode == 0
    assert (tmp_path / "lib" / "catalogue.sqlite3").exists()
    assert not (tmp_path / "elsewhere").exists()
    listed = json.loads(reader("--data-dir", str(tmp_path / "lib"), "list", "--json").stdout)
    assert [r["title"] for r in listed] == ["第一篇"]
    # after the command it works as before, and without it the fallback is used
    assert json.loads(reader("list", "--json", "--data-dir", str(tmp_path / "lib")).stdout)
    fallback = reader("list", "--json")
    assert fallback.returncode == 2 and "elsewhere" in fallback.stderr
