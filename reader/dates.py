"""Turn the many ways archives write a date into ``YYYY-MM-DD`` (or None).

Shared by every parser so a date means the same thing whatever format it came from.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

_NUMERIC = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")
_MONTH_FIRST = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d\d)\b")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None, *, allow_compact: bool = False) -> str | None:
    """The first plausible calendar date in *text*, as ``YYYY-MM-DD``.

    ``allow_compact`` also accepts ``20230515`` (safe in URLs, risky in prose).
    """
    if not text:
        return None
    text = text.translate(_FULLWIDTH_DIGITS)
    m = _NUMERIC.search(text)
    if m:
        found = _valid(int(m[1]), int(m[2]), int(m[3]))
        if found:
            return found
    m = _MONTH_FIRST.search(text)
    if m and m[1].lower() in _MONTHS:
        found = _valid(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        if found:
            return found
    m = _DAY_FIRST.search(text)
    if m and m[2].lower() in _MONTHS:
        found = _valid(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        if found:
            return found
    if allow_compact:
        m = _COMPACT.search(text)
        if m:
            return _valid(int(m[1]), int(m[2]), int(m[3]))
    return None


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")


def is_date_line(line: str) -> bool:
    """True when *line* is nothing but a date (the first line of the text format)."""
    line = line.strip()
    if not line or len(line) > 40:
        return False
    found = parse_date(line)
    if not found:
        return False
    rest = _NUMERIC.sub("", line)
    rest = _MONTH_FIRST.sub("", rest)
    rest = _DAY_FIRST.sub("", rest)
    # Allow a weekday or a time after the date ("2023-05-15 10:30", "2023年5月15日 星期一").
    rest = re.sub(r"[日号\s,:：\d]|星期.|周.|[A-Za-z]{3,9}day|AM|PM|am|pm|UTC|GMT|\+|T", "", rest)
    return len(rest) <= 2
