"""The same story saved twice (issue 14): copies are grouped at import, distinct stories
are not, later imports join existing stories, and removing the first copy re-points
its story. Through ``Library.update`` and the catalogue, on texts written here, in
Chinese and English; and the grouping itself against a brute-force Jaccard oracle."""

from __future__ import annotations

import random
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.catalogue import Catalogue
from reader.catalogue.copies import CopyStore
from reader.duplicates import (
    BANDS,
    CONTAINMENT_MIN,
    JACCARD_MIN,
    NUM_PERM,
    OPENINGS,
    ROWS,
    SEED,
    CopySignature,
    components,
    estimated_similarity,
    group_signatures,
    minhash,
    permutations,
    shingle_hashes,
    signature_of_text,
)
from reader.library import GROUPING, Library
from reader.paths import catalogue_path

# -- the stories (written for these tests) --------------------------------------------------

LOGISTICS_ZH = [
    "今年第三季度，华南地区的跨境物流价格出现了明显回落。多家货代公司表示，美西航线的"
    "集装箱运价比年初下降了将近四成，空运价格也随着运力恢复而逐步走低。",
    "深圳一家主营家居用品的卖家告诉记者，他们在六月份把一半的货物从空运改为海运加海外仓，"
    "每件商品的物流成本节省了两块多钱，但备货周期拉长到了六周左右。",
    "业内人士分析，运价回落的主要原因是新船集中交付，以及欧美市场的库存仍处在高位。"
    "不少进口商推迟了补货计划，港口的拥堵情况也比去年同期缓解了很多。",
    "不过，也有货代提醒卖家不要过于乐观。进入第四季度后，黑色星期五和圣诞节的备货需求"
    "将集中释放，届时舱位可能再次紧张，价格存在反弹的可能。",
    "对于中小卖家来说，专家建议提前与物流服务商签订长期协议，锁定部分舱位，同时合理规划"
    "海外仓的库存水平，避免旺季断货或者滞销积压带来的双重损失。",
    "此外，部分平台近期调整了入仓规则，对超长超重的商品收取额外的处理费用，卖家在选品"
    "和包装设计阶段就应当把这些费用考虑进去。",
]
WAREHOUSE_ZH = [
    "随着欧洲市场的增长，越来越多的中国卖家开始在德国和波兰租用海外仓。一位在杭州做户外"
    "用品的卖家说，自建仓的人工成本太高，他们更愿意选择第三方仓储服务。",
    "第三方仓储企业的负责人介绍，今年上半年他们在波兰新开了两个仓库，总面积超过三万平方米，"
    "主要服务来自长三角地区的中小卖家，入驻率已经达到八成。",
    "与美国市场相比，欧洲各国的税务和合规要求更加复杂。卖家需要分别办理增值税号，还要"
    "关注包装法和电池法等新规，这些都增加了运营的难度。",
    "有从业者建议，新手卖家可以先从一个国家的站点做起，熟悉当地的退货习惯和配送时效，"
    "再逐步扩展到其他国家，而不是一开始就铺开全部站点。",
    "仓储企业也在尝试提供更多增值服务，比如贴标、换包装、退货检测和二次销售，帮助卖家"
    "减少退货带来的损失，这部分业务的收入增长很快。",
]
BOILERPLATE_ZH = (
    "免责声明：本文内容仅代表作者个人观点，不构成任何投资建议。如涉及版权问题，请联系"
    "我们删除。欢迎关注我们的公众号，获取更多跨境电商行业资讯。"
)

FREIGHT_EN = [
    "Container shipping rates between Asia and the west coast of the United States fell "
    "sharply over the summer, as a wave of newly built ships entered service and retailers "
    "held back orders while they worked through the stock they had piled up last year.",
    "A furniture importer in Ohio said it had moved most of its goods from air freight back "
    "to ocean freight in June, saving more than two dollars a unit, although its lead times "
    "grew to about six weeks from the factory gate to its warehouse.",
    "Analysts said the decline reflected both the delivery of new vessels and weak demand in "
    "Europe, where inventories remain high. Congestion at the main ports has also eased "
    "compared with the same period a year earlier, freeing up berths and trucks.",
    "Some forwarders warned shippers not to read too much into the lull. Orders for the "
    "holiday season usually peak in the autumn, and space on the busiest routes could "
    "tighten again quickly, pushing prices back up before the end of the year.",
    "Small sellers were advised to sign longer contracts with their carriers to secure "
    "capacity, and to plan the stock they keep in overseas warehouses carefully, so that "
    "they neither run out during the peak nor pay storage fees on goods that do not sell.",
]
PORTS_EN = [
    "The port authority said on Tuesday that it would spend four hundred million dollars on "
    "new cranes and a rail link, hoping to win back shipping lines that moved their calls "
    "to rival harbours during the pandemic, when queues of ships stretched for miles.",
    "Dock workers welcomed the plan but said they wanted guarantees about jobs, since the "
    "new cranes can be operated remotely. Talks between the union and the employers are "
    "due to resume next month after a break over the summer holidays.",
    "Shipping lines have become more cautious about which ports they serve, preferring "
    "terminals that can turn a large vessel around in under two days. Several have signed "
    "long agreements with the newest terminals on the coast in exchange for lower fees.",
    "Local businesses hope the investment will bring more warehouses and logistics firms to "
    "the area, although residents have raised concerns about truck traffic and noise near "
    "the docks, and the council has promised a study of the roads before work begins.",
]
BOILERPLATE_EN = (
    "This article is for information only and does not constitute investment advice. "
    "Subscribe to our newsletter for the latest news on trade and logistics every week."
)


def write_story(
    folder: Path,
    name: str,
    paragraphs: list[str],
    *,
    site: str,
    title: str,
    url: str,
    date: str = "2024-05-06",
    footer: str | None = None,
) -> Path:
    """One file of the archive's text format (date, site:title, body, source URL)."""
    body = list(paragraphs) + ([footer] if footer else [])
    lines = [date, "", f"{site}:{title}", "", "\n\n".join(body), "", f"原文转载:{url}", ""]
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def light_edit(paragraphs: list[str], swaps: list[tuple[str, str]]) -> list[str]:
    out = list(paragraphs)
    for old, new in swaps:
        for i, p in enumerate(out):
            if old in p:
                out[i] = p.replace(old, new, 1)
                break
        else:
            raise AssertionError(f"{old!r} is not in the story")
    return out


def write_copies(archive: Path) -> dict[str, Path]:
    """Two stories in each language, each with a re-post (another site and footer), a
    teaser (the first 40%) and a light edit; and, on the same topics, a distinct story
    sharing the same boilerplate footer."""
    files = {
        "zh": write_story(
            archive,
            "zh/original.txt",
            LOGISTICS_ZH,
            site="跨境电商资讯",
            title="跨境物流价格回落",
            url="https://a.example.cn/1",
            date="2024-05-06",
            footer=BOILERPLATE_ZH,
        ),
        "zh_repost": write_story(
            archive,
            "zh/repost.txt",
            LOGISTICS_ZH,
            site="出海观察",
            title="运价回落，卖家如何应对",
            url="https://b.example.cn/77",
            date="2024-05-08",
            footer="本文转载自跨境电商资讯，版权归原作者所有，如有侵权请联系删除。",
        ),
        "zh_teaser": write_story(
            archive,
            "zh/teaser.txt",
            LOGISTICS_ZH[:2],
            site="物流周刊",
            title="跨境物流价格回落（摘要）",
            url="https://c.example.cn/5",
            footer="点击原文链接阅读全文。",
        ),
        "zh_edit": write_story(
            archive,
            "zh/edit.txt",
            light_edit(
                LOGISTICS_ZH,
                [("将近四成", "约百分之四十"), ("两块多钱", "两元多"), ("六周左右", "一个半月")],
            ),
            site="跨境电商资讯",
            title="跨境物流价格回落（更新）",
            url="https://a.example.cn/1-2",
        ),
        "zh_other": write_story(
            archive,
            "zh/warehouse.txt",
            WAREHOUSE_ZH,
            site="跨境电商资讯",
            title="卖家扎堆欧洲海外仓",
            url="https://a.example.cn/2",
            footer=BOILERPLATE_ZH,
        ),
        "en": write_story(
            archive,
            "en/original.txt",
            FREIGHT_EN,
            site="Freight Daily",
            title="Shipping rates fall",
            url="https://a.example.com/rates",
            footer=BOILERPLATE_EN,
        ),
        "en_repost": write_story(
            archive,
            "en/repost.txt",
            FREIGHT_EN,
            site="Trade Wire",
            title="Why shipping got cheaper",
            url="https://b.example.com/9",
            footer="Republished with permission from Freight Daily. All rights reserved.",
        ),
        "en_teaser": write_story(
            archive,
            "en/teaser.txt",
            FREIGHT_EN[:2],
            site="Logistics Brief",
            title="Shipping rates fall (summary)",
            url="https://c.example.com/3",
            footer="Read the full story at Freight Daily.",
        ),
        "en_edit": write_story(
            archive,
            "en/edit.txt",
            light_edit(
                FREIGHT_EN, [("sharply", "steeply"), ("Ohio", "Indiana"), ("two dollars", "$2")]
            ),
            site="Freight Daily",
            title="Shipping rates fall (updated)",
            url="https://a.example.com/rates-2",
        ),
        "en_other": write_story(
            archive,
            "en/ports.txt",
            PORTS_EN,
            site="Freight Daily",
            title="Port plans new cranes",
            url="https://a.example.com/cranes",
            footer=BOILERPLATE_EN,
        ),
    }
    return files


def _ids(catalogue: Catalogue, files: dict[str, Path]) -> dict[str, int]:
    found = {key: catalogue.id_at_path(str(path)) for key, path in files.items()}
    assert all(v is not None for v in found.values()), found
    return {k: int(v) for k, v in found.items() if v is not None}


@pytest.fixture
def grouped(tmp_path: Path, data_dir: Path) -> tuple[Library, dict[str, Path]]:
    archive = tmp_path / "archive"
    files = write_copies(archive)
    library = Library(data_dir)
    phases: list[str] = []
    result = library.update(
        [str(archive)], index=False, workers=1, progress=lambda phase, d, t: phases.append(phase)
    )
    assert result.imported is not None and result.imported.imported == len(files)
    assert result.copies is not None and not result.copies.cancelled
    return library, files


def test_planted_copies_are_grouped_and_distinct_stories_are_not(
    grouped: tuple[Library, dict[str, Path]], data_dir: Path
) -> None:
    _library, files = grouped
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        ids = _ids(catalogue, files)
        store = CopyStore(catalogue)
        for lang in ("zh", "en"):
            story = [ids[lang], ids[f"{lang}_repost"], ids[f"{lang}_teaser"], ids[f"{lang}_edit"]]
            first = min(story)
            # every copy names the story's first copy (the lowest id, imported first)
            assert [store.group_of(i) for i in story] == [first] * 4, lang
            assert store.copies_of(ids[lang]) == sorted(set(story) - {ids[lang]})
            # the other story on the same topic, with the same boilerplate footer: alone
            assert store.group_of(ids[f"{lang}_other"]) is None, lang
            assert store.copies_of(ids[f"{lang}_other"]) == []
        # the two languages' stories never meet
        assert store.group_of(ids["zh"]) != store.group_of(ids["en"])


def test_a_traditional_chinese_repost_is_a_copy(tmp_path: Path, data_dir: Path) -> None:
    from opencc import OpenCC

    archive = tmp_path / "archive"
    files = write_copies(archive)
    to_tw = OpenCC("s2twp")
    files["zh_tw"] = write_story(
        archive,
        "zh/hant.txt",
        [to_tw.convert(p) for p in LOGISTICS_ZH],
        site="臺灣物流報",
        title=to_tw.convert("跨境物流价格回落"),
        url="https://tw.example.com/8",
    )
    Library(data_dir).update([str(archive)], index=False, workers=1)
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        ids = _ids(catalogue, files)
        store = CopyStore(catalogue)
        assert store.group_of(ids["zh_tw"]) == store.group_of(ids["zh"]) is not None


def test_incremental_import_joins_an_existing_story(tmp_path: Path, data_dir: Path) -> None:
    first = tmp_path / "first"
    one = write_story(
        first,
        "original.txt",
        FREIGHT_EN,
        site="Freight Daily",
        title="Shipping rates fall",
        url="https://a.example.com/rates",
    )
    other = write_story(
        first,
        "ports.txt",
        PORTS_EN,
        site="Freight Daily",
        title="Port plans new cranes",
        url="https://a.example.com/cranes",
    )
    library = Library(data_dir)
    library.update([str(first)], index=False, workers=1)
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        assert CopyStore(catalogue).groups() == {}  # no story has two copies yet

    later = tmp_path / "later"
    repost = write_story(
        later,
        "repost.txt",
        FREIGHT_EN,
        site="Trade Wire",
        title="Why shipping got cheaper",
        url="https://b.example.com/9",
        footer="Republished with permission from Freight Daily.",
    )
    result = library.update([str(later)], index=False, workers=1)
    assert result.copies is not None and result.copies.changed == 2
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        store = CopyStore(catalogue)
        one_id, other_id, repost_id = (catalogue.id_at_path(str(p)) for p in (one, other, repost))
        assert one_id is not None and repost_id is not None
        assert store.group_of(repost_id) == store.group_of(one_id) == one_id
        assert store.group_of(other_id or 0) is None

    # a re-scan with nothing new leaves the groups alone and does no grouping work
    again = library.update(None, index=False, workers=1)
    assert again.copies is not None and again.copies.articles == 0


def test_removing_the_first_copy_repoints_its_story(
    grouped: tuple[Library, dict[str, Path]], data_dir: Path
) -> None:
    library, files = grouped
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        ids = _ids(catalogue, files)
    story = sorted([ids["zh"], ids["zh_repost"], ids["zh_teaser"], ids["zh_edit"]])
    removed = library.remove_articles([story[0]])
    assert removed.ids == [story[0]]
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        store = CopyStore(catalogue)
        assert [store.group_of(i) for i in story[1:]] == [story[1]] * 3
        assert store.copies_of(story[1]) == story[2:]
    # down to one copy: no story any more
    library.remove_articles(story[1:3])
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        assert CopyStore(catalogue).group_of(story[3]) is None
        assert CopyStore(catalogue).copies_of(story[3]) == []


def test_a_changed_article_leaves_its_story(
    grouped: tuple[Library, dict[str, Path]], data_dir: Path
) -> None:
    library, files = grouped
    rewritten = [
        "The site replaced this page with a notice about its new subscription plans, which "
        "start next month and include a weekly digest, a podcast and access to the archive.",
        "Readers who signed up before March keep their old price for a year, the editors "
        "said, and can cancel at any time from the account page without a fee.",
    ]
    write_story(
        files["en_repost"].parent,
        files["en_repost"].name,
        rewritten,
        site="Trade Wire",
        title="Something else",
        url="https://b.example.com/9",
    )
    library.update(None, index=False, workers=1)
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        ids = _ids(catalogue, files)
        store = CopyStore(catalogue)
        assert store.group_of(ids["en_repost"]) is None
        assert ids["en_repost"] not in store.copies_of(ids["en"])
        assert store.group_of(ids["en_teaser"]) == store.group_of(ids["en"]) is not None


def test_an_older_library_is_grouped_by_the_next_pass(
    grouped: tuple[Library, dict[str, Path]], data_dir: Path
) -> None:
    """A library from before schema 7 has no signatures: the next import or re-scan
    computes them (phase GROUPING, with progress) and groups them."""
    library, files = grouped
    with Catalogue(catalogue_path(data_dir)) as catalogue, catalogue.transaction() as db:
        db.execute("DELETE FROM article_copies")
    phases: list[tuple[str, int, int]] = []
    result = library.update(
        None, index=False, workers=1, progress=lambda phase, d, t: phases.append((phase, d, t))
    )
    assert result.copies is not None and result.copies.signed == len(files)
    assert (GROUPING, len(files), len(files)) in phases
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        ids = _ids(catalogue, files)
        assert len(CopyStore(catalogue).copies_of(ids["zh"])) == 3


def test_cancelling_the_pass_keeps_signatures_and_finishes_later(
    grouped: tuple[Library, dict[str, Path]], data_dir: Path
) -> None:
    _library, files = grouped
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        with catalogue.transaction() as db:
            db.execute("DELETE FROM article_copies")
        store = CopyStore(catalogue)
        asked: list[int] = []

        def cancel_after_first_batch() -> bool:
            asked.append(1)
            return len(asked) > 1

        cancelled = store.regroup(cancel=cancel_after_first_batch)
        assert cancelled.cancelled and cancelled.signed == len(files)
        assert store.needs_grouping() and store.groups() == {}  # signed, not grouped yet
        finished = store.regroup()
        assert not finished.cancelled and not store.needs_grouping()
        assert len(store.copies_of(_ids(catalogue, files)["en"])) == 3


def test_signatures_of_an_older_size_are_redone_by_the_next_pass(
    grouped: tuple[Library, dict[str, Path]], data_dir: Path
) -> None:
    """A library signed when a signature had 128 values (before NUM_PERM became 64):
    its groups stay until the next pass, which signs those articles again (phase
    GROUPING, with progress) instead of failing on rows of another size, and groups
    them as before."""
    library, files = grouped
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        before = CopyStore(catalogue).groups()
        with catalogue.transaction() as db:  # 128 values: twice the bytes, not ours
            rows = db.execute(
                "SELECT article_id, signature FROM article_copies WHERE signature IS NOT NULL"
            ).fetchall()
            db.executemany(
                "UPDATE article_copies SET signature = ? WHERE article_id = ?",
                [(raw + raw, article_id) for article_id, raw in rows],
            )
        old = {
            size
            for (size,) in catalogue.connection.execute(
                "SELECT length(signature) FROM article_copies WHERE signature IS NOT NULL"
            )
        }
        assert old == {2 * 4 * NUM_PERM}
        store = CopyStore(catalogue)
        assert store.groups() == before  # still shown until the next pass
    files["zh_more"] = write_story(  # the next import: one new article
        files["zh"].parent.parent,
        "zh/more.txt",
        ["".join(reversed(paragraph)) for paragraph in LOGISTICS_ZH],  # a story of its own
        site="另一家",
        title="海外仓",
        url="https://d.example.com/4",
    )
    phases: list[tuple[str, int, int]] = []
    result = library.update(
        None, index=False, workers=1, progress=lambda phase, d, t: phases.append((phase, d, t))
    )
    assert result.copies is not None and result.copies.signed == len(files) - 1
    assert (GROUPING, len(files) - 1, len(files) - 1) in phases
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        sizes = {
            size
            for (size,) in catalogue.connection.execute(
                "SELECT length(signature) FROM article_copies WHERE signature IS NOT NULL"
            )
        }
        assert sizes == {4 * NUM_PERM}
        groups = CopyStore(catalogue).groups()
        ids = _ids(catalogue, files)
        assert {k: v for k, v in groups.items() if k != ids["zh_more"]} == before


def test_grouping_leaves_out_a_signature_of_another_size(
    grouped: tuple[Library, dict[str, Path]], data_dir: Path
) -> None:
    """Should a row of another size reach the comparing (the pass signs such rows again
    first), it is left out rather than breaking the pass: its article is alone."""
    from reader.catalogue.copies import GroupingSummary

    _library, files = grouped
    with Catalogue(catalogue_path(data_dir)) as catalogue:
        ids = _ids(catalogue, files)
        with catalogue.transaction() as db:
            db.execute(
                "UPDATE article_copies SET signature = ? WHERE article_id = ?",
                (bytes(8 * NUM_PERM), ids["en_edit"]),
            )
        store = CopyStore(catalogue)
        summary = GroupingSummary()
        store._group(summary)
        assert summary.articles == len(files) - 1
        assert store.group_of(ids["en_edit"]) is None
        assert len(store.copies_of(ids["en"])) == 2 and len(store.copies_of(ids["zh"])) == 3


# -- the signature and the grouping themselves ----------------------------------------------


def test_signature_is_datasketchs_minhash() -> None:
    """Our vectorised MinHash is datasketch's (affine32, its permutations): a signature
    read back by datasketch compares with datasketch's own."""
    from datasketch import MinHash

    reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
    a, b = permutations()
    assert np.array_equal(a, reference[0]) and np.array_equal(b, reference[1])
    hashes = shingle_hashes("".join(LOGISTICS_ZH))
    theirs = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashfunc=int)
    theirs.update_batch(hashes.tolist())
    assert np.array_equal(minhash(hashes), theirs.hashvalues)
    a = signature_of_text("\n".join(FREIGHT_EN))
    b = signature_of_text("\n".join(FREIGHT_EN[:-1]))
    assert a is not None and b is not None
    ours = float(np.mean(a.hashvalues == b.hashvalues))
    ma = MinHash(hashvalues=a.hashvalues, scheme="affine32")
    mb = MinHash(hashvalues=b.hashvalues, scheme="affine32")
    assert ma.jaccard(mb) == pytest.approx(ours)


def test_banding_catches_half_similar_copies() -> None:
    """The LSH banding uses at most the signature's values and still makes a pair of
    Jaccard 0.5 a candidate with high probability (0.94 for 21 bands of 3), one of
    0.7 almost surely, and one of 0.1 rarely (few pairs to verify)."""
    assert BANDS * ROWS <= NUM_PERM

    def caught(jaccard: float) -> float:
        return float(1 - (1 - jaccard**ROWS) ** BANDS)

    assert caught(0.5) >= 0.9
    assert caught(0.7) >= 0.999
    assert caught(0.1) <= 0.05


def test_openings_pass_over_lines_with_nothing_kept() -> None:
    """Blank lines and lines of punctuation between paragraphs neither count among the
    paragraphs looked at nor change the openings' keys."""
    plain = "\n".join(FREIGHT_EN)
    spaced = "——\n\n" + "\n\n* * *\n".join(FREIGHT_EN) + "\n"
    a, b = signature_of_text(plain), signature_of_text(spaced)
    assert a is not None and b is not None
    assert len(a.openings) == OPENINGS and a.openings == b.openings
    assert np.array_equal(a.hashvalues, b.hashvalues)
    later = signature_of_text("\n".join(FREIGHT_EN[1:]))
    assert later is not None and later.openings[:2] == a.openings[1:]


def test_containment_is_read_from_the_values() -> None:
    """A teaser inside its story is estimated as contained (its Jaccard with the story
    is low, and noisy with 64 values); a text that only opens like the story, then
    tells another one, is not; and it does not matter which side is passed first."""
    story = "\n".join(LOGISTICS_ZH + WAREHOUSE_ZH)
    teaser = "\n".join(LOGISTICS_ZH[:3])
    other = "\n".join(LOGISTICS_ZH[:1] + FREIGHT_EN)
    s, t, o = signature_of_text(story), signature_of_text(teaser), signature_of_text(other)
    assert s is not None and t is not None and o is not None

    def estimate(x: CopySignature, y: CopySignature) -> tuple[float, float]:
        jaccard, containment = estimated_similarity(
            x.hashvalues[None], y.hashvalues[None], np.array([x.shingles]), np.array([y.shingles])
        )
        return float(jaccard[0]), float(containment[0])

    jaccard, contained = estimate(t, s)
    assert jaccard < JACCARD_MIN and contained >= 0.9
    assert estimate(s, t) == (jaccard, contained)
    assert estimate(o, s)[1] < CONTAINMENT_MIN


def test_too_short_a_body_has_no_signature() -> None:
    assert signature_of_text("短讯。") is None
    assert signature_of_text("Too short.") is None


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _random_sets(seed: int, count: int) -> list[set[int]]:
    """Families of sets: some drawn fresh, some near-copies (a few elements swapped) of
    an earlier one, so both sides of the threshold occur."""
    rng = random.Random(seed)
    sets: list[set[int]] = []
    for _ in range(count):
        if sets and rng.random() < 0.5:
            base = rng.choice(sets)
            keep = [x for x in base if rng.random() > rng.choice((0.02, 0.1, 0.6))]
            sets.append(set(keep) | {rng.getrandbits(32) for _ in range(rng.randrange(0, 30))})
        else:
            sets.append({rng.getrandbits(32) for _ in range(rng.randrange(150, 400))})
    return sets


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**31), count=st.integers(2, 14))
def test_grouping_is_union_find_over_the_jaccard_oracle(seed: int, count: int) -> None:
    """Property: groups are the connected components (symmetric, transitive) of the
    pairs whose true Jaccard is clearly above the threshold, never joining pairs
    clearly below it; the first copy is the lowest id."""
    sets = _random_sets(seed, count)
    ids = list(range(10, 10 + count))
    values = np.stack([minhash(np.array(sorted(s), dtype=np.uint32)) for s in sets])
    shingles = np.array([len(s) for s in sets])
    openings = np.full((count, OPENINGS), -1, dtype=np.int64)
    groups = group_signatures(ids, values, shingles, openings).groups

    sure = [
        (ids[i], ids[j])
        for i, j in combinations(range(count), 2)
        if _jaccard(sets[i], sets[j]) >= 0.8
    ]
    never = {
        (ids[i], ids[j])
        for i, j in combinations(range(count), 2)
        if _jaccard(sets[i], sets[j]) < 0.2
        and max(len(sets[i]), len(sets[j])) < 1.2 * min(len(sets[i]), len(sets[j]))
    }
    # symmetric and transitive: a group is named after its lowest member, and every
    # member of a group is in it under the same name
    for member, first in groups.items():
        assert first <= member and groups.get(first) == first
    # sure pairs are together (the components of sure pairs lie inside groups)
    for component in components(sure):
        assert len({groups.get(x) for x in component}) == 1
        assert groups.get(min(component)) is not None
    # pairs far below the threshold are apart unless a chain of copies joins them
    chained = components(
        (ids[i], ids[j])
        for i, j in combinations(range(count), 2)
        if _jaccard(sets[i], sets[j]) >= JACCARD_MIN - 0.2
    )
    for a, b in never:
        if groups.get(a) is not None and groups.get(a) == groups.get(b):
            assert any(a in c and b in c for c in chained), (a, b)
