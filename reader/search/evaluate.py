"""Evaluate a parsed query over the posting store: sets of article ids with BM25F scores.

Every node becomes a ``Match``: the ids it matches (sorted), their scores, and, when the
ids are only candidates, a ``check`` that decides from an article's folded text. Two-
character CJK queries, words and filters are exact; a CJK run of three or more characters
is found through its bigrams (a superset) and checked against the text, so recall never
depends on segmentation and no false hit is shown. Checks run only on the ranked
candidates actually shown, not on every candidate.

Scores: BM25 per field (k1 1.2, b 0.75) summed over the query's words with the title
weighted ``TITLE_BOOST`` (BM25F's usual simplification), plus a bonus for a query run that
occurs in the title, so a title hit ranks above a body-only one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from reader.search import analysis
from reader.search.engine import UserData
from reader.search.postings import Postings, StoreView
from reader.search.query import And, Filter, Node, Not, Or, Text, date_range
from reader.search.snippets import Needles

TITLE_BOOST = 3.0
TITLE_BONUS = 4.0
K1, B = 1.2, 0.75
PHRASE_WEIGHT = 2.0  # a phrase's own BM25 against that of the words inside it
RUN_WEIGHT = 4.0  # a CJK run's own BM25 (its frequency estimated) against its words
SPELLING_WEIGHT = 2.0  # the word as typed, against its stem
PREFIX_STEMS = 4096  # stems a prefix query expands to before it keeps the most common

Check = Callable[[int, str, str], bool]  # (article id, folded title, folded body) -> match
FilterIds = Callable[[str, str], np.ndarray | None]  # (field, value) -> sorted ids, or None


@dataclass
class Match:
    ids: np.ndarray  # int64, unique
    scores: np.ndarray  # float64, aligned with ids
    check: Check | None = None  # None: every id is a real match
    needles: Needles = field(default_factory=Needles)
    messages: list[str] = field(default_factory=list)  # for the person: what was not searched

    @staticmethod
    def none(messages: list[str] | None = None) -> Match:
        return Match(np.zeros(0, dtype=np.int64), np.zeros(0), None, Needles(), messages or [])


def _merge_needles(matches: list[Match]) -> Needles:
    out = Needles()
    for m in matches:
        out.literals += m.needles.literals
        out.stems |= m.needles.stems
        out.prefixes += m.needles.prefixes
        out.phrases += m.needles.phrases
    return out


def _dense(size: int, ids: np.ndarray) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[ids[ids < size]] = True
    return mask


def _contains(size: int, ids: np.ndarray) -> Callable[[int], bool]:
    mask = _dense(size, ids)
    return lambda article_id: 0 <= article_id < size and bool(mask[article_id])


NOTE_SCORE = 2.0
NOTE_FILTER_VALUES = ("notes", "note", "annotations", "highlights")
IS_VALUES = {
    "bookmarked": "bookmarked",
    "bookmark": "bookmarked",
    "starred": "bookmarked",
    "annotated": "annotated",
    "noted": "annotated",
    "read": "read",
    "unread": "unread",
}


class Notes:
    """The reader's annotations, folded once per query, matched like article text."""

    def __init__(self, items: list[tuple[int, str]]) -> None:
        self.items = [(aid, text, analysis.fold(text)) for aid, text in items]
        self._stems: dict[int, set[str]] = {}
        self._by_article: dict[int, list[tuple[str, str]]] = {}
        for aid, text, folded in self.items:
            self._by_article.setdefault(aid, []).append((text, folded))

    def stems(self, index: int) -> set[str]:
        if index not in self._stems:
            self._stems[index] = set(analysis.latin_stems(self.items[index][2]))
        return self._stems[index]

    def for_article(self, article_id: int) -> list[tuple[str, str]]:
        """(text, folded text) of the article's notes."""
        return self._by_article.get(article_id, [])


class Evaluator:
    """Sets of article ids are combined through dense masks over the id range (linear,
    a fraction of a millisecond at 100,000 articles) rather than sorting merges, so no
    id array needs to be sorted; results come out of ``np.flatnonzero`` sorted anyway."""

    def __init__(
        self, view: StoreView, filter_ids: FilterIds, user: UserData | None = None
    ) -> None:
        self.view = view
        self.size = int(view.ids[-1]) + 1 if view.count else 1
        self.filter_ids = filter_ids
        self.user = user
        self.notes_only = False
        self.use_notes = True  # False: words are looked for in titles and bodies alone
        self._notes: Notes | None = None
        self._root: Node | None = None
        # The query over the notes alone, and over titles and bodies alone (ids, and the
        # check of the latter): worked out for ``found_in_notes`` when first asked.
        self._notes_alone: Callable[[int], bool] | None = None
        self._articles_alone: tuple[Callable[[int], bool], Check | None] | None = None

    def notes(self) -> Notes:
        if self._notes is None:
            self._notes = Notes(self.user.notes() if self.user else [])
        return self._notes

    def run(self, root: Node) -> Match:
        """Evaluate a whole query (``in:notes`` anywhere turns its words to the notes).

        Words with nothing to search for (stop words, a lone ``-``, ``·`` or ``&``) are
        dropped first: each one used to make its whole AND match nothing (``easy to``,
        ``习近平 - 会谈``). Only when nothing at all is left does the answer say so."""
        self.notes_only = _has_filter(root, "in")
        pruned = _prune(root)
        self._root = root if pruned is None else pruned
        self._notes_alone = self._articles_alone = None
        return self.evaluate(self._root)

    def found_in_notes(self, article_id: int, folded_title: str, folded_body: str) -> bool:
        """Whether a hit of the query run last was found in the reader's notes (a
        highlight's quote or the note written on it), for the hit's "in your notes".

        Either the notes alone hold the query (every word of an AND, one side of an OR),
        or the hit needed them: its title and body alone do not match. A quote that holds
        some of the words of a hit matched by its title is neither; taking any word in
        any quote for a match labelled title hits "in your notes" for a highlight that
        merely shared a word with the query. Each side is evaluated once a query, and
        only when a hit's article has notes at all."""
        if self._root is None or not self.notes().for_article(article_id):
            return False
        if self._notes_alone is None:
            alone = self._evaluate_with(self._root, notes_only=True, use_notes=True)
            # no words at all (a bare in:notes or is:annotated): nothing found in the notes
            self._notes_alone = (
                _contains(self.size, alone.ids) if alone.needles else (lambda _a: False)
            )
        if self._notes_alone(article_id):
            return True
        if self.notes_only:
            return False  # in:notes: the words were never looked for in the articles
        if self._articles_alone is None:
            articles = self._evaluate_with(self._root, notes_only=False, use_notes=False)
            self._articles_alone = (_contains(self.size, articles.ids), articles.check)
        inside, check = self._articles_alone
        matched = inside(article_id) and (
            check is None or check(article_id, folded_title, folded_body)
        )
        return not matched

    def _evaluate_with(self, root: Node, *, notes_only: bool, use_notes: bool) -> Match:
        saved = self.notes_only, self.use_notes
        self.notes_only, self.use_notes = notes_only, use_notes
        try:
            return self.evaluate(root)
        finally:
            self.notes_only, self.use_notes = saved

    # -- scoring -----------------------------------------------------------------------

    def _idf(self, df: int) -> float:
        n = max(self.view.count, 1)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _bm25(
        self, p: Postings, title: bool, weight: float = 1.0, signatures: bool = False
    ) -> np.ndarray:
        lengths, avg = (
            (p.title_lengths, self.view.avg_title)
            if title
            else (p.body_lengths, self.view.avg_body)
        )
        norm = K1 * (1.0 - B + B * lengths / max(avg, 1.0))
        # a pair key stores where it occurs, not how often: its bit count stands in
        tf = analysis.POPCOUNT[p.tfs] if signatures else p.tfs.astype(np.float32)
        return weight * self._idf(p.df) * tf * (K1 + 1.0) / (tf + norm)

    # -- set operations (ids: unique; any order) ---------------------------------------

    def _intersect(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        if a.size < 256 or b.size < 256:
            return np.intersect1d(a, b, assume_unique=True)
        small, large = (a, b) if a.size < b.size else (b, a)
        return small[_dense(self.size, large)[small]]

    def _union(self, parts: list[np.ndarray]) -> np.ndarray:
        parts = [p for p in parts if p.size]
        if not parts:
            return np.zeros(0, dtype=np.int64)
        if len(parts) == 1:
            return parts[0]
        mask = np.zeros(self.size, dtype=bool)
        for p in parts:
            mask[p[p < self.size]] = True
        return np.flatnonzero(mask)

    def _aligned(self, ids: np.ndarray, other: Match) -> np.ndarray:
        """*other*'s scores for *ids* (0 where other lacks an id)."""
        if not other.ids.size or not ids.size:
            return np.zeros(ids.size)
        dense = np.zeros(self.size)
        keep = other.ids < self.size
        dense[other.ids[keep]] = other.scores[keep]
        return dense[ids]

    def _member(self, ids: np.ndarray, of: np.ndarray) -> np.ndarray:
        """Boolean: which of *ids* are in *of*."""
        return _dense(self.size, of)[ids] if of.size else np.zeros(ids.size, dtype=bool)

    def _scored_union(self, parts: list[tuple[np.ndarray, np.ndarray]]) -> Match:
        parts = [p for p in parts if p[0].size]
        if not parts:
            return Match.none()
        total = np.zeros(self.size)
        present = np.zeros(self.size, dtype=bool)
        for ids, scores in parts:
            total[ids] += scores  # ids are unique within a part
            present[ids] = True
        ids = np.flatnonzero(present)
        return Match(ids, total[ids])

    def _word_scores(
        self, terms: list[str], fields: tuple[bool, bool], only: np.ndarray | None = None
    ) -> Match:
        """Sum of BM25F over *terms* (OR semantics), in body and/or title; with *only*,
        for those articles alone (ranking candidates found otherwise)."""
        keys: list[int] = []
        kinds: list[bool] = []
        for term in terms:
            if fields[0]:
                keys.append(analysis.word_key(term, analysis.BODY_WORD))
                kinds.append(False)
            if fields[1]:
                keys.append(analysis.word_key(term, analysis.TITLE_WORD))
                kinds.append(True)
        postings = self.view.postings(keys, only=only)
        return self._scored_union(
            [
                (p.ids, self._bm25(p, title, TITLE_BOOST if title else 1.0))
                for p, title in zip(postings, kinds, strict=True)
            ]
        )

    # -- evaluation --------------------------------------------------------------------

    def evaluate(self, node: Node) -> Match:
        if isinstance(node, Text):
            return self._text(node)
        if isinstance(node, Filter):
            return self._filter(node)
        if isinstance(node, Not):
            inner = self.evaluate(node.child)
            return self._and_not(Match(self.view.ids, np.zeros(self.view.count)), [inner])
        if isinstance(node, And):
            positives = [self.evaluate(c) for c in node.children if not isinstance(c, Not)]
            negatives = [self.evaluate(c.child) for c in node.children if isinstance(c, Not)]
            base = (
                self._and(positives)
                if positives
                else Match(self.view.ids, np.zeros(self.view.count))
            )
            result = self._and_not(base, negatives)
            result.messages = [x for m in positives + negatives for x in m.messages]
            return result
        children = [self.evaluate(c) for c in node.children]
        assert isinstance(node, Or)
        return self._or(children)

    def _and(self, matches: list[Match]) -> Match:
        matches = sorted(matches, key=lambda m: m.ids.size)
        ids = matches[0].ids
        for m in matches[1:]:
            ids = self._intersect(ids, m.ids)
        scores = sum((self._aligned(ids, m) for m in matches), np.zeros(ids.size))
        checks = [m.check for m in matches if m.check is not None]
        check: Check | None = None
        if checks:
            check = lambda a, t, b: all(c(a, t, b) for c in checks)  # noqa: E731
        return Match(
            ids, scores, check, _merge_needles(matches), [x for m in matches for x in m.messages]
        )

    def _and_not(self, base: Match, negatives: list[Match]) -> Match:
        ids, scores = base.ids, base.scores
        checks: list[Check] = [base.check] if base.check else []
        for neg in negatives:
            if neg.check is None:
                keep = ~self._member(ids, neg.ids)
                ids, scores = ids[keep], scores[keep]
            else:  # candidates only: exclude those whose text really matches
                checks.append(_excluding(_contains(self.size, neg.ids), neg.check))
        check: Check | None = None
        if checks:
            check = lambda a, t, b: all(c(a, t, b) for c in checks)  # noqa: E731
        return Match(ids, scores, check, base.needles, base.messages)

    def _or(self, matches: list[Match]) -> Match:
        union = self._scored_union([(m.ids, m.scores) for m in matches])
        union.needles = _merge_needles(matches)
        union.messages = [x for m in matches for x in m.messages]
        inexact = [m for m in matches if m.check is not None]
        if inexact:
            exact_ids = [m.ids for m in matches if m.check is None]
            sure = _contains(self.size, self._union(exact_ids)) if exact_ids else (lambda a: False)
            tests: list[tuple[Callable[[int], bool], Check]] = [
                (_contains(self.size, m.ids), m.check) for m in inexact if m.check is not None
            ]
            union.check = lambda a, t, b: sure(a) or any(i(a) and c(a, t, b) for i, c in tests)
        return union

    def _filter(self, node: Filter) -> Match:
        value = node.value.strip()
        if node.field in ("is", "tag", "in"):
            return self._user_filter(node.field, value.lower())
        if node.field == "date":
            bounds = date_range(value)
            assert bounds is not None  # the parser lets only valid dates through
            low = int(bounds[0].replace("-", "").ljust(8, "0"))
            high_text = bounds[1].rstrip("~").replace("-", "")
            high = (
                int(high_text.ljust(8, "9"))
                if bounds[1].endswith("~")
                else int(high_text.ljust(8, "0"))
            )
            # An undated article (stored as 0) matches no date filter, open-ended ones
            # included: "date:..2022" means "dated 2022 or before", not "or unknown".
            dates = self.view.dates
            keep = (dates > 0) & (dates >= low) & (dates <= high)
            ids = self.view.ids[keep]
            return Match(ids, np.zeros(ids.size))
        found = self.filter_ids(node.field, value)
        if found is None:
            return Match.none([f"{node.field}: is not available yet"])
        ids = self._intersect(found, self.view.ids)
        return Match(ids, np.zeros(ids.size))

    def _user_filter(self, fld: str, value: str) -> Match:
        user = self.user
        found: set[int] | None = None
        if user is not None:
            if fld == "tag":
                found = user.ids_with_tag(value)
            elif fld == "in" and value in NOTE_FILTER_VALUES:
                found = user.annotated_ids()
            elif fld == "is" and value in IS_VALUES:
                kind = IS_VALUES[value]
                if kind == "bookmarked":
                    found = user.bookmarked_ids()
                elif kind == "annotated":
                    found = user.annotated_ids()
                else:
                    read = np.asarray(sorted(user.read_ids()), dtype=np.int64)
                    keep = self._member(self.view.ids, read[read < self.size])
                    ids = self.view.ids[keep if kind == "read" else ~keep]
                    return Match(ids, np.zeros(ids.size))
        if found is None:
            return Match.none([f"{fld}:{value} is not a filter this library knows"])
        ids = self._intersect(np.asarray(sorted(found), dtype=np.int64), self.view.ids)
        return Match(ids, np.zeros(ids.size))

    def _note_text(self, node: Text) -> Match:
        """Articles with a note or highlighted quote holding the words of *node*."""
        notes = self.notes()
        folded = analysis.visible(analysis.fold(node.text)).strip()
        if node.phrase:
            literals, stems, prefix = [" ".join(folded.split())], set(), None
        else:
            literals = analysis.CJK_RUN.findall(folded)
            words = analysis.latin_words(folded)
            prefix = words.pop() if node.prefix and words else None
            stems = {analysis.stem(w) for w in words if w not in analysis.STOP_WORDS}
        if not (literals or stems or prefix):
            return Match.none()
        found: dict[int, float] = {}
        for index, (aid, _, text) in enumerate(notes.items):
            if not all(lit in analysis.visible(text) for lit in literals):
                continue
            if (stems or prefix) and not (
                stems <= notes.stems(index)
                and (prefix is None or any(s.startswith(prefix) for s in notes.stems(index)))
            ):
                continue
            found[aid] = found.get(aid, 0.0) + NOTE_SCORE
        ids = np.asarray(sorted(found), dtype=np.int64)
        ids = self._intersect(ids, self.view.ids)
        match = Match(ids, np.asarray([found[int(i)] for i in ids], dtype=np.float64))
        match.needles = Needles(
            literals=list(literals), stems=set(stems), prefixes=[prefix] if prefix else []
        )
        return match

    def _text(self, node: Text) -> Match:
        if self.notes_only:
            return self._note_text(node)
        match = self._article_text(node)
        # A title: or body: word asks for that part of the article; notes are neither.
        if self.use_notes and node.field is None and self.user is not None and self.notes().items:
            in_notes = self._note_text(node)
            if in_notes.ids.size:
                needles = match.needles
                match = self._or([match, in_notes])
                match.needles = needles
        return match

    def _article_text(self, node: Text) -> Match:
        folded = analysis.visible(analysis.fold(node.text)).strip()
        in_body = node.field in (None, "body")
        in_title = node.field in (None, "title")
        fields = (in_body, in_title)
        phrase = node.phrase
        if phrase and not analysis.is_cjk(folded):
            sequence = analysis.latin_stems(folded)
            if len(sequence) >= 2:
                return self._latin_phrase(sequence, node.field)
            phrase = False  # one quoted word: matched by stem, as a phrase's words are
        parts: list[Match] = []
        literals: list[str] = []
        needles = Needles()
        for run in analysis.CJK_RUN.findall(folded):
            needles.literals.append(run)
            parts.append(self._cjk_run(run, fields))
            if len(run) > 2 or any(ord(c) > 0xFFFF for c in run):
                literals.append(run)
        latin = analysis.CJK_RUN.sub(" ", folded)
        latin_words = analysis.latin_words(folded)
        for word in latin_words:
            if node.prefix and word == latin_words[-1] and latin.rstrip().endswith(word):
                parts.append(self._prefix(word, fields))
                needles.prefixes.append(word)
            elif word not in analysis.STOP_WORDS:
                stemmed = analysis.stem(word)
                part = self._word_scores([stemmed], fields)
                if stemmed != word and part.ids.size:
                    part.scores += self._spelling_scores(word, part.ids)
                parts.append(part)
                needles.stems.add(stemmed)
        if phrase:
            whole = " ".join(folded.split())
            literals = [whole]
            needles = Needles(literals=[whole])
        elif len(parts) > 1 and not any(c.isspace() for c in folded):
            # One typed token of several parts (甲00007乙, covid-19): where it occurs as
            # typed, it is marked as one hit, not as parts that happen to touch.
            needles.literals.append(folded)
        if not parts:
            return Match.none([f"nothing to search for in {node.text!r}"])
        match = parts[0] if len(parts) == 1 else self._and(parts)
        match.needles = needles
        if literals:
            check = _literal_check(literals, node.field, phrase)
            previous = match.check
            match.check = (
                check
                if previous is None
                else (lambda a, t, b: previous(a, t, b) and check(a, t, b))
            )
        return match

    def _cjk_run(self, run: str, fields: tuple[bool, bool]) -> Match:
        if len(run) == 1:
            return self._cjk_char(run, fields)
        sequence = [run[i : i + 2] for i in range(len(run) - 1)]
        pairs = sorted(set(sequence))
        found: list[np.ndarray] = []
        title_ids = np.zeros(0, dtype=np.int64)
        gram_scores: list[tuple[np.ndarray, np.ndarray]] = []
        for title, wanted in ((False, fields[0]), (True, fields[1])):
            if not wanted:
                continue
            kind = analysis.TITLE_GRAM if title else analysis.BODY_GRAM
            postings = self.view.postings([analysis.gram_key(p, kind) for p in pairs])
            by_pair = dict(zip(pairs, postings, strict=True))
            ordered = sorted(postings, key=lambda p: p.df)
            ids = ordered[0].ids
            for p in ordered[1:]:
                if not ids.size:
                    break
                ids = self._intersect(ids, p.ids)
            if len(sequence) > 1 and ids.size:
                agree = self._signatures_agree(ids, sequence, by_pair)
                ids = ids[agree != 0]
                if not title and ids.size:
                    gram_scores.append(self._run_scores(ids, agree[agree != 0], ordered[0]))
            found.append(ids)
            if title:
                title_ids = ids
            elif len(pairs) == 1:
                gram_scores.append(
                    (postings[0].ids, self._bm25(postings[0], False, signatures=True))
                )
        ids = self._union(found)
        if not ids.size:
            return Match.none()
        words = [w for w in analysis.query_words(run) if len(w) >= 2] or (
            [] if len(pairs) == 1 else analysis.query_words(run)
        )
        ranking = self._word_scores(words, fields, only=ids) if words else Match.none()
        scores = self._aligned(ids, ranking)
        for gram_ids, gram_score in gram_scores:  # a cross-word pair: rank by its own tf
            scores += self._aligned(ids, Match(gram_ids, gram_score))
        if title_ids.size and fields[0]:
            scores += TITLE_BONUS * self._idf(int(title_ids.size)) * self._member(ids, title_ids)
        return Match(ids, scores)

    def weighted_body_scores(self, weighted: list[tuple[float, Postings]]) -> Match:
        """Sum over (weight, postings) of weight x body BM25: the articles holding any of
        the terms (more-like-this weighs each term by its tf-idf in the source)."""
        return self._scored_union(
            [(p.ids, weight * self._bm25(p, False)) for weight, p in weighted]
        )

    def _spelling_scores(self, word: str, ids: np.ndarray) -> np.ndarray:
        """For the articles *ids* found by a word's stem, BM25 of the word as typed
        (``protections``, not protect or protected): the spelling the reader used ranks
        first among the stem's matches (known-item English body words trailed FTS5's
        trigrams, which match the spelling only)."""
        postings = self.view.postings([analysis.word_key(word, analysis.SPELLING)], only=ids)
        if not postings[0].ids.size:
            return np.zeros(ids.size)
        exact = Match(postings[0].ids, self._bm25(postings[0], False, SPELLING_WEIGHT))
        return self._aligned(ids, exact)

    def _run_scores(
        self, ids: np.ndarray, agree: np.ndarray, pair: Postings
    ) -> tuple[np.ndarray, np.ndarray]:
        """BM25 of a CJK run itself (a quoted phrase, or any run of three or more
        characters), its frequency estimated by the positions (mod 8) where every pair
        of the run agrees: the run's own weight, beside that of the words inside it."""
        lengths = np.zeros(self.size, dtype=np.float32)
        keep = pair.ids < self.size
        lengths[pair.ids[keep]] = pair.body_lengths[keep]
        tf = analysis.POPCOUNT[agree]
        norm = K1 * (1.0 - B + B * lengths[ids] / max(self.view.avg_body, 1.0))
        score = RUN_WEIGHT * self._idf(int(ids.size)) * tf * (K1 + 1.0) / (tf + norm)
        return ids, score.astype(np.float64)

    def _signatures_agree(
        self, ids: np.ndarray, sequence: list[str], by_pair: dict[str, Postings]
    ) -> np.ndarray:
        """For each candidate, the positions (bits, mod 8) where the pairs of *sequence*
        could stand side by side (see ``analysis.position_signatures``): a candidate
        with none cannot hold the run (nonzero: a superset of the real matches)."""
        dense: dict[str, np.ndarray] = {}
        agree = np.full(ids.size, 0xFF, dtype=np.uint8)
        for offset, pair in enumerate(sequence):
            if pair not in dense:
                table = np.zeros(self.size, dtype=np.uint8)
                p = by_pair[pair]
                keep = p.ids < self.size
                table[p.ids[keep]] = p.tfs[keep]
                dense[pair] = table
            agree &= analysis.rotate_right(dense[pair][ids], offset)
        return agree

    def _cjk_char(self, char: str, fields: tuple[bool, bool]) -> Match:
        """One CJK character: every article holding it (a range of pair keys), ranked by
        the character as a word where jieba left it standing alone."""
        found = []
        title_ids = np.zeros(0, dtype=np.int64)
        for title, wanted in ((False, fields[0]), (True, fields[1])):
            if wanted:
                kind = analysis.TITLE_GRAM if title else analysis.BODY_GRAM
                ids = self.view.with_key_in(*analysis.char_key_range(char, kind))
                found.append(ids)
                if title:
                    title_ids = ids
        ids = self._union(found)
        scores = self._aligned(ids, self._word_scores([char], fields, only=ids)) + 0.01
        if title_ids.size and fields[0]:
            scores += TITLE_BONUS * self._idf(int(title_ids.size)) * self._member(ids, title_ids)
        return Match(ids, scores)

    def _latin_phrase(self, sequence: list[str], fld: str | None) -> Match:
        """Consecutive words, matched by stem (``"supply chains"`` finds "supply chain"),
        punctuation between them ignored: the word-pair keys give the candidates, exact
        for two words; longer phrases are checked word by word."""
        keys = sorted(
            {
                analysis.word_key(f"{a} {b}", analysis.WORD_PAIR)
                for a, b in zip(sequence, sequence[1:], strict=False)
            }
        )
        postings = sorted(self.view.postings(keys), key=lambda p: p.df)
        ids = postings[0].ids
        for p in postings[1:]:
            ids = self._intersect(ids, p.ids)
        content = [s for s in dict.fromkeys(sequence) if s not in analysis.STOP_WORDS]
        fields = (fld in (None, "body"), fld in (None, "title"))
        ranking = self._word_scores(content, fields, only=ids) if content else Match.none()
        scores = self._aligned(ids, ranking)
        # The phrase itself scores too: BM25 of how often its word pairs occur (for two
        # words, exactly how often the phrase does), so an article that repeats the
        # phrase ranks above one that holds its words mostly apart.
        for p in postings:
            scores += PHRASE_WEIGHT * self._aligned(ids, Match(p.ids, self._bm25(p, False)))
        match = Match(ids, scores)
        match.needles = Needles(phrases=[sequence])
        if len(sequence) > 2 or fld is not None:
            match.check = _sequence_check(sequence, fld)
        return match

    def _prefix(self, prefix: str, fields: tuple[bool, bool]) -> Match:
        """Every indexed word starting with *prefix*, by its stem. Beyond PREFIX_STEMS
        stems (``a*`` in a large English archive) the most common are kept, and the
        answer says so: an alphabetical cut once hid COVID and COP28 from ``co*``."""
        stems = self.view.stems_with_prefix(prefix)
        if prefix.isascii() and prefix.isalpha():
            stems.add(analysis.stem(prefix))
        ordered = sorted(stems)
        if len(ordered) <= PREFIX_STEMS:
            return self._word_scores(ordered, fields)
        frequency = [
            p.df
            for p in self.view.postings([analysis.word_key(s, analysis.BODY_WORD) for s in ordered])
        ]
        common = sorted(range(len(ordered)), key=lambda i: -frequency[i])[:PREFIX_STEMS]
        match = self._word_scores([ordered[i] for i in sorted(common)], fields)
        match.messages.append(
            f"{prefix}* stands for {len(ordered):,} words; the "
            f"{PREFIX_STEMS:,} most common of them were searched"
        )
        return match


def _searchable(node: Text) -> bool:
    """Whether *node* holds anything the index has: a CJK run, a word that is not a stop
    word, a prefix, or a phrase of two or more words (stop words included: word pairs)."""
    folded = analysis.visible(analysis.fold(node.text))
    if analysis.CJK_RUN.search(folded):
        return True
    words = analysis.latin_words(folded)
    if node.prefix and words:
        return True
    if node.phrase and len(words) >= 2:
        return True
    return any(w not in analysis.STOP_WORDS for w in words)


def _prune(node: Node) -> Node | None:
    """*node* without its Text leaves that have nothing to search for (None: nothing left)."""
    if isinstance(node, Text):
        return node if _searchable(node) else None
    if isinstance(node, Not):
        child = _prune(node.child)
        return None if child is None else Not(child)
    if isinstance(node, And | Or):
        kept = [k for k in (_prune(c) for c in node.children) if k is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else type(node)(kept)
    return node


def _has_filter(node: Node, fld: str) -> bool:
    if isinstance(node, Filter):
        return node.field == fld and node.value.strip().lower() in NOTE_FILTER_VALUES
    if isinstance(node, Not):
        return _has_filter(node.child, fld)
    if isinstance(node, (And, Or)):
        return any(_has_filter(c, fld) for c in node.children)
    return False


def _fields_of(fld: str | None, title: str, body: str) -> list[str]:
    """The texts a ``title:``/``body:`` (or unfielded) term is checked against."""
    return [title] if fld == "title" else [body] if fld == "body" else [title, body]


def _excluding(inside: Callable[[int], bool], check: Check) -> Check:
    """Passes an article unless it is a candidate of the excluded term and really holds it."""
    return lambda a, t, b: not (inside(a) and check(a, t, b))


def _literal_check(literals: list[str], fld: str | None, phrase: bool) -> Check:
    def squash(text: str) -> str:
        return " ".join(text.split()) if phrase else text

    def check(article_id: int, title: str, body: str) -> bool:
        targets = [squash(analysis.visible(t)) for t in _fields_of(fld, title, body)]
        return all(any(lit in t for t in targets) for lit in literals)

    return check


def _sequence_check(sequence: list[str], fld: str | None) -> Check:
    """Consecutive stems in one stretch of Latin text: CJK text between two words breaks
    the phrase (as it breaks the word pairs the candidates come from)."""
    wanted = " " + " ".join(sequence) + " "

    def stems_by_stretch(text: str) -> str:
        stretches = analysis.CJK_RUN.split(analysis.visible(text))
        return " | ".join(" ".join(analysis.latin_stems(part)) for part in stretches)

    def check(article_id: int, title: str, body: str) -> bool:
        return any(wanted in " " + stems_by_stretch(t) + " " for t in _fields_of(fld, title, body))

    return check
