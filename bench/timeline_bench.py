"""Time the timeline's counts at 100,000 articles; print the figures the README quotes.

    python bench/timeline_bench.py                 # 100,000 articles
    python bench/timeline_bench.py --n 10000       # a quicker run

Uses the corpus and library of ``bench/gui_bench.py`` (cached under --cache, default
/tmp/gui-bench: generated with ``make_corpus.py``, imported, indexed once; reruns reuse
them) and measures, in a fresh process, warm (the median of --runs runs, after one
untimed run) and the first run apart:

- the whole library by month (``reader.timeline.library_months``: one GROUP BY), and
  beside it the Python loop it replaces (``list_articles`` rows into a Counter);
- a list's ids by month (``months_of_ids``): all of them (a filtered list as long as
  the library) and 1,000 (a bookmarks view);
- queries by month (``query_months``: every match through the engine's ``all_matches``
  and NumPy), for words, a two-character and a four-character Chinese run (the latter's
  candidates are read and checked), a phrase, a date filter and a site filter: seconds,
  matches, candidates checked, exact or estimated; and the same query's search (top 20,
  snippets) for scale.

Every answer is checked against the brute-force count before it is timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

QUERIES = (
    "跨境",
    "物流",
    "跨境电商",
    "海外仓储",
    '"supply chain"',
    "date:2024",
    "date:2021-03..2021-08",
)


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """(first run's seconds, median of *runs* more, the answer)."""
    started = time.perf_counter()
    answer = fn()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return first, statistics.median(times), answer


def month_of(date: str | None) -> str | None:
    if not date or len(date) < 7 or date[4] != "-" or not 1 <= int(date[5:7]) <= 12:
        return None
    return date[:7]


def child(data: Path, runs: int) -> dict[str, Any]:
    from reader import timeline
    from reader.catalogue import Catalogue
    from reader.search.sync import open_engine, search_library

    out: dict[str, Any] = {}
    with Catalogue(data / "catalogue.sqlite3", readonly=True) as catalogue:
        first, warm, months = timed(lambda: timeline.library_months(catalogue), runs)
        loop_first, loop_warm, rows = timed(lambda: catalogue.list_articles(order="id"), 1)
        started = time.perf_counter()
        brute = Counter(m for m in (month_of(r["date"]) for r in rows) if m)
        loop_warm += time.perf_counter() - started
        assert months == dict(sorted(brute.items())), "library counts differ from brute force"
        out["articles"] = len(rows)
        out["dated"] = sum(months.values())
        out["months"] = len(months)
        out["library"] = {"first_ms": first * 1e3, "ms": warm * 1e3}
        out["python_loop_ms"] = loop_warm * 1e3
        ids = [r["id"] for r in rows]
        by_id = {r["id"]: r["date"] for r in rows}
        for label, chosen in (
            ("all_ids", ids),
            ("1000_ids", ids[:: max(1, len(ids) // 1000)][:1000]),
        ):
            first, warm, got = timed(lambda c=chosen: timeline.months_of_ids(catalogue, c), runs)
            want = Counter(m for m in (month_of(by_id[i]) for i in chosen) if m)
            assert got == dict(sorted(want.items())), f"{label}: counts differ"
            out[label] = {"first_ms": first * 1e3, "ms": warm * 1e3, "ids": len(chosen)}
        engine = open_engine(data, search_only=True)
        try:
            out["queries"] = []
            for query in QUERIES:
                first, warm, counted = timed(
                    lambda q=query: timeline.query_months(catalogue, engine, q), runs
                )
                matches = engine.all_matches(query, text_of=catalogue.title_and_text, user=None)
                search_first, search_warm, results = timed(
                    lambda q=query: search_library(catalogue, engine, q), runs
                )
                if counted.exact:  # every match counted: the search's full list agrees
                    full = search_library(catalogue, engine, query, limit=10**6)
                    want = Counter(m for m in (month_of(by_id.get(h.id)) for h in full.hits) if m)
                    assert counted.months == dict(sorted(want.items())), f"{query}: differ"
                out["queries"].append(
                    {
                        "query": query,
                        "first_ms": first * 1e3,
                        "ms": warm * 1e3,
                        "matches": int(len(matches.ids)),
                        "dated": sum(counted.months.values()),
                        "checked": matches.checked,
                        "exact": counted.exact,
                        "search_ms": search_warm * 1e3,
                        "search_total": results.total,
                    }
                )
        finally:
            engine.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles (default 100,000)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/gui-bench"))
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each count")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.runs)))
        return 0
    from gui_bench import library

    data = library(args.cache, args.n, index=True)
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(data), "--runs", str(args.runs)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=3600,
    )
    if proc.returncode != 0:
        raise SystemExit(f"measuring failed:\n{proc.stderr[-3000:]}")
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"{r['articles']:,} articles, {r['dated']:,} dated in {r['months']} months "
        f"(median of {args.runs} warm runs; first run in brackets)"
    )
    lib = r["library"]
    print(
        f"  library by month (GROUP BY): {lib['ms']:.1f} ms [{lib['first_ms']:.1f}]; "
        f"the Python loop over rows: {r['python_loop_ms']:.0f} ms"
    )
    for key in ("all_ids", "1000_ids"):
        part = r[key]
        print(f"  {part['ids']:,} ids by month: {part['ms']:.1f} ms [{part['first_ms']:.1f}]")
    print("  query by month (every match):")
    for q in r["queries"]:
        if q["exact"]:
            read = f", {q['checked']:,} candidates read" if q["checked"] else ""
            found = f"{q['matches']:,} matches{read}"
        else:
            found = (
                f"about {q['dated']:,} matches (estimated: {q['checked']:,} of "
                f"{q['matches']:,} candidates read)"
            )
        print(
            f"    {q['query']}: {q['ms']:.1f} ms [{q['first_ms']:.1f}], {found}; "
            f"its search (top 20): {q['search_ms']:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
