"""The search engine behind ``reader.search.engine``: Whoosh for ranking, bigrams for recall.

Whoosh holds word terms (jieba words, Porter stems) for BM25F ranking with the title
boosted, plus site, date and language for filters. Every CJK substring of two or more
characters is found through ``GramStore`` (all its bigrams), so recall never depends on
how jieba happened to segment a sentence; candidates that only share the bigrams of a
longer query are checked against the article's text before they are shown.

Documents arrive pre-analysed (``PreparedDoc``), so the expensive analysis can run in
worker processes and the writer only adds postings.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import fields, formats, index, query, scoring
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.system import pack_uint

from reader.errors import ReaderError
from reader.search import analysis
from reader.search.engine import Hit, IndexDoc, SearchResults, Sort
from reader.search.grams import GramStore
from reader.search.query import And, Filter, Node, Not, Or, Text, date_range, parse_query
from reader.search.snippets import Needles, make_snippet

TITLE_BOOST = 3.0
TITLE_GRAM = "\x01"  # marks a title bigram in the gram store (title: filters, title bonus)
TITLE_BONUS = 8.0
INDEX_VERSION = "1"
TextProvider = Callable[[int], tuple[str, str] | None]


class PreAnalyzed(fields.TEXT):
    """A TEXT field that also accepts postings computed elsewhere (a worker process)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(phrase=False, **kwargs)
        self.format = formats.Frequency(field_boost=kwargs.get("field_boost", 1.0))

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, list) and (not value or isinstance(value[0], tuple)):
            return value
        return super().index(value, **kwargs)


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        aid=fields.NUMERIC(int, bits=64, stored=True, sortable=True),
        version=fields.STORED(),
        title=PreAnalyzed(field_boost=TITLE_BOOST),
        body=PreAnalyzed(),
        site=fields.KEYWORD(lowercase=True, commas=True),
        date=fields.ID(sortable=True),
        lang=fields.ID(),
    )


def _postings(terms: dict[str, int]) -> list[tuple[bytes, int, float, bytes]]:
    return [(t.encode("utf-8"), f, float(f), pack_uint(f)) for t, f in sorted(terms.items())]


@dataclass(slots=True)
class PreparedDoc:
    """One article analysed for the index: picklable, built in a worker process."""

    id: int
    version: str
    title_terms: list[tuple[bytes, int, float, bytes]]
    body_terms: list[tuple[bytes, int, float, bytes]]
    grams: set[str]
    site: str
    date: str | None
    lang: str | None


def prepare(doc: IndexDoc) -> PreparedDoc:
    """Analyse one document (fold, segment, stem, bigrams): the costly part of indexing."""
    title = analysis.fold(doc.title)
    body = analysis.fold(doc.body)
    sites = [analysis.fold(doc.site)] if doc.site else []
    from reader.urls import site_of

    host = site_of(doc.source_url)
    if host:
        sites.append(host)
    return PreparedDoc(
        id=doc.id,
        version=doc.version,
        title_terms=_postings(analysis.words(title)),
        body_terms=_postings(analysis.words(body)),
        grams=analysis.bigrams(body) | {TITLE_GRAM + g for g in analysis.bigrams(title)},
        site=",".join(s.replace(",", " ") for s in sites),
        date=doc.date,
        lang=(doc.language or "").lower() or None,
    )


class ArticleSet(query.Query):
    """Matches the documents of a set of article ids (the bigram candidates)."""

    _maps: weakref.WeakKeyDictionary[Any, dict[int, int]] = weakref.WeakKeyDictionary()

    def __init__(self, ids: set[int], boost: float = 0.0) -> None:
        self.ids = ids
        self.boost = boost

    def __repr__(self) -> str:
        return f"ArticleSet({len(self.ids)} ids)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ArticleSet) and other.ids == self.ids

    def __hash__(self) -> int:
        return hash(len(self.ids))

    def estimate_size(self, ixreader: Any) -> int:
        return len(self.ids)

    def _docnums(self, reader: Any) -> dict[int, int]:
        mapping = ArticleSet._maps.get(reader)
        if mapping is None:
            mapping = {}
            column = reader.column_reader("aid")
            deleted = reader.has_deletions()
            for docnum in range(reader.doc_count_all()):
                if deleted and reader.is_deleted(docnum):
                    continue
                mapping[column[docnum]] = docnum
            with contextlib.suppress(TypeError):
                ArticleSet._maps[reader] = mapping
        return mapping

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        mapping = self._docnums(searcher.reader())
        docnums = sorted(mapping[i] for i in self.ids if i in mapping)
        if not docnums:
            return NullMatcher()
        return ListMatcher(docnums, all_weights=self.boost or 0.0001)


@dataclass
class _Compiled:
    """A query tree compiled for Whoosh, plus what Whoosh cannot check by itself."""

    query: query.Query | None
    verify: Callable[[str, str], bool] | None = None  # (folded title, folded body) -> ok
    needles: Needles = field(default_factory=Needles)
    exact: bool = True
    notes: list[str] = field(default_factory=list)


def _field_names(fld: str | None) -> list[str]:
    return ["title", "body"] if fld is None else [fld]


class WhooshEngine:
    """A Whoosh index plus a bigram store in one folder of the data directory."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.rebuilt = False  # True when a damaged index was thrown away on open
        self._open()

    # -- lifecycle -------------------------------------------------------------------

    def _open(self) -> None:
        try:
            self._open_existing()
        except Exception as exc:  # damaged, half-written, wrong version: start over
            self._reason = f"{type(exc).__name__}: {exc}"
            self._create()
            self.rebuilt = True

    def _open_existing(self) -> None:
        marker = self.folder / "VERSION"
        if not marker.exists() or marker.read_text().strip() != INDEX_VERSION:
            raise ValueError("no index, or an index of another version")
        self.ix = index.open_dir(str(self.folder))
        with self.ix.searcher() as searcher:
            searcher.doc_count()
            # Touch every segment's files: a truncated segment fails here, not mid-search.
            list(searcher.reader().column_reader("aid"))[:1]
        self.grams = GramStore(self.folder / "grams.sqlite3")
        self.grams.live_ids()

    def _create(self) -> None:
        with contextlib.suppress(AttributeError):
            self.grams.close()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self.ix = index.create_in(str(self.folder), make_schema())
        self.grams = GramStore(self.folder / "grams.sqlite3")
        (self.folder / "VERSION").write_text(INDEX_VERSION)

    def clear(self) -> None:
        self.close()
        self._create()

    def close(self) -> None:
        searcher = getattr(self, "_current_searcher", None)
        if searcher is not None:
            with contextlib.suppress(Exception):
                searcher.close()
            self._current_searcher = None
        with contextlib.suppress(Exception):
            self.grams.close()
        with contextlib.suppress(Exception):
            self.ix.close()

    # -- writing ---------------------------------------------------------------------

    def add_prepared(self, docs: Sequence[PreparedDoc]) -> None:
        """Add or replace documents: Whoosh first, then the bigram batch (which marks them
        indexed), so a crash in between only means they are indexed again."""
        if not docs:
            return
        writer = self._writer()
        try:
            for doc in docs:
                writer.update_document(
                    id=str(doc.id), aid=doc.id, version=doc.version,
                    title=doc.title_terms, body=doc.body_terms,
                    site=doc.site or None, date=doc.date or None, lang=doc.lang or None,
                )
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.grams.add_batch(((doc.id, doc.grams), doc.version) for doc in docs)

    def add(self, docs: Sequence[IndexDoc]) -> None:
        self.add_prepared([prepare(d) for d in docs])

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if not ids:
            return
        writer = self._writer()
        try:
            for article_id in ids:
                writer.delete_by_term("id", str(article_id))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.grams.delete(ids)

    def _searcher(self) -> Any:
        """One long-lived searcher, refreshed when the index changed: its readers (and the
        article-id maps built on them) survive between searches."""
        current = getattr(self, "_current_searcher", None)
        if current is None:
            current = self.ix.searcher(weighting=scoring.BM25F())
        else:
            current = current.refresh()
        self._current_searcher = current
        return current

    def _writer(self) -> Any:
        from whoosh.index import LockError

        try:
            return self.ix.writer(limitmb=512, timeout=30.0)
        except LockError:
            raise ReaderError(
                "The search index is being written by another Archive Reader process; "
                "try again when it has finished."
            ) from None

    def indexed_versions(self) -> dict[int, str]:
        return self.grams.live_versions()

    def doc_count(self) -> int:
        return len(self.grams.live_ids())

    def optimize(self) -> None:
        writer = self._writer()
        writer.commit(optimize=True)

    # -- searching -------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        sort: Sort = "relevance",
        text_of: TextProvider | None = None,
        library: int = 0,
    ) -> SearchResults:
        started = time.perf_counter()
        parsed = parse_query(text)
        indexed = self.doc_count()
        if parsed.root is None:
            return SearchResults(text, [], 0, True, indexed, library,
                                 time.perf_counter() - started, parsed.note)
        compiled = self._compile(parsed.root)
        notes = ([parsed.note] if parsed.note else []) + compiled.notes
        whoosh_query = compiled.query or query.Every()
        hits: list[Hit] = []
        total = 0
        searcher = self._searcher()
        window = max(limit * 3, 30)
        seen = 0
        while True:
            kwargs: dict[str, Any] = {"limit": window}
            if sort == "date":
                kwargs.update(sortedby="date", reverse=True)
            results = searcher.search(whoosh_query, **kwargs)
            total = results.estimated_length()
            scored = list(results)[seen:]
            for result in scored:
                seen += 1
                hit = self._hit(result, compiled, text_of)
                if hit is not None:
                    hits.append(hit)
                    if len(hits) >= limit:
                        break
            if len(hits) >= limit or len(results) < window:
                break
            window *= 4
        if compiled.verify is not None and len(hits) < limit:
            total = len(hits)  # we checked every candidate
        return SearchResults(
            text, hits, total, compiled.verify is None or len(hits) < limit, indexed,
            library, time.perf_counter() - started, "; ".join(notes) or None,
        )

    def _hit(self, result: Any, compiled: _Compiled, text_of: TextProvider | None) -> Hit | None:
        article_id = int(result["aid"])
        texts = text_of(article_id) if text_of else None
        if texts is None:
            return None  # in the index but gone from the catalogue: never show a ghost
        title, body = texts
        folded_title, folded_body = analysis.fold(title), analysis.fold(body)
        if compiled.verify is not None and not compiled.verify(folded_title, folded_body):
            return None
        snippet, offsets = make_snippet(body, folded_body, compiled.needles)
        matched = []
        if compiled.needles and make_snippet(title, folded_title, compiled.needles)[1]:
            matched.append("title")
        if offsets:
            matched.append("body")
        score = result.score if isinstance(result.score, (int, float)) else 0.0  # date sort
        return Hit(article_id, float(score), snippet, offsets, matched)

    # -- query compilation -----------------------------------------------------------

    def _compile(self, node: Node) -> _Compiled:
        if isinstance(node, Text):
            return self._compile_text(node)
        if isinstance(node, Filter):
            return self._compile_filter(node)
        if isinstance(node, Not):
            inner = self._compile(node.child)
            if inner.verify is not None:
                # Bigram candidates are a superset: exclude by checking the text instead.
                check = inner.verify
                return _Compiled(None, lambda t, b: not check(t, b), Needles(), False,
                                 inner.notes)
            return _Compiled(query.Not(inner.query) if inner.query else None,
                             notes=inner.notes)
        children = [self._compile(child) for child in node.children]
        needles = Needles()
        for child in children:
            needles.literals += child.needles.literals
            needles.stems |= child.needles.stems
            needles.prefixes += child.needles.prefixes
        notes = [n for child in children for n in child.notes]
        queries = [c.query for c in children if c.query is not None]
        checks = [c.verify for c in children]
        if isinstance(node, And):
            positive = [q for q in queries if not isinstance(q, query.Not)]
            negative = [q for q in queries if isinstance(q, query.Not)]
            combined: query.Query | None = query.And(positive) if positive else None
            if combined is not None and negative:
                combined = query.AndNot(combined, query.Or([n.query for n in negative]))
            elif combined is None and negative:
                combined = query.AndNot(query.Every(), query.Or([n.query for n in negative]))
            active = [c for c in checks if c is not None]
            verify = (lambda t, b: all(c(t, b) for c in active)) if active else None
            return _Compiled(combined, verify, needles, all(c.exact for c in children), notes)
        assert isinstance(node, Or)
        combined = query.Or(queries) if queries else None
        if any(c is None for c in checks):
            verify = None  # a branch Whoosh checks fully may be the one that matched
        else:
            verify = lambda t, b: any(c(t, b) for c in checks if c)  # noqa: E731
        return _Compiled(combined, verify, needles, all(c.exact for c in children), notes)

    def _compile_text(self, node: Text) -> _Compiled:
        folded = analysis.fold(node.text).strip()
        names = _field_names(node.field if node.field in ("title", "body") else None)
        parts: list[query.Query] = []
        literals: list[str] = []
        needs_check = node.phrase or node.field in ("title", "body")
        needles = Needles()
        runs = analysis.CJK_RUN.findall(folded)
        for run in runs:
            ranking = self._word_query(analysis.query_words(run), names)
            if len(run) >= 2:
                grams = analysis.bigrams(run)
                in_title = self.grams.containing_all(TITLE_GRAM + g for g in grams)
                if node.field == "title":
                    candidates = in_title
                elif node.field == "body":
                    candidates = self.grams.containing_all(grams)
                else:
                    candidates = self.grams.containing_all(grams) | in_title
                # Substring matches score at least a little; a title match scores more than
                # any body-only match (jieba may have cut the title differently).
                required = ArticleSet(candidates, boost=1.0)
                bonus = ArticleSet(in_title, boost=TITLE_BONUS) if node.field is None else None
                optional = [q for q in (ranking, bonus) if q is not None]
                if optional:
                    parts.append(query.AndMaybe(required, query.Or(optional)))
                else:
                    parts.append(required)
                if len(run) > 2:
                    needs_check = True
                literals.append(run)
            elif ranking is not None:
                parts.append(ranking)
            needles.literals.append(run)
        latin = analysis.CJK_RUN.sub(" ", folded)
        for word in analysis._LATIN_WORD.findall(latin):
            if node.prefix and latin.rstrip().endswith(word):
                parts.append(query.Or([query.Prefix(n, word) for n in names]))
                needles.prefixes.append(word)
            elif word not in analysis.STOP_WORDS or node.phrase:
                stemmed = analysis.stem(word)
                parts.append(self._word_query([stemmed], names) or query.NullQuery)
                needles.stems.add(stemmed)
        if node.phrase:
            phrase = " ".join(folded.split())
            literals = [phrase]
            needles = Needles(literals=[phrase])
        if not parts:
            return _Compiled(None, notes=[f"nothing to search for in {node.text!r}"])
        combined = parts[0] if len(parts) == 1 else query.And(parts)
        verify = None
        if needs_check and literals:
            verify = _literal_check(literals, node.field, node.phrase)
        return _Compiled(combined, verify, needles, verify is None)

    @staticmethod
    def _word_query(words: list[str], names: list[str]) -> query.Query | None:
        terms = [query.Term(name, w) for w in words for name in names if w.strip()]
        if not terms:
            return None
        return query.Or(terms)

    def _compile_filter(self, node: Filter) -> _Compiled:
        value = node.value.strip()
        if node.field == "site":
            return _Compiled(query.Term("site", analysis.fold(value)))
        if node.field == "date":
            bounds = date_range(value)
            assert bounds is not None  # the parser only lets valid dates through
            return _Compiled(query.TermRange("date", bounds[0], bounds[1]))
        if node.field == "lang":
            return _Compiled(query.Prefix("lang", value.lower()))
        return _Compiled(query.NullQuery, notes=[f"{node.field}: is not available yet"])

    def similar(self, doc: IndexDoc, *, limit: int = 8) -> list[int]:
        """Articles sharing this one's most distinctive words (more-like-this)."""
        terms = analysis.words(analysis.fold(doc.title + "\n" + doc.body))
        searcher = self._searcher()
        n = max(1, searcher.doc_count())
        import math

        scored = []
        for term, tf in terms.items():
            if len(term) < 2:
                continue
            df = searcher.doc_frequency("body", term)
            if df <= 1 or df > n * 0.3:
                continue
            scored.append((tf * math.log(n / df), term))
        scored.sort(reverse=True)
        top = [term for _, term in scored[:15]]
        if not top:
            return []
        q = query.Or([query.Term("body", t) for t in top] +
                     [query.Term("title", t) for t in top])
        results = searcher.search(q, limit=limit + 1)
        return [int(r["aid"]) for r in results if int(r["aid"]) != doc.id][:limit]


def _literal_check(
    literals: list[str], fld: str | None, phrase: bool
) -> Callable[[str, str], bool]:
    def squash(text: str) -> str:
        return " ".join(text.split()) if phrase else text

    def check(title: str, body: str) -> bool:
        targets = [title] if fld == "title" else [body] if fld == "body" else [title, body]
        targets = [squash(t) for t in targets]
        return all(any(lit in t for t in targets) for lit in literals)

    return check


def index_folder(data_dir: Path) -> Path:
    return Path(os.fspath(data_dir)) / "index"
