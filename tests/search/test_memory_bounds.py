"""Indexing memory is bounded by bytes, not by article counts (issue 16, item 4).

Why: a worker's memory is the term arrays of the articles it holds plus the sort that
writes them, so a count of articles bounds it only for articles of one size; a library
of long articles pushed two workers to ~350 MB each. A worker now writes its segment when
the arrays it holds pass ``SEGMENT_MB``, the merge sorts at most ``MERGE_MB`` of
postings at once, and the number of workers is what the memory target allows. The
oracle for "the index answers the same" is the same library indexed in one segment.
"""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.search import analysis, merge, postings, sync
from reader.search.engine import IndexDoc
from reader.search.postings import Segment, SegmentBuilder, SegmentDoc
from reader.search.sync import check_index, open_engine, search_library, sync_index

WORDS = ["跨境电商", "海外仓", "物流", "关税", "平台", "卖家", "freight", "payments", "returns"]
QUERIES = ["海外仓", "freight", "物流 OR 关税", "海外仓 -平台", "編號甲00007乙", '"海外仓 物流"']


def write_articles(folder: Path, count: int, *, huge: int | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        rng = random.Random(i)
        body = f"编号甲{i:05d}乙只出现在这一篇里。" + " ".join(rng.choice(WORDS) for _ in range(40))
        if i == huge:  # thousands of distinct CJK pairs: far more postings than the rest
            body += "".join(chr(0x4E00 + rng.randrange(6000)) for _ in range(20_000))
        (folder / f"a{i:05d}.txt").write_text(
            f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n资讯{i}\n\n{body}\n", encoding="utf-8"
        )


def library(tmp_path: Path, count: int, *, huge: int | None = None) -> Catalogue:
    archive = tmp_path / "archive"
    write_articles(archive, count, huge=huge)
    catalogue = Catalogue(tmp_path / "data" / "catalogue.sqlite3")
    import_paths(catalogue, [archive], workers=1)
    return catalogue


def answers(catalogue: Catalogue, data: Path) -> list[list[tuple[int, float]]]:
    engine = open_engine(data, readonly=True)
    try:
        return [
            [
                (h.id, round(h.score, 4))
                for h in search_library(catalogue, engine, q, limit=500).hits
            ]
            for q in QUERIES
        ]
    finally:
        engine.close()


def segment_docs(data: Path) -> list[int]:
    engine = open_engine(data, readonly=True)
    try:
        return [docs for _, docs, _ in engine.store.segment_stats()]
    finally:
        engine.close()


def no_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.search.whoosh_engine import WhooshEngine

    monkeypatch.setattr(WhooshEngine, "merge_segments", lambda self, cancel=None: 0)


def test_the_builder_counts_the_bytes_of_the_arrays_it_holds() -> None:
    builder = SegmentBuilder()
    assert builder.nbytes == 0
    terms = analysis.analyse("标题", "海外仓 物流 freight returns")
    builder.add(SegmentDoc(1, "v1", 0, terms))
    builder.add(SegmentDoc(2, "v2", 0, terms))
    assert builder.nbytes == 2 * (terms.keys.nbytes + terms.tfs.nbytes) > 0


def test_a_small_budget_writes_several_segments_that_answer_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = tmp_path / "one"
    catalogue = library(one, 60)
    no_merge(monkeypatch)
    engine = open_engine(one / "data")
    sync_index(catalogue, engine, workers=1)
    engine.close()
    assert segment_docs(one / "data") == [60]  # the budget is far above 60 small articles
    expected = answers(catalogue, one / "data")
    assert all(expected) and len(expected[4]) == 1
    catalogue.close()

    many = tmp_path / "many"
    catalogue = library(many, 60)
    per_article = analysis.analyse("资讯1", "编号甲00001乙只出现在这一篇里。" + "海外仓 " * 40)
    # a budget of about five articles' arrays: the flush comes from bytes, not a count
    monkeypatch.setattr(sync, "SEGMENT_MB", 5 * per_article.keys.nbytes / 2**20)
    engine = open_engine(many / "data")
    sync_index(catalogue, engine, workers=1)
    engine.close()
    sizes = segment_docs(many / "data")
    assert len(sizes) >= 6 and sum(sizes) == 60
    assert max(sizes) < 20
    assert answers(catalogue, many / "data") == expected
    engine = open_engine(many / "data")
    assert check_index(catalogue, engine) == {
        "library": 60,
        "indexed": 60,
        "missing": 0,
        "stale": 0,
        "extra": 0,
    }
    engine.close()
    catalogue.close()


def test_an_article_larger_than_the_budget_is_a_segment_of_its_own(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    folder.mkdir()
    rng = random.Random(3)
    bodies = [" ".join(rng.choice(WORDS) for _ in range(30)) for _ in range(12)]
    bodies[5] += "".join(chr(0x4E00 + rng.randrange(6000)) for _ in range(20_000))
    docs = [
        IndexDoc(id=i + 1, version=f"v{i}", title=f"资讯{i}", body=body, date="2024-01-02")
        for i, body in enumerate(bodies)
    ]
    small = analysis.analyse(docs[0].title, docs[0].body).keys.nbytes
    huge = analysis.analyse(docs[5].title, docs[5].body).keys.nbytes
    budget = 20 * small  # many small articles fit; the huge one alone passes it
    assert huge > budget
    built = list(sync.build_segments(folder, docs, budget))
    # the segment before it is written when the huge one would pass the budget, and the
    # huge one alone as soon as it is added: no segment holds more than the budget
    # unless it is a single article
    assert [[m.id for m in metas] for _, metas in built] == [
        [1, 2, 3, 4, 5],
        [6],
        list(range(7, 13)),
    ]
    for name, metas in built:
        assert Segment(folder / name).ids.tolist() == [m.id for m in metas]


def test_workers_take_the_budget_from_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker processes start fresh (no fork), so the budget travels with them."""
    catalogue = library(tmp_path, sync.IN_PROCESS + 20)
    no_merge(monkeypatch)
    per_article = analysis.analyse("资讯1", "编号甲00001乙只出现在这一篇里。" + "海外仓 " * 40)
    monkeypatch.setattr(sync, "SEGMENT_MB", 40 * per_article.keys.nbytes / 2**20)
    engine = open_engine(tmp_path / "data")
    summary = sync_index(catalogue, engine, workers=2)
    engine.close()
    assert summary.added == sync.IN_PROCESS + 20
    sizes = segment_docs(tmp_path / "data")
    assert sum(sizes) == sync.IN_PROCESS + 20
    assert len(sizes) >= 5 and max(sizes) < 100  # two chunks, cut again by the budget
    catalogue.close()


def test_the_worker_count_is_what_the_memory_target_allows() -> None:
    worker = sync.WORKER_BASE_MB + sync.WRITE_FACTOR * sync.SEGMENT_MB
    allowed = int((sync.MEMORY_TARGET_MB - sync.PARENT_MB) // worker)
    assert sync.index_workers(cpus=64) == allowed >= 2  # the memory bound, not the cores
    assert sync.index_workers(cpus=2) == 2
    assert sync.index_workers(cpus=1) == 1
    assert sync.index_workers(cpus=None) == 1
    assert sync.PARENT_MB + 2 * worker <= sync.MEMORY_TARGET_MB


def big_segments(folder: Path, count: int) -> list[tuple[Segment, np.ndarray]]:
    parts = []
    rng = random.Random(11)
    for s in range(count):
        builder = SegmentBuilder()
        for i in range(40):
            body = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(600))
            builder.add(SegmentDoc(s * 100 + i, "v", 20240101, analysis.analyse("题", body)))
        seg = Segment(folder / builder.write(folder))
        parts.append((seg, np.ones(seg.ids.size, dtype=bool)))
    return parts


def merge_peak(
    folder: Path, parts: list[tuple[Segment, np.ndarray]], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """The merge's peak of traced memory (NumPy's arrays included) until it writes the
    file: its key ranges. (Writing reads the spilled arrays back in pieces of a fixed
    8 MB, whatever the budget.)"""
    peaks = []
    write = postings.write_arrays

    def measured(*args: object, **kwargs: object) -> None:
        peaks.append(tracemalloc.get_traced_memory()[1])
        write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(merge, "write_arrays", measured)
    tracemalloc.start()
    try:
        name = merge.merge_segments(folder, parts)
    finally:
        tracemalloc.stop()
    assert name is not None and len(peaks) == 1
    return peaks[0], name


def test_the_merge_sorts_at_most_its_budget_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = big_segments(tmp_path, 4)
    count = sum(int(seg.docnums.size) for seg, _ in parts)
    assert count > 150_000
    budget = 1.0  # MB: about a sixth of what these postings need sorted at once
    monkeypatch.setattr(merge, "MERGE_MB", budget)
    merge_peak(tmp_path, parts, monkeypatch)  # NumPy loads parts of itself on first use
    monkeypatch.setattr(merge, "MERGE_MB", 64.0)
    whole, name = merge_peak(tmp_path, parts, monkeypatch)  # the default budget: all in one range
    assert merge.chunk_postings() > count
    merged = Segment(tmp_path / name)
    monkeypatch.setattr(merge, "MERGE_MB", budget)
    assert merge.chunk_postings() < count // 4
    bounded, name = merge_peak(tmp_path, parts, monkeypatch)
    again = Segment(tmp_path / name)
    assert np.array_equal(np.asarray(again.keys), np.asarray(merged.keys))
    assert np.array_equal(np.asarray(again.docnums), np.asarray(merged.docnums))
    assert bounded < whole / 3
    assert bounded < 2 * budget * 2**20  # the sort buffers, plus masks and the vocabulary
