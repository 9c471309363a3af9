"""Where a highlight sits in an article's text, and finding it again after the text changed.

An annotation is anchored the W3C Web Annotation way: a TextQuoteSelector (the exact text
plus up to ``CONTEXT`` characters before and after it) and a TextPositionSelector
(character offsets into the article's paragraphs joined by ``"\\n\\n"``, i.e.
``Article.text``). When the cleaned text changes, ``reanchor`` tries, in order:

1. the stored position, if it still holds the exact quote in the same context;
2. the exact quote elsewhere, if the surrounding text (compared with the stored prefix
   and suffix) clearly names one occurrence;
3. otherwise exact occurrences and versions of the quote with a few characters edited
   (``fuzzy``) compete on context and similarity together; an edited one needs its
   context to vouch for it.

Placing a highlight on the wrong passage is worse than not placing it, so every step
demands evidence and ties are refused: the result is then ``orphaned`` (the caller keeps
the annotation and its quote; it is never dropped). Pure functions over strings: no
database, no Qt.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from reader.annotations.fuzzy import find_approximate
from reader.errors import ReaderError

CONTEXT = 32
"""Characters of prefix and suffix kept with a quote (what Hypothesis keeps, too)."""

POSITION_MIN_CONTEXT = 0.8
"""The old position is trusted when it still holds the quote and this much context."""
CLEAR_CONTEXT = 0.95
"""An exact occurrence in (nearly) its old surroundings is taken without looking further."""
QUOTE_MIN_CONTEXT = 0.5
"""An exact occurrence chosen among several needs at least this much context agreement."""
DISTINCTIVE_LENGTH = 16
"""A quote this long occurring exactly once is placed even if its context was rewritten."""
FUZZY_MIN_CONTEXT = 0.6
"""An edited quote is followed only where the surrounding text still agrees this much."""
MARGIN = 0.15
"""The winner must beat the next candidate by this much, or it is a guess: orphan."""

Method = Literal["unchanged", "position", "quote", "fuzzy", "orphaned"]


def text_hash(text: str) -> str:
    """A short digest of an article's cleaned text: "has it changed since we anchored?"."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class Selector:
    """A TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start, end).

    ``start``/``end`` are None when the position is unknown (an orphaned annotation, or
    one imported from a tool that only stores quotes).
    """

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where ``reanchor`` put an annotation: a selector describing the text as it is now
    (or the old one, kept, when orphaned) and how it was found."""

    selector: Selector
    method: Method

    @property
    def orphaned(self) -> bool:
        return self.method == "orphaned"


def select(text: str, start: int, end: int, *, context: int = CONTEXT) -> Selector:
    """The selectors for ``text[start:end]``: what is stored when a passage is highlighted."""
    if not 0 <= start < end <= len(text):
        raise ReaderError(
            f"The selection {start}-{end} is not inside the article's text "
            f"(0-{len(text)}); nothing was highlighted."
        )
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


@dataclass(frozen=True, slots=True)
class QuoteChoice:
    start: int
    end: int
    occurrences: int
    chosen: int  # 1-based: which occurrence was taken


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of *quote* in *text*."""
    found: list[int] = []
    if not quote:
        return found
    pos = text.find(quote)
    while pos != -1:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


def locate_quote(
    text: str, quote: str, *, occurrence: int | None = None, prefix: str | None = None
) -> QuoteChoice:
    """Find the passage a person named by typing its text (the CLI's ``--quote``).

    With several occurrences, ``occurrence`` (1-based) or ``prefix`` (text just before
    the quote) chooses; otherwise the first is taken and ``occurrences`` tells the caller
    to say so.
    """
    if not quote or not quote.strip():
        raise ReaderError("The quote is empty; give the exact text to highlight.")
    starts = occurrences(text, quote)
    if not starts:
        raise ReaderError(
            "The quote does not occur in the article. Copy it exactly as "
            "'reader show ID' prints it (paragraphs are separated by a blank line)."
        )
    candidates = list(enumerate(starts, 1))
    if prefix:
        candidates = [(n, s) for n, s in candidates if text[:s].endswith(prefix)]
        if not candidates:
            raise ReaderError(
                f"The quote occurs {len(starts)} times, but none right after the text "
                f"given with --prefix ({prefix!r})."
            )
    if occurrence is not None:
        if not 1 <= occurrence <= len(candidates):
            raise ReaderError(
                f"--occurrence {occurrence}: the quote occurs {len(candidates)} time(s)"
                + (" after that prefix" if prefix else "")
                + "."
            )
        number, start = candidates[occurrence - 1]
    else:
        number, start = candidates[0]
    return QuoteChoice(start, start + len(quote), len(starts), number)


# -- re-anchoring ---------------------------------------------------------------------


MIN_BLOCK = 3
"""Context agrees through shared runs of at least this many characters: two unrelated
English snippets share single letters everywhere (difflib's ratio of random 32-character
snippets reaches 0.47 at the 99th percentile on the sample archive), runs of three rarely
(0.31), Chinese ones less still (0.09)."""


def _side_agreement(expected: str, actual: str) -> float:
    """The share of *expected* found again in *actual*, in runs of ``MIN_BLOCK``+ chars."""
    if not actual:
        return 0.0
    blocks = SequenceMatcher(None, expected, actual, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= MIN_BLOCK) / len(expected)


def context_agreement(text: str, start: int, end: int, selector: Selector) -> float | None:
    """How well the text around ``[start, end)`` matches the stored prefix and suffix, 0-1.

    An empty stored prefix means the quote opened the text (it is only empty there), so
    it agrees exactly when the candidate is at offset 0, and says nothing otherwise; the
    same for the suffix at the end. None when nothing can be compared.
    """
    scores: list[float] = []
    if selector.prefix:
        before = text[max(0, start - len(selector.prefix)) : start]
        scores.append(_side_agreement(selector.prefix, before))
    elif start == 0:
        scores.append(1.0)
    if selector.suffix:
        after = text[end : end + len(selector.suffix)]
        scores.append(_side_agreement(selector.suffix, after))
    elif end == len(text):
        scores.append(1.0)
    return sum(scores) / len(scores) if scores else None


FUZZY_MIN_LENGTH = 10
"""Shorter quotes are only found exactly: one edit in six characters matched a headline
onto the next sentence ("…知识产权年会开幕" -> "…知识产权年会今天") in real articles."""


def max_errors(quote: str) -> int:
    """Edits tolerated when following an edited quote: about one per eight characters."""
    if len(quote) < FUZZY_MIN_LENGTH:
        return 0
    return min(32, max(1, len(quote) // 8))


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    errors: int
    context: float | None

    def score(self, length: int) -> float:
        return (self.context or 0.0) + (1.0 - self.errors / max(1, length))


def _placed(text: str, start: int, end: int, method: Method) -> Placement:
    return Placement(select(text, start, end), method)


def reanchor(text: str, selector: Selector) -> Placement:
    """Place *selector* in *text* (the article's text as it is now), or say it is orphaned."""
    exact = selector.exact
    orphan = Placement(selector, "orphaned")
    if not exact or not text:
        return orphan

    # 1. The position still holds the quote, in (nearly) the same surroundings.
    s, e = selector.start, selector.end
    if s is not None and e is not None and 0 <= s < e <= len(text) and text[s:e] == exact:
        agreement = context_agreement(text, s, e, selector)
        if agreement is None or agreement >= POSITION_MIN_CONTEXT:
            return _placed(text, s, e, "position")

    # 2. The exact quote elsewhere, where its context clearly names one occurrence.
    exact_hits = [
        _Candidate(p, p + len(exact), 0, context_agreement(text, p, p + len(exact), selector))
        for p in occurrences(text, exact)
    ]
    ranked = sorted(exact_hits, key=lambda c: c.context or 0.0, reverse=True)
    if (
        ranked
        and (ranked[0].context or 0.0) >= CLEAR_CONTEXT
        and (len(ranked) == 1 or (ranked[0].context or 0.0) - (ranked[1].context or 0.0) >= MARGIN)
    ):
        return _placed(text, ranked[0].start, ranked[0].end, "quote")

    # 3. Weaker evidence: exact occurrences and edited versions of the quote compete on
    # context and similarity together, so an edited passage in its own surroundings beats
    # an identical sentence elsewhere (an article repeating itself) in other surroundings.
    k = max_errors(exact)
    fuzzy: list[_Candidate] = []
    if k and (selector.prefix or selector.suffix):
        fuzzy = [
            _Candidate(m.start, m.end, m.errors, context_agreement(text, m.start, m.end, selector))
            for m in find_approximate(text, exact, k)
            if m.errors > 0
        ]
    length = len(exact)
    pool = sorted(exact_hits + fuzzy, key=lambda c: c.score(length), reverse=True)
    if not pool:
        return orphan
    best = pool[0]
    for other in pool[1:]:
        overlaps = other.start < best.end and best.start < other.end
        if not overlaps and best.score(length) - other.score(length) < MARGIN:
            return orphan  # two passages fit about as well: do not guess
    agreement = best.context
    if best.errors == 0:
        supported = (
            agreement is None
            or agreement >= QUOTE_MIN_CONTEXT
            or (
                len(exact_hits) == 1
                and length >= DISTINCTIVE_LENGTH
                and not any((c.context or 0.0) >= FUZZY_MIN_CONTEXT for c in fuzzy)
            )
        )
        return _placed(text, best.start, best.end, "quote") if supported else orphan
    if agreement is not None and agreement >= FUZZY_MIN_CONTEXT:
        return _placed(text, best.start, best.end, "fuzzy")
    return orphan


# -- offsets for a view that shows paragraphs one by one ---------------------------------

PARAGRAPH_SEPARATOR = "\n\n"


def to_text_offset(paragraphs: list[str], paragraph: int, offset: int) -> int:
    """(paragraph index, offset inside it) -> offset into ``"\\n\\n".join(paragraphs)``."""
    if not 0 <= paragraph < len(paragraphs) or not 0 <= offset <= len(paragraphs[paragraph]):
        raise ValueError(f"no position {offset} in paragraph {paragraph}")
    return sum(len(p) + len(PARAGRAPH_SEPARATOR) for p in paragraphs[:paragraph]) + offset


def to_paragraph_offset(paragraphs: list[str], text_offset: int) -> tuple[int, int]:
    """Offset into the joined text -> (paragraph index, offset inside that paragraph).

    An offset inside a separator maps to the end of the paragraph before it.
    """
    if text_offset < 0:
        raise ValueError("negative offset")
    pos = 0
    for index, para in enumerate(paragraphs):
        if text_offset <= pos + len(para):
            return index, text_offset - pos
        pos += len(para) + len(PARAGRAPH_SEPARATOR)
        if text_offset < pos and index < len(paragraphs) - 1:
            return index, len(para)
    raise ValueError(f"offset {text_offset} is past the end of the text")
