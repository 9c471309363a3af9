"""The search engine behind ``reader.search.engine``: Whoosh records plus NumPy postings.

Whoosh holds one record per article (its id and indexed version, stored; site and
language as keyword fields for filters; the date), which is what Whoosh does well and
cheaply. The full text (title and body words for BM25F ranking, CJK bigrams for
recall) lives in the posting store (``postings.py``), because Whoosh's pure-Python posting
writer and matchers were measured far off the speed, size and latency this app needs at
100,000 articles; the module docstring there gives the figures. Queries are parsed by
``query.py`` and evaluated by ``evaluate.py``; hits are checked and quoted from the
catalogue's text, never from a copy in the index.

Both halves live in one folder of the data directory. Writes go posting segment first,
then Whoosh, then the manifest that marks articles indexed, so a crash at any point only
means some articles are indexed again. A folder that is missing, of another version,
locked by a dead process or damaged is thrown away and rebuilt (``rebuilt`` says so).
"""

from __future__ import annotations

import contextlib
import math
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import columns, fields, index, query

from reader.errors import ReaderError
from reader.search import analysis
from reader.search.engine import Hit, IndexDoc, SearchResults, Sort, UserData
from reader.search.evaluate import Evaluator, Match
from reader.search.postings import PostingStore, SegmentBuilder, SegmentDoc, date_number
from reader.search.query import parse_query
from reader.search.snippets import make_snippet

INDEX_VERSION = "4"
TextProvider = Callable[[int], tuple[str, str] | None]


def make_schema() -> fields.Schema:
    """Nothing stored: the article id is a column (document number -> id), and which
    version is indexed lives in the posting store's manifest. Stored fields only made
    Whoosh's segment merges heavier (the indexing process's memory peaked there)."""
    return fields.Schema(
        id=fields.ID(unique=True),
        aid=fields.COLUMN(columns.NumericColumn("q")),  # a column only: no index terms
        site=fields.KEYWORD(lowercase=True, commas=True),
        date=fields.ID(sortable=True),
        lang=fields.ID(),
    )


@dataclass(slots=True)
class RecordMeta:
    """An article's Whoosh record (small, built beside its segment in a worker)."""

    id: int
    site: str
    date: str | None
    lang: str | None


def sites_of(doc: IndexDoc) -> str:
    """The site filter's terms: the site name and the source URL's host."""
    from reader.urls import site_of

    sites = [analysis.fold(doc.site)] if doc.site else []
    host = site_of(doc.source_url)
    if host:
        sites.append(host)
    return ",".join(s.replace(",", " ") for s in sites)


def build_segment(folder: Path, docs: Iterable[IndexDoc]) -> tuple[str, list[RecordMeta]] | None:
    """Analyse articles (the costly part; runs in worker processes) and write them as one
    posting segment in *folder*; return its name and the articles' Whoosh records."""
    builder = SegmentBuilder()
    metas = []
    for doc in docs:
        builder.add(SegmentDoc(doc.id, doc.version, date_number(doc.date),
                               analysis.analyse(doc.title, doc.body)))
        metas.append(RecordMeta(doc.id, sites_of(doc), doc.date,
                                (doc.language or "").lower() or None))
    if not metas:
        return None
    return builder.write(folder), metas


class WhooshEngine:
    """A Whoosh index of article records plus a posting store, in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.rebuilt = False  # True when a damaged or missing index was started afresh
        self.reason = ""
        self._searcher: Any = None
        self._searcher_generation = -1
        self._filter_cache: dict[tuple[int, str, str], np.ndarray] = {}
        self._aid_by_docnum: tuple[int, np.ndarray] | None = None
        self._open()

    # -- lifecycle -----------------------------------------------------------------------

    def _open(self) -> None:
        try:
            self._open_existing()
        except Exception as exc:  # missing, half-written, damaged, other version: start over
            self.reason = f"{type(exc).__name__}: {exc}"
            self._create()
            self.rebuilt = True

    def _open_existing(self) -> None:
        marker = self.folder / "VERSION"
        if not marker.exists() or marker.read_text().strip() != INDEX_VERSION:
            raise ValueError("no index, or an index of another version")
        self.ix = index.open_dir(str(self.folder))
        with self.ix.searcher() as searcher:
            # Touch every segment's files: a truncated segment fails here, not mid-search.
            list(searcher.reader().column_reader("aid"))[:1]
        self.store = PostingStore(self.folder)
        self.store.verify()
        # Whoosh's write lock is an OS file lock: a process that died holding it has
        # released it, so a dead writer never blocks the next one.

    def _create(self) -> None:
        with contextlib.suppress(AttributeError, Exception):
            self.store.close()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self.ix = index.create_in(str(self.folder), make_schema())
        self.store = PostingStore(self.folder)
        (self.folder / "VERSION").write_text(INDEX_VERSION)

    def clear(self) -> None:
        self.close()
        self._create()

    def close(self) -> None:
        if self._searcher is not None:
            with contextlib.suppress(Exception):
                self._searcher.close()
            self._searcher = None
        with contextlib.suppress(Exception):
            self.store.close()
        with contextlib.suppress(Exception):
            self.ix.close()

    # -- writing -------------------------------------------------------------------------

    def _writer(self) -> Any:
        from whoosh.index import LockError

        try:
            # A small pool: Whoosh spills to temporary files beyond it (records are tiny).
            return self.ix.writer(timeout=30.0, limitmb=32)
        except LockError:
            raise ReaderError(
                "The search index is being written by another Archive Reader process; "
                "try again when it has finished."
            ) from None

    def add(self, docs: Sequence[IndexDoc]) -> None:
        """Index (or re-index) documents in this process."""
        if not docs:
            return
        built = build_segment(self.folder, docs)
        if built is not None:
            self.add_segment(*built)

    def add_segment(self, name: str, metas: Sequence[RecordMeta]) -> None:
        """Make a segment written (by a worker) into this folder live, with its records."""
        writer = self._writer()
        try:
            for m in metas:
                writer.update_document(id=str(m.id), aid=m.id, site=m.site or None,
                                       date=m.date or None, lang=m.lang or None)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.store.register(name)

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
        self.store.delete(ids)

    def indexed_versions(self) -> dict[int, str]:
        return self.store.live_versions()

    def doc_count(self) -> int:
        return self.store.live_count()

    # -- filters through Whoosh ----------------------------------------------------------

    def _whoosh_searcher(self) -> Any:
        """One searcher, refreshed only when the index was written since (every write
        bumps the store's generation): refresh() itself lists the folder and reopens
        segment readers, which held the GIL against the GUI's event loop."""
        generation = self.store.generation()
        if self._searcher is None:
            self._searcher = self.ix.searcher()
        elif generation != self._searcher_generation:
            self._searcher = self._searcher.refresh()
        self._searcher_generation = generation
        return self._searcher

    def _filter_ids(self, fieldname: str, value: str) -> np.ndarray | None:
        """Ids matching a site: or lang: filter. Whoosh walks the postings in Python
        (about 4 ms per 1,000 articles), so answers are kept until the index changes,
        as search engines keep filter bitsets: typing more words reuses them."""
        if fieldname == "site":
            q: query.Query = query.Term("site", analysis.fold(value))
        elif fieldname == "lang":
            q = query.Prefix("lang", value.lower())
        else:
            return None
        searcher = self._whoosh_searcher()
        key = (self._searcher_generation, fieldname, value)
        cached = self._filter_cache.get(key)
        if cached is not None:
            return cached
        docnums = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
        found = (np.unique(self._aids(searcher)[docnums]) if docnums.size
                 else np.zeros(0, dtype=np.int64))
        if len(self._filter_cache) >= 64 or any(
                k[0] != self._searcher_generation for k in self._filter_cache):
            self._filter_cache.clear()
        self._filter_cache[key] = found
        return found

    def _aids(self, searcher: Any) -> np.ndarray:
        """Whoosh document number -> article id, for the current reader."""
        reader = searcher.reader()
        key = id(reader)
        if self._aid_by_docnum is None or self._aid_by_docnum[0] != key:
            column = reader.column_reader("aid")
            self._aid_by_docnum = (key, np.fromiter(
                (int(v or 0) for v in column), dtype=np.int64, count=reader.doc_count_all()))
        return self._aid_by_docnum[1]

    # -- searching -----------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        sort: Sort = "relevance",
        text_of: TextProvider | None = None,
        library: int = 0,
        user: UserData | None = None,
    ) -> SearchResults:
        started = time.perf_counter()
        parsed = parse_query(text)
        view = self.store.view()
        if parsed.root is None:
            return SearchResults(text, [], 0, True, view.count, library,
                                 time.perf_counter() - started, parsed.note)
        evaluator = Evaluator(view, self._filter_ids, user)
        match = evaluator.run(parsed.root)
        notes = ([parsed.note] if parsed.note else []) + match.notes
        hits, checked_all = self._ranked_hits(match, view, limit, sort, text_of, evaluator)
        exact = match.check is None or checked_all
        total = len(hits) if match.check is not None and checked_all else int(match.ids.size)
        return SearchResults(text, hits, total, exact, view.count, library,
                             time.perf_counter() - started, "; ".join(dict.fromkeys(notes))
                             or None)

    def _ranked_hits(self, match: Match, view: Any, limit: int, sort: Sort,
                     text_of: TextProvider | None, evaluator: Evaluator
                     ) -> tuple[list[Hit], bool]:
        ids, scores = match.ids, match.scores
        if not ids.size:
            return [], True
        dates = view.date_of(ids)
        hits: list[Hit] = []
        window = max(limit * 4, 64)
        done = np.zeros(ids.size, dtype=bool)
        while True:
            remaining = np.flatnonzero(~done)
            if not remaining.size:
                return hits, True
            if remaining.size > window:
                # The best *window* by the primary key, and every tie with the last of
                # them, so the tie-breaks below decide, not the order ids came in.
                primary = -(dates[remaining] if sort == "date" else scores[remaining])
                cut = np.partition(primary, window)[window]
                top = remaining[primary <= cut]
            else:
                top = remaining
            # ties: newer first, then lower id, so the order never depends on segments
            if sort == "date":
                order = top[np.lexsort((ids[top], -scores[top], -dates[top]))]
            else:
                order = top[np.lexsort((ids[top], -dates[top], -scores[top]))]
            for position in order:
                done[position] = True
                hit = self._hit(int(ids[position]), float(scores[position]), match, view,
                                text_of, evaluator)
                if hit is not None:
                    hits.append(hit)
                    if len(hits) >= limit:
                        return hits, bool(done.all())
            window *= 4

    def _hit(self, article_id: int, score: float, match: Match, view: Any,
             text_of: TextProvider | None, evaluator: Evaluator) -> Hit | None:
        texts = text_of(article_id) if text_of else ("", "")
        if texts is None:
            return None  # in the index but gone from the catalogue: never show a ghost
        title, body = texts
        fold = analysis.fold if view.needs_opencc(article_id) else analysis.quick_fold
        folded_title, folded_body = fold(title), fold(body)
        if match.check is not None and not match.check(article_id, folded_title, folded_body):
            return None
        snippet, offsets = make_snippet(body, folded_body, match.needles)
        matched = []
        if match.needles and make_snippet(title, folded_title, match.needles)[1]:
            matched.append("title")
        if offsets:
            matched.append("body")
        if evaluator.user is not None and match.needles:
            for note, folded_note in evaluator.notes().for_article(article_id):
                note_snippet, note_offsets = make_snippet(note, folded_note, match.needles)
                if note_offsets:
                    matched.append("note")
                    if not offsets:  # the hit came from the note: quote the note
                        prefix = "✎ "
                        snippet = prefix + note_snippet
                        offsets = [(a + len(prefix), b + len(prefix)) for a, b in note_offsets]
                    break
        return Hit(article_id, round(score, 4), snippet, offsets, matched)

    # -- more like this ------------------------------------------------------------------

    def similar(self, doc: IndexDoc, *, limit: int = 8) -> list[int]:
        """Articles sharing this one's most distinctive words (more-like-this)."""
        view = self.store.view()
        if view.count < 2:
            return []
        terms = analysis.words(analysis.fold(doc.title + "\n" + doc.body))
        frequent = [t for t, _ in terms.most_common(80) if len(t) >= 2]
        postings = view.postings([analysis.word_key(t, analysis.BODY_WORD) for t in frequent])
        n = view.count
        weighted = []
        for term, p in zip(frequent, postings, strict=True):
            if p.df <= 1 or p.df > n * 0.3:
                continue
            weighted.append((terms[term] * math.log(n / p.df), term))
        weighted.sort(reverse=True)
        top = [term for _, term in weighted[:12]]
        if not top:
            return []
        evaluator = Evaluator(view, self._filter_ids)
        match = evaluator._word_scores(top, (True, True))
        keep = match.ids != doc.id
        ids, scores = match.ids[keep], match.scores[keep]
        order = np.argsort(-scores, kind="stable")[:limit]
        return [int(i) for i in ids[order]]

    # -- compaction ----------------------------------------------------------------------

    def compaction_plan(self, small: int = 512, max_docs: int = 1536) -> list[int]:
        """Live articles worth re-indexing so small or mostly stale segments can go:
        indexing them again into one new segment is the merge."""
        stats = self.store.segment_stats()
        small_segs = [s for s in stats if s[1] < small]
        stale = [s for s in stats if s[1] >= small and s[2] < s[1] * 0.5]
        chosen: list[str] = []
        total = 0
        if len(small_segs) > 4:
            for name, _, live in small_segs:
                if total + live > max_docs:
                    break
                chosen.append(name)
                total += live
        for name, _, live in stale:
            if total + live > max_docs:
                break
            chosen.append(name)
            total += live
        return self.store.live_ids_in(chosen) if chosen else []
