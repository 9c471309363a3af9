"""The timeline's counts by month (``reader.timeline``, ``reader search --timeline``).

Every count is checked against a brute-force one: the library's and a set of ids'
against ``reader list --json``'s dates, a query's against the search's full hit list and
against what the generated articles were made to hold. Dates are drawn with hypothesis,
missing ones and ones that name only a year or a month included.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import timeline
from reader.article import Article, Block
from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.search.sync import open_engine, search_library, sync_index
from reader.search.whoosh_engine import WhooshEngine
from tests.conftest import SAMPLE_ARCHIVE
from tests.test_cli import run

WORDS = ("harbour", "tariff", "海外仓储", "跨境物流")


def month_of(date: str | None) -> str | None:
    """The month a date names, by hand: ``YYYY-MM`` with a real month, else None."""
    if not date or len(date) < 7 or date[4] != "-":
        return None
    return date[:7] if 1 <= int(date[5:7]) <= 12 else None


def brute(dates: Iterable[str | None]) -> dict[str, int]:
    counts = Counter(m for m in map(month_of, dates) if m)
    return dict(sorted(counts.items()))


dates = st.one_of(
    st.none(),
    st.dates(min_value=__import__("datetime").date(1995, 1, 1)).map(lambda d: d.isoformat()),
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1990, 2030), st.integers(1, 12)),
    st.integers(1990, 2030).map(str),
)
article = st.tuples(dates, st.sets(st.sampled_from(WORDS), max_size=3))


@contextmanager
def library(items: list[tuple[str | None, set[str]]]) -> Iterator[tuple[Catalogue, WhooshEngine]]:
    """A catalogue holding one article per item (its date, its words), indexed."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        with Catalogue(data / "catalogue.sqlite3") as catalogue:
            with catalogue.transaction() as db:
                for n, (date, words) in enumerate(items):
                    body = " ".join(["Plain words about shipping", *sorted(words), f"n{n}"])
                    catalogue.upsert_article(
                        db,
                        Article(
                            title=f"Article {n}",
                            blocks=[Block("p", body)],
                            date=date,
                            site="Site",
                            source_url=None,
                            language="en",
                        ),
                        path=f"/virtual/{n}.txt",
                        size=1,
                        mtime_ns=1,
                        content_hash=f"h{n}",
                    )
            engine = open_engine(data)
            try:
                sync_index(catalogue, engine)
                yield catalogue, engine  # type: ignore[misc]
            finally:
                engine.close()


def hit_dates(catalogue: Catalogue, engine: WhooshEngine, query: str) -> list[str | None]:
    """The dates of every hit of *query*: the search's full list, not its first page."""
    results = search_library(catalogue, engine, query, limit=100_000)
    assert len(results.hits) == results.total or not results.hits
    return [(catalogue.summary(h.id) or {}).get("date") for h in results.hits]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article, max_size=40), st.data())
def test_counts_equal_a_brute_force_count(
    items: list[tuple[str | None, set[str]]], data: st.DataObject
) -> None:
    with library(items) as (catalogue, engine):
        rows = catalogue.list_articles()  # what `reader list --json` prints
        assert timeline.library_months(catalogue) == brute(r["date"] for r in rows)
        chosen = data.draw(st.sets(st.sampled_from([r["id"] for r in rows] or [0])))
        by_id = {r["id"]: r["date"] for r in rows}
        assert timeline.months_of_ids(catalogue, chosen | {10**9}) == brute(
            by_id.get(i) for i in chosen
        )
        # a query's counts: every match (limit or not), by the search and by construction
        for query in (*WORDS, "harbour OR tariff", "shipping -tariff", '"海外仓储"', "date:2000.."):
            counted = timeline.query_months(catalogue, engine, query)
            assert counted.exact, query
            assert counted.months == brute(hit_dates(catalogue, engine, query)), query
        for word in WORDS:
            made = [d for d, words in items if word in words]
            assert timeline.query_months(catalogue, engine, word).months == brute(made)
        years = timeline.by_year(timeline.library_months(catalogue))
        assert years == dict(
            sorted(Counter(m[:4] for m in map(month_of, by_id.values()) if m).items())
        )


@pytest.fixture(scope="module")
def sample() -> Iterator[tuple[Catalogue, WhooshEngine]]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        with Catalogue(data / "catalogue.sqlite3") as catalogue:
            import_paths(catalogue, [SAMPLE_ARCHIVE])
            engine = open_engine(data)
            sync_index(catalogue, engine)
            yield catalogue, engine
            engine.close()


@pytest.mark.parametrize(
    "query",
    [
        "跨境电商",
        "海外仓",
        "物流 date:2024",
        '"cross-border e-commerce"',
        "退货 OR returns",
        "亚马逊",
    ],
)
def test_sample_query_counts_cover_every_hit(
    sample: tuple[Catalogue, WhooshEngine], query: str
) -> None:
    """More hits than a page would show are all counted; Chinese runs of three or more
    characters (whose candidates are checked against the text) too."""
    catalogue, engine = sample
    counted = timeline.query_months(catalogue, engine, query)
    expected = brute(hit_dates(catalogue, engine, query))
    assert counted.exact and counted.months == expected
    assert sum(expected.values()) > 0


def test_too_many_candidates_are_estimated_and_said_so() -> None:
    """A Chinese run's candidates (articles holding its bigrams apart) are read and
    checked, all of them up to the limit; past it a sample is, and the answer says it is
    an estimate."""
    real = [("2024-01-05", {"海外仓"}), ("2024-02-05", {"海外仓"}), ("2024-02-07", {"海外仓"})]
    # 海外 and 外仓 nine characters apart: where their pair positions (kept mod 8) agree
    apart = [(f"2024-0{m}-01", {"海外一二三四五六七外仓"}) for m in (1, 2, 3, 3, 3)]
    with library(real + apart) as (catalogue, engine):
        query = "海外仓"
        raw = engine.all_matches(query)  # no text to check against: candidates, not exact
        assert not raw.exact and len(raw.ids) == 8
        full = engine.all_matches(query, text_of=catalogue.title_and_text)
        assert full.exact and full.checked == 8 and len(full.ids) == 3
        counted = timeline.query_months(catalogue, engine, query)
        assert counted.exact and counted.months == {"2024-01": 1, "2024-02": 2}
        sampled = engine.all_matches(query, text_of=catalogue.title_and_text, check_limit=4)
        assert not sampled.exact and sampled.checked == 4 and 0.0 <= sampled.share <= 1.0
        assert list(sampled.ids) == list(raw.ids)
        estimate = timeline.months_of_dates(sampled.dates, share=sampled.share)
        assert set(estimate) <= {"2024-01", "2024-02", "2024-03"}


def test_cli_search_timeline_json(tmp_path: Path) -> None:
    data = tmp_path / "lib"
    assert run("import", str(SAMPLE_ARCHIVE), data_dir=data).returncode == 0
    listed = json.loads(run("list", "--json", data_dir=data).stdout)
    for query, wanted in (
        ("date:2000..", brute(r["date"] for r in listed)),
        ("date:2024", brute(r["date"] for r in listed if (r["date"] or "").startswith("2024"))),
    ):
        result = run("search", query, "--timeline", "--json", data_dir=data)
        assert result.returncode == 0, result.stderr
        months = json.loads(result.stdout)
        assert isinstance(months, dict) and list(months) == sorted(months)
        assert all(len(k) == 7 and k[4] == "-" and isinstance(v, int) for k, v in months.items())
        assert months == wanted and months
    # the hits themselves are what --limit caps; the timeline is not
    query = "海外仓"
    hits = json.loads(run("search", query, "--json", "--limit", "1000", data_dir=data).stdout)
    months = json.loads(run("search", query, "--timeline", "--json", data_dir=data).stdout)
    assert months == brute(h["date"] for h in hits) and sum(months.values()) == len(hits)
    one = json.loads(run("search", query, "--json", "--limit", "1", data_dir=data).stdout)
    assert len(one) == 1 < sum(months.values())
    plain = run("search", query, "--timeline", data_dir=data)
    assert plain.returncode == 0 and f"{sum(months.values())} dated results" in plain.stdout
    assert "without a date" in run("search", "--help", data_dir=data).stdout


def test_month_span_and_dates() -> None:
    assert timeline.month_span("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    import numpy as np

    assert timeline.months_of_dates(np.array([20240105, 20240100, 20240000, 0, 20231231])) == {
        "2023-12": 1,
        "2024-01": 2,
    }


def test_an_estimate_sums_to_the_estimated_whole() -> None:
    """Scaled months add up to the share of all candidates, not to each rounded alone."""
    import numpy as np

    dates = np.repeat(np.arange(20200101, 20201301, 100), 16)  # 12 months x 16 candidates
    months = timeline.months_of_dates(dates, share=0.1)
    assert sum(months.values()) == round(dates.size * 0.1) == 19
    assert set(months.values()) <= {1, 2}
