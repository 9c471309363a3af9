#!/usr/bin/env python3
"""Generate a synthetic archive of saved news articles in the scraper's text format.

Usage::

    python bench/make_corpus.py N DIR [--seed S] [--jobs J]

Writes N articles under DIR/YYYY/MM/NNNNNN_<16 hex>.txt plus DIR/manifest.tsv
(file, date, title, site, url, lang) as ground truth for benchmarks and tests.

The output depends only on N and the seed: every article is produced from its own
random stream seeded by (seed, index), so the files are byte-identical whatever the
number of worker processes.  Chinese text is drawn from jieba's word-frequency
dictionary (``dict.txt``: "word freq pos" per line), English text from a small
grammar and word list defined below.  About 10% of the articles are English.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import math
import multiprocessing
import os
import random
import re
import statistics
import sys
import time
from array import array
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

# --------------------------------------------------------------------------- knobs

ENGLISH_SHARE = 0.10
SIZE_MEDIAN = 8300  # bytes; truncation of the lognormal brings the median near 8 KB
SIZE_SIGMA = 0.62
SIZE_MIN = 1024
SIZE_MAX = 20 * 1024
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2026, 6, 30)
CHUNK = 250  # articles per work unit
EXT = "https://www.ikjzd.com"  # the "external" site of the related-link blocks

# --------------------------------------------------------------------------- sites


@dataclass(frozen=True)
class Site:
    prefix: str  # shown on the title line as "prefix:" (the site name)
    lang: str
    weight: float
    width: int | None  # the title line is cut to this many characters (None: never)
    url: str  # format with id=, y=, m=, slug=
    halfwidth: bool  # scraper normalised punctuation to ASCII , : " ( )


SITES: tuple[Site, ...] = (
    Site("跨境电商资讯", "zh", 0.40, 20, "https://www.kjdsnews.com/a/{id}.html", True),
    Site("亚马逊资讯", "zh", 0.20, 26, "https://www.amzdaily.cn/news/{id}.html", True),
    Site("TikTok出海资讯", "zh", 0.12, 24, "https://www.chuhaiwang.net/p/{id}", False),
    Site("外贸资讯", "zh", 0.10, 30, "https://www.waimaoquan.com/article-{id}.html", False),
    Site("独立站资讯", "zh", 0.08, None, "https://news.dtcweekly.cn/{y}/{m}/{id}.html", False),
    Site(
        "Cross-border News",
        "en",
        0.05,
        56,
        "https://www.crossbordernews.net/{y}/{m}/{slug}-{id}/",
        True,
    ),
    Site("Amazon Seller News", "en", 0.03, 64, "https://sellerwire.io/news/{id}", True),
    Site("E-commerce Brief", "en", 0.02, None, "https://www.ecombrief.com/p/{id}-{slug}", True),
)
_ZH_SITES = [s for s in SITES if s.lang == "zh"]
_EN_SITES = [s for s in SITES if s.lang == "en"]
_ZH_CUM = list(itertools.accumulate(s.weight for s in _ZH_SITES))
_EN_CUM = list(itertools.accumulate(s.weight for s in _EN_SITES))

# --------------------------------------------------------------------------- vocabulary

BRANDS = (
    "TikTok",
    "Amazon",
    "Shopee",
    "Temu",
    "SHEIN",
    "Lazada",
    "eBay",
    "Shopify",
    "Walmart",
    "Etsy",
    "AliExpress",
    "TikTok Shop",
    "Mercado Libre",
    "Ozon",
    "Coupang",
    "Wish",
    "Meta",
    "Google",
    "ChatGPT",
    "Prime Day",
    "FBA",
    "SKU",
    "listing",
    "DTC",
    "ROI",
    "KOL",
    "Facebook",
    "Instagram",
    "YouTube",
    "PayPal",
    "Stripe",
    "Klarna",
    "SHEIN",
    "Zalando",
    "Allegro",
)
CREDIT_SOURCES_ZH = (
    "TikTok for Business",
    "statista",
    "亚马逊官网",
    "Shopify",
    "网络",
    "eMarketer",
    "海关总署",
    "商务部",
    "Google Trends",
    "企业官网",
    "Unsplash",
    "Marketplace Pulse",
    "艾瑞咨询",
    "Meta",
)
CREDIT_SOURCES_EN = (
    "Statista",
    "Shopify",
    "Unsplash",
    "eMarketer",
    "Marketplace Pulse",
    "company handout",
    "Getty Images",
    "Google Trends",
    "Amazon",
    "TikTok for Business",
    "Pexels",
)
# Topic words: boosted so that sampled prose reads like trade news, not like a novel.
DOMAIN_ZH = (
    "跨境",
    "电商",
    "卖家",
    "买家",
    "平台",
    "亚马逊",
    "物流",
    "海外",
    "市场",
    "品牌",
    "用户",
    "消费者",
    "产品",
    "流量",
    "广告",
    "独立站",
    "运营",
    "订单",
    "关税",
    "旺季",
    "仓储",
    "海外仓",
    "出口",
    "进口",
    "外贸",
    "供应链",
    "商家",
    "店铺",
    "选品",
    "营销",
    "直播",
    "短视频",
    "社交",
    "电商平台",
    "支付",
    "退货",
    "合规",
    "税务",
    "增长",
    "销售额",
    "数据",
    "报告",
    "欧洲",
    "美国",
    "东南亚",
    "拉美",
    "中东",
    "日本",
    "德国",
    "英国",
    "政策",
    "监管",
    "成本",
    "利润",
    "价格",
    "折扣",
    "促销",
    "库存",
    "发货",
    "快递",
    "清关",
    "海关",
    "认证",
    "品类",
    "类目",
    "爆款",
    "新品",
    "评论",
    "评价",
    "转化率",
    "客户",
    "工厂",
    "货代",
    "集装箱",
    "运费",
    "汇率",
    "人民币",
    "美元",
    "投资",
    "融资",
    "渠道",
    "趋势",
    "需求",
    "竞争",
    "规则",
    "账号",
    "封号",
    "站点",
    "服务",
)
DOMAIN_BOOST = 60000

EN_DET_ONE = (
    "the",
    "the",
    "the",
    "the",
    "a",
    "a",
    "a",
    "this",
    "that",
    "each",
    "every",
    "its",
    "their",
    "one",
)
EN_DET_MANY = (
    "the",
    "the",
    "these",
    "many",
    "most",
    "some",
    "several",
    "their",
    "its",
    "those",
    "all",
)
EN_ADJ = (
    "cross-border",
    "global",
    "independent",
    "small",
    "large",
    "new",
    "local",
    "online",
    "mobile",
    "digital",
    "seasonal",
    "rising",
    "lower",
    "higher",
    "steady",
    "direct",
    "strong",
    "weak",
    "popular",
    "competitive",
    "regional",
    "overseas",
    "domestic",
    "average",
    "annual",
    "quarterly",
    "early",
    "late",
    "fast",
    "slow",
    "major",
    "key",
    "common",
    "private",
    "public",
    "full",
    "limited",
    "premium",
    "cheap",
    "reliable",
    "flexible",
    "complex",
    "simple",
    "recent",
    "current",
    "emerging",
    "dominant",
    "careful",
    "aggressive",
    "modest",
    "sharp",
    "gradual",
    "unexpected",
    "familiar",
    "crowded",
    "profitable",
    "costly",
    "efficient",
    "sustainable",
)
EN_NOUN = (
    "seller",
    "marketplace",
    "platform",
    "brand",
    "shopper",
    "consumer",
    "retailer",
    "warehouse",
    "carrier",
    "parcel",
    "shipment",
    "order",
    "listing",
    "review",
    "return",
    "refund",
    "fee",
    "tariff",
    "duty",
    "supplier",
    "factory",
    "buyer",
    "market",
    "channel",
    "campaign",
    "advertiser",
    "budget",
    "margin",
    "price",
    "discount",
    "inventory",
    "demand",
    "season",
    "quarter",
    "report",
    "survey",
    "analyst",
    "region",
    "country",
    "store",
    "checkout",
    "payment",
    "wallet",
    "currency",
    "rule",
    "fulfilment",
    "delivery",
    "route",
    "port",
    "container",
    "freight",
    "category",
    "product",
    "bundle",
    "subscription",
    "influencer",
    "creator",
    "video",
    "livestream",
    "audience",
    "conversion",
    "search",
    "keyword",
    "algorithm",
    "policy",
    "regulation",
    "label",
    "certificate",
    "customer",
    "exporter",
    "importer",
    "startup",
    "merchant",
    "account",
    "storefront",
    "forecast",
    "strategy",
    "promotion",
    "cost",
    "revenue",
    "growth",
    "share",
    "catalogue",
    "return-rate",
    "courier",
    "hub",
    "threshold",
    "exemption",
    "invoice",
)
EN_PLURAL_IRREGULAR = {
    "category": "categories",
    "strategy": "strategies",
    "currency": "currencies",
    "delivery": "deliveries",
    "country": "countries",
    "policy": "policies",
    "duty": "duties",
    "factory": "factories",
    "inventory": "inventories",
    "hub": "hubs",
    "search": "searches",
    "tax": "taxes",
}
EN_VERB = (  # (3rd person singular present, past)
    ("raises", "raised"),
    ("cuts", "cut"),
    ("expands", "expanded"),
    ("delays", "delayed"),
    ("reports", "reported"),
    ("launches", "launched"),
    ("tests", "tested"),
    ("drives", "drove"),
    ("reduces", "reduced"),
    ("doubles", "doubled"),
    ("targets", "targeted"),
    ("ships", "shipped"),
    ("sells", "sold"),
    ("buys", "bought"),
    ("tracks", "tracked"),
    ("changes", "changed"),
    ("offers", "offered"),
    ("requires", "required"),
    ("limits", "limited"),
    ("boosts", "boosted"),
    ("faces", "faced"),
    ("adds", "added"),
    ("drops", "dropped"),
    ("moves", "moved"),
    ("replaces", "replaced"),
    ("reaches", "reached"),
    ("shifts", "shifted"),
    ("covers", "covered"),
    ("builds", "built"),
    ("keeps", "kept"),
    ("finds", "found"),
    ("wins", "won"),
    ("loses", "lost"),
)
EN_PREP = (
    "in",
    "on",
    "for",
    "across",
    "from",
    "to",
    "with",
    "without",
    "through",
    "after",
    "before",
    "during",
    "under",
    "over",
    "amid",
    "despite",
)
EN_CONJ = ("and", "but", "while", "because", "although", "as", "so")
EN_PLACES = (
    "Europe",
    "the United States",
    "Southeast Asia",
    "Latin America",
    "Japan",
    "Germany",
    "the UK",
    "Brazil",
    "Mexico",
    "the Middle East",
    "Poland",
    "Indonesia",
    "Vietnam",
    "Shenzhen",
    "Yiwu",
    "Hangzhou",
    "Guangzhou",
    "Ningbo",
    "Saudi Arabia",
    "Australia",
    "Canada",
    "France",
    "Spain",
)
EN_NAMES = (
    "Li Wei",
    "Maria Gomez",
    "Tom Becker",
    "Chen Jing",
    "Aisha Rahman",
    "Jonas Berg",
    "Wang Fang",
    "Priya Nair",
    "Lucas Moreau",
    "Zhang Min",
    "Sarah Cole",
    "Kenji Sato",
)
EN_ROLES = (
    "an analyst",
    "head of operations",
    "a logistics manager",
    "founder",
    "a partner",
    "chief executive",
    "a marketplace consultant",
    "a customs broker",
)

ZH_NUMERALS = "一二三四五六七八九十"


# --------------------------------------------------------------------------- word sampler


class WordSampler:
    """Draws words i.i.d. by frequency, exactly, but mostly at C speed.

    A table of M = 2**20 slots holds each word floor(p * M) times; the few slots left
    over (about 6% of the mass) mean "draw from the residual distribution", done by a
    bisect over cumulative residual weights.  So P(word) = floor(pM)/M + resid/M = p.
    Table look-ups for a whole batch of 20-bit random indices go through itemgetter.
    """

    BITS = 20
    M = 1 << BITS
    _MASK_HIGH = bytes(range(16)) * 16  # keep the low 4 bits (BITS - 16) of a byte

    def __init__(self, words: Sequence[str], freqs: Sequence[int]) -> None:
        assert array("I").itemsize == 4
        total = sum(freqs)
        table: list[str | None] = []
        tail_words: list[str] = []
        tail_weights: list[int] = []
        for word, freq in zip(words, freqs, strict=True):
            q = freq * self.M
            slots = q // total
            if slots:
                table.extend([word] * slots)
            rest = q - slots * total
            if rest:
                tail_words.append(word)
                tail_weights.append(rest)
        table.extend([None] * (self.M - len(table)))
        self._table = table
        self._tail = tail_words
        self._tail_cum = [float(x) for x in itertools.accumulate(tail_weights)]
        self._tail_total = self._tail_cum[-1] if self._tail_cum else 0.0

    def sample(self, rng: random.Random, k: int) -> list[str]:
        if k <= 0:
            return []
        buf = bytearray(rng.randbytes(4 * k))
        buf[3::4] = bytes(k)  # little-endian 32-bit words cut to 20 bits
        buf[2::4] = buf[2::4].translate(self._MASK_HIGH)
        idx = array("I", buf)
        if sys.byteorder != "little":  # same output on big-endian machines
            idx.byteswap()
        head: tuple[str | None, ...] = (
            itemgetter(*idx)(self._table) if k > 1 else (self._table[idx[0]],)
        )
        missing = head.count(None)
        if not missing:
            return list(head)  # type: ignore[arg-type]
        rnd, cum, total, tail = rng.random, self._tail_cum, self._tail_total, self._tail
        extra = iter([tail[bisect(cum, rnd() * total)] for _ in range(missing)])
        return [w if w is not None else next(extra) for w in head]


def find_jieba_dict() -> Path:
    """Locate jieba's dict.txt without importing (and initialising) jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jieba is not installed: pip install jieba (bench dependency)")
    for loc in spec.submodule_search_locations:
        path = Path(loc) / "dict.txt"
        if path.is_file():
            return path
    raise FileNotFoundError("jieba's dict.txt not found")


_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
_TITLE_POS = {"n", "v", "vn", "nz", "ns", "nt", "l", "a", "an", "i", "nr", "j"}


def _common(word: str) -> bool:
    """Keep words written in GB2312 characters: news prose rarely uses the rest."""
    try:
        word.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@dataclass
class Vocab:
    body: WordSampler
    title_words: list[str]
    title_cum: list[float]


_VOCAB: Vocab | None = None
_DICT_PATH: Path | None = None


def set_dict_path(path: Path | None) -> None:
    global _DICT_PATH, _VOCAB
    if path != _DICT_PATH:
        _DICT_PATH, _VOCAB = path, None


def vocab() -> Vocab:
    global _VOCAB
    if _VOCAB is None:
        path = _DICT_PATH or find_jieba_dict()
        words: list[str] = []
        freqs: list[int] = []
        t_words: list[str] = []
        t_freqs: list[float] = []
        domain = set(DOMAIN_ZH)
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) < 2 or not _CJK_WORD.match(parts[0]) or not _common(parts[0]):
                    continue
                word, freq = parts[0], int(parts[1])
                pos = parts[2] if len(parts) > 2 else "x"
                if word in domain:
                    freq += DOMAIN_BOOST
                    domain.discard(word)
                words.append(word)
                freqs.append(freq)
                if len(word) >= 2 and pos in _TITLE_POS and freq >= 20:
                    t_words.append(word)
                    t_freqs.append(math.sqrt(freq) * (40 if freq > DOMAIN_BOOST else 1))
        for word in sorted(domain):  # topic words missing from the dictionary
            words.append(word)
            freqs.append(DOMAIN_BOOST)
        _VOCAB = Vocab(WordSampler(words, freqs), t_words, list(itertools.accumulate(t_freqs)))
    return _VOCAB


# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Meta:
    index: int
    day: date
    site: Site
    title: str
    url: str
    relpath: str
    target: int  # wanted file size in bytes


def _rng(seed: int, index: int, stream: int) -> random.Random:
    return random.Random((seed * 1_000_003 + index) * 8 + stream)


def _punct(half: bool) -> dict[str, str]:
    if half:
        return {",": ",", ":": ":", "(": "(", ")": ")", "lq": '"', "rq": '"', "!": "!", "?": "?"}
    return {",": "，", ":": "：", "(": "（", ")": "）", "lq": "“", "rq": "”", "!": "！", "?": "？"}


def _title_words(rng: random.Random, k: int) -> list[str]:
    v = vocab()
    return rng.choices(v.title_words, cum_weights=v.title_cum, k=k)


def _zh_title(rng: random.Random, half: bool, year: int) -> str:
    p = _punct(half)
    sp = " " if half else ""
    w = _title_words(rng, 8)
    brand = rng.choice(BRANDS)
    form = rng.randrange(8)
    if form == 0:
        t = f"{brand}{w[0]}{w[1]}{p[',']}{year}{sp}年{w[2]}{w[3]}的{w[4]}"
    elif form == 1:
        t = f"{w[0]}{w[1]}{p['!']}{w[2]}{w[3]}{w[4]}{w[5]}"
    elif form == 2:
        t = f"{w[0]}{w[1]}{p[':']}{w[2]}{w[3]}{w[4]}{w[5]}{w[6]}"
    elif form == 3:
        lead = f"{brand}{sp}{w[0]}{w[1]}" if rng.random() < 0.5 else f"{brand}{w[0]}{w[1]}"
        t = f"{lead}{w[2]}{p['?']}"
    elif form == 4:
        n = rng.choice([rng.randint(2, 99), round(rng.uniform(1, 60), 1)])
        unit = rng.choice(["亿美元", "万亿元", "%", "万单", "倍", "个国家", "万家"])
        t = f"{w[0]}{w[1]}{n}{unit}{p[',']}{w[2]}{w[3]}{w[4]}"
    elif form == 5:
        t = f"{p['lq']}{w[0]}{p['rq']}{w[1]}{w[2]}{p[',']}{w[3]}{w[4]}{w[5]}"
    elif form == 6:
        kind = rng.choice(["指南", "报告", "盘点", "分析", "攻略"])
        t = f"{year}{sp}年{w[0]}{w[1]}{w[2]}{w[3]}{kind}"
    else:
        t = f"{w[0]}{w[1]}{w[2]}{w[3]}{w[4]}"
    return t.strip()


def _en_plural(noun: str) -> str:
    if noun in EN_PLURAL_IRREGULAR:
        return EN_PLURAL_IRREGULAR[noun]
    return noun + "es" if noun.endswith(("s", "x", "ch", "sh")) else noun + "s"


def _en_noun_phrase(rng: random.Random, plural: bool | None = None) -> str:
    return _en_np(rng, plural)[0]


def _en_np(rng: random.Random, plural: bool | None = None) -> tuple[str, bool]:
    """A noun phrase and whether it is plural."""
    noun = rng.choice(EN_NOUN)
    if plural is None:
        plural = rng.random() < 0.45
    if plural:
        noun = _en_plural(noun)
    parts = []
    r = rng.random()
    if r < 0.15:
        parts.append(rng.choice(BRANDS))
    elif r < 0.22:
        parts.append(rng.choice(EN_PLACES).removeprefix("the "))
    if rng.random() < 0.5:
        parts.append(rng.choice(EN_ADJ))
    parts.append(noun)
    if plural:
        det = "" if rng.random() < 0.5 else rng.choice(EN_DET_MANY)
    else:
        det = rng.choice(EN_DET_ONE)
        if det == "a" and parts[0][:1].lower() in "aeiou":
            det = "an"
    return " ".join([det, *parts] if det else parts), plural


def _en_verb(rng: random.Random, past: bool, plural: bool) -> str:
    third, past_form = rng.choice(EN_VERB)
    if past:
        return past_form
    if not plural:
        return third
    return third[:-2] if third.endswith(("ches", "shes", "sses", "xes")) else third[:-1]


def _en_clause(rng: random.Random, past: bool) -> str:
    subj, plural = _en_np(rng)
    return f"{subj} {_en_verb(rng, past, plural)} {_en_noun_phrase(rng)}"


def _en_title(rng: random.Random, year: int) -> str:
    form = rng.randrange(6)
    brand = rng.choice(BRANDS)
    place = rng.choice(EN_PLACES)
    np1 = _en_noun_phrase(rng).title()
    if form == 0:
        t = f"How {brand} Sellers Can Handle {np1} in {year}"
    elif form == 1:
        t = f"{brand} {_en_verb(rng, False, False).title()} {np1} in {place}"
    elif form == 2:
        t = f"{np1}: What {place} Exporters Need to Know"
    elif form == 3:
        many = _en_plural(rng.choice(EN_NOUN)).title()
        verb = _en_verb(rng, False, True).title()
        t = f"{round(rng.uniform(2, 80), 1)}% of {many} Now {verb} {np1}"
    elif form == 4:
        t = f"Why {np1} Matters for {brand} in {year}"
    else:
        t = f"{year} Guide to {np1} and {_en_noun_phrase(rng).title()}"
    return re.sub(r"\s+", " ", t).strip()


def _slug(title: str, index: int) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return s[:60].rstrip("-") or f"article-{index}"


def _target_size(rng: random.Random) -> int:
    mu = math.log(SIZE_MEDIAN)
    while True:
        s = int(rng.lognormvariate(mu, SIZE_SIGMA))
        if SIZE_MIN <= s <= SIZE_MAX:
            return s


@lru_cache(maxsize=4096)
def meta(seed: int, n: int, index: int) -> Meta:
    """Everything other articles need to know about article `index` (pure function)."""
    rng = _rng(seed, index, 0)
    span = (LAST_DAY - FIRST_DAY).days
    day = FIRST_DAY + timedelta(days=min(span, int((index + rng.random()) * span / max(n, 1))))
    if rng.random() < ENGLISH_SHARE:
        site = _EN_SITES[bisect(_EN_CUM, rng.random() * _EN_CUM[-1])]
        title = _en_title(rng, day.year)
    else:
        site = _ZH_SITES[bisect(_ZH_CUM, rng.random() * _ZH_CUM[-1])]
        title = _zh_title(rng, site.halfwidth, day.year)
    art_id = 1_200_000 + index * 3 + rng.randrange(3)
    url = site.url.format(
        id=art_id, y=f"{day.year}", m=f"{day.month:02d}", slug=_slug(title, index)
    )
    digest = hashlib.blake2b(url.encode(), digest_size=8).hexdigest()
    relpath = f"{day.year}/{day.month:02d}/{index:06d}_{digest}.txt"
    return Meta(index, day, site, title, url, relpath, _target_size(rng))


# --------------------------------------------------------------------------- Chinese body


def _zh_number(rng: random.Random, sp: str) -> str:
    r = rng.randrange(7)
    if r == 0:
        return f"{rng.randint(2015, 2026)}{sp}年"
    if r == 1:
        return f"{round(rng.uniform(0.1, 90), 1)}%"
    if r == 2:
        return f"{round(rng.uniform(1, 9), 2)}{sp}万亿美元"
    if r == 3:
        return f"{rng.randint(2, 999)}亿元"
    if r == 4:
        return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    if r == 5:
        return f"{rng.randint(2, 95)}{sp}个百分点"
    return f"第{rng.choice('一二三四')}季度"


def _zh_sentences(rng: random.Random, p: dict[str, str], sp: str, n_sent: int) -> str:
    r = rng.random
    lens = [6 + int(r() * 29) for _ in range(n_sent)]
    words = vocab().body.sample(rng, sum(lens))
    comma, lq, rq = p[","], p["lq"], p["rq"]
    out: list[str] = []
    pos = 0
    for k in lens:
        sent = words[pos : pos + k]
        pos += k
        # decorations: a number, a brand, a quoted term, a 、 list
        x = r()
        if x < 0.35:
            sent[int(r() * k)] = _zh_number(rng, sp)
        if r() < 0.25:
            sent[int(r() * k)] = f"{sp}{BRANDS[int(r() * len(BRANDS))]}{sp}"
        if x > 0.88:
            i = int(r() * k)
            sent[i] = f"{lq}{sent[i]}{rq}"
        if 0.5 < x < 0.62 and k > 8:
            i = int(r() * (k - 4))
            sent[i : i + 3] = ["、".join(sent[i : i + 3])]
        clauses: list[str] = []
        j = 0
        n = len(sent)
        while j < n:
            step = 3 + int(r() * 9)
            clauses.append("".join(sent[j : j + step]).strip())
            j += step
        y = r()
        end = "。" if y < 0.93 else (p["!"] if y < 0.96 else p["?"])
        out.append((comma if y > 0.1 else "；").join(clauses) + end)
    return "".join(out)


def _zh_heading(rng: random.Random, p: dict[str, str], n: int, style: int) -> str:
    w = _title_words(rng, rng.randint(2, 5))
    text = "".join(w)
    if rng.random() < 0.3:
        text += p[","] + "".join(_title_words(rng, 2))
    if style == 0:
        return f"{ZH_NUMERALS[min(n, 9)]}、{text}"
    if style == 1:
        return f"{n + 1}、{text}"
    if style == 2:
        return f"{n + 1}){text}" if p[")"] == ")" else f"{n + 1}）{text}"
    return f"{p['(']}{ZH_NUMERALS[min(n, 9)]}{p[')']}{text}"


def _zh_credit(rng: random.Random, p: dict[str, str]) -> str:
    label = rng.choice(["图片来源", "图片来源", "数据来源", "图源"])
    src = rng.choice(CREDIT_SOURCES_ZH)
    if rng.random() < 0.3:
        src = " " + src
    return f"{p['(']}{label}{p[':']}{src}{p[')']}"


# --------------------------------------------------------------------------- English body


def _en_sentence(rng: random.Random, past: bool) -> str:
    form = rng.randrange(6)
    clause = _en_clause(rng, past)
    pp = f"{rng.choice(EN_PREP)} {rng.choice([_en_noun_phrase(rng), rng.choice(EN_PLACES)])}"
    if form == 0:
        s = f"{clause} {pp}"
    elif form == 1:
        s = f"{pp}, {clause}"
    elif form == 2:
        num = rng.choice(
            [
                f"{round(rng.uniform(1, 70), 1)}%",
                f"${round(rng.uniform(1, 90), 1)} billion",
                f"{round(rng.uniform(1, 9), 1)} million {_en_noun_phrase(rng, True)}",
                f"{rng.randint(2, 40)} percent",
            ]
        )
        s = f"according to {rng.choice(CREDIT_SOURCES_EN)}, {clause} by {num} {pp}"
    elif form == 3:
        s = f"{clause}, {rng.choice(EN_CONJ)} {_en_clause(rng, past)} {pp}"
    elif form == 4:
        inner = f"{clause} {pp}"
        return (
            f'"{inner[0].upper()}{inner[1:]}," said {rng.choice(EN_NAMES)}, '
            f"{rng.choice(EN_ROLES)} at {rng.choice(BRANDS)}."
        )
    else:
        s = f"in {rng.randint(2018, 2026)}, {clause} {pp}"
    return s[0].upper() + s[1:] + "."


def _en_paragraph(rng: random.Random, n_sent: int) -> str:
    past = rng.random() < 0.6
    return " ".join(_en_sentence(rng, past) for _ in range(n_sent))


def _en_heading(rng: random.Random, n: int) -> str:
    text = _en_noun_phrase(rng).title()
    if rng.random() < 0.4:
        text += f" and {_en_noun_phrase(rng).title()}"
    return f"{n + 1}. {text}" if rng.random() < 0.6 else text


def _en_credit(rng: random.Random) -> str:
    label = rng.choice(["Image source", "Source", "Photo", "Data source"])
    return f"({label}: {rng.choice(CREDIT_SOURCES_EN)})"


# --------------------------------------------------------------------------- article


def _links(rng: random.Random, seed: int, n: int, m: Meta, en: bool) -> list[str]:
    others = rng.randint(5, 12)  # related links, plus (usually) the self-link
    internal = round(others * rng.uniform(0.6, 0.9)) if n > 1 else 0
    picked: list[int] = []
    if internal and m.index > 0 and rng.random() < 0.8:
        picked.append(m.index - 1)  # the previous article of the archive, as in the real pages
    tries = 0
    while len(picked) < internal and tries < 100:
        tries += 1
        j = m.index + rng.randint(-300, 300) if rng.random() < 0.7 else rng.randrange(n)
        if 0 <= j < n and j != m.index and j not in picked:
            picked.append(j)
    internal_lines = [f"{meta(seed, n, j).title}:{meta(seed, n, j).url}" for j in picked]
    ext_lines: list[str] = []
    for _ in range(others - len(picked)):
        r = rng.random()
        if r < 0.5:
            if en:
                title = _en_title(rng, m.day.year)
            else:
                title = "".join(_title_words(rng, rng.randint(3, 7)))
            ext_lines.append(f"{title}:{EXT}/articles/{rng.randint(10_000, 200_000)}")
        elif r < 0.8:
            kw = rng.choice(EN_NOUN) if en else "".join(_title_words(rng, 1))
            ext_lines.append(f"{kw}:{EXT}/search?keyword={kw}")
        elif r < 0.9:
            ext_lines.append(f"click share:{EXT}/articles/{rng.randint(10_000, 99_999)}")
        else:
            name = rng.choice(["盘古", "百科", "Wiki"])
            ext_lines.append(f"{name}:{EXT}/w/{rng.randint(100, 9999)}")
    # externals first, then the archive's own pages (previous article last), like the real block
    prev = internal_lines[:1] if picked and picked[0] == m.index - 1 else []
    rest = internal_lines[len(prev) :]
    mixed = ext_lines + rest
    rng.shuffle(mixed)
    lines = mixed + prev
    self_link = rng.random() < 0.92
    if self_link:
        lines.append(f"{m.title}:{m.url}")
    return lines


def render(seed: int, n: int, index: int) -> tuple[Meta, str]:
    """The full text of article `index` of an `n`-article corpus."""
    m = meta(seed, n, index)
    rng = _rng(seed, index, 1)
    en = m.site.lang == "en"
    p = _punct(m.site.halfwidth)
    sp = " " if m.site.halfwidth else ""
    title_line = f"{m.site.prefix}:{m.title}"
    truncated = m.site.width is not None and len(title_line) > m.site.width
    if truncated:
        title_line = title_line[: m.site.width].rstrip()  # type: ignore[index]

    links = _links(rng, seed, n, m, en)
    has_self = bool(links) and links[-1] == f"{m.title}:{m.url}"
    alt_title = rng.random() < 0.5 or (truncated and not has_self)
    teaser = rng.random() < 0.35
    head = f"{m.day.isoformat()}\n\n{title_line}\n\n"
    tail = f"\n\n原文转载:{m.url}\n\n\n" + "\n".join(links) + "\n\nNo comments:\n\nPost a Comment"
    budget = m.target - len(head.encode()) - len(tail.encode())

    blocks: list[str] = []
    if alt_title:
        blocks.append(m.title)
        blocks.append(_en_credit(rng) if en else _zh_credit(rng, p))
    first_body = len(blocks)
    size = sum(len(b.encode()) + 2 for b in blocks)
    heading_style = rng.randrange(4)
    headings = 0
    since_heading = 0 if rng.random() < 0.5 else 99
    while True:
        if since_heading >= rng.randint(2, 6) and rng.random() < 0.5:
            blocks.append(
                _en_heading(rng, headings) if en else _zh_heading(rng, p, headings, heading_style)
            )
            headings += 1
            since_heading = 0
        elif blocks and rng.random() < 0.06:
            caption = (
                m.title
                if rng.random() < 0.6
                else (
                    _en_title(rng, m.day.year)
                    if en
                    else "".join(_title_words(rng, rng.randint(3, 6)))
                )
            )
            blocks.append(caption)
            blocks.append(_en_credit(rng) if en else _zh_credit(rng, p))
        else:
            n_sent = rng.randint(1, 6)
            blocks.append(_en_paragraph(rng, n_sent) if en else _zh_sentences(rng, p, sp, n_sent))
            since_heading += 1
        size += len(blocks[-1].encode()) + 2
        if size >= budget and since_heading > 0:
            break

    if teaser and len(blocks) > first_body + 1:
        # the scraper glued the article's opening, run together and cut short, onto the end
        run = "".join(blocks[first_body - 1 if alt_title else first_body :])
        cut = rng.randint(60, 180) if not en else rng.randint(150, 400)
        last = blocks[-1]
        if en:
            stop = last.find(". ", len(last) // 3)
            fragment = last[: stop + 2] if stop > 0 else last
        else:
            stop = last.find(p[","], len(last) // 3)
            fragment = last[: stop + 1] if stop > 0 else last
        blocks[-1] = fragment + run[:cut]
    return m, head + "\n\n".join(blocks) + tail


# --------------------------------------------------------------------------- planted copies
# The same story saved twice (issue 14): ``--duplicates F`` adds round(F * N) files under
# DIR/copies/, each a copy of a base article: a re-post (another site, date, URL and a
# footer of its own), a teaser (the first 30-50% of the body, "read more") or a light edit
# (a few words changed), and writes the truth to DIR/duplicates.tsv (copy, source, kind).
# A copy of a copy is allowed (a re-post's teaser): the truth is then the chain.

COPY_KINDS = ("repost", "teaser", "edit")


def _split(text: str) -> tuple[str, list[str], str]:
    """A rendered article as (head up to the title line, body blocks, tail from the URL)."""
    head_end = text.index("\n\n", text.index("\n\n") + 2) + 2
    tail_start = text.index("\n\n原文转载:")
    return text[:head_end], text[head_end:tail_start].split("\n\n"), text[tail_start:]


def _copy_of(seed: int, n: int, index: int, source: tuple[Meta, str]) -> tuple[str, str, str]:
    """Copy number *index* of the planted ones, made from *source*: (text, kind, name)."""
    rng = _rng(seed, n + index, 7)
    m, text = source
    kind = COPY_KINDS[rng.randrange(len(COPY_KINDS))]
    head, blocks, _tail = _split(text)
    en = m.site.lang == "en"
    sites = _EN_SITES if en else _ZH_SITES
    site = rng.choice([x for x in sites if x.prefix != m.site.prefix] or sites)
    day = m.day + timedelta(days=rng.randint(0, 9))
    url = f"https://copies.example.com/{kind}/{seed}/{index}"
    title = m.title
    if kind == "repost":
        footer = (
            f"Republished from {m.site.prefix} with permission. Follow {site.prefix} for more."
            if en
            else f"本文转载自{m.site.prefix}，版权归原作者所有。关注{site.prefix}，获取更多资讯。"
        )
        blocks = blocks + [footer]
    elif kind == "teaser":
        total = sum(len(b) for b in blocks)
        want = total * rng.uniform(0.30, 0.50)
        kept: list[str] = []
        for block in blocks:
            if sum(len(b) for b in kept) >= want:
                break
            kept.append(block)
        blocks = kept + (
            ["Read the full story at the source."] if en else ["点击原文链接阅读全文。"]
        )
        title = title + (" (summary)" if en else "（摘要）")
    else:  # a light edit: a few words changed
        blocks = list(blocks)
        for _ in range(rng.randint(2, 5)):
            i = rng.randrange(len(blocks))
            block = blocks[i]
            if len(block) < 20:
                continue
            if en:
                words = block.split(" ")
                j = rng.randrange(len(words))
                words[j] = rng.choice(("notably", "reportedly", "further", "largely"))
                blocks[i] = " ".join(words)
            else:
                j = rng.randrange(len(block) - 4)
                word = "".join(vocab().body.sample(rng, 1))
                blocks[i] = block[:j] + word + block[j + 2 :]
        site = m.site
    head = f"{day.isoformat()}\n\n{site.prefix}:{title}\n\n"
    tail = f"\n\n原文转载:{url}\n\n\nNo comments:\n\nPost a Comment"
    name = f"copies/{index:06d}_{kind}.txt"
    return head + "\n\n".join(blocks) + tail, kind, name


def plant_duplicates(
    n: int, out: Path, seed: int = 0, share: float = 0.1
) -> list[tuple[str, str, str]]:
    """Write round(share * n) copies of base articles under OUT/copies/ and their truth,
    OUT/duplicates.tsv (copy, source, kind; paths relative to OUT). Deterministic in
    (n, seed, share)."""
    count = round(share * n)
    rng = random.Random(seed * 7_919 + 13)
    made: list[tuple[str, str, Meta, str]] = []  # (name, text, meta of the story, source)
    rows: list[tuple[str, str, str]] = []
    (out / "copies").mkdir(parents=True, exist_ok=True)
    for index in range(count):
        if made and rng.random() < 0.15:  # a copy of a copy
            name0, text0, m0, _src = made[rng.randrange(len(made))]
            source_path, source = name0, (m0, text0)
        else:
            base = rng.randrange(n)
            source = render(seed, n, base)
            source_path = source[0].relpath
        text, kind, name = _copy_of(seed, n, index, source)
        (out / name).write_text(text, encoding="utf-8")
        made.append((name, text, source[0], source_path))
        rows.append((name, source_path, kind))
    with open(out / "duplicates.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("copy\tsource\tkind\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    return rows


# --------------------------------------------------------------------------- driver


def _manifest_row(m: Meta) -> str:
    return "\t".join([m.relpath, m.day.isoformat(), m.title, m.site.prefix, m.url, m.site.lang])


def _work(args: tuple[int, int, str, int, int]) -> list[tuple[str, int]]:
    seed, n, out, start, stop = args
    root = Path(out)
    rows: list[tuple[str, int]] = []
    made: set[Path] = set()
    for i in range(start, stop):
        m, text = render(seed, n, i)
        data = text.encode("utf-8")
        path = root / m.relpath
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        rows.append((_manifest_row(m), len(data)))
    return rows


def _init_worker(dict_path: Path | None) -> None:
    set_dict_path(dict_path)
    vocab()


def generate(
    n: int, out: Path, seed: int = 0, jobs: int = 1, dict_path: Path | None = None
) -> list[int]:
    """Write the corpus and manifest.tsv; return the file sizes in index order."""
    set_dict_path(dict_path)
    out.mkdir(parents=True, exist_ok=True)
    chunks = [(seed, n, str(out), a, min(n, a + CHUNK)) for a in range(0, n, CHUNK)]
    vocab()  # load before forking so workers share it
    results: Iterator[list[tuple[str, int]]]
    if jobs > 1 and len(chunks) > 1:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(dict_path,)) as pool:
            results = iter(list(pool.imap(_work, chunks)))
    else:
        results = map(_work, chunks)
    sizes: list[int] = []
    with open(out / "manifest.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("file\tdate\ttitle\tsite\turl\tlang\n")
        for rows in results:
            for row, size in rows:
                fh.write(row + "\n")
                sizes.append(size)
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("dir", type=Path, help="output folder")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--jobs",
        type=int,
        default=min(os.cpu_count() or 1, 4),
        help="worker processes (output does not depend on it)",
    )
    ap.add_argument("--dict", type=Path, default=None, help="jieba-style dict.txt to sample from")
    ap.add_argument(
        "--duplicates",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="also plant SHARE*N copies (re-posts, teasers, light edits) under DIR/copies/,"
        " the truth in DIR/duplicates.tsv",
    )
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    t0 = time.perf_counter()
    sizes = generate(args.n, args.dir, args.seed, args.jobs, args.dict)
    if args.duplicates > 0:
        planted = plant_duplicates(args.n, args.dir, args.seed, args.duplicates)
        print(f"{len(planted)} planted copies -> {args.dir / 'duplicates.tsv'}")
    secs = time.perf_counter() - t0
    med = statistics.median(sizes) / 1024
    print(
        f"{len(sizes)} files, {sum(sizes) / 1e6:.1f} MB, median {med:.1f} KB"
        f" (min {min(sizes) / 1024:.1f}, max {max(sizes) / 1024:.1f}), {secs:.1f} s"
        f" ({len(sizes) / secs:.0f} articles/s) -> {args.dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
