"""Text analysis for search: folding, Chinese word segmentation, bigrams, English stems.

Every piece is a small pure function so it can be tested alone and used the same way on
both sides: the indexer and the query parser must fold and tokenise identically, or a
query cannot find what was indexed.

- ``fold`` maps full-width forms to half-width (ＶＩＰ -> vip), lowercases, and maps
  Traditional to Simplified characters with OpenCC, keeping the text's length, so offsets
  in folded text are offsets in the original (snippets rely on this). Lone surrogates
  (a query made of undecodable bytes) become U+FFFD, also one for one: OpenCC, jieba and
  the UTF-8 term hashes cannot encode them, and every later step works on folded text.
- ``words`` segments CJK runs with jieba's dictionary (rjieba: the same dictionary,
  about 15x faster) and stems Latin words (Porter2), for ranking.
- ``gram_keys`` lists the CJK character pairs of a text, for recall: any CJK substring
  of two or more characters has all its pairs in every article that contains it.
- ``analyse`` turns one article into the integer term keys and frequencies the posting
  store holds (``term keys`` below), with NumPy doing the per-character work.

Term keys are 64-bit integers, so the posting store sorts and searches them in C: the top
four bits say what a key is (a body or title bigram, a body or title word, an English word
pair); a bigram's key is its two code points (exact, never a hash, so a two-character
query needs no check); a word's key is a 60-bit BLAKE2 hash of the word (collisions: about
one in a million million for a million-word vocabulary). Beside each key an article
stores one byte: a word's frequency, or a bigram's position signature (see
``position_signatures``).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

CJK_CLASS = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
    "\U00020000-\U0003134f"
)
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x3040, 0x30FF),
               (0xAC00, 0xD7AF), (0x20000, 0x3134F))
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


_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """U+FFFD for each lone surrogate (same length); a search in C when there are none."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _narrow(text: str) -> str:
    """Full-width ASCII forms and the ideographic space to ASCII, same length.

    ``str.translate`` with a table walks every character in Python's slow path: 1 ms for
    an 8 KB article, and search folds every hit's text for its snippet (at 300,000
    articles that was a third of a query). The same map on the code points as a NumPy
    array costs a sixth of it. (No lone surrogates here: UTF-32 cannot carry them.)"""
    if len(text) < 256:
        return text.translate(_WIDTH)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
    points[(points >= 0xFF01) & (points <= 0xFF5E)] -= 0xFEE0
    points[points == 0x3000] = 0x20
    return points.tobytes().decode("utf-32-le")


def quick_fold(text: str) -> str:
    """Width-fold and lowercase only: ``fold`` for text with no Traditional characters.
    (Most text has nothing to widen, which a regex search tells in C.)"""
    text = _no_surrogates(text)
    if _FULL_WIDTH.search(text):
        text = _narrow(text)
    return text.lower()


def fold(text: str) -> str:
    """Width-fold, lowercase and Simplify *text*, keeping its length whenever possible."""
    text = _no_surrogates(text)
    if _FULL_WIDTH.search(text):
        text = _narrow(text)
    text = text.lower()
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


def words(folded: str, latin: dict[str, str] | None = None,
          pairs: list[str] | None = None) -> Counter[str]:
    """Word terms of already-folded text: jieba words for CJK, Porter stems for Latin.

    With *latin*, also records each Latin word seen and its stem (the vocabulary that
    prefix queries such as ``logist*`` expand over); with *pairs*, every two consecutive
    Latin words as "stem stem" (stop words included, punctuation between them ignored,
    CJK text in between breaking the run): what phrase queries look up."""
    terms: Counter[str] = Counter()
    previous: str | None = None
    for token in _cut(folded):
        if not _HAS_WORD.search(token):
            continue
        if CJK_CHAR.search(token):
            terms[token] += 1
            previous = None
            continue
        for word in _LATIN_WORD.findall(token):
            stemmed = stem(word)
            if word not in STOP_WORDS:
                terms[stemmed] += 1
                if latin is not None:
                    latin[word] = stemmed
            if pairs is not None:
                if previous is not None:
                    pairs.append(previous + " " + stemmed)
                previous = stemmed
    return terms


def latin_stems(folded: str) -> list[str]:
    """The stems of the Latin words of *folded*, in order, stop words included."""
    return [stem(w) for w in _LATIN_WORD.findall(CJK_RUN.sub(" ", folded))]


def query_words(folded: str) -> list[str]:
    """Word terms of a query string, in order (the ranking side of a query)."""
    return list(words(folded))


def is_cjk(text: str) -> bool:
    return bool(CJK_CHAR.search(text))


# -- term keys -----------------------------------------------------------------------------

BODY_GRAM, TITLE_GRAM, BODY_WORD, TITLE_WORD, WORD_PAIR = 1, 2, 3, 4, 5
_KIND_SHIFT = np.uint64(60)
_LOW60 = (1 << 60) - 1


@functools.lru_cache(maxsize=400_000)
def _word_hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(),
                          "little") & _LOW60


def word_key(term: str, kind: int) -> int:
    return (kind << 60) | _word_hash(term)


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _cjk_mask(codes: np.ndarray) -> np.ndarray:
    mask = np.zeros(codes.shape, dtype=bool)
    for low, high in _CJK_RANGES:
        mask |= (codes >= low) & (codes <= high)
    return mask


def gram_keys(folded: str, kind: int) -> tuple[np.ndarray, np.ndarray]:
    """The keys of every CJK character pair in *folded* (with repeats), and where each
    starts. Every run also gets an end-of-run pair (last character, code point 0), so
    that every occurrence of a character begins some pair: a one-character query is
    then the range of keys that start with it."""
    codes = _codes(folded)
    if not codes.size:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    cjk = _cjk_mask(codes)
    pair = cjk[:-1] & cjk[1:]
    starts = np.flatnonzero(pair)
    ends = np.flatnonzero(cjk & ~np.append(cjk[1:], False))
    first = codes[starts].astype(np.uint64)
    second = codes[starts + 1].astype(np.uint64)
    tag = np.uint64(kind) << _KIND_SHIFT
    keys = np.concatenate([tag | (first << np.uint64(21)) | second,
                           tag | (codes[ends].astype(np.uint64) << np.uint64(21))])
    return keys, np.concatenate([starts, ends])


def position_signatures(keys: np.ndarray, positions: np.ndarray
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Unique keys, each with an 8-bit signature of where it occurs: bit (position mod 8)
    for every occurrence. A run c0..cn occurring at p puts pair i at p+i, so the pairs'
    signatures, each rotated right by i, share bit p mod 8: candidates whose signatures
    share no bit cannot hold the run (a check on arrays, before reading any text)."""
    if not keys.size:
        return keys, np.zeros(0, dtype=np.uint8)
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    bits = (np.uint8(1) << (positions[order] & 7).astype(np.uint8)).astype(np.uint8)
    first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    return keys[first], np.bitwise_or.reduceat(bits, first)


POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.float32)


def rotate_right(signatures: np.ndarray, shift: int) -> np.ndarray:
    shift %= 8
    if not shift:
        return signatures
    return ((signatures >> np.uint8(shift)) | (signatures << np.uint8(8 - shift))).astype(
        np.uint8)


def char_key_range(char: str, kind: int) -> tuple[int, int]:
    """[low, high) of the pair keys starting with *char* (see ``gram_keys``)."""
    low = (kind << 60) | (ord(char) << 21)
    return low, low + (1 << 21)


def gram_key(pair: str, kind: int) -> int:
    return (kind << 60) | (ord(pair[0]) << 21) | ord(pair[1])


@dataclass(slots=True)
class DocTerms:
    """One article analysed for the posting store."""

    keys: np.ndarray  # uint64, unique
    tfs: np.ndarray  # uint8, aligned with keys: word frequency (capped) or pair signature
    body_length: int  # word tokens in the body (BM25's document length)
    title_length: int
    needs_opencc: bool  # folding this text needs OpenCC (it holds Traditional forms)
    latin: dict[str, str] = field(default_factory=dict)  # Latin word -> its stem


def _word_arrays(terms: Counter[str], kind: int) -> tuple[np.ndarray, np.ndarray]:
    keys = np.fromiter((word_key(t, kind) for t in terms), dtype=np.uint64, count=len(terms))
    tfs = np.fromiter(terms.values(), dtype=np.int64, count=len(terms))
    return keys, tfs


def analyse(title: str, body: str) -> DocTerms:
    """Fold, segment, stem and pair one article: the costly, parallel part of indexing."""
    folded_title, folded_body = fold(title), fold(body)
    needs_opencc = (folded_body != quick_fold(body)) or (folded_title != quick_fold(title))
    latin: dict[str, str] = {}
    pairs: list[str] = []
    body_words = words(folded_body, latin, pairs)
    title_words = words(folded_title, latin, pairs)
    body_keys, body_at = gram_keys(folded_body, BODY_GRAM)
    title_keys, title_at = gram_keys(folded_title, TITLE_GRAM)
    gram_unique, gram_counts = position_signatures(  # a pair's "tf" is its signature
        np.concatenate([body_keys, title_keys]), np.concatenate([body_at, title_at]))
    bw_keys, bw_tfs = _word_arrays(body_words, BODY_WORD)
    tw_keys, tw_tfs = _word_arrays(title_words, TITLE_WORD)
    pair_keys, pair_tfs = _word_arrays(Counter(pairs), WORD_PAIR)
    keys = np.concatenate([gram_unique, bw_keys, tw_keys, pair_keys])
    tfs = np.concatenate([gram_counts, bw_tfs, tw_tfs, pair_tfs])
    keys, first = np.unique(keys, return_index=True)  # a hash could meet another: merge
    return DocTerms(
        keys=keys, tfs=np.minimum(tfs[first], 255).astype(np.uint8),
        body_length=int(sum(body_words.values())),
        title_length=int(sum(title_words.values())),
        needs_opencc=needs_opencc, latin=latin,
    )
