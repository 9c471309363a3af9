"""Merging posting segments: fewer, larger segments, so a query's cost stops growing with
the number of segments.

Why: a query looks every key up in every segment, and each look-up costs a fixed ~50 us
of NumPy calls whatever the segment's size. Segments are built small (``sync.SEGMENT_MB``
of term arrays, ~1,100 articles: that bounds an indexing worker's memory), so 300,000
articles made ~200 of them and a query cost 4x the 100,000 figure, not the ~1.5x the
data's growth explains. Merging them in tiers (``plan``) keeps the count near
N / MERGE_DOCS.

A merge reads its segments' arrays (checked block by block first: damage must not be
copied into a new file with good checksums), keeps only the live articles, and writes one
segment. It works a range of keys at a time and spills the large arrays to temporary files
(``SpilledArray``), so its memory is bounded by ``MERGE_MB``, not by the segment it
writes. The new file is registered in one manifest transaction; the old ones then hold no
live article and go. A crash leaves an unlisted file, which the next sync sweeps.
"""

from __future__ import annotations

import contextlib
import math
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from reader.search.postings import (
    MAX_SEGMENT_DOCS,
    SPARSE,
    Segment,
    SpilledArray,
    write_arrays,
)

MERGE_DOCS = 16_384  # a merged segment's size: 300,000 articles in about 20 segments
MERGE_MIN = 4  # fewer small segments than this are not worth a merge
MERGE_MB = 64.0  # temporary arrays of one key range: the merge's memory, whatever it writes
BYTES_PER_POSTING = 32  # of those arrays, per posting of the range: gathered keys (8 bytes),
# document numbers (4) and counts (1), their concatenation, the sort's order (8) and its
# work space, the live masks; measured with tracemalloc (tests/search/test_memory_bounds.py)


def chunk_postings() -> int:
    """Postings sorted at once: as many as MERGE_MB holds (~2 million)."""
    return max(1, int(MERGE_MB * 2**20) // BYTES_PER_POSTING)


def tiers() -> tuple[tuple[int, int, int], ...]:
    """(target, minimum, floor) of each merge tier, in order: small segments into
    MERGE_DOCS; then three of those into one of up to 65,535 (300,000 articles in ~8
    segments instead of ~20: each query pays ~50 us a segment and key; p50 at 300,000
    went from 10.0-10.8 to 8.0-9.5 ms). The second tier takes only first-tier segments
    (its floor), so adding a few articles never rewrites a large segment."""
    return ((MERGE_DOCS, MERGE_MIN, 0), (MAX_SEGMENT_DOCS, 3, MERGE_DOCS // 2))


def plan(
    stats: Sequence[tuple[str, int, int]],
    *,
    target: int | None = None,
    minimum: int = MERGE_MIN,
    floor: int = 0,
) -> list[list[str]]:
    """Groups of segments to merge, from ``(name, docs, live)`` in creation order.

    Segments with fewer than half *target* live articles are packed, oldest first, into
    groups of at most *target* live articles; a group of fewer than *minimum* segments is
    left for later (merging two segments to save one look-up is not worth the rewrite).
    Merged segments are at least half *target*, so they are not merged again until their
    articles are mostly replaced; the number of segments stays near N / (target / 2).
    Segments with fewer than *floor* live articles are left to a lower tier.
    """
    target = min(target or MERGE_DOCS, MAX_SEGMENT_DOCS)
    groups: list[list[str]] = []
    group: list[str] = []
    total = 0
    for name, _docs, live in stats:
        if live <= 0 or live >= target // 2 or live < floor:
            continue
        if total + live > target:
            if len(group) >= minimum:
                groups.append(group)
            group, total = [], 0
        group.append(name)
        total += live
    if len(group) >= minimum:
        groups.append(group)
    return groups


def _boundaries(parts: Sequence[tuple[Segment, np.ndarray]]) -> np.ndarray:
    """Key values that cut the merged key space into ranges of about ``chunk_postings()``
    postings each, from the segments' in-memory sample of every SPARSE-th key, each
    weighted by the postings up to the next sampled key. Ranges even in *keys* were not
    even in postings: a word key has thousands, a character pair one or two, so one range
    (the word keys, sorted last) held five times the others and set the merge's peak."""
    postings = sum(int(seg.docnums.size) for seg, _ in parts)
    count = max(1, math.ceil(postings / chunk_postings()))
    if count == 1:
        return np.zeros(0, dtype=np.uint64)
    samples, weights = [], []
    for seg, _ in parts:
        sample = np.asarray(seg.arrays["sparse"])
        if not sample.size:
            continue
        at = np.minimum(np.arange(sample.size + 1, dtype=np.int64) * SPARSE, seg.keys.size)
        starts = np.asarray(seg.offsets[at], dtype=np.int64)
        samples.append(sample)
        weights.append(np.diff(starts))
    if not samples:
        return np.zeros(0, dtype=np.uint64)
    sample = np.concatenate(samples)
    order = np.argsort(sample, kind="stable")
    sample, cumulative = sample[order], np.cumsum(np.concatenate(weights)[order])
    # a cut before the sampled key whose run starts past each multiple of the chunk
    targets = np.arange(1, count, dtype=np.int64) * (int(cumulative[-1]) / count)
    picks = np.searchsorted(cumulative, targets, side="right") + 1
    picks = picks[picks < sample.size]
    return np.unique(sample[picks])


def _vocab(parts: Sequence[tuple[Segment, np.ndarray]]) -> np.ndarray:
    merged: dict[str, str] = {}
    for seg, _ in parts:
        raw = bytes(seg.arrays["vocab"]).decode("utf-8", errors="replace")
        for line in raw.split("\n"):
            if "\t" in line:
                word, stem = line.split("\t", 1)
                merged[word] = stem
    text = "\n".join(f"{w}\t{s}" for w, s in sorted(merged.items()))
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def merge_segments(folder: Path, parts: Sequence[tuple[Segment, np.ndarray]]) -> str | None:
    """Write the live articles of *parts* (``(segment, live mask)`` each) as one new
    segment in *folder*; return its name (None when no article is live).

    Raises StoreDamaged if a block of a source segment fails its checksum."""
    parts = [(seg, np.asarray(mask, dtype=bool)) for seg, mask in parts]
    for seg, _ in parts:
        seg.verify_all()
        seg.release_pages()
    live = sum(int(mask.sum()) for _, mask in parts)
    if live == 0:
        return None
    if live > MAX_SEGMENT_DOCS:
        raise ValueError(f"a segment holds at most {MAX_SEGMENT_DOCS} documents")
    # Local document numbers in the new segment: live articles in order, segment by segment
    # (so a key's postings, gathered segment by segment, stay in ascending order).
    remaps: list[np.ndarray] = []
    base = 0
    for _seg, mask in parts:
        remap = np.full(mask.size, -1, dtype=np.int32)
        remap[mask] = base + np.arange(int(mask.sum()))
        remaps.append(remap)
        base += int(mask.sum())

    name = f"seg-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}.post"
    spill = {
        key: SpilledArray(folder / f"{name}.{key}.tmp", dtype)
        for key, dtype in (
            ("keys", np.uint64),
            ("offsets", np.uint32),
            ("docnums", np.uint16),
            ("tfs", np.uint8),
        )
    }
    try:
        sparse: list[np.ndarray] = []
        unique_so_far = 0
        postings_so_far = 0
        cuts = _boundaries(parts)
        edges = [None, *cuts.tolist(), None]
        for low, high in zip(edges[:-1], edges[1:], strict=True):
            keys_parts, docs_parts, tfs_parts = [], [], []
            for (seg, _mask), remap in zip(parts, remaps, strict=True):
                n = int(seg.keys.size)
                lo = 0 if low is None else int(np.searchsorted(seg.keys, np.uint64(low)))
                hi = n if high is None else int(np.searchsorted(seg.keys, np.uint64(high)))
                if lo >= hi:
                    continue
                offsets = np.asarray(seg.offsets[lo : hi + 1], dtype=np.int64)
                start, end = int(offsets[0]), int(offsets[-1])
                docs = remap[seg.docnums[start:end]]
                keep = docs >= 0
                keys_parts.append(np.repeat(np.asarray(seg.keys[lo:hi]), np.diff(offsets))[keep])
                docs_parts.append(docs[keep])
                tfs_parts.append(np.asarray(seg.tfs[start:end])[keep])
            for seg, _ in parts:
                seg.release_pages()
            if not keys_parts:
                continue
            keys = np.concatenate(keys_parts)
            del keys_parts
            order = np.argsort(keys, kind="stable")  # stable: document numbers ascend
            docs = np.concatenate(docs_parts)[order]
            del docs_parts
            tfs = np.concatenate(tfs_parts)[order]
            del tfs_parts
            keys = keys[order]
            del order
            if not keys.size:
                continue
            first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
            unique = keys[first]
            del keys
            # a copy: a strided view would keep every range's keys alive to the end
            sparse.append(unique[(-unique_so_far) % SPARSE :: SPARSE].copy())
            spill["keys"].append(unique)
            spill["offsets"].append(first + postings_so_far)
            spill["docnums"].append(docs)
            spill["tfs"].append(tfs)
            unique_so_far += int(unique.size)
            postings_so_far += int(docs.size)
        if postings_so_far >= 2**32:
            raise ValueError("too many postings for one segment")
        spill["offsets"].append(np.asarray([postings_so_far]))
        masks = [mask for _, mask in parts]

        def live_of(key: str) -> np.ndarray:
            return np.concatenate(
                [seg.arrays[key][mask] for (seg, _), mask in zip(parts, masks, strict=True)]
            )

        versions = [
            v
            for (seg, _), mask in zip(parts, masks, strict=True)
            for v, keep in zip(seg.versions, mask.tolist(), strict=True)
            if keep
        ]
        arrays: dict[str, np.ndarray | SpilledArray] = {
            "keys": spill["keys"],
            "sparse": (np.concatenate(sparse) if sparse else np.zeros(0, dtype=np.uint64)).astype(
                np.uint64
            ),
            "offsets": spill["offsets"],
            "docnums": spill["docnums"],
            "tfs": spill["tfs"],
            "ids": live_of("ids"),
            "dates": live_of("dates"),
            "body_lengths": live_of("body_lengths"),
            "title_lengths": live_of("title_lengths"),
            "vocab": _vocab(parts),
        }
        write_arrays(folder / name, arrays, {"versions": versions})
    finally:
        for array in spill.values():
            with contextlib.suppress(OSError):
                array.discard()
    return name
