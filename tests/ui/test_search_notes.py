"""The search's notes speak the interface's language.

The core writes them as English clauses in the search process ("the query could not be
parsed; searched for its words instead"); a Chinese window showed them as they were.
"""

from __future__ import annotations

import re

import pytest

from reader.search.query import MAX_QUERY_CHARS, parse_query
from reader.ui.i18n import number
from reader.ui.qt import QApplication
from reader.ui.search.notes import note_text

CJK = re.compile(r"[\u3400-\u9fff]")


def core_note(query: str) -> str:
    note = parse_query(query).note
    assert note, query
    return note


BROKEN = 'title:("unclosed AND OR'
LONG = "跨境 " * (MAX_QUERY_CHARS // 2) + ' title:("'


def test_english_notes_read_as_sentences(qapp: QApplication) -> None:
    assert note_text(core_note("AND OR")) == "Nothing to search for."
    text = note_text(core_note(LONG))
    assert text.startswith(f"The query was cut to its first {number(MAX_QUERY_CHARS)} characters.")
    assert note_text(core_note(BROKEN)) == (
        "The query could not be parsed; searched for its words instead."
    )


@pytest.mark.parametrize("language", ["zh_CN", "zh_TW"])
def test_chinese_notes_leave_no_english(speaking, language: str) -> None:  # type: ignore[no-untyped-def]
    speaking(language)  # type: ignore[operator]
    for query in ("AND OR", LONG, BROKEN):
        text = note_text(core_note(query))
        assert CJK.search(text) and not re.search(r"[A-Za-z]{3,}", text), (query, text)


def test_a_clause_the_window_does_not_know_is_shown_as_written(qapp: QApplication) -> None:
    text = note_text("the moon is made of cheese; nothing to search for")
    assert text == "The moon is made of cheese. Nothing to search for."


def test_a_repair_report_keeps_what_was_repaired(speaking) -> None:  # type: ignore[no-untyped-def]
    note = "the search index was missing or damaged (segment 3; postings) and has been repaired"
    assert note_text(note) == (
        "The search index was missing or damaged (segment 3; postings) and has been repaired."
    )
    speaking("zh_CN")  # type: ignore[operator]
    assert note_text(note) == "搜索索引缺失或损坏（segment 3; postings），已修复。"
