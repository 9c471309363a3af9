"""Damage the search index over and over; count answers that are wrong without saying so.

    python bench/damage_index.py                       # 2,400 generated articles, 120 cases
    python bench/damage_index.py --cases 400 --seed 3
    python bench/damage_index.py --corpus ../shared/corpus/zh-news   # real articles

The index is derived data: a damaged one must never be trusted silently. This script
builds a library (generated articles, imported in four batches so the index holds several
posting segments; or a real corpus folder, which is only read), runs a fixed set of
queries sampled from the library's own text (CJK substrings, words, English, phrases,
site:, lang:, date: filters, a single character) on the intact index: the oracle. Then, case
after case, on a fresh copy of the library it

1. damages the index one way (flips random bytes in a random file, flips bytes in a
   posting segment, zeroes a 4 KB block, truncates a file, deletes a file, swaps two
   posting segments, writes garbage into or deletes ``store.sqlite3``, replaces the
   ``index`` folder by a file);
2. runs ``reader reindex --check --json`` (does it see the damage?);
3. runs every query with ``reader search --json``: an answer that differs from the oracle
   must carry a note that the index was damaged (else it counts as a silent wrong answer);
4. runs ``reader reindex``, then ``--check`` and the queries again: the answers must equal
   the oracle (a repair that restored it).

Each case runs in its own process (the commands are called through ``reader.cli.main``
there, their output captured); a traceback anywhere counts as a crash. It prints, per
kind of damage: cases tried, detected (by --check or by a note), harmless (nothing
differed and nothing was reported: a byte in padding or in SQLite's free space), silent
wrong answers, crashes, repairs that restored the oracle, and the seconds taken.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

KINDS = [
    "flip-any-file",
    "flip-posting",
    "zero-block",
    "truncate",
    "delete-file",
    "swap-segments",
    "store-garbage",
    "store-delete",
    "folder-to-file",
]
DAMAGE_WORDS = ("damaged", "missing or damaged")


# -- the child: one case's commands, in one process --------------------------------------


def cli(args: list[str]) -> dict[str, Any]:
    """Run one ``reader`` command in this process; its status, output and any crash."""
    from reader.cli import main

    out, err = io.StringIO(), io.StringIO()
    crash = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:
            code = int(exc.code or 0) if isinstance(exc.code, int | None) else 2
        except BaseException:  # noqa: BLE001 - that is what is counted
            code, crash = -1, traceback.format_exc()
    if "Traceback" in err.getvalue():
        crash = crash or err.getvalue()
    return {"code": code, "out": out.getvalue(), "err": err.getvalue(), "crash": crash}


def searches(data: str, queries: list[str]) -> list[dict[str, Any]]:
    found = []
    for query in queries:
        r = cli(["search", query, "--json", "--limit", "50", "--data-dir", data])
        try:
            ids = [row["id"] for row in json.loads(r["out"])] if r["code"] == 0 else None
        except ValueError:
            ids = None
        found.append({"ids": ids, "err": r["err"], "code": r["code"], "crash": r["crash"]})
    return found


def check(data: str) -> dict[str, Any]:
    r = cli(["reindex", "--check", "--json", "--data-dir", data])
    try:
        report = json.loads(r["out"])
    except ValueError:
        report = None
    return {"code": r["code"], "report": report, "crash": r["crash"]}


def child(data: str, queries_file: str, oracle_only: bool) -> None:
    queries = json.loads(Path(queries_file).read_text("utf-8"))
    if oracle_only:
        print(json.dumps({"answers": searches(data, queries)}))
        return
    before = check(data)
    answers = searches(data, queries)
    repair = cli(["reindex", "--data-dir", data])
    after = check(data)
    again = searches(data, queries)
    print(
        json.dumps(
            {
                "check": before,
                "answers": answers,
                "repair": {k: repair[k] for k in ("code", "crash", "out")},
                "check_after": after,
                "again": again,
            }
        )
    )


# -- the parent: library, oracle, damage, tally ----------------------------------------


def run_child(data: Path, queries_file: Path, oracle: bool = False) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "0"}
    args = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        str(data),
        str(queries_file),
    ] + (["--oracle"] if oracle else [])
    done = subprocess.run(
        args, capture_output=True, text=True, encoding="utf-8", env=env, timeout=1800
    )
    if done.returncode != 0:
        return {"child_failed": done.stderr[-3000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_library(work: Path, articles: int, corpus: Path | None) -> Path:
    data = work / "library"
    if (data / "built.ok").exists():
        return data
    shutil.rmtree(data, ignore_errors=True)
    reader = [sys.executable, "-m", "reader"]
    if corpus is None:
        folder = work / f"corpus-{articles}"
        if not (folder / "manifest.tsv").exists():
            subprocess.run(
                [sys.executable, str(HERE / "make_corpus.py"), str(articles), str(folder)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        files = sorted(p for p in folder.rglob("*.txt"))
        # four imports: the index holds several segments, as a library that grew does
        batches = [files[i::4] for i in range(4)]
        staging = work / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        for n, batch in enumerate(batches):
            target = staging / f"batch{n}"
            target.mkdir(parents=True)
            for path in batch:
                os.link(path, target / path.name)
            subprocess.run(
                [*reader, "import", str(target), "--workers", "1", "--data-dir", str(data)],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
    else:
        subprocess.run(
            [*reader, "import", str(corpus), "--data-dir", str(data)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    (data / "built.ok").write_text("ok")
    return data


def sample_queries(data: Path, seed: int) -> list[str]:
    """A fixed query set from the library's own text (deterministic for a seed)."""
    from reader.catalogue import Catalogue
    from reader.search.analysis import CJK_RUN

    rng = random.Random(seed)
    queries: list[str] = []
    with Catalogue(data / "catalogue.sqlite3", readonly=True) as catalogue:
        ids = sorted(catalogue.ids())
        rows = {r["id"]: r for r in catalogue.list_articles()}
        picked = rng.sample(ids, min(60, len(ids)))
        for article_id in picked:
            texts = catalogue.title_and_text(article_id)
            if texts is None:
                continue
            title, body = texts
            runs = [r for r in CJK_RUN.findall(body) if len(r) >= 4]
            words = [w for w in body.split() if w.isascii() and w.isalpha() and len(w) > 4]
            if runs and sum(1 for q in queries if not q.isascii()) < 10:
                run = rng.choice(runs)
                size = rng.choice([2, 2, 3, 4])
                start = rng.randrange(0, len(run) - size + 1)
                queries.append(run[start : start + size])
            elif len(words) > 3 and sum(1 for q in queries if q.isascii()) < 4:
                queries.append(rng.choice(words).lower())
                i = rng.randrange(0, len(words) - 1)
                queries.append(f'"{words[i].lower()} {words[i + 1].lower()}"')
        sites = sorted({r["site"] for r in rows.values() if r.get("site")})
        if sites:
            queries.append(f"site:{rng.choice(sites)} {queries[0]}")
        years = sorted({r["date"][:4] for r in rows.values() if r.get("date")})
        if years:
            queries.append(f"date:{rng.choice(years)}")
        queries += ["lang:en", "的", f"{queries[1]} OR {queries[2]}"]
    return queries


def damage(index: Path, kind: str, rng: random.Random) -> str:
    """Damage the index folder one way; returns what was done."""
    files = sorted(p for p in index.iterdir() if p.is_file())
    posts = [p for p in files if p.suffix == ".post"]
    store = index / "store.sqlite3"
    if kind == "flip-any-file" or (kind == "flip-posting" and posts):
        target = rng.choice(posts if kind == "flip-posting" else files)
        raw = bytearray(target.read_bytes())
        if not raw:
            return f"{target.name}: empty, left as is"
        spots = [rng.randrange(len(raw)) for _ in range(rng.randint(1, 8))]
        for spot in spots:
            raw[spot] ^= rng.randint(1, 255)
        target.write_bytes(bytes(raw))
        return f"{target.name}: {len(spots)} bytes flipped"
    if kind == "zero-block":
        target = rng.choice([p for p in files if p.stat().st_size] or files)
        raw = bytearray(target.read_bytes())
        at = rng.randrange(max(1, len(raw)))
        raw[at : at + 4096] = bytes(len(raw[at : at + 4096]))
        target.write_bytes(bytes(raw))
        return f"{target.name}: 4 KB zeroed at {at}"
    if kind == "truncate":
        target = rng.choice([p for p in files if p.stat().st_size] or files)
        size = rng.randrange(max(1, target.stat().st_size))
        os.truncate(target, size)
        return f"{target.name}: truncated to {size}"
    if kind == "delete-file":
        target = rng.choice(files)
        target.unlink()
        return f"{target.name}: deleted"
    if kind == "swap-segments" and len(posts) >= 2:
        a, b = rng.sample(posts, 2)
        tmp = a.with_suffix(".swap")
        a.rename(tmp)
        b.rename(a)
        tmp.rename(b)
        return f"{a.name} <-> {b.name}"
    if kind in ("store-garbage", "swap-segments"):
        raw = bytearray(store.read_bytes())
        for _ in range(rng.randint(20, 400)):
            raw[rng.randrange(min(4096, len(raw) - 1), len(raw))] = rng.randrange(256)
        store.write_bytes(bytes(raw))
        return "store.sqlite3: garbage written"
    if kind == "store-delete":
        store.unlink()
        return "store.sqlite3: deleted"
    if kind == "folder-to-file":
        shutil.rmtree(index)
        index.write_bytes(os.urandom(rng.randrange(0, 5000)))
        return "index folder replaced by a file"
    raise ValueError(kind)


def noted(answer: dict[str, Any]) -> bool:
    return any(w in answer["err"] for w in DAMAGE_WORDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--oracle", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, default=2400)
    parser.add_argument("--corpus", type=Path, help="import this folder instead (read only)")
    parser.add_argument("--cases", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / "out" / "damage")
    parser.add_argument("--json", metavar="FILE", help="also write every case here")
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.oracle)
        return 0

    started = time.perf_counter()
    args.work.mkdir(parents=True, exist_ok=True)
    intact = build_library(args.work, args.articles, args.corpus)
    queries = sample_queries(intact, args.seed)
    queries_file = args.work / "queries.json"
    queries_file.write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    oracle = [a["ids"] for a in run_child(intact, queries_file, oracle=True)["answers"]]
    assert all(ids is not None for ids in oracle), "the intact library must answer"
    segments = len(list((intact / "index").glob("seg-*.post")))
    print(
        f"library: {intact} ({segments} posting segments), {len(queries)} queries, "
        f"{sum(1 for o in oracle if o)} with hits; ready in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )

    rng = random.Random(args.seed)
    tally: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    cases = []
    loop_started = time.perf_counter()
    for n in range(args.cases):
        kind = KINDS[n % len(KINDS)]
        case_rng = random.Random(rng.random())
        copy = args.work / "case"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(intact, copy)
        t = time.perf_counter()
        what = damage(copy / "index", kind, case_rng)
        result = run_child(copy, queries_file)
        seconds = time.perf_counter() - t
        row = tally[kind]
        row["tried"] += 1
        row["seconds"] += seconds
        if "child_failed" in result:
            row["crashes"] += 1
            cases.append({"kind": kind, "what": what, "child_failed": result["child_failed"]})
            print(f"  [{n}] {kind}: {what}: CHILD FAILED\n{result['child_failed']}", flush=True)
            continue
        report = result["check"]["report"] or {}
        by_check = result["check"]["code"] == 1 and bool(
            report.get("damaged") or report.get("missing") or report.get("stale")
        )
        by_note = any(noted(a) for a in result["answers"])
        differs = [i for i, a in enumerate(result["answers"]) if a["ids"] != oracle[i]]
        silent = [i for i in differs if not noted(result["answers"][i])]
        crashes = [
            x
            for x in (
                [
                    result["check"]["crash"],
                    result["repair"]["crash"],
                    result["check_after"]["crash"],
                ]
                + [a["crash"] for a in result["answers"] + result["again"]]
            )
            if x
        ]
        restored = (
            result["repair"]["code"] == 0
            and result["check_after"]["code"] == 0
            and [a["ids"] for a in result["again"]] == oracle
            and not any(noted(a) for a in result["again"])
        )
        row["detected"] += by_check or by_note
        row["detected by --check"] += by_check
        row["harmless"] += not (by_check or by_note or differs)
        row["answers differing"] += len(differs)
        row["silent wrong answers"] += len(silent)
        row["crashes"] += bool(crashes)
        row["restored"] += restored
        cases.append(
            {
                "kind": kind,
                "what": what,
                "by_check": by_check,
                "by_note": by_note,
                "differs": differs,
                "silent": silent,
                "restored": restored,
                "crashes": crashes[:1],
                "seconds": round(seconds, 2),
            }
        )
        if silent or crashes or not restored:
            print(
                f"  [{n}] {kind}: {what}: silent {silent} crashes {len(crashes)} "
                f"restored {restored}",
                flush=True,
            )
            for c in crashes[:1]:
                print(c[-2000:], flush=True)
    total = time.perf_counter() - loop_started

    columns = [
        "tried",
        "detected",
        "detected by --check",
        "harmless",
        "answers differing",
        "silent wrong answers",
        "crashes",
        "restored",
        "seconds",
    ]
    print(
        f"\n{'damage':16}"
        + "".join(
            f"{c:>12}"
            for c in [
                "tried",
                "detected",
                "by --check",
                "harmless",
                "differing",
                "silent",
                "crashes",
                "restored",
                "seconds",
            ]
        )
    )
    sums: dict[str, float] = defaultdict(float)
    for kind in KINDS:
        if kind not in tally:
            continue
        row = tally[kind]
        for c in columns:
            sums[c] += row[c]
        print(
            f"{kind:16}"
            + "".join(
                f"{row[c]:>12.1f}" if c == "seconds" else f"{int(row[c]):>12}" for c in columns
            )
        )
    print(
        f"{'all':16}"
        + "".join(f"{sums[c]:>12.1f}" if c == "seconds" else f"{int(sums[c]):>12}" for c in columns)
    )
    print(
        f"\n{int(sums['tried'])} cases x {len(queries)} queries in {total:.0f} s: "
        f"{int(sums['silent wrong answers'])} silent wrong answers, "
        f"{int(sums['crashes'])} cases with a crash, {int(sums['restored'])} of "
        f"{int(sums['tried'])} restored to the oracle by 'reader reindex'."
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"queries": queries, "cases": cases}, ensure_ascii=False, indent=1), "utf-8"
        )
    return 1 if sums["silent wrong answers"] or sums["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
