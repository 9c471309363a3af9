"""Text analysis for search: folding, Chinese word segmentation, bigrams, English stems.

Every piece is a small pure function so it can be tested alone and used the same way on
both sides: the indexer and the query parser must fold and tokenise identically, or a
query cannot find what was indexed.

- ``fold`` maps full-width forms to half-width (ＶＩＰ -> vip), lowercases, and maps
  Traditional to Simplified characters with OpenCC, keeping the text's length, so offsets
  in folded text are offsets in the original (snippets rely on this).
- ``words`` segments CJK runs with jieba's dictionary (rjieba: the same dictionary,
  about 15x faster) and stems Latin words (Porter2), for ranking.
- ``bigrams`` lists the CJK character pairs of a text, for recall: any CJK substring of
  two or more characters has all its bigrams in every article that contains it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
CJK_CHAR = re.compile(f"[{CJK_CLASS}]")
_LATIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HAS_WORD = re.compile(r"\w")

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, ideographic space to space: same length.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20

STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to "
    "was were will with".split()
)


@functools.lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s.json")


def fold(text: str) -> str:
    """Width-fold, lowercase and Simplify *text*, keeping its length whenever possible."""
    text = text.translate(_WIDTH).lower()
    if CJK_CHAR.search(text):
        simplified = _t2s().convert(text)
        if len(simplified) == len(text):
            return simplified
        # A phrase rule changed the length: convert character by character instead.
        convert = _t2s().convert
        return "".join(c if len(s := convert(c)) != 1 else s for c in text)
    return text


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter2 (Snowball English) stem of a Latin word (cached: the vocabulary repeats)."""
    if not word.isascii() or not word.isalpha() or len(word) < 4:
        return word
    from whoosh.lang.porter2 import stem as porter

    return str(porter(word))


def _rjieba_cut():  # type: ignore[no-untyped-def]
    try:
        import rjieba

        return rjieba.cut
    except ImportError:  # pragma: no cover - rjieba is a dependency; jieba is its fallback
        import jieba

        return lambda text: jieba.lcut(text, HMM=False)


_cut = _rjieba_cut()


def words(folded: str) -> Counter[str]:
    """Word terms of already-folded text: jieba words for CJK, Porter stems for Latin."""
    terms: Counter[str] = Counter()
    for token in _cut(folded):
        if not _HAS_WORD.search(token):
            continue
        if CJK_CHAR.search(token):
            terms[token] += 1
        else:
            for word in _LATIN_WORD.findall(token):
                if word not in STOP_WORDS:
                    terms[stem(word)] += 1
    return terms


def bigrams(folded: str) -> set[str]:
    """The distinct CJK character pairs of already-folded text."""
    grams: set[str] = set()
    for run in CJK_RUN.findall(folded):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def query_words(folded: str) -> list[str]:
    """Word terms of a query string, in order (the ranking side of a query)."""
    return list(words(folded))


def is_cjk(text: str) -> bool:
    return bool(CJK_CHAR.search(text))
