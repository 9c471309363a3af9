"""Recoll as a bench peer (bench/recoll_peer.py): five articles written here, indexed by
Recoll's own indexer, queried through its Python module. Skips when Recoll is absent (CI
does not install it: it is a bench-only peer, never a run-time dependency)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "recoll_peer.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("recoll_peer", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["recoll_peer"] = module
    spec.loader.exec_module(module)
    return module


peer = _load()

needs_recoll = pytest.mark.skipif(
    shutil.which("recollindex") is None,
    reason="Recoll is not installed (recollindex not on PATH); bench-only peer",
)

# Five short articles of our own: two share the words 跨境 and supply, so the known item
# must win on the rest of the query, not on being the only match.
ARTICLES = [
    peer.Doc(
        11,
        "跨境电商的海外仓选址",
        "卖家把库存放进海外仓,配送时间从两周缩短到三天。\n物流成本随之下降。",
        "2020-03-05",
    ),
    peer.Doc(
        22,
        "跨境支付的汇率风险",
        "人民币汇率波动让跨境卖家的利润变得难以预测。\n一些卖家开始用远期合约对冲。",
        "2021-07-19",
    ),
    peer.Doc(
        33,
        "Supply chains after the storm",
        "Port closures pushed freight rates up.\nImporters rebuilt their supply chains "
        "around smaller regional warehouses.",
        "2022-01-10",
    ),
    peer.Doc(
        44,
        "Green tea exports",
        "The spring harvest was large and supply was strong.\nPrices for green tea fell.",
        "2023-04-02",
    ),
    peer.Doc(
        55,
        "直播带货的退货率",
        "直播间的冲动消费带来了更高的退货率。\n商家开始在直播中展示尺码细节。",
        "2024-11-30",
    ),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if peer.unavailable() is not None:
        pytest.skip(peer.unavailable())
    homes = [Path.home() / ".recoll", Path.home() / ".config" / "Recoll.org"]
    existed = [home.exists() for home in homes]
    built: dict[str, Any] = peer.build_index(tmp_path_factory.mktemp("recoll"), ARTICLES)
    assert [home.exists() for home in homes] == existed, "Recoll must keep out of ~"
    return built


def _top(index: dict[str, Any], queries: list[str | None], **extra: Any) -> dict[str, Any]:
    request = {"confdir": index["confdir"], "queries": queries, "top": 10, "repeat": 1}
    request.update(extra)
    result: dict[str, Any] = peer.search(request)
    return result


@needs_recoll
def test_every_article_is_indexed(index: dict[str, Any]) -> None:
    assert index["docs"] == len(ARTICLES)
    assert index["bytes"] > 0
    xapian = Path(index["confdir"]) / "xapiandb"
    assert xapian.is_dir()


@needs_recoll
def test_a_word_and_a_phrase_bring_the_known_article_first(index: dict[str, Any]) -> None:
    queries = [
        "海外仓",  # a Chinese word of article 11 only
        "跨境 汇率",  # two words AND-ed: 跨境 is in 11 and 22, 汇率 in 22 only
        peer.known_item_query(["supply chains"], phrase=True),  # 33; 44 has "supply" alone
        peer.known_item_query(["green", "tea"], phrase=False),
        peer.known_item_query(["退货率"], phrase=False),
    ]
    ids = _top(index, queries)["ids"]
    assert [found[0] if found else None for found in ids] == [11, 22, 33, 44, 55]
    assert set(ids[1]) == {22}, "words are AND-ed: 跨境 alone must not bring in 11"
    assert set(ids[2]) == {33}, "a quoted phrase needs its words together"


@needs_recoll
def test_date_filters_use_the_article_date(index: dict[str, Any]) -> None:
    path = peer.doc_path(Path(index["confdir"]).parent / "html", 22)
    assert time.localtime(os.stat(path).st_mtime)[:3] == (2021, 7, 19)
    queries = [
        peer.bench_query("跨境 date:2021"),
        peer.bench_query("跨境 date:2020-01..2020-06"),
        peer.bench_query("跨境 date:2020-07..2020-12"),
        peer.bench_query("title:海外仓"),
    ]
    ids = _top(index, queries)["ids"]
    assert ids == [[22], [11], [], [11]]


@needs_recoll
def test_timing_passes_with_and_without_abstracts(index: dict[str, Any]) -> None:
    queries = ["跨境", None, '"green tea"']
    result = _top(index, queries, repeat=2, abstracts=True, full=[0])
    for engine in ("recoll", "recoll_abstracts"):
        passes = result["passes"][engine]
        assert len(passes) == 2
        for timings in passes:
            assert timings[1] is None, "a query Recoll cannot run is not timed"
            assert all(t is not None and t > 0 for i, t in enumerate(timings) if i != 1)
    assert result["first_ms"][1] is None and result["ids"][1] == []
    assert sorted(result["full"]["0"]) == [11, 22]


def test_bench_queries_map_to_recoll_or_say_they_cannot() -> None:
    """Runs without Recoll: the query translation is plain text work."""
    assert peer.bench_query("跨境电") == "跨境电"
    assert peer.bench_query('"supply chain"') == '"supply chain"'
    assert peer.bench_query("物流 date:2019") == "物流 date:2019-01-01/2019-12-31"
    assert peer.bench_query("物流 date:2019-01..2019-06") == "物流 date:2019-01-01/2019-06-30"
    assert peer.bench_query("物流 site:example.com") is None
    assert peer.known_item_query(["海外仓", "物流"], phrase=False) == "海外仓 物流"
    assert peer.known_item_query(["supply chain"], phrase=True) == '"supply chain"'


def test_without_recollindex_it_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(peer.shutil, "which", lambda name: None)
    reason = peer.unavailable()
    assert reason is not None and "recollindex" in reason and "apt-get install" in reason


def test_summary_has_every_engine_and_kind_as_median_of_passes() -> None:
    """search_bench's --json summary: {engine: {kind: {p50, p95}}} for every query kind and
    "all", each the median over the warm passes of that pass's p50 / p95; a kind an engine
    could not run is left out. Runs without Recoll (the figures are given, not measured)."""
    import random
    import statistics

    sys.path.insert(0, str(SCRIPT.parent))
    import search_bench

    rng = random.Random(3)
    kinds = ["substring", "word", "phrase"]
    queries = [{"kind": kinds[i % 3], "q": str(i)} for i in range(15)]  # 5 a kind: odd
    repeat = 3

    def timings() -> list[float]:
        return [rng.uniform(0.5, 40.0) for _ in range(repeat)]

    ours: list[dict[str, Any]] = [{"ms_passes": timings()} for _ in queries]
    for x in ours:
        x["ms"] = statistics.median(x["ms_passes"])
    fts = {i: {"ms_passes": timings()} for i, q in enumerate(queries) if q["kind"] != "word"}
    recoll_passes = [
        [None if q["kind"] == "phrase" else rng.uniform(0.1, 9.0) for q in queries]
        for _ in range(repeat)
    ]
    run = {
        "queries": queries,
        "ours": {"results": ours},
        "fts": fts,
        "recoll": {"passes": {"recoll": recoll_passes, "recoll_abstracts": recoll_passes}},
    }
    table = search_bench.summary(run)
    assert set(table) == {"ours", "fts5", "recoll", "recoll_abstracts"}
    assert set(table["ours"]) == {*kinds, "all"}
    assert "word" not in table["fts5"] and "phrase" not in table["recoll"]
    for kind in kinds:
        chosen = [i for i, q in enumerate(queries) if q["kind"] == kind]
        per_pass = [[ours[i]["ms_passes"][p] for i in chosen] for p in range(repeat)]
        p50s = [statistics.median(values) for values in per_pass]  # 5 values: the middle
        p95s = [max(values) for values in per_pass]  # nearest rank of 5 values: the top
        cell = table["ours"][kind]
        assert cell["p50"] == pytest.approx(statistics.median(p50s))
        assert cell["p95"] == pytest.approx(statistics.median(p95s))
        assert (cell["p50_min"], cell["p50_max"]) == (min(p50s), max(p50s))
        assert cell["queries"] == 5 and cell["passes"] == repeat
    assert table["recoll"]["all"]["queries"] == 10
    assert search_bench.cell(table["ours"]["word"], "p50").count("(") == 1
