"""Segment merging: the merged segment answers exactly what its sources answered.

Why it exists: at 300,000 articles the index held 196 segments and a query's p95 was 3.4x
the 100,000 figure, a fixed cost per segment per key. The oracle here is the sources
themselves: for every key, the live postings gathered segment by segment must equal the
merged segment's, and whole searches must give the same hits before and after.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from reader.catalogue import Catalogue
from reader.importer import import_paths
from reader.search import analysis, merge, sync
from reader.search.postings import Segment, SegmentBuilder, SegmentDoc, StoreDamaged
from reader.search.sync import check_index, open_engine, search_library, sync_index

WORDS = [
    "跨境电商",
    "海外仓",
    "物流",
    "关税",
    "平台",
    "卖家",
    "直播",
    "支付",
    "品牌",
    "退货",
    "freight",
    "payments",
    "returns",
    "logistics",
    "warehouse",
    "臺灣",
    "香港",
    "發貨",
]


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def build(
    folder: Path, rng: random.Random, first_id: int, count: int, *, big: bool = False
) -> Segment:
    builder = SegmentBuilder()
    for i in range(first_id, first_id + count):
        body = text(rng, rng.randint(0, 60))
        if big:  # many distinct keys: the arrays span many checksum blocks
            body += "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(300))
        builder.add(SegmentDoc(i, f"v{i}", 20240101 + i % 28, analysis.analyse(text(rng, 3), body)))
    return Segment(folder / builder.write(folder))


def live_postings(parts: list[tuple[Segment, np.ndarray]]) -> dict[int, list[tuple[int, int]]]:
    """key -> [(article id, tf)] over the live articles, gathered the slow way."""
    out: dict[int, list[tuple[int, int]]] = {}
    for seg, mask in parts:
        for k, key in enumerate(seg.keys.tolist()):
            start, end = int(seg.offsets[k]), int(seg.offsets[k + 1])
            for doc, tf in zip(
                seg.docnums[start:end].tolist(), seg.tfs[start:end].tolist(), strict=True
            ):
                if mask[doc]:
                    out.setdefault(key, []).append((int(seg.ids[doc]), tf))
    return out


@pytest.mark.parametrize("chunk", [10**9, 97, 5])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_merged_postings_equal_the_live_postings_of_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, seed: int
) -> None:
    monkeypatch.setattr(merge, "MERGE_MB", chunk * merge.BYTES_PER_POSTING / 2**20)  # ranges
    rng = random.Random(seed)
    parts = []
    first = 1
    for _ in range(rng.randint(2, 6)):
        count = rng.randint(1, 40)
        seg = build(tmp_path, rng, first, count)
        first += count
        mask = np.asarray([rng.random() < 0.7 for _ in range(count)], dtype=bool)
        parts.append((seg, mask))
    name = merge.merge_segments(tmp_path, parts)
    live = [(seg, mask) for seg, mask in parts if mask.any()]
    if not live:
        assert name is None
        return
    assert name is not None
    merged = Segment(tmp_path / name)
    merged.verify_all()  # its checksums are its own and right
    everything = np.ones(merged.doc_count, dtype=bool)
    assert live_postings([(merged, everything)]) == live_postings(parts)
    expected_ids = [int(i) for seg, mask in parts for i in seg.ids[mask]]
    assert merged.ids.tolist() == expected_ids
    assert merged.versions == [f"v{i}" for i in expected_ids]
    by_id = {
        int(i): (int(d), int(b), int(t))
        for seg, mask in parts
        for i, d, b, t in zip(
            seg.ids[mask],
            seg.dates[mask],
            seg.body_lengths[mask],
            seg.title_lengths[mask],
            strict=True,
        )
    }
    assert {
        int(i): (int(d), int(b), int(t))
        for i, d, b, t in zip(
            merged.ids, merged.dates, merged.body_lengths, merged.title_lengths, strict=True
        )
    } == by_id
    for seg, _ in parts:  # the Latin prefixes of every source are still there
        assert seg.stems_with_prefix("logist") <= merged.stems_with_prefix("logist")
    assert not list(tmp_path.glob("*.tmp"))  # spill files are gone


def test_damage_in_a_source_is_not_copied_into_the_merge(tmp_path: Path) -> None:
    rng = random.Random(5)
    a = build(tmp_path, rng, 1, 30, big=True)
    b = build(tmp_path, rng, 31, 30, big=True)
    path = b.path
    # a byte in the middle of the postings: a block opening the segment does not read
    middle = b._start + b._where["docnums"][0] + b.docnums.nbytes // 2
    del b
    raw = bytearray(path.read_bytes())
    raw[middle] ^= 0xFF
    path.write_bytes(bytes(raw))
    damaged = Segment(path)
    with pytest.raises(StoreDamaged) as caught:
        merge.merge_segments(tmp_path, [(a, np.ones(30, bool)), (damaged, np.ones(30, bool))])
    assert not damaged._ok.all()  # (the damage was not met by opening it)
    assert caught.value.segment == path.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([a.path.name, path.name])


def test_plan_packs_small_segments_oldest_first_and_leaves_big_ones() -> None:
    stats = [
        ("big", 9000, 9000),
        *[(f"s{i}", 1536, 1536) for i in range(12)],
        ("stale", 16000, 3000),
        ("empty", 10, 0),
    ]
    groups = merge.plan(stats, target=16384)
    assert groups == [[f"s{i}" for i in range(10)]]  # s10, s11, stale: 3 < MERGE_MIN
    assert merge.plan(stats[:4], target=16384) == []
    assert merge.plan([(f"t{i}", 5, 5) for i in range(9)], target=20, minimum=4) == [
        ["t0", "t1", "t2", "t3"],
        ["t4", "t5", "t6", "t7"],
    ]


def test_the_second_tier_merges_first_tier_segments_only() -> None:
    """Three first-tier segments become one of up to 65,535; small new segments are left
    to the first tier, so a few added articles never rewrite a large segment."""
    (_, _, _), (target, minimum, floor) = merge.tiers()
    first = [(f"m{i}", 16384, 16384) for i in range(7)]
    small = [(f"s{i}", 1536, 1536) for i in range(3)]
    assert merge.plan(first + small, target=target, minimum=minimum, floor=floor) == [
        ["m0", "m1", "m2"],
        ["m3", "m4", "m5"],
    ]  # m6 waits for two more
    assert (
        merge.plan([("m0", 16384, 16384), *small], target=target, minimum=minimum, floor=floor)
        == []
    )


def write_articles(folder: Path, count: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        rng = random.Random(i)
        body = f"编号甲{i:05d}乙只出现在这一篇里。{text(rng, 40)}"
        (folder / f"a{i:05d}.txt").write_text(
            f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n跨境电商资讯:{WORDS[i % 10]}观察{i}"
            f"\n\n{body}\n",
            encoding="utf-8",
        )


QUERIES = [
    "海外仓",
    "freight",
    "物流 OR 关税",
    "海外仓 -直播",
    "編號甲00007乙",
    "date:2024-03",
    '"海外仓 物流"',
    "logist*",
    "发货",
]


def answers(catalogue: Catalogue, data: Path) -> list[list[tuple[int, float]]]:
    engine = open_engine(data, readonly=True)
    try:
        return [
            [
                (h.id, round(h.score, 4))
                for h in search_library(catalogue, engine, q, limit=1000).hits
            ]
            for q in QUERIES
        ]
    finally:
        engine.close()


def test_a_library_searches_the_same_after_its_segments_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "archive"
    write_articles(archive, 120)
    catalogue = Catalogue(tmp_path / "data" / "catalogue.sqlite3")
    import_paths(catalogue, [archive], workers=1)
    monkeypatch.setattr(sync, "SEGMENT_DOCS", 8)  # 15 segments
    monkeypatch.setattr(merge, "MERGE_DOCS", 48)
    monkeypatch.setattr(merge, "MERGE_MB", 500 * merge.BYTES_PER_POSTING / 2**20)
    engine = open_engine(tmp_path / "data")
    monkeypatch.setattr(type(engine), "merge_segments", lambda self, cancel=None: 0)
    sync_index(catalogue, engine, workers=1)
    assert len(engine.store.segment_stats()) == 15
    before = answers(catalogue, tmp_path / "data")
    assert all(before[:4]) and len(before[4]) == 1  # the one article with that marker
    monkeypatch.undo()
    monkeypatch.setattr(merge, "MERGE_DOCS", 48)
    monkeypatch.setattr(merge, "MERGE_MB", 500 * merge.BYTES_PER_POSTING / 2**20)
    # some articles change and some go, so the sources hold stale postings to drop
    for i in (3, 50, 51):
        (archive / f"a{i:05d}.txt").unlink()
    write_articles(archive, 2, start=10)  # same content: unchanged
    (archive / "a00020.txt").write_text(
        "2024-05-05\n\n跨境电商资讯:新标题\n\n全新的内容 freight\n", encoding="utf-8"
    )
    import_paths(catalogue, [archive], workers=1)
    monkeypatch.setattr(sync, "SEGMENT_DOCS", 8)
    monkeypatch.setattr(type(engine), "merge_segments", lambda self, cancel=None: 0)
    sync_index(catalogue, engine, workers=1)
    unmerged = answers(catalogue, tmp_path / "data")
    count_before = len(engine.store.segment_stats())
    monkeypatch.undo()
    monkeypatch.setattr(merge, "MERGE_DOCS", 48)
    monkeypatch.setattr(merge, "MERGE_MB", 500 * merge.BYTES_PER_POSTING / 2**20)
    assert engine.merge_segments() >= 2
    stats = engine.store.segment_stats()
    assert len(stats) < count_before // 2
    assert all(docs == live for _, docs, live in stats if docs >= 24)  # merged: no stale rows
    assert answers(catalogue, tmp_path / "data") == unmerged
    assert check_index(catalogue, engine)["stale"] == 0
    assert engine.verify() == []
    files = sorted(p.name for p in (tmp_path / "data" / "index").glob("seg-*"))
    assert files == sorted(name for name, _, _ in stats)  # the sources' files are gone
    engine.close()
    catalogue.close()
