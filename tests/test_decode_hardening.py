"""reader.decode never raises and never returns what cannot be stored (issue 8, part 2).

The decoder's own half of the contract that tests/parse/test_fuzz.py checks through
``parse_bytes``: declared "charsets" that are Python codecs but no character set, a codec
that fails in an unexpected way, and data cut inside a character by the read cap.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import Any

import pytest

from reader.decode import declared_encodings, decode_bytes

NOT_CHARSETS = [
    "undefined",
    "idna",
    "punycode",
    "unicode_escape",
    "raw_unicode_escape",
    "utf-7",
    "utf7",
    "rot13",
    "base64",
    "zlib_codec",
    "hex",
    "uu",
    "bz2_codec",
]


@pytest.mark.parametrize("label", NOT_CHARSETS)
def test_declarations_that_are_no_character_set_are_ignored(label: str) -> None:
    page = f'<meta charset="{label}"><meta charset="gb2312"><p>x</p>'.encode()
    assert declared_encodings(page, is_html=True) == ["gb18030"]


@pytest.mark.parametrize("label", ["utf_16_be", "UTF-16-LE", "utf_32", "utf-32-be"])
def test_a_utf16_or_utf32_label_in_an_ascii_page_means_utf8(label: str) -> None:
    """WHATWG: such a label cannot be true of a page whose markup reads as ASCII. Python's
    canonical spellings (utf-16-be...) slipped past the alias table and decoded a GBK page
    as UTF-16 garbage."""
    page = f'<meta charset="{label}"><meta charset="gbk"><p>港务局宣布</p>'.encode("gbk")
    assert declared_encodings(page, is_html=True) == ["utf-8", "gb18030"]
    decoded = decode_bytes(page, is_html=True)
    assert decoded.encoding == "gb18030"
    assert "港务局宣布" in decoded.text


def test_escape_codecs_cannot_make_lone_surrogates() -> None:
    page = b'<meta charset="unicode_escape"><p>\\ud800 \\udfff caf\xe9</p>'
    decoded = decode_bytes(page, is_html=True)
    decoded.text.encode("utf-8")
    assert "\\ud800 \\udfff" in decoded.text


BROKEN = "reader-test-broken-codec"


def _broken_decode(data: Any, errors: str = "strict") -> tuple[str, int]:
    raise ValueError("this codec is broken")


def _search(name: str) -> codecs.CodecInfo | None:
    if name != BROKEN.replace("-", "_"):
        return None

    class Incremental(codecs.IncrementalDecoder):
        def decode(self, data: Any, final: bool = False) -> str:
            raise ValueError("this codec is broken")

    return codecs.CodecInfo(
        name=BROKEN,
        encode=codecs.utf_8_encode,
        decode=_broken_decode,
        incrementaldecoder=Incremental,
    )


@pytest.fixture
def broken_codec() -> Iterator[str]:
    codecs.register(_search)
    try:
        yield BROKEN
    finally:
        codecs.unregister(_search)


@pytest.mark.parametrize("truncated", [False, True])
def test_a_codec_that_fails_oddly_does_not_stop_the_decoder(
    broken_codec: str, truncated: bool
) -> None:
    page = f'<meta charset="{broken_codec}"><p>caf\xe9 au lait</p>'.encode("cp1252")
    assert declared_encodings(page, is_html=True) == [broken_codec]
    decoded = decode_bytes(page, is_html=True, truncated=truncated)
    assert "café au lait" in decoded.text
    assert decoded.encoding != broken_codec


SENTENCES = {
    "utf-8": "港务局周二宣布，新的渡轮航线将每小时开行一班。😀",
    "gb18030": "港务局周二宣布，新的渡轮航线将每小时开行一班。㐀",
    "big5hkscs": "港務局週二宣布，新的渡輪航線將每小時開行一班。",
    "cp932": "東京の天気は明日も晴れるでしょう。政府は新しい経済対策を発表しました。",
    "euc_jp": "東京の天気は明日も晴れるでしょう。政府は新しい経済対策を発表しました。",
    "cp949": "서울의 날씨는 내일도 맑겠습니다. 정부는 새로운 경제 대책을 발표했습니다.",
    "iso2022_jp_2": "東京の天気は明日も晴れるでしょう。政府は新しい経済対策を発表しました。",
}


@pytest.mark.parametrize("codec", sorted(SENTENCES))
@pytest.mark.parametrize("repeat", [20, 1500])  # under and over the 64 KB sample
def test_truncated_data_drops_only_the_cut_character(codec: str, repeat: int) -> None:
    text = (SENTENCES[codec] + "\n") * repeat + SENTENCES[codec]
    data = text.encode(codec)
    for cut in range(1, 5):
        decoded = decode_bytes(data[:-cut], truncated=True)
        assert decoded.encoding == codec, cut
        assert "\ufffd" not in decoded.text, cut
        assert text.startswith(decoded.text), cut
        assert len(decoded.text) >= len(text) - 3, cut


def test_truncated_false_still_marks_an_incomplete_end() -> None:
    """Without *truncated* a file that ends inside a character is damaged, as before."""
    data = ("港务局周二宣布，新的渡轮航线将每小时开行一班。" * 5).encode("utf-8")[:-1]
    decoded = decode_bytes(data)
    assert decoded.text.endswith("\ufffd")
    assert not decoded.confident
