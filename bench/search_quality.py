"""Known-item search quality by query kind: the app, Whoosh + jieba (BM25F), SQLite FTS5 trigram.

    python bench/search_quality.py                     # every article of the corpora
    python bench/search_quality.py --n 40 --docs 400   # a quick run

Why: bench/search_bench.py measures speed and CJK substring recall, but not whether the
article a person is looking for comes first. Here each query is drawn from one article
(its "known item") the way a person remembers it, and the rank of that article in each
engine's top 10 is recorded: MRR@10, success@1 and success@10, per language and kind.

The texts: Simplified news (../shared/corpus/zh-news), Traditional news (zh-hant-news) and
saved English pages (readability-test-pages and newspaper4k-test-data whose metadata says
English), imported with the app's importer; every engine indexes the same cleaned title
and body (``Catalogue.index_row``, what the app's index sees).

Kinds, for each language (queries keep the article's own script and case):

- title: two words of the title (jieba words of 2+ characters for Chinese; two or three
  non-stop words of 3+ letters for English);
- body: one rare-ish word of the body (in 2 to 2% of that language's articles), or two
  words of the body that are not common (in at most 10%);
- phrase: a quoted run of 3-5 consecutive words of the body (jieba words, written together
  for Chinese; letters-only words separated by single spaces for English).

Engines:

- app: ``search_library`` (the app's own search call), top 10;
- whoosh+jieba: Whoosh (BM25F, k1 1.2, b 0.75, title boosted 3x as in the app) with fields
  title and body analysed by jieba's accurate mode, lowercased and Porter-stemmed. Not
  ``jieba.analyse.ChineseAnalyzer``: its tokenizer records character offsets as positions
  (and, in search mode, overlapping sub-words), so no phrase of two or more words matches,
  ``"supply chain"`` or ``"发布国际贸易"`` alike (tried: 0 hits on a text holding them);
- fts5-trigram: SQLite FTS5 with the trigram tokenizer (``bm25(fts, 3.0, 1.0)``), each word
  a quoted substring. Trigram cannot look up a word under 3 characters (most 2-character
  Chinese words): those are matched with ``instr()`` on every row (a full scan; ``LIKE``
  on a trigram table returned no rows for 2 CJK characters in SQLite 3.40); a query of such
  words alone has no bm25 and is ordered title-first, then by rowid. The ``<3`` column
  counts the queries that needed it;
- recoll (``--peers recoll``; bench/recoll_peer.py): each article an HTML page (title and
  paragraphs, folded as for the others) indexed by ``recollindex`` with Recoll's defaults
  (CJK as bigrams, English stemming), queried through its Python module: the words AND-ed,
  a phrase quoted. Its querying time is given without and with ``makedocabstract`` for
  each of the top 10. Skipped, with the reason, when Recoll is not installed.

Both other engines get the text and the queries folded by ``reader.search.analysis.fold``
(case, width, accents, Traditional to Simplified), as bench/search_bench.py does for FTS5,
so the comparison is about matching and ranking, not script folding. An article whose
title and body equal the known item's (a duplicate in the corpus) counts as the target too.
Seeded: the same --seed, --n and --docs give the same queries. By default four samples
(seeds 7 to 10) are pooled, 400 queries a kind: at 100 a kind the engines' MRR moved by up
to 0.08 from one seed to the next, more than any gap between them. Each kind's line ends
with the app's MRR minus the best peer's and a paired bootstrap 95% interval, so a gap is
told apart from sampling noise. Prints figures only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.analysis import LowercaseFilter, StemFilter, Token, Tokenizer

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import recoll_peer  # noqa: E402
from import_bench import SHARED  # noqa: E402
from search_bench import index_fts5, load_texts  # noqa: E402

from reader.catalogue import Catalogue  # noqa: E402
from reader.importer import import_paths  # noqa: E402
from reader.search import analysis  # noqa: E402
from reader.search.sync import open_engine, search_library, sync_index  # noqa: E402

LANGUAGES = ("Simplified", "Traditional", "English")
KINDS = ("title", "body", "phrase")
TOP = 10
TITLE_BOOST = 3.0  # as reader.search.evaluate.TITLE_BOOST
_ENGLISH_RUN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){2,}")
_HAS_WORD = re.compile(r"\w")


# -- the corpora ---------------------------------------------------------------------------


def corpus_files(docs: int | None, rng: random.Random) -> dict[str, list[Path]]:
    """Files of each language; *docs* caps each language (a seeded sample)."""
    root = SHARED / "corpus"
    english: list[Path] = []
    for meta in sorted((root / "readability-test-pages").glob("*/expected-metadata.json")):
        if str(json.loads(meta.read_text("utf-8")).get("lang") or "").lower().startswith("en"):
            english.append(meta.parent / "source.html")
    for meta in sorted((root / "newspaper4k-test-data" / "metadata").glob("*.json")):
        page = meta.parent.parent / "html" / (meta.stem + ".html")
        if json.loads(meta.read_text("utf-8")).get("language") == "en" and page.exists():
            english.append(page)
    files = {
        "Simplified": sorted((root / "zh-news").glob("*.txt")),
        "Traditional": sorted((root / "zh-hant-news").glob("*.txt")),
        "English": english,
    }
    if docs is not None:
        files = {k: sorted(rng.sample(v, min(docs, len(v)))) for k, v in files.items()}
    return files


@dataclass
class Article:
    id: int
    path: str  # the source file: what orders the articles (ids follow the import's timing)
    language: str
    title: str
    body: str
    twins: set[int] = field(default_factory=set)  # itself and its duplicates


def build_app(files: dict[str, list[Path]], data: Path) -> tuple[dict[int, Article], float]:
    """Import and index with the app (its own calls); the articles as the index sees them."""
    started = time.perf_counter()
    with Catalogue(data / "catalogue.sqlite3") as catalogue:
        import_paths(catalogue, [p for paths in files.values() for p in paths])
        engine = open_engine(data)
        sync_index(catalogue, engine)
        engine.close()
        language_of = {str(p.resolve()): lang for lang, paths in files.items() for p in paths}
        paths = {
            i: str(Path(str((catalogue.summary(i) or {})["path"])).resolve())
            for i in catalogue.ids()
        }
    seconds = time.perf_counter() - started
    articles: dict[int, Article] = {}
    same: dict[str, set[int]] = {}
    for article_id, (title, body, _, _) in load_texts(data).items():
        language = language_of.get(paths.get(article_id, ""))
        if language is None:
            continue
        articles[article_id] = Article(article_id, paths[article_id], language, title, body)
        digest = hashlib.sha1(analysis.fold(title + "\n" + body).encode()).hexdigest()
        same.setdefault(digest, set()).add(article_id)
    for twins in same.values():
        for article_id in twins:
            articles[article_id].twins = twins
    return articles, seconds


# -- known-item queries ------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownItem:
    language: str
    kind: str
    target: int
    words: tuple[str, ...]  # a phrase is one "word"

    @property
    def text(self) -> str:
        """What a person types into the app."""
        if self.kind == "phrase":
            return f'"{self.words[0]}"'
        return " ".join(self.words)


def _cut(text: str) -> list[str]:
    import jieba

    return jieba.lcut(text)


def words_of(text: str, language: str) -> list[str]:
    """The words a person could remember: English words of 3+ letters that are not stop
    words, or Chinese words of 2+ characters in the text's own script. jieba cuts the
    Simplified fold of the text (its dictionary is Simplified: on Traditional text it
    leaves many words in single characters or odd pairs) and the words are read back from
    the original at the same offsets (``fold`` keeps the length)."""
    if language == "English":
        return [
            w
            for w in analysis.latin_words(text)
            if w.isalpha() and len(w) >= 3 and analysis.fold(w) not in analysis.STOP_WORDS
        ]
    folded = analysis.fold(text)
    words = []
    for run in analysis.CJK_RUN.finditer(folded):
        at = run.start()
        for word in _cut(run.group()):
            if len(word) >= 2:
                words.append(text[at : at + len(word)])
            at += len(word)
    return words


class QuerySampler:
    """Seeded known-item queries; document frequencies (of folded words, per language)
    decide what is rare-ish."""

    def __init__(self, articles: dict[int, Article], seed: int) -> None:
        self.rng = random.Random(seed)
        self.by_language = {
            lang: [
                a.id for a in sorted(articles.values(), key=lambda a: a.path) if a.language == lang
            ]
            for lang in LANGUAGES
        }
        self.articles = articles
        self.body_words = {i: words_of(a.body, a.language) for i, a in articles.items()}
        self.df: dict[str, Counter[str]] = {lang: Counter() for lang in LANGUAGES}
        for i, a in articles.items():
            self.df[a.language].update({analysis.fold(w) for w in self.body_words[i]})

    def title(self, article: Article) -> tuple[str, ...] | None:
        words = list(dict.fromkeys(words_of(article.title, article.language)))
        if not words:
            return None
        count = min(len(words), 2 if article.language != "English" else self.rng.choice([2, 3]))
        picked = sorted(self.rng.sample(range(len(words)), count))
        return tuple(words[i] for i in picked)

    def body(self, article: Article) -> tuple[str, ...] | None:
        size = len(self.by_language[article.language])
        df = self.df[article.language]
        words = list(dict.fromkeys(self.body_words[article.id]))
        rare = [w for w in words if 2 <= df[analysis.fold(w)] <= max(3, size * 0.02)]
        if rare and self.rng.random() < 0.5:
            return (self.rng.choice(rare),)
        uncommon = [w for w in words if df[analysis.fold(w)] <= max(3, size * 0.1)]
        if len(uncommon) < 2:
            return None
        return tuple(self.rng.sample(uncommon, 2))

    def phrase(self, article: Article) -> tuple[str, ...] | None:
        size = self.rng.randint(3, 5)
        if article.language == "English":
            runs = [r.split(" ") for r in _ENGLISH_RUN.findall(article.body)]
            runs = [r for r in runs if len(r) >= size]
            if not runs:
                return None
            run = self.rng.choice(runs)
            start = self.rng.randint(0, len(run) - size)
            words = run[start : start + size]
            if sum(analysis.fold(w) not in analysis.STOP_WORDS for w in words) < 2:
                return None
            return (" ".join(words),)
        folded = analysis.fold(article.body)
        runs = [_cut(r) for r in analysis.CJK_RUN.findall(folded) if len(r) >= 6]
        runs = [r for r in runs if len(r) >= size]
        if not runs:
            return None
        run = self.rng.choice(runs)
        start = self.rng.randint(0, len(run) - size)
        text = "".join(run[start : start + size])
        at = folded.find("".join(run))  # back to the article's own script
        at += len("".join(run[:start]))
        text = article.body[at : at + len(text)]
        return (text,) if len(text) >= 4 else None

    def sample(self, n: int) -> list[KnownItem]:
        out: list[KnownItem] = []
        for language in LANGUAGES:
            ids = self.by_language[language]
            if not ids:
                continue
            for kind in KINDS:
                make: Callable[[Article], tuple[str, ...] | None] = getattr(self, kind)
                made = tries = 0
                while made < n and tries < n * 50:
                    tries += 1
                    article = self.articles[self.rng.choice(ids)]
                    words = make(article)
                    if words:
                        out.append(KnownItem(language, kind, article.id, words))
                        made += 1
        return out


# -- the engines -----------------------------------------------------------------------------


class App:
    name = "app"

    def __init__(self, data: Path) -> None:
        self.catalogue = Catalogue(data / "catalogue.sqlite3", readonly=True)
        self.engine = open_engine(data, search_only=True)

    def search(self, item: KnownItem) -> list[int]:
        results = search_library(self.catalogue, self.engine, item.text, limit=TOP)
        return [h.id for h in results.hits]

    def close(self) -> None:
        self.engine.close()
        self.catalogue.close()


class JiebaTokenizer(Tokenizer):  # type: ignore[misc]
    """jieba's accurate mode with positions counted in words (Whoosh pickles the schema,
    so this lives at module level)."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        import jieba

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pieces = jieba.tokenize(value) if tokenize else [(value, 0, len(value))]
        pos = start_pos
        for word, start, end in pieces:
            if not _HAS_WORD.search(word):  # spaces and punctuation
                continue
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def jieba_analyzer() -> Any:
    """jieba words, lowercased, Porter-stemmed (English words; Chinese ones pass as they are)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return JiebaTokenizer() | LowercaseFilter() | StemFilter()


class WhooshJieba:
    name = "whoosh+jieba"

    def __init__(self, folder: Path, articles: dict[int, Article]) -> None:
        from whoosh import index, scoring
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.qparser import MultifieldParser

        started = time.perf_counter()
        analyzer = jieba_analyzer()
        schema = Schema(
            id=ID(stored=True), title=TEXT(analyzer=analyzer), body=TEXT(analyzer=analyzer)
        )
        folder.mkdir(parents=True, exist_ok=True)
        self.index = index.create_in(str(folder), schema)
        writer = self.index.writer(limitmb=256)
        for article in articles.values():
            writer.add_document(
                id=str(article.id),
                title=analysis.fold(article.title),
                body=analysis.fold(article.body),
            )
        writer.commit()
        self.seconds = time.perf_counter() - started
        self.searcher = self.index.searcher(weighting=scoring.BM25F(B=0.75, K1=1.2))
        self.parser = MultifieldParser(
            ["title", "body"], schema, fieldboosts={"title": TITLE_BOOST, "body": 1.0}
        )

    def search(self, item: KnownItem) -> list[int]:
        query = self.parser.parse(analysis.fold(item.text))
        return [int(hit["id"]) for hit in self.searcher.search(query, limit=TOP)]

    def close(self) -> None:
        self.searcher.close()


class Fts5Trigram:
    name = "fts5-trigram"

    def __init__(self, path: Path, articles: dict[int, Article]) -> None:
        folded = {i: (analysis.fold(a.title), analysis.fold(a.body)) for i, a in articles.items()}
        self.seconds = index_fts5(path, folded, {i: (None, None) for i in articles})["wall"]
        self.db = sqlite3.connect(path)
        self.short = 0  # queries with a word under 3 characters (instr() scan)

    def search(self, item: KnownItem) -> list[int]:
        words = [analysis.fold(w) for w in item.words]
        indexed = [w for w in words if len(w) >= 3]
        scanned = [w for w in words if len(w) < 3]
        where: list[str] = []
        params: list[str] = []
        if indexed:
            where.append("fts MATCH ?")
            params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in indexed))
        for word in scanned:
            where.append("(instr(title, ?) > 0 OR instr(body, ?) > 0)")
            params += [word, word]
        if indexed:
            order = "bm25(fts, 3.0, 1.0)"
        else:
            order = "instr(title, ?) > 0 DESC, rowid"
            params.append(scanned[0])
        sql = f"SELECT rowid FROM fts WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {TOP}"
        return [row[0] for row in self.db.execute(sql, params)]

    def close(self) -> None:
        self.db.close()


class RecollKnownItems:
    """Recoll over the same folded text; all queries run in one batch (its module may live
    in another interpreter), so ``search`` hands back what the batch found."""

    name = "recoll"

    def __init__(self, root: Path, articles: dict[int, Article]) -> None:
        docs = (
            recoll_peer.Doc(a.id, analysis.fold(a.title), analysis.fold(a.body))
            for a in articles.values()
        )
        built = recoll_peer.build_index(root, docs)
        self.seconds = float(built["wall"])
        self.confdir = str(built["confdir"])
        self.found: dict[KnownItem, list[int]] = {}
        self.query_seconds = self.abstract_seconds = 0.0

    def run(self, items: list[KnownItem]) -> None:
        """Query every item: top 10 ids, then again with ``makedocabstract`` for each."""
        unique = list(dict.fromkeys(items))
        forms: list[str | None] = [
            recoll_peer.known_item_query(
                [analysis.fold(w) for w in q.words], phrase=q.kind == "phrase"
            )
            for q in unique
        ]
        result = recoll_peer.search(
            {"confdir": self.confdir, "queries": forms, "top": TOP, "repeat": 1, "abstracts": True}
        )
        self.found = dict(zip(unique, result["ids"], strict=True))
        self.query_seconds = sum(ms or 0.0 for ms in result["passes"]["recoll"][0]) / 1000
        self.abstract_seconds = (
            sum(ms or 0.0 for ms in result["passes"]["recoll_abstracts"][0]) / 1000
        )

    def search(self, item: KnownItem) -> list[int]:
        return self.found.get(item, [])

    def close(self) -> None:
        """Nothing held open: the batch closed its connection."""


# -- figures -----------------------------------------------------------------------------------


@dataclass
class Score:
    queries: int = 0
    reciprocal: float = 0.0
    first: int = 0
    top: int = 0

    def add(self, rank: int | None) -> None:
        self.queries += 1
        if rank is not None:
            self.reciprocal += 1.0 / rank
            self.first += rank == 1
            self.top += 1

    def cells(self) -> str:
        n = max(self.queries, 1)
        return f"{self.reciprocal / n:>6.3f} {self.first / n:>6.3f} {self.top / n:>6.3f}"


def rank_of(found: list[int], targets: set[int]) -> int | None:
    return next((i for i, article_id in enumerate(found, 1) if article_id in targets), None)


def report(
    items: list[KnownItem],
    ranks: dict[str, list[int | None]],
    short: list[bool],
    engines: list[str],
) -> None:
    # (label, language or None for all, kind or None for all)
    groups: list[tuple[str, str | None, str | None]] = [
        (f"{language} {kind}", language, kind) for language in LANGUAGES for kind in KINDS
    ]
    groups += [(f"{language} (all kinds)", language, None) for language in LANGUAGES]
    groups += [(f"{kind} (all languages)", None, kind) for kind in KINDS]
    groups.append(("all", None, None))
    header = f"{'kind':<26} {'queries':>7} {'<3':>4}"
    for name in engines:
        header += f" | {name + ': MRR@10   S@1  S@10':>27}"
    header += f" | {'app - best peer [95% CI]':>26}"
    print(header)
    print("-" * len(header))
    for label, language, kind in groups:
        chosen = [
            i
            for i, q in enumerate(items)
            if language in (None, q.language) and kind in (None, q.kind)
        ]
        if not chosen:
            continue
        line = f"{label:<26} {len(chosen):>7} {sum(short[i] for i in chosen):>4}"
        for name in engines:
            score = Score()
            for i in chosen:
                score.add(ranks[name][i])
            line += f" | {score.cells():>27}"
        line += f" | {margin(chosen, ranks, engines):>26}"
        print(line)
    print(
        "(<3: queries holding a word under 3 characters, which FTS5 trigram matches by a "
        "full instr() scan)"
    )
    print(
        "(app - best peer: the app's MRR@10 minus that of the best other engine on those "
        "queries, with a paired bootstrap 95% interval; an interval that holds 0 means level "
        "within what this many queries can tell)"
    )


def reciprocal(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / rank


def margin(
    chosen: list[int], ranks: dict[str, list[int | None]], engines: list[str], rounds: int = 2000
) -> str:
    """The app's MRR minus the best peer's, and a paired bootstrap 95% interval: with 100
    queries a kind, one query moving from rank 1 to 2 shifts MRR by 0.005, so a gap
    smaller than the interval is not a measured difference (seeded: same figures each run)."""
    peers = [e for e in engines if e != "app"]
    if "app" not in engines or not peers or not chosen:
        return ""
    best = max(peers, key=lambda e: sum(reciprocal(ranks[e][i]) for i in chosen))
    diffs = np.array([reciprocal(ranks["app"][i]) - reciprocal(ranks[best][i]) for i in chosen])
    picks = np.random.default_rng(0).integers(0, diffs.size, size=(rounds, diffs.size))
    means = np.sort(diffs[picks].mean(axis=1))
    low, high = means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]
    return f"{diffs.mean():+.3f} [{low:+.3f}, {high:+.3f}]"


# -- similar articles ----------------------------------------------------------------------

_ENGLISH_PAIR = re.compile(r"(?=\b([a-z]{3,}) ([a-z]{3,})\b)")


def rare_terms(article: Article) -> set[str]:
    """The article's multi-word terms, as written (folded): two consecutive jieba words of
    2+ characters each, written together, or two consecutive English words of 3+ letters
    (no stop word) separated by one space. Not the app's own word pairs (those ignore
    punctuation): the truth here is what a reader would call the same term."""
    folded = analysis.fold(article.title + "\n" + article.body)
    terms: set[str] = set()
    if article.language == "English":
        for match in _ENGLISH_PAIR.finditer(folded):
            a, b = match.group(1), match.group(2)
            if a not in analysis.STOP_WORDS and b not in analysis.STOP_WORDS:
                terms.add(f"{a} {b}")
        return terms
    for run in analysis.CJK_RUN.findall(folded):
        cut = _cut(run)
        for a, b in zip(cut, cut[1:], strict=False):
            if len(a) >= 2 and len(b) >= 2:
                terms.add(a + b)
    return terms


def similar_truth(
    articles: dict[int, Article], rng: random.Random, n: int
) -> list[tuple[int, set[int]]]:
    """(source, related) for up to *n* sources per language: related are the articles
    (duplicates of the source aside) sharing a multi-word term found in only 2-3
    articles of the library: what "similar in the archive" should rank first."""
    by_term: dict[str, set[int]] = {}
    for article in articles.values():
        group = min(article.twins) if article.twins else article.id
        for term in rare_terms(article):
            by_term.setdefault(term, set()).add(group)
    group_of = {a.id: (min(a.twins) if a.twins else a.id) for a in articles.values()}
    members: dict[int, set[int]] = {}
    for article in articles.values():
        members.setdefault(group_of[article.id], set()).add(article.id)
    cases: list[tuple[int, set[int]]] = []
    for language in LANGUAGES:
        ids = sorted(a.id for a in articles.values() if a.language == language)
        rng.shuffle(ids)
        found = 0
        for source in ids:
            if found >= n:
                break
            own = group_of[source]
            related: set[int] = set()
            for term in rare_terms(articles[source]):
                groups = by_term.get(term, set())
                if 2 <= len(groups) <= 3:
                    for group in groups - {own}:
                        related |= members[group]
            if related:
                cases.append((source, related))
                found += 1
    return cases


def similar_quality(
    data: Path, whoosh: WhooshJieba, articles: dict[int, Article], cases: list[tuple[int, set[int]]]
) -> None:
    """Success@6 (the reader shows six) and MRR@6 of "similar in the archive": the app's
    ``similar`` against Whoosh's ``more_like`` (its key terms, Bo1) on the same index."""
    from reader.search.sync import index_doc

    shown = 6
    scores = {
        "app": {lang: Score() for lang in LANGUAGES},
        "whoosh more_like": {lang: Score() for lang in LANGUAGES},
    }
    docnum = {int(fields["id"]): number for number, fields in whoosh.searcher.reader().iter_docs()}
    with Catalogue(data / "catalogue.sqlite3", readonly=True) as catalogue:
        engine = open_engine(data, search_only=True)
        for source, related in cases:
            language = articles[source].language
            doc = index_doc(catalogue, source)
            found = engine.similar(doc, limit=shown) if doc else []
            scores["app"][language].add(rank_of(found, related))
            hits = whoosh.searcher.more_like(
                docnum[source], "body", text=analysis.fold(articles[source].body), top=shown
            )
            scores["whoosh more_like"][language].add(rank_of([int(h["id"]) for h in hits], related))
        engine.close()
    print(
        f"\nsimilar in the archive: {len(cases)} sources with a multi-word term shared "
        f"by only 2-3 articles; the rank of the first sharer among {shown} shown; "
        "MRR@6, success@1, success@6"
    )
    print(
        f"{'language':<12} {'sources':>7}"
        + "".join(f" | {name + ': MRR     S@1    S@6':>30}" for name in scores)
    )
    for language in LANGUAGES:
        line = f"{language:<12} {scores['app'][language].queries:>7}"
        for name in scores:
            line += f" | {scores[name][language].cells():>30}"
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n", type=int, default=100, help="known-item queries per language and kind (default 100)"
    )
    parser.add_argument(
        "--docs",
        type=int,
        default=None,
        help="at most this many articles of each language (default: all)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        nargs="+",
        default=[7, 8, 9, 10],
        help="query samples to pool (default 7 8 9 10: 400 queries a kind)",
    )
    parser.add_argument(
        "--similar",
        type=int,
        default=100,
        help="source articles per language for similar articles (0: skip)",
    )
    parser.add_argument(
        "--dump",
        type=Path,
        default=None,
        help="write every query with each engine's rank to this JSON file",
    )
    parser.add_argument(
        "--peers",
        default="",
        help="more engines, comma-separated: recoll (skipped, saying why, when not installed)",
    )
    args = parser.parse_args()
    peers = {p.strip() for p in args.peers.split(",") if p.strip()}
    if peers - {"recoll"}:
        parser.error(f"unknown peer(s): {', '.join(sorted(peers - {'recoll'}))} (known: recoll)")
    recoll_skipped = recoll_peer.unavailable() if "recoll" in peers else None
    if recoll_skipped:
        print(f"Recoll: skipped ({recoll_skipped})")
    if not (SHARED / "corpus" / "zh-news").is_dir():
        print(f"no corpus at {SHARED / 'corpus'} (set READER_SHARED_DIR)")
        return 1
    rng = random.Random(args.seed[0])
    files = corpus_files(args.docs, rng)
    with tempfile.TemporaryDirectory(prefix="search-quality-") as tmp_name:
        tmp = Path(tmp_name)
        print("importing and indexing with the app ...", file=sys.stderr)
        articles, app_seconds = build_app(files, tmp / "data")
        print("indexing with Whoosh + jieba ...", file=sys.stderr)
        whoosh = WhooshJieba(tmp / "whoosh", articles)
        print("indexing with FTS5 trigram ...", file=sys.stderr)
        fts = Fts5Trigram(tmp / "fts5.sqlite3", articles)
        app = App(tmp / "data")
        items = [q for seed in args.seed for q in QuerySampler(articles, seed).sample(args.n)]
        recoll: RecollKnownItems | None = None
        if "recoll" in peers and not recoll_skipped:
            try:
                print("indexing with Recoll ...", file=sys.stderr)
                recoll = RecollKnownItems(tmp / "recoll", articles)
                print(f"running {len(items)} queries through Recoll ...", file=sys.stderr)
                recoll.run(items)
            except RuntimeError as err:  # recollindex or the batch failed: the rest goes on
                print(f"Recoll: failed ({err})")
                recoll = None
        print(f"running {len(items)} queries ...", file=sys.stderr)
        engines: list[App | WhooshJieba | Fts5Trigram | RecollKnownItems] = [app, whoosh, fts]
        if recoll is not None:
            engines.append(recoll)
        ranks: dict[str, list[int | None]] = {e.name: [] for e in engines}
        seconds: dict[str, float] = {e.name: 0.0 for e in engines}
        for item in items:
            targets = articles[item.target].twins
            for engine in engines:
                started = time.perf_counter()
                found = engine.search(item)
                seconds[engine.name] += time.perf_counter() - started
                ranks[engine.name].append(rank_of(found, targets))
        if recoll is not None:  # its own timing, from inside the batch
            seconds[recoll.name] = recoll.query_seconds
            seconds["recoll+abstracts"] = recoll.abstract_seconds
        short = [any(len(analysis.fold(w)) < 3 for w in q.words) for q in items]
        for engine in engines:
            if engine is not whoosh:
                engine.close()
        cases = similar_truth(articles, random.Random(args.seed[0]), args.similar)
        if cases:
            print(f"similar articles for {len(cases)} sources ...", file=sys.stderr)
            similar_quality(tmp / "data", whoosh, articles, cases)
        whoosh.close()
    counts = Counter(a.language for a in articles.values())
    print(
        f"known-item search, seeds {' '.join(map(str, args.seed))}: "
        + ", ".join(f"{counts[lang]} {lang}" for lang in LANGUAGES)
        + " articles; "
        f"top {TOP}; MRR@10, success@1, success@10"
    )
    print(
        f"build (s): app import+index {app_seconds:.1f}, whoosh+jieba {whoosh.seconds:.1f}, "
        f"fts5-trigram {fts.seconds:.1f}"
        + (f", recoll {recoll.seconds:.1f}" if recoll is not None else "")
        + "; querying (s): "
        + ", ".join(f"{name} {s:.1f}" for name, s in seconds.items())
    )
    report(items, ranks, short, [e.name for e in engines])
    if args.dump is not None:
        args.dump.write_text(
            json.dumps(
                [
                    {
                        "language": q.language,
                        "kind": q.kind,
                        "query": q.text,
                        "target": q.target,
                        **{name: ranks[name][n] for name in ranks},
                    }
                    for n, q in enumerate(items)
                ],
                ensure_ascii=False,
                indent=1,
            ),
            "utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
