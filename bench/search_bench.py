"""Index generated archives, time queries, check recall; SQLite FTS5 trigram side by side.

    python bench/search_bench.py                     # 10,000 and 100,000 articles
    python bench/search_bench.py --sizes 2000        # a quick run

For each size N this script

1. generates N articles with bench/make_corpus.py (reused from bench/corpus-N/) and
   imports them into a library under bench/out/ with ``--no-index`` (not timed here: that
   is bench/import_bench.py's job);
2. times ``reader reindex --full`` in a fresh process: indexing throughput (articles/s and
   MB of cleaned text/s), peak resident memory of the process and of its workers, and the
   index size as a multiple of the text size (text = UTF-8 bytes of every article's
   cleaned title and body, what both engines index);
3. samples queries from the corpus (seeded, so runs compare): whole words (jieba words,
   English words), cross-word CJK substrings of 2-6 characters, "phrases", and field and
   date filters;
4. runs them in a fresh searcher process through the app's own search call (top 20, with
   snippets), twice: a first pass (what the first searches after opening cost) and a
   warm pass, recording latency p50/p95 and the searcher's memory;
5. checks recall and false hits of every CJK substring query against a brute-force scan of
   the same folded text (all results, not just the top 20);
6. builds an SQLite FTS5 table with the trigram tokenizer over the same folded text in the
   same run, and runs the same queries there (those it can run: trigram needs 3+
   characters) with its own ``snippet()`` and bm25 ranking, so the comparison is a ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from import_bench import corpus  # noqa: E402

from reader.catalogue import Catalogue  # noqa: E402
from reader.search import analysis  # noqa: E402

OUT = HERE / "out"
CJK_RUN = analysis.CJK_RUN
LATIN = re.compile(r"[a-z]{4,}")


# -- the library and the text ------------------------------------------------------------


def library(n: int) -> Path:
    """A data folder holding the catalogue of the N-article corpus (built once, reused)."""
    data = OUT / f"search-{n}"
    marker = data / "imported.ok"
    if not marker.exists():
        if data.exists():
            shutil.rmtree(data)
        folder = corpus(n)
        print(f"importing {n} articles (not timed) ...", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "reader",
                "import",
                str(folder),
                "--data-dir",
                str(data),
                "--no-index",
                "--json",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        marker.write_text("ok")
    return data


def load_texts(data: Path) -> dict[int, tuple[str, str, str | None, str | None]]:
    """id -> (title, body, date, site), the cleaned text both engines index."""
    texts: dict[int, tuple[str, str, str | None, str | None]] = {}
    with Catalogue(data / "catalogue.sqlite3", readonly=True) as cat:
        for article_id in cat.ids():
            row = cat.index_row(article_id)
            assert row is not None
            texts[article_id] = (row["title"], row["body"], row["date"], row["site"])
    return texts


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# -- indexing ----------------------------------------------------------------------------

_INDEX_CHILD = """
import json, resource, sys, time
from reader.cli import main
t = time.perf_counter()
rc = main(['reindex', '--full', '--data-dir', sys.argv[1]])
wall = time.perf_counter() - t
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({'rc': rc, 'wall': wall, 'rss_main_mb': me, 'rss_worker_mb': kids}),
      file=sys.stderr)
"""


def tree_rss_mb(root: int) -> tuple[float, float, float]:
    """Resident memory (MB) right now of a process tree: (all together, the root alone,
    the largest descendant), read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm") as handle:
                rss[int(entry)] = int(handle.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    page = os.sysconf("SC_PAGE_SIZE") / 2**20
    others = [rss.get(p, 0) for p in tree if p != root]
    return (
        sum(rss.get(p, 0) for p in tree) * page,
        rss.get(root, 0) * page,
        max(others, default=0) * page,
    )


def index_ours(data: Path) -> dict[str, Any]:
    """Time a full reindex in a fresh process; sample the memory of the whole process
    tree (parent and workers) every 0.2 s. (getrusage's maxrss is no use here: Linux
    carries a forked parent's size across exec into the child's figure.)"""
    proc = subprocess.Popen(
        [sys.executable, "-c", _INDEX_CHILD, str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peaks = [0.0, 0.0, 0.0]
    while proc.poll() is None:
        peaks = [max(a, b) for a, b in zip(peaks, tree_rss_mb(proc.pid), strict=True)]
        time.sleep(0.2)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"reindex failed: {err[-2000:]}")
    stats = json.loads(err.strip().splitlines()[-1])
    stats["rss_tree_peak_mb"], stats["rss_parent_mb"], stats["rss_one_worker_mb"] = peaks
    stats["bytes"] = folder_bytes(data / "index")
    return stats


def index_fts5(
    path: Path, folded: dict[int, tuple[str, str]], meta: dict[int, tuple[str | None, str | None]]
) -> dict[str, Any]:
    if path.exists():
        path.unlink()
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, date UNINDEXED, "
        "site UNINDEXED, tokenize = 'trigram')"
    )
    with db:
        db.executemany(
            "INSERT INTO fts(rowid, title, body, date, site) VALUES (?, ?, ?, ?, ?)",
            ((i, t, b, meta[i][0], meta[i][1]) for i, (t, b) in folded.items()),
        )
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.close()
    wall = time.perf_counter() - started
    return {"wall": wall, "bytes": path.stat().st_size}


# -- queries -----------------------------------------------------------------------------


def sample_queries(
    texts: dict[int, tuple[str, str, str | None, str | None]], count: int, seed: int
) -> list[dict[str, Any]]:
    """A seeded mix of what people type, each with the literal that must occur (for CJK
    substring queries) so recall can be checked."""
    rng = random.Random(seed)
    ids = sorted(texts)
    queries: list[dict[str, Any]] = []

    def cjk_piece(lo: int, hi: int) -> str | None:
        for _ in range(50):
            title, body, _, _ = texts[rng.choice(ids)]
            runs = [r for r in CJK_RUN.findall(body) if len(r) >= lo]
            if not runs:
                continue
            run = rng.choice(runs)
            size = rng.randint(lo, min(hi, len(run)))
            start = rng.randint(0, len(run) - size)
            return run[start : start + size]
        return None

    def cjk_word() -> str | None:
        for _ in range(50):
            piece = cjk_piece(8, 30)
            if piece:
                words = [
                    w
                    for w in analysis.words(analysis.fold(piece))
                    if len(w) >= 2 and analysis.is_cjk(w)
                ]
                if words:
                    return rng.choice(words)
        return None

    def latin_words(k: int) -> list[str] | None:
        for _ in range(200):
            _, body, _, _ = texts[rng.choice(ids)]
            found = LATIN.findall(body.lower())
            if len(found) > k + 2:
                start = rng.randint(0, len(found) - k)
                picked = found[start : start + k]
                if not any(w in analysis.STOP_WORDS for w in picked):
                    return picked
        return None

    per_kind = {
        "substring": count * 40 // 100,
        "word": count * 25 // 100,
        "english": count * 10 // 100,
        "phrase": count * 10 // 100,
    }
    per_kind["filter"] = count - sum(per_kind.values())
    for _ in range(per_kind["substring"]):
        piece = cjk_piece(2, 6)
        if piece:
            queries.append({"kind": "substring", "q": piece, "literal": piece})
    for _ in range(per_kind["word"]):
        word = cjk_word()
        if word:
            queries.append({"kind": "word", "q": word, "literal": word})
    for _ in range(per_kind["english"]):
        words = latin_words(1)
        if words:
            queries.append({"kind": "english", "q": words[0]})
    for i in range(per_kind["phrase"]):
        if i % 2:
            words = latin_words(2)
            if words:
                queries.append({"kind": "phrase", "q": '"' + " ".join(words) + '"'})
        else:
            piece = cjk_piece(4, 8)
            if piece:
                queries.append({"kind": "phrase", "q": f'"{piece}"', "literal": piece})
    dates = sorted({d[:4] for (_, _, d, _) in texts.values() if d})
    sites = sorted({s for (_, _, _, s) in texts.values() if s})
    for i in range(per_kind["filter"]):
        word = cjk_word() or "跨境"
        form = i % 4
        if form == 0 and dates:
            queries.append({"kind": "filter", "q": f"{word} date:{rng.choice(dates)}"})
        elif form == 1 and dates:
            year = rng.choice(dates)
            queries.append({"kind": "filter", "q": f"{word} date:{year}-01..{year}-06"})
        elif form == 2 and sites:
            queries.append({"kind": "filter", "q": f"{word} site:{rng.choice(sites)}"})
        else:
            queries.append({"kind": "filter", "q": f"title:{word}"})
    return queries


_SEARCH_CHILD = """
import json, resource, sys, time
from reader.catalogue import Catalogue
from reader.search.sync import open_engine, search_library
from pathlib import Path
data = Path(sys.argv[1])
queries = json.loads(Path(sys.argv[2]).read_text())
recall_too = sys.argv[3] == '1'
started = time.perf_counter()
catalogue = Catalogue(data / 'catalogue.sqlite3', readonly=True)
engine = open_engine(data)
opened = time.perf_counter() - started
def private_mb():
    for line in open('/proc/self/status'):
        if line.startswith('RssAnon'):
            return int(line.split()[1]) / 1024
    return 0.0
out = [{} for q in queries]
private_peak = private_mb()
for key in ('first_ms', 'ms'):  # a first pass from a fresh process, then warm
    for i, q in enumerate(queries):
        t = time.perf_counter()
        res = search_library(catalogue, engine, q['q'], limit=20)
        out[i][key] = (time.perf_counter() - t) * 1000
        out[i].update(hits=len(res.hits),
                      snippets=sum(1 for h in res.hits if '[' in h.snippet))
        private_peak = max(private_peak, private_mb())
rss_timed = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
full = {}
if recall_too:
    for i, q in enumerate(queries):
        if q['kind'] == 'substring':
            res = search_library(catalogue, engine, q['q'], limit=10**7)
            full[i] = [h.id for h in res.hits]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({'results': out, 'full': full, 'rss_mb': rss, 'rss_timed_mb': rss_timed,
                  'private_mb': private_peak, 'open_s': opened}))
"""


def search_ours(data: Path, queries: list[dict[str, Any]], recall: bool) -> dict[str, Any]:
    qfile = data / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False))
    proc = subprocess.run(
        [sys.executable, "-c", _SEARCH_CHILD, str(data), str(qfile), "1" if recall else "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fts5_match(q: dict[str, Any]) -> tuple[str, str] | None:
    """The FTS5 trigram form of a query: (MATCH expression, extra WHERE), or None when
    trigram cannot run it (a term under 3 characters)."""
    text = analysis.fold(q["q"])
    extra = ""
    m = re.search(r"\s*date:(\d{4})-01\.\.(\d{4})-06$", text)
    if m:
        extra = f" AND date >= '{m[1]}-01' AND date < '{m[2]}-07'"
        text = text[: m.start()]
    m = re.search(r"\s*date:(\d{4})$", text)
    if m:
        extra = f" AND date LIKE '{m[1]}%'"
        text = text[: m.start()]
    m = re.search(r"\s*site:(.+)$", text)
    if m:
        extra = " AND site = '" + m[1].replace("'", "''") + "'"
        text = text[: m.start()]
    column = ""
    if text.startswith("title:"):
        column, text = "title : ", text[6:]
    phrase = text.strip().strip('"')
    if len(phrase) < 3:
        return None
    return column + '"' + phrase.replace('"', '""') + '"', extra


def search_fts5(path: Path, queries: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    db = sqlite3.connect(path)
    sql = (
        "SELECT rowid, snippet(fts, 1, '[', ']', '…', 24) FROM fts WHERE fts MATCH ?{extra}"
        " ORDER BY bm25(fts, 3.0, 1.0) LIMIT 20"
    )
    runnable = [(i, fts5_match(q)) for i, q in enumerate(queries)]
    out: dict[int, dict[str, Any]] = {}
    for key in ("first_ms", "ms"):  # as for ours: a first pass, then warm
        for i, form in runnable:
            if form is None:
                continue
            t = time.perf_counter()
            rows = db.execute(sql.format(extra=form[1]), (form[0],)).fetchall()
            out.setdefault(i, {})[key] = (time.perf_counter() - t) * 1000
            out[i]["hits"] = len(rows)
    for i, form in runnable:
        q = queries[i]
        if form is not None and q["kind"] == "substring":
            ids = [r[0] for r in db.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (form[0],))]
            out[i]["full"] = ids
    db.close()
    return out


def recall(
    queries: list[dict[str, Any]], full: dict[Any, list[int]], folded: dict[int, tuple[str, str]]
) -> dict[str, float]:
    """Recall over (query, article containing it) pairs, and false hits, vs brute force."""
    pairs = found = false = queries_checked = 0
    for key, got in full.items():
        q = queries[int(key)]
        literal = analysis.fold(q["literal"])
        truth = {i for i, (t, b) in folded.items() if literal in t or literal in b}
        got_set = set(got)
        pairs += len(truth)
        found += len(truth & got_set)
        false += len(got_set - truth)
        queries_checked += 1
    return {
        "queries": queries_checked,
        "pairs": pairs,
        "recall": found / pairs if pairs else 1.0,
        "false_hits": false,
    }


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# -- the run -----------------------------------------------------------------------------


def run(n: int, count: int, seed: int, recall_limit: int, reuse: bool) -> dict[str, Any]:
    data = library(n)
    texts = load_texts(data)
    folded = {i: (analysis.fold(t), analysis.fold(b)) for i, (t, b, _, _) in texts.items()}
    meta = {i: (d, s) for i, (_, _, d, s) in texts.items()}
    text_mb = sum(len(t.encode()) + len(b.encode()) for t, b, _, _ in texts.values()) / 1e6

    fts_path = data / "fts5-trigram.sqlite3"
    previous = data / "index-figures.json"
    if reuse and previous.exists() and fts_path.exists():
        print("reusing the indexes of the last run (--reuse) ...", file=sys.stderr)
        ours_index, fts_index = json.loads(previous.read_text())
    else:
        print(f"indexing {n} articles ({text_mb:.1f} MB of text) ...", file=sys.stderr)
        ours_index = index_ours(data)
        print("building FTS5 trigram ...", file=sys.stderr)
        fts_index = index_fts5(fts_path, folded, meta)
        previous.write_text(json.dumps([ours_index, fts_index]))

    queries = sample_queries(texts, count, seed)
    substring_ids = [i for i, q in enumerate(queries) if q["kind"] == "substring"]
    keep = set(substring_ids[:recall_limit])
    print(f"running {len(queries)} queries ...", file=sys.stderr)
    ours = search_ours(data, queries, recall=True)
    ours["full"] = {k: v for k, v in ours["full"].items() if int(k) in keep}
    fts = search_fts5(fts_path, queries)
    fts_full = {i: r["full"] for i, r in fts.items() if "full" in r and i in keep}
    return {
        "n": n,
        "text_mb": text_mb,
        "queries": queries,
        "ours_index": ours_index,
        "fts_index": fts_index,
        "ours": ours,
        "fts": fts,
        "ours_recall": recall(queries, ours["full"], folded),
        "fts_recall": recall(queries, fts_full, folded),
    }


def report(r: dict[str, Any]) -> None:
    n, mb = r["n"], r["text_mb"]
    oi, fi = r["ours_index"], r["fts_index"]
    ours_ms = [x["ms"] for x in r["ours"]["results"]]
    fts_ids = sorted(r["fts"])
    print(f"\n== {n} articles, {mb:.1f} MB of cleaned text, {len(r['queries'])} queries ==")
    print(f"{'':34} {'ours (posting store)':>22} {'SQLite FTS5 trigram':>22}")
    print(f"{'index time':34} {oi['wall']:>20.1f} s {fi['wall']:>20.1f} s")
    print(f"{'articles/s':34} {n / oi['wall']:>22.0f} {n / fi['wall']:>22.0f}")
    print(f"{'MB of text/s':34} {mb / oi['wall']:>22.2f} {mb / fi['wall']:>22.2f}")
    print(
        f"{'index size (x text)':34} {oi['bytes'] / 1e6 / mb:>22.2f} "
        f"{fi['bytes'] / 1e6 / mb:>22.2f}"
    )
    print(
        f"{'indexing peak RSS, all processes, MB':34} "
        f"{oi.get('rss_tree_peak_mb', float('nan')):>22.0f} {'(one process)':>22}"
    )
    print(
        f"{'  peaks apart: parent / one worker':34} "
        f"{oi.get('rss_parent_mb', float('nan')):>12.0f} / "
        f"{oi.get('rss_one_worker_mb', float('nan')):<7.0f}"
    )
    print("query latency p50 / p95 in ms, top 20 with snippets; warm pass:")
    print(f"{'  all queries':34} {pct(ours_ms, 50):>11.1f} / {pct(ours_ms, 95):<8.1f}")
    ours_on_fts = [r["ours"]["results"][i]["ms"] for i in fts_ids]
    fts_ms = [r["fts"][i]["ms"] for i in fts_ids]
    print(
        f"{'  on the ' + str(len(fts_ids)) + ' FTS5 can run':34} "
        f"{pct(ours_on_fts, 50):>11.1f} / {pct(ours_on_fts, 95):<8.1f}"
        f"{pct(fts_ms, 50):>11.1f} / {pct(fts_ms, 95):<8.1f}"
    )
    first = [x["first_ms"] for x in r["ours"]["results"]]
    first_on_fts = [r["ours"]["results"][i]["first_ms"] for i in fts_ids]
    fts_first = [r["fts"][i]["first_ms"] for i in fts_ids]
    print(
        f"{'first pass, all / FTS5-runnable':34} {pct(first, 50):>11.1f} / "
        f"{pct(first, 95):<8.1f}{pct(fts_first, 50):>11.1f} / {pct(fts_first, 95):<8.1f}"
    )
    print(
        f"{'  ours on the FTS5-runnable ones':34} {pct(first_on_fts, 50):>11.1f} / "
        f"{pct(first_on_fts, 95):<8.1f}"
    )
    print("warm pass (the same queries again), by kind:")
    kinds = sorted({q["kind"] for q in r["queries"]})
    for kind in kinds:
        idx = [i for i, q in enumerate(r["queries"]) if q["kind"] == kind]
        ms = [r["ours"]["results"][i]["ms"] for i in idx]
        f_ms = [r["fts"][i]["ms"] for i in idx if i in r["fts"]]
        fts_txt = f"{pct(f_ms, 50):>11.1f} / {pct(f_ms, 95):<8.1f}" if f_ms else f"{'-':>22}"
        print(
            f"{'  ' + kind + f' ({len(idx)})':34} {pct(ms, 50):>11.1f} / "
            f"{pct(ms, 95):<8.1f}{fts_txt}"
        )
    orc, frc = r["ours_recall"], r["fts_recall"]
    print(
        f"{'CJK substring recall (pairs)':34} {orc['recall']:>14.4f} of {orc['pairs']:<5}"
        f"{frc['recall']:>14.4f} of {frc['pairs']:<5}"
    )
    print(
        f"{'  queries checked / false hits':34} {orc['queries']:>14} / {orc['false_hits']:<5}"
        f"{frc['queries']:>14} / {frc['false_hits']:<5}"
    )
    print(
        f"{'searcher private memory peak, MB':34} {r['ours']['private_mb']:>22.0f}"
        "  (heap: what the search process itself holds)"
    )
    print(
        f"{'searcher peak RSS, MB':34} {r['ours']['rss_timed_mb']:>22.0f}"
        "  (adds the index pages it mapped: the OS page cache, shared, reclaimable)"
    )
    print(f"{'searcher open time, s':34} {r['ours']['open_s']:>22.2f}")
    with_snippet = sum(1 for x in r["ours"]["results"] if x["hits"] and x["snippets"])
    print(
        f"{'queries with hits / with marked snippets':34} "
        f"{sum(1 for x in r['ours']['results'] if x['hits']):>14} / {with_snippet}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--recall-queries",
        type=int,
        default=96,
        help="CJK substring queries checked against a brute-force scan",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures here")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the indexes (and index figures) of the last run; time the queries only",
    )
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    results = []
    for n in [int(s) for s in args.sizes.split(",") if s]:
        r = run(n, args.queries, args.seed, args.recall_queries, args.reuse)
        report(r)
        sys.stdout.flush()
        results.append(r)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
