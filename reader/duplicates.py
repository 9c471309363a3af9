"""The same story saved twice: near-duplicate signatures and the grouping of copies.

Scraped archives hold one article many times: re-posted by several sites with their own
footers, saved twice, cut to a teaser, lightly edited. Two texts are copies when the
sets of their character 5-grams (shingles) mostly agree (Jaccard similarity), or when the
shorter one is mostly inside the longer one (containment: a teaser is the first part of
its story). Character shingles of folded text, with spaces and punctuation dropped, work
the same for Chinese, which has no spaces, and English, and make a Traditional re-post
of a Simplified story a copy of it (folding is the search's: ``analysis.fold``).

Each article gets a MinHash signature (64 values) of its shingle set, computed in the
importer's worker processes. The scheme is datasketch's ``affine32`` MinHash (its
permutation parameters and its MurmurHash3 pre-mix), so ``datasketch.MinHash(
hashvalues=..., scheme="affine32")`` reads a signature back and agrees with it (the tests
check this against datasketch itself); the shingles' hashes and the permutations are
computed here, with NumPy on the whole array at once, because datasketch hashes each
shingle in Python (measured: too slow for 100,000 articles). 64 values rather than the
128 of before halve the permuting, the largest part of a signature (0.07 ms of 0.24 for
a 3,300-character article), and the bytes stored and compared; the estimate of a
Jaccard of 0.5 is then +-0.06 (one standard deviation) instead of +-0.04. Measured with
``bench/duplicates_bench.py`` at 100,000 articles and 10,000 planted copies: precision
0.9998 and recall 0.9998 (teasers 0.9997), against 1.0000 and 0.9997 (0.9994) with 128
values; 64 values with the containment still derived from the Jaccard lost teasers
(recall 0.9978, teasers 0.9935), hence ``estimated_similarity`` reading it from the
values. A library signed with 128 values is signed again by its next grouping pass
(``reader.catalogue.copies``): signatures of two sizes cannot be compared.

Candidates come from banding (LSH: 21 bands of 3 values, the 64th value only estimates;
two copies with Jaccard 0.5 share a band with probability 0.94, at 0.7 with 0.9999, at
0.1 with 0.02; the 32 bands of 4 of 128 values gave 0.87, 0.9998 and 0.003, and 16 bands
of 4 of 64 would give only 0.64 at 0.5, 32 of 2 as many as 0.28 at 0.1) and from the
openings of the first paragraphs (their first ``OPENING_CHARS`` folded characters: a
teaser starts like its story, but its Jaccard with it, 0.3 for a third, is too low for
the bands); each candidate pair is then verified on the estimated Jaccard and
containment, and the copies are joined by union-find, so grouping is symmetric and
transitive. The banding is done here with sorted NumPy arrays rather than with
``datasketch.MinHashLSH``: measured at 100,000 signatures, MinHashLSH (25 bands) took
838 MB and 24 s to fill; the whole pass here, at 110,000, took 2-4 s and 115 MB at its
peak with 128 values (56 MB of it the signatures; half that now).

This module computes and compares; it never reads or writes the catalogue
(``reader.catalogue.copies`` does) and never imports Qt.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from reader.article import Article

NUM_PERM = 64  # MinHash values per signature (256 bytes stored; 128 until issue 14's end)
SEED = 1  # datasketch's default seed: its permutation parameters
SHINGLE = 5  # characters per shingle, after spaces and punctuation are dropped
BANDS, ROWS = 21, 3  # LSH bands x values per band: 63 of the NUM_PERM values
OPENING_CHARS = 40  # folded characters of a paragraph's opening a teaser shares
OPENINGS = 3  # paragraphs whose openings are keys (a repeated title may come first)
OPENING_PARAGRAPHS = 8  # ... looked for among the first this many
SAMPLE = 4  # one shingle in SAMPLE (by its hash: the same ones in every text) is kept;
# a power of two (the sample is a mask of the hash's low bits)
MIN_SHINGLES = 8  # kept shingles: a shorter body (~35 characters) is nobody's copy
JACCARD_MIN = 0.5  # estimated Jaccard at or above which two texts are copies
# Or, for two texts whose paragraphs open alike (a teaser and its story): this share of
# the shorter text inside the longer one, at least this Jaccard (a 1/8 teaser at worst),
# and a shorter text of ~100 characters at least. Only with a shared opening: when the
# containment was estimated from a low Jaccard it was noisy (a third of a story: +-0.1),
# and without that evidence texts written from one small vocabulary passed (measured on
# the generated English of bench/make_corpus.py: an estimate of 0.85 for a true 0.6).
# It is now read from the values (``estimated_similarity``), which is steadier, but the
# shared opening stays the evidence a short text is a teaser.
CONTAINMENT_MIN = 0.7
CONTAINMENT_JACCARD_MIN = 0.12
CONTAINMENT_MIN_SHINGLES = 25
RUN_CAP = 64  # an opening shared by more articles than this is boilerplate, not a story
HASH_CHUNK = 4096  # shingles permuted at once (bounds memory on a huge article)
PAIR_CHUNK = 8192  # candidate pairs compared at once (2 x 4 MB of signatures)

_NOT_WORD = re.compile(r"[\W_]+")
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(slots=True)
class CopySignature:
    """What the grouping needs of one article: its MinHash values (uint32), how many
    (sampled) distinct shingles its body has, and the keys of its first paragraphs'
    openings (``opening_keys``)."""

    hashvalues: np.ndarray
    shingles: int
    openings: tuple[int, ...] = ()

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    def openings_bytes(self) -> bytes | None:
        return np.array(self.openings, dtype="<i8").tobytes() if self.openings else None

    @staticmethod
    def values_from_bytes(raw: bytes) -> np.ndarray:
        return np.frombuffer(raw, dtype="<u4").astype(np.uint32)

    @staticmethod
    def openings_from_bytes(raw: bytes | None) -> np.ndarray:
        """A row of ``OPENINGS`` keys, -1 where there are fewer."""
        row = np.full(OPENINGS, -1, dtype=np.int64)
        if raw:
            keys = np.frombuffer(raw, dtype="<i8")[:OPENINGS]
            row[: len(keys)] = keys
        return row


def body_text(article: Article) -> str:
    """The part of an article that copies share: its paragraphs, headings and lists.
    Not the title (re-posts retitle a story: a site prefix, a shortened headline) and
    not captions or credits (a photo credit is not the story)."""
    return "\n".join(b.text for b in article.blocks if b.kind not in ("caption", "credit"))


def normalise(text: str) -> str:
    """*text* folded as search folds it (case, width, accents, Traditional to
    Simplified), with every space, punctuation mark and symbol dropped: a re-post that
    re-wrapped lines or swapped full-width for half-width punctuation is the same text."""
    from reader.search.analysis import fold

    return _NOT_WORD.sub("", fold(text))


def shingle_hashes(normalised: str) -> np.ndarray:
    """The distinct 32-bit hashes of the ``SHINGLE``-character shingles of
    *normalised* that the sample keeps (hash divisible by ``SAMPLE``), sorted."""
    return shingle_hashes_of(np.frombuffer(normalised.encode("utf-32-le"), dtype=np.uint32))


def shingle_hashes_of(codes: np.ndarray) -> np.ndarray:
    """``shingle_hashes`` of text given as its code points.

    Sampling by the hash keeps the same shingles of every text, so the Jaccard and the
    containment of two sampled sets estimate those of the whole sets; it cuts the
    permuting, the cost of a signature, by SAMPLE (measured: 0.30 ms to 0.07 ms for a
    3,000-character article)."""
    count = len(codes) - SHINGLE + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32)
    # In place (no temporary array a step): 30% of the shingles' time was allocating.
    with np.errstate(over="ignore"):  # FNV-1a over the characters, then a final mix
        h = np.full(count, 0x811C9DC5, dtype=np.uint32)
        for i in range(SHINGLE):
            np.bitwise_xor(h, codes[i : i + count], out=h)
            np.multiply(h, np.uint32(0x01000193), out=h)
        h ^= h >> np.uint32(15)
        h *= np.uint32(0x2C1B3C6D)
        h ^= h >> np.uint32(12)
    kept = np.sort(h[(h & np.uint32(SAMPLE - 1)) == 0])  # SAMPLE is a power of two
    return kept[np.r_[True, kept[1:] != kept[:-1]]] if len(kept) else kept


WORD_TABLE_SIZE = 0x30000  # code points classified one by one; above: kept (CJK ext.)


@lru_cache(maxsize=1)
def _word_table() -> np.ndarray:
    """Which code points ``normalise`` keeps (letters and digits of every script, as the
    regular expression's ``\\w`` less ``_``), as a table over all of Unicode, so a
    whole text is filtered by one NumPy look-up instead of a regular expression (0.11
    ms for 3,000 characters, more than the shingles and the MinHash together). Those
    above ``WORD_TABLE_SIZE`` are kept without asking (padding, not a loop: a look-up
    with no bounds check was 0.006 ms faster an article than clipping and choosing).
    Built once a process (~30 ms)."""
    asked = np.fromiter(
        (chr(c).isalnum() for c in range(WORD_TABLE_SIZE)), dtype=bool, count=WORD_TABLE_SIZE
    )
    return np.concatenate([asked, np.ones(sys.maxunicode + 1 - WORD_TABLE_SIZE, dtype=bool)])


def normalised_codes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """*text* normalised (``normalise``) as code points, and the bounds of its first
    ``OPENING_PARAGRAPHS`` lines (paragraphs) that keep a character: line k is
    ``codes[bounds[k]:bounds[k + 1]]``.

    The bounds come from a count of the kept characters line by line (one
    ``np.add.reduceat``), not from a line number for every character (a cumulative sum
    the length of the text, and its copy: 0.01 ms an article)."""
    from reader.search.analysis import fold

    codes = np.frombuffer(fold(text).encode("utf-32-le"), dtype=np.uint32)
    keep = _word_table()[codes]
    starts = np.flatnonzero(codes == 10) + 1
    starts = np.r_[0, starts[starts < len(codes)]]
    per_line = np.add.reduceat(keep, starts, dtype=np.int64) if len(codes) else starts
    ends = np.cumsum(per_line)
    filled = np.flatnonzero(per_line)[:OPENING_PARAGRAPHS]
    bounds = np.r_[ends[filled] - per_line[filled], ends[filled[-1:]]]
    return codes[keep], bounds


@lru_cache(maxsize=1)
def permutations() -> tuple[np.ndarray, np.ndarray]:
    """The ``affine32`` permutation parameters (a, b) datasketch 2.x draws for
    ``NUM_PERM`` and ``SEED`` (``MinHash._init_permutations``: NumPy's RandomState, odd
    multipliers), drawn the same way here; ``tests/test_duplicates.py`` checks they are
    datasketch's. Not imported from it at run time: ``import datasketch`` loads SciPy
    (measured: 0.68 s, in every import's worker processes) for these 256 numbers."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, the pre-mix datasketch's ``affine32`` applies to
    every input hash before permuting it."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The MinHash values of a set given as its 32-bit hashes: what
    ``datasketch.MinHash(scheme="affine32", hashfunc=int).update_batch(hashes)`` gives,
    for a whole array at once (in chunks, so a huge article needs no huge matrix). A
    permutation a row, so each minimum runs along contiguous memory (measured: 0.034
    ms rather than 0.045 for 650 shingles and 64 values, a shingle a row)."""
    a, b = permutations()
    values = np.full(NUM_PERM, np.uint32(0xFFFFFFFF), dtype=np.uint32)
    mixed = _fmix32(np.asarray(hashes, dtype=np.uint32))
    buffer = np.empty((NUM_PERM, min(len(mixed), HASH_CHUNK)), dtype=np.uint32)
    for start in range(0, len(mixed), HASH_CHUNK):
        part = mixed[start : start + HASH_CHUNK]
        block = buffer[:, : len(part)]
        np.multiply(a[:, None], part, out=block)  # in place: no temporaries (4x faster)
        np.add(block, b[:, None], out=block)
        np.minimum(values, block.min(axis=1), out=values)
    return values


def opening_keys(codes: np.ndarray, bounds: np.ndarray) -> tuple[int, ...]:
    """63-bit keys of the openings (first ``OPENING_CHARS`` characters) of the first
    ``OPENINGS`` paragraphs long enough to have one, among the first
    ``OPENING_PARAGRAPHS`` (a repeated title, a dateline or a credit is too short and is
    passed over); *codes* and *bounds* as ``normalised_codes`` gives them."""
    keys: list[int] = []
    edges = bounds.tolist()
    for start, end in zip(edges[:-1], edges[1:], strict=True):
        if end - start >= OPENING_CHARS:
            head = codes[start : start + OPENING_CHARS].astype("<u4").tobytes()
            digest = hashlib.blake2b(head, digest_size=8).digest()
            keys.append(int.from_bytes(digest, "little") >> 1)
            if len(keys) == OPENINGS:
                break
    return tuple(keys)


def signature_of_text(text: str) -> CopySignature | None:
    """*text*'s signature (its paragraphs one a line, as ``body_text`` joins them), or
    None when it is too short to be called anyone's copy. The text is normalised once,
    as code points, for the paragraphs' openings and the shingles of the whole."""
    codes, bounds = normalised_codes(text)
    hashes = shingle_hashes_of(codes)
    if len(hashes) < MIN_SHINGLES:
        return None
    return CopySignature(minhash(hashes), len(hashes), opening_keys(codes, bounds))


def signature_of(article: Article) -> CopySignature | None:
    """The signature of *article*'s body (``body_text``); None when too short."""
    return signature_of_text(body_text(article))


# -- comparing -----------------------------------------------------------------------------


def estimated_similarity(
    a: np.ndarray, b: np.ndarray, shingles_a: np.ndarray, shingles_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Row by row: the estimated Jaccard of two signature matrices (the share of equal
    values, as ``datasketch.MinHash.jaccard``) and the estimated containment of the
    smaller set in the larger, |A∩B| / |A| for A the smaller.

    The containment is read from the values themselves: under one permutation the
    least of A∪B is in both (the values are equal) with odds |A∩B| / |A∪B|, and in A
    alone (A's value is the lower) with |A-B| / |A∪B|, so equal / (equal + A lower)
    estimates |A∩B| / |A|. A teaser inside its story has almost no value below the
    story's, whatever the noise in its Jaccard; the estimate from the Jaccard and the
    sizes it replaces, (J / (1 + J)) (|A| + |B|) / |A|, carried that noise (a third of a
    story: +-0.1 with 128 values, +-0.14 with 64, and 0.6% of the teasers fell under
    ``CONTAINMENT_MIN`` at 100,000 articles)."""
    equal = a == b
    same = np.count_nonzero(equal, axis=1)
    jaccard = same / a.shape[1]
    a_smaller = (shingles_a <= shingles_b)[:, None]
    small, large = np.where(a_smaller, a, b), np.where(a_smaller, b, a)
    below = np.count_nonzero(small < large, axis=1)
    containment = same / np.maximum(1, same + below)
    return jaccard, containment


def are_copies(
    jaccard: np.ndarray,
    containment: np.ndarray,
    shingles_a: np.ndarray,
    shingles_b: np.ndarray,
    same_opening: np.ndarray,
) -> np.ndarray:
    """Which pairs are copies: near-equal texts, or a shorter text (a teaser) that
    opens like the longer one and is mostly contained in it."""
    smaller = np.minimum(shingles_a, shingles_b)
    contained = (
        same_opening
        & (containment >= CONTAINMENT_MIN)
        & (jaccard >= CONTAINMENT_JACCARD_MIN)
        & (smaller >= CONTAINMENT_MIN_SHINGLES)
    )
    return np.asarray((jaccard >= JACCARD_MIN) | contained)


def _run_pairs(keys: np.ndarray, cap: int | None = None) -> np.ndarray:
    """Index pairs (i, j) of rows whose *keys* are equal: within each run of equal keys,
    every member with the run's first and with its neighbour (all pairs of a run of up
    to three; linear, not quadratic, in a large one). Runs longer than *cap* are left
    out (an opening every article of a site shares)."""
    if len(keys) < 2:
        return np.empty((0, 2), dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.ones(len(ordered), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    run_id = np.cumsum(starts) - 1
    run_start = np.flatnonzero(starts)
    run_length = np.diff(np.append(run_start, len(ordered)))
    keep = run_length[run_id] >= 2
    if cap is not None:
        keep &= run_length[run_id] <= cap
    positions = np.flatnonzero(keep & ~starts)
    first = order[run_start[run_id[positions]]]
    neighbour = order[positions - 1]
    this = order[positions]
    pairs = np.concatenate([np.stack([first, this], axis=1), np.stack([neighbour, this], axis=1)])
    return pairs[pairs[:, 0] != pairs[:, 1]]


def band_key(values: np.ndarray, band: int) -> np.ndarray:
    """One 64-bit key per row of a signature matrix (n x NUM_PERM uint32) for *band*
    (its ``ROWS`` values), one band at a time: all at once took 28 MB at 110,000. Two
    values are packed whole into 64 bits; a third is mixed in (two rows' keys then
    agree by chance with odds of about 2**-32: a spurious candidate, which verifying
    drops)."""
    part = values[:, band * ROWS : (band + 1) * ROWS]
    with np.errstate(over="ignore"):
        if ROWS >= 2:
            keys = (part[:, 0].astype(np.uint64) << np.uint64(32)) | part[:, 1]
            rest = 2
        else:
            keys, rest = part[:, 0].astype(np.uint64), 1
        for i in range(rest, ROWS):
            keys = keys * _BAND_MIX + part[:, i]
    return keys


def candidate_pairs(values: np.ndarray, openings: np.ndarray) -> np.ndarray:
    """Row-index pairs (i < j) worth verifying: rows sharing an LSH band, or sharing a
    paragraph's opening (*openings*: n x OPENINGS keys, -1 where there is none)."""
    parts = []
    for band in range(BANDS):
        parts.append(_run_pairs(band_key(values, band)))
    openings = openings.reshape(len(values), -1)
    rows = np.repeat(np.arange(len(values)), openings.shape[1])
    flat = openings.ravel()
    has_opening = np.flatnonzero(flat >= 0)
    if len(has_opening) > 1:
        pairs = _run_pairs(flat[has_opening], cap=RUN_CAP)
        parts.append(rows[has_opening][pairs])
    if not parts:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(parts).astype(np.int64)
    pairs = np.sort(pairs, axis=1)
    n = max(1, values.shape[0])
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


class UnionFind:
    """Disjoint sets over 0..n-1 (path halving, union by lower root: a component's root
    is its lowest index, so its first copy when indexes follow ids)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            if rj < ri:
                ri, rj = rj, ri
            self.parent[rj] = ri


@dataclass(slots=True)
class Grouping:
    """The outcome of ``group_signatures``: ``groups[id]`` is the first copy's id (the
    lowest) for every article that has another copy; articles alone are not in it."""

    groups: dict[int, int]
    candidates: int  # pairs verified
    copies: int  # pairs found to be copies


def group_signatures(
    ids: Sequence[int], values: np.ndarray, shingles: np.ndarray, openings: np.ndarray
) -> Grouping:
    """Group articles into stories. *ids* ascending; row i of *values* (n x NUM_PERM
    uint32), *shingles* and *openings* (n x OPENINGS, -1: none) belong to ``ids[i]``."""
    n = len(ids)
    if n < 2:
        return Grouping({}, 0, 0)
    openings = openings.reshape(n, -1)
    pairs = candidate_pairs(values, openings)
    copies = np.zeros(0, dtype=bool)
    if len(pairs):
        left, right = pairs[:, 0], pairs[:, 1]
        copies = np.zeros(len(pairs), dtype=bool)
        for start in range(0, len(pairs), PAIR_CHUNK):  # bounded temporaries
            part = slice(start, start + PAIR_CHUNK)
            jaccard, containment = estimated_similarity(
                values[left[part]], values[right[part]], shingles[left[part]], shingles[right[part]]
            )
            a, b = openings[left[part]], openings[right[part]]
            same_opening = ((a[:, :, None] == b[:, None, :]) & (a[:, :, None] >= 0)).any(
                axis=(1, 2)
            )
            copies[part] = are_copies(
                jaccard, containment, shingles[left[part]], shingles[right[part]], same_opening
            )
    joined = pairs[copies]
    sets = UnionFind(n)
    for i, j in joined.tolist():
        sets.union(i, j)
    roots = [sets.find(i) for i in range(n)]
    size: dict[int, int] = {}
    for r in roots:
        size[r] = size.get(r, 0) + 1
    groups = {ids[i]: ids[r] for i, r in enumerate(roots) if size[r] > 1}
    return Grouping(groups, int(len(pairs)), int(len(joined)))


def components(pairs: Iterable[tuple[int, int]]) -> list[set[int]]:
    """The connected components of an undirected graph given as edges (for tests and
    the bench's truth: planted copies of copies are one story)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    out: dict[int, set[int]] = {}
    for x in list(parent):
        out.setdefault(find(x), set()).add(x)
    return list(out.values())
