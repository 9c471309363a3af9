"""The key the article list sorts titles by (schema 6's ``articles.sort_title``).

Chinese titles sort by their pinyin, as readers expect (安全 before 北京, and 北京 next to
"beijing"), not by code point; Latin letters sort folded (case, width, accents). Each Han
character becomes the toneless pinyin of its most common reading (``pypinyin``'s
character table, which covers Traditional characters too), so 銀行 and 银行 get the same
key. Per character rather than ``pypinyin``'s phrase segmentation: measured 90 µs a title
with phrases (9 s for the migration of 100,000 articles) against a few µs with the table;
the price is a polyphone read its common way (重庆 sorts as "zhongqing").
"""

from __future__ import annotations

import unicodedata

_table: dict[str, str] | None = None


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFKD", reading)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _pinyin_table() -> dict[str, str]:
    """Character -> toneless pinyin of its first reading; loaded once (about 0.15 s)."""
    global _table
    if _table is None:
        from pypinyin.pinyin_dict import pinyin_dict

        _table = {chr(cp): _toneless(r.split(",", 1)[0]) for cp, r in pinyin_dict.items()}
    return _table


def _fold_latin(char: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    ).casefold()


def title_sort_key(title: str | None) -> str | None:
    """*title* as the list sorts it: Han characters as toneless lowercase pinyin, the rest
    folded (case, full-width forms, accents); None stays None."""
    if title is None:
        return None
    table = _pinyin_table()
    out: list[str] = []
    for char in title.strip():
        reading = table.get(char)
        if reading is not None:
            out.append(reading)
        elif char.isascii():
            out.append(char.lower())
        else:
            out.append(_fold_latin(char))
    return "".join(out)
