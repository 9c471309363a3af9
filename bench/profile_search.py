"""Time the search query mix by kind at 100,000 articles, and profile the slowest kind.

    python bench/profile_search.py                          # /tmp/gui-bench/data-100000
    python bench/profile_search.py --data-dir DIR --repeat 5 --json out.json
    python bench/profile_search.py --profile substring      # profile this kind instead

The queries are bench/search_bench.py's own sample (same sampler, same seed), so the
figures here are the benchmark's kinds: substrings, words, English, phrases, filters. Each
query runs as the desktop app's search process runs it (``search_library``: the engine's
search, top 20, with snippets): one first pass from this fresh process, then ``--repeat``
warm passes, whose per-query median is what the warm p50/p95 are taken over (the machine
is shared: a median of passes is steadier than one pass). Then the slowest kind (by warm
p95) runs again under cProfile and the functions it spent its time in are printed, so a
change to the search core is made where the time really goes, and shown to help by a
before/after ``--json`` pair.

Sampling needs every article's text (half a minute at 100,000), so the sample is kept in
``--queries-file`` and reused while the library is the same.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))
if "--code" in sys.argv[:-1]:  # before ``reader`` is imported: another copy of the code
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--code") + 1]).resolve()))

from reader.catalogue import Catalogue  # noqa: E402
from reader.search.sync import open_engine, search_library  # noqa: E402

DEFAULT_DATA = Path("/tmp/gui-bench/data-100000")


def queries_for(data: Path, count: int, seed: int, cache: Path) -> list[dict[str, Any]]:
    """bench/search_bench.py's seeded sample for this library, cached beside it."""
    if cache.exists():
        stored = json.loads(cache.read_text())
        if stored.get("count") == count and stored.get("seed") == seed:
            return list(stored["queries"])
    from search_bench import load_texts, sample_queries  # read-only use of the benchmark

    print(f"sampling {count} queries from {data} (once) ...", file=sys.stderr)
    queries = sample_queries(load_texts(data), count, seed)
    cache.write_text(json.dumps({"count": count, "seed": seed, "queries": queries}))
    return queries


def pct(values: list[float], p: float) -> float:
    """The benchmark's percentile (nearest rank), so the two print comparable figures."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def time_queries(
    catalogue: Catalogue,
    engine: Any,
    queries: list[dict[str, Any]],
    repeat: int,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[list[float], list[float]]:
    """(first-pass ms, median warm ms) per query."""
    first: list[float] = []
    warm: list[list[float]] = [[] for _ in queries]
    for attempt in range(repeat + 1):
        for i, q in enumerate(queries):
            started = clock()
            search_library(catalogue, engine, q["q"], limit=20)
            ms = (clock() - started) * 1000
            if attempt == 0:
                first.append(ms)
            else:
                warm[i].append(ms)
    return first, [statistics.median(w) for w in warm]


def profile_kind(catalogue: Catalogue, engine: Any, queries: list[dict[str, Any]], top: int) -> str:
    """cProfile of *queries* run three times warm: the functions by own time and by
    cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3):
        for q in queries:
            search_library(catalogue, engine, q["q"], limit=20)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries-file", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="warm passes (median taken)")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time with the process's CPU clock, not the wall clock: on a machine others "
        "share, two versions of the code compare by the work they do",
    )
    parser.add_argument("--profile", metavar="KIND", help="profile this kind (default: slowest)")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--top", type=int, default=25, help="functions listed in a profile")
    parser.add_argument("--json", metavar="FILE", help="also write the per-query figures")
    parser.add_argument(
        "--code",
        metavar="DIR",
        help="import the reader package from DIR (e.g. `git archive HEAD reader` unpacked "
        "there), to time two versions of the code alternately in one sitting",
    )
    args = parser.parse_args()

    data: Path = args.data_dir
    cache = args.queries_file or Path(f"/tmp/profile-search-queries-{data.name}.json")
    queries = queries_for(data, args.queries, args.seed, cache)
    started = time.perf_counter()
    catalogue = Catalogue(data / "catalogue.sqlite3", readonly=True)
    engine = open_engine(data, search_only=True)
    opened = time.perf_counter() - started
    clock = time.process_time if args.cpu else time.perf_counter
    first, warm = time_queries(catalogue, engine, queries, args.repeat, clock)

    kinds = sorted({q["kind"] for q in queries})
    import reader

    print(f"code: {Path(reader.__file__).parent}")
    print(
        f"\n{data}: {catalogue.count():,} articles, {len(queries)} queries, opened in "
        f"{opened:.2f} s; ms, top 20 with snippets"
    )
    print(f"clock: {'CPU time of this process' if args.cpu else 'wall'}")
    print(
        f"{'kind':14} {'first p50 / p95':>18} {'warm p50 / p95':>18} {'warm max':>9} "
        f"{'warm mean':>9}"
    )
    by_kind: dict[str, dict[str, float]] = {}
    for kind in [*kinds, "all"]:
        idx = [i for i, q in enumerate(queries) if kind in ("all", q["kind"])]
        f = [first[i] for i in idx]
        w = [warm[i] for i in idx]
        by_kind[kind] = {
            "first_p50": pct(f, 50),
            "first_p95": pct(f, 95),
            "p50": pct(w, 50),
            "p95": pct(w, 95),
            "max": max(w),
            "mean": statistics.fmean(w),
        }
        row = by_kind[kind]
        print(
            f"{kind + f' ({len(idx)})':14} {row['first_p50']:>8.1f} / {row['first_p95']:<7.1f}"
            f" {row['p50']:>8.1f} / {row['p95']:<7.1f} {row['max']:>9.1f} {row['mean']:>9.2f}"
        )
    slowest = sorted(range(len(queries)), key=lambda i: -warm[i])[:8]
    print("slowest queries (warm median ms):")
    for i in slowest:
        print(f"  {warm[i]:7.1f}  {queries[i]['kind']:10} {queries[i]['q']}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"queries": queries, "first": first, "warm": warm, "kinds": by_kind},
                ensure_ascii=False,
            )
        )
    if not args.no_profile:
        kind = args.profile or max(kinds, key=lambda k: by_kind[k]["p95"])
        chosen = [q for q in queries if q["kind"] == kind]
        print(f"\n== cProfile: {len(chosen)} {kind} queries, 3 warm passes ==")
        print(profile_kind(catalogue, engine, chosen, args.top))
    engine.close()
    catalogue.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
