"""``date:`` values of the query syntax (``2024``, ``2024-05``, ``2023-01..2023-06``) as
ranges of ``YYYY-MM-DD`` text.

Apart from the query parser (``query_syntax``, which loads Whoosh's qparser: 80 ms) so
the window's timeline can read the range of a typed query at the first keystroke
without paying for the parser on the GUI thread (measured: the longest stall while
typing went from 41 ms to 86-108 ms).
"""

from __future__ import annotations

import re

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def date_range(value: str) -> tuple[str, str] | None:
    """``2023`` -> (2023, 2023~); ``2023-01..2023-06``; open ends ``..2023`` / ``2023..``.

    The bounds compare as text against ``YYYY-MM-DD`` dates, ``~`` sorting after every
    date character so an upper bound takes in the whole year or month it names; None when
    *value* is not a date the syntax knows."""

    def bound(part: str, upper: bool) -> str | None:
        if not part:
            return "0000" if not upper else "9999~"
        m = _DATE.match(part)
        if not m:
            return None
        text = m[1]
        if m[2]:
            text += f"-{int(m[2]):02d}"
            if m[3]:
                text += f"-{int(m[3]):02d}"
        return text + "~" if upper else text  # "~" sorts after every date character

    if ".." in value:
        low_text, _, high_text = value.partition("..")
    else:
        low_text = high_text = value
    low, high = bound(low_text, False), bound(high_text, True)
    if low is None or high is None:
        return None
    return low, high
