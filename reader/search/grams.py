"""The recall side of CJK search: which articles contain a given character pair.

Word segmentation ranks well but misses substrings that cross word boundaries (际贸 in
国际贸易); bigrams never miss, but Whoosh's pure-Python posting writer costs about 15 µs
per posting, and an 8 KB Chinese article has about 2,000 distinct bigrams, which capped a
prototype near 0.1 MB/s. So bigram postings live here instead, in a compact store built
only with C-level operations (sets, arrays, marshal, zlib).

Layout: articles are indexed in batches. Per batch, the bigrams are hashed into a fixed
number of buckets; each bucket is one row holding a marshalled ``{bigram: positions}``
dict, compressed, where positions are 16-bit offsets into the batch's id list. So a batch
costs a few thousand rows however varied its vocabulary (one row per bigram cost 17 µs
each and half a million rows per thousand articles), and a look-up decompresses one
small bucket per batch.

Updates append a new batch; ``live`` names the batch that holds each article's current
version, so postings left behind by older versions are ignored, never returned.
``compact`` rewrites everything into few large batches. The store is derived data: it is
rebuilt from the catalogue whenever it is missing or damaged.
"""

from __future__ import annotations

import marshal
import sqlite3
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

MAX_BATCH = 65_535  # positions are 16-bit
BUCKETS = 2048


def bucket_of(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) % BUCKETS


class GramStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.executescript(
            """
            CREATE TABLE IF NOT EXISTS batches (batch INTEGER PRIMARY KEY, ids BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS buckets (
                batch INTEGER NOT NULL, bucket INTEGER NOT NULL, data BLOB NOT NULL,
                PRIMARY KEY (bucket, batch)
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS live (
                article_id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, version TEXT NOT NULL
            );
            """
        )
        self._batch_ids: dict[int, array[int]] = {}
        self._live_map: dict[int, int] | None = None

    def close(self) -> None:
        self._db.close()

    # -- writing ---------------------------------------------------------------------

    def add_batch(self, docs: Iterable[tuple[tuple[int, set[str]], str]]) -> None:
        """Index ((article id, bigrams), version) items as one new batch, in one
        transaction; the versions record what the whole index now holds."""
        ids: array[int] = array("q")
        versions: list[str] = []
        buckets: defaultdict[int, defaultdict[str, array[int]]] = defaultdict(
            lambda: defaultdict(lambda: array("H"))
        )
        for position, ((article_id, grams), version) in enumerate(docs):
            if position >= MAX_BATCH:
                raise ValueError("batch too large")
            ids.append(article_id)
            versions.append(version)
            for gram in grams:
                buckets[bucket_of(gram)][gram].append(position)
        if not ids:
            return
        rows = [
            (bucket, zlib.compress(
                marshal.dumps({g: p.tobytes() for g, p in grams.items()}), 1))
            for bucket, grams in buckets.items()
        ]
        with self._db:
            row = self._db.execute("SELECT coalesce(max(batch), 0) + 1 FROM batches").fetchone()
            batch = int(row[0])
            self._db.execute(
                "INSERT INTO batches(batch, ids) VALUES (?, ?)", (batch, ids.tobytes())
            )
            self._db.executemany(
                "INSERT INTO buckets(batch, bucket, data) VALUES (?, ?, ?)",
                ((batch, bucket, data) for bucket, data in rows),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO live(article_id, batch, version) VALUES (?, ?, ?)",
                ((article_id, batch, v) for article_id, v in zip(ids, versions, strict=True)),
            )
        self._live_map = None

    def delete(self, article_ids: Iterable[int]) -> None:
        with self._db:
            self._db.executemany(
                "DELETE FROM live WHERE article_id = ?", ((i,) for i in article_ids)
            )
        self._live_map = None

    def clear(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM buckets")
            self._db.execute("DELETE FROM batches")
            self._db.execute("DELETE FROM live")
        self._batch_ids.clear()
        self._live_map = None

    def stale_fraction(self) -> float:
        """Share of stored article versions that are no longer live (compaction hint)."""
        stored = sum(
            len(blob) // 8 for (blob,) in self._db.execute("SELECT ids FROM batches")
        )
        live = len(self._live())
        return 0.0 if not stored else 1.0 - live / stored

    def batch_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM batches").fetchone()[0])

    # -- reading ---------------------------------------------------------------------

    def _ids_of(self, batch: int) -> array[int]:
        ids = self._batch_ids.get(batch)
        if ids is None:
            row = self._db.execute("SELECT ids FROM batches WHERE batch = ?", (batch,)).fetchone()
            ids = array("q")
            if row:
                ids.frombytes(row[0])
            self._batch_ids[batch] = ids
        return ids

    def _positions(self, gram: str) -> dict[int, set[int]]:
        """Batch -> positions of the articles holding *gram*."""
        found: dict[int, set[int]] = {}
        for batch, data in self._db.execute(
            "SELECT batch, data FROM buckets WHERE bucket = ?", (bucket_of(gram),)
        ):
            raw = marshal.loads(zlib.decompress(data)).get(gram)
            if raw:
                positions = array("H")
                positions.frombytes(raw)
                found[batch] = set(positions)
        return found

    def containing_all(self, grams: Iterable[str]) -> set[int]:
        """Ids of live articles holding every one of *grams* (the candidates of a query)."""
        wanted = sorted(set(grams))
        if not wanted:
            return set()
        per_gram = [self._positions(g) for g in wanted]
        per_gram.sort(key=lambda found: sum(len(p) for p in found.values()))
        found_in: dict[int, set[int]] = defaultdict(set)  # article id -> batches
        first, rest = per_gram[0], per_gram[1:]
        for batch, positions in first.items():
            for other in rest:
                positions = positions & other.get(batch, set())
                if not positions:
                    break
            if not positions:
                continue
            ids = self._ids_of(batch)
            for p in positions:
                found_in[ids[p]].add(batch)
        return self._only_live(found_in)

    def _live(self) -> dict[int, int]:
        if self._live_map is None:
            self._live_map = dict(self._db.execute("SELECT article_id, batch FROM live"))
        return self._live_map

    def _only_live(self, found_in: dict[int, set[int]]) -> set[int]:
        """Keep an id only where it was found in the batch holding its current version."""
        live = self._live()
        return {i for i, batches in found_in.items() if live.get(i) in batches}

    def live_ids(self) -> set[int]:
        return set(self._live())

    def live_versions(self) -> dict[int, str]:
        return dict(self._db.execute("SELECT article_id, version FROM live"))
