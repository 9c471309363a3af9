"""reader.decode: BOMs, UTF-16 sniffing, declarations (honest and lying), CJK detection,
binary sniffing, and the real legacy-encoded corpus in /work/shared (skipped if absent)."""

from __future__ import annotations

import codecs
import csv
import random

import pytest

from reader.decode import Decoded, decode_bytes, decoding_quality, looks_binary
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "encodings-cjk"  # READER_SHARED_DIR, or ../shared

ZH_SIMPLIFIED = (
    "新华社北京电 国务院总理今天在人民大会堂主持召开会议，研究部署进一步做好经济工作。\n"
    "会议指出，今年以来我国经济运行总体平稳，就业形势基本稳定，市场信心有所恢复。\n"
    "English words and numbers 2024 mixed in.\n"
)
ZH_TRADITIONAL = (
    "中央社台北電 行政院今天召開會議，討論明年度的經濟發展計畫與預算。\n"
    "院長表示，政府將持續推動產業升級，並加強對中小企業的協助，讓民眾感受到經濟成長。\n"
)
JA = "東京の天気は明日も晴れるでしょう。政府は新しい経済対策を発表しました。\n"
KO = "서울의 날씨는 내일도 맑겠습니다. 정부는 새로운 경제 대책을 발표했습니다.\n"


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


# --------------------------------------------------------------------------- basics


def test_empty_input() -> None:
    result = decode_bytes(b"")
    assert result == Decoded("", "utf-8", True)
    assert not looks_binary(b"")


def test_decoded_is_a_slots_dataclass() -> None:
    result = decode_bytes(b"abc")
    assert not hasattr(result, "__dict__")
    assert (result.text, result.encoding, result.confident) == ("abc", "utf-8", True)


@pytest.mark.parametrize(
    ("codec", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("utf-16-le", b"", "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_unicode_encodings_with_and_without_bom(codec: str, bom: bytes, expected: str) -> None:
    data = bom + crlf(ZH_SIMPLIFIED).encode(codec)
    result = decode_bytes(data)
    assert result.text == ZH_SIMPLIFIED
    assert result.encoding == expected
    assert result.confident
    assert "\x00" not in result.text and "\r" not in result.text and "\ufeff" not in result.text


def test_utf8_sig_codec_output() -> None:
    assert decode_bytes("标题\n正文".encode("utf-8-sig")).text == "标题\n正文"


def test_line_endings_are_normalised() -> None:
    data = "一\r\n二\r三\n四\r\n".encode("gb18030")
    assert decode_bytes(data).text == "一\n二\n三\n四\n"
    assert decode_bytes(b"a\r\nb\rc").text == "a\nb\nc"


def test_nul_bytes_never_reach_the_text() -> None:
    result = decode_bytes(b"abc\x00def\x00")
    assert "\x00" not in result.text
    stray = decode_bytes(ZH_SIMPLIFIED.encode("utf-8") + b"\x00" + "结束".encode())
    assert (stray.text, stray.encoding) == (ZH_SIMPLIFIED + "结束", "utf-8")


def test_truncated_utf8_stays_utf8() -> None:
    data = ("中文新闻" * 50).encode("utf-8")[:-1]  # cut in the middle of the last character
    result = decode_bytes(data)
    assert result.encoding == "utf-8"
    assert not result.confident
    assert result.text.startswith("中文新闻" * 49)
    assert result.text.count("\ufffd") == 1


def test_iso_2022_jp() -> None:
    data = JA.encode("iso2022_jp")
    assert data.isascii()
    result = decode_bytes(data)
    assert result.text == JA
    assert result.encoding.startswith("iso2022_jp")


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (ZH_SIMPLIFIED, "gb18030", "gb18030"),
        (ZH_SIMPLIFIED, "gbk", "gb18030"),
        (ZH_SIMPLIFIED, "gb2312", "gb18030"),
        (ZH_TRADITIONAL, "big5", "big5hkscs"),
        (ZH_TRADITIONAL, "cp950", "big5hkscs"),
        (JA, "shift_jis", "cp932"),
        (JA, "euc_jp", "euc_jp"),
        (KO, "euc_kr", "cp949"),
    ],
)
def test_undeclared_legacy_cjk_is_detected(text: str, codec: str, expected: str) -> None:
    result = decode_bytes(crlf(text).encode(codec))
    assert result.text == text
    assert result.encoding == expected
    assert result.confident


def test_gbk_only_characters_decode_with_gb18030() -> None:
    text = "镕基和喆、堃、玥都不在GB2312里，但在GBK里。"
    data = text.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    assert decode_bytes(data).text == text


def test_western_legacy_falls_back_to_a_single_byte_codec() -> None:
    text = "Le gouvernement a annoncé mercredi une réforme très contestée à Paris.\n" * 3
    result = decode_bytes(text.encode("cp1252"))
    assert result.text == text


# --------------------------------------------------------------------------- HTML


def html(meta: str, body: str) -> str:
    return (
        f"<!DOCTYPE html>\n<html><head>{meta}<title>News</title></head>\n"
        f"<body><p>{body}</p></body></html>\n"
    )


def test_html_meta_charset() -> None:
    page = html('<meta charset="gb2312">', ZH_SIMPLIFIED)
    result = decode_bytes(page.encode("gb18030"), is_html=True)
    assert (result.text, result.encoding) == (page, "gb18030")


def test_html_http_equiv() -> None:
    page = html(
        '<meta http-equiv="Content-Type" content="text/html; charset=big5">', ZH_TRADITIONAL
    )
    result = decode_bytes(crlf(page).encode("big5"), is_html=True)
    assert (result.text, result.encoding) == (page, "big5hkscs")


def test_html_lying_meta_utf8_stored() -> None:
    page = html(
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', ZH_SIMPLIFIED
    )
    result = decode_bytes(page.encode("utf-8"), is_html=True)
    assert (result.text, result.encoding) == (page, "utf-8")


def test_html_toolbar_declares_utf8_before_the_pages_gb2312() -> None:
    # Wayback Machine style: the toolbar's meta/script come first, the page's own meta later.
    toolbar = (
        '<script src="/_static/js/bundle-playback.js" charset="utf-8"></script>\n'
        '<meta charset="utf-8">\n<!-- End Wayback Rewrite JS Include -->\n'
    )
    page = html(
        toolbar + '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"/>',
        ZH_SIMPLIFIED,
    )
    result = decode_bytes(page.encode("gb18030"), is_html=True)
    assert (result.text, result.encoding) == (page, "gb18030")
    assert result.confident


def test_declaration_that_does_not_decode_falls_back_to_detection() -> None:
    page = html('<meta charset="euc-kr">', ZH_TRADITIONAL)
    result = decode_bytes(page.encode("big5"), is_html=True)
    assert (result.text, result.encoding) == (page, "big5hkscs")


def test_weak_declarations_are_overruled_by_a_clear_reading() -> None:
    zh = html('<meta charset="iso-8859-1">', ZH_SIMPLIFIED)
    assert decode_bytes(zh.encode("gbk"), is_html=True).text == zh
    tw = html('<meta charset="gb2312">', ZH_TRADITIONAL)
    assert decode_bytes(tw.encode("big5"), is_html=True).text == tw


def test_xml_declaration_is_honoured_without_is_html() -> None:
    feed = f'<?xml version="1.0" encoding="Shift_JIS"?>\n<rss><title>{JA}</title></rss>\n'
    result = decode_bytes(feed.encode("cp932"))
    assert (result.text, result.encoding) == (feed, "cp932")


def test_unknown_or_non_text_declarations_are_ignored() -> None:
    for label in ("base64", "x-no-such-charset", "utf-16"):
        page = html(f'<meta charset="{label}">', ZH_SIMPLIFIED)
        assert decode_bytes(page.encode("gb18030"), is_html=True).text == page


# --------------------------------------------------------------------------- binary, quality

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61")
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + bytes(40)


@pytest.mark.parametrize(
    "data",
    [
        PNG,
        ELF,
        random.Random(1).randbytes(4096),
        bytes(range(256)) * 8,
        b"\x00" * 100,
        b"\x00\x01\x02\x03" * 100,
    ],
    ids=["png", "elf", "random", "all-bytes", "nuls", "utf16-shaped-controls"],
)
def test_binary_is_recognised(data: bytes) -> None:
    assert looks_binary(data)
    result = decode_bytes(data)  # still never raises
    assert "\x00" not in result.text


@pytest.mark.parametrize(
    "data",
    [
        ZH_SIMPLIFIED.encode("utf-8"),
        ZH_SIMPLIFIED.encode("gb18030"),
        codecs.BOM_UTF16_LE + ZH_SIMPLIFIED.encode("utf-16-le"),
        ZH_SIMPLIFIED.encode("utf-16-le"),
        ("News of the day\r\n" * 20).encode("utf-16-be"),
        b"plain text\n" + b"\x00" * 300,  # NUL padding after the text
        b"tabs\tand\x0cform feeds\x1b[0m\n",
    ],
    ids=["utf8", "gb18030", "utf16-bom", "utf16le-nobom", "utf16be-nobom", "nul-padding", "ctl"],
)
def test_text_is_not_binary(data: bytes) -> None:
    assert not looks_binary(data)


@pytest.mark.parametrize("seed", range(30))
def test_never_raises_on_random_bytes(seed: int) -> None:
    rng = random.Random(seed)
    data = rng.randbytes(rng.choice([1, 2, 3, 7, 100, 5000]))
    if seed % 3 == 0:
        data = ZH_SIMPLIFIED.encode("utf-8") + data
    result = decode_bytes(data, is_html=bool(seed % 2))
    assert isinstance(result.text, str)
    assert "\x00" not in result.text and "\r" not in result.text


def test_decoding_quality() -> None:
    assert decoding_quality("") == 1.0
    assert decoding_quality("plain ASCII\n") == 1.0
    assert decoding_quality(ZH_SIMPLIFIED) == 1.0
    assert decoding_quality("中文\ufffd\ufffd") == 0.5
    assert decoding_quality("\x01\x02ab") == 0.0
    garbage = decode_bytes(random.Random(7).randbytes(3000))
    assert decoding_quality(garbage.text) < decoding_quality(ZH_SIMPLIFIED)


# --------------------------------------------------------------------------- real corpus

# The Python codec whose output is "the right text" for each chardet folder label; the web
# (WHATWG) maps the same labels to the same supersets.
RIGHT_CODEC = {
    "GB2312": "gb18030",  # real "GB2312" files use GBK characters
    "Big5": "big5hkscs",  # identical to big5 on these files; cp950 differs on a few symbols
    "SHIFT_JIS": "cp932",  # Windows-31J: what Japanese Windows users actually wrote
    "EUC-JP": "euc_jp",
    "EUC-KR": "cp949",  # Unified Hangul Code, a superset of EUC-KR
    "utf-8": "utf-8",
}


def _corpus_rows() -> list[dict[str, str]]:
    tsv = CORPUS / "expected-encodings.tsv"
    if not tsv.is_file():
        return []
    with tsv.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


_ROWS = _corpus_rows()
_PARAMS = [pytest.param(row, id=row["path"]) for row in _ROWS] or [
    pytest.param(None, id="corpus-absent")
]


def _expected_text(data: bytes, codec: str) -> str:
    text = data.decode(codec, errors="replace")
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


@pytest.mark.parametrize("row", _PARAMS)
def test_corpus_file(row: dict[str, str] | None) -> None:
    if row is None:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    data = (CORPUS / row["path"]).read_bytes()
    result = decode_bytes(data, is_html=row["path"].endswith((".html", ".htm")))
    assert not looks_binary(data)
    if row["expected_encoding"] == "EUC-TW":
        # No Python codec (nor any browser) implements EUC-TW / CNS 11643, so "the right
        # text" cannot be produced here; what we require is that the guess is flagged.
        assert not result.confident
        return
    assert result.text == _expected_text(data, RIGHT_CODEC[row["expected_encoding"]])
    assert result.confident
    assert decoding_quality(result.text) > 0.99


def test_corpus_has_the_documented_size() -> None:
    if not _ROWS:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    assert len(_ROWS) == 161
