"""bytes -> str for archive files: BOMs, declared charsets, detection, real-world fixes.

Never raises on odd bytes: returns the best text it can and the encoding it chose; the
caller decides whether the result is an article at all.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes, *, is_html: bool = False) -> Decoded:
    """Decode *data*; provisional version (BOM, UTF-8, GB18030), replaced by the full one."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return Decoded(data.decode(enc, errors="replace"), enc)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return Decoded(data.decode("gb18030", errors="replace"), "gb18030")


def looks_binary(data: bytes) -> bool:
    """Provisional: NUL bytes without a UTF-16 BOM."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head
