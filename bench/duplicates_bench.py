#!/usr/bin/env python3
"""How well and how fast copies of one story are grouped (issue 14).

Usage::

    python bench/duplicates_bench.py [N] [--share 0.1] [--seed 0] [--workers 2]

Generates N articles with ``bench/make_corpus.py`` plus SHARE*N planted copies of them
(re-posts with another site and footer, teasers of the first 30-50%, light edits; some
copies of copies), imports them (``Library.update``, no search index), and prints:

- precision and recall of the grouping on the planted pairs: a pair is two articles of
  one planted story (a source and its copies, chained); precision counts the pairs the
  grouping put together, recall the planted pairs it found (and recall by kind);
- the grouping's cost against the import's: the pass after the import (wall time), the
  signatures computed in the parse workers (CPU time, measured on a sample of the
  articles, against the import's wall time on its workers);
- the pass's memory (tracemalloc peak of a forced regroup, NumPy included).

With ``--import-cost N`` it measures instead what the signatures and the grouping cost a
real import, end to end: it generates N articles (plus SHARE*N planted copies, so the
pass has stories to find) and runs ``reader import`` (with the search index) and
``reader import --no-index`` into fresh data folders, each with and without signatures,
interleaved, ``--repeat`` times (3); with ``--baseline DIR`` also "with" by another copy
of the project (the code before a change), in the same rotation. "Without" runs with
``bench/no_signatures`` on ``PYTHONPATH``: its ``sitecustomize`` patches
``reader.importer.signature_of`` to return None in the CLI process and in the parse
workers, which start as fresh Python processes (``reader.workers``, not forked) and so
need the patch from their environment; product code has no switch for it. It prints
the median and spread (min-max) of the wall time and of the CPU time of all the child
processes (``getrusage(RUSAGE_CHILDREN)``: the CLI and the workers it waited for; less
sensitive than wall time to a shared machine), and the ratio (signatures + grouping
pass) / import, i.e. (with - without) / without; and the grouping pass alone (a forced
regroup of a "with" library, in this process).

Goal (issue 14): precision and recall at least 0.95 at 100,000 articles, grouping under
10% of the import's time.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from itertools import combinations
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.catalogue import Catalogue  # noqa: E402
from reader.catalogue.copies import CopyStore  # noqa: E402
from reader.duplicates import components, signature_of  # noqa: E402
from reader.library import Library  # noqa: E402
from reader.paths import catalogue_path  # noqa: E402


def _make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "bench" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


def _pairs(groups: list[set[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for group in groups:
        out.update(combinations(sorted(group), 2))
    return out


def evaluate(corpus: Path, data: Path) -> dict[str, object]:
    """Precision and recall of the library's groups against corpus/duplicates.tsv."""
    with Catalogue(catalogue_path(data), readonly=True) as catalogue:
        ids = {row["path"]: row["id"] for row in catalogue.list_articles(order="id")}
        groups = CopyStore(catalogue).groups()
    truth_edges: list[tuple[int, int]] = []
    kinds: dict[tuple[int, int], str] = {}
    missing = 0
    for line in (corpus / "duplicates.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        copy, source, kind = line.split("\t")
        a, b = ids.get(str(corpus / copy)), ids.get(str(corpus / source))
        if a is None or b is None:
            missing += 1
            continue
        truth_edges.append((a, b))
        kinds[(a, b)] = kind
    truth = _pairs(components(truth_edges))
    stories: dict[int, set[int]] = {}
    for article, first in groups.items():
        stories.setdefault(first, set()).add(article)
    predicted = _pairs(list(stories.values()))
    hit = len(predicted & truth)
    by_kind: dict[str, list[bool]] = {}
    for (a, b), kind in kinds.items():
        by_kind.setdefault(kind, []).append(
            groups.get(a) is not None and groups.get(a) == groups.get(b)
        )
    return {
        "planted_pairs": len(truth),
        "predicted_pairs": len(predicted),
        "precision": hit / len(predicted) if predicted else 1.0,
        "recall": hit / len(truth) if truth else 1.0,
        "recall_by_kind": {k: sum(v) / len(v) for k, v in sorted(by_kind.items())},
        "not_imported": missing,
        "stories": len(stories),
    }


def signature_cpu(data: Path, sample: int = 500) -> float:
    """Seconds of CPU a signature costs, on average, over a sample of the articles."""
    with Catalogue(catalogue_path(data), readonly=True) as catalogue:
        ids = catalogue.ids()
        chosen = random.Random(1).sample(ids, min(sample, len(ids)))
        articles = [a for i in chosen if (a := catalogue.get(i)) is not None]
    signature_of(articles[0])  # warm: the folding table, datasketch's permutations
    started = time.process_time()
    for article in articles:
        signature_of(article)
    return (time.process_time() - started) / max(1, len(articles))


def worker_share(corpus: Path, sample: int = 400) -> tuple[float, float]:
    """CPU ms a worker spends on one file (read, parse, prepare) without and with its
    signature, on a sample of the corpus, in this process (the workers run the same)."""
    import reader.importer as importer

    files = sorted(str(p) for p in corpus.rglob("*.txt"))
    chosen = random.Random(2).sample(files, min(sample, len(files)))
    importer._parse_one(chosen[0], None)  # warm
    original = importer.signature_of
    times = {}
    for label, signing in (("without", False), ("with", True)):
        importer.signature_of = original if signing else (lambda article: None)  # type: ignore[assignment]
        try:
            started = time.process_time()
            for path in chosen:
                importer._parse_one(path, None)
            times[label] = (time.process_time() - started) / len(chosen) * 1000
        finally:
            importer.signature_of = original
    return times["without"], times["with"]


NO_SIGNATURES = REPO / "bench" / "no_signatures"  # its sitecustomize patches them out


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_import(
    corpus: Path, data: Path, *, index: bool, signatures: bool, workers: int, tree: Path = REPO
) -> tuple[float, float]:
    """Wall and children's CPU seconds of one ``reader import`` into a fresh *data*, run
    from *tree* (a copy of the project: ``python -m`` imports from the folder it runs
    in, and ``reader.children`` starts the workers from the same copy)."""
    if data.exists():
        shutil.rmtree(data)
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if not signatures:
        env["PYTHONPATH"] = str(NO_SIGNATURES)
    command = [sys.executable, "-m", "reader", "import", "--data-dir", str(data)]
    command += ["--workers", str(workers), str(corpus)]
    if not index:
        command.append("--no-index")
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
    return time.perf_counter() - started, _children_cpu() - cpu


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})"


def import_cost(args: argparse.Namespace, work: Path) -> None:
    """The ``--import-cost`` mode (see the module's docstring)."""
    n = args.import_cost
    corpus = work / f"cost-corpus-{n}-{args.seed}"
    if not (corpus / "duplicates.tsv").exists():
        mc = _make_corpus()
        started = time.perf_counter()
        mc.generate(n, corpus, args.seed, jobs=args.workers)
        planted = mc.plant_duplicates(n, corpus, args.seed, args.share)
        print(f"corpus: {n} + {len(planted)} copies ({time.perf_counter() - started:.0f} s)")
    # variant -> (tree, signatures); "baseline": another copy of the project (--baseline)
    variants: dict[str, tuple[Path, bool]] = {"with": (REPO, True), "without": (REPO, False)}
    if args.baseline is not None:
        variants["baseline"] = (args.baseline.resolve(), True)
    runs = [(index, variant) for index in (False, True) for variant in variants]
    wall: dict[tuple[bool, str], list[float]] = {run: [] for run in runs}
    cpu: dict[tuple[bool, str], list[float]] = {run: [] for run in runs}
    passes: list[float] = []
    for repeat in range(args.repeat):
        for index, variant in runs if repeat % 2 == 0 else runs[::-1]:  # drift cancels
            data = work / "cost-data"
            tree, signatures = variants[variant]
            w, c = timed_import(
                corpus, data, index=index, signatures=signatures, workers=args.workers, tree=tree
            )
            wall[(index, variant)].append(w)
            cpu[(index, variant)].append(c)
            label = f"{'import' if index else '--no-index'} {variant}"
            print(
                f"  run {repeat + 1} {label:<20} wall {w:6.2f} s  children's CPU {c:6.2f} s",
                flush=True,
            )
            if variant == "with" and not index:  # the pass alone, by this copy's code
                with Catalogue(catalogue_path(data)) as catalogue:
                    passes.append(CopyStore(catalogue).regroup(force=True).seconds)
            shutil.rmtree(data, ignore_errors=True)
    print(f"reader import of {n} articles + copies, {args.workers} workers, {args.repeat} runs:")
    print("  median (min-max)                   wall                  children's CPU")
    for index in (False, True):
        name = "import" if index else "--no-index"
        for variant in variants:
            label = f"{name} {variant} signatures"
            run = (index, variant)
            print(f"  {label:<34} {_spread(wall[run])}   {_spread(cpu[run])}")
        for variant in variants:
            if variant == "without":
                continue
            for kind, table in (("wall", wall), ("CPU", cpu)):
                with_ = statistics.median(table[(index, variant)])
                without = statistics.median(table[(index, "without")])
                print(
                    f"  {name}, {variant}: (signatures + grouping) / import, {kind}: "
                    f"{100 * (with_ - without) / without:.1f}% (+{with_ - without:.2f} s)"
                )
    print(f"  grouping pass alone (forced regroup): {_spread(passes)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=10_000)
    ap.add_argument("--share", type=float, default=0.1, help="planted copies per article")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    ap.add_argument(
        "--import-cost",
        type=int,
        default=None,
        metavar="N",
        help="instead: time 'reader import' of N articles with and without signatures",
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs of each (--import-cost)")
    ap.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --import-cost: also time imports by this other copy of the project",
    )
    args = ap.parse_args(argv)
    if args.import_cost is not None:
        work = args.keep or Path(tempfile.mkdtemp(prefix="dup-cost-"))
        try:
            import_cost(args, work)
        finally:
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)
        return 0

    work = args.keep or Path(tempfile.mkdtemp(prefix="dup-bench-"))
    corpus, data = work / "corpus", work / "data"
    try:
        mc = _make_corpus()
        if not (corpus / "duplicates.tsv").exists():
            started = time.perf_counter()
            mc.generate(args.n, corpus, args.seed, jobs=args.workers)
            planted = mc.plant_duplicates(args.n, corpus, args.seed, args.share)
            print(
                f"corpus: {args.n} articles + {len(planted)} planted copies "
                f"({time.perf_counter() - started:.0f} s)"
            )
        if data.exists():
            shutil.rmtree(data)
        phases: dict[str, float] = {}

        def progress(phase: str, done: int, total: int) -> None:
            phases.setdefault(phase, time.perf_counter())

        started = time.perf_counter()
        result = Library(data).update(
            [str(corpus)], index=False, workers=args.workers, progress=progress
        )
        total = time.perf_counter() - started
        assert result.imported is not None and result.copies is not None
        imported = result.imported
        copies = result.copies
        print(
            f"import: {imported.imported} articles in {imported.seconds:.1f} s "
            f"(parse + catalogue + signatures in the workers); whole update {total:.1f} s"
        )
        print(
            f"grouping pass: {copies.seconds:.2f} s for {copies.articles} signatures, "
            f"{copies.candidates} candidate pairs, {copies.stories} stories of "
            f"{copies.in_groups} articles = {100 * copies.seconds / imported.seconds:.1f}% "
            "of the import"
        )
        per = signature_cpu(data)
        cpu = per * imported.imported
        print(
            f"signatures in the workers: {per * 1000:.2f} ms CPU each, {cpu:.1f} s CPU in all, "
            f"~{cpu / args.workers:.1f} s of the import's wall time on {args.workers} workers "
            f"({100 * cpu / args.workers / imported.seconds:.1f}%)"
        )
        without, with_ = worker_share(corpus)
        print(
            f"a parse worker's CPU per file: {without:.2f} ms without the signature, "
            f"{with_:.2f} ms with it (+{100 * (with_ - without) / without:.0f}%)"
        )
        with Catalogue(catalogue_path(data)) as catalogue:
            tracemalloc.start()
            again = CopyStore(catalogue).regroup(force=True)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        print(
            f"a pass from scratch (what every later import runs): {again.seconds:.2f} s, "
            f"peak {peak / 1e6:.0f} MB traced"
        )
        quality = evaluate(corpus, data)
        print(
            f"planted pairs {quality['planted_pairs']}, grouped pairs "
            f"{quality['predicted_pairs']}: precision {quality['precision']:.4f}, "
            f"recall {quality['recall']:.4f}"
        )
        kinds = quality["recall_by_kind"]
        assert isinstance(kinds, dict)
        print("recall by kind: " + ", ".join(f"{k} {v:.4f}" for k, v in kinds.items()))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
