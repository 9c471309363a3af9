"""The core's messages speak the interface's language.

Before this, a Chinese window said "no space left on the disk that holds …" or "the
library at … is read-only (read-only file system): …" in English, and a skipped file's
reason under Details ("the file is empty") too: the core writes English (it has no Qt,
and its messages cross process boundaries as text). ``reader.messages`` holds each
message as a template; ``reader.ui.error_text`` recognises and translates them.
"""

from __future__ import annotations

import ast
import re
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader import messages as m
from reader.background.jobs import ImportJob, readonly_sentences
from reader.catalogue import Catalogue
from reader.catalogue.storage import storage_error
from reader.errors import DiskFull, LibraryReadOnly, NotAnArticle
from reader.parse import parse_bytes
from reader.paths import sample_archive_dir
from reader.ui import error_text
from reader.ui.error_text import error_text as say_error
from reader.ui.error_text import message_text, sentences_text
from reader.ui.i18n import update_translations
from reader.ui.window.job_reports import outcome_details

CJK = re.compile(r"[\u3400-\u9fff]")
FIELD = re.compile(r"\{(\w+)\}")
ENGLISH_WORDS = re.compile(r"\b(the|is|was|and|not|no|cannot|space|library|file)\b")


def _without_paths(text: str, *paths: object) -> str:
    for path in paths:
        text = text.replace(str(path), "")
    return text


def test_the_windows_table_lists_every_core_template() -> None:
    """lupdate reads the literal table; the core's TEMPLATES are what is raised."""
    tree = ast.parse(Path(error_text.__file__).read_text(encoding="utf-8"))
    listed = [
        call.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "TEMPLATES"
        for call in node.value.elts  # type: ignore[attr-defined]
    ]
    assert sorted(listed) == sorted(m.TEMPLATES)
    assert len(set(m.TEMPLATES)) == len(m.TEMPLATES)


@pytest.mark.parametrize("language", update_translations.LANGUAGES)
def test_every_template_is_translated_with_the_same_fields(language: str) -> None:
    ts = update_translations.HERE / f"archive_reader_{language}.ts"
    root = ET.parse(ts).getroot()
    found: dict[str, str] = {}
    for context in root.iter("context"):
        if context.findtext("name") == error_text.CONTEXT:
            for message in context.iter("message"):
                translation = message.find("translation")
                assert translation is not None
                assert translation.get("type") is None, message.findtext("source")
                found[message.findtext("source") or ""] = translation.text or ""
    assert set(found) == set(m.TEMPLATES)
    for source, translated in found.items():
        if re.search(r"[A-Za-z]", FIELD.sub("", source)):
            assert CJK.search(translated), source
        assert sorted(FIELD.findall(translated)) == sorted(FIELD.findall(source)), source


def test_a_full_disk_is_told_in_chinese_fragments_and_all(speaking, tmp_path: Path) -> None:
    speaking("zh_CN")
    error = storage_error(sqlite3.OperationalError("database or disk is full"), tmp_path / "c.db")
    assert isinstance(error, DiskFull)
    text = say_error(error)
    assert "没有剩余空间" in text and "更改未保存" in text and "重试" in text
    assert str(tmp_path) in text  # the path is put back as it was
    assert not ENGLISH_WORDS.search(_without_paths(text, tmp_path)), text


def test_the_read_only_start_up_note_is_chinese(speaking, tmp_path: Path) -> None:
    """The note a read-only library opens with, its refusal reworded for start-up."""
    with Catalogue(tmp_path / "catalogue.sqlite3") as catalogue:
        catalogue.refusal = LibraryReadOnly(tmp_path, why=m.WHY_READ_ONLY_FS)
        catalogue.warnings.append(m.UNREAD_CHANGES.format(wal=tmp_path / "c-wal", why="x"))
        sentences = readonly_sentences(catalogue)
    assert sentences[0].startswith("The library at")  # English for logs and the CLI
    speaking("zh_TW")
    text = sentences_text(sentences)
    assert "唯讀檔案系統" in text and "不會重新掃描" in text and "注意：" in text
    assert not ENGLISH_WORDS.search(_without_paths(text, tmp_path / "c-wal", tmp_path)), text


def test_skipped_files_say_why_in_chinese_under_details(speaking, tmp_path: Path) -> None:
    """A real import in the job's code path: its Details lines are translated."""
    archive = tmp_path / "存档: {x}"  # a path with ': ' and braces stays as it is
    shutil.copytree(sample_archive_dir(), archive)
    (archive / "empty.txt").write_bytes(b"")
    (archive / "blob.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    outcome = ImportJob(tmp_path / "data", [str(archive)], workers=1).run(
        lambda *_: None, lambda: False
    )
    assert any(line.endswith(m.EMPTY_FILE) for line in outcome.details)  # English in the core
    speaking("zh_CN")
    details = outcome_details(outcome)
    assert f"{archive / 'empty.txt'}：文件为空" in details
    assert f"{archive / 'blob.txt'}：二进制数据，不是文本或 HTML" in details


def test_a_parse_refusal_is_its_template(speaking) -> None:
    """What the parser raises is the template's text exactly, so the window finds it."""
    with pytest.raises(NotAnArticle) as raised:
        parse_bytes(b"   \n", path="x.txt")
    assert str(raised.value) == m.EMPTY_FILE
    speaking("zh_CN")
    assert say_error(raised.value) == "文件为空"


def test_unknown_text_is_shown_as_written_and_english_is_untouched(speaking) -> None:
    text = "Something nobody wrote a template for: {odd} 100%"
    assert message_text(text) == text
    speaking("zh_CN")
    assert message_text(text) == text
    assert message_text("") == ""
    speaking("en")
    assert message_text(m.EMPTY_FILE) == m.EMPTY_FILE


def test_a_translation_that_lost_a_field_falls_back_to_english(speaking, monkeypatch) -> None:
    speaking("zh_CN")
    monkeypatch.setattr(error_text, "translate", lambda context, text: "丢了字段")
    text = m.CANNOT_READ.format(why="Input/output error")
    assert message_text(text) == text
