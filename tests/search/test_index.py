"""The index as derived data: kept in step, resumable, rebuilt when damaged, never a crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.catalogue import Catalogue
from reader.cli import main
from reader.importer import import_paths
from reader.search.sync import check_index, open_engine, search_library, sync_index

WORDS = ["跨境电商", "海外仓", "物流", "关税", "平台", "卖家", "直播", "支付", "品牌", "退货"]


def write_articles(folder: Path, count: int, start: int = 0) -> None:
    """Small articles, each with a unique marker word so each can be found alone."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        topic = WORDS[i % len(WORDS)]
        body = (
            f"第{i}号报道讨论{topic}的变化。编号甲{i:05d}乙只出现在这一篇里。"
            f"Report number {i} covers {['freight', 'payments', 'returns'][i % 3]}."
        )
        (folder / f"a{i:05d}.txt").write_text(
            f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n跨境电商资讯:{topic}观察{i}\n\n{body}\n",
            encoding="utf-8",
        )


@pytest.fixture
def library(tmp_path: Path):  # type: ignore[no-untyped-def]
    archive = tmp_path / "archive"
    write_articles(archive, 40)
    catalogue = Catalogue(tmp_path / "data" / "catalogue.sqlite3")
    import_paths(catalogue, [archive], workers=1)
    yield tmp_path, archive, catalogue
    catalogue.close()


def marker_hits(catalogue: Catalogue, engine, i: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Titles of the hits for article *i*'s unique marker."""
    res = search_library(catalogue, engine, f"甲{i:05d}乙")
    return [catalogue.summary(h.id)["title"] for h in res.hits]  # type: ignore[index]


def test_cancelled_indexing_resumes_and_search_reports_coverage(library) -> None:  # type: ignore[no-untyped-def]
    tmp_path, _, catalogue = library
    engine = open_engine(tmp_path / "data")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 15  # part-way through

    first = sync_index(catalogue, engine, cancel=cancel, workers=1)
    assert first.cancelled
    partial = search_library(catalogue, engine, "报道")
    assert 0 < partial.indexed < partial.library == 40
    assert partial.coverage < 1.0
    second = sync_index(catalogue, engine, workers=1)
    assert not second.cancelled
    assert first.added + second.added == 40
    assert check_index(catalogue, engine)["indexed"] == 40
    assert marker_hits(catalogue, engine, 39) == ["退货观察39"]
    engine.close()


def test_worker_processes_index_the_same_as_in_process(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_articles(archive, 700)
    results = {}
    for workers in (1, 2):
        data = tmp_path / f"data{workers}"
        catalogue = Catalogue(data / "catalogue.sqlite3")
        import_paths(catalogue, [archive], workers=1)
        engine = open_engine(data)
        summary = sync_index(catalogue, engine, workers=workers)
        assert summary.added == 700
        results[workers] = [
            [
                catalogue.summary(h.id)["path"]
                for h in search_library(catalogue, engine, q, limit=50).hits  # type: ignore[index]
            ]
            for q in ("甲00123乙", "海外仓", "freight", '"report number"', "date:2024-03")
        ]
        engine.close()
        catalogue.close()
    assert results[1] == results[2]
    assert len(results[2][0]) == 1 and results[2][1]


def test_changes_are_followed_and_small_segments_compacted(library) -> None:  # type: ignore[no-untyped-def]
    tmp_path, archive, catalogue = library
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine, workers=1)
    for round_ in range(8):  # eight small imports, as a GUI re-scan would make
        write_articles(archive, 3, start=100 + round_ * 3)
        import_paths(catalogue, [archive], workers=1)
        sync_index(catalogue, engine, workers=1)
    assert check_index(catalogue, engine) == {
        "library": 64,
        "indexed": 64,
        "missing": 0,
        "stale": 0,
        "extra": 0,
    }
    assert len(engine.store.segment_stats()) <= 5  # the small ones were merged
    assert marker_hits(catalogue, engine, 101) == ["海外仓观察101"]
    (archive / "a00101.txt").unlink()
    import_paths(catalogue, [archive], workers=1)
    summary = sync_index(catalogue, engine, workers=1)
    assert summary.removed == 1
    assert marker_hits(catalogue, engine, 101) == []
    engine.close()


@pytest.mark.parametrize("damage", ["segment", "manifest", "whoosh", "version"])
def test_damaged_index_is_rebuilt_not_a_crash(library, damage: str) -> None:  # type: ignore[no-untyped-def]
    tmp_path, _, catalogue = library
    folder = tmp_path / "data" / "index"
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine, workers=1)
    engine.close()
    if damage == "segment":
        seg = next(folder.glob("seg-*.post"))
        seg.write_bytes(seg.read_bytes()[:200])
    elif damage == "manifest":
        for p in folder.glob("store.sqlite3*"):
            p.write_bytes(b"not a database" * 100)
    elif damage == "whoosh":
        for p in folder.glob("*.toc"):
            p.write_bytes(b"\x00")
    else:
        (folder / "VERSION").write_text("0")
    reopened = open_engine(tmp_path / "data")
    assert reopened.rebuilt and reopened.doc_count() == 0
    summary = sync_index(catalogue, reopened, workers=1)
    assert summary.rebuilt and summary.added == 40
    assert marker_hits(catalogue, reopened, 7) == ["支付观察7"]
    reopened.close()


def test_cli_search_rebuilds_a_deleted_index(library, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    tmp_path, _, _ = library
    data = str(tmp_path / "data")
    assert main(["reindex", "--data-dir", data, "--workers", "1"]) == 0
    assert main(["reindex", "--check", "--json", "--data-dir", data]) == 0
    capsys.readouterr()
    import shutil

    shutil.rmtree(tmp_path / "data" / "index")
    assert main(["reindex", "--check", "--data-dir", data]) == 1
    assert "missing 40" in capsys.readouterr().out
    assert main(["search", "甲00007乙", "--json", "--data-dir", data, "--workers", "1"]) == 0
    out = capsys.readouterr()
    assert "rebuilding" in out.err
    rows = json.loads(out.out)
    assert [r["title"] for r in rows] == ["支付观察7"]
    assert "[甲00007乙]" in rows[0]["snippet"]


def test_a_writer_killed_while_holding_the_lock_does_not_block(library) -> None:  # type: ignore[no-untyped-def]
    tmp_path, _, catalogue = library
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine, workers=1)
    engine.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from reader.search.sync import open_engine, _sync_lock
            engine = open_engine({str(tmp_path / "data")!r})
            writer = engine.ix.writer()
            with _sync_lock(engine.folder):
                print('locked', flush=True)
                time.sleep(60)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    (tmp_path / "archive" / "a00000.txt").write_text(
        "2024-01-01\n\n跨境电商资讯:新标题\n\n全新的正文内容。", encoding="utf-8"
    )
    import_paths(catalogue, [tmp_path / "archive"], workers=1)
    again = open_engine(tmp_path / "data")
    assert not again.rebuilt
    assert sync_index(catalogue, again, workers=1).updated == 1
    assert [
        catalogue.summary(h.id)["title"]
        for h in search_library(catalogue, again, "全新的正文").hits  # type: ignore[index]
    ] == ["新标题"]
    again.close()


def test_a_second_indexer_is_told_to_wait(library) -> None:  # type: ignore[no-untyped-def]
    from reader.errors import ReaderError
    from reader.search.sync import _sync_lock

    tmp_path, _, catalogue = library
    engine = open_engine(tmp_path / "data")
    with _sync_lock(engine.folder), pytest.raises(ReaderError, match="indexing"):
        sync_index(catalogue, engine, workers=1)
    engine.close()


def test_filters_follow_the_index_after_changes(library) -> None:  # type: ignore[no-untyped-def]
    """site: answers are kept between queries, but never across a change."""
    tmp_path, archive, catalogue = library
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine, workers=1)
    assert len(search_library(catalogue, engine, "site:跨境电商资讯", limit=100).hits) == 40
    assert search_library(catalogue, engine, "site:出海观察资讯").hits == []
    (archive / "new.txt").write_text(
        "2024-02-02\n\n出海观察资讯:新站点的报道\n\n正文。", encoding="utf-8"
    )
    import_paths(catalogue, [archive], workers=1)
    sync_index(catalogue, engine, workers=1)
    assert [
        catalogue.summary(h.id)["title"]
        for h in search_library(catalogue, engine, "site:出海观察资讯").hits  # type: ignore[index]
    ] == ["新站点的报道"]
    engine.close()


def test_version_walk_agrees_with_a_dict_comparison(library) -> None:  # type: ignore[no-untyped-def]
    """The id-ordered walk that replaced two whole-library dicts: missing, stale and
    removed articles interleaved (first, middle and last ids) come out as a plain dict
    comparison of the catalogue and the index says."""
    tmp_path, archive, catalogue = library
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine, workers=1)
    for i in (0, 17, 39):  # stale: the text changed after indexing
        path = archive / f"a{i:05d}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "补充一句。\n", encoding="utf-8")
    for i in (1, 20, 38):  # removed from the archive
        (archive / f"a{i:05d}.txt").unlink()
    write_articles(archive, 3, start=500)  # missing: new since
    import_paths(catalogue, [archive], workers=1)
    wanted, have = catalogue.versions(), engine.indexed_versions()
    expected = {
        "library": len(wanted),
        "indexed": sum(1 for i, v in have.items() if wanted.get(i) == v),
        "missing": sum(1 for i in wanted if i not in have),
        "stale": sum(1 for i, v in have.items() if i in wanted and wanted[i] != v),
        "extra": sum(1 for i in have if i not in wanted),
    }
    assert expected == {"library": 40, "indexed": 34, "missing": 3, "stale": 3, "extra": 3}
    assert check_index(catalogue, engine) == expected
    summary = sync_index(catalogue, engine, workers=1)
    assert (summary.added, summary.updated, summary.removed) == (3, 3, 3)
    assert check_index(catalogue, engine)["indexed"] == 40
    engine.close()


def test_postings_for_a_candidate_set_keep_the_full_document_frequency(library) -> None:  # type: ignore[no-untyped-def]
    """Ranking a few candidates reads only their postings, but BM25's df must still be
    the whole library's, or the scores would change with the candidate set."""
    import numpy as np

    from reader.search import analysis

    tmp_path, _, catalogue = library
    engine = open_engine(tmp_path / "data")
    sync_index(catalogue, engine, workers=1)
    view = engine.store.view()
    keys = [
        analysis.gram_key("报道", analysis.BODY_GRAM),
        analysis.word_key("report", analysis.BODY_WORD),
        analysis.gram_key("编号", analysis.BODY_GRAM),
        analysis.word_key("nowhere", analysis.BODY_WORD),
    ]
    full = view.postings(keys)
    only = np.asarray(sorted(int(i) for i in full[0].ids)[::3] + [10**6], dtype=np.int64)
    part = view.postings(keys, only=only)
    for whole, some in zip(full, part, strict=True):
        assert some.df == whole.df
        by_id = dict(zip(whole.ids.tolist(), whole.tfs.tolist(), strict=True))
        assert set(some.ids.tolist()) == set(by_id) & set(only.tolist())
        assert all(by_id[i] == t for i, t in zip(some.ids.tolist(), some.tfs.tolist(), strict=True))
    assert full[0].df == 40 and part[0].ids.size == 14 and full[3].df == part[3].df == 0
    engine.close()
