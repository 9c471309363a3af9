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
aligned to 64 bytes, memory-mapped when read, then a table of CRC32 checksums, one per 4 KB
block of the arrays. ``store.sqlite3`` (the manifest) lists the segments and, for each
article, the segment holding its current version; postings of older versions are masked
out at search time and dropped when segments are merged (``reader.search.merge``). Files
are written under a temporary name and renamed, and the manifest changes in one
transaction, so a crash leaves either the old or the new state. The whole folder is derived
data, rebuilt from the catalogue whenever it is missing or damaged.

Damage is never trusted silently. Why per-block checksums, checked on first touch: at
100,000 articles the posting files hold 1.3 GB, and checking them whole when a segment is
opened would read all of it (about 0.7 s of CRC32 even with the pages cached, far more
from disk) before the desktop app's first search; a query reads a few pages of keys and
postings per segment. So opening a segment checks its header, its checksum table and the
small per-article arrays it copies into memory, and every block of the large mapped arrays
is checked the first time a query reads from it (``Segment.verify_all`` checks them all,
for ``reader reindex``). The manifest has no checksums of its own (SQLite has none), so what
a search relies on in it is cross-checked instead: every live row must name the article the
segment holds at that position, and a count and digest of the rows kept beside them must
match, so a garbled or vanished row is seen rather than masking the wrong article.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import mmap
import os
import sqlite3
import struct
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reader.errors import ReaderError
from reader.search.analysis import DocTerms

MAGIC = b"ARPOST2\n"
# after MAGIC: header length, CRC32 of the header, CRC32 of the checksum table
_PREFIX = struct.Struct("<QII")
SPARSE = 256
_MAPPED = frozenset({"keys", "offsets", "docnums", "tfs"})  # large: stay on disk
_RANDOM = frozenset({"keys", "offsets"})  # read a page here and there
ALIGN = 64
BLOCK = 4096  # one checksum per block (a page: a key look-up reads one or two)
MAX_SEGMENT_DOCS = 65_535  # local document numbers are 16-bit
_DIGEST_MOD = 1_000_000_007  # the live rows' digest: sum of (id * 65536 + local) mod this
assert SPARSE * 8 <= BLOCK  # a look-up window of keys spans at most two blocks


class StoreDamaged(ReaderError):
    """The posting store cannot be trusted. ``segment`` names the one damaged segment
    file when the rest is sound (it alone is dropped and its articles indexed again);
    ``None`` means the manifest itself, and the whole index is rebuilt. ``detail`` is
    the short technical reason, for notes and ``reader reindex --check``."""

    def __init__(self, detail: str, segment: str | None = None) -> None:
        super().__init__(
            f"The search index is damaged ({detail}); 'reader reindex' repairs it from the library."
        )
        self.detail = detail
        self.segment = segment


class StoreBusy(ReaderError):
    """Another process holds the manifest locked for longer than SQLite waits: busy, not
    damaged (taking it for damage would rebuild an index someone is writing)."""


# What SQLite says about its surroundings rather than the file's content: a lock held
# elsewhere, a full or read-only or failing disk, a missing permission, memory, a cancel.
_NOT_DAMAGE = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_INTERRUPT,
    }
)


def _sqlite_damage(exc: sqlite3.Error) -> StoreDamaged | None:
    """The StoreDamaged a SQLite error on the manifest means, or None when it is not
    damage (a busy lock, a full disk, a read-only file: those keep their own meaning).
    Told by SQLite's primary error code, not its wording: a garbled file speaks in many
    ways (malformed, not a database, unsupported file format, no such table, text that
    does not decode...), and since the manifest is derived data, anything that is not
    plainly the surroundings is taken for damage (the cost is a rebuild, never a loss)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _NOT_DAMAGE:
        return None
    if (
        code is None
        and isinstance(exc, sqlite3.OperationalError)
        and any(
            w in str(exc).lower()
            for w in ("locked", "busy", "full", "readonly", "read-only", "i/o", "unable to open")
        )
    ):
        return None
    if not isinstance(exc, sqlite3.DatabaseError):
        return None  # a misuse (ProgrammingError, InterfaceError): a bug, not the file
    return StoreDamaged(f"store.sqlite3: {str(exc)[:100]}")


def _translated(exc: sqlite3.Error) -> Exception:
    """What a SQLite error on the manifest is raised as: StoreDamaged, StoreBusy, or the
    error itself (a full disk, a read-only file: told apart by the layers above)."""
    damage = _sqlite_damage(exc)
    if damage is not None:
        return damage
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or (
        isinstance(exc, sqlite3.OperationalError)
        and any(w in str(exc).lower() for w in ("locked", "busy"))
    ):
        return StoreBusy(
            "The search index is busy in another Archive Reader process; try again in a moment."
        )
    return exc


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
        self._latin: dict[str, str] = {}
        self._nbytes = 0

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def nbytes(self) -> int:
        """Bytes of the articles' term arrays held (8-byte keys, 1-byte counts): what
        grows with the segment, and what ``write`` sorts (its peak is ~2.6x this)."""
        return self._nbytes

    def add(self, doc: SegmentDoc) -> None:
        if len(self._ids) >= MAX_SEGMENT_DOCS:
            raise ValueError(f"a segment holds at most {MAX_SEGMENT_DOCS} documents")
        t = doc.terms
        self._keys.append(t.keys)
        self._tfs.append(t.tfs)
        self._nbytes += int(t.keys.nbytes) + int(t.tfs.nbytes)
        self._ids.append(doc.article_id)
        self._versions.append(doc.version)
        self._dates.append(doc.date)
        self._body.append(t.body_length)
        self._title.append(t.title_length)
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
        arrays: dict[str, np.ndarray | SpilledArray] = {
            "keys": unique,
            "sparse": np.ascontiguousarray(unique[::SPARSE]),
            "offsets": offsets,
            "docnums": docnums,
            "tfs": tfs,
            "ids": np.asarray(self._ids, dtype=np.int64),
            "dates": np.asarray(self._dates, dtype=np.int32),
            "body_lengths": np.asarray(self._body, dtype=np.uint32),
            "title_lengths": np.minimum(np.asarray(self._title, dtype=np.int64), 65535).astype(
                np.uint16
            ),
            "vocab": np.frombuffer(vocab.encode("utf-8"), dtype=np.uint8),
        }
        name = f"seg-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}.post"
        write_arrays(folder / name, arrays, {"versions": self._versions})
        return name


class _BlockCrcs:
    """CRC32 of every BLOCK bytes of a stream fed in pieces of any size."""

    def __init__(self) -> None:
        self.crcs: list[int] = []
        self._crc = 0
        self._filled = 0

    def feed(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        if self._filled:
            take = min(BLOCK - self._filled, len(view))
            self._crc = zlib.crc32(view[:take], self._crc)
            self._filled += take
            view = view[take:]
            if self._filled == BLOCK:
                self.crcs.append(self._crc)
                self._crc = self._filled = 0
        whole = len(view) - len(view) % BLOCK
        self.crcs += [zlib.crc32(view[i : i + BLOCK]) for i in range(0, whole, BLOCK)]
        if whole < len(view):
            self._crc = zlib.crc32(view[whole:])
            self._filled = len(view) - whole

    def finish(self) -> bytes:
        if self._filled:
            self.crcs.append(self._crc)
            self._crc = self._filled = 0
        return np.asarray(self.crcs, dtype="<u4").tobytes()


def _data_start(header_length: int) -> int:
    """Where the arrays begin: after the header, on a block boundary, so that a checksum
    block is a page of the file (checking a key's block reads no more than the look-up)."""
    return -(-(len(MAGIC) + _PREFIX.size + header_length) // BLOCK) * BLOCK


class SpilledArray:
    """A 1-D array appended piece by piece to a temporary file, for a segment too large
    to hold in memory while it is built (``reader.search.merge``). Written out by
    ``write_arrays`` with plain reads, never mapped: its pages do not stay resident."""

    def __init__(self, path: Path, dtype: Any) -> None:
        self.path = path
        self.dtype = np.dtype(dtype)
        self.size = 0
        self._out: Any = open(path, "wb")  # noqa: SIM115 - closed by finish()

    def append(self, values: np.ndarray) -> None:
        data = np.ascontiguousarray(values, dtype=self.dtype)
        self._out.write(data.data.cast("B"))
        self.size += int(data.size)

    def finish(self) -> None:
        if not self._out.closed:
            self._out.close()

    @property
    def shape(self) -> tuple[int]:
        return (self.size,)

    @property
    def nbytes(self) -> int:
        return self.size * self.dtype.itemsize

    def pieces(self, step: int = 8 << 20) -> Iterator[bytes]:
        self.finish()
        with open(self.path, "rb") as handle:
            while piece := handle.read(step):
                yield piece

    def discard(self) -> None:
        self.finish()
        self.path.unlink(missing_ok=True)


def _pieces(array: np.ndarray | SpilledArray) -> Iterator[bytes | memoryview]:
    if isinstance(array, SpilledArray):
        yield from array.pieces()
    else:
        # A view of the array's own memory: .tobytes() would copy the largest array of
        # the segment once more at the peak of a worker's memory.
        yield np.ascontiguousarray(array).data.cast("B")


def write_arrays(
    path: Path, arrays: dict[str, np.ndarray | SpilledArray], extra: dict[str, Any]
) -> None:
    """Write a segment file: header, arrays (each aligned), checksum table; atomically."""
    layout: dict[str, Any] = {}
    offset = 0
    for key, array in arrays.items():
        layout[key] = {"dtype": array.dtype.str, "shape": list(array.shape), "offset": offset}
        offset += -(-array.nbytes // ALIGN) * ALIGN
    header = json.dumps({"arrays": layout, "data_bytes": offset, "block": BLOCK, **extra}).encode(
        "utf-8"
    )
    start = _data_start(len(header))
    crcs = _BlockCrcs()
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as out:
        # the table's checksum is known at the end: written in place then
        out.write(MAGIC + _PREFIX.pack(len(header), zlib.crc32(header), 0) + header)
        out.write(b"\0" * (start - out.tell()))
        for array in arrays.values():
            for data in _pieces(array):
                crcs.feed(data)
                out.write(data)
            pad = b"\0" * (-array.nbytes % ALIGN)
            crcs.feed(pad)
            out.write(pad)
        table = crcs.finish()
        out.write(table)
        out.seek(len(MAGIC))
        out.write(_PREFIX.pack(len(header), zlib.crc32(header), zlib.crc32(table)))
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


class Segment:
    """A memory-mapped segment file (read-only), checked as it is read.

    Opening checks the header, the checksum table and the per-article arrays (copied into
    memory); the large mapped arrays are checked a block at a time, the first time a query
    reads from the block (``_touch``). Every read of them goes through the methods below,
    so no answer is ever computed from bytes that failed their checksum: StoreDamaged is
    raised instead, naming this segment."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            size = path.stat().st_size
            with open(path, "rb") as handle:
                head = handle.read(len(MAGIC) + _PREFIX.size)
                if len(head) < len(MAGIC) + _PREFIX.size or head[: len(MAGIC)] != MAGIC:
                    raise self._damaged("not a segment file")
                length, header_crc, table_crc = _PREFIX.unpack(head[len(MAGIC) :])
                if length > size:
                    raise self._damaged("header length beyond the end of the file")
                raw = handle.read(length)
            if zlib.crc32(raw) != header_crc:
                raise self._damaged("header checksum mismatch")
            header = json.loads(raw)
            if int(header["block"]) != BLOCK:
                raise self._damaged("unknown block size")
            start = _data_start(length)
            data_bytes = int(header["data_bytes"])
            blocks = -(-data_bytes // BLOCK)
            if size != start + data_bytes + 4 * blocks:
                raise self._damaged(
                    f"{size} bytes where {start + data_bytes + 4 * blocks} "
                    "were written (truncated or extended)"
                )
            with open(path, "rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            self._bytes = memoryview(self._map)
            self._start = start
            self._data_bytes = data_bytes
            self._table = np.frombuffer(
                self._map, dtype="<u4", count=blocks, offset=start + data_bytes
            ).copy()
            if zlib.crc32(self._table.tobytes()) != table_crc:
                raise self._damaged("checksum table mismatch")
            self._ok = np.zeros(blocks, dtype=bool)
            self._all_ok = blocks == 0
            self._where: dict[str, tuple[int, int]] = {}
            self.arrays: dict[str, np.ndarray] = {}
            for key, spec in header["arrays"].items():
                dtype = np.dtype(spec["dtype"])
                shape = tuple(spec["shape"])
                count = int(np.prod(shape)) if shape else 1
                offset = int(spec["offset"])
                if offset + count * dtype.itemsize > data_bytes:
                    raise self._damaged(f"array {key} beyond the data")
                self._where[key] = (offset, dtype.itemsize)
                array = np.frombuffer(
                    self._map, dtype=dtype, count=count, offset=start + offset
                ).reshape(shape)
                if key in _MAPPED:
                    self.arrays[key] = array
                else:
                    # Per-document arrays are small and read whole: check, keep in memory.
                    self._touch(key, 0, count)
                    self.arrays[key] = array.copy()
                if key in _RANDOM and hasattr(mmap, "MADV_RANDOM") and array.nbytes:
                    # Key look-ups jump around: without this each page fault reads ahead
                    # ~128 KB (3 MB resident per segment and query). Posting slices are
                    # read in runs, so they keep the kernel's read-ahead.
                    first = (start + offset) // mmap.PAGESIZE * mmap.PAGESIZE
                    end = start + offset + array.nbytes
                    self._map.madvise(mmap.MADV_RANDOM, first, end - first)
            self.versions: list[str] = header["versions"]
        except StoreDamaged:
            raise
        except (OSError, ValueError, KeyError, TypeError, struct.error) as exc:
            raise self._damaged(f"{type(exc).__name__}: {exc}") from None
        a = self.arrays
        self.keys, self.offsets = a["keys"], a["offsets"]
        self.docnums, self.tfs = a["docnums"], a["tfs"]
        self.ids, self.dates = a["ids"], a["dates"]
        self.body_lengths, self.title_lengths = a["body_lengths"], a["title_lengths"]
        if self.offsets.size:
            self._touch("offsets", self.offsets.size - 1, self.offsets.size)
        if not (
            self.offsets.size == self.keys.size + 1
            and len(self.versions) == self.ids.size
            and (self.offsets.size == 0 or int(self.offsets[-1]) == self.docnums.size)
            and self.tfs.size == self.docnums.size
        ):
            raise self._damaged("inconsistent arrays")
        self._vocab: tuple[list[str], list[str]] | None = None
        # Every SPARSE-th key, in memory: a look-up touches one page of keys, not twenty.
        # (Stored in the file: striding through the keys to build it touched them all.)
        self._sparse = a["sparse"]
        if self._sparse.size != -(-self.keys.size // SPARSE):
            raise self._damaged("inconsistent arrays")

    def _damaged(self, detail: str) -> StoreDamaged:
        return StoreDamaged(f"{self.name}: {detail}", segment=self.name)

    # -- checksums ---------------------------------------------------------------------

    def _verify_blocks(self, blocks: Iterable[int]) -> None:
        for b in blocks:
            if self._ok[b]:
                continue
            lo = self._start + b * BLOCK
            hi = min(lo + BLOCK, self._start + self._data_bytes)
            if zlib.crc32(self._bytes[lo:hi]) != int(self._table[b]):
                raise self._damaged(f"checksum mismatch in block {b}")
            self._ok[b] = True

    def _touch(self, name: str, lo: int, hi: int) -> None:
        """Check the blocks holding elements [lo, hi) of array *name* (once each)."""
        if self._all_ok or hi <= lo:
            return
        base, item = self._where[name]
        first = (base + int(lo) * item) // BLOCK
        last = (base + int(hi) * item - 1) // BLOCK
        if first == last:
            if not self._ok[first]:
                self._verify_blocks((first,))
        elif not self._ok[first : last + 1].all():
            self._verify_blocks(range(first, last + 1))

    def _touch_windows(self, name: str, lows: np.ndarray, highs: np.ndarray) -> None:
        """``_touch`` for many short ranges at once (each at most one block long)."""
        if self._all_ok or not lows.size:
            return
        base, item = self._where[name]
        blocks = np.concatenate(
            (
                (base + lows * item) // BLOCK,
                (base + np.maximum(highs * item - 1, lows * item)) // BLOCK,
            )
        )
        todo = blocks[~self._ok[blocks]]
        if todo.size:
            self._verify_blocks(np.unique(todo).tolist())

    def release_pages(self) -> None:
        """Let go of the file pages this process has mapped in (they stay in the OS page
        cache). A merge reads whole segments; without this its resident size would grow
        by every page it read, up to the size of the index."""
        if hasattr(mmap, "MADV_DONTNEED") and len(self._map):
            with contextlib.suppress(OSError, ValueError):
                self._map.madvise(mmap.MADV_DONTNEED)

    def verify_all(self) -> None:
        """Check every block not checked yet (StoreDamaged on the first bad one)."""
        if not self._all_ok:
            self._verify_blocks(np.flatnonzero(~self._ok).tolist())
            self._all_ok = True

    # -- reading -----------------------------------------------------------------------

    @property
    def doc_count(self) -> int:
        return int(self.ids.size)

    def stems_with_prefix(self, prefix: str) -> set[str]:
        """Stems of the Latin words starting with *prefix* (what ``logist*`` expands to)."""
        if self._vocab is None:
            raw = bytes(self.arrays["vocab"]).decode("utf-8", errors="replace")
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
        # the window, and the key after it (``lookup`` reads it when all are below)
        self._touch_windows("keys", low, np.minimum(low + SPARSE + 1, n))
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
        self._touch_windows("offsets", where, where + 2)
        found = self.keys[where] == keys
        starts = self.offsets[where]
        ends = self.offsets[where + 1]
        return [
            (int(s), int(e)) if f else (0, 0) for s, e, f in zip(starts, ends, found, strict=True)
        ]

    def postings(self, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers and term frequencies of one key's postings (checked)."""
        self._touch("docnums", start, end)
        self._touch("tfs", start, end)
        return self.docnums[start:end], self.tfs[start:end]

    def docnums_between(self, lo: int, hi: int) -> np.ndarray:
        """Document numbers of the postings of keys [lo, hi) (checked)."""
        self._touch("offsets", lo, lo + 1)
        self._touch("offsets", hi, hi + 1)
        start, end = int(self.offsets[lo]), int(self.offsets[hi])
        self._touch("docnums", start, end)
        return self.docnums[start:end]


# -- the manifest --------------------------------------------------------------------------

WhooshState = tuple[int, dict[str, tuple[int, int]]]  # generation, file -> (size, CRC32)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS segments (
    name TEXT PRIMARY KEY, docs INTEGER NOT NULL, created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS live (
    article_id INTEGER PRIMARY KEY, segment TEXT NOT NULL,
    local INTEGER NOT NULL, version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER);
CREATE TABLE IF NOT EXISTS whoosh (name TEXT PRIMARY KEY, size INTEGER, crc INTEGER);
INSERT OR IGNORE INTO meta VALUES ('generation', 0);
INSERT OR IGNORE INTO meta VALUES ('live_count', 0);
INSERT OR IGNORE INTO meta VALUES ('live_digest', 0);
"""


class PostingStore:
    """The segments of one index folder and which article versions are live in them.

    Also records the checksums of the Whoosh files of the last commit (Whoosh has none of
    its own), written in the same transaction as the change they belong to. ``excluded``
    names segments found damaged that cannot be dropped (a read-only library): they are
    left out of every answer, as if not indexed."""

    def __init__(self, folder: Path, *, create: bool = False, readonly: bool = False) -> None:
        self.folder = folder
        self.readonly = readonly
        self.excluded: set[str] = set()
        path = folder / "store.sqlite3"
        if not create and not path.is_file():
            raise StoreDamaged("store.sqlite3: missing")
        self._segments: dict[str, Segment] = {}
        self._view: StoreView | None = None
        try:
            immutable = path.resolve().as_uri() + "?mode=ro&immutable=1"
            if readonly and not os.access(folder, os.W_OK):
                # Read-only media: nothing can write here, and SQLite could not even make
                # the -shm file WAL readers share, so it is told the file is immutable.
                self._db = sqlite3.connect(immutable, uri=True, check_same_thread=False)
            elif readonly:
                # A folder that can be written, opened only to read (``reindex --check``):
                # an ordinary connection that only reads. (mode=ro would leave behind the
                # -wal and -shm files it makes, which an ordinary one removes on closing.)
                # When even that cannot be made (a full disk has no room for the -shm
                # file), the file is read as immutable: nothing can write it just now.
                self._db = sqlite3.connect(path, check_same_thread=False)
                try:
                    self.generation()
                except sqlite3.OperationalError:  # not damage, not busy (those are ours)
                    self._db.close()
                    self._db = sqlite3.connect(immutable, uri=True, check_same_thread=False)
            else:
                self._db = sqlite3.connect(path, check_same_thread=False)
                self._db.execute("PRAGMA synchronous = NORMAL")
                if create:
                    self._db.execute("PRAGMA journal_mode = WAL")
                    self._db.executescript(_SCHEMA)
                    self._db.commit()
            self.generation()  # reads the file: not a database, or no tables, fails here
        except sqlite3.Error as exc:
            with contextlib.suppress(Exception):
                self._db.close()
            raise _translated(exc) from None

    def close(self) -> None:
        self._segments.clear()
        self._view = None
        self._db.close()

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """SQLite errors that mean damage become StoreDamaged (the manifest's)."""
        try:
            yield
        except sqlite3.Error as exc:
            raise _translated(exc) from None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._guard():
            return self._db.execute(sql, params).fetchall()

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One read transaction: what is read inside is one consistent state."""
        with self._guard():
            self._db.execute("BEGIN")
            try:
                yield
            finally:
                self._db.execute("ROLLBACK")

    def segment_names(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT name FROM segments")]

    def check_segments(self, *, full: bool = False) -> list[StoreDamaged]:
        """Open every listed segment (its cheap checks; with *full*, every block too) and
        return what is damaged, a StoreDamaged per segment."""
        bad = []
        for name in self.segment_names():
            if name in self.excluded:
                continue
            try:
                seg = self.segment(name)
                if full:
                    seg.verify_all()
            except StoreDamaged as exc:
                bad.append(exc)
        return bad

    def check_manifest(self) -> None:
        """The manifest against itself and the segments, every row (StoreDamaged with no
        segment when it fails: the manifest cannot be trusted). Segments that do not open
        are left to ``check_segments``."""
        quick = self._rows("PRAGMA quick_check")
        if quick != [("ok",)]:
            raise StoreDamaged(f"store.sqlite3: {quick[0][0] if quick else 'unreadable'}")
        self._view = None
        self.view()  # every live row against its segment, and the count and digest
        listed = dict(self._rows("SELECT name, docs FROM segments"))
        rows = self._rows("SELECT segment, local, version FROM live")
        for name, local, version in rows:
            if name not in listed:
                raise StoreDamaged(f"store.sqlite3: an article in unlisted segment {name!r}")
            if name in self.excluded:
                continue
            seg = self._segments.get(name)
            if seg is not None and seg.versions[local] != version:
                raise StoreDamaged(f"store.sqlite3: versions differ from {name}")
        for name, docs in listed.items():
            seg = self._segments.get(name)
            if seg is not None and seg.doc_count != docs:
                raise StoreDamaged(f"store.sqlite3: the size of {name} differs")

    def sweep(self) -> None:
        """Delete segment files the manifest does not list: written by a run that died or
        was cancelled before registering them. Only while holding the sync lock: a file
        not listed yet may be one another process is about to register."""
        listed = set(self.segment_names())
        for path in self.folder.glob("seg-*"):
            if path.name not in listed:
                path.unlink(missing_ok=True)

    def segment(self, name: str) -> Segment:
        seg = self._segments.get(name)
        if seg is None:
            path = self.folder / name
            if not path.is_file():
                raise StoreDamaged(f"{name}: listed but missing", segment=name)
            seg = self._segments[name] = Segment(path)
        return seg

    def generation(self) -> int:
        rows = self._rows("SELECT value FROM meta WHERE key = 'generation'")
        if not rows or not isinstance(rows[0][0], int):
            raise StoreDamaged("store.sqlite3: no generation")
        return int(rows[0][0])

    def _bump(self) -> None:
        self._db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")

    def _seal(self) -> None:
        """Record the live rows' count and digest (in the writing transaction)."""
        count, digest = self._db.execute(
            "SELECT count(*), coalesce(sum((article_id * 65536 + local) % ?), 0) FROM live",
            (_DIGEST_MOD,),
        ).fetchone()
        self._db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            (("live_count", count), ("live_digest", digest)),
        )

    def _record_whoosh(self, state: WhooshState | None) -> None:
        if state is None:
            return
        generation, files = state
        self._db.execute("DELETE FROM whoosh")
        self._db.executemany(
            "INSERT INTO whoosh(name, size, crc) VALUES (?, ?, ?)",
            ((n, s, c) for n, (s, c) in files.items()),
        )
        self._db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('whoosh_generation', ?)", (generation,)
        )

    def whoosh_state(self) -> WhooshState | None:
        rows = self._rows("SELECT value FROM meta WHERE key = 'whoosh_generation'")
        if not rows:
            return None
        files = {
            r[0]: (int(r[1]), int(r[2])) for r in self._rows("SELECT name, size, crc FROM whoosh")
        }
        return int(rows[0][0]), files

    def record_whoosh(self, state: WhooshState) -> None:
        with self._guard(), self._db:
            self._record_whoosh(state)

    # -- writing -----------------------------------------------------------------------

    def register(self, name: str, whoosh: WhooshState | None = None) -> None:
        """Make a written segment's articles live (their older versions stop counting).

        A segment opened only to be registered is let go again: the process that
        writes an index of 300,000 articles would otherwise keep every segment's
        per-article arrays and versions (~150 bytes an article); searches reopen it."""
        opened_here = name not in self._segments
        seg = self.segment(name)
        try:
            self._register(name, seg, whoosh)
        finally:
            if opened_here and self._segments.get(name) is seg:
                del self._segments[name]
                seg.release_pages()

    def _register(self, name: str, seg: Segment, whoosh: WhooshState | None) -> None:
        with self._guard(), self._db:
            self._db.execute(
                "INSERT INTO segments(name, docs, created) VALUES (?, ?, ?)",
                (name, seg.doc_count, time.time()),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO live(article_id, segment, local, version)"
                " VALUES (?, ?, ?, ?)",
                (
                    (int(i), name, local, v)
                    for local, (i, v) in enumerate(zip(seg.ids.tolist(), seg.versions, strict=True))
                ),
            )
            self._record_whoosh(whoosh)
            self._seal()
            self._bump()
        self._drop_empty()

    def delete(self, article_ids: Iterable[int], whoosh: WhooshState | None = None) -> None:
        with self._guard(), self._db:
            self._db.executemany(
                "DELETE FROM live WHERE article_id = ?", ((int(i),) for i in article_ids)
            )
            self._record_whoosh(whoosh)
            self._seal()
            self._bump()
        self._drop_empty()

    def drop_segments(self, names: Iterable[str]) -> int:
        """Forget damaged segments and their articles (they are indexed again by the next
        sync) and delete their files; returns how many articles were dropped."""
        names = list(dict.fromkeys(names))
        with self._guard(), self._db:
            dropped = 0
            for name in names:
                dropped += self._db.execute("DELETE FROM live WHERE segment = ?", (name,)).rowcount
                self._db.execute("DELETE FROM segments WHERE name = ?", (name,))
            self._seal()
            self._bump()
        for name in names:
            self._segments.pop(name, None)
            (self.folder / name).unlink(missing_ok=True)
        self._view = None
        return dropped

    def _drop_empty(self) -> None:
        """Forget segments with no live article left, and delete their files."""
        empty = [
            r[0]
            for r in self._rows(
                "SELECT name FROM segments WHERE name NOT IN (SELECT DISTINCT segment FROM live)"
            )
        ]
        if not empty:
            return
        with self._guard(), self._db:
            self._db.executemany("DELETE FROM segments WHERE name = ?", ((n,) for n in empty))
            self._bump()
        for name in empty:
            self._segments.pop(name, None)
            (self.folder / name).unlink(missing_ok=True)
        # The last view holds the dropped segments (and their mapped pages) until the next
        # query rebuilds it: after a merge of the whole index, gigabytes of them.
        self._view = None

    def clear(self, whoosh: WhooshState | None = None) -> None:
        with self._guard(), self._db:
            self._db.execute("DELETE FROM live")
            self._db.execute("DELETE FROM segments")
            self._record_whoosh(whoosh)
            self._seal()
            self._bump()
        for path in self.folder.glob("seg-*"):
            path.unlink(missing_ok=True)
        self._segments.clear()
        self._view = None

    # -- reading -----------------------------------------------------------------------

    def live_versions(self) -> dict[int, str]:
        rows = self._rows("SELECT article_id, version, segment FROM live")
        return {int(i): v for i, v, s in rows if s not in self.excluded}

    def iter_live_versions(self) -> Iterator[tuple[int, str]]:
        """(article id, version) of the live articles in id order, read as it goes."""
        with self._guard():
            for article_id, version, segment in self._db.execute(
                "SELECT article_id, version, segment FROM live ORDER BY article_id"
            ):
                if segment not in self.excluded:
                    yield int(article_id), version

    def live_count(self) -> int:
        if self.excluded:
            return len(self.live_versions())
        return int(self._rows("SELECT count(*) FROM live")[0][0])

    def segment_stats(self) -> list[tuple[str, int, int]]:
        """(segment, documents stored, documents live), oldest first: what merges plan by."""
        return [
            (r[0], r[1], r[2])
            for r in self._rows(
                "SELECT s.name, s.docs, (SELECT count(*) FROM live l WHERE l.segment = s.name)"
                " FROM segments s ORDER BY s.created"
            )
        ]

    def live_parts(self, names: Iterable[str]) -> list[tuple[Segment, np.ndarray]]:
        """(segment, mask of its live articles) for each listed one of *names*: what a
        merge keeps."""
        listed = set(self.segment_names())
        parts = []
        for name in names:
            if name not in listed or name in self.excluded:
                continue
            seg = self.segment(name)
            mask = np.zeros(seg.doc_count, dtype=bool)
            rows = self._rows("SELECT local FROM live WHERE segment = ?", (name,))
            locals_ = np.asarray([r[0] for r in rows], dtype=np.int64)
            if locals_.size and (locals_.min() < 0 or locals_.max() >= seg.doc_count):
                raise StoreDamaged(f"store.sqlite3: its rows for {name} do not match it")
            mask[locals_] = True
            parts.append((seg, mask))
        return parts

    def view(self) -> StoreView:
        """A consistent read view, rebuilt only when the store changed."""
        generation = self.generation()
        if self._view is None or self._view.generation != generation:
            with self._snapshot():
                generation = self.generation()
                rows = self._db.execute("SELECT article_id, segment, local FROM live").fetchall()
                meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
            self._view = StoreView(self, generation, rows, meta)
        return self._view


class StoreView:
    """Everything a query needs, as arrays: segments with live masks, per-article dates,
    and the corpus statistics BM25 uses. Built from the manifest's rows after checking
    them (see the module docstring): a row that does not match is StoreDamaged."""

    def __init__(
        self, store: PostingStore, generation: int, rows: list[Any], meta: dict[str, Any]
    ) -> None:
        self.generation = generation
        n = len(rows)
        try:
            all_rows = np.fromiter(
                (i for r in rows for i in (r[0], r[2])), dtype=np.int64, count=2 * n
            ).reshape(n, 2)
        except (TypeError, ValueError, OverflowError):
            raise StoreDamaged("store.sqlite3: a live row is not numbers") from None
        row_ids, row_locals = all_rows[:, 0], all_rows[:, 1]
        digest = int(np.sum((row_ids * 65536 + row_locals) % _DIGEST_MOD)) if n else 0
        if meta.get("live_count") != n or meta.get("live_digest") != digest:
            raise StoreDamaged(
                "store.sqlite3: the live articles do not match their count and digest"
            )
        by_segment: dict[str, list[int]] = {}
        for position, row in enumerate(rows):
            by_segment.setdefault(row[1], []).append(position)
        self.segments: list[tuple[Segment, np.ndarray]] = []
        ids, dates = [], []
        body_total = title_total = 0
        for name, positions in by_segment.items():
            if name in store.excluded:
                continue
            seg = store.segment(name)
            where = np.asarray(positions, dtype=np.int64)
            locals_ = row_locals[where]
            if (
                locals_.min() < 0
                or locals_.max() >= seg.doc_count
                or not np.array_equal(seg.ids[locals_], row_ids[where])
            ):
                raise StoreDamaged(f"store.sqlite3: its rows for {name} do not match it")
            mask = np.zeros(seg.doc_count, dtype=bool)
            mask[locals_] = True
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

    def postings(self, keys: Sequence[int], only: np.ndarray | None = None) -> list[Postings]:
        """For each key: the live articles holding it, with term frequency and lengths.

        With *only* (article ids), just those articles' postings are gathered, while
        ``df`` still counts every live article holding the key: what ranking a known
        candidate set needs. A common word's full list (200,000 postings at 300,000
        articles) gathered to score a dozen candidates was what made a rare query's
        cost grow with the library."""
        if not keys:
            return []
        wanted = np.asarray(keys, dtype=np.uint64)
        parts: list[list[tuple[np.ndarray, np.ndarray, np.ndarray, Segment]]] = [[] for _ in keys]
        counts = [0] * len(keys)
        allowed: np.ndarray | None = None
        if only is not None:
            allowed = np.zeros(self._dates_by_id.size, dtype=bool)
            allowed[only[(only >= 0) & (only < allowed.size)]] = True
        for seg, mask in self.segments:
            # (ids past the last live one are never live: clipped, then masked out)
            local = None if allowed is None else mask & np.take(allowed, seg.ids, mode="clip")
            for k, (start, end) in enumerate(seg.lookup(wanted)):
                if start == end:
                    continue
                docnums, tfs = seg.postings(start, end)
                keep = mask[docnums]
                if local is not None:
                    counts[k] += int(np.count_nonzero(keep))
                    keep = local[docnums]
                docnums = docnums[keep]
                if not docnums.size:
                    continue
                parts[k].append((seg.ids[docnums], tfs[keep], docnums, seg))
        out = []
        for k, chunks in enumerate(parts):
            if not chunks:
                empty = Postings.empty()
                if only is not None:
                    empty.count = counts[k]
                out.append(empty)
                continue
            ids = np.concatenate([c[0] for c in chunks])
            tfs = np.concatenate([c[1] for c in chunks])
            out.append(
                Postings(
                    ids,
                    tfs,
                    count=counts[k] if only is not None else -1,
                    sources=[(c[3], c[2]) for c in chunks],
                )
            )
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
            present = np.bincount(seg.docnums_between(lo, hi), minlength=seg.doc_count).astype(bool)
            found.append(seg.ids[present & mask])
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    def date_of(self, ids: np.ndarray) -> np.ndarray:
        keep = ids < self._dates_by_id.size
        return np.where(keep, self._dates_by_id[np.where(keep, ids, 0)], 0)

    def stems_with_prefix(self, prefix: str) -> set[str]:
        out: set[str] = set()
        for seg, _ in self.segments:
            out |= seg.stems_with_prefix(prefix)
        return out


class Postings:
    """The live articles holding one key, with their tfs; the articles' body and title
    lengths are gathered on first use (a body key's ranking never reads title lengths:
    gathering both for a 250,000-article list was a fifth of a common word's query)."""

    __slots__ = ("ids", "tfs", "count", "_sources", "_body", "_title")

    def __init__(
        self,
        ids: np.ndarray,
        tfs: np.ndarray,
        *,
        count: int = -1,
        sources: list[tuple[Segment, np.ndarray]] | None = None,
    ) -> None:
        self.ids = ids  # int64, unique (segment by segment: not sorted)
        self.tfs = tfs  # uint8: a word's frequency (capped), a CJK pair's signature
        self.count = count  # live articles holding the key, when ids holds only some
        self._sources = sources or []  # (segment, its document numbers), in ids' order
        self._body: np.ndarray | None = None
        self._title: np.ndarray | None = None

    def _lengths(self, name: str) -> np.ndarray:
        if not self._sources:
            return np.zeros(self.ids.size, dtype=np.float32)
        return np.concatenate(
            [getattr(seg, name)[docnums] for seg, docnums in self._sources]
        ).astype(np.float32)

    @property
    def body_lengths(self) -> np.ndarray:  # float32, aligned with ids
        if self._body is None:
            self._body = self._lengths("body_lengths")
        return self._body

    @property
    def title_lengths(self) -> np.ndarray:  # float32, aligned with ids
        if self._title is None:
            self._title = self._lengths("title_lengths")
        return self._title

    @staticmethod
    def empty() -> Postings:
        return Postings(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint8))

    @property
    def df(self) -> int:
        return self.count if self.count >= 0 else int(self.ids.size)
