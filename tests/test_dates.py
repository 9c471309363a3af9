"""reader.dates: every way archives write a date becomes YYYY-MM-DD, or None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.dates import is_date_line, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-15", "2023-05-15"),
        ("2023/5/1", "2023-05-01"),
        ("2023.05.15", "2023-05-15"),
        ("2023年5月15日", "2023-05-15"),
        ("２０２３－０５－１５", "2023-05-15"),  # full-width digits and dash
        ("May 15, 2023", "2023-05-15"),
        ("Sept. 3rd 2021", "2021-09-03"),
        ("15 March 2022", "2022-03-15"),
        ("posted on 2024-02-29 at noon", "2024-02-29"),  # leap day
        ("2023-02-30", None),  # no such day
        ("2023-13-01", None),
        ("1850-01-01", None),  # outside 1900-2099: not an article date
        ("20230515", None),  # compact only when allowed
        ("", None),
        (None, None),
        ("Version 12 of 2023", None),
    ],
)
def test_parse_date(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_compact_dates_only_when_asked() -> None:
    assert parse_date("/news/20230515/story.html", allow_compact=True) == "2023-05-15"
    assert parse_date("/news/20231345/story.html", allow_compact=True) is None
    assert parse_date("order 120230515", allow_compact=True) is None  # inside a number


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2023-05-15", True),
        ("2023-05-15 10:30", True),
        ("2023年5月15日 星期一", True),
        ("Monday, May 15, 2023", True),
        ("2023-05-15 商务部发布新规", False),  # a title that starts with a date
        ("跨境电商资讯", False),
        ("", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@given(st.text(max_size=200))
def test_any_text_gives_a_valid_date_or_none(text: str) -> None:
    found = parse_date(text, allow_compact=True)
    assert found is None or (len(found) == 10 and found[4] == "-" and found[7] == "-")
    assert isinstance(is_date_line(text), bool)
