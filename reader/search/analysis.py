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

import contextlib
import functools
import hashlib
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

CJK_CLASS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\U00020000-\U0003134f"
)
_CJK_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x3040, 0x30FF),
    (0xAC00, 0xD7AF),
    (0x20000, 0x3134F),
)
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
CJK_CHAR = re.compile(f"[{CJK_CLASS}]")
_CJK_SPLIT = re.compile(f"([{CJK_CLASS}]+)")  # split() alternates: other, CJK run, ...
_LATIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HAS_WORD = re.compile(r"\w")

# Characters that are invisible inside a word: soft hyphen, zero-width space, non-joiner
# and joiner, word joiner, and the BOM used as a zero-width no-break space. Pages put
# them inside words ("réac\xadtion") to help line breaking; search skips them.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")

STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to "
    "was were will with".split()
)

# Latin letters that have no decomposition to a base letter, folded as Lucene's
# ASCIIFoldingFilter folds them (one character each; ß, æ, œ and þ, which it spells
# with two, are kept: folding must keep the text's length).
_LETTER_EXTRAS = {
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ı": "i",
    "ł": "l",
    "ŀ": "l",
    "ŧ": "t",
    "ƀ": "b",
    "ɨ": "i",
    "ʉ": "u",
    "ſ": "s",
}


def _accent_base(char: str) -> str | None:
    """The base letter of an accented Latin letter (é -> e), or None."""
    if char in _LETTER_EXTRAS:
        return _LETTER_EXTRAS[char]
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base.lower() if len(base) == 1 and base.isascii() and base != char else None


FOLD_TABLE_VERSION = 1  # raise when _build_fold_table changes what it makes
_FOLD_TABLE_SIZE = 0x31350
_DIGEST = 16


def fold_table_path() -> Path:
    """Where the built fold table is cached: named for what it is made from (this
    code's version of it, OpenCC's and Unicode's), so a change to any makes a new one."""
    import opencc  # its version from the module: importlib.metadata takes ~25 ms

    from reader.paths import cache_dir

    opencc_version = getattr(opencc, "__version__", "?")
    key = f"{FOLD_TABLE_VERSION}|{opencc_version}|{unicodedata.unidata_version}"
    name = hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
    return cache_dir() / f"fold-table-{name}.bin"


@functools.lru_cache(maxsize=1)
def _fold_table() -> np.ndarray:
    """The fold table (``_build_fold_table``), read from the per-user cache when a good
    copy is there, else built and cached.

    Building it takes ~0.3 s of CPU (OpenCC converts every Han character three times),
    paid by every process that folds text: each parse and index worker of an import,
    and the search process before its first query. Reading it takes well under a
    millisecond. The file carries a digest of the table: one that is short, damaged or
    of another size is not trusted but built again and replaced; a cache that cannot be
    written (a read-only home, a full disk) only costs the build."""
    path = fold_table_path()
    expected = _FOLD_TABLE_SIZE * 4
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    if len(raw) == _DIGEST + expected:
        digest, payload = raw[:_DIGEST], raw[_DIGEST:]
        if hashlib.blake2b(payload, digest_size=_DIGEST).digest() == digest:
            return np.frombuffer(payload, dtype="<u4").astype(np.uint32)
    table = _build_fold_table()
    payload = table.astype("<u4").tobytes()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload)
        os.replace(temporary, path)  # whole or not at all, whoever writes it at once
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return table


def _build_fold_table() -> np.ndarray:
    """Code point -> folded code point, for every character up to the CJK extensions.

    One table does, character by character (so the folded text has the original's
    length and offsets): full-width ASCII to ASCII and the ideographic space to a space;
    accented Latin letters to their base letter (café -> cafe, Māori -> maori, as
    Lucene's ASCII folding: both sides are folded, so either spelling finds both); and
    every Han character to its Simplified form through OpenCC's Taiwan (tw2s), Hong Kong
    (hk2s) and standard (t2s) tables, variants included (接著 -> 接着, 衞生 -> 卫生,
    敍 -> 叙), until nothing changes. Character by character rather than OpenCC's phrase
    conversion: a query and an article then fold a character the same way whatever
    stands beside it (乾 is always 干 here, in 乾隆 too: an allowed extra)."""
    import opencc

    table = np.arange(_FOLD_TABLE_SIZE, dtype=np.uint32)
    for code in range(0xFF01, 0xFF5F):
        table[code] = ord(chr(code - 0xFEE0).lower())
    table[0x3000] = 0x20
    table[ord("ς")] = ord("σ")  # str.lower writes a final sigma at a word's end only
    for low, high in ((0xC0, 0x2AF), (0x1E00, 0x1EFF)):
        for code in range(low, high + 1):
            base = _accent_base(chr(code).lower())
            if base is not None:
                table[code] = ord(base)
    han = [chr(code) for low, high in _HAN_RANGES for code in range(low, high + 1)]
    joined = "\n".join(han)  # one character a line: no phrase can span two
    for config in ("tw2s.json", "hk2s.json", "t2s.json"):
        converted = opencc.OpenCC(config).convert(joined).split("\n")
        if len(converted) != len(han):  # pragma: no cover - a table that drops lines
            continue
        for original, simple in zip(han, converted, strict=True):
            if len(simple) == 1 and simple != original:
                table[ord(original)] = ord(simple)
    for _ in range(4):  # chains (a Taiwan form to a standard one to Simplified)
        folded = table[table]
        if np.array_equal(folded, table):
            break
        table = folded
    return table


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """U+FFFD for each lone surrogate (same length); a search in C when there are none."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def fold(text: str) -> str:
    """Lowercase *text* and fold width, accents and Chinese script (see ``_fold_table``),
    keeping its length: offsets in folded text are offsets in the original.

    ``İ`` is lowercased to ``i`` (``str.lower`` makes it two characters). The table is
    applied to the code points as a NumPy array: ``str.translate`` walks each character
    in Python (1 ms for an 8 KB article; search folds every hit's text for its snippet)."""
    text = _no_surrogates(text)
    if "\u0130" in text:
        text = text.replace("\u0130", "I")
    text = text.lower()
    if text.isascii():
        return text
    table = _fold_table()
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    folded = table[np.minimum(codes, table.size - 1)]
    folded = np.where(codes < table.size, folded, codes)
    return folded.astype(np.uint32).tobytes().decode("utf-32-le")


def visible(folded: str) -> str:
    """*folded* without the characters that are invisible inside words (``INVISIBLE``):
    what words, pairs and text checks look at. (Offsets into the result are not
    offsets into the article; snippets work on the folded text itself.)"""
    return _INVISIBLE.sub("", folded) if _INVISIBLE.search(folded) else folded


@functools.lru_cache(maxsize=1)
def latin_analyzer() -> Any:
    """The ``whoosh.analysis`` chain for Latin text, the same at index and query time:
    a tokenizer for runs of letters and digits (split at everything else: punctuation,
    spaces, CJK text has been cut out before) and a Porter2 stem filter. Folding (case,
    accents, width) happened before, on the whole text, keeping its length."""
    from whoosh.analysis import RegexTokenizer, StemFilter

    return RegexTokenizer(_LATIN_WORD) | StemFilter(stemfn=stem, cachesize=-1)


def latin_tokens(folded: str) -> list[tuple[str, str]]:
    """(word, stem) for each Latin word of folded, visible text without CJK runs, in
    order: ``latin_analyzer`` run over it (its token object is reused: copy out)."""
    return [(token.original, token.text) for token in latin_analyzer()(folded, keeporiginal=True)]


def latin_words(folded: str) -> list[str]:
    """The Latin (non-CJK) words of folded, visible text, in order, as the index cuts
    them (``latin_analyzer``)."""
    return [word for word, _ in latin_tokens(CJK_RUN.sub(" ", folded))]


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter2 (Snowball English) stem of a Latin word (cached: the vocabulary repeats)."""
    if not word.isascii() or not word.isalpha() or len(word) < 4:
        return word
    from whoosh.lang.porter2 import stem as porter

    return str(porter(word))


@functools.lru_cache(maxsize=1)
def _rjieba_cut():  # type: ignore[no-untyped-def]
    """The CJK word cutter, loaded on first use: importing rjieba loads its dictionary
    (0.1 s holding the GIL, 32 MB), which a process that only folds text (the window's
    list filter) must not pay for."""
    try:
        import rjieba

        return rjieba.cut
    except ImportError:  # pragma: no cover - rjieba is a dependency; jieba is its fallback
        import jieba

        return lambda text: jieba.lcut(text, HMM=False)


def words(
    folded: str,
    latin: dict[str, str] | None = None,
    pairs: list[str] | None = None,
    spellings: Counter[str] | None = None,
) -> Counter[str]:
    """Word terms of already-folded text: jieba words for CJK runs, Porter stems for the
    Latin words between them (``latin_words``: the query's tokenizer too, so an indexed
    word and a queried one are cut the same way; jieba alone cut ``maori``'s non-ASCII
    cousins and every Cyrillic or Greek word into letters).

    With *latin*, also records each Latin word seen and its stem (the vocabulary that
    prefix queries such as ``logist*`` expand over); with *pairs*, every two consecutive
    Latin words as "stem stem" (stop words included, punctuation between them ignored,
    CJK text in between breaking the run): what phrase queries look up. With
    *spellings*, counts each Latin word whose stem differs from it (``protections``):
    ranking prefers the spelling a query used among the articles its stem finds."""
    terms: Counter[str] = Counter()
    previous: str | None = None
    for index, part in enumerate(_CJK_SPLIT.split(visible(folded))):
        if index % 2:  # a CJK run
            for token in _rjieba_cut()(part):
                if _HAS_WORD.search(token):
                    terms[token] += 1
            previous = None
            continue
        for word, stemmed in latin_tokens(part):
            if word not in STOP_WORDS:
                terms[stemmed] += 1
                if latin is not None:
                    latin[word] = stemmed
                if spellings is not None and stemmed != word:
                    spellings[word] += 1
            if pairs is not None:
                if previous is not None:
                    pairs.append(previous + " " + stemmed)
                previous = stemmed
    return terms


def latin_stems(folded: str) -> list[str]:
    """The stems of the Latin words of *folded*, in order, stop words included."""
    return [stemmed for _, stemmed in latin_tokens(CJK_RUN.sub(" ", visible(folded)))]


def query_words(folded: str) -> list[str]:
    """Word terms of a query string, in order (the ranking side of a query)."""
    return list(words(folded))


def is_cjk(text: str) -> bool:
    return bool(CJK_CHAR.search(text))


# -- term keys -----------------------------------------------------------------------------

BODY_GRAM, TITLE_GRAM, BODY_WORD, TITLE_WORD, WORD_PAIR, SPELLING = 1, 2, 3, 4, 5, 6
_KIND_SHIFT = np.uint64(60)
_LOW60 = (1 << 60) - 1


# Not cached: an LRU cache of 400,000 terms held ~80 MB in each index worker once full,
# and hashing a short term (~0.5 us) is no slower than looking it up (without the
# cache, analysing an article took 5-10 % less CPU; issue 16).
def _word_hash(term: str) -> int:
    return (
        int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")
        & _LOW60
    )


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
    keys = np.concatenate(
        [
            tag | (first << np.uint64(21)) | second,
            tag | (codes[ends].astype(np.uint64) << np.uint64(21)),
        ]
    )
    return keys, np.concatenate([starts, ends])


def position_signatures(keys: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
    return ((signatures >> np.uint8(shift)) | (signatures << np.uint8(8 - shift))).astype(np.uint8)


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
    latin: dict[str, str] = field(default_factory=dict)  # Latin word -> its stem


def _word_arrays(terms: Counter[str], kind: int) -> tuple[np.ndarray, np.ndarray]:
    keys = np.fromiter((word_key(t, kind) for t in terms), dtype=np.uint64, count=len(terms))
    tfs = np.fromiter(terms.values(), dtype=np.int64, count=len(terms))
    return keys, tfs


def analyse(title: str, body: str) -> DocTerms:
    """Fold, segment, stem and pair one article: the costly, parallel part of indexing."""
    folded_title, folded_body = visible(fold(title)), visible(fold(body))
    latin: dict[str, str] = {}
    pairs: list[str] = []
    spellings: Counter[str] = Counter()
    body_words = words(folded_body, latin, pairs, spellings)
    title_words = words(folded_title, latin, pairs, spellings)
    body_keys, body_at = gram_keys(folded_body, BODY_GRAM)
    title_keys, title_at = gram_keys(folded_title, TITLE_GRAM)
    gram_unique, gram_counts = position_signatures(  # a pair's "tf" is its signature
        np.concatenate([body_keys, title_keys]), np.concatenate([body_at, title_at])
    )
    bw_keys, bw_tfs = _word_arrays(body_words, BODY_WORD)
    tw_keys, tw_tfs = _word_arrays(title_words, TITLE_WORD)
    pair_keys, pair_tfs = _word_arrays(Counter(pairs), WORD_PAIR)
    spelling_keys, spelling_tfs = _word_arrays(spellings, SPELLING)
    keys = np.concatenate([gram_unique, bw_keys, tw_keys, pair_keys, spelling_keys])
    tfs = np.concatenate([gram_counts, bw_tfs, tw_tfs, pair_tfs, spelling_tfs])
    keys, first = np.unique(keys, return_index=True)  # a hash could meet another: merge
    return DocTerms(
        keys=keys,
        tfs=np.minimum(tfs[first], 255).astype(np.uint8),
        body_length=int(sum(body_words.values())),
        title_length=int(sum(title_words.values())),
        latin=latin,
    )
