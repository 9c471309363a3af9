"""The whole app at 300,000 articles: import + index memory, search latency, window start.

    python bench/load_bench.py                       # 300,000 generated articles
    python bench/load_bench.py --n 20000             # a quick run
    python bench/load_bench.py --reuse               # keep the library of the last run

1. Generates N articles with bench/make_corpus.py into --cache (default /tmp/gui-bench,
   shared with bench/gui_bench.py; 3.2 GB at 300,000) unless they are there.
2. Runs ``reader import DIR`` in a fresh process: the real command, parsing *and*
   indexing, into an empty data folder. The resident memory of the whole process tree
   (the import, its parse workers, its index workers) is summed from /proc every 0.2 s;
   the peak of that sum is the figure, with the parent's own peak and the largest single
   worker beside it. (getrusage cannot give a sum over processes alive at once.)
3. Samples 240 queries as bench/search_bench.py does (same seed, same mix) and runs them
   through the app's search call, top 20 with snippets, in a fresh process: a first pass
   and a warm pass, p50/p95.
4. Runs bench/gui_bench.py --only startup on the same library: the time until the window
   is interactive (list painted, input answered).

Prints one table. Targets (issue 8): peak memory of all processes under 1 GB, search
p95 at most 1.5x the 100,000 figure (README: 21.1 ms warm), window under 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from search_bench import load_texts, pct, sample_queries, search_ours  # noqa: E402


def corpus(cache: Path, n: int) -> Path:
    folder = cache / f"corpus-{n}"
    if not (folder / "manifest.tsv").exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"generating {n:,} articles into {folder} ...", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "make_corpus.py"), str(n), str(folder), "--jobs", "2"],
            check=True,
        )
    return folder


def tree_sample(root: int) -> dict[int, tuple[int, int, int]]:
    """pid -> (parent pid, RSS kB, RssAnon kB) of every process in *root*'s tree right
    now (its descendants, or its session: the import starts one), read from /proc.
    RssAnon is the private part: RSS without mapped file pages (segment files read
    through mmap, libraries), which the page cache holds and can drop."""
    procs: dict[int, tuple[int, int, int, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            rss = anon = 0
            with open(f"/proc/{entry}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        rss = int(line.split()[1])
                    elif line.startswith("RssAnon:"):
                        anon = int(line.split()[1])
            procs[int(entry)] = (int(fields[1]), int(fields[3]), rss, anon)
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, (parent, session, _rss, _anon) in procs.items():
            if child not in tree and (parent == pid or session == root):
                tree.add(child)
                frontier.append(child)
    return {p: (procs[p][0], procs[p][2], procs[p][3]) for p in tree if p in procs}


def index_seconds(note: object) -> float | None:
    """The sync's seconds from the import's index note ("search index: ... in 12.3 s")."""
    found = re.search(r"in ([0-9.]+) s", note) if isinstance(note, str) else None
    return float(found.group(1)) if found else None


def import_and_index(source: Path, data: Path, timeline: Path | None = None) -> dict[str, Any]:
    """``reader import`` (parse, catalogue and index) with the process tree's memory
    sampled every 0.2 s; with *timeline*, every sample is written there (one JSON line:
    seconds, then pid -> [RSS MB, private MB], the importing process first) so the
    process and phase that make the peak can be read off afterwards."""
    shutil.rmtree(data, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reader.cli",
            "import",
            str(source),
            "--data-dir",
            str(data),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        start_new_session=True,
    )
    tree = parent = worker = private = 0.0
    peak_at = 0.0
    log = open(timeline, "w") if timeline else None  # noqa: SIM115 - closed below
    try:
        while proc.poll() is None:
            sample = tree_sample(proc.pid)
            now = time.perf_counter() - started
            rss = {pid: kb[1] / 1024 for pid, kb in sample.items()}
            anon = {pid: kb[2] / 1024 for pid, kb in sample.items()}
            if sum(rss.values()) > tree:
                tree, peak_at = sum(rss.values()), now
            parent = max(parent, rss.get(proc.pid, 0.0))
            worker = max([worker, *(v for pid, v in rss.items() if pid != proc.pid)])
            private = max(private, sum(anon.values()))
            if log:
                order = sorted(sample, key=lambda pid: (pid != proc.pid, pid))
                row = {str(pid): [round(rss[pid], 1), round(anon[pid], 1)] for pid in order}
                log.write(json.dumps({"t": round(now, 2), "p": row}) + "\n")
            time.sleep(0.2)
    finally:
        if log:
            log.close()
    wall = time.perf_counter() - started
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode:
        raise SystemExit(f"reader import failed ({proc.returncode}): {out[-2000:]}")
    summary = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    (data / "imported.ok").write_text("ok")  # bench/gui_bench.py reuses this library
    return {
        "wall": wall,
        "tree_mb": tree,
        "tree_peak_at_s": peak_at,
        "parent_mb": parent,
        "worker_mb": worker,
        "private_mb": private,
        "summary": {k: v for k, v in summary.items() if isinstance(v, int | float)},
        "index_s": index_seconds(summary.get("index")),  # the sync alone, merges included
        "index_mb": sum(p.stat().st_size for p in (data / "index").rglob("*") if p.is_file()) / 1e6,
    }


def window_startup(cache: Path, n: int) -> str:
    proc = subprocess.run(
        [
            sys.executable,
            str(HERE / "gui_bench.py"),
            "--n",
            str(n),
            "--cache",
            str(cache),
            "--only",
            "startup",
            "--runs",
            "3",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    return (proc.stdout + proc.stderr).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300_000)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/gui-bench"))
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="skip the import if done")
    parser.add_argument("--no-window", action="store_true")
    parser.add_argument(
        "--timeline", type=Path, help="write every memory sample of the import here (JSON lines)"
    )
    parser.add_argument(
        "--import-only", action="store_true", help="stop after the import (no searches, no window)"
    )
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    source = corpus(args.cache, args.n)
    data = args.cache / f"data-{args.n}"
    figures: dict[str, Any] = {}
    if not (args.reuse and (data / "imported.ok").exists()):
        print(
            f"reader import of {args.n:,} articles (parse + index) ...", file=sys.stderr, flush=True
        )
        figures["import"] = imp = import_and_index(source, data, args.timeline)
        (data / "load-figures.json").write_text(json.dumps(imp))
        print(
            f"import + index: {imp['wall']:.0f} s ({args.n / imp['wall']:.0f} articles/s); "
            f"peak memory, all processes together {imp['tree_mb']:.0f} MB "
            f"at {imp['tree_peak_at_s']:.0f} s (parent {imp['parent_mb']:.0f}, largest worker "
            f"{imp['worker_mb']:.0f}); "
            f"private (anonymous) memory of all together {imp['private_mb']:.0f} MB",
            flush=True,
        )
    texts = load_texts(data)
    if "import" in figures:
        imp = figures["import"]
        text_mb = sum(len(t.encode()) + len(b.encode()) for t, b, *_ in texts.values()) / 1e6
        index_s = imp["index_s"] or 0.0
        rate = text_mb / max(index_s, 1e-9)
        print(
            f"indexing (the sync, merges included) {index_s:.0f} s, {rate:.1f} MB of text/s; "
            f"index {imp['index_mb']:.0f} MB, {imp['index_mb'] / text_mb:.2f}x the "
            f"{text_mb:.0f} MB of text",
            flush=True,
        )
    if args.import_only:
        return 0
    print("sampling and running queries ...", file=sys.stderr, flush=True)
    queries = sample_queries(texts, args.queries, args.seed)
    del texts
    ours = search_ours(data, queries, recall=False)
    warm = [r["ms"] for r in ours["results"]]
    first = [r["first_ms"] for r in ours["results"]]
    print(
        f"search, {len(queries)} queries, top 20 with snippets: warm p50 "
        f"{pct(warm, 50):.1f} / p95 {pct(warm, 95):.1f} ms; first pass p50 "
        f"{pct(first, 50):.1f} / p95 {pct(first, 95):.1f} ms; searcher "
        f"{ours['private_mb']:.0f} MB private, opened in {ours['open_s']:.2f} s",
        flush=True,
    )
    if not args.no_window:
        print(
            "window start-up (bench/gui_bench.py --only startup) ...", file=sys.stderr, flush=True
        )
        print(window_startup(args.cache, args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
