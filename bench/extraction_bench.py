"""Score the HTML main-content extractor against ground truth, side by side with the others.

Why this exists: "it looks right on the three pages I tried" is how extractors rot. This
runs ``reader.parse.html.parse_html`` and the usual reference extractors (readability-lxml,
trafilatura, naive BeautifulSoup ``get_text``) on the *same* pages in the *same* run and
prints body-text token F1, title accuracy, date accuracy and time per page for each, per
ground-truth set under ``<repo>/../shared/corpus``.

Metrics (defined here once so numbers stay comparable between runs):

* tokens: every CJK ideograph/kana is one token; any other run of word characters is one
  lowercase token. F1 is over token multisets, computed per page and averaged.
* title exact: equal after Unicode NFKC and whitespace collapsing.
* title lenient: equal after also casefolding and dropping punctuation/spaces, or the two
  titles' token F1 is at least 0.8 (tolerates a kept/dropped " - Site" suffix).
* date: ``YYYY-MM-DD`` equality with the ground-truth date; only pages whose ground truth
  has a full calendar date count (zh-extraction writes ``UNKNOWN``, ``2018`` or ``2021-1-29
  13:18``: the first two are left out, the last counts as 2021-01-29).
* pages/s: 1 / mean seconds per page for one extractor on one core (with ``--jobs N`` the
  pages run N at a time, each page still timed on its own core).

Sets (folders under the corpus): readability (Mozilla's test pages), extraction-benchmark
(Scrapinghub's), newspaper4k, dragnet (150 English news/blog pages from the Dragnet data as
used by WCEB 2023; body = ``articleBody``, the hand-made text before the comments separator,
since none of the extractors means to return comments) and zh-extraction (20 Chinese pages
with hand-made body, author and date; CleanEval-wrapped pages, when present, lose their
``<text ...>`` wrapper line as WCEB strips it, and only they have a title).

``htmldate`` (trafilatura's date library) runs as a date-only extractor: it has a date
column and nothing else.

Usage: ``python bench/extraction_bench.py [--set NAME ...] [--limit N] [--only EXTRACTOR ...]
[--json] [--worst N] [--jobs N]``. Reference extractors that are not installed are skipped.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.decode import decode_bytes  # noqa: E402

CORPUS = (Path(os.environ.get("READER_SHARED_DIR") or REPO.parent / "shared") / "corpus").resolve()
SETS = ("readability", "extraction-benchmark", "newspaper4k", "dragnet", "zh-extraction")
# Extractors that only give a date: no body F1 or title for them.
DATE_ONLY = frozenset({"htmldate"})

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def token_f1(predicted: str, expected: str) -> float:
    p, e = Counter(tokens(predicted)), Counter(tokens(expected))
    if not p and not e:
        return 1.0
    if not p or not e:
        return 0.0
    overlap = sum((p & e).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(e.values())
    return 2 * precision * recall / (precision + recall)


def _norm_title(title: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", title).split())


def title_exact(predicted: str | None, expected: str) -> bool:
    return _norm_title(predicted or "") == _norm_title(expected)


def title_lenient(predicted: str | None, expected: str) -> bool:
    def squash(s: str) -> str:
        return "".join(ch for ch in _norm_title(s).casefold() if ch.isalnum())

    if squash(predicted or "") == squash(expected):
        return True
    return token_f1(predicted or "", expected) >= 0.8


@dataclass
class Page:
    set_name: str
    name: str
    html: str
    body: str
    title: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass
class Result:
    text: str
    title: str | None
    date: str | None


@dataclass
class Score:
    f1: list[float] = field(default_factory=list)
    title_exact: list[bool] = field(default_factory=list)
    title_lenient: list[bool] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    per_page: dict[str, float] = field(default_factory=dict)


def _html_to_text(html: str) -> str:
    """Ground-truth HTML (readability's expected.html) to plain text, blocks on lines."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return "\n".join(t.strip() for t in root.itertext())


def _read_html(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return decode_bytes(data, is_html=True).text


_CLEANEVAL_WRAPPER = re.compile(r"^\s*<text [^>]+>\s*|\s*</text>\s*$")
_GT_DATE = re.compile(r"^\s*((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")


def _full_date(value: str | None) -> str | None:
    """A ground-truth date as ``YYYY-MM-DD`` when it names a whole day, else None
    (``UNKNOWN``, ``2018`` and ``2005-3`` are not comparable with a day)."""
    m = _GT_DATE.match(value or "")
    if not m:
        return None
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def load_pages(set_names: list[str], limit: int | None) -> Iterator[Page]:
    for set_name in set_names:
        for count, page in enumerate(_load_set(set_name)):
            if limit is not None and count >= limit:
                break
            yield page


def _load_set(set_name: str) -> Iterator[Page]:
    if set_name == "readability":
        root = CORPUS / "readability-test-pages"
        for d in sorted(p for p in root.iterdir() if (p / "source.html").exists()):
            meta_path = d / "expected-metadata.json"
            meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
            published = meta.get("publishedTime")
            yield Page(
                set_name,
                d.name,
                _read_html(d / "source.html"),
                _html_to_text((d / "expected.html").read_text("utf-8")),
                title=meta.get("title"),
                date=published[:10] if published else None,
            )
    elif set_name == "extraction-benchmark":
        root = CORPUS / "article-extraction-benchmark"
        truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
        for key in sorted(truth):
            path = root / "html" / f"{key}.html.gz"
            if path.exists():
                yield Page(
                    set_name,
                    key[:12],
                    _read_html(path),
                    truth[key]["articleBody"],
                    url=truth[key].get("url"),
                )
    elif set_name == "newspaper4k":
        root = CORPUS / "newspaper4k-test-data"
        for html_path in sorted((root / "html").glob("*.html")):
            txt = root / "txt" / f"{html_path.stem}.txt"
            if not txt.exists():
                continue
            meta_path = root / "metadata" / f"{html_path.stem}.json"
            meta = json.loads(meta_path.read_text("utf-8")) if meta_path.exists() else {}
            published = meta.get("publish_date")
            url = meta.get("url") or meta.get("canonical_link")
            yield Page(
                set_name,
                html_path.stem,
                _read_html(html_path),
                txt.read_text("utf-8"),
                title=meta.get("title") or None,
                date=published[:10] if published else None,
                url=url if url and url.startswith("http") else None,
            )
    elif set_name == "dragnet":
        root = CORPUS / "wceb" / "dragnet"
        for row in sorted(_jsonl(root / "ground-truth.jsonl"), key=lambda r: str(r["id"])):
            path = root / "html" / f"{row['id']}.html.gz"
            if path.exists():
                yield Page(set_name, str(row["id"])[:12], _read_html(path), str(row["articleBody"]))
    elif set_name == "zh-extraction":
        root = CORPUS / "zh-extraction"
        for row in sorted(_jsonl(root / "ground-truth.jsonl"), key=lambda r: str(r["id"])):
            path = root / "html" / f"{row['id']}.html.gz"
            if not path.exists():
                continue
            url = str(row.get("url") or row.get("url_from_page") or "")
            title = row.get("title")
            yield Page(
                set_name,
                str(row["id"])[:12],
                _CLEANEVAL_WRAPPER.sub("", _read_html(path)),
                str(row["articleBody"]),
                title=str(title) if title else None,
                date=_full_date(str(row.get("date") or "")),
                url=url if url.startswith("http") else None,
            )
    else:
        raise SystemExit(f"unknown set {set_name!r}; choose from {', '.join(SETS)}")


# --- extractors -------------------------------------------------------------------------


def run_ours(page: Page) -> Result:
    from reader.errors import NotAnArticle
    from reader.parse.html import parse_html

    try:
        art = parse_html(page.html, url=page.url)
    except NotAnArticle:
        return Result("", None, None)
    return Result(art.text, art.title, art.date)


def run_readability(page: Page) -> Result:
    from readability import Document

    doc = Document(page.html, url=page.url)
    return Result(_html_to_text(doc.summary(html_partial=True)), doc.title(), None)


def run_trafilatura(page: Page) -> Result:
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if doc is None:
        return Result("", None, None)
    data = doc if isinstance(doc, dict) else doc.as_dict()
    return Result(data.get("text") or "", data.get("title"), data.get("date"))


def run_htmldate(page: Page) -> Result:
    """Publication date only, as trafilatura finds it (``original_date``: not the update)."""
    from htmldate import find_date

    return Result("", None, find_date(page.html, url=page.url, original_date=True))


def run_naive(page: Page) -> Result:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.html, "lxml")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else None
    return Result(soup.get_text("\n"), title, None)


def _available() -> dict[str, Callable[[Page], Result]]:
    extractors: dict[str, Callable[[Page], Result]] = {"ours": run_ours}
    try:
        import readability  # noqa: F401

        extractors["readability"] = run_readability
    except ImportError:
        print("readability-lxml not installed: skipped", file=sys.stderr)
    try:
        import trafilatura  # noqa: F401

        extractors["trafilatura"] = run_trafilatura
    except ImportError:
        print("trafilatura not installed: skipped", file=sys.stderr)
    try:
        import htmldate  # noqa: F401

        extractors["htmldate"] = run_htmldate
    except ImportError:
        print("htmldate not installed: skipped", file=sys.stderr)
    extractors["naive"] = run_naive
    return extractors


def _mean(values: list[float] | list[bool]) -> float | None:
    return statistics.fmean(values) if values else None


@dataclass
class Outcome:
    """One extractor on one page, scored (small, so it crosses process boundaries cheaply)."""

    f1: float | None
    title_exact: bool | None
    title_lenient: bool | None
    date: bool | None
    seconds: float
    error: str | None = None


def _selected(only: list[str] | None) -> dict[str, Callable[[Page], Result]]:
    extractors = _available()
    if only:
        extractors = {k: v for k, v in extractors.items() if k in only}
    return extractors


_WORKER_EXTRACTORS: dict[str, Callable[[Page], Result]] = {}


def _init_worker(only: list[str] | None) -> None:
    _WORKER_EXTRACTORS.clear()
    _WORKER_EXTRACTORS.update(_selected(only))


def score_page(page: Page) -> dict[str, Outcome]:
    """Run every selected extractor on *page* (in this process) and score each."""
    out: dict[str, Outcome] = {}
    for name, fn in _WORKER_EXTRACTORS.items():
        error = None
        start = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = fn(page)
        except Exception as exc:  # a crash scores zero but must not stop the run
            error = repr(exc)
            result = Result("", None, None)
        seconds = time.perf_counter() - start
        date_only = name in DATE_ONLY
        out[name] = Outcome(
            f1=None if date_only else token_f1(result.text, page.body),
            title_exact=None
            if date_only or not page.title
            else title_exact(result.title, page.title),
            title_lenient=None
            if date_only or not page.title
            else title_lenient(result.title, page.title),
            date=None if not page.date else (result.date or "")[:10] == page.date,
            seconds=seconds,
            error=error,
        )
    return out


def evaluate(
    set_names: list[str], limit: int | None, only: list[str] | None, jobs: int = 1
) -> dict[str, dict[str, Score]]:
    extractors = _selected(only)
    scores: dict[str, dict[str, Score]] = {s: {e: Score() for e in extractors} for s in set_names}
    pages = load_pages(set_names, limit)
    if jobs > 1:
        import multiprocessing

        # Import our extractor before forking: every worker then runs the same code, even
        # if the source changes on disk while a long run is going.
        import reader.parse.html  # noqa: F401

        pool = multiprocessing.get_context("fork").Pool(jobs, _init_worker, (only,))
        keyed = ((p.set_name, p.name, p) for p in pages)

        results: Iterator[tuple[str, str, dict[str, Outcome]]] = pool.imap(
            _score_keyed, keyed, chunksize=1
        )
    else:
        _init_worker(only)
        results = ((p.set_name, p.name, score_page(p)) for p in pages)
        pool = None
    try:
        for set_name, page_name, outcomes in results:
            for name, o in outcomes.items():
                score = scores[set_name][name]
                if o.error:
                    score.errors += 1
                    print(f"  {name} crashed on {set_name}/{page_name}: {o.error}", file=sys.stderr)
                score.seconds.append(o.seconds)
                if o.f1 is not None:
                    score.f1.append(o.f1)
                    score.per_page[page_name] = o.f1
                if o.title_exact is not None:
                    score.title_exact.append(o.title_exact)
                if o.title_lenient is not None:
                    score.title_lenient.append(o.title_lenient)
                if o.date is not None:
                    score.date.append(o.date)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return scores


def _score_keyed(item: tuple[str, str, Page]) -> tuple[str, str, dict[str, Outcome]]:
    return item[0], item[1], score_page(item[2])


def _fmt(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "   -  "
    return f"{value * 100:5.1f}%" if pct else f"{value:6.3f}"


def print_table(scores: dict[str, dict[str, Score]]) -> None:
    header = (
        f"{'set':<21} {'extractor':<12} {'pages':>5} {'F1':>6} {'title=':>6} "
        f"{'title~':>6} {'date':>6} {'ms/pg':>7} {'p95ms':>7} {'err':>3}"
    )
    print(header)
    print("-" * len(header))
    for set_name, by_extractor in scores.items():
        for name, s in by_extractor.items():
            if not s.seconds:
                continue
            ms = sorted(x * 1000 for x in s.seconds)
            p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
            print(
                f"{set_name:<21} {name:<12} {len(s.seconds):>5} {_fmt(_mean(s.f1))} "
                f"{_fmt(_mean(s.title_exact), True)} {_fmt(_mean(s.title_lenient), True)} "
                f"{_fmt(_mean(s.date), True)} {statistics.fmean(ms):7.1f} {p95:7.1f} "
                f"{s.errors:>3}"
            )
        print()


def print_summary(scores: dict[str, dict[str, Score]]) -> None:
    """The compact per-set comparison the issue's targets are stated in: body F1, exact
    titles, dates (with how many pages have one) and pages/s, ours next to the references."""
    names = [n for n in ("ours", "readability", "trafilatura", "htmldate") if _has(scores, n)]
    print("summary (F1 / title exact / date n=pages with a date / pages per second per core)")
    head = f"{'set':<21} {'metric':<11}" + "".join(f" {n:>12}" for n in names)
    print(head)
    print("-" * len(head))
    for set_name, by_extractor in scores.items():
        rows: list[tuple[str, Callable[[Score], str]]] = [
            ("body F1", lambda s: _fmt(_mean(s.f1))),
            ("title =", lambda s: _fmt(_mean(s.title_exact), True)),
            ("date", lambda s: _fmt(_mean(s.date), True)),
            ("pages/s", lambda s: f"{1 / statistics.fmean(s.seconds):6.1f}" if s.seconds else ""),
        ]
        for label, cell in rows:
            any_s = next(iter(by_extractor.values()), None)
            if label == "title =" and not (any_s and any_s.title_exact):
                continue
            if label == "date":
                n = max((len(s.date) for s in by_extractor.values()), default=0)
                if not n:
                    continue
                label = f"date n={n}"
            cells = []
            for n in names:
                s = by_extractor.get(n)
                cells.append(f" {cell(s) if s and s.seconds else '':>12}")
            print(f"{set_name:<21} {label:<11}" + "".join(cells))
        print()


def _has(scores: dict[str, dict[str, Score]], name: str) -> bool:
    return any(name in by and by[name].seconds for by in scores.values())


def as_json(scores: dict[str, dict[str, Score]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for set_name, by_extractor in scores.items():
        out[set_name] = {
            name: {
                "pages": len(s.f1),
                "f1": _mean(s.f1),
                "title_exact": _mean(s.title_exact),
                "title_lenient": _mean(s.title_lenient),
                "title_pages": len(s.title_exact),
                "date": _mean(s.date),
                "date_pages": len(s.date),
                "ms_per_page": statistics.fmean(s.seconds) * 1000 if s.seconds else None,
                "errors": s.errors,
            }
            for name, s in by_extractor.items()
            if s.seconds
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        action="append",
        choices=SETS,
        dest="sets",
        help="ground-truth set (repeatable; default: all)",
    )
    parser.add_argument("--limit", type=int, help="at most N pages per set")
    parser.add_argument("--only", action="append", help="extractor(s) to run (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--worst", type=int, default=0, help="also list our N worst pages per set (by F1)"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="score N pages at a time in worker processes"
    )
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    scores = evaluate(args.sets or list(SETS), args.limit, args.only, max(1, args.jobs))
    if args.json:
        print(json.dumps(as_json(scores), indent=2))
    else:
        print_table(scores)
        print_summary(scores)
    if args.worst:
        for set_name, by_extractor in scores.items():
            ours = by_extractor.get("ours")
            if ours:
                worst = sorted(ours.per_page.items(), key=lambda kv: kv[1])[: args.worst]
                print(set_name, "worst:", ", ".join(f"{n}={f:.2f}" for n, f in worst))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
