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
* date: ``YYYY-MM-DD`` equality with the first ten characters of the ground-truth value;
  only pages whose ground truth has a date count.

Usage: ``python bench/extraction_bench.py [--set NAME ...] [--limit N] [--only EXTRACTOR ...]
[--json] [--worst N]``. Reference extractors that are not installed are skipped.
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
SETS = ("readability", "extraction-benchmark", "newspaper4k")

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
    extractors["naive"] = run_naive
    return extractors


def _mean(values: list[float] | list[bool]) -> float | None:
    return statistics.fmean(values) if values else None


def evaluate(
    set_names: list[str], limit: int | None, only: list[str] | None
) -> dict[str, dict[str, Score]]:
    extractors = _available()
    if only:
        extractors = {k: v for k, v in extractors.items() if k in only}
    scores: dict[str, dict[str, Score]] = {s: {e: Score() for e in extractors} for s in set_names}
    for page in load_pages(set_names, limit):
        for name, fn in extractors.items():
            score = scores[page.set_name][name]
            start = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    result = fn(page)
            except Exception as exc:  # a crash scores zero but must not stop the run
                score.errors += 1
                print(f"  {name} crashed on {page.set_name}/{page.name}: {exc!r}", file=sys.stderr)
                result = Result("", None, None)
            score.seconds.append(time.perf_counter() - start)
            f1 = token_f1(result.text, page.body)
            score.f1.append(f1)
            score.per_page[page.name] = f1
            if page.title:
                score.title_exact.append(title_exact(result.title, page.title))
                score.title_lenient.append(title_lenient(result.title, page.title))
            if page.date:
                score.date.append((result.date or "")[:10] == page.date)
    return scores


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
            if not s.f1:
                continue
            ms = sorted(x * 1000 for x in s.seconds)
            p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
            print(
                f"{set_name:<21} {name:<12} {len(s.f1):>5} {_fmt(_mean(s.f1))} "
                f"{_fmt(_mean(s.title_exact), True)} {_fmt(_mean(s.title_lenient), True)} "
                f"{_fmt(_mean(s.date), True)} {statistics.fmean(ms):7.1f} {p95:7.1f} "
                f"{s.errors:>3}"
            )
        print()


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
            if s.f1
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
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    scores = evaluate(args.sets or list(SETS), args.limit, args.only)
    if args.json:
        print(json.dumps(as_json(scores), indent=2))
    else:
        print_table(scores)
    if args.worst:
        for set_name, by_extractor in scores.items():
            ours = by_extractor.get("ours")
            if ours:
                worst = sorted(ours.per_page.items(), key=lambda kv: kv[1])[: args.worst]
                print(set_name, "worst:", ", ".join(f"{n}={f:.2f}" for n, f in worst))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
