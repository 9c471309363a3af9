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
   characters) with its own ``snippet()`` and bm25 ranking, so the comparison is a ratio;
7. with ``--peers recoll``, writes the same folded text as HTML files and indexes them with
   Recoll (bench/recoll_peer.py: its defaults, CJK as bigrams) and runs the same queries
   through its Python module: top 20 doc ids (``recoll``), and the same with
   ``makedocabstract`` for each (``recoll_abstracts``). Recoll has no ``site:`` (those
   cells stay empty); when Recoll is absent the run says so and goes on without it;
8. repeats each engine's warm pass ``--repeat`` times (3 by default) and prints, per query
   kind and for all, the median of the passes' p50 and p95 with their spread (min-max):
   one table, the engines side by side. ``--json FILE`` writes
   ``{"summary": {"<size>": {"<engine>": {"<kind>": {"p50": ms, "p95": ms, ...}}}},
   "runs": [...]}`` (runs: the raw figures, one per size, as before).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import recoll_peer  # noqa: E402
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
repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 1
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
# a first pass from a fresh process, then `repeat` warm passes ('ms': their median)
for key in ['first_ms'] + ['ms'] * repeat:
    for i, q in enumerate(queries):
        t = time.perf_counter()
        res = search_library(catalogue, engine, q['q'], limit=20)
        ms = (time.perf_counter() - t) * 1000
        if key == 'ms':
            out[i].setdefault('ms_passes', []).append(ms)
            out[i]['ms'] = sorted(out[i]['ms_passes'])[(len(out[i]['ms_passes']) - 1) // 2]
        else:
            out[i][key] = ms
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


def search_ours(
    data: Path, queries: list[dict[str, Any]], recall: bool, repeat: int = 1
) -> dict[str, Any]:
    """The app's search in a fresh process: a first pass, then *repeat* warm passes (each
    result's ``ms`` is the median of its warm passes, ``ms_passes`` all of them)."""
    qfile = data / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False))
    flag = "1" if recall else "0"
    proc = subprocess.run(
        [sys.executable, "-c", _SEARCH_CHILD, str(data), str(qfile), flag, str(repeat)],
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


def search_fts5(
    path: Path, queries: list[dict[str, Any]], repeat: int = 1
) -> dict[int, dict[str, Any]]:
    """FTS5 as ours is run: a first pass, then *repeat* warm passes (``ms``: their median)."""
    db = sqlite3.connect(path)
    sql = (
        "SELECT rowid, snippet(fts, 1, '[', ']', '…', 24) FROM fts WHERE fts MATCH ?{extra}"
        " ORDER BY bm25(fts, 3.0, 1.0) LIMIT 20"
    )
    runnable = [(i, fts5_match(q)) for i, q in enumerate(queries)]
    out: dict[int, dict[str, Any]] = {}
    for key in ["first_ms"] + ["ms"] * repeat:  # as for ours: a first pass, then warm
        for i, form in runnable:
            if form is None:
                continue
            t = time.perf_counter()
            rows = db.execute(sql.format(extra=form[1]), (form[0],)).fetchall()
            ms = (time.perf_counter() - t) * 1000
            entry = out.setdefault(i, {})
            if key == "ms":
                entry.setdefault("ms_passes", []).append(ms)
                entry["ms"] = statistics.median_low(entry["ms_passes"])
            else:
                entry[key] = ms
            entry["hits"] = len(rows)
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


# -- Recoll, a peer (--peers recoll) -------------------------------------------------------


def index_recoll(
    root: Path,
    folded: dict[int, tuple[str, str]],
    meta: dict[int, tuple[str | None, str | None]],
) -> dict[str, Any]:
    """The same folded text as FTS5 gets, one HTML page an article (mtime: its date),
    indexed by ``recollindex`` with Recoll's defaults in root/conf."""
    docs = (recoll_peer.Doc(i, t, b, meta[i][0]) for i, (t, b) in folded.items())
    return recoll_peer.build_index(root, docs)


def search_recoll(
    confdir: str, queries: list[dict[str, Any]], repeat: int, full: list[int]
) -> dict[str, Any]:
    """The queries in Recoll's language (None: no equivalent), run in one batch: a first
    pass and *repeat* warm passes of top 20 ids, then *repeat* with abstracts too."""
    forms = [recoll_peer.bench_query(analysis.fold(q["q"])) for q in queries]
    result = recoll_peer.search(
        {
            "confdir": confdir,
            "queries": forms,
            "top": 20,
            "repeat": repeat,
            "abstracts": True,
            "full": [i for i in full if forms[i] is not None],
        }
    )
    result["forms"] = forms
    return result


# -- the summary: every engine, every kind, median of the passes ----------------------------

ENGINES = ("ours", "fts5", "recoll", "recoll_abstracts")


def _warm(x: dict[str, Any]) -> list[float]:
    """A query's warm timings (a single ``ms`` in a run recorded before --repeat)."""
    return list(x["ms_passes"]) if "ms_passes" in x else [x["ms"]]


def engine_passes(r: dict[str, Any]) -> dict[str, list[dict[int, float]]]:
    """engine -> one {query index: warm ms} per pass, holding only the queries it ran."""
    ours = r["ours"]["results"]
    repeat = min((len(_warm(x)) for x in ours), default=1)
    out: dict[str, list[dict[int, float]]] = {
        "ours": [{i: _warm(x)[p] for i, x in enumerate(ours)} for p in range(repeat)],
        "fts5": [{i: _warm(x)[p] for i, x in r["fts"].items()} for p in range(repeat)],
    }
    recoll = r.get("recoll")
    if recoll:
        for engine, passes in recoll["passes"].items():
            out[engine] = [
                {i: ms for i, ms in enumerate(timings) if ms is not None} for timings in passes
            ]
    return out


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def summary(r: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """{engine: {kind: {"p50", "p95" (medians over the passes), "p50_min", "p50_max",
    "p95_min", "p95_max", "passes", "queries"}}}, kind = each query kind and "all". A
    kind an engine cannot run (FTS5: under 3 characters; Recoll: site:) is left out."""
    kinds = sorted({q["kind"] for q in r["queries"]})
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for engine, passes in engine_passes(r).items():
        if not passes:
            continue
        cells: dict[str, dict[str, Any]] = {}
        for kind in [*kinds, "all"]:
            chosen = [i for i in passes[0] if kind == "all" or r["queries"][i]["kind"] == kind]
            if not chosen:
                continue
            p50 = spread([pct([one[i] for i in chosen], 50) for one in passes])
            p95 = spread([pct([one[i] for i in chosen], 95) for one in passes])
            cells[kind] = {
                "p50": p50["median"],
                "p95": p95["median"],
                "p50_min": p50["min"],
                "p50_max": p50["max"],
                "p95_min": p95["min"],
                "p95_max": p95["max"],
                "passes": len(passes),
                "queries": len(chosen),
            }
        table[engine] = cells
    return table


def cell(figures: dict[str, Any] | None, key: str) -> str:
    """ "12.0 (11.5-12.4)": the median of the passes and their spread."""
    if not figures:
        return "-"
    return f"{figures[key]:.1f} ({figures[key + '_min']:.1f}-{figures[key + '_max']:.1f})"


def report_summary(r: dict[str, Any], table: dict[str, dict[str, dict[str, Any]]]) -> None:
    engines = [e for e in ENGINES if e in table]
    kinds = [*sorted({q["kind"] for q in r["queries"]}), "all"]
    passes = max((c["passes"] for t in table.values() for c in t.values()), default=0)
    what = {
        "ours": "ours: with snippets",
        "fts5": "fts5: with snippet()",
        "recoll": "recoll: doc ids",
        "recoll_abstracts": "recoll_abstracts: ids + makedocabstract each",
    }
    print(
        f"warm latency by kind, ms: median of {passes} passes (min-max); top 20 "
        f"({', '.join(what[e] for e in engines)})"
    )
    print(f"{'':24}" + "".join(f"{e:>22}" for e in engines))
    for key in ("p50", "p95"):
        for kind in kinds:
            label = f"  {key} {kind} ({sum(q['kind'] == kind for q in r['queries'])})"
            if kind == "all":
                label = f"  {key} all ({len(r['queries'])})"
            print(f"{label:<24}" + "".join(f"{cell(table[e].get(kind), key):>22}" for e in engines))
    print(
        f"{'  queries run':<24}"
        + "".join(f"{table[e].get('all', {}).get('queries', 0):>22}" for e in engines)
    )
    if "fts5" in table:
        print("  (fts5: only queries of 3+ characters; '-': none of that kind)")
    if "recoll" in table:
        print("  (recoll: site: has no Recoll equivalent, those queries are left out)")


# -- the run -----------------------------------------------------------------------------


def run(
    n: int,
    count: int,
    seed: int,
    recall_limit: int,
    reuse: bool,
    repeat: int = 1,
    peers: tuple[str, ...] = (),
) -> dict[str, Any]:
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
    ours = search_ours(data, queries, recall=True, repeat=repeat)
    ours["full"] = {k: v for k, v in ours["full"].items() if int(k) in keep}
    fts = search_fts5(fts_path, queries, repeat=repeat)
    fts_full = {i: r["full"] for i, r in fts.items() if "full" in r and i in keep}
    extra: dict[str, Any] = {}
    if "recoll" in peers:
        extra = run_recoll(data, folded, meta, queries, repeat, sorted(keep), reuse)
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
        **extra,
    }


def run_recoll(
    data: Path,
    folded: dict[int, tuple[str, str]],
    meta: dict[int, tuple[str | None, str | None]],
    queries: list[dict[str, Any]],
    repeat: int,
    keep: list[int],
    reuse: bool,
) -> dict[str, Any]:
    """Recoll's index (under the library's folder, kept for --reuse) and its query runs;
    {"recoll_skipped": why} when Recoll is not installed."""
    why = recoll_peer.unavailable()
    if why is not None:
        print(f"Recoll: skipped, {why}", file=sys.stderr)
        return {"recoll_skipped": why}
    root = data / "recoll"
    figures = data / "recoll-index.json"
    reused = reuse and figures.exists() and (root / "conf" / "xapiandb").is_dir()
    try:
        if reused:
            print("reusing the Recoll index of the last run (--reuse) ...", file=sys.stderr)
            recoll_index = json.loads(figures.read_text())
        else:
            print(f"indexing {len(folded)} HTML pages with Recoll ...", file=sys.stderr)
            recoll_index = index_recoll(root, folded, meta)
            figures.write_text(json.dumps(recoll_index))
        print(f"running {len(queries)} queries through Recoll ...", file=sys.stderr)
        result = search_recoll(recoll_index["confdir"], queries, repeat, keep)
    except RuntimeError as err:  # recollindex or the batch failed: say so, keep the rest
        print(f"Recoll: failed, {err}", file=sys.stderr)
        return {"recoll_skipped": f"failed: {err}"}
    recoll_full = {int(k): v for k, v in result["full"].items()}
    return {
        "recoll_index": recoll_index,
        "recoll": result,
        "recoll_recall": recall(queries, recoll_full, folded),
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
    report_recoll(r)


def report_recoll(r: dict[str, Any]) -> None:
    """Recoll's own lines (index, recall, first pass), after the two-engine table."""
    if "recoll_skipped" in r:
        print(f"Recoll: skipped ({r['recoll_skipped']})")
        return
    if "recoll" not in r:
        return
    n, mb, ri = r["n"], r["text_mb"], r["recoll_index"]
    rec = r["recoll"]
    ran = [i for i, form in enumerate(rec["forms"]) if form is not None]
    print(f"{'Recoll (HTML pages, its defaults)':34}")
    print(
        f"{'  index time / articles/s':34} {ri['wall']:>20.1f} s {n / ri['wall']:>10.0f}/s"
        f"   ({mb / ri['wall']:.2f} MB of text/s)"
    )
    print(f"{'  index size (x text)':34} {ri['bytes'] / 1e6 / mb:>22.2f}")
    first = [rec["first_ms"][i] for i in ran]
    print(
        f"{'  first pass, the ' + str(len(ran)) + ' it can run':34} "
        f"{pct(first, 50):>11.1f} / {pct(first, 95):<8.1f}"
    )
    rrc = r["recoll_recall"]
    print(
        f"{'  CJK substring recall (pairs)':34} {rrc['recall']:>14.4f} of {rrc['pairs']:<5}"
        f" ({rrc['queries']} queries, {rrc['false_hits']} false hits)"
    )
    with_hits = sum(1 for i in ran if rec["ids"][i])
    print(f"{'  queries with hits':34} {with_hits:>14} of {len(ran)}")
    if rec.get("errors"):
        print(f"{'  queries Recoll refused':34} {len(rec['errors']):>14}")


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
    parser.add_argument(
        "--json",
        metavar="FILE",
        help='also write {"summary": {size: {engine: {kind: {p50, p95}}}}, "runs": [...]}',
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="warm passes per engine; the tables print their median and spread (default 3)",
    )
    parser.add_argument(
        "--peers",
        default="",
        help="more engines beside FTS5, comma-separated: recoll (skipped when not installed)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the indexes (and index figures) of the last run; time the queries only",
    )
    args = parser.parse_args()
    peers = tuple(p.strip() for p in args.peers.split(",") if p.strip())
    unknown = set(peers) - {"recoll"}
    if unknown:
        parser.error(f"unknown peer(s): {', '.join(sorted(unknown))} (known: recoll)")
    os.environ.setdefault("PYTHONHASHSEED", "0")
    results = []
    summaries: dict[str, Any] = {}
    for n in [int(s) for s in args.sizes.split(",") if s]:
        r = run(
            n, args.queries, args.seed, args.recall_queries, args.reuse, max(1, args.repeat), peers
        )
        report(r)
        table = summary(r)
        report_summary(r, table)
        summaries[str(n)] = table
        sys.stdout.flush()
        results.append(r)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"summary": summaries, "runs": results}, ensure_ascii=False, default=str)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
