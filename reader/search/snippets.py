"""Cut a snippet around the best-matching passage and mark the hits with [ ].

Built from the cleaned text read back from the catalogue (well under a millisecond),
instead of Whoosh's highlighter, which re-analyses whole documents (measured at about
130 ms a query on 7 KB articles). Matching runs on folded text, whose offsets equal the
original's, so the snippet shows the article's own characters (Traditional stays
Traditional, full-width stays full-width).
"""

from __future__ import annotations

import bisect
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


_LATIN_CHAR = f"[^\\W_{CJK_CLASS}]"  # a letter or digit of a Latin word (not CJK)
_BEFORE = f"(?<!{_LATIN_CHAR})"  # not inside a Latin word
_AFTER = f"(?!{_LATIN_CHAR})"
_REST_OF_WORD = f"{_LATIN_CHAR}*"
_LATIN_AT = re.compile(_LATIN_CHAR)
_BETWEEN = r"[\W_]+"  # what may stand between a phrase's words: not letters, not CJK
_GAP = re.compile(_BETWEEN)
# Invisible characters inside a word (between two of its letters); spelled to start with
# them, so a page without any is passed over quickly.
_INVISIBLE_INSIDE = re.compile(
    f"[{INVISIBLE}](?<={_LATIN_CHAR}.)[{INVISIBLE}]*(?={_LATIN_CHAR})", re.DOTALL
)


def _either(words: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _heads(needles: Needles) -> set[str]:
    """What a word that could stem to a wanted stem, or that has a wanted prefix, starts
    with: the stem less its last letter (Porter2 stems are the word's start but for a
    final y/i), or the prefix."""
    wanted = set(needles.stems) | {w for phrase in needles.phrases for w in phrase}
    heads = {w[:-1] if len(w) > 1 else w for w in wanted} | set(needles.prefixes)
    heads.discard("")
    return heads


Found = list[tuple[int, int, str]]  # (start, end, word) of words in text order


def _word_spans(folded: str, needles: Needles) -> list[tuple[int, int, str]]:
    """Spans of the words whose stem is wanted (labelled by the stem), of the words that
    start with a wanted prefix (by the prefix), and of each phrase: words whose stems are
    the phrase's in order, with only spaces or punctuation between them (CJK text breaks
    a phrase, as it breaks the word pairs phrases are looked up by).

    The words are found in C by one pattern a query (the heads of the wanted stems and
    prefixes: stemming every distinct word of a long English page cost ~0.7 ms a hit),
    whose matches are whole words; the hits and phrases are read off those matches.
    Finding them again through a pattern of the words each text holds meant compiling
    a new pattern with the CJK class for nearly every hit (~2 ms each: ``re`` walks the
    class's code points), most of an English query's snippet time. Text with invisible
    characters inside words takes every word (they can stand inside a stem); those
    standing between words (a page's BOM) change no word, and taking every word of a
    120 KB page for two BOMs cost 40 ms."""
    if _INVISIBLE_INSIDE.search(folded):
        return _every_word_spans(folded, needles)
    heads = _heads(needles)
    if not heads:
        return []
    # The heads come first in the pattern and the word's start is checked after a match:
    # led by the look-behind, the pattern was tried at every character of the text,
    # where led by the heads re's scan skips to their first letters (measured on 10 KB
    # English pages: 0.47 -> 0.14 ms). A match starting inside a word is dropped; it
    # ran to that word's end, so no word starting later is passed over.
    pattern = _either(heads) + _REST_OF_WORD
    found = [
        (m.start(), m.end(), m.group())
        for m in re.finditer(pattern, folded)
        if not (m.start() and _LATIN_AT.match(folded, m.start() - 1))
    ]
    stem_of = {w: stem(w) for w in {f[2] for f in found}}
    label = _labels(stem_of, needles)
    spans = [(a, b, label[w]) for a, b, w in found if w in label]
    for phrase in needles.phrases:
        spans += _phrase_spans(folded, found, stem_of, phrase)
    return spans


def _labels(stem_of: dict[str, str], needles: Needles) -> dict[str, str]:
    """Word -> what it marks: its stem when that is wanted, else a wanted prefix it has."""
    label: dict[str, str] = {}
    for word, stemmed in stem_of.items():
        if stemmed in needles.stems:
            label[word] = stemmed
        else:
            shown = visible(word)
            prefix = next((p for p in needles.prefixes if shown.startswith(p)), None)
            if prefix is not None:
                label[word] = prefix
    return label


def _phrase_spans(
    folded: str, found: Found, stem_of: dict[str, str], phrase: list[str]
) -> list[tuple[int, int, str]]:
    """Runs of *found* words whose stems are *phrase*'s, with only ``_BETWEEN`` between
    them (a word found in between is not ``_BETWEEN``), left to right without overlap,
    as one pattern of the words would find them."""
    if not phrase:
        return []
    size, name = len(phrase), " ".join(phrase)
    stems = [stem_of[f[2]] for f in found]
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i + size <= len(found):
        if stems[i] == phrase[0] and all(
            stems[i + j] == phrase[j]
            and _GAP.fullmatch(folded, found[i + j - 1][1], found[i + j][0])
            for j in range(1, size)
        ):
            spans.append((found[i][0], found[i + size - 1][1], name))
            i += size
        else:
            i += 1
    return spans


def _every_word_spans(folded: str, needles: Needles) -> list[tuple[int, int, str]]:
    """``_word_spans`` for a text with invisible characters inside its words: every
    distinct word is stemmed and found again through patterns of the words (a rare
    text: the patterns are compiled for it)."""
    stem_of = {w: stem(visible(w)) for w in set(_WORD.findall(folded))}
    label = _labels(stem_of, needles)
    spans: list[tuple[int, int, str]] = []
    if label:
        pattern = _BEFORE + _either(label) + _AFTER
        spans += [(m.start(), m.end(), label[m.group()]) for m in re.finditer(pattern, folded)]
    by_stem: dict[str, list[str]] = {}
    for word, stemmed in stem_of.items():
        by_stem.setdefault(stemmed, []).append(word)
    for phrase in needles.phrases:
        choices = [by_stem.get(wanted, []) for wanted in phrase]
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


def _best_window(spans: list[tuple[int, int, str]], reach: int) -> int:
    """Where the passage with the most distinct hits (then the most hits) starts: one of
    the first 200 hits, each counting the hits that start within *reach* of it. The
    spans are sorted, so a window's hits are a slice found by bisection; counting them
    by walking every later span made a long page with 1,000 hits of one word cost
    ~15 ms a snippet."""
    starts = [s[0] for s in spans]
    labels = [s[2] for s in spans]
    best_start, best_score = starts[0], -1
    for i in range(min(len(spans), 200)):
        start = starts[i]
        end = bisect.bisect_left(starts, start + reach, i)
        score = len(set(labels[i:end])) * 100 + (end - i)
        if score > best_score:
            best_start, best_score = start, score
    return best_start


def make_snippet(
    text: str, folded: str, needles: Needles, width: int = WIDTH
) -> tuple[str, list[tuple[int, int]]]:
    """The best window of *text* with hits wrapped in [ ], and the hits' offsets in it."""
    spans = find_spans(folded, needles)
    if not spans:
        hi = _end_between_words(text, min(len(text), width), 0)
        return _plain(text[:hi].strip()) + ("…" if len(text) > hi else ""), []
    best_start = _best_window(spans, width * 2 // 3)
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
