"""bytes -> str for archive files: BOMs, declared charsets, detection, real-world fixes.

Why this is more than ``data.decode(...)``: saved news pages come from two decades of
the web. Many are UTF-8 (the fast path, a single C-level decode), but a large share of
Chinese, Japanese and Korean archives are GB2312/GBK, Big5, Shift_JIS, EUC-JP or
EUC-KR, often without a declaration, and declarations lie: pages declare ``gb2312`` but
were re-saved as UTF-8, and Wayback Machine captures put the toolbar's ``utf-8`` in front
of the page's own ``gb2312``. Generic detectors (charset-normalizer, chardet) are slow on
big inputs and confuse the CJK encodings with each other, because GB18030 in particular
decodes almost any byte string without error. So the order is:

1. BOM (UTF-8, UTF-16, UTF-32); UTF-16 without BOM by its NUL pattern.
2. Strict UTF-8 (microseconds): valid, non-ASCII UTF-8 beats any declaration.
3. Declared charsets (``<?xml encoding>``, ``<meta charset>``, http-equiv), every one in
   the first 64 KB, in order: the first that decodes strictly wins -- unless it is one
   that decodes almost anything (gb18030, latin-1/cp1252) and detection finds a clearly
   better reading (Big5 declared as gb2312, GBK declared as iso-8859-1).
4. "Almost UTF-8" (a few corrupt bytes among many good multi-byte characters).
5. Detection on the first 64 KB: strict decodes with each CJK family (GB18030, Big5-HKSCS,
   CP932, EUC-JP, CP949) scored by how much of the result is everyday text (frequent
   hanzi/kanji, kana, frequent hangul, CJK punctuation) minus rare/private-use characters
   and decode errors. Only if nothing scores well: charset-normalizer, then cp1252.

Legacy names are mapped to the superset the web actually uses (WHATWG practice):
gb2312/gbk -> gb18030, big5 -> big5hkscs (cp950 as a fallback), shift_jis -> cp932,
euc-kr -> cp949, latin-1/ascii -> cp1252. EUC-TW (CNS 11643) has no Python codec and no
browser supports it either; such files come out as a best guess with ``confident=False``.

Never raises on odd bytes: returns the best text it can, the encoding it chose and whether
it is confident; the caller decides whether the result is an article at all (see
``looks_binary`` and ``decoding_quality``). Line endings come out as ``\\n``; no NULs.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Decoded", "declared_encodings", "decode_bytes", "decoding_quality", "looks_binary"]

SAMPLE_BYTES = 64 * 1024
"""Detection and declaration scanning look at this much of the data only."""

BINARY_SNIFF_BYTES = 8 * 1024


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    """Python codec name actually used (``utf-8``, ``gb18030``, ``big5hkscs``, ``cp932``...)."""
    confident: bool = True
    """False when the encoding was a guess or the bytes did not decode cleanly."""


# --------------------------------------------------------------------------- names

_ALIASES: dict[str, str] = {
    # Chinese, simplified: everything is decoded with the GB18030 superset.
    **dict.fromkeys(
        (
            "gb2312",
            "gbk",
            "gb18030",
            "gb_2312-80",
            "gb_2312",
            "x-gbk",
            "cp936",
            "ms936",
            "windows-936",
            "euc-cn",
            "euccn",
            "csgb2312",
            "chinese",
            "iso-ir-58",
            "x-euc-cn",
            "csiso58gb231280",
            "gb2312-80",
        ),
        "gb18030",
    ),
    "hz-gb-2312": "hz",
    # Chinese, traditional.
    **dict.fromkeys(
        ("big5", "big-5", "big5-hkscs", "big5hkscs", "x-x-big5", "cn-big5", "csbig5", "x-big5"),
        "big5hkscs",
    ),
    **dict.fromkeys(("cp950", "windows-950", "ms950", "x-windows-950"), "cp950"),
    # Japanese.
    **dict.fromkeys(
        (
            "shift_jis",
            "shift-jis",
            "sjis",
            "x-sjis",
            "ms_kanji",
            "csshiftjis",
            "windows-31j",
            "cp932",
            "ms932",
            "x-ms-cp932",
            "shiftjis",
            "s-jis",
        ),
        "cp932",
    ),
    **dict.fromkeys(("euc-jp", "x-euc-jp", "eucjp", "cseucpkdfmtjapanese", "ujis"), "euc_jp"),
    # Korean.
    **dict.fromkeys(
        (
            "euc-kr",
            "euckr",
            "ks_c_5601-1987",
            "ks_c_5601",
            "ksc5601",
            "ksc_5601",
            "windows-949",
            "cp949",
            "x-windows-949",
            "csksc56011987",
            "korean",
            "iso-ir-149",
            "uhc",
            "ms949",
        ),
        "cp949",
    ),
    # Western: browsers treat latin-1 and ASCII labels as windows-1252.
    **dict.fromkeys(
        (
            "iso-8859-1",
            "iso8859-1",
            "latin1",
            "latin-1",
            "l1",
            "us-ascii",
            "ascii",
            "cp1252",
            "windows-1252",
            "iso_8859-1",
            "cp819",
            "ibm819",
            "x-cp1252",
            "ansi_x3.4-1968",
        ),
        "cp1252",
    ),
    # A UTF-16/32 label inside an ASCII-compatible document cannot be true (WHATWG: UTF-8).
    **dict.fromkeys(
        (
            "utf-16",
            "utf-16le",
            "utf-16be",
            "utf-32",
            "utf-32le",
            "utf-32be",
            "ucs-2",
            "unicode",
            "utf-16-le",
            "utf-16-be",
            "utf-32-le",
            "utf-32-be",
        ),
        "utf-8",
    ),
    **dict.fromkeys(("utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"), "utf-8"),
}


_NOT_CHARSETS = frozenset(
    {"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7"}
)
"""Python text codecs that are no character set a page can be written in: ``undefined``
always raises, ``idna``/``punycode`` raise on any non-ASCII byte (and refuse
``errors="replace"``), the escape codecs turn ``\\ud800`` in the text into a lone surrogate,
and UTF-7 is the classic charset-sniffing attack that browsers refuse (WHATWG)."""


@lru_cache(maxsize=256)
def _codec_for(label: str) -> str | None:
    """Python codec for a declared charset label, or None if unknown / not a character set."""
    name = label.strip().strip("\"'").lower()
    if not name or len(name) > 40:
        return None
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib, rot13...
        return None
    if info.name in _NOT_CHARSETS:
        return None
    return _ALIASES.get(info.name, info.name)


# --------------------------------------------------------------------------- helpers

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_SURROGATE_FREE = frozenset(
    {
        "utf-8",
        "utf-16-le",
        "utf-16-be",
        "utf-32-le",
        "utf-32-be",
        "gb18030",
        "big5hkscs",
        "cp950",
        "cp932",
        "euc_jp",
        "euc_jis_2004",
        "cp949",
        "cp1252",
        "hz",
        "iso2022_jp_2",
        "iso2022_kr",
    }
)
"""Codecs whose strict or ``replace`` decoding never yields a lone surrogate (C codecs
that reject or replace them); any other declared codec's text is checked."""
_SURROGATE = re.compile("[\ud800-\udfff]")


def _finish(text: str, codec: str = "utf-8") -> str:
    """Newlines to \\n, no NULs, no leading BOM, no lone surrogates (U+FFFD instead)."""
    if codec not in _SURROGATE_FREE and not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            text = text.replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _sniff_utf16(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' if the NULs sit (almost) only at odd/even offsets."""
    n = len(sample) & ~1
    if n < 4:
        return None
    even = sample[0:n:2].count(0)
    odd = sample[1:n:2].count(0)
    units = n // 2
    if odd >= max(2, units // 100) and even * 10 <= odd:
        codec = "utf-16-le"
    elif even >= max(2, units // 100) and odd * 10 <= even:
        codec = "utf-16-be"
    else:
        return None
    text, errors = _decode_sample(sample[:n], codec, final=False)
    if errors * 50 > units or len(_CONTROL_CHAR_RE.findall(text)) * 50 > len(text):
        return None  # undecodable, or "text" full of control characters: binary
    return codec


_CONTROL_CHAR_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _decode(data: bytes, codec: str, errors: str, final: bool) -> str:
    """``data.decode(codec, errors)``; with *final* False, like a stream decoder, an
    incomplete character at the end is left out instead of being an error (the read cap
    cut the file there)."""
    if final:
        return data.decode(codec, errors)
    return codecs.getincrementaldecoder(codec)(errors).decode(data, final=False)


def _decode_sample(sample: bytes, codec: str, *, final: bool) -> tuple[str, int]:
    """Decode a (possibly truncated) sample; returns text and the number of decode errors.

    Never raises: a codec that fails otherwise than with UnicodeDecodeError (a codec
    module's own bug) counts as every byte an error, so it never wins."""
    try:
        return _decode(sample, codec, "strict", final), 0
    except UnicodeDecodeError:
        pass
    except Exception:  # noqa: BLE001 - see above
        return "", max(1, len(sample))
    try:
        text = _decode(sample, codec, "replace", final)
    except Exception:  # noqa: BLE001
        return "", max(1, len(sample))
    return text, text.count("\ufffd")


def _decode_full(data: bytes, codec: str, *, final: bool = True) -> tuple[str, bool]:
    """Decode all of *data* with *codec*; (text, strict_ok). Never raises (a codec that
    fails otherwise than with UnicodeDecodeError gives way to cp1252)."""
    try:
        return _decode(data, codec, "strict", final), True
    except UnicodeDecodeError:
        pass
    except Exception:  # noqa: BLE001 - a codec module's own failure
        return data.decode("cp1252", errors="replace"), False
    try:
        return _decode(data, codec, "replace", final), False
    except Exception:  # noqa: BLE001
        return data.decode("cp1252", errors="replace"), False


# --------------------------------------------------------------------------- declarations

_LABEL = rb"\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]{1,40})"
_XML_DECL_RE = re.compile(rb"^\s*<\?xml\s[^>]{0,200}?encoding" + _LABEL, re.I)
_META_RE = re.compile(rb"<meta\s[^>]{0,500}?charset" + _LABEL, re.I)


def declared_encodings(data: bytes, *, is_html: bool = False) -> list[str]:
    """Python codecs declared in the first 64 KB, in document order, without duplicates.

    The XML declaration is always honoured (it can only be at the very start); ``<meta>``
    declarations when *is_html* or when the data starts with ``<``. Only ``<meta>`` tags
    count: ``charset=`` on a ``<script>`` (the Wayback toolbar) says nothing about the page.
    """
    sample = data[:SAMPLE_BYTES]
    labels: list[bytes] = []
    if (m := _XML_DECL_RE.match(sample)) is not None:
        labels.append(m.group(1))
    if is_html or sample.lstrip()[:1] == b"<":
        labels.extend(m.group(1) for m in _META_RE.finditer(sample))
    out: list[str] = []
    for label in labels:
        codec = _codec_for(label.decode("ascii", "replace"))
        if codec is not None and codec not in out:
            out.append(codec)
    return out


# --------------------------------------------------------------------------- scoring

# Everyday characters. A correct decode of real CJK text is dominated by them (the few
# hundred most frequent hanzi cover ~75% of running Chinese text; kana make up about half
# of Japanese; a hundred syllables cover half of Korean); a wrong decode of the same bytes
# gives near-uniformly spread, mostly rare characters.
_ZH_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年"
    "过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心"
    "她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间"
    "由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给"
    "世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变"
    "四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社"
    "便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北"
    "边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济"
    "车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团"
    "集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企"
    "八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考"
    "落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音"
    "跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采"
    "举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普"
    "怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆"
    "习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担"
    "州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱"
    "抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版"
    "宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾"
    "吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康"
    "虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓"
    "督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋"
    "避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遭网站博客日志链接评论发表月日期"
)
_ZH_TRADITIONAL = (
    "這個們來為國說時會對於著後過發裡種經麼學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰"
    "頭體見產給東聲員義幾認條氣題爾別變總電數報結務場計區隊決書則聽卻達強難權設記類據邊張該規萬"
    "覺術領確傳師觀讓識帶導爭運飛風轉聯組濟車親極辦議證準遠單羅愛擊備連調質團價黨華級離況亞請際"
    "復線斷滿視須寫稱嗎顯圖歷醫專費號盡較語僅隨選紅響雖勢參眾構節維劃敵陳態護興驗責營夠嚴續講終"
    "緊黃絕圍織鬥雙紀採舉殺蘇訴細願錢網熱屬臉職樂剛狀獨彈創錯晚蘭試腦預誰陽繼驚傷藥衛險陸習勞財"
    "環納歡獲負雲遊龍樹層衝範異漢簡擔靜積餘檢靈協佔徵揮勝階審堅媽劉讀壓買養懷亂幫歲優鐵稅藝陣腳"
    "惡塊頓島戶評寶釋顧貨歐換聞壞討麗監臨舊艦魚雜誤灣減編測敗夢溫劍漸貴槍樓縣畫遺謝魯慮銷鐘詩趕"
    "劇損錄葉鄉禮婦歸飯額順輸搖脫補謂療澤滅筆鮮詞聖擇尋廠煙諾倫奧賣載園謀榮孫頂鎮練爺館網誌鏈評"
)
_JA_KANJI = (
    "日一人年大十二本中長出三時行見月分後前生五間上東四今金九入学高円子外八六下来気小七山話女北"
    "午百書先名川千水半男西電校語土木聞食車何南万毎白天母火右読友左休父雨会社者事自発的用私思新"
    "合場方手目言作業実全同彼地部当理問題家成度関定内物化持通記最回意現代法明近開性"
)
_KO_SYLLABLES = (
    "이다에의는로하을가고지서한은기으년대사시를리도인스일있것수그나들게해요니만적정자아어면라부상"
    "제국전장주보우원여비내과와습까했되된할었야저소경동성모없통화무방문위공개미구관생세선영신회물"
    "마업명분말중계연실운식학발안드트더때또등번요즘오늘우리너무좋같네님데처음많이"
)
_PUNCT = "，。、；：？！“”‘’「」『』《》〈〉（）【】…—·・ー　々〜～"

_KANA = "\u3041-\u3096\u30a1-\u30fa"


def _charclass(chars: str, ranges: str = "") -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(set(chars))) + ranges + "]")


# Each codec is judged by the language it is used for: kana only make sense in a Japanese
# reading, hangul only in a Korean one (GB2312 and EUC-JP share the kana rows, so a
# language-blind score cannot tell Japanese read as GB18030 from the real thing).
_ZH_RE = _charclass(_ZH_SIMPLIFIED + _ZH_TRADITIONAL + _PUNCT)
_JA_RE = _charclass(_JA_KANJI + _ZH_SIMPLIFIED + _ZH_TRADITIONAL + _PUNCT, _KANA)
_KO_RE = _charclass(_KO_SYLLABLES + _ZH_TRADITIONAL + _PUNCT)
_LANGUAGE_RE: dict[str, re.Pattern[str]] = {
    "gb18030": _ZH_RE,
    "big5hkscs": _ZH_RE,
    "cp950": _ZH_RE,
    "cp932": _JA_RE,
    "euc_jp": _JA_RE,
    "euc_jis_2004": _JA_RE,
    "cp949": _KO_RE,
}
_ANY_RE = _charclass(_ZH_SIMPLIFIED + _ZH_TRADITIONAL + _JA_KANJI + _KO_SYLLABLES + _PUNCT, _KANA)

# Characters a correct decode of ordinary text almost never produces.
_RARE_RE = re.compile(
    "[\ufffd\u0080-\u009f\ue000-\uf8ff\uf900-\ufaff\u3400-\u4dbf\u3131-\u318e\uff61-\uff9f"
    "\U00010000-\U0010ffff]"
)
_ASCII_RUN_RE = re.compile("[\x00-\x7f]+")


def _score(text: str, codec: str) -> float:
    """How much of the non-ASCII part of *text* is everyday text in *codec*'s language."""
    rest = _ASCII_RUN_RE.sub("", text)
    if not rest:
        return 0.0
    common = len(_LANGUAGE_RE.get(codec, _ANY_RE).findall(rest))
    rare = len(_RARE_RE.findall(rest))
    return (common - 2.0 * rare) / len(rest)


SCORE_WINDOW = 2048
"""Bytes, from the first non-ASCII byte, whose decode is scored (the per-character scoring
is the expensive part; a thousand or so CJK characters are plenty to judge)."""
_NON_ASCII_BYTE_RE = re.compile(rb"[\x80-\xff]")


_CJK_CANDIDATES: tuple[tuple[str, ...], ...] = (
    # (primary, fallbacks used only when the primary has decode errors)
    ("gb18030",),
    ("big5hkscs", "cp950"),
    ("cp932",),
    ("euc_jp", "euc_jis_2004"),
    ("cp949",),
)

_WEAK_DECLARATIONS = frozenset({"gb18030", "cp1252", "iso8859-15", "cp1250", "iso8859-2"})
OVERRULE_MARGIN = 0.3

GOOD_SCORE = 0.3
"""Score above which a strict CJK decode is trusted without asking charset-normalizer."""


Scored = tuple[float, int, int]
"""(score, decode errors, non-ASCII characters) of one candidate codec on the sample."""


def _detect(sample: bytes, *, final: bool, extra: list[str]) -> dict[str, Scored]:
    """Scores of *extra* (declared codecs, +0.05) then of the CJK candidates, in order.

    Every candidate decodes the whole sample (C speed) to count errors; only candidates
    with few errors get their first ``SCORE_WINDOW`` bytes of non-ASCII text scored.
    """
    first = _NON_ASCII_BYTE_RE.search(sample)
    start = first.start() if first is not None else 0
    window = sample[start : start + SCORE_WINDOW]
    window_final = final and start + SCORE_WINDOW >= len(sample)
    scores: dict[str, Scored] = {}
    best = -1e9
    groups: list[tuple[str, ...]] = [(c,) for c in extra] + list(_CJK_CANDIDATES)
    seen: set[str] = set()
    for group in groups:
        for codec in group:
            if codec in seen:
                break
            seen.add(codec)
            text, errors = _decode_sample(sample, codec, final=final)
            n = len(text) - len(text.encode("ascii", "ignore"))
            bonus = 0.05 if codec in extra else 0.0  # the document said so: wins ties
            penalty = 8.0 * errors / n if n else 0.0
            if n == 0:
                score = bonus
            elif 1.0 + bonus - penalty <= best:
                score = -penalty  # cannot win even if every character were common: skip
            else:
                wtext, _ = _decode_sample(window, codec, final=window_final)
                score = _score(wtext, codec) + bonus - penalty
            scores[codec] = (score, errors, n)
            best = max(best, score)
            if errors == 0:
                break
    return scores


def _best(scores: dict[str, Scored]) -> tuple[str, float, int, int]:
    """The highest-scoring candidate (the earliest on ties) as (codec, score, errors, n)."""
    codec = max(scores, key=lambda c: scores[c][0])
    return (codec, *scores[codec])


def _charset_normalizer_guess(sample: bytes) -> tuple[str, bool] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    try:
        match = from_bytes(sample[:16384]).best()
    except Exception:  # noqa: BLE001 - a detector bug must not stop an import
        return None
    if match is None:
        return None
    codec = _codec_for(match.encoding)
    if codec is None:
        return None
    return codec, match.chaos < 0.1


# --------------------------------------------------------------------------- public API


def decode_bytes(data: bytes, *, is_html: bool = False, truncated: bool = False) -> Decoded:
    """Decode archive file *data* to text (``\\n`` newlines, no NULs). Never raises.

    *truncated*: *data* is the start of a longer file (the read cap cut it), so it may end
    inside a character; that incomplete character is left out rather than making the whole
    file undecodable (UTF-8) or adding a replacement character.
    """
    if not data:
        return Decoded("", "utf-8")
    final = not truncated
    # 1. BOMs.
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text, ok = _decode_full(data[len(bom) :], codec, final=final)
            return Decoded(_finish(text, codec), codec, ok)
    # UTF-16 without BOM (ASCII-compatible legacy encodings never contain NUL bytes).
    utf16 = _sniff_utf16(data[:BINARY_SNIFF_BYTES]) if b"\x00" in data else None
    if utf16 is not None:
        if truncated:
            text, ok = _decode_full(data, utf16, final=False)
        else:
            text, ok = _decode_full(data[: len(data) & ~1], utf16)
            ok = ok and len(data) % 2 == 0
        return Decoded(_finish(text, utf16), utf16, ok)
    # 2. UTF-8 fast path.
    try:
        text = _decode(data, "utf-8", "strict", final)
    except UnicodeDecodeError:
        pass
    else:
        if not text.isascii() or (b"\x1b" not in data and b"~{" not in data):
            return Decoded(_finish(text), "utf-8")
        return _decode_seven_bit(data, text, is_html, final)
    sample = data[:SAMPLE_BYTES]
    sample_final = final and len(data) <= SAMPLE_BYTES
    # 3. Declarations: the first that decodes everything strictly.
    declared = declared_encodings(data, is_html=is_html)
    failed_declared: list[str] = []
    for codec in declared:
        if codec == "utf-8":
            failed_declared.append(codec)  # the fast path already tried it
            continue
        text, ok = _decode_full(data, codec, final=final)
        if ok:
            if codec in _WEAK_DECLARATIONS:
                # GB18030 and single-byte codecs decode (almost) anything without error, so
                # "decodes strictly" proves little: a Big5 page declaring gb2312, or a GBK
                # page declaring iso-8859-1 (a classic template default), is overruled by a
                # clearly better reading.
                scores = _detect(sample, final=sample_final, extra=[codec])
                other, score, errors, n = _best(scores)
                if (
                    other != codec
                    and errors == 0
                    and n >= 8
                    and score >= scores[codec][0] + OVERRULE_MARGIN
                ):
                    other_text, other_ok = _decode_full(data, other, final=final)
                    if other_ok:
                        return Decoded(_finish(other_text, other), other, True)
            return Decoded(_finish(text, codec), codec, True)
        failed_declared.append(codec)
    # 4. Almost UTF-8: a few corrupt bytes among many good multi-byte characters.
    u8, u8_errors = _decode_sample(sample, "utf-8", final=sample_final)
    if u8_errors:
        good = len(u8) - len(u8.encode("ascii", "ignore")) - u8_errors
        if good >= 10 and good >= 20 * u8_errors:
            return Decoded(_finish(_decode(data, "utf-8", "replace", final)), "utf-8", False)
    # 5. Detection.
    codec, score, errors, n = _best(_detect(sample, final=sample_final, extra=failed_declared))
    if score >= GOOD_SCORE or (n and n <= 4 and errors == 0 and score > 0):
        text, ok = _decode_full(data, codec, final=final)
        return Decoded(_finish(text, codec), codec, ok and score >= GOOD_SCORE)
    guess = _charset_normalizer_guess(sample)
    if guess is not None:
        cn_codec, clean = guess
        text, ok = _decode_full(data, cn_codec, final=final)
        return Decoded(_finish(text, cn_codec), cn_codec, ok and clean)
    if errors == 0 and score > 0:
        text, ok = _decode_full(data, codec, final=final)
        return Decoded(_finish(text, codec), codec, False)
    return Decoded(_finish(data.decode("cp1252", errors="replace")), "cp1252", False)


def _decode_seven_bit(data: bytes, ascii_text: str, is_html: bool, final: bool) -> Decoded:
    """Pure-ASCII data with escape sequences: ISO-2022-JP/KR/CN or HZ if they decode."""
    candidates = [
        c for c in declared_encodings(data, is_html=is_html) if c.startswith("iso2022") or c == "hz"
    ]
    if b"\x1b" in data:
        candidates += ["iso2022_jp_2", "iso2022_kr"]
    for codec in candidates:
        text, ok = _decode_full(data, codec, final=final)
        if ok and text != ascii_text:
            return Decoded(_finish(text, codec), codec)
    return Decoded(_finish(ascii_text), "utf-8")


_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x0b\x1b\x08")
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"BZh91AY&SY",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\xfd7zXZ\x00",
    b"SQLite format 3\x00",
    b"OggS\x00",
    b"wOFF",
    b"wOF2",
    b"\x00asm",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"MSCF\x00\x00\x00\x00",
    b"II*\x00",
    b"MM\x00*",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\x28\xb5\x2f\xfd",
)


def looks_binary(data: bytes) -> bool:
    """Whether *data* is binary (image, archive, executable...) rather than text.

    Looks at the first 8 KB: well-known file signatures, NUL bytes, and the density of
    control characters. UTF-16/32 text (with a BOM, or UTF-16 recognised by NULs at every
    other byte) is text; trailing NUL padding after real text is tolerated.
    """
    head = data[:BINARY_SNIFF_BYTES]
    if not head:
        return False
    if (
        head.startswith(_BINARY_MAGIC)
        or head[4:8] == b"ftyp"
        or (head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "))
    ):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return False
    if b"\x00" in head:
        if _sniff_utf16(head) is not None:
            return False
        stripped = head.rstrip(b"\x00") if len(data) <= BINARY_SNIFF_BYTES else head
        if not stripped or b"\x00" in stripped:
            return True
        head = stripped
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls * 20 > len(head)  # > 5% control characters


def decoding_quality(text: str) -> float:
    """Share of the non-ASCII/control characters of *text* that are not decode debris.

    1.0 for clean text (and for pure ASCII); U+FFFD, C0/C1 control characters and
    private-use characters count as debris. A caller can reject a file below, say, 0.9.
    """
    interesting = _ASCII_RUN_RE.sub("", text.translate(_KEEP_CONTROLS)) if text else ""
    if not interesting:
        return 1.0
    bad = len(_DEBRIS_RE.findall(interesting))
    return 1.0 - bad / len(interesting)


# Map C0 controls (except whitespace) to U+0080 so that they survive the ASCII-run removal
# and are counted as debris.
_KEEP_CONTROLS = {c: "\u0080" for c in range(32) if chr(c) not in "\t\n\r\x0c\x0b"}
_DEBRIS_RE = re.compile("[\ufffd\u0080-\u009f\ue000-\uf8ff]")
