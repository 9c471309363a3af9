"""Turn the many ways archives and web pages write a date into ``YYYY-MM-DD`` (or None).

The one date parser of the app: the text format's date line, HTML metadata (``<meta>``,
JSON-LD, ``<time datetime>``), URLs and dates shown only in a page's visible text all go
through :func:`parse_date`, so a date means the same thing whatever it came from, and an
impossible date (2023-02-31) is refused everywhere.

Rules that hold on every path:

* Years 1900-2099 only: anything else in an article's text is a version, a count or an id.
* A timestamp keeps the calendar day it was *written* in: ``2019-09-07T23:30:00-07:00`` is
  2019-09-07. Converting to UTC would move an evening article to the next day, while the
  page (and its readers) call it the 7th.
* ``20230515`` is read only where a compact date is plausible, which the caller says with
  ``allow_compact``: machine-written values (a URL path, a ``<meta content>``, a JSON-LD or
  ``datetime`` value). In prose or a text file's first line eight digits are a number.
* Numbers that are ambiguous (``03/04/2019``: March 4th or April 3rd?) give no date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

# Month names in the languages whose news the archives mostly hold. A name maps to one
# month in every language listed (no clashes), so a single table serves them all.
_MONTH_NAMES = (
    # English
    "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august|"
    "sep sept september|oct october|nov november|dec december",
    # German
    "januar jänner|februar|märz mär mrz|april|mai|juni|juli|august|september|"
    "oktober okt|november|dezember dez",
    # French
    "janvier janv|février fevrier févr fév|mars|avril avr|mai|juin|juillet juil|août aout|"
    "septembre|octobre|novembre|décembre decembre déc",
    # Spanish
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre setiembre|octubre|"
    "noviembre|diciembre",
    # Italian
    "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre",
    # Portuguese
    "janeiro|fevereiro|março marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|"
    "dezembro",
    # Dutch
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
)
_MONTHS: dict[str, int] = {}
for _line in _MONTH_NAMES:
    for _number, _names in enumerate(_line.split("|"), start=1):
        for _name in _names.split():
            _MONTHS.setdefault(_name, _number)

_YEAR = r"((?:19|20)\d\d)"
# 2023-05-15, 2023/5/1, 2023.05.15, 2023年5月15日 (with or without spaces), ISO timestamps.
_NUMERIC = re.compile(_YEAR + r"\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
# 15.05.2023 and 15. 5. 2023: day first, as every language that writes dots does.
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?" + _YEAR + r"(?![\d.]\d)")
# 05/15/2023 or 15/05/2023: read only when one of the two numbers cannot be a month.
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/" + _YEAR + r"(?!\d)")
_COMPACT = re.compile(r"(?<!\d)" + _YEAR + r"(\d\d)(\d\d)(?!\d)")
_WORDS = r"([^\W\d_]{3,10})"
# "May 15, 2023", "Sept. 3rd 2021", "April 28, 2019 at 6:01 am".
_MONTH_FIRST = re.compile(
    r"(?<![^\W\d_])" + _WORDS + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"(?!\d)"
)
# "15 March 2022", "7. September 2019", "1er mars 2019", "7 de septiembre de 2019".
_DAY_FIRST = re.compile(
    r"(?<![\d.])(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?"
    + _WORDS
    + r"\.?,?\s+(?:de\s+)?"
    + _YEAR
    + r"(?!\d)"
)

_FULLWIDTH = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return _MONTHS.get(name.lower())


def iter_dates(text: str, *, allow_compact: bool = False) -> Iterator[tuple[int, int, str]]:
    """Every valid date spelled in *text* as ``(start, end, "YYYY-MM-DD")``, in text order.

    Spans that overlap an earlier one are left out, so ``2023-05-15`` is one date, not also a
    compact or day-first one. Offsets are those of *text* (full-width digits are one
    character, like their ASCII twins).
    """
    if not text:
        return
    text = text.translate(_FULLWIDTH)
    found: list[tuple[int, int, str]] = []

    def add(m: re.Match[str], iso: str | None) -> None:
        if iso:
            found.append((m.start(), m.end(), iso))

    for m in _NUMERIC.finditer(text):
        add(m, _valid(int(m[1]), int(m[2]), int(m[3])))
    for m in _DOTTED.finditer(text):
        add(m, _valid(int(m[3]), int(m[2]), int(m[1])))
    for m in _SLASHED.finditer(text):
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b:
            add(m, _valid(int(m[3]), b, a))
        elif b > 12 >= a:
            add(m, _valid(int(m[3]), a, b))
    for m in _MONTH_FIRST.finditer(text):
        month = _month(m[1])
        if month:
            add(m, _valid(int(m[3]), month, int(m[2])))
    for m in _DAY_FIRST.finditer(text):
        month = _month(m[2])
        if month:
            add(m, _valid(int(m[3]), month, int(m[1])))
    if allow_compact:
        for m in _COMPACT.finditer(text):
            add(m, _valid(int(m[1]), int(m[2]), int(m[3])))
    end = -1
    for start, stop, iso in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= end:
            yield start, stop, iso
            end = stop


def parse_date(text: str | None, *, allow_compact: bool = False) -> str | None:
    """The first valid calendar date in *text*, as ``YYYY-MM-DD``.

    ``allow_compact`` also accepts ``20230515``: pass it for machine-written values (URLs,
    ``<meta content>``, JSON-LD, ``datetime`` attributes), not for prose.
    """
    if not text:
        return None
    return next((iso for _, _, iso in iter_dates(text, allow_compact=allow_compact)), None)


# What may stand next to a date on a line that is only a date: a weekday, a time, a zone.
_DATE_LINE_REST = re.compile(
    r"[日号\s,.:：\d()]|星期.|周.|[^\W\d_]{3,9}day|AM|PM|am|pm|UTC|GMT|\+|T", re.UNICODE
)


def is_date_line(line: str) -> bool:
    """True when *line* is nothing but a date (the first line of the text format)."""
    line = line.strip()
    if not line or len(line) > 40:
        return False
    spans = list(iter_dates(line))
    if not spans:
        return False
    rest = line
    for start, end, _ in reversed(spans):
        rest = rest[:start] + rest[end:]
    return len(_DATE_LINE_REST.sub("", rest)) <= 2
