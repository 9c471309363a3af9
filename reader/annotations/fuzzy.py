"""Approximate substring search: where does a quote occur with at most k edits?

Re-anchoring needs "find this quote, allowing a character or two to have changed" in
articles of up to several megabytes. A full edit-distance table is quadratic, so this uses
two well-known pieces:

- Myers' bit-parallel algorithm (1999, in Hyyrö's formulation): one pass over the text
  with the pattern's columns packed in one integer; Python's big integers make any
  pattern length work.
- The pigeonhole filter: a match with at most k edits contains at least one of k+1
  disjoint pieces of the pattern exactly, so only windows around exact hits of those
  pieces (found by ``str.find``, in C) are scanned.

It only reports candidates with their edit counts; deciding whether a candidate is the
right passage is ``anchoring``'s job. Pure functions, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PIECE_HITS = 400
"""A piece occurring more often than this says nothing about where the quote is; skipped."""


@dataclass(frozen=True, slots=True)
class ApproximateMatch:
    start: int
    end: int
    errors: int


def _peq(pattern: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        table[ch] = table.get(ch, 0) | (1 << i)
    return table


def end_scores(pattern: str, text: str, *, anchored: bool = False) -> list[int]:
    """For each i, the fewest edits turning *pattern* into a substring of *text* ending at i+1.

    ``anchored=False``: the substring may start anywhere (search). ``anchored=True``: it
    must start at 0 (the edit distance between *pattern* and ``text[:i+1]``).
    """
    m = len(pattern)
    if m == 0:
        return [0 if not anchored else i + 1 for i in range(len(text))]
    peq = _peq(pattern)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    carry_in = 1 if anchored else 0
    vp, vn, score = full, 0, m
    scores: list[int] = []
    append = scores.append
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | vn
        xh = (((eq & vp) + vp) ^ vp) | eq
        hp = vn | (~(xh | vp) & full)
        hn = vp & xh
        if hp & high:
            score += 1
        elif hn & high:
            score -= 1
        hp = ((hp << 1) | carry_in) & full
        hn = (hn << 1) & full
        vp = hn | (~(xv | hp) & full)
        vn = hp & xv
        append(score)
    return scores


def _start_for_end(pattern: str, text: str, end: int, errors: int, lo: int) -> int:
    """Where the best alignment of *pattern* ending at *end* (with *errors* edits) starts."""
    window = text[max(lo, end - len(pattern) - errors) : end][::-1]
    scores = end_scores(pattern[::-1], window, anchored=True)
    best_len = 0
    best = len(pattern)  # the empty substring: delete every pattern character
    for i, score in enumerate(scores):
        if score < best:
            best, best_len = score, i + 1
    return end - best_len


def _pieces(pattern: str, count: int) -> list[tuple[int, str]]:
    size = len(pattern) // count
    out = []
    for i in range(count):
        start = i * size
        stop = len(pattern) if i == count - 1 else start + size
        out.append((start, pattern[start:stop]))
    return out


def _windows(text: str, pattern: str, max_errors: int) -> list[tuple[int, int]]:
    """Merged text windows that can hold a match, from exact hits of pattern pieces."""
    m, n = len(pattern), len(text)
    spans: list[tuple[int, int]] = []
    for offset, piece in _pieces(pattern, max_errors + 1):
        if not piece:
            continue
        hits: list[int] = []
        pos = text.find(piece)
        while pos != -1 and len(hits) <= MAX_PIECE_HITS:
            hits.append(pos)
            pos = text.find(piece, pos + 1)
        if len(hits) > MAX_PIECE_HITS:
            continue
        for hit in hits:
            begin = hit - offset
            spans.append((max(0, begin - max_errors), min(n, begin + m + max_errors)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def find_approximate(text: str, pattern: str, max_errors: int) -> list[ApproximateMatch]:
    """Every distinct place *pattern* occurs in *text* with at most *max_errors* edits.

    Overlapping candidates are reduced to the best one (fewest edits, then leftmost), so
    each result names a different passage. Sorted by position.
    """
    if not pattern or max_errors < 0 or max_errors >= len(pattern):
        return []
    found: list[ApproximateMatch] = []
    for lo, hi in _windows(text, pattern, max_errors):
        scores = end_scores(pattern, text[lo:hi])
        i = 0
        while i < len(scores):
            if scores[i] > max_errors:
                i += 1
                continue
            # A run of acceptable end positions is one passage: keep its best end.
            best_i = i
            while i < len(scores) and scores[i] <= max_errors:
                if scores[i] < scores[best_i]:
                    best_i = i
                i += 1
            end = lo + best_i + 1
            errors = scores[best_i]
            start = _start_for_end(pattern, text, end, errors, lo)
            found.append(ApproximateMatch(start, end, errors))
    found.sort(key=lambda c: (c.start, c.errors))
    distinct: list[ApproximateMatch] = []
    for cand in found:
        if distinct and cand.start < distinct[-1].end:
            if (cand.errors, cand.start) < (distinct[-1].errors, distinct[-1].start):
                distinct[-1] = cand
            continue
        distinct.append(cand)
    return distinct
