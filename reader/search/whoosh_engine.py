"""The search engine behind ``reader.search.engine``: Whoosh records plus NumPy postings.

Whoosh holds one record per article (its id as a column; site and language as keyword
fields for filters; the date, sortable), which is what Whoosh does well and cheaply; which
version of each article is indexed lives in the posting store's manifest. The full text
(title and body words for BM25F ranking, CJK bigrams for recall) lives in the posting
store (``postings.py``), because Whoosh's pure-Python posting
writer and matchers were measured far off the speed, size and latency this app needs at
100,000 articles; the module docstring there gives the figures. Queries are parsed by
``query.py`` and evaluated by ``evaluate.py``; hits are checked and quoted from the
catalogue's text, never from a copy in the index.

Both halves live in one folder of the data directory. Writes go posting segment first,
then Whoosh, then the manifest that marks articles indexed (with the checksums of the
Whoosh files just committed: Whoosh keeps none), so a crash at any point only means some
articles are indexed again.

Damage is never trusted silently (see ``postings.py`` for how it is found). A damaged
posting segment is dropped alone and its articles indexed again; a folder that is
missing, of another version, or whose manifest or Whoosh files are damaged is started
afresh; ``rebuilt``, ``damage`` and every answer's note say so. Several processes share one
index (the desktop app's search process, its import jobs, commands), so creating,
clearing or replacing the folder happens only under a lock file kept beside the folder
(``index-open.lock``: deleting the folder cannot delete it), and every open engine holds a
shared lock on ``index-use.lock``: the folder is deleted only by a process that can take
that one exclusively, that is when no other process has the index open. When others do, a
folder to replace is renamed aside instead (their open files stay valid) and deleted by a
later opener who finds itself alone. ``readonly`` engines (a library on read-only media)
create, lock for writing, delete and write nothing; they raise ``IndexUnavailable`` where
a writable engine would repair.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import sqlite3
import time
import uuid
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from whoosh import columns, fields, index, query
from whoosh.filedb.filestore import FileStorage

from reader import messages as m
from reader.errors import ReaderError
from reader.locks import LockBusy, exclusive_lock
from reader.search import analysis, merge
from reader.search.engine import AllMatches, Hit, IndexDoc, SearchResults, Sort, UserData
from reader.search.evaluate import Evaluator, Match
from reader.search.postings import (
    PostingStore,
    SegmentBuilder,
    SegmentDoc,
    StoreDamaged,
    WhooshState,
    date_number,
)
from reader.search.query import parse_query
from reader.search.snippets import make_snippet

SIMILAR_WORDS = 100  # the article's most frequent words looked up for similar articles
SIMILAR_PAIRS = 60  # and English word pairs
CHECK_LIMIT = 1000  # candidates whose text a count reads at most (all_matches: ~0.15 ms each)
INDEX_VERSION = "6"  # 6: one Latin tokenizer, accent and Taiwan/Hong Kong variant folding,
# 〇 as CJK, invisible characters skipped (5: checksummed segments and manifest)
TextProvider = Callable[[int], tuple[str, str] | None]
T = TypeVar("T")
_TOC = re.compile(r"^_MAIN_([0-9]+)\.toc$")
_MAX_REPAIRS = 64  # damage found while answering, repaired and retried, at most this often


class IndexUnavailable(ReaderError):
    """The index of a read-only library is missing or damaged: it cannot be rebuilt
    there, and answering from it would be wrong or empty without saying so."""

    def __init__(self, reason: str, *, missing: bool) -> None:
        super().__init__(
            m.INDEX_MISSING_READ_ONLY
            if missing
            else m.INDEX_DAMAGED_READ_ONLY.format(reason=reason)
        )
        self.reason = reason
        self.missing = missing


class _Unusable(Exception):
    """The folder cannot be used as it is (``missing``: there is none at all)."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def column_ints(reader: Any, fieldname: str) -> np.ndarray:
    """Document number -> the integer in column *fieldname* (0 where none), for every
    document of *reader*.

    Whoosh hands out a column value by value through Python (struct unpacking, file
    seeks): 100,000 article ids took 0.1 s, paid by the first ``site:`` or ``lang:``
    search of every fresh search process. Its 64-bit numeric columns are one run of
    big-endian integers a segment, read here in one piece; any other column goes the
    slow way."""
    parts: list[np.ndarray] = []
    for leaf, _first in reader.leaf_readers():  # in document-number order
        count = leaf.doc_count_all()
        values = np.zeros(count, dtype=np.int64)
        if leaf.has_column(fieldname):
            column = leaf.column_reader(fieldname, translate=False)
            stored = getattr(column, "_count", None)
            if (
                type(column) is columns.NumericColumn.Reader
                and getattr(column, "_typecode", None) == "q"
                and isinstance(stored, int)
            ):
                stored = min(stored, count)
                raw = column._dbfile.get(column._basepos, stored * 8)
                values[:stored] = np.frombuffer(raw, dtype=">i8")
                values[stored:] = int(column._default or 0)
            else:
                values[:] = np.fromiter((int(v or 0) for v in column), np.int64, count=count)
        parts.append(values)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def lock_path(folder: Path, purpose: str) -> Path:
    """``index-open.lock``, ``index-use.lock``, ``index-sync.lock``: beside the index
    folder, never in it, so removing or replacing the folder never removes the lock that
    guards doing so."""
    return folder.parent / f"{folder.name}-{purpose}.lock"


def writer_active(folder: Path) -> bool:
    """Whether a process holds the sync lock now (tested with a shared lock, so even a
    read-only opener can ask without creating or write-locking anything)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return False
    try:
        fd = os.open(lock_path(folder, "sync"), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


class _UseLock:
    """A shared lock on ``index-use.lock`` for an engine's whole life. Only a process
    that can upgrade it to exclusive (while holding the open lock, so nobody else is
    opening) is alone with the index, and only it may delete the folder."""

    def __init__(self, path: Path, *, create: bool) -> None:
        self.fd: int | None = None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: alone, as before
            return
        self._fcntl = fcntl
        flags = (os.O_RDWR | os.O_CREAT) if create else os.O_RDONLY
        try:
            self.fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:
            if create:
                raise
            return  # read-only and no lock file: nobody has ever rebuilt this index
        fcntl.flock(self.fd, fcntl.LOCK_SH)

    def alone(self) -> bool:
        """True (holding the lock exclusively: call ``share`` after) when no other
        process has the index open. Only with the open lock held."""
        if self.fd is None:
            return True
        try:
            self._fcntl.flock(self.fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
        except BlockingIOError:
            self._fcntl.flock(self.fd, self._fcntl.LOCK_SH)  # a failed upgrade drops it
            return False
        return True

    def share(self) -> None:
        if self.fd is not None:
            self._fcntl.flock(self.fd, self._fcntl.LOCK_SH)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _storage(folder: Path, *, readonly: bool = False) -> FileStorage:
    """Whoosh's files read with plain reads, not memory-mapped. Mapped, every page Whoosh
    touched while merging its segments stayed in the indexing process's resident set
    (110 MB of 180 MB at 92,000 records, growing with the library); its records are small
    and read rarely enough that reads cost nothing measurable at search time."""
    return FileStorage(str(folder), supports_mmap=False, readonly=readonly)


def make_schema() -> fields.Schema:
    """Nothing stored: the article id is a column (document number -> id), and which
    version is indexed lives in the posting store's manifest. Stored fields only made
    Whoosh's segment merges heavier (the indexing process's memory peaked there)."""
    return fields.Schema(
        id=fields.ID(unique=True),
        aid=fields.COLUMN(columns.NumericColumn("q")),  # a column only: no index terms
        site=fields.KEYWORD(lowercase=True, commas=True),
        date=fields.ID(sortable=True),
        lang=fields.ID(),
    )


@dataclass(slots=True)
class RecordMeta:
    """An article's Whoosh record (small, built beside its segment in a worker)."""

    id: int
    site: str
    date: str | None
    lang: str | None


def sites_of(doc: IndexDoc) -> str:
    """The site filter's terms: the site name and the source URL's host."""
    from reader.urls import site_of

    sites = [analysis.fold(doc.site)] if doc.site else []
    host = site_of(doc.source_url)
    if host:
        sites.append(host)
    return ",".join(s.replace(",", " ") for s in sites)


def build_segment(folder: Path, docs: Iterable[IndexDoc]) -> tuple[str, list[RecordMeta]] | None:
    """Analyse articles (the costly part; runs in worker processes) and write them as one
    posting segment in *folder*; return its name and the articles' Whoosh records."""
    builder = SegmentBuilder()
    metas = []
    for doc in docs:
        builder.add(
            SegmentDoc(
                doc.id, doc.version, date_number(doc.date), analysis.analyse(doc.title, doc.body)
            )
        )
        metas.append(
            RecordMeta(doc.id, sites_of(doc), doc.date, (doc.language or "").lower() or None)
        )
    if not metas:
        return None
    return builder.write(folder), metas


class WhooshEngine:
    """A Whoosh index of article records plus a posting store, in one folder."""

    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        self.folder = Path(folder)
        self.readonly = readonly
        # True when a missing or damaged index was repaired (wholly or in part): articles
        # are missing from it until the next sync indexes them again.
        self.rebuilt = False
        self.created = False  # a brand-new library's first index: nothing was lost
        self.reason = ""
        self.damage: list[str] = []  # every damage found since opening (for notes)
        self.dropped = 0  # articles dropped with damaged segments
        self._searcher: Any = None
        self._searcher_generation = -1
        self._filter_cache: dict[tuple[int, str, str], np.ndarray] = {}
        self._aid_by_docnum: tuple[int, np.ndarray] | None = None
        self._use: _UseLock | None = None
        self._identity: tuple[int, int] | None = None
        self._crcs: dict[str, tuple[int, int, int]] = {}  # name -> (size, mtime_ns, crc)
        self._whoosh_unrecorded = False
        try:
            if readonly:
                self._open_readonly()
            else:
                self._open_writable()
        except BaseException:
            self.close()  # the use lock too: a failed open holds nothing
            raise

    # -- lifecycle -----------------------------------------------------------------------

    def _open_writable(self, *, fresh: bool = False, reason: str = "") -> None:
        """Open, repairing what is damaged; with *fresh*, start an empty index; with a
        *reason*, replace the folder (damage found after opening) unless another process
        has replaced it meanwhile."""
        # Any sign of an earlier index (the folder, or the lock file every opener leaves):
        # without one this is a new library's first index, not a lost one.
        existed = os.path.lexists(self.folder) or lock_path(self.folder, "use").exists()
        with exclusive_lock(lock_path(self.folder, "open")):
            if self._use is None:
                self._use = _UseLock(lock_path(self.folder, "use"), create=True)
            if reason and self._identity != self._folder_identity():
                reason = ""  # someone else already replaced it: open theirs
            self._close_handles()
            problem, missing = reason, False
            if not fresh and not problem:
                try:
                    bad = self._open_existing()
                except _Unusable as exc:
                    problem, missing = exc.reason, exc.missing
                else:
                    if bad:
                        self._drop(bad)
                    self._housekeep()
                    self._identity = self._folder_identity()
                    return
            self._close_handles()
            self._replace_folder()
            self._create()
            self._identity = self._folder_identity()
        if fresh:
            return
        if missing and not existed:
            self.created = True
        else:
            self.rebuilt = True
            self.reason = problem
            self.damage.append(problem)

    def _open_readonly(self) -> None:
        self._use = _UseLock(lock_path(self.folder, "use"), create=False)
        try:
            bad = self._open_existing()
        except _Unusable as exc:
            self.close()
            raise IndexUnavailable(exc.reason, missing=exc.missing) from None
        if bad:
            self.store.excluded.update(b.segment for b in bad if b.segment)
            self.damage += [b.detail for b in bad]

    def _open_existing(self) -> list[StoreDamaged]:
        """Open the folder as it is, with the cheap checks; raises _Unusable when it has
        to be started afresh, returns the damaged segments (the rest is sound)."""
        folder = self.folder
        if not os.path.lexists(folder):
            raise _Unusable("the index folder is missing", missing=True)
        if folder.is_symlink() or not folder.is_dir():
            raise _Unusable("the index folder is not a folder")
        try:
            marker = folder / "VERSION"
            if not marker.is_file():
                raise _Unusable("the index was never finished")
            version = marker.read_text(encoding="ascii", errors="replace").strip()
            if version != INDEX_VERSION:
                raise _Unusable(f"an index of another version ({version[:20]!r})")
            self.store = PostingStore(folder, readonly=self.readonly)
            self._check_whoosh()
            self.ix = _storage(folder, readonly=self.readonly).open_index()
            with self.ix.searcher() as searcher:
                # Touch every segment's files: a truncated segment fails here, not mid-search.
                # (An index with no records has no column reader: nothing to touch.)
                if searcher.reader().doc_count_all():
                    list(searcher.reader().column_reader("aid"))[:1]
            bad = self.store.check_segments()
            self.store.excluded.update(b.segment for b in bad if b.segment)
            self.store.view()  # the manifest's rows against the segments
            return bad
        except _Unusable:
            raise
        except StoreDamaged as exc:
            raise _Unusable(exc.detail) from None
        except (ReaderError, sqlite3.OperationalError):
            raise  # busy, a full disk, read-only: not damage (never a reason to rebuild)
        except Exception as exc:  # missing, half-written, damaged: start over
            raise _Unusable(f"{type(exc).__name__}: {exc}") from None

    def _drop(self, bad: list[StoreDamaged]) -> None:
        """Forget damaged segments (their articles are indexed again by the next sync)."""
        names = [b.segment for b in bad if b.segment]
        self.store.excluded.difference_update(names)
        self.dropped += self.store.drop_segments(names)
        self.damage += [b.detail for b in bad]
        self.rebuilt = True
        self.reason = self.reason or bad[0].detail

    def _housekeep(self) -> None:
        """After opening (open lock held): delete segment files no run registered and
        adopt the Whoosh files of an interrupted commit, only when no sync is running
        (its files are not registered yet); delete folders moved aside, when alone."""
        try:
            with exclusive_lock(lock_path(self.folder, "sync"), wait=False):
                self.store.sweep()
                if self._whoosh_unrecorded:
                    self.store.record_whoosh(self._whoosh_state())
                    self._whoosh_unrecorded = False
        except LockBusy:
            pass
        assert self._use is not None
        if self._use.alone():
            try:
                for old in self.folder.parent.glob(f"{self.folder.name}.old-*"):
                    shutil.rmtree(old, ignore_errors=True)
            finally:
                self._use.share()

    def _replace_folder(self) -> None:
        """Make way for a new index (open lock held, handles closed). A file in the way
        is removed; the folder is deleted only when no other process has it open, else
        renamed aside (their open files stay valid, their next open finds the new one)."""
        folder = self.folder
        if not os.path.lexists(folder):
            return
        if folder.is_symlink() or not folder.is_dir():
            folder.unlink()
            return
        assert self._use is not None
        if self._use.alone():
            try:
                shutil.rmtree(folder)
            finally:
                self._use.share()
            return
        try:
            with exclusive_lock(lock_path(folder, "sync"), wait=False):
                os.rename(
                    folder,
                    folder.with_name(f"{folder.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"),
                )
        except LockBusy:
            raise ReaderError(m.INDEX_REBUILD_BUSY) from None

    def _create(self) -> None:
        self.folder.mkdir(parents=True)
        self.ix = _storage(self.folder).create_index(make_schema())
        self.store = PostingStore(self.folder, create=True)
        self.store.record_whoosh(self._whoosh_state())
        (self.folder / "VERSION").write_text(INDEX_VERSION)  # last: the index is whole

    def _folder_identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.folder)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def clear(self) -> None:
        """Start an empty index (``reader reindex --full``)."""
        if self.readonly:
            raise IndexUnavailable("clearing it", missing=False)
        self._open_writable(fresh=True)

    def _close_handles(self) -> None:
        if self._searcher is not None:
            with contextlib.suppress(Exception):
                self._searcher.close()
            self._searcher = None
        self._searcher_generation = -1
        self._filter_cache.clear()
        self._aid_by_docnum = None
        with contextlib.suppress(Exception):
            self.store.close()
        with contextlib.suppress(Exception):
            self.ix.close()

    def close(self) -> None:
        self._close_handles()
        if self._use is not None:
            self._use.release()
            self._use = None

    # -- Whoosh's files: checksums kept in the manifest ---------------------------------

    def _whoosh_generation(self) -> int:
        found = [int(m.group(1)) for n in os.listdir(self.folder) if (m := _TOC.match(n))]
        return max(found, default=-1)

    def _file_crc(self, name: str) -> tuple[int, int]:
        path = self.folder / name
        st = path.stat()
        cached = self._crcs.get(name)
        if cached is not None and cached[:2] == (st.st_size, st.st_mtime_ns):
            return cached[0], cached[2]
        crc = 0
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                crc = zlib.crc32(chunk, crc)
        self._crcs[name] = (st.st_size, st.st_mtime_ns, crc)
        return st.st_size, crc

    def _whoosh_state(self) -> WhooshState:
        """The files of Whoosh's latest commit and their checksums (after a commit)."""
        generation = self._whoosh_generation()
        toc = index.TOC.read(self.ix.storage, self.ix.indexname, generation)
        prefixes = tuple(seg.segment_id() + "." for seg in toc.segments)
        names = [f"_{self.ix.indexname}_{generation}.toc"] + sorted(
            n for n in os.listdir(self.folder) if prefixes and n.startswith(prefixes)
        )
        return generation, {n: self._file_crc(n) for n in names}

    def _whoosh_problem(self) -> str | None:
        """What is wrong with Whoosh's files against their recorded checksums, if any.
        A commit newer than the record is one not registered yet (a sync running now, or
        killed in between): not damage; it is recorded when nobody is writing."""
        state = self.store.whoosh_state()
        if state is None:
            return "no record of the Whoosh files"
        recorded, files = state
        generation = self._whoosh_generation()
        if generation > recorded:
            self._whoosh_unrecorded = True
            return None
        if generation < recorded:
            return "Whoosh's latest commit is missing"
        for name, (size, crc) in files.items():
            try:
                self._crcs.pop(name, None)  # checked from the disk, never from memory
                found = self._file_crc(name)
            except OSError:
                return f"{name}: missing"
            if found != (size, crc):
                return f"{name}: checksum mismatch"
        return None

    def _check_whoosh(self) -> None:
        problem = None
        for _ in range(10):
            problem = self._whoosh_problem()
            if problem is None:
                return
            # A writer committing right now replaces files under us: look again.
            if not writer_active(self.folder):
                break
            time.sleep(0.1)
        raise _Unusable(problem or "Whoosh's files changed while being checked")

    # -- damage found while answering --------------------------------------------------

    def _repair(self, exc: StoreDamaged) -> None:
        """Damage found after opening: drop the bad segment, or start the index afresh
        when the manifest itself is bad; a read-only engine can only refuse."""
        self.damage.append(exc.detail)
        if self.readonly:
            if exc.segment:
                self.store.excluded.add(exc.segment)
            raise IndexUnavailable(exc.detail, missing=False) from None
        self.rebuilt = True
        self.reason = self.reason or exc.detail
        if exc.segment:
            self.dropped += self.store.drop_segments([exc.segment])
        else:
            self._open_writable(reason=exc.detail)

    def _guarded(self, work: Callable[[], T], *, answer: bool = True) -> T:
        """Run *work*; on damage, repair and run it again, so no answer comes from
        damaged data (and ``damage`` remembers, for the note). A read-only engine that
        knows of damage gives no *answer* at all (counts leave the damaged part out)."""
        for _ in range(_MAX_REPAIRS):
            if answer and self.readonly and self.damage:
                raise IndexUnavailable(self.damage[0], missing=False)
            try:
                return work()
            except StoreDamaged as exc:
                self._repair(exc)
        raise ReaderError(m.INDEX_KEEPS_FAILING.format(folder=self.folder))

    def damage_note(self, results: SearchResults | None = None) -> str | None:
        """What an answer says when damage was found since this engine opened."""
        if not self.damage:
            return None
        what = "; ".join(dict.fromkeys(self.damage))
        note = f"the search index was missing or damaged ({what}) and has been repaired"
        if results is not None and results.indexed < results.library:
            note += (
                f"; until the rest is indexed again, these results cover "
                f"{results.indexed} of {results.library} articles"
            )
        return note

    def verify(self, *, repair: bool = True) -> list[str]:
        """The full check (``reader reindex``, ``reader reindex --check``): the manifest
        row by row, Whoosh's files, and every block of every segment. Repairs what it
        finds unless *repair* is false or the engine is read-only; returns every damage
        found since opening."""
        found: list[str] = []
        bad = self.store.check_segments(full=True)
        found += [b.detail for b in bad]
        if bad and repair and not self.readonly:
            self._drop(bad)
        else:
            self.store.excluded.update(b.segment for b in bad if b.segment)
        problem: str | None = None
        try:
            self.store.check_manifest()
        except StoreDamaged as exc:
            problem = exc.detail
        if problem is None:
            problem = self._whoosh_problem()
        if problem is not None:
            found.append(problem)
            if repair and not self.readonly:
                self.damage.append(problem)
                self._open_writable(reason=problem)
        if self.readonly or not repair:
            self.damage += [f for f in found if f not in self.damage]
        return list(dict.fromkeys(self.damage + found))

    # -- writing -------------------------------------------------------------------------

    def _writer(self) -> Any:
        from whoosh.index import LockError

        if self.readonly:
            raise IndexUnavailable("writing it", missing=False)
        try:
            # A small pool: Whoosh spills to temporary files beyond it (records are tiny).
            return self.ix.writer(timeout=30.0, limitmb=32)
        except LockError:
            raise ReaderError(m.INDEX_WRITE_BUSY) from None

    def add(self, docs: Sequence[IndexDoc]) -> None:
        """Index (or re-index) documents in this process."""
        if not docs:
            return
        built = build_segment(self.folder, docs)
        if built is not None:
            self.add_segment(*built)

    def add_segment(self, name: str, metas: Sequence[RecordMeta]) -> None:
        """Make a segment written (by a worker) into this folder live, with its records."""
        writer = self._writer()
        try:
            for m in metas:
                writer.update_document(
                    id=str(m.id),
                    aid=m.id,
                    site=m.site or None,
                    date=m.date or None,
                    lang=m.lang or None,
                )
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.store.register(name, whoosh=self._whoosh_state())

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if not ids:
            return
        writer = self._writer()
        try:
            for article_id in ids:
                writer.delete_by_term("id", str(article_id))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.store.delete(ids, whoosh=self._whoosh_state())

    def sweep_unregistered(self) -> None:
        """Delete segment files no manifest row lists (a cancelled sync's leftovers)."""
        self.store.sweep()

    def indexed_versions(self) -> dict[int, str]:
        return self._guarded(lambda: self.store.live_versions(), answer=False)

    def indexed_version_digests(self) -> tuple[array[int], array[int]]:
        """The live article ids in order, and beside each ``hash()`` of its version: what
        a comparison with the catalogue needs in 16 bytes an article (within this
        process; ``indexed_versions`` as a dict costs ~175)."""

        def read() -> tuple[array[int], array[int]]:
            ids, digests = array("q"), array("q")
            for article_id, version in self.store.iter_live_versions():
                ids.append(article_id)
                digests.append(hash(version))
            return ids, digests

        return self._guarded(read, answer=False)

    def doc_count(self) -> int:
        return self._guarded(lambda: self.store.live_count(), answer=False)

    # -- filters through Whoosh ----------------------------------------------------------

    def _whoosh_searcher(self) -> Any:
        """One searcher, refreshed only when the index was written since (every write
        bumps the store's generation): refresh() itself lists the folder and reopens
        segment readers, which held the GIL against the GUI's event loop."""
        generation = self.store.generation()
        if self._searcher is None:
            self._searcher = self.ix.searcher()
        elif generation != self._searcher_generation:
            self._searcher = self._searcher.refresh()
        self._searcher_generation = generation
        return self._searcher

    def _filter_ids(self, fieldname: str, value: str) -> np.ndarray | None:
        """Ids matching a site: or lang: filter. Whoosh walks the postings in Python
        (about 4 ms per 1,000 articles), so answers are kept until the index changes,
        as search engines keep filter bitsets: typing more words reuses them."""
        if fieldname == "site":
            q: query.Query = query.Term("site", analysis.fold(value))
        elif fieldname == "lang":
            q = query.Prefix("lang", value.lower())
        else:
            return None
        searcher = self._whoosh_searcher()
        key = (self._searcher_generation, fieldname, value)
        cached = self._filter_cache.get(key)
        if cached is not None:
            return cached
        docnums = np.fromiter(searcher.docs_for_query(q), dtype=np.int64)
        found = (
            np.unique(self._aids(searcher)[docnums])
            if docnums.size
            else np.zeros(0, dtype=np.int64)
        )
        if len(self._filter_cache) >= 64 or any(
            k[0] != self._searcher_generation for k in self._filter_cache
        ):
            self._filter_cache.clear()
        self._filter_cache[key] = found
        return found

    def _aids(self, searcher: Any) -> np.ndarray:
        """Whoosh document number -> article id, for the current reader."""
        reader = searcher.reader()
        key = id(reader)
        if self._aid_by_docnum is None or self._aid_by_docnum[0] != key:
            self._aid_by_docnum = (key, column_ints(reader, "aid"))
        return self._aid_by_docnum[1]

    # -- searching -----------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        limit: int = 20,
        sort: Sort = "relevance",
        text_of: TextProvider | None = None,
        library: int = 0,
        user: UserData | None = None,
    ) -> SearchResults:
        results = self._guarded(lambda: self._search(text, limit, sort, text_of, library, user))
        note = self.damage_note(results)
        if note:
            results.note = "; ".join(n for n in (results.note, note) if n)
        return results

    def _search(
        self,
        text: str,
        limit: int,
        sort: Sort,
        text_of: TextProvider | None,
        library: int,
        user: UserData | None,
    ) -> SearchResults:
        started = time.perf_counter()
        parsed = parse_query(text)
        view = self.store.view()
        if parsed.root is None:
            return SearchResults(
                text, [], 0, True, view.count, library, time.perf_counter() - started, parsed.note
            )
        evaluator = Evaluator(view, self._filter_ids, user)
        match = evaluator.run(parsed.root)
        messages = ([parsed.note] if parsed.note else []) + match.messages
        hits, checked_all = self._ranked_hits(match, view, limit, sort, text_of, evaluator)
        exact = match.check is None or checked_all
        total = len(hits) if match.check is not None and checked_all else int(match.ids.size)
        return SearchResults(
            text,
            hits,
            total,
            exact,
            view.count,
            library,
            time.perf_counter() - started,
            "; ".join(dict.fromkeys(messages)) or None,
        )

    def _ranked_hits(
        self,
        match: Match,
        view: Any,
        limit: int,
        sort: Sort,
        text_of: TextProvider | None,
        evaluator: Evaluator,
    ) -> tuple[list[Hit], bool]:
        ids, scores = match.ids, match.scores
        if not ids.size:
            return [], True
        dates = view.date_of(ids)
        hits: list[Hit] = []
        window = max(limit * 4, 64)
        done = np.zeros(ids.size, dtype=bool)
        while True:
            remaining = np.flatnonzero(~done)
            if not remaining.size:
                return hits, True
            if remaining.size > window:
                # The best *window* by the primary key, and every tie with the last of
                # them, so the tie-breaks below decide, not the order ids came in.
                primary = -(dates[remaining] if sort == "date" else scores[remaining])
                cut = np.partition(primary, window)[window]
                top = remaining[primary <= cut]
            else:
                top = remaining
            # ties: newer first, then lower id, so the order never depends on segments
            if sort == "date":
                order = top[np.lexsort((ids[top], -scores[top], -dates[top]))]
            else:
                order = top[np.lexsort((ids[top], -dates[top], -scores[top]))]
            for position in order:
                done[position] = True
                hit = self._hit(
                    int(ids[position]), float(scores[position]), match, view, text_of, evaluator
                )
                if hit is not None:
                    hits.append(hit)
                    if len(hits) >= limit:
                        return hits, bool(done.all())
            window *= 4

    def _hit(
        self,
        article_id: int,
        score: float,
        match: Match,
        view: Any,
        text_of: TextProvider | None,
        evaluator: Evaluator,
    ) -> Hit | None:
        texts = text_of(article_id) if text_of else ("", "")
        if texts is None:
            return None  # in the index but gone from the catalogue: never show a ghost
        title, body = texts
        folded_title, folded_body = analysis.fold(title), analysis.fold(body)
        if match.check is not None and not match.check(article_id, folded_title, folded_body):
            return None
        snippet, offsets = make_snippet(body, folded_body, match.needles)
        matched = []
        if match.needles and make_snippet(title, folded_title, match.needles)[1]:
            matched.append("title")
        if offsets:
            matched.append("body")
        # "note" only when the notes hold the query or the hit needed them: a quote that
        # merely shares a word with it does not make a title hit one "in your notes".
        if (
            evaluator.user is not None
            and match.needles
            and evaluator.found_in_notes(article_id, folded_title, folded_body)
        ):
            matched.append("note")
            notes = evaluator.notes().for_article(article_id) if not offsets else []
            for note, folded_note in notes:  # the hit came from the notes: quote one
                note_snippet, note_offsets = make_snippet(note, folded_note, match.needles)
                if note_offsets:
                    prefix = "✎ "
                    snippet = prefix + note_snippet
                    offsets = [(a + len(prefix), b + len(prefix)) for a, b in note_offsets]
                    break
        return Hit(article_id, round(score, 4), snippet, offsets, matched)

    # -- every match, for counts ---------------------------------------------------------

    def all_matches(
        self,
        text: str,
        *,
        text_of: TextProvider | None = None,
        user: UserData | None = None,
        check_limit: int = CHECK_LIMIT,
    ) -> AllMatches:
        """Every article *text* matches, with its date, for counts over the whole result
        (``reader.timeline``): the same evaluation as ``search``, without ranking or
        snippets. Candidates that need their text checked are all checked up to
        *check_limit*; beyond it, a spread sample of that many is, and ``share`` says
        how many of them matched (reading 10,000 articles' text would take seconds)."""
        return self._guarded(lambda: self._all_matches(text, text_of, user, check_limit))

    def _all_matches(
        self, text: str, text_of: TextProvider | None, user: UserData | None, check_limit: int
    ) -> AllMatches:
        parsed = parse_query(text)
        view = self.store.view()
        if parsed.root is None:
            empty = np.zeros(0, dtype=np.int64)
            return AllMatches(empty, empty.astype(np.int32), note=parsed.note)
        match = Evaluator(view, self._filter_ids, user).run(parsed.root)
        ids, exact, share, checked = match.ids, True, 1.0, 0
        check = match.check
        if check is not None and ids.size and text_of is not None:

            def holds(article_id: int) -> bool:
                texts = text_of(article_id)
                if texts is None:
                    return False  # gone from the catalogue: never counted
                return check(article_id, analysis.fold(texts[0]), analysis.fold(texts[1]))

            if ids.size <= check_limit:
                keep = np.fromiter((holds(int(a)) for a in ids), dtype=bool, count=ids.size)
                ids, checked = ids[keep], int(keep.size)
            else:
                sample = ids[np.unique(np.linspace(0, ids.size - 1, check_limit).astype(np.int64))]
                hits = sum(holds(int(a)) for a in sample)
                exact, share, checked = False, hits / sample.size, int(sample.size)
        elif check is not None and ids.size:
            exact = False  # nothing to check them against: candidates, said so
        messages = ([parsed.note] if parsed.note else []) + match.messages
        return AllMatches(
            ids,
            view.date_of(ids).astype(np.int32),
            exact,
            share,
            checked,
            "; ".join(dict.fromkeys(messages)) or None,
        )

    # -- more like this ------------------------------------------------------------------

    def similar(self, doc: IndexDoc, *, limit: int = 8) -> list[int]:
        """Articles sharing this one's most distinctive words (more-like-this)."""
        return self._guarded(lambda: self._similar(doc, limit))

    def _similar(self, doc: IndexDoc, limit: int) -> list[int]:
        """More-like-this over the article's own terms, each weighted by how often the
        article uses it and how rare it is in the library: its words (jieba words of two
        or more characters, English stems) and its English word pairs. A rare
        multi-word term shared by two articles ("tariff engineering") is strong
        evidence; the words inside it, spread apart through other articles, are weak.

        Terms are chosen by their frequency in the article first (lookups cost ~50 us a
        segment each), then by tf-idf; candidates are scored by BM25, each term weighted
        by its tf-idf in this article."""
        view = self.store.view()
        n = view.count
        if n < 2:
            return []
        pairs: list[str] = []
        folded = analysis.visible(analysis.fold(doc.title + "\n" + doc.body))
        terms = analysis.words(folded, pairs=pairs)
        words = [t for t, _ in terms.most_common(SIMILAR_WORDS) if len(t) >= 2]
        pair_counts = Counter(
            p for p in pairs if not any(w in analysis.STOP_WORDS for w in p.split(" "))
        )
        word_pairs = [p for p, _ in pair_counts.most_common(SIMILAR_PAIRS)]
        keys = [analysis.word_key(t, analysis.BODY_WORD) for t in words] + [
            analysis.word_key(p, analysis.WORD_PAIR) for p in word_pairs
        ]
        counts = [terms[t] for t in words] + [pair_counts[p] for p in word_pairs]
        weighted = []
        for p, count in zip(view.postings(keys), counts, strict=True):
            if 1 < p.df <= n * 0.3:
                weight = (1.0 + math.log(count)) * math.log(n / p.df)
                weighted.append((weight, p))
        weighted.sort(key=lambda item: -item[0])
        if not weighted:
            return []
        match = Evaluator(view, self._filter_ids).weighted_body_scores(weighted[:24])
        keep = match.ids != doc.id
        ids, scores = match.ids[keep], match.scores[keep]
        order = np.argsort(-scores, kind="stable")[:limit]
        return [int(i) for i in ids[order]]

    # -- compaction ----------------------------------------------------------------------

    def merge_segments(self, cancel: Callable[[], bool] = lambda: False) -> int:
        """Merge small segments in tiers (``reader.search.merge``); returns how many
        merged segments were written. Stops between merges when *cancel* says so."""
        if self.readonly:
            return 0
        written = 0
        for target, minimum, floor in merge.tiers():
            groups = merge.plan(
                self.store.segment_stats(), target=target, minimum=minimum, floor=floor
            )
            for group in groups:
                if cancel():
                    return written

                def one(group: list[str] = group) -> str | None:
                    return merge.merge_segments(self.folder, self.store.live_parts(group))

                name = self._guarded(one, answer=False)
                if name is not None:
                    self.store.register(name)
                    written += 1
        return written
