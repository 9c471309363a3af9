"""Hostile input at volume: many generated search queries and damaged annotation files.

    python bench/input_fuzz.py                              # 20,000 queries, 3,000 files
    python bench/input_fuzz.py --queries 2000 --files 300   # a quick run
    python bench/input_fuzz.py --seed 7

The unit tests (tests/search/test_query_input.py, tests/annotations/
test_import_validation.py) run a few hundred bounded hypothesis examples; this script runs
the same properties over far more inputs, drawn by its own seeded random generator (so
it reaches inputs the tests' strategies do not), and prints figures instead of failing:

- queries: built from the search grammar (CJK and Latin words, phrases, OR/NOT/-,
  parentheses nested up to 200 deep, field prefixes, ranges, stars) mixed with random
  code points (lone surrogates, NUL, U+FFFF, combining marks, RTL marks) and a few very
  long strings, against a small library with bookmarks, tags and a note. A failure is
  an exception, a hit id that is not an article, or a highlight not wrapped in [ ]
  inside its snippet; the slowest query is reported.
- files: an export of that library, mutated 1-5 times (values replaced by wrong types,
  huge/negative/NaN/Infinity numbers, strings with surrogates, deep nesting, keys
  dropped), imported with ``import_jsonld``. A failure is any exception other than
  ReaderError, a refused file that changed anything, or an export that does not read back
  as the same data; "items lost" counts annotations or bookmarks that were there before
  an import and not after.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.annotations.export import export_jsonld, import_jsonld  # noqa: E402
from reader.annotations.store import AnnotationStore  # noqa: E402
from reader.catalogue import Catalogue  # noqa: E402
from reader.errors import ReaderError  # noqa: E402
from reader.importer import import_paths  # noqa: E402
from reader.search.sync import open_engine, search_library, sync_index  # noqa: E402

ARTICLES = {
    "trade.txt": (
        "2023-05-15",
        "跨境电商资讯:国际贸易新规出台",
        "商务部发布国际贸易便利化新规，简化出口申报流程。\n\n海外仓备案也更简单。",
        "https://a.example.com/1",
    ),
    "tw.txt": (
        "2023-06-01",
        "電商物流資訊:超商取貨服務擴大",
        "多家連鎖超商宣布擴大超商取貨服務，消費者可以在全台門市領取跨境包裹。",
        "https://b.example.com/2",
    ),
    "ship.txt": (
        "2024-01-10",
        "Cross-border News:Shipping costs fall",
        "Container shipping rates fell again as carriers shipped more capacity.\n\n"
        "Logistics managers expect the supply chain to stay calm [2024].",
        "https://c.example.com/3",
    ),
    "mixed.txt": (
        "2022-11-11",
        "亚马逊资讯:双十一 logistics 复盘",
        "今年双十一，不少卖家提前把货物送进海外仓 (delivery time)。\n\n"
        "ＶＩＰ会员年费２０１２元; supply-chain costs rose.",
        None,
    ),
}
WORDS = [
    "海外仓",
    "跨境",
    "物流",
    "超商取貨",
    "国际贸易",
    "际贸",
    "货",
    "双十一",
    "询价",
    "shipping",
    "ship",
    "logist",
    "supply",
    "chain",
    "the",
    "a",
    "ＶＩＰ",
    "２０１２",
    "2024",
]
FIELDS = ["title", "site", "lang", "date", "is", "tag", "in", "body", "note", "http"]
VALUES = [
    "海外仓",
    "a.example.com",
    "zh",
    "zh-hant",
    "en",
    "2023",
    "2023-05",
    "2023-01..2023-06",
    "..2022",
    "2024..",
    "bookmarked",
    "unread",
    "notes",
    "物流",
    "",
    "*",
    "9999-99",
]
ODD = [
    "\ud800",
    "\udfff",
    "\udc80",
    "\x00",
    "\uffff",
    "\ufffe",
    "\u0301",
    "\u200f",
    "\u202e",
    "\u3000",
    "\U0010ffff",
    "İ",
    "ﬁ",
    "\t",
    "\n",
    "\\",
    "'",
    "\x7f",
]


def random_char(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(ODD)
    return chr(rng.randrange(0x110000))


def junk(rng: random.Random) -> str:
    return "".join(random_char(rng) for _ in range(rng.randint(1, 6)))


def query(rng: random.Random) -> str:
    if rng.random() < 0.01:
        return rng.choice(["(", ")", '"', "-", "a ", "海外仓 ", "\ud800"]) * rng.choice(
            [1_000, 100_000]
        )
    parts: list[str] = []
    for _ in range(rng.randint(0, 12)):
        roll = rng.random()
        word = junk(rng) if rng.random() < 0.2 else rng.choice(WORDS)
        if roll < 0.4:
            parts.append(word)
        elif roll < 0.5:
            parts.append(
                '"'
                + " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 3)))
                + rng.choice(['"', ""])
            )
        elif roll < 0.65:
            parts.append(f"{rng.choice(FIELDS)}:{rng.choice(VALUES + [word])}")
        elif roll < 0.8:
            parts.append(rng.choice(["OR", "AND", "NOT", "-", "(", ")", "-(", "*", ":", ".."]))
        else:
            parts.append("-" + word + "*" * rng.randint(0, 2))
    text = rng.choice([" ", "", "\u3000"]).join(parts)
    if rng.random() < 0.2:
        depth = rng.randint(0, 200)
        text = "(" * depth + text + ")" * rng.randint(0, depth + 1)
    return text


def check_hits(results: Any, ids: set[int]) -> str | None:
    for hit in results.hits:
        if hit.id not in ids:
            return f"hit {hit.id} is not an article"
        for start, end in hit.marks:
            if not (
                0 < start <= end < len(hit.snippet)
                and hit.snippet[start - 1] == "["
                and hit.snippet[end] == "]"
            ):
                return f"highlight {start}-{end} outside its brackets in {hit.snippet!r}"
    return None


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*prefix, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found += paths(child, (*prefix, i))
    return found


DEEP = "__DEEP__"


def wrong_value(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            True,
            False,
            0,
            -1,
            2**31,
            2**63,
            10**30,
            -(10**30),
            rng.randint(-1000, 1000),
            float("nan"),
            float("inf"),
            float("-inf"),
            rng.random() * 1e300,
            "",
            " ",
            junk(rng),
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+05:00",
            "#GGGGGG",
            "red",
            "file://[x",
            "urn:uuid:",
            "x" * 5000,
            [],
            {},
            ["x"],
            {"items": 5},
            DEEP,
        ]
    )


def mutate(rng: random.Random, original: str) -> str:
    doc = json.loads(original)
    for _ in range(rng.randint(1, 5)):
        where = rng.choice(paths(doc))
        parent: Any = doc
        for key in where[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and rng.random() < 0.3:
            parent.pop(where[-1], None)
        else:
            parent[where[-1]] = copy.deepcopy(wrong_value(rng))
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    depth = rng.choice([3, 900, 5_000, 100_000])
    return text.replace(json.dumps(DEEP), "[" * depth + "]" * depth)


def state(store: AnnotationStore) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({a.id: a for a in store.all_annotations()}, {b.id: b for b in store.all_bookmarks()})


def anchoring_seconds() -> float:
    """Fuzzy re-anchoring of one highlight whose quote was edited, in a ~2.7 MB text
    (what tests/annotations/test_anchoring.py checks for correctness)."""
    from reader.annotations.anchoring import reanchor, select

    rng = random.Random(7)
    words = "trade port freight customs export rules tariff ministry border rail".split()
    filler = " ".join(rng.choice(words) for _ in range(400_000))
    quote = "announced new rules on customs clearance"
    text = (
        f"{filler[: len(filler) // 2]} The ministry {quote} on Monday. {filler[len(filler) // 2 :]}"
    )
    selector = select(text, text.index(quote), text.index(quote) + len(quote))
    changed = text.replace("customs clearance", "customs-clearance")
    started = time.perf_counter()
    placement = reanchor(changed, selector)
    seconds = time.perf_counter() - started
    assert not placement.orphaned, "the edited quote should still be found"
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--files", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        archive = root / "archive"
        archive.mkdir()
        for name, (date, title, body, url) in ARTICLES.items():
            tail = f"\n\n原文转载:{url}" if url else ""
            (archive / name).write_text(f"{date}\n\n{title}\n\n{body}{tail}\n", encoding="utf-8")
        catalogue = Catalogue(root / "data" / "catalogue.sqlite3")
        import_paths(catalogue, [archive], workers=1)
        engine = open_engine(root / "data")
        sync_index(catalogue, engine)
        ids = {int(r["id"]) for r in catalogue.list_articles()}
        store = AnnotationStore(catalogue)
        first = min(ids)
        store.bookmark(first, "物流, ports")
        text = catalogue.title_and_text(first)
        assert text is not None
        store.annotate_quote(first, text[1][:6], note="询价 shipping note")

        failures: list[str] = []
        slowest = (0.0, "")
        started = time.perf_counter()
        for _ in range(args.queries):
            q = query(rng)
            t = time.perf_counter()
            try:
                results = search_library(
                    catalogue,
                    engine,
                    q,
                    limit=rng.choice([1, 5, 20]),
                    sort=rng.choice(["relevance", "date"]),
                )
                problem = check_hits(results, ids)
            except Exception:  # noqa: BLE001 - counting every kind is the point
                problem = traceback.format_exc(limit=3)
            elapsed = time.perf_counter() - t
            slowest = max(slowest, (elapsed, q[:60]))
            if problem:
                failures.append(f"query {q[:80]!r}: {problem}")
        query_seconds = time.perf_counter() - started
        print(
            f"queries: {args.queries:,} tried, {len(failures):,} failures, "
            f"{query_seconds:.1f} s ({query_seconds / max(args.queries, 1) * 1000:.2f} ms "
            f"each), slowest {slowest[0] * 1000:.0f} ms ({slowest[1]!r})"
        )
        # A pasted book: the query is cut to its first MAX_QUERY_CHARS (what
        # tests/search/test_query_input.py checks); here, how long that takes.
        huge = "海外仓 shipping " * 20_000
        t = time.perf_counter()
        search_library(catalogue, engine, huge)
        print(
            f"a {len(huge):,}-character query: {(time.perf_counter() - t) * 1000:.0f} ms "
            "(target: well under 2 s)"
        )
        print(
            f"re-anchoring a highlight in a 2.7 MB article: {anchoring_seconds():.2f} s "
            "(target: under 3 s)"
        )

        original = export_jsonld(store)
        file_failures: list[str] = []
        outcomes = {"imported": 0, "imported, entries skipped": 0, "refused": 0}
        lost = 0
        started = time.perf_counter()
        for n in range(args.files):
            text = mutate(rng, original)
            path = root / "in.jsonld"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            before = state(store)
            try:
                summary = import_jsonld(store, path)
                outcomes["imported, entries skipped" if summary.skipped else "imported"] += 1
            except ReaderError:
                outcomes["refused"] += 1
                if state(store) != before:
                    file_failures.append(f"file {n}: refused, but the library changed")
            except Exception:  # noqa: BLE001
                file_failures.append(f"file {n}: {traceback.format_exc(limit=3)}")
            after = state(store)
            lost += len(before[0].keys() - after[0].keys())
            lost += len(before[1].keys() - after[1].keys())
            try:
                for article_id in ids:
                    store.annotations_for(article_id)
                out = export_jsonld(store)
                path.write_text(out, encoding="utf-8")
                again = import_jsonld(store, path)
                if (again.added, again.updated, again.skipped) != (0, 0, []) or export_jsonld(
                    store
                ) != out:
                    file_failures.append(f"file {n}: the export does not read back the same")
            except Exception:  # noqa: BLE001
                file_failures.append(f"file {n}: export/read back: {traceback.format_exc(limit=3)}")
        file_seconds = time.perf_counter() - started
        print(
            f"annotation files: {args.files:,} tried, {len(file_failures):,} failures, "
            f"{lost} items lost, {file_seconds:.1f} s; "
            + ", ".join(f"{k} {v:,}" for k, v in outcomes.items())
            + f"; library now {store.count():,} annotations"
        )
        for line in (failures + file_failures)[:20]:
            print("  " + line.replace("\n", "\n    "))
        engine.close()
        catalogue.close()


if __name__ == "__main__":
    main()
