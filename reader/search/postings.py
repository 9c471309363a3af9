"""The full-text side of the index: sorted integer term keys and their postings, in NumPy.

Why not Whoosh's own postings: measured on the generated corpus (8 KB articles, about
900 distinct words and 1,600 distinct CJK bigrams each), Whoosh's pure-Python writer cost
8 ms per article for the words alone and stored them in 2.4x the text, and merging a
50,000-document posting list through its Python matchers costs over 100 ms a query. Here
the same work is array operations: an article's terms are integer keys (see
``analysis.analyse``), a segment holds a few thousand articles as sorted arrays written in
one file, and a query looks every key up in every segment with one ``searchsorted`` call.
Whoosh keeps the per-article record and the metadata fields (see ``whoosh_engine``).

A segment file is immutable: a small JSON header naming its arrays, then the arrays, each
aligned to 64 bytes, memory-mapped when read. ``store.sqlite3`` (the manifest) lists the
segments and, for each article, the segment holding its current version; postings of older
versions are masked out at search time and dropped when segments are compacted. Files are
written under a temporary name and renamed, and the manifest changes in one transaction,
so a crash leaves either the old or the new state. The whole folder is derived data,
rebuilt from the catalogue whenever it is missing or damaged.
"""

from __future__ import annotations

import bisect
import json
import mmap
import os
import sqlite3
import struct
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reader.search.analysis import DocTerms

MAGIC = b"ARPOST1\n"
SPARSE = 256
_MAPPED = frozenset({"keys", "offsets", "docnums", "tfs"})  # large: stay on disk
_RANDOM = frozenset({"keys", "offsets"})  # read a page here and there
ALIGN = 64
MAX_SEGMENT_DOCS = 65_535  # local document numbers are 16-bit


class StoreDamaged(Exception):
    """The posting store cannot be trusted: the caller rebuilds it."""


# -- one segment ---------------------------------------------------------------------------

@dataclass(slots=True)
class SegmentDoc:
    """What a segment records of one article besides its terms."""

    article_id: int
    version: str
    date: int  # YYYYMMDD, 0 when unknown (a month or year alone: day or month 00)
    terms: DocTerms


def date_number(date: str | None) -> int:
    """``2023-05-15`` -> 20230515; ``2023-05`` -> 20230500; unknown -> 0."""
    if not date:
        return 0
    digits = date.replace("-", "")[:8]
    if not digits.isdigit():
        return 0
    return int(digits.ljust(8, "0"))


class SegmentBuilder:
    """Collects analysed articles and writes them as one segment file.

    Keeps only the arrays of each article (not its analysis objects) and sorts once at
    the end, trimming copies as it goes: building is the peak of a worker's memory."""

    def __init__(self) -> None:
        self._keys: list[np.ndarray] = []
        self._tfs: list[np.ndarray] = []
        self._ids: list[int] = []
        self._versions: list[str] = []
        self._dates: list[int] = []
        self._body: list[int] = []
        self._title: list[int] = []
        self._opencc: list[bool] = []
        self._latin: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, doc: SegmentDoc) -> None:
        if len(self._ids) >= MAX_SEGMENT_DOCS:
            raise ValueError(f"a segment holds at most {MAX_SEGMENT_DOCS} documents")
        t = doc.terms
        self._keys.append(t.keys)
        self._tfs.append(t.tfs)
        self._ids.append(doc.article_id)
        self._versions.append(doc.version)
        self._dates.append(doc.date)
        self._body.append(t.body_length)
        self._title.append(t.title_length)
        self._opencc.append(t.needs_opencc)
        self._latin.update(t.latin)

    def write(self, folder: Path) -> str:
        """Write the segment file (atomically); return its name."""
        if not self._ids:
            raise ValueError("an empty segment")
        n = len(self._ids)
        sizes = np.fromiter((k.size for k in self._keys), dtype=np.int64, count=n)
        keys = np.concatenate(self._keys)
        self._keys.clear()
        tfs = np.minimum(np.concatenate(self._tfs), 255).astype(np.uint8)
        self._tfs.clear()
        docnums = np.repeat(np.arange(n, dtype=np.uint16), sizes)
        order = np.argsort(keys, kind="stable")  # stable: document numbers stay ascending
        tfs = tfs[order]
        docnums = docnums[order]
        del order
        keys.sort()  # in place: the same order as keys[order], without a third copy
        if keys.size:
            first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        else:
            first = np.zeros(0, dtype=np.int64)
        unique = keys[first]
        del keys
        offsets = np.append(first, tfs.size).astype(np.uint32)
        vocab = "\n".join(f"{w}\t{s}" for w, s in sorted(self._latin.items()))
        arrays: dict[str, np.ndarray] = {
            "keys": unique,
            "sparse": np.ascontiguousarray(unique[::SPARSE]),
            "offsets": offsets,
            "docnums": docnums,
            "tfs": tfs,
            "ids": np.asarray(self._ids, dtype=np.int64),
            "dates": np.asarray(self._dates, dtype=np.int32),
            "body_lengths": np.asarray(self._body, dtype=np.uint32),
            "title_lengths": np.minimum(np.asarray(self._title, dtype=np.int64),
                                        65535).astype(np.uint16),
            "opencc": np.asarray(self._opencc, dtype=np.bool_),
            "vocab": np.frombuffer(vocab.encode("utf-8"), dtype=np.uint8),
        }
        name = f"seg-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}.post"
        _write_arrays(folder / name, arrays, {"versions": self._versions})
        return name


def _write_arrays(path: Path, arrays: dict[str, np.ndarray], extra: dict[str, Any]) -> None:
    layout: dict[str, Any] = {}
    offset = 0
    for key, array in arrays.items():
        layout[key] = {"dtype": array.dtype.str, "shape": list(array.shape), "offset": offset}
        offset += -(-array.nbytes // ALIGN) * ALIGN
    header = json.dumps({"arrays": layout, "data_bytes": offset, **extra}).encode("utf-8")
    start = -(-(len(MAGIC) + 8 + len(header)) // ALIGN) * ALIGN
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as out:
        out.write(MAGIC + struct.pack("<Q", len(header)) + header)
        out.write(b"\0" * (start - out.tell()))
        for array in arrays.values():
            data = np.ascontiguousarray(array).tobytes()
            out.write(data)
            out.write(b"\0" * (-len(data) % ALIGN))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


class Segment:
    """A memory-mapped segment file (read-only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            with open(path, "rb") as handle:
                head = handle.read(len(MAGIC) + 8)
                if head[: len(MAGIC)] != MAGIC:
                    raise StoreDamaged(f"{path.name}: not a segment file")
                (length,) = struct.unpack("<Q", head[len(MAGIC):])
                header = json.loads(handle.read(length))
            start = -(-(len(MAGIC) + 8 + length) // ALIGN) * ALIGN
            if path.stat().st_size < start + int(header["data_bytes"]) - ALIGN:
                raise StoreDamaged(f"{path.name}: truncated")
            self.arrays: dict[str, np.ndarray] = {}
            with open(path, "rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            for key, spec in header["arrays"].items():
                dtype = np.dtype(spec["dtype"])
                shape = tuple(spec["shape"])
                count = int(np.prod(shape)) if shape else 1
                array = np.frombuffer(self._map, dtype=dtype, count=count,
                                      offset=start + spec["offset"]).reshape(shape)
                # Per-document arrays are small and read whole: keep them in memory.
                self.arrays[key] = array if key in _MAPPED else array.copy()
                if key in _RANDOM and hasattr(mmap, "MADV_RANDOM") and array.nbytes:
                    # Key look-ups jump around: without this each page fault reads ahead
                    # ~128 KB (3 MB resident per segment and query). Posting slices are
                    # read in runs, so they keep the kernel's read-ahead.
                    first = (start + spec["offset"]) // mmap.PAGESIZE * mmap.PAGESIZE
                    end = start + spec["offset"] + array.nbytes
                    self._map.madvise(mmap.MADV_RANDOM, first, end - first)
            self.versions: list[str] = header["versions"]
        except StoreDamaged:
            raise
        except (OSError, ValueError, KeyError, TypeError, struct.error) as exc:
            raise StoreDamaged(f"{path.name}: {type(exc).__name__}: {exc}") from None
        a = self.arrays
        self.keys, self.offsets = a["keys"], a["offsets"]
        self.docnums, self.tfs = a["docnums"], a["tfs"]
        self.ids, self.dates = a["ids"], a["dates"]
        self.body_lengths, self.title_lengths = a["body_lengths"], a["title_lengths"]
        self.opencc = a["opencc"]
        if not (self.offsets.size == self.keys.size + 1 and len(self.versions) == self.ids.size
                and (self.offsets.size == 0 or int(self.offsets[-1]) == self.docnums.size)):
            raise StoreDamaged(f"{path.name}: inconsistent arrays")
        self._vocab: tuple[list[str], list[str]] | None = None
        # Every SPARSE-th key, in memory: a look-up touches one page of keys, not twenty.
        # (Stored in the file: striding through the keys to build it touched them all.)
        self._sparse = a["sparse"]
        if self._sparse.size != -(-self.keys.size // SPARSE):
            raise StoreDamaged(f"{path.name}: inconsistent arrays")

    @property
    def doc_count(self) -> int:
        return int(self.ids.size)

    def stems_with_prefix(self, prefix: str) -> set[str]:
        """Stems of the Latin words starting with *prefix* (what ``logist*`` expands to)."""
        if self._vocab is None:
            raw = bytes(self.arrays["vocab"]).decode("utf-8")
            pairs = [line.split("\t", 1) for line in raw.split("\n") if "\t" in line]
            self._vocab = ([p[0] for p in pairs], [p[1] for p in pairs])
        words, stems = self._vocab
        out: set[str] = set()
        i = bisect.bisect_left(words, prefix)
        while i < len(words) and words[i].startswith(prefix):
            out.add(stems[i])
            i += 1
        return out

    def find(self, keys: np.ndarray) -> np.ndarray:
        """For each of *keys*, the index of the first stored key >= it (searchsorted),
        reading one SPARSE-key block of the mapped keys per key."""
        n = self.keys.size
        if not n:
            return np.zeros(keys.size, dtype=np.int64)
        block = np.maximum(np.searchsorted(self._sparse, keys, side="right") - 1, 0)
        low = block * SPARSE
        window = np.minimum(low[:, None] + np.arange(SPARSE), n - 1)
        below = (self.keys[window] < keys[:, None]) & (window < n)
        where = low + below.sum(axis=1)
        # the block's last stored key is below the wanted one only at the very end
        return np.minimum(where, n)

    def lookup(self, keys: np.ndarray) -> list[tuple[int, int]]:
        """(start, end) into docnums/tfs for each of *keys* (empty where absent)."""
        if not self.keys.size:
            return [(0, 0)] * keys.size
        where = np.minimum(self.find(keys), self.keys.size - 1)
        found = self.keys[where] == keys
        starts = self.offsets[where]
        ends = self.offsets[where + 1]
        return [(int(s), int(e)) if f else (0, 0)
                for s, e, f in zip(starts, ends, found, strict=True)]


# -- the manifest --------------------------------------------------------------------------

class PostingStore:
    """The segments of one index folder and which article versions are live in them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            self._db = sqlite3.connect(folder / "store.sqlite3", check_same_thread=False)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.executescript(
                """
                CREATE TABLE IF NOT EXISTS segments (
                    name TEXT PRIMARY KEY, docs INTEGER NOT NULL, created REAL NOT NULL
                );
                CREATE TABLE IF NOT EXISTS live (
                    article_id INTEGER PRIMARY KEY, segment TEXT NOT NULL,
                    local INTEGER NOT NULL, version TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER);
                INSERT OR IGNORE INTO meta VALUES ('generation', 0);
                """
            )
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise StoreDamaged(f"store.sqlite3: {exc}") from None
        self._segments: dict[str, Segment] = {}
        self._view: StoreView | None = None

    def close(self) -> None:
        self._segments.clear()
        self._view = None
        self._db.close()

    def verify(self) -> None:
        """Open every listed segment (raises StoreDamaged) and drop unlisted files."""
        try:
            names = [r[0] for r in self._db.execute("SELECT name FROM segments")]
        except sqlite3.DatabaseError as exc:
            raise StoreDamaged(f"store.sqlite3: {exc}") from None
        for name in names:
            self.segment(name)
        self.sweep()

    def sweep(self) -> None:
        """Delete segment files the manifest does not list: written by a run that died or
        was cancelled before registering them. (Only one sync runs at a time.)"""
        listed = {r[0] for r in self._db.execute("SELECT name FROM segments")}
        for path in self.folder.glob("seg-*"):
            if path.name not in listed:
                path.unlink(missing_ok=True)

    def segment(self, name: str) -> Segment:
        seg = self._segments.get(name)
        if seg is None:
            path = self.folder / name
            if not path.exists():
                raise StoreDamaged(f"{name}: listed but missing")
            seg = self._segments[name] = Segment(path)
        return seg

    def generation(self) -> int:
        return int(self._db.execute("SELECT value FROM meta WHERE key = 'generation'")
                   .fetchone()[0])

    def _bump(self) -> None:
        self._db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")

    # -- writing -----------------------------------------------------------------------

    def register(self, name: str) -> None:
        """Make a written segment's articles live (their older versions stop counting)."""
        seg = self.segment(name)
        with self._db:
            self._db.execute("INSERT INTO segments(name, docs, created) VALUES (?, ?, ?)",
                             (name, seg.doc_count, time.time()))
            self._db.executemany(
                "INSERT OR REPLACE INTO live(article_id, segment, local, version)"
                " VALUES (?, ?, ?, ?)",
                ((int(i), name, local, v) for local, (i, v) in
                 enumerate(zip(seg.ids.tolist(), seg.versions, strict=True))),
            )
            self._bump()
        self._drop_empty()

    def delete(self, article_ids: Iterable[int]) -> None:
        with self._db:
            self._db.executemany("DELETE FROM live WHERE article_id = ?",
                                 ((int(i),) for i in article_ids))
            self._bump()
        self._drop_empty()

    def _drop_empty(self) -> None:
        """Forget segments with no live article left, and delete their files."""
        empty = [r[0] for r in self._db.execute(
            "SELECT name FROM segments WHERE name NOT IN (SELECT DISTINCT segment FROM live)")]
        if not empty:
            return
        with self._db:
            self._db.executemany("DELETE FROM segments WHERE name = ?", ((n,) for n in empty))
            self._bump()
        for name in empty:
            self._segments.pop(name, None)
            (self.folder / name).unlink(missing_ok=True)

    def clear(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM live")
            self._db.execute("DELETE FROM segments")
            self._bump()
        for path in self.folder.glob("seg-*"):
            path.unlink(missing_ok=True)
        self._segments.clear()
        self._view = None

    # -- reading -----------------------------------------------------------------------

    def live_versions(self) -> dict[int, str]:
        return dict(self._db.execute("SELECT article_id, version FROM live"))

    def live_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM live").fetchone()[0])

    def segment_stats(self) -> list[tuple[str, int, int]]:
        """(segment, documents stored, documents live), for compaction decisions."""
        return [(r[0], r[1], r[2]) for r in self._db.execute(
            "SELECT s.name, s.docs, (SELECT count(*) FROM live l WHERE l.segment = s.name)"
            " FROM segments s ORDER BY s.created")]

    def live_ids_in(self, names: Iterable[str]) -> list[int]:
        out: list[int] = []
        for name in names:
            out += [r[0] for r in self._db.execute(
                "SELECT article_id FROM live WHERE segment = ?", (name,))]
        return out

    def view(self) -> StoreView:
        """A consistent read view, rebuilt only when the store changed."""
        generation = self.generation()
        if self._view is None or self._view.generation != generation:
            self._view = StoreView(self, generation)
        return self._view


class StoreView:
    """Everything a query needs, as arrays: segments with live masks, per-article dates,
    and the corpus statistics BM25 uses."""

    def __init__(self, store: PostingStore, generation: int) -> None:
        self.generation = generation
        rows = store._db.execute("SELECT segment, local FROM live ORDER BY segment").fetchall()
        by_segment: dict[str, list[int]] = {}
        for name, local in rows:
            by_segment.setdefault(name, []).append(local)
        self.segments: list[tuple[Segment, np.ndarray]] = []
        ids, dates = [], []
        body_total = title_total = 0
        for name, locals_ in by_segment.items():
            seg = store.segment(name)
            mask = np.zeros(seg.doc_count, dtype=bool)
            mask[np.asarray(locals_, dtype=np.int64)] = True
            self.segments.append((seg, mask))
            ids.append(seg.ids[mask])
            dates.append(seg.dates[mask])
            body_total += int(seg.body_lengths[mask].sum())
            title_total += int(seg.title_lengths[mask].sum())
        all_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        all_dates = np.concatenate(dates) if dates else np.zeros(0, dtype=np.int32)
        order = np.argsort(all_ids)
        self.ids = all_ids[order]  # every live article, sorted
        self.dates = all_dates[order]
        self.count = int(self.ids.size)
        self._dates_by_id = np.zeros(int(self.ids[-1]) + 1 if self.count else 1, dtype=np.int32)
        self._dates_by_id[self.ids] = self.dates
        self.avg_body = body_total / self.count if self.count else 1.0
        self.avg_title = title_total / self.count if self.count else 1.0
        self._opencc: dict[int, bool] | None = None

    def postings(self, keys: Sequence[int]) -> list[Postings]:
        """For each key: the live articles holding it, with term frequency and lengths."""
        if not keys:
            return []
        wanted = np.asarray(keys, dtype=np.uint64)
        parts: list[list[tuple[np.ndarray, np.ndarray, np.ndarray, Segment]]] = [
            [] for _ in keys]
        for seg, mask in self.segments:
            for k, (start, end) in enumerate(seg.lookup(wanted)):
                if start == end:
                    continue
                docnums = seg.docnums[start:end]
                keep = mask[docnums]
                docnums = docnums[keep]
                if not docnums.size:
                    continue
                parts[k].append((seg.ids[docnums], seg.tfs[start:end][keep], docnums, seg))
        out = []
        for chunks in parts:
            if not chunks:
                out.append(Postings.empty())
                continue
            ids = np.concatenate([c[0] for c in chunks])
            tfs = np.concatenate([c[1] for c in chunks])
            body = np.concatenate([c[3].body_lengths[c[2]] for c in chunks]).astype(np.float32)
            title = np.concatenate([c[3].title_lengths[c[2]] for c in chunks]).astype(
                np.float32)
            out.append(Postings(ids, tfs, body, title))
        return out

    def with_key_in(self, low: int, high: int) -> np.ndarray:
        """Live articles holding any key in [low, high): sorted unique ids."""
        found = []
        bounds = np.asarray([low, high], dtype=np.uint64)
        for seg, mask in self.segments:
            if not seg.keys.size:
                continue
            lo, hi = (int(x) for x in seg.find(bounds))
            if lo == hi:
                continue
            # A common character begins hundreds of thousands of pairs: count, don't sort.
            present = np.bincount(seg.docnums[int(seg.offsets[lo]):int(seg.offsets[hi])],
                                  minlength=seg.doc_count).astype(bool)
            found.append(seg.ids[present & mask])
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    def date_of(self, ids: np.ndarray) -> np.ndarray:
        keep = ids < self._dates_by_id.size
        return np.where(keep, self._dates_by_id[np.where(keep, ids, 0)], 0)

    def needs_opencc(self, article_id: int) -> bool:
        if self._opencc is None:
            table: dict[int, bool] = {}
            for seg, mask in self.segments:
                flagged = seg.ids[mask & np.asarray(seg.opencc, dtype=bool)]
                table.update((int(i), True) for i in flagged)
            self._opencc = table
        return self._opencc.get(article_id, False)

    def stems_with_prefix(self, prefix: str) -> set[str]:
        out: set[str] = set()
        for seg, _ in self.segments:
            out |= seg.stems_with_prefix(prefix)
        return out


@dataclass(slots=True)
class Postings:
    ids: np.ndarray  # int64, unique (segment by segment: not sorted)
    tfs: np.ndarray  # uint8: a word's frequency (capped), a CJK pair's position signature
    body_lengths: np.ndarray  # float32
    title_lengths: np.ndarray  # float32

    @staticmethod
    def empty() -> Postings:
        z = np.zeros(0, dtype=np.float32)
        return Postings(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint8), z, z)

    @property
    def df(self) -> int:
        return int(self.ids.size)
