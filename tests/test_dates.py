"""reader.dates: every way archives write a date becomes YYYY-MM-DD, or None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.dates import is_date_line, iter_dates, parse_date


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
        # one parser for text files and HTML (issue 12): these used to differ by path
        ("1985-05-15", "1985-05-15"),
        ("２０２３年５月１５日", "2023-05-15"),  # full-width digits with 年月日
        ("2019年9月7日", "2019-09-07"),
        ("发布时间：2019年9月7日 10:30", "2019-09-07"),
        ("2019-09-07 15:10:53", "2019-09-07"),
        ("April 28, 2019 at 6:01 am", "2019-04-28"),
        ("7 September 2019", "2019-09-07"),
        ("Sat, 07 Sep 2019 23:30:00 -0700", "2019-09-07"),
        ("2023-02-31", None),  # impossible dates are refused on every path
        ("2023年2月30日", None),
        # a timestamp keeps the day it was written in, not the UTC day
        ("2019-09-07T23:30:00-07:00", "2019-09-07"),
        ("2019-09-08T01:30:00+09:00", "2019-09-08"),
        ("2019-09-07T23:30:00.000Z", "2019-09-07"),
        # other languages' month names and day-first numbers
        ("7. September 2019", "2019-09-07"),
        ("1er mars 2019", "2019-03-01"),
        ("7 de septiembre de 2019", "2019-09-07"),
        ("07.09.2019", "2019-09-07"),
        ("13/04/2019", "2019-04-13"),
        ("04/13/2019", "2019-04-13"),
        ("03/04/2019", None),  # March 4th or April 3rd: no guess
        ("Updated May 3, 2020, first published 2019-09-07", "2020-05-03"),  # the first one
    ],
)
def test_parse_date(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_compact_dates_only_when_asked() -> None:
    assert parse_date("/news/20230515/story.html", allow_compact=True) == "2023-05-15"
    assert parse_date("/news/20231345/story.html", allow_compact=True) is None
    assert parse_date("order 120230515", allow_compact=True) is None  # inside a number
    assert parse_date("20230515", allow_compact=True) == "2023-05-15"
    assert parse_date("20230515T101500Z", allow_compact=True) == "2023-05-15"
    assert parse_date("20230231", allow_compact=True) is None  # impossible, compact or not
    assert parse_date("20230515") is None  # prose: eight digits are a number


def test_iter_dates_in_text_order_without_overlaps() -> None:
    text = "Posted 2019-09-07, updated 8 September 2019; ref 20190909"
    assert [d for _, _, d in iter_dates(text)] == ["2019-09-07", "2019-09-08"]
    assert [d for _, _, d in iter_dates(text, allow_compact=True)] == [
        "2019-09-07",
        "2019-09-08",
        "2019-09-09",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2023-05-15", True),
        ("2023-05-15 10:30", True),
        ("2023年5月15日 星期一", True),
        ("Monday, May 15, 2023", True),
        ("２０２３年５月１５日", True),
        ("April 28, 2019 at 6:01 am", True),
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
