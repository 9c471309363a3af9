"""Guess an article's language: ``zh-Hans``, ``zh-Hant``, ``en`` or another script.

Cheap enough to run on every imported article; Simplified versus Traditional is decided by
OpenCC (the maintained converter) rather than a home-made character table.
"""

from __future__ import annotations

import functools
import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z]")


@functools.lru_cache(maxsize=2)
def _converter(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def han_script(text: str) -> str:
    """``zh-Hant`` when the text changes more under Traditional->Simplified than back."""
    sample = "".join(_HAN.findall(text[:1500]))[:600]
    if not sample:
        return "zh-Hans"
    to_simplified = _converter("t2s.json").convert(sample)
    to_traditional = _converter("s2t.json").convert(sample)
    # Conversions are character for character for these configs; compare position-wise.
    t_chars = sum(map(str.__ne__, sample, to_simplified))
    s_chars = sum(map(str.__ne__, sample, to_traditional))
    return "zh-Hant" if t_chars > s_chars else "zh-Hans"


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Best guess from the text; a declared ``lang`` only breaks ties within Chinese."""
    sample = text[:1500]
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    latin = len(_LATIN.findall(sample))
    if kana > 20 and kana * 5 > han:
        return "ja"
    if hangul > 20 and hangul > han:
        return "ko"
    # One Han character carries about as much as a 4-letter word.
    if han and han * 4 >= latin * 0.5:
        return han_script(sample)
    if latin:
        if declared and not declared.lower().startswith("zh"):
            return declared.split("-")[0].lower()
        return "en"
    return declared
