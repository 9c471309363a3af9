"""The snippet code as it was before the Latin view and the bisected window (issue 16),
kept unchanged as the oracle that tests/search/test_snippets_reference.py compares the faster
``reader.search.snippets`` against: the same marks and the same window, for any text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.search.analysis import CJK_CLASS, INVISIBLE, stem, visible

# Latin words and numbers (not CJK runs), with what is invisible inside them
_WORD = re.compile(f"[^\\W_{CJK_CLASS}]+(?:[{INVISIBLE}]+[^\\W_{CJK_CLASS}]+)*")
WIDTH = 140


@dataclass(slots=True)
class Needles:
    """What a query marks in a snippet: literal strings (CJK, phrases), Latin stems and prefixes."""

    literals: list[str] = field(default_factory=list)
    stems: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)  # stem sequences, marked whole

    def __bool__(self) -> bool:
        return bool(self.literals or self.stems or self.prefixes or self.phrases)


def find_spans(folded: str, needles: Needles) -> list[tuple[int, int, str]]:
    """(start, end, which needle) for every match, sorted, overlaps merged away.

    Latin words are found by a regular expression of the text's own words that match
    (its distinct words stemmed once each), so the per-word work runs in C: walking
    every word of an 8 KB text in Python cost ~0.8 ms a hit, 16 ms for 20 hits."""
    spans: list[tuple[int, int, str]] = []
    for literal in needles.literals:
        if not literal:
            continue
        start = folded.find(literal)
        while start != -1 and len(spans) < 2000:
            spans.append((start, start + len(literal), literal))
            start = folded.find(literal, start + len(literal))
    if needles.phrases or needles.stems or needles.prefixes:
        spans += _word_spans(folded, needles)
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for span in spans:
        # Overlapping spans are one mark; touching ones stay two (传承友谊 for 友谊 传承).
        if merged and span[0] < merged[-1][1]:
            if span[1] > merged[-1][1]:
                merged[-1] = (merged[-1][0], span[1], merged[-1][2])
            continue
        merged.append(span)
    return merged


_INVISIBLE_CHAR = re.compile(f"[{INVISIBLE}]")
_BEFORE = f"(?<![^\\W_{CJK_CLASS}])"  # not inside a Latin word
_AFTER = f"(?![^\\W_{CJK_CLASS}])"
_BETWEEN = r"[\W_]+"  # what may stand between a phrase's words: not letters, not CJK


def _either(words: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_REST_OF_WORD = f"[^\\W_{CJK_CLASS}]*"


def _words_to_stem(folded: str, needles: Needles) -> set[str]:
    """The distinct words of *folded* that could stem to a wanted stem or start with a
    wanted prefix: those beginning with the stem less its last letter (Porter2 stems
    are the word's start but for a final y/i) or with the prefix, found in C. Stemming
    every distinct word of a long English page cost ~0.7 ms a hit. Text with invisible
    characters inside words takes every word (they can stand inside a stem)."""
    if _INVISIBLE_CHAR.search(folded):
        return set(_WORD.findall(folded))
    wanted = set(needles.stems) | {w for phrase in needles.phrases for w in phrase}
    heads = {w[:-1] if len(w) > 1 else w for w in wanted} | set(needles.prefixes)
    heads.discard("")
    if not heads:
        return set()
    return set(re.findall(_BEFORE + _either(heads) + _REST_OF_WORD, folded))


def _word_spans(folded: str, needles: Needles) -> list[tuple[int, int, str]]:
    """Spans of the words whose stem is wanted (labelled by the stem), of the words that
    start with a wanted prefix (by the prefix), and of each phrase: words whose stems are
    the phrase's in order, with only spaces or punctuation between them (CJK text breaks
    a phrase, as it breaks the word pairs phrases are looked up by)."""
    stem_of = {w: stem(visible(w)) for w in _words_to_stem(folded, needles)}
    spans: list[tuple[int, int, str]] = []
    label: dict[str, str] = {}
    for word, stemmed in stem_of.items():
        if stemmed in needles.stems:
            label[word] = stemmed
        else:
            shown = visible(word)
            prefix = next((p for p in needles.prefixes if shown.startswith(p)), None)
            if prefix is not None:
                label[word] = prefix
    if label:
        for m in re.finditer(_BEFORE + _either(label) + _AFTER, folded):
            spans.append((m.start(), m.end(), label[m.group()]))
    for phrase in needles.phrases:
        choices = [[w for w, s in stem_of.items() if s == wanted] for wanted in phrase]
        if not phrase or not all(choices):
            continue
        pattern = _BEFORE + _BETWEEN.join(_either(c) for c in choices) + _AFTER
        name = " ".join(phrase)
        spans += [(m.start(), m.end(), name) for m in re.finditer(pattern, folded)]
    return spans


def _word_char(char: str) -> bool:
    """A letter or digit of a Latin word or a number (CJK text may be cut anywhere)."""
    return bool(_WORD.match(char)) or char in INVISIBLE


def _inside_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and _word_char(text[at - 1]) and _word_char(text[at])


def _end_between_words(text: str, hi: int, floor: int) -> int:
    """*hi* moved back to the start of the word it would cut, not below *floor* (the end
    of the last hit shown); forward past the word's end when it cannot go back."""
    if not _inside_word(text, hi):
        return hi
    back = hi
    while back > floor and _inside_word(text, back):
        back -= 1
    if not _inside_word(text, back) and back > 0:
        return back
    while _inside_word(text, hi):
        hi += 1
    return hi


def make_snippet(
    text: str, folded: str, needles: Needles, width: int = WIDTH
) -> tuple[str, list[tuple[int, int]]]:
    """The best window of *text* with hits wrapped in [ ], and the hits' offsets in it."""
    spans = find_spans(folded, needles)
    if not spans:
        hi = _end_between_words(text, min(len(text), width), 0)
        return _plain(text[:hi].strip()) + ("…" if len(text) > hi else ""), []
    best_start, best_score = spans[0][0], -1
    for i, (start, _, _) in enumerate(spans[:200]):
        window_end = start + width * 2 // 3
        kinds = {s[2] for s in spans[i:] if s[0] < window_end}
        count = sum(1 for s in spans[i:] if s[0] < window_end)
        score = len(kinds) * 100 + count
        if score > best_score:
            best_start, best_score = start, score
    lo = max(0, best_start - width // 3)
    # Start at a sentence or paragraph boundary when one is close.
    boundary = max(text.rfind(ch, max(0, lo - 20), best_start) for ch in "。！？.!?\n")
    if boundary >= 0 and best_start - boundary < width // 2:
        lo = boundary + 1
    hi = min(len(text), lo + width)
    # Never start or end inside a word or a number ("…nteeing", "2025年7月1…"): move the
    # start forward to the word's end, the end back to the word's start (or forward
    # past it when that would cut a hit off).
    # A hit the window's edge would cut is shown whole ("…[tes]" for "rates").
    lo = min([lo] + [s[0] for s in spans if s[0] < lo < s[1]])
    hi = max([hi] + [s[1] for s in spans if s[0] < hi < s[1]])
    first_hit = next((s for s in spans if s[1] > lo), spans[0])[0]
    while _inside_word(text, lo) and lo < first_hit:
        lo += 1
    while lo < first_hit and text[lo].isspace():
        lo += 1
    hi = _end_between_words(text, hi, max((s[1] for s in spans if s[0] < hi), default=lo))
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    cursor = lo
    if lo > 0:
        out.append("…")
        length += 1
    for start, end, _ in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        before = _plain(text[cursor:start])
        out.append(before)
        length += len(before)
        hit = text[start:end].replace("\n", " ").replace("[", "\uff3b").replace("]", "\uff3d")
        out.append("[" + hit + "]")
        offsets.append((length + 1, length + 1 + len(hit)))
        length += len(hit) + 2
        cursor = end
    out.append(_plain(text[cursor:hi]))
    if hi < len(text):
        out.append("…")
    return "".join(out).strip("\n"), offsets


def _plain(text: str) -> str:
    """Snippet text around the marks: paragraph breaks as ¶, and the article's own square
    brackets as their full-width forms, so that every ASCII [ ] in a snippet is a hit
    mark (an article's footnote "[17]" is shown as "［17］")."""
    return (
        text.replace("\n\n", " ¶ ").replace("\n", " ").replace("[", "\uff3b").replace("]", "\uff3d")
    )
