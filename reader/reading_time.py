"""How long an article takes to read: the figure behind the reader's "6 min left".

Chinese and Japanese are read by the character, other scripts by the word, at rates
from reading research for adults reading on screen (about 300 CJK characters and 230
English words a minute); a mixed article counts each part at its own rate. Kept out of
the UI so the CLI and tests can use the same figure.
"""

from __future__ import annotations

import re

CJK_PER_MINUTE = 300.0
WORDS_PER_MINUTE = 230.0

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_WORD = re.compile(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def reading_minutes(text: str) -> float:
    """Minutes a reader takes for *text* at a steady pace (0 for no text)."""
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(text))
    return cjk / CJK_PER_MINUTE + words / WORDS_PER_MINUTE


def minutes_left_label(minutes: float) -> str:
    """ "less than a minute left", "about 1 min left", "6 min left": rounded as people
    say it, never "0 min"."""
    if minutes < 0.75:
        return "less than a minute left"
    whole = max(1, round(minutes))
    return f"about {whole} min left" if whole == 1 else f"{whole} min left"
