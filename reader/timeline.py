"""How many articles fall in each month: the timeline above the list, and ``reader search
QUERY --timeline``.

Three sources, one shape (``{"YYYY-MM": count}``, sorted by month): the whole library (one
``GROUP BY`` over the catalogue's indexed ``date`` column), a set of article ids (the
bookmarks, a filtered list: the ids go to SQLite as one JSON array, so the grouping and
counting happen there), and a query's matches (the search engine's ``all_matches``: every
matching article, not the top 20, with the date the index keeps for it, counted with
NumPy). None of them loops over rows in Python: at 100,000 articles they must answer
while a person types.

An article without a date, or with a year alone, is in no month and is left out (the
counts then sum to less than the list's length). ``by_year`` rolls months up into years
for a long span.

No Qt here: the window's timeline (``reader.ui.library.timeline``) and the CLI both call
this module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.catalogue import Catalogue

if TYPE_CHECKING:  # NumPy and the engine are loaded when a query is counted, not with the
    # window: the timeline's module is imported at start-up (0.17 s for NumPy alone).
    import numpy as np

    from reader.search.engine import SearchEngine

# A date that names its month: YYYY-MM, with or without the day.
_MONTH_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]*"
_LIBRARY_SQL = (
    "SELECT substr(date, 1, 7) AS month, count(*) FROM articles"
    f" WHERE date GLOB '{_MONTH_GLOB}' GROUP BY month ORDER BY month"
)
_IDS_SQL = (
    "SELECT substr(a.date, 1, 7) AS month, count(*) FROM articles a"
    " WHERE a.id IN (SELECT value FROM json_each(?))"
    f" AND a.date GLOB '{_MONTH_GLOB}' GROUP BY month ORDER BY month"
)

Months = dict[str, int]


@dataclass(slots=True)
class QueryMonths:
    """A query's counts by month. ``exact`` is False when they were estimated: the query
    needed its candidates checked against the text and there were too many to read, so
    each month's candidates were scaled by the share of a checked sample that matched
    (``note`` says so)."""

    months: Months = field(default_factory=dict)
    exact: bool = True
    note: str | None = None


def _valid(months: Iterable[tuple[str, int]]) -> Months:
    """Months whose number is 01-12 (the GLOB lets 00 and 13-19 through)."""
    return {m: int(n) for m, n in months if 1 <= int(m[5:7]) <= 12 and n}


def library_months(catalogue: Catalogue) -> Months:
    """Every article of the library by month (one indexed GROUP BY)."""
    return _valid(catalogue.connection.execute(_LIBRARY_SQL))


def months_of_ids(catalogue: Catalogue, ids: Iterable[int]) -> Months:
    """The articles *ids* by month (ids not in the library count for nothing)."""
    payload = json.dumps([int(i) for i in ids])
    return _valid(catalogue.connection.execute(_IDS_SQL, (payload,)))


def months_of_dates(dates: np.ndarray, *, share: float = 1.0) -> Months:
    """``YYYYMMDD`` numbers (0: no date; day or month 00: not known) counted by month with
    NumPy; with *share* below 1, each count is scaled by it (an estimate)."""
    import numpy as np

    dates = np.asarray(dates, dtype=np.int64)
    keys = dates // 100  # YYYYMM
    month = keys % 100
    keys = keys[(dates > 0) & (month >= 1) & (month <= 12)]
    if not keys.size:
        return {}
    found, counts = np.unique(keys, return_counts=True)
    if share < 1.0:
        # Largest remainders: the months sum to the rounded estimate of the whole (each
        # month rounded alone, a hundred months of 1.6 made 200 out of 160).
        scaled = counts * share
        counts = np.floor(scaled).astype(np.int64)
        short = int(round(float(scaled.sum()))) - int(counts.sum())
        if short > 0:
            counts[np.argsort(-(scaled - counts), kind="stable")[:short]] += 1
    return {
        f"{k // 100:04d}-{k % 100:02d}": int(c)
        for k, c in zip(found.tolist(), counts.tolist(), strict=True)
        if c
    }


def query_months(
    catalogue: Catalogue, engine: SearchEngine, query: str, *, exact: bool = False
) -> QueryMonths:
    """The articles matching *query* by month: every match, whatever a hit list's limit.

    The window wants the answer while a person types, so a query whose candidates must be
    read (a phrase) reads at most ``CHECK_LIMIT`` of them and estimates the rest; *exact*
    reads them all (the command line: a script wants the true counts, and waits)."""
    from reader.search.sync import LibraryUserData
    from reader.search.whoosh_engine import CHECK_LIMIT

    matches = engine.all_matches(
        query,
        text_of=catalogue.title_and_text,
        user=LibraryUserData(catalogue),
        check_limit=1 << 62 if exact else CHECK_LIMIT,
    )
    note = matches.note
    if not matches.exact:
        estimate = (
            f"the counts are estimated: {matches.checked:,} of {len(matches.ids):,} "
            "candidates were checked against their text"
            if matches.checked
            else "the counts include candidates not checked against their text"
        )
        note = "; ".join(n for n in (note, estimate) if n)
    return QueryMonths(months_of_dates(matches.dates, share=matches.share), matches.exact, note)


def by_year(months: Mapping[str, int]) -> Months:
    """Months rolled up into years (``{"2024": n}``), sorted."""
    years: Months = {}
    for month in sorted(months):
        years[month[:4]] = years.get(month[:4], 0) + months[month]
    return years


def month_span(first: str, last: str) -> list[str]:
    """Every month from *first* to *last* (``YYYY-MM``), both included: a timeline's axis
    has the empty months too."""
    y, m = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (y, m) <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
